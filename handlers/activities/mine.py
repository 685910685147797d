"""my_signups: "我的报名", "报了哪些", "候补排第几" — the teacher's sign-ups with their party and place
in the waitlist."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.registry import registry
from handlers._common import BIND_FIRST, fmt_dt, numbered
from handlers.activities import remember_shown
from handlers.activities.notices import party_words
from handlers.activities.withdraw import withdraw
from storage.activities import Activity

WITHDRAWS = re.compile(r"取消|退(掉|了|出|一个)|撤")
MY_NONE = "您目前没有报名任何活动。回复“最近有什么活动”看看吧。"


@registry.intent(
    "my_signups",
    keywords={"我的报名": 5, "报了哪些": 5, "报了什么": 5, "报名情况": 4, "报名记录": 5, "我报的": 4,
              "报名了哪些": 5, "报名状态": 4, "候补到第几": 4, "排第几": 3, "报上了吗": 4, "报成功了吗": 4,
              "我报名了吗": 4, "报名成功没": 4, "报名成功了吗": 5, "报名了几个": 5, "查报名": 4, "查看报名": 4},
    patterns=[(r"我(都|还)?报(名)?了(哪|什么|啥)", 4), (r"(报名|候补).{0,4}(第几|排到|情况|状态)", 3)],
    menu="我的报名：查看已报名的活动和候补名次",
    menu_order=5,
    words=["我的报名", "报了哪些", "报名情况", "报名记录"],
)
def my_signups(ctx: Context) -> str:
    if ctx.member is None:
        return BIND_FIRST
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
