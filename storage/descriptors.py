"""The descriptors a process holds per database (a claims table, the two write locks), closed when it is done with a
database: only the test suite, which makes thousands of schools in one process, needs this (at about 20,000 open
descriptors it would run out: EMFILE). A server opens one school and keeps it."""

from __future__ import annotations

import contextlib
import os
import weakref

from storage.db import _write_locks, _write_locks_guard
from storage.leases import current_pid

_open_tables: weakref.WeakSet = weakref.WeakSet()  # the claims tables open, each with `folder`, its database's folder


def opened(table) -> None:
    _open_tables.add(table)


def _done_with(folder: str, root: str | None) -> bool:
    return bool(root and (folder + os.sep).startswith(root)) or not os.path.isdir(folder)


def close_under(directory: str | None) -> None:
    """Close the open claims tables of the databases under `directory`, and of those whose folder is gone."""
    root = os.path.abspath(directory) + os.sep if directory else None
    for table in list(_open_tables):
        if _done_with(getattr(table, "folder", ""), root):
            table.close()
            _open_tables.discard(table)


def forget_locks_under(directory: str | None) -> None:
    """Close and forget the write locks of the databases under `directory`, and of those whose folder is gone: a
    process that makes thousands of schools (the test suite) would else keep two descriptors per school."""
    root = os.path.abspath(directory) + os.sep if directory else None
    with _write_locks_guard:
        for key, lock in list(_write_locks.items()):
            folder = os.path.dirname(key)
            if lock._depth or not _done_with(folder, root):
                continue
            if lock._fd is not None and lock._pid == current_pid():
                with contextlib.suppress(OSError):
                    os.close(lock._fd)
            lock._fd, lock._pid = None, 0  # (reopened if a database still holding it writes again)
            del _write_locks[key]
