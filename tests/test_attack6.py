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
    file = planted(tmp_path, 0o620)  # group-writable: read only when the group is ours (a private group)
    assert bool(recache.read(file)) == (file.stat().st_gid == os.getegid())
    if os.geteuid() == 0:  # (only root can give the file to another group here)
        os.chown(file, -1, os.getegid() + 1)
        assert recache.read(file) == {}
    file.unlink()
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


def test_a_private_table_rebuilt_with_its_columns_in_another_order_keeps_every_value(tmp_path):
    """A worker's connection keeps its temporary copy of ballots while a newer release rebuilds the
    table with the same number of columns in another order: the copy must not be reused."""
    import sqlite3

    from bot.clock import FrozenClock
    from storage import Store
    from storage.scratch import compact

    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    store.scratch.execute("INSERT INTO ballots VALUES ('k1', 1, 'R1', '[1]')")
    compact(store.scratch)  # this connection's temporary copy: (key, poll_id, receipt, choices)
    other = sqlite3.connect(store.scratch.path, isolation_level=None)
    other.executescript("""
        BEGIN;
        CREATE TABLE b2 (key TEXT PRIMARY KEY, receipt TEXT NOT NULL, poll_id INTEGER NOT NULL,
                         choices TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO b2 SELECT key, receipt, poll_id, choices FROM ballots;
        DROP TABLE ballots;
        ALTER TABLE b2 RENAME TO ballots;
        COMMIT;""")
    other.close()
    store.scratch.execute("INSERT INTO ballots (key, receipt, poll_id, choices) VALUES ('k0', '0042', 2, '[2]')")
    compact(store.scratch)
    rows = store.scratch.query("SELECT key, receipt, poll_id, choices FROM ballots ORDER BY key")
    assert rows == [{"key": "k0", "receipt": "0042", "poll_id": 2, "choices": "[2]"},
                    {"key": "k1", "receipt": "R1", "poll_id": 1, "choices": "[1]"}]


class _NoMemoryTemp:
    """A connection to an SQLite built with SQLITE_TEMP_STORE=0: temporary tables always in files,
    whatever `PRAGMA temp_store` says (it still reads back 2)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql.strip().upper() == "PRAGMA COMPILE_OPTIONS":
            return self._conn.execute("SELECT 'TEMP_STORE=0'")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_an_sqlite_that_keeps_temporary_tables_in_files_whatever_the_pragma_says_takes_the_python_path(
        tmp_path, monkeypatch):
    import secrets

    from bot.clock import FrozenClock
    from storage import Store, scratch
    from storage.db import Database

    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    real = store.scratch.conn
    assert real.execute("PRAGMA temp_store").fetchone()[0] == 2
    monkeypatch.setattr(Database, "conn", property(lambda self: _NoMemoryTemp(self.db.conn)))
    monkeypatch.setattr(scratch, "_memory_build", [])  # (what the library was built with: looked up once)
    through_python = []
    original = scratch.rewrite_through_python
    monkeypatch.setattr(scratch, "rewrite_through_python", lambda db: through_python.append(1) or original(db))
    store.suggestions.submit("建议", "第一条：食堂排队太长", None, secrets.token_hex(16))
    assert through_python
    assert real.execute("SELECT name FROM temp.sqlite_master").fetchall() == []


def test_the_temporary_copies_are_made_once_while_the_schema_stays(tmp_path):
    import secrets

    from bot.clock import FrozenClock
    from storage import Store

    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    store.suggestions.submit("建议", "第一条：食堂排队太长", None, secrets.token_hex(16))
    conn = store.scratch.conn
    statements = []
    conn.set_trace_callback(statements.append)
    try:
        store.suggestions.submit("建议", "第二条：希望增加窗口", None, secrets.token_hex(16))
    finally:
        conn.set_trace_callback(None)
    assert any("INSERT INTO temp.kept_tray" in s for s in statements)
    assert not [s for s in statements if "DROP" in s or "PRAGMA temp.user_version =" in s]
    assert conn.execute("PRAGMA temp.user_version").fetchone()[0] == conn.execute(
        "PRAGMA main.schema_version").fetchone()[0]


def test_a_model_file_that_save_did_not_make_is_refused(tmp_path):
    import numpy as np

    from bot.nlu import Model

    good = Model({"c:报": 0, "c:名": 1}, np.ones((2, 2)), np.zeros(2), ["signup", "greeting"])
    good.save(tmp_path / "m.npz")
    assert Model.load(tmp_path / "m.npz").classes == ["signup", "greeting"]
    import marshal

    names = np.frombuffer(marshal.dumps((["c:报", "c:名"], ["signup", "greeting"])), np.uint8)
    for coef, intercept, meta in [(np.ones((2, 3)), np.zeros(2), names),  # a column too many
                                  (np.ones((2, 2)), np.zeros(3), names),
                                  (np.ones((2, 2)), np.zeros(2), np.frombuffer(marshal.dumps((["a", "a"], ["x", "y"])),
                                                                               np.uint8)),
                                  (np.ones((2, 2)), np.zeros(2), np.frombuffer(marshal.dumps(([1, 2], ["x", "y"])),
                                                                               np.uint8))]:
        np.savez(tmp_path / "bad.npz", coef=coef, intercept=intercept, names=meta)
        with pytest.raises(ValueError):
            Model.load(tmp_path / "bad.npz")


def test_a_model_file_others_could_write_is_not_read(tmp_path, monkeypatch):
    import numpy as np

    import handlers
    from bot import nlu
    from bot.nlu import Classifier, Model

    os.chmod(tmp_path, 0o700)
    monkeypatch.setenv("UNIONBOT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(nlu, "_models", {})
    monkeypatch.setattr(Classifier, "_fingerprint", lambda self: "fixed")
    registry = handlers.load_all()
    read = []
    monkeypatch.setattr(nlu, "load_labelled", lambda paths: read.append(paths) or [])
    monkeypatch.setattr(Classifier, "train", lambda self, rows: Model({"c:好": 0}, np.ones((1, 1)), np.zeros(1), ["x"]))
    known = sorted(registry.intents)[:2]
    Model({"c:报": 0}, np.ones((2, 1)), np.zeros(2), known).save(tmp_path / "nlu-fixed.npz")
    os.chmod(tmp_path / "nlu-fixed.npz", 0o666)
    assert Classifier(registry).model.classes == ["x"] and read  # trained again, the planted file ignored


def _maps():
    from werkzeug.routing import Map, Rule

    from bot.app import BoundedInt, LazyRule

    def rules(kind):
        return [kind("/", endpoint="index", subdomain="www"),
                kind("/a/<int:n>/", endpoint="a", methods=["GET", "POST"]),
                kind("/b/<path:rest>", endpoint="b", subdomain="<sub>"),
                kind("/page/", endpoint="page", defaults={"n": 1}),
                kind("/page/<int:n>", endpoint="page"),
                kind("/old/<int:n>", endpoint="old", redirect_to="/a/<n>/"),
                kind("/s", endpoint="s", strict_slashes=True),
                kind("/t/", endpoint="t", merge_slashes=True)]

    return [Map(rules(kind), converters={"int": BoundedInt}, host_matching=False, default_subdomain="www")
            for kind in (Rule, LazyRule)]


def test_urls_built_from_lazy_rules_by_many_threads_at_once_are_werkzeug_s():
    from concurrent.futures import ThreadPoolExecutor

    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import RequestRedirect

    asks = [("index", {}), ("a", {"n": 3}), ("a", {"n": 3, "q": "是", "z": [1, 2]}), ("b", {"sub": "x", "rest": "p/q r"}),
            ("page", {}), ("page", {"n": 1}), ("page", {"n": 2, "x": "y"}), ("s", {}), ("t", {"k": ""})]
    paths = ["/a/3", "/a/3/", "/s/", "/t", "/page/", "/page/1", "/old/4", "/b/p"]

    def run(url_map):
        adapter = url_map.bind("example.org", "/root", subdomain="www", url_scheme="https")
        out = []
        for endpoint, values in asks:
            for external in (False, True):
                for method in (None, "POST"):
                    try:
                        out.append(adapter.build(endpoint, dict(values), method=method, force_external=external))
                    except Exception as exc:
                        out.append(type(exc).__name__)
        for path in paths:
            try:
                out.append(adapter.match(path))
            except RequestRedirect as exc:
                out.append(exc.new_url)
            except HTTPException as exc:
                out.append(exc.code)
        return out

    plain, _ = _maps()
    expected = run(plain)
    for _ in range(5):
        _, lazy = _maps()
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(run, [lazy] * 16))
        assert all(r == expected for r in results)
