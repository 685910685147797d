"""How long a suggestion holds the scratch file's writers' lock for compact() as the day's tray grows
(issue 23, sixth round): compact() rewrites every private row in key order in the suggestion's own
commit, so its cost grows with the day's suggestions.

    python -m bench.compact_cost                 (trays of 100, 200 and 300 suggestions)
    PYTHONPATH=. python /path/to/bench/compact_cost.py     (from another tree's folder: that tree)

For each size: a fresh store; suggestions of about 40 characters (as the mix sends them; with
--long-every N, one in N about 600) submitted one by one; the median CPU time (this thread) of compact() over the last 20 submissions before
the size is reached (compact runs inside the submission's transaction, so this is time under the
lock), and of the whole submission.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def measure(sizes: list[int], last: int = 20, long_every: int = 0) -> list[tuple[int, float, float]]:
    import storage.suggestions as suggestions
    from bot.clock import FrozenClock
    from storage import Store

    original = suggestions.compact
    spent: list[float] = []

    def timed(db) -> None:
        t0 = time.thread_time()
        original(db)
        spent.append(time.thread_time() - t0)

    suggestions.compact = timed
    workdir = Path(tempfile.mkdtemp(prefix="unionbot-compact-"))
    out = []
    try:
        store = Store.open(str(workdir / "c.db"), FrozenClock())
        done, whole = 0, []
        for size in sizes:
            while done < size:
                text = f"第{done}条：食堂排队太长，希望增加窗口并公开菜价 {secrets.token_hex(4)}"
                if long_every and done % long_every == 0:
                    text += "，另外希望周末开放活动室" * 50
                t0 = time.thread_time()
                store.suggestions.submit("建议", text, None, secrets.token_hex(16))
                whole.append(time.thread_time() - t0)
                done += 1
            out.append((size, statistics.median(spent[-last:]) * 1e3, statistics.median(whole[-last:]) * 1e3))
        return out
    finally:
        suggestions.compact = original
        from storage.claims import remove_under

        remove_under(str(workdir))  # the claims' mappings in /dev/shm
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compact_cost")
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 200, 300])
    parser.add_argument("--long-every", type=int, default=0, help="one suggestion in N about 600 characters")
    args = parser.parse_args(argv)
    for size, held, whole in measure(args.sizes, long_every=args.long_every):
        print(f"tray {size:4}: compact (under the lock) median {held:6.2f} ms CPU; whole submission {whole:6.2f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
