"""Dedup, then route: the one path every channel (and the terminal chat) sends messages through.

The dedup key is a hash of (channel, user, platform message id): a retry of the same delivery gets
the same reply and has no second effect, while someone presenting another user's message id gets
their own answer. The reply kept for retries is sealed with a key only that delivery can derive
(storage/scratch.py): whoever holds the files cannot read it, a retry on any worker can. A delivery
whose handler died (a killed or timed-out worker) is taken over by the platform's next retry and
answered; one the database could not take (locked, disk full) is let go, so the retry is new.

Claims in a shared mapping (issue 23, seventh round; storage/inbox.py): the claim and the signed-URL
record take no scratch transaction; the user's conversation is read once; a reply that changed no
conversation goes into the claim's slot at once, one that did is written with the conversation in one
scratch transaction, and the slot then says so. With UNIONBOT_CLAIMS=file, as before:

One commit per message (issue 23). The claim's transaction also reads the user's conversation;
what the handler changes in it is written with the reply, in one transaction. A reply that changed
nothing (no write to either database: the activity list, a greeting, help) is not written on its
own: it waits in memory and goes with the next delivery's claim, or, when none comes, with the
flusher thread's next look (10 to 80 ms; the flusher is not woken per message). Its claim is already committed, so a retry meanwhile sees it in hand and waits; a process
that dies before writing it had nothing to undo, and the retry that takes the delivery over
answers it again.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import sqlite3
import threading
import time
import traceback
from collections.abc import Callable

from bot.engine import Router
from bot.messages import IncomingMessage, Reply, StillHandling
from storage import Store
from storage.keyedhash import hmac_sha256
from storage.leases import process_owner
from storage.scratch import delivery_key, process_key, seal_reply, unseal

log = logging.getLogger(__name__)
SORRY = "抱歉，系统出了点问题，您的消息没有处理成功。请稍后再试，或联系工会办公室。"
ALREADY_ANSWERED = "这条消息已经处理过了，结果在上一条回复里。"
# kept instead of a long reply about a ballot or an anonymous suggestion (storage/scratch.py seal_reply)
NOT_KEPT = ("这条消息已经处理过了。为保护匿名，上一条较长的回复没有留存，无法再次显示。"
            "正在投票的，请回复“取消”后重新回复“投票”；查询建议的，请重新发送查询。")
TAKE_OVER = object()
FLUSH_AFTER_S = 0.01  # a deferred reply is written by then when no other delivery comes to carry it
LOOK_AT_MOST_S = 0.08  # … or up to this much later while deliveries keep coming (they carry the replies)
WAITS = (0.005, 0.01, 0.02, 0.05)  # a retry's first waits for a delivery in hand, then every 0.1 s


def delivery_parts(msg: IncomingMessage) -> tuple[str, str, str]:
    return msg.channel, msg.user_id, msg.msg_id


# ids bot/channels/base.py builds from the user and the second (a menu tap, an event; a message without MsgId)
BUILT_IDS = ("ev:", "m:")


def inbox_key(msg: IncomingMessage, secret: bytes = b"") -> str:
    """The dedup key: the platform's message id within this user's messages, as a keyed hash (the
    installation's dedup key, kept beside the database and not in it): an event's id is built from
    the user and a timestamp, so a plain hash could be recomputed from the users on file. Such an id
    is keyed with the in-memory process key too: whoever copies the data folder holds the dedup key
    beside it, and could otherwise rebuild each teacher's tap on 提建议 second by second and find it
    (tests/test_private_turns.py). A retry of a tap across a restart is then a new tap: it only asks
    again what the tap asks (a suggestion's tray record is keyed with the process key already)."""
    raw = "\x00".join(delivery_parts(msg)).encode()
    if msg.msg_id.startswith(BUILT_IDS):
        secret = secret + process_key()
    return hmac_sha256(secret, raw).hex()[:40] if secret else hashlib.sha256(raw).hexdigest()[:40]


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
        # (channel, key) → (sealed reply, when it was deferred): answered, not yet written
        self._deferred: dict[tuple[str, str], tuple[bytes, float]] = {}
        self._deferred_lock = threading.Lock()
        self._armed = threading.Event()  # set while the flusher watches the deferred replies
        self._deferrals = 0  # replies deferred so far (the flusher stays armed while this moves)
        self._flusher_pid = 0

    def __call__(self, msg: IncomingMessage, guard: Callable[[], None] | None = None) -> str:
        """The reply text for a delivery (empty: nothing to say)."""
        return self.handle(msg, guard)[0]

    def handle(self, msg: IncomingMessage, guard: Callable[[], None] | None = None) -> tuple[str, bool]:
        """(reply text, whether this delivery was handled now). A channel that replies by a separate
        call (DingTalk Stream) answers only deliveries handled now; a webhook answers retries again.
        `guard` runs just before the claim (a webhook's signed-URL check; in the file, in the claim's
        transaction: one commit, not two); what it raises leaves no claim behind."""
        inbox, key, owner = self.store.inbox, inbox_key(msg, self.store.dedup_secret), process_owner()
        if inbox.mapped:  # the claim in the shared mapping: no scratch transaction (storage/inbox.py)
            claimed = self._claim_mapped(msg, key, owner, guard)
        else:
            claimed = self._claim_in_file(msg, key, owner, guard)
        if not claimed:
            earlier = self._earlier_reply(msg, key, owner)
            if earlier is None:
                raise StillHandling()
            if earlier is not TAKE_OVER:
                return earlier, False
        return self._process(msg, key), True

    def _claim_mapped(self, msg: IncomingMessage, key: str, owner: str, guard) -> bool:
        inbox, conversations = self.store.inbox, self.store.conversations
        with inbox.one_claim():  # the signed-URL record and the claim: one lock of the mapping, not two
            if guard is not None:
                guard()
            claimed = inbox.claim(msg.channel, key, owner)
        if claimed and msg.kind == "text":
            try:
                conversations.begin(msg.channel, msg.user_id)  # one read of the scratch file, no write
            except BaseException:
                conversations.end()
                inbox.release(msg.channel, key)
                raise
        return claimed

    def _claim_in_file(self, msg: IncomingMessage, key: str, owner: str, guard) -> bool:
        inbox, conversations = self.store.inbox, self.store.conversations
        carried = self._take_deferred()
        try:
            with self.store.scratch.transaction():
                self._write_deferred(carried)
                if guard is not None:
                    guard()
                claimed = inbox.claim(msg.channel, key, owner)
                if claimed and msg.kind == "text":
                    conversations.begin(msg.channel, msg.user_id)
        except BaseException:
            conversations.end()
            self._restore_deferred(carried)
            raise
        return claimed

    def _process(self, msg: IncomingMessage, key: str) -> str:
        store, conversations = self.store, self.store.conversations
        changes = store.db.conn.total_changes, store.scratch.conn.total_changes
        replies: list[Reply] = []
        try:
            with store.db.one_look():
                replies = self.router.handle(msg)
            text = Reply.join(replies)
        except sqlite3.OperationalError:
            # locked, disk full, I/O error: nothing was answered, so let the platform's retry be new
            conversations.end()
            try:
                self.store.inbox.release(msg.channel, key)
            except sqlite3.Error:
                pass
            raise
        except Exception as exc:  # a handler bug must not become a platform retry storm or a 500
            log.error("handling failed: channel=%s kind=%s %s", msg.channel, msg.kind, crash_summary(exc))
            text = SORRY
        pending = conversations.end()
        sensitive = Reply.join([r for r in replies if r.sensitive])  # a receipt beside another answer: kept alone
        fallbacks = tuple(f for f in (sensitive, NOT_KEPT) if f != text) if sensitive else ()
        sealed = seal_reply(text, delivery_key(*delivery_parts(msg)), fallbacks)
        mapped = store.inbox.mapped
        if not mapped and not pending and changes == (store.db.conn.total_changes, store.scratch.conn.total_changes) \
                and store.scratch.path != ":memory:":  # (one connection for all threads: no flusher)
            self._defer(msg.channel, key, sealed)  # nothing changed: the next claim writes it
            return text
        try:
            if mapped and not pending:  # no conversation changed: the reply in the claim's slot, at once
                store.inbox.finish(msg.channel, key, sealed)
                return text
            with store.scratch.transaction():
                conversations.write(pending)
                if mapped:  # the reply with the conversation it changed, in the scratch file
                    store.inbox.keep(msg.channel, key, sealed)
                else:
                    store.inbox.finish(msg.channel, key, sealed)
            conversations.written()  # committed: the rows kept, the teacher's next message reads none
            if mapped:
                store.inbox.filed(msg.channel, key)
        except sqlite3.Error:
            # the answer could not be kept: let the retry handle the delivery again (what it did is
            # idempotent per delivery: the same ticket, the sign-up already made)
            try:
                self.store.inbox.release(msg.channel, key)
            except sqlite3.Error:
                pass
            raise
        return text

    # ---- replies that changed nothing, written with the next claim --------------------------------------

    def _defer(self, channel: str, key: str, sealed: bytes) -> None:
        if self._flusher_pid != os.getpid():  # one flusher per process (started after gunicorn's fork)
            self._flusher_pid = os.getpid()
            threading.Thread(target=self._flusher, name="reply-flusher", daemon=True).start()
            atexit.register(self._flush_at_exit)
        with self._deferred_lock:
            self._deferred[(channel, key)] = (sealed, time.monotonic())
            self._deferrals += 1
            if not self._armed.is_set():  # the flusher was idle: wake it (under load it stays armed, and
                self._armed.set()  # a message costs no wake-up and no switch to its thread)

    def _take_deferred(self) -> dict:
        if not self._deferred:
            return {}
        with self._deferred_lock:
            carried, self._deferred = self._deferred, {}
        return carried

    def _restore_deferred(self, carried: dict) -> None:
        if carried:
            with self._deferred_lock:
                self._deferred = {**carried, **self._deferred}
                self._armed.set()

    def _write_deferred(self, carried: dict) -> None:
        for (channel, key), (sealed, _) in carried.items():
            self.store.inbox.finish(channel, key, sealed)

    def flush(self, older_than: float | None = None) -> int:
        """Write the deferred replies now (a worker's exit, tests), or those deferred at least
        `older_than` seconds ago (the flusher: younger ones usually go with the next claim). How
        many were written."""
        if older_than is None:
            carried = self._take_deferred()
        else:
            cutoff = time.monotonic() - older_than
            with self._deferred_lock:
                carried = {k: v for k, v in self._deferred.items() if v[1] <= cutoff}
                for k in carried:
                    del self._deferred[k]
        if not carried:
            return 0
        try:
            with self.store.scratch.transaction():
                self._write_deferred(carried)
        except BaseException:
            self._restore_deferred(carried)
            raise
        return len(carried)

    def _flush_at_exit(self) -> None:
        try:
            self.flush()
        except sqlite3.Error:  # the file is gone (a test's directory): its retries are answered anew
            pass

    def _flusher(self) -> None:
        """Writes a deferred reply that no claim carried within FLUSH_AFTER_S. Idle, it waits to be
        armed; armed, it looks every FLUSH_AFTER_S without being woken per message, less often (up to
        LOOK_AT_MOST_S) while the claims carry every reply (a busy worker), and disarms when a look
        finds nothing waiting and nothing deferred since the last look (the messages stopped)."""
        seen, period = -1, FLUSH_AFTER_S
        while True:
            self._armed.wait()
            time.sleep(period)
            try:
                wrote = self.flush(older_than=FLUSH_AFTER_S)
            except sqlite3.Error as exc:
                log.warning("deferred replies not written yet (%s); retrying", type(exc).__name__)
                time.sleep(0.5)
                continue
            with self._deferred_lock:
                busy = self._deferrals != seen
                if not self._deferred and not busy:
                    self._armed.clear()
                seen = self._deferrals
            # busy, and the claims carried every reply: look less often; otherwise soon again
            period = min(period * 2, LOOK_AT_MOST_S) if busy and not wrote else FLUSH_AFTER_S

    def _earlier_reply(self, msg: IncomingMessage, key: str, owner: str):
        """The reply given to this delivery before; TAKE_OVER when its handler died and this retry
        now owns it; None when it is still being handled after the wait (the caller answers so that
        the platform retries once more, and that retry finds the reply)."""
        waited, attempt = 0.0, 0
        if (msg.channel, key) in self._deferred:  # answered by this process, not yet written
            self.flush()
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
            step = WAITS[attempt] if attempt < len(WAITS) else 0.1
            attempt += 1
            self._wait(step)
            waited += step
