"""One more activity added while a sign-up waits for its yes (issue 19): "对了 羽毛球也给咱报上一个",
"顺便把读书会也报上", "另外登山我也去" — both are meant, so the waiting one and the new one are confirmed
together (a swap, "不报拔河了 换成登山", still replaces: see mind.another_named)."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from handlers._common import yes_no
from handlers.activities import match_activities, visible_upcoming
from handlers.activities.declines import declines_here, puts_off_choice, takes_back_several
from handlers.activities.mind import (
    CHANGE_WORD,
    OTHER_ASK,
    PUT_OFF,
    REFUSED_CLAUSE,
    SUPPOSED,
    _clauses,
    names_another,
    only_this_named,
    same_day_named,
)
from handlers.activities.others import for_someone_else
from handlers.activities.party import parse_party
from handlers.activities.waiting import asked_about_other, proposes_one
from storage.activities import Activity

# the words that add rather than replace ("再说" / "再看看" put off, they add nothing; "无需再三征求意见", "再次确认": no more)
ALSO = re.compile(r"也|还有|再(?!说|看|想|考虑|议|三|次确认|度确认)|顺便|顺带|另外|加上|外加|以及|多报|一并|一块|^\s*\+\s*(?![0-9])|"
                  r"(?<![a-z])(also|too|plus)(?![a-z])|^(oh\s*)?和")  # "+乒乓", "oh and 读书会 also"
_QUESTION = re.compile(r"[?？吗呢么]|几点|什么时候|哪天|在哪|名额|多少")
# a place wished for on a condition the sign-up itself settles (full: the waiting list), no question: "若尚有名额，也劳驾
# 一并报上", "有位置的话也帮我加上"
IF_ROOM = re.compile(r"(?:若|如果|如|要是|假如|倘若|只要)(?:还|尚|仍)?有(?:名额|位置|空位|位子)(?:的话)?|"
                     r"(?:还|尚|仍)?有(?:名额|位置|空位|位子)的话")


def waiting_ids(ctx: Context) -> list[int]:
    """The activities the open confirmation is about (one, or several together)."""
    if "activity_ids" in ctx.data:
        return list(ctx.data["activity_ids"])
    return [ctx.data["activity_id"]] if "activity_id" in ctx.data else []


def added(ctx: Context, text: str) -> list[Activity]:
    """The activities the answer adds to those waiting, in the order she named them; [] when it adds
    none (a swap, a refusal, a question, a cancellation, a party of family with the first)."""
    waiting = waiting_ids(ctx)
    said = normalize(text)
    if not waiting or ctx.data.get("party", 1) != 1 or not ALSO.search(said) \
            or CHANGE_WORD.search(said) or OTHER_ASK.search(said) or _QUESTION.search(IF_ROOM.sub("", said)):
        return []
    if any(REFUSED_CLAUSE.search(c) for c in _clauses(text)):
        return []
    found: list[Activity] = []
    for clause in _clauses(text):
        for activity in match_activities(clause, ctx.store.activities.upcoming()):
            if activity.id not in waiting and activity not in found:
                found.append(activity)
    return found if len(found) == 1 else []  # two new ones named loosely: not guessed


def keeps_answer(ctx: Context, text: str) -> bool:
    """For the router: a message that adds one to the waiting confirmation answers it, though it reads as
    a new sign-up (as one naming another or changing its mind does: mind.names_another)."""
    said = normalize(text)  # … and so does a no only supposed ("要是下雨就不去了": asked again, not a withdrawal)
    waiting = ctx.store.activities.get(ctx.data["activity_id"]) if "activity_id" in ctx.data else None
    return declines_here(ctx, text) or takes_back_several(ctx, text) or puts_off_choice(ctx, text) or proposes_one(ctx, text) or names_another(ctx, text) or bool(added(ctx, text)) or asked_about_other(ctx, text) is not None or \
        for_someone_else(ctx, text) or bool(
        waiting_ids(ctx) and SUPPOSED.search(said) and PUT_OFF.search(said)) or bool(
        waiting is not None and (only_this_named(text, waiting) or same_day_named(ctx, text, waiting)  # "读书会" to
                                 or parse_party(text) is not None))  # "确认报名「教师读书会」吗？": its yes; "家里人不去": who comes


ASKS = re.compile(r"[?？吗么呢没]$|[?？]|几点|什么时候|哪天|在哪|名额|多少|还有没有|能不能")
BY_THE_WAY = re.compile(r"[哦噢啊诶]?对了")  # "对了 乒乓球是几点": by the way, no yes (attack12)


def asked_besides(ctx: Context, text: str) -> Activity | None:
    """A yes said first, then a question about another activity ("确认报名，另外我想问下登山还有名额没"): that
    activity, or None."""
    clauses = _clauses(text)
    if len(clauses) < 2 or yes_no(clauses[0]) is not True or BY_THE_WAY.fullmatch(clauses[0].strip()) \
            or "activity_id" not in ctx.data:
        return None
    rest = "，".join(clauses[1:])
    if not ASKS.search(rest) or OTHER_ASK.search(rest) or any(REFUSED_CLAUSE.search(c) for c in clauses[1:]):
        return None
    named = [a for a in match_activities(rest, visible_upcoming(ctx)) if a.id != ctx.data["activity_id"]]
    return named[0] if len(named) == 1 else None
