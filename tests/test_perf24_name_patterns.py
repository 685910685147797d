"""Issue 23, perf24: a colleague's name in a message is read without compiling a pattern of her name.

Six readings built a pattern around each roster name found in the text and handed it to `re` as a string: whether the
sender says she is another teacher ("我是王芳，用何雪的手机发的"), signs up or withdraws a colleague ("帮王芳报插花",
"王芳说拔河不去了"), and, in care news, the words naming the colleague ("数学组王建军老师"), a name said to be wrong
("不是留洋") and the one a correction names ("说错了 是谢婷婷"). re's cache holds 512 patterns, a school's names fill
it, and a CJK range costs ~1 ms a compile. The fixed parts are compiled once now (bot/aroundname.py: the text split
at her name), and each reading is the old one (compared here with the old patterns, text by text). The patterns of
the helpers in care news (a school's every name in one pattern) are compiled once per roster, not per report.
"""

from __future__ import annotations

import random
import re

import pytest

from bot.aroundname import AroundName
from handlers.activities import others, relayed
from handlers.care import names as care_names
from handlers.care.names import TITLE, said_with_group
from tests.conftest import as_member
from tests.test_perf23_name_patterns import _names, compiled  # noqa: F401  (a fixture)

# ---- the old patterns, as they were built around each name ---------------------------------------------------------


def _she_is_before(norm: str, name: str) -> bool:
    return re.search(rf"(?:(?:我是|我叫|我系|本人是?|这里是)(?:[\u4e00-\u9fff]{{1,6}}?组的?)?|"
                     rf"[他她]是[^，,。；;！!？?\s]{{0,8}}?){re.escape(name)}(?:老师)?(?=$|[，,。.！!？?\s:：~]|用|借|拿)",
                     norm) is not None


_FOR_NAME = r"(?:给|帮|替|为)(?:我们|咱们?)?(?:[\u4e00-\u9fff]{{1,4}}组的?|办公室的?|隔壁的?)?{name}(?:也|一起)?(?:报|登记|参加|占个?位)"
_NAME_SAID = (r"(?:^|(?<=[，,。；;！!？?\s]))(?:我们|咱们?)?(?:[\u4e00-\u9fff]{{1,4}}组的?)?{name}(?:也|还)?(?:(?:说|讲)[他她](?:也|还)?"
              r"(?:想|要)|想|要|" + others._ASKS_ME.replace("{", "{{").replace("}", "}}") +
              r")[^，,。；;！!\s]{{0,6}}?(?:报|登记|参加|占个?位)(?!了|过)")


def _named_withdraws_before(norm: str, name: str) -> bool:
    return re.search(rf"{name}(?:说|讲|把|也|还)?[^，,。；;！!？?\s我]{{0,8}}?{others._WITHDRAWS}", norm) is not None


def _denied_before(norm: str, said: str) -> bool:
    return re.search(r"不是\s*" + re.escape(said) + r"(?!自己|本人|说|讲|告诉)|" + re.escape(said) +
                     r"\s*(是错|不对|错了|打错|写错)", norm) is not None


def _said_to_be_before(norm: str, name: str) -> bool:
    said = r"(?<!不)是[^，,。；;！!\s]{0,8}?{0}|(说|搞|记|弄|打|写)(错|混)了?人?了?[，,。；;！!\s]*{0}(老师)?(?![也还都])"
    said += r"|(?<!不)是{1}" + TITLE + r"[，,。\s]*{0}"
    return bool(name) and re.search(said.replace("{0}", re.escape(name)).replace("{1}", re.escape(name[:1])), norm) is not None


def _said_with_group_before(norm: str, name: str) -> str:
    return re.search(r"([\u4e00-\u9fa5]{1,6}组的?)?" + re.escape(name) + r"(老师|主任|同志|老前辈|前辈|师傅|大姐|大哥|姐|哥)?",
                     norm).group(0)


# ---- texts: every piece the patterns read, in random orders, and what teachers write ------------------------------

NAMES = ["王芳", "周婷", "欧阳娜娜", "王王", "周周周", "是周"]
PIECES = ["我是", "我叫", "本人", "这里是", "她是", "他是", "是", "不是", "不", "数学", "组", "的", "退休", "语文组的",
          "老师", "用", "借", "拿", "，", "。", " ", "~", "：", "说", "讲", "把", "也", "还", "想", "要", "报", "登记", "参加",
          "占位", "占个位", "了", "过", "让我", "帮", "给", "替", "为", "托我", "我们", "咱", "办公室的", "隔壁", "一起",
          "退", "不去", "取消", "我", "错", "打错了", "说错了", "搞混了人", "是错的", "不对", "自己", "告诉", "主任", "大姐",
          "老前辈", "前辈", "姐", "那小子", "这丫头", "师傅", "音乐美术组", "体艺组的", "abc", "王", "芳", "周", "婷", "娜"]
REAL = ["我是王芳，用何雪的手机发的", "她是退休的王芳老师", "帮王芳报插花", "给我们组王芳也报一个", "王芳让我帮她报一个",
        "王芳说拔河不去了", "听说王芳把登山退了", "数学组王芳老师住院了", "体艺组的周婷 你知道吧", "说错了 不是周婷 是王芳",
        "是周老师 周婷", "不是周老师 周婷", "周周周说她也想报", "王王王芳老师", "这里是数学组的王芳：", "本人是王芳借的手机"]


def _texts(seed: int, n: int, names: list[str]) -> list[str]:
    rng = random.Random(seed)
    texts = list(REAL)
    for _ in range(n):
        parts = [rng.choice(PIECES + names + names) for _ in range(rng.randint(1, 9))]
        texts.append("".join(parts))
    return texts


@pytest.mark.parametrize("name", NAMES)
def test_each_reading_of_a_name_is_the_old_patterns_reading(name):
    for text in _texts(NAMES.index(name), 4000, [name, name[:1]]):
        assert relayed._SHE_IS.search(text, name) == _she_is_before(text, name), (text, name)
        for new, old in ((others._FOR_NAME, _FOR_NAME), (others._NAME_SAID, _NAME_SAID)):
            assert new.search(text, name) == (re.search(old.format(name=re.escape(name)), text) is not None), (text, name)
        assert others._NAMED_WITHDRAWS.search(text, name) == _named_withdraws_before(text, name), (text, name)
        assert any(d.search(text, name) for d in care_names._DENIED) == _denied_before(text, name), (text, name)
        member = type("M", (), {"id": 7, "name": name})()
        assert care_names._said_to_be(text, 7, [member]) == _said_to_be_before(text, name), (text, name)
        if name in text:
            assert said_with_group(text, name) == _said_with_group_before(text, name), (text, name)


def test_a_name_with_a_patterns_marks_is_read_as_the_letters_it_is():
    """(The withdrawal's pattern took the name unescaped: "李.芳" matched "李小芳". A name is literal now.)"""
    assert others._NAMED_WITHDRAWS.search("李.芳说拔河不去了", "李.芳")
    assert not others._NAMED_WITHDRAWS.search("李小芳说拔河不去了", "李.芳")
    assert AroundName(after="说").search("a(b说", "a(b")  # (the old pattern raised re.error: a crash, not an answer)


# ---- no pattern of her name compiled, however many teachers ----------------------------------------------------------


def test_many_teachers_named_compile_no_pattern_of_a_name(compiled):  # noqa: F811
    names = _names(600, 0x6d00)  # more teachers than re's cache of 512 patterns holds
    for name in names:
        member = type("M", (), {"id": 7, "name": name})()
        assert relayed._SHE_IS.search(f"我是{name}，用何雪的手机发的", name)
        assert others._FOR_NAME.search(f"帮{name}报插花", name)
        assert others._NAME_SAID.search(f"{name}让我帮她报一个", name)
        assert others._NAMED_WITHDRAWS.search(f"{name}说拔河不去了", name)
        assert care_names._said_to_be(f"说错了 是{name}", 7, [member])
        assert care_names._said_to_be(f"是{name[0]}老师 {name}", 7, [member])
        assert care_names.typo_of(f"{name}老师", "王芳", f"王芳 不是{name} 打错字了")
        assert care_names.typo_of(f"{name}老师", "王芳", f"王芳 {name}是错的")
        assert said_with_group(f"数学组{name}老师住院了", name) == f"数学组{name}老师"
    assert not [p for p in compiled if "测" in str(p)], compiled[:3]


def _roster(*names: str) -> list:
    return [type("M", (), {"id": i, "name": name})() for i, name in enumerate(names)]


def test_the_helpers_patterns_are_compiled_once_per_roster_and_a_new_name_is_seen(compiled):  # noqa: F811
    care_names._helpers_patterns.cache_clear()
    roster = _roster("王芳", "陈静", "孙强")
    for _ in range(3):
        assert care_names.helpers_out("课已经请陈静老师帮忙代了 我住院了", roster) == "课已经帮忙代了 我住院了"
    assert len([p for p in compiled if "陈静" in str(p)]) == 2  # (what she does, and who told her: once each)
    assert care_names.helpers_out("课已经请何雪帮忙代了", roster) == "课已经请何雪帮忙代了"  # not on the roster
    roster.append(_roster("何雪")[0])  # she joins the school: the roster's next pattern holds her
    assert care_names.helpers_out("课已经请何雪帮忙代了", roster) == "课已经帮忙代了"


def test_the_helpers_patterns_keep_few_rosters():
    care_names._helpers_patterns.cache_clear()
    for i in range(20):
        care_names.helpers_out("孙强开车送我去的医院", _roster("孙强", f"测{chr(0x6d00 + i)}"))
    assert care_names._helpers_patterns.cache_info().currsize <= 4


# ---- through a conversation, after many teachers were named ----------------------------------------------------------


OTHERS_SIGNUP = "报名只能由老师本人办理，我不能替别人报名。可以把这条消息转给他/她，或请他/她自己给我发消息，例如“报名羽毛球”。"
OTHERS_WITHDRAWAL = ("取消报名只能由老师本人办理，我不能替别人取消，您自己的报名也没有动。可以请他/她自己给我发消息，"
                     "例如“取消报名拔河”。")


def test_a_colleague_named_is_still_read_so_after_many_names(school):
    for name in _names(600, 0x6e00):  # re's cache filled with other readings
        relayed._SHE_IS.search(f"我是{name}", name)
        re.compile(f"{name}(?:老师)?")
    chat = as_member(school, "1007")
    assert chat.say("帮王芳报乒乓球") == OTHERS_SIGNUP
    assert chat.say("我是王芳，用你的手机发的，我想报乒乓球") == OTHERS_SIGNUP
    assert chat.say("王芳说拔河不去了") == OTHERS_WITHDRAWAL
