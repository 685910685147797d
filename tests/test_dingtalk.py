"""钉钉: the published sign vectors through our own code; HTTP mode through the Flask test client with
signed headers; Stream mode end to end against a fake gateway (HTTP open-connection and a local
websocket), including a dropped and a silent connection and SIGTERM; pushes (robot one-to-one,
工作通知, the group robot) against a local fake that checks the documented formats."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import websockets
from flask import jsonify, request

from bot import demo
from bot.app import Bot, create_app
from bot.channels.dingtalk import (
    GROUP_NOTE,
    DingTalkGroupRobot,
    DingTalkPush,
    DingTalkStream,
    sign,
    signed_webhook,
)
from tests.conftest import make_config
from tests.fakes import FakePlatform
from tests.helpers import standard_script

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT.parent / "shared" / "vectors" / "dingtalk.json").read_text("utf-8"))["vectors"]
APP_KEY, APP_SECRET, ROBOT, AGENT = "dingappkey", "dingappsecret", "dingrobot01", "3000001"
GROUP_SECRET = "SECgroupsecret"


def test_every_vector_passes_through_our_signing_code():
    assert {v["name"] for v in VECTORS} == {"robot_callback_sign", "group_robot_webhook_sign"}
    for v in VECTORS:
        if v["platform"] == "dingtalk_callback":
            assert sign(v["timestamp"], v["secret"]) == v["expected_sign"]
        else:
            url = signed_webhook("https://oapi.dingtalk.com/robot/send?access_token=x", v["secret"], int(v["timestamp"]))
            assert url.endswith(f"&timestamp={v['timestamp']}&sign={v['expected_sign_urlencoded']}")


# ---- the fake platform: open API, oapi, session webhooks, the group robot, the stream gateway ----------------


class FakeDingTalk(FakePlatform):
    def __init__(self) -> None:
        super().__init__("fake-dingtalk")
        self.tokens_issued = 0
        self.robot_answers: list[tuple[int, dict]] = []  # scripted (HTTP status, body) for batchSend
        self.invalid_staff: set[str] = set()
        self.notice_errcodes: list[int] = []
        self.send_result: dict = {}
        self.group_errcodes: list[int] = []
        self.ws_port = 0
        self.tickets: list[str] = []
        self.delay = 0.0  # seconds before batchSend answers: a slow platform

        @self.app.post("/v1.0/oauth2/accessToken")
        def access_token():
            body = request.get_json()
            assert body == {"appKey": APP_KEY, "appSecret": APP_SECRET}
            self.tokens_issued += 1
            return jsonify(accessToken=f"DT{self.tokens_issued}", expireIn=7200)

        @self.app.post("/v1.0/robot/oToMessages/batchSend")
        def batch_send():
            body = request.get_json()
            assert set(body) == {"robotCode", "userIds", "msgKey", "msgParam"} and body["robotCode"] == ROBOT
            assert 1 <= len(body["userIds"]) <= 20 and body["msgKey"] in ("sampleText", "sampleActionCard")
            param = json.loads(body["msgParam"])
            if body["msgKey"] == "sampleText":
                assert set(param) == {"content"} and param["content"]
            else:  # 整体跳转 ActionCard: title, text (markdown), singleTitle, singleURL
                assert set(param) == {"title", "text", "singleTitle", "singleURL"} and all(param.values())
            time.sleep(self.delay)
            if request.headers.get("x-acs-dingtalk-access-token") != f"DT{self.tokens_issued}":
                return jsonify(code="InvalidAuthentication", message="token is invalid", requestid="r"), 401
            if self.robot_answers:
                status, answer = self.robot_answers.pop(0)
                return jsonify(answer), status
            return jsonify(processQueryKey="pq1", flowControlledStaffIdList=[],
                           invalidStaffIdList=[u for u in body["userIds"] if u in self.invalid_staff])

        @self.app.post("/topapi/message/corpconversation/asyncsend_v2")
        def asyncsend():
            body = request.get_json()
            assert isinstance(body["agent_id"], int) and isinstance(body["userid_list"], str)
            assert body["msg"]["msgtype"] == "text" and body["msg"]["text"]["content"]
            code = self.notice_errcodes.pop(0) if self.notice_errcodes else 0
            if code == 0 and request.args.get("access_token") != f"DT{self.tokens_issued}":
                code = 40014
            return jsonify(errcode=code, errmsg="ok" if code == 0 else "error", task_id=777, request_id="q")

        @self.app.post("/topapi/message/corpconversation/getsendresult")
        def getsendresult():
            body = request.get_json()
            assert body["task_id"] == 777 and isinstance(body["agent_id"], int)
            return jsonify(errcode=0, errmsg="ok", send_result=self.send_result)

        @self.app.post("/robot/sendBySession")
        def session_webhook():
            body = request.get_json()
            assert body["msgtype"] == "text" and body["text"]["content"]
            return jsonify(errcode=0, errmsg="ok")

        @self.app.post("/robot/send")
        def group_robot():
            ts, got = request.args["timestamp"], request.args["sign"]
            assert abs(time.time() * 1000 - int(ts)) < 3600_000 and got == sign(ts, GROUP_SECRET)
            assert request.get_json()["msgtype"] == "text"
            code = self.group_errcodes.pop(0) if self.group_errcodes else 0
            return jsonify(errcode=code, errmsg="ok" if code == 0 else "send too fast")

        @self.app.post("/v1.0/gateway/connections/open")
        def open_connection():
            body = request.get_json()
            assert body["clientId"] == APP_KEY and body["clientSecret"] == APP_SECRET
            assert {"type": "CALLBACK", "topic": "/v1.0/im/bot/messages/get"} in body["subscriptions"]
            ticket = f"ticket-{len(self.tickets) + 1}"
            self.tickets.append(ticket)
            return jsonify(endpoint=f"ws://127.0.0.1:{self.ws_port}/connect", ticket=ticket)

    def replies(self, user: str | None = None) -> list[str]:
        sends = self.to("/robot/sendBySession")
        return [r["body"]["text"]["content"] for r in sends if user is None or r["args"].get("session") == f"s-{user}"]


class FakeGateway:
    """The stream gateway's websocket: checks the ticket, sends frames, records ACKs; can drop a
    connection or go silent (stop reading, so pings go unanswered)."""

    def __init__(self, api: FakeDingTalk) -> None:
        self.api = api
        self.acks: list[dict] = []
        self.connections: list = []
        self.connected = threading.Event()
        self.loop = asyncio.new_event_loop()
        started = threading.Event()

        async def handler(ws):
            ticket = parse_qs(urlsplit(ws.request.path).query).get("ticket", [""])[0]
            if ticket not in self.api.tickets:
                await ws.close(4001, "bad ticket")
                return
            self.connections.append(ws)
            self.connected.set()
            try:
                async for raw in ws:
                    self.acks.append(json.loads(raw))
            except websockets.exceptions.ConnectionClosed:
                pass

        async def main():
            self.server = await websockets.serve(handler, "127.0.0.1", 0)
            api.ws_port = self.server.sockets[0].getsockname()[1]
            started.set()
            await self.server.serve_forever()

        threading.Thread(target=self.loop.run_until_complete, args=(main(),), daemon=True).start()
        started.wait(5)

    def _run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(5)

    def send(self, frame: dict) -> None:
        self._run(self.connections[-1].send(json.dumps(frame, ensure_ascii=False)))

    def drop(self) -> None:
        self.connected.clear()
        self.loop.call_soon_threadsafe(self.connections[-1].transport.abort)

    def go_silent(self) -> None:
        self.connected.clear()
        self.loop.call_soon_threadsafe(self.connections[-1].transport.pause_reading)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)


_msg_ids = itertools.count(1)


def robot_message(api: FakeDingTalk, clock, user: str, text: str, msg_id: str | None = None, **extra) -> dict:
    now_ms = int(clock.timestamp() * 1000)
    return {"conversationId": f"cid-{user}", "chatbotCorpId": "dingcorp", "chatbotUserId": "$:LWCP_v1:$bot",
            "msgId": msg_id or f"msg{next(_msg_ids)}", "senderNick": user, "isAdmin": False,
            "senderStaffId": user, "sessionWebhookExpiredTime": now_ms + 90 * 60 * 1000, "createAt": now_ms,
            "senderCorpId": "dingcorp", "conversationType": "1", "senderId": f"$:LWCP_v1:${user}",
            "sessionWebhook": f"{api.base}/robot/sendBySession?session=s-{user}", "robotCode": ROBOT,
            "msgtype": "text", "text": {"content": text}, **extra}


def callback_frame(data: dict, message_id: str | None = None, topic: str = "/v1.0/im/bot/messages/get") -> dict:
    return {"specVersion": "1.0", "type": "CALLBACK", "data": json.dumps(data, ensure_ascii=False),
            "headers": {"appId": "app", "connectionId": "c1", "contentType": "application/json",
                        "messageId": message_id or f"frame-{data.get('msgId')}", "time": "1700000000000",
                        "topic": topic}}


def dingtalk_config(tmp_path, api: FakeDingTalk, mode: str = "stream", **extra):
    section = {"enabled": True, "mode": mode, "app_key": APP_KEY, "app_secret": APP_SECRET, "robot_code": ROBOT,
               "api_base": api.base, "oapi_base": api.base, **extra}
    return make_config(tmp_path, dingtalk=section)


@pytest.fixture
def api():
    fake = FakeDingTalk().start()
    yield fake
    fake.stop()


def wait_for(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


# ---- HTTP mode -------------------------------------------------------------------------------------------


class DingTalkHTTP:
    """Posts what 钉钉 posts to /dingtalk (signed headers) and reads the reply in the response body."""

    def __init__(self, app, api, clock) -> None:
        self.app, self.api, self.clock = app, api, clock
        self.client = app.test_client()
        self.bot = app.extensions["unionbot"]

    def post(self, data, ts: str | None = None, signature: str | None = None, raw: bytes | None = None):
        ts = ts or str(int(self.clock.timestamp() * 1000))
        headers = {"timestamp": ts, "sign": signature if signature is not None else sign(ts, APP_SECRET)}
        body = raw if raw is not None else json.dumps(data, ensure_ascii=False).encode()
        return self.client.post("/dingtalk", data=body, headers=headers, content_type="application/json")

    def say(self, user: str, text: str, msg_id: str | None = None) -> str:
        resp = self.post(robot_message(self.api, self.clock, user, text, msg_id))
        assert resp.status_code == 200, resp.get_data(as_text=True)
        body = resp.get_json()
        return body["text"]["content"] if body else ""


@pytest.fixture
def http(tmp_path, clock, api):
    app = create_app(dingtalk_config(tmp_path, api, mode="http"), clock)
    app.testing = True
    return DingTalkHTTP(app, api, clock)


def test_http_mode_carries_the_chat_script(http):
    demo.seed(http.bot.store, http.clock)
    standard_script(http.say, http.bot.store)


def test_http_mode_refuses_bad_signatures_replays_and_junk(http):
    first = http.say("u1", "你好", msg_id="dup-1")
    assert first and http.say("u1", "你好", msg_id="dup-1") == first  # a redelivery: the same answer
    assert http.bot.store.inbox.count() == 1
    message = robot_message(http.api, http.clock, "u1", "你好")
    assert http.post(message, signature="AAAA").status_code == 403
    old = str(int((http.clock.timestamp() - 3601) * 1000))
    assert http.post(message, ts=old).status_code == 403  # more than an hour off
    assert http.post(message, ts=str(int((http.clock.timestamp() - 3000) * 1000))).status_code == 200
    for headers in ({}, {"timestamp": "abc", "sign": "x"}, {"timestamp": "1" * 30, "sign": "x"}):
        assert http.client.post("/dingtalk", data=b"{}", headers=headers).status_code == 400
    for raw in (b"", b"not json", b"[1, 2]", b'{"msgId": 5}', b"\xff\xfe", json.dumps({"a": "b" * 70000}).encode()):
        resp = http.post(None, raw=raw)
        assert 400 <= resp.status_code < 500, (raw[:20], resp.status_code)
    # a captured signed header pair cannot carry another message once it is seconds old ...
    ts = str(int(http.clock.timestamp() * 1000) - 60_000)
    assert http.post(robot_message(http.api, http.clock, "u1", "帮助"), ts=ts).status_code == 200
    assert http.post(robot_message(http.api, http.clock, "u2", "我的报名"), ts=ts).status_code == 403
    # ... while two real messages sent in the same millisecond both get through
    ts = str(int(http.clock.timestamp() * 1000))
    assert http.post(robot_message(http.api, http.clock, "u3", "帮助"), ts=ts).status_code == 200
    assert http.post(robot_message(http.api, http.clock, "u4", "帮助"), ts=ts).status_code == 200
    assert http.client.get("/dingtalk").status_code == 405


def test_group_chats_and_outsiders_get_a_note_and_nothing_is_stored(http):
    resp = http.post(robot_message(http.api, http.clock, "u1", "匿名建议：食堂太咸", conversationType="2"))
    assert resp.get_json()["text"]["content"] == GROUP_NOTE
    resp = http.post(robot_message(http.api, http.clock, "", "你好"))
    assert "本校钉钉组织" in resp.get_json()["text"]["content"]
    assert http.bot.store.db.scalar("SELECT count(*) FROM suggestions") == 0
    assert http.bot.store.inbox.count() == 0


def test_a_member_with_a_dingtalk_account_in_the_roster_needs_no_binding(http, tmp_path):
    from handlers.roster import import_roster
    from tests.test_roster import write_csv

    demo.seed(http.bot.store, http.clock)
    import_roster(http.bot.store, write_csv(tmp_path / "r.csv", [["工号", "姓名", "钉钉账号"], ["1024", "张三", "dd1024"]]))
    assert "教职工拔河比赛" in http.say("dd1024", "有什么活动")
    assert http.say("dd1024", "报名拔河").startswith("确认报名「教职工拔河比赛」吗？")
    assert http.say("dd1024", "是").startswith("报名成功！")


def test_http_mode_needs_no_stream_and_stream_mode_has_no_webhook(tmp_path, clock, api):
    app = create_app(dingtalk_config(tmp_path, api, mode="stream"), clock)
    assert app.test_client().post("/dingtalk", data=b"{}").status_code == 404


# ---- Stream mode ------------------------------------------------------------------------------------------


@pytest.fixture
def gateway(api):
    gw = FakeGateway(api)
    yield gw
    gw.stop()


@pytest.fixture
def stream(tmp_path, clock, api, gateway):
    bot = Bot(dingtalk_config(tmp_path, api), clock)
    client = DingTalkStream(bot, bot.config.section("dingtalk"), ping_every=0.3, pong_timeout=0.3,
                            backoff=(0.05, 0.2))
    thread = client.start_thread()
    assert gateway.connected.wait(5), "the client never connected"
    yield client
    client.stop()
    thread.join(5)
    assert not thread.is_alive(), "the stream client did not stop"


class StreamChat:
    def __init__(self, stream, api, gateway) -> None:
        self.stream, self.api, self.gateway = stream, api, gateway

    def say(self, user: str, text: str, msg_id: str | None = None) -> str:
        before = len(self.api.replies(user))
        self.gateway.send(callback_frame(robot_message(self.api, self.stream.bot.clock, user, text, msg_id)))
        assert wait_for(lambda: len(self.api.replies(user)) > before), f"no reply to {text!r}"
        return self.api.replies(user)[-1]


def test_stream_mode_carries_the_chat_script_and_acks_every_frame(stream, api, gateway):
    demo.seed(stream.bot.store, stream.bot.clock)
    chat = StreamChat(stream, api, gateway)
    standard_script(chat.say, stream.bot.store)
    assert len(gateway.acks) == 6 and all(a["code"] == 200 for a in gateway.acks)
    assert len({a["headers"]["messageId"] for a in gateway.acks}) == 6  # each frame ACKed by its own id


def test_a_redelivered_message_is_acked_again_but_answered_once(stream, api, gateway):
    chat = StreamChat(stream, api, gateway)
    chat.say("u1", "你好", msg_id="same-1")
    gateway.send(callback_frame(robot_message(api, stream.bot.clock, "u1", "你好", "same-1"), message_id="again"))
    assert wait_for(lambda: any(a["headers"]["messageId"] == "again" for a in gateway.acks))
    time.sleep(0.3)
    assert len(api.replies("u1")) == 1


def test_system_frames_unknown_topics_and_junk(stream, api, gateway):
    gateway.send({"specVersion": "1.0", "type": "SYSTEM", "data": json.dumps({"opaque": "x1"}),
                  "headers": {"messageId": "ping-1", "topic": "ping", "contentType": "application/json"}})
    assert wait_for(lambda: any(a["headers"]["messageId"] == "ping-1" for a in gateway.acks))
    ping = next(a for a in gateway.acks if a["headers"]["messageId"] == "ping-1")
    assert ping["code"] == 200 and json.loads(ping["data"]) == {"opaque": "x1"}
    gateway.send(callback_frame({"msgId": "c"}, message_id="card-1", topic="/v1.0/card/instances/callback"))
    assert wait_for(lambda: any(a["headers"]["messageId"] == "card-1" for a in gateway.acks))
    gateway._run(gateway.connections[-1].send("{not json"))
    gateway.send(callback_frame({"no": "msgId"}, message_id="bad-1"))  # ACKed, dropped, nothing breaks
    assert StreamChat(stream, api, gateway).say("u2", "帮助")


def test_the_client_reconnects_after_a_drop_and_after_a_silent_socket(stream, api, gateway):
    chat = StreamChat(stream, api, gateway)
    gateway.drop()
    assert wait_for(lambda: stream.connections == 2 and gateway.connected.is_set())
    assert chat.say("u1", "你好")
    gateway.go_silent()  # no pongs, no reads: the watchdog notices within ping_every + pong_timeout
    assert wait_for(lambda: stream.connections == 3 and gateway.connected.is_set())
    assert chat.say("u1", "帮助")
    assert api.tickets == ["ticket-1", "ticket-2", "ticket-3"]  # a fresh ticket for every connection


def test_a_reply_after_the_session_webhook_expired_goes_as_a_robot_message(stream, api, gateway):
    message = robot_message(api, stream.bot.clock, "u9", "帮助", sessionWebhookExpiredTime=1000)
    gateway.send(callback_frame(message))
    assert wait_for(lambda: api.to("/v1.0/robot/oToMessages/batchSend"))
    sent = api.to("/v1.0/robot/oToMessages/batchSend")[0]["body"]
    assert sent["userIds"] == ["u9"] and "工会小助手" in json.loads(sent["msgParam"])["content"]
    assert api.replies() == []


def test_a_forged_session_webhook_is_never_called(stream, api, gateway):
    """A sessionWebhook on any host but DingTalk's is never posted to (here: another local server)."""
    elsewhere = FakeDingTalk().start()
    try:
        forged = f"{elsewhere.base}/robot/sendBySession?session=s-u8"
        gateway.send(callback_frame(robot_message(api, stream.bot.clock, "u8", "帮助", sessionWebhook=forged)))
        assert wait_for(lambda: api.to("/v1.0/robot/oToMessages/batchSend"))  # answered another way
        assert elsewhere.requests == [] and api.replies() == []
    finally:
        elsewhere.stop()


def test_python_m_bot_dingtalk_connects_and_stops_on_sigterm(tmp_path, api, gateway):
    conf = tmp_path / "d.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "d.db"}"\n[wechat]\ntoken = "t"\n'
                    f'[dingtalk]\nenabled = true\napp_key = "{APP_KEY}"\napp_secret = "{APP_SECRET}"\n'
                    f'api_base = "{api.base}"\noapi_base = "{api.base}"\nrobot_code = "{ROBOT}"\n', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(conf), "dingtalk"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert gateway.connected.wait(30), proc.stderr.read() if proc.poll() is not None else "no connection"
        gateway.send(callback_frame(robot_message(api, _RealClock(), "u1", "帮助")))
        assert wait_for(lambda: api.replies("u1"), 20)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "钉钉 Stream 客户端已停止" in out


class _RealClock:
    @staticmethod
    def timestamp() -> float:
        return time.time()


def test_one_stream_client_per_installation_whatever_the_number_of_workers(tmp_path, clock, api, gateway):
    from bot.server import Duties

    config = dingtalk_config(tmp_path, api)
    first, second = Duties(Bot(config, clock)), Duties(Bot(config, clock))  # two gunicorn workers
    first.check()
    second.check()
    assert first.stream is not None and second.stream is None
    assert gateway.connected.wait(5)
    first.check()  # renews its lease, keeps its connection
    assert first.stream is not None and second.stream is None
    first.stop()  # the worker exits: the lease is released and the other worker takes over
    second.check()
    assert second.stream is not None
    second.stop()


def test_dingtalk_command_refuses_without_stream_mode(tmp_path):
    conf = tmp_path / "d.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "d.db"}"\n[wechat]\ntoken = "t"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "bot", "--config", str(conf), "dingtalk"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Stream 模式未启用" in proc.stderr


# ---- pushes ----------------------------------------------------------------------------------------------------


def make_push(api, store, clock, **section) -> DingTalkPush:
    values = {"app_key": APP_KEY, "app_secret": APP_SECRET, "robot_code": ROBOT, "agent_id": "",
              "api_base": api.base, "oapi_base": api.base, **section}
    return DingTalkPush(values, store, clock)


def test_robot_push_in_the_documented_format_with_one_token_refresh(api, store, clock):
    push = make_push(api, store, clock)
    assert push.push("dd1", "张三老师，生日快乐！").status == "sent"
    assert push.push("dd2", "李四老师，生日快乐！").status == "sent"
    assert api.tokens_issued == 1
    first = api.to("/v1.0/robot/oToMessages/batchSend")[0]
    assert first["headers"]["X-Acs-Dingtalk-Access-Token"] == "DT1"
    assert json.loads(first["body"]["msgParam"]) == {"content": "张三老师，生日快乐！"}
    store.db.execute("UPDATE kv SET value = 'stale' WHERE key = 'dingtalk-access-token'")
    assert push.push("dd1", "再来一条").status == "sent" and api.tokens_issued == 2  # 401: refreshed once
    api.robot_answers = [(401, {"code": "InvalidAuthentication"})] * 2  # still refused: no loop
    result = push.push("dd1", "又一条")
    assert result.status == "failed" and api.tokens_issued == 3
    assert push.calls_this_month() == len(api.requests)  # every call counted against the monthly quota


def test_robot_errors_become_clear_reasons(api, store, clock):
    push = make_push(api, store, clock)
    api.robot_answers = [(200, {"processQueryKey": "q", "flowControlledStaffIdList": ["dd1"], "invalidStaffIdList": []})]
    result = push.push("dd1", "x")
    assert result.status == "failed" and result.retryable and "限流" in result.reason
    api.robot_answers = [(429, {"code": "Throttling.Api", "message": "too fast"})]
    assert push.push("dd1", "x").retryable
    api.robot_answers = [(403, {"code": "Forbidden.AccessDenied.QuotaExceeded", "message": "quota"})]
    result = push.push("dd1", "x")
    assert result.status == "failed" and "配额" in result.reason and not result.retryable
    api.invalid_staff = {"gone"}
    result = push.push("gone", "x")
    assert result.status == "skipped" and "invalidStaffIdList" in result.reason
    api.robot_answers = [(500, {"code": "ServiceUnavailable"})]
    assert push.push("dd1", "x").retryable


def test_work_notice_is_the_fallback_and_its_send_result_is_read(api, store, clock):
    push = make_push(api, store, clock, agent_id=AGENT)
    api.invalid_staff = {"notinrobot"}  # the robot cannot reach her; 工作通知 can
    assert push.push("notinrobot", "周婷老师，生日快乐！").status == "sent"
    notice = api.to("/topapi/message/corpconversation/asyncsend_v2")[0]
    assert notice["body"]["agent_id"] == int(AGENT) and notice["body"]["userid_list"] == "notinrobot"
    assert notice["args"]["access_token"] == "DT1"
    only_notice = make_push(api, store, clock, robot_code="", agent_id=AGENT)
    api.send_result = {"forbidden_list": [{"code": "143106", "count": 1, "userid": "dd5"}]}
    result = only_notice.push("dd5", "同样的内容")  # accepted, then dropped: the send result says so
    assert result.status == "failed" and "143106" in result.reason
    api.send_result = {"invalid_user_id_list": ["dd6"]}
    assert only_notice.push("dd6", "x").status == "skipped"
    api.send_result = {}
    api.notice_errcodes = [143106]
    assert only_notice.push("dd7", "x").status == "skipped"
    api.notice_errcodes = [143105]
    assert "上限" in only_notice.push("dd7", "x").reason
    api.notice_errcodes = [143103]
    assert only_notice.push("dd7", "x").retryable
    assert make_push(api, store, clock, robot_code="", agent_id="").push("dd1", "x").status == "failed"


def test_group_robot_signs_its_url_and_reports_throttling(api, clock):
    robot = DingTalkGroupRobot(f"{api.base}/robot/send?access_token=grp", GROUP_SECRET, _RealClock())
    assert robot.push("group", "今天是张伟老师的生日").status == "sent"
    api.group_errcodes = [130101]
    result = robot.push("group", "x")
    assert result.status == "failed" and result.retryable and "130101" in result.reason
    api.group_errcodes = [310000]
    assert "310000" in robot.push("group", "x").reason


# ---- the outbox through 钉钉 ---------------------------------------------------------------------------------


def test_womens_day_through_dingtalk_once_and_one_merged_group_message(api, tmp_path):
    """schedule run for 2027-03-08: each woman with a 钉钉账号 gets one robot message with her name and
    the date; the staff group gets one merged message naming only those who did not opt out; a
    second run sends nothing."""
    from bot.clock import FrozenClock
    from bot.scheduler import run_day
    from handlers.roster import import_roster
    from tests.test_roster import write_csv

    clock = FrozenClock("2027-03-08 08:00")
    bot = Bot(dingtalk_config(tmp_path, api, group_webhook=f"{api.base}/robot/send?access_token=grp",
                              group_secret=GROUP_SECRET), clock)
    bot.store.members.add(staff_no="1001", name="李娜", gender="女", birth_date="1990-03-08")
    bot.store.members.add(staff_no="1002", name="王芳", gender="女")
    bot.store.members.add(staff_no="1003", name="张伟", gender="男", birth_date="1985-03-08")
    bot.store.members.add(staff_no="1004", name="赵敏", gender="男", birth_date="1980-03-08")
    bot.store.db.execute("UPDATE members SET push_opt_out = 1 WHERE staff_no = '1004'")
    import_roster(bot.store, write_csv(tmp_path / "r.csv", [["工号", "姓名", "钉钉账号"], ["1001", "李娜", "dd1"],
                                                            ["1002", "王芳", "dd2"], ["1003", "张伟", "dd3"]]))
    bot.transports()["dingtalk_robot"].clock = _RealClock()  # the fake checks the sign against real time
    first = run_day(bot, dt.date(2027, 3, 8))
    sends = api.to("/v1.0/robot/oToMessages/batchSend")
    texts = {s["body"]["userIds"][0]: json.loads(s["body"]["msgParam"])["content"] for s in sends}
    assert set(texts) == {"dd1", "dd2", "dd3"} and first.report.failed == 0
    assert texts["dd1"].startswith("李娜老师，生日快乐！") and "三八" not in texts["dd3"]
    assert all("3月8日" in t for t in texts.values())
    group = api.to("/robot/send")
    assert len(group) == 1
    content = group[0]["body"]["text"]["content"]
    assert "今天是三八妇女节" in content and "今天是李娜、张伟老师的生日，祝生日快乐！🎂" in content
    assert "赵敏" not in content
    rows = bot.store.outbox.list(send_on="2027-03-08")
    assert {r["channel"] for r in rows if r["status"] == "sent"} == {"dingtalk", "dingtalk_robot"}
    again = run_day(bot, dt.date(2027, 3, 8))
    assert again.written == 0 and again.report.sent == 0
    assert len(api.to("/v1.0/robot/oToMessages/batchSend")) == 3 and len(api.to("/robot/send")) == 1


def test_group_robots_are_paced_at_twenty_a_minute(store, clock):
    from bot.push import Pacing

    for name in ("dingtalk_robot", "wecom_robot"):
        pacing = Pacing(store, clock)
        taken = 0
        for _ in range(120):  # one attempt every half second for a minute
            if pacing.take(name, "group") == 0:
                taken += 1
            clock.advance(seconds=0.5)
        assert taken <= 20


def test_timeouts_and_unreachable_platforms_end_as_clear_retryable_reasons(api, tmp_path, clock):
    from bot.push import Sender

    bot = Bot(dingtalk_config(tmp_path, api), clock)
    member = bot.store.members.add(staff_no="1001", name="甲")
    bot.store.bindings.bind("dingtalk", "dd1", member.id)
    bot.transports()["dingtalk"].timeout = 0.3
    api.delay = 1.0
    bot.store.outbox.enqueue("greeting", member.id, "甲老师，生日快乐！", channel="dingtalk", target="dd1")
    report = Sender(bot.store, clock, bot.config, bot.transports()).drain()
    row = bot.store.outbox.list()[0]
    assert report.deferred == 1 and row["status"] == "pending" and row["reason"] == "钉钉 接口超时，稍后自动重试"
    api.delay = 0.0
    bot.transports()["dingtalk"].api_base = "http://127.0.0.1:9"  # nothing listens there
    clock.advance(minutes=2)
    Sender(bot.store, clock, bot.config, bot.transports()).drain()
    row = bot.store.outbox.list()[0]
    assert row["status"] == "pending" and "连接失败" in row["reason"] and "127.0.0.1" not in row["reason"]
