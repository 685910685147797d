"""Open conversations (flow, step, data) persisted with an expiry, and message dedup (inbox), both in
the scratch file (storage/scratch.py)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, field

from storage.db import Database
from storage.leases import owner_alive
from storage.scratch import CONVERSATION_SIZE, keyed, process_key, seal, unseal


@dataclass
class Conversation:
    channel: str
    user_id: str
    flow: str
    step: str
    data: dict = field(default_factory=dict)
    retries: int = 0


NOTE = "~"  # a conversation whose flow starts so is a note kept for the next message, not an open question


class ConversationsRepo:
    """Open conversations in the scratch file: the row's key is a keyed hash of (channel, user) and
    its content is sealed, so a copy of the file says that conversations are open, not whose or
    about what. Expiry is kept to the minute. A conversation sealed before a restart cannot be read
    after it: it counts as expired.

    While a message is handled (bot/dispatch.py: `begin` … `end`), the user's row is read once with
    the delivery's claim, and saves and clears are kept in memory and written with the delivery's
    reply, in one transaction: one commit per message, and none for a clear of nothing. Within the
    message, the row's sealed content is opened once however many checks ask for her state (speed27): the
    text opened is kept beside the row it came from, in the message's own memo (this thread's, dropped at
    `end`); a save or clear in the message replaces the row, so the next read opens what was written."""

    def __init__(self, db: Database, now, absences=None) -> None:
        self.db = db
        self._now = now
        # .unit: (known rows by key, pending writes by key, opened texts: id(payload) → (payload, text)) or None
        self._local = threading.local()
        self.absences = absences  # storage/absence.py: rows known missing without a read (None: read each)
        self._keys: dict[tuple, str] = {}  # (channel, user, process key) → the keyed hash, computed once

    # ---- the message being handled: one read with the claim, writes with the reply --------------------

    def begin(self, channel: str, user_id: str) -> None:
        """Start buffering for one message and read the user's row (call inside the claim's transaction)."""
        self._local.unit = ({}, {}, {})
        self._row(channel, user_id)

    def end(self) -> dict:
        """Stop buffering; the pending writes (key → (payload, expires_at), or None to delete)."""
        unit = getattr(self._local, "unit", None)
        self._local.unit = None
        return unit[1] if unit else {}

    def changing(self) -> bool:
        """Has the message being handled saved or cleared a conversation (pending, not yet written)?"""
        unit = getattr(self._local, "unit", None)
        return bool(unit and unit[1])

    def write(self, pending: dict) -> None:
        """Apply what `end` returned (inside the reply's transaction); `written()` once it is committed."""
        wrote = self._local.wrote = {}
        for key, row in pending.items():
            token = self.absences.changing(key) if self.absences is not None else 0
            if row is None:
                self.db.execute("DELETE FROM conversations WHERE key = ?", (key,))
            else:
                self.db.execute(self.UPSERT, (key, *row))
            wrote[key] = (token, None if row is None else {"payload": row[0], "expires_at": row[1]})

    def written(self) -> None:
        """The rows `write` wrote are committed: kept (storage/absence.py), so that the teacher's next
        message reads none while no other write reaches their bucket."""
        wrote, self._local.wrote = getattr(self._local, "wrote", None), None
        if wrote and self.absences is not None and not self.db.conn.in_transaction:
            for key, (token, row) in wrote.items():
                self.absences.note(key, token, row)

    def _key(self, channel: str, user_id: str) -> str:
        key = self._keys.get((channel, user_id, process_key()))
        if key is None:
            if len(self._keys) >= 100_000:
                self._keys.clear()
            key = self._keys[(channel, user_id, process_key())] = keyed("conversation", channel, user_id)
        return key

    def _expiry(self, ttl: dt.timedelta) -> str:
        return (self._now() + ttl).replace(second=0, microsecond=0).isoformat()

    SELECT = "SELECT payload, expires_at FROM conversations WHERE key = ?"
    UPSERT = ("INSERT INTO conversations (key, payload, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
              "payload = excluded.payload, expires_at = excluded.expires_at")

    def _row(self, channel: str, user_id: str) -> dict | None:
        key = self._key(channel, user_id)
        unit = getattr(self._local, "unit", None)
        if unit is not None and key in unit[0]:
            return unit[0][key]
        absences = self.absences
        known, row = absences.recall(key) if absences is not None else (False, None)
        if known and (row is None or row["expires_at"] > self._now().isoformat()):
            pass  # as last read or written here, and no conversation of its bucket written since
        elif absences is None:
            row = self.db.one(self.SELECT, (key,))
        else:  # (an expired row is read again: the hourly purge may have deleted it without a new token)
            with self.db.writers_lock():  # the token before the read, under the lock every write takes
                token = absences.token(key)
                row = self.db.one(self.SELECT, (key,))
            if not self.db.conn.in_transaction:  # (inside one, the read may see a write not yet committed,
                absences.note(key, token, row)  # which a rollback takes back: never kept, attack review 17)
        if unit is not None:
            unit[0][key] = row
        return row

    def _open(self, channel: str, user_id: str, row: dict) -> Conversation | None:
        plain = self._unsealed(row["payload"])
        if plain is None:
            return None
        d = json.loads(plain)
        return Conversation(channel, user_id, d["flow"], d["step"], d["data"], d["retries"])

    def _unsealed(self, payload: bytes) -> str | None:
        """unseal(payload), once per message: the checks of one turn ask for her state up to four times
        ("取消报名乒乓球" after a list: the turn, a follow-up's, a focus's and the withdrawal's look at what was shown).
        Kept by the payload itself (a save seals afresh: another object, opened anew), never past `end`; the
        parsed state is made anew at each read, so no check's changes reach another's."""
        unit = getattr(self._local, "unit", None)
        if unit is None:
            return unseal(payload)
        seen = unit[2].get(id(payload))  # (the payload is held there: its id is not another's meanwhile)
        if seen is not None and seen[0] is payload:
            return seen[1]
        plain = unseal(payload)
        unit[2][id(payload)] = (payload, plain)
        return plain

    def get(self, channel: str, user_id: str) -> Conversation | None:
        row = self._row(channel, user_id)
        if row is None or row["expires_at"] <= self._now().isoformat():
            return None
        return self._open(channel, user_id, row)

    def stamp(self, channel: str, user_id: str) -> bytes | None:
        """The user's row as it is now (sealed afresh at each save): whether a message left it unchanged."""
        row = self._row(channel, user_id)
        return None if row is None else row["payload"]

    def save(self, conv: Conversation, ttl: dt.timedelta) -> None:
        payload = seal(json.dumps({"flow": conv.flow, "step": conv.step, "data": conv.data, "retries": conv.retries},
                                  ensure_ascii=False), size=CONVERSATION_SIZE)
        key, expires = self._key(conv.channel, conv.user_id), self._expiry(ttl)
        unit = getattr(self._local, "unit", None)
        if unit is not None:
            unit[0][key] = {"payload": payload, "expires_at": expires}
            unit[1][key] = (payload, expires)
            return
        with self.db.transaction():
            self.write({key: (payload, expires)})
        self.written()

    def lookup(self, channel: str, user_id: str) -> tuple[Conversation | None, bool]:
        """(the open conversation or None, whether an expired or unreadable one is left over): one
        read, so that a message with no conversation costs no write."""
        row = self._row(channel, user_id)
        if row is None:
            return None, False
        if row["expires_at"] <= self._now().isoformat():
            left = self._open(channel, user_id, row)  # a note ("~…": what was just shown) ends silently
            return None, left is None or not left.flow.startswith(NOTE)
        conv = self._open(channel, user_id, row)
        return conv, conv is None

    def clear(self, channel: str, user_id: str) -> bool:
        unit = getattr(self._local, "unit", None)
        if unit is not None:
            key = self._key(channel, user_id)
            if self._row(channel, user_id) is None:
                return False  # nothing to delete: no write
            unit[0][key] = None
            unit[1][key] = None
            return True
        key = self._key(channel, user_id)
        with self.db.transaction():  # (the token moves with the delete: a row kept elsewhere stops counting)
            token = self.absences.changing(key) if self.absences is not None else 0
            cur = self.db.execute("DELETE FROM conversations WHERE key = ?", (key,))
        if self.absences is not None and not self.db.conn.in_transaction:
            self.absences.note(key, token)
        return cur.rowcount > 0

    def count(self) -> int:
        return self.db.scalar("SELECT count(*) FROM conversations")

    def purge_expired(self) -> int:
        return self.db.execute("DELETE FROM conversations WHERE expires_at <= ?", (self._now().isoformat(),)).rowcount


class FileInbox:
    """Dedup of platform deliveries (scratch file; storage/inbox.py puts them in a shared mapping first): INSERT OR IGNORE on (channel, msg_key); a retry
    gets the same reply. The reply is sealed with the delivery's own key (the caller's), kept only
    as long as platforms retry, and the row records which process is handling it, so that a retry
    arriving after that process died takes the delivery over instead of waiting for nothing."""

    KEEP = dt.timedelta(hours=1)  # the dedup key: platforms retry within seconds, redeliver within minutes
    KEEP_REPLY = dt.timedelta(minutes=10)  # the sealed reply: WeChat retries within 15 s

    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def _hour(self) -> str:
        """Rows carry the hour they arrived in, no finer (nothing to line up with other tables)."""
        return self._now().replace(minute=0, second=0, microsecond=0).isoformat(timespec="seconds")

    def claim(self, channel: str, msg_key: str, owner: str = "") -> bool:
        """True if this delivery is new (we must process it), or was being handled by a process on
        this machine that has since died (we take it over); False if seen before."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO inbox (channel, msg_key, status, owner, received_at) "
            "VALUES (?, ?, 'processing', ?, ?)",
            (channel, msg_key, owner, self._hour()),
        )
        if cur.rowcount == 1:
            return True
        return self.take_over(channel, msg_key, owner)

    def take_over(self, channel: str, msg_key: str, owner: str) -> bool:
        """Take a delivery whose handler died (killed, or timed out by gunicorn) mid-request."""
        row = self.get(channel, msg_key)
        if row is None or row["status"] != "processing" or owner_alive(row["owner"]) is not False:
            return False
        cur = self.db.execute("UPDATE inbox SET owner = ? WHERE channel = ? AND msg_key = ? AND owner = ? "
                              "AND status = 'processing'", (owner, channel, msg_key, row["owner"]))
        return cur.rowcount == 1

    def finish(self, channel: str, msg_key: str, reply: bytes | None, status: str = "done") -> None:
        self.db.execute(
            "UPDATE inbox SET status = ?, reply = ?, owner = '' WHERE channel = ? AND msg_key = ?",
            (status, reply, channel, msg_key),
        )

    def release(self, channel: str, msg_key: str) -> None:
        """Forget a claim whose handling could not start (the database was unavailable): the
        platform's retry is then handled as new."""
        self.db.execute("DELETE FROM inbox WHERE channel = ? AND msg_key = ? AND status = 'processing'",
                        (channel, msg_key))

    def get(self, channel: str, msg_key: str) -> dict | None:
        return self.db.one("SELECT * FROM inbox WHERE channel = ? AND msg_key = ?", (channel, msg_key))

    def count(self, channel: str | None = None, status: str | None = None) -> int:
        return self.db.scalar("SELECT count(*) FROM inbox WHERE coalesce(?, channel) = channel "
                              "AND coalesce(?, status) = status", (channel, status))

    def rows(self) -> list[dict]:
        return self.db.query("SELECT * FROM inbox")

    def keep(self, channel: str, msg_key: str, reply: bytes | None) -> None:
        """The reply of a delivery claimed in the shared mapping, written here with the conversation it
        changed (in the caller's transaction): the row is made done when it is not here yet."""
        self.db.execute(
            "INSERT INTO inbox (channel, msg_key, status, owner, reply, received_at) VALUES (?, ?, 'done', '', ?, ?) "
            "ON CONFLICT (channel, msg_key) DO UPDATE SET status = 'done', reply = excluded.reply, owner = ''",
            (channel, msg_key, reply, self._hour()))

    def purge(self, older_than: dt.timedelta = KEEP) -> int:
        """Rows whose hour ended more than `older_than` ago (so a row lives one to two hours), and
        replies older than KEEP_REPLY (their hour is all we know: those of the previous hour)."""
        now = self._now()
        cutoff = (now - older_than - dt.timedelta(hours=1)).isoformat(timespec="seconds")
        removed = self.db.execute("DELETE FROM inbox WHERE received_at < ?", (cutoff,)).rowcount
        reply_cutoff = (now - self.KEEP_REPLY).replace(minute=0, second=0, microsecond=0).isoformat(
            timespec="seconds")
        self.db.execute("UPDATE inbox SET reply = NULL WHERE reply IS NOT NULL AND status = 'done' "
                        "AND received_at < ?", (reply_cutoff,))
        return removed

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
