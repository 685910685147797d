"""A suggestion, a ballot or a verdict is on disk before the teacher is told it was taken
(storage/scratch.py `durable`), and the disk is waited for after the commit, with the writers' lock
free: the other workers' claims do not queue behind the syncs (issue 23, fifth round)."""

from __future__ import annotations

import fcntl
import os
import secrets
import sqlite3

import pytest

from bot.clock import FrozenClock
from storage import Store
from storage.scratch import durable


@pytest.fixture
def synced(monkeypatch):
    """Every fdatasync / fsync: the file it synced, whether another process could take the writers'
    lock at that moment, and the tray rows a fresh connection (another process) reads then."""
    seen: list[dict] = []
    real = {"fdatasync": os.fdatasync, "fsync": os.fsync}

    def spy(name):
        def call(fd):
            path = os.readlink(f"/proc/self/fd/{fd}")
            if path.endswith(("-scratch", "-scratch-journal")):
                base = path.removesuffix("-journal")
                lock = os.open(base.removesuffix("-scratch") + "-scratch-writers.lock", os.O_RDWR | os.O_CREAT)
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    free = True
                    fcntl.flock(lock, fcntl.LOCK_UN)
                except BlockingIOError:
                    free = False
                finally:
                    os.close(lock)
                other = sqlite3.connect(base)
                rows = other.execute("SELECT count(*) FROM tray").fetchone()[0]
                other.close()
                seen.append({"call": name, "file": os.path.basename(path), "lock_free": free, "tray": rows,
                             "journal_size": os.path.getsize(base + "-journal")
                             if os.path.exists(base + "-journal") else 0})
            return real[name](fd)
        return call

    monkeypatch.setattr(os, "fdatasync", spy("fdatasync"))
    monkeypatch.setattr(os, "fsync", spy("fsync"))
    return seen


def test_a_suggestion_is_synced_after_its_commit_with_the_writers_lock_free(tmp_path, synced):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    store.suggestions.submit("建议", "食堂的菜能不能少放点盐", None, secrets.token_hex(16))
    synced.clear()
    ticket = store.suggestions.submit("建议", "教工停车位太少", None, secrets.token_hex(16))
    assert ticket
    files = [(s["call"], s["file"]) for s in synced]
    # the file's pages, then the journal cut to nothing (no old journal to play back after a power cut)
    assert files == [("fdatasync", "a.db-scratch"), ("fsync", "a.db-scratch-journal")]
    assert all(s["lock_free"] for s in synced)  # nobody waits for the disk behind this worker
    assert all(s["tray"] == 2 for s in synced)  # committed before the sync: another process reads it
    assert synced[-1]["journal_size"] == 0


def test_a_delivery_claim_is_not_synced(tmp_path, synced):
    """Only the private rows wait for the disk; the claims stay at synchronous = OFF."""
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    with store.scratch.transaction():
        assert store.inbox.claim("wechat", secrets.token_hex(16))
    assert synced == []


def test_any_durable_transaction_is_synced_with_the_lock_free(tmp_path, synced):
    """A ballot and a proposer's verdict go through the same `durable` as a suggestion."""
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    store.scratch.execute("INSERT INTO verdicts (ticket, answer, day) VALUES ('AB2CDE', '满意', '2026-01-01')")
    assert synced == []  # an ordinary write: not synced
    with durable(store.scratch):
        store.scratch.execute("INSERT INTO verdicts (ticket, answer, day) VALUES ('AB3CDE', '满意', '2026-01-01')")
    assert [(s["call"], s["lock_free"]) for s in synced] == [("fdatasync", True), ("fsync", True)]
    rows = sqlite3.connect(store.scratch.path).execute("SELECT count(*) FROM verdicts").fetchone()[0]
    assert rows == 2
