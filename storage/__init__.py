"""Storage: one SQLite file, ordered migrations, one repository per aggregate.

    store = Store.open("data/unionbot.db", clock)
    store.members.by_staff_no("1024")
"""

from __future__ import annotations

from storage.activities import ActivitiesRepo, SignupsRepo
from storage.care import CareRepo, CheckupsRepo
from storage.conversations import ConversationsRepo, InboxRepo
from storage.db import Database, StorageError
from storage.members import BindingsRepo, ChannelUsersRepo, Member, MembersRepo
from storage.migrations import migrate
from storage.outbox import OutboxRepo
from storage.suggestions import SuggestionsRepo

__all__ = ["Database", "Member", "StorageError", "Store"]


class Store:
    """The repositories over one database. Repositories are cheap; build them per use."""

    def __init__(self, db: Database, clock) -> None:
        self.db = db
        self.clock = clock
        now = clock.now
        self.members = MembersRepo(db, now)
        self.bindings = BindingsRepo(db, now)
        self.channel_users = ChannelUsersRepo(db, now)
        self.conversations = ConversationsRepo(db, now)
        self.inbox = InboxRepo(db, now)
        self.activities = ActivitiesRepo(db, now)
        self.signups = SignupsRepo(db, now)
        self.suggestions = SuggestionsRepo(db, now)
        self.outbox = OutboxRepo(db, now)
        self.care = CareRepo(db, now)
        self.checkups = CheckupsRepo(db, now)

    @classmethod
    def open(cls, path: str, clock, *, migrate_schema: bool = True) -> Store:
        db = Database(path)
        if migrate_schema:
            migrate(db)
        return cls(db, clock)

    def transaction(self):
        return self.db.transaction()

    def healthy(self) -> bool:
        try:
            return self.db.scalar("SELECT count(*) FROM _migrations") > 0
        except Exception:
            return False
