"""`make eval`: accuracy per intent and the confusion pairs on tests/data/intents.tsv, and the median
classification time."""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).parent / "data" / "intents.tsv"
HOLDOUT = Path(__file__).parent / "data" / "intents_heldout.tsv"


def load(path: Path = DATA) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, intent = line.rsplit("\t", 1)
            rows.append((text, intent.strip()))
    return rows


def evaluate(classifier=None, path: Path = DATA) -> dict:
    import handlers
    from bot.nlu import Classifier

    classifier = classifier or Classifier(handlers.load_all())
    rows = load(path)
    per = defaultdict(lambda: [0, 0])
    confusions = Counter()
    misses = []
    times = []
    for text, gold in rows:
        start = time.perf_counter()
        got = classifier.classify(text).intent
        times.append(time.perf_counter() - start)
        per[gold][1] += 1
        if got == gold:
            per[gold][0] += 1
        else:
            confusions[(gold, got)] += 1
            misses.append((text, gold, got))
    correct = sum(c for c, _ in per.values())
    return {"overall": correct / len(rows), "n": len(rows), "per": {k: v[0] / v[1] for k, v in per.items()},
            "counts": dict(per), "confusions": confusions, "misses": misses,
            "median_ms": statistics.median(times) * 1000}


def main() -> int:
    for name, path in (("labelled set (tuned on)", DATA), ("held-out set (never tuned on)", HOLDOUT)):
        print(f"== {name}: {path.name}")
        report(evaluate(path=path))
    return 0


def report(result: dict) -> None:
    print(f"overall accuracy {result['overall']:.1%} on {result['n']} messages; "
          f"median classification {result['median_ms']:.3f} ms")
    for intent, acc in sorted(result["per"].items(), key=lambda kv: kv[1]):
        ok, total = result["counts"][intent]
        print(f"  {intent:18s} {acc:6.1%}  ({ok}/{total})")
    if result["confusions"]:
        print("confusions (gold → got):")
        for (gold, got), n in result["confusions"].most_common():
            print(f"  {gold} → {got}: {n}")
        print("misses:")
        for text, gold, got in result["misses"]:
            print(f"  {text!r}: {gold} → {got}")


if __name__ == "__main__":
    sys.exit(main())
