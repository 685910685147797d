"""A full mapping moves what it holds to the scratch file at once, not one claim at a time (issue 23,
twelfth round).

The mapping (storage/claims.py) holds 32,768 claims and 65,536 signed-URL records, each kept for one
to three hours. A busy server fills it (the webhook benchmark's plaintext server sees some 75,000
deliveries in five minutes): from then on, every claim, every reply and every signed-URL record was
one scratch transaction each (two or three per message, some 500 µs of CPU per hot question), until
the purge two hours later. Now the first one whose probe run is full moves the finished claims (with
their sealed replies) of that part of the mapping, SEGMENT slots on from the run's start to the next
empty slot, to the scratch file in one transaction, and those slots are empty again; likewise the
signed-URL records. Lookups of the keys moved look in the file too (storage/claims_filter.py; the header's
`spilled_until`, as for a spilled claim, when no filter is free).
A move is some 700 rows in 10 – 30 ms, about 100 µs per claim (the whole mapping at once took 0.7 s,
a pause every worker felt; a smaller part, more often, cost more per row: each move rewrites the
file's index pages it touches).

The rows are written to the file with the mapping's lock let go (twenty-second round): a move held it for
its 10 – 30 ms, and every other worker's claims waited behind it (the p99 of the hot question at half the
benchmark's peak, 32 ms against the echo's 2.6). The slots stay as they were meanwhile (lookups find the
claims there); once the lock is back, a slot is freed only when it still holds the key it held, and the
empty slot after the segment is looked at again before tombstones are emptied back to it.

Nothing is lost or changed: a moved claim is the scratch file's row a spilled one would have been
(done, its reply, its hour), a claim in hand stays where it is; a moved signed-URL record keeps the
mapping's own digest of the request and its body hash (the mapping never held the request's key),
under `moved_key`, and a lookup asks for both names. Rows go in the mapping's slot order (a hash's),
not the order deliveries came in. Order of writing: the header first (lookups look in the file), the
rows committed, then the slots freed: a process killed between the two leaves a claim in both places,
which lookups find in the mapping first.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import struct
from collections.abc import Iterator

from storage.claims import (
    CHANNEL,
    CLAIM_SLOT,
    DONE,
    EMPTY,
    HEADER,
    HOUR,
    IN_FILE,
    KEY,
    R_BODY,
    R_HOUR,
    R_KEY,
    REQUEST_SLOT,
    SEEN,
    TOMB,
    ClaimTable,
    hour_text,
)
from storage.claims_filter import CLAIM, REQUEST, mark
from storage.conversations import FileInbox

SEGMENT = 1024  # slots emptied at least per move: some 700 rows, 10 – 30 ms (the whole mapping at once: 0.7 s)


def moved_key(request_key: str) -> str:
    """The scratch file's name of a signed-URL record moved out of the mapping (ClaimTable's digest)."""
    return "m:" + ClaimTable._request_ident(request_key).hex()


def same_body(stored: str, body_hash: str) -> bool:
    """A moved record keeps the first 16 bytes of the body's hash (the mapping's), a file's own all 32."""
    return bool(stored) and body_hash[:len(stored)] == stored


def _segment(table: ClaimTable, base: int, size: int, count: int, ident: bytes) -> tuple[list[int], bool]:
    """The offsets of the slots to empty: from the full probe run's start (`ident`'s place), SEGMENT of
    them and on to the next empty slot (no probe run goes past it); and whether one was found."""
    mm, out = table.mm, []
    home = int.from_bytes(hashlib.blake2b(ident, digest_size=8).digest(), "little") % count
    for step in range(count):
        off = base + ((home + step) % count) * size
        if step >= SEGMENT and mm[off] == EMPTY:
            return out, True
        out.append(off)
    return out, False


@contextlib.contextmanager
def released(table: ClaimTable) -> Iterator[None]:
    """Inside `table.locked()`, the lock let go for a while (other processes and threads at the mapping)
    and taken back as deeply as it was held: also inside `InboxRepo.one_claim` (the signed-URL record's
    check is done by then; the claim looks again from the start afterwards)."""
    depth = table._depth
    if depth == 0 or table.path is None:  # (an anonymous mapping: this process's only)
        yield
        return
    table._depth = 0
    fcntl.flock(table._fd, fcntl.LOCK_UN)
    for _ in range(depth):
        table._threads.release()
    try:
        yield
    finally:
        for _ in range(depth):
            table._threads.acquire()
        fcntl.flock(table._fd, fcntl.LOCK_EX)
        if os.fstat(table._fd).st_size < table._size():
            table._mend()
        table._depth = depth


def _still_empty_after(table: ClaimTable, slots: list[int], base: int, size: int, count: int) -> bool:
    """Whether the slot after the segment is empty still (another process may have taken it meanwhile)."""
    after = slots[-1] + size
    return table.mm[after if after < base + count * size else base] == EMPTY


def _emptied(table: ClaimTable, slots: list[int], ends_empty: bool, base: int, size: int, count: int) -> None:
    """The tombstones just freed made empty again where no probe run goes on past them: backwards from
    the empty slot after the segment, up to a slot still in use (as `ClaimTable._reclaim`, here only)."""
    if not (ends_empty and _still_empty_after(table, slots, base, size, count)):
        table._reclaim(base, size, count)
        return
    mm, after_empty = table.mm, True
    for off in reversed(slots):
        if mm[off] == TOMB and after_empty:
            mm[off] = EMPTY
        else:
            after_empty = mm[off] == EMPTY


def move_claims(table: ClaimTable, file: FileInbox, hour: int, tz, channel: str, msg_key: str) -> bool:
    """The finished claims around `msg_key`'s place to the scratch file, in one transaction (the caller
    holds the mapping's lock). Whether any slot was freed."""
    mm, rows, freed, hours, idents = table.mm, [], [], {}, []
    slots, ends_empty = _segment(table, HEADER, CLAIM_SLOT, table.claims, table._ident(channel, msg_key))
    for off in slots:
        state = mm[off]
        if state == DONE:
            at = struct.unpack_from("<I", mm, off + HOUR)[0]
            if at not in hours:
                hours[at] = hour_text(at, tz)
            rows.append((mm[off + CHANNEL:off + KEY].rstrip(b"\0").decode(), mm[off + KEY:off + HOUR].rstrip(b"\0").decode(),
                         table.reply(off), hours[at]))
        if state in (DONE, IN_FILE):  # (an IN_FILE claim's row is in the file already)
            freed.append(off)
            idents.append(mm[off + CHANNEL:off + HOUR])
    if not freed:
        return False
    if not mark(table, CLAIM, idents, hour):  # (lookups look in the file for these)
        table.spill(hour)  # no filter free: every lookup does
    with released(table), file.db.transaction():
        file.db.conn.executemany(
            "INSERT OR IGNORE INTO inbox (channel, msg_key, status, owner, reply, received_at) "
            "VALUES (?, ?, 'done', '', ?, ?)", rows)
    for off, ident in zip(freed, idents, strict=True):
        if mm[off] in (DONE, IN_FILE) and mm[off + CHANNEL:off + HOUR] == ident:  # (as it was)
            table.free(off)
    _emptied(table, slots, ends_empty, HEADER, CLAIM_SLOT, table.claims)
    return True


def move_requests(table: ClaimTable, file: FileInbox, hour: int, tz, request_key: str) -> bool:
    """The signed-URL records around `request_key`'s place to the scratch file, in one transaction."""
    mm, base, rows, freed, hours = table.mm, table._requests_base, [], [], {}
    slots, ends_empty = _segment(table, base, REQUEST_SLOT, table.requests, table._request_ident(request_key))
    for off in slots:
        if mm[off] == SEEN:
            at = struct.unpack_from("<I", mm, off + R_HOUR)[0]
            if at not in hours:
                hours[at] = hour_text(at, tz)
            rows.append(("m:" + mm[off + R_KEY:off + R_HOUR].hex(), mm[off + R_BODY:off + R_BODY + 16].hex(), hours[at]))
            freed.append(off)
    if not freed:
        return False
    idents = [bytes.fromhex(r[0][2:]) for r in rows]
    if not mark(table, REQUEST, idents, hour):
        table.spill(hour)
    with released(table), file.db.transaction():
        file.db.conn.executemany("INSERT OR IGNORE INTO seen_requests (key, body_hash, at) VALUES (?, ?, ?)", rows)
    for off, ident in zip(freed, idents, strict=True):
        if mm[off] != SEEN or mm[off + R_KEY:off + R_HOUR] != ident:  # (taken by another move meanwhile)
            continue
        mm[off] = TOMB
        mm[off + 1:off + REQUEST_SLOT] = bytes(REQUEST_SLOT - 1)
    _emptied(table, slots, ends_empty, base, REQUEST_SLOT, table.requests)
    return True
