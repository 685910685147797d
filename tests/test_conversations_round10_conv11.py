"""Whole conversations, tenth round (issue 19), sign-ups and withdrawals, second pass (tuning sets 17–18):
a yes followed by a question that only asks to be reassured ("这样可以吗？", "没问题吧？", "还来得及吗？");
a yes in brackets or said as "那是的" / "嗯嗯" with a party size where family may come; a yes put right
before the last word ("哦不对 … 算了不报了"); a yes with one more sign-up of the same kind ("是 再帮我报个
拔河": both); "甭给我报了" about an activity she is signed up for (a withdrawal, asked first); "还是抱吧"
(抱 for 报) with "还来得及吗" after a no. Chat scripts at the demo school's frozen clock (Tuesday
2026-09-01 09:00); the wording is our own, not the tuning sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

HIKE = "秋季登山活动"


def party(school, staff_no: str, title: str) -> int | None:
    member = school.store.members.by_staff_no(staff_no)
    row = school.store.db.one("SELECT s.party FROM signups s JOIN activities a ON a.id = s.activity_id "
                              "WHERE a.title = ? AND s.member_id = ?", (title, member.id))
    return row["party"] if row else None


# ---- a yes, then a question asking only to be reassured ------------------------------------------


@pytest.mark.parametrize("answer", ["是的，这样可以吗？", "好，我要报的，应该没问题吧？", "确认 这样就行了吧",
                                    "嗯嗯 对吧？", "可以 报上 这样行不行", "好的 现在报还来得及吗"])
def test_a_yes_with_a_question_asking_to_be_reassured_signs_up(school, answer):
    chat = as_member(school, "1012")
    chat.say("乒乓球给我报一个")
    assert chat.say(answer).startswith("报名成功！「乒乓球友谊赛」"), answer


@pytest.mark.parametrize("answer", ["这样可以吗？", "是的 我再想想 这样可以吗", "好 可以带孩子吗"])
def test_a_reassurance_without_a_yes_or_with_a_doubt_is_not_taken(school, answer):
    chat = as_member(school, "1012")
    chat.say("乒乓球给我报一个")
    assert not chat.say(answer).startswith("报名成功"), answer
    assert status(school, "1012", "乒乓球友谊赛") is None


@pytest.mark.parametrize("again", ["还是报吧，现在报还来得及吗？", "算了还是报吧 来得及吧", "还是抱吧", "那还是抱吧，还能报吗"])
def test_a_no_taken_back_with_a_question_about_the_time_signs_up(school, again):
    chat = as_member(school, "1012")
    chat.say("报名乒乓球")
    assert chat.say("先不报了") == "好的，已放弃报名。"
    assert chat.say(again).startswith("报名成功！「乒乓球友谊赛」"), again


# ---- a yes with a party size where family may come ---------------------------------------------------


@pytest.mark.parametrize("answer, size", [("【是】 带我爱人一起，两个人", 2), ("那是的 我和我闺女俩人", 2),
                                          ("嗯嗯 我们一家三口", 3), ("《确认》 加我儿子 一共两位", 2),
                                          ("好嘞 我们仨", 3)])
def test_a_yes_with_a_party_size_signs_up_the_party(school, answer, size):
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 3 WHERE title = ?", (HIKE,))
    chat = as_member(school, "1012")
    chat.say("报名秋季登山")
    assert chat.say(answer).startswith(f"报名成功！「{HIKE}」"), answer
    assert party(school, "1012", HIKE) == size


def test_a_party_size_with_a_no_is_no(school):
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 3 WHERE title = ?", (HIKE,))
    chat = as_member(school, "1012")
    chat.say("报名秋季登山")
    chat.say("嗯嗯 我们一家三口 算了不报了")
    assert status(school, "1012", HIKE) is None


# ---- a yes put right before the last word ---------------------------------------------------------


@pytest.mark.parametrize("answer", ["嗯 报吧…哦不对 那天下午要监考 算了不报了", "好的 等等 我看下课表 不去了",
                                    "行 哎呀 忘了那天要开家长会 不报了", "可以…不对不对 那天出差 还是不去了"])
def test_a_yes_put_right_by_a_no_after_it_is_a_no(school, answer):
    chat = as_member(school, "1012")
    chat.say("报名拔河比赛")
    reply = chat.say(answer)
    assert "报名成功" not in reply and "要取消" not in reply, answer
    assert status(school, "1012", "教职工拔河比赛") is None


# ---- a yes with one more sign-up of the same kind ---------------------------------------------------


@pytest.mark.parametrize("answer", ["是 再帮我报个拔河", "好的 也给我报一下拔河比赛", "确认 顺便报个拔河", "嗯 另外报拔河"])
def test_a_yes_then_one_more_sign_up_does_both(school, answer):
    chat = as_member(school, "1012")
    chat.say("报名读书会")
    reply = chat.say(answer)
    assert reply.startswith("报名成功！「教师读书会」") and "确认报名「教职工拔河比赛」" in reply, answer
    assert chat.say("是").startswith("报名成功！「教职工拔河比赛」")
    assert status(school, "1012", "教师读书会") == "confirmed"


# ---- "甭给我报了" about her own sign-up -------------------------------------------------------------


@pytest.mark.parametrize("said", ["乒乓球那个甭给我报了", "乒乓球别给我报了", "乒乓球赛不用帮我报名了", "乒乓球那个就别帮我报了"])
def test_dont_sign_me_up_for_her_own_activity_is_a_withdrawal_asked_first(school, said):
    chat = as_member(school, "1012")
    chat.say("报名乒乓球")
    chat.say("是")
    assert "取消「乒乓球友谊赛」的报名吗" in chat.say(said), said
    assert status(school, "1012", "乒乓球友谊赛") == "confirmed"
    chat.say("对，撤了吧您呐")
    assert status(school, "1012", "乒乓球友谊赛") == "cancelled"


def test_dont_sign_me_up_for_another_activity_withdraws_nothing(school):
    chat = as_member(school, "1012")
    chat.say("报名乒乓球")
    chat.say("是")
    assert not chat.say("拔河甭给我报了").startswith("要取消")
    assert status(school, "1012", "乒乓球友谊赛") == "confirmed"


# ---- another activity picked by its day while a confirmation waits -----------------------------------


@pytest.mark.parametrize("pick", ["13号那个", "就13号的那个", "9月13日那场", "不是这个 13号那个", "要13号那一个"])
def test_the_one_on_another_day_named_at_the_confirmation_is_confirmed_instead(school, pick):
    chat = as_member(school, "1012")
    assert chat.say("报名读书会").startswith("确认报名「教师读书会」")
    assert chat.say(pick).startswith("确认报名「乒乓球友谊赛」"), pick
    assert chat.say("嗯 是").startswith("报名成功！「乒乓球友谊赛」")
    assert status(school, "1012", "教师读书会") is None


def test_a_day_that_is_no_activitys_is_not_a_pick(school):
    chat = as_member(school, "1012")
    chat.say("报名读书会")
    assert not chat.say("14号那个").startswith("确认报名「乒乓球")
