"""What a migration is made of: the ordered list of steps, the decorator that appends to it, and
running a script statement by statement (storage/migrations.py applies them; storage/schema_v1.py
and storage/schema_v2.py hold them, in order)."""

from __future__ import annotations

from collections.abc import Callable

from storage.db import Database

STEPS: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str):
    def register(fn: Callable[[Database], None]):
        STEPS.append((name, fn))
        return fn

    return register


def run_script(db: Database, sql: str) -> None:
    """executescript() would COMMIT the migration's transaction; run statement by statement."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)
