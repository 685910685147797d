"""The one normalized message type every channel produces, and the reply handlers return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class IncomingMessage:
    channel: str  # "wechat", "wecom", "dingtalk", "cli", "test"
    msg_id: str  # platform message id (dedup key), unique within the channel
    user_id: str  # platform user id (openid / userid)
    text: str
    kind: str = "text"  # text | event:subscribe | event:unsubscribe | image | voice | ...
    chat_id: str = ""  # group/conversation id where the platform has one
    received_at: dt.datetime | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class Reply:
    text: str
    # Marks a reply about an anonymous item (a receipt, a ticket's status, a ballot; every question of a
    # sensitive flow). Every reply kept for a retry is sealed (bot/dispatch.py); one so marked is kept
    # only if it fits the one size of kept replies, else a short note is kept instead. No reply text is
    # ever logged (tests/test_anonymity.py checks the log), whatever this flag says.
    sensitive: bool = False

    @staticmethod
    def join(replies: list[Reply]) -> str:
        return "\n\n".join(r.text for r in replies if r.text)


def shorten_utf8(text: str, limit_bytes: int, suffix: str = "……") -> str:
    """Shorten text to at most limit_bytes of UTF-8, never mid-character, preferring a line break."""
    if len(text.encode("utf-8")) <= limit_bytes:
        return text
    budget = limit_bytes - len(suffix.encode("utf-8"))
    cut = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    newline = cut.rfind("\n")
    if newline > len(cut) * 0.6:
        cut = cut[:newline]
    return cut.rstrip() + suffix


class StillHandling(Exception):
    """A platform's retry arrived while the first delivery is still being handled: answer so that
    the platform retries again (503), never with an empty "success" that would end the retries
    and lose the reply."""
