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
    assert bot.store.db.scalar("SELECT count(*) FROM inbox WHERE channel = 'wechat'") == 2


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
