"""钉钉 Stream mode: our own connection loop on the dingtalk-stream SDK's frame types (why: the
package's docstring). ACK at once, work on a thread, dedup on msgId, a watchdog for silent sockets."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote_plus

from bot.channels.base import (
    WebhookError,
)
from bot.channels.dingtalk.wire import (
    BOT_TOPIC,
    NAME,
    Inbound,
    allowed_webhook,
    inbound,
    text_body,
)
from bot.messages import StillHandling

log = logging.getLogger("bot.channels.dingtalk")  # one logger for the channel, as before the split

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
