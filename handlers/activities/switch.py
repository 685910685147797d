"""One sign-up changed for another in one message (issue 19): "把拔河换成登山", "拔河改成读书会吧",
"乒乓球那个换到羽毛球". One confirmation names both; on yes the new one is signed up first, and the old
one is withdrawn only when the new one gave a place (a place on a waitlist keeps the old sign-up, and
says so). The message is claimed before the classifier, which reads it as a cancellation or a question."""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.registry import Flow, registry
from bot.several import suggested
from handlers._common import is_no, is_yes
from handlers.activities import describe, match_activities, visible_upcoming
from handlers.activities.mind import thanked
from handlers.activities.notices import short, tell_promoted
from handlers.activities.outcome import UNDO_WITHIN, sign_up
from handlers.activities.wording import blocked_text
from storage.activities import Activity

SWITCH = re.compile(r"换成|改成|换到|改到|调到|调成|改报|换报|改为|换为|改去|换去|改签(?:到|成|为)?")  # (改签: as a ticket is changed)
ASK = "要把「{old}」换成「{new}」吗？\n{details}\n确认后为您报名「{new}」，并取消「{old}」的报名。回复“是”确认，回复“否”保持不变。"
KEPT_OLD = "\n「{old}」的报名先为您保留；递补成功后不想去了，回复“取消报名{old}”。"
# asked whether one may switch, not asked to (left27): "拔河那天不能改签到卡拉OK吧", "拔河能改成卡拉OK吗", "拔河可不可以
# 换成卡拉OK？", the may said before the switch (a request said politely is one all the same: "拔河调成登山可以吗", "能帮我把
# 拔河换成卡拉OK吗", "麻烦帮我把拔河改签到卡拉OK")
MAY_I = re.compile(r"(?:能不能|可不可以|能否|可以|还能|不能|能)[^，,。！!？?]{0,6}?(?:" + SWITCH.pattern + r")[^，,。！!]*?"
                   r"(?:[?？吗么]|吧[。.~～]*$)")
ASKS_IT = re.compile(r"帮我|给我|替我|麻烦|请|帮忙")
HOW = ("可以换：回复“把{old_short}换成{new_short}”，确认后先为您报名「{new}」，报上了再取消「{old}」的报名"
       "（「{new}」满了就只为您排候补，「{old}」的报名保留）。现在什么都没有改动。")


def switch_of(ctx: Context) -> tuple[Activity, Activity] | None:
    """(the one she is signed up for, the one she wants instead), when the message says so."""
    found = SWITCH.search(ctx.norm) if ctx.member is not None else None
    if found is None:
        return None
    before, after = ctx.norm[:found.start()], ctx.norm[found.end():]
    ids = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    upcoming = visible_upcoming(ctx)
    old = match_activities(before, [a for a in ctx.store.activities.upcoming() if a.id in ids]) if ids else []
    new = match_activities(after, [a for a in upcoming if a.id not in ids])
    return (old[0], new[0]) if len(old) == 1 and len(new) == 1 else None


def _said(activity: Activity) -> str:
    """Its short name as its title writes it ("卡拉OK", not the normalised "卡拉ok")."""
    word = short(activity)
    at = activity.title.lower().find(word.lower())
    return activity.title[at:at + len(word)] if at >= 0 else word


def _claims(ctx: Context) -> bool:  # (not a suggestion's words: "匿名建议：把拔河换成登山吧")
    return bool(SWITCH.search(ctx.norm)) and not suggested(ctx.msg.text) and switch_of(ctx) is not None


def swapped_in(ctx: Context) -> bool:
    """"然后换成4号那个羽毛球", "改成羽毛球吧" told after a withdrawal (of the last two hours), naming no sign-up of
    hers: a sign-up for the one named (asked as any other; the withdrawal is done already)."""
    found = SWITCH.search(ctx.norm) if ctx.member is not None else None
    if found is None or suggested(ctx.msg.text):
        return False
    ids = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    if ids and match_activities(ctx.norm[:found.start()], [a for a in ctx.store.activities.upcoming() if a.id in ids]):
        return False  # "把拔河换成登山": a switch of one she has (above)
    new = match_activities(ctx.norm[found.end():], [a for a in visible_upcoming(ctx) if a.id not in ids])
    if len(new) != 1:
        return False
    before = match_activities(ctx.norm[:found.start()], ctx.store.activities.upcoming())
    if before and new[0] not in before and not {a.id for a in before} & ids:
        return True  # "插花不报，改为：拔河比赛" (插花 was never hers, or refused her): the one named after, asked
    return ctx.store.signups.recently_cancelled(ctx.member.id, ctx.clock.now() - UNDO_WITHIN) is not None


@registry.intent("switch_signup", claims=_claims)
def switch_signup(ctx: Context):
    old, new = switch_of(ctx)
    blocked = ctx.store.signups.precheck(new, ctx.member)
    if blocked:
        return blocked_text(new, blocked, ctx.config.get("bot", "admin_contacts")) + f"\n「{old.title}」的报名保持不变。"
    if MAY_I.search(ctx.norm) and not ASKS_IT.search(ctx.norm):  # "拔河能改成卡拉OK吗": what a switch does, nothing asked
        return HOW.format(old=old.title, new=new.title, old_short=_said(old), new_short=_said(new))
    return Ask(ASK.format(old=old.title, new=new.title, details=describe(ctx, new).split("\n", 1)[1]), "confirm",
               flow="switch_signup", data={"from": old.id, "to": new.id})


def _confirm(ctx: Context, text: str):
    old, new = ctx.store.activities.get(ctx.data["from"]), ctx.store.activities.get(ctx.data["to"])
    if (is_yes(text) or thanked(text)) and old is not None and new is not None:
        outcome, said = sign_up(ctx, new)
        if outcome.status != "confirmed":
            return Done(said + KEPT_OLD.format(old=old.title))
        cancelled, promoted = ctx.store.signups.cancel(old.id, ctx.member.id)
        tell_promoted(ctx.store, old, promoted)
        return Done(said + (f"\n已取消「{old.title}」的报名。" if cancelled else ""))
    if is_no(text):
        return Done("好的，报名保持不变。")
    return Retry(f"请回复“是”换成「{new.title if new else ''}」，或回复“否”保持不变。")


registry.flow(Flow("switch_signup", {"confirm": _confirm}, label="换报"))
