"""Cold start and footprint: from `python -m bot serve` (gunicorn, 2 workers) to the first answered
公众号 message, median of several starts; the same for `make run`'s configuration (the demo school with
the simulator, the console and the scheduler in process, a fresh copy of its database each time, so
each start also does the day's duties); the same from source (no bytecode: each start compiles the
bot's modules, as a checkout run with PYTHONDONTWRITEBYTECODE would); the bare echo bot the same way for comparison; the very first
start of an installation (nothing cached: it trains the intent model and makes bot/cachefiles.py's
files); resident memory (RSS) and proportional share (PSS: shared pages split between the processes
that map them) per process.

UNIONBOT_BENCH_BASELINE=<directory of another tree of the bot> starts it too, as "base", in the same
rounds (before and after a change, under the same noise)."""

from __future__ import annotations

import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.webhook import TOKEN, make_school
from tests.procs import ROOT, free_port, post, reply_content, signed_text


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_answer(cmd: list[str], port: int, env: dict, timeout: float = 120.0,
                 cwd: Path = ROOT, cpu: list | None = None) -> tuple[float, subprocess.Popen]:
    """Seconds from starting `cmd` to a signed 帮助 message answered with text (signed afresh at each
    try: a first start that trains takes longer than a signature stays valid). `cpu` gets the CPU
    seconds of the master and of its busiest worker at that moment: what the wait is made of on a
    quiet machine, and much less moved than the wait by other work on a shared one."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while time.monotonic() - start < timeout:
        path, body = signed_text("ob-bench-0", "帮助", str(time.time_ns()), TOKEN)
        try:
            status, reply = post(port, path, body)
            if status == 200 and reply_content(reply):
                secs = time.monotonic() - start
                if cpu is not None:
                    cpu.append(cpu_seconds(proc.pid) + max((cpu_seconds(p) for p in children(proc.pid)), default=0.0))
                return secs, proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"exited {proc.returncode}: {' '.join(cmd)}") from None
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


def demo_config(work: Path, school_db: Path, name: str) -> Path:
    """`make run`'s configuration (config.demo.toml) on a fresh copy of the bench school, in plaintext
    mode with the bench's token so that the same signed message reaches it."""
    db = work / f"{name}.db"
    shutil.copy(school_db, db)
    text = (ROOT / "config.demo.toml").read_text("utf-8")
    text = re.sub(r'(?m)^database = .*$', f'database = "{db}"', text)
    text = re.sub(r'(?m)^token = .*$', f'token = "{TOKEN}"', text)
    text = re.sub(r'(?m)^mode = "safe"', 'mode = "plaintext"', text)
    conf = work / f"{name}.toml"
    conf.write_text(text, "utf-8")
    return conf


def serve_cmd(conf: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "bot", "--config", str(conf), "serve", "--port", str(port)]


def compiled(tree: Path) -> None:
    """The tree's bytecode written, as an installation has it (the Docker image compiles at build,
    `make run` before serving); without it, and with PYTHONDONTWRITEBYTECODE, each start compiles
    the bot's modules again (the "from source" rows)."""
    for package in ("bot", "handlers", "storage"):
        compileall.compile_dir(str(tree / package), quiet=1)


def source_copy(tree: Path, into: Path) -> Path:
    """The tree without its bytecode (and without .git, .venv and the demo's data/)."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {"__pycache__", ".git", ".venv"} | ({"data"} if Path(folder) == tree else set())
        return skip & set(names)

    shutil.copytree(tree, into, ignore=ignore)
    return into


def run(starts: int = 5, baseline: str | None = os.environ.get("UNIONBOT_BENCH_BASELINE")) -> dict:
    from bot.config import load_config
    from bot.server import options

    trees = {"ours": ROOT, **({"base": Path(baseline).resolve()} if baseline else {})}
    for tree in trees.values():
        compiled(tree)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        conf = make_school(work)[0]  # (plaintext; the safe-mode copy is unused here)
        env = {**os.environ, "UNIONBOT_BENCH_TOKEN": TOKEN, "PYTHONUNBUFFERED": "1"}
        source_env = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
        series = [(f"{name}{label}", copy, kind, series_env) for name, tree in trees.items()
                  for label, copy, kind, series_env in (("", tree, "bench", env), (" make run", tree, "demo", env),
                                                        (" from source", source_copy(tree, work / f"src-{name}"),
                                                         "bench", source_env))]
        times: dict[str, list[float]] = {name: [] for name, *_ in series}
        times["echo"] = []
        cpus: dict[str, list[float]] = {name: [] for name in times}
        mem = {}
        for i in range(starts):
            for name, tree, kind, series_env in series:
                port = free_port()
                config = conf if kind == "bench" else demo_config(work, work / "bench.db", f"demo-{i}-{len(times[name])}")
                secs, proc = first_answer(serve_cmd(config, port), port, series_env, cwd=tree, cpu=cpus[name])
                times[name].append(secs)
                print(f"  start {i + 1}: {name} {secs:.2f} s (CPU {cpus[name][-1]:.2f} s)", flush=True)
                if i == starts - 1 and name in trees:
                    time.sleep(1.0)  # let both workers finish booting
                    workers = [memory(p) for p in children(proc.pid)]
                    mem[name] = {"master": memory(proc.pid), "workers": len(workers),
                                 "worker": (statistics.median(w[0] for w in workers),
                                            statistics.median(w[1] for w in workers))}
                stop(proc)
            port = free_port()
            opts = options(load_config(conf), "127.0.0.1", port)
            secs, proc = first_answer([sys.executable, "-m", "bench.serve_echo", json.dumps(opts)], port, env,
                                      cpu=cpus["echo"])
            times["echo"].append(secs)
            print(f"  start {i + 1}: echo {secs:.2f} s (CPU {cpus['echo'][-1]:.2f} s)", flush=True)
            stop(proc)
        port = free_port()  # an installation's very first start: nothing cached, it trains
        fresh_env = {**env, "UNIONBOT_CACHE_DIR": str(work / "empty-cache")}
        first, proc = first_answer(serve_cmd(conf, port), port, fresh_env, timeout=900.0)
        stop(proc)
    medians = {name: statistics.median(values) for name, values in times.items()}
    result = {"ours_s": medians["ours"], "echo_s": medians["echo"], "first_ever_s": first, "memory": mem["ours"],
              "medians": medians, "cpu": {name: statistics.median(values) for name, values in cpus.items()}}
    print(f"start to first answered message, median of {starts}: ours {medians['ours']:.2f} s (aim < 1.5 s), "
          f"echo {medians['echo']:.2f} s; first start ever (trains the model) {first:.2f} s")
    print("  (wait, then CPU seconds of the master and its busiest worker, medians)")
    for name, secs in medians.items():
        print(f"  {name:18s} {secs:5.2f} s  CPU {statistics.median(cpus[name]):5.2f} s   "
              f"(each start: {', '.join(f'{t:.2f}' for t in times[name])})")
    for name, m in mem.items():
        print(f"memory, {name}: master RSS {m['master'][0]:.0f} MiB (PSS {m['master'][1]:.0f}); per worker RSS "
              f"{m['worker'][0]:.0f} MiB (PSS {m['worker'][1]:.0f}), {m['workers']} workers")
    return result


if __name__ == "__main__":
    run()
