"""Attack review 8 (conv1: sign-ups, cancellations and greetings in whole conversations). The demo
school's frozen clock: Tuesday 2026-09-01 09:00.

- a suggestion's words (anonymous or not) are the suggestion's: no second reading, no claim by the
  sign-up features turns them into a switch, a question or a cancellation tied to the sender;
- "要为您报名吗？" and the list of her sign-ups are for the next message only: a yes or "第二个帮我退了"
  after another topic does nothing on its own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_activity_conversations import greetings_off, signed_up
from tests.test_whole_messages import status

RECEIPT_OR_SIGN = ("已收到您的", "要署上您的名字吗")


@pytest.mark.parametrize("said", [
    "匿名建议：把拔河换成登山吧",
    "建议：把教职工拔河比赛换成秋季登山活动",
    "我想匿名反映一下 拔河比赛改成登山吧",
])
def test_a_suggestion_to_switch_activities_is_filed_not_a_switch_of_her_own(school, said):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    assert chat.say(said).startswith(RECEIPT_OR_SIGN)
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert status(school, "1029", "秋季登山活动") is None


@pytest.mark.parametrize("said", ["匿名建议：登山活动退休老师可以参加吗", "意见：拔河比赛我能不能参加？"])
def test_a_suggestion_asking_who_may_join_is_filed_not_answered_as_her_question(school, said):
    chat = as_member(school, "1018")
    out = chat.say(said)
    assert out.startswith(RECEIPT_OR_SIGN), out
    assert "为您找到" not in out


@pytest.mark.parametrize("said", ["匿名反映：拔河比赛不去了", "匿名投诉：拔河比赛退了吧"])
def test_a_suggestion_saying_not_going_never_cancels_her_sign_up(school, said):
    signed_up(school, "1029", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1029")
    out = chat.say(said)
    assert not out.startswith("已为您取消"), out
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"


@pytest.mark.parametrize("said", ["建议取消拔河比赛，太危险了", "建议拔河比赛取消掉"])
def test_a_suggestion_to_cancel_an_activity_is_asked_about_never_a_silent_withdrawal(school, said):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    out = chat.say(said)
    assert not out.startswith("已为您取消"), out
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    chat.say("不是")
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"


@pytest.mark.parametrize("between,yes", [
    ("体检什么时候", "行 要报"),
    ("谢谢", "好的 报吧"),
    ("我报了哪些", "是的 确认"),
])
def test_a_yes_after_another_topic_does_not_take_up_the_offer(school, between, yes):
    chat = as_member(school, "1018")
    assert "要为您报名吗" in chat.say("拔河比赛我能不能参加？")
    chat.say(between)
    assert not chat.say(yes).startswith("报名成功")
    assert status(school, "1018", "教职工拔河比赛") is None


def test_the_offer_is_still_taken_up_by_the_next_message(school):
    chat = as_member(school, "1018")
    assert "要为您报名吗" in chat.say("拔河比赛我能不能参加？")
    assert chat.say("行 要报").startswith("报名成功！「教职工拔河比赛」")


@pytest.mark.parametrize("between", ["体检什么时候", "谢谢"])
def test_a_number_after_another_topic_cancels_nothing_silently(school, between):
    signed_up(school, "1029", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1029")
    assert "秋季登山活动" in chat.say("我报了哪些")
    chat.say(between)
    assert not chat.say("第二个帮我退了").startswith("已为您取消")
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert status(school, "1029", "秋季登山活动") == "confirmed"


# ---- "要取消哪一个？" answered with a keep or a no cancels nothing --------------------------------------


@pytest.mark.parametrize("said", ["两个都留着", "都不退了", "以上都不是", "算了都不取消了", "俩都别动"])
def test_which_one_answered_with_a_keep_or_a_no_cancels_nothing(school, said):
    signed_up(school, "1029", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1029")
    assert chat.say("取消").startswith("您报名了以下活动，要取消哪一个？")
    assert not chat.say(said).startswith("已为您取消")
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert status(school, "1029", "秋季登山活动") == "confirmed"


@pytest.mark.parametrize("said", ["两个都取消", "都退了吧", "全部"])
def test_which_one_answered_with_all_still_cancels_both(school, said):
    signed_up(school, "1029", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1029")
    chat.say("取消")
    assert chat.say(said).startswith("已为您取消")
    assert status(school, "1029", "教职工拔河比赛") == "cancelled"
    assert status(school, "1029", "秋季登山活动") == "cancelled"


# ---- a question about a cancellation, or 退 in other words, withdraws nothing on its own -----------------


@pytest.mark.parametrize("said", [
    ["我退了休还能参加登山吗"],
    ["孩子烧退了，登山我能去了"],
    ["下雨的话登山会取消吗"],
    ["登山取消了没有"],
    ["听说登山取消了？"],
    ["拔河和登山都取消了吗"],
    ["我报了哪些", "第二个取消了吗"],
    ["我报了哪些", "第二个是不是取消了"],
    ["拔河比赛我去不去呢"],
    ["拔河比赛到底去不去"],
    ["拔河比赛我还参不参加"],
    ["拔河我是不是不去了"],
])
def test_a_question_about_a_cancellation_withdraws_nothing(school, said):
    signed_up(school, "1029", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1029")
    for text in said:
        out = chat.say(text)
    assert not out.startswith("已为您取消"), out
    assert status(school, "1029", "秋季登山活动") == "confirmed"
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"


# ---- a yes to "要为您报名吗？" that brings family is confirmed with them, not signed up alone -------------


@pytest.mark.parametrize("said", ["是 我带老公和孩子", "我要报 带家属3人"])
def test_a_yes_to_the_offer_with_family_is_not_signed_up_alone_in_silence(school, said):
    chat = as_member(school, "1018")
    assert "要为您报名吗" in chat.say("登山活动我能不能参加")
    out = chat.say(said)
    assert not out.startswith("报名成功"), out
    assert status(school, "1018", "秋季登山活动") is None


# ---- greetings just turned off stay off when the next words only sound like "don't turn off" -------------


@pytest.mark.parametrize("said", ["好的谢谢 别关心我了", "嗯 不用恢复", "不用重新打开"])
def test_greetings_just_turned_off_stay_off(school, said):
    chat = as_member(school, "1023")
    assert chat.say("节日祝福帮我退订").startswith("好的，郑秀英老师，以后不再给您推送")
    assert not chat.say(said).startswith("已恢复推送")
    assert greetings_off(school, "1023")


# ---- a suggestion sent right after a no or a withdrawal is the suggestion, not a change of mind -----------


def test_a_suggestion_right_after_a_no_signs_nobody_up(school):
    chat = as_member(school, "1018")
    chat.say("乒乓球友谊赛是单打还是双打")
    assert chat.say("先不报").startswith("好的，先不报「乒乓球友谊赛」")
    assert chat.say("匿名建议：食堂太贵，还是报吧").startswith(RECEIPT_OR_SIGN)
    assert status(school, "1018", "乒乓球友谊赛") is None


def test_a_suggestion_right_after_a_withdrawal_restores_nothing(school):
    signed_up(school, "1029", "秋季登山活动")
    chat = as_member(school, "1029")
    assert chat.say("登山取消一下").startswith("已为您取消「秋季登山活动」")
    assert chat.say("匿名建议：活动太多了 算了我不退了还是去").startswith(RECEIPT_OR_SIGN)
    assert status(school, "1029", "秋季登山活动") == "cancelled"


# ---- a message opening as an anonymous suggestion (or "意见：") is filed whole ------------------------------


@pytest.mark.parametrize("said", [
    "匿名反映一下，拔河比赛我不去了，太累",
    "我想匿名提个意见：登山不去了，拔河也退了吧",
    "匿名建议：拔河比赛取消吧。另外登山帮我报一个",
])
def test_an_anonymous_suggestion_is_filed_whole_and_changes_no_sign_up(school, said):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    out = chat.say(said)
    assert out.startswith("已收到您的建议（匿名）"), out
    assert "要取消" not in out and "确认报名" not in out
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert status(school, "1029", "秋季登山活动") is None


def test_a_yes_to_which_did_you_mean_after_a_complaint_is_no_silent_withdrawal(school):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    asked = chat.say("拔河比赛人太少了吧")  # (the order of the two follows the classifier's scores)
    assert asked in ("您是想：1. 查询活动 2. 取消报名？回复数字即可。", "您是想：1. 取消报名 2. 查询活动？回复数字即可。"), asked
    assert not chat.say("是的").startswith("已为您取消")
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"


# ---- a withdrawal named only by a word that sounds like an activity is asked, not done ----------------------


@pytest.mark.parametrize("said", ["不去了，周末和家人共度", "周末要读数学资料 去不了了"])
def test_a_sound_alike_word_withdraws_nothing_in_silence(school, said):
    signed_up(school, "1029", "秋季登山活动", "教师读书会", "数学组趣味运动会")
    chat = as_member(school, "1029")
    assert not chat.say(said).startswith("已为您取消")
    assert status(school, "1029", "教师读书会") == "confirmed"
