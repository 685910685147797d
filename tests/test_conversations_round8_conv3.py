"""Whole conversations, eighth round (issue 19), sign-ups and cancellations: net slang around a yes
("尊嘟 确认 栓Q"), an apology before a correction is no refusal ("不好意思 说错了 是3个人"), a withdrawal
taken back as "还是别退了". Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00);
the wording is our own, not the held-out sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

# ---- slang and fillers around a yes -------------------------------------------------------------


@pytest.mark.parametrize("answer", ["尊嘟 确认 栓Q", "尊嘟 报上", "真的 确认", "栓Q 确认", "尊嘟，要报"])
def test_net_slang_around_a_yes_confirms(school, answer):
    chat = as_member(school, "1004")
    assert chat.say("拔河比赛给我报上").startswith("确认报名「教职工拔河比赛」")
    assert chat.say(answer).startswith("报名成功！「教职工拔河比赛」")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"


@pytest.mark.parametrize("answer", ["尊嘟 不报了", "尊嘟？", "栓Q 算了"])
def test_net_slang_around_a_no_or_a_question_does_not_sign(school, answer):
    chat = as_member(school, "1004")
    chat.say("拔河比赛给我报上")
    chat.say(answer)
    assert status(school, "1004", "教职工拔河比赛") is None


# ---- an apology before a correction -------------------------------------------------------------


@pytest.mark.parametrize("correction", ["不好意思 说错了 是3个人 我爱人和孩子", "不好意思，说错了，是三个人",
                                        "抱歉 是3个人", "对不起 我说错了 一共3个"])
def test_an_apology_before_a_party_correction_is_no_refusal(school, correction):
    chat = as_member(school, "1004")
    assert "不接受携带家属" in chat.say("登山能带家属吧 我报名 一共4个人")
    assert "已放弃" not in chat.say(correction)
    assert status(school, "1004", "秋季登山活动") is None
    chat.say("确认")
    assert status(school, "1004", "秋季登山活动") == "confirmed"


def test_an_apology_then_a_refusal_is_still_a_no(school):
    chat = as_member(school, "1004")
    chat.say("登山能带家属吧 我报名 一共4个人")
    assert "已放弃" in chat.say("不好意思，那就不去了")
    assert status(school, "1004", "秋季登山活动") is None


# ---- a withdrawal taken back --------------------------------------------------------------------


@pytest.mark.parametrize("back", ["哎等等 还是别退了 我能去", "别退了别退了", "等下 先别退 我能去的",
                                  "还是别退了吧", "哎呀别退 我又能去了"])
def test_a_withdrawal_taken_back_right_after_is_restored(school, back):
    chat = as_member(school, "1004")
    chat.say("拔河帮我报上")
    chat.say("是")
    assert chat.say("拔河帮我退了吧").startswith("已为您取消「教职工拔河比赛」")
    chat.say(back)
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"


# ---- a shrug, then the no taken back -------------------------------------------------------------


@pytest.mark.parametrize("back", ["算了 晓得了，还是报一个，这本书我蛮想看的", "算了，还是报吧", "好吧 还是报一个",
                                  "算了算了 还是给我报上", "算了 知道了 还是去吧"])
def test_a_shrug_then_still_signing_takes_the_activity_just_declined(school, back):
    chat = as_member(school, "1004")
    assert chat.say("读书会是礼拜天几点钟啊").startswith("为您找到")
    assert chat.say("嗯 我再想想伐，最近蛮忙额").startswith("好的，先不报「教师读书会」")
    chat.say(back)
    assert status(school, "1004", "教师读书会") == "confirmed"


def test_a_shrug_then_still_no_is_a_no(school):
    chat = as_member(school, "1004")
    chat.say("读书会是礼拜天几点钟啊")
    chat.say("嗯 我再想想伐，最近蛮忙额")
    chat.say("算了，还是不报了")
    assert status(school, "1004", "教师读书会") is None


# ---- one activity wanted, another left for later --------------------------------------------------


@pytest.mark.parametrize("text", ["我报名拔河先，乒乓球睇下先", "报名拔河，乒乓球再看看", "拔河帮我报上 乒乓球待定",
                                  "我要报拔河，乒乓球还没想好", "帮我报拔河 乒乓球我看下先"])
def test_the_activity_left_for_later_is_not_asked_about(school, text):
    chat = as_member(school, "1004")
    assert chat.say(text).startswith("确认报名「教职工拔河比赛」")
    assert chat.say("拔河确认啦").startswith("报名成功！「教职工拔河比赛」")
    chat.say("乒乓球算了 唔报了")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"
    assert status(school, "1004", "乒乓球友谊赛") is None


# ---- the bot's question quoted back, then the answer ---------------------------------------------


@pytest.mark.parametrize("answer", ["「是否确认报名」是的，满了的话排候补也可以", "“是否确认报名”是的", "「要报名吗」嗯 报吧",
                                    "「是否确认报名」：确认", "“是否报名”对的"])
def test_a_quoted_question_answered_yes_after_a_listing_signs_up(school, answer):
    chat = as_member(school, "1004")
    assert chat.say("羽毛球联谊赛还有名额吗").startswith("为您找到")
    assert chat.say(answer).startswith("报名成功！「羽毛球联谊赛」")
    assert status(school, "1004", "羽毛球联谊赛") == "confirmed"


@pytest.mark.parametrize("answer", ["「是否确认报名」是的", "“确认报名吗”确认"])
def test_a_quoted_question_answered_at_a_confirmation_is_the_answer(school, answer):
    chat = as_member(school, "1004")
    assert chat.say("拔河比赛给我报上").startswith("确认报名「教职工拔河比赛」")
    assert chat.say(answer).startswith("报名成功！「教职工拔河比赛」")


def test_a_quoted_question_answered_no_does_not_sign(school):
    chat = as_member(school, "1004")
    chat.say("羽毛球联谊赛还有名额吗")
    chat.say("「是否确认报名」不了，再想想")
    assert status(school, "1004", "羽毛球联谊赛") is None


# ---- a sign-up asked before binding goes on after it -----------------------------------------------


@pytest.mark.parametrize("first", ["你好 我是新来的数学老师王建军 想报数学组的趣味运动会", "我是王建军 想报趣味运动会",
                                   "您好，我是数学组王建军，想报名趣味运动会", "我是新来的王建军老师 想参加数学组趣味运动会"])
def test_a_sign_up_asked_before_binding_resumes_after_it(school, first):
    from tests.helpers import Chat

    school.store.members.upsert(staff_no="1031", name="王建军", gender="男", group_name="数学组", phone="13900001031")
    chat = Chat(school, "u-new")
    assert "绑定好后接着办" in chat.say(first)
    answer = chat.say("工号1031 手机尾号1031")
    assert answer.startswith("绑定成功！王建军老师") and "确认报名「数学组趣味运动会」" in answer
    assert chat.say("确认报名").startswith("报名成功！「数学组趣味运动会」")
    assert status(school, "1031", "数学组趣味运动会") == "confirmed"


# ---- "帮我报" after a list of the week -------------------------------------------------------------


@pytest.mark.parametrize("question", ["这周五体育馆那个活动是啥", "这周五在体育馆的是什么活动", "这周五有什么活动",
                                      "这周五那个活动是啥"])
def test_sign_me_up_after_the_week_listed_takes_the_one_the_question_described(school, question):
    chat = as_member(school, "1004")
    answer = chat.say(question)  # the week's list, or (told by day and place) the one it describes
    assert answer.startswith("本周的活动") or answer.startswith("为您找到：\n1. 羽毛球联谊赛\n"), answer
    assert chat.say("帮我报").startswith("确认报名「羽毛球联谊赛」")
    chat.say("是的")
    assert status(school, "1004", "羽毛球联谊赛") == "confirmed"


@pytest.mark.parametrize("question", ["这周有什么活动", "本周有啥活动"])
def test_sign_me_up_after_the_week_listed_asks_which_of_those_shown(school, question):
    chat = as_member(school, "1004")
    assert chat.say(question).startswith("本周的活动")
    answer = chat.say("帮我报")
    assert "羽毛球联谊赛" in answer and "教师读书会" in answer and "拔河" not in answer
    assert chat.say("1").startswith("确认报名「羽毛球联谊赛」")
