"""The scratch file's compaction (storage/scratch.py `compact`) after a suggestion, a ballot or a
verdict: it rewrites the private tables (tray, ballots, verdicts) in key order and leaves the
deliveries' pages alone, so that its cost does not grow with the hour's deliveries; and it still
puts long suggestions in key order when purged deliveries left holes in the middle of the file."""

from __future__ import annotations

import secrets
import sqlite3

from bot.clock import FrozenClock
from storage import Store
from storage.scratch import delivery_key, seal


def _deliveries(store, n: int) -> None:
    with store.scratch.transaction():
        for i in range(n):
            key = secrets.token_hex(16)
            store.inbox.file.claim("wechat", key)
            store.inbox.file.finish("wechat", key, seal(f"回复{i}", delivery_key("wechat", key)))


def _pages(path: str, table: str) -> dict[int, bytes]:
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    numbers = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    conn.close()
    with open(path, "rb") as f:
        data = f.read()
    return {n: data[(n - 1) * size:n * size] for n in numbers}


def _long(i: int) -> str:
    return f"第{i}条：" + "食堂排队太长，希望增加窗口并公开菜价，" * 20 + f"完{i}完"


def _in_key_order(store) -> bool:
    blob = open(store.scratch.path, "rb").read()
    by_key = [r["content"] for r in store.scratch.query("SELECT content FROM tray ORDER BY id")]
    ends = [blob.find(c[-8:].encode()) for c in by_key]
    return all(e > 0 for e in ends) and ends == sorted(ends)


def test_a_suggestion_leaves_the_deliveries_pages_untouched(tmp_path):
    """The whole-file VACUUM this replaces rewrote every delivery record after every suggestion."""
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    _deliveries(store, 2000)
    before = _pages(store.scratch.path, "inbox")
    assert len(before) > 100
    for i in range(5):
        store.suggestions.submit("建议", _long(i), None, secrets.token_hex(16))
    assert _pages(store.scratch.path, "inbox") == before  # same pages, same bytes
    assert _in_key_order(store)


def test_long_suggestions_land_in_key_order_after_deliveries_were_purged(tmp_path):
    """Purged deliveries leave free pages in the middle of the file; were they reused, a suggestion's
    overflow pages would fill them in the order the suggestions came."""
    clock = FrozenClock()
    store = Store.open(str(tmp_path / "a.db"), clock)
    _deliveries(store, 1500)
    for i in range(3):
        store.suggestions.submit("建议", _long(i), None, secrets.token_hex(16))
    store.scratch.execute("DELETE FROM inbox WHERE msg_key < '8'")  # half the hour's records go
    assert store.scratch.scalar("PRAGMA freelist_count") > 50
    for i in range(3, 8):
        store.suggestions.submit("建议", _long(i), None, secrets.token_hex(16))
        assert store.scratch.scalar("PRAGMA freelist_count") == 0
        assert _in_key_order(store)
    assert store.suggestions.tray_count() == 8


def test_housekeeping_gives_back_the_pages_of_purged_deliveries(tmp_path):
    clock = FrozenClock()
    store = Store.open(str(tmp_path / "a.db"), clock)
    _deliveries(store, 1500)
    clock.advance(hours=3)
    import datetime as dt

    store.housekeeping(dt.timedelta(minutes=5))
    assert store.inbox.count() == 0
    assert store.scratch.scalar("PRAGMA freelist_count") == 0
    assert store.scratch.scalar("PRAGMA page_count") < 20


def test_a_scratch_file_made_before_is_converted_once(tmp_path):
    path = str(tmp_path / "a.db")
    old = sqlite3.connect(path + "-scratch")
    old.execute("CREATE TABLE inbox (channel TEXT NOT NULL, msg_key TEXT NOT NULL, status TEXT NOT NULL, "
                "owner TEXT NOT NULL DEFAULT '', reply BLOB, received_at TEXT NOT NULL, "
                "PRIMARY KEY (channel, msg_key)) WITHOUT ROWID")
    old.execute("INSERT INTO inbox VALUES ('wechat', 'k', 'done', '', NULL, '2026-12-01T10:00:00')")
    old.execute("PRAGMA user_version = 3")  # made by the release before this one
    old.commit()
    assert old.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    old.close()
    store = Store.open(path, FrozenClock())
    assert store.scratch.scalar("PRAGMA auto_vacuum") == 2  # incremental
    assert store.inbox.count() == 1
