"""Several activities named in one sign-up ("拔河和登山都给我报上", "9/17登山、10/1重阳座谈会，两个都报",
"🏓和🎤都给我报上"): each piece of the list names one activity, and the teacher says she wants them all."""

from __future__ import annotations

import re

from bot.nlu import normalize
from handlers.activities import match_activities

ALL_RE = re.compile(r"都|两个|俩|三个|全部|全都|一起报|各报|各一个")
LIST_RE = re.compile(r"、|和|及|以及|与|还有|\+")  # a list joined in words: "报名：教职工拔河比赛、秋季登山活动"
PIECES_RE = re.compile(r"和|、|跟|与|及|以及|还有|，|,|;|；|\s+|/(?![0-9])")


def several_named(text: str, activities: list) -> list:
    """The activities the message names one per piece, when it asks for them all or lists them; else []."""
    norm = normalize(text)
    every = ALL_RE.search(norm)
    if not every and not LIST_RE.search(norm):
        return []
    found = []
    for piece in (PIECES_RE if every else LIST_RE).split(norm):
        named = match_activities(piece, activities) if len(piece) >= 2 else []
        if len(named) == 1 and named[0] not in found:
            found.append(named[0])
    return found if len(found) > 1 else []


def wants_all(text: str, count: int | None = None) -> bool:
    """"两个都报", "都要", "全部": the answer that takes every item of a short list (`count` items: "两个"
    takes a list of two; "都要" one of up to three)."""
    norm = normalize(text)
    if not ALL_RE.search(norm):
        return False
    said = 2 if re.search(r"两个|俩", norm) else 3 if "三个" in norm else None
    return count is None or count == said or (said is None and count <= 3)
