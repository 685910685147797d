"""A move writes its rows to the scratch file with the mapping's lock let go (storage/claims_move.py;
issue 23, twenty-second round): a move is 10 – 30 ms of scratch writes, and every other worker's
claims waited for the lock behind it (the hot question's p99 at half the benchmark's peak). Meanwhile
the others claim, finish and record signed URLs in the mapping; afterwards every delivery is still
known once with its reply, and a signed URL still takes one body only."""

from __future__ import annotations

import contextlib
import fcntl
import os

import pytest

from storage import Store
from storage.claims import ClaimTable
from storage.inbox import InboxRepo
from storage.leases import process_owner
from tests import test_claims_move as moves
from tests.test_claims_move import SLOTS, _fill

clock = moves.clock  # the same frozen clock; an 8-slot mapping, here in a file two views share


@pytest.fixture
def two(tmp_path, clock):
    """Two workers' views of one mapping file (each its own descriptor: flock tells them apart)."""
    store = Store.open(str(tmp_path / "a.db"), clock)
    path = str(tmp_path / "claims")
    a = InboxRepo(store.scratch, clock.now, ClaimTable(path, SLOTS))
    b = InboxRepo(store.scratch, clock.now, ClaimTable(path, SLOTS))
    yield a, b
    a.table.close()
    b.table.close()
    store.db.close()
    store.scratch.close()


def _free(path: str) -> bool:
    """Whether another process could take the mapping's lock now."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def _during_moves(inbox, then) -> list:
    """Run `then()` inside the scratch transactions a move opens (its rows written; not again inside one
    `then()` itself opens: the two views share the scratch file); what it returned each time."""
    seen, begin, busy = [], inbox.file.db.transaction, []

    @contextlib.contextmanager
    def transaction():
        with begin() as db:
            if not busy:
                busy.append(1)
                seen.append(then())
                busy.clear()
            yield db
    inbox.file.db.transaction = transaction
    return seen


def test_the_lock_is_free_while_a_move_writes_its_rows(two):
    a, _ = two
    replies = _fill(a, "early", SLOTS)
    seen = _during_moves(a, lambda: _free(a.table.path))
    replies |= _fill(a, "later", 3)  # the first one moves the eight
    assert seen and all(seen)  # (before this round: held throughout, False)
    assert a.file.count() == SLOTS
    for key, reply in replies.items():
        assert a.claim("wechat", key, process_owner() + "x") is False
        assert a.get("wechat", key)["reply"] == reply


def test_another_worker_claims_and_finishes_during_a_move_and_nothing_is_lost(two):
    a, b = two
    replies = _fill(a, "a", SLOTS)
    others = {}

    def meanwhile():
        key = f"b{len(others)}"
        if b.claim("wechat", key, process_owner() + "b"):  # the other worker's delivery, in the mapping or the file
            others[key] = f"reply to {key}".encode()
            b.finish("wechat", key, others[key])
        return key

    seen = _during_moves(a, meanwhile)
    replies |= _fill(a, "c", 4)
    assert seen and others
    for key, reply in (replies | others).items():  # each known once, with its reply, from either worker
        assert a.claim("wechat", key, process_owner() + "x") is False
        assert b.claim("wechat", key, process_owner() + "y") is False
        assert a.get("wechat", key)["reply"] == reply and b.get("wechat", key)["reply"] == reply


def test_a_delivery_claimed_elsewhere_during_the_move_is_not_handled_twice(two):
    a, b = two
    _fill(a, "a", SLOTS)
    # a's delivery starts the move; the platform's retry of it reaches b meanwhile, and b takes it in hand
    seen = _during_moves(a, lambda: b.claim("wechat", "same", process_owner()))
    assert a.claim("wechat", "same", process_owner() + "a") is False  # in hand at b (alive): not handled twice
    assert seen == [True] and b.claim("wechat", "same", process_owner() + "c") is False


def test_signed_urls_recorded_during_a_move_take_one_body_only(two):
    a, b = two
    for i in range(2 * SLOTS):  # the signed-URL records fill up
        assert a.first_body(f"url{i}", f"{i:064x}")
    seen = _during_moves(a, lambda: b.first_body(f"other{len(seen)}", "ab" * 32))
    assert a.first_body("url-new", "cd" * 32)  # moves the sixteen
    assert seen and all(seen)
    for i in range(2 * SLOTS):
        assert a.first_body(f"url{i}", f"{i:064x}") and b.first_body(f"url{i}", f"{i:064x}")  # the same body again
        assert not a.first_body(f"url{i}", "ee" * 32) and not b.first_body(f"url{i}", "ee" * 32)  # another: refused
    assert not b.first_body("url-new", "ff" * 32)


def test_inside_one_claim_the_lock_is_let_go_too(two):
    """The dispatcher claims inside `one_claim` (the signed-URL record and the claim under one hold):
    there too the lock is let go while the rows are written, and taken back as deeply as it was held."""
    a, b = two
    replies = _fill(a, "a", SLOTS)
    seen = _during_moves(a, lambda: _free(a.table.path))
    with a.one_claim():
        assert a.first_body("url", "ab" * 32)
        assert a.claim("wechat", "new", process_owner())
        assert a.table._depth == 1 and not _free(a.table.path)  # held again, once, as before the move
    assert seen == [True] and _free(a.table.path)
    assert a.file.count() == SLOTS
    for key, reply in replies.items():
        assert b.claim("wechat", key, process_owner() + "x") is False and b.get("wechat", key)["reply"] == reply
