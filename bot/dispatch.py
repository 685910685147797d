"""Dedup, then route: the one path every channel (and the terminal chat) sends messages through."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.engine import Router
from bot.messages import IncomingMessage, Reply
from storage import Store

log = logging.getLogger(__name__)
SORRY = "抱歉，系统出了点问题，您的消息没有处理成功。请稍后再试，或联系工会办公室。"


class Dispatcher:
    def __init__(self, store: Store, router: Router, wait: Callable[[float], None] = time.sleep,
                 wait_limit_s: float = 4.0) -> None:
        self.store = store
        self.router = router
        self._wait = wait
        self.wait_limit_s = wait_limit_s

    def __call__(self, msg: IncomingMessage) -> str:
        """The reply text for a delivery (empty: nothing to say). A retried delivery gets the same reply
        and has no second effect."""
        inbox = self.store.inbox
        if not inbox.claim(msg.channel, msg.msg_id):
            return self._earlier_reply(msg)
        try:
            replies = self.router.handle(msg)
            text = Reply.join(replies)
        except Exception as exc:  # a handler bug must not become a platform retry storm or a 500
            log.error("handling failed: channel=%s kind=%s error=%s", msg.channel, msg.kind, type(exc).__name__,
                      exc_info=log.isEnabledFor(logging.DEBUG))
            text = SORRY
        inbox.finish(msg.channel, msg.msg_id, text)
        return text

    def _earlier_reply(self, msg: IncomingMessage) -> str:
        waited = 0.0
        while True:
            row = self.store.inbox.get(msg.channel, msg.msg_id)
            if row is None or row["status"] == "done":
                return (row or {}).get("reply") or ""
            if waited >= self.wait_limit_s:
                return ""  # still working on the first delivery; the platform will retry
            self._wait(0.1)
            waited += 0.1
