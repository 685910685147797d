"""Attack review of the cold-start caches and the SQL compaction (attack6): a package whose __init__
is deferred (bot/imports.py) asked for a name by two threads at once or failing once; a regex table
planted where others can write (bot/recache.py)."""

from __future__ import annotations

import builtins
import os
import re
import sys
import threading

import pytest

from bot import recache
from bot.imports import defer_init

INIT = """
import builtins
builtins.attack6_state["runs"] += 1
if builtins.attack6_state["runs"] == 1 and builtins.attack6_state["fail_first"]:
    raise RuntimeError("first run fails")
builtins.attack6_state["started"].set()
builtins.attack6_state["go"].wait(10)
VALUE = 42
"""


@pytest.fixture
def package(tmp_path, monkeypatch):
    name = f"attack6pkg_{os.getpid()}_{id(tmp_path)}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text(INIT)
    (tmp_path / name / "part.py").write_text("PART = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    state = {"runs": 0, "fail_first": False, "started": threading.Event(), "go": threading.Event()}
    monkeypatch.setattr(builtins, "attack6_state", state, raising=False)
    defer_init(name)
    yield name, state
    state["go"].set()
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]


def test_a_second_thread_asking_while_the_deferred_init_runs_waits_for_it(package):
    name, state = package
    module = sys.modules[name]
    got = {}

    def ask(who):
        try:
            got[who] = module.VALUE
        except Exception as exc:
            got[who] = type(exc).__name__

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    assert state["started"].wait(10)
    second = threading.Thread(target=ask, args=("second",))
    second.start()
    second.join(0.5)  # it must be waiting for the __init__, not answering already
    state["go"].set()
    first.join(10)
    second.join(10)
    assert got == {"first": 42, "second": 42}
    assert state["runs"] == 1


def test_a_submodule_first_then_the_package_s_names(package):
    name, state = package
    state["go"].set()
    part = __import__(f"{name}.part", fromlist=["PART"])
    assert part.PART == 1 and state["runs"] == 0
    assert sys.modules[name].VALUE == 42 and state["runs"] == 1


def test_an_exception_in_the_deferred_init_is_raised_and_the_next_ask_runs_it_again(package):
    name, state = package
    state["fail_first"] = True
    state["go"].set()
    module = sys.modules[name]
    with pytest.raises(RuntimeError):
        module.VALUE  # noqa: B018
    assert module.VALUE == 42  # as a failed import is tried again, not a package left half made
    assert state["runs"] == 2
    with pytest.raises(AttributeError):
        module.NOT_THERE  # noqa: B018
    assert state["runs"] == 2


def planted(tmp_path, mode: int):
    """A table with a valid checksum whose entry for a digits-only pattern is the code of `.*`."""
    fake = recache.made(".*", 0)
    data = recache.dump({(r"\d{1,18}", 0): fake})
    file = tmp_path / "regex-planted.marshal"
    file.write_bytes(data)
    os.chmod(file, mode)
    return file


def test_a_regex_table_others_could_write_is_not_read(tmp_path):
    os.chmod(tmp_path, 0o700)
    own = planted(tmp_path, 0o600)
    assert recache.read(own)  # (what a planted entry would do if read: shown by the next lines)
    built = recache.build(r"\d{1,18}", recache.read(own)[(r"\d{1,18}", 0)])
    assert built.fullmatch("abc") and not re.fullmatch(r"\d{1,18}", "abc")
    assert recache.read(planted(tmp_path, 0o666)) == {}
    assert recache.read(planted(tmp_path, 0o620)) == {}
    os.chmod(tmp_path, 0o777)
    assert recache.read(planted(tmp_path, 0o600)) == {}
    os.chmod(tmp_path, 0o700)


def test_the_regex_table_s_folder_is_made_for_its_owner_only(tmp_path, monkeypatch):
    table = recache.Table(tmp_path / "cache" / "regex-x.marshal", {})
    table.added[("a+", 0)] = recache.made("a+", 0)
    monkeypatch.setattr(recache, "_table", table)
    recache.save()
    assert (tmp_path / "cache" / "regex-x.marshal").exists()
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0
    assert (tmp_path / "cache" / "regex-x.marshal").stat().st_mode & 0o077 == 0
    assert recache.read(tmp_path / "cache" / "regex-x.marshal")


CRASH = r"""
import array, os, re, sys
from bot import recache
file = recache.path()
file.parent.mkdir(parents=True, exist_ok=True)
# code that _sre's own check takes in and crashes on (found by mutating re's code; CPython 3.11)
code = [14, 4, 0, 2, 19, 17, 0, 24, 9, 1, 18, 13, 1, 8, 10, 0, 1, 17, 1, 10469, 120, 1]
entry = (32, array.array(recache.CODE, code).tobytes(), 1, {"a": 1}, (None, "a"))
file.write_bytes(recache.dump({(r"(?P<a>\d{1,18})x", 0): entry}))
os.chmod(file, 0o666)  # as a file another user could have put there
recache.install()
print(re.compile(r"(?P<a>\d{1,18})x").fullmatch("123x").group("a"))
"""


def test_a_planted_regex_table_neither_crashes_the_process_nor_changes_a_match(tmp_path):
    import subprocess

    from tests.procs import ROOT

    env = dict(os.environ, UNIONBOT_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-c", CRASH], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout.strip() == "123"
