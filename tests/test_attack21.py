"""Attack review 21 (twenty-first session): a figure of speech that names her or says "哪有不署名的道理" signs only when
it is her own ask, and a rhetorical question about whether she goes at all is no yes to a sign-up.

匿名就是匿名: a suggestion meant anonymous must never be signed. note21 read "写上陈玉珍三个字——实名！" and "申请书哪有不署名的
道理。实名提交" as signed; an attacker found the same words forbidding or taking it back ("禁止写上陈玉珍三个字", "…就等于找死",
"哪有不署名的道理，但我就是那个例外") signed too. yes21 let a confirmation said last win over a rhetorical question; "难道我会
去吗？确认" is no yes."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round24_note20 import ASK_SIGN, SIGNED
from tests.test_whole_messages import status

CHECKUP = "退休老师年纪大，\n体检排队腿发麻，\n能否安排退休专场——\n建议！"


@pytest.mark.parametrize("answer", [
    "写上陈玉珍三个字就等于找死", "写上陈玉珍三个字等于自投罗网", "禁止写上陈玉珍三个字", "严禁写上陈玉珍三个字",
    "你们上次写上陈玉珍三个字，害我被约谈", "写上陈玉珍三个字的人还没出生", "哪有不署名的道理，但我就是那个例外",
    "哪有不署名的道理，他们都这么说", "哪有不署名的道理，大家都这么劝我",
])
def test_her_name_or_the_figure_taken_back_files_it_anonymous(school, answer):
    chat = as_member(school, "2005")
    assert chat.say(CHECKUP).startswith(ASK_SIGN)
    reply = chat.say(answer)
    assert not reply.startswith(SIGNED), reply


@pytest.mark.parametrize("answer", ["写上陈玉珍三个字——\n实名！", "申请书哪有不署名的道理。实名提交，署名：退休组 陈玉珍。",
                                    "此策署上陈玉珍之名，实名呈上。"])
def test_her_own_ask_still_signs(school, answer):
    chat = as_member(school, "2005")
    assert chat.say(CHECKUP).startswith(ASK_SIGN)
    assert chat.say(answer).startswith(SIGNED)


@pytest.mark.parametrize("answer", ["难道你没看出来我不想去吗？确认", "难道我会去吗？确认。", "确认。难道我会去吗？",
                                    "难道我想去吗？确认！", "难道我有空吗？确认", "是的，确认！难道我看起来像是要去的人吗？"])
def test_a_rhetorical_question_about_going_at_all_is_no_yes(school, answer):
    chat = as_member(school, "1010")
    assert "确认报名「乒乓球友谊赛」" in chat.say("报名乒乓球")
    reply = chat.say(answer)
    assert "报名成功" not in reply, reply
    assert status(school, "1010", "乒乓球友谊赛") is None


@pytest.mark.parametrize("answer", ["是的，确认！难道我看起来像是在开玩笑吗？", "难道我还会反悔吗？确认", "哪有不去的道理，确认！"])
def test_a_rhetorical_question_that_says_yes_the_louder_still_signs(school, answer):
    chat = as_member(school, "1010")
    assert "确认报名「乒乓球友谊赛」" in chat.say("报名乒乓球")
    assert "报名成功" in chat.say(answer)


@pytest.mark.parametrize("answer", ["禁止写我的名字", "严禁署名", "不准写我名字", "不许署我的名", "写我名字就等于找死",
                                    "我倒想实名，可惜不敢", "我也想实名啊，可是不敢"])
def test_a_name_forbidden_or_feared_files_it_anonymous(school, answer):
    chat = as_member(school, "2005")
    assert chat.say(CHECKUP).startswith(ASK_SIGN)
    reply = chat.say(answer)
    assert not reply.startswith(SIGNED), reply
