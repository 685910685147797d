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


# ---- what a voter pays, and polls made before scrypt18 ------------------------------------------------------


def test_one_vote_pays_the_key_once_and_well_under_50_ms(school):
    """The cost is the attacker's per guess and a voter's once: one key a vote, one a change, one a check
    per poll with ballots waiting. Measured as CPU time (the best of three: the machine is shared)."""
    from storage.ballot_seal import ballot_key, new_salt

    salt = new_salt()
    spent = []
    for _ in range(3):
        start = time.process_time()
        ballot_key(7, new_receipt(), salt)
        spent.append(time.process_time() - start)
    assert min(spent) < 0.050
    assert salt.startswith("s1:") and len(bytes.fromhex(salt[3:])) == 16


def _old_key(poll_id: int, receipt: str) -> str:
    """The row key as it was before scrypt18, written out here (not the code under test)."""
    return hashlib.sha256(f"ballot\x00{poll_id}\x00{receipt.upper()}".encode()).hexdigest()[:32]


def test_a_poll_running_across_the_upgrade_keeps_its_ballots_receipts_and_count(school):
    """A poll made before scrypt18 has no salt (the migration adds the column, empty) and its ballots wait
    under sha256 keys, bound into their seals: they stay where they are. Its voters check and change them
    with their receipts as before, a late voter's ballot joins them under the same kind of key, and the
    count with the 计票密钥 opens all of them."""
    from storage.ballot_seal import seal, size_for

    store = school.store
    poll = _rating(school)
    store.db.execute("UPDATE polls SET ballot_salt = NULL WHERE id = ?", (poll["id"],))  # as the migration leaves it
    size = size_for(poll["questions"])
    early = {"K7P2Q9XA": "1,1,1", "W2X3Y4Z5": "2,2,2"}  # two ballots cast before the upgrade
    for n, (receipt, choices) in enumerate(early.items()):
        key = _old_key(poll["id"], receipt)
        store.scratch.execute("INSERT INTO sealed_ballots (key, poll_id, sealed) VALUES (?, ?, ?)",
                              (key, poll["id"], seal(poll["seal_key"], size, key, receipt, choices)))
        store.db.execute("INSERT INTO poll_voters (poll_id, member_id) VALUES (?, ?)",
                         (poll["id"], store.members.by_staff_no(("1003", "1006")[n]).id))
    assert "已收到" in as_member(school, "1003").say("投票结果 k7p2q9xa")
    chat = as_member(school, "1006")
    assert chat.say("修改投票 W2X3Y4Z5").startswith("【2026年中层干部民主测评】")
    chat.say("4 4 4")
    assert chat.say("确认").startswith("已修改。收据码仍是 W2X3Y4Z5。")
    late = _vote(school, "1009", "1 2 3")
    keys = {r["key"] for r in store.scratch.query("SELECT key FROM sealed_ballots")}
    assert keys == {_old_key(poll["id"], r) for r in (*early, late)}
    assert "已收到" in as_member(school, "1009").say(f"投票结果 {late}")
    count_poll(store, poll)
    result = store.polls.results(poll["id"])
    assert sorted(result["receipts"]) == sorted([*early, late])
    assert [q["counts"]["优秀"] for q in result["questions"]] == [2, 1, 1]
    assert [q["counts"]["不称职"] for q in result["questions"]] == [1, 1, 1]
    for receipt in (*early, late):
        assert "已计入" in as_member(school, "1003").say(f"投票结果 {receipt}")
    # a poll made after the upgrade gets its salt, and its ballots scrypt keys
    fresh = _rating(school, "2026年教代会代表测评")
    assert fresh["ballot_salt"].startswith("s1:")
    receipt = _vote(school, "1004", "1 1 1")
    [row] = store.scratch.query("SELECT key FROM sealed_ballots WHERE poll_id = ?", (fresh["id"],))
    assert row["key"] != _old_key(fresh["id"], receipt) and "已收到" in as_member(school, "1004").say(f"投票结果 {receipt}")


def test_the_upgrade_leaves_older_polls_without_a_salt(tmp_path):
    from bot.clock import FrozenClock
    from storage import Store
    from storage.migrations import migrate
    from tests.helpers import database_before

    db, pending = database_before(tmp_path / "old.db", "0019_ballot_key_salt")
    db.execute("INSERT INTO polls (id, title, audience, opens_at, closes_at, min_turnout, created_at, seal_key) "
               "VALUES (1, '测评', 'all', '2026-09-01 08:00', '2026-09-03 17:00', '3', '2026-09-01', 'ab')")
    assert migrate(db) == pending
    db.close()
    store = Store.open(str(tmp_path / "old.db"), FrozenClock("2026-09-01 09:00"))
    assert store.polls.get(1)["ballot_salt"] is None
    made = store.polls.create("表决", [("是否同意", ["赞成", "反对"])], "2026-09-02 17:00")
    assert made["ballot_salt"].startswith("s1:") and made["ballot_salt"] != store.polls.create(
        "表决二", [("是否同意", ["赞成", "反对"])], "2026-09-02 17:00")["ballot_salt"]
