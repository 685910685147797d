"""Whole conversations, sixth round (issue 19): binding, care reports and suggestions as teachers have
them. A name given once is never asked again (not even after a mistyped 工号); the phone's last four
answer their question whatever step the bot is at; an unbound teacher introducing herself by name is
starting a binding; words where the last four were asked are no failed proof, and a request in them
waits until she is bound. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; a
member's phone ends in her 工号). Wording is our own, not the held-out sets'."""

from __future__ import annotations

from tests.helpers import Chat
from tests.test_whole_messages import status


def bound_to(school, user: str) -> str | None:
    member = school.store.bindings.member_for("test", user)
    return member.staff_no if member else None


def tries(school) -> int:
    return school.store.db.scalar("SELECT count(*) FROM attempts")


# ---- binding: a mistyped 工号 keeps the name ----------------------------------------------------


def test_a_mistyped_staff_number_is_corrected_and_the_name_is_not_asked_again(school):
    chat = Chat(school, "u-new")
    assert chat.say("我是高峰，工号1008").startswith("工号和姓名对不上。如果是工号打错了，请直接回复正确的工号")
    assert chat.say("不好意思输错了 应该是1018").startswith("为确认身份，请回复您登记手机号的后四位")
    assert chat.say("电话尾号1018").startswith("绑定成功！高峰老师")
    assert bound_to(school, "u-new") == "1018"


def test_a_wrong_staff_number_twice_still_keeps_the_name(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1008 高峰").startswith("工号和姓名对不上")
    assert chat.say("1080").startswith("工号和姓名对不上") or "没有找到" in chat.transcript[-1][1]
    assert chat.say("1018").startswith("为确认身份")
    assert chat.say("1018").startswith("绑定成功！高峰老师")


def test_a_wrong_name_for_a_real_staff_number_asks_the_name_again(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1018 高锋").startswith("工号和姓名对不上。请核对后回复您的姓名")
    assert chat.say("写错了，高峰").startswith("为确认身份")


# ---- binding: the last four answer their question at any step ------------------------------------


def test_the_last_four_given_before_they_are_asked_are_kept(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定身份").startswith("请回复您的工号")
    assert chat.say("手机尾号1018").startswith("好的，手机尾号记下了。请回复您的工号")
    assert chat.say("1018").startswith("请回复您的姓名")
    assert chat.say("高峰").startswith("绑定成功！高峰老师")


def test_the_last_four_where_the_name_was_asked(school):
    chat = Chat(school, "u-new")
    assert chat.say("工号1018").startswith("请回复您的姓名")
    assert chat.say("手机后四位1018").startswith("好的，手机尾号记下了。请回复您的姓名")
    assert chat.say("高峰").startswith("绑定成功！高峰老师")


def test_a_staff_number_in_chinese_numerals_with_yao_for_one(school):
    chat = Chat(school, "u-new")
    chat.say("我要绑定")
    assert chat.say("高峰").startswith("好的，请再回复您的工号")
    assert chat.say("幺零幺八").startswith("为确认身份")
    assert chat.say("幺零幺八").startswith("绑定成功！高峰老师")


# ---- binding: an unbound teacher who says who she is -------------------------------------------


def test_an_unbound_teacher_introducing_herself_by_name_is_starting_a_binding(school):
    chat = Chat(school, "u-new")
    assert chat.say("老师您好，我是英语组的周婷，第一次用这个，请多指教").startswith("您好，周婷老师！先绑定一下身份")
    assert chat.say("工号是1009").startswith("为确认身份")
    assert chat.say("后四位1009 麻烦了").startswith("绑定成功！周婷老师")


def test_an_introduction_in_cantonese_with_words_before_the_name(school):
    chat = Chat(school, "u-new")
    assert chat.say("我系新来嘅体艺组老师宋健").startswith("您好，宋健老师！")
    assert chat.say("工号系一零二二").startswith("为确认身份")
    assert chat.say("电话尾号系1022").startswith("绑定成功！宋健老师")


def test_someone_elses_name_is_no_introduction(school):
    reply = Chat(school, "u-new").say("我是王芳老师的同事，她住院了")
    assert not reply.startswith("您好，王芳老师")


def test_a_bound_teacher_introducing_herself_is_not_bound_again(school):
    from tests.conftest import as_member

    assert not as_member(school, "1009").say("我是周婷").startswith("您好，周婷老师！先绑定")


def test_a_request_in_the_introduction_waits_until_the_binding_is_done(school):
    chat = Chat(school, "u-new")
    first = chat.say("你好我是体艺组的刘洋，想报名拔河")
    assert first.startswith("您好，刘洋老师！") and "想报名拔河" in first
    assert chat.say("1004").startswith("为确认身份")
    done = chat.say("1004")
    assert done.startswith("绑定成功！刘洋老师") and "确认报名「教职工拔河比赛」" in done


# ---- binding: words where the last four were asked --------------------------------------------


def test_words_where_the_last_four_were_asked_are_no_failed_proof(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1004 刘洋").startswith("为确认身份")
    again = chat.say("嗯嗯 顺便报个拔河")
    assert again.startswith("还差最后一步：请回复您登记手机号的后四位") and "顺便报个拔河" in again
    assert tries(school) == 0
    done = chat.say("尾号1004")
    assert done.startswith("绑定成功！刘洋老师") and "确认报名「教职工拔河比赛」" in done
    assert chat.say("是").startswith("报名成功")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"


def test_a_teacher_who_does_not_know_the_last_four_is_told_where_to_get_a_code(school):
    chat = Chat(school, "u-new")
    chat.say("绑定 1004 刘洋")
    assert "领取绑定码" in chat.say("不记得了")
    assert tries(school) == 0
