"""Members (the roster), their platform bindings, and the platform users we have seen."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database

ROSTER_FIELDS = {
    "工号": "staff_no",
    "姓名": "name",
    "性别": "gender",
    "出生日期": "birth_date",
    "生日历法": "birth_calendar",
    "闰月": "birth_leap",
    "手机": "phone",
    "工会小组": "group_name",
    "状态": "status",
    "角色": "role",
}


@dataclass(slots=True)
class Member:
    id: int
    staff_no: str
    name: str
    gender: str = ""
    birth_date: str = ""
    birth_calendar: str = "公历"
    birth_leap: int = 0
    phone: str = ""
    group_name: str = ""
    status: str = "在职"
    role: str = "会员"
    push_opt_out: int = 0

    @property
    def is_committee(self) -> bool:
        return self.role in ("工会委员", "管理员")

    @property
    def active(self) -> bool:
        return self.status in ("在职", "退休")

    @classmethod
    def from_row(cls, row: dict) -> Member:
        if len(row) == len(MEMBER_COLUMNS):
            return cls(**row)
        return cls(**{k: row[k] for k in MEMBER_COLUMNS})


MEMBER_COLUMNS = tuple(Member.__dataclass_fields__)
MEMBER_SELECT = ", ".join(MEMBER_COLUMNS)


class MembersRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def add(self, **fields) -> Member:
        stamp = self._now().isoformat(timespec="seconds")
        fields = {"created_at": stamp, "updated_at": stamp, **fields}
        cols = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        cur = self.db.execute(f"INSERT INTO members ({cols}) VALUES ({marks})", tuple(fields.values()))
        return self.get(cur.lastrowid)

    def upsert(self, **fields) -> Member:
        existing = self.by_staff_no(fields["staff_no"])
        if existing is None:
            return self.add(**fields)
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.db.execute(
            f"UPDATE members SET {sets}, updated_at = ? WHERE id = ?",
            (*fields.values(), self._now().isoformat(timespec="seconds"), existing.id),
        )
        return self.get(existing.id)

    def get(self, member_id: int) -> Member | None:
        row = self.db.one("SELECT * FROM members WHERE id = ?", (member_id,))
        return Member.from_row(row) if row else None

    def by_staff_no(self, staff_no: str) -> Member | None:
        row = self.db.one("SELECT * FROM members WHERE staff_no = ?", (staff_no,))
        return Member.from_row(row) if row else None

    def by_name(self, name: str) -> list[Member]:
        return [Member.from_row(r) for r in self.db.query("SELECT * FROM members WHERE name = ?", (name,))]

    def all(self) -> list[Member]:
        return [Member.from_row(r) for r in self.db.query("SELECT * FROM members ORDER BY staff_no")]

    def committee(self) -> list[Member]:
        rows = self.db.query(
            "SELECT * FROM members WHERE role IN ('工会委员', '管理员') AND status != '离职' ORDER BY staff_no"
        )
        return [Member.from_row(r) for r in rows]

    def count(self) -> int:
        return self.db.scalar("SELECT count(*) FROM members")

    def set_opt_out(self, member_id: int, opt_out: bool) -> None:
        self.db.execute("UPDATE members SET push_opt_out = ? WHERE id = ?", (int(opt_out), member_id))


class BindingsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def member_for(self, channel: str, user_id: str) -> Member | None:
        row = self.db.one(
            "SELECT m.* FROM bindings b JOIN members m ON m.id = b.member_id WHERE b.channel = ? AND b.user_id = ?",
            (channel, user_id),
        )
        return Member.from_row(row) if row else None

    def bind(self, channel: str, user_id: str, member_id: int) -> None:
        self.db.execute(
            "INSERT INTO bindings (channel, user_id, member_id, bound_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (channel, user_id) DO UPDATE SET member_id = excluded.member_id, bound_at = excluded.bound_at",
            (channel, user_id, member_id, self._now().isoformat(timespec="seconds")),
        )

    def unbind(self, channel: str, user_id: str) -> None:
        self.db.execute("DELETE FROM bindings WHERE channel = ? AND user_id = ?", (channel, user_id))

    def for_push(self, member_ids: list[int]) -> dict[int, list[dict]]:
        """Bindings with their subscription state, by member, for a whole day's pushes in few queries."""
        result: dict[int, list[dict]] = {}
        ids = sorted(set(member_ids))
        for start in range(0, len(ids), 900):  # SQLite's variable limit
            chunk = ids[start:start + 900]
            for row in self.db.query(
                    "SELECT b.member_id, b.channel, b.user_id, b.bound_at, u.subscribed, u.last_inbound_at "
                    "FROM bindings b LEFT JOIN channel_users u ON u.channel = b.channel AND u.user_id = b.user_id "
                    f"WHERE b.member_id IN ({','.join('?' * len(chunk))}) ORDER BY b.bound_at", chunk):
                result.setdefault(row["member_id"], []).append(row)
        return result

    def for_member(self, member_id: int) -> list[dict]:
        return self.db.query(
            "SELECT b.channel, b.user_id, b.bound_at, u.subscribed, u.last_inbound_at FROM bindings b "
            "LEFT JOIN channel_users u ON u.channel = b.channel AND u.user_id = b.user_id "
            "WHERE b.member_id = ? ORDER BY b.bound_at",
            (member_id,),
        )


class ChannelUsersRepo:
    """Platform users seen: subscription state and the last time they wrote (for 48-hour windows)."""

    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def seen(self, channel: str, user_id: str) -> None:
        stamp = self._now().isoformat(timespec="seconds")
        self.db.execute(
            "INSERT INTO channel_users (channel, user_id, subscribed, first_seen_at, last_inbound_at) "
            "VALUES (?, ?, 1, ?, ?) ON CONFLICT (channel, user_id) DO UPDATE SET last_inbound_at = excluded.last_inbound_at",
            (channel, user_id, stamp, stamp),
        )

    def set_subscribed(self, channel: str, user_id: str, subscribed: bool) -> None:
        stamp = self._now().isoformat(timespec="seconds")
        self.seen(channel, user_id)
        self.db.execute(
            "UPDATE channel_users SET subscribed = ?, unsubscribed_at = ? WHERE channel = ? AND user_id = ?",
            (int(subscribed), None if subscribed else stamp, channel, user_id),
        )

    def get(self, channel: str, user_id: str) -> dict | None:
        return self.db.one("SELECT * FROM channel_users WHERE channel = ? AND user_id = ?", (channel, user_id))
