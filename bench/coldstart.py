"""Cold start and footprint: from `python -m bot serve` (gunicorn, 2 workers) to the first answered
公众号 message, median of several starts; the bare echo bot the same way for comparison; the very
first start of an installation (no cached intent model: it trains); resident memory (RSS) and
proportional share (PSS: shared pages split between the processes that map them) per process."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.webhook import TOKEN, make_school
from tests.procs import ROOT, free_port, post, reply_content, signed_text


def first_answer(cmd: list[str], port: int, env: dict, timeout: float = 120.0) -> tuple[float, subprocess.Popen]:
    """Seconds from starting `cmd` to a signed 帮助 message answered with text."""
    path, body = signed_text("ob-bench-0", "帮助", str(time.time_ns()), TOKEN)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while time.monotonic() - start < timeout:
        try:
            status, reply = post(port, path, body)
            if status == 200 and reply_content(reply):
                return time.monotonic() - start, proc
        except OSError:
            pass
        time.sleep(0.01)
    proc.kill()
    raise TimeoutError(" ".join(cmd))


def memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MiB."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss / 1024, pss / 1024


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def run(starts: int = 5) -> dict:
    from bot.config import load_config
    from bot.server import options

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        conf = make_school(work)[0]  # (plaintext; the safe-mode copy is unused here)
        env = {**os.environ, "UNIONBOT_BENCH_TOKEN": TOKEN, "PYTHONUNBUFFERED": "1"}
        ours, echo, mem = [], [], {}
        for i in range(starts):
            port = free_port()
            secs, proc = first_answer([sys.executable, "-m", "bot", "--config", str(conf), "serve", "--port", str(port)],
                                      port, env)
            ours.append(secs)
            if i == starts - 1:
                time.sleep(1.0)  # let both workers finish booting
                mem["master"] = memory(proc.pid)
                workers = [memory(p) for p in children(proc.pid)]
                mem["worker"] = (statistics.median(w[0] for w in workers), statistics.median(w[1] for w in workers))
                mem["workers"] = len(workers)
            stop(proc)
            port = free_port()
            opts = options(load_config(conf), "127.0.0.1", port)
            secs, proc = first_answer([sys.executable, "-m", "bench.serve_echo", json.dumps(opts)], port, env)
            echo.append(secs)
            stop(proc)
        port = free_port()  # an installation's very first start: no cached model, it trains
        fresh_env = {**env, "UNIONBOT_CACHE_DIR": str(work / "empty-cache")}
        first, proc = first_answer([sys.executable, "-m", "bot", "--config", str(conf), "serve", "--port", str(port)],
                                   port, fresh_env)
        stop(proc)
    result = {"ours_s": statistics.median(ours), "echo_s": statistics.median(echo), "first_ever_s": first, "memory": mem}
    print(f"start to first answered message, median of {starts}: ours {result['ours_s']:.2f} s (aim < 1.5 s), "
          f"echo {result['echo_s']:.2f} s; first start ever (trains the model) {first:.2f} s")
    print(f"memory: master RSS {mem['master'][0]:.0f} MiB (PSS {mem['master'][1]:.0f}); per worker RSS "
          f"{mem['worker'][0]:.0f} MiB (PSS {mem['worker'][1]:.0f}), {mem['workers']} workers")
    return result


if __name__ == "__main__":
    run()
