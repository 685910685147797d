"""Push throughput with the real rate limits on: the outbox drained through 企业微信's app-message
API (bot/channels/wecom.py) into a local fake of that API (tests/test_wecom.py's FakeWeComAPI, which
checks each request against the documented format). The limiter must hold the limit exactly: the
most messages the fake saw in any one-second window is printed beside the limit.

Then what that means for a school of 100,000 members: a festival greeting to everyone, and a
typical day's birthdays (1/365 of them)."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import statistics
import tempfile
import time
from pathlib import Path

from bot.app import Bot
from bot.config import build_config
from bot.push import RATE_LIMITS, Sender


def max_in_window(stamps: list[float], window: float = 1.0) -> int:
    stamps = sorted(stamps)
    return max((bisect.bisect_left(stamps, t + window) - i for i, t in enumerate(stamps)), default=0)


def run(messages: int = 600, rounds: int = 3) -> dict:
    from tests.test_wecom import AES, CORP, TOKEN, FakeWeComAPI

    api = FakeWeComAPI().start()
    stamps: list[float] = []

    @api.app.before_request
    def stamp():
        from flask import request

        if request.path == "/cgi-bin/message/send":
            stamps.append(time.monotonic())

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the fake's access log
    rate, per = RATE_LIMITS["wecom"]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        config = build_config({"bot": {"database": str(Path(tmp) / "push.db")}, "wechat": {"token": "t", "push": "none"},
                               "wecom": {"enabled": True, "corp_id": CORP, "agent_id": "1000002", "secret": "s",
                                         "token": TOKEN, "encoding_aes_key": AES, "api_base": api.base}})
        bot = Bot(config)
        members = []
        with bot.store.transaction():
            for i in range(messages):
                members.append(bot.store.members.add(staff_no=f"5{i:05d}", name=f"推送{i}"))
                bot.store.bindings.bind("wecom", f"wp{i}", members[-1].id)
        try:
            for r in range(rounds):
                with bot.store.transaction():
                    for m in members:
                        bot.store.outbox.enqueue("greeting", m.id, f"{m.name}老师，节日快乐！（第{r}轮）",
                                                 occasion=f"bench-{r}", send_on=bot.clock.today(),
                                                 not_before=bot.clock.now() - dt.timedelta(minutes=1),
                                                 dedup_key=f"bench|{r}|{m.id}", channel="wecom", target=f"wp{m.id}")
                stamps.clear()
                start = time.monotonic()
                report = Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
                elapsed = time.monotonic() - start
                results.append({"sent": report.sent, "seconds": elapsed, "per_s": report.sent / elapsed,
                                "max_1s": max_in_window(stamps, per)})
        finally:
            api.stop()
    per_s = statistics.median(r["per_s"] for r in results)
    worst = max(r["max_1s"] for r in results)
    print(f"limit {rate} per {per:g} s (paced, no burst); {messages} messages x {rounds} rounds, 企业微信 app messages")
    print(f"  sent {statistics.median(r['sent'] for r in results):.0f} per round, median {per_s:.1f} messages/s, "
          f"most in any {per:g}s window: {worst} (limit {rate})")
    everyone = 100_000 / per_s
    print(f"  100,000 members: a festival greeting to all ~{everyone / 60:.0f} min; "
          f"a day's birthdays (~{100_000 // 365}) ~{100_000 / 365 / per_s:.0f} s")
    return {"per_s": per_s, "max_1s": worst, "limit": rate, "rounds": results}


if __name__ == "__main__":
    run()
