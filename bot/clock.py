"""The only place that reads the time. Tests use FrozenClock and move it; they never sleep."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo


class Clock:
    def __init__(self, timezone: str = "Asia/Shanghai") -> None:
        self.tz = ZoneInfo(timezone)

    def now(self) -> dt.datetime:
        """Aware local time in the school's time zone."""
        return dt.datetime.now(self.tz)

    def today(self) -> dt.date:
        return self.now().date()

    def timestamp(self) -> int:
        """Seconds since the epoch: the same as `now()`'s, without making a local time (every signed
        request's freshness check asks)."""
        return int(time.time())

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class FrozenClock(Clock):
    def __init__(self, at: dt.datetime | str = "2026-09-01 09:00", timezone: str = "Asia/Shanghai") -> None:
        super().__init__(timezone)
        self.set(at)

    def set(self, at: dt.datetime | str) -> None:
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at)
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.tz)
        self._now = at.astimezone(self.tz)

    def advance(self, **delta: float) -> None:
        self._now = self._now + dt.timedelta(**delta)

    def now(self) -> dt.datetime:
        return self._now

    def timestamp(self) -> int:
        return int(self._now.timestamp())

    def sleep(self, seconds: float) -> None:
        self.advance(seconds=seconds)
