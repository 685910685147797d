"""Suggestions, proposals and complaints. An anonymous row holds no member or platform id and
only the date it was made. (The per-user daily limit is never stored: handlers/suggestions.py
counts it in memory.)

A suggestion first goes into the tray (the scratch file, storage/scratch.py) and reaches the
suggestions table at the day's release: all of a day's suggestions together, in random order,
with random ids, once the day is over. So the main database's WAL and its row order never say
when a suggestion came, and so never place it beside whatever else its sender did that day: the
most the file can say is "made on that day, by one of the teachers who used the bot that day".
Until the release the sender may change it between 实名 and 匿名 with the ticket code (only the
sender has it); a ticket in the tray answers 已收到."""

from __future__ import annotations

import random
import secrets

from storage.db import Database
from storage.proposals import status_refusal
from storage.scratch import compact, durable

TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
STATUSES = ["已收到", "已立案", "不予立案", "转为建议", "已交办", "已答复", "已落实", "已办结"]
# what the generic status field allows (a proposal's console page offers only its congress step,
# storage/proposals.py; closing early stays possible)
NEXT_STATUSES = {
    "已收到": {"已立案", "不予立案", "转为建议", "已答复", "已办结"},
    "已立案": {"已交办", "已答复", "已办结"},
    "不予立案": {"已办结"},
    "转为建议": {"已答复", "已办结"},
    "已交办": {"已答复", "已办结"},
    "已答复": {"已落实", "已办结"},
    "已落实": {"已办结"},
    "已办结": set(),
}


def new_ticket() -> str:
    """6 characters from an unambiguous alphabet, at least one a digit (so it never reads as a word)."""
    while True:
        ticket = "".join(secrets.choice(TICKET_ALPHABET) for _ in range(6))
        if any(ch.isdigit() for ch in ticket):
            return ticket


def random_id() -> int:
    """Row ids that say nothing about order (SQLite's rowid would count up with each insert)."""
    return secrets.randbelow(2**62) + 1


class SuggestionsRepo:
    def __init__(self, db: Database, now, scratch: Database | None = None) -> None:
        self.db = db
        self._now = now
        self.scratch = scratch if scratch is not None else db

    # ---- the tray: taken today, released into the suggestions table when the day is over -------------

    def submit(self, kind: str, content: str, member_id: int | None, delivery: str, sender: str = "") -> str:
        """Put a suggestion in the tray and return its ticket. `delivery` is a keyed hash of the
        platform delivery: a retry of a delivery whose first handler died gets the same ticket
        instead of a second suggestion. Synced to disk before the teacher is told it was taken."""
        today = self._now().date().isoformat()
        ticket = None
        with durable(self.scratch):
            found = self.scratch.one("SELECT ticket FROM tray WHERE id = ?", (delivery,))
            if found:
                return found["ticket"]
            for _ in range(20):
                candidate = new_ticket()
                if self.db.scalar("SELECT 1 FROM suggestions WHERE ticket = ?", (candidate,)):
                    continue
                cur = self.scratch.execute(
                    "INSERT OR IGNORE INTO tray (id, ticket, kind, content, member_id, day, sender) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", (delivery, candidate, kind, content, member_id, today, sender))
                if cur.rowcount == 1:
                    ticket = candidate
                    break
            if ticket is None:
                raise RuntimeError("could not allocate a ticket code")
            compact(self.scratch)  # in the same commit: a long text's overflow pages never sit in arrival order
        return ticket

    def in_tray(self, ticket: str) -> dict | None:
        return self.scratch.one("SELECT * FROM tray WHERE ticket = ?", (ticket.upper(),))

    def sent_by(self, sender: str) -> list[str]:
        """The tickets in the tray from this sender (a keyed hash only the serving processes can compute)."""
        return [r["ticket"] for r in self.scratch.query("SELECT ticket FROM tray WHERE sender = ? AND sender != ''",
                                                        (sender,))]

    def resign(self, ticket: str, member_id: int | None, sender: str, content: str | None = None) -> bool:
        """Change a suggestion still in the tray to signed (a member id) or anonymous (None); only
        its sender (the same keyed hash of the platform user) may. `content`: its words as they are now kept (an
        anonymous one's without what says who sent it), in the same write."""
        with durable(self.scratch):
            changed = self.scratch.execute("UPDATE tray SET member_id = ?, content = coalesce(?, content) "
                                           "WHERE ticket = ? AND sender = ? AND sender != ''",
                                           (member_id, content, ticket.upper(), sender)).rowcount == 1
            compact(self.scratch)
        return changed

    def tray_count(self) -> int:
        return self.scratch.scalar("SELECT count(*) FROM tray")

    def release(self, before: str | None = None) -> int:
        """Move the tray's suggestions made before the day `before` (default: today, i.e. every
        finished day) into the suggestions table: all at once, shuffled, with random ids. A ticket
        already released (two processes at once, or a crash between the two files) is skipped."""
        before = before or self._now().date().isoformat()
        rows = self.scratch.query("SELECT * FROM tray WHERE day < ?", (before,))
        if not rows:
            return 0
        random.SystemRandom().shuffle(rows)
        with self.db.transaction():
            for row in rows:
                self.db.execute(
                    "INSERT OR IGNORE INTO suggestions (id, ticket, kind, content, anonymous, member_id, created_on, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (random_id(), row["ticket"], row["kind"], row["content"], int(row["member_id"] is None),
                     row["member_id"], row["day"], row["day"]))
        with self.scratch.transaction():
            for row in rows:
                self.scratch.execute("DELETE FROM tray WHERE id = ?", (row["id"],))
        return len(rows)

    def add(self, kind: str, content: str, member_id: int | None) -> str:
        """Straight into the suggestions table (tests and imports; teachers' suggestions go through
        the tray)."""
        today = self._now().date().isoformat()
        for _ in range(20):
            ticket = new_ticket()
            cur = self.db.execute(
                "INSERT OR IGNORE INTO suggestions (id, ticket, kind, content, anonymous, member_id, created_on, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (random_id(), ticket, kind, content, int(member_id is None), member_id, today, today),
            )
            if cur.rowcount == 1:
                return ticket
        raise RuntimeError("could not allocate a ticket code")

    def by_ticket(self, ticket: str) -> dict | None:
        return self.db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket.upper(),))

    def for_member(self, member_id: int) -> list[dict]:
        """A member's signed suggestions, those still in the tray first."""
        waiting = [{"ticket": r["ticket"], "kind": r["kind"], "content": r["content"], "anonymous": 0,
                    "member_id": member_id, "status": "已收到", "reply": "", "created_on": r["day"], "day": r["day"],
                    "public": 0}
                   for r in self.scratch.query("SELECT * FROM tray WHERE member_id = ? ORDER BY day DESC", (member_id,))]
        return waiting + self.db.query("SELECT * FROM suggestions WHERE member_id = ? ORDER BY created_on DESC, ticket",
                                       (member_id,))

    def list(self, status: str | None = None, kind: str | None = None, public: bool | None = None) -> list[dict]:
        sql, params = "SELECT * FROM suggestions WHERE 1 = 1", []
        for column, value in (("status", status), ("kind", kind), ("public", None if public is None else int(public))):
            if value is not None and value != "":
                sql += f" AND {column} = ?"
                params.append(value)
        return self.db.query(sql + " ORDER BY created_on, ticket", params)

    def update(self, ticket: str, *, status: str | None = None, reply: str | None = None,
               public: bool | None = None) -> dict:
        row = self.by_ticket(ticket)
        if row is None:
            raise KeyError(ticket)
        if row["kind"] == "提案" and ((status and status != row["status"]) or reply is not None):
            # only the proposal's steps move or answer it (storage/proposals.py): `reply --status <the
            # status it has>` would otherwise answer a 不予立案 (final) or 交办 one past its 答复 step
            raise ValueError(status_refusal(row))
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
