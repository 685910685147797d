"""Whole conversations, twenty-first round (issue 19, signup18): tuned set 33's misses (zm02 zm06 zm09 zm30 zm43),
each by its general cause.

- A yes to "要取消…吗？" with regards or thanks after it is a yes ("嗯，取消吧，替我跟老同事们问声好").
- An apology before a joiner ("不好意思再问一下，…") is no request of its own: what it excuses is the request.
- Whether she can make or manage the one activity she names ("…四点赶得上", "登山会不会太累啊，路线陡不陡") is a question
  about that activity, answered with the offer, and never care news: "那就给我报上"/"报我一个" next means that one.
- A question about the activity itself, its places or a look-up ("羽毛球那个是不是快满了") shows it, so "那就我顶上一个吧，
  确认" next signs her up.
- "家属不带" is nobody else.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the variants are our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round16_conv24 import party
from tests.test_conversations_round18_conv31 import signed_up_for
from tests.test_conversations_round18_left15 import signups
from tests.test_whole_messages import care_rows, status

READING, PINGPONG, BADMINTON, HIKE, TUG = "教师读书会", "乒乓球友谊赛", "羽毛球联谊赛", "秋季登山活动", "教职工拔河比赛"
ELDERS = "重阳敬老座谈会"
OFFERED = "要为您报名吗？"
SIGNED = "报名成功"
HELP_MENU = "我没太明白"


def asked_then_signed(school, staff_no: str, asked: str, title: str, then: str, offered: bool) -> None:
    """Her question about one activity shows it (with the offer, where she asked whether she can make it); her
    next words sign her up for it."""
    chat = as_member(school, staff_no)
    reply = chat.say(asked)
    assert title in reply and HELP_MENU not in reply and (OFFERED in reply) is offered, chat.transcript
    assert SIGNED in chat.say(then), chat.transcript
    assert status(school, staff_no, title) == "confirmed"


# ---- 1. a yes to withdraw, regards after it -----------------------------------------------------------------------


def at_withdrawal(school, news: str = "重阳座谈会我去不了了"):
    """刘德华 (2004, retired), signed up for the 重阳 座谈会, says he cannot go: asked whether to withdraw."""
    signed_up_for(school, "2004", ELDERS)
    chat = as_member(school, "2004")
    assert "要帮您取消「重阳敬老座谈会」的报名吗" in chat.say(news)
    return chat


def test_the_withdrawal_with_regards_as_written(school):
    """tuned set 33 zm43."""
    chat = at_withdrawal(school, "重阳那天我要去外地看孙子，座谈会去不了了")
    assert "已为您取消" in chat.say("嗯，取消吧，替我跟老同事们问声好"), chat.transcript
    assert status(school, "2004", ELDERS) == "cancelled"


@pytest.mark.parametrize("answer, withdrawn", [
    ("好的，取消吧，谢谢", True), ("那就取消吧，代我向大家问好", True), ("嗯 取消吧 给大家带个好", True),
    ("取消吧，祝大家重阳节快乐", True),
    ("别取消了，替我问声好", False), ("还是不取消了，谢谢", False),  # a no with regards still keeps it
])
def test_other_answers_to_withdraw_with_a_courtesy_after_them(school, answer, withdrawn):
    chat = at_withdrawal(school)
    assert ("已为您取消" if withdrawn else "保持不变") in chat.say(answer), chat.transcript
    assert status(school, "2004", ELDERS) == ("cancelled" if withdrawn else "confirmed")


# ---- 2. an apology before a joiner is no request ----------------------------------------------------------------


def test_the_apologetic_second_question_as_written(school):
    """tuned set 33 zm02."""
    chat = as_member(school, "1025")
    assert OFFERED in chat.say("您好，打扰了🙏我是今年刚入职的语文老师谢婷婷，不知道新老师可不可以参加读书会呀？")
    reply = chat.say("不好意思再问一下，需要提前准备书吗…如果不用的话我想报名，可以吗？")
    assert "建议编号" not in reply and f"确认报名「{READING}」" in reply, chat.transcript
    assert SIGNED in chat.say("好的好的，确认报名，谢谢您，麻烦了！"), chat.transcript
    assert status(school, "1025", READING) == "confirmed"


@pytest.mark.parametrize("second", ["抱歉再问一下，要自己带书吗…不用的话我就报名，行吗？",
                                    "打扰了，再问一下，读书会要交钱吗？不用的话我想报名可以吗"])
def test_other_apologies_before_the_question_ask_no_suggestion_code(school, second):
    chat = as_member(school, "1025")
    assert OFFERED in chat.say("新老师可以参加读书会吗？")
    reply = chat.say(second)
    assert "建议编号" not in reply and f"确认报名「{READING}」" in reply, chat.transcript
    assert SIGNED in chat.say("确认报名，谢谢"), chat.transcript
    assert status(school, "1025", READING) == "confirmed"


def test_an_apology_then_a_question_about_an_activity_is_that_question(school):
    reply = as_member(school, "1025").say("不好意思，顺便问下，读书会在哪里？")
    assert "建议编号" not in reply and "图书馆三楼" in reply, reply


# ---- 3. whether she can make or manage the one she names: asked, the offer, then "给我报上" -------------------------


@pytest.mark.parametrize("staff_no, thought, title, yes", [
    ("1006", "乒乓球是13号周日下午四点对吧……周日上午我要带竞赛班，十一点半结束，下午应该空出来了，四点赶得上", PINGPONG,
     "嗯，行，那就给我报上吧"),  # tuned set 33 zm06, as written
    ("1006", "拔河是10号下午三点半对吧，那天下午我最后一节没课，来得及", TUG, "好，那就报上吧"),
    ("1025", "读书会6号周日下午四点半是吧，我上午要去看房，下午应该赶得上", READING, "行，给我报上"),
])
def test_thoughts_on_making_it_are_offered_and_taken(school, staff_no, thought, title, yes):
    asked_then_signed(school, staff_no, thought, title, yes, offered=True)


@pytest.mark.parametrize("worry, then, asked_first", [
    ("我膝盖前年做过个小手术，登山会不会太累啊，路线陡不陡", "……算了不想了，慢慢走应该能行。报我一个，家属不带", True),  # zm09
    ("我腰不太好，登山吃得消吗？", "算了，慢慢爬吧，报我一个", True),
    ("我这老寒腿，秋季登山累不累啊", "那报我一个吧", False),  # (a short take of the offer signs her up at once)
])
def test_health_worries_about_an_activity_are_questions(school, worry, then, asked_first):
    """tuned set 33 zm09 and variants: a question about the hike, not care news; then that one is signed."""
    chat = as_member(school, "1013")
    reply = chat.say(worry)
    assert HIKE in reply and "康复" not in reply, chat.transcript
    assert care_rows(school) == []
    reply = chat.say(then)
    assert (f"确认报名「{HIKE}」吗" in reply) is asked_first, chat.transcript
    assert SIGNED in (chat.say("确认") if asked_first else reply), chat.transcript
    assert signups(school, "1013") and status(school, "1013", HIKE) == "confirmed"
    assert party(school, "1013", HIKE) == 1  # ("家属不带": nobody else)


def test_care_news_is_still_care_news(school):
    reply = as_member(school, "1013").say("我膝盖做了手术，这周在住院")
    assert "康复" in reply, reply
    assert len(care_rows(school)) == 1


# ---- 4. a question about the activity itself shows it; "顶上一个，确认" next signs her up ----------------------------


@pytest.mark.parametrize("staff_no, asked, title, then", [
    ("1001", "我是工会委员，按说得带头……羽毛球那个是不是快满了", BADMINTON, "好吧，那就我顶上一个吧，确认"),  # zm30 as written
    ("1006", "作为老党员得带个头……乒乓球那个还剩几个名额", PINGPONG, "那我顶上一个，确认"),
    ("1002", "这位同学，帮老师查一下本周五下午体育馆一楼那个活动", BADMINTON, "行，那就报上吧，确认"),
])
def test_questions_about_an_activity_show_it_for_the_sign_up(school, staff_no, asked, title, then):
    asked_then_signed(school, staff_no, asked, title, then, offered=False)


def test_a_question_about_her_own_sign_up_is_not_taken_for_the_activity(school):
    chat = as_member(school, "1001")
    chat.say("羽毛球有我吗")
    assert status(school, "1001", BADMINTON) is None
