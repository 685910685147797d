"""CPU per message of the webhook bench's mix in one process (issue 23, seventh round): the same signed
requests as `bench.webhook`'s mix (conversations in order, every tenth delivered twice), through the WSGI
app, after 300 to warm up.

    python -m bench.mix_cpu [-n 1200]      (run it with UNIONBOT_CLAIMS=file beside it to compare)
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def run(n: int) -> float:
    from bench.webhook import make_school, write_requests
    from bot.app import create_app
    from bot.config import load_config
    from storage.claims import remove_under

    work = Path(tempfile.mkdtemp(prefix="unionbot-mix-"))
    try:
        client = create_app(load_config(make_school(work)[0])).test_client()
        requests = work / "requests.txt"
        write_requests(requests, n + 300, 10**9, "mix")
        lines = [line.split("\t", 1) for line in requests.read_text(encoding="utf-8").splitlines()]
        for path, body in lines[:300]:
            client.post(path, data=body.encode(), headers={"Content-Type": "text/xml"})
        t0 = time.process_time()
        for path, body in lines[300:]:
            assert client.post(path, data=body.encode(), headers={"Content-Type": "text/xml"}).status_code == 200
        return (time.process_time() - t0) * 1e6 / n
    finally:
        remove_under(str(work))
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mix_cpu")
    parser.add_argument("-n", type=int, default=1200)
    args = parser.parse_args(argv)
    print(f"claims in {os.environ.get('UNIONBOT_CLAIMS', 'shm')}: {run(args.n):.0f} µs CPU per mix message")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
