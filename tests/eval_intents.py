"""`make eval`: the intent classifier on its training data (5-fold cross-validated: each message is
classified by a model that never saw it) and on the held-out set (never tuned on), with per-intent
precision and recall, the confusion pairs, and the median classification time.

Every held-out set on file (tests/data/intents_heldout<N>.tsv, each written in new styles before
the tuning it measures) is reported on its own. The figures last committed are in
tests/data/heldout_score.json, one per set; tests/test_intents.py fails if any set drops below its
figure. `make eval ARGS=--record` writes the new figures;
`--misses-for=N` lists the misses of set N only (look only at sets being acted on). A set that was acted on (its misses looked
at and fixed) moves into training, with its figures in a comment line, and a new one is written.
Sets 13, 14, 16, 19, 20 and 21 (about 1,800 messages in some 100 styles, their misses never read) were
folded into intents.tsv on 2026-12-03 so that the model learns how teachers write; sets 22, 23 and 24
(about 900 messages in some 55 further styles, written after that fold; their misses read on 2026-12-04)
followed on 2026-12-04, once each had served as a measure; sets 25-29 (1,543 messages in some 90 styles, their
misses never read) followed later that day, sets 30-32 staying held out to tell whether that generalises.
Whole conversations (tests/eval_conversations.py) are reported after the single messages.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent / "data"
DATA = HERE / "intents.tsv"
GENERATED = HERE / "intents_generated.tsv"
SCORE = HERE / "heldout_score.json"


def heldout_files() -> list[Path]:
    """The held-out sets on file, oldest first."""
    return sorted(HERE.glob("intents_heldout*.tsv"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))


HELDOUT = heldout_files()[-1]  # the newest


def load(path: Path = DATA) -> list[tuple[str, str]]:
    from bot.nlu import load_labelled

    return load_labelled([path])


def training_rows() -> list[tuple[str, str]]:
    return load(DATA) + load(GENERATED)


def score(pairs: list[tuple[str, str, str]], times: list[float] | None = None) -> dict:
    """pairs: (text, gold, predicted)."""
    per = defaultdict(lambda: [0, 0])
    predicted = Counter()
    confusions = Counter()
    misses = []
    for text, gold, got in pairs:
        per[gold][1] += 1
        predicted[got] += 1
        if got == gold:
            per[gold][0] += 1
        else:
            confusions[(gold, got)] += 1
            misses.append((text, gold, got))
    correct = sum(c for c, _ in per.values())
    return {"overall": correct / len(pairs), "n": len(pairs),
            "per": {k: v[0] / v[1] for k, v in per.items()},  # recall
            "precision": {k: per[k][0] / predicted[k] if predicted[k] else 0.0 for k in per},
            "counts": dict(per), "confusions": confusions, "misses": misses,
            "median_ms": statistics.median(times) * 1000 if times else 0.0}


def evaluate(classifier=None, path: Path = DATA) -> dict:
    """The classifier as it is, on one file."""
    import handlers
    from bot.nlu import Classifier

    classifier = classifier or Classifier(handlers.load_all())
    pairs, times = [], []
    for text, gold in load(path):
        start = time.perf_counter()
        got = classifier.classify(text).intent
        times.append(time.perf_counter() - start)
        pairs.append((text, gold, got))
    return score(pairs, times)


def cross_validate(folds: int = 5, c: float | None = None, seed: int = 7) -> dict:
    """Each training message classified by a model trained on the other folds (stratified)."""
    import handlers
    from bot.nlu import C, Classifier, Model

    classifier = Classifier(handlers.load_all())
    rows = training_rows()
    by_intent = defaultdict(list)
    for row in rows:
        by_intent[row[1]].append(row)
    assignment = []
    rnd = random.Random(seed)
    for intent_rows in by_intent.values():
        rnd.shuffle(intent_rows)
        assignment += [(i % folds, row) for i, row in enumerate(intent_rows)]
    pairs = []
    for fold in range(folds):
        train = [row for f, row in assignment if f != fold]
        model: Model = classifier.train(train, c if c is not None else C)
        classifier.model = model
        pairs += [(text, gold, classifier.classify(text).intent) for f, (text, gold) in assignment if f == fold]
    return score(pairs)


def recorded_scores() -> dict[int, dict]:
    """The committed figure of each held-out set, by set number."""
    data = json.loads(SCORE.read_text("utf-8")) if SCORE.exists() else {}
    return {int(k): v for k, v in data.get("sets", {}).items()}


def recorded_conversations() -> dict[str, int]:
    """Conversations fully right, as last committed, by file."""
    data = json.loads(SCORE.read_text("utf-8")) if SCORE.exists() else {}
    return data.get("conversations", {})


def main(argv: list[str]) -> int:
    cv = cross_validate()
    print(f"== training set, 5-fold cross-validated: {DATA.name} + {GENERATED.name}")
    report(cv, misses=False)
    recorded = recorded_scores()
    lines = [f"cross-validated {cv['overall']:.1%} on {cv['n']}"]
    for path in heldout_files():
        header = heldout_header(path)
        held = evaluate(path=path)
        print(f"\n== held-out set {header.get('set', '?')} (never tuned on): {path.name}")
        report(held, misses="--misses" in argv or f"--misses-for={header.get('set')}" in argv)
        last = recorded.get(header.get("set"), {})
        lines.append(f"held-out set {header.get('set')} {held['overall']:.1%} on {held['n']} "
                     f"(recorded {last.get('accuracy', 0):.1%}); median {held['median_ms']:.3f} ms")
        if "--record" in argv:
            recorded[header["set"]] = {**header, "accuracy": int(held["overall"] * 10_000) / 10_000, "n": held["n"]}
    if "--no-conversations" not in argv:
        from tests import eval_conversations

        lines.append(eval_conversations.main([a for a in argv if a != "--record"]))
    print("\nsummary:\n  " + "\n  ".join(lines))
    if "--record" in argv:
        data = json.loads(SCORE.read_text("utf-8")) if SCORE.exists() else {}
        data["sets"] = {str(k): v for k, v in sorted(recorded.items())}
        if "--no-conversations" not in argv:
            from tests import eval_conversations

            data["conversations"] = {p.stem: eval_conversations.evaluate(p)["right"]
                                     for p in eval_conversations.conversation_files()}
        SCORE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"recorded in {SCORE}")
    return 0


def heldout_header(path: Path = HELDOUT) -> dict:
    """The set number and date from the held-out file's first line ("# Held-out set 5, written 2026-11-23 …")."""
    m = re.match(r"# Held-out set (\d+), written (\d{4}-\d{2}-\d{2})", path.read_text("utf-8"))
    return {"set": int(m.group(1)), "written": m.group(2)} if m else {}


def report(result: dict, misses: bool = True) -> None:
    print(f"overall accuracy {result['overall']:.1%} on {result['n']} messages"
          + (f"; median classification {result['median_ms']:.3f} ms" if result["median_ms"] else ""))
    print(f"  {'intent':18s} {'recall':>7s} {'precision':>9s}")
    for intent, acc in sorted(result["per"].items(), key=lambda kv: kv[1]):
        ok, total = result["counts"][intent]
        print(f"  {intent:18s} {acc:7.1%} {result['precision'][intent]:9.1%}  ({ok}/{total})")
    if result["confusions"]:
        print("confusion pairs (gold → got), worst first:")
        for (gold, got), n in result["confusions"].most_common(10):
            print(f"  {gold} → {got}: {n}")
    if misses and result["misses"]:
        print("misses:")
        for text, gold, got in result["misses"]:
            print(f"  {text!r}: {gold} → {got}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
