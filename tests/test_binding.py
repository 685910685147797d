"""Binding chat scripts."""

from __future__ import annotations

from tests.helpers import Chat


def test_bind_in_one_message(school, chat):
    assert chat.say("绑定 1024 张三").startswith("绑定成功！张三老师（工号 1024）")
    assert chat.say("你好").startswith("您好，张三老师")


def test_bind_name_first_and_sentence_form(school):
    assert Chat(school, "a").say("我是张伟，工号1001").startswith("绑定成功！张伟老师")
    assert Chat(school, "b").say("绑定 王芳 1002").startswith("绑定成功！王芳老师")


def test_guided_flow(school, chat):
    assert chat.say("绑定") == "请回复您的工号（例如 1024）。回复“取消”可随时退出。"
    assert chat.say("abc") == "工号应该是一串数字，例如 1024。请再试一次，或回复“取消”。"
    assert chat.say("1003") == "请回复您的姓名。"
    assert chat.say("李娜").startswith("绑定成功！李娜老师")


def test_wrong_name_then_pause_after_five_tries(school, chat):
    for _ in range(4):
        assert chat.say("绑定 1024 李四").startswith("工号和姓名对不上")
    assert chat.say("绑定 1024 李四").startswith("尝试次数过多")
    # even the right pair is refused during the pause
    assert chat.say("绑定 1024 张三").startswith("尝试次数过多")
    school.clock.advance(minutes=61)
    assert chat.say("绑定 1024 张三").startswith("绑定成功")


def test_member_who_left_cannot_bind(school, chat):
    assert "无法绑定" in chat.say("绑定 3001 钱多多")


def test_already_bound_and_unbind(school, chat):
    chat.say("绑定 1024 张三")
    assert chat.say("绑定 1001 张伟").startswith("您已绑定为 张三老师")
    assert chat.say("解绑").startswith("已解除绑定")
    assert chat.say("解绑").startswith("您还没有绑定身份")


def test_one_member_on_several_channels(school):
    Chat(school, "wx-user", channel="wechat").say("绑定 1024 张三")
    Chat(school, "dd-user", channel="dingtalk").say("绑定 1024 张三")
    member = school.store.members.by_staff_no("1024")
    bound = {(b["channel"], b["user_id"]) for b in school.store.bindings.for_member(member.id)}
    assert {("wechat", "wx-user"), ("dingtalk", "dd-user")} <= bound


def test_phone_last_four_when_configured(tmp_path, clock):
    from bot import demo
    from bot.app import Bot
    from tests.conftest import make_config

    bot = Bot(make_config(tmp_path, admin={"require_phone_last4": True}), clock)
    demo.seed(bot.store, clock)
    chat = Chat(bot)
    assert chat.say("绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"
    assert chat.say("0000") == "手机号后四位不对，请核对后重试。"
    assert chat.say("1024").startswith("绑定成功")  # demo phones end in the 工号


def test_unbound_users_are_asked_to_bind_for_personal_things(school, chat):
    hint = "请回复“绑定 工号 姓名”，例如“绑定 1024 张三”。"
    for text in ("报名拔河", "我的报名", "拔河我不去了", "王老师住院了", "别再推送了", "我的建议"):
        assert hint in chat.say(text), text
    # public things work unbound
    assert "拔河" in chat.say("最近有什么活动")
    assert "体检" in chat.say("今年体检什么时候")
