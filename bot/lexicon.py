"""jieba's dictionary, read a first character at a time: the same words as jieba's, in milliseconds.

jieba keeps its dictionary (349,000 words and their prefixes, 498,000 entries) in one Python dict
that it builds at start from a marshal cache: 1.8 s on a quiet machine, most of the time to the
first answer. Cutting a text only ever looks up strings that begin with one of the text's own
characters (the words of its route, their prefixes, a run of single characters), so here that dict
starts empty and the entries that begin with a character are added the first time a text holds it
(or a word is added that holds it). Every lookup finds what jieba's full dict holds, in the same
order of additions, so the tokens are jieba's own (tests/test_lexicon.py compares them).

The entries are grouped by first character into one file, built from jieba's own dict.txt at the
first start (about 3 s, the same work as jieba's first start) and kept in the cache directory
(bot/cachefiles.py), named by dict.txt's path, size and time and jieba's version, so an upgraded
jieba builds it again; the same dict.txt gives the same bytes. It is mapped, not read: its pages are
shared by every process, and only those of the characters used are touched.
"""

from __future__ import annotations

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
MAGIC = b"unionbot-lexicon-1\n"
DICT_FILE = Path(jieba.__file__).parent / "dict.txt"


def build(source: Path = DICT_FILE) -> bytes:
    """The grouped dictionary as bytes: MAGIC, the header's length, the header (marshal: total, the groups' length
    and {first character: (offset, length)}), then each group (marshal: {entry: frequency}, prefixes 0).
    The entries are exactly those of jieba's `gen_pfdict`, in its order."""
    with open(source, "rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)
    groups: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        groups.setdefault(word[0], {})[word] = count
    index, chunks, offset = {}, [], 0
    for first, group in groups.items():
        chunk = marshal.dumps(group)
        index[first] = (offset, len(chunk))
        chunks.append(chunk)
        offset += len(chunk)
    header = marshal.dumps((total, offset, index))
    return MAGIC + struct.pack("<Q", len(header)) + header + b"".join(chunks)


class Groups:
    """The grouped dictionary: `total`, and `group(ch)`, the entries that begin with ch."""

    def __init__(self, data) -> None:
        if bytes(data[:len(MAGIC)]) != MAGIC:
            raise ValueError("not a lexicon file")
        start = len(MAGIC) + 8
        (size,) = struct.unpack("<Q", data[len(MAGIC):start])
        self.total, length, self.index = marshal.loads(data[start:start + size])
        self.body = start + size
        if len(data) != self.body + length:
            raise ValueError("a lexicon file cut short")
        self.data = data

    def group(self, ch: str) -> dict[str, int]:
        found = self.index.get(ch)
        if found is None:
            return {}
        offset, length = found
        return marshal.loads(self.data[self.body + offset:self.body + offset + length])

    @classmethod
    def open(cls, source: Path = DICT_FILE) -> Groups:
        """The file kept in the cache (made first when missing or unreadable), mapped."""
        file = cachefiles.path("jieba", "lexicon", MAGIC, sys.version_info[:2], jieba.__version__,
                               cachefiles.stamp(source))
        return cachefiles.load(file, lambda: build(source), cls.mapped)

    @classmethod
    def mapped(cls, file: Path | bytes) -> Groups:
        if isinstance(file, bytes):
            return cls(file)
        with open(file, "rb") as f:
            return cls(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


class Tokenizer(jieba.Tokenizer):
    """jieba's tokenizer over a dictionary filled a first character at a time (see the module's doc).
    Before any lookup of a text (`get_DAG`, which every cut starts with) or any change of a word
    (`add_word`, also behind `load_userdict`, `del_word` and `suggest_freq`), the groups of its
    characters are added, so each group arrives before anything else touches its entries."""

    def __init__(self, groups: Groups) -> None:
        super().__init__()
        self.groups = groups
        self.total = groups.total
        self.loaded: set[str] = set()
        self.initialized = True  # jieba's own initialize() would read the whole dictionary

    def initialize(self, dictionary=None) -> None:
        if dictionary:
            raise ValueError("this tokenizer reads jieba's own dictionary only")

    def fill(self, text: str) -> None:
        if self.loaded.issuperset(text):
            return
        with self.lock:
            for ch in set(text) - self.loaded:
                self.FREQ.update(self.groups.group(ch))
                self.loaded.add(ch)  # only once its entries are in: another thread may be reading

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
                _tokenizer = Tokenizer(Groups.open())
    return _tokenizer


def cut(text: str, hmm: bool = True) -> list[str]:
    """jieba.lcut(text, HMM=hmm) with the process's tokenizer."""
    return tokenizer().lcut(text, HMM=hmm)
