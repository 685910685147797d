"""Delivery claims in a shared mapping (storage/claims.py, storage/inbox.py; issue 23, seventh round):
torn writes, a dead owner's claim taken over, probe runs through tombstones, overflow into the scratch
file, purge, a second process, the file's place and mode, and what a copy of the mapping shows."""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import stat
import subprocess
import sys
import textwrap

import pytest

from bot.clock import FrozenClock
from storage import Store
from storage import claims as claims_module
from storage.claims import (
    CLAIM_SLOT,
    EMPTY,
    HEADER,
    IN_FILE,
    OWNER,
    TOMB,
    ClaimTable,
    claims_path,
    remove_for,
)
from storage.inbox import InboxRepo
from storage.leases import process_owner
from storage.scratch import delivery_key, seal_reply


def _dead_owner() -> str:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # its pid is gone (and not reused within this test)
    return f"{socket.gethostname()}:{proc.pid}:abcdef"


def _inbox(tmp_path, clock, slots: int = 1024) -> InboxRepo:
    store = Store.open(str(tmp_path / "a.db"), clock)
    inbox = InboxRepo(store.scratch, clock.now, ClaimTable(None, slots))
    inbox.store = store
    return inbox


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:41")


# ---- a writer killed mid-change ------------------------------------------------------------------------


def test_a_claim_whose_state_byte_was_not_written_is_no_claim(tmp_path, clock):
    """Killed after the body, before the state byte: the slot is still free, and the retry is new."""
    inbox = _inbox(tmp_path, clock)
    t = inbox.table
    with t.locked():
        off, found = t.find("wechat", "k1")
        assert not found
        t.put_claim(off, "wechat", "k1", process_owner(), 5)
        t.mm[off] = EMPTY  # as if the state byte had not been written
    assert inbox.get("wechat", "k1") is None
    assert inbox.claim("wechat", "k1", process_owner()) is True


def test_a_torn_owner_counts_as_dead_and_the_retry_takes_over(tmp_path, clock):
    inbox = _inbox(tmp_path, clock)
    assert inbox.claim("wechat", "k1", process_owner())
    assert inbox.claim("wechat", "k1", "other") is False  # alive (this process): not taken
    t = inbox.table
    with t.locked():
        off, _ = t.find("wechat", "k1")
        t.mm[off + OWNER + 5] ^= 0xFF  # the owner half written: its checksum fails
    assert inbox.claim("wechat", "k1", "other") is True
    assert inbox.get("wechat", "k1")["owner"] == "other"


def test_a_done_reply_half_written_reads_as_already_answered(tmp_path, clock):
    inbox = _inbox(tmp_path, clock)
    key = delivery_key("wechat", "u", "1")
    inbox.claim("wechat", "k1", process_owner())
    t = inbox.table
    with t.locked():
        off, _ = t.find("wechat", "k1")
        sealed = bytearray(seal_reply("近期活动：……", key))
        sealed[40] ^= 1  # a torn reply: its tag fails
        t.finish(off, bytes(sealed))
    from storage.scratch import unseal

    row = inbox.get("wechat", "k1")
    assert row["status"] == "done" and unseal(row["reply"], key) is None  # the dispatcher says 已经处理过了


# ---- a dead owner's claim -------------------------------------------------------------------------------


def test_a_dead_owners_claim_is_taken_over_once(tmp_path, clock):
    inbox = _inbox(tmp_path, clock)
    assert inbox.claim("wechat", "k1", _dead_owner())
    assert inbox.claim("wechat", "k1", process_owner()) is True  # the retry takes it over
    assert inbox.claim("wechat", "k1", process_owner() + "x") is False  # and nobody else after it
    inbox.finish("wechat", "k1", b"sealed")
    assert inbox.take_over("wechat", "k1", "x") is False
    assert inbox.get("wechat", "k1")["reply"] == b"sealed"


def test_a_dead_owner_that_kept_its_reply_in_the_file_is_answered_from_it(tmp_path, clock):
    """Killed between the scratch commit (the conversation and the reply) and marking the slot: the
    retry finds the reply in the file and does not handle the message again."""
    inbox = _inbox(tmp_path, clock)
    assert inbox.claim("wechat", "k1", _dead_owner())
    with inbox.file.db.transaction():
        inbox.keep("wechat", "k1", b"kept with the conversation")
    assert inbox.claim("wechat", "k1", process_owner()) is False
    row = inbox.get("wechat", "k1")
    assert row["status"] == "done" and row["reply"] == b"kept with the conversation"
    assert inbox.count() == 1  # one record, in the file


# ---- probe runs ----------------------------------------------------------------------------------------


def test_lookups_go_past_tombstones_and_purge_empties_the_run_ends(tmp_path, clock):
    inbox = _inbox(tmp_path, clock, slots=8)  # eight slots: every key's run covers the table
    owner = process_owner()
    for k in ("a", "b", "c", "d"):
        assert inbox.claim("wechat", k, owner)
    t = inbox.table
    states = lambda: bytes(t.mm[HEADER:HEADER + 8 * CLAIM_SLOT:CLAIM_SLOT])  # noqa: E731
    for k in ("a", "b", "c"):
        inbox.release("wechat", k)  # tombstones: "d" behind them is still found
    assert states().count(TOMB) == 3
    assert inbox.claim("wechat", "d", owner + "x") is False and inbox.get("wechat", "d")["status"] == "processing"
    assert inbox.claim("wechat", "e", owner)  # a new claim reuses a tombstone, "d" stays unique
    assert inbox.claim("wechat", "d", owner + "x") is False
    with t.locked():
        t.purge_claims(0, 0)  # nothing expired; only the tombstones that end a run become empty
    assert inbox.get("wechat", "d") and inbox.get("wechat", "e")
    assert states().count(TOMB) < 3 or EMPTY not in states()


def test_a_full_table_sends_claims_to_the_scratch_file_and_every_lookup_looks_there(tmp_path, clock):
    inbox = _inbox(tmp_path, clock, slots=4)
    owner = process_owner()
    for k in ("a", "b", "c", "d"):
        assert inbox.claim("wechat", k, owner)
    assert inbox.claim("wechat", "spilled", owner) is True  # no free slot: in the scratch file
    assert inbox.file.count() == 1 and inbox.count() == 5
    inbox.release("wechat", "a")  # a slot is free again
    assert inbox.claim("wechat", "spilled", owner + "x") is False  # still found, in the file
    inbox.finish("wechat", "spilled", b"r")
    assert inbox.get("wechat", "spilled")["reply"] == b"r"
    assert inbox.first_body("req", "ab" * 32) and not inbox.first_body("req", "cd" * 32)


def test_a_reply_longer_than_a_slot_is_kept_in_the_file(tmp_path, clock):
    inbox = _inbox(tmp_path, clock)
    inbox.claim("wechat", "k1", process_owner())
    inbox.finish("wechat", "k1", b"x" * 2000)
    assert inbox.get("wechat", "k1")["reply"] == b"x" * 2000
    t = inbox.table
    with t.locked():
        off, _ = t.find("wechat", "k1")
        assert t.state(off) == IN_FILE


# ---- purge ---------------------------------------------------------------------------------------------


def test_purge_drops_replies_after_ten_minutes_and_zeroes_slots_after_the_hours(tmp_path, clock):
    inbox = _inbox(tmp_path, clock)
    inbox.claim("wechat", "k1", process_owner())
    inbox.finish("wechat", "k1", b"the sealed reply")
    assert inbox.first_body("r1", "ab" * 32)
    clock.advance(minutes=30)  # 10:11: the 09:00 hour ended more than ten minutes ago
    inbox.purge()
    assert inbox.get("wechat", "k1")["reply"] is None and inbox.count() == 1
    clock.advance(hours=2)
    assert inbox.purge() == 1 and inbox.purge_requests(__import__("datetime").timedelta(minutes=5)) >= 1
    assert inbox.count() == 0 and inbox.get("wechat", "k1") is None
    body = bytes(inbox.table.mm[HEADER:])
    assert body.count(0) == len(body)  # zeroed, and no tombstone left at a run's end


# ---- processes, files ----------------------------------------------------------------------------------


def test_a_second_process_maps_the_same_claims(tmp_path, clock):
    path = str(tmp_path / "a.db")
    store = Store.open(path, clock)
    assert store.inbox.mapped and store.inbox.claim("wechat", "mine", process_owner())
    code = textwrap.dedent(f"""
        from bot.clock import FrozenClock
        from storage import Store
        from storage.leases import process_owner
        s = Store.open({path!r}, FrozenClock("2026-09-01 09:41"))
        print(s.inbox.claim("wechat", "mine", process_owner()), s.inbox.claim("wechat", "theirs", process_owner()))
        s.inbox.finish("wechat", "theirs", b"from the other process")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))), env=os.environ)
    assert out.stdout.split() == ["False", "True"]
    assert store.inbox.get("wechat", "theirs")["reply"] == b"from the other process"
    assert store.inbox.claim("wechat", "theirs", process_owner()) is False


def test_the_mapping_is_in_dev_shm_readable_by_the_service_only(tmp_path, clock):
    if not os.path.isdir("/dev/shm"):
        pytest.skip("no /dev/shm here")
    path = str(tmp_path / "a.db")
    Store.open(path, clock)
    where = claims_path(path)
    assert where.startswith("/dev/shm/unionbot-") and str(tmp_path) not in where
    assert stat.S_IMODE(os.stat(where).st_mode) == 0o600
    assert not os.path.exists(path + "-claims")


def test_without_dev_shm_the_mapping_lies_beside_the_database(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(claims_module, "SHM_DIR", str(tmp_path / "no-shm"))
    path = str(tmp_path / "a.db")
    store = Store.open(path, clock)
    assert store.inbox.table.path == path + "-claims"
    assert stat.S_IMODE(os.stat(path + "-claims").st_mode) == 0o600
    assert store.inbox.claim("wechat", "k", process_owner()) and not store.inbox.claim("wechat", "k", "x")
    remove_for(path)


def test_the_switch_keeps_claims_in_the_scratch_file(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("UNIONBOT_CLAIMS", "file")
    store = Store.open(str(tmp_path / "a.db"), clock)
    assert not store.inbox.mapped
    assert store.inbox.claim("wechat", "k", process_owner())
    assert store.inbox.file.count() == 1


# ---- what a copy of the mapping shows ------------------------------------------------------------------


def _copy_after(tmp_path, name, clock, keys, minutes) -> bytes:
    store = Store.open(str(tmp_path / name), clock)
    inbox = InboxRepo(store.scratch, clock.now, ClaimTable(None, 1024))
    for key, minute in zip(keys, minutes, strict=True):
        clock.set(f"2026-09-01 09:{minute:02d}")
        assert inbox.claim("wechat", key, process_owner())
        inbox.finish("wechat", key, b"sealed:" + key.encode())  # the same bytes for the same delivery
        assert inbox.first_body("req-" + key, "ab" * 32)
    return bytes(inbox.table.mm)


def _apart(n: int, slots: int = 1024) -> list[str]:
    """n delivery keys whose places, and those of their signed-URL records ("req-" + key), are at least
    two slots apart (no two in one probe run; else the test failed one run in three)."""
    keys, homes, request_homes = [], set(), set()

    def place(ident: bytes, count: int) -> int:
        return int.from_bytes(hashlib.blake2b(ident, digest_size=8).digest(), "little") % count

    while len(keys) < n:
        key = secrets.token_hex(20)
        home = place(ClaimTable._ident("wechat", key), slots)
        request_home = place(ClaimTable._request_ident("req-" + key), 2 * slots)
        near = {(home + d) % slots for d in (-1, 0, 1)}
        request_near = {(request_home + d) % (2 * slots) for d in (-1, 0, 1)}
        if not homes & near and not request_homes & request_near:
            keys.append(key)
            homes.add(home)
            request_homes.add(request_home)
    return keys


def test_a_copy_of_the_mapping_holds_no_time_finer_than_the_hour_and_no_order(tmp_path):
    """The same deliveries in opposite orders, at other minutes of the same hour: the same bytes. A
    slot's place is its key's, its time the hour; there is no log, ring or sequence number. (Two keys
    in one probe run sit in the order they came, as two cells in one page of the scratch file do.)"""
    keys = _apart(40)
    first = _copy_after(tmp_path, "a.db", FrozenClock(), keys, range(0, 40))
    same_order = _copy_after(tmp_path, "b.db", FrozenClock(), keys, range(20, 60))
    opposite = _copy_after(tmp_path, "c.db", FrozenClock(), keys[::-1], range(59, 19, -1))
    assert first == same_order == opposite
    assert first[HEADER:] != bytes(len(first) - HEADER)


def test_an_anonymous_suggestions_delivery_in_the_mapping_names_nobody(tmp_path):
    from bot.app import create_app
    from tests.conftest import make_config
    from tests.helpers import WeChatClient

    clock = FrozenClock("2026-09-01 09:41")
    app = create_app(make_config(tmp_path), clock)
    wx = WeChatClient(app.test_client(), "plaintext", clock)
    store = app.extensions["unionbot"].store
    member = store.members.add(staff_no="3001", name="匿名测试")
    store.bindings.bind("wechat", "oSecretSender", member.id)
    assert "编号" in wx.say("oSecretSender", "匿名建议：食堂的菜太咸了")
    copy = open(claims_path(store.db.path), "rb").read()
    for secret in (b"oSecretSender", "匿名测试".encode(), "食堂".encode(), b"3001", b":41"):
        assert secret not in copy
    rows = store.inbox.rows()
    assert rows and {r["received_at"] for r in rows} == {"2026-09-01T09:00:00+08:00"}
    assert all(r["owner"] == "" for r in rows)  # the owner goes when the delivery is answered


# ---- through the webhook: WeChat's three retries ---------------------------------------------------------


def test_three_retries_of_a_flow_step_are_answered_once_from_the_slot_and_the_file(wechat):
    store = wechat.app.extensions["unionbot"].store
    assert store.inbox.mapped
    store.members.add(staff_no="1024", name="张三", phone="13900001024")
    first = wechat.say("oUser1", "绑定", msg_id="1")  # a conversation opens: the reply is kept with it, in the file
    assert first.startswith("请回复您的工号")
    hello = wechat.say("oUser2", "你好", msg_id="2")  # nothing changed: the reply in the slot
    for _ in range(3):
        assert wechat.say("oUser1", "绑定", msg_id="1") == first
        assert wechat.say("oUser2", "你好", msg_id="2") == hello
    assert wechat.say("oUser1", "1024", msg_id="3") == "请回复您的姓名。"
    assert store.conversations.get("wechat", "oUser1").step == "name"
    assert store.inbox.count() == 3 and store.inbox.file.count() == 2  # the flow's two in the file


def test_a_handler_that_died_after_keeping_its_reply_is_not_handled_again(wechat, monkeypatch):
    """Killed between the scratch commit (the conversation and the reply) and marking its slot: the
    retry takes the reply from the file; the flow does not move twice."""
    store = wechat.app.extensions["unionbot"].store
    store.members.add(staff_no="1024", name="张三", phone="13900001024")
    assert wechat.say("oUser1", "绑定", msg_id="1").startswith("请回复您的工号")
    dead = _dead_owner()

    def died(channel, key):  # the slot keeps 'processing', its owner now a process that is gone
        t = store.inbox.table
        with t.locked():
            off, _ = t.find(channel, key)
            t.set_owner(off, dead)

    monkeypatch.setattr(store.inbox, "filed", died)
    first = wechat.say("oUser1", "1024", msg_id="2")
    monkeypatch.undo()
    assert first == "请回复您的姓名。"
    for _ in range(3):
        assert wechat.say("oUser1", "1024", msg_id="2") == first
    assert store.conversations.get("wechat", "oUser1").step == "name"  # not taken as the name
