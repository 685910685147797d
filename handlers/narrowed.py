"""A sign-up that says no to another activity beside it (issue 19): "帮我报读书会吧，登山就不报了", "对 确认报
读书会 登山不报". When she has no sign-up for the one said no to, nothing is withdrawn: the no only narrows
the sign-up to the one she wants (a sign-up she has is left to the cancellation, handlers/activities/mind.py).
"确认报…" for the one just shown to her signs her up at once."""

from __future__ import annotations

import re

from bot.engine import Context, Done
from bot.registry import registry
from handlers.activities import match_activities, shown_before, visible_upcoming
from handlers.activities.likeness import by_likeness
from handlers.activities.mind import REFUSED_CLAUSE, _clauses
from handlers.activities.outcome import SAID_SURE, UNSURE, party_in, sign_up
from handlers.signup import signup

SIGNS = re.compile(r"报|参加|算我|我(也)?去")
ASKS = re.compile(r"[?？吗呢么]|几点|什么时候|哪天|在哪|多少|取消|退|撤")


def _wanted(ctx: Context):
    """(the one activity wanted, the kept words) when the message signs up for one and says no to others
    she has not signed up for; None otherwise."""
    if ctx.member is None or not REFUSED_CLAUSE.search(ctx.norm) or not SIGNS.search(ctx.norm):
        return None
    clauses = _clauses(ctx.msg.text)
    kept = [c for c in clauses if not REFUSED_CLAUSE.search(c)]
    refused = [c for c in clauses if REFUSED_CLAUSE.search(c)]
    said = "，".join(kept)
    if not kept or not refused or ASKS.search(said) or not SIGNS.search(said):
        return None
    upcoming = visible_upcoming(ctx)
    wanted = match_activities(said, upcoming)
    declined = match_activities("，".join(refused), upcoming)
    if len(wanted) != 1 or not declined or wanted[0] in declined:
        return None
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    if any(a.id in mine for a in declined):
        return None
    return wanted[0], said


def narrows_signup(ctx: Context) -> bool:
    return _wanted(ctx) is not None


@registry.intent("narrowed_signup", claims=narrows_signup)
def narrowed_signup(ctx: Context):
    found = _wanted(ctx)
    if found is None:
        return signup(ctx)
    activity, said = found
    if SAID_SURE.search(said) and not UNSURE.search(said) and activity.id in {a.id for a in shown_before(ctx)} \
            and (party_in(said, activity) or 1) == 1:  # "对 确认报读书会" to the listing just shown
        return Done(sign_up(ctx, activity)[1])
    return signup(ctx)


# asking to be signed up in so many words ("我想参加", "帮我报上"; "我想试试" is left to the question, which shows it first)
WISH = re.compile(r"(帮|给)我(也)?报|报(个|一个|上)|我(也)?(要|想)(报|参加|去)|算我|加我")


def signs_by_likeness(ctx: Context) -> bool:
    """"最晚的那个活动我想参加", "晚上那个活动给我报个名": a sign-up for the activity told by what it is like
    (handlers/activities/likeness.py), not the question its description alone would make it."""
    if ctx.member is None or not WISH.search(ctx.norm) or ASKS.search(ctx.norm) or REFUSED_CLAUSE.search(ctx.norm):
        return False
    return bool(by_likeness(ctx.norm, visible_upcoming(ctx)))


@registry.intent("likeness_signup", claims=signs_by_likeness)
def likeness_signup(ctx: Context):
    return signup(ctx)
