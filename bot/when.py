"""Dates in what teachers write ("昨日", "前天晚上", "下礼拜二", "10号", "9月26号"), read by jionlp's
Chinese time-expression parser against the bot's clock. jionlp is loaded on first use (about a
second) or ahead of time by `warm()` on a background thread, so that start-up stays quick."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import logging
import re
import threading

log = logging.getLogger(__name__)
_lock = threading.Lock()


def _not_from_jionlp(record: logging.LogRecord) -> bool:
    """jionlp logs every string it cannot parse, with a traceback quoting the words, to the root logger:
    pieces of a teacher's message (an anonymous suggestion's too) would reach the server's log."""
    return "jionlp" not in record.pathname


@functools.cache
def _jionlp():
    with _lock, contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp

        logging.getLogger().addFilter(_not_from_jionlp)  # (it logs on the root logger itself)
        return jionlp


def warm() -> None:
    """Load the parser now (a serving process calls this on a background thread)."""
    try:
        dates_in("昨天", dt.datetime(2026, 1, 1))
    except Exception as exc:  # never let the warm-up take a worker down
        log.warning("time parser warm-up failed: %s", type(exc).__name__)


def dates_in(text: str, now: dt.datetime) -> list[tuple[str, dt.date, dt.date]]:
    """The time expressions in a text that name a day or a span of days: (words, first day, last day)."""
    jio = _jionlp()
    base = now.replace(tzinfo=None).timestamp() if now.tzinfo is None else now.timestamp()
    try:
        found = jio.ner.extract_time(text, time_base=base, with_parsing=True)
    except Exception:  # the parser's own errors on odd input: no date rather than no answer
        return []
    out = []
    starts = set("0123456789今昨前明后上下这本去周星礼月年早晚凌中午清傍半大")
    for item in found:
        span = (item.get("detail") or {}).get("time")
        if isinstance(span, list) and len(span) == 2 and all(isinstance(s, str) and s[:1].isdigit() for s in span):
            words = item["text"]
            first = next((i for i, ch in enumerate(words) if ch in starts), 0)  # "亲昨晚" → "昨晚"
            out.append((words[first:], dt.date.fromisoformat(span[0][:10]), dt.date.fromisoformat(span[1][:10])))
    return out


def month_in(text: str) -> int | None:
    """A bare month ("三月", "3月份") asked about, as 1–12."""
    import re

    m = re.search(r"(?<![0-9])(1[0-2]|[1-9])月(份)?(?![0-9]{1,2}[日号])", text)
    return int(m.group(1)) if m else None


# festivals by their date: (month, day), ("lunar", month, day), or ("eve",) for 除夕, the day before 春节
FESTIVALS = {"教师节": (9, 10), "国庆": (10, 1), "元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1),
             "三八": (3, 8), "妇女节": (3, 8), "重阳": ("lunar", 9, 9), "中秋": ("lunar", 8, 15),
             "春节": ("lunar", 1, 1), "元宵": ("lunar", 1, 15), "端午": ("lunar", 5, 5), "七夕": ("lunar", 7, 7),
             "除夕": ("eve",), "儿童节": (6, 1), "建军节": (8, 1), "圣诞": (12, 25), "平安夜": (12, 24)}


def festival_date(name: str, year: int) -> dt.date:
    """The day of a festival in a Gregorian year (lunar ones by lunar-python)."""
    spec = FESTIVALS[name]
    if spec[0] == "eve":
        return festival_date("春节", year) - dt.timedelta(days=1)
    if spec[0] == "lunar":
        from lunar_python import Lunar

        solar = Lunar.fromYmd(year, spec[1], spec[2]).getSolar()
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    return dt.date(year, spec[0], spec[1])


# a festival named as a day ("教师节那天", "明年春节", "中秋节当天"): the words "那天/当天" go with it (alone they are today)
FESTIVAL_WORDS = re.compile(r"(明年|今年|去年)?的?(" + "|".join(sorted(FESTIVALS, key=len, reverse=True)) +
                            r")(?:(?<!节)节)?(那天|当天|那日|当日|这天|那一天)?")
YEAR_SAID = {"明年": 1, "今年": 0, "去年": -1}


def festival_days(text: str, today: dt.date, ahead: bool | None = None) -> list[tuple[int, str, dt.date]]:
    """(where, words, day) of each festival named in the text. Without 明年/去年 the year is the one
    `ahead` says: the next one (True), the last one (False), else the nearer of the two."""
    out = []
    for m in FESTIVAL_WORDS.finditer(text):
        name = m.group(2)
        if m.group(1):
            day = festival_date(name, today.year + YEAR_SAID[m.group(1)])
        else:
            days = [festival_date(name, today.year + k) for k in (-1, 0, 1)]
            if ahead is True:
                days = [d for d in days if d >= today]
            elif ahead is False:
                days = [d for d in days if d <= today]
            day = min(days, key=lambda d: abs((d - today).days))
        out.append((m.start(), m.group(0), day))
    return out


@functools.cache
def term_starts(calendar_file: str = "") -> tuple[str, ...]:
    """The first days of the school's terms, from the [[term]] tables of the school calendar (the configured
    `[schedule] calendar_file`, else bot/data/occasions.toml): "MM-DD" each year or "YYYY-MM-DD" once."""
    import pathlib
    import tomllib

    path = pathlib.Path(calendar_file) if calendar_file else pathlib.Path(__file__).parent / "data" / "occasions.toml"
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ()  # (the greetings report a broken calendar; here it only means no term is known)
    return tuple(str(t.get("starts", "")) for t in data.get("term", []) if re.fullmatch(r"([0-9]{4}-)?[0-9]{2}-[0-9]{2}", str(t.get("starts", ""))))


def term_start(today: dt.date, starts: tuple[str, ...]) -> dt.date | None:
    """The start of the term nearest to today (the one just begun or the next), or None when none is known
    within two months (a spring term the calendar does not list is not the autumn one half a year away)."""
    days = []
    for s in starts:
        try:
            days += [dt.date.fromisoformat(s)] if len(s) == 10 else [dt.date.fromisoformat(f"{today.year + k}-{s}") for k in (-1, 0, 1)]
        except ValueError:
            continue
    near = [d for d in days if abs((d - today).days) <= 60]
    return min(near, key=lambda d: abs((d - today).days), default=None)
