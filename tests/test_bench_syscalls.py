"""bench/syscalls.py in miniature: it runs end to end, and its counter reads an strace file (calls
between a kind's two markers, per message, by name). No figure is asserted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.syscalls import MARK, count
from tests.procs import ROOT


def test_counting_between_the_markers(tmp_path, capsys):
    trace = tmp_path / "trace.txt"
    trace.write_text("\n".join([
        '100 pwrite64(7, "x", 1, 0) = 1',  # before the start: not counted
        f'100 newfstatat(AT_FDCWD, "{MARK}hot-start", 0x7ffd, 0) = -1 ENOENT (No such file or directory)',
        '100 pwrite64(7, "x", 1, 0) = 1',
        '101 fcntl(7, F_SETLK, {l_type=F_RDLCK}) = 0',
        '100 pwrite64(7, "x", 1, 4096) = 1',
        '101 futex(0x7f, FUTEX_WAIT, 0, NULL <unfinished ...>',
        '101 <... futex resumed>) = 0',
        f'100 newfstatat(AT_FDCWD, "{MARK}hot-end:2", 0x7ffd, 0) = -1 ENOENT (No such file or directory)',
        '100 pwrite64(7, "x", 1, 0) = 1',  # after the end: not counted
    ]) + "\n")
    count(trace)
    out = capsys.readouterr().out
    assert out.startswith("hot") and "2.0 per message (2)" in out
    assert "pwrite64 1.00" in out and "fcntl 0.50" in out and "futex 0.50" in out


@pytest.mark.process
def test_it_runs_in_miniature():
    proc = subprocess.run([sys.executable, "-m", "bench.syscalls", "-n", "20", "--marked"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for kind in ("hot", "greeting", "suggestion"):
        assert f"{kind}" in proc.stdout and "µs per message" in proc.stdout
