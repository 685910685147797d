"""A sign-up written as a field of a document (issue 19): a résumé's "求职意向：乒乓球友谊赛（9.13）、教职工拔河比赛（9.10）",
a form's "报名项目：…", "心愿：…" — whatever else the document says (her name, her 工号 in passing, what she is good at),
the activities the field names are the ones she asks for."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from handlers.activities import match_activities, several_named, visible_upcoming

# the field that says what she wants: "求职意向：", "意向岗位:", "报名项目：", "心愿：", "想参加的活动："
WISH_FIELD = re.compile(r"^[^\n:：]{0,6}(?:意向|志愿|心愿|愿望|报名项目|参加项目|报名活动|想参加的?(?:活动|项目)?)"
                        r"[^\n:：]{0,4}[:：]\s*([^\n]+)$", re.MULTILINE)
REFUSED = re.compile(r"[不别没甭无]|取消|退")


def wished_for(ctx: Context) -> list:
    """The open activities a wish field of her message names (one or several); [] when it has none."""
    fields = [m.group(1) for m in WISH_FIELD.finditer(normalize(ctx.msg.text))] if ctx.member is not None else []
    upcoming = visible_upcoming(ctx) if fields else []
    for said in fields:
        if REFUSED.search(said):
            continue
        named = several_named(said.replace(",", "、"), upcoming) or match_activities(said, upcoming)
        if named:
            return named
    return []


def signs_by_field(ctx: Context) -> bool:
    """For the router: a document with a wish field naming activities is a sign-up, not the 工号 it mentions."""
    return "\n" in ctx.msg.text.strip() and bool(wished_for(ctx))


def wished(ctx: Context) -> tuple[list, list] | None:
    """(the activities a wish field names, none refused), as a form's choices are read; None when it names none."""
    named = wished_for(ctx)
    return (named, []) if named else None
