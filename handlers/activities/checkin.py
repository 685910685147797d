"""checkin: a teacher replies "签到" at the activity. Only a confirmed sign-up, and only during the
activity's hours: from an hour before the start until its end (4 hours after the start when it has
none; storage/activities.py). Anything else gets a plain answer saying why and what to do.

The intent has no training messages yet: the classifier recognises it by its keyword table (bot/nlu.py,
"a feature added without training data yet"), as it does for polls."""

from __future__ import annotations

import datetime as dt

from bot.engine import Context
from bot.registry import registry
from handlers._common import BIND_FIRST, fmt_dt, local_now
from handlers.activities import match_activities, visible_upcoming
from handlers.activities.notices import party_words
from storage.activities import Activity

CHECKED_IN = "签到成功！「{title}」{party}\n签到时间 {at}。欢迎参加，祝活动愉快！"
ALREADY = "您已经签到过了：「{title}」，签到时间 {at}。"
WAITLISTED = "您在「{title}」的候补名单中，还没有转为正式报名，所以不能签到。如已到场，请联系现场的工会老师。"
NOT_SIGNED_UP = "您没有报名「{title}」，不能签到。如需参加，请联系现场的工会老师登记。"
TOO_EARLY = "「{title}」的签到时间是 {opens} 到 {closes}，现在还不能签到。到时回复“签到”即可。"
TOO_LATE = "「{title}」的签到已于 {closes} 结束。如您当时在场，请联系工会老师补记。"
NOTHING = "现在没有您报名的活动可以签到。签到时间为活动开始前 1 小时到活动结束。回复“我的报名”查看已报名的活动。"


def _sign_up_sheet(ctx: Context, mine: list, now: dt.datetime):
    """A line of a sign-up sheet (签到表, 报名签到表) naming one activity she has not joined, whose check-in is not
    open: her name put down for it, i.e. a sign-up, which is asked as one (the confirmation is the sign-up's own).
    None when it names none or several, when she is on it already, or when it is happening now (a check-in then)."""
    named = match_activities(ctx.text, visible_upcoming(ctx))
    if len(named) != 1 or "signup" not in ctx.registry.intents:
        return None
    activity = named[0]
    if any(a.id == activity.id for a, _ in mine) or activity.checkin_opens <= now <= activity.end:
        return None
    return ctx.registry.intents["signup"].handle(ctx)


def _closes(activity: Activity) -> str:
    end = activity.end
    return f"{end:%H:%M}" if end.date() == activity.start.date() else fmt_dt(end)


@registry.intent(
    "checkin",
    keywords={"签到": 6, "签个到": 6, "我到了": 3, "已到场": 4, "到场签到": 6, "现场签到": 6},
    patterns=[(r"^(我)?(要|来)?签到", 3)],
    negatives={"报名": 2, "取消": 3, "体检": 3, "建议": 3, "改签": 6},  # ("改签到卡拉OK": a ticket changed)
    menu="活动签到：到场后回复“签到”（开始前 1 小时起）",
    menu_order=5,
    words=["签到", "签个到", "到场"],
)
def checkin(ctx: Context) -> str:
    if ctx.member is None:
        return BIND_FIRST
    now = local_now(ctx)
    mine = [(Activity.from_row(r), r) for r in ctx.store.signups.for_member(ctx.member.id)]
    mine = [(a, r) for a, r in mine if a.status == "open"]
    on_now = [(a, r) for a, r in mine if a.checkin_opens <= now <= a.end]
    confirmed = [(a, r) for a, r in on_now if r["signup_status"] == "confirmed"]
    if confirmed:
        replies = []
        for activity, row in confirmed:
            at = ctx.store.signups.check_in(row["signup_id"])
            template = ALREADY if row["attended_at"] else CHECKED_IN
            replies.append(template.format(title=activity.title, at=at[11:16], party=party_words(row["party"])))
        return "\n\n".join(replies)
    if on_now:
        return WAITLISTED.format(title=on_now[0][0].title)
    sheet = _sign_up_sheet(ctx, mine, now)
    if sheet is not None:  # "签到表 序号07｜刘洋｜体艺组｜教职工拔河比赛｜签名：刘洋" days before it: her name put down
        return sheet
    happening = [a for a in ctx.store.activities.all() if a.status == "open" and a.checkin_opens <= now <= a.end]
    if happening:
        return NOT_SIGNED_UP.format(title=happening[0].title)
    ahead = sorted((a for a, r in mine if r["signup_status"] == "confirmed" and a.checkin_opens > now),
                   key=lambda a: a.start)
    ended = sorted((a for a, r in mine if r["signup_status"] == "confirmed" and now - dt.timedelta(days=1) < a.end < now),
                   key=lambda a: a.end)
    if ahead and (ahead[0].start.date() == now.date() or not ended):
        a = ahead[0]
        return TOO_EARLY.format(title=a.title, opens=fmt_dt(a.checkin_opens), closes=_closes(a))
    if ended:
        return TOO_LATE.format(title=ended[-1].title, closes=_closes(ended[-1]))
    return NOTHING
