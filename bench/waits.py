"""Where a served request's wall time goes (issue 23, fifteenth round): on CPU, waiting for a CPU, or asleep.

`python -m bench.waits [mix|hot] [seconds] [rounds]` serves the webhook benchmark's school (bench/webhook.py)
under gunicorn, 2 sync workers, beside the echo bot (and UNIONBOT_BENCH_BASELINE's tree as "base", as
bench/webhook.py does), and drives each with wrk (2 threads, 16 connections), interleaved. For each round
it reads every worker thread's /proc schedstat (time on a CPU, time runnable but waiting for one) and
context switches before and after, and prints per request: the workers' wall time (2 workers × the
round's length ÷ requests), on CPU, runnable-waiting, and the rest (asleep: a lock, the disk, a request
not yet sent). For ours it also samples the workers' state every 2 ms (/proc stat, syscall, wchan):
running or runnable, in `flock`, in `fdatasync`/`fsync`, waiting for a request. The sampler costs CPU
(about 5% of a core); the schedstat figures are exact.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import webhook as W

SYSCALLS = {"73": "flock", "74": "fsync", "75": "fdatasync", "7": "poll (a request)", "270": "pselect (a request)",
            "45": "recvfrom", "202": "futex"}


def threads_of(pids: list[str]) -> list[str]:
    return [f"/proc/{p}/task/{t}" for p in pids for t in os.listdir(f"/proc/{p}/task")]


def sched(tasks: list[str]) -> dict[str, tuple[int, int, int, int]]:
    """Per thread: ns on a CPU, ns runnable waiting for one, voluntary and involuntary switches."""
    out = {}
    for task in tasks:
        try:
            run, wait = (int(x) for x in Path(task, "schedstat").read_text().split()[:2])
            status = Path(task, "status").read_text()
        except OSError:
            continue
        vol = int(status.split("\nvoluntary_ctxt_switches:")[1].split()[0])
        inv = int(status.split("nonvoluntary_ctxt_switches:")[1].split()[0])
        out[task] = (run, wait, vol, inv)
    return out


def state(pid: str) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    if stat == "R":
        return "running or runnable"
    call = Path(f"/proc/{pid}/syscall").read_text().split()[0]
    return SYSCALLS.get(call, f"syscall {call}") + (" (disk)" if stat == "D" else "")


class Sampler(threading.Thread):
    def __init__(self, pids: list[str]) -> None:
        super().__init__(daemon=True)
        self.pids, self.seen, self.done = pids, collections.Counter(), threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for pid in self.pids:
                try:
                    self.seen[state(pid)] += 1
                except (OSError, IndexError):
                    pass
            time.sleep(0.002)


def main(scenario: str = "mix", seconds: float = 8.0, rounds: int = 3) -> None:
    from bot.config import load_config
    from bot.server import options
    from storage.claims import remove_under
    from tests.procs import Server, free_port

    workdir = Path(tempfile.mkdtemp(prefix="unionbot-waits-"))
    conf = W.make_school(workdir)[0]
    conf.write_text(conf.read_text(encoding="utf-8").replace("[server]\n", "[server]\nworkers = 2\nthreads = 1\n"),
                    encoding="utf-8")
    script = workdir / "mix.lua"
    script.write_text(W.LUA, encoding="utf-8")
    ours = Server(conf)
    procs: dict[str, tuple[int, subprocess.Popen]] = {}
    port = free_port()
    procs["echo"] = (port, subprocess.Popen(
        [sys.executable, "-m", "bench.serve_echo", json.dumps(options(load_config(conf), "127.0.0.1", port))],
        cwd=W.ROOT, env={**os.environ, "UNIONBOT_BENCH_TOKEN": W.TOKEN, "UNIONBOT_BENCH_AES_KEY": W.AES_KEY,
                         "UNIONBOT_BENCH_APP_ID": W.APP_ID}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    baseline = os.environ.get("UNIONBOT_BENCH_BASELINE")
    if baseline:
        base_db, base_conf = workdir / "base.db", workdir / "base.toml"
        shutil.copy(workdir / "bench.db", base_db)
        base_conf.write_text(conf.read_text(encoding="utf-8").replace(str(workdir / "bench.db"), str(base_db)),
                             encoding="utf-8")
        port = free_port()
        procs["base"] = (port, subprocess.Popen(
            [sys.executable, "-m", "bot", "--config", str(base_conf), "serve", "--port", str(port)], cwd=baseline,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    rows: dict[str, list[dict]] = collections.defaultdict(list)
    msg_id = 10**9
    try:
        ours.wait_ready()
        for port, proc in procs.values():
            W.wait_ready(port, proc)
        targets = {"ours": (ours.port, ours.proc.pid), **{k: (p, proc.pid) for k, (p, proc) in procs.items()}}

        def measure(name: str, secs: float) -> dict:
            nonlocal msg_id
            reqfile = workdir / "requests.txt"
            msg_id = W.write_requests(reqfile, int(6000 * secs) + 1000, msg_id, scenario)
            port, pid = targets[name]
            workers = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            tasks = threads_of(workers)
            sampler = Sampler(workers) if name == "ours" else None
            before, start = sched(tasks), time.monotonic()
            if sampler:
                sampler.start()
            res = W.wrk(port, reqfile, script, secs, 16, 0, pid)
            after, wall = sched(tasks), time.monotonic() - start
            if sampler:
                sampler.done.set()
                sampler.join()
            n = max(1, res["requests"])
            delta = [sum(after[t][i] - before[t][i] for t in after if t in before) for i in range(4)]
            res.update(wall=len(workers) * wall * 1e6 / n, on_cpu=delta[0] / 1e3 / n, runnable=delta[1] / 1e3 / n,
                       vol=delta[2] / n, inv=delta[3] / n, load=os.getloadavg()[0], states=sampler and sampler.seen)
            res["asleep"] = res["wall"] - res["on_cpu"] - res["runnable"]
            return res

        names = list(targets)
        for name in names:
            measure(name, max(1, round(seconds / 3)))  # warm-up
        for r in range(rounds):
            for name in (names if r % 2 == 0 else names[::-1]):
                res = measure(name, seconds)
                rows[name].append(res)
                print(f"{scenario} {name:5} req/s {res['rps']:6.0f}  per request µs: wall {res['wall']:6.0f}  "
                      f"on CPU {res['on_cpu']:5.0f}  runnable {res['runnable']:5.0f}  asleep {res['asleep']:5.0f}  "
                      f"switches vol {res['vol']:.2f} invol {res['inv']:.2f}  load {res['load']:.1f}", flush=True)
    finally:
        ours.stop()
        for _, proc in procs.values():
            proc.terminate()
            proc.wait(30)
        remove_under(str(workdir))
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"medians ({scenario}, {rounds} rounds of {seconds:g} s):")
    for name, res in rows.items():
        med = {k: statistics.median(r[k] for r in res) for k in ("rps", "wall", "on_cpu", "runnable", "asleep", "vol")}
        print(f"  {name:5} req/s {med['rps']:6.0f}  wall {med['wall']:6.0f}  on CPU {med['on_cpu']:5.0f} "
              f"({med['on_cpu'] / med['wall']:.0%})  runnable {med['runnable']:5.0f} ({med['runnable'] / med['wall']:.0%})"
              f"  asleep {med['asleep']:5.0f} ({med['asleep'] / med['wall']:.0%})  vol switches {med['vol']:.2f}")
    states: collections.Counter = sum((r["states"] for r in rows["ours"] if r["states"]), collections.Counter())
    total = sum(states.values()) or 1
    print("  ours, the workers' state sampled every 2 ms: "
          + ", ".join(f"{k} {v / total:.1%}" for k, v in states.most_common(8)))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "mix", float(args[1]) if len(args) > 1 else 8.0, int(args[2]) if len(args) > 2 else 3)
