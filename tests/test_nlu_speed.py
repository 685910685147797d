"""The faster classification reads every message as before: the keyword tables looked up in an index
(bot/keyindex.py) score as each entry tried in turn; a pattern is skipped only where it cannot match
(bot/firstchars.py); jieba's unknown-word model written out (bot/lexicon.py) cuts as jieba's own; the
homophone test answers as the pinyin of every pair; and the union's words go into jieba's dictionary
once per process, however many classifiers are made (each used to raise their frequencies by one).

The whole classification, base against this tree, message by message: `python -m bench.nlu_speed`."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from jieba import finalseg

import handlers
from bot import lexicon, nlu
from bot import normalize as norm_module
from bot.firstchars import first_chars
from bot.keyindex import KeywordIndex
from bot.nlu import TRAINING_FILES, Classifier, load_labelled, tokens
from bot.normalize import canonical, focus
from bot.registry import Registry

TEXTS = ["报名拔河", "我要报乒乓球", "取消 报名 羽毛球", "拔河 -1", "+1 家属", "我都报了啥", "数学组王建军老师昨日住院了，请工会知悉。",
         "不想再收祝福了", "满意 8H3TZM", "附议", "你好", "", "a", "？", "体捡什么时候", "帮我抱个拔河", "报不报得",
         "ｋｔｖ", "quxiao wo de 登山 baoming", "工会宝宝晚安", "有回复无", "先勿报", "还好报名伐", "bb 满月了"]


@pytest.fixture(scope="module")
def messages() -> list[str]:
    return [text for text, _ in load_labelled(TRAINING_FILES)] + TEXTS


@pytest.fixture
def own_tokenizer(monkeypatch):
    """A tokenizer of this test's own (the process's is shared by every test)."""
    words = lexicon.Tokenizer(lexicon.Buckets.open())
    monkeypatch.setattr(lexicon, "_tokenizer", words)
    monkeypatch.setattr(nlu, "_normalized", {})
    return words


def test_a_second_classifier_adds_no_word_again(own_tokenizer):
    registry = handlers.load_all()
    union = sorted({w for intent in registry.intents.values() for w in intent.words})
    Classifier(registry)
    assert own_tokenizer.union_words == set(union)
    first = (own_tokenizer.total, {w: own_tokenizer.FREQ[w] for w in union}, lexicon.cut("我报了什么活动，不去了"))
    for _ in range(3):
        Classifier(registry)
    assert (own_tokenizer.total, {w: own_tokenizer.FREQ[w] for w in union}, lexicon.cut("我报了什么活动，不去了")) == first


def test_a_word_a_new_feature_brings_is_added_once(own_tokenizer):
    registry = Registry()

    @registry.intent("curling", keywords={"冰壶": 2.0}, words=["冰壶友谊赛", "冰壶友谊赛"])
    def curling(ctx):  # pragma: no cover - never run
        return None

    Classifier(registry, training=[])
    freq, total = own_tokenizer.FREQ["冰壶友谊赛"], own_tokenizer.total
    assert "冰壶友谊赛" in lexicon.cut("报名冰壶友谊赛")
    Classifier(registry, training=[])
    assert (own_tokenizer.FREQ["冰壶友谊赛"], own_tokenizer.total) == (freq, total)
    assert Classifier(registry, training=[]).classify("冰壶友谊赛几点").intent == "curling"


def scores_one_by_one(registry: Registry, norm: str, toks: set[str]) -> dict[str, float]:
    """The keyword tables' scores as they were computed before the index: every entry tried in turn."""
    result = {}
    for intent in registry.intents.values():
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


def test_the_index_scores_as_every_table_entry_tried_in_turn(messages):
    registry = handlers.load_all()
    index = KeywordIndex(registry)
    scored = 0
    for text in messages:
        norm = focus(canonical(text))
        toks = set(tokens(norm))
        expected = scores_one_by_one(registry, norm, toks)
        assert list(index.scores(norm, toks).items()) == list(expected.items()), text  # the same floats, in order
        scored += bool(expected)
    assert scored > len(messages) * 0.6


def test_a_one_character_keyword_scores_only_as_a_token():
    registry = Registry()
    registry.intent("yes", keywords={"是": 2.0, "是的": 1.0}, negatives={"不是": 5.0})(lambda ctx: None)
    index = KeywordIndex(registry)
    assert index.scores("是", {"是"}) == {"yes": 2.0}
    assert index.scores("是的", {"是的"}) == {"yes": 1.0}  # 是 inside 是的 is no token of its own
    assert index.scores("不是", {"不是"}) == {}


PATTERNS = [r"(报|去|参)不\1(名|加)?得", r"^(我)?(要|来)?签到", r"(?<![0-9a-z+])-\s*1(?![0-9])", r"a*b", r"(ab|c?d)e",
            r"(?=报)报名|取消", r"x{0,2}y", r"[0-9]{3,10}", r"(?:哦|噢)(不对|说错了)|打错了"]


def test_first_characters_are_those_every_match_begins_with(messages):
    patterns = [re.compile(p) for p in PATTERNS]
    patterns += [p for intent in handlers.load_all().intents.values() for p, _ in intent.patterns]
    patterns += [p for p, _ in norm_module.DIALECT_RE + norm_module.SOUND_TYPOS] + [norm_module.PARTICLES]
    patterns += [p for _, p in nlu.SHAPES]
    told = 0
    for pattern in patterns:
        first = first_chars(pattern)
        if first is None:
            continue
        told += 1
        for text in messages:
            for m in pattern.finditer(text.lower()):
                assert text.lower()[m.start()] in first, (pattern.pattern, text)
    assert told > len(patterns) * 0.8
    assert first_chars(re.compile(r"(报|去|参)不\1(名|加)?得")) == {"报", "去", "参"}
    assert first_chars(re.compile(r"a*b")) == {"a", "b"}
    for unknown in (r"a?", r".报名", r"\s报名", r"[^a]b", r"(?i)ab", "[\u4e00-\u9fff]名"):
        assert first_chars(re.compile(unknown)) is None, unknown  # may be empty, or begin with anything


def test_a_pattern_is_passed_over_only_where_it_could_not_match(messages):
    """Each cheap test that lets a costly search be skipped says yes wherever the search finds something (so the
    reading is the same with or without it), on every training message, its canonical form and made-up matches."""
    from bot import clauses, english, ordering, quiz

    gates = [(clauses.SAID_AGAIN, lambda t: len(t) >= 6 and clauses._may_repeat(t)),
             (norm_module.RUNS, lambda t: any(run in t for run in norm_module._RUN_MARKS)),
             (norm_module.COUNTED, lambda t: not norm_module._COUNTED_AFTER.isdisjoint(t)),
             (norm_module.MENTION, lambda t: "@" in t), (norm_module.TITLE, lambda t: "《" in t),
             (quiz.BLANK, lambda t: "(" in t or "__" in t or "＿＿" in t), (quiz.OPTIONS, quiz._OPTION.search),
             (quiz.TRUE_FALSE, lambda t: "对" in t or "正确" in t or "√" in t),
             (ordering.ACTIVITY, lambda t: not ordering._ACTIVITY_CHARS.isdisjoint(t))]
    made = ["登山登山登山", "确认，确认！确认", "好!!报名", "好。。", "嗯...", "十二月三号", "两周年", "@张伟 你好", "《给教师的建议》",
            "( )", "__号", "a.查活动 b.报名", "①报名 ②取消", "退休教师可以参加吗 对还是错", "√还是×", "卡拉ok比赛", "k歌",
            "跳绳", "茶话会", "篮球赛"]
    found = dict.fromkeys(range(len(gates)), 0)
    for text in messages + made:
        for form in (text, text.lower(), canonical(text)):
            for i, (pattern, gate) in enumerate(gates):
                if pattern.search(form):
                    found[i] += 1
                    assert gate(form), (pattern.pattern, form)
    assert all(found.values()), found  # every gate was tried where its pattern matches
    for first, pattern, _ in english._FIRST_RULES:  # the English phrases, tried only where a match can begin
        for text in messages[::5]:
            for m in pattern.finditer(text.lower()):
                assert first is None or text.lower()[m.start()] in first, (pattern.pattern, text)


def test_the_unknown_word_model_cuts_as_jiebas_own(messages):
    rnd = random.Random(7)
    pieces = [text[i:i + n] for text in messages[::3] for i, n in [(rnd.randrange(max(len(text), 1)), rnd.randrange(1, 9))]]
    rare = [chr(c) for c in range(0x9F00, 0x9FD5)][:40] + list("王建军住院了的")  # characters the model never saw: ties
    pieces += ["".join(rnd.choice(rare) for _ in range(rnd.randrange(1, 10))) for _ in range(3000)]
    pieces += ["a", "1", "ab1 王", "3.5%x", "。", " "]
    for piece in pieces:
        out: list[str] = []
        lexicon.hmm_cut(piece, out)
        assert out == list(finalseg.cut(piece)), piece


def test_the_homophone_test_answers_as_every_pair_sounded_out(messages):
    keys = norm_module._pinyin_keys()

    def every_pair(text: str) -> bool:
        cjk = [ch if "\u4e00" <= ch <= "\u9fff" else "" for ch in text]
        return any(a and b and a + b not in norm_module._KEY_SET and norm_module._sound(a) + norm_module._sound(b) in keys
                   for a, b in itertools.pairwise(cjk))

    rnd = random.Random(3)
    openers = list(norm_module._openers())
    made = ["".join(rnd.choice(openers + list("报名体检候补取消a 1")) for _ in range(4)) for _ in range(20000)]
    found = 0
    for text in messages + made:
        assert norm_module._sounds_like_a_key_word(text) == every_pair(text), text
        found += every_pair(text)
    assert found > 100


def test_no_format_character_stands_in_the_blocks_not_looked_at():
    import unicodedata

    missed = [hex(c) for c in range(0x110000)
              if unicodedata.category(chr(c)) == "Cf" and not norm_module._MAYBE_FORMAT.match(chr(c))]
    assert missed == []
    assert canonical("报\u200b名\ufeff拔河\u00ad") == "报名拔河"


def test_the_model_is_trained_again_when_what_the_features_are_read_from_changes(monkeypatch):
    from pathlib import Path

    registry = handlers.load_all()
    classifier = Classifier(registry)
    key = classifier._fingerprint()
    assert Classifier(registry)._fingerprint() == key
    read = Path.read_bytes
    for name in ("nlu.py", "normalize.py", "spellings.py", "keyindex.py", "firstchars.py", "lexicon.py", "union_words.txt"):
        with monkeypatch.context() as m:
            m.setattr(Path, "read_bytes", lambda self, name=name: read(self) + (b"\n#" if self.name == name else b""))
            assert classifier._fingerprint() != key, name
    intent = next(i for i in registry.intents.values() if i.words)
    with monkeypatch.context() as m:
        m.setattr(intent, "words", [*intent.words, "新词"])
        assert classifier._fingerprint() != key
    assert classifier._fingerprint() == key


def test_first_characters_are_kept_in_a_file_and_a_damaged_one_is_made_again(tmp_path, monkeypatch):
    from bot import firstchars

    monkeypatch.setenv("UNIONBOT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(firstchars, "_known", None)
    pattern = re.compile("(报|去)名")
    assert firstchars.first_chars(pattern) == {"报", "去"}
    (file,) = tmp_path.glob("firstchars-*.json")
    assert '"(报|去)名"' in file.read_text("utf-8")
    file.write_text('[["(报|去)名", 32, ["x"]], 5]', "utf-8")  # damaged: ignored, read again, written again
    monkeypatch.setattr(firstchars, "_known", None)
    assert firstchars.first_chars(pattern) == {"报", "去"}
    monkeypatch.setattr(firstchars, "_known", None)
    assert firstchars.first_chars_of([pattern, re.compile("a?")]) == [{"报", "去"}, None]
