"""What an attack on the first trust fixes found, each checked the way it was found: a retry while
the first delivery is slow, a care report half-written when the disk filled, the scratch file's page
order, delivery keys anyone could recompute, file modes, and what the access log says."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
import threading

from bot import demo
from tests.helpers import ACCOUNT, text_message_xml


def _school(plain_wechat):
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    return bot


def test_a_retry_while_the_first_delivery_is_still_handled_asks_for_another_retry(plain_wechat):
    """Answering it with "success" ended WeChat's retries and lost the reply (an anonymous ticket)."""
    bot = _school(plain_wechat)
    member = bot.store.members.by_staff_no("1003")
    bot.store.bindings.bind("wechat", "oSlow", member.id)
    bot.dispatch.wait_limit_s = 0.3
    release, entered = threading.Event(), threading.Event()
    handle = bot.router.handle

    def slow(msg):
        entered.set()
        release.wait(10)
        return handle(msg)

    bot.router.handle = slow
    xml = text_message_xml("oSlow", ACCOUNT, "匿名建议：走廊的灯太暗了", "7001", plain_wechat.clock.timestamp())
    first = {}
    thread = threading.Thread(target=lambda: first.update(resp=plain_wechat.post_xml(xml)))
    thread.start()
    assert entered.wait(10)
    retry = plain_wechat.post_xml(xml)
    assert retry.status_code == 503  # WeChat tries once more
    release.set()
    thread.join(10)
    bot.router.handle = handle
    ticket = re.search(r"编号 ([0-9A-Z]{6})", plain_wechat.reply_content(first["resp"])).group(1)
    assert ticket in plain_wechat.reply_content(plain_wechat.post_xml(xml))  # the next retry gets it
    assert bot.store.suggestions.tray_count() == 1


def test_a_care_report_is_written_whole_or_not_at_all(plain_wechat, monkeypatch):
    """The disk filled between the report and the officers' notices: the retry made a second report."""
    bot = _school(plain_wechat)
    member = bot.store.members.by_staff_no("1003")
    bot.store.bindings.bind("wechat", "oCare", member.id)
    enqueue, calls = bot.store.outbox.enqueue, []

    def full_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return enqueue(*args, **kwargs)

    monkeypatch.setattr(bot.store.outbox, "enqueue", full_on_the_second)
    xml = text_message_xml("oCare", ACCOUNT, "张伟老师昨天住院了", "7101", plain_wechat.clock.timestamp())
    assert plain_wechat.post_xml(xml).status_code == 503
    monkeypatch.setattr(bot.store.outbox, "enqueue", enqueue)
    assert "工会" in plain_wechat.reply_content(plain_wechat.post_xml(xml))  # the platform's retry
    assert bot.store.db.scalar("SELECT count(*) FROM care_reports") == 1
    officers = len(bot.store.members.committee())
    assert bot.store.db.scalar("SELECT count(*) FROM outbox WHERE kind = 'care'") == officers


def test_long_suggestions_do_not_sit_in_the_scratch_file_in_the_order_they_came(plain_wechat):
    """Rows over a page spill into overflow pages appended in arrival order; the file is rewritten in
    key order after each one, so a copy shows the tray's (random) key order instead."""
    bot = _school(plain_wechat)
    texts = []
    for i in range(6):
        text = f"第{i}条：" + "食堂排队太长，希望增加窗口并公开菜价，" * 20 + f"完{i}"
        texts.append(text)
        plain_wechat.clock.advance(seconds=30)
        assert "编号" in plain_wechat.say(f"oLong{i}", "匿名建议：" + text)
    blob = open(bot.store.scratch.path, "rb").read()
    ends = [blob.find(f"完{i}".encode()) for i in range(6)]
    assert all(e > 0 for e in ends)
    by_key = [r["content"] for r in bot.store.scratch.query("SELECT content FROM tray ORDER BY id")]
    assert sorted(range(6), key=lambda i: ends[i]) == [texts.index(c) for c in by_key]


def test_delivery_records_cannot_be_recomputed_from_the_users_on_file(plain_wechat):
    """An event's id is built from the user and a timestamp: a plain hash of it could be brute-forced."""
    bot = _school(plain_wechat)
    plain_wechat.say("oKeyed", "你好", msg_id="7201")
    plain = hashlib.sha256("\x00".join(("wechat", "oKeyed", "7201")).encode()).hexdigest()[:40]
    keys = [r["msg_key"] for r in bot.store.inbox.rows()]
    assert keys and plain not in keys
    key_file = bot.store.db.path + "-scratch.key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_database_files_and_backups_are_readable_by_the_service_only(plain_wechat, tmp_path):
    bot = _school(plain_wechat)
    plain_wechat.say("oMode", "你好")
    path = bot.store.db.path
    for f in (path, path + "-wal", path + "-scratch"):
        assert stat.S_IMODE(os.stat(f).st_mode) == 0o600, f


def test_the_access_log_has_no_sizes_or_durations():
    """Response sizes and times told a suggestion's receipt from other replies."""
    from bot.server import ACCESS_LOG_FORMAT

    assert "%(B)" not in ACCESS_LOG_FORMAT and "%(b)" not in ACCESS_LOG_FORMAT
    assert "%(M)" not in ACCESS_LOG_FORMAT and "%(D)" not in ACCESS_LOG_FORMAT and "%(T)" not in ACCESS_LOG_FORMAT
