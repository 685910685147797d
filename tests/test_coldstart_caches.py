"""What the second round of cold-start work keeps between starts or puts off, and that each gives
what the slow way gives: the regular expressions' compiled form (bot/recache.py), the model's
features in marshal form (bot/nlu.py Model), wechatpy's package imported in part (bot/imports.py),
URL builders made when first used (bot/app.py LazyRule), and the master freezing without a
collection (bot/server.py). The time itself is measured by bench/coldstart.py, never here."""

from __future__ import annotations

import array
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from bot import recache
from tests.procs import ROOT

PATTERNS = [
    ("(?P<staff>[0-9]{3,10})\\s*(?P<name>[\u4e00-\u9fa5]{2,4})", 0),
    ("(?<!还是)(?<!就)(不是要?|先不|暂时不)(再)?(报名|报|取消)", 0),
    ("^(是|好|行|嗯|ok|yes)[!！。.]*$", re.IGNORECASE),
    ("\n  (\\d\\d?)   # day\n  (?:\\s+|[-/])\n  (\\w+)  # month\n", re.VERBOSE),
    ("[^\\W\\d_]+", re.UNICODE),
    ("(a)|(?P<b>b)(?(b)c|d)", re.MULTILINE | re.DOTALL),
    ("x{2,}?y*+z", 0),
    (b"[\x80-\xff]+", 0),
    ("", 0),
]
BAD_CODE = array.array(recache.CODE, [999, 1]).tobytes()
TEXTS = ["工号8019 何秀英", "先不报名，就问问", "OK!", "Dec 12 2026\n 3-jan", "abc_12 de", "bbc\na", "xxxyz",
         "\x80\x81", ""]


def table_of(tmp_path, entries=None) -> recache.Table:
    return recache.Table(tmp_path / "regex.marshal", dict(entries or {}))


def test_a_pattern_from_the_table_is_the_one_re_makes(tmp_path):
    first = table_of(tmp_path)
    made_by_re = [first.compile(p, f) for p, f in PATTERNS]  # all new: re compiles them, the table keeps them
    assert len(first.added) == len(PATTERNS)
    again = table_of(tmp_path, recache.parse(recache.dump(first.entries())))
    from_table = [again.compile(p, f) for p, f in PATTERNS]
    assert again.added == {} and len(again.used) == len(PATTERNS)
    for a, b in zip(made_by_re, from_table, strict=True):
        assert a == b and a is not b
        assert (a.groups, dict(a.groupindex), a.flags, a.pattern) == (b.groups, dict(b.groupindex), b.flags, b.pattern)
    for pattern, pair in zip(from_table, made_by_re, strict=True):
        for text in TEXTS:
            if isinstance(text, str) == isinstance(pattern.pattern, str):
                assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in pair.finditer(text)]


def test_an_entry_that_does_not_make_re_s_pattern_is_not_kept(tmp_path, monkeypatch):
    table = table_of(tmp_path)
    real = recache.made
    monkeypatch.setattr(recache, "made", lambda p, flags: real("报名|取钱", flags))  # valid code, another pattern's
    assert table.compile("报名|取消", 0) == re.compile("报名|取消")  # re's own pattern, whatever the table holds
    monkeypatch.setattr(recache, "made", lambda p, flags: (0, BAD_CODE, 0, {}, ()))  # code that _sre refuses
    assert table.compile("报名|取消|候补", 0) == re.compile("报名|取消|候补")
    assert table.added == {}
    refused = table_of(tmp_path, {("退出", 0): (0, BAD_CODE, 0, {}, ())})  # such an entry read from a file
    assert refused.compile("退出", 0) == re.compile("退出") and refused.used == set()


def test_an_error_in_a_pattern_is_re_s_and_nothing_is_kept(tmp_path):
    table = table_of(tmp_path)
    with pytest.raises(re.error):
        table.compile("(unclosed", 0)
    assert table.added == {}


def test_the_file_is_the_same_bytes_for_the_same_patterns_and_a_damaged_one_is_refused(tmp_path):
    one, two = table_of(tmp_path), table_of(tmp_path)
    for p, f in PATTERNS:
        one.compile(p, f)
    for p, f in reversed(PATTERNS):
        two.compile(p, f)
    data = recache.dump(one.entries())
    assert data == recache.dump(two.entries())
    damaged = bytearray(data)
    damaged[-5] ^= 1
    for bad in (bytes(damaged), data[:-3], b"something else"):
        with pytest.raises(ValueError):
            recache.parse(bad)


def test_patterns_no_longer_used_leave_the_file_when_they_are_most_of_it(tmp_path):
    old = {(f"old{i}", 0): recache.made(f"old{i}", 0) for i in range(5)}
    table = table_of(tmp_path, old)
    table.compile("old0", 0)
    table.compile("new", 0)
    assert set(table.entries()) == {("old0", 0), ("new", 0)}  # 4 of 5 unused: dropped
    table = table_of(tmp_path, old)
    for i in range(3):
        table.compile(f"old{i}", 0)
    assert len(table.entries()) == 5  # 2 of 5 unused: kept (another configuration may use them)


SECOND_START = r"""
import json, re, sys
from bot import recache
recache.install()
import handlers
handlers.load_all()
import bot.normalize, bot.several
table = recache._table
recache.save()
print(json.dumps({"added": len(table.added), "used": len(table.used), "file": table.file.name}))
"""


def start(env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", SECOND_START], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_second_start_compiles_none_of_the_patterns_again_and_two_starts_at_once_leave_a_whole_file(tmp_path):
    env = {**os.environ, "UNIONBOT_CACHE_DIR": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-c", SECOND_START], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    firsts = [json.loads(p.communicate(timeout=300)[0].strip().splitlines()[-1]) for p in procs]
    assert all(f["added"] > 100 for f in firsts)  # the handlers' patterns, normalize's, the libraries'
    files = list(tmp_path.glob("regex-*.marshal"))
    assert [f.name for f in files] == [firsts[0]["file"]]
    assert len(recache.parse(files[0].read_bytes())) == firsts[0]["added"]
    second = start(env)
    assert second["added"] == 0 and second["used"] == firsts[0]["added"]


def test_the_model_read_back_is_the_model_saved(tmp_path):
    from bot.nlu import Model

    vocab = {f"c:{chr(0x4e00 + i)}": i for i in range(50)} | {"k:signup": 50, "s:code": 51, "w:报名|活动": 52}
    rng = np.random.default_rng(7)
    model = Model(vocab, rng.normal(size=(3, 53)), rng.normal(size=3), ["signup", "greeting", "unknown"])
    model.save(tmp_path / "m.npz")
    back = Model.load(tmp_path / "m.npz")
    assert list(back.vocab.items()) == list(vocab.items())
    assert back.classes == ["signup", "greeting", "unknown"]
    assert np.array_equal(back.coef, model.coef) and np.array_equal(back.intercept, model.intercept)
    feats = {"c:一": 0.5, "k:signup": 1.2, "w:报名|活动": 0.5, "unseen": 1.0}
    assert np.array_equal(back.probabilities(feats), model.probabilities(feats))


def test_a_model_whose_features_are_not_in_column_order_is_not_saved(tmp_path):
    from bot.nlu import Model

    model = Model({"b": 1, "a": 0}, np.zeros((2, 2)), np.zeros(2), ["x", "y"])
    with pytest.raises(ValueError):
        model.save(tmp_path / "m.npz")
    assert not list(tmp_path.iterdir())


WEBHOOK_PARTS = r"""
import json, sys
import bot.channels.wechat_mp, bot.channels.wecom
before = sorted(m for m in ("requests", "urllib3", "wechatpy.client", "wechatpy.pay", "wechatpy.enterprise.client")
                if m in sys.modules)
from wechatpy import WeChatClient, __version__
from wechatpy.enterprise import WeChatClient as WeComClient
import wechatpy
after = sorted(m for m in ("requests", "wechatpy.client", "wechatpy.enterprise.client") if m in sys.modules)
print(json.dumps({"before": before, "after": after, "version": __version__, "client": WeChatClient.__name__,
                  "same": wechatpy.WeChatClient is WeChatClient, "wecom": WeComClient.__module__}))
"""


def test_the_webhooks_import_wechatpy_s_crypto_without_its_clients_and_the_rest_comes_when_asked_for():
    proc = subprocess.run([sys.executable, "-c", WEBHOOK_PARTS], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["before"] == []
    assert found["after"] == ["requests", "wechatpy.client", "wechatpy.enterprise.client"]
    assert found["version"] and found["client"] == "WeChatClient" and found["same"]
    assert found["wecom"] == "wechatpy.enterprise.client"


def test_every_url_is_built_as_werkzeug_builds_it_and_only_when_asked_for(config):
    from flask import url_for
    from werkzeug.routing import Rule

    from bot.app import LazyRule, create_app

    app = create_app(config)
    rules = [r for r in app.url_map.iter_rules() if isinstance(r, LazyRule)]
    assert len(rules) > 40  # the console's, the webhook's, the health check's
    assert all(r._build.__name__ == r._build_unknown.__name__ == "build" for r in rules)  # not made yet
    with app.test_request_context():
        for rule in rules:
            values = {name: 12 if rule._converters[name].__class__.__name__ == "BoundedInt" else "x y/z"
                      for name in rule.arguments}
            plain = Rule(rule.rule, endpoint=rule.endpoint, methods=rule.methods, defaults=rule.defaults)
            plain.bind(app.url_map)
            for extra in ({}, {"page": "2", "q": "拔河 报名"}):
                assert url_for(rule.endpoint, **values, **extra) == plain.build({**values, **extra})[1]
                assert rule.build({**values, **extra}, append_unknown=False) == plain.build(
                    {**values, **extra}, append_unknown=False)
    assert all("builder" in r._build.__name__ and "builder" in r._build_unknown.__name__ for r in rules)


def test_the_master_freezes_what_it_loaded_without_a_collection(config, monkeypatch):
    import gc

    from bot import server

    collections = []
    monkeypatch.setattr(server.gc, "collect", lambda *a: collections.append(a) or 0)
    gc.disable()
    try:
        server.prepare(config)
        assert collections == [] and gc.isenabled() and gc.get_freeze_count() > 0
        server.settle()  # a worker, after building its app: collects first
        assert collections == [()]
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_cached_model_is_read_without_the_training_data_unless_its_intents_are_not_the_registry_s(
        tmp_path, monkeypatch):
    import handlers
    from bot import nlu
    from bot.nlu import Classifier, Model

    monkeypatch.setenv("UNIONBOT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(nlu, "_models", {})
    monkeypatch.setattr(Classifier, "_fingerprint", lambda self: "fixed")
    registry = handlers.load_all()
    read = []
    monkeypatch.setattr(nlu, "load_labelled", lambda paths: read.append(paths) or [])
    known = sorted(registry.intents)[:2]
    Model({"c:报": 0}, np.ones((2, 1)), np.zeros(2), known).save(tmp_path / "nlu-fixed.npz")
    assert Classifier(registry).model.classes == known and read == []
    monkeypatch.setattr(nlu, "_models", {})
    Model({"c:报": 0}, np.ones((2, 1)), np.zeros(2), [known[0], "not_an_intent"]).save(tmp_path / "nlu-fixed.npz")
    assert Classifier(registry).model is None and read == []  # keyword tables only, as with such training data


MASTER = r"""
import json, sys
from bot.config import load_config
from bot.server import prepare
config = load_config(sys.argv[1])
prepare(config)
print(json.dumps({"requests": "requests" in sys.modules, "client": "wechatpy.client" in sys.modules}))
"""


@pytest.mark.parametrize(("push", "expected"), [("none", False), ("simulator", False), ("api", True)])
def test_the_master_imports_requests_only_when_the_configuration_calls_a_platform(tmp_path, push, expected):
    conf = tmp_path / "c.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "t.db"}"\n[wechat]\ntoken = "t"\npush = "{push}"\n'
                    'app_id = "wx0123456789abcdef"\napp_secret = "s"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", MASTER, str(conf)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"requests": expected, "client": False}
