"""Security review, issue 17: start-up refuses public secrets, the console's session secret is its own,
demo passwords only work in the demo, console sessions end when they should, numbers from requests
never give a 500, a full or locked database answers 503 (and /healthz says so)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import create_app
from bot.config import ConfigError, load_config
from tests.conftest import make_config
from tests.test_dingtalk import DingTalkHTTP, FakeDingTalk, dingtalk_config, robot_message

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


# ---- 7: console sessions end at logout, when idle, and after a working day ------------------------------

ADMIN_PW = "admin-pass-123"


@pytest.fixture
def console(tmp_path, clock):
    from bot.console import hash_password

    app = create_app(make_config(tmp_path), clock)
    app.testing = True
    app.extensions["unionbot"].store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员")
    return app


def _post(client, path, data=None, **kw):
    page = client.get("/admin/", **kw).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(path, data={**(data or {}), "csrf_token": token}, **kw)


def test_logging_out_ends_the_session_on_the_server(console):
    client = console.test_client()
    assert _login(client, "chair", ADMIN_PW).status_code == 302
    saved = client.get_cookie("unionbot_session", path="/admin").value
    _post(client, "/admin/logout")
    thief = console.test_client()  # the cookie as it was before logging out (a copy, a shared computer)
    thief.set_cookie("unionbot_session", saved, path="/admin")
    resp = thief.get("/admin/users")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")


def test_a_session_ends_after_an_idle_hour_and_twelve_hours_after_login(console, clock):
    client = console.test_client()
    assert _login(client, "chair", ADMIN_PW).status_code == 302
    login_at = clock.now()
    for _ in range(20):  # busy all day: a click every 50 minutes
        clock.advance(minutes=50)
        if client.get("/admin/").status_code != 200:
            break
    # not renewed by activity: over 12 hours after the login
    assert dt.timedelta(hours=12) < clock.now() - login_at <= dt.timedelta(hours=12, minutes=50)
    assert client.get("/admin/").status_code == 302
    assert _login(client, "chair", ADMIN_PW).status_code == 302
    clock.advance(minutes=59)
    assert client.get("/admin/").status_code == 200
    clock.advance(minutes=61)
    resp = client.get("/admin/")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")


def _session_cookie(resp) -> str:
    return next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("unionbot_session="))


@pytest.mark.parametrize(("base_url", "headers", "proxies", "setting", "secure"), [
    ("http://localhost", {}, 0, False, False),
    ("https://localhost", {}, 0, False, True),
    ("http://localhost", {"X-Forwarded-Proto": "https"}, 0, False, False),  # no proxy trusted: ignored
    ("http://localhost", {"X-Forwarded-Proto": "https"}, 1, False, True),
    ("http://localhost", {}, 0, True, True),
])
def test_the_session_cookie_is_secure_over_https(tmp_path, clock, base_url, headers, proxies, setting, secure):
    from bot.console import hash_password

    app = create_app(make_config(tmp_path, server={"trusted_proxies": proxies}, admin={"secure_cookies": setting}),
                     clock)
    app.extensions["unionbot"].store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员")
    client = app.test_client()
    origin = "https://localhost" if "X-Forwarded-Proto" in headers else base_url  # what the browser saw
    page = client.get("/admin/login", base_url=base_url, headers=headers).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    resp = client.post("/admin/login", base_url=base_url, headers={**headers, "Referer": origin + "/admin/login"},
                       data={"username": "chair", "password": ADMIN_PW, "csrf_token": token})
    assert resp.status_code == 302
    assert ("; Secure" in _session_cookie(resp)) is secure


def test_wrong_current_passwords_on_the_account_page_count_toward_the_lockout(console):
    client = console.test_client()
    assert _login(client, "chair", ADMIN_PW).status_code == 302
    for _ in range(5):
        resp = _post(client, "/admin/account", {"current": "guess-pass-1", "password": "new-pass-123"})
        assert resp.status_code in (400, 429)
    assert resp.status_code == 429 and "次数过多" in resp.get_data(as_text=True)
    assert _login(console.test_client(), "chair", ADMIN_PW).status_code == 429  # locked like five bad logins
    store = console.extensions["unionbot"].store
    assert store.admin_users.by_username("chair")["password_hash"].startswith("scrypt:")
    assert client.get("/admin/users").status_code == 302  # the guessing session is over too


# ---- 10: numbers from requests, the login's next, a full or locked database ------------------------------


@pytest.fixture
def dingtalk(tmp_path, clock):
    """/dingtalk in HTTP mode, signed as 钉钉 signs (tests/test_dingtalk.py's client and fake API)."""
    api = FakeDingTalk().start()
    app = create_app(dingtalk_config(tmp_path, api, mode="http"), clock)
    app.testing = True
    yield DingTalkHTTP(app, api, clock)
    api.stop()


@pytest.mark.parametrize("timestamp", ["²", "¹²³", "9" * 20, "-1", "1e12", " 1700000000000"])
def test_a_strange_dingtalk_timestamp_header_is_a_400(dingtalk, timestamp):
    message = robot_message(dingtalk.api, dingtalk.clock, "u1", "帮助")
    assert dingtalk.post(message, ts=timestamp).status_code == 400


@pytest.mark.parametrize("expires", ["²", "9" * 20, 10**20, -5, "1e20", None, [], 1.5])
def test_a_strange_session_webhook_expiry_is_ignored(dingtalk, expires):
    resp = dingtalk.post(robot_message(dingtalk.api, dingtalk.clock, "u1", "帮助", sessionWebhookExpiredTime=expires))
    assert resp.status_code == 200 and resp.get_json()["text"]["content"]


def test_the_stream_parser_takes_the_same_strange_expiry(clock):
    from bot.channels.dingtalk import inbound

    for expires in ("²", "9" * 20, 10**20, True):
        got = inbound({"msgId": "m1", "senderStaffId": "u1", "sessionWebhookExpiredTime": expires,
                       "msgtype": "text", "text": {"content": "帮助"}}, clock.tz)
        assert 0 <= got.webhook_expires_ms < 10**15


@pytest.fixture
def admin(console):
    client = console.test_client()
    assert _login(client, "chair", ADMIN_PW).status_code == 302
    return client


@pytest.mark.parametrize("path", ["/admin/audit", "/admin/members"])
@pytest.mark.parametrize("page", ["²", "٣", "9" * 20, "-3", "0", "1.5", "%00"])
def test_a_strange_page_number_shows_a_page(admin, path, page):
    assert admin.get(f"{path}?page={page}").status_code == 200


@pytest.mark.parametrize("days", ["²", "9" * 20, "٣"])
def test_a_strange_number_of_days_shows_the_push_page(admin, days):
    assert admin.get(f"/admin/pushes?days={days}").status_code == 200


@pytest.mark.parametrize("capacity", ["²", "٣٠", "9" * 20, "3.5"])
def test_a_strange_capacity_is_a_form_error(admin, capacity):
    resp = _post(admin, "/admin/activities/new", {"title": "拔河", "starts_at": "2026-10-01T09:00", "capacity": capacity})
    assert resp.status_code == 400 and "名额应为正整数" in resp.get_data(as_text=True)


def test_a_chat_choice_in_superscript_is_not_a_choice():
    from handlers._common import parse_choice

    assert parse_choice("²", 3) is None and parse_choice("2", 3) == 2 and parse_choice("第二个", 3) == 2


@pytest.mark.parametrize("next_", ["/admin/%0d%0aSet-Cookie:%20x=1", "/admin/%0aX", "/admin%0d", "/admin/\\evil",
                                   "/adminevil.example", "//evil.example", "/admin/../x", "/admin/%2e%2e/x",
                                   "https://evil.example/admin", "/admin/\t/x", "/admin/%E2%80%A8"])
def test_a_login_next_that_is_not_a_console_path_goes_to_the_dashboard(console, next_):
    resp = _login(console.test_client(), "chair", ADMIN_PW, next_=next_)
    assert resp.status_code == 302 and resp.headers["Location"] == "/admin/"


def test_a_login_next_inside_the_console_is_kept(console):
    resp = _login(console.test_client(), "chair", ADMIN_PW, next_="/admin/members%3Fq%3D1")
    assert resp.status_code == 302 and resp.headers["Location"] == "/admin/members?q=1"


@pytest.fixture
def locked(tmp_path, clock, monkeypatch):
    """The app with a short busy timeout, logged in, and another program holding the database's write lock."""
    import sqlite3

    from bot.console import hash_password
    from tests.helpers import WeChatClient

    monkeypatch.setattr("storage.db.BUSY_TIMEOUT_MS", 100)
    app = create_app(make_config(tmp_path), clock)
    app.testing = True
    bot = app.extensions["unionbot"]
    bot.store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员")
    admin = app.test_client()
    assert _login(admin, "chair", ADMIN_PW).status_code == 302
    page = admin.get("/admin/activities/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    other = sqlite3.connect(bot.store.db.path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield app, admin, token, WeChatClient(app.test_client(), "plaintext", clock)
    other.execute("ROLLBACK")
    other.close()


def test_a_locked_database_answers_503_not_500(locked, clock, caplog):
    from bot.channels.wechat_mp import text_message_xml

    app, admin, token, wechat = locked
    resp = admin.post("/admin/activities/new", data={"title": "秘密拔河赛", "starts_at": "2026-10-01T09:00",
                                                     "csrf_token": token})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 503 and "稍后再试" in body and "Traceback" not in body and "sqlite" not in body.lower()
    resp = wechat.post_xml(text_message_xml("o-teacher-7", "gh_test_account", "你好，最近有什么活动", "1", clock.timestamp()))
    assert resp.status_code == 503 and "Traceback" not in resp.get_data(as_text=True)
    # an anonymous suggestion's turn writes nothing to the main file (private17): it is filed all the same
    resp = wechat.post_xml(text_message_xml("o-teacher-7", "gh_test_account", "匿名建议：食堂太咸了", "2", clock.timestamp()))
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "已收到您的建议（匿名）" in body
    kept = app.extensions["unionbot"].store.suggestions.in_tray(re.search(r"编号 ([0-9A-Z]{6})", body).group(1))
    assert kept is not None and "食堂太咸" in kept["content"] and kept["member_id"] is None  # kept, and anonymous
    assert app.test_client().get("/healthz").status_code == 503
    logged = caplog.text
    assert "database is locked" in logged and "Traceback" not in logged
    for private in ("秘密拔河赛", "食堂太咸", "o-teacher-7"):
        assert private not in logged


def test_a_full_disk_answers_503_and_healthz_says_so(tmp_path, clock, monkeypatch, caplog):
    import shutil
    import sqlite3

    from bot.console import hash_password
    from storage.db import Database

    app = create_app(make_config(tmp_path), clock)
    app.testing = True
    bot = app.extensions["unionbot"]
    bot.store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员")
    admin = app.test_client()
    assert _login(admin, "chair", ADMIN_PW).status_code == 302
    assert app.test_client().get("/healthz").status_code == 200
    real = Database.execute

    def full(self, sql, params=()):
        if sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "BEGIN "):
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, sql, params)

    monkeypatch.setattr(Database, "execute", full)
    resp = _post(admin, "/admin/activities/new", {"title": "拔河", "starts_at": "2026-10-01T09:00"})
    assert resp.status_code == 503 and "稍后再试" in resp.get_data(as_text=True)
    assert "Traceback" not in caplog.text and "disk is full" in caplog.text
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=1024))
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503 and resp.get_json()["status"] != "ok"
