"""Dedup, then route: the one path every channel (and the terminal chat) sends messages through.

The dedup key is a hash of (channel, user, platform message id): a retry of the same delivery gets
the same reply and has no second effect, while someone presenting another user's message id gets
their own answer. The reply kept for retries is sealed with a key only that delivery can derive
(storage/scratch.py): whoever holds the files cannot read it, a retry on any worker can. A delivery
whose handler died (a killed or timed-out worker) is taken over by the platform's next retry and
answered; one the database could not take (locked, disk full) is let go, so the retry is new.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import sqlite3
import time
import traceback
from collections.abc import Callable

from bot.engine import Router
from bot.messages import IncomingMessage, Reply, StillHandling
from storage import Store
from storage.leases import process_owner
from storage.scratch import delivery_key, seal, unseal

log = logging.getLogger(__name__)
SORRY = "抱歉，系统出了点问题，您的消息没有处理成功。请稍后再试，或联系工会办公室。"
ALREADY_ANSWERED = "这条消息已经处理过了，结果在上一条回复里。"
TAKE_OVER = object()


def delivery_parts(msg: IncomingMessage) -> tuple[str, str, str]:
    return msg.channel, msg.user_id, msg.msg_id


def inbox_key(msg: IncomingMessage, secret: bytes = b"") -> str:
    """The dedup key: the platform's message id within this user's messages, as a keyed hash (the
    installation's dedup key, kept beside the database and not in it): an event's id is built from
    the user and a timestamp, so a plain hash could be recomputed from the users on file."""
    raw = "\x00".join(delivery_parts(msg)).encode()
    return hmac.new(secret, raw, hashlib.sha256).hexdigest()[:40] if secret else hashlib.sha256(raw).hexdigest()[:40]


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

    def __call__(self, msg: IncomingMessage, guard: Callable[[], None] | None = None) -> str:
        """The reply text for a delivery (empty: nothing to say)."""
        return self.handle(msg, guard)[0]

    def handle(self, msg: IncomingMessage, guard: Callable[[], None] | None = None) -> tuple[str, bool]:
        """(reply text, whether this delivery was handled now). A channel that replies by a separate
        call (DingTalk Stream) answers only deliveries handled now; a webhook answers retries again.
        `guard` runs in the claim's transaction (a webhook's signed-URL check: one commit, not two);
        what it raises leaves nothing behind."""
        inbox, key, owner = self.store.inbox, inbox_key(msg, self.store.dedup_secret), process_owner()
        with self.store.scratch.transaction():
            if guard is not None:
                guard()
            claimed = inbox.claim(msg.channel, key, owner)
        if not claimed:
            earlier = self._earlier_reply(msg, key, owner)
            if earlier is None:
                raise StillHandling()
            if earlier is not TAKE_OVER:
                return earlier, False
        return self._process(msg, key), True

    def _process(self, msg: IncomingMessage, key: str) -> str:
        try:
            replies = self.router.handle(msg)
            text = Reply.join(replies)
        except sqlite3.OperationalError:
            # locked, disk full, I/O error: nothing was answered, so let the platform's retry be new
            try:
                self.store.inbox.release(msg.channel, key)
            except sqlite3.Error:
                pass
            raise
        except Exception as exc:  # a handler bug must not become a platform retry storm or a 500
            log.error("handling failed: channel=%s kind=%s %s", msg.channel, msg.kind, crash_summary(exc))
            text = SORRY
        try:
            self.store.inbox.finish(msg.channel, key, seal(text, delivery_key(*delivery_parts(msg))))
        except sqlite3.Error:
            # the answer could not be kept: let the retry handle the delivery again (what it did is
            # idempotent per delivery: the same ticket, the sign-up already made)
            try:
                self.store.inbox.release(msg.channel, key)
            except sqlite3.Error:
                pass
            raise
        return text

    def _earlier_reply(self, msg: IncomingMessage, key: str, owner: str):
        """The reply given to this delivery before; TAKE_OVER when its handler died and this retry
        now owns it; None when it is still being handled after the wait (the caller answers so that
        the platform retries once more, and that retry finds the reply)."""
        waited = 0.0
        while True:
            row = self.store.inbox.get(msg.channel, key)
            if row is None:
                return ""
            if row["status"] == "done":
                if row["reply"] is None:
                    return ALREADY_ANSWERED
                text = unseal(row["reply"], delivery_key(*delivery_parts(msg)))
                return ALREADY_ANSWERED if text is None else text
            if self.store.inbox.take_over(msg.channel, key, owner):
                log.warning("delivery taken over from a handler that died: channel=%s", msg.channel)
                return TAKE_OVER
            if waited >= self.wait_limit_s:
                return None
            self._wait(0.1)
            waited += 0.1
