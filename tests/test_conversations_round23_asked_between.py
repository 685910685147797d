"""A question of the bot's own sent where a suggestion's words were asked for ("我要提建议" … "最近有什么活动") is her
question, answered, never filed as the suggestion — before, it was filed and every later "最近有什么活动" within the
conversation's time was answered "这条建议已经收到了，不用再发。" (found by perf21's bench: 12 of 50 teachers stuck)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member

ASK_WORDS = "请直接写下您的建议内容"


def tray(school) -> int:
    return school.store.db.one("SELECT COUNT(*) AS n FROM suggestions")["n"]


@pytest.mark.parametrize("question, answer", [
    ("最近有什么活动", "正在报名的工会活动"),
    ("有啥活动？", "正在报名的工会活动"),
    ("请问这个月有哪些活动", "活动"),
    ("今年体检什么时候", "体检"),
])
def test_a_question_where_the_suggestion_was_asked_is_answered_and_the_suggestion_waits(school, question, answer):
    chat = as_member(school, "1004")
    assert chat.say("我要提建议").startswith(ASK_WORDS)
    before = tray(school)
    for _ in range(2):  # asked again: answered again, never "这条建议已经收到了"
        reply = chat.say(question)
        assert answer in reply and "已经收到" not in reply and "署上您的名字" not in reply, chat.transcript
    assert tray(school) == before
    assert ASK_WORDS in chat.say("继续")


@pytest.mark.parametrize("words", ["建议最近多办点活动", "最近有什么活动都不通知，建议提前一周发通知"])
def test_a_suggestion_about_activities_is_still_the_suggestion(school, words):
    chat = as_member(school, "1004")
    chat.say("我要提建议")
    assert chat.say(words).startswith("要署上您的名字吗？"), chat.transcript
