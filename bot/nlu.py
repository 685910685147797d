"""Intent classification: a trained linear model over character and word n-grams, with the
per-handler keyword tables as strong signals.

The reference point is Rasa's Chinese pipeline: jieba tokens plus character n-gram counts into a
linear classifier. Features of a message: its character 1–3-grams (with start/end marks), its jieba
tokens and token bigrams, and one feature per intent carrying that intent's keyword-table score
(each table lives next to its handler, registered through bot.registry: a keyword scores when it
is one of jieba's tokens or, for two or more characters, appears in the text; patterns add weight;
negatives subtract). A multinomial logistic regression (scikit-learn) is trained on the labelled
messages in tests/data/ (never on the held-out set); its probabilities are the confidence, and the
router asks instead of guessing when it is low (bot/engine.py).

Training takes about a second; the weights are cached as plain arrays (no pickle) under
~/.cache/unionbot, keyed by a hash of the data, the keyword tables and this file, and shared by every
Classifier in the process. Prediction is a few dictionary lookups and one small matrix product.
"""

from __future__ import annotations

import collections
import hashlib
import itertools
import logging
import marshal
import operator
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot import cachefiles, clauses, keyindex, lexicon
from bot.firstchars import first_chars_of
from bot.normalize import canonical, focus, split_requests
from bot.outside import overridden
from bot.registry import Registry
from bot.relay import unrelayed

log = logging.getLogger(__name__)
WORDS_FILE = Path(__file__).parent / "data" / "union_words.txt"
TRAINING_FILES = [Path(__file__).parent.parent / "tests" / "data" / name
                  for name in ("intents.tsv", "intents_generated.tsv")]
THRESHOLD = 1.0  # keyword-only fallback (no training data): the best score must reach this
C = 32.0  # inverse regularisation, chosen by cross-validation on the training data only (2..128 tried)
KEYWORD_SCALE = 0.6
# Shapes, like Rasa's regex features: a code of six letters and digits (a suggestion ticket), a
# 工号-like number, a bare number. They let the model generalise from the codes it saw to any code.
SHAPES = [("s:code", re.compile(r"(?<![0-9a-z])(?=[a-z]*[0-9])(?=[0-9]*[a-z])[0-9a-z]{6}(?![0-9a-z])")),
          ("s:staffno", re.compile(r"(?<![0-9])[0-9]{3,10}(?![0-9])")),
          ("s:number", re.compile(r"^[0-9]{1,2}$")),
          # a count going down or up, as in group chats: "拔河 -1" takes a name off, "+1" puts one on
          ("s:minus1", re.compile(r"(?<![0-9a-z])-\s?1(?![0-9])|减一|减1")),
          ("s:plus1", re.compile(r"\+\s?1(?![0-9])|加一|加1(?![0-9])"))]
_SHAPES = [(name, first, pattern) for (name, pattern), first in  # (bot/firstchars.py)
           zip(SHAPES, first_chars_of([pattern for _, pattern in SHAPES]), strict=True)]
CACHE_SIZE = 4096
_init_lock = threading.Lock()
_words_added = 0  # init_jieba's additions (words_version)


def init_jieba(extra_words: list[str] = ()) -> None:
    """Add the union word list (and the features' words) to jieba's dictionary (bot/lexicon.py: jieba's
    own words, read a first character at a time as texts need them), once per process: a word already
    added is not added again. (jieba's add_word raises a known word's frequency by one, so each
    Classifier made used to shift how texts are cut, and cost 13 ms.)"""
    global _words_added
    with _init_lock:
        words = lexicon.tokenizer()
        added = words.union_words
        first = added is None
        if first:
            words.load_userdict(str(WORDS_FILE))
            added = words.union_words = set()
        new = [word for word in dict.fromkeys(extra_words) if word not in added]
        for word in new:
            words.add_word(word)
        added.update(new)
        if new:
            _normalized.clear()  # a new word can change how a homophone pair is read
        if new or first:
            _words_added += 1


def words_version() -> int:
    """Moves whenever init_jieba adds words (texts may then be cut and normalized differently): what is
    remembered from a text's tokens is keyed by it."""
    return _words_added


_normalized: dict[str, str] = {}  # text → its canonical spelling (a message is normalized twice per delivery)


def normalize(text: str) -> str:
    """The canonical spelling of a message (bot/normalize.py): half-width, simplified, Mandarin,
    digits for spoken numbers, key words for their homophones, lower-case latin: 'ＫＴＶ\u200b　' → 'ktv'.
    Remembered per process for the most recent texts (most messages are a few common questions)."""
    found = _normalized.get(text)
    if found is None:
        found = canonical(text)
        if len(_normalized) >= CACHE_SIZE:
            _normalized.clear()
        _normalized[text] = found
    return found


STAFF_NO_ASIDE = re.compile(r"(我的?)?(工号|职工号)(是|为)?[:：]?\s*[0-9]{3,10}[,，。、\s]*")


def tokens(text: str) -> list[str]:
    return [t for t in lexicon.cut(text) if t.strip()]


@dataclass
class Classification:
    text: str
    intent: str
    confidence: float
    slots: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)
    ranked: list = field(default_factory=list)  # [(intent, probability)], best first

    def as_json(self) -> dict:
        return {"text": self.text, "intent": self.intent, "confidence": round(self.confidence, 3), "slots": self.slots}


def load_labelled(paths) -> list[tuple[str, str]]:
    rows = []
    for path in paths:
        for line in Path(path).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("# ") and "\t" in line:
                text, intent = line.rsplit("\t", 1)
                rows.append((text, intent.strip()))
    return rows


class Model:
    """Weights of the linear model: a feature vocabulary, one row of weights per intent."""

    def __init__(self, vocab: dict[str, int], coef: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.vocab, self.coef, self.intercept, self.classes = vocab, coef, intercept, classes
        # rows per feature, one gather per message; a last row of zeros for the features not in the vocabulary
        self.coef_t = np.zeros((len(vocab) + 1, len(classes)))
        self.coef_t[:-1] = coef.T

    def probabilities(self, feats: dict[str, float]) -> np.ndarray:
        # each feature's row looked up in C (map), an unknown one the zero row: no Python loop over them
        if feats:  # (take: a gather of rows without fancy indexing's checks; the sums and their order unchanged)
            rows = np.fromiter(map(self.vocab.get, feats, itertools.repeat(len(self.vocab))), np.intp, len(feats))
            logits = np.fromiter(feats.values(), float, len(feats)) @ self.coef_t.take(rows, axis=0)
            logits += self.intercept  # (b + a is a + b, bit for bit)
        else:
            logits = self.intercept.copy()
        logits -= logits.max()
        np.exp(logits, out=logits)
        logits /= logits.sum()
        return logits

    def save(self, path: Path) -> None:
        """The arrays, and the features and classes as marshal data (plain lists of strings) in the
        order of their columns: read back in half the time of JSON, 0.1 s of each start before."""
        if list(self.vocab.values()) != list(range(len(self.vocab))):
            raise ValueError("the vocabulary is not in the order of its columns")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        names = marshal.dumps((list(self.vocab), list(self.classes)))
        np.savez(tmp, coef=self.coef, intercept=self.intercept, names=np.frombuffer(names, np.uint8))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Model:
        with np.load(path, allow_pickle=False) as data:
            features, classes = marshal.loads(data["names"].tobytes())
            coef, intercept = data["coef"], data["intercept"]
        # what a file made by save() is, checked: a file that is not (another program's, made up) is
        # refused here, as a damaged one, instead of failing at each message or answering wrongly
        if not (type(features) is list and type(classes) is list
                and all(type(name) is str for name in itertools.chain(features, classes))
                and len(set(features)) == len(features) and len(set(classes)) == len(classes)
                and coef.dtype.kind == "f" and intercept.dtype.kind == "f"
                and coef.shape == (len(classes), len(features)) and intercept.shape == (len(classes),)):
            raise ValueError("not a model made by Model.save")
        return cls(dict(zip(features, range(len(features)), strict=True)), coef, intercept, classes)


_models: dict[str, Model] = {}
_models_lock = threading.Lock()


class Classifier:
    def __init__(self, registry: Registry, training: list[Path] | None = None) -> None:
        self.registry = registry
        init_jieba([w for i in registry.intents.values() for w in i.words])
        self.training = TRAINING_FILES if training is None else training
        self._index = keyindex.KeywordIndex(registry)
        self.model = self._model()
        self._cache: collections.OrderedDict[str, Classification] = collections.OrderedDict()
        self._cache_lock = threading.Lock()

    # ---- features -------------------------------------------------------------------------------------

    def scores(self, text: str) -> dict[str, float]:
        """The keyword tables' scores (positive ones only)."""
        return self._scores(normalize(text), None)

    def _scores(self, norm: str, toks: set[str] | None) -> dict[str, float]:
        """Each table's keywords, patterns and negatives, summed in order, looked up in an index
        (bot/keyindex.py) rather than tried one by one."""
        toks = set(tokens(norm)) if toks is None else toks
        if len(self._index.names) != len(self.registry.intents):  # an intent registered since
            self._index = keyindex.KeywordIndex(self.registry)
        return self._index.scores(norm, toks)

    def features(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        """(features, keyword scores) of a message."""
        return self._features(focus(normalize(text)))

    def _features(self, norm: str) -> tuple[dict[str, float], dict[str, float]]:
        """features() of the focus of a canonical message."""
        toks = tokens(norm)
        scores = self._scores(norm, set(toks))
        padded = "^" + norm + "$"
        pairs = list(map(operator.add, padded, padded[1:]))  # the character 1-, 2- and 3-grams, made in C
        grams = set(map("c:".__add__, itertools.chain(padded, pairs, map(operator.add, pairs, padded[2:]))))
        grams.update(map("w:".__add__, toks))
        grams.update(map("b:{}|{}".format, toks, toks[1:]))  # "b:" + a + "|" + b
        weight = 1.0 / np.sqrt(len(grams)) if grams else 0.0
        feats = dict.fromkeys(grams, weight)
        for name, score in scores.items():
            feats["k:" + name] = KEYWORD_SCALE * min(score, 5.0)
        for name, first, pattern in _SHAPES:
            if (first is None or not first.isdisjoint(norm)) and pattern.search(norm):
                feats[name] = 1.0
        if not norm:
            feats["empty"] = 1.0
        return feats, scores

    # ---- training -----------------------------------------------------------------------------------------

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        h.update(Path(__file__).read_bytes())
        # what the features are read from: the spelling and every reading it calls (bot/normalize.py imports
        # clauses, stage, ordering, english…: a list of names here went stale and kept a model trained on another
        # reading), the keyword index, jieba's cut (bot/lexicon.py cuts as jieba does, with jieba's dictionary and
        # model) and the words added to it — every module of bot/ itself, so none can be left out
        for module in sorted(Path(__file__).parent.glob("*.py")):
            h.update(module.name.encode() + module.read_bytes())
        h.update(WORDS_FILE.read_bytes() + lexicon.jieba.__version__.encode())
        for path in self.training:
            h.update(Path(path).read_bytes())
        for intent in sorted(self.registry.intents.values(), key=lambda i: i.name):
            h.update(repr((intent.name, sorted(intent.keywords.items()), [(p.pattern, w) for p, w in intent.patterns],
                           sorted(intent.negatives.items()), intent.words)).encode())
        return h.hexdigest()[:20]

    def _model(self) -> Model | None:
        if not self.training or not all(Path(p).exists() for p in self.training):
            return None  # keyword tables only
        key = self._fingerprint()
        if key in _models:
            return _models[key]
        with _models_lock:
            if key in _models:
                return _models[key]
            cache = Path(os.environ.get("UNIONBOT_CACHE_DIR") or Path.home() / ".cache" / "unionbot") / f"nlu-{key}.npz"
            model = None
            if cache.exists() and cachefiles.trusted(cache):  # (a file others could write is not read)
                try:
                    model = Model.load(cache)
                except Exception as exc:  # a damaged cache is rebuilt
                    log.warning("nlu: cache unreadable (%s), retraining", type(exc).__name__)
            if model is not None and not set(model.classes) <= set(self.registry.intents):
                return None  # (its classes are the training data's intents: as below, without reading the data)
            if model is None:
                rows = load_labelled(self.training)
                if not {intent for _, intent in rows} <= set(self.registry.intents):
                    return None  # another set of intents altogether: keyword tables only
                model = self.train(rows)
                try:
                    model.save(cache)
                except OSError as exc:
                    log.info("nlu: cannot cache the model (%s); it is kept in memory", type(exc).__name__)
            _models[key] = model
            return model

    def train(self, rows: list[tuple[str, str]], c: float = C) -> Model:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression

        vocab: dict[str, int] = {}
        indptr, indices, values = [0], [], []
        for text, _ in rows:  # (read without bot/ordering.py: the data is written in the words it reads "下单" as)
            feats, _ = self._features(focus(canonical(text, orders=False), excused=False))  # (see focus)
            for f, v in feats.items():
                indices.append(vocab.setdefault(f, len(vocab)))
                values.append(v)
            indptr.append(len(indices))
        x = csr_matrix((values, indices, indptr), shape=(len(rows), len(vocab)))
        clf = LogisticRegression(C=c, max_iter=3000)
        clf.fit(x, [intent for _, intent in rows])
        return Model(vocab, clf.coef_, clf.intercept_, [str(c) for c in clf.classes_])

    # ---- classifying -----------------------------------------------------------------------------------------

    def classify(self, text: str) -> Classification:
        """The intent of a message. Results are kept for the last CACHE_SIZE distinct texts: a
        classification depends on the text alone, and teachers send the same short lines ("是", "帮助",
        "报名拔河") over and over. Callers get their own copy."""
        with self._cache_lock:
            found = self._cache.get(text)
            if found is not None:
                self._cache.move_to_end(text)
        if found is None:
            found = self._classify(text)
            with self._cache_lock:
                self._cache[text] = found
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return Classification(found.text, found.intent, found.confidence, dict(found.slots), dict(found.scores),
                              list(found.ranked))  # (dataclasses.replace did the same at twice the cost)

    def _classify(self, text: str) -> Classification:
        if self.model is None:
            return self._classify_by_keywords(text)
        norm = normalize(text)
        meant = clauses.others_aside(clauses.last_word(norm))  # "我想问下体检,哦不,我是想问登山几点出发": the last
        # word counts; "我报拔河，我老公就不报了": his part is no withdrawal of hers (bot/clauses.py)
        core = unrelayed(focus(meant))  # "我姥爷说报登山": his request, typed for him (bot/relay.py)
        feats, scores = self._features(core)
        if "empty" in feats:
            return Classification(text, "unknown", 0.0, {}, scores, [("unknown", 0.0)])
        untrained = {name: score for name, score in scores.items() if name not in self.model.classes}
        trained = max((score for name, score in scores.items() if name in self.model.classes), default=0.0)
        if untrained and max(untrained.values()) >= THRESHOLD and max(untrained.values()) > trained:
            # a feature added without training data yet is recognised by its keyword table, when it wins it; a tie
            # with a trained one is the model's to settle ("…点名签到，不去扣分。…建议周末培训改到工作日": the
            # suggestion's 建议 scores as much as the check-in's 签到, and the keyword table's order would pick)
            return self._classify_by_keywords(text)
        probs = self.model.probabilities(feats)
        order = np.argsort(-probs)[:3]
        ranked = [(self.model.classes[i], float(probs[i])) for i in order]
        aside = STAFF_NO_ASIDE.sub("", core, count=1)
        if aside != core and len(aside) >= 3 and not re.match(r"^(我是|我叫|本人|姓名)", aside):
            # a 工号 mentioned in passing ("我工号1024，帮我看看报了啥") is not a binding by itself
            other = self.model.probabilities(self.features(aside)[0])
            i = int(np.argmax(other))
            if self.model.classes[i] not in ("bind", "unknown", "greeting") and other[i] >= 0.6:
                order = np.argsort(-other)[:3]
                ranked = [(self.model.classes[j], float(other[j])) for j in order]
        ranked = self._request_clause(meant, ranked)
        best, confidence = ranked[0]
        other = overridden(norm, best, self.names_activity)  # "帮我报一下学生的春游", "体检完了 谢谢" (bot/outside.py)
        if other is not None:
            ranked = [(other, max(confidence, 0.8)), (best, min(1 - confidence, 0.2))]
            best, confidence = ranked[0]
        intent = self.registry.intents.get(best)
        slots = intent.slots(meant) if intent is not None and intent.slots else {}
        return Classification(text, best, confidence, slots, scores, ranked)

    def _request_clause(self, meant: str, ranked: list) -> list:
        """A story told first and the request in one clause (bot/clauses.py): the words after a turn ("…，对了，
        插花沙龙报我一个", "…。所以我建议…") when they confidently ask for something; a later request ("…，另外…",
        "…，顺便…") when the first part asks nothing the bot can do (a story, thanks, wishes)."""
        turn = clauses.turned(meant)
        weak = ranked[0][0] in ("unknown", "greeting") or ranked[0][1] < 0.6
        tried = [(turn, 0.85)] if turn else []
        tried += [(part, 0.6) for part in split_requests(meant)[1:]] if weak else []
        for part, needed in tried:
            probs = self.model.probabilities(self._features(focus(part))[0])
            order = np.argsort(-probs)[:3]
            if self.model.classes[order[0]] not in ("unknown", "greeting", "bind") and probs[order[0]] >= needed:
                return [(self.model.classes[j], float(probs[j])) for j in order]
        return ranked
    def names_activity(self, text: str) -> bool:
        """Does the text name a union activity (the activity intent's slots)?"""
        intent = self.registry.intents.get("activity_query")
        return bool(intent is not None and intent.slots and intent.slots(text))

    def _classify_by_keywords(self, text: str) -> Classification:
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
