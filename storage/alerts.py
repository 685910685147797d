"""Warnings for the people who run the bot, kept until they are dealt with: what went wrong, in
plain Chinese, and what to do (the console's dashboard shows them). Rows in the kv table under
`alert:<key>`; one per key, so a warning hit every minute is one warning, with its first and
last time. A problem that goes away by itself (a platform that accepts the bot again) clears its
warning; the others are dismissed on the dashboard."""

from __future__ import annotations

import json

from storage.db import Database

PREFIX = "alert:"
LAST_BACKUP = "last-backup"


class AlertsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def raise_(self, key: str, text: str, todo: str = "") -> None:
        """Record (or refresh) the warning `key`."""
        now = self._now().isoformat(timespec="seconds")
        old = self.get(key)
        value = {"text": text, "todo": todo, "first": old["first"] if old else now, "last": now,
                 "count": (old["count"] if old else 0) + 1}
        self.db.execute("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (PREFIX + key, json.dumps(value, ensure_ascii=False)))

    def clear(self, key: str) -> bool:
        return self.db.execute("DELETE FROM kv WHERE key = ?", (PREFIX + key,)).rowcount == 1

    def get(self, key: str) -> dict | None:
        value = self.db.scalar("SELECT value FROM kv WHERE key = ?", (PREFIX + key,))
        return self._load(key, value) if value else None

    def active(self) -> list[dict]:
        """Every open warning, newest first."""
        rows = self.db.query("SELECT key, value FROM kv WHERE key LIKE ? ESCAPE '\\'", (PREFIX + "%",))
        alerts = [self._load(r["key"][len(PREFIX):], r["value"]) for r in rows]
        return sorted((a for a in alerts if a), key=lambda a: a["last"], reverse=True)

    def backed_up(self) -> None:
        """A backup was made now (`python -m bot backup`): the dashboard's reminder restarts from here."""
        self.db.execute("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (LAST_BACKUP, self._now().isoformat(timespec="seconds")))

    def last_backup(self) -> str | None:
        return self.db.scalar("SELECT value FROM kv WHERE key = ?", (LAST_BACKUP,))

    @staticmethod
    def _load(key: str, value: str) -> dict | None:
        try:
            data = json.loads(value)
        except ValueError:
            return None
        return {"key": key, **data} if isinstance(data, dict) else None
