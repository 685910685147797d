"""Periods a teacher asks about ("三月有什么活动", "下学期", "寒假前", "国庆前后"): the days they span,
however far ahead."""

from __future__ import annotations

import datetime as dt
import re

from bot.when import FESTIVALS, festival_date


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


WEEKS_AHEAD = re.compile(r"(下+)个?(周|星期|礼拜)")


def time_window(text: str, today: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day, label) for 今天/明天/本周/下周/周末/这个月/下个月/a month ("三月")/下学期/
    寒假前/暑假前/a festival, however far ahead, else None."""
    from bot.when import month_in

    monday = today - dt.timedelta(days=today.weekday())
    month = month_in(text)
    if month is not None and not re.search(r"(下|这|本|上)个?月", text):
        year = today.year if month >= today.month else today.year + 1
        first, last = _month_span(year, month)
        return max(first, today), last, f"{month}月"
    autumn = today.month >= 8 or today.month == 1
    if "下学期" in text or "下个学期" in text:
        year = today.year + 1 if today.month >= 8 else today.year
        return (dt.date(year, 2, 15), dt.date(year, 7, 15), "下学期") if autumn else \
            (dt.date(today.year, 9, 1), dt.date(today.year + 1, 1, 20), "下学期")
    if "寒假前" in text or "放寒假前" in text:
        year = today.year + 1 if today.month >= 8 else today.year
        return today, dt.date(year, 1, 20), "寒假前"
    if "暑假前" in text or "放暑假前" in text:
        year = today.year if today.month < 7 else today.year + 1
        return today, dt.date(year, 7, 10), "暑假前"
    if "这学期" in text or "本学期" in text:
        return (today, dt.date(today.year + (today.month >= 8), 1, 20), "本学期") if autumn else \
            (today, dt.date(today.year, 7, 15), "本学期")
    if "今天" in text:
        return today, today, "今天"
    if "明天" in text:
        d = today + dt.timedelta(days=1)
        return d, d, "明天"
    ahead = WEEKS_AHEAD.search(text)  # "下周", "下个星期", "下下礼拜" (two weeks on, never next week)
    if ahead:
        weeks = len(ahead.group(1))
        if text[ahead.end():ahead.end() + 1] == "末":  # "下下周末": its Saturday and Sunday
            sat = monday + dt.timedelta(days=7 * weeks + 5)
            return sat, sat + dt.timedelta(days=1), "下" * weeks + "周末"
        return monday + dt.timedelta(days=7 * weeks), monday + dt.timedelta(days=7 * weeks + 6), "下" * weeks + "周"
    if "周末" in text:
        sat = monday + dt.timedelta(days=5)
        return sat, sat + dt.timedelta(days=1), "这个周末"
    if any(w in text for w in ("这周", "本周", "这星期", "这个星期")):
        return today, monday + dt.timedelta(days=6), "本周"
    if "下个月" in text or "下月" in text:
        first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return first, last, "下个月"
    if any(w in text for w in ("这个月", "本月", "这月")):
        last = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return today, last, "本月"
    for name in FESTIVALS:
        if name in text:
            day = festival_date(name, today.year)
            if day < today - dt.timedelta(days=3):
                day = festival_date(name, today.year + 1)
            return day - dt.timedelta(days=3), day + dt.timedelta(days=3), f"{name}前后"
    return None
