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
import operator
import struct
import sys
import threading
from math import log
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
finalseg = jieba.finalseg
RE_HAN, RE_SKIP, RE_ENG = jieba.re_han_default, jieba.re_skip_default, jieba.re_eng
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
        self.union_words: set[str] | None = None  # the union's words once in (bot/nlu.py init_jieba)

    def initialize(self, dictionary=None) -> None:
        if dictionary:
            raise ValueError("this tokenizer reads jieba's own dictionary only")

    def fill(self, text: str) -> None:
        if self.seen.issuperset(text) and self.seen.issuperset(map(operator.add, text, text[1:])):
            return  # (most texts: every character and pair met before)
        keys = set(text)
        keys.update(map(operator.add, text, text[1:]))
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

    def lcut(self, sentence, cut_all=False, HMM=True, use_paddle=False) -> list[str]:
        """jieba's `lcut`, its tokens in about half the time: the text's buckets added once, not once a
        block; jieba's `get_DAG` and `calc` made one pass from the end of a block, each frequency
        looked up once (jieba looks each one up twice), the route kept in a list; the same floats
        compared in the same order, so the same route. (`cut_all` and paddle: jieba's own.)"""
        if cut_all or use_paddle:
            return super().lcut(sentence, cut_all, HMM, use_paddle)
        sentence = jieba.strdecode(sentence)
        self.fill(sentence)
        out: list[str] = []
        for block in RE_HAN.split(sentence):
            if not block:
                continue
            if RE_HAN.match(block):
                self._cut_block(block, HMM, out)
            else:
                for piece in RE_SKIP.split(block):
                    if RE_SKIP.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)  # one token a character, as jieba
        return out

    def _cut_block(self, block: str, hmm: bool, out: list[str]) -> None:
        get, n = self.FREQ.get, len(block)
        logtotal = log(self.total)
        # from each character: the best log-probability to the end, and the end of its first word (jieba
        # keeps max((log-probability, end), ...): of equal ones, the later end)
        score, end = [0.0] * (n + 1), list(range(n + 1))
        for k in range(n - 1, -1, -1):
            best = None
            i, frag = k, block[k]
            while i < n:
                f = get(frag)
                if f is None:
                    break
                if f:
                    p = log(f) - logtotal + score[i + 1]
                    if best is None or p >= best:
                        best, end[k] = p, i
                i += 1
                frag = block[k:i + 1]
            score[k] = best if best is not None else 0.0 - logtotal + score[k + 1]  # (log(1) is 0.0; end[k] is k)
        x, buf = 0, ""
        if not hmm:
            while x < n:
                y = end[x] + 1
                word = block[x:y]
                if y - x == 1 and RE_ENG.match(word):
                    buf += word
                else:
                    if buf:
                        out.append(buf)
                        buf = ""
                    out.append(word)
                x = y
            if buf:
                out.append(buf)
            return
        while x < n:
            y = end[x] + 1
            if y - x == 1:
                buf += block[x]
            else:
                if buf:
                    self._single(buf, out)
                    buf = ""
                out.append(block[x:y])
            x = y
        if buf:
            self._single(buf, out)

    def _single(self, buf: str, out: list[str]) -> None:
        """A run of characters the route took one at a time: jieba's HMM for the words it does not know."""
        if len(buf) == 1:
            out.append(buf)
        elif not self.FREQ.get(buf):
            hmm_cut(buf, out)
        else:
            out.extend(buf)


def hmm_cut(text: str, out: list[str]) -> None:
    """jieba.finalseg.cut(text), appended to out: the same blocks, the same model, the same words."""
    for block in finalseg.re_han.split(text):
        if finalseg.re_han.match(block):
            split = finalseg.Force_Split_Words
            for word in _hmm_words(block):
                if word not in split:
                    out.append(word)
                else:
                    out.extend(word)
        else:
            out.extend(x for x in finalseg.re_skip.split(block) if x)


def _hmm_words(text: str) -> list[str]:
    """finalseg's `__cut`: the words of the most likely B/M/E/S tagging (finalseg's `viterbi`, written
    out for its four states: the same sums in the same order, and its ties broken as its max() breaks
    them, by the later state name), without its copy of every path at every character."""
    start, trans, emit, low = finalseg.start_P, finalseg.trans_P, finalseg.emit_P, finalseg.MIN_FLOAT
    e_b, e_m, e_e, e_s = emit["B"].get, emit["M"].get, emit["E"].get, emit["S"].get
    t_eb, t_sb = trans["E"].get("B", low), trans["S"].get("B", low)  # into B from E, S
    t_mm, t_bm = trans["M"].get("M", low), trans["B"].get("M", low)  # into M from M, B
    t_ss, t_es = trans["S"].get("S", low), trans["E"].get("S", low)  # into S from S, E
    t_be, t_me = trans["B"].get("E", low), trans["M"].get("E", low)  # into E from B, M
    c = text[0]
    v_b, v_m = start["B"] + e_b(c, low), start["M"] + e_m(c, low)
    v_e, v_s = start["E"] + e_e(c, low), start["S"] + e_s(c, low)
    back = []  # per character after the first: the state before it, for each of B, M, E, S (0, 1, 2, 3)
    for c in text[1:]:
        em = e_b(c, low)
        a, b = v_e + t_eb + em, v_s + t_sb + em
        n_b, p_b = (a, 2) if a > b else (b, 3)
        em = e_m(c, low)
        a, b = v_m + t_mm + em, v_b + t_bm + em
        n_m, p_m = (a, 1) if a >= b else (b, 0)
        em = e_s(c, low)
        a, b = v_s + t_ss + em, v_e + t_es + em
        n_s, p_s = (a, 3) if a >= b else (b, 2)
        em = e_e(c, low)
        a, b = v_b + t_be + em, v_m + t_me + em
        n_e, p_e = (a, 0) if a > b else (b, 1)
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
        back.append((p_b, p_m, p_e, p_s))
    state = 2 if v_e > v_s else 3
    tags = [state]
    for step in reversed(back):
        state = step[state]
        tags.append(state)
    tags.reverse()
    words, begin, after = [], 0, 0
    for i, tag in enumerate(tags):
        if tag == 0:
            begin = i
        elif tag == 2:
            words.append(text[begin:i + 1])
            after = i + 1
        elif tag == 3:
            words.append(text[i])
            after = i + 1
    if after < len(text):
        words.append(text[after:])
    return words


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
