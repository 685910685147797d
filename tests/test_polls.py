"""Polls in chat (issue 22): a 民主测评 of four leaders on the rating scale, and a 教代会 表决 for the
delegates; the receipt code, changing a ballot with it, one ballot each, who may vote, closing,
results withheld below the turnout, and the CLI contract."""

from __future__ import annotations

import json
import re

import pytest

from bot.__main__ import main
from storage.ballot_seal import open_key, unseal
from storage.polls import APPROVAL, RATING, PollError, ballot_key
from tests.conftest import as_member
from tests.helpers import Chat

LEADERS = ["张伟", "王芳", "陈静", "黄勇"]
RECEIPT = re.compile(r"收据码：([0-9A-Z]{8})")


def receipt_of(reply: str) -> str:
    return RECEIPT.search(reply).group(1)


def rating_poll(bot, min_turnout="3", audience="all", closes="2026-09-03 17:00"):
    questions = [(f"对{name}的测评", RATING) for name in LEADERS]
    return bot.store.polls.create("2026年中层干部民主测评", questions, closes, audience=audience,
                                  min_turnout=min_turnout)


def motion_poll(bot):
    bot.store.db.execute("UPDATE members SET delegate = 1 WHERE staff_no IN ('1003', '1006', '1009', '1011')")
    return bot.store.polls.create("教代会表决：绩效工资分配方案", [("是否同意《绩效工资分配方案》", APPROVAL)],
                                  "2026-09-03 17:00", audience="delegates", min_turnout="50%")


def vote(bot, staff_no: str, answers: str) -> str:
    chat = as_member(bot, staff_no)
    chat.say("投票")
    chat.say(answers)
    return receipt_of(chat.say("确认"))


def test_a_rating_poll_walked_through_one_question_at_a_time(school):
    poll = rating_poll(school)
    chat = as_member(school, "1003")
    intro = chat.say("投票")
    assert intro.startswith("【2026年中层干部民主测评】共 4 题，2026-09-03 17:00 截止。")
    assert "第1题 对张伟的测评：1.优秀 2.称职 3.基本称职 4.不称职" in intro
    assert chat.say("1 1").startswith("已记下前 2 题。请继续回复第 3 题起的编号：\n第3题 对陈静的测评")
    confirm = chat.say("基本称职 1")
    assert confirm == ("请核对您的选择：\n第1题 对张伟的测评：优秀\n第2题 对王芳的测评：优秀\n第3题 对陈静的测评：基本称职\n"
                       "第4题 对黄勇的测评：优秀\n回复“确认”提交；回复“重选”重新选择；回复“取消”放弃（不会记录）。")
    done = chat.say("确认")
    assert done.startswith("投票成功！您的收据码：") and "系统不记录收据码属于谁" in done
    receipt = receipt_of(done)
    store = school.store
    # who voted is in the main file; the ballot waits in the scratch file, with nothing about the voter
    assert store.polls.has_voted(poll["id"], store.members.by_staff_no("1003").id)
    assert store.db.scalar("SELECT count(*) FROM poll_ballots") == 0
    # sealed to the poll's key (storage/ballot_seal.py): found by scrypt of the poll, its salt and the
    # receipt, opened only with the 计票密钥 shown once at creation
    [row] = store.scratch.query("SELECT key, poll_id, sealed FROM sealed_ballots")
    assert row["poll_id"] == poll["id"] and row["key"] == ballot_key(poll["id"], receipt, poll["ballot_salt"])
    assert receipt.encode() not in row["sealed"] and store.scratch.scalar("SELECT count(*) FROM ballots") == 0
    private = open_key(poll["counting_key"], poll["seal_key"])
    assert unseal(private, row["sealed"], row["key"]) == {"receipt": receipt, "choices": "1,1,3,1"}


def test_several_answers_in_one_message_reselect_and_not_understood(school):
    rating_poll(school)
    chat = as_member(school, "1003")
    chat.say("测评")
    assert chat.say("1 2 2 1").startswith("请核对您的选择：\n第1题 对张伟的测评：优秀\n第2题 对王芳的测评：称职")
    assert chat.say("重选").startswith("【2026年中层干部民主测评】共 4 题")
    assert chat.say("5").startswith("没看懂“5”。第 1 题请回复 1–4 的编号")
    assert chat.say("1 1 1 1 1").startswith("您回复了 5 个答案，但只剩 4 题")
    assert "第4题 对黄勇的测评：不称职" in chat.say("1124")
    assert chat.say("嗯嗯").startswith("请回复“确认”提交")
    assert chat.say("确认").startswith("投票成功！")


def test_cancel_records_nothing(school):
    rating_poll(school)
    chat = as_member(school, "1003")
    chat.say("投票")
    chat.say("1 1 1 1")
    chat.say("取消")
    assert school.store.scratch.scalar("SELECT count(*) FROM ballots") == 0
    assert school.store.db.scalar("SELECT count(*) FROM poll_voters") == 0
    assert school.store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 0
    assert chat.say("投票").startswith("【2026年中层干部民主测评】")


def test_change_a_ballot_with_the_receipt_until_closing(school):
    poll = rating_poll(school)
    receipt = vote(school, "1003", "1 1 1 1")
    chat = as_member(school, "1003")
    assert chat.say(f"修改投票 {receipt.lower()}").startswith("【2026年中层干部民主测评】共 4 题")
    chat.say("2 2 2 4")
    before = school.store.scratch.scalar("SELECT sealed FROM sealed_ballots")
    assert chat.say("确认").startswith(f"已修改。收据码仍是 {receipt}。")
    [row] = school.store.scratch.query("SELECT key, sealed FROM sealed_ballots")
    assert row["sealed"] != before and len(row["sealed"]) == len(before)  # a new seal, the same size
    assert unseal(open_key(poll["counting_key"], poll["seal_key"]), row["sealed"], row["key"])["choices"] == "2,2,2,4"
    # the receipt is the proof: it works from any account, a wrong one finds nothing
    other = Chat(school, "someone")
    assert other.say(f"修改投票 {receipt}").startswith("【2026年中层干部民主测评】")
    assert Chat(school, "x").say("修改投票 ABCD2345").startswith("没有找到收据码 ABCD2345 对应的选票")
    school.store.polls.close(poll["id"])
    assert chat.say(f"修改投票 {receipt}") == "“2026年中层干部民主测评”已经截止，选票不能再修改了。"


def test_one_ballot_each(school):
    rating_poll(school)
    vote(school, "1003", "1 1 1 1")
    again = as_member(school, "1003").say("投票")
    assert again.startswith("您已经在“2026年中层干部民主测评”中投过票了，每人一票。")
    assert school.store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 1


def test_only_the_audience_may_vote(school):
    motion_poll(school)
    refused = as_member(school, "1004").say("投票")
    assert refused == "“教代会表决：绩效工资分配方案”的投票范围是教代会代表，您不在本次投票范围内，无需投票。感谢您的关注！"
    assert Chat(school, "guest").say("投票").startswith("这项服务需要先绑定身份")
    assert as_member(school, "1003").say("表决").startswith("【教代会表决：绩效工资分配方案】共 1 题")
    retired = school.store.polls.create("退休教师活动意向", [("春游去哪", ["西湖", "千岛湖"])], "2026-09-03 17:00",
                                        audience="retired")
    assert school.store.polls.get(retired["id"])["status"] == "进行中"
    assert "不在本次投票范围内" in as_member(school, "1004").say("投票")


def test_two_open_polls_ask_which(school):
    rating_poll(school)
    motion_poll(school)
    chat = as_member(school, "1003")
    assert chat.say("投票") == "现在有 2 项投票：1. 2026年中层干部民主测评；2. 教代会表决：绩效工资分配方案。请回复编号选择。"
    assert chat.say("2").startswith("【教代会表决：绩效工资分配方案】")
    chat.say("赞成")
    assert chat.say("确认").startswith("投票成功！")
    assert as_member(school, "1003").say("投票").startswith("【2026年中层干部民主测评】")


def test_a_closed_poll_takes_no_ballots(school):
    rating_poll(school, closes="2026-09-01 09:05")
    chat = as_member(school, "1003")
    chat.say("投票")
    chat.say("1 1 1 1")
    school.clock.advance(minutes=6)  # past the closing time while the voter was deciding
    assert chat.say("确认") == "目前没有进行中的投票。"
    assert as_member(school, "1006").say("投票") == "“2026年中层干部民主测评”已于 2026-09-01 09:05 截止投票。结果公布后可回复“投票结果”查看。"
    assert school.store.db.scalar("SELECT count(*) FROM poll_voters") == 0


def test_no_tally_before_closing_and_withheld_below_turnout(school):
    poll = rating_poll(school, min_turnout="3")
    vote(school, "1003", "1 1 1 1")
    vote(school, "1006", "2 2 2 2")
    with pytest.raises(PollError):
        school.store.polls.results(poll["id"])
    assert as_member(school, "1009").say("投票结果") == "还没有已公布的投票结果。"
    school.store.polls.close(poll["id"])  # closed, not counted: still no tally
    with pytest.raises(PollError, match="尚未计票"):
        school.store.polls.results(poll["id"])
    assert as_member(school, "1009").say("投票结果") == "还没有已公布的投票结果。"
    school.store.polls.count(poll["id"], poll["counting_key"])
    result = school.store.polls.results(poll["id"])
    assert result["withheld"] is True and result["ballots"] == 2 and "questions" not in result and "receipts" not in result
    assert as_member(school, "1009").say("投票结果") == ("【2026年中层干部民主测评】已结束。参与 2 人，未达到公布结果所需的 3 人，"
                                                      "按规定不公布结果。")


def test_results_after_closing_list_the_counted_receipts(school):
    poll = motion_poll(school)
    receipts = [vote(school, "1003", "1"), vote(school, "1006", "赞成"), vote(school, "1009", "3")]
    waiting = as_member(school, "1003").say(f"投票结果 {receipts[0]}")
    assert waiting == f"收据码 {receipts[0]} 的选票已收到，“教代会表决：绩效工资分配方案”截止后统一计票。"
    school.clock.advance(days=3)
    school.housekeeping()  # the chore stops what is due: it waits for the counting key
    assert school.store.polls.get(poll["id"])["status"] == "待计票"
    assert school.store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 3
    school.store.polls.count(poll["id"], poll["counting_key"])
    result = school.store.polls.results(poll["id"])
    assert result["withheld"] is False and result["eligible"] == 4 and result["voted"] == 3
    assert result["questions"] == [{"question": "是否同意《绩效工资分配方案》", "counts": {"赞成": 2, "反对": 0, "弃权": 1}}]
    assert sorted(result["receipts"]) == sorted(receipts)
    assert school.store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 0
    ids = [r["id"] for r in school.store.db.query("SELECT id FROM poll_ballots")]
    assert all(i > 2**32 for i in ids)  # random ids, not the order of voting
    shown = as_member(school, "1011").say("投票结果")  # a delegate who did not vote: the result is for the delegates
    assert "第1题 是否同意《绩效工资分配方案》：赞成 2，反对 0，弃权 1" in shown and "应投 4 人，实投 3 人" in shown
    assert as_member(school, "1003").say(f"投票结果 {receipts[0]}") == (
        f"收据码 {receipts[0]} 的选票已计入“教代会表决：绩效工资分配方案”的结果。")


def test_classify_vote_words(school):
    from bot.nlu import Classifier

    classifier = Classifier(school.registry)
    assert classifier.classify("投票").intent == "vote"
    assert classifier.classify("民主测评").intent == "vote"
    assert classifier.classify("投票结果").intent == "vote_result"


def test_cli_contract(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    base = ["--config", "config.demo.toml"]

    def run(*args) -> tuple[int, list[dict]]:
        code = main(["polls", *args, *base])
        out = capsys.readouterr().out
        return code, [json.loads(line) for line in out.splitlines() if line.strip()]

    code, [poll] = run("create", "--title", "民主测评", "--question", "对张伟的测评", "--question", "对王芳的测评",
                       "--options", "优秀,称职,基本称职,不称职", "--closes", "2099-01-01 17:00",
                       "--opens", "2098-12-01 08:00", "--min-turnout", "60%")
    assert code == 0 and poll["status"] == "未开始" and poll["questions"] == ["对张伟的测评", "对王芳的测评"]
    key = poll["counting_key"]
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", key)
    assert run("open", str(poll["id"]))[1][0]["status"] == "进行中"
    assert "counting_key" not in run("list")[1][0]  # shown once, at creation
    assert main(["polls", "results", str(poll["id"]), *base]) == 2  # refused before closing
    assert "尚未结束" in capsys.readouterr().err
    assert run("close", str(poll["id"]))[1][0]["status"] == "待计票"
    assert main(["polls", "results", str(poll["id"]), *base]) == 2  # and before counting
    assert "尚未计票" in capsys.readouterr().err
    typo = key[:-1] + ("B" if key[-1] != "B" else "C")
    typed = iter([typo, key.lower().replace("-", " ")])  # a typo first, then right (case and spaces do not matter)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main(["polls", "count", str(poll["id"]), *base]) == 2
    assert "计票密钥有误" in capsys.readouterr().err
    code, [result] = run("count", str(poll["id"]))
    assert code == 0 and result["withheld"] is True and result["ballots"] == 0
    code, [result] = run("results", str(poll["id"]))
    assert code == 0 and result["withheld"] is True and result["ballots"] == 0
    assert [p["id"] for p in run("list")[1]] == [poll["id"]]


def test_the_roster_marks_delegates(school, tmp_path):
    from handlers.roster import export_rows, import_roster

    path = tmp_path / "delegates.csv"
    path.write_text("工号,姓名,教代会代表\n1004,刘洋,是\n1003,李娜,否\n", encoding="utf-8")
    import_roster(school.store, str(path))
    assert school.store.members.by_staff_no("1004").delegate == 1
    assert school.store.members.by_staff_no("1003").delegate == 0
    assert school.store.members.by_staff_no("1004").group_name == "体艺组"  # columns not given are kept
    header, *rows = export_rows(school.store)
    flag = header.index("教代会代表")
    assert next(r for r in rows if r[0] == "1004")[flag] == "是"
    motion = school.store.polls.create("教代会表决", [("是否同意", APPROVAL)], "2026-09-03 17:00", audience="delegates")
    assert as_member(school, "1004").say("投票").startswith(f"【{motion['title']}】")


def test_closing_and_voting_never_half_count(school):
    """A ballot cast after the closing has begun is refused whole: no voter row, no orphan ballot."""
    poll = rating_poll(school)
    member = school.store.members.by_staff_no("1003")
    receipt = school.store.polls.cast(poll["id"], member.id, [1, 1, 1, 1])
    school.store.db.execute("UPDATE polls SET closed = 1 WHERE id = ?", (poll["id"],))  # as close() does, first
    late = school.store.members.by_staff_no("1006")
    with pytest.raises(PollError):
        school.store.polls.cast(poll["id"], late.id, [2, 2, 2, 2])
    assert not school.store.polls.has_voted(poll["id"], late.id)
    assert school.store.scratch.scalar("SELECT count(*) FROM sealed_ballots") == 1
    assert school.store.polls.replace(poll["id"], receipt, [4, 4, 4, 4]) is False


def test_choices_and_receipts_are_never_logged(school, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    rating_poll(school)
    chat = as_member(school, "1003")
    chat.say("投票")
    confirm = chat.say("1 2 3 4")
    receipt = receipt_of(chat.say("确认"))
    chat.say(f"修改投票 {receipt}")
    chat.say("4 3 2 1")
    chat.say("确认")
    assert "基本称职" in confirm
    assert receipt not in caplog.text and "u-1003" not in caplog.text and "1 2 3 4" not in caplog.text


def test_voting_in_the_middle_of_a_sign_up_sets_it_aside(school):
    rating_poll(school)
    chat = as_member(school, "1003")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」吗？")
    reply = chat.say("我要投票")
    assert reply.startswith("【2026年中层干部民主测评】") and reply.endswith("（刚才的报名还没完成，回复“继续”接着办。）")
    chat.say("1 1 1 1")
    assert chat.say("确认").startswith("投票成功！")
    assert chat.say("继续").startswith("好的，接着刚才的：确认报名「教职工拔河比赛」吗？")
