"""Whole conversations, thirteenth round (issue 19, lead): a teacher who does not understand the bot's question
("？", "啥意思", "没看懂") is told again what was asked, in plain words, and the question stays open — she is
never sent the help menu with her sign-up, suggestion or binding thrown away. Chat scripts at the demo school's
frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_more import suggestion_rows
from tests.test_conversations_round12_conv17 import bound, new_teacher
from tests.test_whole_messages import status

PUZZLED = ["？", "?", "？？", "啥意思", "什么意思？", "没看懂", "看不懂", "嗯？", "啥？"]


@pytest.mark.parametrize("puzzled", PUZZLED)
def test_a_puzzled_reply_to_a_confirmation_is_told_the_question_again(school, puzzled):
    chat = as_member(school, "1026")
    assert chat.say("读书会报一个").startswith("确认报名「教师读书会」")
    again = chat.say(puzzled)  # the question again ("？"), or in other words ("啥意思": the step's own)
    assert "“是”" in again and "“否”" in again, again
    assert "您可以这样说" not in again and "工会小助手可以帮您" not in again, again
    assert status(school, "1026", "教师读书会") is None  # nothing signed yet
    assert chat.say("哦哦 是让我确认啊 确认报名").startswith("报名成功")
    assert status(school, "1026", "教师读书会") == "confirmed"


def test_a_puzzled_reply_to_the_consent_question_files_nothing(school):
    chat = as_member(school, "1016")
    assert chat.say("建议周末加班监考的老师能安排补休，现在连着两个周末都没休息").startswith("要署上您的名字吗")
    again = chat.say("？")
    assert "署" in again and "匿名" in again, again
    assert suggestion_rows(school) == []  # a "？" is no consent and no suggestion
    assert "已收到您的建议（匿名）" in chat.say("哦 问署不署名啊 匿名吧")
    rows = suggestion_rows(school)
    assert len(rows) == 1 and "补休" in rows[0]["content"] and rows[0]["member_id"] is None


def test_a_puzzled_reply_during_binding_keeps_the_binding_going(school):
    chat = new_teacher(school)
    assert "手机号的后四位" in chat.say("我要绑定 杜建平 8036")
    again = chat.say("？")
    assert "后四位" in again, again
    assert bound(school) is None
    assert chat.say("哦 手机后四位啊 8036").startswith("绑定成功")
    assert bound(school) == "8036"


def test_a_question_mark_with_nothing_open_still_shows_what_the_bot_can_do(school):
    assert "工会小助手可以帮您" in as_member(school, "1026").say("？")


def test_a_real_question_at_a_confirmation_is_still_answered(school):
    chat = as_member(school, "1004")
    assert chat.say("乒乓球赛报个名").startswith("确认报名「乒乓球友谊赛」")
    assert "自带球拍" in chat.say("要自带球拍吗？")


def test_no_piece_of_a_suggestion_reaches_the_log_from_the_time_parser(school, caplog):
    """jionlp logged the pieces of a message it could not read as a time ("周去下", with a traceback) on the root
    logger: words of an anonymous suggestion in the server's log, beside the time it came."""
    import datetime as dt

    from bot.when import dates_in

    text = ("小同志您好：我是退休教师赵淑芬。有一条建议想请您转达给工会：老干部活动室夏天非常闷热，只有两台旧电风扇，"
            "我们老同志每周去下棋、唱歌，常常热得待不住。能否考虑给活动室装一台空调？")
    chat = as_member(school, "2007")
    with caplog.at_level("DEBUG"):
        assert "署" in chat.say(text)
        assert "已收到您的建议（匿名）" in chat.say("匿名吧")
        assert [w for w, _, _ in dates_in(text, dt.datetime(2026, 9, 1, 9))] == ["夏天"]  # (it logged on the way)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "周去" not in logged and "jionlp" not in logged, logged[-200:]


def test_news_told_after_a_lead_in_while_binding_waits_is_filed_after_binding(school):
    """tuned set 19 ff041: the lead-in ("想跟工会报个情况") kept for after binding is said by the next message."""
    from tests.test_whole_messages import care_rows

    chat = new_teacher(school)
    assert "请回复您的工号" in chat.say("我是行政后勤组小组长杜建平，想跟工会报个情况")
    assert "绑定好后接着办" in chat.say("我们行政后勤组黄勇老师昨天住院了 肺炎")
    reply = chat.say("工号八零三六 手机后四位也是八零三六")
    assert reply.startswith("绑定成功") and "请问是哪位老师" not in reply, reply
    assert [r["subject"] for r in care_rows(school)] == ["黄勇"], reply
