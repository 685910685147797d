"""A full mapping moves its finished claims and its signed-URL records to the scratch file in one
transaction (storage/claims_move.py; issue 23, twelfth round): every delivery is still known once, a
retry still gets its reply, a claim in hand stays in hand, a signed URL still takes one body only,
and the mapping has room again (no transaction per message after it)."""

from __future__ import annotations

import hashlib

import pytest

from bot import demo
from bot.clock import FrozenClock
from bot.dispatch import inbox_key
from bot.messages import IncomingMessage
from storage import Store
from storage.claims import PROCESSING, ClaimTable
from storage.claims_move import moved_key
from storage.inbox import InboxRepo
from storage.leases import process_owner
from storage.scratch import delivery_key, unseal

SLOTS = 8  # claims; the signed-URL records: twice as many


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:41")


@pytest.fixture
def inbox(tmp_path, clock):
    store = Store.open(str(tmp_path / "a.db"), clock)
    repo = InboxRepo(store.scratch, clock.now, ClaimTable(None, SLOTS))
    yield repo
    store.db.close()
    store.scratch.close()


def _file_writes(inbox) -> int:
    return inbox.file.db.conn.total_changes


def _fill(inbox, prefix: str, n: int) -> dict[str, bytes]:
    replies = {}
    for i in range(n):
        key = f"{prefix}{i}"
        assert inbox.claim("wechat", key, process_owner())
        replies[key] = f"reply to {key}".encode()
        inbox.finish("wechat", key, replies[key])
    return replies


def test_finished_claims_move_to_the_file_together_and_every_one_is_still_known(inbox):
    first = _fill(inbox, "early", 40)  # five times what the mapping holds
    assert inbox.count() == 40 and inbox.file.count() > 0
    for key, reply in first.items():
        assert inbox.claim("wechat", key, process_owner() + "x") is False  # seen: not handled again
        row = inbox.get("wechat", key)
        assert row["status"] == "done" and row["reply"] == reply  # a retry's reply, wherever it is
    assert inbox.get("wechat", "never") is None


def test_after_a_move_new_claims_go_to_the_mapping_not_one_transaction_each(inbox):
    _fill(inbox, "a", SLOTS)  # the mapping is full of finished claims
    before = _file_writes(inbox)
    _fill(inbox, "b", 4)  # the first one moves the eight; the next ones find room
    assert _file_writes(inbox) - before == SLOTS  # the eight rows, in one transaction; nothing more
    assert inbox.file.count() == SLOTS and inbox.count() == SLOTS + 4


def test_a_claim_in_hand_stays_in_the_mapping_and_is_finished_there(inbox):
    owner = process_owner()
    assert inbox.claim("wechat", "in-hand", owner)
    _fill(inbox, "done", 20)
    t = inbox.table
    with t.locked():
        off, found = t.find("wechat", "in-hand")
        assert found and t.state(off) == PROCESSING  # not moved: its owner is still working on it
    assert inbox.claim("wechat", "in-hand", owner + "x") is False  # a retry meanwhile waits, as before
    inbox.finish("wechat", "in-hand", b"late reply")
    assert inbox.get("wechat", "in-hand")["reply"] == b"late reply"


def test_moved_claims_are_purged_on_the_same_hours(inbox, clock):
    _fill(inbox, "k", 20)
    clock.advance(minutes=30)  # the 09:00 hour ended more than ten minutes ago: replies dropped
    inbox.purge()
    assert all(inbox.get("wechat", f"k{i}")["reply"] is None for i in range(20))
    clock.advance(hours=2)
    inbox.purge()
    assert inbox.count() == 0 and inbox.get("wechat", "k0") is None


def test_a_signed_url_takes_one_body_only_after_its_record_moved(inbox):
    body = {f"url{i}": hashlib.sha256(f"body {i}".encode()).hexdigest() for i in range(3 * 2 * SLOTS)}
    urls = list(body)
    for url in urls[:2 * SLOTS + 1]:  # the mapping's sixteen records, then one that finds no room
        assert inbox.first_body(url, body[url])
    assert inbox.file.db.scalar("SELECT count(*) FROM seen_requests WHERE key = ?", (moved_key("url0"),)) == 1
    before = _file_writes(inbox)
    for url in urls[2 * SLOTS + 1:3 * SLOTS]:
        assert inbox.first_body(url, body[url])
    assert _file_writes(inbox) == before  # in the mapping again, no transaction each
    for url in urls[3 * SLOTS:]:  # and on, through more moves
        assert inbox.first_body(url, body[url])
    other = hashlib.sha256(b"another body").hexdigest()
    for url, digest in body.items():
        assert inbox.first_body(url, digest) is True  # the same URL with its own body: fine
        assert inbox.first_body(url, other) is False  # a leaked URL with another body: refused


def test_a_retry_through_the_dispatcher_gets_its_reply_after_the_mapping_moved(bot, monkeypatch):
    demo.seed(bot.store, bot.clock)
    member = bot.store.members.all_active()[0]
    bot.store.bindings.bind("test", "u-1", member.id)
    bot.store.inbox.table = ClaimTable(None, SLOTS)
    handled = []
    route = bot.router.handle
    monkeypatch.setattr(bot.router, "handle", lambda msg: handled.append(msg.msg_id) or route(msg))

    def msg(i: int) -> IncomingMessage:
        return IncomingMessage("test", f"m-{i}", "u-1", "最近有什么活动", received_at=bot.clock.now())

    first = bot.dispatch(msg(0))
    assert "活动" in first
    for i in range(1, 3 * SLOTS):
        bot.dispatch(msg(i))
    row = bot.store.inbox.file.get("test", inbox_key(msg(0), bot.store.dedup_secret))
    assert row["status"] == "done" and unseal(row["reply"], delivery_key("test", "u-1", "m-0")) == first  # moved
    assert bot.dispatch(msg(0)) == first  # WeChat's retry of the first delivery: the same reply…
    assert handled.count("m-0") == 1  # … given again, not worked out again
