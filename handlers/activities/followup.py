"""A question about the activity under discussion that does not name it again (issue 19): "秋季登山要交钱
吗" … "中午管饭吗 还是要自己带干粮", "几点开始哦", "要交钱伐". The activity the last answer named
(activities.shown_before) is the one meant: the question is answered from its record, and it stays the one
under discussion, so "行 那我报一个" next signs up for it."""

from __future__ import annotations

import functools
import re

from bot.answers import says_confirmed
from bot.engine import Context
from bot.nlu import normalize, words_version
from bot.registry import registry
from handlers.activities import (
    SHOWN,
    activity_query,
    match_activities,
    remember_shown,
    shown_before,
    visible_upcoming,
)
from handlers.activities.askedback import _KEPT, _answer, _asks
from handlers.activities.notices import short
from handlers.activities.party import ASKS_COMPANIONS
from handlers.activities.period import time_window
from handlers.activities.pointed import ORDINAL
from handlers.activities.reread import SIGN_ASK

# what makes it another matter, or a question about activities in general ("还有别的活动吗")
ELSEWHERE = re.compile(r"体检|建议|提案|意见|投票|测评|绑定|工号|推送|祝福|请假|报销|工资|开会|会议|疗养|疗休养|慰问|住院|"
                       r"去世|结婚|别的|其他|其它|有什么活动|有啥活动|哪些|哪几个|报了|取消|退|不去|不报|去不了|我的报名")


# someone else leaving, asked about in a question on the waitlist ("有人退出会不会自动补上"): not her withdrawal
OTHERS_LEAVE = re.compile(r"(有人|别人|其他人|其他老师|人家|前面的人?)(临时)?(退出|退了|退|取消|不去|放弃)")


def _topics(ctx: Context) -> list[str]:
    return list(topics_of(ctx.text, words_version()))


@functools.lru_cache(maxsize=4096)  # read by the follow-up's claims on every message that answers nothing open (issue 23,
def topics_of(text: str, _words: int) -> tuple[str, ...]:  # round 19); the words' version: normalize's (bot/nlu.py)
    """What a message asks about an activity (handlers/activities/askedback.py TOPICS), each clause's topics in order:
    the text's alone."""
    norm = normalize(text)
    pieces = [p for p in _KEPT.split(norm) if p and p.strip()]
    # (what follows a withdrawal may be asked in a clause of its own: "读书会要是报了又去不了，要紧吗")
    whole = [t for t in _asks(re.sub(r"[，,\s]+", "", norm)) if t == "cancel"]
    return tuple(dict.fromkeys([t for p in pieces for t in _asks(p)] + whole))


def _the_one(ctx: Context):
    """The one activity just talked about, when the message asks of it without naming another."""
    if ctx.member is None or ELSEWHERE.search(OTHERS_LEAVE.sub("", ctx.norm)) or ASKS_COMPANIONS.search(ctx.norm) \
            or ORDINAL.search(ctx.norm):
        return None
    shown = shown_before(ctx)
    if len(shown) != 1 or time_window(ctx.norm, ctx.clock.today()) or match_activities(ctx.text, visible_upcoming(ctx)):
        return None
    return shown[0]


def asks_about_shown(ctx: Context, topics=None) -> bool:
    """`topics`: the message's topics, read once by the caller (a function, called only when needed)."""
    return ctx.member is not None and len(ctx.norm) <= 30 and _named_before(ctx) \
        and bool((topics or (lambda: _topics(ctx)))()) and _the_one(ctx) is not None \
        and not says_confirmed(ctx.text)  # ("人满了？那又如何。…确认报名！": answered herself, and confirmed: a sign-up)


def _named_before(ctx: Context) -> bool:
    """Did the last answer name activities? (Without that note nothing is "the one just talked about":
    asked before the message's topics are read, which cost more.)"""
    conv = ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id)
    return conv is not None and conv.flow == SHOWN and bool(conv.data.get("ids"))


def about_shown(ctx: Context) -> str | None:
    """The answer to a question about the one activity just talked about, or None when the message
    names activities, a period, family, a place in a list or another matter, or asks nothing of it."""
    topics = _topics(ctx)
    activity = _the_one(ctx) if topics else None
    if activity is None:
        return None
    return _answered(ctx, activity, topics)


RULE_TOPICS = {"cancel", "waitlist"}


def _named_for_rules(ctx: Context, topics=None):
    """The one activity a question about the rules names ("登山报了临时去不了会怎么样？扣不扣分"), or None."""
    if ctx.member is None or len(ctx.norm) > 40 or SIGN_ASK.search(ctx.norm) or \
            not RULE_TOPICS & set((topics or (lambda: _topics(ctx)))()):
        return None  # ("有就狠狠报上，没有就排候补": a sign-up that says what to do when full)
    named = match_activities(ctx.text, visible_upcoming(ctx))
    return named[0] if len(named) == 1 else None


def asks_rules_of_named(ctx: Context, topics=None) -> bool:
    """A question about what follows a withdrawal or how the waitlist works, naming one activity: a
    question, never the withdrawal itself, and what she says next ("那行，报吧") is about that activity."""
    return _named_for_rules(ctx, topics) is not None


def asks_of_one(ctx: Context) -> bool:
    """The feature's claim: a question about the activity just shown, or about the rules of one it names
    (the message's topics read at most once for both)."""
    read: list = []

    def topics() -> list[str]:
        if not read:
            read.append(_topics(ctx))
        return read[0]

    return asks_about_shown(ctx, topics) or asks_rules_of_named(ctx, topics)


def _answered(ctx: Context, activity, topics: list[str]) -> str:
    said = " ".join(dict.fromkeys(_answer(ctx, activity, t) for t in topics))
    remember_shown(ctx, (activity.id,))  # still the one under discussion: "行 那我报一个" next
    mine = ctx.store.signups.get(activity.id, ctx.member.id)
    if mine and mine["status"] in ("confirmed", "waitlisted"):  # she is on it: what to send if she cannot come
        return f"「{activity.title}」{said}\n您已报名，需要取消的话回复“取消报名{short(activity)}”。"
    return f"「{activity.title}」{said}\n想参加请回复“报名”，为您报上「{activity.title}」。"


@registry.intent("followup_question", claims=asks_of_one)
def followup_question(ctx: Context):
    named = _named_for_rules(ctx)
    if named is not None:
        return _answered(ctx, named, _topics(ctx))
    return about_shown(ctx) or activity_query(ctx)
