"""Platform access tokens shared by every process through the database (the kv table).

The HTTP call that fetches a token never runs inside a database transaction: a slow token server
must not hold SQLite's write lock while webhooks wait to write (WeChat gives us 5 seconds). One
process refreshes at a time: it takes a short lease row with a single atomic upsert, fetches,
stores the token, drops the lease; the others wait briefly and read what it stored. A refresh
forced by an "invalid token" answer is skipped when another process already replaced that token.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable

LEASE = dt.timedelta(seconds=30)
SAFETY_MARGIN_S = 300  # treat a token as expired five minutes early


class TokenError(Exception):
    """No token could be had; str() says why (an errcode, a timeout)."""


class TokenCache:
    def __init__(self, store, clock, key: str, fetch: Callable[[bool], tuple[str, int]],
                 wait: Callable[[float], None] = time.sleep, wait_limit_s: float = 10.0) -> None:
        """`fetch(force)` returns (token, expires_in seconds) or raises TokenError."""
        self.store, self.clock, self.key, self.fetch = store, clock, key, fetch
        self._wait, self.wait_limit_s = wait, wait_limit_s
        self.owner = uuid.uuid4().hex

    @property
    def _alert_key(self) -> str:
        return f"token:{self.key}"

    def _alert(self, why: str) -> None:
        """The platform refused the bot's credentials: a warning on the console's dashboard, until a
        token is had again (nothing goes out on that platform meanwhile)."""
        self.store.alerts.raise_(
            self._alert_key, f"{why}，通过这个平台的消息暂时发不出去，会自动重试。",
            "要做的：请系统管理员核对配置文件里这个平台的应用编号和密钥（是否填错、是否在平台上被重置），"
            "并确认服务器的公网地址在平台的可信地址名单里。恢复后这条提醒会自动消失。")

    def _cached(self) -> tuple[str, bool] | None:
        row = self.store.db.one("SELECT value, expires_at FROM kv WHERE key = ?", (self.key,))
        if row is None:
            return None
        return row["value"], row["expires_at"] > self.clock.now().isoformat()

    def _take_lease(self) -> bool:
        now = self.clock.now()
        cur = self.store.db.execute(
            "INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value, expires_at = excluded.expires_at WHERE kv.expires_at < ?",
            (self.key + ":refresh", self.owner, (now + LEASE).isoformat(), now.isoformat()))
        return cur.rowcount == 1

    def _drop_lease(self) -> None:
        self.store.db.execute("DELETE FROM kv WHERE key = ? AND value = ?", (self.key + ":refresh", self.owner))

    def get(self, force: bool = False, stale: str | None = None) -> str:
        """A valid token. force: the platform rejected `stale`; fetch a new one unless another
        process already did."""
        def usable(cached) -> bool:
            return bool(cached and cached[1] and (not force or (stale is not None and cached[0] != stale)))

        waited = 0.0
        while True:
            cached = self._cached()
            if usable(cached):
                return cached[0]
            if self._take_lease():
                try:
                    cached = self._cached()  # another process may have stored one since we looked
                    if usable(cached):
                        return cached[0]
                    try:
                        token, expires_in = self.fetch(force)
                    except TokenError as exc:
                        self._alert(str(exc))
                        raise
                    if self.store.alerts.get(self._alert_key):
                        self.store.alerts.clear(self._alert_key)  # the platform accepts the bot again
                    expires = self.clock.now() + dt.timedelta(seconds=max(60, int(expires_in) - SAFETY_MARGIN_S))
                    self.store.db.execute(
                        "INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                        "value = excluded.value, expires_at = excluded.expires_at",
                        (self.key, token, expires.isoformat()))
                    return token
                finally:
                    self._drop_lease()
            if waited >= self.wait_limit_s:
                raise TokenError("另一个进程正在获取接口凭证，等待超时")
            self._wait(0.1)
            waited += 0.1
