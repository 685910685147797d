"""Ticks and crosses written as words (issue 19): "拔河√ 乒乓√ 卡拉OK×" signs up for the ticked ones (one
confirmation for them all) and leaves the crossed ones; "读书会✓" asks for that one."""

from __future__ import annotations

import re

from bot.engine import Context
from handlers.activities import match_activities, visible_upcoming
from storage.activities import Activity

TICK = "√✓✔☑✅"
CROSS = "×✗✘❌╳"
MARKED = re.compile(rf"([^\s，,。.！!；;、{TICK}{CROSS}]+?)\s*([{TICK}{CROSS}])")


def ticked(ctx: Context) -> list[Activity]:
    """The activities ticked in a message made only of ticked and crossed names, each naming one open
    activity; [] for any other message."""
    pieces = MARKED.findall(ctx.norm)
    rest = MARKED.sub("", ctx.norm)
    if not pieces or re.search(r"[\u4e00-\u9fffa-z0-9]", rest):
        return []
    upcoming = visible_upcoming(ctx)
    chosen = []
    for name, mark in pieces:
        named = match_activities(name, upcoming)
        if len(named) != 1:
            return []
        if mark in TICK and named[0] not in chosen:
            chosen.append(named[0])
    return chosen
