"""The simulator posts real signed, encrypted XML to /wechat; whole conversations work through it."""

from __future__ import annotations

from bot import demo
from bot.app import create_app
from tests.conftest import make_config


def make(tmp_path, clock, mode="safe"):
    app = create_app(make_config(tmp_path, wechat={"mode": mode, "push": "simulator"}, simulator={"enabled": True}),
                     clock)
    demo.seed(app.extensions["unionbot"].store, clock)
    return app.test_client(), app.extensions["unionbot"]


def say(client, user, text):
    resp = client.post("/simulator/send", json={"user": user, "text": text})
    assert resp.status_code == 200
    return resp.get_json()["reply"]


def test_simulator_page_lists_demo_teachers(tmp_path, clock):
    client, _ = make(tmp_path, clock)
    page = client.get("/simulator").get_data(as_text=True)
    assert "张伟（1001，数学组，工会委员）" in page and "新用户（未绑定）" in page


def test_full_signup_through_simulator_and_wechat(tmp_path, clock):
    client, bot = make(tmp_path, clock)
    assert say(client, "1001", "报名拔河").startswith("确认报名「教职工拔河比赛」吗？")
    assert say(client, "1001", "是").startswith("报名成功！「教职工拔河比赛」")
    assert bot.store.db.scalar("SELECT count(*) FROM signups WHERE status = 'confirmed'") == 1
    # it went through /wechat: one inbox row per message
    assert bot.store.inbox.count("wechat") == 2


def test_new_user_binds_through_simulator(tmp_path, clock):
    client, _ = make(tmp_path, clock, mode="plaintext")
    welcome = client.post("/simulator/send", json={"user": "sim-guest", "event": "subscribe"}).get_json()["reply"]
    assert "绑定 1024 张三" in welcome
    assert say(client, "sim-guest", "绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"  # 1024 is bound
    assert say(client, "sim-guest", "1024").startswith("绑定成功")


def test_simulator_bad_requests(tmp_path, clock):
    client, _ = make(tmp_path, clock)
    assert client.post("/simulator/send", data="x").status_code == 400
    assert client.post("/simulator/send", json={"user": "1001", "text": "  "}).status_code == 400


def test_simulator_off_by_default(tmp_path, clock):
    app = create_app(make_config(tmp_path), clock)
    assert app.test_client().get("/simulator").status_code == 404


def test_pushes_are_matched_to_the_user_exactly(tmp_path, clock):
    client, bot = make(tmp_path, clock)
    from bot.channels.simulator import SimulatorPush

    SimulatorPush(bot.store).push("sim-1001", "张伟的私人推送")
    SimulatorPush(bot.store).push("sim-10010", "另一个人的推送")
    mine = client.get("/simulator/pushes", query_string={"user": "1001"}).get_json()["pushes"]
    assert [p["text"] for p in mine] == ["张伟的私人推送"]
    for wildcard in ("%", "_", "1%", "100_", "sim-%", "1001:%"):
        resp = client.get("/simulator/pushes", query_string={"user": wildcard})
        assert resp.status_code == 400 or resp.get_json()["pushes"] == [], wildcard
    assert client.post("/simulator/send", json={"user": "%", "text": "你好"}).status_code == 400


def test_simulator_only_in_a_demo_configuration(tmp_path):
    import pytest

    from bot.config import ConfigError

    with pytest.raises(ConfigError, match=r"\[simulator\] 只用于演示"):
        make_config(tmp_path, simulator={"enabled": True})  # a real account's push settings
    with pytest.raises(ConfigError, match=r"\[simulator\] enabled 需要 \[wechat\] enabled = true"):
        make_config(tmp_path, simulator={"enabled": True}, wechat={"enabled": False, "push": "simulator"})


def test_serve_with_simulator_and_wechat_disabled_is_one_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    conf = tmp_path / "c.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "c.db"}"\n[wechat]\nenabled = false\ntoken = "t"\n'
                    '[simulator]\nenabled = true\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "bot", "--config", str(conf), "serve", "--port", "1"],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "[simulator] enabled 需要 [wechat] enabled = true" in proc.stderr
