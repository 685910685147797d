"""The attack on the suggestion box's anonymity, as someone holding copies of the database files
would make it: the main file, its WAL, the scratch file and its journal, taken at any moment.

Given the copies (each a folder of files), what everyone in a school knows (the roster: names,
工号, and from the database itself which platform id belongs to whom), and the anonymous
suggestions as the committee finally sees them (content and ticket), it guesses each one's
sender four ways:

- text: wherever a suggestion's content or ticket appears in a file's bytes, the teacher named
  (name or platform id) nearest to it in the same file;
- WAL order: the WAL's frames in order; the teacher named in the nearest frame at or before the
  first frame holding the suggestion (the commit that wrote it, and the ones just before);
- row order: in each table, rows in rowid order; the teacher named in the nearest row before a
  row holding the suggestion (stored replies next to each other: "您好，杨磊老师！" then a receipt);
  and the i-th anonymous suggestion by id paired with the i-th teacher to first use the bot;
- time: any timestamp finer than a day beside the suggestion, matched to the nearest timestamp
  beside a teacher in any table.

`attack()` returns, per strategy, the guesses; `score()` counts the right ones.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")


@dataclass
class Teacher:
    member_id: int
    name: str
    ids: list[str]  # platform user ids

    def needles(self) -> list[bytes]:
        """What names this teacher in a file: the name, and platform ids long enough not to turn up
        by chance inside a hash or a number (a terminal user id "1003" would)."""
        return [self.name.encode(), *(i.encode() for i in self.ids if len(i) >= 8 and not i.isdigit())]


def snapshot(db_path: str, dest: Path) -> Path:
    """Copy every file of the database (main, -wal, -shm, -scratch, -scratch-journal…, and the claims'
    mapping) as they are now, the way `cp` would while the bot runs."""
    dest.mkdir(parents=True, exist_ok=True)
    src = Path(db_path)
    for f in src.parent.iterdir():
        if f.name.startswith(src.name) and f.is_file() and not f.name.endswith(".lock"):
            shutil.copyfile(f, dest / f.name)
    # the delivery claims' mapping, in /dev/shm: whoever can copy the files can copy it too
    from storage.claims import claims_path

    mapping = Path(claims_path(db_path))
    if mapping.is_file() and not (dest / (src.name + "-claims")).exists():
        shutil.copyfile(mapping, dest / (src.name + "-claims"))
    return dest


class Copier:
    """The copies an attacker takes during a session: every 4th message, one while a reader (a console
    export, a backup, someone's sqlite3) holds a transaction open from message 10 to 45 (the WAL cannot
    be reset meanwhile), with housekeeping every 15 messages, as the serving processes run it."""

    def __init__(self, bot, tmp_path: Path) -> None:
        self.bot, self.tmp_path, self.folders, self.reader = bot, tmp_path, [], None

    def after(self, n: int) -> None:
        path = self.bot.store.db.path
        if n == 10:
            self.reader = sqlite3.connect(path)
            self.reader.execute("BEGIN")
            self.reader.execute("SELECT count(*) FROM members").fetchone()
        if n == 45 and self.reader is not None:
            self.folders.append(snapshot(path, self.tmp_path / f"snap-{n}-reader"))
            self.reader.rollback()
            self.reader.close()
            self.reader = None
        if n % 4 == 3:
            self.folders.append(snapshot(path, self.tmp_path / f"snap-{n}"))
        if n % 15 == 14:
            self.bot.housekeeping()

    def take(self, name: str) -> Path:
        folder = snapshot(self.bot.store.db.path, self.tmp_path / name)
        self.folders.append(folder)
        return folder


def _open_copy(folder: Path, name: str) -> sqlite3.Connection | None:
    path = folder / name
    if not path.exists():
        return None
    scratch = folder / "_read"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir()
    for f in folder.iterdir():
        if f.is_file() and f.name.startswith(name):
            shutil.copyfile(f, scratch / f.name)
    try:
        conn = sqlite3.connect(scratch / name)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError:
        return None


def roster(main: sqlite3.Connection) -> list[Teacher]:
    ids: dict[int, list[str]] = {}
    for member_id, user_id in main.execute("SELECT member_id, user_id FROM bindings"):
        ids.setdefault(member_id, []).append(user_id)
    return [Teacher(mid, name, ids.get(mid, [])) for mid, name in main.execute("SELECT id, name FROM members")
            if mid in ids]


def wal_frames(path: Path) -> list[bytes]:
    if not path.exists() or path.stat().st_size < 32:
        return []
    data = path.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    if page_size == 1:
        page_size = 65536
    if page_size < 512:
        return []
    size = 24 + page_size
    return [data[i + 24:i + size] for i in range(32, len(data) - size + 1, size)]


def _named(blob: bytes, teachers: list[Teacher]) -> list[tuple[int, Teacher]]:
    found = []
    for t in teachers:
        for needle in t.needles():
            start = 0
            while (i := blob.find(needle, start)) >= 0:
                found.append((i, t))
                start = i + 1
    return found


def _marks(s: dict) -> list[bytes]:
    return [s["content"].encode(), s["ticket"].encode()]


def by_text(folders: list[Path], teachers: list[Teacher], suggestions: list[dict]) -> dict[str, int]:
    guesses: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for f in folder.iterdir():
            if not f.is_file():
                continue
            blob = f.read_bytes()
            named = _named(blob, teachers)
            if not named:
                continue
            for s in suggestions:
                for mark in _marks(s):
                    start = 0
                    while (i := blob.find(mark, start)) >= 0:
                        start = i + 1
                        dist, t = min((abs(j - i), t) for j, t in named)
                        if dist < 8192 and (s["ticket"] not in guesses or dist < guesses[s["ticket"]][0]):
                            guesses[s["ticket"]] = (dist, t.member_id)
    return {k: v[1] for k, v in guesses.items()}


def by_wal_order(folders: list[Path], teachers: list[Teacher], suggestions: list[dict]) -> dict[str, int]:
    guesses: dict[str, int] = {}
    for folder in folders:
        for f in folder.iterdir():
            if not (f.name.endswith("-wal") or f.name.endswith("-journal")):
                continue
            frames = wal_frames(f) if f.name.endswith("-wal") else [f.read_bytes()]
            last_named: Teacher | None = None
            for frame in frames:
                named = _named(frame, teachers)
                holds = [s for s in suggestions if any(m in frame for m in _marks(s))]
                for s in holds:
                    if s["ticket"] not in guesses:
                        if named:
                            guesses[s["ticket"]] = named[-1][1].member_id
                        elif last_named is not None:
                            guesses[s["ticket"]] = last_named.member_id
                if named:
                    last_named = named[-1][1]
    return guesses


def _rows(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = {}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        try:
            rows = conn.execute(f"SELECT * FROM [{name}] ORDER BY rowid").fetchall()
        except sqlite3.OperationalError:  # WITHOUT ROWID: page order, i.e. key order
            rows = conn.execute(f"SELECT * FROM [{name}]").fetchall()
        tables[name] = ["\x00".join(str(v) for v in r) for r in rows]
    return tables


def by_row_order(folders: list[Path], teachers: list[Teacher], suggestions: list[dict],
                 main_name: str) -> dict[str, int]:
    guesses: dict[str, int] = {}
    for folder in folders:
        for name in (main_name, main_name + "-scratch"):
            conn = _open_copy(folder, name)
            if conn is None:
                continue
            for table, rows in _rows(conn).items():
                if table == "members" or table == "bindings":
                    continue
                last: Teacher | None = None
                for row in rows:
                    blob = row.encode()
                    named = _named(blob, teachers)
                    for s in suggestions:
                        if s["ticket"] not in guesses and any(m in blob for m in _marks(s)):
                            who = named[-1][1] if named else last
                            if who is not None:
                                guesses[s["ticket"]] = who.member_id
                    if named:
                        last = named[-1][1]
            conn.close()
    return guesses


def by_rank(final: sqlite3.Connection, teachers: list[Teacher], suggestions: list[dict]) -> dict[str, int]:
    """The i-th anonymous suggestion (by id) to the i-th teacher to first use the bot (by rowid)."""
    order = {s["ticket"]: s["id"] for s in suggestions}
    ranked = sorted(suggestions, key=lambda s: order[s["ticket"]])
    by_user = {i: t for t in teachers for i in t.ids}
    seen = []
    for (user_id,) in final.execute("SELECT user_id FROM channel_users ORDER BY rowid"):
        t = by_user.get(user_id)
        if t is not None and t not in seen:
            seen.append(t)
    return {s["ticket"]: seen[i].member_id for i, s in enumerate(ranked) if i < len(seen)}


def by_time(folders: list[Path], teachers: list[Teacher], suggestions: list[dict], main_name: str) -> dict[str, int]:
    guesses: dict[str, tuple[float, int]] = {}
    for folder in folders:
        for name in (main_name, main_name + "-scratch"):
            conn = _open_copy(folder, name)
            if conn is None:
                continue
            stamped: list[tuple[str, Teacher]] = []
            marked: list[tuple[str, dict]] = []
            for rows in _rows(conn).values():
                for row in rows:
                    blob = row.encode()
                    stamps = STAMP.findall(row)
                    if not stamps:
                        continue
                    for _, t in _named(blob, teachers):
                        stamped += [(st, t) for st in stamps]
                    for s in suggestions:
                        if any(m in blob for m in _marks(s)):
                            marked += [(st, s) for st in stamps]
            for st, s in marked:
                for st2, t in stamped:
                    dist = abs(_seconds(st) - _seconds(st2))
                    if dist <= 60 and (s["ticket"] not in guesses or dist < guesses[s["ticket"]][0]):
                        guesses[s["ticket"]] = (dist, t.member_id)
            conn.close()
    return {k: v[1] for k, v in guesses.items()}


def _seconds(stamp: str) -> float:
    import datetime as dt

    return dt.datetime.fromisoformat(stamp.replace(" ", "T")).timestamp()


def attack(folders: list[Path], final: Path, main_name: str) -> tuple[dict[str, dict[str, int]], list[dict]]:
    """(guesses per strategy, the anonymous suggestions attacked)."""
    conn = _open_copy(final, main_name)
    teachers = roster(conn)
    suggestions = [dict(zip(("id", "ticket", "content"), r, strict=True)) for r in conn.execute(
        "SELECT rowid, ticket, content FROM suggestions WHERE member_id IS NULL")]
    guesses = {
        "text": by_text(folders, teachers, suggestions),
        "wal_order": by_wal_order(folders, teachers, suggestions),
        "row_order": by_row_order(folders, teachers, suggestions, main_name),
        "rank": by_rank(conn, teachers, suggestions),
        "time": by_time(folders, teachers, suggestions, main_name),
    }
    conn.close()
    return guesses, suggestions


def score(guesses: dict[str, dict[str, int]], truth: dict[str, int]) -> dict[str, int]:
    """Right guesses per strategy, and 'any': suggestions some strategy got right."""
    right = {name: sum(1 for ticket, who in g.items() if truth.get(ticket) == who) for name, g in guesses.items()}
    right["any"] = sum(1 for ticket in truth if any(g.get(ticket) == truth[ticket] for g in guesses.values()))
    return right
