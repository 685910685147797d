"""Several activities named in one sign-up ("拔河和登山都给我报上", "9/17登山、10/1重阳座谈会，两个都报",
"🏓和🎤都给我报上"): each piece of the list names one activity, and the teacher says she wants them all."""

from __future__ import annotations

import re

from bot.nlu import normalize
from handlers.activities import (  # noqa: F401 (several_named: where sign-ups look for it)
    ALL_RE,
    match_activities,
    several_named,
    shown_before,
    visible_upcoming,
)


def all_shown(ctx, text: str) -> list:
    """"那两个都帮我报上" after a question that named several: every one of them still open, when the
    message names none itself; else []."""
    open_ids = {a.id for a in visible_upcoming(ctx)}
    shown = [a for a in shown_before(ctx) if a.id in open_ids]
    if len(shown) == 1 and re.search(r"俩|两个|两项", normalize(text)):  # "卡拉OK" … "拔河" … "这俩都要"
        shown = [a for a in shown_before(ctx, earlier=True) if a.id in open_ids][-1:] + shown
    asking = [c for c in re.split(r"[，,。.！!；;\s]+", normalize(text)) if c and wants_all(c, len(shown))]
    if len(shown) < 2 or not asking or any(match_activities(c, shown) for c in asking):
        return []  # ("两个都报，登山就我一个": a word about one of them, said besides)
    return shown


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
