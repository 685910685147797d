"""Dedup of platform deliveries: claims in the shared mapping (storage/claims.py), the scratch file's
`inbox` (storage/conversations.py FileInbox) for what the mapping does not hold.

In the mapping: the claim (with its owner while in hand), the reply of a message that changed no
conversation, and the signed-URL records. In the scratch file: the reply of a message that changed a
conversation, written with it in one transaction (`keep`, then the slot is marked `filed`), a reply
longer than a slot, and every claim made while the mapping was full (`spill`: until those rows are
purged, every lookup looks there too). While another host's or container's mapping is in use for the
same data directory (storage/claims_home.py), new claims go to the scratch file too. Lock order: the mapping's, then the scratch file's writers'
lock, never the other way (nothing here takes the mapping's lock inside a scratch transaction).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator

from storage.claims import DONE, IN_FILE, PROCESSING, REPLY_ROOM, STATUS, TORN, ClaimTable, Full, hour_of
from storage.claims_filter import CLAIM, REQUEST, extend, maybe_moved
from storage.claims_home import alone as home_alone
from storage.claims_home import stamp as home_stamp
from storage.claims_move import move_claims, move_requests, moved_key, same_body
from storage.conversations import FileInbox
from storage.db import Database
from storage.leases import owner_alive


def _hours_before(moment: dt.datetime) -> int:
    """The first hour whose start is not before `moment`: rows of earlier hours are 'received before' it."""
    return hour_of(moment) + (moment.replace(minute=0, second=0, microsecond=0) != moment)


class _Unmapped:
    """How a process without a mapping (UNIONBOT_CLAIMS=file, or none could be made) is named in the home
    file: while it runs, the mapped processes can see neither its claims nor its conversations' tokens
    (storage/absence.py), so they must not count themselves alone."""

    ident = "none"


class InboxRepo:
    """InboxRepo as the dispatcher (bot/dispatch.py) uses it. `mapped`: claims are in the mapping, so a
    reply is kept at once (no deferral) and a claim needs no scratch transaction."""

    KEEP = FileInbox.KEEP
    KEEP_REPLY = FileInbox.KEEP_REPLY

    def __init__(self, db: Database, now, table: ClaimTable | None = None) -> None:
        self.file = FileInbox(db, now)
        self.table = table
        self._now = now
        self._home: tuple | None = None  # (the home file's stamp, alone) when last looked at
        self._named = False  # (without a mapping) whether this process has named itself in the home file
        self._scope = threading.local()  # .looked: (alone, hour) within one delivery's claim, or None

    @contextlib.contextmanager
    def one_claim(self) -> Iterator[None]:
        """One delivery's signed-URL record and claim (bot/dispatch.py): under one lock of the mapping,
        with one look at the home file and at the clock, instead of one each."""
        if self.table is None:
            yield
            return
        with self.table.locked():
            self._scope.looked = None
            try:
                yield
            finally:
                self._scope.looked = False

    def _look(self) -> tuple[bool, int]:
        """(whether this mapping is the only one, the hour): once per `one_claim`, else each time."""
        looked = getattr(self._scope, "looked", False)
        if looked:
            return looked
        now = (self._alone(), hour_of(self._now()))
        if looked is None:
            self._scope.looked = now
        return now

    def _alone(self, touch: bool = False) -> bool:
        """Whether this process's mapping is the installation's only one (storage/claims_home.py):
        one stat per claim, a look at the file when it changed."""
        path = self.file.db.path
        if path == ":memory:":
            return True
        stamp = home_stamp(path)
        if touch or self._home is None or stamp != self._home[0]:
            alone = home_alone(path, self.table, touch=touch or self._home is None)
            self._home = (home_stamp(path), alone)
        return self._home[1]

    def _name_unmapped(self, touch: bool = False) -> None:
        """Without a mapping: name this process in the home file at its first claim (and at housekeeping)."""
        path = self.file.db.path
        if path != ":memory:" and (touch or not self._named):
            home_alone(path, _Unmapped, touch=True)
            self._named = True

    @property
    def mapped(self) -> bool:
        return self.table is not None

    def _mine(self, channel: str, msg_key: str) -> ClaimTable | None:
        t = self.table
        return t if t is not None and t.fits(channel, msg_key) else None

    def _spilled(self, hour: int) -> bool:
        return self.table.spilled_until >= hour

    def claim(self, channel: str, msg_key: str, owner: str = "") -> bool:
        t = self._mine(channel, msg_key)
        if t is None:
            if self.table is None:
                self._name_unmapped()
            return self.file.claim(channel, msg_key, owner)
        alone, hour = self._look()
        self._scope.answered = None
        with t.locked():
            for moved in (False, True):  # after a move (its lock let go meanwhile) all is looked at again
                off, found = t.find(channel, msg_key)
                if found:
                    taken = self._take_over_at(t, off, channel, msg_key, owner)
                    if not taken and t.state(off) == DONE:  # a retry: its reply, read now, is what `get` gives next
                        self._scope.answered = (channel, msg_key, self._row_at(t, off))
                    return taken
                if (self._spilled(hour) or maybe_moved(t, CLAIM, t._ident(channel, msg_key), hour)) \
                        and self.file.get(channel, msg_key) is not None:
                    return self.file.claim(channel, msg_key, owner)  # claimed while the mapping was full
                if off is None and alone and not moved \
                        and move_claims(t, self.file, hour, self._now().tzinfo, channel, msg_key):
                    continue  # room again: the finished claims around are in the file
                if off is None or not alone:  # full, or shared with another mapping: the scratch file, and
                    t.spill(hour)  # until purged, every lookup (of this mapping's processes) looks there too
                    return self.file.claim(channel, msg_key, owner)
                t.put_claim(off, channel, msg_key, owner, hour)
                return True

    def _take_over_at(self, t: ClaimTable, off: int, channel: str, msg_key: str, owner: str) -> bool:
        if t.state(off) not in STATUS:  # a damaged state byte: taken over (handled once more, never lost)
            t.set_owner(off, owner)
            return True
        if t.state(off) != PROCESSING:
            return False
        current = t.owner(off)
        if current is not TORN and owner_alive(current) is not False:
            return False
        # its handler may have died between keeping the reply in the scratch file and marking the slot
        row = self.file.get(channel, msg_key)
        if row is not None and row["status"] == "done":
            t.finish(off, None, IN_FILE)
            return False
        t.set_owner(off, owner)
        return True

    def take_over(self, channel: str, msg_key: str, owner: str) -> bool:
        t = self._mine(channel, msg_key)
        if t is None:
            return self.file.take_over(channel, msg_key, owner)
        with t.locked():
            off, found = t.find(channel, msg_key)
            if found:
                return self._take_over_at(t, off, channel, msg_key, owner)
            return self.file.take_over(channel, msg_key, owner)

    def finish(self, channel: str, msg_key: str, reply: bytes | None, status: str = "done") -> None:
        t = self._mine(channel, msg_key)
        if t is None:
            return self.file.finish(channel, msg_key, reply, status)
        with t.locked():
            off, found = t.find(channel, msg_key)
            if not found:
                return self.file.finish(channel, msg_key, reply, status)
            if reply is None or len(reply) <= REPLY_ROOM:
                return t.finish(off, reply)
        with self.file.db.transaction():  # longer than a slot: in the scratch file, then the slot says so
            self.file.keep(channel, msg_key, reply)
        self.filed(channel, msg_key)

    def keep(self, channel: str, msg_key: str, reply: bytes | None) -> None:
        """The reply, in the caller's scratch transaction (with the conversation it changed); call
        `filed` after the commit."""
        self.file.keep(channel, msg_key, reply)

    def filed(self, channel: str, msg_key: str) -> None:
        """After `keep`'s commit: the slot now says the reply is in the scratch file."""
        t = self._mine(channel, msg_key)
        if t is None:
            return
        with t.locked():
            off, found = t.find(channel, msg_key)
            if found and t.state(off) == PROCESSING:
                t.finish(off, None, IN_FILE)

    def release(self, channel: str, msg_key: str) -> None:
        t = self._mine(channel, msg_key)
        if t is None:
            return self.file.release(channel, msg_key)
        with t.locked():
            off, found = t.find(channel, msg_key)
            if found and t.state(off) == PROCESSING:
                return t.free(off)
        if not found:
            self.file.release(channel, msg_key)

    def _row_at(self, t: ClaimTable, off: int) -> dict:
        row = t.row(off, self._now().tzinfo)
        return {**row, "owner": "" if row["owner"] is TORN else row["owner"]}

    def get(self, channel: str, msg_key: str) -> dict | None:
        answered = getattr(self._scope, "answered", None)
        if answered is not None:  # the claim this thread just lost to a finished delivery read it: a
            self._scope.answered = None  # finished claim stays finished (one lock of the mapping, not two)
            if answered[:2] == (channel, msg_key):
                return answered[2]
        t = self._mine(channel, msg_key)
        if t is not None:
            with t.locked():
                off, found = t.find(channel, msg_key)
                if found and t.state(off) != IN_FILE:
                    return self._row_at(t, off)
        return self.file.get(channel, msg_key)

    def rows(self) -> list[dict]:
        """Every delivery record (the mapping's, then the scratch file's), as the scratch file's rows."""
        out = []
        t = self.table
        if t is not None:
            tz = self._now().tzinfo
            with t.locked():
                for off in t.claim_slots():
                    if t.state(off) != IN_FILE:
                        row = t.row(off, tz)
                        out.append({**row, "owner": "" if row["owner"] is TORN else row["owner"]})
        return out + self.file.rows()

    def count(self, channel: str | None = None, status: str | None = None) -> int:
        n = 0
        t = self.table
        if t is not None:
            with t.locked():
                for off in t.claim_slots():
                    state = t.state(off)
                    if state in (PROCESSING, DONE) and (status is None or STATUS[state] == status) and (
                            channel is None or t.row(off, None)["channel"] == channel):
                        n += 1
        return n + self.file.count(channel, status)

    def purge(self, older_than: dt.timedelta = KEEP) -> int:
        now = self._now()
        removed = 0
        if self.table is None and self._named:
            self._name_unmapped(touch=True)
        if self.table is not None:
            if self._home is not None:  # this process claims: say it is still there
                self._alone(touch=True)
            with self.table.locked():
                removed = self.table.purge_claims(_hours_before(now - older_than - dt.timedelta(hours=1)),
                                                  hour_of(now - self.KEEP_REPLY))
        return removed + self.file.purge(older_than)

    # ---- signed requests seen: a signed URL is good for one body only ------------------------------------

    def first_body(self, request_key: str, body_hash: str) -> bool:
        t = self.table
        if t is None:
            return self.file.first_body(request_key, body_hash)
        alone, hour = self._look()
        with t.locked():
            for moved in (False, True):  # after a move (its lock let go meanwhile) all is looked at again
                if self._spilled(hour) or maybe_moved(  # (a moved record has its own name: claims_move.py)
                        t, REQUEST, t._request_ident(request_key), hour):
                    stored = self.file.db.query("SELECT body_hash FROM seen_requests WHERE key IN (?, ?)",
                                                (request_key, moved_key(request_key)))
                    if stored:
                        return all(same_body(row["body_hash"], body_hash) for row in stored)
                try:
                    mapped = t.first_body(request_key, body_hash, hour)
                    if alone:
                        return mapped
                except Full:  # room again after a move, unless damaged state bytes fill the run
                    mapped = True
                    if alone and not moved and move_requests(t, self.file, hour, self._now().tzinfo, request_key):
                        continue
                break
            t.spill(hour)
            return self.file.first_body(request_key, body_hash) and mapped

    def purge_requests(self, older_than: dt.timedelta) -> int:
        removed = 0
        if self.table is not None:
            with self.table.locked():
                removed = self.table.purge_requests(_hours_before(self._now() - older_than - dt.timedelta(hours=1)))
        removed += self.file.purge_requests(older_than)
        if self.table is not None:  # a moved record is looked for as long as it is kept (a window past an hour
            last = self.file.db.scalar("SELECT max(at) FROM seen_requests WHERE key >= 'm:' AND key < 'm;'")
            if last is not None:  # outlives the two hours a move looks in the file for)
                kept_until = hour_of(dt.datetime.fromisoformat(last) + older_than + dt.timedelta(hours=2))
                with self.table.locked():
                    hour = hour_of(self._now())
                    extend(self.table, -(-older_than // dt.timedelta(hours=1)), hour)
                    if hour <= self.table.spilled_until < kept_until:  # (moved while no filter was free)
                        self.table.spill(kept_until - 2)
        return removed
