"""Attack review 19: polls and ballots, the console, the CLI's outputs, backups, the 钉钉/企业微信 channels.

Each test is named for the promise it checks; a promise this round could not keep yet is a strict xfail
that says why."""

from __future__ import annotations

import sqlite3

import pytest

from storage.polls import RATING
from tests import attack
from tests.conftest import as_member


def _voters(folder) -> set[int]:
    conn = attack._open_copy(folder, "test.db")
    got = {r[0] for r in conn.execute("SELECT member_id FROM poll_voters")}
    conn.close()
    return got


def _waiting(folder) -> set[str]:
    conn = attack._open_copy(folder, "test.db-scratch")
    got = {r[0] for r in conn.execute("SELECT receipt FROM ballots")} if conn is not None else set()
    if conn is not None:
        conn.close()
    return got


@pytest.mark.xfail(strict=True, reason=(
    "A ballot waits in the scratch file (storage/polls.py) while its voter's poll_voters row is written in the "
    "main file at the same moment: two copies taken either side of one vote show one new voter and one new "
    "receipt, and after the closing the receipt leads to the choices. Needs the ballots sealed to a key no file "
    "holds (e.g. a poll key the committee types at closing) or voters and ballots written at different times; "
    "left for a design decision (see the report)."))
def test_a_secret_ballot_is_not_linked_by_comparing_two_copies_of_the_files(school, tmp_path):
    store = school.store
    poll = store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in ("张伟", "王芳")],
                              "2026-09-01 12:00", min_turnout="3")
    path = store.db.path
    folders = [attack.snapshot(path, tmp_path / "before")]
    truth: dict[str, int] = {}
    for n, (staff_no, answer) in enumerate((("1003", "1 2"), ("1006", "2 2"), ("1009", "1 1"), ("1004", "3 1"))):
        chat = as_member(school, staff_no)
        chat.say("投票")
        chat.say(answer)
        receipt = chat.say("确认").split("收据码：")[1][:8]
        truth[receipt] = store.members.by_staff_no(staff_no).id
        school.clock.advance(minutes=3)
        folders.append(attack.snapshot(path, tmp_path / f"after-{n}"))  # a copy now and then, as `cp` would
    store.polls.close(poll["id"])
    linked = {}
    for before, after in zip(folders, folders[1:]):
        new_voters = _voters(after) - _voters(before)
        new_ballots = _waiting(after) - _waiting(before)
        if len(new_voters) == 1 and len(new_ballots) == 1:
            linked[new_ballots.pop()] = new_voters.pop()
    right = sum(1 for receipt, member_id in linked.items() if truth.get(receipt) == member_id)
    assert right == 0, f"{right} of {len(truth)} ballots linked to their voters by two copies"


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


@pytest.mark.xfail(strict=True, reason=(
    "A teacher's first message of the hour writes channel_users.last_inbound_at (main file, storage/members.py) "
    "while her anonymous suggestion enters the tray (scratch file) in the same second: two copies either side "
    "of it show one teacher active and one new suggestion. Writing channel_users an hour or a day at a time "
    "(and the 48-hour push window reading the pending rows) would leave the day-level promise of "
    "storage/suggestions.py; left for a design decision (see the report)."))
def test_an_anonymous_suggestion_is_not_linked_by_comparing_two_copies_of_the_files(school, tmp_path):
    store, path = school.store, school.store.db.path
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
