"""Whole conversations, eleventh round (issue 19): what carries over between turns and between flows. A
request asked before binding is taken up once binding succeeds; an opening spread over two or three
messages (a lead-in, then the request; a request, then what it is about) is read as one; two things in the
first message are both done. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the
wording is our own, not the tuning sets'."""

from __future__ import annotations

import pytest

from handlers._common import BIND_FIRST
from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import status

HIKE, TUG, READING, PINGPONG = "秋季登山活动", "教职工拔河比赛", "教师读书会", "乒乓球友谊赛"


def new_teacher(school, phone: str = "13912346688") -> Chat:
    """A chat where nobody is bound yet; 李娜 (工号 1003) with a phone ending in 6688."""
    school.store.db.execute("UPDATE members SET phone = ? WHERE staff_no = '1003'", (phone,))
    return Chat(school, "u-new", channel="wecom")


def bound(school) -> str | None:
    member = school.store.bindings.member_for("wecom", "u-new")
    return member.staff_no if member else None


def signed(school, title: str) -> str | None:
    return status(school, "1003", title)


# ---- a request asked before binding is taken up after it ----------------------------------------------


@pytest.mark.parametrize("asked, binding, title", [
    ("我是新来的老师 想报名拔河", "绑定 1003 李娜 手机尾号6688", TUG),
    ("帮我报个乒乓球呗", "工号1003 李娜 手机后四位6688", PINGPONG),
    ("刚入职，读书会能报不，我想参加", "绑定1003李娜，尾号6688", READING),
    ("俺要报名登山", "1003 李娜 手机号后四位是6688", HIKE),
    ("老师好，报名参加拔河比赛。", "我是李娜 工号1003 电话尾号6688", TUG),
])
def test_a_sign_up_asked_before_binding_is_taken_up_after_it(school, asked, binding, title):
    chat = new_teacher(school)
    assert chat.say(asked) == BIND_FIRST
    reply = chat.say(binding)
    assert reply.startswith("绑定成功！李娜老师") and f"确认报名「{title}」" in reply, reply
    assert signed(school, title) is None
    assert chat.say("是 确认报名").startswith("报名成功")
    assert signed(school, title) == "confirmed"


def test_a_sign_up_asked_before_a_guided_binding_is_taken_up_at_its_end(school):
    chat = new_teacher(school)
    assert chat.say("我要报名乒乓球") == BIND_FIRST
    assert "您还提到" in chat.say("好 绑定")
    chat.say("1003")
    reply = chat.say("李娜 6688")
    assert reply.startswith("绑定成功！李娜老师") and "确认报名「乒乓球友谊赛」" in reply, reply
    chat.say("好的")
    assert signed(school, PINGPONG) == "confirmed"


@pytest.mark.parametrize("news", ["我爸住院了，跟工会说一声", "报告工会 我母亲昨天住院了"])
def test_news_told_before_binding_is_taken_up_after_it(school, news):
    chat = new_teacher(school)
    assert chat.say(news) == BIND_FIRST
    reply = chat.say("绑定 1003 李娜 6688")
    assert reply.startswith("绑定成功！李娜老师") and reply.count("绑定成功") == 1
    after = reply.split("\n\n", 1)[1]  # the news itself, taken up: reported, or a question about it
    assert BIND_FIRST not in reply and ("已转告工会委员" in after or "？" in after), reply


@pytest.mark.parametrize("then", ["体检什么时候", "算了", "取消", "最近有啥活动"])
def test_something_else_after_bind_first_drops_the_waiting_request(school, then):
    chat = new_teacher(school)
    assert chat.say("报名拔河") == BIND_FIRST
    chat.say(then)
    reply = chat.say("绑定 1003 李娜 6688")
    assert reply.startswith("绑定成功！李娜老师") and "拔河" not in reply, reply
    assert signed(school, TUG) is None


def test_a_failed_binding_keeps_nothing_signed_and_asks_again(school):
    chat = new_teacher(school)
    chat.say("报名拔河")
    assert "绑定成功" not in chat.say("绑定 1003 李娜 1234")
    assert bound(school) is None and signed(school, TUG) is None


def test_a_bound_teacher_never_sees_the_waiting_request_of_another(school):
    stranger = new_teacher(school)
    stranger.say("报名拔河")
    chat = as_member(school, "1012")
    assert "拔河" not in chat.say("体检什么时候")


# ---- two things in the first message: an action and a question of another matter -------------------------


@pytest.mark.parametrize("said, title", [
    ("我要报乒乓球，体检是哪天来着", PINGPONG),
    ("在吗 想报个拔河 还有体检几号", TUG),
    ("您好，我想报个登山，体检要空腹吗", HIKE),
    ("体检啥时候啊？帮我报个读书会", READING),
    ("小助手 报名拔河比赛 今年体检在哪个医院", TUG),
])
def test_a_sign_up_and_a_checkup_question_in_one_message_are_both_done(school, said, title):
    chat = as_member(school, "1012")
    reply = chat.say(said)
    assert f"确认报名「{title}」" in reply and "【教职工年度体检】" in reply, reply
    assert chat.say("是").startswith("报名成功")
    assert status(school, "1012", title) == "confirmed"


@pytest.mark.parametrize("said", [
    "你好 我报名拔河，再帮我查下我报了哪些",
    "帮我报个拔河 我现在报了几个活动",
    "报名拔河。我的报名有哪些",
])
def test_a_sign_up_and_a_look_at_my_sign_ups_in_one_message(school, said):
    chat = as_member(school, "1012")
    reply = chat.say(said)
    assert "确认报名「教职工拔河比赛」" in reply and "报名" in reply.split("放弃。", 1)[1], reply
    chat.say("好的")
    assert status(school, "1012", TUG) == "confirmed"


@pytest.mark.parametrize("said", ["乒乓球几点开始，我想报名", "报名乒乓球，几点开始啊", "我想报乒乓球 要带拍子吗"])
def test_a_question_about_the_activity_itself_stays_with_the_sign_up(school, said):
    chat = as_member(school, "1012")
    reply = chat.say(said)
    assert "乒乓球友谊赛" in reply and "【教职工年度体检】" not in reply and "您还提到" not in reply, reply
