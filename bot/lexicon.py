"""jieba's dictionary, read as texts need it: the same words as jieba's, in milliseconds.

jieba keeps its dictionary (349,000 words and their prefixes, 498,000 entries) in one Python dict
that it builds at start from a marshal cache: 1.8 s on a quiet machine, half the time to the first
answer, and 85 MiB. Cutting a text only ever looks up the text's own characters and strings that
begin with two of its adjacent characters (the words of its route, their prefixes, a run of single
characters), so here that dict starts empty, and the entries that begin with a character or a pair
of characters are added the first time a text holds them (or a word is added that holds them). Each
lookup finds what jieba's full dict holds, and every addition of a word comes after the entries it
changes, as in jieba, so the tokens are jieba's own (tests/test_lexicon.py compares them). After the
5,000 training messages about a fifth of the entries have been read.

The entries are kept in buckets by a hash of their first two characters, in one file built from
jieba's own dict.txt at the first start (about 3 s, the same work as jieba's first start) and kept in
the cache directory (bot/cachefiles.py), named by dict.txt's path, size and time and jieba's version,
so an upgraded jieba builds it again; the same dict.txt gives the same bytes. The file is mapped, not
read: its pages are shared by every process, and only those of the buckets used are touched.
"""

from __future__ import annotations

import itertools
import logging
import marshal
import mmap
import struct
import sys
import threading
from pathlib import Path

from bot import cachefiles


def _import_jieba():
    """jieba, imported without pkg_resources when nothing has imported either yet: jieba asks for it
    only to open its own files (and opens them by path without it), and it takes 0.2–0.4 s to import."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # only jieba's import sees it missing
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


jieba = _import_jieba()
MAGIC = b"unionbot-lexicon-2\n"
BUCKETS = 65521  # a prime: about 8 entries a bucket
DICT_FILE = Path(jieba.__file__).parent / "dict.txt"


def bucket(key: str) -> int:
    """The bucket of the entries that begin with `key` (one character, or the first two)."""
    return (ord(key[0]) * 40503 + (ord(key[1]) if len(key) > 1 else 0)) % BUCKETS


def build(source: Path = DICT_FILE) -> bytes:
    """The dictionary as bytes: MAGIC; jieba's total and BUCKETS (struct "<QI"); BUCKETS + 1 offsets
    into the body ("<I" each); the body, each bucket a marshal {entry: frequency} (prefixes 0). The
    entries are exactly those of jieba's `gen_pfdict`, in its order within each bucket."""
    with open(source, "rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)
    buckets: list[dict[str, int]] = [{} for _ in range(BUCKETS)]
    for word, count in freq.items():
        buckets[bucket(word[:2])][word] = count
    chunks = [marshal.dumps(b) if b else b"" for b in buckets]
    offsets = list(itertools.accumulate((len(c) for c in chunks), initial=0))
    return MAGIC + struct.pack("<QI", total, BUCKETS) + struct.pack(f"<{BUCKETS + 1}I", *offsets) + b"".join(chunks)


class Buckets:
    """The dictionary's file: `total`, and `entries(i)`, the entries of bucket i."""

    HEAD = struct.calcsize("<QI")

    def __init__(self, data) -> None:
        if bytes(data[:len(MAGIC)]) != MAGIC:
            raise ValueError("not a lexicon file")
        self.total, count = struct.unpack_from("<QI", data, len(MAGIC))
        self.index = len(MAGIC) + self.HEAD
        self.body = self.index + 4 * (count + 1)
        if count != BUCKETS or len(data) < self.body:
            raise ValueError("another lexicon layout")
        (length,) = struct.unpack_from("<I", data, self.body - 4)
        if len(data) != self.body + length:
            raise ValueError("a lexicon file cut short")
        self.data = data

    def entries(self, i: int) -> dict[str, int]:
        start, end = struct.unpack_from("<II", self.data, self.index + 4 * i)
        return marshal.loads(self.data[self.body + start:self.body + end]) if end > start else {}

    @classmethod
    def open(cls, source: Path = DICT_FILE) -> Buckets:
        """The file kept in the cache (made first when missing or unreadable), mapped."""
        file = cachefiles.path("jieba", "lexicon", MAGIC, sys.version_info[:2], jieba.__version__,
                               cachefiles.stamp(source))
        return cachefiles.load(file, lambda: build(source), cls.mapped)

    @classmethod
    def mapped(cls, file: Path | bytes) -> Buckets:
        if isinstance(file, bytes):
            return cls(file)
        with open(file, "rb") as f:
            return cls(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


class Tokenizer(jieba.Tokenizer):
    """jieba's tokenizer over a dictionary filled as texts need it (see the module's doc). Before any
    lookup in a text (`get_DAG`, which every cut starts with) or any change of a word (`add_word`, also
    behind `load_userdict`, `del_word` and `suggest_freq`), the buckets of its characters and pairs of
    characters are added: each bucket once, before anything else touches its entries."""

    def __init__(self, buckets: Buckets) -> None:
        super().__init__()
        self.buckets = buckets
        self.total = buckets.total
        self.seen: set[str] = set()  # characters and pairs whose buckets are in
        self.loaded: set[int] = set()  # buckets
        self.initialized = True  # jieba's own initialize() would read the whole dictionary

    def initialize(self, dictionary=None) -> None:
        if dictionary:
            raise ValueError("this tokenizer reads jieba's own dictionary only")

    def fill(self, text: str) -> None:
        keys = set(text)
        keys.update(text[k:k + 2] for k in range(len(text) - 1))
        if keys <= self.seen:
            return
        with self.lock:
            for key in keys - self.seen:
                i = bucket(key)
                if i not in self.loaded:
                    self.FREQ.update(self.buckets.entries(i))
                    self.loaded.add(i)
                self.seen.add(key)  # only once its entries are in: another thread may be reading

    def get_DAG(self, sentence):
        self.fill(sentence)
        return super().get_DAG(sentence)

    def add_word(self, word, freq=None, tag=None) -> None:
        self.fill(word)
        super().add_word(word, freq, tag)


_tokenizer: Tokenizer | None = None
_lock = threading.Lock()


def tokenizer() -> Tokenizer:
    """The process's tokenizer (the union's words are added by bot/nlu.py's init_jieba)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                _tokenizer = Tokenizer(Buckets.open())
    return _tokenizer


def cut(text: str, hmm: bool = True) -> list[str]:
    """jieba.lcut(text, HMM=hmm) with the process's tokenizer."""
    return tokenizer().lcut(text, HMM=hmm)
