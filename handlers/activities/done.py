"""A confirmation sent after the sign-up it confirms was done (left27): "确认！裁判鸣哨，报名有效，全场沸腾" once "报名成功"
was said. She is told she is signed up for it, never "没有找到您说的活动" with the list to pick from again. A bare yes
("确认", "对，两个都确认") is answered as before (handlers/help.py: nothing waits for one); a confirmation naming
another activity ("确认报名乒乓球") is a sign-up of its own."""

from __future__ import annotations

import datetime as dt
import re

from bot.answers import says_confirmed, yes_no
from bot.engine import Context
from bot.registry import registry
from bot.several import suggested
from handlers.activities import match_activities, shown_before
from handlers.activities.notices import short

SINCE = dt.timedelta(minutes=30)  # a late confirmation comes within minutes of the sign-up it confirms
# her confirmation in so many words ("我要报名" is a new request, never a late yes)
CONFIRMED = re.compile(r"确认|确定")
# a word of the sign-up itself beside the yes: "报名有效", "就这么定了", "没问题，报上"
OF_THE_SIGNUP = re.compile(r"报名|有效|报上|定了|没问题|算数|作数")
# … and no withdrawal in it: "作者确认：撤回乒乓球友谊赛报名。" (tuned38 zl28)
NOT_A_YES = re.compile(r"[?？吗]|(?<![这那怎什])么|取消|退|撤|删|划掉|去掉|不去|不报|不参加|不要|别|无法|不能|没法|不了")
DONE = "您已经报名了「{title}」，不用再确认。\n如需取消，回复“取消报名{short}”。"
DONE_WAITING = "您已在「{title}」的候补名单中，目前排第 {n} 位，不用再确认。有人取消时会按顺序递补，并通知您。"


def _just_signed(ctx: Context):
    activity_id = ctx.store.signups.recently_signed(ctx.member.id, ctx.clock.now() - SINCE)
    return ctx.store.activities.get(activity_id) if activity_id is not None else None


def confirms_done(ctx: Context) -> bool:
    """A confirmation, with nothing open, of the sign-up she made minutes ago (no other activity named)."""
    if ctx.member is None or not CONFIRMED.search(ctx.norm) or not OF_THE_SIGNUP.search(ctx.norm) \
            or NOT_A_YES.search(ctx.norm) \
            or suggested(ctx.msg.text) or not (says_confirmed(ctx.text) or yes_no(ctx.text) is True) \
            or ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id) is not None:
        return False
    activity = _just_signed(ctx)
    if activity is None:
        return False
    named = match_activities(ctx.msg.text, ctx.store.activities.upcoming()) + shown_before(ctx)  # (one shown since:
    return all(a.id == activity.id for a in named)  # "确认报名！" is for it, handlers/activities/focus.py)


@registry.intent("signed_already", claims=confirms_done)
def signed_already(ctx: Context) -> str:
    activity = _just_signed(ctx)
    row = ctx.store.signups.get(activity.id, ctx.member.id)
    if row is not None and row["status"] == "waitlisted":
        return DONE_WAITING.format(title=activity.title, n=ctx.store.signups.waitlist_position(activity.id, ctx.member.id))
    return DONE.format(title=activity.title, short=short(activity))
