"""Polls (民主测评, 教代会表决): a secret ballot by construction.

Three things are kept apart:
- the poll and its questions (main file);
- who has voted (`poll_voters`, main file, written at the moment of voting: whether someone voted
  is not secret, and it is what stops a second ballot);
- the ballots. While the poll is open a ballot waits in the scratch file (storage/scratch.py:
  rollback journal, secure_delete, WITHOUT ROWID keyed by scrypt of the poll, its salt and the
  receipt (ballot_key: centuries of a core to try every receipt), no time), so the main file's WAL
  never holds a ballot beside the `poll_voters` row written in the same second; and sealed (storage/ballot_seal.py): choices and receipt encrypted to the poll's
  public key, whose private half (the 计票密钥) is shown to the officer once and is in no file. Two
  copies taken either side of one vote show a new voter and a new sealed row, never what she chose.
  At closes_at (or "结束") the poll stops taking ballots (待计票); counting (`count`) needs the key:
  the ballots are opened in memory and move into `poll_ballots` at once, shuffled, with random ids,
  and leave the scratch file (polls made before the key existed are counted at closing, unsealed);
  each question's answers are kept sorted across the ballots (`counts_only`: the counts per question,
  never a voter's combination); below the minimum turnout only the receipts move (the result is
  withheld for good, and choices beside one or two voters would be their votes).

The receipt is shown to the voter once and is her only proof: with it a ballot may be replaced until
the poll closes. Nothing is counted before closing; the result is withheld below the minimum turnout.
"""

from __future__ import annotations

import json
import random
import secrets

from storage.activities import audience_allows, valid_audience
from storage.ballot_seal import BadKey, ballot_key, new_key, new_salt, open_key, seal, size_for, unseal
from storage.db import Database
from storage.members import Member
from storage.scratch import compact, durable
from storage.suggestions import TICKET_ALPHABET, random_id

RECEIPT_LENGTH = 8  # suggestions' tickets have 6: the two never read as each other
FLOOR = 3  # whatever the committee sets, fewer ballots than this are never shown (one ballot is one vote)
RATING = ["优秀", "称职", "基本称职", "不称职"]
APPROVAL = ["赞成", "反对", "弃权"]
POLL_AUDIENCES = ("delegates",)


class PollError(Exception):
    """Something a committee member asked that a poll does not allow (shown to them as is)."""


def new_receipt() -> str:
    while True:
        code = "".join(secrets.choice(TICKET_ALPHABET) for _ in range(RECEIPT_LENGTH))
        if any(ch.isdigit() for ch in code) and any(ch.isalpha() for ch in code):
            return code


def poll_audience_allows(audience: str, member: Member | None) -> bool:
    """Activities' audiences, plus `delegates` (教代会代表). A poll is never open to someone unknown."""
    if member is None or not member.active:
        return False
    if audience == "delegates":
        return bool(member.delegate)
    return audience_allows(audience, member)


def valid_poll_audience(audience: str) -> bool:
    return audience in POLL_AUDIENCES or valid_audience(audience)


def needed(min_turnout: str, eligible: int) -> int:
    """Ballots needed for a result: the committee's minimum (a count, or "60%" of the eligible),
    never below FLOOR."""
    text = (min_turnout or "0").strip()
    if text.endswith("%"):
        share = float(text[:-1] or 0) / 100
        count = -(-int(share * eligible * 1000) // 1000)  # ceiling, without float noise
    else:
        count = int(text or 0)
    return max(count, FLOOR)


class PollsRepo:
    def __init__(self, db: Database, now, scratch: Database | None = None) -> None:
        self.db = db
        self._now = now
        self.scratch = scratch if scratch is not None else db

    def _stamp(self) -> str:
        return self._now().strftime("%Y-%m-%d %H:%M")

    # ---- the committee ---------------------------------------------------------------------------

    def create(self, title: str, questions: list[tuple[str, list[str]]], closes_at: str,
               opens_at: str | None = None, audience: str = "all", min_turnout: str = "0", remind: bool = True) -> dict:
        if not title.strip():
            raise PollError("标题不能为空")
        if not questions:
            raise PollError("至少要有一个问题")
        for text, options in questions:
            if not text.strip() or len(options) < 2:
                raise PollError(f"问题“{text}”至少要有两个选项")
        if not valid_poll_audience(audience):
            raise PollError(f"未知的投票范围：{audience}")
        opens_at = opens_at or self._stamp()
        if closes_at <= opens_at:
            raise PollError("截止时间必须晚于开始时间")
        needed(min_turnout, 0)  # a malformed minimum fails here, not at closing
        code, public = new_key()  # the code is returned once, below, and kept nowhere
        with self.db.transaction():
            # a form sent twice (a double click, a resend) or a command run twice: one ballot, one poll
            # ("投票 <标题>" could not tell two running at once apart, and each teacher could vote in both);
            # next year's, announced while this one runs, opens after it closes and is fine
            same = [r for r in self.db.query("SELECT title FROM polls WHERE closed = 0 AND opens_at < ? AND closes_at > ?",
                                             (closes_at, opens_at))
                    if "".join(r["title"].split()) == "".join(title.split())]
            if same:
                raise PollError(f"同一时段已有同名的投票“{same[0]['title']}”，请勿重复新建；需要时先结束它，或换一个标题或时间")
            cur = self.db.execute(
                "INSERT INTO polls (title, audience, opens_at, closes_at, min_turnout, created_at, remind, seal_key, "
                "ballot_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title.strip(), audience, opens_at, closes_at, str(min_turnout), self._now().isoformat(timespec="seconds"),
                 int(remind), public, new_salt()))
            poll_id = cur.lastrowid
            for position, (text, options) in enumerate(questions, 1):
                self.db.execute("INSERT INTO poll_questions (poll_id, position, text, options) VALUES (?, ?, ?, ?)",
                                (poll_id, position, text.strip(), json.dumps(options, ensure_ascii=False)))
        return {**self.get(poll_id), "counting_key": code}

    def get(self, poll_id: int) -> dict | None:
        row = self.db.one("SELECT * FROM polls WHERE id = ?", (poll_id,))
        if row is None:
            return None
        row["questions"] = [{"text": q["text"], "options": json.loads(q["options"])} for q in self.db.query(
            "SELECT text, options FROM poll_questions WHERE poll_id = ? ORDER BY position", (poll_id,))]
        row["status"] = self.status(row)
        return row

    def status(self, row: dict) -> str:
        """未开始 / 进行中 / 待计票 (no more ballots; waits for the counting key) / 已结束 (counted).
        A poll from before the counting key is 已截止 until the chore counts it."""
        if row["closed"]:
            return "已结束"
        now = self._stamp()
        if now < row["opens_at"]:
            return "未开始"
        if now < row["closes_at"]:
            return "进行中"
        return "待计票" if row["seal_key"] else "已截止"

    def list(self) -> list[dict]:
        return [self.get(r["id"]) for r in self.db.query("SELECT id FROM polls ORDER BY id")]

    def open_now(self, poll_id: int) -> dict:
        poll = self._must(poll_id)
        if poll["closed"]:
            raise PollError("投票已结束，不能重新开始")
        now = self._stamp()
        if poll["closes_at"] <= now:
            raise PollError("截止时间已过，请新建投票")
        self.db.execute("UPDATE polls SET opens_at = ? WHERE id = ?", (min(poll["opens_at"], now), poll_id))
        return self.get(poll_id)

    def set_remind(self, poll_id: int, on: bool) -> dict:
        """提前提醒 on or off (handlers/polls/reminders.py); refused once the poll is over."""
        poll = self._must(poll_id)
        if poll["closed"] or poll["status"] in ("待计票", "已截止"):
            raise PollError("投票已结束，无需提醒")
        self.db.execute("UPDATE polls SET remind = ? WHERE id = ?", (int(on), poll_id))
        return self.get(poll_id)

    def voters(self, poll_id: int) -> set[int]:
        """The members who have voted (not secret; never what they chose): what reminders read."""
        return {r["member_id"] for r in self.db.query("SELECT member_id FROM poll_voters WHERE poll_id = ?", (poll_id,))}

    def _eligible(self, poll: dict) -> int:
        return sum(1 for m in self._members() if poll_audience_allows(poll["audience"], m))

    def close(self, poll_id: int) -> dict:
        """Stop taking ballots now (结束): the poll waits for its counting key (待计票), how many could vote
        is fixed. A poll from before the counting key is counted at once, as always. Safe to run twice."""
        poll = self._must(poll_id)
        if poll["closed"]:
            return poll
        if not poll["seal_key"]:
            return self._count_unsealed(poll)
        now, eligible = self._stamp(), self._eligible(poll)
        with self.db.transaction():  # the main file's write lock: no ballot is cast meanwhile (see cast)
            self.db.execute("UPDATE polls SET opens_at = min(opens_at, ?), closes_at = min(closes_at, ?), "
                            "eligible = coalesce(eligible, ?) WHERE id = ? AND closed = 0", (now, now, eligible, poll_id))
        return self.get(poll_id)

    def count(self, poll_id: int, code: str) -> dict:
        """Count a stopped poll with the 计票密钥 the officer typed: its ballots are opened in memory and
        published (_publish). A wrong key (PollError, in Chinese) changes nothing."""
        poll = self._must(poll_id)
        if poll["closed"]:
            raise PollError(f"“{poll['title']}”已经计过票了，结果见投票页面")
        if poll["status"] != "待计票":
            raise PollError(f"“{poll['title']}”还在{poll['status']}：请先结束投票，再输入计票密钥计票")
        try:
            private = open_key(code, poll["seal_key"])
        except BadKey as exc:
            raise PollError(str(exc)) from None
        with self.db.transaction():
            if self.db.scalar("SELECT closed FROM polls WHERE id = ?", (poll_id,)):
                return self.get(poll_id)
            try:
                rows = [{"key": r["key"], **unseal(private, r["sealed"], r["key"])} for r in self.scratch.query(
                    "SELECT key, sealed FROM sealed_ballots WHERE poll_id = ?", (poll_id,))]
            except ValueError:
                raise PollError("有选票无法用这个计票密钥打开，未计票。请联系系统管理员。") from None
            eligible = poll["eligible"] if poll["eligible"] is not None else self._eligible(poll)
            self._publish(poll, rows, eligible)
        self._forget("sealed_ballots", rows)
        return self.get(poll_id)

    def _count_unsealed(self, poll: dict) -> dict:
        eligible = self._eligible(poll)  # (before the lock: reading members takes a while)
        with self.db.transaction():
            if self.db.scalar("SELECT closed FROM polls WHERE id = ?", (poll["id"],)):
                return self.get(poll["id"])
            rows = self.scratch.query("SELECT * FROM ballots WHERE poll_id = ?", (poll["id"],))
            self._publish(poll, rows, eligible)
        self._forget("ballots", rows)
        return self.get(poll["id"])

    def _publish(self, poll: dict, rows: list[dict], eligible: int) -> None:
        """Inside the main file's transaction: the ballots (receipt, choices) into poll_ballots."""
        rows = list(rows)
        random.SystemRandom().shuffle(rows)
        # below the minimum the result is never shown: the choices are not kept either (beside the one
        # or two members in poll_voters they would be the votes themselves); the receipts still count
        shown = len(rows) >= needed(poll["min_turnout"], eligible)
        kept = counts_only([row["choices"] for row in rows]) if shown else [""] * len(rows)
        for row, choices in zip(rows, kept, strict=True):
            self.db.execute("INSERT OR IGNORE INTO poll_ballots (id, poll_id, receipt, choices) VALUES (?, ?, ?, ?)",
                            (random_id(), poll["id"], row["receipt"], choices))
        self.db.execute("UPDATE polls SET closed = 1, eligible = ?, closes_at = min(closes_at, ?) WHERE id = ?",
                        (eligible, self._stamp(), poll["id"]))

    def _forget(self, table: str, rows: list[dict]) -> None:
        with self.scratch.transaction():
            for row in rows:
                self.scratch.execute(f"DELETE FROM {table} WHERE key = ?", (row["key"],))
            compact(self.scratch)

    def close_due(self) -> list[int]:
        """Stop every poll whose time is up (a chore, every minute); returns them."""
        due = [r["id"] for r in self.db.query(
            "SELECT id FROM polls WHERE closed = 0 AND closes_at <= ? AND (seal_key IS NULL OR eligible IS NULL)",
            (self._stamp(),))]
        for poll_id in due:
            self.close(poll_id)
        return due

    def results(self, poll_id: int) -> dict:
        """The published result: per question the count per option (by the option's text) and the
        receipts counted; or, below the minimum turnout, only that it is withheld."""
        poll = self._must(poll_id)
        if poll["status"] == "待计票":
            raise PollError("投票已截止，尚未计票：需由工会委员输入计票密钥计票后才有结果")
        if not poll["closed"]:
            raise PollError("投票尚未结束，结束前不能查看结果")
        ballots = self.db.query("SELECT receipt, choices FROM poll_ballots WHERE poll_id = ? ORDER BY receipt",
                                (poll_id,))
        voted = self.db.scalar("SELECT count(*) FROM poll_voters WHERE poll_id = ?", (poll_id,))
        out = {"id": poll_id, "title": poll["title"], "eligible": poll["eligible"], "voted": voted,
               "ballots": len(ballots), "needed": needed(poll["min_turnout"], poll["eligible"] or 0)}
        if len(ballots) < out["needed"]:
            return {**out, "withheld": True}
        questions = []
        for i, q in enumerate(poll["questions"]):
            counts = dict.fromkeys(q["options"], 0)
            for b in ballots:
                counts[q["options"][int(b["choices"].split(",")[i]) - 1]] += 1
            questions.append({"question": q["text"], "counts": counts})
        return {**out, "withheld": False, "questions": questions, "receipts": [b["receipt"] for b in ballots]}

    def _must(self, poll_id: int) -> dict:
        poll = self.get(poll_id)
        if poll is None:
            raise PollError(f"没有编号为 {poll_id} 的投票")
        return poll

    def _members(self) -> list[Member]:
        from storage.members import MEMBER_SELECT

        return [Member(*r) for r in self.db.execute(f"SELECT {MEMBER_SELECT} FROM members")]

    # ---- voters ----------------------------------------------------------------------------------

    def open_for(self, member: Member | None) -> tuple[list[dict], list[dict]]:
        """(open polls this member may vote in, open polls they may not)."""
        now = self._stamp()
        rows = [self.get(r["id"]) for r in self.db.query(
            "SELECT id FROM polls WHERE closed = 0 AND opens_at <= ? AND closes_at > ? ORDER BY id", (now, now))]
        mine = [p for p in rows if poll_audience_allows(p["audience"], member)]
        return mine, [p for p in rows if p not in mine]

    def has_voted(self, poll_id: int, member_id: int) -> bool:
        return bool(self.db.scalar("SELECT 1 FROM poll_voters WHERE poll_id = ? AND member_id = ?",
                                   (poll_id, member_id)))

    def cast(self, poll_id: int, member_id: int, choices: list[int]) -> str | None:
        """Record a first ballot: the voter in the main file, the ballot in the scratch file (synced
        before the main commit). None when this member has voted already."""
        poll = self._must(poll_id)
        self._check(poll, choices)
        receipt, key = _new_receipt(poll)  # scrypt (18 ms) before the locks, not under them
        with self.db.transaction():
            now = self._stamp()
            if not self.db.scalar("SELECT 1 FROM polls WHERE id = ? AND closed = 0 AND opens_at <= ? AND closes_at > ?",
                                  (poll_id, now, now)):
                raise PollError("投票不在进行中")  # closed since the check above: nothing written
            if self.db.execute("INSERT OR IGNORE INTO poll_voters (poll_id, member_id) VALUES (?, ?)",
                               (poll_id, member_id)).rowcount != 1:
                return None
            with durable(self.scratch):
                for _ in range(20):
                    if poll["seal_key"]:
                        cur = self.scratch.execute(
                            "INSERT OR IGNORE INTO sealed_ballots (key, poll_id, sealed) VALUES (?, ?, ?)",
                            (key, poll_id, _sealed(poll, key, receipt, choices)))
                    else:
                        cur = self.scratch.execute(
                            "INSERT OR IGNORE INTO ballots (key, poll_id, receipt, choices) VALUES (?, ?, ?, ?)",
                            (key, poll_id, receipt, _text(choices)))
                    if cur.rowcount == 1:
                        break
                    receipt, key = _new_receipt(poll)  # (a receipt taken: one in 10¹¹ per ballot waiting)
                else:
                    raise RuntimeError("could not allocate a receipt code")
                compact(self.scratch)
        return receipt

    def ballot(self, receipt: str) -> dict | None:
        """The ballot waiting under this receipt (any poll not yet counted) as {"poll_id"}, or None.
        A sealed ballot is found by its key, computed for each poll with ballots waiting."""
        salts = {r["id"]: r["ballot_salt"] for r in self.db.query("SELECT id, ballot_salt FROM polls WHERE closed = 0")}
        for table in ("ballots", "sealed_ballots"):  # (a poll from before the counting key: its ballots unsealed)
            for row in self.scratch.query(f"SELECT DISTINCT poll_id FROM {table} ORDER BY poll_id"):
                if row["poll_id"] not in salts:  # counted a moment ago: its rows are on their way out
                    continue
                key = ballot_key(row["poll_id"], receipt, salts[row["poll_id"]])  # scrypt: 18 ms a poll
                if found := self.scratch.one(f"SELECT poll_id FROM {table} WHERE key = ?", (key,)):
                    return found
        return None

    def counted(self, receipt: str) -> dict | None:
        return self.db.one("SELECT poll_id, receipt FROM poll_ballots WHERE receipt = ?", (receipt.upper(),))

    def replace(self, poll_id: int, receipt: str, choices: list[int]) -> bool:
        """Replace the choices of the ballot with this receipt, while its poll is open."""
        poll = self._must(poll_id)
        if poll["status"] != "进行中":
            return False
        self._check(poll, choices)
        key = ballot_key(poll_id, receipt, poll["ballot_salt"])  # (scrypt: before the locks)
        with self.db.transaction(), durable(self.scratch):  # closing holds the main lock: never half-counted
            if not self.db.scalar("SELECT 1 FROM polls WHERE id = ? AND closed = 0 AND closes_at > ?",
                                  (poll_id, self._stamp())):  # counted, or stopped (结束) since the check above
                return False
            if poll["seal_key"]:  # a new seal (a new ephemeral key): the row does not show what changed
                changed = self.scratch.execute("UPDATE sealed_ballots SET sealed = ? WHERE key = ?",
                                               (_sealed(poll, key, receipt.upper(), choices), key)).rowcount == 1
            else:
                changed = self.scratch.execute("UPDATE ballots SET choices = ? WHERE key = ?",
                                               (_text(choices), key)).rowcount == 1
            compact(self.scratch)
        return changed

    @staticmethod
    def _check(poll: dict, choices: list[int]) -> None:
        qs = poll["questions"]
        if len(choices) != len(qs) or any(not 1 <= c <= len(q["options"]) for c, q in zip(choices, qs, strict=True)):
            raise PollError("选择与问题不符")
        if poll["status"] != "进行中":
            raise PollError("投票不在进行中")


def counts_only(ballots: list[str]) -> list[str]:
    """The ballots' choices as poll_ballots keeps them: each question's answers sorted across the
    ballots, so every count per question stays and no combination does. A combination is what a
    coercer could have asked for ("4 1 3 2", one of 256 in a 民主测评 of four) and looked up in the
    file; only the counts per question are ever published."""
    if not ballots:
        return []
    columns = [sorted(int(c) for c in column) for column in zip(*(b.split(",") for b in ballots), strict=True)]
    return [",".join(str(c) for c in row) for row in zip(*columns, strict=True)]


def _new_receipt(poll: dict) -> tuple[str, str]:
    return (receipt := new_receipt()), ballot_key(poll["id"], receipt, poll["ballot_salt"])


def _text(choices: list[int]) -> str:
    return ",".join(str(c) for c in choices)


def _sealed(poll: dict, key: str, receipt: str, choices: list[int]) -> bytes:
    return seal(poll["seal_key"], size_for(poll["questions"]), key, receipt, _text(choices))
