"""Helpers shared by feature modules (not a feature itself: modules starting with _ are not loaded)."""

from __future__ import annotations

import datetime as dt
import re

from bot.engine import Context

BIND_FIRST = "这项服务需要先绑定身份。请回复“绑定 工号 姓名”，例如“绑定 1024 张三”。"
WEEKDAYS = "一二三四五六日"
YES = {"是", "是的", "确认", "确定", "好", "好的", "嗯", "对", "要", "可以", "y", "yes", "ok", "行", "没问题", "1"}
NO = {"否", "不", "不要", "不用", "算了", "n", "no", "不了", "先不", "2"}
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def fmt_dt(value: dt.datetime) -> str:
    return f"{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）{value:%H:%M}"


def fmt_date(value: dt.date) -> str:
    return f"{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）"


def is_yes(text: str) -> bool:
    return text.strip().lower().rstrip("。！!.") in YES


def is_no(text: str) -> bool:
    return text.strip().lower().rstrip("。！!.") in NO


def parse_choice(text: str, count: int) -> int | None:
    """'2', '第2个', '第二个', '２' → 1-based index if within range."""
    t = text.strip().replace("第", "").replace("个", "").replace("号", "").replace("项", "")
    if t.isdecimal() and len(t) <= 6:  # not isdigit(): '²' is a digit that int() refuses
        n = int(t)
    elif t in CN_DIGITS:
        n = CN_DIGITS[t]
    else:
        return None
    return n if 1 <= n <= count else None


def numbered(items: list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def local_now(ctx: Context) -> dt.datetime:
    """Naive local time, for comparing with 'YYYY-MM-DD HH:MM' strings in the database."""
    return ctx.clock.now().replace(tzinfo=None)


STAFF_NO_RE = re.compile(r"(?<![0-9a-z])([0-9]{3,10})(?![0-9])")
