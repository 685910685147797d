"""The activity in focus (issue 19, round 24): what her last message named, even when the bot did not read it as a
request ("…重阳敬老座谈会，她申请到场。", "距离教师读书会：还有 5 天", "咱们这个团是9月17号秋季登山团"), is kept as the
activities a question named are (activities.remember_shown, for the conversation's minutes), so that "确认报名！",
"报名！此事——确认无疑。" or "请工会给我们这个团报名，一共四个人" next signs up for it (two named: which one, asked).

A sign-up message that holds her own explicit confirmation (bot/confirmed.py: "确认报名", "已确认", "确认无疑"), or that
accepts the one activity in focus in so many words ("接受。排候补也行", "成交！确认报名"), is her yes: signed at once."""

from __future__ import annotations

import re

from bot.answers import says_confirmed
from bot.confirmed import PARTS, doubted, explicit
from bot.engine import Context
from handlers.activities import match_activities, remember_shown, shown_before, visible_upcoming

# an invitation's or an auction's own yes, said as a part of its own: "接受。", "接受邀请", "成交！"
ACCEPTED = re.compile(r"^(我|本人)?(接受(邀请)?|成交)(了|啦)?$")


def keep_named(ctx: Context) -> None:
    """Her message named one activity (or two, three) and nothing was done with it: kept in focus for the next one."""
    if ctx.member is None:
        return
    named = match_activities(ctx.text, visible_upcoming(ctx))
    if 0 < len(named) <= 3:
        remember_shown(ctx, tuple(a.id for a in named))


def accepted(text: str) -> bool:
    """"接受。听说快满了，排候补也行。", "成交！确认报名！": accepted in a part of its own, nothing else refusing or asking."""
    said = [p for p in PARTS.split(text.strip().lower()) if p]
    if not any(ACCEPTED.match(p) for p in said):
        return False  # (a rhetorical question before "成交！确认报名！" is the auction's, not a doubt)
    return any(explicit(p) for p in said) or not doubted([p for p in said if not ACCEPTED.match(p)])


def own_confirmation(text: str) -> bool:
    """Her message says its own yes: an explicit confirmation, or the invitation accepted."""
    return says_confirmed(text) or accepted(text)


def confirms_focus(ctx: Context) -> bool:
    """A confirmation naming no activity, with one in focus ("颁奖词念完了，确认报名，谢谢你们。"): a sign-up for it,
    not a thanks or a greeting."""
    return ctx.member is not None and len(shown_before(ctx)) == 1 and own_confirmation(ctx.text) \
        and not match_activities(ctx.text, visible_upcoming(ctx))
