"""Patterns with a teacher's name in the middle ("替王芳发的", "帮数学组张伟报", "说错了 谢婷婷老师"), read without
compiling one pattern per name.

Such patterns were strings built around each name and handed to `re`: every message naming a colleague compiled
them for a name not seen lately (re's own cache holds 512 patterns, and a school's names fill it), and a CJK range
costs ~1 ms a compile (issue 23, perf24; handlers/suggestions/namepatterns.py did the same for a suggestion's
signature). A name is a literal, so `before + re.escape(name) + after` matches a text exactly where the text has
the name at some position with `before` matching up to it and `after` matching from its end: the two parts are
compiled once (`before` anchored at its end), and nothing of any name or text is kept.

`before` may look behind and use ^ (it is read from the start of the text), never look past its own end; `after`
is read in the whole text from the name's end (it may look behind into the name, and ahead, and use $)."""

from __future__ import annotations

import re
from collections.abc import Iterator


def occurrences(text: str, name: str) -> Iterator[int]:
    """Every position where `name` starts in `text`, overlapping ones too (as a pattern's literal can match)."""
    at = text.find(name)
    while at >= 0:
        yield at
        at = text.find(name, at + 1)


class AroundName:
    """`re.search(before + re.escape(name) + after, text) is not None`, as `AroundName(before, after).search(text,
    name)`: the fixed parts compiled once."""

    def __init__(self, before: str = "", after: str = "") -> None:
        self.before = re.compile(rf"(?:{before})\Z") if before else None
        self.after = re.compile(after) if after else None

    def search(self, text: str, name: str) -> bool:
        return any(self.fits(text, at, name) for at in occurrences(text, name))

    def fits(self, text: str, at: int, name: str) -> bool:
        """Whether the pattern matches with `name` read at `at` (where it stands in `text`)."""
        return (self.before is None or self.before.search(text, 0, at) is not None) and \
            (self.after is None or self.after.match(text, at + len(name)) is not None)
