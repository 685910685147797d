"""checkup_query: "今年体检什么时候", "要空腹吗", "妇女病普查" → the next checkup for this member."""

from __future__ import annotations

import datetime as dt
import re

from bot.engine import Context
from bot.registry import registry
from handlers._common import fmt_date, fmt_dt
from handlers.activities import match_activities, remember_shown, visible_upcoming
from storage.activities import audience_allows, audience_label

NONE = "近期还没有体检安排。工会确定时间后会提前通知大家。"
ONLY_FOR_OTHERS = "{title}面向{audience}。{rest}"


def _describe(row: dict) -> str:
    start, end = dt.date.fromisoformat(row["start_date"]), dt.date.fromisoformat(row["end_date"])
    when = fmt_date(start) if start == end else f"{fmt_date(start)}至{fmt_date(end)}"
    lines = [f"【{row['title']}】", f"时间：{when}", f"地点：{row['place'] or '待定'}"]
    if row["notes"]:
        lines.append(f"注意：{row['notes']}")
    if row["audience"] != "all":
        lines.append(f"对象：{audience_label(row['audience'])}")
    return "\n".join(lines)


@registry.intent(
    "checkup_query",
    keywords={"体检": 4, "体建": 4, "休检": 3, "检查身体": 3, "空腹": 3, "妇女病": 4, "普查": 2, "两癌": 4,
              "抽血": 2, "妇科": 3, "体检中心": 3, "医院检查": 2, "健康检查": 4, "体检报告": 3},
    patterns=[(r"(体检|体建|普查).{0,8}(什么时候|几号|哪天|在哪|时间|地点|安排)", 1),
              # the checkup described, not named: "要早上不吃饭去的那个检查", "每年在医院做一次的那个"
              (r"不吃(早)?饭|空着?肚子|饿着肚子|禁食", 3), (r"(每年|一年)[^，,。]{0,8}(医院|查一次|做一次|检查)", 3),
              (r"在医院(做|查)[^，,。]{0,4}的", 2), (r"(那个|的)检查", 2)],
    negatives={"建议": 2, "投诉": 2},
    menu="体检安排：今年体检什么时候 / 要空腹吗",
    menu_order=8,
    words=["体检", "体建", "妇女病", "两癌", "空腹"],
)
def checkup_query(ctx: Context) -> str:
    rows = ctx.store.checkups.upcoming()
    if not rows:
        return NONE
    member = ctx.member
    mine = [r for r in rows if audience_allows(r["audience"], member)]
    wants_women = any(w in ctx.text for w in ("妇女病", "两癌", "妇科"))
    if wants_women:
        women = [r for r in rows if r["audience"] == "female"]
        if women and member is not None and not audience_allows("female", member):
            return ONLY_FOR_OTHERS.format(title=women[0]["title"], audience="女教职工",
                                          rest="您的体检安排：\n" + _describe(mine[0]) if mine else "")
        mine = [r for r in mine if r["audience"] == "female"] or mine
    if not mine:
        return NONE
    text = "\n\n".join(_describe(r) for r in mine)
    if member is None and any(r["audience"] != "all" for r in rows):
        text += "\n\n绑定身份后可查看专门面向您的体检安排（如妇女病普查）。"
    return text + _activity_beside(ctx, mine)


BESIDE = re.compile(r"和|跟|与|撞|冲突|同一天|同时|那天|报")
SAME_DAYS = "\n\n「{title}」在{when}，{clash}。想参加请回复“报名”，为您报上「{title}」。"


def _activity_beside(ctx: Context, checkups: list[dict]) -> str:
    """An activity the question names beside the checkup ("妇女病普查和插花沙龙会不会撞时间"): its day, whether
    it falls in the checkup's days, and it stays the one under discussion ("那行，给我报上" next)."""
    if ctx.member is None or not BESIDE.search(ctx.norm):  # (a plain checkup question reads no activity: its
        return ""  # answer is kept across sign-ups, bot/replycache.py)
    named = match_activities(ctx.text, visible_upcoming(ctx))
    if len(named) != 1:
        return ""
    activity = named[0]
    day = activity.start.date().isoformat()
    clash = any(r["start_date"] <= day <= r["end_date"] for r in checkups)
    remember_shown(ctx, (activity.id,))
    return SAME_DAYS.format(title=activity.title, when=fmt_dt(activity.start),
                            clash="在体检期间，请留意时间安排" if clash else "和体检不在同一天")


# ---- notices: N days before (configurable), and a reminder the morning it starts ----------------

NOTICE = "【体检通知】{name}老师，{title}将于{when}在{place}进行{days}。{notes}详情可回复“体检”查询。"
REMINDER = "【体检提醒】{name}老师，{title}今天开始（{when}），地点：{place}。{notes}"


def previous_workday(day, warn) -> dt.date:
    """Move a notice off weekends and official holidays (chinesecalendar knows 调休). For a year it does
    not know yet: warn the admin once and fall back to the weekday rule."""
    import chinese_calendar

    while True:
        try:
            if chinese_calendar.is_workday(day):
                return day
        except NotImplementedError:
            # the log line (by warn) names the key, chinesecalendar-<year>: the package to upgrade
            warn(f"chinesecalendar-{day.year}",
                 f"节假日数据还没有 {day.year} 年的放假安排，体检通知暂时只避开周六、周日，不认得法定节假日和调休。",
                 "要做的：请系统管理员更新服务器上的节假日数据（升级程序的节假日组件）后重启服务。")
            if day.weekday() < 5:
                return day
        day -= dt.timedelta(days=1)


def notice_dates(checkup: dict, days_before: list[int], avoid_holidays: bool, warn) -> dict[int, dt.date]:
    start = dt.date.fromisoformat(checkup["start_date"])
    dates = {}
    for offset in sorted(set(days_before), reverse=True):
        if offset <= 0:
            continue
        day = start - dt.timedelta(days=offset)
        dates[offset] = previous_workday(day, warn) if avoid_holidays else day
    dates[0] = start
    return dates


@registry.planner
def plan_checkup_notices(day) -> list:
    from bot.push import Planned
    from handlers.greetings import _audience_members

    planned = []
    cfg = day.config.section("schedule")
    for checkup in day.store.checkups.upcoming():
        dates = notice_dates(checkup, cfg["notice_days_before"], cfg["notice_avoid_holidays"], day.warn)
        start, end = dt.date.fromisoformat(checkup["start_date"]), dt.date.fromisoformat(checkup["end_date"])
        when = fmt_date(start) if start == end else f"{fmt_date(start)}至{fmt_date(end)}"
        for offset, notice_day in dates.items():
            if notice_day != day.date:
                continue
            for member in _audience_members(day.store, checkup["audience"]):
                if offset:
                    days_left = (start - day.date).days
                    text = NOTICE.format(name=member.name, title=checkup["title"], when=when,
                                         place=checkup["place"] or "待定", notes=checkup["notes"],
                                         days=f"（{days_left} 天后）" if days_left > 1 else "（明天）")
                else:
                    text = REMINDER.format(name=member.name, title=checkup["title"], when=when,
                                           place=checkup["place"] or "待定", notes=checkup["notes"])
                planned.append(Planned(
                    kind="checkup_notice" if offset else "checkup_reminder", occasion=f"{checkup['title']}·{offset}天前"
                    if offset else checkup["title"], member=member, text=text, send_on=day.date,
                    send_at=day.send_time, dedup_key=f"checkup|{member.id}|{checkup['id']}:{offset}|{day.date}"))
    return planned
