"""compact() in SQL (issue 23, sixth round): the private rows wait in a temporary table in the
connection's memory instead of Python lists, and the file it leaves is byte for byte the one the
rewrite through Python left, so the layout arguments of test_scratch_compact.py carry over."""

from __future__ import annotations

import secrets
import shutil
import sqlite3

from bot.clock import FrozenClock
from storage import Store
from storage.db import Database
from storage.scratch import compact, delivery_key, durable, rewrite_through_python, seal


def _python_compact(db: Database) -> None:
    """The rewrite as it was before this round (storage/scratch.py at 25bec41, now its fallback), the reference."""
    with durable(db):
        rewrite_through_python(db)


def _scratch_with_holes(tmp_path) -> str:
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    with store.scratch.transaction():
        for i in range(600):
            key = secrets.token_hex(16)
            store.inbox.file.claim("wechat", key)
            store.inbox.file.finish("wechat", key, seal(f"回复{i}", delivery_key("wechat", key)))
    for i in range(12):  # short ones stay in their page; long ones spill into overflow pages
        text = f"第{i}条：" + "食堂排队太长，希望增加窗口，" * (30 if i % 3 == 0 else 1)
        store.suggestions.submit("建议", text, None, secrets.token_hex(16))
    for i in range(5):
        store.scratch.execute("INSERT INTO ballots VALUES (?, ?, ?, ?)", (secrets.token_hex(16), 1, f"R{i}", "[1, 3]"))
        store.scratch.execute("INSERT INTO verdicts VALUES (?, ?, ?)", (f"T{secrets.token_hex(3)}", "满意", "2026-12-01"))
    store.scratch.execute("DELETE FROM inbox WHERE msg_key < '8'")  # holes in the middle of the file
    for i in range(3):  # rows added without compaction: in arrival order until the next compact
        store.scratch.execute("INSERT INTO tray (id, ticket, kind, content, day) VALUES (?, ?, '建议', ?, '2026-12-01')",
                              (secrets.token_hex(16), f"K{i}{secrets.token_hex(2)}", "新的建议" * (200 if i else 5)))
    assert store.scratch.scalar("PRAGMA freelist_count") > 20
    path = store.scratch.path
    store.scratch.close()
    store.db.close()
    return path


def test_the_rewrite_in_sql_leaves_the_same_bytes_as_the_rewrite_through_python(tmp_path):
    path = _scratch_with_holes(tmp_path)
    shutil.copyfile(path, path + "-python")
    shutil.copyfile(path, path + "-sql")
    reference = Database(path + "-python", journal="TRUNCATE", synchronous="OFF", serialize=True)
    ours = Database(path + "-sql", journal="TRUNCATE", synchronous="OFF", serialize=True)
    assert ours.scalar("PRAGMA temp_store") == 2  # the scratch connection keeps temporary tables in memory
    _python_compact(reference)
    compact(ours)
    assert ours.scalar("PRAGMA freelist_count") == 0
    reference.close()
    ours.close()
    with open(path + "-python", "rb") as a, open(path + "-sql", "rb") as b:
        python_bytes, sql_bytes = a.read(), b.read()
    assert len(sql_bytes) == len(python_bytes) and sql_bytes == python_bytes


def test_no_private_row_stays_in_the_temporary_tables(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    for i in range(4):
        store.suggestions.submit("建议", f"第{i}条：食堂排队太长", None, secrets.token_hex(16))
    conn = store.scratch.conn
    kept = [r[0] for r in conn.execute("SELECT name FROM temp.sqlite_master WHERE type = 'table'")]
    assert kept == ["kept_tray"]
    assert conn.execute("SELECT count(*) FROM temp.kept_tray").fetchone()[0] == 0  # emptied in the same commit
    assert store.suggestions.tray_count() == 4
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # that table lives in memory, never in a file
    other = sqlite3.connect(store.scratch.path)  # another connection sees the rows, in the main file
    assert other.execute("SELECT count(*) FROM tray").fetchone()[0] == 4


def test_a_column_added_to_the_tray_after_the_temporary_copy_was_made(tmp_path):
    """A worker keeps its connection (and its temporary table) while a newer release adds a column."""
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    store.suggestions.submit("建议", "第一条：食堂排队太长", None, secrets.token_hex(16))
    store.scratch.execute("ALTER TABLE tray ADD COLUMN later TEXT")
    store.suggestions.submit("建议", "第二条：希望增加窗口", None, secrets.token_hex(16))
    assert store.suggestions.tray_count() == 2
    assert store.scratch.conn.execute("SELECT count(*) FROM temp.kept_tray").fetchone()[0] == 0
