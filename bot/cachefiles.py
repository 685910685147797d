"""Files derived from the installed libraries' own data, made once and kept under ~/.cache/unionbot
(`UNIONBOT_CACHE_DIR`): each is named by a hash of what it is made from, so a change of its inputs
makes a new one, and the same inputs give the same bytes. Used by bot/lexicon.py (jieba's dictionary
by first character) and bot/sounds.py (the characters' pinyin); bot/recache.py keeps its table of
compiled regular expressions here too, named the same way. A file that is missing or unreadable
is made again; where nothing can be written, the process keeps what it made in memory."""

from __future__ import annotations

import hashlib
import logging
import os
import stat as modes
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def directory() -> Path:
    return Path(os.environ.get("UNIONBOT_CACHE_DIR") or Path.home() / ".cache" / "unionbot")


def path(stem: str, suffix: str, *inputs: object) -> Path:
    """Where the file made from `inputs` (their repr) is kept: stem-<hash>.suffix."""
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()[:16]
    return directory() / f"{stem}-{digest}.{suffix}"


def stamp(file: Path) -> tuple[str, int, int]:
    """A library file as an input: its path, size and time (an upgrade changes them)."""
    stat = file.stat()
    return str(file.resolve()), stat.st_size, stat.st_mtime_ns


def trusted(file: Path) -> bool:
    """Whether only this user (or root) could have written `file`: it is this user's and nobody
    else may write it, nor replace it in its folder (the folder is this user's or root's, and others
    may not write there, or only under the sticky bit). A file from the cache folder that is read as
    code or data without any other check (bot/recache.py's compiled patterns, which _sre takes as they
    are and can crash on; the intent model) must pass this; a file that does not is ignored (False
    also when it cannot be looked at). Group-writable is taken as the owner's own only when the
    group is this process's own group (a user's private group: what a umask of 002 gives)."""
    try:
        info, folder = file.stat(), file.parent.stat()
    except OSError:
        return False
    me = os.geteuid()

    def others_write(st: os.stat_result) -> bool:
        return bool(st.st_mode & 0o002 or (st.st_mode & 0o020 and st.st_gid != os.getegid()))

    return (info.st_uid == me and not others_write(info) and folder.st_uid in (me, 0)
            and (not others_write(folder) or bool(folder.st_mode & modes.S_ISVTX)))


def load(file: Path, make: Callable[[], bytes], read: Callable[[Path | bytes], T]) -> T:
    """read(file) when the file reads; else make() the bytes, keep them in the file and read that."""
    try:
        return read(file)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError, KeyError) as exc:
        log.info("cache: %s unreadable (%s), making it again", file.name, type(exc).__name__)
    data = make()
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, file)
        return read(file)
    except OSError as exc:
        log.info("cache: cannot keep %s (%s); kept in memory", file.name, type(exc).__name__)
        return read(data)
