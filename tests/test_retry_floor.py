"""A platform's retry of a delivery already answered (issue 23, fourteenth round): the claim that finds
the delivery finished reads its reply under the same lock of the mapping, so the retry takes the lock
once, not twice; the reply is the one given, and a later look at any other delivery reads the mapping."""

from __future__ import annotations

from bot.clock import FrozenClock
from storage import Store
from storage.claims import ClaimTable
from storage.inbox import InboxRepo
from storage.scratch import delivery_key, seal_reply, unseal


def _inbox(tmp_path, clock) -> tuple[InboxRepo, list]:
    store = Store.open(str(tmp_path / "a.db"), clock)
    table = ClaimTable(None, 1024)
    locks = []
    real = table.locked

    def counted():
        locks.append(1)
        return real()

    table.locked = counted
    return InboxRepo(store.scratch, clock.now, table), locks


def test_a_retry_of_an_answered_delivery_takes_the_lock_once_and_gets_its_reply(tmp_path):
    inbox, locks = _inbox(tmp_path, FrozenClock("2026-09-01 09:41"))
    key = delivery_key("wechat", "ob-1", "1001")
    assert inbox.claim("wechat", "k1", "me")
    inbox.finish("wechat", "k1", seal_reply("近期活动：乒乓球赛", key))
    locks.clear()
    assert not inbox.claim("wechat", "k1", "me")  # the retry
    row = inbox.get("wechat", "k1")
    assert len(locks) == 1
    assert row["status"] == "done" and unseal(row["reply"], key) == "近期活动：乒乓球赛"
    assert inbox.get("wechat", "k1")["status"] == "done" and len(locks) == 2  # read once only: then the mapping


def test_what_a_lost_claim_read_is_never_another_deliverys(tmp_path):
    inbox, _ = _inbox(tmp_path, FrozenClock("2026-09-01 09:41"))
    for k, text in (("k1", "第一条"), ("k2", "第二条")):
        assert inbox.claim("wechat", k, "me")
        inbox.finish("wechat", k, seal_reply(text, delivery_key("wechat", "ob-1", k)))
    assert not inbox.claim("wechat", "k1", "me")
    assert unseal(inbox.get("wechat", "k2")["reply"], delivery_key("wechat", "ob-1", "k2")) == "第二条"
    assert inbox.get("wechat", "k3") is None
    assert not inbox.claim("wechat", "k1", "me") and inbox.claim("wechat", "k3", "me")  # a new claim forgets it
    assert inbox.get("wechat", "k1")["status"] == "done" and inbox.get("wechat", "k3")["status"] == "processing"


def test_a_claim_still_in_hand_is_not_read_as_answered(tmp_path):
    """A retry while the first delivery is still being answered waits for it: the lost claim kept no row."""
    inbox, _ = _inbox(tmp_path, FrozenClock("2026-09-01 09:41"))
    from storage.leases import process_owner

    assert inbox.claim("wechat", "k1", process_owner())
    assert not inbox.claim("wechat", "k1", process_owner())
    assert inbox.get("wechat", "k1")["status"] == "processing"
    inbox.finish("wechat", "k1", seal_reply("好了", delivery_key("wechat", "ob-1", "k1")))
    assert inbox.get("wechat", "k1")["status"] == "done"


def test_the_process_keys_cipher_is_made_once_and_follows_a_new_key(monkeypatch):
    """Conversations are sealed under the process key with one cipher per key (fourteenth round): a new
    key (a restart) cannot open what the old one sealed, and what it seals opens under it."""
    from storage import scratch

    sealed = scratch.seal("对话", size=256)
    assert scratch.unseal(sealed) == "对话"
    cipher = scratch._cipher(None)
    assert scratch._cipher(None) is cipher and scratch._cipher(b"k" * 32) is not cipher
    monkeypatch.setattr(scratch, "_process_key", (1, b"n" * 32))
    assert scratch.unseal(sealed) is None
    assert scratch.unseal(scratch.seal("新的", size=256)) == "新的"
