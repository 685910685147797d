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
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, file)
        return read(file)
    except OSError as exc:
        log.info("cache: cannot keep %s (%s); kept in memory", file.name, type(exc).__name__)
        return read(data)
