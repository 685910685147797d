"""What the delivery claim costs the hot question, and what a claim outside the journaled scratch file
could save (issue 23, sixth round): a measurement to decide on, not a design.

    python -m bench.claim_bound            (3 processes per variant, interleaved, each 3 x 1,000 hot questions)

In one process through the WSGI app (pre-signed messages from 8 teachers, as bench.syscalls), CPU µs
per message for:
- ours:  the tree as it is (since the seventh round: the claims in storage/claims.py's shared mapping);
- file:  the tree with UNIONBOT_CLAIMS=file, claims as before the seventh round (the claim, the signed-URL
         record and the conversation read in one scratch transaction; the reply carried by the next claim);
- shm:   the claim and the signed-URL record in a table in a shared memory-mapped file (/dev/shm),
         taken under an flock, with the reply written into the delivery's slot; the conversation
         still read from the scratch file (a read under the writers' lock). A PROTOTYPE of the cost
         only: no take-over, no purge, no capacity limit, no argument about a killed writer;
- free:  the claim and the record as a Python dict: the floor no shared claim can go below;
- echo:  bench/echo_bot.py through the same test client.
"""

from __future__ import annotations

import argparse
import fcntl
import mmap
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

SLOT, SLOTS, PROBES = 1024, 1 << 14, 32


class ShmTable:
    """Open addressing in a shared mapping: slot = state byte, 16-byte key, value (a sealed reply or a
    body hash). One flock for the table."""

    def __init__(self, path: str) -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.ftruncate(fd, SLOT * SLOTS)
        self.mm = mmap.mmap(fd, SLOT * SLOTS)
        os.close(fd)
        self.lock = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)

    def _find(self, key: bytes) -> tuple[int, bool]:
        mm, start = self.mm, int.from_bytes(key[:4], "little")
        for probe in range(PROBES):
            off = ((start + probe) & (SLOTS - 1)) * SLOT
            if mm[off] == 0:
                return off, False
            if mm[off + 1:off + 17] == key:
                return off, True
        raise RuntimeError("full")

    def insert(self, key: bytes, value: bytes = b"") -> bytes | None:
        """None when inserted; the stored value when the key was there."""
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            off, found = self._find(key)
            if found:
                n = int.from_bytes(self.mm[off + 17:off + 19], "little")
                return self.mm[off + 19:off + 19 + n]
            self.mm[off + 1:off + 19 + len(value)] = key + len(value).to_bytes(2, "little") + value
            self.mm[off] = 1
            return None
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)

    def put(self, key: bytes, value: bytes) -> None:
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            off, _ = self._find(key)
            self.mm[off + 17:off + 19 + len(value)] = len(value).to_bytes(2, "little") + value
            self.mm[off] = 2
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)


def patch(variant: str, bot, shm_path: str) -> None:
    import bot.dispatch as dispatch

    store = bot.store
    if variant == "free":
        claims: dict = {}
        first = {}
        store.inbox.first_body = lambda key, body_hash: first.setdefault(key, body_hash) == body_hash

        def claim(key):
            return claims.setdefault(key, None) is None and not claims.__setitem__(key, b"")

        def finish(key, sealed):
            claims[key] = sealed
    else:
        table = ShmTable(shm_path)

        def first_body(key: str, body_hash: str) -> bool:
            stored = table.insert(bytes.fromhex(key[:32]), bytes.fromhex(body_hash))
            return stored is None or stored == bytes.fromhex(body_hash)

        store.inbox.first_body = first_body

        def claim(key):
            return table.insert(bytes.fromhex(key[:32])) is None

        def finish(key, sealed):
            table.put(bytes.fromhex(key[:32]), sealed)

    def handle(self, msg, guard=None):
        key = dispatch.inbox_key(msg, self.store.dedup_secret)
        if guard is not None:
            guard()
        if not claim(key):
            raise AssertionError("a fresh message found claimed")
        if msg.kind == "text":
            self.store.conversations.begin(msg.channel, msg.user_id)  # a read under the writers' lock
        return self._process(msg, key), True

    dispatch.Dispatcher.handle = handle
    dispatch.Dispatcher._defer = lambda self, channel, key, sealed: finish(key, sealed)


def run(variant: str, rounds: int, n: int) -> list[float]:
    from bench.syscalls import messages

    workdir = Path(tempfile.mkdtemp(prefix="unionbot-bound-"))
    shm = Path("/dev/shm" if os.path.isdir("/dev/shm") else workdir) / f"unionbot-bound-{os.getpid()}"
    try:
        if variant == "echo":
            from bench.echo_bot import app
        else:
            if variant != "ours":  # the prototypes patch the dispatcher's path for claims in the file
                os.environ["UNIONBOT_CLAIMS"] = "file"
            from bench.suggestion_cost import build

            app, bot = build(workdir)
            for u in range(8):
                member = bot.store.members.add(staff_no=f"7{u:04d}", name=f"系统{u}")
                bot.store.bindings.bind("wechat", f"ob-sys-{u}", member.id)
            if variant in ("shm", "free"):
                patch(variant, bot, str(shm))
        client = app.test_client()
        for path, body in messages("hot", 200, 10**9):
            client.post(path, data=body, headers={"Content-Type": "text/xml"})
        out = []
        for r in range(rounds):
            timed = messages("hot", n, 10**9 + 200 + r * n)
            t0 = time.process_time()
            for path, body in timed:
                resp = client.post(path, data=body, headers={"Content-Type": "text/xml"})
            out.append((time.process_time() - t0) * 1e6 / n)
            assert resp.status_code == 200 and ("活动" in resp.get_data(as_text=True) or variant == "echo")
        return out
    finally:
        from storage.claims import remove_under

        remove_under(str(workdir))  # the claims' mappings in /dev/shm
        shutil.rmtree(workdir, ignore_errors=True)
        for name in (shm, Path(str(shm) + ".lock")):
            name.unlink(missing_ok=True)


def main(argv=None) -> int:
    import subprocess
    import sys

    parser = argparse.ArgumentParser(prog="python -m bench.claim_bound")
    parser.add_argument("--variant", help="(internal) run one variant in this process")
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.variant:
        print(" ".join(f"{x:.0f}" for x in run(args.variant, 3, args.n)))
        return 0
    results: dict[str, list[float]] = {v: [] for v in ("ours", "file", "shm", "free", "echo")}
    for _ in range(args.rounds):  # interleaved, each in a fresh process
        for variant in results:
            out = subprocess.run([sys.executable, "-m", "bench.claim_bound", "--variant", variant, "-n", str(args.n)],
                                 capture_output=True, text=True, check=True).stdout.split()
            results[variant].append(statistics.median(float(x) for x in out))
    echo = statistics.median(results["echo"])
    for variant, values in results.items():
        med = statistics.median(values)
        print(f"{variant:5} CPU µs per hot question: median {med:6.0f}  ({', '.join(f'{v:.0f}' for v in values)})"
              f"  echo/this {echo / med:.2f}  beyond the echo {med - echo:5.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
