"""Storage: one SQLite file, ordered migrations, one repository per aggregate.

    store = Store.open("data/unionbot.db", clock)
    store.members.by_staff_no("1024")
"""

from __future__ import annotations

from storage.absence import Absences
from storage.activities import ActivitiesRepo
from storage.alerts import AlertsRepo
from storage.care import CareRepo, CheckupsRepo
from storage.claims import open_table
from storage.console import AdminUsersRepo, AuditRepo
from storage.conversations import ConversationsRepo
from storage.db import Database, StorageError
from storage.inbox import InboxRepo
from storage.members import BindingsRepo, ChannelUsersRepo, Member, MembersRepo
from storage.migrations import migrate
from storage.outbox import OutboxRepo
from storage.polls import PollsRepo
from storage.proposals import ProposalsRepo
from storage.scratch import dedup_secret, give_back_free_pages, open_scratch
from storage.signups import SignupsRepo
from storage.suggestions import SuggestionsRepo

__all__ = ["Database", "Member", "StorageError", "Store"]


class Store:
    """The repositories over one database. Repositories are cheap; build them per use."""

    def __init__(self, db: Database, clock, scratch: Database | None = None) -> None:
        self.db = db
        self.scratch = scratch if scratch is not None else open_scratch(db.path)
        self.dedup_secret = dedup_secret(db.path)
        self.clock = clock
        now = clock.now
        self.members = MembersRepo(db, now)
        self.bindings = BindingsRepo(db, now)
        self.channel_users = ChannelUsersRepo(db, now)
        self.inbox = InboxRepo(self.scratch, now, open_table(db.path))  # claims: a shared mapping (claims.py)
        # rows known missing without a read, while no conversation of their bucket is written (absence.py)
        self.conversations = ConversationsRepo(self.scratch, now, Absences(self.inbox))
        self.activities = ActivitiesRepo(db, now)
        self.signups = SignupsRepo(db, now)
        self.suggestions = SuggestionsRepo(db, now, self.scratch)
        self.polls = PollsRepo(db, now, self.scratch)
        self.proposals = ProposalsRepo(db, now, self.scratch)
        self.outbox = OutboxRepo(db, now)
        self.care = CareRepo(db, now)
        self.checkups = CheckupsRepo(db, now)
        self.admin_users = AdminUsersRepo(db, now)
        self.audit = AuditRepo(db, now)
        self.alerts = AlertsRepo(db, now)

    @classmethod
    def open(cls, path: str, clock, *, migrate_schema: bool = True) -> Store:
        db = Database(path)
        if migrate_schema:
            migrate(db)
        if path != ":memory:":  # whoever may read the file may read everything: only the service's user
            import contextlib
            import os

            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)  # SQLite gives the -wal and -shm files the same mode
        return cls(db, clock)

    def transaction(self):
        return self.db.transaction()

    def cached(self, key, fn):
        """fn(), kept in this process until the main database changes (storage/db.py `cached`): for
        answers read on most messages and changed a few times a day. The key must hold everything
        else the answer depends on (the text, the minute, what kind of member asks)."""
        return self.db.cached(key, fn)

    def housekeeping(self, request_window) -> dict[str, int]:
        """What must not linger (run every minute by the scheduler and by each server process):
        expired conversations, delivery records older than an hour or two, signed-request records
        past their window, binding tries older than a day, expired cache rows; and the release of
        finished days' suggestions from the tray (and of anonymous proposers' satisfaction). Every
        step is a short statement: none waits for readers (a PASSIVE checkpoint copies what it can
        and never blocks a writer; nothing about who wrote what goes through the main WAL, see
        storage/scratch.py)."""
        import datetime as dt

        now = self.clock.now()
        done = {
            "conversations": self.conversations.purge_expired(),
            "inbox": self.inbox.purge(),
            "requests": self.inbox.purge_requests(request_window),
            "attempts": self.db.execute("DELETE FROM attempts WHERE at < ?",
                                        ((now - dt.timedelta(days=1)).isoformat(),)).rowcount,
            "kv": self.db.execute("DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at < ?",
                                  (now.isoformat(),)).rowcount,
            "released": self.suggestions.release(),
            "verdicts": self.proposals.release(),
        }
        # purged rows were overwritten (secure_delete); their pages are cut off the file, so that the
        # next suggestion's compact() (storage/scratch.py) does not pay for an hour of deliveries
        give_back_free_pages(self.scratch)
        if self.db.path != ":memory:":
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return done

    def healthy(self) -> bool:
        try:
            return self.db.scalar("SELECT count(*) FROM _migrations") > 0
        except Exception:
            return False
