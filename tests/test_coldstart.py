"""What the first answer after start does not wait for: a fresh process answers a chat message
without importing the spreadsheet library, pypinyin or pkg_resources, and with only a part of
jieba's dictionary read (bot/lexicon.py); the console's check for unknown accounts is made by the
warm-up after start (bot/server.py). The time itself is measured by `make bench` (bench/coldstart.py),
never asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bot import server
from bot.console import shell
from tests.procs import ROOT

FIRST_MESSAGE = r"""
import json, sys
from pathlib import Path
from bot.clock import FrozenClock
from tests.conftest import wechat_app
from tests.helpers import WeChatClient

clock = FrozenClock("2026-09-01 09:00")
app = wechat_app(Path(sys.argv[1]), clock, "plaintext")
client = WeChatClient(app.test_client(), "plaintext", clock)
reply = client.reply_content(client.text("u-cold", sys.argv[2]))
from bot import lexicon
print(json.dumps({"reply": reply, "entries": len(lexicon.tokenizer().FREQ),
                  "modules": sorted(m for m in ("openpyxl", "pypinyin", "pkg_resources") if m in sys.modules)}))
"""


def first_answer(tmp_path, text: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", FIRST_MESSAGE, str(tmp_path), text], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_fresh_process_answers_without_the_spreadsheet_library_pinyin_or_the_whole_dictionary(tmp_path):
    found = first_answer(tmp_path, "我想抱名拔河")  # a homophone of 报名: its sound is read
    assert "绑定" in found["reply"]  # understood as a sign-up, which asks who the teacher is first
    assert found["modules"] == []
    assert 0 < found["entries"] < 250_000  # of jieba's 498,000


def test_the_warm_up_makes_the_consoles_check_for_unknown_accounts(config):
    shell.dummy_hash.cache_clear()
    server.warm(config)
    assert shell.dummy_hash.cache_info().currsize == 1
    assert shell.dummy_hash().startswith("scrypt:")


def test_settle_turns_the_collector_back_on():
    """`python -m bot` starts with the collector off (bot/__main__.py); serve's master turns it on
    once everything is loaded and frozen, and the workers inherit it on."""
    import gc

    gc.disable()
    try:
        server.settle()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_every_other_command_runs_with_the_collector_on(tmp_path):
    probe = ("import gc, runpy, sys; import bot.cli as cli; real = cli.load\n"
             "def load(args):\n    print('collector', gc.isenabled()); return real(args)\n"
             "cli.load = load; sys.argv = ['bot', 'init-db']; runpy.run_module('bot', run_name='__main__')")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "UNIONBOT_BOT_DATABASE": str(tmp_path / "t.db")})
    assert "collector True" in proc.stdout, proc.stdout + proc.stderr[-2000:]
