"""One SQLite file through sqlite-utils: WAL, a busy timeout, explicit transactions.

Connections are opened per thread (Flask serves requests on threads; the scheduler runs on its
own). Autocommit is on; `transaction()` opens BEGIN IMMEDIATE so a check-then-insert (capacity,
dedup, locks) is atomic across processes.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000


class StorageError(Exception):
    """The database could not be opened or migrated."""


def connect(path: str) -> sqlite_utils.Database:
    try:
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # deleted rows are overwritten, not left in free pages for someone with the file to read back
        conn.execute("PRAGMA secure_delete = ON")
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"无法打开数据库 (cannot open database) {path}: {exc}") from None
    return sqlite_utils.Database(conn)


class Database:
    """Thread-local sqlite-utils connections to one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._shared = connect(path) if path == ":memory:" else None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._shared is not None:
            return self._shared
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = connect(self.path)
        return db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Any = ()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: Any = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """BEGIN IMMEDIATE … COMMIT: takes the write lock up front so check-then-write is atomic."""
        conn = self.conn
        if conn.in_transaction:  # nested: join the outer transaction
            yield self
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None
