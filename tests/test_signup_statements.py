"""A sign-up and a withdrawal each cost one transaction of the main file with no statement it does not need
(issue 23, seventeenth round): the places and the line read together, the row's id returned by its write,
the row read once, the activity read for a promotion only when someone is waiting; what the teacher is
told and what is stored stay the same (frozen clock, 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from bot.app import create_app
from bot.clock import FrozenClock
from bot.demo import seed
from tests.conftest import make_config
from tests.helpers import WeChatClient

TEACHER, OTHER = "oTeacherStatements", "oOtherStatements"


@pytest.fixture
def school(tmp_path):
    clock = FrozenClock("2026-09-01 09:00")
    app = create_app(make_config(tmp_path), clock)
    store = app.extensions["unionbot"].store
    seed(store, clock)
    for user, staff_no, name in ((TEACHER, "93101", "王老师"), (OTHER, "93102", "李老师")):
        store.bindings.bind("wechat", user, store.members.add(staff_no=staff_no, name=name).id)
    return WeChatClient(app.test_client(), "plaintext", clock), store


def _in_transaction(store, say) -> tuple[str, list[str]]:
    """The reply, and the main file's statements inside its transactions (BEGIN … COMMIT, both left out;
    sqlite3 reports a trigger's step as its statement again: counted once)."""
    seen: list[tuple[str, bool]] = []
    conn = store.db.conn

    def trace(sql: str) -> None:
        sql = " ".join(sql.split())
        if not (seen and seen[-1][0] == sql and sql.upper().startswith(("INSERT", "UPDATE", "DELETE"))):
            seen.append((sql, conn.in_transaction))

    conn.set_trace_callback(trace)
    try:
        reply = say()
    finally:
        conn.set_trace_callback(None)
    inside = [sql for sql, txn in seen if txn and not sql.upper().startswith(("BEGIN", "COMMIT", "UPDATE TABLE_VERSIONS"))]
    return reply, inside


def _row(store, user):
    member = store.bindings.member_for("wechat", user)
    return store.db.one("SELECT s.* FROM signups s JOIN activities a ON a.id = s.activity_id "
                        "WHERE a.title = '乒乓球友谊赛' AND s.member_id = ?", (member.id,))


def test_the_yes_to_a_sign_up_reads_the_activity_her_row_and_the_places_then_writes(school):
    wx, store = school
    assert "确认报名「乒乓球友谊赛」" in wx.say(TEACHER, "报名乒乓球")
    reply, inside = _in_transaction(store, lambda: wx.say(TEACHER, "是"))
    assert reply.startswith("报名成功！「乒乓球友谊赛」")
    assert [sql.split(" WHERE")[0] for sql in inside] == [
        "SELECT * FROM activities",
        "SELECT * FROM signups",
        "SELECT coalesce(sum(CASE WHEN status = 'confirmed' THEN party END), 0) AS taken, "
        "count(CASE WHEN status = 'waitlisted' THEN 1 END) AS waiting FROM signups",
        inside[3].split(" WHERE")[0],
    ]
    assert inside[3].startswith("INSERT INTO signups") and inside[3].endswith("RETURNING id")
    assert _row(store, TEACHER)["status"] == "confirmed"


def test_a_withdrawal_reads_her_row_once_and_no_activity_when_nobody_waits(school):
    wx, store = school
    wx.say(TEACHER, "报名乒乓球")
    wx.say(TEACHER, "是")
    reply, inside = _in_transaction(store, lambda: wx.say(TEACHER, "取消报名乒乓球"))
    assert "已为您取消「乒乓球友谊赛」的报名。" in reply
    assert len([sql for sql in inside if sql.startswith("SELECT * FROM signups WHERE")]) == 2  # her row, the line
    assert not [sql for sql in inside if "FROM activities" in sql or ("WHERE id =" in sql and sql.startswith("SELECT"))]
    assert len(inside) == 3
    assert _row(store, TEACHER)["status"] == "cancelled"


def test_signing_up_again_after_withdrawing_renews_the_same_row(school):
    wx, store = school
    wx.say(TEACHER, "报名乒乓球")
    wx.say(TEACHER, "是")
    first = _row(store, TEACHER)["id"]
    wx.say(TEACHER, "取消报名乒乓球")
    wx.say(TEACHER, "好的")
    assert "确认报名「乒乓球友谊赛」" in wx.say(TEACHER, "我还是想报乒乓球")
    assert wx.say(TEACHER, "确认").startswith("报名成功！")
    again = _row(store, TEACHER)
    assert again["id"] == first and again["status"] == "confirmed"
    assert store.db.scalar("SELECT count(*) FROM signups") == 1


@pytest.fixture
def one_place(school):
    """The 乒乓球 match with one place, taken by 李老师."""
    wx, store = school
    ping = store.db.one("SELECT id FROM activities WHERE title = '乒乓球友谊赛'")["id"]
    store.activities.update(ping, capacity=1)
    wx.say(OTHER, "报名乒乓球")
    assert wx.say(OTHER, "是").startswith("报名成功！")
    return ping


def test_leaving_the_waitlist_is_told_as_leaving_it(school, one_place):
    wx, store = school
    wx.say(TEACHER, "报名乒乓球")
    assert "已为您登记候补，目前排第 1 位" in wx.say(TEACHER, "是")
    assert "已将您移出「乒乓球友谊赛」的候补名单。" in wx.say(TEACHER, "取消报名乒乓球")
    assert _row(store, TEACHER)["status"] == "cancelled"
    assert _row(store, OTHER)["status"] == "confirmed"


def test_a_withdrawal_with_someone_waiting_still_promotes_and_tells_her(school, one_place):
    wx, store = school
    wx.say(TEACHER, "报名乒乓球")
    wx.say(TEACHER, "是")
    reply, inside = _in_transaction(store, lambda: wx.say(OTHER, "取消报名乒乓球"))
    assert "已为您取消「乒乓球友谊赛」的报名。" in reply
    assert any("FROM activities" in sql for sql in inside)  # someone waits: the activity is read for her
    assert _row(store, TEACHER)["status"] == "confirmed"
    [notice] = [r for r in store.outbox.list() if r["kind"] == "promotion"]
    assert "乒乓球友谊赛" in notice["text"]


def test_the_committee_renewing_a_waitlisted_members_row_gets_her_place_in_line(school, one_place):
    wx, store = school
    teacher = store.bindings.member_for("wechat", TEACHER)
    wx.say(TEACHER, "报名乒乓球")
    wx.say(TEACHER, "是")
    wx.say(TEACHER, "取消报名乒乓球")
    outcome = store.signups.add(one_place, member=teacher)  # the cancelled row renewed, on the waitlist
    assert (outcome.status, outcome.position) == ("waitlisted", 1)
    assert _row(store, TEACHER)["status"] == "waitlisted"
