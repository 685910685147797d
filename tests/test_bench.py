"""A smoke run of every benchmark (tiny sizes): each one still runs end to end. No figure is
asserted: timings are for `make bench` on a quiet machine, not for tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.procs import ROOT

pytestmark = pytest.mark.process


def test_every_benchmark_runs_in_miniature():
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--quick"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for section in ("== webhook", "== pushes", "== coldstart", "== recipients"):
        assert section in out
    assert "ratio ours/echo:" in out and "echo " in out and "ours " in out
    assert "most in any 1s window" in out and "messages/s" in out
    assert "start to first answered message" in out and "per worker RSS" in out
