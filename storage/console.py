"""The console's own records: committee accounts and the audit log."""

from __future__ import annotations

import json
import secrets

from storage.db import Database

ROLES = ("查看", "工会委员", "管理员")  # least first: a new account is 查看 unless chosen otherwise


class AdminUsersRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def count(self) -> int:
        return self.db.scalar("SELECT count(*) FROM admin_users WHERE disabled = 0")

    def add(self, username: str, password_hash: str, role: str, staff_no: str = "") -> dict:
        if role not in ROLES:
            raise ValueError(f"角色应为：{'、'.join(ROLES)}")
        self.db.execute(
            "INSERT INTO admin_users (username, password_hash, role, staff_no, session_token, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (username, password_hash, role, staff_no, secrets.token_urlsafe(16), self._stamp()))
        return self.by_username(username)

    def get(self, user_id: int) -> dict | None:
        return self.db.one("SELECT * FROM admin_users WHERE id = ?", (user_id,))

    def by_username(self, username: str) -> dict | None:
        return self.db.one("SELECT * FROM admin_users WHERE username = ?", (username,))

    def all(self) -> list[dict]:
        return self.db.query("SELECT * FROM admin_users ORDER BY id")

    def set_password(self, user_id: int, password_hash: str) -> None:
        """A new password ends every open session of the account."""
        self.db.execute("UPDATE admin_users SET password_hash = ?, session_token = ? WHERE id = ?",
                        (password_hash, secrets.token_urlsafe(16), user_id))

    def end_sessions(self, user_id: int) -> None:
        """Logging out (or a lock): every session of the account ends, whoever kept a copy of its cookie."""
        self.db.execute("UPDATE admin_users SET session_token = ? WHERE id = ?", (secrets.token_urlsafe(16), user_id))

    def update(self, user_id: int, *, role: str | None = None, staff_no: str | None = None,
               disabled: bool | None = None) -> None:
        row = self.get(user_id)
        if row is None:
            raise KeyError(user_id)
        if role is not None and role not in ROLES:
            raise ValueError(f"角色应为：{'、'.join(ROLES)}")
        changes_access = (role is not None and role != row["role"]) or (disabled is not None and disabled)
        self.db.execute(
            "UPDATE admin_users SET role = ?, staff_no = ?, disabled = ?, session_token = ? WHERE id = ?",
            (role or row["role"], row["staff_no"] if staff_no is None else staff_no,
             row["disabled"] if disabled is None else int(disabled),
             secrets.token_urlsafe(16) if changes_access else row["session_token"], user_id))

    def logged_in(self, user_id: int) -> None:
        self.db.execute("UPDATE admin_users SET last_login_at = ? WHERE id = ?", (self._stamp(), user_id))


class AuditRepo:
    def __init__(self, db: Database, now) -> None:
        self.db = db
        self._now = now

    def add(self, username: str, action: str, target: str = "", detail: dict | str = "") -> None:
        if isinstance(detail, dict):
            detail = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        self.db.execute("INSERT INTO audit_log (at, username, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                        (self._now().isoformat(timespec="seconds"), username, action, target, detail))

    def recent(self, limit: int = 200, offset: int = 0) -> list[dict]:
        return self.db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
