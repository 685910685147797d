"""Issue 23, perf23: the suggestion's consent reads the teacher's own name without compiling a pattern of it.

`handlers/suggestions/consent.py` read a clause after the suggestion ("…，写我名字，数学组赵敏") with patterns made
from her name and handed to `re` as strings: each suggestion's words compiled them for a teacher not seen lately
(re's own cache holds 512 patterns, three or four a teacher), and every time once a school's names filled it
again (~2 ms: the CJK range of a group's name): ~10% of the bench's mix. Her name is a literal, so the readings
now split the text at her name and match the parts with patterns compiled once (handlers/suggestions/namepatterns.py):
no pattern of her name is compiled, and the readings are the old ones (compared here clause by clause).
"""

from __future__ import annotations

import re

import pytest

from bot.nlu import normalize
from handlers.suggestions import consent, namepatterns
from tests.test_conversations_round24_note20 import (
    test_a_name_given_with_the_suggestion_files_it_signed_at_once as signed_at_once,
)

_GROUP = r"[\u4e00-\u9fff]{1,6}?组(?:的)?(?:老师|组长)?"


class _Member:
    def __init__(self, name: str) -> None:
        self.name = name


def _signature_before(clause: str, member) -> bool:
    c = re.sub(r"\s+", "", normalize(clause))
    name = re.escape(member.name) + r"(?:老师)?" if member is not None and len(member.name) >= 2 else None
    forms = [_GROUP] + ([f"(?:我是)?{name}", f"{_GROUP}{name}", f"{name}{_GROUP}"] if name else [])
    return bool(c) and any(re.fullmatch(f, c) for f in forms)


def _signed_by_self_before(text: str, member) -> bool:
    if member is None or len(member.name) < 2 or member.name not in text:
        return False
    t = re.sub(r"[\s。.!！~，,]+", "", normalize(text))
    return bool(re.fullmatch(rf"(就|那就)?(是|我|本人|我是)?(落款|签名|署名)?[:：]?{re.escape(member.name)}(老师)?"
                             r"(提的|写的|提出的|反映的|提交的|署名|落款)(吧|哈|啊|呀|了)*", t))


def _without_name_before(text: str, name: str) -> str:
    if name not in text:
        return text.strip() or text
    return re.sub(rf"(我|本人|是)?{re.escape(name)}(老师)?(提的|写的|署的|说的)?", " ", text).strip() or text


NAMES = ["赵敏", "赵淑芬", "欧阳娜娜", "李", "", "a.b", "张(三)"]
CLAUSES = ["赵敏", "我是赵敏", "数学组赵敏", "赵敏数学组", "赵敏老师", "数学组的赵敏", "退休组", "数学组的", "数学组组长",
           "赵敏提的", "我赵敏写的", "落款：赵敏", "就是赵敏提的吧", "张伟", "欧阳娜娜老师", "体艺组欧阳娜娜", "", " ",
           "a.b", "axb", "张(三)", "张三", "署名", "赵淑芬，退休组", "实名 我赵淑芬提的", "赵敏说的 就实名", "赵敏赵敏提的",
           "我是赵敏老师", "数学组赵敏老师", "赵敏老师数学组", "赵敏老师老师", "赵敏组", "组赵敏", "那就是署名：赵敏老师提交的吧吧",
           "欧阳娜娜娜提的", "娜娜欧阳娜娜写的哈", "本人落款：欧阳娜娜", "赵淑芬退休组的老师", "赵淑芬退休组组长"]


@pytest.mark.parametrize("name", NAMES)
def test_the_name_patterns_read_every_clause_as_before(name):
    member = _Member(name)
    for clause in CLAUSES:
        assert consent._signature(clause, member) == _signature_before(clause, member), (name, clause)
        assert consent.signed_by_self(clause, member) == _signed_by_self_before(clause, member), (name, clause)
        if name:
            assert consent._without_name(clause, name) == _without_name_before(clause, name), (name, clause)
    for clause in CLAUSES:
        assert consent._signature(clause, None) == _signature_before(clause, None), clause
        assert consent.trailing_choice(f"建议午休延长半小时，写我名字，{clause}", member) == consent.trailing_choice(
            f"建议午休延长半小时，写我名字，{clause}", member)


def _names(n: int, start: int) -> list[str]:
    """n made-up names that normalize to themselves (no 一 or 万 read as a number)."""
    names = (f"测{chr(start + i)}{chr(start + 0x400 + i)}" for i in range(4 * n))
    return [name for name in names if normalize(name) == name][:n]


@pytest.fixture
def compiled(monkeypatch):
    """The patterns `re` compiles meanwhile (its own cache's misses)."""
    seen: list = []
    real = re._compiler.compile
    monkeypatch.setattr(re._compiler, "compile", lambda *a, **k: seen.append(a[0]) or real(*a, **k))
    return seen


def test_a_teachers_signature_compiles_no_pattern_of_her_name(compiled):
    names = _names(700, 0x6c00)  # more teachers than re's cache of 512 patterns holds
    for name in names + names[:50]:  # and the first of them again
        rest, choice = consent.trailing_choice(f"建议食堂增加早餐窗口，署名，数学组{name}", _Member(name))
        assert (rest, choice) == ("建议食堂增加早餐窗口", True), name
        assert consent.trailing_choice(f"建议食堂增加早餐窗口，实名，{name}老师", _Member(name))[1] is True, name
        assert consent.signed_by_self(f"{name}提的", _Member(name)), name
        assert not consent.signed_by_self(f"{name}提的建议很好", _Member(name)), name
    assert not [p for p in compiled if "测" in str(p)], compiled[:3]


def test_her_name_taken_out_of_an_answer_is_compiled_once_per_name(compiled):
    namepatterns.name_said.cache_clear()
    re.purge()  # (re's own cache may hold it from an earlier test)
    assert consent._without_name("实名 我何雪提的", "何雪") == "实名"
    assert consent._without_name("署名吧 何雪老师写的", "何雪") == "署名吧"
    assert consent._without_name("匿名", "何雪") == "匿名"  # her name not in it: nothing made
    assert len([p for p in compiled if "何雪" in str(p)]) == 1
    assert all("实名" not in p.pattern for p in [namepatterns.name_said("何雪")])


# a signed suggestion still files signed, her name and group taken out, after many other teachers signed theirs
@pytest.mark.parametrize("staff_no, message, words", [
    ("1007", "建议给教师办公室配几把人体工学椅，署名，赵敏，数学组。", "人体工学椅"),
    ("1007", "建议每周五下午教研活动提前半小时结束，写我名字，数学组赵敏", "教研活动"),
    ("2007", "建议退休教师体检加一项听力检查。实名，赵淑芬，退休组", "听力检查"),
    ("2007", "建议重阳节组织退休教师游园，署我的名字，退休组的赵淑芬", "游园"),
])
def test_a_name_given_with_the_suggestion_after_many_teachers_files_it_signed(school, staff_no, message, words):
    for name in _names(600, 0x7000):
        consent.trailing_choice(f"建议食堂增加早餐窗口，署名，数学组{name}", _Member(name))
        consent.signed_by_self(f"{name}提的", _Member(name))
    signed_at_once(school, staff_no, message, words)  # (the chat and the stored row, as round 24 checks them)
