"""The readings of the suggestion's consent that hold the teacher's own name ("张伟提的", "数学组张伟"), without
compiling a pattern made of her name at each message.

They were patterns built from her name and handed to `re` as strings: each teacher's suggestion compiled three or
four (re's own cache of 512 holds few of a school's names), and a group's CJK range costs ~1 ms a compile: ~10% of
the bench's mix went to compiling them (issue 23, perf23). Her name is a literal, so "a pattern, her name, a
pattern" matches a text exactly when the text splits at an occurrence of her name into two parts that the fixed
patterns match: the fixed patterns are compiled once, and nothing of her name or her text is kept."""

from __future__ import annotations

import functools
import re

# a clause that only signs it, after the choice: her group ("退休组", "数学组的"), her own name, or both ("数学组赵敏")
GROUP_SIGNED = r"[\u4e00-\u9fff]{1,6}?组(?:的)?(?:老师|组长)?"
_GROUP_SIGNED_RE = re.compile(GROUP_SIGNED)
# her own name put to the suggestion as its author: before and after the name ("落款：张伟老师提的吧")
_BEFORE_AUTHOR = re.compile(r"(就|那就)?(是|我|本人|我是)?(落款|签名|署名)?[:：]?")
_AFTER_AUTHOR = re.compile(r"(老师)?(提的|写的|提出的|反映的|提交的|署名|落款)(吧|哈|啊|呀|了)*")
# or the label of a form's field that names its author, then her group: "建议人：英语组周婷", "提议人：周婷老师"
_LABELLED_AUTHOR = re.compile(r"(建议人|提议人|提案人|反映人|意见人)[:：]?(" + GROUP_SIGNED + r")?")
_AFTER_LABELLED = re.compile(r"(老师)?(吧|哈|啊|呀|了)*")
# (a group is named, no choice said: "建议人：匿名吧，英语组周婷", "建议人：不写，我是英语组周婷" ask no name: attack review 25)
_CHOICE_IN_GROUP = re.compile(r"匿|名|密|隐|不|别|莫|勿|甭|免|无|没|写|署|签|填|留|吧|是|我|要|请|就|啊|呀|了")


def group_only(c: str) -> bool:
    return _GROUP_SIGNED_RE.fullmatch(c) is not None


def signs_as(c: str, name: str) -> bool:
    """Whether `c` (no spaces) only signs as `name`: "(我是)?名(老师)?", her group then that, or that then her group
    (as the patterns `(?:我是)?名(?:老师)?`, `组名(?:老师)?`, `名(?:老师)?组` read it, fully)."""
    for said in (name, name + "老师"):
        if c == said or c == "我是" + said:
            return True
        if c.endswith(said) and _GROUP_SIGNED_RE.fullmatch(c[:len(c) - len(said)]):
            return True
        if c.startswith(said) and _GROUP_SIGNED_RE.fullmatch(c[len(said):]):
            return True
    return False


def authored_by(t: str, name: str) -> bool:
    """Whether `t` (no spaces or marks) is only `name` put to it as its author ("张伟提的", "我张伟写的", "落款张伟",
    "建议人：英语组张伟"), at any occurrence of her name (as one pattern with her name between the two read it, fully)."""
    at = t.find(name)
    while at >= 0:
        before, after = t[:at], t[at + len(name):]
        if _BEFORE_AUTHOR.fullmatch(before) and _AFTER_AUTHOR.fullmatch(after):
            return True
        labelled = _LABELLED_AUTHOR.fullmatch(before)
        if labelled and _AFTER_LABELLED.fullmatch(after) and not _CHOICE_IN_GROUP.search(labelled[2] or ""):
            return True
        at = t.find(name, at + 1)
    return False


@functools.lru_cache(maxsize=4096)
def name_said(name: str) -> re.Pattern:
    """Her own name said in an answer, with what signs it ("我张伟提的", "韩冬老师写的"): compiled once per name
    (keyed by the name alone, no text; read only when her name is in the answer)."""
    return re.compile(rf"(我|本人|是)?{re.escape(name)}(老师)?(提的|写的|署的|说的)?")
