"""Party sizes said in chat (demo school, frozen clock 2026-09-01 09:00): "我和爱人两个人", "+1 家属",
"带孩子一共三个" count against the places where the activity allows companions; where it does not,
the teacher is told so plainly and signed up alone only after saying yes."""

from __future__ import annotations

import pytest

from handlers.activities.party import parse_party
from tests.conftest import as_member


@pytest.fixture
def family_day(school):
    """Companions allowed, at most 2 each; 5 places."""
    return school.store.activities.add("亲子游园会", "2026-09-19 09:00", "植物园", 5, "2026-09-17 17:00",
                                       kind="出游", allow_companions=True, max_companions=2)


def party(school, activity, staff_no):
    return school.store.signups.get(activity.id, school.store.members.by_staff_no(staff_no).id)


@pytest.mark.parametrize("said, people", [
    ("我和爱人两个人", 2), ("+1 家属", 2), ("＋1家属", 2), ("带孩子一共三个", 3), ("带两个孩子", 3),
    ("我们一家三口", 3), ("和老公一起去", 2), ("带上我家孩子和爱人", 3), ("共4人", 4), ("就我一个人", 1),
    ("报名拔河", None), ("报名12月9号那场", None), ("第二个", None), ("拔河我要参加", None),
    ("报名五人制足球", None), ("报名二人三足", None),
])
def test_party_phrases(said, people):
    assert parse_party(said) == people


def test_me_and_my_spouse_two_people(school, family_day):
    chat = as_member(school, "1003")
    ask = chat.say("报名亲子游园会，我和爱人两个人")
    assert ask.startswith("确认报名「亲子游园会」（共 2 人）吗？")
    assert chat.say("是").startswith("报名成功！「亲子游园会」（共 2 人）\n时间：9月19日（周六）09:00")
    assert party(school, family_day, "1003")["party"] == 2
    assert school.store.activities.confirmed_count(family_day.id) == 2
    assert "已报名（共 2 人）" in chat.say("我的报名")


def test_plus_one_after_the_question_asks_again_with_the_new_size(school, family_day):
    chat = as_member(school, "1009")
    assert chat.say("报名亲子游园会").startswith("确认报名「亲子游园会」吗？")
    assert chat.say("+1 家属").startswith("确认报名「亲子游园会」（共 2 人）吗？")
    chat.say("是")
    assert party(school, family_day, "1009")["party"] == 2


def test_a_child_in_a_party_of_three_and_the_party_counts_against_the_places(school, family_day):
    first = as_member(school, "1003")
    first.say("报名亲子游园会 带孩子一共三个")
    assert first.say("是").startswith("报名成功！「亲子游园会」（共 3 人）")
    second = as_member(school, "1009")
    second.say("报名亲子游园会，带孩子一共三个")  # 3 + 3 > 5
    assert second.say("是") == ("「亲子游园会」剩余名额不够 3 人，已为您（共 3 人）登记候补，目前排第 1 位。"
                               "空出的名额够 3 人时会按顺序递补，并第一时间通知您。")
    third = as_member(school, "1010")
    third.say("报名亲子游园会")  # one place would fit, but 周婷 is first in line
    assert "已为您登记候补，目前排第 2 位" in third.say("是")
    assert first.say("取消亲子游园会") == "已为您取消「亲子游园会」的报名。"
    assert party(school, family_day, "1009")["status"] == party(school, family_day, "1010")["status"] == "confirmed"
    assert school.store.activities.confirmed_count(family_day.id) == 4
    promoted = [r for r in school.store.outbox.list() if r["kind"] == "promotion"]
    assert len(promoted) == 2


def test_more_companions_than_allowed_offers_the_most_allowed(school, family_day):
    chat = as_member(school, "1003")
    assert chat.say("报名亲子游园会，我们一家五口") == (
        "「亲子游园会」每位老师最多可带 2 位家属（连您一共 3 人）。\n要按 3 人为您报名吗？回复“是”确认，回复“否”放弃。")
    chat.say("是")
    assert party(school, family_day, "1003")["party"] == 3


def test_where_companions_are_not_allowed_the_teacher_is_told_and_signed_up_alone_only_after_yes(school):
    chat = as_member(school, "1003")
    assert chat.say("报名拔河，我和爱人两个人") == (
        "「教职工拔河比赛」这次不接受携带家属，只能老师本人报名。\n要只为您本人报名吗？回复“是”为您一人报名，回复“否”放弃。")
    activity = next(a for a in school.store.activities.all() if a.kind == "拔河" or "拔河" in a.title)
    assert party(school, activity, "1003") is None  # nothing yet
    assert chat.say("是").startswith("报名成功！「教职工拔河比赛」\n")
    assert party(school, activity, "1003")["party"] == 1


def test_declining_to_go_alone_signs_up_nobody(school):
    chat = as_member(school, "1009")
    chat.say("+1 家属 报名乒乓球")
    assert chat.say("否") == "好的，已放弃报名。"
    assert chat.say("我的报名") == "您目前没有报名任何活动。回复“最近有什么活动”看看吧。"


def test_activities_add_takes_companions_and_an_end(tmp_path, monkeypatch, capsys):
    import json
    from pathlib import Path

    from bot.__main__ import main

    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    conf = str(Path(__file__).parent.parent / "config.demo.toml")
    assert main(["--config", conf, "activities", "add", "--title", "亲子游园", "--starts-at", "2030-09-10 09:00",
                 "--ends-at", "2030-09-10 11:30", "--max-companions", "2"]) == 0
    assert main(["--config", conf, "activities", "add", "--title", "教工篮球赛", "--starts-at", "2030-09-11 16:00"]) == 0
    capsys.readouterr()
    main(["--config", conf, "activities", "list"])
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(a["title"], a["companions"], a["ends_at"]) for a in listed] == [
        ("亲子游园", 2, "2030-09-10 11:30"), ("教工篮球赛", 0, None)]
    with pytest.raises(SystemExit, match="--ends-at 应晚于 --starts-at"):
        main(["--config", conf, "activities", "add", "--title", "x", "--starts-at", "2030-09-10 09:00",
              "--ends-at", "2030-09-10 08:00"])


def test_the_activity_says_companions_are_welcome(school, family_day):
    from handlers.activities.announce import announcement_text

    assert "可带家属（每人最多 2 位，占名额）" in as_member(school, "1003").say("亲子游园会什么时候")
    assert "可带家属：每人最多 2 位（占名额），报名时说“+1 家属”即可" in announcement_text(family_day)


def test_sign_ups_made_before_this_change_keep_their_rows(tmp_path):
    """Migration 0011 rebuilds the signups table (walk-ins need member_id NULL): ids, statuses and
    times are kept, every old sign-up is one person, nobody has checked in."""
    import datetime as dt

    from storage.members import MembersRepo
    from storage.migrations import migrate
    from tests.helpers import database_before

    db, pending = database_before(tmp_path / "old.db", "0011_signup_party")
    people = MembersRepo(db, lambda: dt.datetime(2026, 9, 1, 8))
    ids = [people.add(staff_no=f"10{i}", name=f"老师{i}").id for i in range(3)]
    db.execute("INSERT INTO activities (id, title, starts_at, capacity, created_at) VALUES (7, '拔河', '2026-09-10 15:30', 2, 'x')")
    for n, (member_id, status) in enumerate(zip(ids, ["confirmed", "waitlisted", "cancelled"], strict=True), 1):
        db.execute("INSERT INTO signups (id, activity_id, member_id, status, created_at, updated_at) VALUES (?, 7, ?, ?, ?, ?)",
                   (n * 10, member_id, status, f"2026-09-0{n}T08:00:00", f"2026-09-0{n}T08:00:00"))
    assert migrate(db) == pending
    rows = db.query("SELECT id, member_id, status, party, attended_at, guest_name, created_at FROM signups ORDER BY id")
    assert [(r["id"], r["member_id"], r["status"], r["party"], r["attended_at"], r["guest_name"]) for r in rows] == [
        (10, ids[0], "confirmed", 1, None, ""), (20, ids[1], "waitlisted", 1, None, ""), (30, ids[2], "cancelled", 1, None, "")]
    assert rows[0]["created_at"] == "2026-09-01T08:00:00"
    activity = db.one("SELECT ends_at, allow_companions, max_companions FROM activities WHERE id = 7")
    assert (activity["ends_at"], activity["allow_companions"], activity["max_companions"]) == (None, 0, 1)


def test_checkin_in_the_middle_of_another_question_is_answered_and_the_question_waits(school, family_day):
    school.store.signups.signup(family_day.id, school.store.members.by_staff_no("1003"))
    school.clock.set("2026-09-19 08:30")
    chat = as_member(school, "1003")
    assert chat.say("报名插花").startswith("确认报名「女教职工插花沙龙」吗？")  # a question is open now
    reply = chat.say("签到")
    assert reply.startswith("签到成功！「亲子游园会」")
    assert school.store.signups.get(family_day.id, school.store.members.by_staff_no("1003").id)["attended_at"]
    assert "女教职工插花沙龙" in chat.say("继续")  # the sign-up question was set aside, not lost
