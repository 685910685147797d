"""Activities and sign-ups. Capacity is checked and written in one BEGIN IMMEDIATE transaction,
so it holds across threads and processes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.db import Database
from storage.members import Member

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
    confirmed: int | None = None  # confirmed sign-ups when loaded with a list (upcoming), else counted on demand

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


@dataclass(frozen=True)
class SignupOutcome:
    status: str  # confirmed / waitlisted / already / full_closed / deadline / cancelled / audience / started
    position: int = 0  # waitlist position
    signup_status: str = ""  # for "already": confirmed / waitlisted


class ActivitiesRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def add(self, title: str, starts_at: str, place: str = "", capacity: int | None = None,
            deadline: str | None = None, audience: str = "all", kind: str = "", notes: str = "") -> Activity:
        cur = self.db.execute(
            "INSERT INTO activities (title, kind, starts_at, place, capacity, deadline, audience, notes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (title, kind, starts_at, place, capacity, deadline, audience, notes, self._now().isoformat(timespec="seconds")),
        )
        return self.get(cur.lastrowid)

    def get(self, activity_id: int) -> Activity | None:
        row = self.db.one("SELECT * FROM activities WHERE id = ?", (activity_id,))
        return Activity.from_row(row) if row else None

    UPCOMING = ("SELECT *, (SELECT count(*) FROM signups s WHERE s.activity_id = activities.id "
                "AND s.status = 'confirmed') AS confirmed FROM activities WHERE starts_at >= ?")  # one query, not 1 + N

    def upcoming(self, include_cancelled: bool = False) -> list[Activity]:
        """Activities from this minute on, with their confirmed sign-ups: the heaviest common answer,
        so kept per process until the database changes or the minute turns (Activity is frozen)."""
        now = self._now().strftime("%Y-%m-%d %H:%M")
        sql = self.UPCOMING + ("" if include_cancelled else " AND status = 'open'") + " ORDER BY starts_at, id"
        return list(self.db.cached(("upcoming", now, include_cancelled),
                                   lambda: tuple(Activity.from_row(r) for r in self.db.query(sql, (now,)))))

    def all(self) -> list[Activity]:
        return [Activity.from_row(r) for r in self.db.query("SELECT * FROM activities ORDER BY starts_at, id")]

    def cancel(self, activity_id: int) -> None:
        self.db.execute("UPDATE activities SET status = 'cancelled' WHERE id = ?", (activity_id,))

    EDITABLE = ("title", "kind", "starts_at", "place", "capacity", "deadline", "audience", "notes")

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
        return self.db.scalar(
            "SELECT count(*) FROM signups WHERE activity_id = ? AND status = 'confirmed'", (activity_id,))

    def places_left(self, activity: Activity) -> int | None:
        if activity.capacity is None:
            return None
        confirmed = self.confirmed_count(activity.id) if activity.confirmed is None else activity.confirmed
        return max(0, activity.capacity - confirmed)


class SignupsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def precheck(self, activity: Activity, member: Member) -> SignupOutcome | None:
        """Why a sign-up cannot happen, or None if it can be tried."""
        now = self._now().replace(tzinfo=None)
        if activity.status == "cancelled":
            return SignupOutcome("cancelled")
        if not audience_allows(activity.audience, member):
            return SignupOutcome("audience")
        existing = self.get(activity.id, member.id)
        if existing and existing["status"] in ("confirmed", "waitlisted"):
            pos = self.waitlist_position(activity.id, member.id) if existing["status"] == "waitlisted" else 0
            return SignupOutcome("already", pos, existing["status"])
        if activity.start <= now:
            return SignupOutcome("started")
        if activity.deadline_at and activity.deadline_at < now:
            return SignupOutcome("deadline")
        return None

    def signup(self, activity_id: int, member: Member) -> SignupOutcome:
        """Atomically: confirmed while places are left, else waitlisted with a position."""
        with self.db.transaction():
            row = self.db.one("SELECT * FROM activities WHERE id = ?", (activity_id,))
            activity = Activity.from_row(row)
            blocked = self.precheck(activity, member)
            if blocked:
                return blocked
            confirmed = self.db.scalar(
                "SELECT count(*) FROM signups WHERE activity_id = ? AND status = 'confirmed'", (activity_id,))
            status = "confirmed" if activity.capacity is None or confirmed < activity.capacity else "waitlisted"
            self.db.execute(
                "INSERT INTO signups (activity_id, member_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (activity_id, member_id) DO UPDATE SET status = excluded.status, "
                "created_at = excluded.created_at, updated_at = excluded.updated_at",
                (activity_id, member.id, status, self._stamp(), self._stamp()),
            )
            position = self.waitlist_position(activity_id, member.id) if status == "waitlisted" else 0
            return SignupOutcome(status, position)

    def cancel(self, activity_id: int, member_id: int) -> tuple[bool, int | None]:
        """Cancel; when a confirmed place is freed, promote the first on the waitlist.
        Returns (cancelled, promoted member id)."""
        with self.db.transaction():
            existing = self.get(activity_id, member_id)
            if not existing or existing["status"] not in ("confirmed", "waitlisted"):
                return False, None
            self.db.execute(
                "UPDATE signups SET status = 'cancelled', updated_at = ? WHERE activity_id = ? AND member_id = ?",
                (self._stamp(), activity_id, member_id))
            promoted = None
            activity = self.db.one("SELECT status, starts_at FROM activities WHERE id = ?", (activity_id,))
            still_on = (activity is not None and activity["status"] == "open"
                        and activity["starts_at"] > self._now().strftime("%Y-%m-%d %H:%M"))
            if existing["status"] == "confirmed" and still_on:  # nobody is promoted into a cancelled or past activity
                first = self.db.one(
                    "SELECT member_id FROM signups WHERE activity_id = ? AND status = 'waitlisted' "
                    "ORDER BY created_at, id LIMIT 1", (activity_id,))
                if first:
                    promoted = first["member_id"]
                    self.db.execute(
                        "UPDATE signups SET status = 'confirmed', updated_at = ? WHERE activity_id = ? AND member_id = ?",
                        (self._stamp(), activity_id, promoted))
            return True, promoted

    def get(self, activity_id: int, member_id: int) -> dict | None:
        return self.db.one("SELECT * FROM signups WHERE activity_id = ? AND member_id = ?", (activity_id, member_id))

    def waitlist_position(self, activity_id: int, member_id: int) -> int:
        row = self.get(activity_id, member_id)
        if not row or row["status"] != "waitlisted":
            return 0
        return self.db.scalar(
            "SELECT count(*) FROM signups WHERE activity_id = ? AND status = 'waitlisted' "
            "AND (created_at < ? OR (created_at = ? AND id <= ?))",
            (activity_id, row["created_at"], row["created_at"], row["id"]))

    def recently_cancelled(self, member_id: int, since) -> int | None:
        """The activity this member last withdrew from after `since` ("还是不撤了"), or None."""
        return self.db.scalar(
            "SELECT activity_id FROM signups WHERE member_id = ? AND status = 'cancelled' AND updated_at > ? "
            "ORDER BY updated_at DESC LIMIT 1", (member_id, since.isoformat(timespec="seconds")))

    def for_member(self, member_id: int, active_only: bool = True) -> list[dict]:
        sql = ("SELECT s.status AS signup_status, s.activity_id, a.* FROM signups s JOIN activities a ON a.id = s.activity_id "
               "WHERE s.member_id = ?")
        if active_only:
            sql += " AND s.status IN ('confirmed', 'waitlisted')"
        return self.db.query(sql + " ORDER BY a.starts_at", (member_id,))

    def for_activity(self, activity_id: int) -> list[dict]:
        return self.db.query(
            "SELECT s.status, s.created_at, m.staff_no, m.name, m.group_name, m.phone FROM signups s "
            "JOIN members m ON m.id = s.member_id WHERE s.activity_id = ? "
            "ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, s.created_at, s.id",
            (activity_id,))
