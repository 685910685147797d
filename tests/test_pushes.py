"""Greetings and notices that go out by themselves: right people, right day, exactly once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot import demo
from bot.app import Bot
from bot.channels.base import PushResult
from bot.clock import FrozenClock
from bot.push import Sender
from bot.scheduler import SchedulerLock, catch_up, plan, run_day
from tests.conftest import make_config
from tests.helpers import run_in_threads


class RecordingPush:
    """A transport that records what it was asked to send."""

    def __init__(self, fail_after: int | None = None, results: list | None = None):
        self.sent: list[tuple[str, str]] = []
        self.fail_after = fail_after
        self.results = list(results or [])
        self.lock = threading.Lock()

    def push(self, user_id, text, kind=""):
        with self.lock:
            if self.fail_after is not None and len(self.sent) >= self.fail_after:
                raise KeyboardInterrupt("sender killed")
            if self.results:
                result = self.results.pop(0)
                if result.status != "sent":
                    return result
            self.sent.append((user_id, text))
            return PushResult("sent")


def make_bot(tmp_path, clock, transport=None, **sections):
    sections.setdefault("wechat", {}).setdefault("push", "simulator")
    bot = Bot(make_config(tmp_path, **sections), clock)
    if transport is not None:
        bot._transports = {"wechat": transport}
    return bot


@pytest.fixture
def school_at():
    """A demo school seeded on 2026-09-01, then the clock set to the day under test."""

    def make(tmp_path, when, transport=None, **sections):
        clock = FrozenClock("2026-09-01 09:00")
        bot = make_bot(tmp_path, clock, transport or RecordingPush(), **sections)
        demo.seed(bot.store, clock)
        clock.set(when)
        return bot

    return make


def names(bot, rows):
    return sorted(bot.store.members.get(r["member_id"]).staff_no for r in rows)


def test_teachers_day_reaches_everyone_including_retired_once(tmp_path, school_at):
    bot = school_at(tmp_path, "2026-09-10 08:00")
    result = run_day(bot, dt.date(2026, 9, 10))
    greetings = bot.store.db.query("SELECT * FROM outbox WHERE kind = 'greeting'")
    active = [m for m in bot.store.members.all() if m.status != "离职"]
    assert len(greetings) == len(active) == 38
    assert "3001" not in names(bot, greetings)  # left the school
    assert any(r["text"].startswith("王建国老师，教师节快乐！") for r in greetings)  # retired included
    assert result.report.sent == 38
    again = run_day(bot, dt.date(2026, 9, 10))
    assert again.written == 0 and again.report.sent == 0
    assert len(bot.transports()["wechat"].sent) == 38


def test_womens_day_only_women(tmp_path, school_at):
    bot = school_at(tmp_path, "2027-03-08 08:00")
    run_day(bot, dt.date(2027, 3, 8))
    rows = bot.store.db.query("SELECT * FROM outbox WHERE kind = 'greeting'")
    women = sorted(m.staff_no for m in bot.store.members.all() if m.gender == "女" and m.status != "离职")
    assert names(bot, rows) == women
    lina = next(r for r in rows if r["member_id"] == bot.store.members.by_staff_no("1003").id)
    assert lina["occasion"] == "生日+三八妇女节"  # her birthday too: one merged message
    assert lina["text"].startswith("李娜老师，生日快乐！") and "节日快乐！" in lina["text"]


def test_double_ninth_only_retired(tmp_path, school_at):
    bot = school_at(tmp_path, "2026-10-18 08:00")
    run_day(bot, dt.date(2026, 10, 18))
    rows = bot.store.db.query("SELECT * FROM outbox WHERE kind = 'greeting'")
    chongyang = [r for r in rows if "重阳节" in r["occasion"]]
    assert names(bot, chongyang) == [f"200{i}" for i in range(1, 9)]
    # 唐宁's 农历 birthday is 九月初九 too: she gets a birthday greeting, not the retirees' one
    others = [r for r in rows if r not in chongyang]
    assert names(bot, others) == ["1027"] and others[0]["occasion"] == "生日"


def test_mid_autumn_on_teachers_day_is_one_merged_message(tmp_path):
    clock = FrozenClock("2022-09-10 08:00")
    bot = make_bot(tmp_path, clock, RecordingPush())
    bot.store.members.add(staff_no="1", name="甲", gender="女", status="在职")
    run_day(bot, clock.today())
    rows = bot.store.db.query("SELECT * FROM outbox")
    assert len(rows) == 1 and rows[0]["occasion"] == "教师节+中秋节"  # in calendar order
    assert rows[0]["text"] == "甲老师，教师节快乐！感谢您为教育事业的辛勤付出。中秋节快乐！花好月圆，阖家团圆。\n——测试学校工会 9月10日"


def test_birthday_today_reaches_the_simulator_and_the_committee_list(tmp_path):
    clock = FrozenClock("2026-11-23 08:00")
    bot = make_bot(tmp_path, clock)  # the real simulator transport
    demo.seed(bot.store, clock)
    run_day(bot, clock.today())
    pushes = bot.transports()["wechat"].received("sim-1009")
    assert [p["text"] for p in pushes] == ["周婷老师，生日快乐！愿您健康平安、万事顺意。\n——测试学校工会 11月23日"]
    lists = bot.store.db.query("SELECT * FROM outbox WHERE kind = 'birthday_list'")
    assert names(bot, lists) == ["1001", "1002", "1005"]
    assert "周婷（英语组）" in lists[0]["text"]


def test_opt_out_unbound_and_left(tmp_path, school_at):
    bot = school_at(tmp_path, "2026-10-01 08:00")
    zhang = bot.store.members.by_staff_no("1001")
    bot.store.members.set_opt_out(zhang.id, True)
    li = bot.store.members.by_staff_no("1003")
    bot.store.db.execute("DELETE FROM bindings WHERE member_id = ?", (li.id,))
    run_day(bot, dt.date(2026, 10, 1))
    rows = {r["member_id"]: r for r in bot.store.db.query("SELECT * FROM outbox WHERE kind = 'greeting'")}
    assert zhang.id not in rows  # opted out of greetings
    assert rows[li.id]["status"] == "skipped" and rows[li.id]["reason"] == "未绑定"
    assert bot.store.members.by_staff_no("3001").id not in rows


def test_opted_out_still_get_checkup_notices(tmp_path, school_at):
    bot = school_at(tmp_path, "2026-09-14 08:00")  # checkup 9/15: the one-day notice
    zhang = bot.store.members.by_staff_no("1001")
    bot.store.members.set_opt_out(zhang.id, True)
    run_day(bot, dt.date(2026, 9, 14))
    kinds = [r["kind"] for r in bot.store.outbox.for_member(zhang.id)]
    assert kinds == ["checkup_notice"]


def test_killing_the_sender_halfway_then_running_again_sends_the_rest_once(tmp_path, school_at):
    dying = RecordingPush(fail_after=10)
    bot = school_at(tmp_path, "2026-09-10 08:00", transport=dying)
    with pytest.raises(KeyboardInterrupt):
        run_day(bot, dt.date(2026, 9, 10))
    assert len(dying.sent) == 10
    healthy = RecordingPush()
    bot._transports = {"wechat": healthy}
    run_day(bot, dt.date(2026, 9, 10))
    delivered = dying.sent + healthy.sent
    assert len(delivered) == len(set(delivered)) == 37  # one was in flight when killed
    bot.clock.advance(minutes=11)
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    stuck = bot.store.outbox.list(status="failed")
    assert len(stuck) == 1 and "发送中断" in stuck[0]["reason"]  # not re-sent blindly: it may have arrived


def _dead_owner() -> str:
    """The name a sender had in a process that has since exited (this machine)."""
    import socket
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return f"{socket.gethostname()}:{int(proc.stdout)}:abcdef"


@pytest.mark.parametrize("platform_dedups", [False, True])
def test_a_row_left_sending_by_a_dead_process_is_recovered_at_once(tmp_path, school_at, platform_dedups):
    """A killed scheduler's in-flight row: where the platform drops duplicates (企业微信's duplicate
    check) it is sent again, delivered once; elsewhere it is marked for an operator, never re-sent."""
    dying = RecordingPush(fail_after=10)
    bot = school_at(tmp_path, "2026-09-10 08:00", transport=dying)
    with pytest.raises(KeyboardInterrupt):
        run_day(bot, dt.date(2026, 9, 10))
    in_flight = bot.store.db.query("SELECT * FROM outbox WHERE status = 'sending'")
    assert len(in_flight) == 1 and in_flight[0]["claimed_by"]
    bot.store.db.execute("UPDATE outbox SET claimed_by = ? WHERE status = 'sending'", (_dead_owner(),))
    healthy = RecordingPush()
    if platform_dedups:
        healthy.duplicate_window_s = 14400
    bot._transports = {"wechat": healthy}
    run_day(bot, dt.date(2026, 9, 10))  # no waiting for the stale timeout: its sender is known dead
    row = bot.store.outbox.get(in_flight[0]["id"])
    if platform_dedups:
        assert row["status"] == "sent" and (in_flight[0]["target"], in_flight[0]["text"]) in healthy.sent
        assert len(dying.sent) + len(healthy.sent) == 38
    else:
        assert row["status"] == "failed" and row["reason"] == "发送中断（可能已送达），未自动重发，请核实"
        assert len(healthy.sent) == 27


def test_a_row_being_sent_by_a_live_process_is_left_alone(tmp_path, school_at):
    bot = school_at(tmp_path, "2026-09-10 08:00", transport=RecordingPush(fail_after=3))
    with pytest.raises(KeyboardInterrupt):
        run_day(bot, dt.date(2026, 9, 10))
    row = bot.store.db.one("SELECT * FROM outbox WHERE status = 'sending'")
    other = Sender(bot.store, bot.clock, bot.config, {"wechat": RecordingPush()}, owner="another-sender")
    assert other.recover_stale() == 0  # this process (its claimant) is alive: maybe still sending
    assert bot.store.outbox.get(row["id"])["status"] == "sending"


def test_two_schedulers_at_once_send_each_message_once(tmp_path, school_at):
    push = RecordingPush()
    bot = school_at(tmp_path, "2026-09-10 08:00", transport=push)
    other = Bot(bot.config, bot.clock)
    other._transports = {"wechat": push}
    barrier = threading.Barrier(2)

    def go(b):
        barrier.wait()
        run_day(b, dt.date(2026, 9, 10))

    assert run_in_threads(go, (bot, other)) == []
    assert len(push.sent) == len(set(push.sent)) == 38


def test_scheduler_lease(tmp_path, clock):
    bot = make_bot(tmp_path, clock)
    first, second = SchedulerLock(bot.store, clock, "a"), SchedulerLock(bot.store, clock, "b")
    assert first.acquire() and not second.acquire()
    assert first.acquire()  # renewal
    clock.advance(minutes=4)  # the holder died and stopped renewing
    assert second.acquire() and not first.acquire()


def test_build_scheduler_refuses_when_another_holds_the_lease(tmp_path, clock):
    from bot.scheduler import build_scheduler

    bot = make_bot(tmp_path, clock)
    scheduler, lock = build_scheduler(bot, blocking=False)
    assert scheduler is not None
    jobs = {j.id for j in scheduler.get_jobs()}
    assert jobs == {"daily-duties", "outbox-sender", "housekeeping"}
    again, _ = build_scheduler(Bot(bot.config, clock), blocking=False)
    assert again is None
    lock.release()


def test_failed_sends_retry_with_backoff_then_give_up(tmp_path, clock):
    flaky = RecordingPush(results=[PushResult("failed", "errcode -1", retryable=True)] * 6)
    bot = make_bot(tmp_path, clock, flaky)
    m = bot.store.members.add(staff_no="1", name="甲")
    bot.store.bindings.bind("wechat", "o1", m.id)
    bot.store.outbox.enqueue("promotion", m.id, "候补转正")
    sender = Sender(bot.store, clock, bot.config, bot.transports())
    for minutes in (0, 1, 5, 30):
        clock.advance(minutes=minutes)
        sender.drain()
        row = bot.store.outbox.list()[0]
        assert row["status"] == "pending" and row["reason"] == "errcode -1"
    clock.advance(minutes=120)
    sender.drain()
    row = bot.store.outbox.list()[0]
    assert row["status"] == "failed" and row["attempts"] == 5


def test_retry_succeeds(tmp_path, clock):
    flaky = RecordingPush(results=[PushResult("failed", "timeout", retryable=True)])
    bot = make_bot(tmp_path, clock, flaky)
    m = bot.store.members.add(staff_no="1", name="甲")
    bot.store.bindings.bind("wechat", "o1", m.id)
    bot.store.outbox.enqueue("promotion", m.id, "候补转正")
    sender = Sender(bot.store, clock, bot.config, bot.transports())
    sender.drain()
    clock.advance(minutes=1)
    sender.drain()
    assert bot.store.outbox.list()[0]["status"] == "sent" and flaky.sent == [("o1", "候补转正")]


@pytest.mark.parametrize("channel", ["dingtalk_robot", "wecom", "wechat"])
def test_each_channel_never_exceeds_its_limit_in_any_window(store, clock, channel):
    """DingTalk robots 20 a minute; 企业微信 100 and 公众号 20 a second: as the platform counts, in any
    window, not merely on average (a full bucket would let twice the limit through in one window)."""
    from bot.push import RATE_LIMITS, Pacing

    rate, per = RATE_LIMITS[channel]
    pacing = Pacing(store, clock)
    stamps = []
    for i in range(rate * 3):
        wait = pacing.take(channel, f"u{i}")
        while wait:
            clock.advance(seconds=wait)
            wait = pacing.take(channel, f"u{i}")
        stamps.append(clock.now())
    most = max(sum(1 for s in stamps[i:] if (s - t).total_seconds() < per) for i, t in enumerate(stamps))
    assert rate - 1 <= most <= rate  # the limit, and not far below it


def test_sender_obeys_the_channel_rate(tmp_path, clock):
    robot = RecordingPush()
    bot = make_bot(tmp_path, clock)
    bot._transports = {"dingtalk": robot}
    for i in range(25):
        m = bot.store.members.add(staff_no=str(i), name=f"人{i}")
        bot.store.bindings.bind("dingtalk", f"d{i}", m.id)
        bot.store.outbox.enqueue("greeting", m.id, "你好")
    start = clock.now()
    report = Sender(bot.store, clock, bot.config, bot.transports()).drain()
    assert report.sent == 25 and len(robot.sent) == 25
    assert (clock.now() - start).total_seconds() >= 24 * 3  # one every 3 s


def test_wechat_push_rules_are_said_in_the_row(tmp_path, clock):
    for account, reason in (("subscription", "公众号无推送权限"), ("service", "48小时窗口已过")):
        bot = Bot(make_config(tmp_path / account, wechat={"account_type": account, "push": "api",
                                                           "app_secret": "s"}), clock)
        m = bot.store.members.add(staff_no="1", name="甲", status="在职")
        bot.store.bindings.bind("wechat", "o1", m.id)
        planned = plan(bot, dt.date(2026, 10, 1))
        assert planned[0].skip_reason.startswith(reason), planned[0].skip_reason


def test_checkup_notices_seven_and_one_day_before_and_reminder(tmp_path, school_at):
    # demo checkup: 2026-09-15 (Tue) to 09-17. 7 days before = 09-08 (Tue); 1 day before = 09-14 (Mon)
    bot = school_at(tmp_path, "2026-09-08 08:00")
    days = {}
    for offset in range(0, 20):
        day = dt.date(2026, 9, 1) + dt.timedelta(days=offset)
        kinds = sorted({p.kind for p in plan(bot, day) if p.kind.startswith("checkup")})
        if kinds:
            days[day.isoformat()] = kinds
    assert days == {"2026-09-08": ["checkup_notice"], "2026-09-14": ["checkup_notice"],
                    "2026-09-15": ["checkup_reminder"]}
    women = [p for p in plan(bot, dt.date(2026, 9, 15)) if "妇女病" in p.text]
    assert women and all(p.member.gender == "女" for p in women)


def test_notice_moves_off_a_holiday_to_the_previous_workday(tmp_path, clock):
    bot = make_bot(tmp_path, clock, RecordingPush())
    bot.store.members.add(staff_no="1", name="甲")
    # checkup 2026-10-09: 7 days before is 10-02 (国庆 holiday) → the previous workday, 09-30
    bot.store.checkups.add("体检", "2026-10-09", "2026-10-09", "医院")
    clock.set("2026-09-20 08:00")
    dates = [d for d in (dt.date(2026, 9, 25) + dt.timedelta(days=i) for i in range(14))
             if any(p.kind == "checkup_notice" for p in plan(bot, d))]
    # 1 day before is 10-08, a workday; 2026-10-10 (Sat) is a 调休 workday but after the checkup
    assert dates == [dt.date(2026, 9, 30), dt.date(2026, 10, 8)]


def test_unknown_holiday_year_warns_admin_once_and_falls_back(tmp_path, clock):
    bot = make_bot(tmp_path, clock, RecordingPush())
    admin = bot.store.members.add(staff_no="9", name="管理员甲", role="管理员")
    bot.store.bindings.bind("wechat", "oa", admin.id)
    bot.store.checkups.add("体检", "2027-03-15", "2027-03-15", "医院")  # 7 days before: Mon 03-08
    clock.set("2027-03-01 08:00")
    for i in range(10):
        plan(bot, dt.date(2027, 3, 1) + dt.timedelta(days=i))
    warnings = bot.store.db.query("SELECT * FROM outbox WHERE kind = 'admin_warning'")
    assert len(warnings) == 1 and "2027" in warnings[0]["text"] and "节假日" in warnings[0]["text"]
    assert "chinesecalendar" not in warnings[0]["text"]  # plain Chinese: no library name
    alert = bot.store.alerts.active()[0]  # and on the console's dashboard until dismissed
    assert alert["key"] == "chinesecalendar-2027" and "更新服务器上的节假日数据" in alert["todo"]
    notice_days = [d for d in (dt.date(2027, 3, 1) + dt.timedelta(days=i) for i in range(14))
                   if any(p.kind == "checkup_notice" for p in plan(bot, d))]
    assert notice_days == [dt.date(2027, 3, 8), dt.date(2027, 3, 12)]  # 03-14 is a Sunday → Friday


def test_catch_up_sends_today_after_send_time_and_respects_grace(tmp_path):
    clock = FrozenClock("2026-11-23 07:00")
    bot = make_bot(tmp_path, clock, RecordingPush())
    demo.seed(bot.store, clock)  # 周婷's birthday: 11-23
    assert catch_up(bot) == []  # before 08:00 nothing yet
    clock.set("2026-11-24 10:00")  # the server was down all of the 23rd
    catch_up(bot)
    assert bot.store.outbox.list(send_on="2026-11-23") == []  # grace 0: not sent late
    graceful = Bot(make_config(tmp_path, schedule={"birthday_grace_days": 1}, wechat={"push": "simulator"}), clock)
    graceful._transports = bot._transports
    catch_up(graceful)
    late = graceful.store.outbox.list(send_on="2026-11-23")
    assert {r["kind"] for r in late} == {"greeting", "birthday_list"}
    assert all(r["status"] == "sent" for r in late)
