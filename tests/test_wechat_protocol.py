"""/wechat through the Flask test client: real signed (and encrypted) XML in all three modes."""

from __future__ import annotations

import itertools

import pytest

from bot.channels.wechat_mp import event_xml, sign, text_message_xml
from bot.clock import FrozenClock
from tests.helpers import ACCOUNT, TOKEN

NOW = str(FrozenClock().timestamp())  # the tests' frozen clock (2026-09-01 09:00)
_nonces = itertools.count(1)


def test_url_verification_echoes_echostr(wechat):
    args = {"timestamp": NOW, "nonce": "abc", "echostr": "echo-42"}
    args["signature"] = sign(TOKEN, args["timestamp"], args["nonce"])
    resp = wechat.client.get("/wechat", query_string=args)
    assert resp.status_code == 200
    assert resp.get_data(as_text=True) == "echo-42"


def test_url_verification_bad_or_missing_signature(plain_wechat):
    client = plain_wechat.client
    assert client.get("/wechat", query_string={"timestamp": "1", "nonce": "2", "echostr": "e",
                                               "signature": "0" * 40}).status_code == 403
    assert client.get("/wechat", query_string={"timestamp": "1", "nonce": "2", "echostr": "e"}).status_code == 400
    assert client.get("/wechat").status_code == 400


def test_text_message_gets_reply_in_every_mode(wechat):
    reply = wechat.say("oUser1", "你好")
    assert "您好" in reply and "工会小助手" in reply


def test_reply_xml_addresses_the_user(wechat):
    resp = wechat.text("oUser1", "帮助")
    body = resp.get_data(as_text=True)
    if wechat.mode != "plaintext":
        body = wechat.channel.decrypt_reply(body)
    xml = wechat.channel._parse_xml(body)
    assert xml["ToUserName"] == "oUser1"
    assert xml["FromUserName"] == ACCOUNT
    assert xml["MsgType"] == "text"
    assert resp.mimetype == "application/xml"


def test_retried_msgid_gets_same_reply_and_one_effect(wechat):
    store = wechat.app.extensions["unionbot"].store
    first = wechat.say("oUser1", "你好", msg_id="777")
    second = wechat.say("oUser1", "你好", msg_id="777")
    third = wechat.say("oUser1", "你好", msg_id="777")
    assert first == second == third != ""
    assert store.inbox.count() == 1


def test_retried_message_does_not_advance_a_flow_twice(wechat):
    """Mid-flow, WeChat retries the answer "1024": without dedup the retry would be taken as the
    next step's answer (a name) and the flow would move on wrongly."""
    store = wechat.app.extensions["unionbot"].store
    store.members.add(staff_no="1024", name="张三", phone="13900001024")
    assert wechat.say("oUser1", "绑定", msg_id="1").startswith("请回复您的工号")
    assert wechat.say("oUser1", "1024", msg_id="2") == "请回复您的姓名。"
    assert wechat.say("oUser1", "1024", msg_id="2") == "请回复您的姓名。"  # the retry: same reply
    assert store.conversations.get("wechat", "oUser1").step == "name"  # and not advanced
    assert wechat.say("oUser1", "张三", msg_id="3").startswith("为确认身份")
    assert wechat.say("oUser1", "1024", msg_id="4").startswith("绑定成功")
    assert store.inbox.count() == 4


def test_subscribe_welcomes_with_binding_syntax(wechat):
    reply = wechat.reply_content(wechat.event("oNew", "subscribe"))
    assert "欢迎" in reply and "绑定 1024 张三" in reply


def test_unsubscribe_is_recorded_and_answered_with_success(wechat):
    store = wechat.app.extensions["unionbot"].store
    wechat.say("oLeaving", "你好")
    resp = wechat.event("oLeaving", "unsubscribe")
    assert resp.get_data(as_text=True) == "success"
    assert store.channel_users.get("wechat", "oLeaving")["subscribed"] == 0


def _media_xml(user: str, msg_type: str, extra: str = "") -> str:
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>{extra}"
            f"<MsgId>{abs(hash(msg_type)) % 10**12}</MsgId></xml>")


def test_media_messages_get_a_polite_text(wechat):
    for kind in ("image", "voice", "video", "location", "link"):
        reply = wechat.reply_content(wechat.post_xml(_media_xml("oUser1", kind)))
        assert "文字" in reply, kind


def test_voice_with_recognition_is_treated_as_text(plain_wechat):
    xml = _media_xml("oUser1", "voice", "<Recognition><![CDATA[你好]]></Recognition>")
    assert "您好" in plain_wechat.reply_content(plain_wechat.post_xml(xml))


def test_unknown_message_type_gets_success(wechat):
    resp = wechat.post_xml(_media_xml("oUser1", "miniprogrampage"))
    assert resp.status_code == 200 and resp.get_data(as_text=True) == "success"


def test_long_reply_is_shortened_within_2048_bytes(plain_wechat, monkeypatch):
    from handlers import help as help_module

    monkeypatch.setattr(help_module, "GREETING", "工会" * 2000 + "{who}{bot}")
    reply = plain_wechat.say("oUser1", "你好")
    assert len(reply.encode("utf-8")) <= 2048
    assert reply.endswith("……")
    reply.encode("utf-8").decode("utf-8")  # whole characters only


def test_reply_content_with_cdata_terminator_is_escaped(plain_wechat, monkeypatch):
    from handlers import help as help_module

    monkeypatch.setattr(help_module, "GREETING", "a]]>b{who}{bot}")
    assert plain_wechat.say("oUser1", "你好").startswith("a]]>b")


# ---- the bad-input table ------------------------------------------------------------------------------


def _signed(extra=None):
    args = {"timestamp": NOW, "nonce": f"abc{next(_nonces)}"}
    args["signature"] = sign(TOKEN, args["timestamp"], args["nonce"])
    args.update(extra or {})
    return args


def test_wrong_signature_is_403(wechat):
    resp = wechat.post_xml(_media_xml("o", "text"), args_override={"signature": "0" * 40})
    assert resp.status_code == 403


@pytest.fixture(params=["compatible", "safe"])
def encrypted_wechat(request, tmp_path, clock):
    from tests.conftest import wechat_app
    from tests.helpers import WeChatClient

    app = wechat_app(tmp_path, clock, request.param)
    client = WeChatClient(app.test_client(), request.param, clock)
    client.app = app
    return client


def test_wrong_msg_signature_is_403_in_encrypted_modes(encrypted_wechat):
    resp = encrypted_wechat.post_xml(_media_xml("o", "text"), args_override={"msg_signature": "0" * 40})
    assert resp.status_code == 403


def test_plaintext_post_in_compatible_mode_is_refused(tmp_path, clock):
    """WeChat sends compatible-mode messages encrypted (beside plaintext fields); an unencrypted one
    is somebody else, and its FromUserName would be unauthenticated."""
    from tests.conftest import wechat_app
    from tests.helpers import WeChatClient

    app = wechat_app(tmp_path, clock, "compatible")
    client = WeChatClient(app.test_client(), "compatible", clock)
    assert client.post_xml(_media_xml("o", "text"), encrypted=False).status_code == 403


def test_compatible_mode_reads_only_the_encrypted_part(tmp_path, clock):
    """A forged plaintext Content beside a genuine Encrypt field is ignored."""
    from tests.conftest import wechat_app
    from tests.helpers import WeChatClient

    app = wechat_app(tmp_path, clock, "compatible")
    client = WeChatClient(app.test_client(), "compatible", clock)
    timestamp, nonce = str(clock.timestamp()), "n-compat"
    args, body = client.channel.build_request(text_message_xml("oUser1", ACCOUNT, "你好", "55", clock.timestamp()),
                                              timestamp, nonce, encrypted=True)
    forged = body.replace("<![CDATA[oUser1]]>", "<![CDATA[oVictim]]>").replace("你好", "解绑")
    reply = client.reply_content(client.client.post("/wechat", query_string=args, data=forged.encode()))
    assert "您好" in reply  # answered the encrypted 你好, not the forged 解绑


# ---- freshness and replay ------------------------------------------------------------------------------


def test_an_hour_old_signed_request_is_403_in_every_mode(wechat):
    store = wechat.app.extensions["unionbot"].store
    wechat.clock.advance(hours=-1)
    timestamp, nonce = str(wechat.clock.timestamp()), "old"
    xml = text_message_xml("oUser1", ACCOUNT, "我的报名", "4242", wechat.clock.timestamp())
    args, body = wechat.channel.build_request(xml, timestamp, nonce, wechat.mode != "plaintext")
    wechat.clock.advance(hours=1)
    resp = wechat.client.post("/wechat", query_string=args, data=body.encode(), content_type="text/xml")
    assert resp.status_code == 403
    assert store.inbox.count() == 0  # nothing handled
    # the same for URL verification and for a request from the future
    args = {"timestamp": str(wechat.clock.timestamp() - 3600), "nonce": "n", "echostr": "e"}
    args["signature"] = sign(TOKEN, args["timestamp"], args["nonce"])
    assert wechat.client.get("/wechat", query_string=args).status_code == 403
    args = {"timestamp": str(wechat.clock.timestamp() + 3600), "nonce": "n", "echostr": "e"}
    args["signature"] = sign(TOKEN, args["timestamp"], args["nonce"])
    assert wechat.client.get("/wechat", query_string=args).status_code == 403


def test_within_the_window_is_accepted(wechat):
    wechat.clock.advance(seconds=-240)
    timestamp, nonce = str(wechat.clock.timestamp()), "recent"
    args, body = wechat.channel.build_request(
        text_message_xml("oUser1", ACCOUNT, "你好", "4243", wechat.clock.timestamp()), timestamp, nonce,
        wechat.mode != "plaintext")
    wechat.clock.advance(seconds=240)
    resp = wechat.client.post("/wechat", query_string=args, data=body.encode(), content_type="text/xml")
    assert "您好" in wechat.reply_content(resp)


def test_a_leaked_plaintext_url_cannot_carry_another_body(plain_wechat):
    """In plaintext mode the signature does not cover the body: the URL is good for its own body only."""
    clock = plain_wechat.clock
    args, body = plain_wechat.channel.build_request(
        text_message_xml("oTeacher", ACCOUNT, "你好", "9001", clock.timestamp()), str(clock.timestamp()), "leak", False)
    assert plain_wechat.client.post("/wechat", query_string=args, data=body.encode()).status_code == 200
    again = plain_wechat.client.post("/wechat", query_string=args, data=body.encode())  # WeChat's retry
    assert again.status_code == 200
    forged = text_message_xml("oVictim", ACCOUNT, "我的报名", "9002", clock.timestamp())
    assert plain_wechat.client.post("/wechat", query_string=args, data=forged.encode()).status_code == 403


@pytest.mark.parametrize("extra", [{"msg_signature": "anything"}, {"msg_signature": "x", "encrypt_type": "aes"},
                                   {"openid": "oVictim"}, {"signature_method": "1"}])
def test_unsigned_parameters_added_to_a_leaked_plaintext_url_change_nothing(plain_wechat, extra):
    """Plaintext mode never checks msg_signature (or anything but signature, timestamp, nonce): adding
    one must not make the leaked URL new again (it did: the request key hashed msg_signature)."""
    clock = plain_wechat.clock
    args, body = plain_wechat.channel.build_request(
        text_message_xml("oTeacher", ACCOUNT, "你好", "9101", clock.timestamp()), str(clock.timestamp()), "leak2", False)
    assert plain_wechat.client.post("/wechat", query_string=args, data=body.encode()).status_code == 200
    forged = text_message_xml("oVictim", ACCOUNT, "我的报名", "9102", clock.timestamp())
    for n in range(3):
        resp = plain_wechat.client.post("/wechat", query_string={**args, **extra, "n": str(n)}, data=forged.encode())
        assert resp.status_code in (400, 403) and "李娜" not in resp.get_data(as_text=True)


def test_a_borrowed_msgid_gets_its_own_reply(wechat):
    """Someone who presents another user's MsgId is not handed that user's reply."""
    store = wechat.app.extensions["unionbot"].store
    member = store.members.add(staff_no="1003", name="李娜")
    store.bindings.bind("wechat", "oLina", member.id)
    mine = wechat.say("oLina", "我的报名", msg_id="31337")
    assert mine.startswith("您目前没有报名任何活动")
    theirs = wechat.say("oMallory", "我的报名", msg_id="31337")
    assert theirs.startswith("这项服务需要先绑定身份")
    assert "李娜" not in theirs


@pytest.mark.parametrize("created", ["99999999999999999999", "²", "-5", "1e9", "", "１７００"])
def test_odd_create_time_is_never_a_500(wechat, created):
    xml = text_message_xml("oUser1", ACCOUNT, "你好", "8080", 0).replace("<CreateTime>0</CreateTime>",
                                                                        f"<CreateTime>{created}</CreateTime>")
    assert "您好" in wechat.reply_content(wechat.post_xml(xml))
    event = event_xml("oUser2", ACCOUNT, "subscribe", 0).replace("<CreateTime>0</CreateTime>",
                                                                  f"<CreateTime>{created}</CreateTime>")
    assert wechat.post_xml(event).status_code == 200


def test_plaintext_post_in_safe_mode_is_refused(tmp_path, clock):
    from tests.conftest import wechat_app
    from tests.helpers import WeChatClient

    app = wechat_app(tmp_path, clock, "safe")
    client = WeChatClient(app.test_client(), "safe", clock)
    resp = client.post_xml(_media_xml("o", "text"), encrypted=False)
    assert resp.status_code == 403


def test_missing_parameters_is_400(plain_wechat):
    client = plain_wechat.client
    assert client.post("/wechat", data=b"<xml/>").status_code == 400
    assert client.post("/wechat", query_string={"timestamp": "1", "nonce": "2"}, data=b"<xml/>").status_code == 400


def test_missing_msg_signature_in_aes_request_is_400(tmp_path, clock):
    from tests.conftest import wechat_app

    app = wechat_app(tmp_path, clock, "safe")
    resp = app.test_client().post("/wechat", query_string=_signed({"encrypt_type": "aes"}),
                                  data=b"<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>")
    assert resp.status_code == 400


BAD_BODIES = {
    "empty": b"",
    "whitespace": b"   \n ",
    "malformed": b"<xml><ToUserName>oops</xml",
    "not xml": b"hello there",
    "no xml root": b"<foo><MsgType>text</MsgType></foo>",
    "doctype": b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>',
    "entity only": b'<!ENTITY x SYSTEM "file:///etc/passwd"><xml/>',
    "xxe": b'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><MsgType>text</MsgType>'
           b"<FromUserName>a</FromUserName><ToUserName>b</ToUserName><Content>&xxe;</Content></xml>",
    "billion laughs": b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml>&lol2;</xml>',
    "not utf-8": "<xml><Content>你好</Content></xml>".encode("gbk"),
    "latin-1 junk": b"\xff\xfe\x00<\x00x\x00",
    "missing fields": b"<xml><Content>hi</Content></xml>",
    "empty root": b"<xml></xml>",
}


def test_bad_bodies_are_400_never_500(plain_wechat, caplog):
    for name, body in BAD_BODIES.items():
        resp = plain_wechat.client.post("/wechat", query_string=_signed(), data=body)
        assert resp.status_code == 400, (name, resp.status_code)
    # never logged with the full body
    assert "etc/passwd" not in caplog.text and "lol2" not in caplog.text


def test_bad_encrypted_payloads_are_400(tmp_path, clock):
    from tests.conftest import wechat_app

    app = wechat_app(tmp_path, clock, "safe")
    client = app.test_client()
    for encrypt in ("not base64!!", "QUJD", "A" * 64, ""):
        body = f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>".encode()
        args = _signed({"encrypt_type": "aes"})
        args["msg_signature"] = sign(TOKEN, args["timestamp"], args["nonce"], encrypt)
        resp = client.post("/wechat", query_string=args, data=body)
        assert resp.status_code == 400, (encrypt, resp.status_code)


def test_body_over_64kb_is_413(plain_wechat):
    body = b"<xml><Content>" + b"a" * (65 * 1024) + b"</Content></xml>"
    resp = plain_wechat.client.post("/wechat", query_string=_signed(), data=body)
    assert resp.status_code == 413


def test_entities_inside_encrypted_payload_are_400(tmp_path, clock):
    from tests.conftest import wechat_app
    from tests.helpers import WeChatClient

    app = wechat_app(tmp_path, clock, "safe")
    client = WeChatClient(app.test_client(), "safe", clock)
    resp = client.post_xml('<!DOCTYPE x [<!ENTITY a "b">]><xml><MsgType>text</MsgType></xml>')
    assert resp.status_code == 400


def test_healthz(plain_wechat):
    resp = plain_wechat.client.get("/healthz")
    assert resp.status_code == 200
    data = resp.get_json()
    assert data["status"] == "ok" and data["database"] == "ok" and data["version"]


def test_the_standard_chat_script_in_every_mode(wechat):
    from bot import demo
    from tests.helpers import standard_script

    bot = wechat.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    standard_script(wechat.say, bot.store)
