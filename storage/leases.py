"""Leases: "at most one of these per installation" across processes and machines sharing the file.

A lease is a kv row (key, holder, expiry). `acquire()` takes it when free or expired, and renews it
when already held. A holder that dies without releasing is replaced once the lease expires, or at
once when it ran on this machine and its process is gone (a scheduler restarted after a crash).
Holders are named host:pid:process-random:holder-random.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid


class Lease:
    def __init__(self, store, clock, key: str, ttl: dt.timedelta, owner: str | None = None) -> None:
        self.store, self.clock, self.key, self.ttl = store, clock, key, ttl
        self.owner = owner or new_owner()

    def acquire(self) -> bool:
        """Take or renew the lease; False while someone else holds it."""
        now = self.clock.now()
        with self.store.transaction():
            row = self.store.db.one("SELECT value, expires_at FROM kv WHERE key = ?", (self.key,))
            if (row and row["value"] != self.owner and row["expires_at"] > now.isoformat()
                    and owner_alive(row["value"]) is not False):
                return False
            self.store.db.execute(
                "INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "value = excluded.value, expires_at = excluded.expires_at",
                (self.key, self.owner, (now + self.ttl).isoformat()))
            return True

    def holder(self) -> str:
        return self.store.db.scalar("SELECT value FROM kv WHERE key = ?", (self.key,)) or ""

    def release(self) -> None:
        self.store.db.execute("DELETE FROM kv WHERE key = ? AND value = ?", (self.key, self.owner))


_process: tuple[int, str] | None = None
_pid = os.getpid()


def _forked() -> None:
    global _pid
    _pid = os.getpid()


os.register_at_fork(after_in_child=_forked)


def current_pid() -> int:
    """This process's id without a system call (os.getpid is one, on every lock): kept after a fork."""
    return _pid


def process_owner() -> str:
    """This process's name, host:pid:random (new after a fork)."""
    global _process
    if _process is None or _process[0] != _pid:
        _process = (_pid, f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}")
    return _process[1]


def new_owner() -> str:
    """A holder's name: the process's name and a random part of its own."""
    return f"{process_owner()}:{uuid.uuid4().hex[:6]}"


def owner_alive(owner: str) -> bool | None:
    """False when `owner` was a process on this machine that is gone (or an earlier process that had
    this very pid: pid 1 in a restarted container); None when unknown (another machine, a name not
    made by process_owner)."""
    parts = owner.split(":")
    if len(parts) < 3 or not parts[1].isdigit():
        return None
    host, pid = parts[0], int(parts[1])
    if host != socket.gethostname() or pid <= 0:
        return None
    if pid == os.getpid():
        return ":".join(parts[:3]) == process_owner()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
