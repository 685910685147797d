"""Hostile input to every endpoint: a table of requests an attacker, a broken proxy or a confused
platform could send to /wechat, /wecom, /dingtalk, /admin and /simulator. Each gets a 4xx or a
polite reply — never a 5xx — and nothing is stored that should not be. Then property-based tests
(hypothesis): any body to each webhook parser, any text to the router, a reply or a 4xx.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.channels.base import WebhookError
from bot.channels.dingtalk import sign as dingtalk_sign
from bot.channels.wechat_mp import text_message_xml
from bot.console import hash_password
from bot.messages import IncomingMessage
from tests.conftest import make_config

CORP = "ww-hostile-corp"
WECOM_TOKEN = "wecom-token"
WECOM_AES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
DT_SECRET = "dingtalk-secret"
BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
        '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
        '<xml><ToUserName>gh</ToUserName><FromUserName>o-bomb</FromUserName><CreateTime>1</CreateTime>'
        '<MsgType>text</MsgType><Content>&lol4;</Content><MsgId>1</MsgId></xml>')
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       '<xml><ToUserName>gh</ToUserName><FromUserName>o-xxe</FromUserName><CreateTime>1</CreateTime>'
       '<MsgType>text</MsgType><Content>&e;</Content><MsgId>2</MsgId></xml>')
NESTED = "<xml>" + "<a>" * 5000 + "x" + "</a>" * 5000 + "</xml>"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Every endpoint at once: 公众号 in 安全模式, 企业微信, 钉钉 HTTP mode, the console, the simulator."""
    from bot import demo
    from bot.clock import FrozenClock

    clock = FrozenClock("2026-09-01 09:00")
    config = make_config(
        tmp_path_factory.mktemp("hostile"),
        wechat={"mode": "safe", "push": "simulator"},
        wecom={"enabled": True, "corp_id": CORP, "agent_id": "1000002", "token": WECOM_TOKEN,
               "encoding_aes_key": WECOM_AES},
        dingtalk={"enabled": True, "mode": "http", "app_key": "k", "app_secret": DT_SECRET, "robot_code": "r",
                  "api_base": "http://127.0.0.1:9", "oapi_base": "http://127.0.0.1:9"},
        simulator={"enabled": True},
    )
    app = create_app(config, clock)
    app.testing = True
    bot = app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    bot.store.admin_users.add("chair", hash_password("chair-pass-1"), "管理员", "1002")
    admin = app.test_client()
    page = admin.get("/admin/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert admin.post("/admin/login", data={"username": "chair", "password": "chair-pass-1",
                                            "csrf_token": token}).status_code == 302
    return app, bot, clock, admin, token


@dataclass
class Case:
    name: str
    method: str
    path: str
    body: bytes | str | None = None
    query: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    form: dict | None = None
    admin: bool = False        # sent with the logged-in console session
    polite: bool = False       # a 200 must carry a reply (not an empty body)


def wechat(bot, xml: str | bytes, *, encrypted=True, ts_offset=0, query=None, sig=None) -> Case:
    channel = bot.channels["wechat"]
    ts = str(bot.clock.timestamp() + ts_offset)
    if isinstance(xml, bytes):  # raw bytes: signed as the body we were given, but not encryptable
        args, body = channel.build_request("<xml/>", ts, "n1", encrypted=False)
        body = xml
    else:
        args, body = channel.build_request(xml, ts, "n1", encrypted=encrypted)
    if sig is not None:
        args = {**args, "signature": sig, "msg_signature": sig}
    return Case("", "POST", "/wechat", body, {**args, **(query or {})}, {"Content-Type": "text/xml"})


def text_xml(text: str, user: str = "o-hostile", msg_id: str = "900") -> str:
    return text_message_xml(user, "gh_hostile", text, msg_id, 1_788_224_400)


def wecom(bot, xml: str, ts_offset=0, sig=None) -> Case:
    channel = bot.channels["wecom"]
    args, body = channel.build_request(xml, str(bot.clock.timestamp() + ts_offset), "w1")
    if sig is not None:
        args = {**args, "msg_signature": sig}
    return Case("", "POST", "/wecom", body, args, {"Content-Type": "text/xml"})


def dingtalk(bot, body: bytes | str, ts_offset_ms=0, signature=None, headers=None) -> Case:
    ts = str(int(bot.clock.timestamp() * 1000) + ts_offset_ms)
    h = {"timestamp": ts, "sign": signature if signature is not None else dingtalk_sign(ts, DT_SECRET),
         "Content-Type": "application/json"}
    if headers is not None:
        h = headers
    return Case("", "POST", "/dingtalk", body.encode() if isinstance(body, str) else body, {}, h)


def dt_msg(text, **extra) -> str:
    data = {"msgtype": "text", "text": {"content": text}, "msgId": "dt-1", "senderStaffId": "staff-x",
            "conversationType": "1", "senderNick": "x", "createAt": 1788224400000, **extra}
    return json.dumps(data, ensure_ascii=False)


def cases(bot, csrf: str) -> list[Case]:
    long_text = "工会" * 5000
    control = "报名\u200b\u202e拔河\t\u0085\ufeff"  # what XML can carry: zero-width, bidi override, BOM
    table = {
        # ---- /wechat (安全模式): signatures, replay, parser attacks, odd fields, odd content
        "wechat: no signature at all": Case("", "POST", "/wechat", "<xml/>", {}, {"Content-Type": "text/xml"}),
        "wechat: wrong signature": wechat(bot, text_xml("你好"), sig="0" * 40),
        "wechat: timestamp not a number": wechat(bot, text_xml("你好"), query={"timestamp": "abc"}),
        "wechat: replay an hour old": wechat(bot, text_xml("你好"), ts_offset=-3600),
        "wechat: from the future": wechat(bot, text_xml("你好"), ts_offset=+3600),
        "wechat: billion laughs": wechat(bot, BOMB),
        "wechat: external entity (XXE)": wechat(bot, XXE),
        "wechat: 5,000 levels deep": wechat(bot, NESTED),
        "wechat: 2 MB body": wechat(bot, b"<xml>" + b"A" * 2_000_000 + b"</xml>"),
        "wechat: invalid UTF-8": wechat(bot, b"<xml><Encrypt>\xff\xfe\xfa</Encrypt></xml>"),
        "wechat: empty body": wechat(bot, b""),
        "wechat: not XML": wechat(bot, b"hello there"),
        "wechat: plaintext in safe mode": wechat(bot, text_xml("你好"), encrypted=False),
        "wechat: Encrypt is not base64": wechat(bot, b"<xml><Encrypt>!!!not-base64!!!</Encrypt></xml>"),
        "wechat: no MsgType": wechat(bot, "<xml><FromUserName>o-x</FromUserName><CreateTime>1</CreateTime></xml>"),
        "wechat: no FromUserName": wechat(bot, "<xml><MsgType>text</MsgType><Content>hi</Content><MsgId>3</MsgId></xml>"),
        "wechat: Content twice": wechat(bot, text_xml("你好").replace("</xml>", "<Content>again</Content></xml>")),
        "wechat: MsgType is an element tree": wechat(bot, text_xml("你好").replace(
            "<MsgType><![CDATA[text]]></MsgType>", "<MsgType><a>1</a><b>2</b></MsgType>")),
        "wechat: CreateTime is text": wechat(bot, text_xml("你好").replace("1788224400", "yesterday")),
        "wechat: CreateTime 30 digits": wechat(bot, text_xml("你好").replace("1788224400", "9" * 30)),
        "wechat: 10,000 characters": Case(**{**wechat(bot, text_xml(long_text, msg_id="901")).__dict__, "polite": True}),
        "wechat: control characters": Case(**{**wechat(bot, text_xml(control, msg_id="902")).__dict__, "polite": True}),
        "wechat: NUL and escape bytes (not XML)": wechat(bot, text_xml("报名\x00\x01\x1b[31m拔河", msg_id="907")),
        "wechat: only emoji": Case(**{**wechat(bot, text_xml("🎉🎉🙏", msg_id="903")).__dict__, "polite": True}),
        "wechat: SQL in text": Case(**{**wechat(bot, text_xml("1'; DROP TABLE members; --", msg_id="904")).__dict__,
                                       "polite": True}),
        "wechat: HTML in text": Case(**{**wechat(bot, text_xml("<script>alert(1)</script>]]>", msg_id="905")).__dict__,
                                        "polite": True}),
        "wechat: unknown MsgType": wechat(bot, text_xml("x", msg_id="906").replace("[text]", "[hologram]")),
        "wechat: unknown event": wechat(bot, "<xml><ToUserName>gh</ToUserName><FromUserName>o-x</FromUserName>"
                                        "<CreateTime>1</CreateTime><MsgType>event</MsgType><Event>teleport</Event></xml>"),
        "wechat: GET verification, wrong signature": Case("", "GET", "/wechat", None,
                                                          {"signature": "0" * 40, "timestamp": "1", "nonce": "n",
                                                           "echostr": "hi"}),
        "wechat: GET without parameters": Case("", "GET", "/wechat"),
        "wechat: PUT": Case("", "PUT", "/wechat", "<xml/>"),
        # ---- /wecom
        "wecom: no parameters": Case("", "POST", "/wecom", "<xml/>", {}, {"Content-Type": "text/xml"}),
        "wecom: wrong msg_signature": wecom(bot, text_xml("你好"), sig="0" * 40),
        "wecom: replay an hour old": wecom(bot, text_xml("你好"), ts_offset=-3600),
        "wecom: billion laughs": wecom(bot, BOMB),
        "wecom: external entity": wecom(bot, XXE),
        "wecom: garbage Encrypt": Case("", "POST", "/wecom", "<xml><Encrypt>AAAA</Encrypt></xml>",
                                       wecom(bot, "<xml/>").query, {"Content-Type": "text/xml"}),
        "wecom: invalid UTF-8": Case("", "POST", "/wecom", b"\xff\xfe<xml>", wecom(bot, "<xml/>").query,
                                     {"Content-Type": "text/xml"}),
        "wecom: 2 MB body": Case("", "POST", "/wecom", b"A" * 2_000_000, wecom(bot, "<xml/>").query,
                                 {"Content-Type": "text/xml"}),
        "wecom: GET verification with junk echostr": Case("", "GET", "/wecom", None, {
            **{k: v for k, v in wecom(bot, "<xml/>").query.items()}, "echostr": "%%%"}),
        "wecom: 10,000 characters": Case(**{**wecom(bot, text_xml(long_text, msg_id="911")).__dict__, "polite": True}),
        # ---- /dingtalk (HTTP mode)
        "dingtalk: no headers": dingtalk(bot, dt_msg("你好"), headers={"Content-Type": "application/json"}),
        "dingtalk: wrong sign": dingtalk(bot, dt_msg("你好"), signature="bm90IGEgc2lnbg=="),
        "dingtalk: an hour old": dingtalk(bot, dt_msg("你好"), ts_offset_ms=-3_700_000),
        "dingtalk: timestamp not a number": dingtalk(bot, dt_msg("你好"), headers={
            "timestamp": "soon", "sign": "x", "Content-Type": "application/json"}),
        "dingtalk: not JSON": dingtalk(bot, "hello"),
        "dingtalk: a JSON array": dingtalk(bot, "[1, 2, 3]"),
        "dingtalk: 5,000 levels deep": dingtalk(bot, "[" * 5000 + "]" * 5000),
        "dingtalk: content is a number": dingtalk(bot, json.dumps({"msgtype": "text", "text": {"content": 42},
                                                                   "msgId": "dt-2", "senderStaffId": "s"})),
        "dingtalk: text is a string": dingtalk(bot, json.dumps({"msgtype": "text", "text": "hi", "msgId": "dt-3"})),
        "dingtalk: no sender": Case(**{**dingtalk(bot, dt_msg("你好", senderStaffId=None)).__dict__, "polite": True}),
        "dingtalk: invalid UTF-8": dingtalk(bot, b'{"text": "\xff\xfe"}'),
        "dingtalk: 2 MB body": dingtalk(bot, b'{"x": "' + b"A" * 2_000_000 + b'"}'),
        "dingtalk: 10,000 characters": Case(**{**dingtalk(bot, dt_msg(long_text, msgId="dt-4")).__dict__,
                                                "polite": True}),
        "dingtalk: unknown msgtype": dingtalk(bot, dt_msg("x", msgtype="hologram", msgId="dt-5")),
        # ---- /admin
        "admin: login without CSRF": Case("", "POST", "/admin/login", form={"username": "chair", "password": "x"}),
        "admin: 10,000-character username": Case("", "POST", "/admin/login",
                                                 form={"username": "u" * 10_000, "password": "p" * 10_000}),
        "admin: anonymous long ticket": Case("", "GET", "/admin/suggestions/" + "A" * 10_000),
        "admin: anonymous POST": Case("", "POST", "/admin/activities/new", form={"title": "x"}),
        "admin: SQL in search": Case("", "GET", "/admin/members", query={"q": "' OR 1=1 --", "page": "-5"},
                                     admin=True),
        "admin: page not a number": Case("", "GET", "/admin/members", query={"page": "abc", "group": "\x00"},
                                         admin=True),
        "admin: SQL as ticket": Case("", "GET", "/admin/suggestions/' OR 1=1 --", admin=True),
        "admin: activity with a date of 9999-99-99": Case("", "POST", "/admin/activities/new", admin=True, form={
            "csrf_token": csrf, "title": "<b>x</b>", "starts_at": "9999-99-99T99:99", "capacity": "1e9"}),
        "admin: empty roster upload": Case("", "POST", "/admin/members/import", admin=True, form={"csrf_token": csrf}),
        "admin: corrupt .xlsx": Case("", "POST", "/admin/members/import", admin=True, form={
            "csrf_token": csrf, "file": (b"PK\x03\x04 not really a zip", "名册.xlsx")}),
        "admin: unknown user action": Case("", "POST", "/admin/users/1", admin=True, form={
            "csrf_token": csrf, "action": "drop"}),
        "admin: resend a row that does not exist": Case("", "POST", "/admin/pushes/99999/resend", admin=True,
                                                        form={"csrf_token": csrf}),
        # ---- /simulator
        "simulator: not JSON": Case("", "POST", "/simulator/send", b"text", {}, {"Content-Type": "application/json"}),
        "simulator: user with odd characters": Case("", "POST", "/simulator/send",
                                                    json.dumps({"user": "../../x", "text": "hi"}), {},
                                                    {"Content-Type": "application/json"}),
        "simulator: text is a list": Case("", "POST", "/simulator/send", json.dumps({"user": "1024", "text": ["a"]}),
                                          {}, {"Content-Type": "application/json"}, polite=True),
        "simulator: pushes for a bad user": Case("", "GET", "/simulator/pushes", query={"user": "<x>"}),
    }
    out = []
    for name, case in table.items():
        case.name = name
        out.append(case)
    return out


PROTECTED = ["members", "bindings", "signups", "suggestions", "care_reports", "activities", "admin_users", "checkups"]


def counts(bot) -> dict[str, int]:
    counted = {t: bot.store.db.scalar(f"SELECT count(*) FROM {t}") for t in PROTECTED}
    return {**counted, "tray": bot.store.suggestions.tray_count()}


def send(app, admin, case: Case):
    import io

    client = admin if case.admin else app.test_client()
    if case.form is not None:
        data = {k: ((io.BytesIO(v[0]), v[1]) if isinstance(v, tuple) else v) for k, v in case.form.items()}
        return client.open(case.path, method=case.method, query_string=case.query, data=data,
                           content_type="multipart/form-data")
    return client.open(case.path, method=case.method, query_string=case.query, data=case.body,
                       headers=case.headers)


def test_the_hostile_table_gets_4xx_or_a_polite_reply_and_stores_nothing(world):
    app, bot, _clock, admin, csrf = world
    table = cases(bot, csrf)
    assert len(table) >= 50
    before = counts(bot)
    failures = []
    for case in table:
        resp = send(app, admin, case)
        body = resp.get_data()
        ok = resp.status_code < 500 and (resp.status_code >= 400 or resp.status_code in (200, 302))
        if case.polite:
            ok = ok and resp.status_code == 200 and len(body) > 0
        if b"root:" in body or b"lollollol" in body or b"Traceback" in body:
            ok = False
        if not ok:
            failures.append((case.name, resp.status_code, body[:200]))
    assert not failures, failures
    assert counts(bot) == before
    assert bot.store.healthy()


# ---- property-based: any input, a reply or a 4xx, never an exception ------------------------------

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@PROPERTY
@given(body=st.binary(max_size=2000) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_body_to_the_wechat_parser_is_a_message_or_a_webhook_error(world, body):
    _app, bot, clock, _, _ = world
    channel = bot.channels["wechat"]
    args, _ = channel.build_request("<xml/>", str(clock.timestamp()), "n1", encrypted=False)
    try:
        channel.parse({**args, "encrypt_type": ""}, body)
    except WebhookError as exc:
        assert 400 <= exc.status < 500


@PROPERTY
@given(content=texts, msg_type=st.sampled_from(["text", "event", "image", "voice", "", "x" * 50]),
       create_time=st.text(max_size=25))
def test_any_fields_in_a_signed_encrypted_wechat_message_get_a_reply_or_a_4xx(world, content, msg_type, create_time):
    app, bot, clock, _, _ = world
    xml = (f"<xml><ToUserName>gh</ToUserName><FromUserName>o-prop</FromUserName><CreateTime>{escape(create_time)}"
           f"</CreateTime><MsgType>{msg_type}</MsgType><Content>{escape(content)}</Content><MsgId>{abs(hash(content))}"
           "</MsgId></xml>")
    args, body = bot.channels["wechat"].build_request(xml, str(clock.timestamp()), "n2", encrypted=True)
    resp = app.test_client().post("/wechat", query_string=args, data=body.encode(), content_type="text/xml")
    assert resp.status_code == 200 or 400 <= resp.status_code < 500, resp.status_code


@PROPERTY
@given(body=st.binary(max_size=2000) | st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["msgtype", "text", "content", "msgId", "senderStaffId", "conversationType", "senderNick"]), inner, max_size=6),
    max_leaves=20).map(lambda v: json.dumps(v).encode()))
def test_any_body_to_the_dingtalk_webhook_gets_a_reply_or_a_4xx(world, body):
    app, _bot, clock, _, _ = world
    ts = str(int(clock.timestamp() * 1000))
    resp = app.test_client().post("/dingtalk", data=body, headers={
        "timestamp": ts, "sign": dingtalk_sign(ts, DT_SECRET), "Content-Type": "application/json"})
    assert resp.status_code == 200 or 400 <= resp.status_code < 500, resp.status_code


@PROPERTY
@given(body=st.binary(max_size=2000))
def test_any_body_to_the_wecom_parser_is_a_message_or_a_webhook_error(world, body):
    _app, bot, clock, _, _ = world
    channel = bot.channels["wecom"]
    args, _ = channel.build_request("<xml/>", str(clock.timestamp()), "w2")
    try:
        channel.parse(args, body)
    except WebhookError as exc:
        assert 400 <= exc.status < 500


@PROPERTY
@given(text=texts, channel=st.sampled_from(["test", "wechat", "wecom", "dingtalk"]))
def test_the_router_answers_any_text_in_chinese(world, text, channel):
    _app, bot, clock, _, _ = world
    reply = bot.dispatch(IncomingMessage(channel, f"p-{abs(hash(text))}", "u-prop", text, received_at=clock.now()))
    assert isinstance(reply, str) and re.search(r"[\u4e00-\u9fff]", reply), (text, reply)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

