"""Per-table data versions of the main file (issue 23, thirteenth round): what a cached read depends on.

`Database.cached` (storage/db.py) and the router's kept replies (bot/replycache.py) used to be dropped
whenever anything in the main file changed, in any process: a sign-up, another worker's hourly last use
of a teacher (channel_users), a suggestion's outbox row. In the webhook bench's mix that was every few
messages, so "who is this user" (bindings ⋈ members) was read again on nearly every message.

Now each cached value notes the tables its reads named (`tables_of`, per statement text), and stays
good while those tables' counters are unchanged. The counters live in `table_versions` in the main
file, moved by triggers (storage/schema_v2.py 0016) on every row written, by any process or tool, so a
commit elsewhere is seen as before through `PRAGMA data_version`, which makes this process read the
counters again (one small query, only after a change). The schema's own version counts as a table
that every value depends on. A value that read any other table (or a statement whose tables cannot be
told) keeps the old rule: good until anything changes.

The counters count writes to roster, activity, sign-up and checkup rows: nothing about suggestions or
ballots (which live in the scratch file and are released a day at a time) is versioned here.
"""

from __future__ import annotations

import re
import sqlite3

VERSIONED = ("members", "bindings", "activities", "signups", "checkups")
SCHEMA = ""  # the name under which the schema's version is kept beside the tables'
ANY = "*"  # a read whose tables are not all versioned (or cannot be told): good until anything changes
READ = "SELECT name, n FROM table_versions UNION ALL SELECT '', schema_version FROM pragma_schema_version"

_NAMED = re.compile(r"\b(?:FROM|JOIN)\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
# "FROM a, b" / "FROM a x, b": a second table after a comma is not named after FROM or JOIN
_COMMA = re.compile(r"\bFROM\s+[\w.]+(?:\s+(?:AS\s+)?(?!WHERE\b|ORDER\b|GROUP\b|LIMIT\b)\w+)?\s*,", re.IGNORECASE)
_TABLES: dict[str, frozenset[str]] = {}


def tables_of(sql: str) -> frozenset[str]:
    """The versioned tables a statement reads, or {ANY} when it reads another or they cannot be told."""
    found = _TABLES.get(sql)
    if found is None:
        names = {n.lower().removeprefix("main.") for n in _NAMED.findall(sql)}
        if not names or _COMMA.search(sql) or not names <= set(VERSIONED):
            found = frozenset({ANY})
        else:
            found = frozenset(names)
        if len(_TABLES) >= 4096:  # (statement texts are fixed; this only bounds formatted ones)
            _TABLES.clear()
        _TABLES[sql] = found
    return found


def read_versions(conn: sqlite3.Connection) -> dict[str, int]:
    """The counters now ({} before the migration that makes them: every value then keeps the old rule)."""
    try:
        return dict(conn.execute(READ).fetchall())
    except sqlite3.OperationalError:
        return {}


def stamp(tables: set[str] | frozenset[str], versions: dict[str, int]) -> tuple | None:
    """What a value read from `tables` stays good for: their counters (and the schema's) now; None
    when it must be dropped at any change (ANY, or a table without a counter)."""
    if ANY in tables:
        return None
    try:
        return tuple(sorted((t, versions[t]) for t in (*tables, SCHEMA)))
    except KeyError:
        return None


def still(stamped: tuple, versions: dict[str, int]) -> bool:
    return all(versions.get(t) == n for t, n in stamped)


def triggers() -> list[str]:
    """The statements that make the counters move (a migration, and again after any rebuild of a table)."""
    out = ["CREATE TABLE IF NOT EXISTS table_versions (name TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0) "
           "WITHOUT ROWID"]
    for table in VERSIONED:
        out.append(f"INSERT OR IGNORE INTO table_versions (name, n) VALUES ('{table}', 0)")
        for event in ("INSERT", "UPDATE", "DELETE"):
            out.append(f"CREATE TRIGGER IF NOT EXISTS table_versions_{table}_{event.lower()} AFTER {event} ON {table} "
                       f"BEGIN UPDATE table_versions SET n = n + 1 WHERE name = '{table}'; END")
    return out
