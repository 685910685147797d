"""钉钉 HTTP mode: `POST /dingtalk`, signed in its headers (see the package's docstring); in Stream
mode the channel starts the Stream client instead."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading

from bot.channels.base import (
    MAX_BODY,
    WebhookError,
    decode_utf8,
    read_body,
    refuse,
)
from bot.channels.dingtalk.stream import DingTalkStream
from bot.channels.dingtalk.wire import (
    MAX_SKEW_S,
    NAME,
    SAME_SIGN_GRACE_S,
    inbound,
    sign,
    text_body,
)

# ---- the channel: HTTP mode's webhook, Stream mode's client ----------------------------------------------


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
