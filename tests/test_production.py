"""Production, with real processes: `serve` under gunicorn, two workers racing for places with
WeChat's retries, the scheduler killed mid-send. Marked `process` (`pytest -m "not process"` skips
them while iterating; `make test` and CI run them)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.app import Bot
from bot.config import load_config
from tests.procs import Server, post, reply_content, signed_text, write_config

pytestmark = pytest.mark.process


def test_serve_is_gunicorn_with_its_workers_one_scheduler_and_no_query_strings_in_the_log(tmp_path):
    conf = write_config(tmp_path, workers=2, in_process=True)
    server = Server(conf)
    try:
        server.wait_ready()
        # /healthz answers as soon as the first worker is up; gunicorn forks the second just after
        _wait(lambda: len(server.workers()) == 2)
        assert "gunicorn" in server.output() and "2 个工作进程" in server.output()
        path, body = signed_text("ou-secret-openid", "帮助", "1")
        status, reply = post(server.port, path, body)
        assert status == 200 and "报名" in reply_content(reply)
        db = sqlite3.connect(tmp_path / "unionbot.db")
        holder = _wait(lambda: db.execute("SELECT value FROM kv WHERE key = 'scheduler-lock'").fetchone())
        assert int(holder[0].split(":")[1]) in server.workers()  # one worker runs the scheduler
        _wait(lambda: '"POST /wechat" 200' in server.output())  # gunicorn writes the access line after the reply
    finally:
        code = server.stop()
    assert code == 0
    assert "ou-secret-openid" not in server.output()  # WeChat's openid is in the query string
    assert db.execute("SELECT count(*) FROM kv WHERE key = 'scheduler-lock'").fetchone()[0] == 0  # released


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(tmp_path):
    conf = write_config(tmp_path, extra="trusted_proxies = 1\n")
    server = Server(conf)
    try:
        server.wait_ready()
        import http.client

        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/healthz", headers={"X-Forwarded-For": "203.0.113.7"})
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        server.stop()
    assert '203.0.113.7 "GET /healthz" 200' in server.output()


def _wait(fn, timeout: float = 20.0):
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = fn()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError


def test_two_workers_200_members_30_places_every_message_retried_three_times(tmp_path):
    """Each teacher sends 报名拔河 then 是; WeChat delivers every message four times at once (the
    original and three retries, same URL and body). Exactly 30 get places, 170 wait, in the order
    their 是 was handled, and each message has one effect and one answer."""
    conf = write_config(tmp_path, workers=2)  # the shipped default: sync workers
    bot = Bot(load_config(conf))
    now = bot.clock.now().replace(tzinfo=None)
    starts, deadline = (now + dt.timedelta(days=10)).strftime("%Y-%m-%d 15:30"), (now + dt.timedelta(days=9))
    activity = bot.store.activities.add("教职工拔河比赛", starts, "学校操场", 30, deadline.strftime("%Y-%m-%d 18:00"))
    users = []
    for i in range(200):
        member = bot.store.members.add(staff_no=f"7{i:04d}", name=f"老师{i}")
        bot.store.bindings.bind("wechat", f"ou-{i}", member.id)
        users.append((f"ou-{i}", member.id))
    bot.store.db.close()

    server = Server(conf)
    server.wait_ready()
    start = threading.Barrier(200)

    def deliver_four_times(pool, user, text, msg_id):
        path, body = signed_text(user, text, msg_id)
        return [f.result() for f in [pool.submit(post, server.port, path, body) for _ in range(4)]]

    def teacher(args):
        n, (user, _) = args
        with ThreadPoolExecutor(4) as pool:
            start.wait()
            first = deliver_four_times(pool, user, "报名拔河", f"{n}01")
            second = deliver_four_times(pool, user, "是", f"{n}02")
        return first, second

    try:
        with ThreadPoolExecutor(200) as pool:
            results = list(pool.map(teacher, enumerate(users)))
    finally:
        assert server.stop() == 0

    for first, second in results:
        for copies in (first, second):
            assert all(status == 200 for status, _ in copies)
            answers = {reply_content(body) for _, body in copies} - {""}  # "" = still working: WeChat retries
            assert len(answers) == 1, answers  # every copy that answered gave the same answer
        assert reply_content(first[0][1]) == "" or "确认报名「教职工拔河比赛」吗" in reply_content(first[0][1])

    db = sqlite3.connect(tmp_path / "unionbot.db")
    rows = db.execute("SELECT member_id, status FROM signups WHERE activity_id = ? ORDER BY id", (activity.id,)).fetchall()
    assert len(rows) == 200 and len({m for m, _ in rows}) == 200  # one sign-up per teacher, however many copies
    assert [s for _, s in rows] == ["confirmed"] * 30 + ["waitlisted"] * 170  # in the order they were handled
    check = Bot(load_config(conf))
    positions = [check.store.signups.waitlist_position(activity.id, m) for m, s in rows if s == "waitlisted"]
    assert positions == list(range(1, 171))
    said = {}
    for (_user, member_id), (_, second) in zip(users, results, strict=True):
        said[member_id] = {reply_content(body) for _, body in second} - {""}
    for member_id, status in rows:
        text = said[member_id].pop() if said[member_id] else ""
        if text:  # what the teacher was told is what was stored
            assert text.startswith("报名成功") if status == "confirmed" else "候补" in text
    assert check.store.inbox.count() == 400  # one record per message, not per copy


def test_the_scheduler_killed_ten_times_mid_send_still_greets_everyone_exactly_once(tmp_path):
    """300 birthdays today through 企业微信. The scheduler (its own process) is SIGKILLed at random
    points of the day's sending, ten times, and restarted each time: no greeting is lost, none is
    delivered twice. The in-flight row of each kill is sent again, because 企业微信 drops a duplicate
    (enable_duplicate_check); on a platform without that it would be marked for review instead."""
    import random
    import signal
    import subprocess
    import sys
    import time

    from tests.procs import ROOT
    from tests.test_wecom import AES, CORP, TOKEN, FakeWeComAPI

    api = FakeWeComAPI().start()
    conf = write_config(tmp_path, extra="")
    conf.write_text(conf.read_text(encoding="utf-8").replace("[schedule]\n", '[schedule]\nsend_time = "00:00"\n') +
                    f'[wecom]\nenabled = true\ncorp_id = "{CORP}"\nagent_id = "1000002"\nsecret = "s"\n'
                    f'token = "{TOKEN}"\nencoding_aes_key = "{AES}"\napi_base = "{api.base}"\n', encoding="utf-8")
    bot = Bot(load_config(conf))
    today = bot.clock.today()
    for i in range(300):
        member = bot.store.members.add(staff_no=f"8{i:04d}", name=f"寿星{i}", birth_calendar="公历",
                                       birth_date=f"1980-{today:%m-%d}")
        bot.store.bindings.bind("wecom", f"wu{i}", member.id)
    bot.store.db.close()

    def sends():
        return [(r["body"]["touser"], r["body"]["text"]["content"]) for r in api.to("/cgi-bin/message/send")]

    def start():
        return subprocess.Popen([sys.executable, "-m", "bot", "--config", str(conf), "scheduler"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    rng = random.Random(20261123)
    kills = []
    try:
        for _ in range(10):
            proc = start()
            target = len(sends()) + rng.randint(0, 40)  # 0: killed before it sends anything
            end = time.monotonic() + 60
            while len(sends()) < target and proc.poll() is None and time.monotonic() < end:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.03))
            assert proc.poll() is None, proc.stderr.read()  # it was still working when killed
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills.append(len(sends()))
        proc = start()
        db = sqlite3.connect(tmp_path / "unionbot.db")
        _wait(lambda: db.execute("SELECT count(*) FROM outbox").fetchone()[0] > 0
              and db.execute("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").fetchone()[0] == 0,
              timeout=120)
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        api.stop()

    assert len(kills) == 10 and kills[-1] < 300  # every kill landed before the day's sending was done
    rows = db.execute("SELECT target, text, status, reason FROM outbox WHERE kind = 'greeting'").fetchall()
    assert len(rows) == 300
    assert {status for _, _, status, _ in rows} == {"sent"}, [r for r in rows if r[2] != "sent"]
    received = sends()
    delivered = set(received)  # what teachers see: 企业微信 drops an identical message within 4 h
    assert delivered == {(target, text) for target, text, _, _ in rows}
    assert len({target for target, _ in delivered}) == 300  # one greeting each
    assert len(received) - len(delivered) <= 10  # at most the one in-flight message per kill was sent again


def test_a_worker_killed_mid_request_is_taken_over_by_the_retry(tmp_path):
    """A worker dies (SIGKILL, or gunicorn's timeout kill) while handling 是: the delivery's record
    stays 'processing' with a dead owner. WeChat's retry of the same MsgId, on the new worker, takes
    it over and gets the real answer; the sign-up happens once."""
    import fcntl
    import os
    import signal
    import time

    conf = write_config(tmp_path, workers=1)
    bot = Bot(load_config(conf))
    now = bot.clock.now().replace(tzinfo=None)
    starts = (now + dt.timedelta(days=10)).strftime("%Y-%m-%d 15:30")
    activity = bot.store.activities.add("教职工拔河比赛", starts, "学校操场", 30)
    member = bot.store.members.add(staff_no="70001", name="王老师")
    bot.store.bindings.bind("wechat", "ou-kill", member.id)
    bot.store.db.close()
    server = Server(conf)
    try:
        server.wait_ready()
        path, body = signed_text("ou-kill", "报名拔河", "9001")
        assert reply_content(post(server.port, path, body)[1]).startswith("确认报名「教职工拔河比赛」吗？")
        # hold the main database's writers' lock: the worker's sign-up will wait on it, mid-request
        lock = os.open(str(tmp_path / "unionbot.db") + "-writers.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(lock, fcntl.LOCK_EX)
        (worker,) = server.workers()
        path, body = signed_text("ou-kill", "是", "9002")
        pool = ThreadPoolExecutor(1)
        first = pool.submit(post, server.port, path, body)
        _wait(lambda: bot.store.inbox.count(status="processing"))
        os.kill(worker, signal.SIGKILL)
        with pytest.raises(Exception):  # noqa: B017 - the connection dies with the worker
            first.result(timeout=30)
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
        _wait(lambda: server.workers() and server.workers() != [worker])
        server.wait_ready()
        time.sleep(0.2)  # the master has reaped the dead worker
        retry_path, _ = signed_text("ou-kill", "是", "9002")  # WeChat's retry: same MsgId, new signature
        status, reply = post(server.port, retry_path, body)
        assert status == 200
        assert reply_content(reply).startswith("报名成功！「教职工拔河比赛」")
        again_path, _ = signed_text("ou-kill", "是", "9002")
        assert reply_content(post(server.port, again_path, body)[1]).startswith("报名成功！")  # same answer
    finally:
        server.stop()
    db = sqlite3.connect(tmp_path / "unionbot.db")
    assert db.execute("SELECT count(*) FROM signups WHERE activity_id = ? AND status = 'confirmed'",
                      (activity.id,)).fetchone()[0] == 1
