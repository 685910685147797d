"""Whole conversations, twentieth round (issue 19, what the sixteenth session's helpers found and left): a
hesitation at a sign-up keeps the question open, an exclamation is no consent, the yes/no readers of other
questions read as the shared one does, and the other left cases. Chat scripts at the demo school's frozen clock
(Tuesday 2026-09-01 09:00; 何雪 1017 a woman); the variants are our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round18_left15 import signups

TUG, READING, PINGPONG, BADMINTON, HIKE = "教职工拔河比赛", "教师读书会", "乒乓球友谊赛", "羽毛球联谊赛", "秋季登山活动"
SIGNED = "报名成功"
ASKS_TUG = f"确认报名「{TUG}」吗？"


def at_tug(school, staff_no: str = "1017"):
    chat = as_member(school, staff_no)
    assert chat.say("报名拔河").startswith(ASKS_TUG)
    return chat


# ---- a hesitation at a sign-up confirmation keeps the question open --------------------------------------------


@pytest.mark.parametrize("looking", ["我看看", "让我先看看哈", "我瞅瞅", "我先看一下"])
def test_a_look_first_at_a_sign_up_keeps_the_question_open(school, looking):
    chat = at_tug(school)
    reply = chat.say(looking)
    assert TUG in reply and "“是”" in reply and "没有报名任何活动" not in reply, chat.transcript
    assert signups(school, "1017") == []
    assert chat.say("是").startswith(SIGNED), chat.transcript


def test_a_look_first_then_a_no_declines(school):
    chat = at_tug(school)
    chat.say("我看看")
    assert chat.say("否").startswith("好的，已放弃报名"), chat.transcript
    assert signups(school, "1017") == []


# ---- "我去" is an exclamation, not consent -------------------------------------------------------------------------


@pytest.mark.parametrize("exclaimed", ["我去", "我去！！", "我去我去", "我去。。。"])
def test_an_exclamation_at_a_sign_up_is_no_yes(school, exclaimed):
    chat = at_tug(school)
    reply = chat.say(exclaimed)
    assert not reply.startswith(SIGNED) and TUG in reply, chat.transcript
    assert signups(school, "1017") == []
    assert chat.say("是").startswith(SIGNED), chat.transcript


@pytest.mark.parametrize("going", ["我去的", "我去吧", "去！", "我参加"])
def test_going_said_as_consent_still_signs(school, going):
    chat = at_tug(school)
    assert chat.say(going).startswith(SIGNED), chat.transcript
