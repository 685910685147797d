"""Whole conversations, nineteenth round (issue 19, the fifteenth session's left cases): a change of mind about
signing to what the receipt already is changes nothing and says so; and the attack review 18's three strict xfails,
with the rest of what earlier sessions found and left. Chat scripts at the demo school's frozen clock (Tuesday
2026-09-01 09:00; 何雪 1017 a woman, 高峰 1018 a man, 赵淑芬 2007 retired; 读书会 Sun 9-6, 羽毛球 Fri 9-4, 拔河 Thu
9-10, 乒乓球 Sun 9-13, 登山 Thu 9-17, 卡拉OK Mon 9-21 in the 学术报告厅); the variants are our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round17_anon import ASKS_SIGN, stored
from tests.test_whole_messages import status

TUG, HIKE, READING, PINGPONG, BADMINTON = "教职工拔河比赛", "秋季登山活动", "教师读书会", "乒乓球友谊赛", "羽毛球联谊赛"
SIGNED = "报名成功"
CANCELLED = "已为您取消"


def signed_up(school, staff_no: str = "1017", what: str = "拔河"):
    chat = as_member(school, staff_no)
    chat.say(f"报名{what}")
    assert SIGNED in chat.say("是的"), chat.transcript
    return chat


# ---- 2. a change of mind to what the receipt already is ---------------------------------------------------------


@pytest.mark.parametrize("change", ["算了，还是别匿名了", "还是实名吧", "算了 还是署我的名吧"])
def test_a_change_to_signed_on_a_signed_receipt_says_it_already_is(school, change):
    chat = as_member(school, "1017")
    chat.say("我有个建议：食堂的菜太咸了")
    assert chat.say("实名").startswith("已收到您的建议（实名）")
    reply = chat.say(change)
    assert "本来就是实名" in reply and "已改为" not in reply, chat.transcript
    assert stored(school) == [("食堂的菜太咸了", school.store.members.by_staff_no("1017").id)]


@pytest.mark.parametrize("change", ["还是匿名吧", "算了，还是别署名了"])
def test_a_change_to_anonymous_on_an_anonymous_receipt_says_it_already_is(school, change):
    chat = as_member(school, "1017")
    assert chat.say("匿名建议：食堂的菜太咸了").startswith("已收到您的建议（匿名）")
    reply = chat.say(change)
    assert "本来就是匿名" in reply and "已改为" not in reply, chat.transcript
    assert stored(school) == [("食堂的菜太咸了", None)]


def test_a_real_change_still_changes_and_then_says_it_already_is(school):
    chat = as_member(school, "1017")
    chat.say("我有个建议：食堂的菜太咸了")
    chat.say("实名")
    assert chat.say("算了还是匿名吧").startswith("已改为匿名")
    ticket = school.store.suggestions.scratch.scalar("SELECT ticket FROM tray")
    assert "本来就是匿名" in chat.say(f"改为匿名 {ticket}")
    assert stored(school) == [("食堂的菜太咸了", None)]


# ---- 1. a proposal begun like a yes, a question after the opener, a labelled pick put right ----------------------


@pytest.mark.parametrize("said", ["可以在食堂多开个窗口吗", "能给办公室装个空调吗", "要是食堂能便宜点就好了",
                                  "如果图书馆周末也开放就好了"])
def test_a_proposal_begun_like_a_yes_with_nothing_open_is_taken_as_a_suggestion(school, said):
    chat = as_member(school, "1017")
    assert chat.say(said).startswith(ASKS_SIGN), chat.transcript
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [(said, None)]


@pytest.mark.parametrize("said", ["可以带家属吗", "可以帮我报个拔河吗", "要是我能去就好了"])
def test_her_own_part_begun_like_a_yes_is_no_suggestion(school, said):
    chat = as_member(school, "1017")
    assert not chat.say(said).startswith(ASKS_SIGN), chat.transcript


@pytest.mark.parametrize("opener", ["有个建议不知当讲不当讲", "我要提建议"])
@pytest.mark.parametrize("question, title", [("拔河几点开始？", TUG), ("读书会在哪里", READING), ("登山几号出发", HIKE)])
def test_a_question_of_fact_about_an_activity_after_the_opener_is_answered_and_the_suggestion_waits(
        school, opener, question, title):
    chat = as_member(school, "1017")
    chat.say(opener)
    reply = chat.say(question)
    assert title in reply and "回复“继续”接着办" in reply, chat.transcript
    assert "请直接写下您的建议内容" in chat.say("继续")
    assert chat.say("食堂的菜太咸了").startswith(ASKS_SIGN)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [("食堂的菜太咸了", None)]


@pytest.mark.parametrize("said", ["为什么拔河安排在工作日？", "登山几号出发，能不能改到周末"])
def test_a_question_that_asks_for_a_change_after_the_opener_is_the_suggestion(school, said):
    chat = as_member(school, "1017")
    chat.say("我要提建议")
    assert chat.say(said).startswith(ASKS_SIGN), chat.transcript


@pytest.mark.parametrize("answer, signed", [
    ("甲、匿名 乙、署名。甲吧，不对，乙", True),
    ("A.匿名 B.实名，A，哦不对，B吧", True),
    ("甲、实名 乙、匿名。甲，不对，乙吧", False),
    ("匿名，哦不对，实名吧", True),
])
def test_her_pick_put_right_is_the_last(school, answer, signed):
    chat = as_member(school, "1017")
    chat.say("我有个建议：食堂的菜太咸了")
    how = "实名" if signed else "匿名"
    assert chat.say(answer).startswith(f"已收到您的建议（{how}）"), chat.transcript
