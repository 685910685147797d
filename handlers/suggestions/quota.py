"""How many suggestions each user sent today, counted in memory only (handlers/suggestions/__init__.py)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading


class DailyQuota:
    """How many suggestions each user sent today, kept in memory only: the database file never
    says who submitted anything, not even that someone did. Counters are keyed by an HMAC with a
    random key that is replaced (and the counters dropped) when the day changes. With several
    server processes each counts its own, so the limit is at most that many times higher."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._day = ""
        self._key = b""
        self._counts: dict[str, int] = {}

    def rotate(self, day: str) -> None:
        with self._lock:
            if day != self._day:
                self._day, self._key, self._counts = day, secrets.token_bytes(32), {}

    def take(self, who: str, day: str, limit: int) -> bool:
        self.rotate(day)
        with self._lock:
            key = hmac.new(self._key, who.encode(), hashlib.sha256).hexdigest()
            if self._counts.get(key, 0) >= limit:
                return False
            self._counts[key] = self._counts.get(key, 0) + 1
            return True
