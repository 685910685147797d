"""Migrations from 0010 on, in order. Append new ones at the end; never edit one that has shipped."""

from __future__ import annotations

from storage.db import Database
from storage.schema import migration, run_script
from storage.versions import triggers


@migration("0010_onetap")
def _onetap(db: Database) -> None:
    # One-tap sign-up and delivery receipts (issue 20): `payload` is the structured form of a push
    # (an announcement's button, a 企业微信 card update) beside its plain text; `platform_msg_id` the
    # id the platform gave the send (公众号 模板消息 msgid, 钉钉 processQueryKey / task_id), which a
    # later receipt names; `receipt` what the platform reported (已送达 / 用户拒收 / 发送失败).
    run_script(db,
        """
        ALTER TABLE outbox ADD COLUMN payload TEXT NOT NULL DEFAULT '';
        ALTER TABLE outbox ADD COLUMN platform_msg_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE outbox ADD COLUMN receipt TEXT NOT NULL DEFAULT '';
        CREATE INDEX outbox_platform_msg ON outbox(channel, platform_msg_id) WHERE platform_msg_id != ''
        """
    )


@migration("0011_signup_party")
def _signup_party(db: Database) -> None:
    # Sign-ups as a chair runs them (issue 21): companions ("+1 家属") counted against capacity,
    # walk-ins added in the console by name only (no member: member_id NULL, guest_name set),
    # attendance (签到), and an optional end time for the check-in hours. SQLite cannot drop NOT NULL
    # from a column, so the signups table is rebuilt (same ids, same order).
    run_script(db,
        """
        ALTER TABLE activities ADD COLUMN ends_at TEXT;                                -- NULL: 4 hours after the start
        ALTER TABLE activities ADD COLUMN allow_companions INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE activities ADD COLUMN max_companions INTEGER NOT NULL DEFAULT 1;   -- per member
        CREATE TABLE signups_new (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
            member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,            -- NULL: a walk-in
            guest_name TEXT NOT NULL DEFAULT '',                                   -- a walk-in's name
            party INTEGER NOT NULL DEFAULT 1,                                      -- people, the member included
            status TEXT NOT NULL,                 -- confirmed / waitlisted / cancelled
            attended_at TEXT,                     -- 签到 (YYYY-MM-DD HH:MM), NULL: not (yet) there
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (activity_id, member_id)
        );
        INSERT INTO signups_new (id, activity_id, member_id, status, created_at, updated_at)
            SELECT id, activity_id, member_id, status, created_at, updated_at FROM signups;
        DROP TABLE signups;
        ALTER TABLE signups_new RENAME TO signups;
        CREATE INDEX signups_activity ON signups(activity_id, status)
        """
    )
@migration("0012_binding_codes")
def _binding_codes(db: Database) -> None:
    # A one-time binding code can be sent on its own ("绑定码 K7P2Q9MX"): a hash of the code alone,
    # unique, finds its member. Codes issued before have none and still work after "绑定 工号 姓名".
    db.execute("ALTER TABLE bind_codes ADD COLUMN code_key TEXT")
    db.execute("CREATE UNIQUE INDEX bind_codes_key ON bind_codes(code_key) WHERE code_key IS NOT NULL")


@migration("0014_proposals")
def _proposals(db: Database) -> None:
    # Proposals (教代会提案, issue 22): the congress's steps on a suggestion of kind 提案. Every step
    # holds a date only (an anonymous proposal's steps must not be joinable to chat traffic); the
    # 附议 of a signed proposal name their members (seconding is signed by nature). An anonymous
    # proposer's satisfaction waits in the scratch file until the day's release (storage/proposals.py).
    run_script(db,
        """
        ALTER TABLE suggestions ADD COLUMN department TEXT NOT NULL DEFAULT '';
        ALTER TABLE suggestions ADD COLUMN due_on TEXT;
        ALTER TABLE suggestions ADD COLUMN satisfaction TEXT NOT NULL DEFAULT '';
        CREATE TABLE proposal_steps (
            ticket TEXT NOT NULL,
            position INTEGER NOT NULL,
            step TEXT NOT NULL,                    -- 立案 / 不予立案 / 转为建议 / 交办 / 答复 / 落实 / 办结
            on_date TEXT NOT NULL,                 -- a date only
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (ticket, position)
        ) WITHOUT ROWID;
        CREATE TABLE proposal_seconds (
            ticket TEXT NOT NULL,
            member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            PRIMARY KEY (ticket, member_id)
        ) WITHOUT ROWID
        """
    )


@migration("0015_poll_reminders")
def _poll_reminders(db: Database) -> None:
    # 提前提醒 (issue 22): the scheduler reminds a poll's eligible members who have not voted, once, on
    # the day before closing at the daily send time (handlers/polls/reminders.py). On by default; the
    # committee turns it off per poll. A flag on the poll only: nothing about voters or ballots.
    db.execute("ALTER TABLE polls ADD COLUMN remind INTEGER NOT NULL DEFAULT 1")
    # polls that exist before the upgrade were created without the choice: they stay as the committee
    # left them (no reminder it never asked for); new polls are created with remind set explicitly
    db.execute("UPDATE polls SET remind = 0")


@migration("0016_table_versions")
def _table_versions(db: Database) -> None:
    # Per-table counters moved by triggers on every row written (storage/versions.py), so that a value
    # cached in a process stays good across writes to tables it did not read (issue 23, thirteenth
    # round). A later migration that rebuilds one of these tables must run versions.triggers() again.
    for statement in triggers():
        db.execute(statement)


@migration("0017_ballot_counts_only")
def _ballot_counts_only(db: Database) -> None:
    # poll_ballots keeps only what is published (storage/polls.py close): each question's answers
    # sorted across the ballots (a voter's combination could be looked up by a coercer), and nothing
    # of a poll withheld below its minimum turnout (beside one or two voters the choices were the
    # votes). Polls closed before this step are brought in line; the receipts stay, so a voter can
    # still check hers.
    from storage.polls import counts_only, needed

    for poll in db.query("SELECT id, min_turnout, eligible FROM polls WHERE closed = 1"):
        rows = db.query("SELECT id, choices FROM poll_ballots WHERE poll_id = ? ORDER BY id", (poll["id"],))
        shown = len(rows) >= needed(poll["min_turnout"], poll["eligible"] or 0)
        try:
            kept = counts_only([r["choices"] for r in rows]) if shown else [""] * len(rows)
        except ValueError:  # ballots that do not read as one answer per question: left as they are
            continue
        for row, choices in zip(rows, kept, strict=True):
            db.execute("UPDATE poll_ballots SET choices = ? WHERE id = ?", (choices, row["id"]))


@migration("0018_poll_counting_key")
def _poll_counting_key(db: Database) -> None:
    # A secret ballot that two copies of the files cannot trace (seventeenth round): a poll's ballots are
    # sealed to its public key (storage/ballot_seal.py); the private key is shown to the officer once and
    # typed at counting, never stored. Polls made before this step have none and are counted as before.
    db.execute("ALTER TABLE polls ADD COLUMN seal_key TEXT")


@migration("0019_ballot_key_salt")
def _ballot_key_salt(db: Database) -> None:
    # A waiting ballot's row key is scrypt with a salt of its poll's own (storage/ballot_seal.py KDF,
    # scrypt18): sha256 of the poll and the receipt let whoever holds the files try every receipt. Polls
    # made before this step keep no salt and their sha256 keys: their sealed ballots are bound to those
    # keys (the receipt is inside the seal), so they cannot be moved; they are counted as before.
    db.execute("ALTER TABLE polls ADD COLUMN ballot_salt TEXT")
