"""Suggestions, proposals and complaints. An anonymous row holds no member or platform id and
only the date it was made. (The per-user daily limit is never stored: handlers/suggestions.py
counts it in memory.)"""

from __future__ import annotations

import secrets

from storage.db import Database

TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
STATUSES = ["已收到", "已立案", "转为建议", "已答复", "已办结"]
NEXT_STATUSES = {
    "已收到": {"已立案", "转为建议", "已答复", "已办结"},
    "已立案": {"已答复", "已办结"},
    "转为建议": {"已答复", "已办结"},
    "已答复": {"已办结"},
    "已办结": set(),
}


def new_ticket() -> str:
    """6 characters from an unambiguous alphabet, at least one a digit (so it never reads as a word)."""
    while True:
        ticket = "".join(secrets.choice(TICKET_ALPHABET) for _ in range(6))
        if any(ch.isdigit() for ch in ticket):
            return ticket


class SuggestionsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def add(self, kind: str, content: str, member_id: int | None) -> str:
        today = self._now().date().isoformat()
        for _ in range(20):
            ticket = new_ticket()
            cur = self.db.execute(
                "INSERT OR IGNORE INTO suggestions (ticket, kind, content, anonymous, member_id, created_on, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ticket, kind, content, int(member_id is None), member_id, today, today),
            )
            if cur.rowcount == 1:
                return ticket
        raise RuntimeError("could not allocate a ticket code")

    def by_ticket(self, ticket: str) -> dict | None:
        return self.db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket.upper(),))

    def for_member(self, member_id: int) -> list[dict]:
        return self.db.query("SELECT * FROM suggestions WHERE member_id = ? ORDER BY id DESC", (member_id,))

    def list(self, status: str | None = None, kind: str | None = None, public: bool | None = None) -> list[dict]:
        sql, params = "SELECT * FROM suggestions WHERE 1 = 1", []
        for column, value in (("status", status), ("kind", kind), ("public", None if public is None else int(public))):
            if value is not None and value != "":
                sql += f" AND {column} = ?"
                params.append(value)
        return self.db.query(sql + " ORDER BY id", params)

    def update(self, ticket: str, *, status: str | None = None, reply: str | None = None,
               public: bool | None = None) -> dict:
        row = self.by_ticket(ticket)
        if row is None:
            raise KeyError(ticket)
        if status and status != row["status"] and status not in NEXT_STATUSES[row["status"]]:
            raise ValueError(f"不能从“{row['status']}”改为“{status}”")
        stamp = self._now().isoformat(timespec="seconds")
        self.db.execute(
            "UPDATE suggestions SET status = ?, reply = ?, replied_at = ?, public = ?, updated_at = ? WHERE id = ?",
            (status or row["status"], row["reply"] if reply is None else reply,
             stamp if reply else row["replied_at"], row["public"] if public is None else int(public),
             stamp[:10], row["id"]),
        )
        return self.by_ticket(ticket)
