"""Whole conversations, twelfth round (issue 19): greetings turned back on however it is said, even when the
message also tells how they were turned off before ("以前关了的那个生日祝福，再给我开开"), and a sad word about
missed greetings afterwards gets a kind answer; activities named only by their day, time and place ("21号晚上学术
报告厅那个活动"); a newcomer who gives name, group and 工号 while asking how to bind starts binding with them.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_activity_conversations import greetings_off
from tests.test_conversations_round12_conv17 import bound, new_teacher
from tests.test_whole_messages import status

HELP_MENU = "您可以这样说"


def turned_off_before(school, staff_no: str) -> None:
    school.store.members.set_opt_out(school.store.members.by_staff_no(staff_no).id, True)


# ---- greetings back on: a 关 word that tells the past is no stop ---------------------------------------


@pytest.mark.parametrize("text", [
    "尕娃，以前关了的那个生日祝福，再给我开开",
    "生日祝福再给我开开吧",
    "之前关掉的生日祝福，麻烦重新打开",
    "以前关了的祝福 再开",
    "上回关了的生日祝福给我开一下",
    "还是发吧 生日祝福挺暖心的",
    "恢复一下生日祝福",
])
def test_asking_for_greetings_back_turns_them_on(school, text):
    turned_off_before(school, "1018")
    reply = as_member(school, "1018").say(text)
    assert not greetings_off(school, "1018"), reply
    assert "已恢复推送" in reply, reply


@pytest.mark.parametrize("text", ["尕娃，以前关了的那个生日祝福，再给我开开", "之前关掉的祝福帮我打开一下"])
def test_asking_for_greetings_back_never_turns_them_off_when_they_are_on(school, text):
    reply = as_member(school, "1018").say(text)
    assert not greetings_off(school, "1018"), reply
    assert "不再给您推送" not in reply, reply


@pytest.mark.parametrize("text", ["生日祝福别再发了", "节日祝福以后别再给我发了", "把生日祝福关了吧"])
def test_a_plain_stop_still_turns_them_off(school, text):
    reply = as_member(school, "1018").say(text)
    assert greetings_off(school, "1018"), reply


@pytest.mark.parametrize("text", ["生日祝福不用关", "祝福别关，我喜欢收", "生日祝福别关掉"])
def test_no_stop_said_no_to_never_turns_them_off(school, text):
    reply = as_member(school, "1018").say(text)
    assert not greetings_off(school, "1018"), reply
    assert "不再给您推送" not in reply, reply


@pytest.mark.parametrize("sad", ["去年生日一条都么收到，心里还空落落的", "去年生日啥祝福也没收到，挺失落的"])
def test_a_sad_word_after_greetings_come_back_gets_a_kind_answer(school, sad):
    turned_off_before(school, "1018")
    chat = as_member(school, "1018")
    chat.say("尕娃，以前关了的那个生日祝福，再给我开开")
    reply = chat.say(sad)
    assert HELP_MENU not in reply and "生日" in reply, reply
    assert not greetings_off(school, "1018")


# ---- an activity told by its day, time of day and place --------------------------------------------------


def signed_up(school, staff_no: str) -> set[str]:
    titles = ("卡拉OK歌唱比赛", "数学组趣味运动会", "教职工拔河比赛")
    return {t for t in titles if status(school, staff_no, t) in ("confirmed", "waitlisted")}


@pytest.mark.parametrize("first", [
    "21号晚上学术报告厅那个活动，还能报吗",
    "学术报告厅21号晚上那个还有名额吗",
    "9月21日晚上报告厅的活动能报不",
])
def test_an_activity_told_by_day_time_and_place_is_found_and_signed(school, first):
    chat = as_member(school, "1030")
    reply = chat.say(first)
    assert "卡拉OK歌唱比赛" in reply and "教职工拔河比赛" not in reply, reply
    chat.say("报，我准备唱一首《父亲》")
    reply = chat.say("确认")
    assert "卡拉OK歌唱比赛" in signed_up(school, "1030"), reply


def test_two_activities_told_by_day_and_place_are_both_signed(school):
    chat = as_member(school, "1007")
    reply = chat.say("9号小操场那个和10号大操场拔河那个，我都想参加")
    assert "数学组趣味运动会" in reply and "教职工拔河比赛" in reply, reply
    chat.say("对，两个都报")
    chat.say("确认")
    assert {"数学组趣味运动会", "教职工拔河比赛"} <= signed_up(school, "1007")


@pytest.mark.parametrize("text", ["9号小操场那个和10号那个，两个都报", "小操场那个和10号的那个我都要报"])
def test_a_bare_day_in_a_list_picks_the_activity_on_that_day(school, text):
    chat = as_member(school, "1007")
    reply = chat.say(text)
    assert "数学组趣味运动会" in reply and "教职工拔河比赛" in reply, reply


def test_a_time_of_day_that_fits_nothing_names_nothing(school):
    reply = as_member(school, "1030").say("21号上午学术报告厅那个活动，还能报吗")
    assert "确认报名「卡拉OK歌唱比赛」" not in reply, reply


# ---- a newcomer who says who he is while asking how to bind ----------------------------------------------


@pytest.mark.parametrize("first", [
    "额是后勤新来的杜建平，工号8036，这个要做甚才能绑上？",
    "我是后勤组新来的杜建平，工号8036，请问怎么绑定？",
    "你好 后勤的杜建平 工号8036 咋个绑定嘛",
])
def test_name_group_and_staff_no_with_a_how_question_start_the_binding(school, first):
    chat = new_teacher(school)
    reply = chat.say(first)
    assert "后四位" in reply and HELP_MENU not in reply, reply
    reply = chat.say("手机后四位8036")
    assert bound(school) == "8036", reply


def test_bound_then_signed_up_for_the_tug_of_war(school):
    chat = new_teacher(school)
    chat.say("额是后勤新来的杜建平，工号8036，这个要做甚才能绑上？")
    chat.say("手机后四位8036")
    reply = chat.say("绑上了就给额报个拔河")
    assert "教职工拔河比赛" in reply, reply
    chat.say("对，确认")
    assert "教职工拔河比赛" in signed_up(school, "8036")


def test_a_word_about_something_else_after_greetings_come_back_is_not_taken_for_missed_wishes(school):
    turned_off_before(school, "1018")
    chat = as_member(school, "1018")
    chat.say("生日祝福再给我开开吧")
    reply = chat.say("上个月的工资条还没收到")
    assert "没收到工会的祝福" not in reply, reply
