"""Webhook throughput and latency: our bot against a bare Flask + wechatpy echo bot (bench/echo_bot.py),
both under gunicorn with the same options (bot/server.py `options`: workers, threads, timeouts, no
access log), side by side in one run, interleaved (echo, ours, ours, echo, …).

Load: wrk (2 threads, 16 connections) replaying signed plaintext-mode 公众号 messages, a fresh
nonce and MsgId each, from a file generated just before each run. The mix is what teachers send:
activity questions, whole sign-up conversations (报名 → 是 → 我的报名 → 取消 → 是) by 400 users,
anonymous suggestions (a three-message conversation), greetings and help, and every 10th message
delivered twice (a WeChat retry: same URL, same body, same MsgId).

Printed: requests/s (median of the rounds), the ratio ours/echo, p50/p99 at 16 connections, and
p50/p99 at half of each bot's peak rate (wrk paced with `delay()`; the achieved rate is shown).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"
USERS = 400
SCRIPTS = [
    ["{question}", "{question}", "{question}"],
    ["报名乒乓球", "是", "我报名了哪些活动", "取消报名乒乓球", "是"],
    ["我要提建议", "{suggestion}", "匿名"],
    ["你好", "帮助", "今年体检什么时候"],
]
# Questions vary as teachers' do; every suggestion is its own text (no two alike, as in life).
QUESTIONS = ["最近有什么活动", "这周有啥活动", "下周有什么安排", "乒乓球赛什么时候", "拔河比赛在哪里", "读书会几点开始",
             "登山活动还有名额吗", "卡拉OK比赛在哪", "这个月工会有什么活动", "羽毛球还能报吗", "周末有活动吗",
             "拔河几点集合", "读书会在哪里", "最近工会有啥安排", "乒乓球比赛地点", "登山什么时候出发"]
TOPICS = ["食堂的菜能不能少放点盐", "教工停车位太少", "希望延长图书馆开放时间", "办公室空调坏了没人修", "建议增加羽毛球场开放时间",
          "体检能否增加甲状腺彩超", "希望工会组织亲子活动", "教师休息室饮水机该换滤芯了"]
RETRY_EVERY = 10

LUA = r"""
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  reqs, idx, wrapped = {}, 0, 0
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid then
      local tab = line:find("\t", 1, true)
      reqs[#reqs + 1] = wrk.format("POST", line:sub(1, tab - 1), {["Content-Type"] = "text/xml"}, line:sub(tab + 1))
    end
    i = i + 1
  end
end
function request()
  idx = idx + 1
  if idx > #reqs then idx, wrapped = 1, wrapped + 1 end
  return reqs[idx]
end
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if delay_ms > 0 then
  function delay() return delay_ms end
end
function done(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"status_errors": %d, "socket_errors": %d}\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def user_messages(u: int) -> list[str]:
    scripts = SCRIPTS[u % len(SCRIPTS):] + SCRIPTS[:u % len(SCRIPTS)]
    return [m for s in scripts for m in s]


def write_requests(path: Path, n: int, start_id: int) -> int:
    """n signed requests in conversation order (a user's next message is USERS requests later)."""
    from tests.procs import signed_text

    per_user = [user_messages(u) for u in range(USERS)]
    lines, i, msg_id = [], 0, start_id
    while len(lines) < n:
        u = i % USERS
        script = per_user[u]
        text = script[(i // USERS) % len(script)]
        text = text.format(question=QUESTIONS[(i * 7 + u) % len(QUESTIONS)],
                           suggestion=f"{TOPICS[i % len(TOPICS)]}（第{i}条意见，{u}号老师）")
        user = f"ob-bench-{u}"
        msg_id += 1
        path_q, body = signed_text(user, text, str(msg_id), TOKEN)
        lines.append(f"{path_q}\t{body.decode('utf-8')}")
        if len(lines) % RETRY_EVERY == 0:
            lines.append(lines[-1])  # WeChat's retry: the same delivery again
        i += 1
    path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return msg_id


def make_school(workdir: Path):
    """Our bot's configuration and database: the demo school plus USERS bound teachers."""
    from bot.app import Bot
    from bot.config import load_config
    from bot.demo import seed

    conf = workdir / "bench.toml"
    conf.write_text(f'[bot]\ndatabase = "{workdir / "bench.db"}"\nschool = "基准学校"\nlog_level = "WARNING"\n'
                    f'[wechat]\ntoken = "{TOKEN}"\nmode = "plaintext"\npush = "none"\n'
                    f'[admin]\nsecret_key = "bench"\n[server]\naccess_log = false\n', encoding="utf-8")
    bot = Bot(load_config(conf))
    seed(bot.store, bot.clock)
    with bot.store.transaction():
        for u in range(USERS):
            member = bot.store.members.add(staff_no=f"6{u:04d}", name=f"基准{u}", gender="女" if u % 2 else "男")
            bot.store.bindings.bind("wechat", f"ob-bench-{u}", member.id)
    bot.store.db.close()
    return conf


def wait_ready(port: int, proc, timeout: float = 60.0) -> None:
    import http.client

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError("server did not start")


def wrk(port: int, reqfile: Path, script: Path, seconds: float, connections: int, delay_ms: float = 0) -> dict:
    env = {**os.environ, "BENCH_DELAY_MS": f"{delay_ms:.3f}"}
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "-s", str(script),
                          f"http://127.0.0.1:{port}", "--", str(reqfile), "2"],
                         capture_output=True, text=True, env=env, timeout=seconds + 120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    result = json.loads(line[7:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def run(seconds: float = 10.0, rounds: int = 3, workers: int = 2, threads: int = 1, connections: int = 16) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    from bot.config import load_config
    from bot.server import options
    from tests.procs import Server, free_port

    workdir = Path(tempfile.mkdtemp(prefix="unionbot-bench-"))
    conf = make_school(workdir)
    text = conf.read_text(encoding="utf-8").replace("[server]\n", f"[server]\nworkers = {workers}\nthreads = {threads}\n")
    conf.write_text(text, encoding="utf-8")
    script = workdir / "mix.lua"
    script.write_text(LUA, encoding="utf-8")
    ours = Server(conf)
    echo_port = free_port()
    opts = options(load_config(conf), "127.0.0.1", echo_port)
    echo = subprocess.Popen([sys.executable, "-m", "bench.serve_echo", json.dumps(opts)], cwd=ROOT,
                            env={**os.environ, "UNIONBOT_BENCH_TOKEN": TOKEN},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, dict[str, list]] = {"echo": {}, "ours": {}}
    msg_id = 10**9
    try:
        ours.wait_ready()
        wait_ready(echo_port, echo)
        ports = {"echo": echo_port, "ours": ours.port}

        def measure(name: str, delay_ms: float = 0) -> dict:
            nonlocal msg_id
            reqfile = workdir / "requests.txt"
            msg_id = write_requests(reqfile, int(6000 * seconds) + 1000, msg_id)
            return wrk(ports[name], reqfile, script, seconds, connections, delay_ms)

        for name in ("echo", "ours"):  # warm-up: imports, caches, the first page of each table
            measure(name)
        for r in range(rounds):
            for name in (("echo", "ours") if r % 2 == 0 else ("ours", "echo")):
                res = measure(name)
                for key in ("rps", "p50_us", "p99_us", "status_errors", "socket_errors"):
                    results[name].setdefault(key, []).append(res[key])
        for r in range(rounds):
            for name in (("echo", "ours") if r % 2 == 0 else ("ours", "echo")):
                target = statistics.median(results[name]["rps"]) / 2
                res = measure(name, delay_ms=connections * 1000 / target)
                for key in ("rps", "p50_us", "p99_us", "status_errors", "socket_errors"):
                    results[name].setdefault("half_" + key, []).append(res[key])
    finally:
        ours.stop()
        echo.terminate()
        echo.wait(30)
    summary = {name: {k: statistics.median(v) for k, v in vals.items()} for name, vals in results.items()}
    summary["ratio"] = summary["ours"]["rps"] / summary["echo"]["rps"]
    summary["setup"] = {"workers": workers, "threads": threads, "connections": connections, "seconds": seconds,
                        "rounds": rounds, "cores": os.cpu_count(), "python": sys.version.split()[0]}
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; gunicorn {workers} workers x "
          f"{threads} threads; wrk 2 threads, {connections} connections, {seconds:g} s x {rounds} rounds, interleaved")
    print(f"{'':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}   {'half-peak req/s':>15} {'p50 ms':>8} {'p99 ms':>8}  errors")
    for name in ("echo", "ours"):
        s = summary[name]
        print(f"{name:6} {s['rps']:8.0f} {s['p50_us'] / 1000:8.2f} {s['p99_us'] / 1000:8.2f}   {s['half_rps']:15.0f} "
              f"{s['half_p50_us'] / 1000:8.2f} {s['half_p99_us'] / 1000:8.2f}  "
              f"{int(s['status_errors'] + s['socket_errors'] + s['half_status_errors'] + s['half_socket_errors'])}")
    print(f"ratio ours/echo: {summary['ratio']:.2f}  (aim >= 0.70; p99 at half the peak: aim <= 25 ms)")
    shutil.rmtree(workdir, ignore_errors=True)
    return summary


if __name__ == "__main__":
    run()
