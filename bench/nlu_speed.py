"""Classification speed, ours beside another tree of the bot, and proof that the two classify alike.

    python -m bench.nlu_speed --base /tmp/base-tree               (5 rounds, interleaved)
    python -m bench.nlu_speed --base /tmp/base-tree --fresh       (a new Classifier per file, as make eval)
    python -m bench.nlu_speed --record /tmp/map.json              (this tree's map only, kept)
    python -m bench.nlu_speed --check /tmp/map.json               (this tree against a kept map)

Each round starts one process per tree (base first, then ours, then base again in the next round:
interleaved, so a busy machine weighs on both alike). A process builds one Classifier and classifies
every message of the training files and of every held-out set (tests/data/intents_heldout*.tsv) in
order, timing each call (`perf_counter`); it reports the median per file and the map message →
(intent, confidence rounded to 3 places). The table is the median over the rounds of each process's
median, and ours/base. The maps of every process of both trees must be the same: any message that
differs is printed and the exit status is 1. Held-out sets are only run here, for their time and the
equality: their misses are not read.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
FILES = ["intents.tsv", "intents_generated.tsv"]


def data_files(tree: Path) -> list[Path]:
    data = tree / "tests" / "data"
    held = sorted(data.glob("intents_heldout*.tsv"), key=lambda p: int("".join(c for c in p.stem if c.isdigit()) or 0))
    return [data / name for name in FILES] + held


def worker(tree: Path, out: Path, fresh: bool, passes: int = 1) -> None:
    """In a process whose sys.path starts with `tree`: classify every file, write times and the map.
    With passes > 1, each file is classified that many times over (the classifier's remembered
    results and spellings forgotten before each pass), and "steady_ms" is the median over the
    messages of each one's fastest pass: what a message costs when the machine lets it run."""
    import time

    import handlers
    from bot import nlu
    from bot.nlu import Classifier, load_labelled

    registry = handlers.load_all()
    classifier = Classifier(registry)
    result = {"median_ms": {}, "cpu_ms": {}, "steady_ms": {}, "map": {}, "exact": {}, "scores": {}}
    for path in data_files(tree):
        if fresh:
            classifier = Classifier(registry)  # as tests/eval_intents.py does for each file
        times, cpu = [], []
        for text, _ in load_labelled([path]):
            start, start_cpu = time.perf_counter(), time.process_time()
            found = classifier.classify(text)
            cpu.append(time.process_time() - start_cpu)
            times.append(time.perf_counter() - start)
            result["map"][text] = [found.intent, round(found.confidence, 3)]
            result["exact"][text] = found.confidence
            result["scores"][text] = found.scores  # the keyword tables' (no model in them): the same floats
        result["median_ms"][path.name] = statistics.median(times) * 1000
        result["cpu_ms"][path.name] = statistics.median(cpu) * 1000
        fastest = times
        for _ in range(passes - 1):
            classifier._cache.clear()
            nlu._normalized.clear()
            again = []
            for text, _ in load_labelled([path]):
                start = time.perf_counter()
                classifier.classify(text)
                again.append(time.perf_counter() - start)
            fastest = list(map(min, fastest, again))
        result["steady_ms"][path.name] = statistics.median(fastest) * 1000
    out.write_text(json.dumps(result, ensure_ascii=False), "utf-8")


def run_tree(tree: Path, fresh: bool, passes: int = 1) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = Path(f.name)
    try:
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}  # the same sums in the same order
        subprocess.run([sys.executable, __file__, "--worker", str(tree), str(out), str(passes)]
                       + (["--fresh"] if fresh else []), cwd=tree, env=env, check=True)
        return json.loads(out.read_text("utf-8"))
    finally:
        out.unlink(missing_ok=True)


def differences(a: dict, b: dict) -> list[str]:
    lines = [f"  {text!r}: {a.get(text)} → {b.get(text)}" for text in a.keys() | b.keys() if a.get(text) != b.get(text)]
    return sorted(lines)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--worker":
        worker(Path(argv[1]), Path(argv[2]), "--fresh" in argv, int(argv[3]))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", help="another tree of the bot, run beside this one")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="a new Classifier per file (as make eval)")
    parser.add_argument("--passes", type=int, default=1, help="classify each file this many times in each process")
    parser.add_argument("--record", help="write this tree's map here")
    parser.add_argument("--check", help="compare this tree's map with one written by --record")
    args = parser.parse_args(argv)
    if args.record or args.check:
        ours = run_tree(HERE, args.fresh)
        if args.record:
            Path(args.record).write_text(json.dumps(ours["map"], ensure_ascii=False, indent=0), "utf-8")
            print(f"{len(ours['map'])} messages recorded in {args.record}")
            return 0
        kept = json.loads(Path(args.check).read_text("utf-8"))
        diff = differences(kept, ours["map"])
        print(f"{len(ours['map'])} messages, {len(diff)} classified otherwise than recorded")
        print("\n".join(diff[:50]))
        return 1 if diff else 0
    trees = ([("base", Path(args.base).resolve())] if args.base else []) + [("ours", HERE)]
    runs: dict[str, list[dict]] = {name: [] for name, _ in trees}
    for r in range(args.rounds):
        for name, tree in trees:
            runs[name].append(run_tree(tree, args.fresh, args.passes))
            print(f"round {r + 1} {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in runs[name][-1]["median_ms"].items()),
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    files = list(runs["ours"][0]["median_ms"])
    kinds = [("median_ms", "wall"), ("cpu_ms", "CPU")] + ([("steady_ms", "each message's fastest pass, wall")]
                                                         if args.passes > 1 else [])
    for kind, label in kinds:
        print(f"\nmedian classification, ms of {label} time (median of {args.rounds} processes each; "
              f"{'a fresh' if args.fresh else 'one'} Classifier per file)")
        print(f"  {'file':26s}" + "".join(f"{name:>9s}" for name, _ in trees) + ("   ours/base" if args.base else ""))
        for name in files:
            meds = {t: statistics.median(run[kind][name] for run in runs[t]) for t, _ in trees}
            line = f"  {name:26s}" + "".join(f"{meds[t]:9.3f}" for t, _ in trees)
            if args.base:
                line += f"   {meds['ours'] / meds['base']:.2f}  (rounds: " + ", ".join(
                    f"{o[kind][name] / b[kind][name]:.2f}" for b, o in zip(runs["base"], runs["ours"], strict=True)) + ")"
            print(line)
    maps = [(t, i, run["map"]) for t, _ in trees for i, run in enumerate(runs[t])]
    status = 0
    for t, i, m in maps[1:]:
        diff = differences(maps[0][2], m)
        if diff:
            status = 1
            print(f"{t} process {i + 1}: {len(diff)} messages classified otherwise than {maps[0][0]} process 1")
            print("\n".join(diff[:20]))
    first, ours = runs[trees[0][0]][0], runs["ours"][0]
    exact = sum(1 for text, c in ours["exact"].items() if first["exact"].get(text) == c)
    scores = sum(1 for text, s in ours["scores"].items() if first["scores"].get(text) == s)
    if scores != len(ours["scores"]):
        status = 1
    print(f"\nsame (intent, confidence to 3 places) for all {len(maps[0][2])} messages in all {len(maps)} processes: "
          f"{'yes' if status == 0 else 'NO'}; keyword scores the same floats: {scores}/{len(ours['scores'])}; "
          f"confidence bit for bit the same: {exact}/{len(ours['exact'])} (a model trained again differs in the last bits)")
    return status


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        sys.path.insert(0, sys.argv[2])
    sys.exit(main(sys.argv[1:]))
