"""The first message of a conversation that only leads in ("跟工会说一声", "有个事想麻烦一下", "特此向工会报告一事"):
the bot says it is listening, and the next message is read on its own (no help menu, no "您是想…？" that the news
would then be taken as the answer to). And a request after a lead-in in the same message ("hi 我是新来的数学老师
想报数学组趣味运动会"): read past the lead-in when the whole reads as a greeting or as nothing."""

from __future__ import annotations

import re

from bot.nlu import normalize
from bot.relay import TYPIST

LISTENING = "好的，您请说。"
_HELLO = r"(?:你好|您好|老师好|在吗|在不在|在么|在不|hi|hello|哈喽|小助手|工会|麻烦一下|麻烦了|打扰一下|打扰了|不好意思)"
LEAD_ONLY = re.compile(
    r"^(?:" + _HELLO + r"[，,。.!！~～\s]*)*(?:特此|现|我|额|俺|咱)*(?:有|想|要|得|需要)*(?:个|一个|一件|件|点|几个)?"
    r"(?:事儿?|事情|情况|问题)?(?:想|要|得|需要)?(?:跟|和|向|给|同|找)?(?:工会|你|您|你们|组织|领导)?"
    r"(?:说|讲|报告|汇报|反映|报备|通报|知会|告知|说明|讲讲|说说|报个信|报|问问?|麻烦|打扰)?"
    r"(?:一声|一下|个事儿?|一件事|一事|件事|个情况|下情况|一个情况|个信|你|您)?儿?(?:哈|啊|呀|哦|嘛|吧|呢)?[。.!！~～，,\s]*$")
ANNOUNCED = re.compile(r"事|情况|说一声|讲一声|报备|报告|汇报|通报|知会|告知|麻烦|打扰|问题")
LEAD_PIECE = re.compile(r"(?<=[，,。！!？?\s])(?=\S)")


def leads_in(text: str) -> bool:
    """Only a lead-in: something is coming, nothing said yet."""
    norm = normalize(text).strip()
    if TYPIST.search(norm) and LEAD_ONLY.match(TYPIST.sub(" ", norm).strip()):  # "你好 我是替我姥姥发的": she speaks next
        return True
    return bool(norm) and len(norm) <= 24 and ANNOUNCED.search(norm) is not None and LEAD_ONLY.match(norm) is not None


def past_lead_in(text: str) -> list[str]:
    """The message without one, two, … of its leading clauses ("hi 我是新来的数学老师 想报…" → "我是新来的数学老师
    想报…", "想报…"), longest first."""
    pieces = [p for p in LEAD_PIECE.split(text.strip()) if p.strip()]
    return ["".join(pieces[i:]).strip() for i in range(1, min(len(pieces), 4))]
