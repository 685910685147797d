"""Sign-ups. Places are counted in people (a sign-up's `party`: the member and their companions) and
are checked and written in one BEGIN IMMEDIATE transaction, so they hold across threads and
processes. A walk-in added in the console has no member (member_id NULL) and only a name.

Waitlist rules: a sign-up is confirmed while its whole party fits and nobody is waiting, else
waitlisted. When places are freed (a cancellation, a removal, a smaller party), the waitlist is promoted in order while the
first party in line fits; nobody is passed over, so a party of three first in line waits for three
places before the single teacher behind it is promoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.activities import Activity, audience_allows
from storage.db import Database
from storage.members import Member

ACTIVE = ("confirmed", "waitlisted")
# an activity's people confirmed (companions counted) and sign-ups waiting, in one read of its rows
PLACES = ("SELECT coalesce(sum(CASE WHEN status = 'confirmed' THEN party END), 0) AS taken, "
          "count(CASE WHEN status = 'waitlisted' THEN 1 END) AS waiting FROM signups WHERE activity_id = ?")


@dataclass(frozen=True)
class SignupOutcome:
    status: str  # confirmed / waitlisted / already / full_closed / deadline / cancelled / audience / started
    position: int = 0  # waitlist position
    signup_status: str = ""  # for "already": confirmed / waitlisted


class SignupsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def _minute(self) -> str:
        return self._now().strftime("%Y-%m-%d %H:%M")

    def precheck(self, activity: Activity, member: Member) -> SignupOutcome | None:
        """Why a sign-up cannot happen, or None if it can be tried."""
        now = self._now().replace(tzinfo=None)
        if activity.status == "cancelled":
            return SignupOutcome("cancelled")
        if not audience_allows(activity.audience, member):
            return SignupOutcome("audience")
        existing = self.get(activity.id, member.id)
        if existing and existing["status"] in ACTIVE:
            pos = self.waitlist_position(activity.id, member.id) if existing["status"] == "waitlisted" else 0
            return SignupOutcome("already", pos, existing["status"])
        if activity.start <= now:
            return SignupOutcome("started")
        if activity.deadline_at and activity.deadline_at < now:
            return SignupOutcome("deadline")
        return None

    def _activity(self, activity_id: int) -> Activity:
        return Activity.from_row(self.db.one("SELECT * FROM activities WHERE id = ?", (activity_id,)))

    def _taken(self, activity_id: int) -> int:
        return self.db.scalar("SELECT coalesce(sum(party), 0) FROM signups WHERE activity_id = ? AND status = 'confirmed'",
                              (activity_id,))

    def has_room(self, activity: Activity, party: int = 1) -> bool:
        """A place for a party of this size now (else a sign-up joins the waitlist)."""
        taken, waiting = self._places(activity.id)
        return (activity.capacity is None or taken + party <= activity.capacity) and not waiting

    def _fits(self, activity: Activity, party: int) -> bool:
        return activity.capacity is None or self._taken(activity.id) + party <= activity.capacity

    def _places(self, activity_id: int) -> tuple[int, int]:
        """(people confirmed, sign-ups waiting) for one activity: the capacity check and the line in one
        read of its rows, not two."""
        row = self.db.one(PLACES, (activity_id,))
        return row["taken"], row["waiting"]

    def _write(self, activity: Activity, member_id: int | None, guest_name: str, party: int) -> tuple[str, int]:
        """Insert (or renew a cancelled row) as confirmed or waitlisted; (status, signup id)."""
        taken, waiting = self._places(activity.id)
        fits = activity.capacity is None or taken + party <= activity.capacity
        status = "confirmed" if fits and not waiting else "waitlisted"  # nobody jumps the line
        stamp = self._stamp()
        if member_id is None:
            cur = self.db.execute(
                "INSERT INTO signups (activity_id, member_id, guest_name, party, status, created_at, updated_at) "
                "VALUES (?, NULL, ?, ?, ?, ?, ?)", (activity.id, guest_name, party, status, stamp, stamp))
            return status, cur.lastrowid
        # the row's id comes back with the write (a renewed row keeps its id): no read after it
        signup_id = self.db.execute(
            "INSERT INTO signups (activity_id, member_id, party, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (activity_id, member_id) DO UPDATE SET status = excluded.status, party = excluded.party, "
            "attended_at = NULL, created_at = excluded.created_at, updated_at = excluded.updated_at RETURNING id",
            (activity.id, member_id, party, status, stamp, stamp)).fetchall()[0][0]
        return status, signup_id

    def signup(self, activity_id: int, member: Member, party: int = 1) -> SignupOutcome:
        """A teacher's own sign-up, atomically: confirmed while the party fits, else waitlisted."""
        with self.db.transaction():
            activity = self._activity(activity_id)
            blocked = self.precheck(activity, member)
            if blocked:
                return blocked
            status, _ = self._write(activity, member.id, "", max(1, party))
            position = self.waitlist_position(activity_id, member.id) if status == "waitlisted" else 0
            return SignupOutcome(status, position)

    def add(self, activity_id: int, member: Member | None = None, guest_name: str = "", party: int = 1) -> SignupOutcome:
        """The committee adds someone (a member, or a walk-in by name): deadline and audience are the
        committee's to waive; the waitlist rules still hold."""
        with self.db.transaction():
            activity = self._activity(activity_id)
            if member is not None:
                existing = self.get(activity_id, member.id)
            else:
                existing = self.db.one(
                    "SELECT * FROM signups WHERE activity_id = ? AND member_id IS NULL AND guest_name = ? "
                    "AND status IN ('confirmed', 'waitlisted')", (activity_id, guest_name))
            if existing and existing["status"] in ACTIVE:
                return SignupOutcome("already", signup_status=existing["status"])
            status, signup_id = self._write(activity, member.id if member else None, guest_name, max(1, party))
            return SignupOutcome(status, self._position(signup_id) if status == "waitlisted" else 0)

    def _promote(self, activity_id: int) -> list[dict]:
        """Promote the waitlist in order while the first party in line fits (see the module doc);
        the promoted rows. Nobody is promoted into a cancelled or past activity. (The line is read
        first: with nobody waiting, as after most withdrawals, there is nothing else to read.)"""
        waiting = self.db.query("SELECT * FROM signups WHERE activity_id = ? AND status = 'waitlisted' "
                                "ORDER BY created_at, id", (activity_id,))
        if not waiting:
            return []
        activity = self._activity(activity_id)
        if activity.status != "open" or activity.starts_at <= self._minute():
            return []
        promoted = []
        for row in waiting:
            if not self._fits(activity, row["party"]):
                break
            self.db.execute("UPDATE signups SET status = 'confirmed', updated_at = ? WHERE id = ?",
                            (self._stamp(), row["id"]))
            promoted.append(row)
        return promoted

    def cancel(self, activity_id: int, member_id: int) -> tuple[str, list[int]]:
        """Cancel; freed places promote the waitlist. Returns (the status the sign-up had, confirmed or
        waitlisted, or "" when there was none to cancel; promoted members' ids)."""
        with self.db.transaction():
            existing = self.get(activity_id, member_id)
            if not existing or existing["status"] not in ACTIVE:
                return "", []
            return existing["status"], self._take_off(existing)  # (the row just read: not read again by its id)

    def remove(self, signup_id: int) -> tuple[dict | None, list[int]]:
        """Take a sign-up off the list (cancelled); (the row as it was, promoted members' ids)."""
        with self.db.transaction():
            row = self.by_id(signup_id)
            if row is None or row["status"] not in ACTIVE:
                return None, []
            return row, self._take_off(row)

    def _take_off(self, row: dict) -> list[int]:
        """Cancel an active sign-up (inside a transaction); the promoted members' ids."""
        self.db.execute("UPDATE signups SET status = 'cancelled', updated_at = ? WHERE id = ?", (self._stamp(), row["id"]))
        promoted = self._promote(row["activity_id"]) if row["status"] == "confirmed" else []
        return [r["member_id"] for r in promoted if r["member_id"] is not None]

    def set_party(self, signup_id: int, party: int) -> tuple[bool, list[int]]:
        """Change a sign-up's party size. A confirmed party grows only into free places (False when
        they are not there); a smaller one frees places for the waitlist (promoted members' ids)."""
        with self.db.transaction():
            row = self.by_id(signup_id)
            if row is None or row["status"] not in ACTIVE or party < 1:
                return False, []
            if row["status"] == "confirmed" and party > row["party"]:
                activity = self._activity(row["activity_id"])
                if not self._fits(activity, party - row["party"]):
                    return False, []
            self.db.execute("UPDATE signups SET party = ?, updated_at = ? WHERE id = ?", (party, self._stamp(), signup_id))
            promoted = self._promote(row["activity_id"]) if party < row["party"] else []
            return True, [r["member_id"] for r in promoted if r["member_id"] is not None]

    # ---- attendance (签到) ---------------------------------------------------------------------------

    def set_attended(self, activity_id: int, changes: dict[int, bool]) -> int:
        """Mark or unmark confirmed sign-ups of this activity as there; the number changed."""
        changed = 0
        with self.db.transaction():
            for signup_id, there in changes.items():
                cur = self.db.execute(
                    "UPDATE signups SET attended_at = " + ("coalesce(attended_at, ?)" if there else "NULL") +
                    " WHERE id = ? AND activity_id = ? AND status = 'confirmed' AND (attended_at IS NULL) = ?",
                    ((self._minute(),) if there else ()) + (signup_id, activity_id, int(there)))
                changed += cur.rowcount
        return changed

    def all_present(self, activity_id: int) -> int:
        cur = self.db.execute("UPDATE signups SET attended_at = ? WHERE activity_id = ? AND status = 'confirmed' "
                              "AND attended_at IS NULL", (self._minute(), activity_id))
        return cur.rowcount

    def check_in(self, signup_id: int) -> str | None:
        """A teacher's own 签到: the time it was first recorded (now, or earlier if already there)."""
        with self.db.transaction():
            self.db.execute("UPDATE signups SET attended_at = ? WHERE id = ? AND status = 'confirmed' "
                            "AND attended_at IS NULL", (self._minute(), signup_id))
            row = self.by_id(signup_id)
            return row["attended_at"] if row else None

    # ---- reading --------------------------------------------------------------------------------------

    def get(self, activity_id: int, member_id: int) -> dict | None:
        """Her sign-up for one activity (any status), kept as for_member is (a copy each time)."""
        row = self.db.cached(("signup", activity_id, member_id), lambda: self.db.one(
            "SELECT * FROM signups WHERE activity_id = ? AND member_id = ?", (activity_id, member_id)))
        return None if row is None else dict(row)

    def by_id(self, signup_id: int) -> dict | None:
        return self.db.one("SELECT * FROM signups WHERE id = ?", (signup_id,))

    def _position(self, signup_id: int) -> int:
        row = self.by_id(signup_id)
        if not row or row["status"] != "waitlisted":
            return 0
        return self.db.scalar(
            "SELECT count(*) FROM signups WHERE activity_id = ? AND status = 'waitlisted' "
            "AND (created_at < ? OR (created_at = ? AND id <= ?))",
            (row["activity_id"], row["created_at"], row["created_at"], row["id"]))

    def waitlist_position(self, activity_id: int, member_id: int) -> int:
        row = self.get(activity_id, member_id)
        return self._position(row["id"]) if row else 0

    def recently_cancelled(self, member_id: int, since) -> int | None:
        """The activity this member last withdrew from after `since` ("还是不撤了"), or None."""
        return self.db.scalar(
            "SELECT activity_id FROM signups WHERE member_id = ? AND status = 'cancelled' AND updated_at > ? "
            "ORDER BY updated_at DESC LIMIT 1", (member_id, since.isoformat(timespec="seconds")))

    def recently_signed(self, member_id: int, since) -> int | None:
        """The activity this member last signed up for (confirmed or waitlisted) after `since`, or None."""
        return self.db.scalar(
            "SELECT activity_id FROM signups WHERE member_id = ? AND status IN ('confirmed', 'waitlisted') "
            "AND created_at > ? ORDER BY created_at DESC, id DESC LIMIT 1", (member_id, since.isoformat(timespec="seconds")))

    def for_member(self, member_id: int, active_only: bool = True) -> list[dict]:
        """Her sign-ups with their activities, soonest first: read by a sign-up turn's checks two or three times, so
        kept per process and member until a sign-up or an activity changes (storage/versions.py; speed26). A copy
        of each row every time: callers may change theirs."""
        rows = self.db.cached(("signups of", member_id, active_only),
                              lambda: tuple(self._for_member(member_id, active_only)))
        return [dict(r) for r in rows]

    def _for_member(self, member_id: int, active_only: bool) -> list[dict]:
        sql = ("SELECT s.status AS signup_status, s.activity_id, s.id AS signup_id, s.party, s.attended_at, a.* "
               "FROM signups s JOIN activities a ON a.id = s.activity_id WHERE s.member_id = ?")
        if active_only:
            sql += " AND s.status IN ('confirmed', 'waitlisted')"
        return self.db.query(sql + " ORDER BY a.starts_at", (member_id,))

    def people_and_attendance(self) -> dict[int, tuple[int, int]]:
        """Per activity: (people confirmed, companions included; of them, people who checked in)."""
        return {r["activity_id"]: (r["people"] or 0, r["came"] or 0) for r in self.db.query(
            "SELECT activity_id, sum(party) AS people, sum(CASE WHEN attended_at IS NOT NULL THEN party ELSE 0 END) "
            "AS came FROM signups WHERE status = 'confirmed' GROUP BY activity_id")}

    def for_activity(self, activity_id: int) -> list[dict]:
        """Every sign-up, confirmed first, then the waitlist in order, then the cancelled. A walk-in
        has no 工号 (staff_no '') and its name in `name`."""
        return self.db.query(
            "SELECT s.id, s.member_id, s.status, s.party, s.attended_at, s.created_at, coalesce(m.staff_no, '') AS staff_no, "
            "coalesce(m.name, s.guest_name) AS name, coalesce(m.group_name, '') AS group_name, "
            "coalesce(m.phone, '') AS phone, s.member_id IS NULL AS walk_in FROM signups s "
            "LEFT JOIN members m ON m.id = s.member_id WHERE s.activity_id = ? "
            "ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, s.created_at, s.id",
            (activity_id,))
