"""Activities (sign-ups are in storage/signups.py). An activity may allow companions ("+1 家属"):
`allow_companions` and at most `max_companions` per member; places are counted in people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from storage.db import Database
from storage.members import Member

CHECKIN_BEFORE = dt.timedelta(hours=1)  # 签到 opens an hour before the start ...
CHECKIN_AFTER_START = dt.timedelta(hours=4)  # ... and closes at the end, or this long after the start
AUDIENCE_LABELS = {"all": "全体会员", "female": "女教职工", "retired": "退休教师", "in_service": "在职教职工"}


def audience_label(audience: str) -> str:
    if audience.startswith("group:"):
        return f"{audience[6:]}成员"
    return AUDIENCE_LABELS.get(audience, audience)


def audience_allows(audience: str, member: Member | None) -> bool:
    """Whether `member` belongs to the audience. Unknown members see only `all`."""
    if audience in ("", "all"):
        return member is None or member.active
    if member is None or not member.active:
        return False
    if audience == "female":
        return member.gender == "女"
    if audience == "retired":
        return member.status == "退休"
    if audience == "in_service":
        return member.status == "在职"
    if audience.startswith("group:"):
        return member.group_name == audience[6:]
    return False


def audience_key(member: Member | None) -> tuple:
    """What `audience_allows` looks at: members alike in it see the same activities."""
    if member is None:
        return ()
    return member.active, member.gender, member.status, member.group_name


def valid_audience(audience: str) -> bool:
    return audience in AUDIENCE_LABELS or (audience.startswith("group:") and len(audience) > 6)


@dataclass(frozen=True)
class Activity:
    id: int
    title: str
    kind: str
    starts_at: str  # "YYYY-MM-DD HH:MM" local
    place: str
    capacity: int | None
    deadline: str | None
    audience: str
    status: str
    notes: str
    ends_at: str | None = None  # "YYYY-MM-DD HH:MM" local; None: CHECKIN_AFTER_START after the start
    allow_companions: int = 0
    max_companions: int = 1
    confirmed: int | None = None  # people confirmed when loaded with a list (upcoming), else counted on demand

    @classmethod
    def from_row(cls, row: dict) -> Activity:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in row.items() if k in names})

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.starts_at)  # "YYYY-MM-DD HH:MM" (fromisoformat: C, not strptime)

    @property
    def deadline_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.deadline) if self.deadline else None

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.ends_at) if self.ends_at else self.start + CHECKIN_AFTER_START

    @property
    def checkin_opens(self) -> dt.datetime:
        return self.start - CHECKIN_BEFORE

    @property
    def max_party(self) -> int:
        """People one sign-up may bring, the member included."""
        return 1 + max(0, self.max_companions) if self.allow_companions else 1


class ActivitiesRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now
        self._counted_kept: dict[tuple[Activity, int], Activity] = {}
        self._upcoming_last: dict[bool, tuple] = {}  # include_cancelled → (rows, counts, the list they make,
        # (connection, minute, data version) it was last given at, the tables its reads named)
        self._visible: dict[tuple, tuple] = {}  # audience_key → (the list, what of it they may see)

    def add(self, title: str, starts_at: str, place: str = "", capacity: int | None = None,
            deadline: str | None = None, audience: str = "all", kind: str = "", notes: str = "",
            ends_at: str | None = None, allow_companions: bool = False, max_companions: int = 1) -> Activity:
        cur = self.db.execute(
            "INSERT INTO activities (title, kind, starts_at, place, capacity, deadline, audience, notes, created_at, "
            "ends_at, allow_companions, max_companions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (title, kind, starts_at, place, capacity, deadline, audience, notes, self._now().isoformat(timespec="seconds"),
             ends_at, int(bool(allow_companions)), max_companions),
        )
        return self.get(cur.lastrowid)

    def get(self, activity_id: int) -> Activity | None:
        """One activity (frozen), kept per process until an activity changes (storage/versions.py): a
        sign-up's every step asks for it, and another teacher's sign-up does not change it."""
        return self.db.cached(("activity", activity_id), lambda: self._get(activity_id))

    def _get(self, activity_id: int) -> Activity | None:
        row = self.db.one("SELECT * FROM activities WHERE id = ?", (activity_id,))
        return Activity.from_row(row) if row else None

    UPCOMING = "SELECT * FROM activities WHERE starts_at >= ?"
    # people confirmed per activity from this minute on (the places left in every list)
    CONFIRMED = ("SELECT activity_id, coalesce(sum(party), 0) AS n FROM signups WHERE status = 'confirmed' "
                 "AND activity_id IN (SELECT id FROM activities WHERE starts_at >= ?) GROUP BY activity_id")
    COUNTED_KEPT = 1024

    def upcoming(self, include_cancelled: bool = False) -> list[Activity]:
        """Activities from this minute on, with their confirmed sign-ups: the heaviest common answer, so
        kept per process until the minute turns. The activities and their counts are kept apart: a
        sign-up changes the counts only (one query), the activities stay, and so does every Activity
        whose count did not move (the same object: what is said about it is kept too, handlers/activities
        `describe`). Activity is frozen."""
        return list(self._upcoming(include_cancelled))

    VISIBLE_KEPT = 256

    def upcoming_for(self, member: Member | None) -> list[Activity]:
        """upcoming() as `member` may see it (audience_allows): asked two or three times a message (the answer,
        the sign-up's checks, a joining word's reading), filtered once per list and kind of member (audience_key)."""
        every = self._upcoming(False)
        key = audience_key(member)
        kept = self._visible.get(key)
        if kept is None or kept[0] is not every:
            if len(self._visible) >= self.VISIBLE_KEPT:
                self._visible.clear()
            kept = self._visible[key] = (every, tuple(a for a in every if audience_allows(a.audience, member)))
        return list(kept[1])

    def _upcoming(self, include_cancelled: bool) -> tuple[Activity, ...]:
        """The list, put together once per minute and data version (a sign-up turn asks for it five or six
        times: speed26): asked again at the same version, it is the same as `cached` would give, and what its
        reads named is noted again for whoever keeps a value built on it (bot/replycache.py)."""
        at, db, conn = self._now(), self.db, self.db.conn  # (versions are this connection's: its thread's)
        version = None if conn.in_transaction else (conn, (at.year, at.month, at.day, at.hour, at.minute), db.version())
        last = self._upcoming_last.get(include_cancelled)
        if version is not None and last is not None and last[3] == version:
            db.noted(last[4])
            return last[2]
        with db.reading() as read:
            found = self._upcoming_read(at.strftime("%Y-%m-%d %H:%M"), include_cancelled)
        if version is not None and db.version() == version[2]:
            kept = self._upcoming_last[include_cancelled]
            if kept[2] is found:  # (not another thread's, put there meanwhile)
                self._upcoming_last[include_cancelled] = (*kept[:3], version, frozenset(read))
        return found

    def _upcoming_read(self, now: str, include_cancelled: bool) -> tuple[Activity, ...]:
        sql = self.UPCOMING + ("" if include_cancelled else " AND status = 'open'") + " ORDER BY starts_at, id"
        rows = self.db.cached(("upcoming", now, include_cancelled),
                              lambda: tuple(Activity.from_row(r) for r in self.db.query(sql, (now,))))
        counts = self.db.cached(("confirmed from", now),
                                lambda: {r["activity_id"]: r["n"] for r in self.db.query(self.CONFIRMED, (now,))})
        last = self._upcoming_last.get(include_cancelled)  # (asked several times a message: put together once)
        if last is None or last[0] is not rows or last[1] is not counts:
            last = self._upcoming_last[include_cancelled] = (
                rows, counts, tuple(self._counted(a, counts.get(a.id, 0)) for a in rows), None, frozenset())
        return last[2]

    def _counted(self, activity: Activity, confirmed: int) -> Activity:
        """`activity` with its confirmed people: one object per (activity, count), kept while it is asked for."""
        kept = self._counted_kept
        found = kept.get((activity, confirmed))
        if found is None:
            if len(kept) >= self.COUNTED_KEPT:
                kept.clear()
            found = kept[(activity, confirmed)] = replace(activity, confirmed=confirmed)
        return found

    def all(self) -> list[Activity]:
        return [Activity.from_row(r) for r in self.db.query("SELECT * FROM activities ORDER BY starts_at, id")]

    def cancel(self, activity_id: int) -> None:
        self.db.execute("UPDATE activities SET status = 'cancelled' WHERE id = ?", (activity_id,))

    EDITABLE = ("title", "kind", "starts_at", "place", "capacity", "deadline", "audience", "notes", "ends_at",
                "allow_companions", "max_companions")

    def update(self, activity_id: int, **fields) -> Activity:
        unknown = set(fields) - set(self.EDITABLE)
        if unknown:
            raise ValueError(f"cannot edit {sorted(unknown)}")
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.db.execute(f"UPDATE activities SET {sets} WHERE id = ?", (*fields.values(), activity_id))
        return self.get(activity_id)

    def close(self, activity_id: int) -> Activity:
        """Stop sign-ups now (the deadline becomes now); the activity itself still takes place."""
        now = self._now().strftime("%Y-%m-%d %H:%M")
        self.db.execute("UPDATE activities SET deadline = ? WHERE id = ? AND (deadline IS NULL OR deadline > ?)",
                        (now, activity_id, now))
        return self.get(activity_id)

    def signup_counts(self) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        for r in self.db.query("SELECT activity_id, status, count(*) AS n FROM signups GROUP BY activity_id, status"):
            counts.setdefault(r["activity_id"], {})[r["status"]] = r["n"]
        return counts

    def confirmed_count(self, activity_id: int) -> int:
        """People confirmed: each sign-up with its companions."""
        return self.db.scalar(
            "SELECT coalesce(sum(party), 0) FROM signups WHERE activity_id = ? AND status = 'confirmed'", (activity_id,))

    def places_left(self, activity: Activity) -> int | None:
        if activity.capacity is None:
            return None
        confirmed = self.confirmed_count(activity.id) if activity.confirmed is None else activity.confirmed
        return max(0, activity.capacity - confirmed)
