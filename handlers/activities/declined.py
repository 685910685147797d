"""Taking back a no (issue 19): right after a teacher said no to a sign-up ("先不报", "算了伐 先勿报",
"否"), "还是报吧" signs her up for that activity — the one she was just shown and said no to — with the
usual rules (places, waitlist, deadline, audience). Anything else is understood as a new message."""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, PassOn
from bot.nlu import normalize
from bot.registry import Flow, registry
from bot.several import suggested
from handlers._common import confirms, is_no, numbered
from handlers.activities import describe, match_activities, visible_upcoming
from handlers.activities import wording as say
from handlers.activities.mind import DECLINED_NOTE, names_other_than, without_reassurance
from handlers.activities.outcome import party_in, sign_up
from handlers.activities.wording import ALONE_NOTE

# a change of mind back to yes ("抱" the homophone typo of 报: "还是抱吧"): "还是报吧", "想了想还是去", "那还是给我报上", "报吧报吧", "改主意了 报名"
AGAIN = re.compile(r"还是(要|想|得)?(报|抱|去|参加)|仍(然)?(请|要|想)?(为本人)?(报|参加|去)|(那|那就|就)?报(名)?吧|(给|帮)我报(上|一个|个名)|报上吧|改主意|我(还是)?去吧|"
                   # … or the bare verb, a clause of its own that ends her message: "算了，空堂就是留给它的，排进去，报名"
                   r"(?:^|[，,。；;\s])(?:报名|报上|排进去|排上|安排上)(?:吧|啦|了)?[。.!！~～\s]*$")

# "算了 晓得了，还是报一个", "不纠结了 报上": a shrug before the change of mind, not a no ("算了，还是不报了" still is one)
SHRUG = re.compile(r"^\s*(算了|罢了|好吧|不纠结了?|不犹豫了?|不想了|想通了|想好了)+[\s，,。.…~～]+(晓得了|知道了|好吧)?[\s，,。.…~～]*")


def _after_many(ctx: Context, text: str):
    """"还是报吧" right after "这 2 个活动都先不报": those two, confirmed together (nothing signed unasked)."""
    said = normalize(text)
    open_ids = {a.id for a in visible_upcoming(ctx)}
    those = [a for a in map(ctx.store.activities.get, ctx.data["activity_ids"]) if a is not None and a.id in open_ids]
    if ctx.member is None or len(those) < 2 or not AGAIN.search(said) or is_no(SHRUG.sub("", text)) \
            or re.search(r"[?？吗]", said) or suggested(text) or match_activities(text, visible_upcoming(ctx)):
        return PassOn()  # ("还是报吧 登山那个": that one, as a sign-up of its own)
    return Ask(say.CONFIRM_MANY.format(n=len(those), items=numbered([describe(ctx, a) for a in those])), "confirm_many",
               flow="signup", data={"activity_ids": [a.id for a in those]})


def _after(ctx: Context, text: str):
    if "activity_ids" in ctx.data:  # several said no to at once
        return _after_many(ctx, text)
    text = without_reassurance(text)  # "还是报吧，现在报还来得及吗？": the question is answered by signing up
    said = normalize(text)
    activity = ctx.store.activities.get(ctx.data["activity_id"])
    decided = AGAIN.search(said) or (ctx.data.get("undecided") and confirms(text))  # "我再想想" … "确认报名": decided
    if (ctx.member is None or activity is None or not decided or is_no(SHRUG.sub("", text)) or re.search(r"[?？吗]", said)
            or names_other_than(text, activity.id, visible_upcoming(ctx)) or suggested(text)):  # (a suggestion's words)
        return PassOn()
    party = party_in(text, activity) or 1
    if party > 1 and not activity.allow_companions:  # "还是报吧 两个人" where family may not come: told again
        return Done(sign_up(ctx, activity, 1)[1] + ALONE_NOTE)
    return Done(sign_up(ctx, activity, min(party, activity.max_party))[1])


registry.flow(Flow(DECLINED_NOTE, {"after": _after}, free_text=frozenset({"after"}), label="报名"))
