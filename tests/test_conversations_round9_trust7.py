"""Whole conversations, ninth round (issue 19, the bot doing only what the teacher asked): a reason for not
coming ("拔河比赛那天我有事") is asked about before the sign-up is withdrawn; "建议取消拔河比赛" is a
suggestion to the union, not her own withdrawal; "别退订我的活动通知，节日祝福关了吧" turns off the greetings
only; "帮我老公也报一个拔河" says family cannot come before she is confirmed alone; "不错 报吧" at a
confirmation is a yes; a complaint about how the school treats people ("报告一个问题 领导总让生病的老师带病上课")
is a suggestion, never a care report under her name. Chat scripts at the demo school's frozen clock (Tuesday
2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round7 import reports, tray

TUG = "教职工拔河比赛"
HIKE = "秋季登山活动"


def signup(school, staff_no: str, title: str) -> dict | None:
    member = school.store.members.by_staff_no(staff_no)
    row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
    return school.store.signups.get(row["id"], member.id)


def signed(school, staff_no: str, title: str) -> bool:
    row = signup(school, staff_no, title)
    return row is not None and row["status"] in ("confirmed", "waitlisted")


def signed_up(school, staff_no: str, what: str = "报名拔河"):
    chat = as_member(school, staff_no)
    chat.say(what)
    assert chat.say("是").startswith("报名成功！")
    return chat


# ---- 1. a reason for not coming is asked about, not taken as an order --------------------------


@pytest.mark.parametrize("reason", [
    "拔河比赛那天我有事",
    "拔河那天我有事，去不了",
    "10号我要出差，拔河参加不了",
    "不好意思啊 拔河那天家里有点事 可能来不了",
    "拔河比赛那天我要带毕业班补课，参加不了了",
    "拔河那天我孩子开家长会 去不成了",
])
def test_a_reason_for_not_coming_is_asked_about_first(school, reason):
    chat = signed_up(school, "1001")
    answer = chat.say(reason)  # (with a hedge, "可能来不了": the question asked before, in its words)
    assert answer.startswith((f"要帮您取消「{TUG}」的报名吗？", f"要取消「{TUG}」的报名吗？")), answer
    assert signed(school, "1001", TUG)
    assert chat.say("是的").startswith(f"已为您取消「{TUG}」的报名。")
    assert not signed(school, "1001", TUG)


@pytest.mark.parametrize("no", ["不用，我再协调一下", "先不取消", "否", "保留吧"])
def test_a_no_to_the_question_keeps_the_sign_up(school, no):
    chat = signed_up(school, "1001")
    chat.say("拔河那天我有事，去不了")
    assert "保持不变" in chat.say(no)
    assert signed(school, "1001", TUG)


@pytest.mark.parametrize("order", ["拔河不去了", "拔河我不参加了", "取消拔河报名", "拔河帮我退了"])
def test_a_plain_withdrawal_still_withdraws_at_once(school, order):
    chat = signed_up(school, "1001")
    assert chat.say(order).startswith(f"已为您取消「{TUG}」的报名。")
    assert not signed(school, "1001", TUG)


def test_help_me_withdraw_with_one_sign_up_works_as_before(school):
    chat = signed_up(school, "1001")
    chat.say("帮我退了")
    assert chat.say("是").startswith(f"已为您取消「{TUG}」的报名。")


# ---- 2. a suggestion about an activity goes to the union -----------------------------------------


@pytest.mark.parametrize("text", [
    "建议取消拔河比赛",
    "提议把拔河改到下午",
    "我建议拔河比赛延期到下个月",
    "建议工会把登山活动取消了，太危险",
    "希望拔河比赛改到周末",
    "我有个提议：拔河比赛换成趣味运动会",
])
def test_a_suggestion_about_an_activity_is_a_suggestion(school, text):
    chat = signed_up(school, "1001")
    answer = chat.say(text)
    assert answer.startswith("要署上您的名字吗？"), answer
    assert signed(school, "1001", TUG)
    chat.say("匿名")
    assert len(tray(school)) == 1 and signed(school, "1001", TUG)


def test_a_suggestion_without_any_sign_up_is_filed_too(school):
    chat = as_member(school, "1001")
    assert chat.say("建议取消拔河比赛").startswith("要署上您的名字吗？")
    chat.say("实名")
    assert [r["member_id"] for r in tray(school)] == [school.store.members.by_staff_no("1001").id]


@pytest.mark.parametrize("text", ["我不去了，建议取消我的拔河报名", "帮我取消拔河报名吧"])
def test_one_who_clearly_withdraws_herself_is_still_withdrawn(school, text):
    chat = signed_up(school, "1001")
    answer = chat.say(text)
    if answer.startswith("要"):
        answer = chat.say("是")
    assert answer.startswith(f"已为您取消「{TUG}」的报名。")


# ---- 3. a "别…" part is kept; the request is the other part -------------------------------------


def member(school, staff_no: str):
    return school.store.members.by_staff_no(staff_no)


@pytest.mark.parametrize("text", [
    "别退订我的活动通知，节日祝福关了吧",
    "活动通知照发，生日祝福不用了",
    "活动通知别关，祝福就不要发了",
    "活动通知继续发 节日祝福关掉",
    "活动通知留着，把生日祝福关了",
])
def test_activity_notices_kept_greetings_off(school, text):
    chat = as_member(school, "1002")
    answer = chat.say(text)
    assert "不再给您推送生日和节日祝福" in answer and "不再给您发新活动的通知" not in answer
    assert member(school, "1002").push_opt_out and not member(school, "1002").announce_opt_out


@pytest.mark.parametrize("text", ["祝福照发，活动通知关了吧", "别关我的祝福，活动通知不用发了"])
def test_greetings_kept_activity_notices_off(school, text):
    chat = as_member(school, "1002")
    assert "不再给您发新活动的通知" in chat.say(text)
    assert not member(school, "1002").push_opt_out and member(school, "1002").announce_opt_out


def test_activity_notices_off_alone_still_works(school):
    chat = as_member(school, "1002")
    assert "不再给您发新活动的通知" in chat.say("别发活动通知了")
    assert member(school, "1002").announce_opt_out and not member(school, "1002").push_opt_out


# ---- 4. family where family may not come is said before she is confirmed -------------------------


@pytest.mark.parametrize("text", [
    "帮我老公也报一个拔河",
    "拔河帮我和我爱人都报上",
    "给我老婆也报个拔河比赛",
    "拔河 我和我家那口子一起报",
    "我儿子也想参加拔河，帮我们报一下",
])
def test_family_where_none_may_come_is_said_first(school, text):
    chat = as_member(school, "1003")
    answer = chat.say(text)
    assert f"「{TUG}」这次" in answer and "家属" in answer and "报名成功" not in answer, answer
    assert signup(school, "1003", TUG) is None
    assert chat.say("是").startswith("报名成功！")
    assert signup(school, "1003", TUG)["party"] == 1


@pytest.fixture
def hike_with_family(school):
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 2 WHERE title = ?", (HIKE,))
    return school


@pytest.mark.parametrize("text, people", [
    ("帮我老公也报一个登山", 2),
    ("给我老婆也报个登山", 2),
    ("登山帮我和我爱人都报上", 2),
    ("我儿子也想去登山，帮我们报一下", 2),
    ("登山 我和老公孩子三个人", 3),
])
def test_family_where_family_may_come_takes_the_party(hike_with_family, text, people):
    school = hike_with_family
    chat = as_member(school, "1003")
    assert chat.say(text).startswith(f"确认报名「{HIKE}」（共 {people} 人）吗？")
    chat.say("是")
    assert signup(school, "1003", HIKE)["party"] == people


def test_her_own_sign_up_without_family_is_unchanged(school):
    chat = as_member(school, "1003")
    assert chat.say("帮我报一个拔河").startswith(f"确认报名「{TUG}」吗？")


# ---- 5. a leading 不 is not always a no ----------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "不错 报吧",
    "不会吧 还有名额？那报一个",
    "不好意思 确认",
    "不错不错，报上",
    "不会吧，这么快就开报了？行，报",
    "不好意思刚看到，确认报名",
])
def test_a_leading_bu_that_is_no_refusal_confirms(school, answer):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    assert chat.say(answer).startswith("报名成功！"), answer
    assert signed(school, "1004", TUG)


@pytest.mark.parametrize("answer", ["不了", "不用", "不报了", "不了不了", "不去了", "不好意思 还是不报了"])
def test_a_refusal_still_declines(school, answer):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    assert chat.say(answer) == "好的，已放弃报名。"
    assert not signed(school, "1004", TUG)


# ---- 6. a complaint about how people are treated is a suggestion ---------------------------------


@pytest.mark.parametrize("text", [
    "报告一个问题 领导总让生病的老师带病上课",
    "反映个问题，学校老是让生病的老师带病上课",
    "领导总让生病的老师带病上课，这合理吗",
    "说个问题 年级组长总逼着住院刚回来的老师加班",
    "有个问题想反映：学校让怀孕的老师也值夜班",
])
def test_a_complaint_is_a_suggestion_not_a_care_report(school, text):
    chat = as_member(school, "1005")
    answer = chat.say(text)
    assert answer.startswith("要署上您的名字吗？"), answer
    chat.say("匿名")
    assert reports(school) == []
    assert len(tray(school)) == 1 and tray(school)[0]["member_id"] is None


def test_news_of_a_person_is_still_a_care_report(school):
    chat = as_member(school, "1005")
    assert chat.say("报告一个情况 数学组王建军老师昨天住院了").startswith("谢谢您告诉工会，祝早日康复！")
    [report] = reports(school)
    assert "王建军" in report["subject"]


@pytest.mark.parametrize("text, start", [
    ("有个问题 我想报名拔河", f"确认报名「{TUG}」吗？"),
    ("数学组王建军老师带病坚持上课，昨天住院了", "谢谢您告诉工会，祝早日康复！"),
    ("王建军老师住院了，同事让我转告工会", "大概是什么时候？"),
    ("说个问题 帮我报一下拔河", f"确认报名「{TUG}」吗？"),
])
def test_a_question_lead_or_news_is_still_what_it_asks(school, text, start):
    chat = as_member(school, "1005")
    assert chat.say(text).startswith(start)
    assert tray(school) == []
