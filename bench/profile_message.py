"""One message, profiled: the SQL statements and commits it costs on each connection (the main
database and the scratch file), and its time through the WSGI app beside the echo bot's.

    python -m bench.profile_message            (a table per kind of message)
    python -m bench.profile_message --sql      (and every statement, in order)

Statements are counted with sqlite3's `set_trace_callback` on both connections of this thread.
A commit is a COMMIT, or a write outside any transaction (SQLite commits it by itself). Each kind
of message is sent a few times first (caches warm, the teacher already seen this hour), then once
traced, then timed (median of many, fresh MsgId and signature each).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.webhook import AES_KEY, APP_ID, TOKEN, Signer

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# (label, what the teacher sends, in order: the last message is the one traced and timed; then
# what puts things back before the next round)
CASES = [
    ("hot question", ["最近有什么活动"], ["取消"]),
    ("greeting", ["你好"], ["取消"]),
    ("help", ["帮助"], ["取消"]),
    ("checkup question", ["今年体检什么时候"], ["取消"]),
    ("sign-up: 报名 (asks)", ["报名乒乓球"], ["取消"]),
    ("sign-up: 是 (answers)", ["报名乒乓球", "是"], ["取消报名乒乓球", "是"]),
    ("withdrawal: 取消 (asks)", ["报名乒乓球", "是", "取消报名乒乓球"], ["取消"]),
    ("withdrawal: 是 (answers)", ["报名乒乓球", "是", "取消报名乒乓球", "是"], ["取消"]),
    ("retry of a delivery", ["最近有什么活动", "<retry>"], ["取消"]),
    ("hot question, safe mode", ["<safe>最近有什么活动"], ["取消"]),  # encrypted (AES), as in safe mode
]


class Tracer:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, bool]] = []  # (connection, sql, inside a transaction)
        self.on = False

    def attach(self, name: str, conn) -> None:
        def trace(sql: str) -> None:
            if self.on:
                sql = " ".join(sql.split())
                if sql.startswith("--") or (self.rows and self.rows[-1][:2] == (name, sql)
                                            and sql.upper().startswith(WRITES)):
                    return  # a trigger's steps (storage/versions.py), which sqlite3 reports as the statement again
                self.rows.append((name, sql, conn.in_transaction))

        conn.set_trace_callback(trace)

    def counts(self, name: str) -> tuple[int, int, int]:
        """(statements, writes, commits) on one connection (BEGIN/COMMIT are not counted as statements)."""
        rows = [(sql, inside) for conn, sql, inside in self.rows if conn == name]
        statements = [(s, i) for s, i in rows if not s.upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
        writes = [s for s, _ in statements if s.upper().startswith(WRITES)]
        commits = sum(1 for s, _ in rows if s.upper().startswith("COMMIT")) + sum(
            1 for s, i in statements if s.upper().startswith(WRITES) and not i)
        return len(statements), len(writes), commits


def build(workdir: Path):
    from bot.app import create_app
    from bot.config import load_config
    from bot.demo import seed

    conf = workdir / "profile.toml"
    conf.write_text(f'[bot]\ndatabase = "{workdir / "profile.db"}"\nschool = "基准学校"\nlog_level = "WARNING"\n'
                    f'[wechat]\ntoken = "{TOKEN}"\nmode = "plaintext"\npush = "none"\napp_id = "{APP_ID}"\n'
                    f'encoding_aes_key = "{AES_KEY}"\n'
                    f'[admin]\nsecret_key = "bench"\n[server]\naccess_log = false\n', encoding="utf-8")
    app = create_app(load_config(conf))
    bot = app.extensions["unionbot"]
    seed(bot.store, bot.clock)
    for u in range(len(CASES)):
        member = bot.store.members.add(staff_no=f"6{u:04d}", name=f"基准{u}")
        bot.store.bindings.bind("wechat", f"ob-prof-{u}", member.id)
    return app, bot


def request(user: str, text: str, msg_id: int) -> tuple[str, bytes]:
    from tests.procs import signed_text

    path, body = signed_text(user, text, str(msg_id), TOKEN)
    return path, body


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_message")
    parser.add_argument("--sql", action="store_true", help="print every statement")
    parser.add_argument("-n", type=int, default=400, help="timed messages per kind")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="unionbot-profile-"))
    try:
        run(workdir, args)
    finally:
        from storage.claims import remove_under

        remove_under(str(workdir))  # the claims' mappings in /dev/shm
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def run(workdir: Path, args) -> None:
    os.environ.setdefault("UNIONBOT_BENCH_AES_KEY", AES_KEY)  # the echo bot decrypts the safe-mode case too
    os.environ.setdefault("UNIONBOT_BENCH_APP_ID", APP_ID)
    from bench.echo_bot import app as echo_app

    app, bot = build(workdir)
    client, echo = app.test_client(), echo_app.test_client()
    tracer = Tracer()
    tracer.attach("main", bot.store.db.conn)
    tracer.attach("scratch", bot.store.scratch.conn)
    msg_id = 10**9

    def send(c, user: str, text: str, last: list):
        nonlocal msg_id
        if text == "<retry>":
            path, body = last[0]
            path = request(user, "x", 0)[0]  # the retry comes with a new signature, same body
        elif text.startswith("<safe>"):
            msg_id += 1
            path, body = Signer(aes=True).line(user, text.removeprefix("<safe>"), msg_id).split("\t")
        else:
            msg_id += 1
            path, body = request(user, text, msg_id)
        last[:] = [(path, body)]
        resp = c.post(path, data=body, headers={"Content-Type": "text/xml"})
        assert resp.status_code == 200, (resp.status_code, resp.data[:200])
        return resp

    print(f"{'message':24} {'main: stmts writes commits':>27} {'scratch: stmts writes commits':>30}"
          f" {'ours ms':>8} {'echo ms':>8}")
    for u, (label, script, reset) in enumerate(CASES):
        user = f"ob-prof-{u}"
        last: list = []
        for _ in range(3):  # warm: this teacher seen this hour, caches filled, any conversation ended
            for text in script + reset:
                send(client, user, text, last)
        for text in script[:-1]:
            send(client, user, text, last)
        tracer.rows.clear()
        tracer.on = True
        send(client, user, script[-1], last)
        tracer.on = False
        traced = list(tracer.rows)
        main_c, scratch_c = tracer.counts("main"), tracer.counts("scratch")
        ours, theirs = [], []
        for _ in range(args.n):
            for text in script[:-1]:
                send(client, user, text, last)
            start = time.perf_counter()
            send(client, user, script[-1], last)
            ours.append(time.perf_counter() - start)
            for text in reset:
                send(client, user, text, last)
            start = time.perf_counter()
            send(echo, user, script[-1] if script[-1] != "<retry>" else "x", [])  # (safe: the echo decrypts too)
            theirs.append(time.perf_counter() - start)
        print(f"{label:24} {main_c[0]:>12} {main_c[1]:>6} {main_c[2]:>7} {scratch_c[0]:>15} {scratch_c[1]:>6}"
              f" {scratch_c[2]:>7} {statistics.median(ours) * 1000:8.3f} {statistics.median(theirs) * 1000:8.3f}")
        if args.sql:
            for conn, sql, inside in traced:
                print(f"      {conn:8} {'txn ' if inside else '    '}{sql[:150]}")
    bot.dispatch.flush()  # what waits for the next claim, before the folder goes
    print("(ms: median through Flask's test client, which adds the same to both. BEGIN/COMMIT are not"
          " counted as statements; a commit is a COMMIT or a write outside a transaction. Steady state: the"
          " message before the traced one was answered too, so whatever it left to write is counted here.)")


if __name__ == "__main__":
    raise SystemExit(main())
