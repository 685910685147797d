"""Changes of mind inside one sign-up (issue 19): the activity said no to in the same message is not
the one meant ("行，登山给我报上，卡拉OK就算了"), another activity named while a confirmation waits
replaces it ("啊不对，是卡拉OK，不是乒乓球"), and a yes said next to the activity's name still is a yes
("嗯 卡拉OK 确认")."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from handlers._common import is_yes
from handlers.activities import match_activities
from storage.activities import Activity

# a clause saying no to an activity: "拔河就算了", "不是乒乓球", "登山唔去喇" (唔 → 不)
REFUSED_CLAUSE = re.compile(r"不是|不去|不报|不要|不参加|不想|算了|不用|不了|别报|放弃")
_CLAUSES = re.compile(r"[，,。.！!？?；;\s~～…]+")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(normalize(text)) if c]


def wanted_text(text: str) -> str:
    """The message without its clauses that say no to something ("行，登山给我报上，卡拉OK就算了" →
    "行，登山给我报上"); the whole message when every clause does."""
    kept = [c for c in _clauses(text) if not REFUSED_CLAUSE.search(c)]
    return "，".join(kept) if kept else text


# another request about the activity named, not a change of mind: "帮我把读书会退了", "登山还有名额吗"
# ("改做卡拉OK得唔得？" asks to change: a question with a change word still is one)
OTHER_ASK = re.compile(r"取消|退(了|掉|出|报)|撤")
OTHER_QUESTION = re.compile(r"[?？吗呢]|几点|什么时候|哪天|哪里|在哪|名额|多少")
CHANGE_WORD = re.compile(r"改|换|不是|搞错|弄错|不对|说错")


def another_named(ctx: Context, text: str) -> Activity | None:
    """Another activity named while the confirmation of ctx.data["activity_id"] waits, or None."""
    said = normalize(text)
    if "activity_id" not in ctx.data or OTHER_ASK.search(said) or (
            OTHER_QUESTION.search(said) and not CHANGE_WORD.search(said)):
        return None
    kept = [c for c in _clauses(text) if not REFUSED_CLAUSE.search(c) and not (len(c) <= 4 and is_yes(c))]
    if not kept:  # "OK" is a yes, not 卡拉OK
        return None
    named = match_activities("，".join(kept), ctx.store.activities.upcoming())
    if len(named) == 1 and named[0].id != ctx.data["activity_id"]:
        return named[0]
    return None


def names_another(ctx: Context, text: str) -> bool:
    """For the router: such a message answers the confirmation, even when it reads as a new request."""
    return another_named(ctx, text) is not None


def names_other_than(text: str, activity_id: int, activities: list[Activity]) -> bool:
    """Does the message name an activity besides this one ("读书会我还去的" after 登山 was cancelled)?"""
    others = [a for a in activities if a.id != activity_id]
    return any(match_activities(c, others) for c in _clauses(text))


def yes_about_it(text: str, activity: Activity) -> bool:
    """"嗯 卡拉OK 确认": a yes once the clauses naming the activity itself are left aside."""
    clauses = _clauses(text)
    rest = [c for c in clauses if not match_activities(c, [activity])]
    return bool(rest) and len(rest) < len(clauses) and is_yes("，".join(rest))
