"""What every channel shares: webhook errors and the push contract."""

from __future__ import annotations

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
