"""/wechat's plain POST answered in front of Flask (bot/channels/fastpath.py, issue 23, sixteenth round):
whatever a teacher or an attacker sends, the platform gets the same status, headers and body as from
the Flask view, and the same refusal in the log; anything unusual goes through Flask itself."""

from __future__ import annotations

import sqlite3

import pytest
from flask import request_started
from wechatpy.crypto import PrpCrypto

from bot.channels.base import WebhookError
from bot.channels.wechat_mp import sign, text_message_xml
from bot.messages import StillHandling
from storage import suggestions
from tests.conftest import wechat_app
from tests.helpers import ACCOUNT, TOKEN, WeChatClient


def two_apps(tmp_path, clock, mode, monkeypatch):
    """The same school twice, one answering through the fast path, one through Flask only."""
    monkeypatch.setattr(PrpCrypto, "get_random_string", lambda self: "0123456789abcdef")  # one ciphertext
    monkeypatch.setattr(suggestions, "new_ticket", lambda: "K7M2PQ")  # (one suggestion a school)
    apps = []
    for name in ("fast", "flask"):
        (tmp_path / name).mkdir()
        app = wechat_app(tmp_path / name, clock, mode)
        app.testing = False  # a bug is Flask's 500, not an exception in the test
        if name == "flask":
            app.wsgi_app = app.extensions["unionbot.webhook_paths"].flask_wsgi
        apps.append(app)
    return apps


def answers(apps, send):
    """(status, headers, body) from each app for the same request."""
    out = []
    for app in apps:
        resp = send(app.test_client())
        out.append((resp.status, resp.headers.to_wsgi_list(), resp.get_data()))
    return out


def signed(clock, nonce, body: str, **extra):
    args = {"timestamp": str(clock.timestamp()), "nonce": nonce}
    args["signature"] = sign(TOKEN, args["timestamp"], nonce)
    return {**args, **extra}, body.encode("utf-8")


def post(query, body, path="/wechat"):
    return lambda client: client.post(path, query_string=query, data=body, content_type="text/xml")


@pytest.mark.parametrize("mode", ["plaintext", "compatible", "safe"])
def test_a_conversation_gets_the_same_bytes_either_way(tmp_path, clock, mode, monkeypatch):
    apps = two_apps(tmp_path, clock, mode, monkeypatch)
    client = WeChatClient(None, mode, clock)
    script = ["你好", "绑定 1024 张三", "帮助", "最近有什么活动", "我要提建议", "食堂的菜太咸了", "匿名", "取消", "？"]
    for i, text in enumerate(script):
        xml = text_message_xml("oTeacher", ACCOUNT, text, str(500 + i), clock.timestamp())
        query, body = client.channel.build_request(xml, str(clock.timestamp()), f"n{i}", mode != "plaintext")
        fast, flask = answers(apps, post(query, body.encode()))
        assert fast == flask, text
        assert fast[0] == "200 OK"
        again = answers(apps, post(query, body.encode()))  # WeChat's retry: the same reply
        assert again == [fast, fast]


def test_refusals_are_flasks_own_with_the_same_log_line(tmp_path, clock, monkeypatch, caplog):
    apps = two_apps(tmp_path, clock, "plaintext", monkeypatch)
    good = text_message_xml("oTeacher", ACCOUNT, "你好", "42", clock.timestamp())
    query, body = signed(clock, "n1", good)
    stale = dict(query, timestamp=str(clock.timestamp() - 3600))
    stale["signature"] = sign(TOKEN, stale["timestamp"], "n1")
    cases = {
        "bad signature": post(dict(query, signature="0" * 40), body),
        "no signature": post({"timestamp": query["timestamp"], "nonce": "n1"}, body),
        "an hour old": post(stale, body),
        "empty body": post(*signed(clock, "n2", "")),
        "not UTF-8": post(signed(clock, "n3", "")[0], "<xml>你好</xml>".encode("gbk")),
        "not XML": post(*signed(clock, "n4", "<xml><Content>")),
        "a DOCTYPE": post(*signed(clock, "n5", '<!DOCTYPE x [<!ENTITY a "b">]><xml></xml>')),
        "no sender": post(*signed(clock, "n6", "<xml><MsgType>text</MsgType></xml>")),
        "too large": post(*signed(clock, "n7", "<xml>" + "a" * 70_000 + "</xml>")),
        "safe mode asked of a plaintext bot": post(dict(query, encrypt_type="aes", nonce="n8"), body),
    }
    for name, send in cases.items():
        caplog.clear()
        fast, flask = answers(apps, send)
        assert fast == flask, name
        assert fast[0][0] == "4", name
        logged = [r.getMessage() for r in caplog.records]
        assert len(logged) == 2 and logged[0] == logged[1], name
    first = answers(apps, post(*signed(clock, "n9", good)))
    reused = answers(apps, post(signed(clock, "n9", "")[0], good.replace("你好", "帮助").encode()))
    assert first[0] == first[1] and first[0][0] == "200 OK"
    assert reused[0] == reused[1] and reused[0][0] == "403 FORBIDDEN"  # a leaked signed URL, another body


def test_a_locked_database_a_retry_in_hand_and_a_bug_are_flasks_answers(tmp_path, clock, monkeypatch):
    apps = two_apps(tmp_path, clock, "plaintext", monkeypatch)
    trouble = {"now": sqlite3.OperationalError("database is locked")}
    for app in apps:
        bot = app.extensions["unionbot"]
        real = bot.dispatch

        def dispatch(msg, guard=None, real=real):
            if trouble["now"] is not None:
                raise trouble["now"]
            return real(msg, guard=guard)

        bot.dispatch = dispatch
    xml = text_message_xml("oTeacher", ACCOUNT, "你好", "7", clock.timestamp())
    locked = answers(apps, post(*signed(clock, "a", xml)))
    assert locked[0] == locked[1] and locked[0][0].startswith("503")
    assert ("Retry-After", "30") in locked[0][1]
    trouble["now"] = StillHandling()
    still = answers(apps, post(*signed(clock, "b", xml)))
    assert still[0] == still[1] and ("Retry-After", "5") in still[0][1]
    trouble["now"] = RuntimeError("a bug")
    crash = answers(apps, post(*signed(clock, "c", xml)))
    assert crash[0] == crash[1] and crash[0][0] == "500 INTERNAL SERVER ERROR"
    trouble["now"] = None
    for app in apps:  # the reply cannot be rendered: after the view's try, so no refusal but a 500
        channel = app.extensions["unionbot"].channels["wechat"]
        monkeypatch.setattr(channel, "render", lambda *a, **k: (_ for _ in ()).throw(WebhookError(400, "render")))
    broken = answers(apps, post(*signed(clock, "d", xml)))
    assert broken[0] == broken[1] and broken[0][0] == "500 INTERNAL SERVER ERROR"


def test_a_query_that_is_not_utf8_is_a_400_either_way(tmp_path, clock, monkeypatch):
    apps = two_apps(tmp_path, clock, "plaintext", monkeypatch)
    xml = text_message_xml("oTeacher", ACCOUNT, "你好", "8", clock.timestamp())
    query = "&".join(f"{k}={v}" for k, v in signed(clock, "q", xml)[0].items()) + "&openid=\xff"  # not UTF-8

    def send(client):
        return client.post("/wechat", data=xml.encode(), content_type="text/xml", environ_overrides={"QUERY_STRING": query})

    fast, flask = answers(apps, send)
    assert fast == flask and fast[0] == "400 BAD REQUEST"
    check = "timestamp=1&nonce=n&signature=0&echostr=hi&openid=\xff"  # the URL check's GET, the same
    assert apps[0].test_client().get("/wechat", environ_overrides={"QUERY_STRING": check}).status_code == 400


def test_the_fast_path_answers_a_plain_post_and_hands_on_the_rest(tmp_path, clock, monkeypatch):
    app = wechat_app(tmp_path, clock, "plaintext")
    paths = app.extensions["unionbot.webhook_paths"]
    through_flask = []
    real = paths.flask_wsgi
    monkeypatch.setattr(paths, "flask_wsgi", lambda env, start: through_flask.append(env["REQUEST_METHOD"]) or real(env, start))
    client = app.test_client()
    xml = text_message_xml("oTeacher", ACCOUNT, "帮助", "1", clock.timestamp())
    assert client.post("/wechat", query_string=signed(clock, "x1", xml)[0], data=xml.encode()).status_code == 200
    assert through_flask == []  # answered in front of Flask
    query = {"timestamp": str(clock.timestamp()), "nonce": "x2", "echostr": "hi"}
    query["signature"] = sign(TOKEN, query["timestamp"], "x2")
    assert client.get("/wechat", query_string=query).get_data(as_text=True) == "hi"
    assert client.post("/wechat", query_string=dict(query, signature="0" * 40), data=xml.encode()).status_code == 403
    assert client.post("/wechat/", data=xml.encode()).status_code in (308, 404)
    assert through_flask == ["GET", "POST", "POST"]  # the URL check, the refusal, another path: Flask's


def test_a_hook_or_signal_added_later_sees_every_webhook_request(tmp_path, clock):
    app = wechat_app(tmp_path, clock, "plaintext")
    seen = []
    app.before_request(lambda: seen.append("hook") and None)
    client = app.test_client()
    xml = text_message_xml("oTeacher", ACCOUNT, "帮助", "2", clock.timestamp())
    assert client.post("/wechat", query_string=signed(clock, "y1", xml)[0], data=xml.encode()).status_code == 200
    assert seen == ["hook"]

    other = wechat_app(tmp_path / "other", clock, "plaintext") if (tmp_path / "other").mkdir() is None else None
    started = []

    def receiver(sender, **_):
        started.append(sender)

    request_started.connect(receiver, other)
    try:
        xml = text_message_xml("oTeacher", ACCOUNT, "帮助", "3", clock.timestamp())
        resp = other.test_client().post("/wechat", query_string=signed(clock, "y2", xml)[0], data=xml.encode())
        assert resp.status_code == 200 and started == [other]
    finally:
        request_started.disconnect(receiver, other)


def test_wecom_gets_the_same_bytes_either_way(tmp_path, clock, monkeypatch):
    from bot.app import create_app
    from bot.channels.wecom import WeComChannel
    from tests.test_wecom import AES, CORP, wecom_config

    monkeypatch.setattr(PrpCrypto, "get_random_string", lambda self: "0123456789abcdef")
    apps = []
    for name in ("fast", "flask"):
        (tmp_path / name).mkdir()
        app = create_app(wecom_config(tmp_path / name), clock)
        if name == "flask":
            app.wsgi_app = app.extensions["unionbot.webhook_paths"].flask_wsgi
        apps.append(app)
    channel = WeComChannel("wecom-token", AES, CORP, clock)
    for i, text in enumerate(["你好", "帮助", "最近有什么活动", "我要提建议"]):
        xml = text_message_xml("wTeacher", CORP, text, str(900 + i), clock.timestamp())
        query, body = channel.build_request(xml, str(clock.timestamp()), f"w{i}")
        fast, flask = answers(apps, post(query, body.encode(), "/wecom"))
        assert fast == flask and fast[0] == "200 OK", text
    query, body = channel.build_request(xml, str(clock.timestamp()), "w9")
    bad = answers(apps, post(dict(query, msg_signature="0" * 40), body.encode(), "/wecom"))
    assert bad[0] == bad[1] and bad[0][0] == "403 FORBIDDEN"
