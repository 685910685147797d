"""Several activities named in one sign-up ("拔河和登山都给我报上", "9/17登山、10/1重阳座谈会，两个都报",
"🏓和🎤都给我报上"): each piece of the list names one activity, and the teacher says she wants them all."""

from __future__ import annotations

import re

from bot.nlu import normalize
from handlers.activities import match_activities

ALL_RE = re.compile(r"都|两个|俩|三个|三项|两项|全部|全都|一起报|各报|各一个|以上")
# a list joined in words, or one a line: "报名：教职工拔河比赛、秋季登山活动", "想报名以下活动：\n1. …\n2. …"
LIST_RE = re.compile(r"、|和|及|以及|与|还有|\+|\n|(?<![0-9])[1-9][.．)）](?![0-9])")
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
    said = 2 if re.search(r"两个|两项|俩", norm) else 3 if re.search(r"三个|三项", norm) else None
    return count is None or count == said or (said is None and count <= 3)


# "那给我报一个，登山我也想去" right after 插花沙龙 was shown: that one, and 登山 too
ALSO_RE = re.compile(r"也|还有|另外|再|顺便")
POINTING = re.compile(r"报(一个|个|上|名)|报吧|算我|这个|那个")


def with_shown(text: str, named: list, shown: list) -> list:
    """The activity just shown and the one named, when the message signs up for the first without naming it
    ("那给我报一个") and adds the other with 也/还有; else []."""
    if len(named) != 1 or len(shown) != 1 or named[0].id == shown[0].id or not ALSO_RE.search(normalize(text)):
        return []
    pieces = [p for p in re.split(r"[，,。.！!；;\s]+", normalize(text)) if p]
    pointing = [p for p in pieces if POINTING.search(p) and not match_activities(p, named + shown)]
    return [shown[0], named[0]] if pointing else []
