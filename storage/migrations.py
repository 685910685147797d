"""Ordered schema migrations, each recorded in the `_migrations` table once applied. The steps live in
storage/schema_v1.py (0001–0009) and storage/schema_v2.py (0010 on); append new ones to the last."""

from __future__ import annotations

import storage.schema_v1  # (importing them registers their steps, in order)
import storage.schema_v2  # noqa: F401
from storage.db import Database
from storage.schema import STEPS as MIGRATIONS
from storage.schema import run_script  # noqa: F401  (kept importable from here)


def migrate(db: Database) -> list[str]:
    """Apply pending migrations in order; return the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied = {r["name"] for r in db.query("SELECT name FROM _migrations")}
    done = []
    for name, fn in MIGRATIONS:
        if name in applied:
            continue
        with db.transaction():
            if db.scalar("SELECT 1 FROM _migrations WHERE name = ?", (name,)):
                continue  # another process got there first
            fn(db)
            db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
        done.append(name)
    return done
