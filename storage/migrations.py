"""Ordered schema migrations, each recorded in the `_migrations` table once applied.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from storage.db import Database

MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str):
    def register(fn: Callable[[Database], None]):
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_core")
def _core(db: Database) -> None:
    run_script(db,
        """
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            staff_no TEXT NOT NULL UNIQUE,          -- 工号
            name TEXT NOT NULL,                     -- 姓名
            gender TEXT NOT NULL DEFAULT '',        -- 男 / 女
            birth_date TEXT NOT NULL DEFAULT '',    -- YYYY-MM-DD (lunar y-m-d when 农历)
            birth_calendar TEXT NOT NULL DEFAULT '公历',
            birth_leap INTEGER NOT NULL DEFAULT 0,  -- 闰月
            phone TEXT NOT NULL DEFAULT '',
            group_name TEXT NOT NULL DEFAULT '',    -- 工会小组
            status TEXT NOT NULL DEFAULT '在职',    -- 在职 / 退休 / 离职
            role TEXT NOT NULL DEFAULT '会员',      -- 会员 / 工会委员 / 管理员
            push_opt_out INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE bindings (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            bound_at TEXT NOT NULL,
            PRIMARY KEY (channel, user_id)
        );
        CREATE INDEX bindings_member ON bindings(member_id);
        CREATE TABLE channel_users (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            subscribed INTEGER NOT NULL DEFAULT 1,
            first_seen_at TEXT NOT NULL,
            last_inbound_at TEXT NOT NULL,
            unsubscribed_at TEXT,
            PRIMARY KEY (channel, user_id)
        );
        -- Dedup of platform deliveries. Holds no user id: only the message key and our reply.
        CREATE TABLE inbox (
            channel TEXT NOT NULL,
            msg_key TEXT NOT NULL,
            status TEXT NOT NULL,                 -- processing / done
            reply TEXT,
            received_at TEXT NOT NULL,
            PRIMARY KEY (channel, msg_key)
        );
        CREATE INDEX inbox_received ON inbox(received_at);
        CREATE TABLE conversations (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            flow TEXT NOT NULL,
            step TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}',
            retries INTEGER NOT NULL DEFAULT 0,
            expires_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (channel, user_id)
        );
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            starts_at TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            capacity INTEGER,                     -- NULL: unlimited
            deadline TEXT,
            audience TEXT NOT NULL DEFAULT 'all',
            status TEXT NOT NULL DEFAULT 'open',  -- open / cancelled
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE signups (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            status TEXT NOT NULL,                 -- confirmed / waitlisted / cancelled
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (activity_id, member_id)
        );
        -- Suggestions hold no member or platform id when anonymous (member_id NULL).
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            ticket TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,                   -- 建议 / 提案 / 投诉
            content TEXT NOT NULL,
            anonymous INTEGER NOT NULL,
            member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT '已收到',
            public INTEGER NOT NULL DEFAULT 0,
            reply TEXT NOT NULL DEFAULT '',
            replied_at TEXT,
            created_on TEXT NOT NULL,             -- a date only: no time to correlate with logs
            updated_at TEXT NOT NULL
        );
        CREATE TABLE rate_counters (
            key TEXT NOT NULL,                    -- keyed hash, rotates daily
            day TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (key, day)
        );
        CREATE TABLE checkups (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            audience TEXT NOT NULL DEFAULT 'all',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE care_reports (
            id INTEGER PRIMARY KEY,
            reporter_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
            subject TEXT NOT NULL,
            event TEXT NOT NULL,
            event_kind TEXT NOT NULL DEFAULT '',
            when_text TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '待跟进',
            created_at TEXT NOT NULL
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            dedup_key TEXT NOT NULL UNIQUE,       -- kind|member|occasion|date: written once, ever
            kind TEXT NOT NULL,
            occasion TEXT NOT NULL DEFAULT '',
            member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
            channel TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            send_on TEXT NOT NULL,                -- date the message belongs to
            not_before TEXT NOT NULL,             -- earliest send time (ISO)
            status TEXT NOT NULL DEFAULT 'pending', -- pending / sending / sent / failed / skipped
            reason TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX outbox_status ON outbox(status, not_before);
        CREATE INDEX outbox_send_on ON outbox(send_on);
        CREATE TABLE kv (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            expires_at TEXT
        );
        CREATE TABLE attempts (
            key TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX attempts_key ON attempts(key, at);
        """
    )


@migration("0002_birthday_index")
def _birthday_index(db: Database) -> None:
    # birthdays are looked up by month-day: an index on the expression keeps 100k members fast
    db.execute("CREATE INDEX members_birthday ON members(birth_calendar, substr(birth_date, 6), birth_leap)")


@migration("0003_trust")
def _trust(db: Database) -> None:
    # One account per member and channel. Where a member was bound by several users (a takeover the
    # old code allowed), the earliest binding is kept: the later ones could not prove who they were.
    db.execute(
        "DELETE FROM bindings WHERE rowid NOT IN (SELECT min(rowid) FROM bindings b2 "
        "WHERE b2.channel = bindings.channel AND b2.member_id = bindings.member_id)"
    )
    db.execute("CREATE UNIQUE INDEX bindings_one_per_channel ON bindings(channel, member_id)")
    # One-time binding codes the committee issues (only a hash is stored).
    db.execute(
        "CREATE TABLE bind_codes (member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE, "
        "code_hash TEXT NOT NULL, expires_at TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    # Anonymity: the old inbox kept replies (tickets) to the second, the daily-limit key and counters
    # lived in the database, and user timestamps were to the second. Drop and coarsen them.
    db.execute("DELETE FROM inbox")
    db.execute("DROP TABLE rate_counters")  # the daily limit is counted in memory now
    db.execute("DELETE FROM kv WHERE key LIKE 'rate-secret:%'")
    db.execute("UPDATE channel_users SET last_inbound_at = substr(last_inbound_at, 1, 13) || ':00:00' "
               "|| substr(last_inbound_at, 20), first_seen_at = substr(first_seen_at, 1, 10)")
    # Requests seen, for the binding of signed URLs to their bodies (replay of a leaked URL).
    db.execute("CREATE TABLE seen_requests (key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, at TEXT NOT NULL)")
    db.execute("CREATE INDEX seen_requests_at ON seen_requests(at)")


@migration("0004_console")
def _console(db: Database) -> None:
    run_script(db,
        """
        -- Console accounts (the committee). Passwords are slow hashes, and session_token changes when the
        -- password or role changes, which ends every session of that account.
        CREATE TABLE admin_users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,                   -- 管理员 / 工会委员
            staff_no TEXT NOT NULL DEFAULT '',    -- the officer's own 工号 ("send test to me")
            session_token TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            last_login_at TEXT
        );
        -- Who changed what in the console, and when. Never the sender of an anonymous suggestion.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_log_at ON audit_log(at);
        ALTER TABLE care_reports ADD COLUMN visited_at TEXT;
        ALTER TABLE care_reports ADD COLUMN visit_note TEXT NOT NULL DEFAULT '';
        ALTER TABLE care_reports ADD COLUMN visited_by TEXT NOT NULL DEFAULT ''
        """
    )


@migration("0005_outbox_claimant")
def _outbox_claimant(db: Database) -> None:
    # Which sender claimed a row in `sending`: when that process is known to be dead, its row is
    # recovered at once instead of after the stale timeout.
    db.execute("ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT ''")


@migration("0006_scratch")
def _scratch(db: Database) -> None:
    # Deliveries, conversations and signed requests moved to the scratch file (storage/scratch.py):
    # the main file's WAL and row order recorded who wrote when, beside what. Drop them (with
    # secure_delete their pages are overwritten), and renumber suggestions at random: their ids
    # counted up in the order they were made.
    for table in ("inbox", "conversations", "seen_requests"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    for (old,) in db.execute("SELECT id FROM suggestions").fetchall():
        db.execute("UPDATE suggestions SET id = ? WHERE id = ?", (secrets.randbelow(2**62) + 1, old))


@migration("0007_push_pacing")
def _push_pacing(db: Database) -> None:
    # Rate limits shared by every sender in every process (bot/push.py, Pacing): one row per send
    # let through, per limited key (a channel or group robot; a 企业微信 member), at = microseconds
    # since the epoch. Rows older than the key's longest window are deleted as sends go on.
    run_script(db,
        """
        CREATE TABLE push_pacing (
            key TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX push_pacing_key_at ON push_pacing(key, at);
        CREATE INDEX push_pacing_at ON push_pacing(at)
        """
    )


@migration("0008_announce_opt_out")
def _announce_opt_out(db: Database) -> None:
    # "别发活动通知了": activity announcements off for this member (greetings have push_opt_out)
    db.execute("ALTER TABLE members ADD COLUMN announce_opt_out INTEGER NOT NULL DEFAULT 0")


@migration("0009_polls")
def _polls(db: Database) -> None:
    # Polls (issue 22). A secret ballot by construction: who may vote and who has voted
    # (poll_voters) is stored apart from the ballots; a ballot reaches poll_ballots only when the
    # poll closes, all at once, shuffled, with random ids (until then it waits in the scratch file,
    # storage/polls.py). No table holds a time finer than what the committee set.
    run_script(db,
        """
        ALTER TABLE members ADD COLUMN delegate INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE polls (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            audience TEXT NOT NULL DEFAULT 'all',
            opens_at TEXT NOT NULL,               -- YYYY-MM-DD HH:MM
            closes_at TEXT NOT NULL,
            min_turnout TEXT NOT NULL DEFAULT '0', -- a count of ballots, or a share of the eligible ("60%")
            closed INTEGER NOT NULL DEFAULT 0,     -- 1 once the ballots have been moved here and counted
            eligible INTEGER,                      -- how many could vote, fixed at closing
            created_at TEXT NOT NULL
        );
        CREATE TABLE poll_questions (
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            options TEXT NOT NULL,                 -- JSON list of the options' texts
            PRIMARY KEY (poll_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE poll_voters (
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL,
            PRIMARY KEY (poll_id, member_id)
        ) WITHOUT ROWID;
        CREATE TABLE poll_ballots (
            id INTEGER PRIMARY KEY,                -- random (storage.suggestions.random_id)
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            receipt TEXT NOT NULL,
            choices TEXT NOT NULL,                 -- 1-based option numbers, one per question: "1,1,2,1"
            UNIQUE (poll_id, receipt)
        )
        """
    )


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


def run_script(db: Database, sql: str) -> None:
    """executescript() would COMMIT the migration's transaction; run statement by statement."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def migrate(db: Database) -> list[str]:
    """Apply pending migrations in order; return the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied = {r["name"] for r in db.query("SELECT name FROM _migrations")}
    done = []
    for name, fn in MIGRATIONS:
        if name in applied:
            continue
        with db.transaction():
            if db.scalar("SELECT 1 FROM _migrations WHERE name = ?", (name,)):
                continue  # another process got there first
            fn(db)
            db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
        done.append(name)
    return done
