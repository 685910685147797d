"""Compiled regular expressions kept from one start to the next.

The bot and its libraries compile about 400 regular expressions while they load (the handlers'
keyword patterns, bot/normalize.py's rules, sqlite-utils', werkzeug's…). Python's `re` parses and
compiles each in Python code every time a process starts: about a fifth of the time to the first
answer. What `re` hands to its C engine at the end (`_sre.compile`: the pattern's flags, its code as
a list of integers, its groups) depends only on the pattern, its flags and Python's own `re`, so it
is kept here, in a file in the cache directory (bot/cachefiles.py) named by the Python version and
its `re` modules' files: another Python makes a new file. `python -m bot` installs this before its
imports (bot/__main__.py); a pattern found in the file is made from it directly, one that is not is
compiled by `re` as always and added to the file when `serve` has loaded (bot/server.py).

A pattern made from the file is the same object `re` would make: each entry is checked against
`re`'s own result when it is added (patterns compare equal when their flags, text and code are
equal), the file carries a checksum of its contents, and an unreadable file is ignored (and made
again). What differs is only the parser's warnings about a pattern (a FutureWarning for a possible
set operation): they come from the start that adds it, where the check parses it a second time, and
not from the starts that read it. Patterns compiled by the Scanner or with re.DEBUG are left to `re`.
"""

from __future__ import annotations

import _sre
import array
import hashlib
import logging
import marshal
import os
import re
import sys
from pathlib import Path

from bot import cachefiles

log = logging.getLogger(__name__)
# the code of a pattern is kept as the bytes of its integers (the size of _sre's own), not as a list
CODE = next((t for t in "IHLQ" if array.array(t).itemsize == _sre.CODESIZE), "I")
MAGIC = b"unionbot-regex-2\n"
RE_FILES = ("__init__.py", "_compiler.py", "_parser.py", "_constants.py", "_casefix.py")
_compiler = re._compiler  # type: ignore[attr-defined]
_parser = re._parser  # type: ignore[attr-defined]


class Table:
    """The entries read from the file, those added since, and the compile function installed in `re`."""

    def __init__(self, file: Path, entries: dict) -> None:
        self.file = file
        self.loaded = entries  # (pattern, flags) → (flags, code, groups, groupindex, indexgroup)
        self.added: dict = {}
        self.used: set = set()
        self.original = _compiler.compile

    def compile(self, p, flags: int = 0):
        """re._compiler.compile, with the patterns of the file made from it."""
        if not isinstance(p, str | bytes) or flags & re.DEBUG:
            return self.original(p, flags)
        key = (p, int(flags))  # (re passes an int; a RegexFlag is one too)
        entry = self.loaded.get(key) or self.added.get(key)
        if entry is not None:
            made_from = build(p, entry)
            if made_from is not None:
                self.used.add(key)
                return made_from
        pattern = self.original(p, flags)  # re's own result (and its errors and warnings)
        entry = made(p, flags)
        if entry is not None and same(build(p, entry), pattern):
            self.added[key] = entry
        return pattern

    def entries(self) -> dict:
        """What the file should hold: what it held and what was added; when more than half of what it
        held was not used by this process (patterns of code since changed), only what was used."""
        used, added = set(self.used), dict(self.added)  # (copies made at once: request threads may add)
        kept = self.loaded
        if len(used) * 2 < len(kept):
            kept = {key: kept[key] for key in used}
        return {**kept, **added}


def made(p, flags: int):
    """What re._compiler.compile hands to _sre.compile for (p, flags), as plain data; None when the
    running Python's `re` does not work this way (the entry is then not kept)."""
    try:
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return int(flags | parsed.state.flags), array.array(CODE, code).tobytes(), parsed.state.groups - 1, \
            groupindex, tuple(indexgroup)
    except Exception:  # another Python's internals
        return None


def build(p, entry):
    """The pattern made from an entry (None if _sre refuses its code)."""
    final, code, groups, groupindex, indexgroup = entry
    try:
        return _sre.compile(p, final, array.array(CODE, code).tolist(), groups, dict(groupindex), indexgroup)
    except (RuntimeError, TypeError, ValueError, OverflowError):
        return None


def same(a, b) -> bool:
    return a is not None and a == b and a.groups == b.groups and a.groupindex == b.groupindex and a.flags == b.flags


def path() -> Path:
    folder = Path(re.__file__).parent
    return cachefiles.path("regex", "marshal", MAGIC, sys.version, sys.implementation.cache_tag, _sre.MAGIC,
                           _sre.CODESIZE, [cachefiles.stamp(folder / name) for name in RE_FILES])


def dump(entries: dict) -> bytes:
    rows = sorted(((p, flags, *entry) for (p, flags), entry in entries.items()),
                  key=lambda row: (isinstance(row[0], bytes), row[0], row[1]))
    body = marshal.dumps(rows)
    return MAGIC + hashlib.sha256(body).digest() + body


def parse(data: bytes) -> dict:
    if not data.startswith(MAGIC):
        raise ValueError("not a regex table")
    digest, body = data[len(MAGIC):len(MAGIC) + 32], data[len(MAGIC) + 32:]
    if hashlib.sha256(body).digest() != digest:
        raise ValueError("a regex table damaged or cut short")
    return {(p, flags): (final, code, groups, groupindex, indexgroup)
            for p, flags, final, code, groups, groupindex, indexgroup in marshal.loads(body)}


def read(file: Path) -> dict:
    """The entries of the file; none when it is missing, damaged, or could have been written by
    someone else (cachefiles.trusted): _sre takes an entry's code as it is, and code made up crashes
    the process or makes a pattern match what it should not, so only our own file is read."""
    if not file.exists():
        return {}
    if not cachefiles.trusted(file):
        log.warning("regex table %s could be written by others: not read", file.name)
        return {}
    try:
        return parse(file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.info("regex table %s unreadable (%s): made again", file.name, type(exc).__name__)
        return {}


_table: Table | None = None


def install() -> None:
    """Make `re` compile through the table of the file (read now: a missing or unreadable file is an
    empty table). Once per process; nothing happens on a Python whose `re` has not this shape."""
    global _table
    if _table is not None or not callable(getattr(_compiler, "_code", None)):
        return
    try:
        file = path()
    except OSError:
        return
    _table = Table(file, read(file))
    _compiler.compile = _table.compile


def save() -> None:
    """Keep what this process added (nothing happens when it added nothing, or nothing is installed)."""
    table = _table
    if table is None or not table.added:
        return
    try:
        data = dump(table.entries())
        table.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = table.file.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, table.file)  # two processes saving at once: one whole file or the other
    except OSError as exc:
        log.info("regex table: cannot keep %s (%s)", table.file.name, type(exc).__name__)
