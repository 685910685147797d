"""The command line: every command documented; chat reads piped stdin; classify prints JSON lines."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bot.__main__ import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _subcommands(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, helps.get(name), sub
                for inner in _subcommands(sub):
                    yield (f"{name} {inner[0]}", *inner[1:])


def test_every_cli_command_has_help_text():
    commands = list(_subcommands(build_parser()))
    names = {c[0] for c in commands}
    assert {"serve", "init-db", "seed-demo", "chat", "classify"} <= names
    for name, help_text, sub in commands:
        assert help_text and help_text.strip(), f"command {name!r} has no help text"
        for action in sub._actions:
            if action.dest != "help" and not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"option {action.dest!r} of {name!r} has no help text"


def _run(*args, stdin=None, cwd=ROOT, tmp_path=None):
    env = {"PATH": "/usr/bin:/bin", "UNIONBOT_BOT_DATABASE": str(tmp_path / "cli.db")} if tmp_path else None
    return subprocess.run([sys.executable, "-m", "bot", "--config", str(ROOT / "config.demo.toml"), *args],
                          input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120, env=env)


def test_seed_demo_then_piped_chat(tmp_path):
    seeded = _run("seed-demo", "--if-empty", tmp_path=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert "演示学校已创建" in seeded.stdout
    again = _run("seed-demo", "--if-empty", tmp_path=tmp_path)
    assert "跳过" in again.stdout
    proc = _run("chat", "--user", "1001", stdin="你好\n帮助\n", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "您好，张伟老师！" in proc.stdout
    assert "可以帮您" in proc.stdout


def test_classify_prints_one_json_object_per_text(tmp_path):
    proc = _run("classify", "你好", "帮助", "量子力学", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert [r["intent"] for r in rows] == ["greeting", "help", "unknown"]
    assert all(set(r) == {"text", "intent", "confidence", "slots"} for r in rows)


def test_schedule_preview_run_and_outbox_list(tmp_path):
    assert _run("seed-demo", tmp_path=tmp_path).returncode == 0
    preview = _run("schedule", "preview", "--date", "2027-03-07", "--days", "2", tmp_path=tmp_path)
    assert preview.returncode == 0, preview.stderr
    rows = [json.loads(line) for line in preview.stdout.splitlines()]
    # the 7th is 正月三十 (both lunar libraries agree): 胡静怡's 农历 birthday, and the officers' list
    assert {(r["kind"], r["member"]) for r in rows if r["date"] == "2027-03-07"} == {
        ("greeting", "1015"), ("birthday_list", "1001"), ("birthday_list", "1002"), ("birthday_list", "1005")}
    rows = [r for r in rows if r["date"] == "2027-03-08"]
    assert {"date", "time", "kind", "occasion", "member", "channel", "text"} <= set(rows[0])
    assert all(r["time"] == "00:00" for r in rows)  # the demo config sends at 00:00
    run = _run("schedule", "run", "--date", "2027-03-08", tmp_path=tmp_path)
    assert "发送成功" in run.stdout, run.stderr
    again = _run("schedule", "run", "--date", "2027-03-08", tmp_path=tmp_path)
    assert "新写入 0 条；发送成功 0" in again.stdout
    listed = [json.loads(line) for line in _run("outbox", "list", "--date", "2027-03-08", "--status", "sent",
                                                 tmp_path=tmp_path).stdout.splitlines()]
    assert len(listed) == len(rows) and all(r["status"] == "sent" and r["channel"] == "wechat" for r in listed)
    assert _run("schedule", "run", "--date", "3月8日", tmp_path=tmp_path).returncode != 0


def test_backup(tmp_path):
    import sqlite3

    _run("seed-demo", tmp_path=tmp_path)
    out = tmp_path / "backup.db"
    assert _run("backup", str(out), tmp_path=tmp_path).returncode == 0
    assert sqlite3.connect(out).execute("SELECT count(*) FROM members").fetchone()[0] == 39


def test_a_second_scheduler_refuses(tmp_path):
    from bot.app import Bot
    from bot.config import load_config
    from bot.scheduler import SchedulerLock

    config = load_config(ROOT / "config.demo.toml", environ={"UNIONBOT_BOT_DATABASE": str(tmp_path / "cli.db")})
    bot = Bot(config)
    assert SchedulerLock(bot.store, bot.clock, "someone-else").acquire()
    proc = _run("scheduler", tmp_path=tmp_path)
    assert proc.returncode == 1 and "另一个调度器正在运行（someone-else）" in proc.stderr


def test_schedule_run_exits_nonzero_when_sends_fail(tmp_path):
    from tests.test_wechat_push_api import FakeWeChatAPI

    api = FakeWeChatAPI()
    try:
        api.send_errcodes = [40003] * 100  # invalid openid: a failure that retrying does not fix
        conf = tmp_path / "c.toml"
        conf.write_text(f'[bot]\ndatabase = "{tmp_path / "c.db"}"\n[wechat]\ntoken = "t"\napp_id = "wxa"\n'
                        f'app_secret = "s"\naccount_type = "verified_service"\napi_base = "{api.base}"\n',
                        encoding="utf-8")
        run = lambda *a: subprocess.run([sys.executable, "-m", "bot", "--config", str(conf), *a],  # noqa: E731
                                        capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert run("seed-demo").returncode == 0
        import sqlite3

        with sqlite3.connect(tmp_path / "c.db") as db:  # everyone wrote the evening before: within 48 hours
            db.execute("INSERT OR REPLACE INTO channel_users (channel, user_id, subscribed, first_seen_at, "
                       "last_inbound_at) SELECT channel, user_id, 1, '2027-03-07T20:00:00+08:00', "
                       "'2027-03-07T20:00:00+08:00' FROM bindings WHERE channel = 'wechat'")
        proc = run("schedule", "run", "--date", "2027-03-08")
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "发送失败" in proc.stderr and "outbox list --status failed" in proc.stderr
    finally:
        api.server.shutdown()


def test_log_level_from_config_is_applied(tmp_path):
    import logging

    from bot.__main__ import main

    conf = tmp_path / "c.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "c.db"}"\nlog_level = "WARNING"\n[wechat]\ntoken = "t"\n',
                    encoding="utf-8")
    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.DEBUG)  # so that only reading the config can make it WARNING
    try:
        assert main(["--config", str(conf), "init-db"]) == 0
        assert root.level == logging.WARNING
    finally:
        root.setLevel(before)
