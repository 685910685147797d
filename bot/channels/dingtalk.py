"""钉钉 (DingTalk) enterprise internal robot: Stream mode (a websocket the bot opens, no public URL
needed), HTTP mode (`POST /dingtalk`), pushes to one person (robot one-to-one, falling back to
工作通知) and the custom group robot.

Official docs:
- Stream mode:                     https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
- 机器人接收消息 (HTTP callbacks):  https://open.dingtalk.com/document/orgapp/receive-message
- 批量发送人与机器人会话中机器人消息: https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches
- 工作通知 asyncsend_v2:            https://open.dingtalk.com/document/orgapp/asynchronous-sending-of-enterprise-session-messages
- 获取企业内部应用的 accessToken:    https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app
- 自定义机器人安全设置 (加签):        https://open.dingtalk.com/document/robots/customize-robot-security-settings

Signatures: base64(HmacSHA256(secret, timestamp + "\\n" + secret)), timestamp in milliseconds. An HTTP
callback carries it in the `timestamp` and `sign` headers (the secret is the app secret). It does not
cover the body, so whoever saw one request's headers could, for an hour, post anything as anyone:
a signed header pair is bound to the first body it came with, and another body is accepted under
it only within SAME_SIGN_GRACE_S of its timestamp (two real messages in one millisecond). Stream
mode has no such weakness and is the default.

Stream mode is built on the dingtalk-stream SDK's frame types; the connection loop is our own,
because the SDK's (0.24.3) cannot be stopped, never notices a silent socket, and probes 8.8.8.8 for
its local address. Here: every frame is acknowledged at once, the message is handled on a worker
thread (a slow database never delays an ACK or a ping), redeliveries are deduplicated on msgId,
a socket silent for `ping_every` seconds is probed and replaced when it does not answer, and
`stop()` (SIGTERM) ends the loop cleanly.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote_plus, urlsplit

from bot.channels.base import (
    MAX_BODY,
    PushResult,
    WebhookError,
    decode_utf8,
    errcode_result,
    read_body,
    refuse,
)
from bot.messages import IncomingMessage, StillHandling, shorten_utf8

log = logging.getLogger(__name__)

NAME = "dingtalk"
ROBOT = "dingtalk_robot"
TOKEN_KEY = "dingtalk-access-token"
BOT_TOPIC = "/v1.0/im/bot/messages/get"
MAX_SKEW_S = 3600  # DingTalk: a callback more than an hour off is refused
SAME_SIGN_GRACE_S = 10
REPLY_LIMIT_BYTES = 6000
GROUP_NOTE = "为保护大家的隐私，报名、建议、绑定等请在与我的单聊中办理：点我的头像 → 发消息。"
NOT_IN_ORG = "抱歉，只有本校钉钉组织内的老师可以使用工会小助手。"


def sign(timestamp: str, secret: str) -> str:
    """base64(HmacSHA256(secret, timestamp + "\\n" + secret)), as DingTalk computes it."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_webhook(url: str, secret: str, timestamp_ms: int) -> str:
    """A custom group robot's URL with `&timestamp=&sign=` (the sign URL-encoded) appended."""
    if not secret:
        return url
    ts = str(timestamp_ms)
    return f"{url}{'&' if '?' in url else '?'}timestamp={ts}&sign={quote_plus(sign(ts, secret))}"


def text_body(text: str) -> dict:
    return {"msgtype": "text", "text": {"content": shorten_utf8(text, REPLY_LIMIT_BYTES)}}


# ---- the message a robot receives (the same JSON in Stream and HTTP mode) ----------------------------


@dataclass
class Inbound:
    message: IncomingMessage | None  # None: answer `note` without routing (group chat, outsider)
    note: str
    webhook: str
    webhook_expires_ms: int


def _text_of(data: dict) -> tuple[str, str]:
    """(kind, text) of a robot message: text, voice recognition, the text parts of rich text."""
    kind = data.get("msgtype") if isinstance(data.get("msgtype"), str) else ""
    content = data.get("content") if isinstance(data.get("content"), dict) else {}
    if kind == "text":
        text = data.get("text")
        return "text", text.get("content", "") if isinstance(text, dict) and isinstance(text.get("content"), str) else ""
    if kind == "audio" and isinstance(content.get("recognition"), str):
        return "text", content["recognition"]
    if kind == "richText" and isinstance(content.get("richText"), list):
        parts = [p.get("text") for p in content["richText"] if isinstance(p, dict) and isinstance(p.get("text"), str)]
        return "text", "".join(parts)
    return kind or "unknown", ""


def epoch_ms(value) -> int:
    """A milliseconds-since-epoch field (a number or a string of ASCII digits), 0 when it is not a
    plausible one: '²' passes str.isdigit() but not int(), and 10**20 is no time at all."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 15:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**15:
        return value
    return 0


def inbound(data, tz) -> Inbound:
    """The message in a robot callback's JSON; WebhookError(400) when it is not one."""
    if not isinstance(data, dict):
        raise WebhookError(400, "not a JSON object")
    msg_id = data.get("msgId")
    if not isinstance(msg_id, str) or not msg_id or len(msg_id) > 128:
        raise WebhookError(400, "missing msgId")
    webhook = data.get("sessionWebhook") if isinstance(data.get("sessionWebhook"), str) else ""
    expires = data.get("sessionWebhookExpiredTime")
    expires_ms = epoch_ms(expires)
    if data.get("conversationType") == "2":
        return Inbound(None, GROUP_NOTE, webhook, expires_ms)
    user = data.get("senderStaffId")
    if not isinstance(user, str) or not user.strip():
        return Inbound(None, NOT_IN_ORG, webhook, expires_ms)  # someone outside the organisation
    kind, text = _text_of(data)
    created = data.get("createAt")
    received = None
    if isinstance(created, int) and 0 < created < 10**14:
        received = dt.datetime.fromtimestamp(created / 1000, tz)
    message = IncomingMessage(channel=NAME, msg_id=msg_id, user_id=user.strip()[:64], text=text.strip(), kind=kind,
                              chat_id=str(data.get("conversationId") or "")[:128], received_at=received,
                              raw={"robotCode": data.get("robotCode")})
    return Inbound(message, "", webhook, expires_ms)


# ---- the channel: HTTP mode's webhook, Stream mode's client ---------------------------------------------------


class DingTalkChannel:
    """`register` adds `POST /dingtalk` in HTTP mode; `start_background` runs the Stream client in
    Stream mode (serve calls it; `python -m bot dingtalk` runs the client on its own)."""

    name = NAME

    def __init__(self, section: dict, clock) -> None:
        self.section, self.clock = section, clock
        self.mode = section["mode"]
        self.app_secret = section["app_secret"]
        self.stream: DingTalkStream | None = None

    @classmethod
    def from_config(cls, section: dict, clock=None) -> DingTalkChannel:
        return cls(section, clock)

    # ---- HTTP mode -----------------------------------------------------------------------------------

    def register(self, app, bot) -> None:
        if self.mode != "http":
            return
        from flask import Response, jsonify, request

        def view():
            try:
                body = read_body(MAX_BODY)
                self.check_sign(request.headers.get("timestamp", ""), request.headers.get("sign", ""))
                key = hashlib.sha256(f"{NAME}\x00{request.headers['timestamp']}\x00{request.headers['sign']}"
                                     .encode()).hexdigest()[:40]
                try:
                    data = json.loads(decode_utf8(body))
                except (ValueError, RecursionError):  # thousands of nested brackets exhaust the stack
                    raise WebhookError(400, "malformed JSON") from None
                got = inbound(data, self.clock.tz)
                if not bot.store.inbox.first_body(key, hashlib.sha256(body).hexdigest()) and not self.just_sent(
                        request.headers["timestamp"]):
                    raise WebhookError(403, "signed headers reused with another body")
            except WebhookError as exc:
                return refuse(NAME, exc)
            text = got.note if got.message is None else bot.dispatch(got.message)
            if not text:
                return Response("{}", mimetype="application/json")
            return jsonify(text_body(text))  # DingTalk shows a reply given in the response body

        app.add_url_rule("/dingtalk", endpoint=NAME, view_func=view, methods=["POST"])

    def just_sent(self, timestamp: str) -> bool:
        """Two genuine messages can share a millisecond, hence a sign (it covers only the time): a
        second body under one sign is let through only while the timestamp is seconds old."""
        return abs(self.clock.timestamp() - int(timestamp) / 1000) <= SAME_SIGN_GRACE_S

    def check_sign(self, timestamp: str, signature: str) -> None:
        if not timestamp or not signature:
            raise WebhookError(400, "missing timestamp/sign headers")
        if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 15:  # '²'.isdigit() too
            raise WebhookError(400, "bad timestamp")
        if abs(self.clock.timestamp() - int(timestamp) / 1000) > MAX_SKEW_S:
            raise WebhookError(403, "timestamp more than an hour off (replay?)")
        if not hmac.compare_digest(sign(timestamp, self.app_secret).encode(), signature.encode()):
            raise WebhookError(403, "bad sign")

    # ---- Stream mode ---------------------------------------------------------------------------------------

    def start_background(self, bot) -> threading.Thread | None:
        if self.mode != "stream":
            return None
        self.stream = DingTalkStream(bot, self.section)
        return self.stream.start_thread()


def allowed_webhook(url: str, oapi_base: str) -> bool:
    """Replies go only to DingTalk's own host (a forged sessionWebhook must not make us call elsewhere)."""
    got, base = urlsplit(url), urlsplit(oapi_base)
    return bool(got.scheme in ("https", "http") and got.scheme == base.scheme and got.netloc == base.netloc)


class DingTalkStream:
    """The Stream-mode client: open a connection, read frames, ACK, hand messages to workers."""

    def __init__(self, bot, section: dict, *, ping_every: float = 30.0, pong_timeout: float = 10.0,
                 backoff: tuple[float, float] = (1.0, 60.0), workers: int = 4, http_timeout: float = 10.0) -> None:
        import requests

        self.bot, self.section = bot, section
        self.ping_every, self.pong_timeout = ping_every, pong_timeout
        self.backoff = backoff
        self.http = requests.Session()
        self.http_timeout = http_timeout
        self.workers = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dingtalk")
        self.connections = 0  # how many websockets were opened (tests watch reconnects)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stopping = threading.Event()

    # ---- the gateway ----------------------------------------------------------------------------------

    def open_connection(self) -> dict | None:
        """POST /v1.0/gateway/connections/open → {endpoint, ticket}; None (logged) on failure."""
        from dingtalk_stream.version import VERSION_STRING

        body = {"clientId": self.section["app_key"], "clientSecret": self.section["app_secret"],
                "subscriptions": [{"type": "CALLBACK", "topic": BOT_TOPIC}],
                "ua": f"dingtalk-sdk-python/v{VERSION_STRING}-unionbot", "localIp": ""}
        try:
            resp = self.http.post(self.section["api_base"].rstrip("/") + "/v1.0/gateway/connections/open",
                                  json=body, timeout=self.http_timeout)
            data = resp.json()
        except Exception as exc:  # network down, not JSON
            log.warning("dingtalk: open connection failed: %s", type(exc).__name__)
            return None
        if resp.status_code != 200 or not isinstance(data, dict) or not data.get("endpoint") or not data.get("ticket"):
            log.warning("dingtalk: open connection refused: HTTP %s %s", resp.status_code,
                        data.get("code", "") if isinstance(data, dict) else "")
            return None
        return data

    # ---- frames ---------------------------------------------------------------------------------------

    def on_frame(self, raw) -> tuple[dict | None, dict | None, bool]:
        """(the ACK to send, the bot message to handle, whether the server asked us to reconnect)."""
        from dingtalk_stream.frames import AckMessage, CallbackMessage, Headers, SystemMessage

        try:
            frame = json.loads(raw)
            kind = frame.get("type") if isinstance(frame, dict) else None
            if kind == SystemMessage.TYPE:
                msg = SystemMessage.from_dict(frame)
            elif kind == CallbackMessage.TYPE:
                msg = CallbackMessage.from_dict(frame)
            else:
                log.warning("dingtalk: unknown frame type %r", kind)
                return None, None, False
        except (ValueError, TypeError, AttributeError, RecursionError):
            log.warning("dingtalk: malformed frame, %s bytes", len(raw or ""))
            return None, None, False
        ack = AckMessage()
        ack.headers.message_id = msg.headers.message_id
        ack.headers.content_type = Headers.CONTENT_TYPE_APPLICATION_JSON
        if kind == SystemMessage.TYPE:
            ack.message, ack.data = "OK", msg.data  # ping: echo its data; disconnect: then reconnect
            return ack.to_dict(), None, msg.headers.topic == SystemMessage.TOPIC_DISCONNECT
        if msg.headers.topic != BOT_TOPIC:
            ack.code, ack.message = AckMessage.STATUS_NOT_IMPLEMENT, "not implemented"
            return ack.to_dict(), None, False
        ack.message, ack.data = "OK", {"response": None}
        return ack.to_dict(), msg.data, False

    def process(self, data) -> None:
        """On a worker thread: route the message and reply (a redelivery is answered only once)."""
        try:
            got = inbound(data, self.bot.clock.tz)
        except WebhookError as exc:
            log.warning("dingtalk: dropped a bot message: %s", exc.reason)
            return
        if got.message is None:
            text, fresh = got.note, True
        else:
            try:
                text, fresh = self.bot.dispatch.handle(got.message)
            except StillHandling:  # a redelivery of a message still being handled: that one replies
                return
        if text and fresh:
            user = got.message.user_id if got.message else ""
            self.reply(got, user, text)

    def reply(self, got: Inbound, user: str, text: str) -> None:
        """Through the sessionWebhook while it is valid, else as a robot push to the sender."""
        now_ms = int(self.bot.clock.timestamp() * 1000)
        if got.webhook and got.webhook_expires_ms > now_ms and allowed_webhook(got.webhook, self.section["oapi_base"]):
            try:
                resp = self.http.post(got.webhook, json=text_body(text), timeout=self.http_timeout)
                if resp.status_code == 200 and resp.json().get("errcode", 0) == 0:
                    return
                log.warning("dingtalk: sessionWebhook answered HTTP %s", resp.status_code)
            except Exception as exc:
                log.warning("dingtalk: sessionWebhook failed: %s", type(exc).__name__)
        transport = self.bot.transports().get(NAME)
        if user and transport is not None:
            result = transport.push(user, text)
            if result.status != "sent":
                log.warning("dingtalk: reply not delivered: %s", result.reason)
        else:
            log.warning("dingtalk: reply not delivered: sessionWebhook expired and no push configured")

    # ---- the loop -------------------------------------------------------------------------------------------

    async def run(self) -> None:
        import websockets

        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        if self._stopping.is_set():
            return
        delay = self.backoff[0]
        while not self._stop.is_set():
            connection = await asyncio.to_thread(self.open_connection)
            if connection is None:
                await self._sleep(delay)
                delay = min(delay * 2, self.backoff[1])
                continue
            uri = f"{connection['endpoint']}?ticket={quote_plus(connection['ticket'])}"
            try:
                async with websockets.connect(uri, ping_interval=None, open_timeout=self.http_timeout,
                                              close_timeout=2, max_size=1 << 20) as ws:
                    self.connections += 1
                    delay = self.backoff[0]
                    log.info("dingtalk: stream connected")
                    await self._read(ws)
            except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as exc:
                log.warning("dingtalk: stream connection lost: %s", type(exc).__name__)
            if not self._stop.is_set():
                await self._sleep(delay)
                delay = min(delay * 2, self.backoff[1])
        log.info("dingtalk: stream stopped")

    async def _read(self, ws) -> None:
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            while not self._stop.is_set():
                recv = asyncio.ensure_future(ws.recv())
                done, _ = await asyncio.wait({recv, stop}, timeout=self.ping_every,
                                             return_when=asyncio.FIRST_COMPLETED)
                if recv not in done:
                    recv.cancel()
                    if stop in done:
                        return
                    if not await self._alive(ws):  # silent for ping_every seconds: probe it
                        log.warning("dingtalk: stream silent and unanswered ping, reconnecting")
                        ws.transport.abort()  # a closing handshake would wait on the dead peer
                        return
                    continue
                ack, data, disconnect = self.on_frame(recv.result())
                if ack is not None:
                    await ws.send(json.dumps(ack))  # at once: a late ACK means a redelivery
                if data is not None:
                    self.workers.submit(self._guarded, data)
                if disconnect:
                    log.info("dingtalk: server asked to reconnect")
                    return
        finally:
            stop.cancel()

    async def _alive(self, ws) -> bool:
        try:
            pong = await ws.ping()
            await asyncio.wait_for(pong, self.pong_timeout)
            return True
        except Exception:
            return False

    def _guarded(self, data) -> None:
        try:
            self.process(data)
        except Exception as exc:  # a bug here must not kill the worker pool
            from bot.dispatch import crash_summary

            log.error("dingtalk: handling failed: %s", crash_summary(exc))

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except TimeoutError:
            pass

    # ---- lifecycle --------------------------------------------------------------------------------------------

    def stop(self) -> None:
        """Ask the loop to end (from any thread); it closes the socket and returns."""
        self._stopping.set()
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def run_forever(self) -> None:
        asyncio.run(self.run())
        self.workers.shutdown(wait=True)

    def start_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_forever, name="dingtalk-stream", daemon=True)
        thread.start()
        return thread


# ---- pushes: robot one-to-one, 工作通知, the group robot ----------------------------------------------------

ERR_TOKEN_V1 = {"InvalidAuthentication", "Unauthorized", "InvalidAccessToken"}
ERR_TOKEN_OAPI = {40014, 42001, 40001}
ERR_OAPI_RATE = {143103, 143104, 143203, 143204, 90018, -1}
ERR_OAPI_DAILY = {143105, 143205}
ERR_OAPI_DUPLICATE = {143106, 143206}


class DingTalkPush:
    """A text to one member: the robot's one-to-one chat (they can answer there), else 工作通知.
    The token is shared by every process through the database; an "invalid token" answer refreshes
    it once. Quota and throttling answers end as clear outbox reasons."""

    name = NAME

    def __init__(self, section: dict, store, clock, timeout: float = 5.0) -> None:
        import requests

        from bot.channels.tokens import TokenCache

        self.app_key, self.app_secret = section["app_key"], section["app_secret"]
        self.robot_code, self.agent_id = section["robot_code"], section["agent_id"]
        self.api_base = section["api_base"].rstrip("/")
        self.oapi_base = section["oapi_base"].rstrip("/")
        self.http = requests.Session()
        self.timeout = timeout
        self.store, self.clock = store, clock
        self.tokens = TokenCache(store, clock, TOKEN_KEY, self._fetch_token)
        self.http.hooks["response"].append(lambda resp, *args, **kwargs: self._count())

    def _count(self) -> None:
        """Organisations have a monthly API quota (it depends on the plan): count our calls per month
        in the kv table (`dingtalk-api-calls:YYYY-MM`), for the console and the operator."""
        key = f"dingtalk-api-calls:{self.clock.now():%Y-%m}"
        self.store.db.execute("INSERT INTO kv (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET "
                              "value = CAST(kv.value AS INTEGER) + 1", (key,))

    def calls_this_month(self) -> int:
        return int(self.store.db.scalar("SELECT value FROM kv WHERE key = ?",
                                        (f"dingtalk-api-calls:{self.clock.now():%Y-%m}",)) or 0)

    def _fetch_token(self, force: bool) -> tuple[str, int]:
        from bot.channels.tokens import TokenError

        resp = self.http.post(f"{self.api_base}/v1.0/oauth2/accessToken", timeout=self.timeout,
                              json={"appKey": self.app_key, "appSecret": self.app_secret})
        data = resp.json()
        if resp.status_code != 200 or not data.get("accessToken"):
            raise TokenError(f"钉钉 accessToken {data.get('code', resp.status_code)}")
        return data["accessToken"], int(data.get("expireIn", 7200))

    def push(self, user_id: str, text: str, kind: str = "") -> PushResult:
        if self.robot_code:
            result, fall_back = self._robot(user_id, text)
            if not (fall_back and self.agent_id):
                return result
        if self.agent_id:
            return self._work_notice(user_id, text)
        return PushResult("failed", "钉钉未配置 robot_code 或 agent_id，无法推送")

    def _robot(self, user_id: str, text: str) -> tuple[PushResult, bool]:
        """(result, whether 工作通知 may still reach this person)."""
        body = {"robotCode": self.robot_code, "userIds": [user_id], "msgKey": "sampleText",
                "msgParam": json.dumps({"content": text}, ensure_ascii=False)}
        token, resp, data = None, None, {}
        for attempt in range(2):
            token = self.tokens.get(force=attempt > 0, stale=token)
            resp = self.http.post(f"{self.api_base}/v1.0/robot/oToMessages/batchSend", json=body,
                                  headers={"x-acs-dingtalk-access-token": token}, timeout=self.timeout)
            data = _json(resp)
            if (resp.status_code == 401 or data.get("code") in ERR_TOKEN_V1) and attempt == 0:
                continue
            break
        code = str(data.get("code", ""))
        if resp.status_code == 200:
            if user_id in (data.get("flowControlledStaffIdList") or []):
                return PushResult("failed", "钉钉机器人消息被限流（flowControlledStaffIdList）", retryable=True), False
            if user_id in (data.get("invalidStaffIdList") or []):
                return PushResult("skipped", "钉钉账号无效或不在机器人可见范围（invalidStaffIdList）"), True
            return PushResult("sent"), False
        if resp.status_code == 429 or "Throttl" in code or "QpsLimit" in code:
            return PushResult("failed", f"钉钉接口限流（{code or resp.status_code}）", retryable=True), False
        if "Quota" in code or "quota" in code:
            return PushResult("failed", f"钉钉接口调用量已达组织配额上限（{code}），请联系钉钉管理员"), False
        return PushResult("failed", f"钉钉机器人接口错误 {code or resp.status_code}",
                          retryable=resp.status_code >= 500 or code in ERR_TOKEN_V1), True

    def _work_notice(self, user_id: str, text: str) -> PushResult:
        agent = int(self.agent_id) if self.agent_id.isdigit() else self.agent_id
        body = {"agent_id": agent, "userid_list": user_id, "msg": {"msgtype": "text", "text": {"content": text}}}
        token, data = None, {}
        for attempt in range(2):
            token = self.tokens.get(force=attempt > 0, stale=token)
            data = _json(self.http.post(f"{self.oapi_base}/topapi/message/corpconversation/asyncsend_v2",
                                        params={"access_token": token}, json=body, timeout=self.timeout))
            if data.get("errcode") in ERR_TOKEN_OAPI and attempt == 0:
                continue
            break
        code = data.get("errcode", -1)
        if code in ERR_OAPI_DUPLICATE:
            return PushResult("skipped", f"钉钉工作通知：同样的内容今天已发给此人（errcode {code}）")
        if code in ERR_OAPI_DAILY:
            return PushResult("failed", f"钉钉工作通知：给此人今天的消息已达上限（errcode {code}）")
        if code != 0:
            return PushResult("failed", f"钉钉工作通知接口错误 errcode {code}",
                              retryable=code in ERR_OAPI_RATE or code in ERR_TOKEN_OAPI)
        # an accepted call may still drop the message (quota, same content twice a day): ask
        result = _json(self.http.post(f"{self.oapi_base}/topapi/message/corpconversation/getsendresult",
                                      params={"access_token": token}, timeout=self.timeout,
                                      json={"agent_id": agent, "task_id": data.get("task_id")}))
        sent = result.get("send_result") or {}
        if user_id in (sent.get("invalid_user_id_list") or []):
            return PushResult("skipped", "钉钉账号无效（invalid_user_id_list）")
        forbidden = {f.get("userid"): f.get("code") for f in sent.get("forbidden_list") or [] if isinstance(f, dict)}
        if user_id in forbidden or user_id in (sent.get("forbidden_user_id_list") or []):
            return PushResult("failed", f"钉钉工作通知被流控未发出（同内容一天一次或每日上限，{forbidden.get(user_id) or 'forbidden'}）")
        if user_id in (sent.get("failed_user_id_list") or []):
            return PushResult("failed", "钉钉工作通知发送失败（failed_user_id_list）", retryable=True)
        return PushResult("sent")


def _json(resp) -> dict:
    try:
        data = resp.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


GROUP_ROBOT_ERRORS = {
    130101: ("钉钉群机器人限流（每分钟最多 20 条，errcode 130101）", True),
    310000: ("钉钉群机器人拒绝：签名、关键词或 IP 安全设置不符（errcode 310000）", False),
}


class DingTalkGroupRobot:
    """A custom robot in a staff group (signed URL). 20 messages a minute at most; more answer
    errcode 130101 and mute the robot for ten minutes, so the sender paces itself below that."""

    name = ROBOT
    group = True

    def __init__(self, webhook: str, secret: str, clock, timeout: float = 5.0) -> None:
        import requests

        self.webhook, self.secret, self.clock = webhook, secret, clock
        self.http = requests.Session()
        self.timeout = timeout

    def push(self, target: str, text: str, kind: str = "") -> PushResult:
        url = signed_webhook(self.webhook, self.secret, int(self.clock.timestamp() * 1000))
        resp = self.http.post(url, json=text_body(text), timeout=self.timeout)
        code = _json(resp).get("errcode", -1 if resp.status_code != 200 else 0)
        return errcode_result(code, "钉钉群机器人", GROUP_ROBOT_ERRORS)
