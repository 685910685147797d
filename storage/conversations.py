"""Open conversations (flow, step, data) persisted with an expiry, and message dedup (inbox)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from storage.db import Database


@dataclass
class Conversation:
    channel: str
    user_id: str
    flow: str
    step: str
    data: dict = field(default_factory=dict)
    retries: int = 0


class ConversationsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def get(self, channel: str, user_id: str) -> Conversation | None:
        row = self.db.one(
            "SELECT * FROM conversations WHERE channel = ? AND user_id = ? AND expires_at > ?",
            (channel, user_id, self._now().isoformat()),
        )
        if row is None:
            return None
        return Conversation(row["channel"], row["user_id"], row["flow"], row["step"], json.loads(row["data"]), row["retries"])

    def save(self, conv: Conversation, ttl: dt.timedelta) -> None:
        now = self._now()
        self.db.execute(
            "INSERT INTO conversations (channel, user_id, flow, step, data, retries, expires_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, user_id) DO UPDATE SET "
            "flow = excluded.flow, step = excluded.step, data = excluded.data, retries = excluded.retries, "
            "expires_at = excluded.expires_at, updated_at = excluded.updated_at",
            (conv.channel, conv.user_id, conv.flow, conv.step, json.dumps(conv.data, ensure_ascii=False),
             conv.retries, (now + ttl).isoformat(), now.isoformat()),
        )

    def lookup(self, channel: str, user_id: str) -> tuple[Conversation | None, bool]:
        """(the open conversation or None, whether an expired one is left over): one read, so that a
        message with no conversation costs no write."""
        row = self.db.one("SELECT * FROM conversations WHERE channel = ? AND user_id = ?", (channel, user_id))
        if row is None:
            return None, False
        if row["expires_at"] <= self._now().isoformat():
            return None, True
        return Conversation(row["channel"], row["user_id"], row["flow"], row["step"], json.loads(row["data"]),
                            row["retries"]), False

    def clear(self, channel: str, user_id: str) -> bool:
        cur = self.db.execute("DELETE FROM conversations WHERE channel = ? AND user_id = ?", (channel, user_id))
        return cur.rowcount > 0

    def purge_expired(self) -> int:
        return self.db.execute("DELETE FROM conversations WHERE expires_at <= ?", (self._now().isoformat(),)).rowcount


class InboxRepo:
    """Dedup of platform deliveries: INSERT OR IGNORE on (channel, msg_key); a retry gets the same reply."""

    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    KEEP = dt.timedelta(hours=1)  # platforms retry within seconds; keep no longer than needed

    def _hour(self) -> str:
        """Rows carry the hour they arrived in, no finer (nothing to line up with other tables)."""
        return self._now().replace(minute=0, second=0, microsecond=0).isoformat(timespec="seconds")

    def claim(self, channel: str, msg_key: str) -> bool:
        """True if this delivery is new (we must process it); False if seen before."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO inbox (channel, msg_key, status, received_at) VALUES (?, ?, 'processing', ?)",
            (channel, msg_key, self._hour()),
        )
        return cur.rowcount == 1

    def finish(self, channel: str, msg_key: str, reply: str | None, status: str = "done") -> None:
        self.db.execute(
            "UPDATE inbox SET status = ?, reply = ? WHERE channel = ? AND msg_key = ?", (status, reply, channel, msg_key)
        )

    def get(self, channel: str, msg_key: str) -> dict | None:
        return self.db.one("SELECT * FROM inbox WHERE channel = ? AND msg_key = ?", (channel, msg_key))

    def purge(self, older_than: dt.timedelta = KEEP) -> int:
        """Rows whose hour ended more than `older_than` ago (so a row lives one to two hours)."""
        cutoff = (self._now() - older_than - dt.timedelta(hours=1)).isoformat(timespec="seconds")
        return self.db.execute("DELETE FROM inbox WHERE received_at < ?", (cutoff,)).rowcount

    # ---- signed requests seen: a signed URL is good for one body only ------------------------------------

    def first_body(self, request_key: str, body_hash: str) -> bool:
        """Record the body a signed request came with. False when the same signature was seen with
        another body: someone reusing a leaked URL (in plaintext and compatible modes the signature
        does not cover the body)."""
        if self.db.execute("INSERT OR IGNORE INTO seen_requests (key, body_hash, at) VALUES (?, ?, ?)",
                           (request_key, body_hash, self._hour())).rowcount == 1:
            return True  # first time: nothing to compare
        stored = self.db.scalar("SELECT body_hash FROM seen_requests WHERE key = ?", (request_key,))
        return stored == body_hash

    def purge_requests(self, older_than: dt.timedelta) -> int:
        cutoff = (self._now() - older_than - dt.timedelta(hours=1)).isoformat(timespec="seconds")
        return self.db.execute("DELETE FROM seen_requests WHERE at < ?", (cutoff,)).rowcount
