"""How a message is read before it is classified (bot/normalize.py): one spelling for the many ways
teachers write, and the part of the message that says what they want. Each rule here has a case that
fails without it."""

from __future__ import annotations

import pytest

import handlers
from bot.nlu import Classifier
from bot.normalize import canonical, focus


@pytest.mark.parametrize(("text", "plain"), [
    # dialect words of more regions
    ("俺都报了些啥，给俺瞅瞅", "我都报了些啥,给我看看"),  # Shandong, Northeastern
    ("涯报了么个活动", "我报了什么活动"),  # Hakka, Gan
    ("我都报过些么子活动", "我都报过些什么活动"),  # Hunan
    ("你个机器人会做哪样", "你个机器人会干什么"),  # Guizhou
    ("读书会在哪点搞", "读书会在哪里搞"),  # Yunnan
    ("拔河比赛甚时候", "拔河比赛什么时候"),  # Shanxi
    ("我的意见嘛时候给回话", "我的意见什么时候给回复"),  # Tianjin
    ("有回复无", "有回复没"),  # Hakka question tail
    ("天涯海角", "天涯海角"),  # 涯 in a word stays
    # typos of shape on the key words
    ("極名乒乓球", "报名乒乓球"),
    ("投拆：跑道开裂", "投诉:跑道开裂"),
    # pinyin initials, slang, emoji, English
    ("bm拔河", "报名拔河"),
    ("qx 羽毛球", "取消 羽毛球"),
    ("yyds", "太棒了"),
    ("9.13 🏓在哪打", "9月13日 乒乓球在哪打"),  # (month.day read as the date: bot/ordering.py)
    ("help 一下", "帮助 一下"),
    ("thx 收到了", "谢谢 收到了"),
    # a code spelt out letter by letter by voice input
    ("建议 编号 8 H 3 T Z M 查进度", "建议 编号 8h3tzm 查进度"),
])
def test_canonical_spelling(text, plain):
    assert canonical(text) == plain


@pytest.mark.parametrize(("text", "core"), [
    ("体 检 时间", "体检时间"),  # voice input with spaces between characters
    ("关联 我的 教工 信息", "关联我的教工信息"),
    ("报名 拔河", "报名 拔河"),  # two words are not spelt out
    ("报名先不急，我就想知道卡拉OK在哪个厅", "我就想知道卡拉ok在哪个厅"),
    ("先别管体检了，我就要报羽毛球", "我就要报羽毛球"),
    ("退登山 哦不对 是退拔河", "退登山 退拔河"),  # a correction keeps the verb before it
    ("这个时间不对，是不是改了", "这个时间不对,是不是改了"),  # "不对" that is no correction
    ("不好意思打扰，请问医保报销找谁", "请问医保报销找谁"),  # a courtesy opening
    ("候补还有位置吗", "候补还有位置吗"),  # "还有" asking for places is no second request
    ("拔河还有名额吗", "拔河还有名额吗"),
    ("报名拔河，还有，体检几号", "报名拔河"),  # "还有" at a clause start is
    ("我报了乒乓球吧？确认下 不是要取消", "我报了乒乓球吧?确认下"),  # the negation said last is dropped
    ("报名羽毛球，并不是要退", "报名羽毛球"),
    ("拔河不是要取消吗", "拔河不是要取消吗"),  # a question about it is kept
    ("拔河我不报了", "拔河我不报了"),  # a plain refusal is the request itself
    ("不是要取消", "不是要取消"),  # nothing else left: kept
])
def test_focus(text, core):
    assert focus(canonical(text)) == core


@pytest.fixture(scope="module")
def classifier():
    return Classifier(handlers.load_all())


@pytest.mark.parametrize(("text", "intent"), [
    ("拔河 -1", "cancel_signup"),  # a count going down takes a name off
    ("读书会 +1", "signup"),
    ("候补还有位置吗", "activity_query"),
    ("报乒乓球 哦不对 是羽毛球", "signup"),
    ("体 检 时 间", "checkup_query"),
    ("bm插花沙龙", "signup"),
    ("今年tj几号", "checkup_query"),
    ("最近hd有啥", "activity_query"),
    ("拔河要是人不齐还比不比", "activity_query"),
    ("我报了读书会吧 不是要退", "my_signups"),
])
def test_rules_reach_the_classifier(classifier, text, intent):
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize(("text", "plain"), [
    ("哎呀那个拔河我报唔报得啊", "哎呀那个拔河我能报吗啊"),  # "A不A得" asks, it does not refuse
    ("读书会参不参加得", "读书会能参加吗"),
    ("插花活动阿拉还好报名伐", "插花活动我们还能报名吗"),  # Wu 伐 asks, 好 + verb is "can"
])
def test_questions_asked_as_a_not_a(text, plain):
    assert canonical(text) == plain


@pytest.mark.parametrize(("text", "plain"), [
    ("hd有哪些", "活动有哪些"),  # pinyin initials of 活动 and 体检
    ("今年tj几号", "今年体检几号"),
    ("hdmi线坏了", "hdmi线坏了"),  # letters inside a longer word are no initials
    ("sjtj", "sjtj"),
    ("zsbd 晚安", "晚安"),  # 字数补丁, filler
    ("搿只电梯忒慢了，好好叫修修", "这个电梯太慢了,好好修修"),  # Wu 搿只 / 忒 / 好好叫
])
def test_initials_and_wu(text, plain):
    assert canonical(text) == plain


@pytest.mark.parametrize(("text", "plain"), [
    ("登山要是下雨还去不去", "登山要是下雨还去吗"),  # asks whether it goes ahead
    ("我还去不去呢", "我还去不去呢"),  # a teacher making up her mind is left alone
    ("工会宝宝晚安", "工会晚安"),  # a pet name for the bot
    ("李老师生宝宝了", "李老师生宝宝了"),  # a baby stays a baby
    ("我们报过啥活动啦", "我们报过啥活动"),  # 啦 ends a sentence
])
def test_questions_and_pet_names(text, plain):
    assert canonical(text) == plain


def test_codes_and_tickets_come_through_unchanged():
    """A binding code or ticket is never read as a word: "绑定码 N377SKBB" kept its BB, "2QUEREN3" its QUEREN."""
    import random

    from bot.nlu import normalize
    from handlers.binding.codes import CODE_ALPHABET
    from storage.suggestions import TICKET_ALPHABET

    rng = random.Random(2026)
    codes = ["N377SKBB", "BB2345QU", "2QUEREN3", "BUQU7788", "ABCDEFGH"]
    codes += ["".join(rng.choice(CODE_ALPHABET) for _ in range(8)) for _ in range(3000)]
    codes += ["".join(rng.choice(TICKET_ALPHABET) for _ in range(6)) for _ in range(3000)]
    for code in codes:
        assert normalize(code) == code.lower()
        assert normalize(f"绑定码 {code}").endswith(code.lower()), code
        assert code.lower() in normalize(f"查询建议{code}"), code
    assert normalize("生bb了") == normalize("生宝宝了") and "宝宝" in normalize("我老婆生bb了")
    assert normalize("queren") == "确认"


def test_greetings_turned_back_on_in_english():
    from bot.nlu import normalize

    assert "恢复推送" in normalize("wait actually turn them back on 😂 my mom likes to see them")
    assert "恢复推送" in normalize("pls switch the greetings back on")
    assert "恢复推送" not in normalize("turn off birthday greetings pls")
