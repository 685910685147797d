"""匿名就是匿名, checked the way someone holding the database file would try to break it: start from
the anonymous ticket or text, join every table on every identifier and every timestamp (to the
second), and see whether any path reaches the sender.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot import demo
from tests.helpers import release

SENDER = "oLiNa-openid-1003"
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")


def all_rows(db) -> list[tuple[str, dict]]:
    rows = []
    for table in db.db.table_names():
        for row in db.query(f"SELECT * FROM [{table}]"):
            rows.append((table, row))
    return rows


def join_keys(table: str, row: dict) -> set[tuple[str, object]]:
    """What a row can be joined on: identifiers (any string of 6+ characters that is not a date),
    timestamps to the second, and member ids."""
    keys = set()
    for col, value in row.items():
        if value is None:
            continue
        if (col.endswith("member_id") or (table == "members" and col == "id")) and isinstance(value, int):
            keys.add(("member", value))
        if isinstance(value, str):
            for m in STAMP.finditer(value):
                keys.add(("time", m.group(0).replace(" ", "T")[:19]))
            if len(value) >= 6 and not STAMP.fullmatch(value) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                keys.add(("id", value))
    return keys


def reachable(db, needles: list[str]) -> list[tuple[str, dict]]:
    """Every row joined, directly or through other rows, to a row that contains one of the needles."""
    rows = all_rows(db)
    keyed = [(t, r, join_keys(t, r)) for t, r in rows]
    frontier = [i for i, (_, r, _) in enumerate(keyed) if any(n in str(v) for v in r.values() for n in needles)]
    seen = set(frontier)
    keys: set = set()
    while frontier:
        for i in frontier:
            keys |= keyed[i][2]
        frontier = [i for i, (_, _, k) in enumerate(keyed) if i not in seen and k & keys]
        seen.update(frontier)
    return [(keyed[i][0], keyed[i][1]) for i in sorted(seen)]


def identifies_sender(table: str, row: dict, member_id: int) -> bool:
    values = [str(v) for v in row.values() if v is not None]
    if any(SENDER in v for v in values):
        return True
    if table == "members" and row["id"] == member_id:
        return True
    return any(k.endswith("member_id") and v == member_id for k, v in row.items())


def assert_no_path(db, needles: list[str], member_id: int) -> None:
    for table, row in reachable(db, needles):
        assert not identifies_sender(table, row, member_id), (table, row)


def file_bytes(db) -> bytes:
    """Every file of the database: main, WAL, scratch and its journal."""
    path = Path(db.path)
    return b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name) and p.is_file())


def scratch_rows(store) -> list[tuple[str, dict]]:
    rows = []
    for table in store.scratch.db.table_names():
        for row in store.scratch.query(f"SELECT * FROM [{table}]"):
            rows.append((table, row))
    return rows


@pytest.fixture
def school_wechat(plain_wechat):
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    lina = bot.store.members.by_staff_no("1003")
    bot.store.bindings.bind("wechat", SENDER, lina.id)
    plain_wechat.bot = bot
    plain_wechat.lina = lina
    return plain_wechat


def test_checker_finds_the_old_join(school_wechat):
    """The checker itself: a reply stored beside the delivery's second, and that second beside the
    openid (what the old code kept) is a path."""
    db = school_wechat.bot.store.db
    db.execute("CREATE TABLE inbox (channel TEXT, msg_key TEXT, status TEXT, reply TEXT, received_at TEXT)")
    db.execute("INSERT INTO inbox (channel, msg_key, status, reply, received_at) VALUES "
               "('wechat', 'k', 'done', '编号 Z5F89W', '2026-09-01T09:00:07+08:00')")
    db.execute("UPDATE channel_users SET last_inbound_at = '2026-09-01T09:00:07+08:00'")
    db.execute("INSERT OR IGNORE INTO channel_users (channel, user_id, subscribed, first_seen_at, last_inbound_at) "
               "VALUES ('wechat', ?, 1, '2026-09-01', '2026-09-01T09:00:07+08:00')", (SENDER,))
    with pytest.raises(AssertionError):
        assert_no_path(db, ["Z5F89W"], school_wechat.lina.id)


def test_anonymous_suggestion_cannot_be_joined_to_its_sender(school_wechat, caplog):
    caplog.set_level(logging.DEBUG)
    wx, bot = school_wechat, school_wechat.bot
    wx.say(SENDER, "你好")  # she is a known, active user
    wx.clock.advance(seconds=7)
    reply = wx.say(SENDER, "匿名反馈一下：三楼厕所经常没水", msg_id="5150")
    ticket = re.search(r"编号 ([0-9A-Z]{6})", reply).group(1)
    wx.clock.advance(seconds=3)
    assert "状态：已收到" in wx.say(SENDER, f"查询建议 {ticket}")  # asking about it is no link either
    db = bot.store.db
    # a retry of the submission still gets the ticket (sealed with the delivery's own key), yet
    # neither the ticket nor the openid is readable anywhere in the files
    assert ticket in wx.say(SENDER, "匿名反馈一下：三楼厕所经常没水", msg_id="5150")
    assert not [r for t, r in scratch_rows(bot.store) if t != "tray" and ticket in str(r)]
    assert not [r for t, r in scratch_rows(bot.store) if SENDER in str(r)]
    assert SENDER not in caplog.text and "三楼厕所" not in caplog.text
    # a day later, after the scheduler's housekeeping (the day's release), still no path
    wx.clock.advance(days=1)
    bot.housekeeping()
    row = db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket,))
    assert row["member_id"] is None and row["created_on"] == "2026-09-01" and row["updated_at"] == "2026-09-01"
    assert_no_path(db, [ticket, "三楼厕所经常没水"], school_wechat.lina.id)
    assert bot.store.inbox.count() == 0


def test_abandoned_draft_is_purged_on_schedule(school_wechat):
    wx, bot = school_wechat, school_wechat.bot
    assert wx.say(SENDER, "我要提建议").startswith("请直接写下您的建议内容")
    assert wx.say(SENDER, "食堂承包合同应该公开招标").startswith("要署上您的名字吗？")
    db = bot.store.db
    # while open (at most 10 minutes) the draft is sealed, under a key that is not in any file
    assert bot.store.conversations.count() == 1
    assert "食堂承包合同".encode() not in file_bytes(db)
    # she walks away; nobody else writes anything; the scheduler's housekeeping runs
    wx.clock.advance(minutes=11)
    bot.housekeeping()
    assert bot.store.conversations.count() == 0
    wx.clock.advance(days=1)
    bot.housekeeping()
    assert_no_path(db, ["食堂承包合同"], school_wechat.lina.id)
    # not even in free pages or the WAL (secure_delete, then the WAL truncated)
    assert "食堂承包合同".encode() not in file_bytes(db)


def test_submitted_draft_leaves_no_bytes_beside_the_user(school_wechat):
    wx, bot = school_wechat, school_wechat.bot
    wx.say(SENDER, "我要提建议")
    wx.say(SENDER, "校长办公会应该公开纪要")
    ticket = re.search(r"编号 ([0-9A-Z]{6})", wx.say(SENDER, "匿名")).group(1)
    wx.clock.advance(days=1)
    bot.housekeeping()
    db = bot.store.db
    assert bot.store.conversations.count() == 0
    assert_no_path(db, [ticket, "校长办公会应该公开纪要"], school_wechat.lina.id)
    # the draft was sealed and the tray's row overwritten: the scratch file holds no trace of it
    scratch = Path(bot.store.scratch.path).read_bytes()
    assert "校长办公会应该公开纪要".encode() not in scratch and ticket.encode() not in scratch


def test_daily_limit_is_never_stored_and_resets_at_midnight(school_wechat):
    wx, bot = school_wechat, school_wechat.bot
    for i in range(5):
        assert wx.say(SENDER, f"匿名建议：第{i}条建议内容").startswith("已收到")
    assert wx.say(SENDER, "匿名建议：第六条建议内容").startswith("您今天已提交 5 条意见")
    assert wx.say("oSomeoneElse", "匿名建议：别人的建议").startswith("已收到")
    db = bot.store.db
    assert "rate_counters" not in db.db.table_names()
    assert db.scalar("SELECT count(*) FROM kv WHERE key LIKE 'rate%'") == 0
    wx.clock.set("2026-09-02 00:00:30")
    bot.housekeeping()  # the key is replaced at midnight, not when the next suggestion comes
    quota = bot.services["suggestion_quota"]
    assert quota._day == "2026-09-02" and quota._counts == {}
    assert wx.say(SENDER, "匿名建议：第二天的建议").startswith("已收到")


def test_activity_times_are_kept_to_the_hour(school_wechat):
    wx, bot = school_wechat, school_wechat.bot
    wx.clock.set("2026-09-01 09:41:27")
    wx.say(SENDER, "你好")
    row = bot.store.channel_users.get("wechat", SENDER)
    assert row["last_inbound_at"] == "2026-09-01T09:00:00+08:00" and row["first_seen_at"] == "2026-09-01"
    assert {r["received_at"] for r in bot.store.inbox.rows()} == \
        {"2026-09-01T09:00:00+08:00"}


def test_named_suggestion_is_linked_as_the_teacher_chose(school_wechat):
    """The checker does find a link where there is one: a signed suggestion."""
    wx, bot = school_wechat, school_wechat.bot
    wx.say(SENDER, "建议食堂增加早餐品种")
    reply = wx.say(SENDER, "实名")
    ticket = re.search(r"编号 ([0-9A-Z]{6})", reply).group(1)
    release(bot.store)
    with pytest.raises(AssertionError):
        assert_no_path(bot.store.db, [ticket], school_wechat.lina.id)

