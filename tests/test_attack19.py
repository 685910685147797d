"""Attack review 19: polls and ballots, the console, the CLI's outputs, backups, the 钉钉/企业微信 channels.

Each test is named for the promise it checks; a promise this round could not keep yet is a strict xfail
that says why."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import itertools
import re
import sqlite3

import pytest

from storage.polls import RATING
from tests import attack
from tests.conftest import as_member
from tests.helpers import count_poll
from tests.test_console import app, bot, committee, post, school, text  # noqa: F401 (fixtures)


def _tables(folder) -> dict[tuple[str, str], set[tuple]]:
    """Every row of every table of both files in a copy: {(file, table): rows}."""
    out = {}
    for name in ("test.db", "test.db-scratch"):
        conn = attack._open_copy(folder, name)
        if conn is None:
            continue
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            out[(name, table)] = set(conn.execute(f'SELECT * FROM "{table}"'))
        conn.close()
    return out


def _linked_choices(folders, final, poll_id: int, questions: int) -> dict[int, str]:
    """The attacker: two copies either side of one vote show one new voter (poll_voters) and whatever
    else is new, in any table of either file. From those new rows it takes a voter's choices when they
    are there in clear, or through the receipt: one in clear, or the row's key, which is scrypt of the
    poll, its salt (in the copy, beside the poll) and a receipt (the source is public) that the count
    publishes with a row of poll_ballots: a few receipts to hash, not every one."""
    from storage.polls import ballot_key

    counted = {}
    for (_file, table), rows in _tables(final).items():
        if table == "poll_ballots":
            counted.update({row[2]: row[3] for row in rows})  # (id, poll_id, receipt, choices)
    conn = attack._open_copy(final, "test.db")
    [(salt,)] = conn.execute("SELECT ballot_salt FROM polls WHERE id = ?", (poll_id,)).fetchall()
    conn.close()
    by_key = {ballot_key(poll_id, receipt, salt): receipt for receipt in counted}
    choices = re.compile(rf"^[0-9]+(,[0-9]+){{{questions - 1}}}$")
    linked = {}
    for before, after in itertools.pairwise(folders):
        old, new = _tables(before), _tables(after)
        fresh = {where: rows - old.get(where, set()) for where, rows in new.items()}
        voters = {row[1] for row in fresh.get(("test.db", "poll_voters"), set())}
        if len(voters) != 1:
            continue
        values = [v for where, rows in fresh.items() if where[1] != "poll_voters" for row in rows for v in row]
        assert values, "a vote left no new row anywhere: the attacker sees nothing to link (the test is broken)"
        guess = None
        for v in values:
            text = v.decode("latin-1") if isinstance(v, bytes) else str(v)
            if choices.match(text):
                guess = text
            elif text in counted or text in by_key:
                guess = guess or counted[by_key.get(text, text)]
        if guess is not None:
            linked[voters.pop()] = guess
    return linked


# votes whose combinations no counted row repeats (counts_only sorts each question's answers: the rows are
# "1,1", "1,1", "2,2", "3,3"), so a voter linked to her receipt learns the attacker nothing of her choices
CAST = (("1003", "1 2"), ("1006", "2 1"), ("1009", "1 3"), ("1004", "3 1"))


def _two_copies_attack(school, tmp_path, sealed: bool) -> tuple[int, int, int]:
    store = school.store
    poll = store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in ("张伟", "王芳")],
                              "2026-09-01 12:00", min_turnout="3")
    if not sealed:  # a poll from before the counting key: its ballots wait unsealed
        store.db.execute("UPDATE polls SET seal_key = NULL WHERE id = ?", (poll["id"],))
    path = store.db.path
    folders = [attack.snapshot(path, tmp_path / "before")]
    truth: dict[int, str] = {}
    for n, (staff_no, answer) in enumerate(CAST):
        chat = as_member(school, staff_no)
        chat.say("投票")
        chat.say(answer)
        assert chat.say("确认").startswith("投票成功")
        truth[store.members.by_staff_no(staff_no).id] = answer.replace(" ", ",")
        school.clock.advance(minutes=3)
        folders.append(attack.snapshot(path, tmp_path / f"after-{n}"))  # a copy now and then, as `cp` would
    if sealed:
        count_poll(store, poll)
    else:
        store.polls.close(poll["id"])
    assert store.polls.results(poll["id"])["withheld"] is False
    final = attack.snapshot(path, tmp_path / "counted")
    linked = _linked_choices(folders, final, poll["id"], 2)
    right = sum(1 for member_id, choices in linked.items() if truth.get(member_id) == choices)
    return right, len(linked), len(truth)


def test_a_secret_ballot_is_not_linked_by_comparing_two_copies_of_the_files(school, tmp_path):
    """Copies taken just before and just after each vote, and one after the count: the new voter is
    plain (whether someone voted is not secret), her ballot's row is new too, but it is sealed to the
    poll's counting key, which no file holds. (Her receipt can be linked to her after the count, by
    hashing the published receipts: it says nothing of her choices, see counts_only.)"""
    right, linked, cast = _two_copies_attack(school, tmp_path, sealed=True)
    assert linked == cast  # every voter tied to her sealed row, and through its key to her receipt…
    assert right == 0, f"{right} of {cast} voters' choices read from two copies of the files"  # …not to her choices


def test_the_two_copies_attack_reads_every_unsealed_ballot(school, tmp_path):
    """The same attacker against a poll from before the counting key (ballots unsealed in the scratch
    file): it reads every voter's choices. The attack above is not one that cannot succeed."""
    right, linked, cast = _two_copies_attack(school, tmp_path, sealed=False)
    assert right == linked == cast == 4


def _rows(folder, name: str, table: str) -> set[tuple]:
    conn = attack._open_copy(folder, name)
    if conn is None:
        return set()
    try:
        return set(conn.execute(f"SELECT * FROM {table}"))
    except sqlite3.OperationalError:
        return set()
    finally:
        conn.close()


def test_an_anonymous_suggestion_is_not_linked_by_comparing_two_copies_of_the_files(school, tmp_path):
    path = school.store.db.path
    as_member(school, "1006").say("你好")
    school.clock.advance(minutes=5)
    linked, truth = {}, {}
    for n, (staff_no, said) in enumerate((("1003", "我要匿名提个建议：食堂的菜太咸了"),
                                          ("1009", "匿名反馈一下：三楼厕所经常没水"),
                                          ("1004", "匿名投诉：停车场晚上没有灯"))):
        chat = as_member(school, staff_no)
        before = attack.snapshot(path, tmp_path / f"before-{n}")
        ticket = chat.say(said).split("编号 ")[1][:6]
        truth[ticket] = staff_no
        after = attack.snapshot(path, tmp_path / f"after-{n}")
        active = {r[1] for r in _rows(after, "test.db", "channel_users") - _rows(before, "test.db", "channel_users")}
        arrived = {r[1] for r in _rows(after, "test.db-scratch", "tray") - _rows(before, "test.db-scratch", "tray")}
        if len(active) == 1 and len(arrived) == 1:
            linked[arrived.pop()] = active.pop().removeprefix("u-")
        school.clock.advance(minutes=20)
    right = sum(1 for ticket, staff_no in linked.items() if truth.get(ticket) == staff_no)
    assert right == 0, f"{right} of {len(truth)} anonymous suggestions linked to their senders by two copies"


# ---- a result withheld below the turnout still kept every ballot's choices in the main file -------------


def _vote(bot, staff_no: str, answers: str) -> str:
    chat = as_member(bot, staff_no)
    chat.say("投票")
    chat.say(answers)
    return chat.say("确认").split("收据码：")[1][:8]


def _main_file_bytes(path: str) -> bytes:
    out = b""
    for suffix in ("", "-wal"):
        try:
            with open(path + suffix, "rb") as fh:
                out += fh.read()
        except FileNotFoundError:
            pass
    return out


@pytest.mark.parametrize("voters, min_turnout", [
    ({"1003": "4 3 2 1"}, "3"),                        # the only voter: her choices beside her poll_voters row
    ({"1003": "4 3 2 1", "1006": "1 1 1 1"}, "3"),     # two voters
    ({"1003": "4 3 2 1", "1006": "1 1 1 1", "1009": "2 2 2 2"}, "80%"),  # a share of the eligible not reached
])
def test_a_withheld_result_keeps_no_choices_the_database_holder_could_read(school, voters, min_turnout):
    """Below the minimum turnout the result is never shown (storage/polls.py FLOOR, min_turnout), yet the
    closing moved every ballot's choices into poll_ballots: whoever holds the file reads them beside
    the one or two members in poll_voters, which is exactly what the minimum was there to prevent."""
    store = school.store
    poll = store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in ("张伟", "王芳", "陈静", "黄勇")],
                              "2026-09-01 12:00", min_turnout=min_turnout)
    receipts = {staff_no: _vote(school, staff_no, answers) for staff_no, answers in voters.items()}
    school.clock.advance(hours=4)
    school.housekeeping()  # the chore closes it
    store.polls.count(poll["id"], poll["counting_key"])
    result = store.polls.results(poll["id"])
    assert result["withheld"] is True and result["ballots"] == len(voters)
    assert [r["choices"] for r in store.db.query("SELECT choices FROM poll_ballots")] == [""] * len(voters)
    assert store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 0
    data = _main_file_bytes(store.db.path)
    for answers in voters.values():
        assert answers.replace(" ", ",").encode() not in data
    # each voter can still check that her ballot was taken in
    for staff_no, receipt in receipts.items():
        assert "已计入" in as_member(school, staff_no).say(f"投票结果 {receipt}")


def test_a_result_reached_still_counts_every_ballot(school):
    store = school.store
    poll = store.polls.create("教代会表决：食堂承包方案", [("是否同意食堂承包方案", ["赞成", "反对", "弃权"])],
                              "2026-09-01 12:00", min_turnout="3")
    for staff_no, answer in (("1003", "1"), ("1006", "1"), ("1009", "2")):
        _vote(school, staff_no, answer)
    count_poll(store, poll)
    result = store.polls.results(poll["id"])
    assert result["withheld"] is False
    assert result["questions"][0]["counts"] == {"赞成": 2, "反对": 1, "弃权": 0}


def test_polls_closed_before_the_upgrade_keep_only_their_counts_and_receipts(tmp_path):
    from bot.clock import FrozenClock
    from storage import Store
    from storage.migrations import migrate
    from tests.helpers import database_before

    db, pending = database_before(tmp_path / "old.db", "0017_ballot_counts_only")
    db.execute("INSERT INTO polls (id, title, audience, opens_at, closes_at, min_turnout, closed, eligible, created_at) "
               "VALUES (1, '测评', 'all', '2026-08-01 08:00', '2026-08-02 08:00', '3', 1, 40, '2026-08-01'),"
               "       (2, '表决', 'all', '2026-08-01 08:00', '2026-08-02 08:00', '50%', 1, 4, '2026-08-01'),"
               "       (3, '表决二', 'all', '2026-08-01 08:00', '2026-08-02 08:00', '50%', 1, 10, '2026-08-01'),"
               "       (4, '测评二', 'all', '2026-08-01 08:00', '2026-08-02 08:00', '3', 1, 40, '2026-08-01'),"
               "       (5, '残缺', 'all', '2026-08-01 08:00', '2026-08-02 08:00', '3', 1, 40, '2026-08-01')")
    rows = [(1, "K7P2Q9XA", "4,3"), (4, "W2X3Y4Z5", "4,1"), (4, "B6C7D8E9", "1,2"), (4, "F2G3H4J5", "2,1"),
            (5, "K2L3M4N5", "1,2"), (5, "P2Q3R4S5", "1"), (5, "T2U3V4W5", "2,2"), (2, "M3N4P5Q6", "1"), (2, "R7S8T9U2", "2"), (2, "V3W4X5Y6", "1"),
            (3, "A2B3C4D5", "1"), (3, "E6F7G8H9", "2"), (3, "J2K3M4N5", "1"), (3, "P6Q7R8S9", "1")]
    for n, (poll_id, receipt, choices) in enumerate(rows, 1):
        db.execute("INSERT INTO poll_ballots (id, poll_id, receipt, choices) VALUES (?, ?, ?, ?)",
                   (n * 7919, poll_id, receipt, choices))
    assert migrate(db) == pending
    db.close()
    store = Store.open(str(tmp_path / "old.db"), FrozenClock("2026-09-01 09:00"))
    kept = {r["receipt"]: r["choices"] for r in store.db.query("SELECT receipt, choices FROM poll_ballots")}
    assert kept["K7P2Q9XA"] == ""                                   # one ballot of 40: withheld, choices gone
    assert sorted(kept[r] for r in ("M3N4P5Q6", "R7S8T9U2", "V3W4X5Y6")) == ["1", "1", "2"]  # 3 of 4 reached 50%
    assert [kept[r] for r in ("A2B3C4D5", "E6F7G8H9", "J2K3M4N5", "P6Q7R8S9")] == ["", "", "", ""]  # 4 of 10: not 5
    assert store.polls.results(1)["withheld"] is True and store.polls.counted("K7P2Q9XA") is not None
    assert store.polls.results(3)["withheld"] is True and store.polls.results(3)["ballots"] == 4
    # a published one keeps its counts per question, not the combinations ("4,1" was one voter's)
    assert sorted(kept[r] for r in ("W2X3Y4Z5", "B6C7D8E9", "F2G3H4J5")) == ["1,1", "2,1", "4,2"]
    # ballots that do not read as one answer per question stop nothing: the upgrade leaves them
    assert [kept[r] for r in ("K2L3M4N5", "P2Q3R4S5", "T2U3V4W5")] == ["1,2", "1", "2,2"]


# ---- a pattern of choices agreed with a coercer was findable in poll_ballots ------------------------------


@pytest.mark.parametrize("pattern", ["4 1 3 2", "3 4 1 2", "2 2 4 3"])
def test_a_pattern_of_choices_cannot_be_looked_up_by_whoever_holds_the_file(school, pattern):
    """A 民主测评 of four leaders has 256 ways to fill a ballot: someone who tells a teacher to vote an
    unusual combination, and can read poll_ballots afterwards, sees whether she obeyed (the 'Italian'
    attack on a secret ballot). Only the counts per question are ever published, so only they are kept."""
    store = school.store
    poll = store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in ("张伟", "王芳", "陈静", "黄勇")],
                              "2026-09-01 12:00", min_turnout="3")
    cast = {"1003": pattern, "1006": "1 2 1 1", "1009": "2 1 1 1", "1004": "1 1 2 4", "1005": "1 1 1 2"}
    for staff_no, answers in cast.items():
        _vote(school, staff_no, answers)
    count_poll(store, poll)
    kept = [r["choices"] for r in store.db.query("SELECT choices FROM poll_ballots")]
    assert pattern.replace(" ", ",") not in kept
    assert len(kept) == len(cast)
    # the published counts are those of the ballots cast
    result = store.polls.results(poll["id"])
    for i, q in enumerate(result["questions"]):
        expected = {option: sum(1 for a in cast.values() if int(a.split()[i]) == n) for n, option in enumerate(RATING, 1)}
        assert q["counts"] == expected


# ---- the CLI's exports of the roster and of a sign-up list were readable by every local account ---------


@pytest.mark.parametrize("command, name", [
    (["members", "export"], "名册.xlsx"),
    (["members", "export"], "名册.csv"),
    (["signups", "export", "1"], "报名.xlsx"),
    (["signups", "export", "1"], "报名.csv"),
])
def test_an_export_with_phones_is_readable_by_its_owner_only(tmp_path, capsys, monkeypatch, command, name):
    """`members export` and `signups export` write every member's phone (and the roster's full birthdays):
    like `backup`, the file is the owner's only, whatever the umask, also when it replaces an older one."""
    import os
    import stat

    from bot.__main__ import main

    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    base = ["--config", "config.demo.toml"]
    assert main(["seed-demo", *base]) == 0
    out = tmp_path / name
    out.write_text("旧的导出")
    out.chmod(0o644)
    old = os.umask(0o022)
    try:
        assert main([*command, str(out), *base]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes() != "旧的导出".encode()  # written anew, in place


# ---- a poll form sent twice (a double click, the browser's resend) made two polls of one ballot ----------


def test_a_poll_form_sent_twice_makes_one_poll(app, committee, school):
    form = {"title": "教代会表决：食堂承包方案", "questions": "是否同意食堂承包方案", "preset": "approval",
            "closes": "2026-09-02 17:00", "min_turnout": "3"}
    assert "计票密钥" in text(post(committee, "/admin/polls/new", form))
    again = post(committee, "/admin/polls/new", form)
    assert again.status_code == 400 and "同一时段已有同名的投票" in text(again)
    assert [p["title"] for p in school.store.polls.list()] == ["教代会表决：食堂承包方案"]
    # each teacher is asked once, and votes once
    chat = as_member(school, "1003")
    assert chat.say("投票").startswith("【教代会表决：食堂承包方案】")


@pytest.mark.parametrize("title", ["2026年中层干部民主测评", " 2026年中层干部民主测评 ", "2026年中层干部民主测评\u3000"])
def test_the_same_title_twice_while_the_first_is_not_over_is_refused_everywhere(school, title):
    from storage.polls import PollError

    polls = school.store.polls
    first = polls.create("2026年中层干部民主测评", [("对张伟的测评", RATING)], "2026-09-05 17:00", opens_at="2026-09-03 08:00")
    with pytest.raises(PollError, match="同一时段已有同名的投票"):
        polls.create(title, [("对张伟的测评", RATING)], "2026-09-06 17:00")
    # one of the same name after this one closes (next year's, announced early) is fine
    later = polls.create(title, [("对张伟的测评", RATING)], "2026-09-09 17:00", opens_at="2026-09-06 08:00")
    assert later["title"] == "2026年中层干部民主测评"
    polls.close(first["id"])  # and once this one is over, one that runs now
    assert polls.create(title, [("对张伟的测评", RATING)], "2026-09-06 07:00")["status"] == "进行中"


def test_the_cli_refuses_the_same_poll_twice_with_one_line(tmp_path, capsys, monkeypatch):
    from bot.__main__ import main

    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    args = ["polls", "create", "--title", "民主测评", "--question", "对张伟的测评", "--options", "优秀,称职",
            "--closes", "2099-01-01 17:00", "--config", "config.demo.toml"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 2
    assert "同一时段已有同名的投票" in capsys.readouterr().err
