"""my_signups: "我的报名", "报了哪些", "候补排第几" — the teacher's sign-ups with their party and place
in the waitlist."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.registry import registry
from bot.several import suggested
from handlers._common import BIND_FIRST, fmt_dt, numbered
from handlers.activities import match_activities, remember_shown
from handlers.activities.notices import party_words, short
from handlers.activities.withdraw import withdraw
from storage.activities import Activity

WITHDRAWS = re.compile(r"取消|退(掉|了|出|一个)|撤")
MY_NONE = "您目前没有报名任何活动。回复“最近有什么活动”看看吧。"

# whether she herself is on the activity she names (left27): "拔河还有我吗", "拔河有没有我", "读书会名单里有我吗",
# "乒乓球那个报上我了没", "我在登山名单上吗" (not "有没有我们组的人", "还有我们的份吗": others, or joining asked)
# (asked, never said: "拔河必须有我", "登山那个 算上我" join it)
ON_IT = re.compile(r"有没有我(?![们的])|(?<![没])有我(?![们的])(?:吗|么|嘛|没|没有|不|呢|[?？])|"
                   r"我在(?:不在)?[^，,。！!]{0,8}?(?:名单|里面?|上面?)(?:吗|么|没|不|[?？])|"
                   r"(?:报|算|加|写|记)上我(?:了)?(?:吗|么|没|没有|不|[?？])|我(?:报名?)?(?:上|成功)了?(?:吗|么|没|没有)")
# … with nothing asked for besides: "没有的话帮我报上", "有的话取消掉"
ASKS_MORE = re.compile(r"(帮|给)我(也)?(报|取消|退)|报(个|一个|上吧|名吧)|算我一个|取消|退(掉|了吧|出)|不去|他|她|同事")
ON_IT_SIGNED = "您已报名「{title}」{party}：{when} · {place}。"
ON_IT_WAITING = "您在「{title}」的候补名单上，目前排第 {n} 位；有人取消时会按顺序递补，并通知您。"
ON_IT_WITHDRAWN = "您报名的「{title}」已经取消了，现在不在名单上。想再报就回复“报名{short}”。"
ON_IT_NONE = "您没有报名「{title}」。想参加就回复“报名{short}”。"


def asks_if_on_it(ctx: Context) -> bool:
    """Is she asking whether she is on the list of the activity (or activities) she names?"""
    if ctx.member is None or not ON_IT.search(ctx.norm) or ASKS_MORE.search(ctx.norm) or suggested(ctx.msg.text):
        return False
    return bool(match_activities(ctx.msg.text, ctx.store.activities.upcoming(include_cancelled=True)))


def on_it(ctx: Context) -> str:
    """Her sign-up for each activity she names: signed (with the party), on the waitlist (her place), withdrawn, or none."""
    lines = []
    for activity in match_activities(ctx.msg.text, ctx.store.activities.upcoming(include_cancelled=True)):
        row = ctx.store.signups.get(activity.id, ctx.member.id)
        status = row["status"] if row else None
        if status == "confirmed":
            line = ON_IT_SIGNED.format(title=activity.title, party=party_words(row["party"]),
                                       when=fmt_dt(activity.start), place=activity.place or "地点待定")
        elif status == "waitlisted":
            line = ON_IT_WAITING.format(title=activity.title,
                                        n=ctx.store.signups.waitlist_position(activity.id, ctx.member.id))
        else:
            line = (ON_IT_WITHDRAWN if status == "cancelled" else ON_IT_NONE).format(title=activity.title,
                                                                                    short=short(activity))
        lines.append(line + ("（活动已取消）" if activity.status == "cancelled" else ""))
    return "\n".join(lines)


@registry.intent(
    "my_signups",
    keywords={"我的报名": 5, "报了哪些": 5, "报了什么": 5, "报名情况": 4, "报名记录": 5, "我报的": 4,
              "报名了哪些": 5, "报名状态": 4, "候补到第几": 4, "排第几": 3, "报上了吗": 4, "报成功了吗": 4,
              "我报名了吗": 4, "报名成功没": 4, "报名成功了吗": 5, "报名了几个": 5, "查报名": 4, "查看报名": 4},
    patterns=[(r"我(都|还)?报(名)?了(哪|什么|啥)", 4), (r"(报名|候补).{0,4}(第几|排到|情况|状态)", 3)],
    menu="我的报名：查看已报名的活动和候补名次",
    menu_order=5,
    words=["我的报名", "报了哪些", "报名情况", "报名记录"],
    claims=asks_if_on_it,
)
def my_signups(ctx: Context) -> str:
    if ctx.member is None:
        return BIND_FIRST
    if asks_if_on_it(ctx):  # "拔河还有我吗": that one only
        return on_it(ctx)
    rows = ctx.store.signups.for_member(ctx.member.id)
    if not rows:
        return MY_NONE
    if len(rows) > 1 and WITHDRAWS.search(ctx.norm) and not re.search(r"[?？吗么没]", ctx.norm):
        return withdraw(ctx)  # "我报的活动里取消一个": which one, asked (then "爬山那个" answers it)
    lines = []
    remember_shown(ctx, tuple(row["activity_id"] for row in rows))  # "第二个帮我退了" next
    for row in rows:
        activity = Activity.from_row(row)
        if row["signup_status"] == "confirmed":
            state = "已报名" + party_words(row["party"])
        else:
            state = f"候补第 {ctx.store.signups.waitlist_position(activity.id, ctx.member.id)} 位"
        if activity.status == "cancelled":
            state += "（活动已取消）"
        lines.append(f"{activity.title} — {state}\n   {fmt_dt(activity.start)} · {activity.place or '地点待定'}")
    return f"{ctx.member.name}老师的报名：\n" + numbered(lines)
