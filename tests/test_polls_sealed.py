"""Sealed ballots and the 计票密钥 (storage/ballot_seal.py): a copy of the files taken while a poll runs
holds no choice and no receipt; the key is shown once and is in no file; closing and counting are two
steps, and a wrong key counts nothing; the result is the one the unsealed ballots gave."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import base64
import json
import re

import pytest

from bot.__main__ import main
from storage.polls import APPROVAL, RATING, PollError
from tests import attack
from tests.conftest import as_member
from tests.helpers import count_poll
from tests.test_console import admin, app, bot, committee, post, school, text  # noqa: F401 (fixtures)

LEADERS = ["张伟", "王芳", "陈静", "黄勇", "刘洋", "赵敏"]


def _vote(bot, staff_no: str, answers: str) -> str:
    chat = as_member(bot, staff_no)
    chat.say("投票")
    chat.say(answers)
    return chat.say("确认").split("收据码：")[1][:8]


def _all_bytes(folder) -> bytes:
    """Every file of a copy: the main file, its WAL and shm, the scratch file and its journal, the claims."""
    return b"".join(f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file())


def _rating(bot, title="2026年中层干部民主测评", closes="2026-09-01 12:00", min_turnout="3"):
    return bot.store.polls.create(title, [(f"对{n}的测评", RATING) for n in LEADERS], closes, min_turnout=min_turnout)


# ---- a copy taken while the poll runs ----------------------------------------------------------------------


@pytest.mark.parametrize("cast", [
    {"1003": "4 3 2 1 4 3"},
    {"1003": "4 3 2 1 4 3", "1006": "2 4 4 3 1 2", "1009": "3 3 4 4 2 1"},
    {"1004": "1 4 1 4 1 4", "1005": "4 4 3 3 2 2"},
])
def test_a_copy_taken_after_a_vote_holds_no_choice_and_no_receipt_in_clear(school, tmp_path, cast):
    store = school.store
    poll = _rating(school)
    receipts = {staff_no: _vote(school, staff_no, answers) for staff_no, answers in cast.items()}
    # and one voter changes her mind with her receipt: the new choices are sealed as well
    first = next(iter(cast))
    chat = as_member(school, first)
    chat.say(f"修改投票 {receipts[first]}")
    chat.say("1 1 4 4 2 3")
    assert chat.say("确认").startswith("已修改")
    data = _all_bytes(attack.snapshot(store.db.path, tmp_path / "copy"))
    for answers in [*cast.values(), "1 1 4 4 2 3"]:
        assert answers.replace(" ", ",").encode() not in data
    for receipt in receipts.values():
        assert receipt.encode() not in data and receipt.lower().encode() not in data
    assert store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == len(cast)
    sizes = {len(r["sealed"]) for r in store.scratch.query("SELECT sealed FROM sealed_ballots")}
    assert len(sizes) == 1  # one size for every ballot of the poll
    # and the count still finds them all, with the changed ballot counted as changed
    count_poll(store, poll)
    result = store.polls.results(poll["id"])
    assert result["ballots"] == len(cast) and all(store.polls.counted(r) for r in receipts.values())
    if not result["withheld"]:
        assert result["questions"][0]["counts"]["优秀"] == 1 + sum(1 for a in list(cast.values())[1:] if a[0] == "1")


@pytest.mark.parametrize("make", ["console", "cli", "store"])
def test_the_counting_key_is_in_no_file(school, tmp_path, make, committee, capsys, monkeypatch):
    """Whichever way the poll is made, its key is shown once and written nowhere: not the code, not the
    secret it encodes, not in the audit."""
    store = school.store
    if make == "console":
        page = text(post(committee, "/admin/polls/new", {"title": "教代会表决：食堂承包方案", "questions": "是否同意",
                                                          "preset": "approval", "closes": "2026-09-02 17:00"}))
        key = re.search(r"<code>([A-Z2-7-]{39})</code>", page).group(1)
        assert "只显示这一次" in page and "密钥丢失，这次投票就无法计票" in page
        poll_id = store.polls.list()[0]["id"]
        assert key not in text(committee.get(f"/admin/polls/{poll_id}"))
    elif make == "cli":
        monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(store.db.path))
        assert main(["polls", "create", "--title", "表决", "--question", "是否同意", "--options", "赞成,反对,弃权",
                     "--closes", "2099-09-02 17:00", "--config", "config.demo.toml"]) == 0
        out = capsys.readouterr()
        key = json.loads(out.out)["counting_key"]
        assert key in out.err and "只显示这一次" in out.err and "无法计票" in out.err
    else:
        key = store.polls.create("表决", [("是否同意", APPROVAL)], "2026-09-02 17:00")["counting_key"]
    secret = base64.b32decode(key.replace("-", ""))[:16]
    data = _all_bytes(attack.snapshot(store.db.path, tmp_path / "copy"))
    for form in (key, key.replace("-", ""), key.lower()):
        assert form.encode() not in data
    assert secret not in data and secret.hex().encode() not in data
    assert all(key not in json.dumps(row, ensure_ascii=False, default=str) for row in store.audit.recent())


# ---- closing, then counting with the key ---------------------------------------------------------------------


def _state(store, poll_id):
    return (store.polls.get(poll_id)["status"], store.scratch.query("SELECT * FROM sealed_ballots ORDER BY key"),
            store.db.query("SELECT * FROM poll_ballots"), store.db.scalar("SELECT closed FROM polls WHERE id = ?", (poll_id,)))


def test_counting_with_a_wrong_key_changes_nothing(school):
    store = school.store
    poll = _rating(school)
    for staff_no, answers in (("1003", "1 1 1 1 1 1"), ("1006", "2 2 2 2 2 2"), ("1009", "1 2 3 4 1 2")):
        _vote(school, staff_no, answers)
    other = store.polls.create("教代会表决：食堂承包方案", [("是否同意", APPROVAL)], "2026-09-01 12:00")
    with pytest.raises(PollError, match="请先结束投票"):  # still running: close it first
        store.polls.count(poll["id"], poll["counting_key"])
    store.polls.close(poll["id"])
    assert store.polls.get(poll["id"])["status"] == "待计票"
    before = _state(store, poll["id"])
    key = poll["counting_key"]
    typo = key[:5] + ("Q" if key[5] != "Q" else "R") + key[6:]
    for wrong, said in ((typo, "计票密钥有误"),                        # one character mistyped: the check catches it
                        (key[:-5], "计票密钥有误"),                     # a group left out
                        ("我忘了", "计票密钥有误"),                      # not a key at all
                        (other["counting_key"], "不是本次投票的计票密钥")):  # another poll's key
        with pytest.raises(PollError, match=said):
            store.polls.count(poll["id"], wrong)
        assert _state(store, poll["id"]) == before
        with pytest.raises(PollError, match="尚未计票"):
            store.polls.results(poll["id"])
    assert as_member(school, "1004").say("投票结果") == "还没有已公布的投票结果。"
    # written by hand, in lower case, with spaces, an 0 for an O: still the key
    store.polls.count(poll["id"], key.lower().replace("-", " ").replace("o", "0"))
    assert store.polls.results(poll["id"])["ballots"] == 3
    assert store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 0
    with pytest.raises(PollError, match="已经计过票"):
        store.polls.count(poll["id"], key)


@pytest.mark.parametrize("min_turnout, cast", [
    ("3", {"1003": "1 1 1 1 1 1", "1006": "2 1 4 1 3 1", "1009": "4 3 2 1 1 2", "1004": "1 2 1 2 1 2"}),
    ("3", {"1003": "1 1 1 1 1 1", "1006": "2 2 2 2 2 2"}),  # withheld below the turnout
    ("50%", {"1003": "3 3 3 3 3 3", "1006": "2 1 4 1 3 1", "1009": "4 3 2 1 1 2"}),
])
def test_the_result_is_the_one_unsealed_ballots_gave(school, min_turnout, cast):
    """The same ballots in a poll made before the counting key (unsealed, counted at closing) and in a
    sealed one: the same published result."""
    store = school.store
    sealed = _rating(school, "民主测评（新）", min_turnout=min_turnout)
    unsealed = _rating(school, "民主测评（旧）", min_turnout=min_turnout)
    store.db.execute("UPDATE polls SET seal_key = NULL WHERE id = ?", (unsealed["id"],))
    for poll in (sealed, unsealed):
        for staff_no, answers in cast.items():
            store.polls.cast(poll["id"], store.members.by_staff_no(staff_no).id, [int(a) for a in answers.split()])
    assert store.scratch.scalar("SELECT count(*) FROM ballots") == len(cast)  # the old poll's, in clear
    store.polls.close(unsealed["id"])  # counted at once, as before
    assert store.polls.get(unsealed["id"])["status"] == "已结束"
    count_poll(store, sealed)
    new, old = store.polls.results(sealed["id"]), store.polls.results(unsealed["id"])
    for result in (new, old):
        result.pop("id"), result.pop("title")
        assert len(result.pop("receipts", [None] * len(cast))) == len(cast)
    assert new == old
    assert store.scratch.scalar("SELECT count(*) FROM ballots") == 0


def test_the_chore_stops_a_poll_at_its_time_and_waits_for_the_key(school):
    store = school.store
    poll = store.polls.create("教代会表决：食堂承包方案", [("是否同意", APPROVAL)], "2026-09-01 12:00")
    receipt = _vote(school, "1003", "1")
    school.clock.advance(hours=4)
    school.housekeeping()
    assert store.polls.get(poll["id"])["status"] == "待计票"
    chat = as_member(school, "1006")
    assert chat.say("投票").startswith("“教代会表决：食堂承包方案”已于 2026-09-01 12:00 截止投票。")
    assert as_member(school, "1003").say(f"修改投票 {receipt}") == "“教代会表决：食堂承包方案”已经截止，选票不能再修改了。"
    assert "已收到" in as_member(school, "1003").say(f"投票结果 {receipt}")
    school.clock.advance(days=2)
    school.housekeeping()  # days later: still waiting, nothing lost
    assert store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 1
    store.polls.count(poll["id"], poll["counting_key"])
    assert "已计入" in as_member(school, "1003").say(f"投票结果 {receipt}")


# ---- the console ---------------------------------------------------------------------------------------------


def test_the_console_closes_then_counts_with_the_key(committee, school):
    page = text(post(committee, "/admin/polls/new", {"title": "教代会表决：食堂承包方案", "questions": "是否同意食堂承包方案",
                                                      "preset": "approval", "closes": "2026-09-02 17:00"}))
    key = re.search(r"<code>([A-Z2-7-]{39})</code>", page).group(1)
    poll = school.store.polls.list()[0]
    receipts = [_vote(school, staff_no, answer) for staff_no, answer in (("1003", "1"), ("1006", "1"), ("1009", "2"))]
    assert "现在结束（之后输入计票密钥计票）" in text(committee.get(f"/admin/polls/{poll['id']}"))
    assert post(committee, f"/admin/polls/{poll['id']}/close").status_code == 302
    page = text(committee.get(f"/admin/polls/{poll['id']}"))
    assert "状态：待计票" in page and 'name="counting_key"' in page and "不再接受选票" in page
    assert "不再接受选票。请输入计票密钥计票" in page  # the flash
    for wrong, said in ((key[:-1] + ("A" if key[-1] != "A" else "B"), "计票密钥有误"), ("", "计票密钥有误"),
                        (school.store.polls.create("另一项表决", [("是否同意", APPROVAL)], "2026-09-03 17:00")["counting_key"],
                         "不是本次投票的计票密钥")):
        page = text(post(committee, f"/admin/polls/{poll['id']}/count", {"counting_key": wrong}, follow_redirects=True))
        assert said in page and "未计票" in page and "实投" not in page
    assert school.store.polls.get(poll["id"])["status"] == "待计票"
    page = text(post(committee, f"/admin/polls/{poll['id']}/count", {"counting_key": key.replace("-", " ")},
                     follow_redirects=True))
    assert "已计票" in page and "实投 3 人" in page and all(r in page for r in receipts)
    assert "<td>2</td><td>1</td><td>0</td>" in page and key not in page
    actions = [(row["action"], json.dumps(row, ensure_ascii=False, default=str)) for row in school.store.audit.recent()]
    assert actions[0][0] == "计票" and all(key not in row for _, row in actions)


def test_a_read_only_account_cannot_count(app, school):
    from bot.console import hash_password
    from tests.test_console import login

    poll = school.store.polls.create("教代会表决：食堂承包方案", [("是否同意", APPROVAL)], "2026-09-02 17:00")
    school.store.polls.close(poll["id"])
    school.store.admin_users.add("zhuxi", hash_password("viewer-pass-1"), "查看")
    client = app.test_client()
    assert login(client, "zhuxi", "viewer-pass-1").status_code == 302
    page = text(client.get(f"/admin/polls/{poll['id']}"))
    assert "状态：待计票" in page and 'name="counting_key"' not in page
    assert post(client, f"/admin/polls/{poll['id']}/count", {"counting_key": poll["counting_key"]}).status_code in (302, 403)
    assert school.store.polls.get(poll["id"])["status"] == "待计票"


def test_a_ballot_changed_after_the_poll_stopped_is_not_changed(school):
    """A voter who began 修改投票 before 结束 and confirms after it: the sealed ballot stays as it was."""
    store = school.store
    poll = store.polls.create("教代会表决：食堂承包方案", [("是否同意", APPROVAL)], "2026-09-01 12:00")
    receipts = [_vote(school, n, "1") for n in ("1003", "1006", "1009")]
    chat = as_member(school, "1003")
    chat.say(f"修改投票 {receipts[0]}")
    chat.say("反对")
    before = store.scratch.query("SELECT * FROM sealed_ballots ORDER BY key")
    store.polls.close(poll["id"])
    assert chat.say("确认") == "目前没有进行中的投票。"
    assert store.polls.replace(poll["id"], receipts[0], [2]) is False
    assert store.scratch.query("SELECT * FROM sealed_ballots ORDER BY key") == before
    store.polls.count(poll["id"], poll["counting_key"])
    assert store.polls.results(poll["id"])["questions"][0]["counts"] == {"赞成": 3, "反对": 0, "弃权": 0}
