"""The characters a regular expression's matches can begin with, read from the pattern itself: a
cheap test (is one of them in the text?) before a search that would find nothing. Used for the
keyword tables' patterns (bot/keyindex.py) and the normalisation's (bot/normalize.py).

The reading is conservative: where it cannot tell (any character, a category such as \\s or \\d, a
wide range, ignoring case, a match that may be empty), it says None and the pattern is always
tried. Lookarounds consume nothing and narrow what follows; they are passed over, which can only
make the set larger.

Reading a pattern takes Python's own parser (about a millisecond a pattern: 45 ms for the keyword
tables), so the answers are kept in a file in the cache directory (bot/cachefiles.py) named by the
Python version and this file, read once per process; patterns not in it are read and added.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import re._parser as sre  # the parsed form of a pattern (what re.compile itself reads)
import sys
import threading
from pathlib import Path

from bot import cachefiles

_NOT_NULLABLE, _NULLABLE = False, True
MAX_CLASS = 256  # a character class wider than this (a Unicode range) counts as "anything"


def _first(items) -> tuple[set[str] | None, bool]:
    """(characters a match of this sequence can begin with, or None for any; whether it can match
    without consuming a character)."""
    first: set[str] = set()
    for op, arg in items:
        chars, nullable = _first_item(op, arg)
        if chars is None:
            return None, False
        first |= chars
        if not nullable:
            return first, _NOT_NULLABLE
    return first, _NULLABLE


def _first_item(op, arg) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {chr(arg)}, False
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < MAX_CLASS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, a category (\s, \d), a wide range
                return None, False
        return chars, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # consumes nothing (a lookahead only narrows what follows: ignored, still a superset)
    if op is sre.SUBPATTERN:
        return _first(arg[-1])
    if op is sre.BRANCH:
        chars, nullable = set(), False
        for branch in arg[1]:
            found, empty = _first(branch)
            if found is None:
                return None, False
            chars |= found
            nullable = nullable or empty
        return chars, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, sub = arg
        chars, nullable = _first(sub)
        return chars, nullable or low == 0
    if op is sre.ATOMIC_GROUP:
        return _first(arg)
    return None, False  # ANY, a back-reference, a conditional: anything


def read_first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters any match of `pattern` begins with; None when that cannot be said (it may
    match the empty string, begin with any character, or ignore case)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        chars, nullable = _first(sre.parse(pattern.pattern, pattern.flags))
    except Exception:  # a pattern this reading does not know: always tried
        return None
    return None if chars is None or nullable else frozenset(chars)


_known: dict[tuple[str, int], frozenset[str] | None] | None = None
_lock = threading.Lock()


def _file() -> Path:
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a new reading, a new file
    return cachefiles.path("firstchars", "json", sys.version_info[:2], source)


def _table() -> dict[tuple[str, int], frozenset[str] | None]:
    global _known
    if _known is None:
        known: dict[tuple[str, int], frozenset[str] | None] = {}
        file = _file()
        try:
            if cachefiles.trusted(file):  # (a file others could write is not read)
                for text, flags, chars in json.loads(file.read_text("utf-8")):
                    if not (type(text) is str and type(flags) is int and (chars is None or (
                            type(chars) is list and all(type(c) is str and len(c) == 1 for c in chars)))):
                        raise ValueError("not a table made here")
                    known[(text, flags)] = None if chars is None else frozenset(chars)
        except (OSError, ValueError, TypeError):
            known = {}  # missing or damaged: read the patterns again
        _known = known
    return _known


def _save(known: dict[tuple[str, int], frozenset[str] | None]) -> None:
    rows = [[text, flags, None if chars is None else sorted(chars)] for (text, flags), chars in known.items()]
    file = _file()
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
        os.replace(tmp, file)
    except OSError:
        pass  # kept in memory


def first_chars_of(patterns: list[re.Pattern]) -> list[frozenset[str] | None]:
    """read_first_chars of each pattern, from the kept table (the file written again when some were new)."""
    with _lock:
        known = _table()
        new = [p for p in patterns if (p.pattern, p.flags) not in known]
        for pattern in new:
            known[(pattern.pattern, pattern.flags)] = read_first_chars(pattern)
        if new:
            _save(known)
        return [known[(p.pattern, p.flags)] for p in patterns]


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    return first_chars_of([pattern])[0]


def substituted(rules: list[tuple[frozenset[str] | None, re.Pattern, str]], text: str) -> str:
    """Each rule's `pattern.sub(plain, text)` in turn, tried only where a match could begin: rules are
    (first_chars of the pattern, pattern, replacement), as bot/normalize.py's tables and bot/english.py's."""
    chars = None  # the text's characters, while it is unchanged
    for first, pattern, plain in rules:
        if first is not None:
            chars = set(text) if chars is None else chars
            if first.isdisjoint(chars):
                continue
        changed = pattern.sub(plain, text)
        if changed != text:
            text, chars = changed, None
    return text
