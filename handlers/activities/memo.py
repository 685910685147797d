"""Which activities a message names, remembered per process (issue 23, tenth round).

match_activities reads a message's text against the activities' titles and kinds (homophone windows,
rapidfuzz: about 1.5 ms for the demo school's list); it never looks at sign-ups. The answers that show
places left are dropped from the cache at every commit (a sign-up, a withdrawal), and each was
matching again. What is remembered here is keyed by what the matching reads: the text, each activity's
id, title and kind in the order given, and the tokenizer's words (bot/nlu.words_version). A change of
a title or a kind is a new key; a sign-up changes nothing here. The result is given back as the
caller's own objects (by position), so the caller sees the places left it loaded itself.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.nlu import words_version

ENTRIES = 4096  # texts × activity lists; cleared when full (a flood of distinct texts costs only misses)
_named: dict[tuple, tuple[int, ...]] = {}
_shapes: dict[tuple, tuple] = {}  # one copy of each activity list's shape, shared by its keys (else 4,096 copies: 21 MB for 30)


def remembered(match: Callable[[str, list], list], text: str, activities: list) -> list:
    """match(text, activities), remembered by what it reads. Only for a match that returns some of
    `activities` themselves, reading nothing of them but id, title and kind."""
    shape = tuple((a.id, a.title, a.kind) for a in activities)
    if len(_shapes) >= ENTRIES:
        _shapes.clear()
    shape = _shapes.setdefault(shape, shape)
    key = (match, text, words_version(), shape)
    found = _named.get(key)
    if found is not None:
        return [activities[i] for i in found]
    named = match(text, activities)
    place = {id(a): i for i, a in enumerate(activities)}
    if len({a.id for a in activities}) == len(activities) and all(id(a) in place for a in named):
        if len(_named) >= ENTRIES:
            _named.clear()
            _shapes.clear()
        _named[key] = tuple(place[id(a)] for a in named)
    return named
