"""Storage: migrations recorded in order, WAL and busy timeout, dedup claims."""

from __future__ import annotations

from bot.clock import FrozenClock
from storage import Store
from storage.migrations import MIGRATIONS, migrate


def test_migrations_are_recorded_and_idempotent(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    names = [r["name"] for r in store.db.query("SELECT name FROM _migrations ORDER BY name")]
    assert names == sorted(n for n, _ in MIGRATIONS)
    assert migrate(store.db) == []  # nothing left to do
    assert Store.open(str(tmp_path / "a.db"), FrozenClock()).healthy()


def test_wal_and_busy_timeout(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    assert store.db.scalar("PRAGMA journal_mode") == "wal"
    assert store.db.scalar("PRAGMA busy_timeout") >= 5000


def test_core_tables_exist(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    tables = set(store.db.db.table_names())
    assert {"members", "bindings", "inbox", "conversations", "activities", "signups", "suggestions", "outbox"} <= tables


def test_inbox_claim_once(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    assert store.inbox.claim("wechat", "1") is True
    assert store.inbox.claim("wechat", "1") is False
    assert store.inbox.claim("wecom", "1") is True


def test_transaction_rolls_back(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    try:
        with store.transaction():
            store.members.add(staff_no="1", name="甲")
            raise RuntimeError
    except RuntimeError:
        pass
    assert store.members.count() == 0
