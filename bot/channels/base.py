"""What every channel shares: webhook errors and the push contract."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_BODY = 64 * 1024


class WebhookError(Exception):
    """A request we refuse. `status` is the HTTP code; `reason` is logged (never the body)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class PushResult:
    status: str  # sent / failed / skipped
    reason: str = ""
    retryable: bool = False


def looks_dangerous_xml(text: str) -> bool:
    """DOCTYPE/ENTITY declarations: entity expansion and XXE. WeChat never sends them."""
    low = text.lower()
    return "<!doctype" in low or "<!entity" in low


def decode_utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise WebhookError(400, "body is not UTF-8") from None


def parse_epoch(value: str, tz):
    """A platform's seconds-since-epoch field, or None when it is not a plausible one ('²', 10^20)."""
    if not re.fullmatch(r"[0-9]{1,11}", value or ""):
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz)
    except (OverflowError, OSError, ValueError):
        return None


def check_fresh(timestamp: str, clock, max_skew: int) -> None:
    """Refuse (403) a signed request whose timestamp is missing, malformed or too far from now."""
    if not re.fullmatch(r"[0-9]{1,11}", timestamp or ""):
        raise WebhookError(400, "bad timestamp")
    if abs(clock.timestamp() - int(timestamp)) > max_skew:
        raise WebhookError(403, "timestamp outside the allowed window (replay?)")
