"""Webhook throughput and latency: our bot against a bare Flask + wechatpy echo bot (bench/echo_bot.py),
both under gunicorn with the same options (bot/server.py `options`: workers, threads, timeouts, no
access log), side by side in one run, interleaved (echo, ours, ours, echo, …).

Load: wrk (2 threads, 16 connections) replaying signed 公众号 messages, a fresh nonce and MsgId each,
from a file generated just before each run. Scenarios:

- mix: what teachers send, plaintext mode: activity questions in 16 phrasings, whole sign-up
  conversations (报名 → 是 → 我的报名 → 取消 → 是) by 400 users, anonymous suggestions (a
  three-message conversation), greetings and help, and every 10th message delivered twice (a
  WeChat retry: same URL, same body, same MsgId).
- hot: the single most common question, 50 teachers asking "最近有什么活动" (plaintext): the figure
  to compare with an outside measurement of one question. Teachers of their own: the mix leaves a
  quarter of its teachers halfway through a suggestion, whose "最近有什么活动" is then that
  suggestion sent again (asked again, one scratch transaction each: issue 23, twenty-first round).
- safe: the same hot question in safe (AES) mode, both bots decrypting and encrypting.
- burst: a festival morning: 2,000 teachers, each a different one, reply to the greeting within
  10 seconds (wrk paced at 200 requests/s): p99 and errors (ours; the echo beside it).

Printed: requests/s (median of the rounds), the ratio ours/echo, p50/p99 at 16 connections, and
for mix and hot p50/p99 at half of each bot's peak rate (wrk paced with `delay()`; the achieved
rate is shown). Beside each figure, the CPU time the bot's processes (master and workers) used per
request, and the ratio echo/ours by it: on a machine shared with other work, req/s move with the
load while CPU per request moves much less.

UNIONBOT_BENCH_BASELINE=<directory of another tree of the bot> adds it as a third bot, "base", in
the same rounds (before and after a change, under the same noise).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"
APP_ID = "wxbench0000000000"
USERS = 400
HOT_USERS = 50
HOT_QUESTION = "最近有什么活动"
BURST_USERS = 2000
BURST_RATE = 200  # requests/s: 2,000 in 10 seconds
THANKS = ["谢谢工会！", "收到，谢谢", "谢谢", "节日快乐！", "你好", "谢谢关心"]
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
AES_KEY = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(43))

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


class Signer:
    """Signed requests as WeChat sends them: plaintext, or safe mode (AES, msg_signature)."""

    def __init__(self, aes: bool) -> None:
        from bot.channels.wechat_mp import WeChatMPChannel

        self.channel = WeChatMPChannel(TOKEN, APP_ID, AES_KEY, "safe") if aes else None

    def line(self, user: str, text: str, msg_id: int) -> str:
        from bot.channels.wechat_mp import sign, text_message_xml

        ts, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
        xml = text_message_xml(user, "gh_bench", escape(text), str(msg_id), int(ts))
        if self.channel is None:
            args, body = {"signature": sign(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}, xml
        else:
            args, body = self.channel.build_request(xml, ts, nonce, True)
        query = "&".join(f"{k}={v}" for k, v in args.items())
        return f"/wechat?{query}&openid={user}\t{body}"


def write_requests(path: Path, n: int, start_id: int, scenario: str = "mix") -> int:
    """n signed requests. mix: in conversation order (a user's next message is USERS requests later),
    every RETRY_EVERY-th delivered twice; hot/safe: HOT_USERS teachers asking HOT_QUESTION; burst:
    BURST_USERS teachers replying to the festival greeting once each."""
    signer = Signer(aes=scenario == "safe")
    per_user = [user_messages(u) for u in range(USERS)]
    lines, i, msg_id = [], 0, start_id
    while len(lines) < n:
        msg_id += 1
        if scenario == "mix":
            u = i % USERS
            script = per_user[u]
            text = script[(i // USERS) % len(script)]
            text = text.format(question=QUESTIONS[(i * 7 + u) % len(QUESTIONS)],
                               suggestion=f"{TOPICS[i % len(TOPICS)]}（第{i}条意见，{u}号老师）")
            lines.append(signer.line(f"ob-bench-{u}", text, msg_id))
            if len(lines) % RETRY_EVERY == 0:
                lines.append(lines[-1])  # WeChat's retry: the same delivery again
        elif scenario == "burst":
            lines.append(signer.line(f"ob-burst-{i % BURST_USERS}", THANKS[i % len(THANKS)], msg_id))
        else:
            lines.append(signer.line(f"ob-hot-{i % HOT_USERS}", HOT_QUESTION, msg_id))
        i += 1
    path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return msg_id


def make_school(workdir: Path) -> tuple[Path, Path]:
    """Our bot's configurations (plaintext and safe mode, each its own copy of the database): the
    demo school plus USERS + HOT_USERS + BURST_USERS bound teachers."""
    from bot.app import Bot
    from bot.config import load_config
    from bot.demo import seed

    confs = []
    for name, mode in (("bench", "plaintext"), ("bench-safe", "safe")):
        conf = workdir / f"{name}.toml"
        conf.write_text(f'[bot]\ndatabase = "{workdir / (name + ".db")}"\nschool = "基准学校"\nlog_level = "WARNING"\n'
                        f'[wechat]\ntoken = "{TOKEN}"\nmode = "{mode}"\npush = "none"\napp_id = "{APP_ID}"\n'
                        f'encoding_aes_key = "{AES_KEY}"\n'
                        f'[admin]\nsecret_key = "bench"\n[server]\naccess_log = false\n', encoding="utf-8")
        confs.append(conf)
    bot = Bot(load_config(confs[0]))
    seed(bot.store, bot.clock)
    with bot.store.transaction():
        for u in range(USERS):
            member = bot.store.members.add(staff_no=f"6{u:04d}", name=f"基准{u}", gender="女" if u % 2 else "男")
            bot.store.bindings.bind("wechat", f"ob-bench-{u}", member.id)
        for u in range(HOT_USERS):  # their own teachers: the mix's are left halfway through its conversations
            member = bot.store.members.add(staff_no=f"7{u:04d}", name=f"热门{u}", gender="女" if u % 2 else "男")
            bot.store.bindings.bind("wechat", f"ob-hot-{u}", member.id)
        for u in range(BURST_USERS):
            member = bot.store.members.add(staff_no=f"8{u:04d}", name=f"节日{u}", gender="女" if u % 2 else "男")
            bot.store.bindings.bind("wechat", f"ob-burst-{u}", member.id)
    bot.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    bot.store.db.close()
    shutil.copy(workdir / "bench.db", workdir / "bench-safe.db")
    return confs[0], confs[1]


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


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a gunicorn master and its live workers: what a run costs,
    whatever else the machine is doing (the shared build machine makes req/s noisy, CPU per request
    much less so)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid] + ([int(p) for p in children.read_text().split()] if children.exists() else [])
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def wrk(port: int, reqfile: Path, script: Path, seconds: float, connections: int, delay_ms: float = 0,
        pid: int = 0) -> dict:
    env = {**os.environ, "BENCH_DELAY_MS": f"{delay_ms:.3f}"}
    cpu_before = cpu_seconds(pid) if pid else 0.0
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "-s", str(script),
                          f"http://127.0.0.1:{port}", "--", str(reqfile), "2"],
                         capture_output=True, text=True, env=env, timeout=seconds + 120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    result = json.loads(line[7:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    if pid:
        result["cpu_us"] = (cpu_seconds(pid) - cpu_before) * 1e6 / max(1, result["requests"])
    return result


def run(seconds: float = 10.0, rounds: int = 3, workers: int = 2, threads: int = 1, connections: int = 16,
        scenarios: tuple[str, ...] = ("mix", "hot", "safe", "burst"),
        baseline: str | None = os.environ.get("UNIONBOT_BENCH_BASELINE")) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    from bot.config import load_config
    from bot.server import options
    from tests.procs import Server, free_port

    workdir = Path(tempfile.mkdtemp(prefix="unionbot-bench-"))
    confs = make_school(workdir)
    for conf in confs:
        text = conf.read_text(encoding="utf-8").replace("[server]\n", f"[server]\nworkers = {workers}\nthreads = {threads}\n")
        conf.write_text(text, encoding="utf-8")
    script = workdir / "mix.lua"
    script.write_text(LUA, encoding="utf-8")
    ours, ours_safe = Server(confs[0]), Server(confs[1])
    bases = {}
    if baseline:  # an earlier tree of the bot (e.g. `git archive` of main), run beside ours as "base"
        for key, conf in (("plain", confs[0]), ("safe", confs[1])):
            base_conf = conf.with_name(conf.stem + "-base.toml")
            base_db = Path(str(conf.with_suffix(".db")).replace(".db", "-base.db"))
            shutil.copy(conf.with_suffix(".db"), base_db)
            base_conf.write_text(conf.read_text(encoding="utf-8").replace(str(conf.with_suffix(".db")), str(base_db)),
                                 encoding="utf-8")
            port = free_port()
            bases[key] = (port, subprocess.Popen(
                [sys.executable, "-m", "bot", "--config", str(base_conf), "serve", "--port", str(port)],
                cwd=baseline, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    names = ("echo", "ours", "base") if baseline else ("echo", "ours")
    echo_port = free_port()
    opts = options(load_config(confs[0]), "127.0.0.1", echo_port)
    echo = subprocess.Popen([sys.executable, "-m", "bench.serve_echo", json.dumps(opts)], cwd=ROOT,
                            env={**os.environ, "UNIONBOT_BENCH_TOKEN": TOKEN, "UNIONBOT_BENCH_AES_KEY": AES_KEY,
                                 "UNIONBOT_BENCH_APP_ID": APP_ID},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, dict[str, dict[str, list]]] = {}
    msg_id = 10**9
    keys = ("rps", "p50_us", "p99_us", "status_errors", "socket_errors", "requests", "cpu_us")
    try:
        ours.wait_ready()
        ours_safe.wait_ready()
        wait_ready(echo_port, echo)
        for port, proc in bases.values():
            wait_ready(port, proc)

        def measure(scenario: str, name: str, secs: float, delay_ms: float = 0, conns: int = connections) -> dict:
            nonlocal msg_id
            reqfile = workdir / "requests.txt"
            n = BURST_USERS if scenario == "burst" else int(6000 * secs) + 1000
            msg_id = write_requests(reqfile, n, msg_id, scenario)
            mode = "safe" if scenario == "safe" else "plain"
            port = {"echo": echo_port, "ours": ours_safe.port if mode == "safe" else ours.port,
                    "base": bases[mode][0] if bases else 0}[name]
            pid = {"echo": echo.pid, "ours": (ours_safe if mode == "safe" else ours).proc.pid,
                   "base": bases[mode][1].pid if bases else 0}[name]
            return wrk(port, reqfile, script, secs, conns, delay_ms, pid)

        def record(scenario: str, name: str, prefix: str, res: dict) -> None:
            for key in keys:
                results.setdefault(scenario, {}).setdefault(name, {}).setdefault(prefix + key, []).append(res[key])

        for scenario in scenarios:
            if scenario == "burst":
                for name in names:  # each teacher once, paced: BURST_USERS in BURST_USERS/BURST_RATE s
                    secs = max(1.0, min(seconds, BURST_USERS / BURST_RATE))
                    record(scenario, name, "", measure(scenario, name, secs, delay_ms=connections * 1000 / BURST_RATE))
                continue
            for name in names:  # warm-up: imports, caches, the first page of each table
                measure(scenario, name, max(1, round(seconds / 3)))
            for r in range(rounds):
                for name in (names if r % 2 == 0 else names[::-1]):
                    record(scenario, name, "", measure(scenario, name, seconds))
            if scenario == "safe":
                continue
            for r in range(rounds):
                for name in (names if r % 2 == 0 else names[::-1]):
                    target = statistics.median(results[scenario][name]["rps"]) / 2
                    record(scenario, name, "half_", measure(scenario, name, seconds, connections * 1000 / target))
    finally:
        ours.stop()
        ours_safe.stop()
        echo.terminate()
        echo.wait(30)
        for _, proc in bases.values():
            proc.terminate()
            proc.wait(30)
    summary: dict = {sc: {name: {k: statistics.median(v) for k, v in vals.items()} for name, vals in by.items()}
                     for sc, by in results.items()}
    for by in summary.values():
        by["ratio"] = by["ours"]["rps"] / by["echo"]["rps"]
        by["cpu_ratio"] = by["echo"]["cpu_us"] / by["ours"]["cpu_us"]  # echo's CPU per request / ours
        if "base" in by:
            by["base_ratio"] = by["base"]["rps"] / by["echo"]["rps"]
            by["base_cpu_ratio"] = by["echo"]["cpu_us"] / by["base"]["cpu_us"]
    summary["setup"] = {"workers": workers, "threads": threads, "connections": connections, "seconds": seconds,
                        "rounds": rounds, "cores": os.cpu_count(), "python": sys.version.split()[0]}
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; gunicorn {workers} workers x "
          f"{threads} threads; wrk 2 threads, {connections} connections, {seconds:g} s x {rounds} rounds, interleaved")
    print(f"{'':12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}   {'half-peak req/s':>15} {'p50 ms':>8} {'p99 ms':>8}  errors"
          f"  {'CPU us/req':>10}")
    for scenario in scenarios:
        by = summary[scenario]
        for name in names:
            s = by[name]
            errors = int(sum(v for k, v in s.items() if k.endswith("_errors")))
            if scenario == "burst":
                print(f"{scenario + ' ' + name:12} {s['rps']:8.0f} {s['p50_us'] / 1000:8.2f} {s['p99_us'] / 1000:8.2f}   "
                      f"{'':15} {'':8} {'':8}  {errors:<6}  {s['cpu_us']:10.0f}   ({int(s['requests'])} requests)")
                continue
            half = (f"{s['half_rps']:15.0f} {s['half_p50_us'] / 1000:8.2f} {s['half_p99_us'] / 1000:8.2f}"
                    if "half_rps" in s else f"{'':15} {'':8} {'':8}")
            print(f"{scenario + ' ' + name:12} {s['rps']:8.0f} {s['p50_us'] / 1000:8.2f} {s['p99_us'] / 1000:8.2f}   "
                  f"{half}  {errors:<6}  {s['cpu_us']:10.0f}")
        if scenario != "burst":
            print(f"{scenario:12} ratio ours/echo: {by['ratio']:.2f}"
                  + (f"   base/echo: {by['base_ratio']:.2f}   ours/base: {by['ours']['rps'] / by['base']['rps']:.2f}"
                     if "base" in by else ""))
            print(f"{'':12} by CPU per request, echo/ours: {by['cpu_ratio']:.2f}"
                  + (f"   echo/base: {by['base_cpu_ratio']:.2f}" if "base" in by else ""))
    print("aims: ratio >= 0.6 (hot, mix); p99 at half the peak <= 25 ms; no errors in the burst")
    from storage.claims import remove_under

    remove_under(str(workdir))  # the claims' mappings in /dev/shm
    shutil.rmtree(workdir, ignore_errors=True)
    return summary


if __name__ == "__main__":
    run()
