"""What a sign-up or a withdrawal comes to (handlers/signup.py asks, this does): the sign-up itself
with its outcome in words, the withdrawal of one or several with the waitlist told, and a withdrawal
taken back within two hours ("还是不撤了")."""

from __future__ import annotations

import datetime as dt
import re

from bot.engine import Ask, Context, Done
from bot.nlu import normalize
from handlers._common import fmt_dt
from handlers.activities import match_activities
from handlers.activities import wording as say
from handlers.activities.notices import party_words, short, tell_promoted
from handlers.activities.party import parse_party
from storage.activities import Activity
from storage.signups import SignupOutcome

# taking a withdrawal back: "还是不撤了", "算了不取消了，我还是去", "撤回刚才的取消"
UNDO_RE = re.compile(r"(不撤了|不撤销了|不取消了|不退了|别(给我)?(取消|退)|还是(要)?(去|参加|报)|恢复(我的)?报名|撤回(刚才的)?取消|"
                     r"又(能|可以)去了|(取消|退|撤)(错|说错)了)")
UNDO_WITHIN = dt.timedelta(hours=2)
SAID_SURE = re.compile(r"确定|确认|肯定|决定了|定了")
# … but not in a question or a doubt: "取消报名需要确认吗？", "我不确定要不要取消报名" are asked first
UNSURE = re.compile(r"[?？吗呢么]|不(确定|确认|肯定)|没(确定|定|想好)|如果|要不要|是否|能不能|可能|也许|还没|万一")
HEDGED = re.compile(r"恐怕|可能|估计|也许|大概|好像|怕是|说不定|应该是")  # "…恐怕去不成了": an explanation
ASKED = re.compile(r"取消|退掉|退了吧|撤销|撤掉|划掉|去掉|(?<!别)(?<!别给我)(?<!别帮我)(?<!不要)(?<!不用)删(掉|了|除)")  # the cancellation asked for in words


JUST_CANCELLED = "~cancelled"  # a note (storage/conversations.py): a withdrawal just made, for a change of mind
# said right after a withdrawal, these keep the place: "唉 算了 我不退了，还去，留着吧", "帮我保留着"
# (not "保留意见", a bare "先别管了", nor "下次还参加": a thanks, a never-mind, the next time)
KEEP_AFTER_RE = re.compile(r"留着|保留(?!意见)|还(是)?(要)?去|还(是)?参加|不退|不取消|别(给我)?(取消|退)|先别(取消|退)")
NEXT_TIME = re.compile(r"下次|下回|以后|改天|明年|将来")


def _undo(ctx: Context, just_now: int | None = None):
    """The member's withdrawal of the last two hours, taken back: signed up again with the usual rules
    (a place given to the waitlist meanwhile is not taken back: they join the waitlist). `just_now`:
    the activity withdrawn from in the message before (the ~cancelled note), the only one then meant
    (not a removal by the committee since)."""
    said = normalize(ctx.text)
    if not (UNDO_RE.search(said) or (just_now and KEEP_AFTER_RE.search(said) and not NEXT_TIME.search(said))):
        return None
    if match_activities(ctx.text, ctx.store.activities.upcoming()) and not just_now:
        return None
    since = ctx.clock.now() - UNDO_WITHIN
    activity_id = ctx.store.signups.recently_cancelled(ctx.member.id, since) if just_now is None else just_now
    row = ctx.store.signups.get(activity_id, ctx.member.id) if activity_id is not None else None
    if row is None or row["status"] != "cancelled":
        return None
    activity = ctx.store.activities.get(activity_id)
    blocked = ctx.store.signups.precheck(activity, ctx.member)
    outcome = blocked or ctx.store.signups.signup(activity.id, ctx.member)
    return say.RESTORED.format(title=activity.title, outcome=_outcome_text(ctx, activity, outcome))


def _outcome_text(ctx: Context, activity: Activity, outcome, party: int = 1) -> str:
    if outcome.status == "confirmed":
        return say.CONFIRMED.format(title=activity.title, when=fmt_dt(activity.start), place=activity.place or "待定",
                                short=short(activity), party=party_words(party))
    if outcome.status == "waitlisted":
        if party > 1:
            return say.WAITLISTED_PARTY.format(title=activity.title, n=outcome.position, party=party)
        return say.WAITLISTED.format(title=activity.title, n=outcome.position)
    return say.blocked_text(activity, outcome, ctx.config.get("bot", "admin_contacts"))


def sign_up(ctx: Context, activity: Activity, party: int = 1):
    """The sign-up itself, whatever asked for it (a typed "报名…" confirmed, a tapped 报名 button):
    capacity, waitlist, deadline, audience and "already" in one transaction. (outcome, reply text). Full, when she
    refused the waitlist: nothing done, and said so (handlers/activities/nowait.py)."""
    from handlers.activities.nowait import full_for_her

    full = full_for_her(ctx, activity, party)
    if full is not None:
        return SignupOutcome("full_closed"), full
    outcome = ctx.store.signups.signup(activity.id, ctx.member, party)
    return outcome, _outcome_text(ctx, activity, outcome, party)


def party_in(text: str, activity: Activity) -> int | None:
    """The party size the message gives, read without the activity's own title ("二人三足")."""
    return parse_party(text.replace(activity.title, " "))





def _cancel(ctx: Context, activity: Activity) -> Ask | str:
    had, promoted = ctx.store.signups.cancel(activity.id, ctx.member.id)  # (the status it had: one read, in its transaction)
    if not had:
        return say.NOT_SIGNED_FOR.format(title=activity.title)
    tell_promoted(ctx.store, activity, promoted)
    done = say.LEFT_WAITLIST if had == "waitlisted" else say.CANCELLED_OK
    return Ask(done.format(title=activity.title), "after", flow=JUST_CANCELLED, data={"activity_id": activity.id})



EVERY = re.compile(r"两个|俩|三个|全部|所有|全都")


def _cancel_all(ctx: Context, activities: list[Activity]) -> Done:
    return Done("\n".join(r.text if isinstance(r, Ask) else r for r in (_cancel(ctx, a) for a in activities)))


# the request's last clause is its own yes: "还有她想报重阳座谈会 确认", "本人报名乒乓球友谊赛，确认报名", "报个登山 ok确认"
_YES_CLAUSE = re.compile(r"^(?:ok|好的?|行|嗯+)?(?:都|就|直接)?(?:确认|确定)(?:报名|报上|参加|一下)?(?:了|吧|啊|哈)?$")


def confirmed_in(text: str) -> bool:
    """Was the sign-up asked for with its yes already said, as the message's last clause (not a question)?"""
    norm = normalize(text)
    last = [part for part in re.split(r"[\s，,。！!；;~～]+", norm) if part]
    return bool(len(last) > 1 and _YES_CLAUSE.match(last[-1]) and not UNSURE.search(norm))
