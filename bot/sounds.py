"""The sound (toneless pinyin, as pypinyin's `lazy_pinyin` gives it) of each Chinese character
U+4E00–U+9FFF and of the bot's key words, for finding input-method homophones (bot/normalize.py).

Importing pypinyin takes 0.5–2 s (its phrase dictionary), which was most of the first message's
time. What it says of these 20,992 characters and of the key words never changes for one pypinyin,
so it is asked once, at the first start (about 2 s), and the answers are kept in the cache directory
(bot/cachefiles.py) as JSON, named by pypinyin's files and the key words: a new pypinyin or a new
key word makes the file again. Reading it takes a few milliseconds.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from bot import cachefiles

FIRST, LAST = 0x4E00, 0x9FFF


def _pypinyin_files() -> list[tuple[str, int, int]]:
    spec = importlib.util.find_spec("pypinyin")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return [cachefiles.stamp(folder / name) for name in ("__init__.py", "pinyin_dict.py", "phrases_dict.py")]


def make(words: tuple[str, ...]) -> bytes:
    from pypinyin import lazy_pinyin

    chars = [lazy_pinyin(chr(code))[0] for code in range(FIRST, LAST + 1)]
    keys = {"".join(lazy_pinyin(w)): w for w in words}
    return json.dumps({"chars": chars, "keys": keys}, ensure_ascii=False, sort_keys=False).encode()


def _read(file: Path | bytes) -> tuple[list[str], dict[str, str]]:
    data = json.loads(file if isinstance(file, bytes) else file.read_bytes())
    if len(data["chars"]) != LAST - FIRST + 1:
        raise ValueError("a sounds file cut short")
    return data["chars"], data["keys"]


def load(words: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """(the sound of each character FIRST..LAST in order, {a key word's sound: the key word})."""
    file = cachefiles.path("sounds", "json", 1, _pypinyin_files(), words)
    return cachefiles.load(file, lambda: make(words), _read)
