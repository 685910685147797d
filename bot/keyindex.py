"""The keyword tables' scores of a message, looked up instead of tried one by one.

A feature's table (bot/registry.py `Intent`) scores a keyword when it is one of jieba's tokens or, for
two characters or more, appears in the text; a pattern when it matches; a negative keyword subtracts
like a keyword adds. Tokens are pieces of the text, so a keyword of two characters or more scores
exactly when it is in the text, and one of one character when it is a token. Trying the ~400
keywords and ~50 patterns of every table on each message was a fifth of its classification; here, built
once per table:

- keywords of two characters or more by their first two characters: only those beginning with a
  pair of adjacent characters of the text are tried;
- keywords of one character by the character, looked up among the tokens;
- each pattern with the characters one of which any match must begin with (bot/firstchars.py), tried
  only when the text has one of them. A pattern whose matches can begin with anything, or with
  nothing, is always tried.

The sums are made in the tables' order (keywords, patterns, negatives), so a score is the same float
as when each entry was tried in turn.
"""

from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING

from bot.firstchars import first_chars_of

if TYPE_CHECKING:
    from bot.registry import Registry

class KeywordIndex:
    """Every intent's keyword table, indexed (see the module's doc). `scores(norm, toks)` is what
    trying each entry in turn gives: {intent: score} for the positive scores, in the tables' order."""

    def __init__(self, registry: Registry) -> None:
        self.names: list[str] = []
        self.by_pair: dict[str, list[tuple[str, int, int, float]]] = {}  # first two chars → (kw, intent, order, ±w)
        self.by_char: dict[str, list[tuple[int, int, float]]] = {}  # a one-character keyword → (intent, order, ±w)
        self.patterns: list[tuple[re.Pattern, int, int, float]] = []
        self.by_first: dict[str, list[int]] = {}  # a character → the patterns whose matches can begin with it
        self.always: list[int] = []  # the patterns that cannot be told by their first character
        firsts = iter(first_chars_of([p for intent in registry.intents.values() for p, _ in intent.patterns]))
        for n, intent in enumerate(registry.intents.values()):
            self.names.append(intent.name)
            order = 0
            for table, sign in ((intent.keywords, 1.0), (None, 1.0), (intent.negatives, -1.0)):
                if table is None:
                    for pattern, weight in intent.patterns:
                        first = next(firsts)
                        for ch in first or ():
                            self.by_first.setdefault(ch, []).append(len(self.patterns))
                        if first is None:
                            self.always.append(len(self.patterns))
                        self.patterns.append((pattern, n, order, weight))
                        order += 1
                    continue
                for kw, weight in table.items():
                    if len(kw) >= 2:
                        self.by_pair.setdefault(kw[:2], []).append((kw, n, order, sign * weight))
                    elif kw:
                        self.by_char.setdefault(kw, []).append((n, order, sign * weight))
                    order += 1

    def scores(self, norm: str, toks: set[str]) -> dict[str, float]:
        found: list[tuple[int, int, float]] = []
        by_pair = self.by_pair
        for pair in set(map(operator.add, norm, norm[1:])):
            entries = by_pair.get(pair)
            if entries:
                found += [(n, order, w) for kw, n, order, w in entries if kw in norm]
        by_char = self.by_char
        for tok in toks:
            if len(tok) == 1 and tok in by_char:
                found += by_char[tok]
        tried = set(self.always)
        by_first = self.by_first
        for ch in set(norm):
            if ch in by_first:
                tried.update(by_first[ch])
        for i in tried:
            pattern, n, order, weight = self.patterns[i]
            if pattern.search(norm):
                found.append((n, order, weight))
        if not found:
            return {}
        found.sort()
        totals: dict[int, float] = {}
        for n, _, w in found:
            totals[n] = totals.get(n, 0.0) + w  # (x + -w is x - w, bit for bit)
        return {self.names[n]: score for n, score in totals.items() if score > 0}
