"""The conversation engine with a test flow: ask, retry on a bad answer, confirm, 取消 mid-flow,
expiry after 11 minutes on the frozen clock, and state that survives re-creating the app."""

from __future__ import annotations

import copy

import pytest

from bot.app import Bot
from bot.engine import Ask, Done, Retry
from bot.registry import Flow, registry
from tests.helpers import Chat

SIZES = {"1": "小杯", "2": "中杯", "3": "大杯"}


def _ask_size(ctx, text):
    if text not in SIZES:
        return Retry("请回复 1、2 或 3。")
    ctx.data["size"] = SIZES[text]
    return Ask(f"您选了{SIZES[text]}，确认吗？（是/否）", "confirm")


def _confirm(ctx, text):
    if text in ("是", "确认", "好"):
        ctx.store.db.execute("INSERT INTO kv (key, value) VALUES (?, ?)", (f"order:{ctx.msg.user_id}", ctx.data["size"]))
        return Done(f"已下单：{ctx.data['size']}。")
    if text in ("否", "不"):
        return Done("好的，不下单了。")
    return Retry("请回复“是”或“否”。")


@pytest.fixture
def test_registry():
    """The real handlers plus a test flow, without touching the global registry."""
    import handlers

    handlers.load_all()  # the real handlers registered, whether or not another test loaded them first
    reg = copy.copy(registry)
    reg.intents = dict(registry.intents)
    reg.flows = dict(registry.flows)
    local = type(registry)()
    local.flow(Flow("order", {"size": _ask_size, "confirm": _confirm}))

    @local.intent("order", keywords={"点咖啡": 3})
    def start(ctx):
        return Ask("要哪种？1 小杯 2 中杯 3 大杯", "size", flow="order", data={})

    reg.intents.update(local.intents)
    reg.flows.update(local.flows)
    return reg


@pytest.fixture
def make_chat(config, clock, test_registry, monkeypatch):
    import handlers

    monkeypatch.setattr(handlers, "load_all", lambda: test_registry)

    def make():
        return Chat(Bot(config, clock))

    return make


def orders(chat):
    return chat.bot.store.db.query("SELECT value FROM kv WHERE key LIKE 'order:%'")


def test_ask_retry_confirm(make_chat):
    chat = make_chat()
    assert chat.say("我想点咖啡") == "要哪种？1 小杯 2 中杯 3 大杯"
    assert chat.say("9") == "请回复 1、2 或 3。"
    assert chat.say("2") == "您选了中杯，确认吗？（是/否）"
    assert chat.say("嗯？") == "请回复“是”或“否”。"
    assert chat.say("是") == "已下单：中杯。"
    assert orders(chat) == [{"value": "中杯"}]
    # the conversation is over: a yes now confirms nothing, and the teacher is told so
    assert chat.say("是").startswith("好的。现在没有等您确认的事项")


def test_too_many_bad_answers_end_the_flow(make_chat):
    chat = make_chat()
    chat.say("点咖啡")
    chat.say("x")
    chat.say("y")
    assert "本次操作已结束" in chat.say("z")
    assert chat.say("2").startswith("抱歉，我没太明白")


def test_cancel_mid_flow(make_chat):
    chat = make_chat()
    chat.say("点咖啡")
    chat.say("3")
    assert chat.say("取消") == "已取消。需要时随时再找我，回复“帮助”查看我能做什么。"
    assert chat.say("是").startswith("好的。现在没有等您确认的事项")
    assert orders(chat) == []


def test_help_mid_flow_shows_menu_and_ends_flow(make_chat):
    chat = make_chat()
    chat.say("点咖啡")
    assert "可以帮您" in chat.say("帮助")
    assert chat.say("1").startswith("抱歉")


def test_expiry_after_eleven_minutes(make_chat, clock):
    chat = make_chat()
    chat.say("点咖啡")
    clock.advance(minutes=9)
    assert chat.say("1") == "您选了小杯，确认吗？（是/否）"  # each answer renews the 10 minutes
    clock.advance(minutes=11)
    assert chat.say("是") == "刚才的操作已超时，已自动结束。请重新开始，例如回复“帮助”。"
    assert orders(chat) == []


def test_state_survives_recreating_the_app(make_chat):
    first = make_chat()
    first.say("点咖啡")
    first.say("1")
    second = make_chat()  # a new process: new Bot, same database file
    assert second.say("是") == "已下单：小杯。"
    assert orders(second) == [{"value": "小杯"}]


def test_users_have_separate_conversations(make_chat):
    alice = make_chat()
    bob = alice.as_("bob")
    alice.say("点咖啡")
    assert bob.say("1").startswith("抱歉")
    assert alice.say("1").startswith("您选了小杯")


def test_a_crashing_step_gets_an_apology_not_an_exception(make_chat, test_registry):
    def boom(ctx, text):
        raise RuntimeError("secret detail")

    test_registry.flows["order"].steps["size"] = boom
    chat = make_chat()
    chat.say("点咖啡")
    reply = chat.say("1")
    assert "系统出了点问题" in reply and "secret" not in reply
