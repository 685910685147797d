"""A sign-up on the condition that she is not put on the waitlist (left27): "羽毛球满了排候补也不行", "羽毛球满了的话别给我
排候补", "报羽毛球，满了就不要候补了". When it is full she is told so and nothing is done (her next "是" signs nothing);
with places left the sign-up is asked as any other, and the condition kept: if the places go before her yes, she is
told it is full and nothing is done, never put on the waitlist. Her own waitlisted sign-up called off ("羽毛球候补不要
了") is a withdrawal, not this."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.several import suggested
from handlers.activities import match_activities, visible_upcoming
from handlers.activities.notices import short
from storage.activities import Activity

NO_WAITLIST = "no_waitlist"  # the sign-up's data: not to be waitlisted
# the waitlist refused: "排候补也不行", "别给我排候补", "不要候补", "不排候补", "候补就算了", "满了就算了"
REFUSED = re.compile(r"候补[^，,。！!]{0,2}(?:也|就)?(?:不行|不要|不用|不必|算了|免了|拉倒)|"
                     r"(?:不|别|甭|不用|不要|不想|莫)[^，,。！!]{0,4}?候补|"
                     r"满了?[^，,。！!]{0,3}?(?:就|那就)?(?:算了|拉倒|不报了|不去了|不要了)")
# a question about it, or someone else's: "不排候补可以吗", "满了还能排候补吗"
ASKED = re.compile(r"[?？吗么]|能不能|可不可以|他|她|同事")
FULL_NOTHING_DONE = ("「{title}」名额已满。按您说的不排候补，这次没有为您报名，也没有登记候补。"
                     "之后有名额空出来，可以再回复“报名{short}”。")


def refused_waitlist(ctx: Context) -> Activity | None:
    """The one open activity she asks to join on the condition she is not waitlisted (none of hers yet), or None."""
    norm = ctx.norm
    if ctx.member is None or not REFUSED.search(norm) or ASKED.search(norm) or suggested(ctx.msg.text):
        return None
    named = match_activities(ctx.msg.text, visible_upcoming(ctx))
    if len(named) != 1 or (ctx.store.signups.get(named[0].id, ctx.member.id) and \
            ctx.store.signups.get(named[0].id, ctx.member.id)["status"] in ("confirmed", "waitlisted")):
        return None
    return named[0]


def full_for_her(ctx: Context, activity: Activity, party: int = 1) -> str | None:
    """Told plainly that it is full and nothing was done, when she refused the waitlist and there is no place."""
    if not ctx.data.get(NO_WAITLIST) or ctx.store.signups.has_room(activity, party):
        return None
    return FULL_NOTHING_DONE.format(title=activity.title, short=short(activity))
