"""A secret ballot, attacked (issue 22), the way tests/test_anonymity_attack.py attacks the suggestion
box: twelve teachers vote in a 民主测评 through /wechat (signed XML, the real protocol) among other
things they do that morning — binding, greetings, 我的报名 — some answering all questions in one
message, some one by one, three changing their ballot with the receipt. Copies of every database
file are taken every few messages (also while a reader holds a transaction open on the main file,
so the WAL cannot be reset) and after the poll closes. The attack (tests/attack.py) then looks for
each ballot's receipt — which leads to its choices — near a teacher's name or platform id (text),
in WAL frame order, row order and time, and ranks the ballots' ids against the order teachers came.
"""

from __future__ import annotations

import random
import re

from bot import demo
from storage.polls import RATING
from tests import attack

STAFF = [f"{n}" for n in range(1003, 1015)]
RECEIPT = re.compile(r"收据码：([0-9A-Z]{8})")


def _openid(staff_no: str) -> str:
    return f"oVoter{staff_no}x"


def run_session(wx, bot, tmp_path):
    rng = random.Random(20261222)
    store = bot.store
    demo.seed(store, bot.clock)
    poll = store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in ("张伟", "王芳", "陈静", "黄勇")],
                              "2026-09-01 12:00", min_turnout="3")
    scripts: dict[str, list[str]] = {}
    for i, staff_no in enumerate(STAFF):
        member = store.members.by_staff_no(staff_no)
        steps = []
        if i % 2 == 0:
            store.bindings.bind("wechat", _openid(staff_no), member.id)
        else:
            steps += [f"绑定 {staff_no} {member.name}", staff_no]
        steps += ["你好", "我的报名", "投票" if i % 3 else "民主测评"]
        answers = [str(rng.randint(1, 4)) for _ in range(4)]
        steps += [" ".join(answers)] if i % 2 else [" ".join(answers[:2]), " ".join(answers[2:])]
        steps += ["确认", "最近有什么活动"]
        if i in (2, 5, 8):
            steps += ["修改投票 {receipt}", "4 3 2 1", "确认"]
        scripts[staff_no] = steps
    order = [s for s in STAFF for _ in scripts[s]]
    rng.shuffle(order)
    cursor = {s: 0 for s in STAFF}
    truth: dict[str, int] = {}
    receipts: dict[str, str] = {}
    copier = attack.Copier(bot, tmp_path)
    for n, staff_no in enumerate(order):
        text = scripts[staff_no][cursor[staff_no]].format(receipt=receipts.get(staff_no, ""))
        cursor[staff_no] += 1
        bot.clock.advance(seconds=rng.randint(2, 8))  # a busy morning: nobody's conversation times out
        reply = wx.say(_openid(staff_no), text)
        m = RECEIPT.search(reply)
        if m:
            receipts[staff_no] = m.group(1)
            truth[m.group(1)] = store.members.by_staff_no(staff_no).id
        copier.after(n)
    copier.take("snap-end-of-voting")
    bot.clock.advance(hours=3)
    bot.housekeeping()  # the poll's closing: it stops taking ballots
    bot.store.polls.count(poll["id"], poll["counting_key"])  # the count: ballots move to the main file
    final = copier.take("snap-final")
    return poll, copier.folders, final, truth


def test_the_attack_links_no_ballot_to_its_voter(plain_wechat, tmp_path):
    bot = plain_wechat.app.extensions["unionbot"]
    poll, folders, final, truth = run_session(plain_wechat, bot, tmp_path)
    assert len(truth) == 12
    assert bot.store.polls.get(poll["id"])["closed"] == 1
    result = bot.store.polls.results(poll["id"])
    assert sorted(result["receipts"]) == sorted(truth)  # every ballot counted, the changed ones once
    conn = attack._open_copy(final, "test.db")
    teachers = attack.roster(conn)
    ballots = [{"id": i, "ticket": r, "content": r} for i, r in conn.execute("SELECT id, receipt FROM poll_ballots")]
    conn.close()
    assert {b["ticket"] for b in ballots} == set(truth)
    guesses = {
        "text": attack.by_text(folders, teachers, ballots),
        "wal_order": attack.by_wal_order(folders, teachers, ballots),
        "row_order": attack.by_row_order(folders, teachers, ballots, "test.db"),
        "time": attack.by_time(folders, teachers, ballots, "test.db"),
    }
    conn = attack._open_copy(final, "test.db")
    guesses["rank"] = attack.by_rank(conn, teachers, ballots)
    conn.close()
    right = attack.score(guesses, truth)
    print("\nlinked (right guesses of 12):", right)
    assert right["text"] == 0 and right["wal_order"] == 0 and right["row_order"] == 0 and right["time"] == 0
    assert right["rank"] <= 5  # random ids: a random permutation's fixed points
    # nothing was counted, or stored in the main file, before the closing
    for folder in folders[:-1]:
        copy = attack._open_copy(folder, "test.db")
        if copy is not None:
            assert copy.execute("SELECT count(*) FROM poll_ballots").fetchone()[0] == 0
            copy.close()


def test_the_attack_does_link_a_ballot_stored_beside_its_voter(plain_wechat, tmp_path):
    """The attack, as used here, works: a ballot kept the naive way (the voter's name beside the receipt
    in one table, in voting order) is linked."""
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    lina = bot.store.members.by_staff_no("1003")
    bot.store.bindings.bind("wechat", "oLiNaVoter", lina.id)
    db = bot.store.db
    db.execute("CREATE TABLE naive_ballots (voter TEXT, receipt TEXT, choices TEXT)")
    db.execute("INSERT INTO naive_ballots VALUES ('李娜', 'K7P2Q9XA', '1,1,2,1')")
    folder = attack.snapshot(db.path, tmp_path / "snap")
    conn = attack._open_copy(folder, "test.db")
    teachers = attack.roster(conn)
    conn.close()
    ballots = [{"id": 1, "ticket": "K7P2Q9XA", "content": "K7P2Q9XA"}]
    assert attack.by_text([folder], teachers, ballots) == {"K7P2Q9XA": lina.id}
    assert attack.by_row_order([folder], teachers, ballots, "test.db") == {"K7P2Q9XA": lina.id}
