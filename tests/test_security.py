"""Security review, issue 17: start-up refuses public secrets, the console's session secret is its own,
demo passwords only work in the demo, console sessions end when they should, numbers from requests
never give a 500, a full or locked database answers 503 (and /healthz says so)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import create_app
from bot.config import ConfigError, load_config
from tests.conftest import make_config

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, env: dict | None = None, timeout: float = 30):
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def one_line_error(proc) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# ---- 6: no public token, no derived secret, no demo passwords, no open port ---------------------------


@pytest.mark.parametrize("command", [["serve", "--port", "1"], ["scheduler"]])
def test_long_running_commands_refuse_the_example_token(tmp_path, command):
    env = {"UNIONBOT_BOT_DATABASE": str(tmp_path / "x.db")}
    line = one_line_error(run_cli("--config", str(ROOT / "config.example.toml"), *command, env=env))
    assert "[wechat] token" in line and "UNIONBOT_WECHAT_TOKEN" in line


def test_the_serving_check_accepts_a_real_token_and_the_demo():
    from bot.config import check_serving

    example = ROOT / "config.example.toml"
    with pytest.raises(ConfigError, match=r"\[wechat\] token"):
        check_serving(load_config(example, environ={}))
    check_serving(load_config(example, environ={"UNIONBOT_WECHAT_TOKEN": "a-real-random-token-9f3"}))
    check_serving(load_config(ROOT / "config.demo.toml", environ={}))
    demo_token_outside_the_demo = {"UNIONBOT_SIMULATOR_ENABLED": "false", "UNIONBOT_WECHAT_PUSH": "api"}
    with pytest.raises(ConfigError, match=r"\[wechat\] token"):
        check_serving(load_config(ROOT / "config.demo.toml", environ=demo_token_outside_the_demo))
    with pytest.raises(ConfigError, match=r"\[wechat\] token"):  # blanks are not a secret either
        check_serving(load_config(example, environ={"UNIONBOT_WECHAT_TOKEN": "   "}))


def test_a_config_path_that_is_a_directory_is_one_line(tmp_path):
    folder = tmp_path / "config.toml"
    folder.mkdir()  # what Docker makes of a bind mount whose file does not exist
    with pytest.raises(ConfigError, match=r"config\.toml"):
        load_config(folder)
    line = one_line_error(run_cli("--config", str(folder), "init-db"))
    assert "config.toml" in line


def test_a_default_config_toml_that_is_a_directory_is_reported_not_skipped(tmp_path):
    from bot.config import default_config_file

    (tmp_path / "config.toml").mkdir()
    assert default_config_file(tmp_path) == tmp_path / "config.toml"
    env = {"PYTHONPATH": str(ROOT), "UNIONBOT_BOT_DATABASE": str(tmp_path / "x.db")}
    proc = subprocess.run([sys.executable, "-m", "bot", "init-db"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=30, env={**os.environ, **env})
    assert "config.toml" in one_line_error(proc)


def test_the_session_secret_is_random_stored_and_never_the_token(tmp_path, clock):
    config = make_config(tmp_path, admin={"secret_key": ""})
    first = create_app(config, clock).secret_key
    again = create_app(config, clock).secret_key  # another worker, or the next start
    assert first == again
    token = config.get("wechat", "token")
    assert token not in first and len(first) >= 32
    key_file = tmp_path / "test.db-console.key"  # beside the database, not in it (nor in its backups)
    assert key_file.read_text().strip() == first and key_file.stat().st_mode & 0o777 == 0o600
    other = create_app(make_config(tmp_path / "other", admin={"secret_key": ""}), clock).secret_key
    assert other != first
    assert create_app(make_config(tmp_path, admin={"secret_key": "configured"}), clock).secret_key == "configured"


def _csrf(client) -> str:
    page = client.get("/admin/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _login(client, username, password, next_=""):
    url = "/admin/login" + (f"?next={next_}" if next_ else "")
    return client.post(url, data={"username": username, "password": password, "csrf_token": _csrf(client)})


def test_demo_console_passwords_work_only_under_the_demo_config(tmp_path, clock):
    from bot.console import hash_password
    from bot.demo import CONSOLE_ACCOUNTS

    username, password, role, staff_no = CONSOLE_ACCOUNTS[0]
    demo = create_app(make_config(tmp_path, wechat={"push": "simulator"}, simulator={"enabled": True}), clock)
    demo.extensions["unionbot"].store.admin_users.add(username, hash_password(password), role, staff_no)
    assert _login(demo.test_client(), username, password).status_code == 302
    real = create_app(make_config(tmp_path), clock)  # the same database, now under a real configuration
    resp = _login(real.test_client(), username, password)
    assert resp.status_code != 302 and "演示账号" in resp.get_data(as_text=True)
    real.extensions["unionbot"].store.admin_users.set_password(1, hash_password("a-new-pass-123"))
    assert _login(real.test_client(), username, "a-new-pass-123").status_code == 302


def test_compose_publishes_the_port_on_localhost_only():
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    ports = re.findall(r'^\s+- "([^"]*8000[^"]*)"', text, re.M)
    assert ports == ["127.0.0.1:8000:8000"]
    assert "TLS" in text or "HTTPS" in text
