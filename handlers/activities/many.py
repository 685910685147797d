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
    if len(shown) < 2 or not wants_all(text, len(shown)) or match_activities(text, shown):
        return []
    return shown


def wants_all(text: str, count: int | None = None) -> bool:
    """"两个都报", "都要", "全部": the answer that takes every item of a short list (`count` items: "两个"
    takes a list of two; "都要" one of up to three)."""
    norm = normalize(text)
    if not ALL_RE.search(norm):
        return False
    said = 2 if re.search(r"两个|俩", norm) else 3 if "三个" in norm else None
    return count is None or count == said or (said is None and count <= 3)
