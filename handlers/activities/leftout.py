"""Other activities left out while a list is in focus ("拔河、登山这次先不追了", "拔河、登山这回都不凑热闹了" after two
others were shown or picked): nothing is signed or withdrawn, she is told so, and the ones shown stay in focus, so that
"就这两个，确认报名。" next means them (never the ones she left out). Without this the classifier asked "取消报名 or
查询活动?", and that answer was read with the left-out ones."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.registry import registry
from handlers.activities import match_activities, remember_shown, shown_before, visible_upcoming
from handlers.activities.mind import REFUSED_CLAUSE, _clauses

# a withdrawal, a request, a suggestion or a question said in words: never this note
OTHER_WORDS = re.compile(r"取消|退(了|掉|出|报)|撤|报名|报上|帮我报|给我报|前面|后面|第[一二三四1-4]|建议|意见|投诉|反映|[?？吗]")
LEFT_OUT = "好的，{left}先不报。您刚才看的{shown}，要报名请回复“报名 + 活动名”，都要就回复“都报”。"


def leaves_out_others(ctx: Context) -> bool:
    """For the router: with two or more activities in focus, every clause naming an activity leaves out one not in focus, none
    of them hers."""
    if ctx.member is None or OTHER_WORDS.search(ctx.norm):
        return False
    shown = shown_before(ctx)
    if len(shown) < 2:  # ("拔河先不报了" after 读书会 alone was shown: "还是报吧" next may mean 拔河; never 读书会 offered back)
        return False
    upcoming = visible_upcoming(ctx)
    naming = [c for c in _clauses(ctx.text) if match_activities(c, upcoming)]
    named = match_activities(ctx.text, upcoming)
    if not naming or not named or {a.id for a in named} & {a.id for a in shown} \
            or not all(REFUSED_CLAUSE.search(c) for c in naming):  # ("报前面那个吧，…登山去不了": one of them, picked)
        return False
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    return not any(a.id in mine for a in named)  # (one of hers left out is a withdrawal: cancel_signup's)


@registry.intent("leave_out_others", claims=leaves_out_others)
def leave_out_others(ctx: Context):
    shown = shown_before(ctx)
    left = match_activities(ctx.text, visible_upcoming(ctx))
    remember_shown(ctx, tuple(a.id for a in shown))
    return LEFT_OUT.format(left="".join(f"「{a.title}」" for a in left), shown="".join(f"「{a.title}」" for a in shown))
