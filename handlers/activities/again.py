"""A sign-up asked for again after a withdrawal told as past ("上午取消的乒乓球 麻烦重新给我报上", "昨天退掉的拔河 帮我
重新报一下", "早上取消的羽毛球，麻烦再给我报上"): one request, a sign-up. The withdrawal there names which activity
("the one cancelled this morning"): it is no second request, and never read as one (bot/several.py splits only
where a clause is a request of its own). Narrow on purpose: the withdrawal must be said as a description of the
activity ("取消的…", "退掉的…"), and the sign-up must be asked for again (重新/再 + 报); "取消拔河 再给我报个乒乓"
is still two requests."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.several import TOLD_PAST
from handlers.activities import match_activities, visible_upcoming

# … and the sign-up asked for again: "重新给我报上", "再帮我报一下", "麻烦重新报名", "帮我重新报一下"
AGAIN = re.compile(r"(重新|再)(帮我|给我|替我|帮忙)?(报|登记|参加)|(帮我|给我|替我)(重新|再)(报|登记|参加)")
# what makes it something else: a question, a supposition, someone else's, a suggestion
NOT_AGAIN = re.compile(r"[?？吗]|能不能|可以不|如果|要是|[他她]|同事|建议|意见|投诉")


def asks_again(norm: str) -> bool:
    """The words of a sign-up asked for again after a withdrawal told as past (the message right after the
    withdrawal too: never "the same withdrawal again", handlers/activities/withdrawn.py)."""
    return bool(TOLD_PAST.search(norm) and AGAIN.search(norm)) and not NOT_AGAIN.search(norm)


def signs_again(ctx: Context) -> bool:
    """For the signup intent's claim: her own sign-up asked for again, the withdrawal only describing the
    activity, which is one open activity."""
    if ctx.member is None or not asks_again(ctx.norm):
        return False
    return len(match_activities(ctx.msg.text, visible_upcoming(ctx))) == 1
