"""Rate limits hold across every sender in every process (security review, issue 17): the daily
duties, the per-minute sender, a console resend and another process all consult one pacing record
in the database, so together they never send more than the platform allows."""

from __future__ import annotations

import bisect
import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

from bot.app import Bot
from bot.channels.base import PushResult
from bot.clock import Clock, FrozenClock
from bot.push import RATE_LIMITS, Sender
from bot.scheduler import run_day
from storage import Store
from tests.conftest import make_config

ROOT = Path(__file__).resolve().parents[1]


class StampingPush:
    """A fake transport that notes when (by the test's clock) each message reached it."""

    def __init__(self, clock, group: bool = False) -> None:
        self.clock = clock
        self.group = group
        self.stamps: list[dt.datetime] = []
        self.targets: list[str] = []
        self.lock = threading.Lock()

    def push(self, target, text, kind=""):
        with self.lock:
            self.stamps.append(self.clock.now())
            self.targets.append(target)
        return PushResult("sent")


def most_in_window(stamps, seconds: float) -> int:
    """The most messages in any window of `seconds` (half-open, as a platform counts a minute)."""
    times = sorted(s.timestamp() if isinstance(s, dt.datetime) else s for s in stamps)
    return max((bisect.bisect_left(times, t + seconds) - i for i, t in enumerate(times)), default=0)


def enqueue(bot, n, channel, target=lambda i: "group", kind="notice"):
    for i in range(n):
        bot.store.outbox.enqueue(kind, None, f"消息{i}", channel=channel, target=target(i), dedup_key=f"{kind}|{i}")


def take_turns(bot, senders) -> None:
    """Senders draining the same outbox one row at a time, in turn, as two jobs running at once would:
    the daily duty (all of today's rows) and the per-minute sender (whatever is due)."""
    today = bot.clock.today()
    for _ in range(1000):
        if not bot.store.outbox.list(status="pending"):
            return
        for i, sender in enumerate(senders):
            sender.drain(send_on=today, limit=1) if i % 2 == 0 else sender.drain(limit=1)
        if not bot.store.db.scalar("SELECT count(*) FROM outbox WHERE status = 'pending' AND "
                                   "(next_attempt_at IS NULL OR next_attempt_at <= ?)",
                                   (bot.clock.now().isoformat(timespec="seconds"),)):
            bot.clock.advance(seconds=1)  # everything left was deferred: time passes
    raise AssertionError("the outbox never drained")


def test_two_senders_share_a_group_robots_twenty_a_minute(tmp_path, clock):
    robot = StampingPush(clock, group=True)
    bot = Bot(make_config(tmp_path), clock)
    bot._transports = {"dingtalk_robot": robot}
    enqueue(bot, 44, "dingtalk_robot")
    daily = Sender(bot.store, clock, bot.config, bot.transports(), owner="daily-duties")
    minutely = Sender(bot.store, clock, bot.config, bot.transports(), owner="outbox-sender")
    take_turns(bot, [daily, minutely])
    assert len(robot.stamps) == 44
    assert most_in_window(robot.stamps, 60) <= 20  # not 40: one budget for both senders


def test_two_senders_share_the_per_second_and_per_member_limits(tmp_path, clock):
    """企业微信: 100 a second for the app, 30 a minute for one member; 公众号: 20 a second."""
    for channel in ("wecom", "wechat"):
        clock = FrozenClock("2026-09-01 09:00")
        push = StampingPush(clock)
        bot = Bot(make_config(tmp_path / channel), clock)
        bot._transports = {channel: push}
        enqueue(bot, 300, channel, target=lambda i: f"u{i % 3}")
        senders = [Sender(bot.store, clock, bot.config, bot.transports(), owner=f"s{i}") for i in range(2)]
        take_turns(bot, senders)
        assert len(push.stamps) == 300
        rate, per = RATE_LIMITS[channel]
        assert most_in_window(push.stamps, per) <= rate, channel
        if channel == "wecom":
            for member in ("u0", "u1", "u2"):
                mine = [s for s, t in zip(push.stamps, push.targets, strict=True) if t == member]
                assert most_in_window(mine, 60) <= 30


def test_the_daily_staff_group_message_waits_for_what_another_sender_just_sent(tmp_path):
    """The merged greeting for the staff group (run_day) goes through the same pacing: after a
    minute of console test messages to the robot, it waits its turn."""
    clock = FrozenClock("2026-09-10 07:59:02")
    robot = StampingPush(clock, group=True)
    bot = Bot(make_config(tmp_path), clock)
    bot._transports = {"dingtalk_robot": robot}
    enqueue(bot, 20, "dingtalk_robot", kind="test_push")
    console = Sender(bot.store, clock, bot.config, bot.transports(), owner="console")
    console.send_now([r["id"] for r in bot.store.outbox.list()])
    assert len(robot.stamps) == 20 and clock.now() > dt.datetime(2026, 9, 10, 8, 0, tzinfo=clock.tz)
    # 教师节, past the scheduler's send time: the daily duties send the group its greeting
    result = run_day(bot, clock.today())
    rows = bot.store.outbox.list(send_on="2026-09-10")
    assert [r["status"] for r in rows if r["kind"] == "group_greeting"] == ["sent"] and result.report.sent == 1
    assert len(robot.stamps) == 21
    assert most_in_window(robot.stamps, 60) <= 20


SENDER_PROCESS = """
import sys, time
from bot.channels.base import PushResult
from bot.clock import Clock
from bot.push import Sender
from storage import Store

database, stamps, start = sys.argv[1], sys.argv[2], float(sys.argv[3])

class Stamping:
    def push(self, target, text, kind=""):
        with open(stamps, "a") as f:
            f.write(f"{time.time()}\\n")
        return PushResult("sent")

store = Store.open(database, Clock())
while time.time() < start:
    time.sleep(0.005)
report = Sender(store, Clock(), None, {"wechat": Stamping()}).drain()
print(report.sent)
"""


def test_two_processes_share_the_per_second_limit(tmp_path):
    """Two sender processes on one database (a scheduler and a console resend, say), real time:
    the 公众号's 20 a second holds for both together."""
    import time

    database = str(tmp_path / "pacing.db")
    store = Store.open(database, Clock())
    for i in range(60):
        store.outbox.enqueue("notice", None, f"消息{i}", channel="wechat", target=f"o{i}", dedup_key=f"n|{i}")
    stamps = tmp_path / "stamps.txt"
    start = time.time() + 2.0  # both have started (imports) before either sends
    procs = [subprocess.Popen([sys.executable, "-c", SENDER_PROCESS, database, str(stamps), str(start)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    sent = [int(out.strip()) for out, _ in outputs]
    assert sum(sent) == 60 and min(sent) > 0, sent  # both took part
    times = [float(line) for line in stamps.read_text().split()]
    assert len(times) == 60
    assert most_in_window(times, 1.0) <= RATE_LIMITS["wechat"][0]
