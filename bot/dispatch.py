"""Dedup, then route: the one path every channel (and the terminal chat) sends messages through.

The dedup key is a hash of (channel, user, platform message id): a retry of the same delivery gets
the same reply and has no second effect, while someone presenting another user's message id gets
their own answer. A reply marked sensitive (an anonymous suggestion's ticket) is never written to
the database: a retry arriving at this process within a minute gets it from memory, elsewhere a
short note that it was already answered.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import traceback
from collections.abc import Callable

from bot.engine import Router
from bot.messages import IncomingMessage, Reply
from storage import Store

log = logging.getLogger(__name__)
SORRY = "抱歉，系统出了点问题，您的消息没有处理成功。请稍后再试，或联系工会办公室。"
ALREADY_ANSWERED = "这条消息已经处理过了，结果在上一条回复里（为保护匿名，编号只显示一次）。"
PRIVATE_TTL_S = 60.0


def inbox_key(msg: IncomingMessage) -> str:
    """The dedup key: the platform's message id within this user's messages, hashed (no user id stored)."""
    raw = f"{msg.channel}\x00{msg.user_id}\x00{msg.msg_id}".encode()
    return hashlib.sha256(raw).hexdigest()[:40]


def crash_summary(exc: BaseException) -> str:
    """Where a handler failed: the exception class and the stack, without the exception's message
    (it may quote what the teacher wrote)."""
    frames = traceback.extract_tb(exc.__traceback__)
    stack = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{type(exc).__name__} at {stack}"


class Dispatcher:
    def __init__(self, store: Store, router: Router, wait: Callable[[float], None] = time.sleep,
                 wait_limit_s: float = 4.0) -> None:
        self.store = store
        self.router = router
        self._wait = wait
        self.wait_limit_s = wait_limit_s
        self._private: dict[str, tuple[float, str]] = {}
        self._private_lock = threading.Lock()

    def __call__(self, msg: IncomingMessage, guard: Callable[[], None] | None = None) -> str:
        """The reply text for a delivery (empty: nothing to say)."""
        return self.handle(msg, guard)[0]

    def handle(self, msg: IncomingMessage, guard: Callable[[], None] | None = None) -> tuple[str, bool]:
        """(reply text, whether this delivery was new). A channel that replies by a separate call
        (DingTalk Stream) answers only new deliveries; a webhook answers retries again. `guard` runs
        in the claim's transaction (a webhook's signed-URL check: one commit, not two); what it
        raises leaves nothing behind."""
        inbox = self.store.inbox
        key = inbox_key(msg)
        with self.store.transaction():
            if guard is not None:
                guard()
            claimed = inbox.claim(msg.channel, key)
        if not claimed:
            return self._earlier_reply(msg.channel, key), False
        try:
            replies = self.router.handle(msg)
            text = Reply.join(replies)
        except Exception as exc:  # a handler bug must not become a platform retry storm or a 500
            log.error("handling failed: channel=%s kind=%s %s", msg.channel, msg.kind, crash_summary(exc))
            replies, text = [], SORRY
        if any(r.sensitive for r in replies):
            self._remember(key, text)
            inbox.finish(msg.channel, key, None, status="private")
        else:
            inbox.finish(msg.channel, key, text)
        return text, True

    def _remember(self, key: str, text: str) -> None:
        now = time.monotonic()
        with self._private_lock:
            for old in [k for k, (at, _) in self._private.items() if now - at > PRIVATE_TTL_S]:
                del self._private[old]
            self._private[key] = (now, text)

    def _recall(self, key: str) -> str | None:
        with self._private_lock:
            found = self._private.get(key)
        if found and time.monotonic() - found[0] <= PRIVATE_TTL_S:
            return found[1]
        return None

    def _earlier_reply(self, channel: str, key: str) -> str:
        waited = 0.0
        while True:
            row = self.store.inbox.get(channel, key)
            if row is None:
                return ""
            if row["status"] == "done":
                return row.get("reply") or ""
            if row["status"] == "private":
                return self._recall(key) or ALREADY_ANSWERED
            if waited >= self.wait_limit_s:
                return ""  # still working on the first delivery; the platform will retry
            self._wait(0.1)
            waited += 0.1
