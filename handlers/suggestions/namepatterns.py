"""The patterns of the suggestion's consent that hold a teacher's own name ("张伟提的", "数学组张伟"), compiled once
per name and kept, keyed by the name alone: nothing she wrote is kept beside it (attack review 12).

Handed to `re` as strings they were compiled again on every use once a school's names had filled re's own cache of
512 patterns (three or four a teacher, oldest dropped first), and the CJK range of a group's name costs ~0.7 ms a
compile: ~10% of the bench's mix went to compiling them (issue 23, perf23)."""

from __future__ import annotations

import functools
import re

NAMES_KEPT = 4096

# a clause that only signs it, after the choice: her group ("退休组", "数学组的"), her own name, or both ("数学组赵敏")
GROUP_SIGNED = r"[\u4e00-\u9fff]{1,6}?组(?:的)?(?:老师|组长)?"
GROUP_SIGNED_RE = re.compile(GROUP_SIGNED)


@functools.lru_cache(maxsize=NAMES_KEPT)
def signed_as(name: str) -> tuple[re.Pattern, ...]:
    """The clauses that sign as `name`: her name ("我是张伟"), her group then her name, her name then her group."""
    said = re.escape(name) + r"(?:老师)?"
    return tuple(re.compile(f) for f in (f"(?:我是)?{said}", f"{GROUP_SIGNED}{said}", f"{said}{GROUP_SIGNED}"))


@functools.lru_cache(maxsize=NAMES_KEPT)
def self_signed(name: str) -> re.Pattern:
    """Her own name put to the suggestion as its author ("张伟提的", "我张伟写的", "落款张伟")."""
    return re.compile(rf"(就|那就)?(是|我|本人|我是)?(落款|签名|署名)?[:：]?{re.escape(name)}(老师)?"
                      r"(提的|写的|提出的|反映的|提交的|署名|落款)(吧|哈|啊|呀|了)*")


@functools.lru_cache(maxsize=NAMES_KEPT)
def name_said(name: str) -> re.Pattern:
    """Her own name said in an answer, with what signs it ("我张伟提的", "韩冬老师写的")."""
    return re.compile(rf"(我|本人|是)?{re.escape(name)}(老师)?(提的|写的|署的|说的)?")
