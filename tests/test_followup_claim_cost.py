"""The follow-up question's claim on a message that starts nothing new (issue 23, seventeenth round): it
reads the message's topics at most once for both of its questions, and asks whether the last answer named
an activity before reading them for "the one just talked about"; what it answers is the same (frozen
clock, 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from bot.demo import seed
from handlers.activities import followup


@pytest.fixture
def school(plain_wechat):
    store = plain_wechat.app.extensions["unionbot"].store
    seed(store, plain_wechat.clock)
    store.bindings.bind("wechat", "oFollow", store.members.add(staff_no="93201", name="赵老师").id)
    return plain_wechat


@pytest.fixture
def topics_read(monkeypatch):
    read: list[str] = []
    real = followup._topics
    monkeypatch.setattr(followup, "_topics", lambda ctx: read.append(ctx.text) or real(ctx))
    return read


@pytest.mark.parametrize("text", ["我报名了哪些活动", "今年体检什么时候", "你好"])
def test_a_message_about_no_activity_just_named_reads_its_topics_once(school, topics_read, text):
    reply = school.say("oFollow", text)
    assert reply and "想参加请回复“报名”，为您报上" not in reply
    assert topics_read.count(text) <= 1


def test_a_question_after_one_activity_was_named_is_still_about_it(school, topics_read):
    assert "秋季登山" in school.say("oFollow", "登山什么时候")
    reply = school.say("oFollow", "要交钱吗")
    assert reply.startswith("「秋季登山活动」") and "想参加请回复“报名”，为您报上「秋季登山活动」。" in reply
    assert topics_read.count("要交钱吗") >= 1  # (read for it: the last answer named one activity)


@pytest.mark.parametrize("text", ["登山报了临时去不了会怎么样", "拔河要是满了排候补能补上吗"])
def test_a_rules_question_naming_an_activity_is_answered_about_it(school, text):
    reply = school.say("oFollow", text)
    assert reply.startswith(("「秋季登山活动」", "「教职工拔河比赛」")) and "想参加请回复“报名”" in reply
