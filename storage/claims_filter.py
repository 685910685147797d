"""Which keys a move took to the scratch file: a filter per hour of moves, in the mapping (issue 23,
twenty-first round).

A full mapping moves its finished claims and signed-URL records to the scratch file (storage/claims_move.py).
Until then the header's `spilled_until` made every lookup that missed the mapping look in the scratch file
for two hours: a new delivery's claim and its signed-URL record, two scratch reads under the writers' lock on
every message, for two hours after a busy minute (measured: 0 scratch statements a hot question before the
first move, 2 – 8 after it; the webhook benchmark's hot rounds ran after the mix had filled the mapping).

Now a move sets, for each key it moves, three bits in a Bloom filter kept for the hour of the move, and a
lookup that misses the mapping looks in the file only when all three of its key's bits are set in a filter
still in force (a new key: about one time in a few thousand at the default size). A filter is in force
until `UNTIL` hours after its hour (a claim's row is purged after one to two hours, a moved signed-URL
record's window is kept too: `extend`); four filters, one per hour, then the oldest is zeroed and reused.
No filter free (a window longer than the filters last): the move sets `spilled_until` as before, and every
lookup looks in the file again.

The filters follow no order either: bits of hashes of keys the mapping held anyway (a claim's key is a
keyed hash already; a signed-URL record's is the mapping's digest), set by OR, and the hour of each move.
Header bytes FILTER_HEAD on: per filter, its hour and the hour it is in force until (two 4-byte words).
Every function is called with the mapping's lock held.
"""

from __future__ import annotations

import hashlib
import struct

from storage.claims import FILTER_HEAD, FILTERS, ClaimTable, filter_bytes

UNTIL = 3  # a filter is in force for its hour and three more (claims: two; a signed URL's window: up to one more)
CLAIM, REQUEST = b"c", b"r"  # what the key is: a claim's channel and key, or a signed-URL record's digest


def _hours(table: ClaimTable) -> tuple[int, ...]:
    return struct.unpack_from(f"<{2 * FILTERS}I", table.mm, FILTER_HEAD)


def _bits(kind: bytes, ident: bytes, nbits: int) -> tuple[int, int, int]:
    d = hashlib.blake2b(kind + ident, digest_size=12).digest()
    return (int.from_bytes(d[0:4], "little") % nbits, int.from_bytes(d[4:8], "little") % nbits,
            int.from_bytes(d[8:12], "little") % nbits)


def mark(table: ClaimTable, kind: bytes, idents: list[bytes], hour: int) -> bool:
    """The moved keys' bits set in this hour's filter (a filter out of force zeroed and taken for it first).
    False when every filter is still in force for another hour: the caller sets `spilled_until`."""
    hours, size = _hours(table), filter_bytes(table.claims)
    pick = next((i for i in range(FILTERS) if hours[2 * i] == hour and hours[2 * i + 1] >= hour), None)
    if pick is None:
        pick = next((i for i in range(FILTERS) if hours[2 * i + 1] < hour), None)
        if pick is None:
            return False
        base = table.filters_base + pick * size
        table.mm[base:base + size] = bytes(size)
    mm, base, nbits = table.mm, table.filters_base + pick * size, size * 8
    for ident in idents:
        for bit in _bits(kind, ident, nbits):
            mm[base + (bit >> 3)] |= 1 << (bit & 7)
    until = max(hours[2 * pick + 1] if hours[2 * pick] == hour else 0, hour + UNTIL)
    struct.pack_into("<II", mm, FILTER_HEAD + 8 * pick, hour, until)  # last: in force once its bits are set
    return True


def maybe_moved(table: ClaimTable, kind: bytes, ident: bytes, hour: int) -> bool:
    """Whether a filter in force holds the key's three bits (it may have moved to the file; look there)."""
    hours = _hours(table)
    if not any(hours[2 * i + 1] >= hour for i in range(FILTERS)):
        return False
    mm, size = table.mm, filter_bytes(table.claims)
    bits = _bits(kind, ident, size * 8)
    for i in range(FILTERS):
        if hours[2 * i + 1] >= hour and hours[2 * i]:
            base = table.filters_base + i * size
            if all(mm[base + (bit >> 3)] >> (bit & 7) & 1 for bit in bits):
                return True
    return False


def extend(table: ClaimTable, window_hours: int, hour: int) -> None:
    """Filters in force kept in force while the signed-URL records they name may still be asked about: a
    record moved in hour h came before its end, and is kept `window_hours` (rounded up) past two hours."""
    hours = _hours(table)
    for i in range(FILTERS):
        tag, until = hours[2 * i], hours[2 * i + 1]
        if tag and until >= hour and until < tag + 2 + max(1, window_hours):
            struct.pack_into("<I", table.mm, FILTER_HEAD + 8 * i + 4, tag + 2 + max(1, window_hours))
