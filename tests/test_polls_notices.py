"""What was left of polls (issue 22): the announcement to the eligible members and reminders to those
who have not voted (through the outbox, routed like activity announcements, once per round, the
ballots untouched), "投票结果" only for the poll's own audience, and a limit on guessing receipts."""
# ruff: noqa: F811  (fixtures imported from other test modules)

from __future__ import annotations

import json

import pytest

from bot.__main__ import main
from bot.push import SKIP_UNBOUND
from handlers.polls.notices import announce_poll, remind
from storage.polls import PollError
from tests.conftest import as_member
from tests.helpers import Chat, count_poll
from tests.test_announce import bind, sim  # noqa: F401 (fixture)
from tests.test_polls import motion_poll, rating_poll, vote
from tests.test_polls_console import admin, app, bot, committee, post, school, text  # noqa: F401 (fixtures)

DELEGATES = {"1003", "1006", "1009", "1011"}


def rows(bot, kind: str) -> list[dict]:
    return [r for r in bot.store.outbox.list() if r["kind"] == kind]


def ballots_state(bot) -> tuple:
    store = bot.store
    return (store.scratch.query("SELECT * FROM ballots ORDER BY key"),
            store.scratch.query("SELECT * FROM sealed_ballots ORDER BY key"),
            store.db.query("SELECT * FROM poll_ballots ORDER BY id"),
            store.db.query("SELECT * FROM poll_voters ORDER BY member_id"))


def test_a_poll_is_announced_to_its_audience_once_with_the_activity_routing(sim):
    poll = motion_poll(sim)
    bind(sim, "1003", "1006", "1004")  # two delegates reachable, one teacher who is not a delegate
    sim.store.members.set_announce_opt_out(sim.store.members.by_staff_no("1006").id, True)  # activities only
    report = announce_poll(sim, poll["id"])
    told = rows(sim, "poll_announcement")
    assert {r["staff_no"] for r in told} == DELEGATES
    assert {r["staff_no"] for r in told if r["status"] == "pending"} == {"1003", "1006"}
    assert all(r["reason"] == SKIP_UNBOUND for r in told if r["status"] == "skipped")
    assert told[0]["text"].startswith("【工会投票】教代会表决：绩效工资分配方案\n投票时间：2026-09-01 09:00 至 2026-09-03 17:00\n"
                                      "投票范围：教代会代表，共 1 题，无记名投票。")
    assert report.summary().startswith("投票通知：对象 4 人，待发送 2 人；未能送达")
    assert announce_poll(sim, poll["id"]).already == 4 and len(rows(sim, "poll_announcement")) == 4
    sim.store.polls.close(poll["id"])
    with pytest.raises(PollError, match="已经截止"):
        announce_poll(sim, poll["id"])


def test_reminders_reach_only_those_who_have_not_voted_once_a_round_and_touch_no_ballot(sim):
    poll = motion_poll(sim)
    bind(sim, *DELEGATES)
    receipts = [vote(sim, "1003", "1"), vote(sim, "1009", "2")]
    before = ballots_state(sim)
    report = remind(sim, poll["id"])
    assert {r["staff_no"] for r in rows(sim, "poll_reminder")} == {"1006", "1011"}  # not 1003, 1009
    assert report.written == 2 and report.summary() == "投票提醒：对象 2 人，待发送 2 人"
    assert rows(sim, "poll_reminder")[0]["text"] == (
        "【投票提醒】“教代会表决：绩效工资分配方案”将于 2026-09-03 17:00 截止，您还没有投票。回复“投票”即可参加"
        "（无记名投票：系统只记录您是否投过票，不记录您的选择）。")
    assert ballots_state(sim) == before  # the reminder reads who voted and writes only the outbox
    for r in rows(sim, "poll_reminder"):
        assert not any(code in r["text"] or code in r["dedup_key"] for code in receipts)
    # the same round again: nobody hears twice
    assert remind(sim, poll["id"]).already == 2 and len(rows(sim, "poll_reminder")) == 2
    vote(sim, "1006", "3")
    sim.clock.advance(days=1)
    assert remind(sim, poll["id"]).written == 1  # the next day's round: only 1011 is left
    assert [r["staff_no"] for r in rows(sim, "poll_reminder")].count("1011") == 2
    sim.clock.advance(days=2)
    with pytest.raises(PollError, match="只能提醒进行中的投票"):
        remind(sim, poll["id"])


def test_announce_and_remind_from_the_console_and_the_cli(committee, school, tmp_path):
    poll = motion_poll(school)
    page = text(committee.get(f"/admin/polls/{poll['id']}"))
    assert "通知投票范围内的会员" in page and "提醒未投票的人" in page
    vote(school, "1003", "1")
    resp = post(committee, f"/admin/polls/{poll['id']}/announce", follow_redirects=True)
    assert "投票通知：对象 4 人" in text(resp)
    resp = post(committee, f"/admin/polls/{poll['id']}/remind", follow_redirects=True)
    assert "投票提醒：对象 3 人" in text(resp)
    assert [e["action"] for e in school.store.audit.recent()[:2]] == ["提醒投票", "通知投票"]
    assert post(committee, f"/admin/polls/{poll['id']}/shout").status_code == 404


def test_the_cli_announces_and_reminds(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    base = ["--config", "config.demo.toml"]
    assert main(["seed-demo", *base]) == 0
    assert main(["polls", "create", "--title", "工会经费使用意见", "--question", "是否同意", "--options", "赞成,反对,弃权",
                 "--closes", "2099-01-01 17:00", *base]) == 0
    poll = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for action, label in (("announce", "投票通知"), ("remind", "投票提醒")):
        assert main(["polls", action, str(poll["id"]), *base]) == 0
        out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert out["audience"] > 10 and out["summary"].startswith(f"{label}：对象 {out['audience']} 人"), out
    assert main(["polls", "remind", "999", *base]) == 2


def test_results_in_chat_only_for_the_poll_s_audience(school):
    poll = motion_poll(school)
    receipts = [vote(school, n, "1") for n in ("1003", "1006", "1009")]
    count_poll(school.store, poll)
    refused = as_member(school, "1004").say("投票结果")
    assert refused == "没有您可以查看的投票结果：投票结果只向该次投票范围内的会员公布。"
    assert "赞成 3" in as_member(school, "1011").say("投票结果")
    # a receipt is its own proof: whoever holds it can check it was counted
    assert "已计入" in as_member(school, "1004").say(f"投票结果 {receipts[0]}")
    everyone = rating_poll(school)
    for n in ("1003", "1004", "1006"):
        vote(school, n, "1 1 1 1")
    count_poll(school.store, everyone)
    shown = as_member(school, "1004").say("投票结果")
    assert "2026年中层干部民主测评" in shown and "绩效工资" not in shown


def test_guessing_receipts_is_limited_per_account(school):
    rating_poll(school)
    receipt = vote(school, "1003", "1 1 1 1")
    guesser = Chat(school, "u-guesser")
    for code in ("AAAA2222", "BBBB3333", "CCCC4444", "DDDD5555"):
        assert guesser.say(f"修改投票 {code}").startswith(f"没有找到收据码 {code}")
    assert guesser.say("修改投票 EEEE6666").startswith("收据码输错的次数太多了，请一小时后再试。")
    # locked: even a right receipt is refused from this account for now, and results checks count too
    assert guesser.say(f"修改投票 {receipt}").startswith("收据码输错的次数太多了")
    assert guesser.say(f"投票结果 {receipt}").startswith("收据码输错的次数太多了")
    # the voter's own account is not affected
    assert as_member(school, "1003").say(f"修改投票 {receipt}").startswith("【2026年中层干部民主测评】")
    # the attempts say nothing of who mistyped: a keyed hash of the account only
    keys = [r["key"] for r in school.store.db.query("SELECT key FROM attempts")]
    assert len(keys) == 5 and all(k.startswith("receipt:") and "guesser" not in k for k in keys)
    school.clock.advance(hours=1, minutes=1)
    assert Chat(school, "u-guesser").say(f"修改投票 {receipt}").startswith("【2026年中层干部民主测评】")
