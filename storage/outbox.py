"""The outbox: every push (greeting, notice, promotion, reply) is a row with a unique key, so the
same message can never be written twice; a sender drains it."""

from __future__ import annotations

import datetime as dt

from storage.db import Database


class OutboxRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def enqueue(self, kind: str, member_id: int | None, text: str, *, occasion: str = "",
                send_on: dt.date | None = None, not_before: dt.datetime | None = None,
                dedup_key: str | None = None, channel: str = "", target: str = "",
                status: str = "pending", reason: str = "", payload: str = "") -> bool:
        """Write one message; False if its key was written before (nothing happens). `payload`: the
        structured form a channel may send instead of the text (JSON, see bot/push.py)."""
        now = self._now()
        send_on = send_on or now.date()
        key = dedup_key or f"{kind}|{member_id}|{occasion}|{send_on.isoformat()}"
        cur = self.db.execute(
            "INSERT OR IGNORE INTO outbox (dedup_key, kind, occasion, member_id, channel, target, text, send_on, "
            "not_before, status, reason, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, kind, occasion, member_id, channel, target, text, send_on.isoformat(),
             (not_before or now).isoformat(timespec="seconds"), status, reason, now.isoformat(timespec="seconds"),
             payload),
        )
        return cur.rowcount == 1

    def get(self, row_id: int) -> dict | None:
        return self.db.one("SELECT o.*, m.staff_no, m.name FROM outbox o LEFT JOIN members m ON m.id = o.member_id "
                           "WHERE o.id = ?", (row_id,))

    def recent(self, since: str, statuses: tuple[str, ...] = (), limit: int = 500, offset: int = 0) -> list[dict]:
        """Rows of days on or after `since` (newest first), optionally only some statuses; a page of
        them with `offset`."""
        where, params = self._recent_where(since, statuses)
        return self.db.query("SELECT o.*, m.staff_no, m.name FROM outbox o LEFT JOIN members m ON m.id = o.member_id "
                             f"WHERE {where} ORDER BY o.id DESC LIMIT ? OFFSET ?", [*params, limit, offset])

    def count_recent(self, since: str, statuses: tuple[str, ...] = ()) -> int:
        where, params = self._recent_where(since, statuses)
        return self.db.scalar(f"SELECT count(*) FROM outbox o WHERE {where}", params)

    @staticmethod
    def _recent_where(since: str, statuses: tuple[str, ...]) -> tuple[str, list]:
        where, params = "o.send_on >= ?", [since]
        if statuses:
            where += f" AND o.status IN ({', '.join('?' for _ in statuses)})"
            params += list(statuses)
        return where, params

    def requeue(self, row_id: int) -> bool:
        """A failed (or skipped) message goes back to pending, to be sent again now. Sent ones never do."""
        return self.db.execute(
            "UPDATE outbox SET status = 'pending', reason = '', attempts = 0, next_attempt_at = NULL, "
            "channel = CASE WHEN member_id IS NULL THEN channel ELSE '' END, "
            "target = CASE WHEN member_id IS NULL THEN target ELSE '' END "
            "WHERE id = ? AND status IN ('failed', 'skipped')", (row_id,)).rowcount == 1

    def pending_ids(self, kind: str, channel: str, target: str) -> list[int]:
        """Rows of `kind` waiting for one recipient on one channel (a card update to send at once)."""
        return [r["id"] for r in self.db.query(
            "SELECT id FROM outbox WHERE kind = ? AND channel = ? AND target = ? AND status = 'pending' ORDER BY id",
            (kind, channel, target))]

    def record_receipt(self, channel: str, platform_msg_id: str, receipt: str, target: str) -> int:
        """What the platform later reported for the send to `target` it numbered `platform_msg_id`:
        the rows updated (0 for an id we never sent)."""
        if not platform_msg_id:
            return 0
        return self.db.execute("UPDATE outbox SET receipt = ? WHERE channel = ? AND platform_msg_id = ? AND target = ?",
                               (receipt, channel, platform_msg_id, target)).rowcount

    def for_member(self, member_id: int) -> list[dict]:
        return self.db.query("SELECT * FROM outbox WHERE member_id = ? ORDER BY id", (member_id,))

    def list(self, send_on: str | None = None, status: str | None = None) -> list[dict]:
        sql, params = "SELECT o.*, m.staff_no FROM outbox o LEFT JOIN members m ON m.id = o.member_id WHERE 1 = 1", []
        if send_on:
            sql += " AND o.send_on = ?"
            params.append(send_on)
        if status:
            sql += " AND o.status = ?"
            params.append(status)
        return self.db.query(sql + " ORDER BY o.id", params)
