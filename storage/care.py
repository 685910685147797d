"""Care reports (五必访) and checkups."""

from __future__ import annotations

from storage.db import Database


def _update(db: Database, table: str, row_id: int, fields: dict) -> None:
    """Set these columns (names from the repository's own EDITABLE list, never from a form) of one row."""
    if fields:
        sets = ", ".join(f"{k} = ?" for k in fields)
        db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*fields.values(), row_id))


class CareRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def add(self, reporter_member_id: int, subject: str, event: str, event_kind: str, when_text: str) -> int:
        cur = self.db.execute(
            "INSERT INTO care_reports (reporter_member_id, subject, event, event_kind, when_text, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (reporter_member_id, subject, event, event_kind, when_text, self._now().isoformat(timespec="seconds")),
        )
        return cur.lastrowid

    def list(self, status: str | None = None) -> list[dict]:
        sql = ("SELECT c.*, m.name AS reporter_name, m.staff_no AS reporter_staff_no FROM care_reports c "
               "LEFT JOIN members m ON m.id = c.reporter_member_id")
        params: tuple = ()
        if status:
            sql, params = sql + " WHERE c.status = ?", (status,)
        return self.db.query(sql + " ORDER BY c.id DESC", params)

    def get(self, report_id: int) -> dict | None:
        return self.db.one("SELECT * FROM care_reports WHERE id = ?", (report_id,))

    def mark_visited(self, report_id: int, note: str, by: str) -> bool:
        """探望/慰问 done; False if there is no such report."""
        return self.db.execute(
            "UPDATE care_reports SET status = '已探望', visited_at = ?, visit_note = ?, visited_by = ? WHERE id = ?",
            (self._now().isoformat(timespec="seconds"), note, by, report_id)).rowcount == 1

    EDITABLE = ("subject", "event_kind", "when_text", "event", "visit_note")

    def update(self, report_id: int, **values) -> dict:
        """Correct a report: who, what kind, when, the account of it, the visit's note."""
        _update(self.db, "care_reports", report_id, {k: v for k, v in values.items() if k in self.EDITABLE})
        return self.get(report_id)

    def delete(self, report_id: int) -> bool:
        return self.db.execute("DELETE FROM care_reports WHERE id = ?", (report_id,)).rowcount == 1


class CheckupsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def add(self, title: str, start_date: str, end_date: str, place: str = "", audience: str = "all",
            notes: str = "") -> int:
        cur = self.db.execute(
            "INSERT INTO checkups (title, start_date, end_date, place, audience, notes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (title, start_date, end_date, place, audience, notes, self._now().isoformat(timespec="seconds")),
        )
        return cur.lastrowid

    def upcoming(self) -> list[dict]:
        today = self._now().date().isoformat()
        return self.db.query("SELECT * FROM checkups WHERE end_date >= ? ORDER BY start_date, id", (today,))

    def all(self) -> list[dict]:
        return self.db.query("SELECT * FROM checkups ORDER BY start_date, id")

    def get(self, checkup_id: int) -> dict | None:
        return self.db.one("SELECT * FROM checkups WHERE id = ?", (checkup_id,))

    EDITABLE = ("title", "start_date", "end_date", "place", "audience", "notes")

    def update(self, checkup_id: int, **values) -> dict:
        """Change some of EDITABLE; the notices still to come follow the new dates and words."""
        _update(self.db, "checkups", checkup_id, {k: v for k, v in values.items() if k in self.EDITABLE})
        return self.get(checkup_id)

    def delete(self, checkup_id: int) -> int:
        """Remove a checkup; its notices written for today and not yet sent are skipped. Returns how many."""
        with self.db.transaction():
            skipped = self.db.execute(
                "UPDATE outbox SET status = 'skipped', reason = '体检已删除' WHERE status = 'pending' "
                "AND kind IN ('checkup_notice', 'checkup_reminder') AND dedup_key LIKE ?",
                (f"checkup|%|{checkup_id}:%",)).rowcount
            self.db.execute("DELETE FROM checkups WHERE id = ?", (checkup_id,))
        return skipped
