"""Selecting one day's recipients with 10k and 100k synthetic members: time (median of 5) and peak
Python memory (tracemalloc), side by side in one run. Days: a birthday-only day, and 教师节 (everyone)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from bot.app import Bot
from bot.clock import FrozenClock
from bot.config import build_config
from bot.scheduler import Day, gc_paused, plan
from handlers.greetings import recipients

GROUPS = ["语文组", "数学组", "英语组", "理化生组", "体艺组", "行政后勤组", "退休组"]


def make_school(path: Path, n: int) -> Bot:
    clock = FrozenClock("2026-09-01 07:00")
    bot = Bot(build_config({"bot": {"database": str(path)}, "wechat": {"token": "t", "push": "simulator"}}), clock)
    rng = random.Random(n)
    now = clock.now().isoformat()
    rows, binds = [], []
    for i in range(n):
        lunar = rng.random() < 0.1
        month, day = rng.randint(1, 12), rng.randint(1, 30 if lunar else 28)
        status = rng.choices(["在职", "退休", "离职"], [80, 17, 3])[0]
        rows.append((i + 1, f"{i:06d}", f"会员{i}", rng.choice("男女"), f"{rng.randint(1950, 2000)}-{month:02d}-{day:02d}",
                     "农历" if lunar else "公历", int(lunar and rng.random() < 0.05), rng.choice(GROUPS), status,
                     "工会委员" if i < 10 else "会员", int(rng.random() < 0.02), now, now))
        if rng.random() < 0.9:
            binds.append(("wechat", f"o{i}", i + 1, now))
    with bot.store.transaction():
        bot.store.db.conn.executemany(
            "INSERT INTO members (id, staff_no, name, gender, birth_date, birth_calendar, birth_leap, group_name, "
            "status, role, push_opt_out, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        bot.store.db.conn.executemany("INSERT INTO bindings VALUES (?,?,?,?)", binds)
    return bot


def measure(fn) -> tuple[float, float, int]:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, len(result)


def select(bot: Bot, day: dt.date):
    with gc_paused():
        wishes, _ = recipients(Day(day, bot))
    return wishes


def run(sizes: tuple[int, int] = (10_000, 100_000)) -> None:
    days = {"birthdays only (2026-11-05)": dt.date(2026, 11, 5), "教师节, everyone (2026-09-10)": dt.date(2026, 9, 10)}
    small_n, large_n = sizes
    with tempfile.TemporaryDirectory() as tmp:
        schools = {n: make_school(Path(tmp) / f"{n}.db", n) for n in sizes}
        for label, day in days.items():
            for what, fn in (("select recipients", select), ("full plan (+text, routing)", plan)):
                results = {n: measure(lambda b=bot, f=fn, d=day: f(b, d)) for n, bot in schools.items()}
                small, large = results[small_n], results[large_n]
                for n, (secs, mb, count) in results.items():
                    print(f"  {label:30s} {what:27s} members={n:>7,}  median {secs * 1000:7.1f} ms  "
                          f"peak {mb:6.1f} MB  rows {count:>7,}")
                print(f"  {'':58s} {large_n:,}/{small_n:,} time ratio {large[0] / small[0]:5.1f} "
                      f"(linear: {large_n / small_n:g})")
