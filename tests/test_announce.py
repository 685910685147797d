"""Announcements: a new activity told to exactly the members its audience allows, once each, with a
reason for everyone who cannot be reached; a change of time or place told to those signed up."""

from __future__ import annotations

import pytest

from bot import demo
from bot.__main__ import main
from bot.app import Bot, create_app
from bot.console import hash_password
from bot.push import SKIP_UNBOUND, Sender
from handlers.activities.announce import announce
from tests.conftest import make_config
from tests.test_console import ADMIN_PW, login, post, text


@pytest.fixture
def sim(tmp_path, clock):
    """The demo school, pushing through the simulator (every bound 公众号 user is reachable)."""
    bot = Bot(make_config(tmp_path, wechat={"push": "simulator"}), clock)
    demo.seed(bot.store, clock)
    for member in bot.store.members.all():  # the demo binds everyone: here only whom a test binds
        bot.store.bindings.unbind_member(member.id)
    return bot


def bind(bot, *staff_nos: str) -> None:
    for staff_no in staff_nos:
        bot.store.bindings.bind("wechat", f"o-{staff_no}", bot.store.members.by_staff_no(staff_no).id)


def announcements(bot) -> list[dict]:
    return [r for r in bot.store.outbox.list() if r["kind"] == "announcement"]


def test_a_women_only_activity_reaches_exactly_the_women_once_with_skip_reasons(sim):
    store = sim.store
    women = {m.staff_no for m in store.members.all_active() if m.gender == "女"}
    assert "3001" not in women and "2002" in women  # 离职 never, 退休 yes
    bind(sim, "1003", "2002", "1001")  # two women and a man can be reached
    store.members.set_opt_out(store.members.by_staff_no("1003").id, True)  # greetings off, notices still come
    activity = store.activities.add("女教职工瑜伽课", "2026-09-20 15:00", "工会活动室", 20, "2026-09-18 17:00", "female")

    report = announce(sim, activity)
    rows = announcements(sim)
    assert sorted(r["staff_no"] for r in rows) == sorted(women)  # exactly the women, each once
    assert {r["staff_no"] for r in rows if r["status"] == "pending"} == {"1003", "2002"}
    skipped = [r for r in rows if r["status"] == "skipped"]
    assert skipped and all(r["reason"] == SKIP_UNBOUND for r in skipped)
    assert report.audience == len(women) and report.written == 2 and len(report.skipped) == len(women) - 2
    assert f"未能送达 {SKIP_UNBOUND} {len(women) - 2} 人" in report.summary()
    text_ = rows[0]["text"]
    assert "女教职工瑜伽课" in text_ and "工会活动室" in text_ and "参加对象：女教职工" in text_ and "报名截止" in text_
    assert all(r["dedup_key"] == f"announcement|{activity.id}|{r['member_id']}" for r in rows)

    again = announce(sim, activity)  # run twice: nobody is told twice
    assert again.written == 0 and not again.skipped and again.already == len(women)
    assert len(announcements(sim)) == len(women)

    sent = Sender(store, sim.clock, sim.config, sim.transports()).drain()
    assert sent.sent == 2
    assert {r["staff_no"] for r in announcements(sim) if r["status"] == "sent"} == {"1003", "2002"}


def test_a_group_activity_reaches_only_the_group(sim):
    activity = sim.store.activities.add("数学组教研聚餐", "2026-09-25 18:00", "食堂", None, None, "group:数学组")
    announce(sim, activity)
    group = {m.staff_no for m in sim.store.members.all_active() if m.group_name == "数学组"}
    assert group and {r["staff_no"] for r in announcements(sim)} == group


def test_activities_add_announce_from_the_command_line(tmp_path, capsys):
    conf = tmp_path / "c.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "cli.db"}"\n[wechat]\ntoken = "t"\n', "utf-8")
    assert main(["seed-demo", "--config", str(conf)]) == 0
    capsys.readouterr()
    assert main(["activities", "add", "--config", str(conf), "--title", "女教职工瑜伽课", "--starts-at",
                 "2030-03-06 15:00", "--audience", "female", "--announce"]) == 0
    out = capsys.readouterr().out
    assert "活动通知：对象" in out and "待发送 0 人" in out and "未能送达 公众号无推送权限" in out  # an 订阅号: said
    assert main(["activities", "add", "--config", str(conf), "--title", "不通知的活动", "--starts-at",
                 "2030-03-07 15:00"]) == 0
    assert "活动通知" not in capsys.readouterr().out


@pytest.fixture
def admin(tmp_path, clock):
    app = create_app(make_config(tmp_path, wechat={"push": "simulator"}), clock)
    app.testing = True
    bot = app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    bot.store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员", "1002")
    client = app.test_client()
    assert login(client).status_code == 302
    client.bot = bot
    return client


def test_console_new_activity_with_announce_checkbox(admin):
    bot = admin.bot
    bind(bot, "1003")
    resp = post(admin, "/admin/activities/new", {"title": "退休教师茶话会", "starts_at": "2026-10-09T09:30",
                                                 "audience": "retired", "announce": "1"}, follow_redirects=True)
    retired = {m.staff_no for m in bot.store.members.all_active() if m.status == "退休"}
    assert "活动通知：对象" in text(resp)
    assert {r["staff_no"] for r in announcements(bot)} == retired
    post(admin, "/admin/activities/new", {"title": "不通知的活动", "starts_at": "2026-10-10T09:30"})
    assert len(announcements(bot)) == len(retired)


def test_a_change_of_time_or_place_tells_those_signed_up_and_waitlisted(admin):
    store = admin.bot.store
    activity = store.activities.add("教职工登山", "2026-10-17 08:00", "北山", 1, None, "all")
    first, second, gone = (store.members.by_staff_no(s) for s in ("1003", "1009", "1001"))
    store.signups.signup(activity.id, first)
    store.signups.signup(activity.id, second)  # waitlisted
    store.signups.signup(activity.id, gone)
    store.signups.cancel(activity.id, gone.id)
    fields = {"title": activity.title, "starts_at": "2026-10-17T08:00", "place": "北山", "capacity": "1",
              "audience": "all", "notes": "带水"}
    resp = post(admin, f"/admin/activities/{activity.id}", fields, follow_redirects=True)  # notes only: nobody told
    assert "将通知" not in text(resp) and not [r for r in store.outbox.list() if r["kind"] == "activity_changed"]
    resp = post(admin, f"/admin/activities/{activity.id}", {**fields, "starts_at": "2026-10-18T08:00",
                                                          "place": "南山"}, follow_redirects=True)
    assert "将通知已报名和候补的 2 位老师" in text(resp)
    rows = [r for r in store.outbox.list() if r["kind"] == "activity_changed"]
    assert sorted(r["staff_no"] for r in rows) == ["1003", "1009"]
    assert all("时间由 10月17日（周六）08:00 改为 10月18日（周日）08:00" in r["text"] and "地点由 北山 改为 南山" in r["text"]
               for r in rows)
    post(admin, f"/admin/activities/{activity.id}", {**fields, "starts_at": "2026-10-18T08:00", "place": "南山"})
    assert len([r for r in store.outbox.list() if r["kind"] == "activity_changed"]) == 2  # no change: no message


def test_only_turning_announcements_off_stops_them(sim):
    from tests.conftest import as_member

    store = sim.store
    bind(sim, "1003", "1009")
    chat = as_member(sim, "1003")
    assert chat.say("别再推送了").startswith("好的，李娜老师，以后不再给您推送生日和节日祝福")
    assert "不再给您发新活动的通知" in as_member(sim, "1009").say("别发活动通知了")
    activity = store.activities.add("女教职工瑜伽课", "2026-09-20 15:00", "工会活动室", 20, None, "female")
    announce(sim, activity)
    rows = {r["staff_no"]: r for r in announcements(sim)}
    assert rows["1003"]["status"] == "pending"  # greetings off: announcements still come
    assert rows["1009"]["status"] == "skipped" and rows["1009"]["reason"] == "本人已关闭活动通知"
    assert "已恢复活动通知" in as_member(sim, "1009").say("恢复活动通知")
    assert store.members.by_staff_no("1009").announce_opt_out == 0
