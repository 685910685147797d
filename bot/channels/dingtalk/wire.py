"""钉钉's wire format, the same in Stream and HTTP mode: signatures, the message a robot receives,
the reply body; which hosts a reply may go to."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import quote_plus, urlsplit

from bot.channels.base import (
    WebhookError,
)
from bot.messages import IncomingMessage, shorten_utf8

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


def allowed_webhook(url: str, oapi_base: str) -> bool:
    """Replies go only to DingTalk's own host (a forged sessionWebhook must not make us call elsewhere)."""
    got, base = urlsplit(url), urlsplit(oapi_base)
    return bool(got.scheme in ("https", "http") and got.scheme == base.scheme and got.netloc == base.netloc)
