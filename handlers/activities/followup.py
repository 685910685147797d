"""A question about the activity under discussion that does not name it again (issue 19): "秋季登山要交钱
吗" … "中午管饭吗 还是要自己带干粮", "几点开始哦", "要交钱伐". The activity the last answer named
(activities.shown_before) is the one meant: the question is answered from its record, and it stays the one
under discussion, so "行 那我报一个" next signs up for it."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from bot.registry import registry
from handlers.activities import (
    activity_query,
    match_activities,
    remember_shown,
    shown_before,
    visible_upcoming,
)
from handlers.activities.askedback import _KEPT, _answer, _asks
from handlers.activities.party import ASKS_COMPANIONS
from handlers.activities.period import time_window
from handlers.activities.pointed import ORDINAL

# what makes it another matter, or a question about activities in general ("还有别的活动吗")
ELSEWHERE = re.compile(r"体检|建议|提案|意见|投票|测评|绑定|工号|推送|祝福|请假|报销|工资|开会|会议|疗养|疗休养|慰问|住院|"
                       r"去世|结婚|别的|其他|其它|有什么活动|有啥活动|哪些|哪几个|报了|取消|退|不去|不报|去不了|我的报名")


def _topics(ctx: Context) -> list[str]:
    pieces = [p for p in _KEPT.split(normalize(ctx.text)) if p and p.strip()]
    return list(dict.fromkeys(t for p in pieces for t in _asks(p)))


def _the_one(ctx: Context):
    """The one activity just talked about, when the message asks of it without naming another."""
    if ctx.member is None or ELSEWHERE.search(ctx.norm) or ASKS_COMPANIONS.search(ctx.norm) or ORDINAL.search(ctx.norm):
        return None
    shown = shown_before(ctx)
    if len(shown) != 1 or time_window(ctx.norm, ctx.clock.today()) or match_activities(ctx.text, visible_upcoming(ctx)):
        return None
    return shown[0]


def asks_about_shown(ctx: Context) -> bool:
    return ctx.member is not None and len(ctx.norm) <= 30 and bool(_topics(ctx)) and _the_one(ctx) is not None


def about_shown(ctx: Context) -> str | None:
    """The answer to a question about the one activity just talked about, or None when the message
    names activities, a period, family, a place in a list or another matter, or asks nothing of it."""
    topics = _topics(ctx)
    activity = _the_one(ctx) if topics else None
    if activity is None:
        return None
    said = " ".join(dict.fromkeys(_answer(ctx, activity, t) for t in topics))
    remember_shown(ctx, (activity.id,))  # still the one under discussion: "行 那我报一个" next
    return f"「{activity.title}」{said}\n想参加请回复“报名”，为您报上「{activity.title}」。"


@registry.intent("followup_question", claims=asks_about_shown)
def followup_question(ctx: Context):
    return about_shown(ctx) or activity_query(ctx)
