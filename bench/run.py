"""Benchmarks (`make bench`): figures measured side by side in one run, medians of several. Not
tests: nothing here passes or fails. `make test` runs each once in miniature (tests/test_bench.py).

    webhook     our bot vs a bare Flask + wechatpy echo bot under the same gunicorn: req/s, ratio, p50/p99
                (the mix, the hot question, safe mode, a festival-morning burst)
    pushes      outbox → 企业微信 fake with the real rate limits: messages/s, the limit held in every window
    coldstart   start to first answered message; memory per process
    recipients  choosing a day's recipients among 10,000 and 100,000 members
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time

QUICK = {  # the smoke run's sizes: every code path, none of the time
    "webhook": {"seconds": 1, "rounds": 1},
    "pushes": {"messages": 20, "rounds": 1},
    "coldstart": {"starts": 1},
    "recipients": {"sizes": (200, 1000)},
}
NAMES = ["webhook", "pushes", "coldstart", "recipients"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="run the benchmarks")
    parser.add_argument("only", nargs="*", choices=[[], *NAMES], help="benchmark names (default: all)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run, figures meaningless")
    args = parser.parse_args(argv)
    import importlib

    print(f"# {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · python -m bench.run {' '.join(argv or sys.argv[1:])}")
    print(f"# machine: {os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}, "
          f"Python {platform.python_version()}")
    for name in NAMES:
        if args.only and name not in args.only:
            continue
        print(f"\n== {name}")
        sys.stdout.flush()
        start = time.monotonic()
        importlib.import_module(f"bench.{name}").run(**(QUICK[name] if args.quick else {}))
        print(f"   ({time.monotonic() - start:.0f} s)")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
