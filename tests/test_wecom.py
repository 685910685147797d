"""企业微信: the published vectors through the channel's own code, /wecom through the Flask test
client with real encrypted XML, and the app message API against a local fake."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest
from flask import jsonify, request
from wechatpy.crypto import PrpCrypto

from bot import demo
from bot.app import create_app
from bot.channels.base import WebhookError, parse_xml
from bot.channels.wechat_mp import text_message_xml
from bot.channels.wecom import WeComChannel, WeComPush, sign
from bot.clock import FrozenClock
from tests.conftest import make_config
from tests.fakes import FakePlatform
from tests.helpers import standard_script

VECTORS = json.loads((Path(__file__).parent / "data" / "wechat_vectors.json").read_text("utf-8"))
WECOM = [v for v in VECTORS["vectors"] if v["platform"] == "wecom"]
CORP, TOKEN, AES = "ww0123456789abcdef", "wecom-token", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"


def at(timestamp: str) -> FrozenClock:
    return FrozenClock(dt.datetime.fromtimestamp(int(timestamp), dt.UTC))


def test_every_wecom_vector_is_covered():
    assert {v["name"] for v in WECOM} == {"wecom_verify_url", "wecom_verify_url_2", "wecom_decrypt_text",
                                          "wecom_decrypt_text_2"}


@pytest.mark.parametrize("v", [v for v in WECOM if "echostr" in v], ids=lambda v: v["name"])
def test_verify_url_vectors(v):
    channel = WeComChannel(v["token"], v["encoding_aes_key"], v["corp_id"], at(v["timestamp"]))
    args = {"msg_signature": v["msg_signature"], "timestamp": v["timestamp"], "nonce": v["nonce"],
            "echostr": v["echostr"]}
    assert channel.verify_url(args) == v["expected_echo"]
    with pytest.raises(WebhookError) as err:
        channel.verify_url({**args, "msg_signature": "0" * 40})
    assert err.value.status == 403


@pytest.mark.parametrize("v", [v for v in WECOM if "encrypt" in v], ids=lambda v: v["name"])
def test_decrypt_vectors_through_parse(v):
    channel = WeComChannel(v["token"], v["encoding_aes_key"], v["corp_id"], at(v["timestamp"]))
    args = {"msg_signature": v["msg_signature"], "timestamp": v["timestamp"], "nonce": v["nonce"]}
    body = f"<xml><ToUserName><![CDATA[{v['corp_id']}]]></ToUserName><Encrypt><![CDATA[{v['encrypt']}]]></Encrypt></xml>"
    parsed = channel.parse(args, body.encode())
    expected = channel.crypto.decrypt_message({"Encrypt": v["encrypt"]}, v["msg_signature"], v["timestamp"], v["nonce"])
    assert expected == v["expected_plaintext"]
    assert parsed.message.channel == "wecom" and parsed.message.kind == "text"
    assert parsed.message.user_id in ("ChenJiaShun", "messense") and parsed.message.text in ("你好", "test")
    # another corp's key: refused, never a 500
    other = WeComChannel(v["token"], v["encoding_aes_key"], "ww-someone-else", at(v["timestamp"]))
    with pytest.raises(WebhookError) as err:
        other.parse(args, body.encode())
    assert err.value.status == 400


class WeComClient:
    """Sends what 企业微信 sends to /wecom and reads the encrypted reply as the member sees it."""

    _ids = itertools.count(7_000_000)
    _nonces = itertools.count(1)

    def __init__(self, app, clock) -> None:
        self.app, self.client, self.clock = app, app.test_client(), clock
        self.channel = WeComChannel(TOKEN, AES, CORP, clock)
        self.bot = app.extensions["unionbot"]

    def post(self, xml: str, args_override: dict | None = None):
        args, body = self.channel.build_request(xml, str(self.clock.timestamp()), f"w{next(self._nonces)}")
        args.update(args_override or {})
        return self.client.post("/wecom", query_string=args, data=body.encode(), content_type="text/xml")

    def say(self, user: str, text: str, msg_id: str | None = None) -> str:
        resp = self.post(text_message_xml(user, CORP, text, msg_id or str(next(self._ids)), self.clock.timestamp()))
        assert resp.status_code == 200, resp.get_data(as_text=True)
        body = resp.get_data(as_text=True)
        if not body:
            return ""
        assert "<Encrypt>" in body, "replies to 企业微信 are encrypted"
        return parse_xml(self.channel.decrypt_reply(body))["Content"]


def wecom_config(tmp_path, **extra):
    section = {"enabled": True, "corp_id": CORP, "agent_id": "1000002", "token": TOKEN, "encoding_aes_key": AES,
               **extra}
    return make_config(tmp_path, wecom=section)


@pytest.fixture
def wecom(tmp_path, clock):
    app = create_app(wecom_config(tmp_path), clock)
    app.testing = True
    return WeComClient(app, clock)


def test_url_verification_answers_the_decrypted_echostr(wecom):
    encrypt = PrpCrypto(wecom.channel.crypto.key).encrypt("echo-1234", CORP).decode()
    ts = str(wecom.clock.timestamp())
    args = {"msg_signature": sign(TOKEN, ts, "n1", encrypt), "timestamp": ts, "nonce": "n1", "echostr": encrypt}
    resp = wecom.client.get("/wecom", query_string=args)
    assert resp.status_code == 200 and resp.get_data(as_text=True) == "echo-1234"
    assert wecom.client.get("/wecom", query_string={**args, "msg_signature": "0" * 40}).status_code == 403
    assert wecom.client.get("/wecom", query_string={"timestamp": ts}).status_code == 400
    old = str(wecom.clock.timestamp() - 3600)
    stale = {**args, "timestamp": old, "msg_signature": sign(TOKEN, old, "n1", encrypt)}
    assert wecom.client.get("/wecom", query_string=stale).status_code == 403


def test_chat_scripts_through_wecom(wecom):
    demo.seed(wecom.bot.store, wecom.clock)
    standard_script(wecom.say, wecom.bot.store)


def test_retry_gets_the_same_reply_and_bad_input_is_4xx(wecom):
    first = wecom.say("u1", "你好", msg_id="99")
    assert first and wecom.say("u1", "你好", msg_id="99") == first
    assert wecom.bot.store.inbox.count() == 1
    bad = wecom.post(text_message_xml("u1", CORP, "你好", "100", 0), args_override={"msg_signature": "0" * 40})
    assert bad.status_code == 403
    ts = str(wecom.clock.timestamp())
    for body in (b"", b"<xml><ToUserName>x</ToUserName></xml>", b"<xml><Encrypt>!!!</Encrypt></xml>",
                 b'<!DOCTYPE x [<!ENTITY a "b">]><xml/>', b"\xff\xfe"):
        args = {"msg_signature": "0" * 40, "timestamp": ts, "nonce": "x"}
        resp = wecom.client.post("/wecom", query_string=args, data=body)
        assert 400 <= resp.status_code < 500, (body, resp.status_code)
    old = wecom.clock.timestamp() - 3600
    args, body = wecom.channel.build_request(text_message_xml("u1", CORP, "你好", "101", old), str(old), "o")
    assert wecom.client.post("/wecom", query_string=args, data=body.encode()).status_code == 403


# ---- the app message API ----------------------------------------------------------------------------------


class FakeWeComAPI(FakePlatform):
    def __init__(self) -> None:
        super().__init__("fake-wecom")
        self.tokens_issued = 0
        self.send_errcodes: list[int] = []
        self.invalid_users: set[str] = set()

        @self.app.get("/cgi-bin/gettoken")
        def gettoken():
            assert request.args["corpid"] == CORP and request.args["corpsecret"]
            self.tokens_issued += 1
            return jsonify(errcode=0, errmsg="ok", access_token=f"WT{self.tokens_issued}", expires_in=7200)

        self.group_errcodes: list[int] = []

        @self.app.post("/cgi-bin/webhook/send")
        def group_robot():
            body = json.loads(request.get_data(as_text=True))
            assert request.args["key"] == "group-key" and body["msgtype"] == "text" and body["text"]["content"]
            code = self.group_errcodes.pop(0) if self.group_errcodes else 0
            return jsonify(errcode=code, errmsg="ok" if code == 0 else "error")

        self.task_ids: set[str] = set()
        self.response_codes: dict[str, str] = {}  # a response_code not yet used → the member it updates

        @self.app.post("/cgi-bin/message/send")
        def send():
            body = json.loads(request.get_data(as_text=True))
            assert request.content_type.startswith("application/json")
            if body["msgtype"] == "template_card":
                check_button_card(body["template_card"], self.task_ids)
            else:
                assert body["msgtype"] == "text" and set(body["text"]) == {"content"} and body["text"]["content"]
            assert isinstance(body["agentid"], int) and body["touser"] and "|" not in body["touser"]
            assert body["enable_duplicate_check"] == 1 and 0 < body["duplicate_check_interval"] <= 14400
            code = self.send_errcodes.pop(0) if self.send_errcodes else 0
            if code == 0 and request.args.get("access_token") != f"WT{self.tokens_issued}":
                code = 42001
            invalid = "|".join(u for u in body["touser"].split("|") if u in self.invalid_users)
            answer = {"errcode": code, "errmsg": "ok" if code == 0 else "error", "invaliduser": invalid,
                      "msgid": f"msg{len(self.requests)}"}
            if code == 0 and body["msgtype"] == "template_card":
                answer["response_code"] = f"rc-send-{len(self.requests)}"
            return jsonify(answer)

        @self.app.post("/cgi-bin/message/update_template_card")
        def update_card():
            # 更新模版卡片消息 (更新按钮为不可点击状态): userids, agentid, response_code, button.replace_name;
            # a response_code works once, within 72 hours
            body = json.loads(request.get_data(as_text=True))
            assert set(body) == {"userids", "agentid", "response_code", "button"}
            assert isinstance(body["agentid"], int) and isinstance(body["userids"], list) and len(body["userids"]) == 1
            assert set(body["button"]) == {"replace_name"} and body["button"]["replace_name"]
            if request.args.get("access_token") != f"WT{self.tokens_issued}":
                return jsonify(errcode=42001, errmsg="access_token expired")
            if self.response_codes.pop(body["response_code"], None) != body["userids"][0]:
                return jsonify(errcode=40003, errmsg="invalid response_code")  # used, unknown or another's
            return jsonify(errcode=0, errmsg="ok")


def check_button_card(card: dict, task_ids: set[str]) -> None:
    """A 按钮交互型 template_card as 模板卡片类型 documents it: main_title.title, a unique task_id of
    [0-9A-Za-z_-@] up to 128 bytes, 1-6 buttons each with text and key, up to 6 horizontal rows."""
    assert card["card_type"] == "button_interaction"
    assert 0 < len(card["main_title"]["title"]) <= 26
    assert re.fullmatch(r"[0-9A-Za-z_\-@]{1,128}", card["task_id"]) and card["task_id"] not in task_ids
    task_ids.add(card["task_id"])
    assert 1 <= len(card["button_list"]) <= 6
    for button in card["button_list"]:
        assert button["text"] and button["key"] and len(button["key"].encode()) <= 1024
    assert len(card.get("horizontal_content_list", [])) <= 6
    for row in card.get("horizontal_content_list", []):
        assert 0 < len(row["keyname"]) <= 5 and row["value"]


@pytest.fixture
def wecom_api():
    fake = FakeWeComAPI().start()
    yield fake
    fake.stop()


def test_push_in_the_documented_format_with_token_refresh(wecom_api, store, clock):
    push = WeComPush(CORP, "secret", "1000002", store, clock, wecom_api.base)
    assert push.push("zhangsan", "张三老师，生日快乐！").status == "sent"
    assert push.push("lisi", "你好").status == "sent"
    assert wecom_api.tokens_issued == 1
    sends = wecom_api.to("/cgi-bin/message/send")
    assert sends[0]["body"]["touser"] == "zhangsan" and sends[0]["body"]["agentid"] == 1000002
    assert sends[0]["args"]["access_token"] == "WT1"
    wecom_api.send_errcodes = [42001]  # token expired on their side: one refresh, then sent
    assert push.push("zhangsan", "再来一条").status == "sent"
    assert wecom_api.tokens_issued == 2
    wecom_api.send_errcodes = [42001, 42001]  # still refused after the refresh: no loop
    result = push.push("zhangsan", "又一条")
    assert result.status == "failed" and wecom_api.tokens_issued == 3


def test_push_errors_become_clear_reasons(wecom_api, store, clock):
    push = WeComPush(CORP, "secret", "1000002", store, clock, wecom_api.base)
    wecom_api.send_errcodes = [60020]
    result = push.push("zhangsan", "x")
    assert result.status == "failed" and "企业可信IP" in result.reason and not result.retryable
    wecom_api.send_errcodes = [45009]
    assert push.push("zhangsan", "x").retryable
    wecom_api.invalid_users = {"left-already"}
    result = push.push("left-already", "x")
    assert result.status == "skipped" and "invaliduser" in result.reason


# ---- the outbox through 企业微信 --------------------------------------------------------------------------


def test_womens_day_reaches_every_woman_once_through_wecom(wecom_api, tmp_path, clock):
    """schedule run for 2027-03-08: the women have 企业微信 accounts from the roster, so each gets one
    greeting through the app message API (seen by the fake); a second run sends nothing."""
    from bot.app import Bot
    from bot.scheduler import run_day
    from handlers.roster import import_roster
    from tests.test_roster import write_csv

    bot = Bot(wecom_config(tmp_path, secret="s3cret", api_base=wecom_api.base), clock)
    demo.seed(bot.store, clock)
    women = [m for m in bot.store.members.all() if m.gender == "女" and m.active]
    import_roster(bot.store, write_csv(tmp_path / "accounts.csv",
                                       [["工号", "姓名", "企业微信账号"]] + [[m.staff_no, m.name, f"wx{m.staff_no}"] for m in women]))
    first = run_day(bot, dt.date(2027, 3, 8))
    sends = wecom_api.to("/cgi-bin/message/send")
    rows = [r for r in bot.store.outbox.list(send_on="2027-03-08") if r["status"] == "sent"]
    greetings = [r for r in rows if r["kind"] == "greeting"]
    assert sorted(r["target"] for r in greetings) == sorted(f"wx{m.staff_no}" for m in women)  # one each
    assert {r["channel"] for r in rows} == {"wecom"} and first.report.failed == 0
    assert len(sends) == len(rows)  # every sent row is one call the fake saw (the officers also get 李娜's birthday list)
    assert {s["body"]["touser"] for s in sends} == {f"wx{m.staff_no}" for m in women}
    for row in greetings:
        assert any(s["body"]["touser"] == row["target"] and s["body"]["text"]["content"] == row["text"] for s in sends)
    again = run_day(bot, dt.date(2027, 3, 8))
    assert again.written == 0 and again.report.sent == 0
    assert len(wecom_api.to("/cgi-bin/message/send")) == len(rows)


def test_pushes_go_to_the_channel_last_used_then_wecom(tmp_path, clock):
    from bot.app import Bot
    from bot.push import route

    bot = Bot(make_config(tmp_path, wechat={"account_type": "service", "app_secret": "s"},
                          wecom={"enabled": True, "corp_id": CORP, "agent_id": "1", "token": TOKEN,
                                 "encoding_aes_key": AES, "secret": "s"}), clock)
    m = bot.store.members.add(staff_no="1001", name="甲")
    for channel, user in (("wechat", "o1"), ("wecom", "w1"), ("dingtalk", "d1")):
        bot.store.bindings.bind(channel, user, m.id)
    transports = bot.transports()
    assert route(bot.store, bot.config, m, clock.now(), transports)[:2] == ("wecom", "w1")  # never wrote: 企业微信
    bot.store.channel_users.seen("wechat", "o1")  # she writes on the 公众号
    assert route(bot.store, bot.config, m, clock.now(), transports)[:2] == ("wechat", "o1")
    clock.advance(hours=49)  # outside the 公众号's window: back to 企业微信
    assert route(bot.store, bot.config, m, clock.now(), transports)[:2] == ("wecom", "w1")


def test_wecom_pacing_per_member(store, clock):
    from bot.push import Pacing

    limiter = Pacing(store, clock)

    def take(member):
        wait = limiter.take("wecom", member)
        while 0 < wait < 0.011:  # the app's own pace (100 a second): wait for it, as the sender does
            clock.advance(seconds=wait)
            wait = limiter.take("wecom", member)
        return wait

    assert all(take("a") == 0 for _ in range(30))
    assert 0 < take("a") <= 60 and take("b") == 0  # another member is not held up
    clock.advance(seconds=60)
    assert take("a") == 0
    for _ in range(40):  # 30 a minute for 34 minutes reaches 1,000 in the hour
        clock.advance(seconds=60)
        for _ in range(30):
            take("c")
    assert take("c") > 60  # the hourly limit now holds, not just the minute


def test_the_group_robot_gets_one_merged_greeting_a_day(wecom_api, tmp_path):
    from bot.app import Bot
    from bot.clock import FrozenClock
    from bot.scheduler import run_day

    clock = FrozenClock("2026-09-10 08:00")
    bot = Bot(wecom_config(tmp_path, group_webhook=f"{wecom_api.base}/cgi-bin/webhook/send?key=group-key"), clock)
    bot.store.members.add(staff_no="1001", name="甲", birth_date="1990-09-10")
    bot.store.members.add(staff_no="1002", name="乙", birth_date="1991-09-10", push_opt_out=1)
    run_day(bot, clock.today())
    run_day(bot, clock.today())
    sent = wecom_api.to("/cgi-bin/webhook/send")
    assert len(sent) == 1
    text = sent[0]["body"]["text"]["content"]
    assert text.startswith("今天是教师节，教师节快乐！") and "今天是甲老师的生日" in text and "乙" not in text
    assert text.endswith("——测试学校工会 9月10日")
    robot = bot.transports()["wecom_robot"]
    wecom_api.group_errcodes = [45009]
    assert robot.push("group", "x").retryable
    wecom_api.group_errcodes = [93000]
    assert "group_webhook" in robot.push("group", "x").reason
