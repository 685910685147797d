"""bench/claim_bound.py and bench/compact_cost.py in miniature: the prototype table deduplicates (the
measurement relies on it), each variant answers the hot question, and the compaction bench runs. No
figure is asserted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.claim_bound import ShmTable
from tests.procs import ROOT


def test_the_prototype_table_keeps_the_first_claim_and_its_value(tmp_path):
    table = ShmTable(str(tmp_path / "claims"))
    first, second = bytes(range(16)), bytes(range(1, 17))
    assert table.insert(first, b"body-hash") is None
    assert table.insert(first, b"another") == b"body-hash"  # seen: the stored value comes back
    assert table.insert(second) is None
    table.put(second, b"sealed reply")
    assert table.insert(second) == b"sealed reply"
    again = ShmTable(str(tmp_path / "claims"))  # another process's mapping of the same file sees them
    assert again.insert(first) == b"body-hash"


def test_the_compaction_bench_runs_in_miniature():
    from bench.compact_cost import measure

    rows = measure([4, 8], last=3, long_every=3)
    assert [size for size, _, _ in rows] == [4, 8]
    assert all(held > 0 and whole >= held for _, held, whole in rows)


@pytest.mark.process
@pytest.mark.parametrize("variant", ["ours", "file", "shm", "free"])
def test_each_variant_answers_the_hot_question(variant):
    # a process of its own: the variants patch the dispatcher's class
    proc = subprocess.run([sys.executable, "-m", "bench.claim_bound", "--variant", variant, "-n", "10"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert len(proc.stdout.split()) == 3 and all(float(x) > 0 for x in proc.stdout.split())
