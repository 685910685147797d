"""Cached reads kept across writes to tables they did not read (issue 23, thirteenth round;
storage/versions.py): who a teacher is survives a colleague's sign-up and another worker's hourly
last use; the kept activity list survives the last use but not a sign-up; anything written by another
process or a tool to a table a value read (a renamed teacher, a cancelled activity) is seen at once."""

from __future__ import annotations

import sqlite3

import pytest

from bot import demo
from storage.versions import ANY, tables_of
from tests import test_kept_replies
from tests.helpers import Chat

computed = test_kept_replies.computed  # a fixture: how many times the router worked a reply out


@pytest.fixture
def school(bot):
    demo.seed(bot.store, bot.clock)
    return bot


def teacher(bot, user: str, name: str, staff_no: str) -> Chat:
    member = bot.store.members.add(staff_no=staff_no, name=name, gender="男")
    bot.store.bindings.bind("test", user, member.id)
    return Chat(bot, user)


def main_reads(bot, say) -> list[str]:
    """The statements one message sends to the main file (reads of the roster and activities)."""
    seen: list[str] = []
    bot.store.db.conn.set_trace_callback(seen.append)
    try:
        reply = say()
    finally:
        bot.store.db.conn.set_trace_callback(None)
    return [reply, *seen]


def other_process(bot) -> sqlite3.Connection:
    """Another program writing the same file (the console's process, the CLI, a sqlite3 shell)."""
    return sqlite3.connect(bot.store.db.path, isolation_level=None)


def test_who_a_teacher_is_is_not_read_again_after_a_colleagues_sign_up(school):
    wang, zhao = teacher(school, "u-w", "王建国", "9001"), teacher(school, "u-z", "赵文博", "9002")
    assert "王建国老师" in wang.say("你好")
    asked = wang.say("今年体检什么时候")
    assert "体检" in asked
    assert "确认" in zhao.say("报名乒乓球")
    assert "报名成功" in zhao.say("是")  # a commit to signups (and her last use before)
    reply, *sql = main_reads(school, lambda: wang.say("今年体检什么时候"))
    assert reply == asked
    assert not [s for s in sql if "FROM bindings" in s]  # 王建国 still known without a query
    assert not [s for s in sql if "FROM checkups" in s]  # nor the checkups (no checkup changed)


def test_a_teacher_renamed_by_another_process_is_greeted_by_her_new_name(school):
    wang = teacher(school, "u-w", "王建国", "9001")
    assert "王建国老师" in wang.say("你好")
    school.clock.advance(minutes=1)
    other_process(school).execute("UPDATE members SET name = '王建业' WHERE staff_no = '9001'")
    greeting = wang.say("你好")
    assert "王建业老师" in greeting and "王建国" not in greeting


def test_the_kept_activity_list_survives_a_last_use_but_not_a_sign_up_elsewhere(school, computed):
    wang, zhao = teacher(school, "u-w", "王建国", "9001"), teacher(school, "u-z", "赵文博", "9002")
    first = wang.say("最近有什么活动")
    assert "剩余 16/16 个名额" in first
    db = other_process(school)  # another worker: a teacher's first message of the hour, written
    db.execute("INSERT INTO channel_users (channel, user_id, subscribed, first_seen_at, last_inbound_at) "
               "VALUES ('wechat', 'ob-x', 1, '2026-09-01T09:00:00+08:00', '2026-09-01T09:00:00+08:00')")
    assert zhao.say("最近有什么活动") == first
    assert computed == ["最近有什么活动"]  # kept across another worker's last-use write
    # another worker signs a teacher up: the list is worked out again with one place fewer
    member_id = db.execute("SELECT id FROM members WHERE staff_no = '9002'").fetchone()[0]
    activity_id = db.execute("SELECT id FROM activities WHERE title LIKE '%乒乓球%'").fetchone()[0]
    db.execute("INSERT INTO signups (activity_id, member_id, party, status, created_at, updated_at) VALUES "
               "(?, ?, 1, 'confirmed', '2026-09-01T09:00:00+08:00', '2026-09-01T09:00:00+08:00')",
               (activity_id, member_id))
    assert "剩余 15/16 个名额" in wang.say("最近有什么活动")
    assert computed == ["最近有什么活动", "最近有什么活动"]
    db.execute("UPDATE activities SET status = 'cancelled' WHERE id = ?", (activity_id,))
    assert "乒乓球" not in zhao.say("最近有什么活动")  # a cancelled activity is gone at once


def test_names_of_colleagues_are_found_again_after_the_roster_changes(school):
    store = school.store
    teacher(school, "u-w", "欧阳明远", "9001")
    assert store.members.active_names_in("我想表扬欧阳明远和上官文静") == ["欧阳明远"]
    db = other_process(school)
    db.execute("INSERT INTO members (staff_no, name, gender, status, created_at, updated_at) VALUES "
               "('9003', '上官文静', '女', '在职', '2026-09-01', '2026-09-01')")
    assert store.members.active_names_in("我想表扬欧阳明远和上官文静") == ["欧阳明远", "上官文静"]
    db.execute("UPDATE members SET status = '离职' WHERE staff_no = '9001'")
    assert store.members.active_names_in("我想表扬欧阳明远和上官文静") == ["上官文静"]


def test_every_row_written_moves_its_tables_counter_whoever_writes(school):
    store = school.store
    before = {r["name"]: r["n"] for r in store.db.query("SELECT name, n FROM table_versions")}
    assert set(before) == {"members", "bindings", "activities", "signups", "checkups"}
    db = other_process(school)
    db.execute("UPDATE members SET phone = '' WHERE id IN (SELECT id FROM members LIMIT 3)")
    db.execute("DELETE FROM bindings")
    after = {r["name"]: r["n"] for r in store.db.query("SELECT name, n FROM table_versions")}
    assert after["members"] == before["members"] + 3
    assert after["bindings"] > before["bindings"]
    assert after["activities"] == before["activities"] and after["signups"] == before["signups"]


def test_a_statement_whose_tables_cannot_be_told_depends_on_everything():
    assert tables_of("SELECT m.* FROM bindings b JOIN members m ON m.id = b.member_id") == {"bindings", "members"}
    assert tables_of("SELECT *, (SELECT sum(party) FROM signups s WHERE s.activity_id = activities.id) "
                     "FROM activities WHERE starts_at >= ?") == {"signups", "activities"}
    assert tables_of("SELECT * FROM members, bindings WHERE members.id = bindings.member_id") == {ANY}
    assert tables_of("SELECT * FROM members m, bindings b") == {ANY}
    assert tables_of("SELECT * FROM outbox WHERE id = ?") == {ANY}  # not versioned: any change drops it
    assert tables_of("SELECT 1") == {ANY}
    assert tables_of("SELECT id FROM members WHERE id IN (1, 2) ORDER BY a, b") == {"members"}


def test_a_value_read_before_another_process_commits_is_not_kept_as_new(school):
    """The counters are read before the value: a commit landing after the value was read (within one
    message's look) leaves the value with the old counters, so the next message reads it again."""
    store = school.store
    db = other_process(school)

    def read():
        count = store.db.scalar("SELECT count(*) FROM members WHERE phone = '1'")
        db.execute("UPDATE members SET phone = '1' WHERE id = (SELECT min(id) FROM members)")  # just after
        return count

    with store.db.one_look():
        assert store.db.cached("phones", read) == 0
    with store.db.one_look():
        assert store.db.cached("phones", lambda: store.db.scalar(
            "SELECT count(*) FROM members WHERE phone = '1'")) == 1
