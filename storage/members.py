"""Members (the roster), their platform bindings, and the platform users we have seen."""

from __future__ import annotations

import operator
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
    announce_opt_out: int = 0
    delegate: int = 0  # 教代会代表

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
_member_fields = operator.attrgetter(*MEMBER_COLUMNS)
# The chat platforms a member can be reached on: "bound" in the console's filters means bound on one of them.
PLATFORMS = ("wechat", "wecom", "dingtalk")
_BOUND = ("EXISTS (SELECT 1 FROM bindings b WHERE b.member_id = members.id AND b.channel IN ("
          + ", ".join(f"'{p}'" for p in PLATFORMS) + "))")
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

    def all_active(self) -> list[Member]:
        """Everyone still with the school (在职 and 退休): whom a teacher's message may name."""
        return [Member.from_row(r) for r in self.db.query("SELECT * FROM members WHERE status != '离职'")]

    def active_names_in(self, text: str) -> list[str]:
        """The names (two characters or more) of everyone still with the school found in `text`, in
        the roster's order: what `all_active` would give (a message naming a colleague is checked on
        every anonymous suggestion's answer and greeting). The names by their first character are kept
        per process until the roster changes (storage/versions.py), and only those whose first
        character is in the text are looked for (SQLite's instr over the roster: 0.5 ms a message)."""
        by_first = self.db.cached(("active names by first character",), self._active_names)
        found = [hit for ch in set(text) for hit in by_first.get(ch, ()) if hit[1] in text]
        return [name for _, name in sorted(found)]

    def _active_names(self) -> dict[str, tuple[tuple[int, str], ...]]:
        by_first: dict[str, list[tuple[int, str]]] = {}
        for row in self.db.query("SELECT id, name FROM members WHERE status != '离职' AND length(name) >= 2"):
            by_first.setdefault(row["name"][0], []).append((row["id"], row["name"]))
        return {ch: tuple(names) for ch, names in by_first.items()}

    def committee(self) -> list[Member]:
        rows = self.db.query(
            "SELECT * FROM members WHERE role IN ('工会委员', '管理员') AND status != '离职' ORDER BY staff_no"
        )
        return [Member.from_row(r) for r in rows]

    def count(self) -> int:
        return self.db.scalar("SELECT count(*) FROM members")

    def search(self, text: str = "", group: str = "", limit: int = 200, offset: int = 0, *, status: str = "",
               bound: str = "", by_phone: bool = True) -> tuple[list[Member], int]:
        """Members whose 工号, 姓名 or (when by_phone) 手机 contains text, in one 工会小组 and one 状态 if
        given, bound ('yes': on one of PLATFORMS) or not ('no') if asked; and how many match."""
        where, params = self._where(text, group, status, bound, by_phone)
        total = self.db.scalar(f"SELECT count(*) FROM members {where}", params)
        rows = self.db.query(f"SELECT * FROM members {where} ORDER BY staff_no LIMIT ? OFFSET ?", [*params, limit, offset])
        return [Member.from_row(r) for r in rows], total

    @staticmethod
    def _where(text: str = "", group: str = "", status: str = "", bound: str = "",
               by_phone: bool = True) -> tuple[str, list]:
        where, params = "WHERE 1 = 1", []
        if text:
            phone = " OR phone LIKE ? ESCAPE '\\'" if by_phone else ""
            where += f" AND (staff_no LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'{phone})"
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like, like, like] if by_phone else [like, like]
        if group:
            where += " AND group_name = ?"
            params.append(group)
        if status:
            where += " AND status = ?"
            params.append(status)
        if bound in ("yes", "no"):
            where += f" AND {'' if bound == 'yes' else 'NOT '}{_BOUND}"
        return where, params

    def counts(self, text: str = "", group: str = "", status: str = "", bound: str = "",
               by_phone: bool = True) -> dict[str, dict[str, int]]:
        """For each filter, how many members each of its values would show, the other filters kept:
        {'group': {小组: n}, 'status': {状态: n}, 'bound': {'yes': n, 'no': n}}."""
        out: dict[str, dict[str, int]] = {}
        for name, column in (("group", "group_name"), ("status", "status")):
            args = {"text": text, "group": group, "status": status, "bound": bound, "by_phone": by_phone, name: ""}
            where, params = self._where(**args)
            out[name] = {r["v"]: r["n"] for r in self.db.query(
                f"SELECT {column} AS v, count(*) AS n FROM members {where} GROUP BY {column}", params)}
        where, params = self._where(text, group, status, by_phone=by_phone)
        rows = self.db.one(
            f"SELECT count(*) AS n, sum({_BOUND}) AS yes "
            f"FROM members {where}", params)
        out["bound"] = {"yes": rows["yes"] or 0, "no": rows["n"] - (rows["yes"] or 0)}
        return out

    def set_status(self, member_id: int, status: str) -> None:
        self.db.execute("UPDATE members SET status = ?, updated_at = ? WHERE id = ?",
                        (status, self._now().isoformat(timespec="seconds"), member_id))

    def groups(self) -> list[str]:
        return [r["group_name"] for r in self.db.query(
            "SELECT DISTINCT group_name FROM members WHERE group_name != '' ORDER BY group_name")]

    def set_opt_out(self, member_id: int, opt_out: bool) -> None:
        self.db.execute("UPDATE members SET push_opt_out = ? WHERE id = ?", (int(opt_out), member_id))

    def set_announce_opt_out(self, member_id: int, opt_out: bool) -> None:
        self.db.execute("UPDATE members SET announce_opt_out = ? WHERE id = ?", (int(opt_out), member_id))


class BindingsRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def member_for(self, channel: str, user_id: str) -> Member | None:
        """Who this user is: asked on most messages, changed rarely, so kept per process until the
        database changes (a copy each time: callers may change a Member)."""
        member = self.db.cached(("member_for", channel, user_id), lambda: self._member_for(channel, user_id))
        return None if member is None else Member(*_member_fields(member))  # a copy (copy.copy: 4× the cost)

    def _member_for(self, channel: str, user_id: str) -> Member | None:
        row = self.db.one(
            "SELECT m.* FROM bindings b JOIN members m ON m.id = b.member_id WHERE b.channel = ? AND b.user_id = ?",
            (channel, user_id),
        )
        return Member.from_row(row) if row else None

    def bind(self, channel: str, user_id: str, member_id: int) -> str | None:
        """Bind; a member has one account per channel, so an earlier account of this member on this
        channel is unbound. Returns that earlier account's user id (to be told), if any."""
        with self.db.transaction():
            previous = self.db.scalar(
                "SELECT user_id FROM bindings WHERE channel = ? AND member_id = ? AND user_id != ?",
                (channel, member_id, user_id))
            self.db.execute("DELETE FROM bindings WHERE channel = ? AND member_id = ? AND user_id != ?",
                            (channel, member_id, user_id))
            self.db.execute(
                "INSERT INTO bindings (channel, user_id, member_id, bound_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (channel, user_id) DO UPDATE SET member_id = excluded.member_id, "
                "bound_at = excluded.bound_at",
                (channel, user_id, member_id, self._now().isoformat(timespec="seconds")),
            )
        return previous

    def user_on(self, channel: str, member_id: int) -> str | None:
        """The account bound to this member on this channel."""
        return self.db.scalar("SELECT user_id FROM bindings WHERE channel = ? AND member_id = ?",
                              (channel, member_id))

    def unbind_member(self, member_id: int, channel: str | None = None) -> int:
        sql, params = "DELETE FROM bindings WHERE member_id = ?", [member_id]
        if channel:
            sql += " AND channel = ?"
            params.append(channel)
        return self.db.execute(sql, params).rowcount

    def list(self, member_id: int | None = None) -> list[dict]:
        sql = ("SELECT m.staff_no, m.name, b.channel, b.user_id, b.bound_at FROM bindings b "
               "JOIN members m ON m.id = b.member_id")
        params: list = []
        if member_id is not None:
            sql += " WHERE b.member_id = ?"
            params.append(member_id)
        return self.db.query(sql + " ORDER BY m.staff_no, b.channel", params)

    # ---- one-time codes the committee issues (a member without a phone on file) --------------------

    def issue_code(self, member_id: int, code_hash: str, expires_at: str, code_key: str | None = None) -> None:
        """Store a code's hashes (`code_key`: the hash of the code alone, which finds the member)."""
        self.db.execute(
            "INSERT INTO bind_codes (member_id, code_hash, expires_at, created_at, code_key) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (member_id) DO UPDATE SET code_hash = excluded.code_hash, "
            "expires_at = excluded.expires_at, created_at = excluded.created_at, code_key = excluded.code_key",
            (member_id, code_hash, expires_at, self._now().isoformat(timespec="seconds"), code_key))

    def code_hash(self, member_id: int) -> str | None:
        """The hash of the member's unexpired one-time code, if any."""
        return self.db.scalar("SELECT code_hash FROM bind_codes WHERE member_id = ? AND expires_at > ?",
                              (member_id, self._now().isoformat(timespec="seconds")))

    def member_for_code(self, code_key: str) -> int | None:
        """Whose unexpired code this is (by the hash of the code alone)."""
        return self.db.scalar("SELECT member_id FROM bind_codes WHERE code_key = ? AND expires_at > ?",
                              (code_key, self._now().isoformat(timespec="seconds")))

    def code_expiry(self) -> dict[int, str]:
        """member id → when their unexpired code expires."""
        return {r["member_id"]: r["expires_at"] for r in self.db.query(
            "SELECT member_id, expires_at FROM bind_codes WHERE expires_at > ?",
            (self._now().isoformat(timespec="seconds"),))}

    def use_code(self, member_id: int) -> None:
        self.db.execute("DELETE FROM bind_codes WHERE member_id = ?", (member_id,))

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
        self._seen: dict[tuple[str, str], str] = {}  # (channel, user) → the hour this process last recorded
        self._hour: tuple = ((), ("", ""))  # the clock's hour as numbers → _coarse's strings for it

    def _coarse(self) -> tuple[str, str]:
        """(the day, the hour): a user's activity is kept no finer than the hour, so it cannot be
        matched with the moment something anonymous arrived. The 48-hour window is checked against
        the start of that hour, which errs on the safe side."""
        now = self._now().replace(minute=0, second=0, microsecond=0)
        return now.date().isoformat(), now.isoformat(timespec="seconds")

    def _coarse_now(self) -> tuple[str, str]:
        """_coarse(), its strings made once an hour (two isoformats and a replace on every message)."""
        now = self._now()
        at = (now.year, now.month, now.day, now.hour, now.fold, now.tzinfo)  # the same offset, the same strings
        known, strings = self._hour
        if at != known:
            strings = self._coarse()
            self._hour = (at, strings)
        return strings

    def seen(self, channel: str, user_id: str) -> None:
        day, hour = self._coarse_now()
        if self._seen.get((channel, user_id)) == hour:
            return  # already recorded this hour by this process: the value would not change
        self.db.execute(
            "INSERT INTO channel_users (channel, user_id, subscribed, first_seen_at, last_inbound_at) "
            "VALUES (?, ?, 1, ?, ?) ON CONFLICT (channel, user_id) DO UPDATE SET last_inbound_at = excluded.last_inbound_at "
            "WHERE last_inbound_at IS NOT excluded.last_inbound_at",  # (another worker wrote this hour: no change)
            (channel, user_id, day, hour),
        )
        if len(self._seen) > 50_000:
            self._seen.clear()
        self._seen[(channel, user_id)] = hour

    def set_subscribed(self, channel: str, user_id: str, subscribed: bool) -> None:
        stamp = self._coarse()[0]
        self.seen(channel, user_id)
        self.db.execute(
            "UPDATE channel_users SET subscribed = ?, unsubscribed_at = ? WHERE channel = ? AND user_id = ?",
            (int(subscribed), None if subscribed else stamp, channel, user_id),
        )

    def get(self, channel: str, user_id: str) -> dict | None:
        return self.db.one("SELECT * FROM channel_users WHERE channel = ? AND user_id = ?", (channel, user_id))
