"""Duties that run by themselves: plan a day (every feature's planner), write the outbox, send.

- `run_day(bot, date)` is idempotent: outbox keys make a second run write and send nothing new.
- One scheduler at a time: a lease in the database (kv 'scheduler-lock'), renewed every minute; a
  second scheduler process refuses to start duties.
- Catch-up: on start, if today's send time has passed, today's duties run now; greetings of the
  last `birthday_grace_days` days that never went out are sent late, older ones are not.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import logging
from collections import Counter
from dataclasses import dataclass, field

from bot.push import Planned, Sender, SendReport, route
from storage.leases import Lease

log = logging.getLogger(__name__)
LOCK_KEY = "scheduler-lock"
LOCK_TTL = dt.timedelta(minutes=3)
LAST_RUN_KEY = "scheduler-last-run"


@dataclass
class Day:
    """What a planner sees: the date, storage, config, the calendar, and a way to warn the admin once."""

    date: dt.date
    bot: object
    warnings: list[str] = field(default_factory=list)

    @property
    def store(self):
        return self.bot.store

    @property
    def config(self):
        return self.bot.config

    @property
    def calendar(self):
        return self.bot.calendar()

    @property
    def send_time(self) -> dt.time:
        return dt.time.fromisoformat(self.config.get("schedule", "send_time"))

    def warn(self, key: str, text: str, todo: str = "") -> None:
        """Tell the admins once, however often it is hit: a warning on the console's dashboard (kept
        until dismissed), a message to every 管理员 and a log line. `text` says what is wrong and
        `todo` what to do, both in plain Chinese."""
        if text in self.warnings:
            return
        self.warnings.append(text)
        first = self.store.db.execute("INSERT OR IGNORE INTO kv (key, value) VALUES (?, ?)",
                                      (f"warned:{key}", text)).rowcount
        if not first:
            return
        log.warning("admin warning (%s): %s", key, text)
        self.store.alerts.raise_(key, text, todo)
        for admin in self.store.members.committee():
            if admin.role == "管理员":
                self.store.outbox.enqueue("admin_warning", admin.id, f"【系统提醒】{text}{todo}", occasion=key,
                                          dedup_key=f"admin_warning|{admin.id}|{key}|")


@contextlib.contextmanager
def gc_paused():
    """Planning a festival allocates ~10 objects per member and frees none: the cyclic collector would
    rescan the growing heap again and again (superlinear). Pause it; reference counting still frees."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def plan(bot, date: dt.date, warnings: list | None = None) -> list[Planned]:
    with gc_paused():
        return _plan(bot, date, warnings)


def _plan(bot, date: dt.date, warnings: list | None = None) -> list[Planned]:
    day = Day(date, bot, warnings if warnings is not None else [])
    planned: list[Planned] = []
    for planner in bot.registry.jobs:
        planned.extend(planner(day))
    now = dt.datetime.combine(date, day.send_time, bot.clock.tz)
    transports = bot.transports()
    bindings = bot.store.bindings.for_push([p.member.id for p in planned if p.member])
    for p in planned:
        if p.member is None:  # a group robot's message: its channel is set by the planner
            continue
        p.channel, p.target, p.skip_reason = route(bot.store, bot.config, p.member, now, transports,
                                                   bindings.get(p.member.id, []), kind=p.kind)
    return planned


def write(bot, planned: list[Planned]) -> int:
    """Write planned messages to the outbox; returns how many were new."""
    new = 0
    with bot.store.transaction():
        for p in planned:
            not_before = dt.datetime.combine(p.send_on, p.send_at, bot.clock.tz)
            new += bot.store.outbox.enqueue(
                p.kind, p.member.id if p.member else None, p.text, occasion=p.occasion, send_on=p.send_on, not_before=not_before,
                dedup_key=p.dedup_key, channel=p.channel, target=p.target,
                status="skipped" if p.skip_reason else "pending", reason=p.skip_reason)
    return new


@dataclass
class DayResult:
    date: dt.date
    planned: int
    written: int
    report: SendReport


def run_day(bot, date: dt.date, kinds: set[str] | None = None) -> DayResult:
    planned = plan(bot, date)
    if kinds:
        planned = [p for p in planned if p.kind in kinds]
    written = write(bot, planned)
    report = Sender(bot.store, bot.clock, bot.config, bot.transports()).drain(send_on=date)
    bot.store.db.execute(  # what the console's settings page shows as the scheduler's last run
        "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (LAST_RUN_KEY, json.dumps({"date": date.isoformat(), "at": bot.clock.now().isoformat(timespec="seconds"),
                                   "planned": len(planned), "written": written, "sent": report.sent,
                                   "failed": report.failed, "skipped": report.skipped}, ensure_ascii=False)))
    return DayResult(date, len(planned), written, report)


def last_run(store) -> dict | None:
    value = store.db.scalar("SELECT value FROM kv WHERE key = ?", (LAST_RUN_KEY,))
    return json.loads(value) if value else None


def catch_up(bot) -> list[DayResult]:
    """What a (re)started scheduler does first."""
    now = bot.clock.now()
    send_time = dt.time.fromisoformat(bot.config.get("schedule", "send_time"))
    results = []
    grace = bot.config.get("schedule", "birthday_grace_days")
    for back in range(grace, 0, -1):
        results.append(run_day(bot, now.date() - dt.timedelta(days=back), kinds={"greeting", "birthday_list"}))
    if now.time() >= send_time:
        results.append(run_day(bot, now.date()))
    return results


# ---- one scheduler at a time ------------------------------------------------------------------------


class SchedulerLock(Lease):
    def __init__(self, store, clock, owner: str | None = None) -> None:
        super().__init__(store, clock, LOCK_KEY, LOCK_TTL, owner)


def build_scheduler(bot, blocking: bool):
    """APScheduler with explicit job ids: the daily duties at send time, the sender every minute
    (retries, promotions, replies), and the lease renewal."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    lock = SchedulerLock(bot.store, bot.clock)
    if not lock.acquire():
        return None, lock
    tz = bot.clock.tz
    hour, minute = (int(x) for x in bot.config.get("schedule", "send_time").split(":"))
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(timezone=tz, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})

    def guarded(fn):
        def run():
            if not lock.acquire():
                log.error("scheduler lease lost to %s; stopping duties", lock.holder())
                scheduler.shutdown(wait=False)
                return
            try:
                fn()
            except Exception:
                log.exception("scheduled duty failed")
        return run

    def daily():
        result = run_day(bot, bot.clock.today())
        log.info("daily duties %s: planned %s, new %s, sent %s, failed %s, skipped %s", result.date, result.planned,
                 result.written, result.report.sent, result.report.failed, result.report.skipped)

    def drain():
        Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()

    scheduler.add_job(guarded(daily), CronTrigger(hour=hour, minute=minute, timezone=tz), id="daily-duties",
                      replace_existing=True)
    scheduler.add_job(guarded(drain), IntervalTrigger(minutes=1, timezone=tz), id="outbox-sender",
                      replace_existing=True)
    scheduler.add_job(guarded(bot.housekeeping), IntervalTrigger(seconds=60, timezone=tz), id="housekeeping",
                      replace_existing=True)  # also renews the lease (guarded)
    return scheduler, lock


def preview(bot, first: dt.date, days: int = 60, names: dict[str, str] | None = None) -> list[dict]:
    """The next days' occasions and who gets what: the data of `schedule preview`, grouped per day,
    kind and occasion (the console's push plan). `names` labels a recipient that is a channel (a
    group robot)."""
    out, warnings = [], []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        groups: dict[tuple[str, str], dict] = {}
        for p in plan(bot, day, warnings):
            g = groups.setdefault((p.kind, p.occasion), {"date": day, "kind": p.kind, "occasion": p.occasion,
                                                         "names": [], "channels": Counter(), "skips": Counter(),
                                                         "sample": p.text})
            g["names"].append(p.member.name if p.member else (names or {}).get(p.channel, p.channel))
            if p.skip_reason:
                g["skips"][p.skip_reason] += 1
            else:
                g["channels"][p.channel] += 1
        out.extend(groups.values())
    return out
