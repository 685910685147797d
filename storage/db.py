"""One SQLite file through sqlite-utils: WAL, a busy timeout, explicit transactions.

Connections are opened per thread (Flask serves requests on threads; the scheduler runs on its
own). Autocommit is on; `transaction()` opens BEGIN IMMEDIATE so a check-then-insert (capacity,
dedup, locks) is atomic across processes.

Writers take turns through a lock file next to the database (flock) and a thread lock, not through
SQLite's busy handler: SQLite's own wait sleeps 1, 2, 5, 10… ms and polls, so two gunicorn workers
writing at once spent more time asleep than working (two workers answered barely more than one).
A waiting writer here is woken the moment the other one commits. Readers never wait (WAL). Other
programs that open the file (sqlite3, a backup) still meet SQLite's busy timeout, as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from typing import Any

import sqlite_utils

from storage.leases import current_pid
from storage.versions import ANY, read_versions, stamp, still, tables_of

BUSY_TIMEOUT_MS = 10_000
CACHED_STATEMENTS = 256
CACHE_ENTRIES = 10_000  # per connection; the whole cache is dropped when the data changes anyway
_MISSING = object()
TABLED_ENTRIES = 4096  # per connection: values kept across changes to tables they did not read


class StorageError(Exception):
    """The database could not be opened or migrated."""


def connect(path: str, journal: str = "WAL", synchronous: str = "NORMAL") -> sqlite_utils.Database:
    try:
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            private(path)
        # every statement text on the hot path is fixed (parameters, never formatting), so each is
        # prepared once per connection and found again in sqlite3's statement cache
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False,
                               cached_statements=CACHED_STATEMENTS)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        conn.execute("PRAGMA foreign_keys = ON")
        # deleted rows are overwritten, not left in free pages for someone with the file to read back
        conn.execute("PRAGMA secure_delete = ON")
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"无法打开数据库 (cannot open database) {path}: {exc}") from None
    return sqlite_utils.Database(conn)


def private(path: str) -> None:
    """The database readable by the service's user only (whoever reads the file reads everything).
    SQLite gives a new -wal, -shm or -journal file the main file's mode; existing ones are fixed too."""
    if not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for name in (path, path + "-wal", path + "-shm", path + "-journal"):
        with contextlib.suppress(OSError):
            if os.stat(name).st_mode & 0o077:
                os.chmod(name, 0o600)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class WriteLock:
    """One writer at a time per database file: across this process's threads (an RLock) and across
    processes on this machine (flock on `<database>-writers.lock`, reopened after a fork)."""

    def __init__(self, path: str) -> None:
        self.path = path + "-writers.lock"
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._pid = 0

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        with self._threads:
            if self._depth == 0:
                if self._pid != current_pid():  # a forked child must not share its parent's lock
                    self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                    self._pid = current_pid()
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)


_write_locks: dict[str, WriteLock] = {}
_write_locks_guard = threading.Lock()


def write_lock(path: str) -> WriteLock | None:
    if path == ":memory:":
        return None
    key = os.path.abspath(path)
    with _write_locks_guard:
        if key not in _write_locks:
            _write_locks[key] = WriteLock(key)
        return _write_locks[key]


class Database:
    """Thread-local sqlite-utils connections to one file.

    `journal` and `synchronous` are SQLite's pragmas: the main file is WAL (readers never wait);
    the scratch file (storage/scratch.py) keeps no history and serializes every access, reads
    included (`serialize`), so that nobody ever waits in SQLite's sleeping busy handler."""

    def __init__(self, path: str, *, journal: str = "WAL", synchronous: str = "NORMAL",
                 serialize: bool = False) -> None:
        self.path = path
        self.journal, self.synchronous = journal, synchronous
        self._local = threading.local()
        self._shared = connect(path, journal, synchronous) if path == ":memory:" else None
        self._shared_cache = threading.local() if self._shared is not None else None
        self._writers = write_lock(path)
        self._serialize = serialize and self._writers is not None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._shared is not None:
            return self._shared
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = connect(self.path, self.journal, self.synchronous)
            if self._serialize:  # the scratch file: compact()'s rows wait in memory, never in a temporary file
                db.conn.execute("PRAGMA temp_store = MEMORY")
        return db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        conn = self.conn
        self._note(sql)
        if self._writers is None or conn.in_transaction or not (
                self._serialize or sql.lstrip()[:7].upper().startswith(WRITES)):
            return conn.execute(sql, params)
        with self._writers.hold():
            return conn.execute(sql, params)

    def version(self) -> tuple[int, int]:
        """Changes since this connection last looked: SQLite's data_version moves when another
        connection commits, total_changes when this one writes. Inside one_look(), other connections'
        commits are looked for once."""
        conn, local = self.conn, self._shared_cache if self._shared is not None else self._local
        looked = getattr(local, "looked", False)
        if looked is False:
            return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes
        if looked is None:
            looked = local.looked = conn.execute("PRAGMA data_version").fetchone()[0]
        return looked, conn.total_changes

    @contextlib.contextmanager
    def one_look(self) -> Iterator[None]:
        """One message's handling (bot/dispatch.py): the cached reads in it look for other processes'
        commits once, at the first, not at each (one PRAGMA and its two locks instead of two or three).
        As if a commit landing during the message had landed just after its first cached read; this
        connection's own writes are still seen at once (total_changes)."""
        local = self._shared_cache if self._shared is not None else self._local
        local.looked = None
        try:
            yield
        finally:
            local.looked = False

    def cached(self, key: Any, fn: Callable[[], Any]) -> Any:
        """fn(), remembered per connection while what it read is unchanged (any process): read-mostly
        answers (the activity list, who a user is) cost one PRAGMA, not a query. A value whose reads
        named only versioned tables (storage/versions.py) stays good across writes to other tables
        (a sign-up keeps who a user is; another worker's hourly last use keeps both); any other value
        is dropped when anything in the database changes. Values are shared: callers must not change
        them (return frozen or copied objects)."""
        if self._serialize or self.conn.in_transaction:  # the scratch file (reads take the writers' lock
            return fn()  # anyway); inside a transaction (what it reads may yet be rolled back)
        local = self._shared_cache if self._shared is not None else self._local
        version = self.version()
        cache, tabled = getattr(local, "cache", None), getattr(local, "tabled", None)
        if cache is None or cache[0] != version:  # values that depend on anything: dropped at any change
            cache = local.cache = (version, {})
        if tabled is None:
            tabled = local.tabled = {}
        value = cache[1].get(key, _MISSING)
        if value is not _MISSING:
            self.noted((ANY,))
            return value
        versions = self.table_versions(version)  # (read before fn reads: a commit between makes them old)
        entry = tabled.get(key)
        if entry is not None and still(entry[1], versions):
            self.noted(entry[0])
            return entry[2]
        with self.reading() as read:
            value = fn()
        if self.version() == version:  # nothing changed while fn read (else: not kept)
            stamped = stamp(read, versions)
            if stamped is None:
                if len(cache[1]) >= CACHE_ENTRIES:
                    cache[1].clear()
                cache[1][key] = value
            else:
                if len(tabled) >= TABLED_ENTRIES:
                    tabled.clear()
                tabled[key] = (frozenset(read), stamped, value)
        return value

    def table_versions(self, version: tuple[int, int] | None = None) -> dict[str, int]:
        """The versioned tables' counters as of `version` (read again only when it moved)."""
        local = self._shared_cache if self._shared is not None else self._local
        version = version or self.version()
        seen = getattr(local, "versions", None)
        if seen is None or seen[0] != version:
            seen = local.versions = (version, read_versions(self.conn))
        return seen[1]

    @contextlib.contextmanager
    def reading(self) -> Iterator[set[str]]:
        """The tables read within (this thread, this file), given to the enclosing `reading` too."""
        local = self._shared_cache if self._shared is not None else self._local
        outer = getattr(local, "read", None)
        read = local.read = set()
        try:
            yield read
        finally:
            local.read = outer
            if outer is not None:
                outer |= read

    def noted(self, tables) -> None:
        read = getattr(self._shared_cache if self._shared is not None else self._local, "read", None)
        if read is not None:
            read.update(tables)

    def _note(self, sql: str) -> None:
        read = getattr(self._shared_cache if self._shared is not None else self._local, "read", None)
        if read is not None:
            read |= tables_of(sql)

    def writers_lock(self):
        """The writers' lock (storage/absence.py reads a token and a row under it); nothing for :memory:."""
        return self._writers.hold() if self._writers is not None else contextlib.nullcontext()

    def _read(self, sql: str, params: Any) -> tuple[list[str], list[tuple]]:
        conn = self.conn
        self._note(sql)
        with self._writers.hold() if self._serialize and not conn.in_transaction else contextlib.nullcontext():
            cur = conn.execute(sql, params)
            return [c[0] for c in cur.description or ()], cur.fetchall()

    def query(self, sql: str, params: Any = ()) -> list[dict]:
        cols, rows = self._read(sql, params)
        return [dict(zip(cols, row, strict=True)) for row in rows]

    def one(self, sql: str, params: Any = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        rows = self._read(sql, params)[1]
        return rows[0][0] if rows else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """BEGIN IMMEDIATE … COMMIT: takes the write lock up front so check-then-write is atomic."""
        conn = self.conn
        if conn.in_transaction:  # nested: join the outer transaction
            yield self
            return
        with self._writers.hold() if self._writers is not None else contextlib.nullcontext():
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
            self._local.cache = self._local.versions = self._local.tabled = None
