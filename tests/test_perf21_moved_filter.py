"""After a full mapping moved its finished claims to the scratch file, a new delivery no longer reads the
scratch file (storage/claims_filter.py; issue 23, twenty-first round): only a key a move took there is
looked for there. Every moved claim and signed-URL record is still found, for as long as before, across the
hours; with no filter free, every lookup looks in the file as before; a mapping made before the filters
is grown, its claims kept."""

from __future__ import annotations

import hashlib
import os
import secrets

from storage import Store, claims_filter
from storage.claims import ClaimTable, filter_bytes
from storage.inbox import InboxRepo
from storage.leases import process_owner
from tests import test_claims_move as moves
from tests.test_claims_move import SLOTS, _fill

clock, inbox = moves.clock, moves.inbox  # the same fixtures: a frozen clock, an 8-slot mapping


class Reads:
    """The scratch file's statements while the block runs."""

    def __init__(self, inbox) -> None:
        self.conn, self.sql = inbox.file.db.conn, []

    def __enter__(self):
        self.conn.set_trace_callback(self.sql.append)
        return self.sql

    def __exit__(self, *exc) -> None:
        self.conn.set_trace_callback(None)


def _body(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def test_after_a_move_a_new_delivery_reads_nothing_in_the_scratch_file(inbox):
    _fill(inbox, "old", SLOTS + 1)  # the mapping filled: the ninth moved the eight to the file
    assert inbox.file.count() > 0
    with Reads(inbox) as sql:
        for i in range(SLOTS // 2):  # room in the mapping: new keys, none of them moved
            assert inbox.claim("wechat", f"new{i}", process_owner())
            inbox.finish("wechat", f"new{i}", b"r")
    assert sql == []  # before: one look in the file per claim, for two hours after the move


def test_a_new_signed_url_reads_nothing_in_the_scratch_file_after_a_move(inbox):
    urls = [f"url{i}" for i in range(2 * SLOTS + 1)]  # the mapping's sixteen records, then one more: a move
    for url in urls:
        assert inbox.first_body(url, _body(url))
    with Reads(inbox) as sql:
        for url in ("fresh-a", "fresh-b", "fresh-c"):
            assert inbox.first_body(url, _body(url))
    assert sql == []
    for url in urls:  # the moved ones still take their own body only
        assert inbox.first_body(url, _body(url)) and not inbox.first_body(url, _body("another"))


def test_every_moved_claim_is_still_found_with_its_reply_through_the_hours(inbox, clock):
    replies = _fill(inbox, "k", 5 * SLOTS)
    clock.advance(minutes=5)  # the same hour, later: retries get their replies, wherever they are
    for key, reply in replies.items():
        assert inbox.claim("wechat", key, process_owner() + "x") is False
        assert inbox.get("wechat", key)["reply"] == reply
    clock.advance(minutes=40)  # the next hour: still known (the reply dropped by the purge only)
    for key in replies:
        assert inbox.claim("wechat", key, process_owner() + "x") is False
    clock.advance(hours=2)
    inbox.purge()  # as before the filters: gone after the hours
    assert inbox.count() == 0 and inbox.get("wechat", "k0") is None


def test_moves_in_later_hours_take_other_filters_and_older_keys_stay_found(inbox, clock):
    first = _fill(inbox, "h0-", 3 * SLOTS)
    clock.advance(hours=1)
    second = _fill(inbox, "h1-", 3 * SLOTS)
    for key in [*first, *second]:
        assert inbox.claim("wechat", key, process_owner() + "x") is False
    clock.advance(hours=1)
    third = _fill(inbox, "h2-", 3 * SLOTS)
    for key in [*second, *third]:
        assert inbox.claim("wechat", key, process_owner() + "x") is False


def test_with_no_filter_free_a_move_makes_every_lookup_look_in_the_file(inbox, clock):
    t = inbox.table
    for hour in range(4):  # four moves in four hours, each filter kept in force for ten hours
        _fill(inbox, f"h{hour}-", 3 * SLOTS)
        with t.locked():
            claims_filter.extend(t, 10, t.spilled_until)
        clock.advance(hours=1)
    assert t.spilled_until == 0
    late = _fill(inbox, "late-", 3 * SLOTS)  # no filter free: as before the filters
    assert t.spilled_until > 0
    with Reads(inbox) as sql:
        assert inbox.claim("wechat", "brand-new", process_owner())
    assert any("inbox" in s for s in sql)
    for key in late:
        assert inbox.claim("wechat", key, process_owner() + "x") is False


def test_few_new_keys_are_looked_for_in_the_file_after_a_busy_hour():
    t = ClaimTable(None, 32768)  # the default size; a busy hour moved 60,000 claims
    moved = [secrets.token_bytes(64) for _ in range(60_000)]
    with t.locked():
        assert claims_filter.mark(t, claims_filter.CLAIM, moved, 100)
        assert all(claims_filter.maybe_moved(t, claims_filter.CLAIM, k, 101) for k in moved[:2000])
        fresh = sum(claims_filter.maybe_moved(t, claims_filter.CLAIM, secrets.token_bytes(64), 101)
                    for _ in range(20_000))
        assert not claims_filter.maybe_moved(t, claims_filter.CLAIM, moved[0], 100 + claims_filter.UNTIL + 1)
    assert fresh < 200  # under 1% (about 0.1% expected at this load)


def test_a_mapping_made_before_the_filters_is_grown_and_keeps_its_claims(tmp_path, clock):
    path = str(tmp_path / "claims")
    old = ClaimTable(path, 64)
    inbox = InboxRepo(Store.open(str(tmp_path / "b.db"), clock).scratch, clock.now, old)
    assert inbox.claim("wechat", "kept", process_owner())
    inbox.finish("wechat", "kept", b"its reply")
    size = old.filters_base
    old.close()
    os.truncate(path, size)  # the size a mapping had before this round
    grown = ClaimTable(path, 64)
    assert os.path.getsize(path) == size + 4 * filter_bytes(64)
    again = InboxRepo(inbox.file.db, clock.now, grown)
    assert again.claim("wechat", "kept", process_owner() + "x") is False
    assert again.get("wechat", "kept")["reply"] == b"its reply"
    grown.close()
