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
                status: str = "pending", reason: str = "") -> bool:
        """Write one message; False if its key was written before (nothing happens)."""
        now = self._now()
        send_on = send_on or now.date()
        key = dedup_key or f"{kind}|{member_id}|{occasion}|{send_on.isoformat()}"
        cur = self.db.execute(
            "INSERT OR IGNORE INTO outbox (dedup_key, kind, occasion, member_id, channel, target, text, send_on, "
            "not_before, status, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, kind, occasion, member_id, channel, target, text, send_on.isoformat(),
             (not_before or now).isoformat(timespec="seconds"), status, reason, now.isoformat(timespec="seconds")),
        )
        return cur.rowcount == 1

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
