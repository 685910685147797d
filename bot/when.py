"""Dates in what teachers write ("昨日", "前天晚上", "下礼拜二", "10号", "9月26号"), read by jionlp's
Chinese time-expression parser against the bot's clock. jionlp is loaded on first use (about a
second) or ahead of time by `warm()` on a background thread, so that start-up stays quick."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import logging
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
