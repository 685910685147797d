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
    assert {"members", "bindings", "activities", "signups", "suggestions", "outbox"} <= tables
    # what teachers' conversations need for minutes lives in the scratch file, with no history
    # (and the ballots of polls still open, storage/polls.py, sealed to the poll's counting key since the
    # 计票密钥, and anonymous proposers' satisfaction waiting for the day's release, storage/proposals.py)
    assert set(store.scratch.db.table_names()) == {"inbox", "seen_requests", "conversations", "tray", "ballots",
                                                  "sealed_ballots", "verdicts"}
    assert {"polls", "poll_questions", "poll_voters", "poll_ballots"} <= tables
    assert not {"inbox", "conversations", "seen_requests"} & tables
    assert store.scratch.scalar("PRAGMA journal_mode") == "truncate"
    assert store.scratch.scalar("PRAGMA secure_delete") == 1


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


def test_a_database_made_by_the_oldest_schema_upgrades_with_its_data(tmp_path):
    """A school that installed the first release: only migration 0001, with real rows in it."""
    from storage.db import Database

    path = str(tmp_path / "old.db")
    db = Database(path)
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    name, first = MIGRATIONS[0]
    with db.transaction():
        first(db)
        db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
    db.execute("INSERT INTO members (staff_no, name, created_at, updated_at) VALUES ('1001', '张伟', 'x', 'x')")
    db.execute("INSERT INTO bindings VALUES ('wechat', 'o-1', 1, 'x'), ('wechat', 'o-2', 1, 'y')")  # a takeover
    db.execute("INSERT INTO care_reports (reporter_member_id, subject, event, created_at) VALUES (1, '王老师', '住院', 'x')")
    db.execute("INSERT INTO suggestions (ticket, kind, content, anonymous, created_on, updated_at) "
               "VALUES ('A2B3C4', '建议', '多开窗口', 1, '2026-01-01', '2026-01-01')")
    db.close()

    store = Store.open(path, FrozenClock())
    assert [r["name"] for r in store.db.query("SELECT name FROM _migrations ORDER BY name")] == sorted(
        n for n, _ in MIGRATIONS)
    assert store.members.by_staff_no("1001").name == "张伟"
    assert [b["user_id"] for b in store.bindings.list()] == ["o-1"]  # the earliest binding is kept
    report = store.care.list()[0]
    assert report["subject"] == "王老师" and report["status"] == "待跟进" and report["visited_at"] is None
    assert store.suggestions.by_ticket("A2B3C4")["content"] == "多开窗口"
    assert store.admin_users.count() == 0 and store.audit.recent() == []


def test_an_online_backup_is_consistent_while_writes_go_on_and_restores(tmp_path):
    """`python -m bot backup FILE` uses SQLite's backup API: a copy taken while another connection
    writes is a consistent database; restoring is copying it back while the services are stopped."""
    import shutil
    import threading

    from bot.__main__ import main

    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[bot]\ndatabase = "{tmp_path / "live.db"}"\n[wechat]\ntoken = "t"\n', "utf-8")
    store = Store.open(str(tmp_path / "live.db"), FrozenClock())
    stop = threading.Event()

    def writer():
        n = 0
        while not stop.is_set():
            n += 1
            with store.transaction():
                store.members.add(staff_no=f"{9000 + n}", name=f"老师{n}")
                store.care.add(None, f"老师{n}", "住院", "illness", "")

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while store.members.count() < 20:  # the copies are taken with writes under way
            stop.wait(0.01)
        for i in range(3):
            assert main(["--config", str(cfg), "backup", str(tmp_path / f"b{i}.db")]) == 0
    finally:
        stop.set()
        thread.join()
    for i in range(3):
        copy = Store.open(str(tmp_path / f"b{i}.db"), FrozenClock())
        assert copy.db.scalar("PRAGMA integrity_check") == "ok"
        # every transaction is in the copy whole or not at all
        assert copy.members.count() == copy.db.scalar("SELECT count(*) FROM care_reports") >= 20
    # restore (README): stop the services, put the copy in place of the database, remove its -wal/-shm
    restored = tmp_path / "restored.db"
    shutil.copy(tmp_path / "b2.db", restored)
    again = Store.open(str(restored), FrozenClock())
    assert again.healthy() and again.members.count() == Store.open(str(tmp_path / "b2.db"), FrozenClock()).members.count()


def test_a_lease_whose_holder_died_on_this_machine_is_taken_at_once(tmp_path, clock):
    import datetime as dt
    import socket

    from storage.leases import Lease
    from tests.test_pushes import _dead_owner

    store = Store.open(str(tmp_path / "lease.db"), clock)
    ttl = dt.timedelta(minutes=3)
    assert Lease(store, clock, "k", ttl, owner=_dead_owner()).acquire()
    mine = Lease(store, clock, "k", ttl)
    assert mine.acquire() and mine.holder() == mine.owner  # no 3-minute wait after a crash
    assert not Lease(store, clock, "k", ttl).acquire()  # a live holder (this process) keeps it
    mine.release()
    assert Lease(store, clock, "k", ttl, owner="other-host:1:abcdef").acquire()
    assert not Lease(store, clock, "k", ttl).acquire()  # another machine: only expiry frees it
    clock.advance(minutes=4)
    assert Lease(store, clock, "k", ttl).acquire()
    assert socket.gethostname() != "other-host"


def test_housekeeping_never_holds_writers_while_a_reader_keeps_a_transaction_open(tmp_path):
    """A reader (a console export, a backup, someone's sqlite3) holding a transaction used to make
    housekeeping's wal_checkpoint(TRUNCATE) wait 10 s with the writers' lock held: every reply took
    that long. Now housekeeping is short statements and a PASSIVE checkpoint."""
    import datetime as dt
    import sqlite3
    import threading
    import time

    store = Store.open(str(tmp_path / "h.db"), FrozenClock())
    store.members.add(staff_no="1001", name="张伟")
    reader = sqlite3.connect(tmp_path / "h.db")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM members").fetchone()
    store.members.add(staff_no="1002", name="王芳")  # the WAL now has frames the reader pins
    took = {}

    def housekeeping():
        start = time.monotonic()
        store.housekeeping(dt.timedelta(minutes=10))
        took["housekeeping"] = time.monotonic() - start

    thread = threading.Thread(target=housekeeping)
    thread.start()
    time.sleep(0.05)
    start = time.monotonic()
    store.members.add(staff_no="1003", name="李娜")  # a teacher's reply needs a write meanwhile
    took["write"] = time.monotonic() - start
    thread.join(15)
    reader.rollback()
    assert took["housekeeping"] < 2.0 and took["write"] < 2.0, took


def test_active_names_in_a_text_are_those_all_active_would_give_in_roster_order(tmp_path):
    store = Store.open(str(tmp_path / "u.db"), FrozenClock("2026-09-01T09:00:00"))
    for staff_no, name, status in (("1", "张伟", "在职"), ("2", "王芳", "退休"), ("3", "李娜", "离职"),
                                   ("4", "周", "在职"), ("5", "张伟", "在职"), ("6", "欧阳娜娜", "在职")):
        store.members.add(staff_no=staff_no, name=name, status=status)
    text = "署名王芳，不是李娜也不是周老师，欧阳娜娜和张伟都知道"
    expected = [m.name for m in store.members.all_active() if len(m.name) >= 2 and m.name in text]
    assert store.members.active_names_in(text) == expected == ["张伟", "王芳", "张伟", "欧阳娜娜"]
    assert store.members.active_names_in("实名") == []
