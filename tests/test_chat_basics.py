"""Chat scripts for help, greeting and unknown."""

from __future__ import annotations

from bot.dispatch import SORRY


def test_help_lists_the_registered_menu(chat, bot):
    reply = chat.say("帮助")
    assert reply.startswith("工会小助手可以帮您：")
    for line in bot.registry.menu():
        assert line in reply  # generated from the registered intents: cannot drift
    assert "取消" in reply


def test_help_synonyms(chat):
    for text in ("菜单", "？", "你能做什么", "怎么用", "help"):
        assert "可以帮您" in chat.say(text), text


def test_greeting_unbound_and_bound(chat, bound_chat):
    assert chat.as_("u-guest").say("你好") == "您好，老师！我是工会小助手，有什么可以帮您？回复“帮助”查看我能做什么。"
    assert bound_chat.say("在吗").startswith("您好，张三老师！")
    assert bound_chat.say("谢谢") == "不客气，张三老师！有事随时找我。"


def test_unknown_gets_a_kind_reply_with_the_menu(chat, bot):
    reply = chat.say("今天食堂吃什么菜比较好呢")
    assert reply.startswith("抱歉，我没太明白您的意思。")
    assert bot.registry.menu()[0] in reply


def test_cancel_with_nothing_open(chat):
    assert chat.say("取消") == "现在没有进行中的操作。回复“帮助”查看我能做什么。"


def test_full_width_and_spaces_are_normalised(chat):
    assert "可以帮您" in chat.say("　ＨＥＬＰ　")


def test_emoji_and_punctuation_only_do_not_crash(chat):
    for text in ("😀", "。。。", "!!!", "\u200b"):
        reply = chat.say(text)
        assert reply != SORRY and "帮助" in reply, (text, reply)  # a kind reply with the way to the menu


def test_cancel_with_invisible_characters_cancels(chat):
    chat.say("我要提建议")
    assert chat.say("取消\u200b") == "已取消。需要时随时再找我，回复“帮助”查看我能做什么。"
    assert chat.say("\ufeff帮助\u200d") == chat.say("帮助")


def test_handler_crash_is_logged_with_its_stack_but_not_the_text(chat, caplog, monkeypatch):
    from handlers import help as help_module

    def broken(ctx):
        raise ValueError("secret teacher text 三楼厕所")

    monkeypatch.setattr(help_module.registry.intents["greeting"], "handle", broken)
    assert chat.say("你好") == SORRY
    record = next(r for r in caplog.records if "handling failed" in r.getMessage())
    message = record.getMessage()
    assert "ValueError at" in message and "broken" in message and "test_chat_basics.py" in message
    assert "三楼厕所" not in caplog.text and "u-test" not in caplog.text
