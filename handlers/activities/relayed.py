"""A sign-up relayed for a family member who owns the account (issue 19): a grandchild types for a retired
teacher — "我姥爷说报登山", "她说报上面那个 登山她爬不动了" — and then relays the yes: "他说确认", "她说给她报上".
Someone else's yes is not the teacher's own (attack10: "他说报上" at her own confirmation is asked again), but
where the request itself was relayed, the relayed yes is the account holder's answer like the request was."""

from __future__ import annotations

import re

from bot.nlu import normalize
from bot.relay import RELATIVE

__all__ = ["RELATIVE", "answer_of", "relayed"]
REQUEST_RELAYED = re.compile(rf"(我的?({RELATIVE})|^(他|她))[^，,。\s]{{0,3}}(说|让|问|叫|想|要)|替我的?({RELATIVE})")
ANSWER_RELAYED = re.compile(rf"^(我的?({RELATIVE})|他|她|老人家)(说|讲)(了)?[:：,，\s]*")


def relayed(text: str) -> bool:
    """Was the sign-up asked for on someone's behalf, in their words ("我奶奶说…", "她说报…")?"""
    return bool(REQUEST_RELAYED.search(normalize(text)))


def answer_of(text: str) -> str:
    """The relayed answer without its "她说": "她说确认" → "确认" (the text as it was otherwise)."""
    norm = normalize(text)
    found = ANSWER_RELAYED.match(norm)
    return norm[found.end():] if found and norm[found.end():].strip() else text
