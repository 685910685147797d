"""A no said of every activity just listed ("两个都不报了，前面那个太早", "都算了", "俩都先放放" after "乒乓球跟登山都还有
名额吗" was answered): none is signed up, and she is told so. A place said beside it ("前面那个太早") is her reason,
never a pick; the classifier, reading the reason, may take it for a complaint, so the feature claims it first.
One she has signed up for among them makes "都不去了" a withdrawal: left to cancel_signup."""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done
from bot.registry import registry
from handlers.activities import match_activities, shown_before, visible_upcoming
from handlers.activities.declines import NONE_CHOSEN
from handlers.activities.many import all_answer
from handlers.activities.mind import DECLINED_NOTE

NONE_TAKEN = "好的，这 {n} 个活动都先不报。以后想参加，回复“报名 + 活动名”即可。"
# a withdrawal or a suggestion said in words: never this no
OTHER_WORDS = re.compile(r"取消|退(了|掉|出|报)|撤|建议|意见|投诉|反映|[?？吗]")


def declines_shown(ctx: Context) -> bool:
    """For the router: a no to all of the two or more activities the last answer listed, none of them hers yet,
    naming no other activity."""
    if ctx.member is None or OTHER_WORDS.search(ctx.norm) or all_answer(ctx.text) is not False:
        return False
    shown = shown_before(ctx)
    if len(shown) < 2:
        return False
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    named = match_activities(ctx.text, visible_upcoming(ctx))
    return not any(a.id in mine for a in shown) and all(a in shown for a in named)


@registry.intent("decline_shown", claims=declines_shown)
def decline_shown(ctx: Context):
    shown = shown_before(ctx)
    if len(shown) > 1:  # "还是报吧" next means these (handlers/activities/declined.py): both confirmed
        return Ask(NONE_TAKEN.format(n=len(shown)), "after", flow=DECLINED_NOTE,
                   data={"activity_ids": [a.id for a in shown]})
    return Done(NONE_CHOSEN)  # (a sign-up put off after a long list)
