"""Something else left out, said beside the answer to "要署上您的名字吗？" ("实名吧，数学组赵敏，星座就不用写了"): no refusal of
her name (handlers/suggestions/consent.py reads the answer without it)."""

from __future__ import annotations

import re

from bot.nlu import normalize

# a clause that leaves out something else, not her name: "星座就不用写了", "前面那段就别提了", "年级也不用写" (a clause of its
# own, naming nothing of who she is: "名字就不用写了", "组别不用写", "我就不写了" still refuse)
_OTHER_LEFT_OUT = re.compile(r"(?P<thing>[\u4e00-\u9fffA-Za-z0-9]{1,8}?)(就|也|都|还是)?(不用|不必|别|不要|甭|免|无需|没必要)(再)?"
                             r"(写|提|说|加|带|放|列|附|写上|写进去|提了?)?(了|吧|啦|哈)*")
_WHO_WORDS = re.compile(r"名|姓|身份|我|本人|自己|实名|匿名|署|具|落款|签|工号|组|部门|科室|单位|职务|电话|手机|联系")


def without_other_refusals(text: str) -> str:
    """The answer without its clauses that only leave out something other than who she is ("实名吧，数学组赵敏，星座就
    不用写了" → "实名吧，数学组赵敏"): no doubt about a name; the whole answer when nothing else is left."""
    parts = re.split(r"([\s,，。.!！~；;]+)", text.strip())
    kept = "".join(p for p in parts if not ((m := _OTHER_LEFT_OUT.fullmatch(normalize(p).strip()))
                                            and not _WHO_WORDS.search(m["thing"])))
    return kept.strip(" ,，。.!！~；;") or text
