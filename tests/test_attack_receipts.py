"""Attack review (scrypt18, issue "a vote nobody can trace"): the receipts of secret ballots, against whoever
holds copies of the files (main file, WAL, scratch file, journals) and the source code, but neither the
processes' in-memory key nor the poll's 计票密钥.

A ballot waits in the scratch file under a row key computed from the poll and its receipt. The receipt
is the voter's only proof: with it a ballot is changed before closing ("修改投票 收据码", from any
account: the system does not know whose it is) and checked after ("投票结果 收据码"). So whoever can
compute the row key of a guess can try every receipt offline, against every row of the copy at once,
and walk away with each row's receipt: then change anyone's ballot, and (with two copies either side
of her vote, which show her poll_voters row and her ballot's row arriving together) pick whose."""

from __future__ import annotations

import hashlib
import sqlite3
import time

from storage.polls import RATING, new_receipt
from storage.suggestions import TICKET_ALPHABET
from tests import attack
from tests.conftest import as_member
from tests.helpers import count_poll

LETTERS = sum(1 for ch in TICKET_ALPHABET if ch.isalpha())
DIGITS = len(TICKET_ALPHABET) - LETTERS
# every receipt new_receipt() can make: 8 characters of the alphabet, at least one letter and one digit
SPACE = len(TICKET_ALPHABET) ** 8 - LETTERS ** 8 - DIGITS ** 8
YEAR = 365 * 24 * 3600


def _vote(bot, staff_no: str, answers: str) -> str:
    chat = as_member(bot, staff_no)
    chat.say("投票")
    chat.say(answers)
    return chat.say("确认").split("收据码：")[1][:8]


def _rating(bot, title="2026年中层干部民主测评"):
    return bot.store.polls.create(title, [(f"对{n}的测评", RATING) for n in ("张伟", "王芳", "陈静")],
                                  "2026-09-01 12:00", min_turnout="3")


def _read(folder, name: str, sql: str, args=()) -> list[sqlite3.Row]:
    conn = attack._open_copy(folder, name)
    assert conn is not None, f"{name} is missing from the copy"
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _attacker(folder, poll_id: int):
    """What the copy and the code give: the poll's row (whatever the code keeps with it to compute a row
    key), the row keys of its waiting ballots, and the guess → row key function the code itself uses."""
    from storage.polls import ballot_key

    [poll] = _read(folder, "test.db", "SELECT * FROM polls WHERE id = ?", (poll_id,))
    keys = {r["key"] for r in _read(folder, "test.db-scratch", "SELECT key FROM sealed_ballots WHERE poll_id = ?",
                                    (poll_id,))}
    extra = [poll["ballot_salt"]] if "ballot_salt" in poll.keys() else []
    return keys, lambda receipt: ballot_key(poll_id, receipt, *extra)


def _guesses_per_second(guess, seconds: float = 0.6) -> float:
    """The attacker's rate on this machine, one core (the CPU time spent: another process's load does not
    make the attacker look slower than it is)."""
    candidates = [new_receipt() for _ in range(4096)]
    tries, start = 0, time.process_time()
    while tries < 5 or time.process_time() - start < seconds:
        guess(candidates[tries % len(candidates)])
        tries += 1
    return tries / (time.process_time() - start)


def test_whoever_holds_the_files_needs_centuries_of_a_core_to_try_every_receipt(school, tmp_path):
    """Before scrypt18 a row key was sha256 of the poll's id and the receipt: the 7.7×10¹¹ receipts in
    about three weeks of one core of this machine through the code's own function (nine days in a tight
    loop of sha256, minutes on a graphics card), and every waiting ballot's receipt was the attacker's. Now each guess costs what a
    voter's key costs once (storage/ballot_seal.py: scrypt, 8 MiB, with a salt of the poll's own)."""
    store = school.store
    poll = _rating(school)
    receipts = [_vote(school, staff_no, answers) for staff_no, answers in (("1003", "1 2 3"), ("1006", "2 2 1"))]
    keys, guess = _attacker(attack.snapshot(store.db.path, tmp_path / "copy"), poll["id"])
    assert {guess(r) for r in receipts} == keys  # the attacker's derivation is the right one: the true receipts match
    assert guess(receipts[0].lower()) in keys  # (as a voter types it)
    years = SPACE / _guesses_per_second(guess) / YEAR
    assert years >= 100, f"every receipt of the poll tried in {years * 365:.1f} days of one core"


def test_a_salt_of_each_poll_so_one_sweep_serves_one_poll_only(school, tmp_path):
    """The same receipt in two polls gets two unrelated row keys: a table of every receipt's key made once
    (or a sweep for one poll) is no use against the next poll."""
    store = school.store
    first, second = _rating(school), _rating(school, "2026年教代会代表测评")
    copy = attack.snapshot(store.db.path, tmp_path / "copy")
    _, one = _attacker(copy, first["id"])
    _, two = _attacker(copy, second["id"])
    for receipt in ("K7P2Q9XA", "W2X3Y4Z5", "B6C7D8E9"):
        assert one(receipt) != two(receipt)
        # and not the unsalted hash of old, nor anything a table of sha256 would hold
        assert one(receipt) != hashlib.sha256(f"ballot\x00{first['id']}\x00{receipt}".encode()).hexdigest()[:32]


def test_what_a_receipt_found_in_the_files_gives_another_teacher(school, tmp_path):
    """The attack the cost above stands against, carried out with the search cut down to the last
    character (31 guesses; the full search is what the first test measures): two copies either side of
    陈静's vote show her row arriving; its receipt, once found, lets another teacher change her ballot
    from his own account, and her check still says 已计入. Given the receipt this stays possible by design
    (the system does not know whose a receipt is); what scrypt18 changes is what finding it costs."""
    store = school.store
    poll = _rating(school)
    _vote(school, "1006", "1 1 1")
    before = attack.snapshot(store.db.path, tmp_path / "before")
    receipt = _vote(school, "1003", "1 2 1")
    after = attack.snapshot(store.db.path, tmp_path / "after")
    old, _ = _attacker(before, poll["id"])
    new, guess = _attacker(after, poll["id"])
    [target] = new - old
    found = [r for r in (receipt[:7] + ch for ch in TICKET_ALPHABET) if guess(r) == target]
    assert found == [receipt]
    other = as_member(school, "1009")
    assert other.say(f"修改投票 {found[0]}").startswith("【2026年中层干部民主测评】")
    other.say("4 4 4")
    assert other.say("确认").startswith("已修改")
    _vote(school, "1009", "1 1 2")
    count_poll(store, poll)
    counts = store.polls.results(poll["id"])["questions"][0]["counts"]
    assert counts["不称职"] == 1 and counts["优秀"] == 2  # 陈静's 优秀 became his 不称职
    assert "已计入" in as_member(school, "1003").say(f"投票结果 {receipt}")
