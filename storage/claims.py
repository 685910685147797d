"""Delivery claims in a shared mapping (issue 23, seventh round): the dedup claim, the reply kept for a
platform's retry and the signed-URL records, outside the journaled scratch file.

The scratch file's transaction was 1 to 1.4 ms of a hot question's 1.8 to 2.4 ms beyond an echo bot
(bench/RESULTS.md, sixth round): SQLite's journal protocol, not the disk. Here a claim is a few bytes
written under one `flock` in a fixed-size file that every worker maps:

- Where: `/dev/shm/unionbot-<hash of the database path>-claims`, mode 0600, created with O_NOFOLLOW
  and used only when this user owns it (else, and when /dev/shm is absent or full, `<database>-claims`).
  Its space is reserved when it is made (a full tmpfs would otherwise kill a worker writing a page).
  Never in a backup; gone after a reboot (platforms retry within seconds, redeliver within minutes).
- Layout: a header page, the claim slots (768 bytes), the signed-URL slots (64 bytes), the filters of moved
  keys (storage/claims_filter.py). A slot's place is a hash of its key, with linear probing over at most
  PROBES slots: nothing in the file follows the time or the order deliveries came in (no log, no ring, no
  sequence number). A slot holds the hour it came in (no finer), its owner while in hand and the sealed reply.
- Every change writes the body first and the state byte last: a byte is written whole or not at all,
  so a writer killed mid-change (its `flock` dies with it) leaves the old state or the new one. A claim's
  owner (host:pid:tag) carries a checksum: a torn owner counts as dead, which its writer is.
- Lookups stop at an empty slot only, never at a tombstone; purge turns the tombstones just before an
  empty slot back into empty slots and zeroes every slot it frees.
- Full (no free slot within PROBES): the caller (storage/inbox.py) claims in the scratch file, and the
  header says until which hour every lookup must look there too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import mmap
import os
import struct
import threading
import zlib
from collections.abc import Iterator

from storage.descriptors import opened
from storage.leases import current_pid

SHM_DIR = "/dev/shm"
MAGIC = b"UBCLAIM1"
HEADER = 4096
CLAIM_SLOT, REQUEST_SLOT = 768, 64
DEFAULT_CLAIMS = 32768  # 24 MiB with the signed-URL slots (twice as many, 64 bytes each)
PROBES = 64
FILTERS, FILTER_HEAD = 4, 32  # the moved keys' filters (storage/claims_filter.py): after the slots; hours at 32


def filter_bytes(claims: int) -> int:
    return max(4096, claims * 16)  # 128 bits a claim slot: 512 KiB each at the default size
EMPTY, TOMB, PROCESSING, DONE, IN_FILE, SEEN = 0, 1, 2, 3, 4, 5
STATUS = {PROCESSING: "processing", DONE: "done", IN_FILE: "done"}
# claim slot: state · channel (16) · msg_key (48) · hour (4) · owner length, crc32, owner (80) · reply length (2), reply
CHANNEL, KEY, HOUR, OWNER, REPLY = 1, 17, 65, 69, 154
CHANNEL_LEN, KEY_LEN, OWNER_LEN = 16, 48, 80
REPLY_ROOM = CLAIM_SLOT - REPLY - 2
# signed-URL slot: state · key (20) · hour (4) · body hash (16)
R_KEY, R_HOUR, R_BODY = 1, 21, 25
EPOCH = dt.datetime(2000, 1, 1)
TORN = object()  # an owner whose checksum fails: its writer was killed mid-write


def hour_of(now: dt.datetime) -> int:
    """Hours since 2000 on the clock's own wall time (the hour a row shows, as the scratch file's)."""
    return int((now.replace(tzinfo=None) - EPOCH).total_seconds() // 3600)


def hour_text(hour: int, tz) -> str:
    return (EPOCH + dt.timedelta(hours=hour)).replace(tzinfo=tz).isoformat(timespec="seconds")


def claims_path(db_path: str, shm_dir: str | None = None) -> str:
    """In /dev/shm (UNIONBOT_CLAIMS_SHM names another directory: the tests name none, so that their
    mappings lie beside their databases and go with them), else beside the database."""
    shm_dir = os.environ.get("UNIONBOT_CLAIMS_SHM", SHM_DIR) if shm_dir is None else shm_dir
    if os.path.isdir(shm_dir) and os.access(shm_dir, os.W_OK | os.X_OK):
        digest = hashlib.sha256(os.path.abspath(db_path).encode()).hexdigest()[:16]
        return os.path.join(shm_dir, f"unionbot-{digest}-claims")
    return db_path + "-claims"


def remove_for(db_path: str) -> None:
    """Delete the mapping of a database that is gone (tests, benchmarks)."""
    for path in {claims_path(db_path), claims_path(db_path, SHM_DIR), db_path + "-claims"}:
        with contextlib.suppress(OSError):
            os.unlink(path)


def remove_under(directory: str) -> None:
    """Delete the mappings of every database under `directory` (before a test's or a benchmark's
    directory goes: its mappings would stay in /dev/shm)."""
    import pathlib

    for scratch in pathlib.Path(directory).rglob("*-scratch"):
        remove_for(str(scratch)[:-len("-scratch")])


class Full(Exception):
    """No free slot within PROBES of the key's place."""


class ClaimTable:
    """The mapping and its lock. Every method but `locked` is called with the lock held (`with table.locked():`)."""

    def __init__(self, path: str | None, claim_slots: int = DEFAULT_CLAIMS) -> None:
        self.path = path  # None: an anonymous mapping (an in-memory database: this process only)
        self._threads = threading.RLock()
        self._depth, self._fd, self._pid = 0, -1, 0
        self.ident = "anonymous"  # which file this is (its device and inode): storage/claims_home.py
        if path is None:
            self.claims, self.requests = claim_slots, 2 * claim_slots
            self.mm = mmap.mmap(-1, self._size())
            self._header()
            return
        fd = _open_private(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # the first process makes the file; the others wait and read it
            st = os.fstat(fd)
            self.ident = f"{st.st_dev}:{st.st_ino}"
            if os.fstat(fd).st_size < HEADER or os.pread(fd, 8, 0) != MAGIC:
                self.claims, self.requests = claim_slots, 2 * claim_slots
                os.ftruncate(fd, 0)
                os.posix_fallocate(fd, 0, self._size())  # the space, now: never a SIGBUS on a full tmpfs
                self.mm = mmap.mmap(fd, self._size())
                self._header()
            else:
                self.claims, self.requests = struct.unpack("<II", os.pread(fd, 8, 8))
                if not (self.claims and self.requests and os.fstat(fd).st_size >= self._size(False)):
                    raise ValueError(f"{path}: a damaged header")  # (another place; claims_home.py notices)
                if os.fstat(fd).st_size < self._size():  # made before the filters: grown (its slots untouched)
                    os.posix_fallocate(fd, 0, self._size())
                self.mm = mmap.mmap(fd, self._size())
            self._fd, self._pid = fd, os.getpid()  # kept: the lock is on this very file, even once deleted
            for page in range(0, len(self.mm), mmap.PAGESIZE):  # every page written once now: a page's
                self.mm[page] = self.mm[page]  # first write sets the file's times, which must not be a claim's
        except BaseException:
            os.close(fd)
            raise
        finally:  # (unlocked explicitly: the mapping keeps a duplicate of this descriptor, and so the lock)
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _size(self, filters: bool = True) -> int:
        return self.filters_base + (FILTERS * filter_bytes(self.claims) if filters else 0)

    @property
    def filters_base(self) -> int:
        return HEADER + self.claims * CLAIM_SLOT + self.requests * REQUEST_SLOT

    def _header(self) -> None:
        self.mm[8:20] = struct.pack("<III", self.claims, self.requests, 0)
        self.mm[0:8] = MAGIC  # last: a file with its magic is whole

    @contextlib.contextmanager
    def locked(self) -> Iterator[ClaimTable]:
        with self._threads:
            if self._depth == 0 and self.path is not None:
                if self._pid != current_pid():  # a forked child must not share its parent's lock: the same
                    try:  # file (not the path: deleted or replaced since), opened anew
                        self._fd = os.open(f"/proc/self/fd/{self._fd}", os.O_RDWR)
                    except OSError:
                        self._fd = os.open(self.path, os.O_RDWR | os.O_NOFOLLOW)
                    self._pid = current_pid()
                fcntl.flock(self._fd, fcntl.LOCK_EX)
                if os.fstat(self._fd).st_size < self._size():
                    self._mend()
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
                if self._depth == 0 and self.path is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _mend(self) -> None:
        """The file was cut short under us (touching a page past its end is a SIGBUS): its length back
        (what was cut reads as empty slots: those claims are new again), and its header if cut."""
        os.posix_fallocate(self._fd, 0, self._size())
        if self.mm[0:8] != MAGIC:
            self._header()

    # ---- the header: until which hour some claims are in the scratch file -----------------------------

    @property
    def spilled_until(self) -> int:
        return struct.unpack_from("<I", self.mm, 16)[0]

    def spill(self, hour: int) -> None:
        """Claims went to the scratch file this hour: look there too until they are purged (two hours on)."""
        self.mm[16:20] = struct.pack("<I", hour + 2)

    # ---- claims ---------------------------------------------------------------------------------------

    @staticmethod
    def fits(channel: str, msg_key: str) -> bool:
        return len(channel.encode()) <= CHANNEL_LEN and len(msg_key.encode()) <= KEY_LEN

    @staticmethod
    def _ident(channel: str, msg_key: str) -> bytes:
        return channel.encode().ljust(CHANNEL_LEN, b"\0") + msg_key.encode().ljust(KEY_LEN, b"\0")

    def _probe(self, base: int, size: int, count: int, ident: bytes, at: int) -> tuple[int | None, bool]:
        """(the slot holding `ident`, True) or (the first free slot on its probe run or None, False)."""
        mm, free = self.mm, None
        home = int.from_bytes(hashlib.blake2b(ident, digest_size=8).digest(), "little")
        width = len(ident)
        for step in range(PROBES):
            off = base + ((home + step) % count) * size
            state = mm[off]
            if state == EMPTY:
                return (off if free is None else free), False
            if state == TOMB:
                if free is None:
                    free = off
            elif mm[off + at:off + at + width] == ident:
                return off, True
        return free, False

    def find(self, channel: str, msg_key: str) -> tuple[int | None, bool]:
        return self._probe(HEADER, CLAIM_SLOT, self.claims, self._ident(channel, msg_key), CHANNEL)

    def put_claim(self, off: int, channel: str, msg_key: str, owner: str, hour: int) -> None:
        """A new claim in a free slot: the body, then the state."""
        body = self._ident(channel, msg_key) + struct.pack("<I", hour)
        self.mm[off + 1:off + CLAIM_SLOT] = body + self._owner_bytes(owner) + bytes(CLAIM_SLOT - OWNER - 85)
        self.mm[off] = PROCESSING

    @staticmethod
    def _owner_bytes(owner: str) -> bytes:
        raw = owner.encode()[:OWNER_LEN]
        return bytes([len(raw)]) + struct.pack("<I", zlib.crc32(raw)) + raw.ljust(OWNER_LEN, b"\0")

    def state(self, off: int) -> int:
        return self.mm[off]

    def owner(self, off: int):
        """The owner, or TORN when its checksum fails."""
        mm = self.mm
        n = mm[off + OWNER]
        raw = mm[off + OWNER + 5:off + OWNER + 5 + min(n, OWNER_LEN)]
        if n > OWNER_LEN or zlib.crc32(raw) != struct.unpack_from("<I", mm, off + OWNER + 1)[0]:
            return TORN
        return raw.decode(errors="replace")

    def set_owner(self, off: int, owner: str) -> None:
        self.mm[off + OWNER:off + OWNER + 85] = self._owner_bytes(owner)
        if self.mm[off] not in STATUS:  # a damaged state byte: the claim is in hand again, not lost
            self.mm[off] = PROCESSING

    def reply(self, off: int) -> bytes | None:
        n = struct.unpack_from("<H", self.mm, off + REPLY)[0]
        return self.mm[off + REPLY + 2:off + REPLY + 2 + n] if 0 < n <= REPLY_ROOM else None

    def finish(self, off: int, reply: bytes | None, state: int = DONE) -> None:
        """The reply (zero length: none kept), then the state, then the owner cleared. (Owner first, a
        writer killed before the state byte left a claim in hand by nobody: never taken over, its
        retries waited in vain. Now it is still its dead owner's, and the retry takes it over.)"""
        reply = reply or b""
        self.mm[off + REPLY:off + CLAIM_SLOT] = struct.pack("<H", len(reply)) + reply.ljust(REPLY_ROOM, b"\0")
        self.mm[off] = state
        self.mm[off + OWNER:off + REPLY] = bytes(85)

    def free(self, off: int) -> None:
        """A tombstone first (a lookup goes on past it), then the body zeroed."""
        self.mm[off] = TOMB
        self.mm[off + 1:off + CLAIM_SLOT] = bytes(CLAIM_SLOT - 1)

    def row(self, off: int, tz) -> dict:
        mm = self.mm
        owner = self.owner(off)
        return {"channel": mm[off + CHANNEL:off + KEY].rstrip(b"\0").decode(),
                "msg_key": mm[off + KEY:off + HOUR].rstrip(b"\0").decode(),
                "status": STATUS.get(mm[off], "?"), "owner": owner,
                "reply": self.reply(off), "received_at": hour_text(struct.unpack_from("<I", mm, off + HOUR)[0], tz),
                "in_file": mm[off] == IN_FILE}

    def claim_slots(self) -> Iterator[int]:
        """The offsets of the slots in use (processing, done, done in the file)."""
        states = self.mm[HEADER:HEADER + self.claims * CLAIM_SLOT:CLAIM_SLOT]
        for i, state in enumerate(states):
            if state >= PROCESSING:
                yield HEADER + i * CLAIM_SLOT

    # ---- signed-URL records -----------------------------------------------------------------------------
    @property
    def _requests_base(self) -> int:
        return HEADER + self.claims * CLAIM_SLOT

    @staticmethod
    def _request_ident(request_key: str) -> bytes:
        return hashlib.blake2b(request_key.encode(), digest_size=20).digest()

    def first_body(self, request_key: str, body_hash: str, hour: int) -> bool:
        """As InboxRepo.first_body; raises Full when the probe run has no free slot."""
        ident, body = self._request_ident(request_key), bytes.fromhex(body_hash)[:16].ljust(16, b"\0")
        off, found = self._probe(self._requests_base, REQUEST_SLOT, self.requests, ident, R_KEY)
        if found:
            return self.mm[off + R_BODY:off + R_BODY + 16] == body
        if off is None:
            raise Full()
        self.mm[off + 1:off + REQUEST_SLOT] = ident + struct.pack("<I", hour) + body + bytes(REQUEST_SLOT - 41)
        self.mm[off] = SEEN
        return True

    # ---- purge: the same hour rules as the scratch file's rows ----------------------------------------

    def purge_claims(self, claims_before: int, replies_before: int) -> int:
        """Free the claims of hours before `claims_before` (zeroed), drop the replies of hours before
        `replies_before`, and turn the tombstones that end a probe run back into empty slots. How many
        claims were freed."""
        mm, freed = self.mm, 0
        states = mm[HEADER:HEADER + self.claims * CLAIM_SLOT:CLAIM_SLOT]
        channels = mm[HEADER + CHANNEL:HEADER + self.claims * CLAIM_SLOT:CLAIM_SLOT]
        for i, state in enumerate(states):  # a writer killed before a new claim's state byte left its body
            if state == EMPTY and channels[i]:
                mm[HEADER + i * CLAIM_SLOT + 1:HEADER + (i + 1) * CLAIM_SLOT] = bytes(CLAIM_SLOT - 1)
        for off in list(self.claim_slots()):
            hour = struct.unpack_from("<I", mm, off + HOUR)[0]
            if hour < claims_before:
                self.free(off)
                freed += 1
            elif hour < replies_before and mm[off] == DONE and struct.unpack_from("<H", mm, off + REPLY)[0]:
                mm[off + REPLY:off + CLAIM_SLOT] = bytes(CLAIM_SLOT - REPLY)
        self._reclaim(HEADER, CLAIM_SLOT, self.claims)
        return freed

    def purge_requests(self, before: int) -> int:
        mm, base, freed = self.mm, self._requests_base, 0
        states = mm[base:base + self.requests * REQUEST_SLOT:REQUEST_SLOT]
        for i, state in enumerate(states):
            off = base + i * REQUEST_SLOT
            if state == SEEN and struct.unpack_from("<I", mm, off + R_HOUR)[0] < before:
                mm[off] = TOMB
                mm[off + 1:off + REQUEST_SLOT] = bytes(REQUEST_SLOT - 1)
                freed += 1
        self._reclaim(base, REQUEST_SLOT, self.requests)
        return freed

    def _reclaim(self, base: int, size: int, count: int) -> None:
        """A tombstone followed (in probe order) by an empty slot ends every run through it: empty it,
        and so on backwards. Lookups stop only at empty slots, so no key is hidden by this."""
        mm = self.mm
        states = bytearray(mm[base:base + count * size:size])
        if TOMB not in states or EMPTY not in states:
            return
        start = states.index(EMPTY)
        after_empty = True
        for step in range(1, count + 1):
            i = (start - step) % count
            if states[i] == TOMB and after_empty:
                mm[base + i * size] = EMPTY
                states[i] = EMPTY
            else:
                after_empty = states[i] == EMPTY

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.mm.close()
        if self._fd >= 0 and self._pid == os.getpid():
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = -1


def _open_private(path: str) -> int:
    """The file, 0600, opened without following a link, and only when this user owns it (anyone may
    make files in /dev/shm: one made by another user to read ours is refused)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    st = os.fstat(fd)
    if st.st_uid != os.getuid():
        os.close(fd)
        raise PermissionError(f"{path} belongs to another user")
    if st.st_mode & 0o077:
        os.fchmod(fd, 0o600)
    return fd


def open_table(db_path: str, claim_slots: int | None = None) -> ClaimTable | None:
    """The database's claim table, or None when claims stay in the scratch file (UNIONBOT_CLAIMS=file,
    or no mapping could be made anywhere)."""
    if os.environ.get("UNIONBOT_CLAIMS", "shm") == "file":
        return None
    slots = claim_slots or int(os.environ.get("UNIONBOT_CLAIM_SLOTS", "0") or 0) or DEFAULT_CLAIMS
    if db_path == ":memory:":
        return ClaimTable(None, min(slots, 4096))
    beside = db_path + "-claims"
    # a mapping made beside the database (no /dev/shm, or a full one, when a process started) stays the
    # one every later process uses: two processes must never claim in two different files
    first = (beside,) if os.path.exists(beside) else ()
    for path in dict.fromkeys((*first, claims_path(db_path), beside)):
        try:
            table = ClaimTable(path, slots)
        except (OSError, ValueError):  # another user's file, a full /dev/shm, a cut file: the next place
            continue
        table.folder = os.path.dirname(os.path.abspath(db_path))
        opened(table)
        return table
    return None

