"""Proposals (教代会提案): the congress's steps on a suggestion of kind 提案.

    征集 (已收到) → 立案 (已立案) or 不予立案 (a reason; optionally 转为建议: it becomes an ordinary
    suggestion) → 交办 (已交办: a department, a due date) → 答复 (已答复) → 落实 (已落实: a note) → 办结

Every step is kept in `proposal_steps` with the date only: an anonymous proposal's history must not
be joinable to chat traffic by the time of day. 附议 (seconding) is for signed proposals only and is
signed itself (`proposal_seconds` names the member). The proposer's satisfaction (满意/基本满意/不满意,
one answer): a signed proposer's goes straight into the row; an anonymous proposer answers when
checking the ticket, and that answer waits in the scratch file (`verdicts`, no time, no sender)
until the day's release, like the suggestion tray: the main file's WAL never holds it beside the
channel_users row written by the same message.
"""

from __future__ import annotations

import datetime as dt
import random

from storage.db import Database
from storage.scratch import compact, durable

# action → (the status it applies to, the status it leads to)
ACTIONS = {
    "立案": ("已收到", "已立案"),
    "不予立案": ("已收到", "不予立案"),
    "交办": ("已立案", "已交办"),
    "答复": ("已交办", "已答复"),
    "落实": ("已答复", "已落实"),
    "办结": ("已落实", "已办结"),
}
STEP_OF = {"已收到": "征集", "已立案": "立案", "不予立案": "不予立案", "转为建议": "转为建议", "已交办": "交办",
           "已答复": "答复", "已落实": "落实", "已办结": "办结"}
STEP_ORDER = ["征集", "立案", "交办", "答复", "落实", "办结", "不予立案"]
SATISFACTION = ("满意", "基本满意", "不满意")
SECONDING = ("已收到", "已立案")  # 附议 only while in 征集 or 立案
ANSWERED = ("已答复", "已落实", "已办结")  # the proposer may say whether they are satisfied


class ProposalError(Exception):
    """A step the proposal does not allow, or a missing field (shown to the officer as is)."""


def next_actions(row: dict) -> list[str]:
    if row["kind"] != "提案":
        return []
    return [action for action, (status, _) in ACTIONS.items() if status == row["status"]]


def step_name(row: dict) -> str:
    return STEP_OF.get(row["status"], row["status"])


FINAL = "提案已不予立案，这是最终结果，不能再立案、交办、答复、落实或办结"


def status_refusal(row: dict) -> str:
    """Why the generic status field may not move a proposal (console, CLI `suggestions status|reply
    --status`): only its steps do (`advance`), 办结 only after 落实, and 不予立案 is final."""
    if row["status"] == "不予立案":
        return FINAL
    allowed = "、".join(next_actions(row)) or "无"
    return f"提案请按步骤办理，状态不能直接修改（现在处于“{step_name(row)}”，下一步可以：{allowed}）"


class ProposalsRepo:
    def __init__(self, db: Database, now, scratch: Database | None = None) -> None:
        self.db = db
        self._now = now
        self.scratch = scratch if scratch is not None else db

    def _today(self) -> str:
        return self._now().date().isoformat()

    def _row(self, ticket: str) -> dict | None:
        return self.db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket.upper(),))

    # ---- the committee's steps ----------------------------------------------------------------------

    def steps(self, ticket: str) -> list[dict]:
        """征集 (the day it was made) and every step since, oldest first: step, on_date, note."""
        row = self._row(ticket)
        if row is None:
            return []
        first = {"step": "征集", "on_date": row["created_on"], "note": ""}
        return [first, *self.db.query("SELECT step, on_date, note FROM proposal_steps WHERE ticket = ? ORDER BY position",
                                      (row["ticket"],))]

    def advance(self, ticket: str, action: str, *, note: str = "", department: str = "", due_on: str = "",
                to_suggestion: bool = False) -> dict:
        """Take one step. 不予立案 needs a reason (with to_suggestion it becomes an ordinary suggestion);
        交办 a department and a due date; 答复 the answer; 落实 a note."""
        row = self._row(ticket)
        if row is None:
            raise KeyError(ticket)
        if row["kind"] != "提案" or action not in ACTIONS:
            raise ProposalError(f"{row['kind']}没有“{action}”这一步")
        if row["status"] == "不予立案":
            raise ProposalError(FINAL)
        if ACTIONS[action][0] != row["status"]:
            allowed = "、".join(next_actions(row)) or "无"
            raise ProposalError(f"提案现在处于“{step_name(row)}”，不能{action}（可以：{allowed}）")
        note = note.strip()
        if action in ("不予立案", "答复", "落实") and not note:
            raise ProposalError({"不予立案": "请写明不予立案的理由", "答复": "请写下答复内容", "落实": "请写明落实情况"}[action])
        today = self._today()
        fields: dict = {"status": ACTIONS[action][1], "updated_at": today}
        if action == "交办":
            department = department.strip()
            if not department:
                raise ProposalError("请填写承办部门")
            try:
                due = dt.date.fromisoformat(due_on.strip())
            except ValueError:
                raise ProposalError("办理期限应为日期，例如 2026-10-15") from None
            if due.isoformat() < today:
                raise ProposalError("办理期限不能早于今天")
            fields.update(department=department, due_on=due.isoformat())
            note = f"{department}，{due.isoformat()} 前答复"
        if action == "答复":
            fields.update(reply=note, replied_at=today)
        steps = [(action, note)]
        if action == "不予立案" and to_suggestion:
            steps.append(("转为建议", "按建议办理"))
            fields.update(kind="建议", status="转为建议")
        with self.db.transaction():
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.db.execute(f"UPDATE suggestions SET {sets} WHERE id = ?", (*fields.values(), row["id"]))
            position = self.db.scalar("SELECT coalesce(max(position), 0) FROM proposal_steps WHERE ticket = ?",
                                      (row["ticket"],))
            for i, (step, text) in enumerate(steps, 1):
                self.db.execute("INSERT INTO proposal_steps (ticket, position, step, on_date, note) VALUES (?, ?, ?, ?, ?)",
                                (row["ticket"], position + i, step, today, text))
        return self._row(ticket)

    def overdue(self, rows: list[dict] | None = None) -> list[dict]:
        """Proposals past their 交办 due date without an answer."""
        today = self._today()
        rows = rows if rows is not None else self.db.query("SELECT * FROM suggestions WHERE kind = '提案'")
        return [r for r in rows if is_overdue(r, today)]

    def by_step(self, rows: list[dict] | None = None) -> dict[str, int]:
        rows = rows if rows is not None else self.db.query("SELECT status FROM suggestions WHERE kind = '提案'")
        counts = dict.fromkeys(STEP_ORDER, 0)
        for r in rows:
            counts[STEP_OF.get(r["status"], r["status"])] = counts.get(STEP_OF.get(r["status"], r["status"]), 0) + 1
        return counts

    # ---- 附议 ----------------------------------------------------------------------------------------

    def second(self, ticket: str, member_id: int) -> str:
        """附议: 'ok', or why not: 'in_tray', 'missing', 'not_proposal', 'anonymous', 'own', 'step', 'already'."""
        row = self._row(ticket)
        if row is None:
            in_tray = self.scratch.scalar("SELECT 1 FROM tray WHERE ticket = ?", (ticket.upper(),))
            return "in_tray" if in_tray else "missing"
        if row["kind"] != "提案":
            return "not_proposal"
        if row["anonymous"] or not row["member_id"]:
            return "anonymous"
        if row["member_id"] == member_id:
            return "own"
        if row["status"] not in SECONDING:
            return "step"
        cur = self.db.execute("INSERT OR IGNORE INTO proposal_seconds (ticket, member_id, on_date) VALUES (?, ?, ?)",
                              (row["ticket"], member_id, self._today()))
        return "ok" if cur.rowcount == 1 else "already"

    def seconds(self, ticket: str) -> list[dict]:
        return self.db.query(
            "SELECT s.member_id, s.on_date, m.name, m.staff_no FROM proposal_seconds s "
            "LEFT JOIN members m ON m.id = s.member_id WHERE s.ticket = ? ORDER BY s.on_date, m.staff_no",
            (ticket.upper(),))

    def second_counts(self) -> dict[str, int]:
        return {r["ticket"]: r["n"] for r in self.db.query(
            "SELECT ticket, count(*) AS n FROM proposal_seconds GROUP BY ticket")}

    # ---- satisfaction ----------------------------------------------------------------------------

    def satisfaction(self, ticket: str) -> str:
        """The answer given: in the row, or (anonymous, not yet released) waiting in the scratch file."""
        row = self._row(ticket)
        if row and row["satisfaction"]:
            return row["satisfaction"]
        waiting = self.scratch.one("SELECT answer FROM verdicts WHERE ticket = ?", (ticket.upper(),))
        return waiting["answer"] if waiting else ""

    def rate(self, ticket: str, answer: str) -> str:
        """Record the proposer's one answer: 'ok', 'already', 'not_yet' (no answer to rate) or 'missing'."""
        row = self._row(ticket)
        if row is None or answer not in SATISFACTION:
            return "missing"
        if row["status"] not in ANSWERED:
            return "not_yet"
        if self.satisfaction(ticket):
            return "already"
        if not row["anonymous"]:
            cur = self.db.execute("UPDATE suggestions SET satisfaction = ? WHERE id = ? AND satisfaction = ''",
                                  (answer, row["id"]))
            return "ok" if cur.rowcount == 1 else "already"
        with durable(self.scratch):
            cur = self.scratch.execute("INSERT OR IGNORE INTO verdicts (ticket, answer, day) VALUES (?, ?, ?)",
                                       (row["ticket"], answer, self._today()))
            compact(self.scratch)
        return "ok" if cur.rowcount == 1 else "already"

    def release(self, before: str | None = None) -> int:
        """Move the anonymous answers of finished days into the suggestions table, all at once."""
        before = before or self._today()
        rows = self.scratch.query("SELECT * FROM verdicts WHERE day < ?", (before,))
        if not rows:
            return 0
        random.SystemRandom().shuffle(rows)
        with self.db.transaction():
            for r in rows:
                self.db.execute("UPDATE suggestions SET satisfaction = ? WHERE ticket = ? AND satisfaction = ''",
                                (r["answer"], r["ticket"]))
        with self.scratch.transaction():
            for r in rows:
                self.scratch.execute("DELETE FROM verdicts WHERE ticket = ?", (r["ticket"],))
        return len(rows)


def is_overdue(row: dict, today: str) -> bool:
    return row.get("kind") == "提案" and row.get("status") == "已交办" and bool(row.get("due_on")) and row["due_on"] < today
