"""System calls and CPU time per message, in one process through the WSGI app (issue 23): figures that
do not move with the machine's load, unlike requests per second.

    python -m bench.syscalls                   CPU µs per message (hot question, greeting, suggestion)
    strace -f -o trace.txt python -m bench.syscalls --marked -n 2000
    python -m bench.syscalls --count trace.txt system calls per message, by name, between the markers

Pre-signed messages from 8 teachers (the hot question, 最近有什么活动; the greeting, 你好) and
anonymous suggestions (one message each, its own text), sent after a warm-up. With --marked, each
kind of message is framed by two `stat` calls on a path that names it, so that --count can count
what happened between them. Run it from another tree's folder (with this file's path) to measure
that tree.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path

KINDS = {"hot": "最近有什么活动", "greeting": "你好", "suggestion": None}
MARK = "/unionbot-bench-mark-"


def mark(label: str) -> None:
    try:
        os.stat(MARK + label)
    except FileNotFoundError:
        pass


def messages(kind: str, n: int, start: int) -> list[tuple[str, bytes]]:
    from tests.procs import signed_text

    out = []
    for i in range(n):
        if kind == "suggestion":
            user = "ob-suggest"
            text = f"匿名建议：第{i}条，食堂排队太长，希望增加窗口并公开菜价 {secrets.token_hex(4)}"
        else:
            user, text = f"ob-sys-{i % 8}", KINDS[kind]
        out.append(signed_text(user, text, str(start + i), "bench-token"))
    return out


def run(n: int, marked: bool, kinds: list[str]) -> dict[str, float]:
    from bench.suggestion_cost import build

    workdir = Path(tempfile.mkdtemp(prefix="unionbot-sys-"))
    try:
        app, bot = build(workdir)
        for u in range(8):
            member = bot.store.members.add(staff_no=f"7{u:04d}", name=f"系统{u}")
            bot.store.bindings.bind("wechat", f"ob-sys-{u}", member.id)
        client = app.test_client()
        cpu = {}
        start = 10**9
        for kind in kinds:
            count = n if kind != "suggestion" else max(1, n // 20)
            warm, timed = messages(kind, 50, start), messages(kind, count, start + 50)
            start += 50 + count
            for path, body in warm:
                client.post(path, data=body, headers={"Content-Type": "text/xml"})
            bot.dispatch.flush()
            if marked:
                mark(f"{kind}-start")
            t0 = time.process_time()
            for path, body in timed:
                resp = client.post(path, data=body, headers={"Content-Type": "text/xml"})
                assert resp.status_code == 200, resp.status_code
            cpu[kind] = (time.process_time() - t0) * 1e6 / count
            if marked:
                mark(f"{kind}-end:{count}")
        return cpu
    finally:
        from storage.claims import remove_under

        remove_under(str(workdir))  # the claims' mappings in /dev/shm
        shutil.rmtree(workdir, ignore_errors=True)


def count(trace: Path) -> None:
    """Per kind: system calls per message between its two markers, by name (all threads)."""
    inside, counts, per = None, collections.Counter(), 1
    for line in trace.read_text(errors="replace").splitlines():
        if MARK in line:
            label = line.split(MARK, 1)[1].split('"', 1)[0]
            if label.endswith("-start"):
                inside, counts = label[:-6], collections.Counter()
            else:
                per = int(label.rsplit(":", 1)[1])
                total = sum(counts.values())
                top = ", ".join(f"{k} {v / per:.2f}" for k, v in counts.most_common())
                print(f"{inside:11} {total / per:6.1f} per message ({per}): {top}")
                inside = None
            continue
        if inside is None:
            continue
        m = re.match(r"^(?:\[pid\s+\d+\]\s+|\d+\s+)?([a-z_0-9]+)\(", line)
        if m:  # a call's first line ("<... x resumed>" continues one already counted)
            counts[m.group(1)] += 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.syscalls")
    parser.add_argument("-n", type=int, default=2000, help="messages per kind (suggestions: a twentieth)")
    parser.add_argument("--marked", action="store_true", help="frame each kind with markers for strace")
    parser.add_argument("--count", type=Path, help="count a strace -f -o file's calls between the markers")
    parser.add_argument("--kinds", default="hot,greeting,suggestion")
    args = parser.parse_args(argv)
    if args.count:
        count(args.count)
        return 0
    cpu = run(args.n, args.marked, args.kinds.split(","))
    for kind, us in cpu.items():
        print(f"{kind:11} CPU {us:8.0f} µs per message")
    print(f"(median {statistics.median(cpu.values()):.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
