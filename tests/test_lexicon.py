"""jieba's dictionary read a first character at a time (bot/lexicon.py) and the characters' pinyin
kept in a file (bot/sounds.py): the same answers as jieba's and pypinyin's own, made once from the
installed libraries' files, the same bytes each time, made again when an input changes or the file
is damaged, and kept in memory where nothing can be written."""

from __future__ import annotations

import jieba
import pytest

from bot import cachefiles, lexicon, sounds
from bot.nlu import TRAINING_FILES, WORDS_FILE, load_labelled

TINY = """工会 100 n
工会小组 50 n
报名 80 v
拔河 30 n
拔河比赛 20 n
比赛 90 n
活动 120 n
我 500 r
要 300 v
想 200 v
参加 150 v
"""
TEXTS = ["我想报名拔河比赛", "工会小组有什么活动", "我要参加拔河", "报名 拔河, 比赛!", "羽毛球比赛几点开始",
         "abc 123 工会", "", "   ", "我我我我", "住院了请工会知悉"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("UNIONBOT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def tiny(tmp_path):
    source = tmp_path / "dict.txt"
    source.write_text(TINY, "utf-8")
    return source


def reference(source) -> jieba.Tokenizer:
    ref = jieba.Tokenizer(str(source))
    ref.tmp_dir = str(source.parent)  # jieba's own cache beside the file, not in /tmp
    ref.initialize()
    return ref


def test_a_tiny_dictionary_cuts_exactly_as_jieba_does(cache, tiny):
    words = lexicon.Tokenizer(lexicon.Buckets.open(tiny))
    ref = reference(tiny)
    assert words.FREQ == {} and words.total == ref.total
    for text in TEXTS:
        for hmm in (True, False):
            assert words.lcut(text, HMM=hmm) == ref.lcut(text, HMM=hmm), text
    # a word added later (as the union's words are) counts the same, and wins over the dictionary's
    for tok in (words, ref):
        tok.add_word("拔河比", 5000)
        tok.add_word("工会小组", 1)
        tok.add_word("羽毛球比赛")
    for text in TEXTS:
        assert words.lcut(text) == ref.lcut(text), text
    assert {w: f for w, f in words.FREQ.items()} == {w: ref.FREQ[w] for w in words.FREQ}
    assert words.total == ref.total
    assert {"活", "活动", "羽毛"} <= words.seen and "猫" not in words.seen


def test_the_file_is_the_same_bytes_each_time_and_made_again_when_its_source_changes(cache, tiny):
    assert lexicon.build(tiny) == lexicon.build(tiny)
    lexicon.Buckets.open(tiny)
    first = list(cache.glob("jieba-*.lexicon"))
    assert len(first) == 1 and first[0].read_bytes() == lexicon.build(tiny)
    tiny.write_text(TINY + "羽毛球 60 n\n", "utf-8")
    buckets = lexicon.Buckets.open(tiny)
    assert len(list(cache.glob("jieba-*.lexicon"))) == 2
    assert buckets.entries(lexicon.bucket("羽")) == {"羽": 0}
    assert buckets.entries(lexicon.bucket("羽毛")) == {"羽毛": 0, "羽毛球": 60}


def test_a_damaged_file_is_made_again_and_an_unwritable_cache_is_kept_in_memory(cache, tiny):
    lexicon.Buckets.open(tiny)
    (file,) = cache.glob("jieba-*.lexicon")
    file.write_bytes(file.read_bytes()[:-7])  # cut short
    assert lexicon.Buckets.open(tiny).entries(lexicon.bucket("拔河")) == {"拔河": 30, "拔河比": 0, "拔河比赛": 20}
    assert file.read_bytes() == lexicon.build(tiny)
    file.unlink()
    cache.rmdir()
    cache.write_text("a file where the directory should be")
    words = lexicon.Tokenizer(lexicon.Buckets.open(tiny))
    assert words.lcut("我想报名拔河比赛") == reference(tiny).lcut("我想报名拔河比赛")


def test_jiebas_own_dictionary_gives_jiebas_own_tokens():
    """A tokenizer as the process makes it, against a jieba that read the whole dictionary, both with
    the union's words and the features' (as nlu.init_jieba adds them): every 7th training message,
    with and without the HMM for unknown words."""
    import handlers

    ref = jieba.Tokenizer()
    ref.initialize()
    words = lexicon.Tokenizer(lexicon.Buckets.open())
    for tok in (ref, words):
        tok.load_userdict(str(WORDS_FILE))
        for word in (w for intent in handlers.load_all().intents.values() for w in intent.words):
            tok.add_word(word)
    texts = [text for text, _ in load_labelled(TRAINING_FILES)][::7]
    assert len(texts) > 500
    for text in texts:
        assert words.lcut(text) == ref.lcut(text), text
        assert words.lcut(text, HMM=False) == ref.lcut(text, HMM=False), text
    assert words.total == ref.total
    assert len(words.FREQ) < len(ref.FREQ)  # only the characters met were read


def test_sounds_are_pypinyins_and_kept_in_a_file(cache):
    from pypinyin import lazy_pinyin

    words = ("报名", "候补", "查询")
    chars, keys = sounds.load(words)
    assert keys == {"".join(lazy_pinyin(w)): w for w in words}
    for ch in "报抱体捡候后补一乐行长重〇龥":
        if sounds.FIRST <= ord(ch) <= sounds.LAST:
            assert chars[ord(ch) - sounds.FIRST] == lazy_pinyin(ch)[0], ch
    (file,) = cache.glob("sounds-*.json")
    assert file.read_bytes() == sounds.make(words)
    file.write_text("{")  # damaged: made again
    assert sounds.load(words) == (chars, keys)
    sounds.load(("报名",))
    assert len(list(cache.glob("sounds-*.json"))) == 2  # new key words, a new file


def test_homophones_still_read_as_the_key_words():
    from bot.normalize import canonical

    assert canonical("我想抱名拔河") == "我想报名拔河"
    assert canonical("拔河我要后补") == "拔河我要候补"
    assert canonical("我要去小卖部") == "我要去小卖部"  # 去小 straddles a word: no 取消


def test_cache_file_names_follow_their_inputs(cache):
    assert cachefiles.path("x", "bin", 1, "a") == cachefiles.path("x", "bin", 1, "a")
    assert cachefiles.path("x", "bin", 1, "a") != cachefiles.path("x", "bin", 1, "b")
    assert cachefiles.path("x", "bin", 1).parent == cache
