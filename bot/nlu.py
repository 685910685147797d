"""Keyword intent classification with jieba.

Each intent's keyword table lives next to its handler (registered through bot.registry). A keyword
scores when it is one of jieba's tokens of the message, or (for keywords of two or more
characters) appears in the text; patterns add weight; negatives subtract. The best score wins
when it clears a threshold, otherwise the message is `unknown`.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from bot.registry import Registry

log = logging.getLogger(__name__)
WORDS_FILE = Path(__file__).parent / "data" / "union_words.txt"
THRESHOLD = 1.0
_init_lock = threading.Lock()
_initialized = False


def init_jieba(extra_words: list[str] = ()) -> None:
    """Load jieba's dictionary and the union word list now, not on the first request."""
    global _initialized
    with _init_lock:
        if not _initialized:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            jieba.load_userdict(str(WORDS_FILE))
            _initialized = True
        for word in extra_words:
            jieba.add_word(word)


def normalize(text: str) -> str:
    """Full-width to half-width, invisible format characters (zero-width space, BOM, …) removed,
    trimmed, lower-case latin: 'ＫＴＶ\u200b　' → 'ktv'."""
    text = unicodedata.normalize("NFKC", text)
    if any(unicodedata.category(ch) == "Cf" for ch in text):
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text.strip().lower()


def tokens(text: str) -> list[str]:
    return [t for t in jieba.lcut(text) if t.strip()]


@dataclass
class Classification:
    text: str
    intent: str
    confidence: float
    slots: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"text": self.text, "intent": self.intent, "confidence": round(self.confidence, 3), "slots": self.slots}


class Classifier:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        init_jieba([w for i in registry.intents.values() for w in i.words])

    def scores(self, text: str) -> dict[str, float]:
        norm = normalize(text)
        toks = set(tokens(norm))
        result = {}
        for intent in self.registry.intents.values():
            score = 0.0
            for kw, weight in intent.keywords.items():
                if kw in toks or (len(kw) >= 2 and kw in norm):
                    score += weight
            for pattern, weight in intent.patterns:
                if pattern.search(norm):
                    score += weight
            for kw, weight in intent.negatives.items():
                if kw in toks or (len(kw) >= 2 and kw in norm):
                    score -= weight
            if score > 0:
                result[intent.name] = score
        return result

    def classify(self, text: str) -> Classification:
        scores = self.scores(text)
        if not scores:
            return Classification(text, "unknown", 1.0 if normalize(text) else 0.0, {}, scores)
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        best, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if top < THRESHOLD:
            return Classification(text, "unknown", 0.5, {}, scores)
        confidence = min(1.0, top / (top + second + 0.5) + min(top, 5) / 20)
        intent = self.registry.intents[best]
        slots = intent.slots(normalize(text)) if intent.slots else {}
        return Classification(text, best, confidence, slots, scores)
