"""Benchmarks (`make bench`): medians measured side by side in one run. Not tests: no pass/fail.

    wechat   signed plaintext and safe-mode POSTs to /wechat over real HTTP on 127.0.0.1
    classify median intent classification time over the labelled set
"""

from __future__ import annotations

import argparse
import importlib
import sys

BENCHES = ["bench.wechat_latency", "bench.classify", "bench.recipients"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="run the benchmarks")
    parser.add_argument("only", nargs="*", help="benchmark names (default: all)")
    args = parser.parse_args(argv)
    for name in BENCHES:
        short = name.rsplit(".", 1)[1]
        if args.only and short not in args.only:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        print(f"== {short}")
        module.run()
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
