"""提前提醒 (issue 22): the scheduler reminds a poll's eligible members who have not voted, once, on the
day before closing at the daily send time; a second run of the duties, a restarted scheduler or the
committee's button the same day write nothing new; it reads who voted, never a ballot; the committee
turns it off per poll in the console or the CLI."""
# ruff: noqa: F811  (fixtures imported from other test modules)

from __future__ import annotations

import datetime as dt
import json
import logging

from bot.__main__ import main
from bot.scheduler import catch_up, preview, run_day
from handlers.polls.notices import remind
from handlers.polls.reminders import reminder_day
from tests.test_announce import bind, sim  # noqa: F401 (fixture)
from tests.test_polls import motion_poll, vote
from tests.test_polls_console import admin, app, bot, committee, post, school, text  # noqa: F401 (fixtures)
from tests.test_polls_notices import DELEGATES, ballots_state, rows

EIGHT = dt.time(8, 0)


def duties(bot) -> int:
    """Run the day's duties now; the poll reminders they wrote."""
    before = len(rows(bot, "poll_reminder"))
    run_day(bot, bot.clock.today())
    return len(rows(bot, "poll_reminder")) - before


def reminded(bot) -> list[str]:
    return sorted(r["staff_no"] for r in rows(bot, "poll_reminder"))


def test_the_day_before_closing_those_who_have_not_voted_are_reminded_exactly_once(sim, caplog):
    caplog.set_level(logging.DEBUG)
    poll = motion_poll(sim)  # opened 09-01 09:00, closes 09-03 17:00; send time 08:00
    bind(sim, *DELEGATES)
    receipts = [vote(sim, "1003", "1")]
    assert duties(sim) == 0 and reminded(sim) == []  # 09-01: not yet

    sim.clock.set("2026-09-02 07:30")
    receipts.append(vote(sim, "1009", "2"))  # voted before the send time: not reminded
    before = ballots_state(sim)
    sim.clock.set("2026-09-02 08:00")
    assert duties(sim) == 2
    assert reminded(sim) == ["1006", "1011"]
    told = rows(sim, "poll_reminder")
    assert all(r["status"] == "sent" and r["send_on"] == "2026-09-02" for r in told)
    assert told[0]["text"].startswith("【投票提醒】“教代会表决：绩效工资分配方案”将于 2026-09-03 17:00 截止，您还没有投票。")
    assert ballots_state(sim) == before  # the duty reads who voted and writes only the outbox

    # the scheduler runs the day again, restarts (catch-up), the committee presses the button: nobody twice
    assert duties(sim) == 0
    sim.clock.set("2026-09-02 10:00")
    catch_up(sim)
    assert remind(sim, poll["id"]).written == 0
    assert reminded(sim) == ["1006", "1011"]

    sim.clock.set("2026-09-03 08:00")  # the closing day: the reminder was yesterday's
    assert duties(sim) == 0 and reminded(sim) == ["1006", "1011"]

    # nothing that joins a ballot to a voter: no receipt in the rows, no voter or receipt in the log
    for r in rows(sim, "poll_reminder"):
        assert not any(code in r["text"] or code in r["dedup_key"] for code in receipts)
    assert not any(code in caplog.text for code in receipts)
    assert "1003" not in caplog.text and "1009" not in caplog.text


def test_the_reminder_day_follows_the_poll_s_own_times():
    def day(opens: str, closes: str) -> str | None:
        found = reminder_day({"opens_at": opens, "closes_at": closes}, EIGHT)
        return found.isoformat() if found else None

    assert day("2026-09-01 09:00", "2026-09-03 17:00") == "2026-09-02"  # the day before closing
    assert day("2026-09-02 14:00", "2026-09-03 17:00") == "2026-09-03"  # opened after that send time
    assert day("2026-09-02 14:00", "2026-09-03 07:00") is None  # closes before the closing day's send time
    assert day("2026-09-03 09:00", "2026-09-03 17:00") is None  # a one-day poll: by hand only
    assert day("2026-09-01 09:00", "2026-09-03 08:00") == "2026-09-02"


def test_the_schedule_preview_shows_the_reminder_and_a_poll_with_it_off_gets_none(sim):
    poll = motion_poll(sim)
    bind(sim, *DELEGATES)
    plan = [g for g in preview(sim, sim.clock.today(), days=4) if g["kind"] == "poll_reminder"]
    assert [(g["date"].isoformat(), sorted(g["names"])) for g in plan] == [
        ("2026-09-02", sorted(sim.store.members.by_staff_no(n).name for n in DELEGATES))]
    sim.store.polls.set_remind(poll["id"], False)
    sim.clock.set("2026-09-02 08:00")
    assert duties(sim) == 0 and reminded(sim) == []


def test_the_committee_turns_it_on_and_off_in_the_console(committee, school):
    poll = motion_poll(school)
    page = text(committee.get(f"/admin/polls/{poll['id']}"))
    assert "提前提醒：开启" in page and "关闭提前提醒" in page
    resp = post(committee, f"/admin/polls/{poll['id']}/autoremind", {"on": "0"}, follow_redirects=True)
    assert "已关闭提前提醒" in text(resp) and "提前提醒：关闭" in text(resp)
    assert school.store.polls.get(poll["id"])["remind"] == 0
    assert post(committee, f"/admin/polls/{poll['id']}/autoremind", {"on": "maybe"}).status_code == 400
    post(committee, f"/admin/polls/{poll['id']}/autoremind", {"on": "1"})
    assert school.store.polls.get(poll["id"])["remind"] == 1
    assert [e["action"] for e in school.store.audit.recent()[:2]] == ["开启提前提醒", "关闭提前提醒"]
    resp = post(committee, "/admin/polls/new", {"title": "工会经费意见", "questions": "是否同意", "preset": "approval",
                                                    "closes": "2026-09-10 17:00", "remind": "0"})
    assert resp.status_code == 200 and "计票密钥" in text(resp)  # the key, shown once
    assert school.store.polls.list()[-1]["remind"] == 0
    school.store.polls.close(poll["id"])
    resp = post(committee, f"/admin/polls/{poll['id']}/autoremind", {"on": "0"}, follow_redirects=True)
    assert "投票已结束，无需提醒" in text(resp) and school.store.polls.get(poll["id"])["remind"] == 1


def test_the_cli_creates_a_poll_without_it_and_turns_it_on(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    base = ["--config", "config.demo.toml"]
    assert main(["seed-demo", *base]) == 0
    assert main(["polls", "create", "--title", "工会经费使用意见", "--question", "是否同意", "--options", "赞成,反对,弃权",
                 "--closes", "2099-01-01 17:00", "--no-remind", *base]) == 0
    poll = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert poll["remind"] is False
    assert main(["polls", "autoremind", str(poll["id"]), "on", *base]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["remind"] is True
    assert main(["polls", "autoremind", "999", "off", *base]) == 2


def test_polls_made_before_the_upgrade_are_not_reminded_unasked(tmp_path):
    """提前提醒 came with migration 0015: a poll that already existed was created without that choice, so it
    stays off (the committee can turn it on); a poll created afterwards gets it by default."""
    from storage.migrations import migrate
    from tests.helpers import database_before

    db, pending = database_before(tmp_path / "old.db", "0015_poll_reminders")
    db.execute("INSERT INTO polls (id, title, opens_at, closes_at, created_at) "
               "VALUES (3, '2026 民主测评', '2026-09-01 08:00', '2026-09-08 17:00', 'x')")
    assert migrate(db) == pending
    assert db.scalar("SELECT remind FROM polls WHERE id = 3") == 0
