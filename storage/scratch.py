"""The scratch file: what the bot keeps for minutes while teachers talk to it, and no history of it.

Beside the database (`<database>-scratch`) lives a second SQLite file holding the delivery records
(dedup, the reply kept for a platform's retry, signed URLs seen), the open conversations, and the
suggestion tray (suggestions waiting for the day's release, see storage/suggestions.py). It exists
because of one attacker: whoever holds the database file, its WAL or a backup, at any moment. A WAL
is a diary: every commit appends the pages it changed, in order, and they stay readable until the
WAL is reset, which a reader holding a transaction can put off for as long as it likes. So:

- The scratch file uses a rollback journal (no WAL): the file holds the present state only, and
  with `secure_delete` a deleted row's bytes are overwritten at once. Nothing in it is ordered by
  time: tables are WITHOUT ROWID, keyed by hashes or random ids, so page order is random too; the
  private tables (a suggestion, a ballot, a verdict: PRIVATE) are rewritten in key order at the end
  of the file in the same commit that adds a row (`compact`), so their pages never follow arrival.
- Conversations are keyed by a keyed hash of (channel, user) and their content is sealed
  (AES-GCM, padded to a fixed size) with a key that lives only in the memory of the serving
  processes (`process_key()`, made in gunicorn's master before it forks). Replies kept for a retry
  are sealed with a key derived from that key and the delivery itself (channel, user, message id),
  which is not stored anywhere. A copy of the file shows that some conversations are open and some
  replies were given this hour, not whose or which.
- Access is serialized by the writers' lock (reads too), so no process waits in SQLite's busy
  handler. `synchronous = OFF` (a killed process loses nothing: the operating system has the
  writes; only a power cut could), except for a transaction that puts a suggestion in the tray,
  which is synced to disk before it is acknowledged (`durable()`: after the commit, outside the
  writers' lock).

A restart forgets the process key: open conversations end ("刚才的操作已超时") and a retry after the
restart gets a short note instead of the earlier reply. The scratch file never goes into backups.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import time
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.db import Database, StorageError
from storage.keyedhash import hmac_sha256

log = logging.getLogger(__name__)
PAD = 256  # sealed payloads are padded to a multiple of this: lengths say little
CONVERSATION_SIZE = 8192  # every conversation is sealed to this size: a suggestion's draft looks like any other
# A reply kept for a retry is compressed and sealed to at least this size (a multiple of PAD above it):
# one size for nearly every reply, and small enough that its row stays in its B-tree page (no overflow
# page: a 4 KiB page keeps at most 1,002 bytes of a WITHOUT ROWID row in the page).
REPLY_SIZE = 512
SQUEEZED = 1 << 31  # in a sealed body's length word: the text was compressed (raw deflate)
SEALED_REPLY = 12 + REPLY_SIZE + 16  # nonce, body, tag: the one size of nearly every kept reply

SCHEMA = [
    # Dedup of platform deliveries: a hash of (channel, user, message id), the hour it came, who is
    # handling it (a process name, for taking over from a process that died) and the sealed reply.
    "CREATE TABLE IF NOT EXISTS inbox (channel TEXT NOT NULL, msg_key TEXT NOT NULL, status TEXT NOT NULL, "
    "owner TEXT NOT NULL DEFAULT '', reply BLOB, received_at TEXT NOT NULL, PRIMARY KEY (channel, msg_key)) "
    "WITHOUT ROWID",
    # Signed requests seen: a signed URL is good for one body only.
    "CREATE TABLE IF NOT EXISTS seen_requests (key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, at TEXT NOT NULL) "
    "WITHOUT ROWID",
    # Open conversations: keyed hash of (channel, user), sealed (flow, step, data), expiry to the minute.
    "CREATE TABLE IF NOT EXISTS conversations (key TEXT PRIMARY KEY, payload BLOB NOT NULL, "
    "expires_at TEXT NOT NULL) WITHOUT ROWID",
    # Suggestions waiting for the day's release into the suggestions table (random ids, the day only).
    # `sender` is a keyed hash of the platform user (the in-memory key): only that user can change it.
    "CREATE TABLE IF NOT EXISTS tray (id TEXT PRIMARY KEY, ticket TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, "
    "content TEXT NOT NULL, member_id INTEGER, day TEXT NOT NULL, sender TEXT NOT NULL DEFAULT '') WITHOUT ROWID",
    # Ballots not yet counted (storage/polls.py), keyed by a hash of poll and receipt, no time, nothing of the
    # voter: sealed to the poll's counting key (storage/ballot_seal.py), or in clear for a poll made before it.
    "CREATE TABLE IF NOT EXISTS ballots (key TEXT PRIMARY KEY, poll_id INTEGER NOT NULL, receipt TEXT NOT NULL, "
    "choices TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS sealed_ballots (key TEXT PRIMARY KEY, poll_id INTEGER NOT NULL, "
    "sealed BLOB NOT NULL) WITHOUT ROWID",
    # An anonymous proposer's satisfaction with the answer (storage/proposals.py): the ticket, the
    # answer and the day, released into the suggestions table with the day's suggestions.
    "CREATE TABLE IF NOT EXISTS verdicts (ticket TEXT PRIMARY KEY, answer TEXT NOT NULL, day TEXT NOT NULL) "
    "WITHOUT ROWID",
]
UPGRADES = {1: ["ALTER TABLE tray ADD COLUMN sender TEXT NOT NULL DEFAULT ''"]}
VERSION = 3

_process_key: tuple[int, bytes] | None = None
_aead: list = [None, None]  # the process key and its cipher, made once (each conversation read and save)


def process_key() -> bytes:
    """This installation's in-memory key. Made once per process tree: gunicorn's master makes it
    before forking (bot/server.py prepare), so every worker shares it; never written anywhere."""
    global _process_key
    if _process_key is None:
        _process_key = (os.getpid(), secrets.token_bytes(32))
    return _process_key[1]


def keyed(*parts: str, key: bytes | None = None) -> str:
    """A keyed hash of the parts: nobody without the process key can compute it from a user id.
    Counted (`keyed.calls`): a reply that needed one (a sender's tray) is not kept (bot/replycache.py)."""
    keyed.calls += 1
    msg = "\x00".join(parts).encode()
    return hmac_sha256(key or process_key(), msg).hex()[:32]  # (storage/keyedhash.py: hmac.digest's bytes, ~a third)


keyed.calls = 0


def delivery_key(*parts: str) -> bytes:
    """The sealing key of one delivery's reply: only a retry of that delivery can derive it."""
    return hmac_sha256(process_key(), b"reply\x00" + "\x00".join(parts).encode())


_PACKED: dict[bytes, bytes] = {}  # a reply's text → its compressed bytes (the same text packs the same)
PACKED_KEPT = 256


def _packed(data: bytes, remember: bool) -> bytes:
    """`data` compressed: a 4 KiB window and small hash tables (a reply is at most 2 KiB, and zlib's
    default state, 256 KiB, is fresh memory from the kernel on every call: 200 µs instead of 20).
    `remember`: kept in this process's memory for the next reply with the same text (the activity list
    a hundred teachers ask for); never a reply about a ballot or an anonymous suggestion."""
    packed = _PACKED.get(data) if remember else None
    if packed is None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -12, 4)
        packed = packer.compress(data) + packer.flush()
        if remember:
            if len(_PACKED) >= PACKED_KEPT:
                _PACKED.clear()
            _PACKED[data] = packed
    return packed


def _cipher(key: bytes | None) -> AESGCM:
    if not key and _aead[0] is not process_key():
        _aead[:] = process_key(), AESGCM(process_key())
    return AESGCM(key) if key else _aead[1]


def seal(plain: str, key: bytes | None = None, size: int = 0, squeeze: bool = False, remember: bool = False) -> bytes:
    """AES-GCM under `key` (default: the process key), padded to a multiple of PAD or to `size`;
    `squeeze`: compressed first (when that is shorter), so the length is the compressed one's."""
    data = plain.encode()
    flag = 0
    if squeeze:
        packed = _packed(data, remember)
        if len(packed) < len(data):
            data, flag = packed, SQUEEZED
    body = (len(data) | flag).to_bytes(4, "big") + data
    body += b"\x00" * ((size - len(body)) if len(body) < size else (-len(body) % PAD))
    nonce = secrets.token_bytes(12)
    return nonce + _cipher(key).encrypt(nonce, body, None)


def unseal(blob: bytes | None, key: bytes | None = None) -> str | None:
    """The sealed text, or None when it cannot be read (another process tree's key: a restart)."""
    if not blob or len(blob) < 28:
        return None
    try:
        body = _cipher(key).decrypt(blob[:12], blob[12:], None)
    except InvalidTag:
        return None
    size = int.from_bytes(body[:4], "big")
    if size & SQUEEZED:
        return zlib.decompress(body[4:4 + (size & ~SQUEEZED)], -12).decode()
    return body[4:4 + size].decode()


def seal_reply(text: str, key: bytes, fallbacks: tuple[str, ...] = ()) -> bytes:
    """A reply kept for a platform's retry (bot/dispatch.py), sealed with its delivery's key: compressed,
    then padded to REPLY_SIZE (nearly every reply: a copy cannot tell a greeting from the activity list)
    or to a multiple of PAD above it. Read back with unseal(). With `fallbacks`, a text that does not fit
    REPLY_SIZE is not kept: the first fallback that fits is (the last must), at that size (a ballot's
    choices or an anonymous ticket's answer must not show through the compressed length: all 优秀
    packs smaller than a mixed ballot)."""
    for candidate in (text, *fallbacks):
        sealed = seal(candidate, key, size=REPLY_SIZE, squeeze=True, remember=not fallbacks)
        if not fallbacks or len(sealed) <= SEALED_REPLY:
            return sealed
    raise ValueError("the last fallback must fit REPLY_SIZE")


def scratch_path(path: str) -> str:
    return path if path == ":memory:" else path + "-scratch"


def open_scratch(path: str) -> Database:
    """The scratch database beside `path` (the main database's file), created when missing. A file
    that SQLite finds damaged (a power cut under synchronous = OFF) is moved aside, named, and
    replaced: the bot goes on, and an officer can look at what the old one held."""
    target = scratch_path(path)
    db = Database(target, journal="TRUNCATE", synchronous="OFF", serialize=True)
    try:
        ok = target == ":memory:" or db.scalar("PRAGMA quick_check") == "ok"
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        db.close()
        aside = f"{target}.damaged-{int(time.time())}"
        os.replace(target, aside)
        log.error("scratch file damaged, moved aside to %s and recreated", os.path.basename(aside))
        db = Database(target, journal="TRUNCATE", synchronous="OFF", serialize=True)
    try:
        if target != ":memory:":
            os.chmod(target, 0o600)
            layout(db)
        with db.transaction():
            version = db.scalar("PRAGMA user_version") or 0
            fresh = not db.scalar("SELECT count(*) FROM sqlite_master")
            for statement in SCHEMA:
                db.execute(statement)
            if not fresh:
                for step in range(max(version, 1), VERSION):
                    for statement in UPGRADES.get(step, []):
                        db.execute(statement)
            db.execute(f"PRAGMA user_version = {VERSION}")
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"无法打开临时数据库 (cannot open scratch database) {target}: {exc}") from None
    return db


def layout(db: Database) -> None:
    """Free pages stay in the file until compact() gives them back (auto_vacuum = INCREMENTAL, so
    that compact can put the private tables at the end of the file). A new file gets it before its
    first table; a file made before this by one VACUUM (at start-up, when the deliveries of the last
    hour or two are all it holds). The page size stays SQLite's 4 KiB: a long suggestion's end then
    lies in overflow pages, which compact lays out in key order (in a page, cells sit by their own
    rules)."""
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    if db.scalar("PRAGMA auto_vacuum") != 2:
        db.execute("VACUUM")


def dedup_secret(path: str) -> bytes:
    """The installation's key for delivery records (`<database>-scratch.key`, 0600, made on first
    use): kept beside the database, never in it or in a backup, so that a delivery's record cannot
    be recomputed from the users on file. It survives restarts, as deduplication must."""
    if path == ":memory:":
        return secrets.token_bytes(32)
    key_path = path + "-scratch.key"
    try:
        with open(key_path, "rb") as f:
            key = f.read()
        if len(key) == 32:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    tmp = f"{key_path}.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    try:
        os.link(tmp, key_path)  # the first process wins; the others read its key
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    with open(key_path, "rb") as f:
        return f.read()


# The tables whose rows must not sit in the order they came (a suggestion, a ballot, a proposer's
# satisfaction: each row is one person's and a copy of the file must not order it beside others),
# with their keys. They are small: a day's suggestions, the ballots of open polls, a day's verdicts.
PRIVATE = {"tray": "id", "ballots": "key", "sealed_ballots": "key", "verdicts": "ticket"}


def compact(db: Database) -> None:
    """Rewrite the private tables in key order, alone, in one transaction synced to disk. Rows over
    about 1,000 bytes spill into overflow pages, which SQLite appends or takes from the free list in
    the order the rows came, and a page's cells sit in the order they were written: a copy of the
    file would show the order. So every row of PRIVATE is read in key order and deleted (its bytes
    overwritten: secure_delete), every free page is given back (the file is incremental-vacuum, see
    open_scratch: the pages at the end of the file move into the holes and the file is cut), and
    the rows are written again in key order, which puts them at the end of the file, one after the
    other. The layout then follows from the set of rows and their (random) keys, never from when they
    came. The cost grows with the private rows only, not with the deliveries and conversations (the
    whole-file VACUUM this replaces took 670 ms at 30,000 deliveries, holding the writers' lock)."""
    if db.path == ":memory:":
        return
    with durable(db):
        conn = db.conn
        if not temp_tables_in_memory(conn):
            rewrite_through_python(db)
            return
        # The temporary copies are made from the tables as they are now: when the file's schema changed
        # since they were made (another process's migration: a column added, a table rebuilt with its
        # columns in another order), they are made again (their columns, their order and their types are
        # the table's; an old copy would put a value in another column, or turn '0042' into 42). The
        # version they were made at is the temporary database's user_version: rolled back with them.
        version = int(conn.execute("PRAGMA main.schema_version").fetchone()[0])
        if conn.execute("PRAGMA temp.user_version").fetchone()[0] != version:
            for table in PRIVATE:
                conn.execute(f"DROP TABLE IF EXISTS temp.kept_{table}")
            conn.execute(f"PRAGMA temp.user_version = {version}")
        # The same steps in SQL (issue 23, sixth round: the writers' lock held half as long with a day's
        # short suggestions): the rows wait in a temporary table in this connection's memory (temp_store =
        # MEMORY, set when the scratch connection opens; never a file), emptied in the same transaction
        # (the table stays, empty: making and dropping it each time cost 0.4 ms). The rows are written
        # back in key order by the same inserts as the Python path: the same bytes.
        moved = []
        for table, key in PRIVATE.items():
            if conn.execute(f"SELECT EXISTS (SELECT 1 FROM main.{table})").fetchone()[0]:
                conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS kept_{table} AS SELECT * FROM main.{table} WHERE 0")
                try:
                    conn.execute(f"INSERT INTO temp.kept_{table} SELECT * FROM main.{table}")
                except sqlite3.OperationalError:  # the table gained a column since this connection made its copy
                    conn.execute(f"DROP TABLE temp.kept_{table}")
                    conn.execute(f"CREATE TEMP TABLE kept_{table} AS SELECT * FROM main.{table}")
                conn.execute(f"DELETE FROM main.{table}")
                moved.append((table, key))
        give_back_free_pages(db)
        for table, key in moved:
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM temp.kept_{table} ORDER BY {key}")
            conn.execute(f"DELETE FROM temp.kept_{table}")


_memory_build: list[bool] = []  # whether this SQLite honours temp_store = MEMORY (once per process)


def temp_tables_in_memory(conn: sqlite3.Connection) -> bool:
    """Whether this connection's temporary tables live in memory: temp_store = MEMORY, and an SQLite
    that was not built to keep them in files whatever that says (SQLITE_TEMP_STORE=0, where the
    pragma still reads back 2)."""
    if conn.execute("PRAGMA temp_store").fetchone()[0] != 2:
        return False
    if not _memory_build:
        _memory_build.append(all(row[0] != "TEMP_STORE=0" for row in conn.execute("PRAGMA compile_options")))
    return _memory_build[0]


def rewrite_through_python(db: Database) -> None:
    """compact()'s rewrite as it was until issue 23's sixth round, the rows held in Python lists: kept
    for a connection that cannot keep temporary tables in memory (call inside a transaction)."""
    conn = db.conn
    kept = []
    for table, key in PRIVATE.items():
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY {key}")
        rows = cur.fetchall()
        if rows:
            kept.append((table, len(cur.description), rows))
            conn.execute(f"DELETE FROM {table}")
    give_back_free_pages(db)
    for table, width, rows in kept:
        conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", rows)


def give_back_free_pages(db: Database) -> int:
    """Cut the free pages off the file (deleted rows, purged deliveries; already zeroed by
    secure_delete), so that the next pages written come at its end. Python's sqlite3 steps a PRAGMA
    once, and each step of incremental_vacuum frees one page: hence the loop. Returns the count."""
    if db.path == ":memory:":
        return 0
    with db.transaction():
        free = db.conn.execute("PRAGMA freelist_count").fetchone()[0]
        for _ in range(free):
            db.conn.execute("PRAGMA incremental_vacuum")
    return free


@contextlib.contextmanager
def durable(db: Database):
    """A scratch transaction on disk before the caller goes on (a suggestion in the tray, a ballot, a
    verdict): committed like any other (synchronous = OFF, holding the writers' lock for the statements
    only), then synced by this process once the lock is free, so that the other workers' claims do
    not wait for the disk (issue 23: five syncs under the lock held it 22 to 25 ms a suggestion).

    What is on disk after `sync_to_disk` is the same as after a commit with synchronous = FULL: the
    file's pages as committed (or a later commit's), and the journal cut to nothing, so that no old
    journal can be played back over the commit after a power cut. A power cut before the sync loses
    the row (the caller has not acknowledged it yet), or leaves a file that open_scratch moves aside,
    as a power cut during any commit of this file could."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    with db.transaction():
        yield db
    sync_to_disk(db)


def sync_to_disk(db: Database) -> None:
    """fdatasync the scratch file, then fsync its journal (TRUNCATE mode: cut to nothing at each
    commit; missing when no transaction ever wrote). Another process may be writing meanwhile: the
    sync then also carries part of its transaction, which its own journal covers, as any write-back
    by the kernel could (synchronous = OFF)."""
    if db.path == ":memory:":
        return
    for name, sync in ((db.path, os.fdatasync), (db.path + "-journal", os.fsync)):
        try:
            fd = os.open(name, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            sync(fd)
        finally:
            os.close(fd)
