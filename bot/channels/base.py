"""What every channel shares: webhook errors, the push contract, request helpers (body size, the
signed-URL-to-body binding, refusals that log no body), XML parsing and the message built from it."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass

import xmltodict

from bot.messages import IncomingMessage

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024


class WebhookError(Exception):
    """A request we refuse. `status` is the HTTP code; `reason` is logged (never the body)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class PushResult:
    status: str  # sent / failed / skipped
    reason: str = ""
    retryable: bool = False
    msg_id: str = ""  # the platform's id for the send, which a later delivery receipt names
    receipt: str = ""  # what the send's own answer already says about delivery


def errcode_result(code: int, label: str, known: dict[int, tuple[str, bool]]) -> PushResult:
    """A platform's errcode as a push result: 0 sent; a known code its (reason, retryable); any other
    failed, retried only when there was no readable answer (-1)."""
    if code == 0:
        return PushResult("sent")
    if code in known:
        reason, retryable = known[code]
        return PushResult("failed", reason, retryable=retryable)
    return PushResult("failed", f"{label}错误 errcode {code}", retryable=code == -1)


def looks_dangerous_xml(text: str) -> bool:
    """DOCTYPE/ENTITY declarations: entity expansion and XXE. WeChat never sends them."""
    low = text.lower()
    return "<!doctype" in low or "<!entity" in low


def decode_utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise WebhookError(400, "body is not UTF-8") from None


EPOCH = re.compile(r"[0-9]{1,11}")


def parse_epoch(value: str, tz):
    """A platform's seconds-since-epoch field, or None when it is not a plausible one ('²', 10^20)."""
    if not EPOCH.fullmatch(value or ""):
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz)
    except (OverflowError, OSError, ValueError):
        return None


def check_fresh(timestamp: str, clock, max_skew: int) -> None:
    """Refuse (403) a signed request whose timestamp is missing, malformed or too far from now."""
    if not EPOCH.fullmatch(timestamp or ""):
        raise WebhookError(400, "bad timestamp")
    if abs(clock.timestamp() - int(timestamp)) > max_skew:
        raise WebhookError(403, "timestamp outside the allowed window (replay?)")


# ---- Flask request helpers (webhook views) -------------------------------------------------------------


def read_body(limit: int = MAX_BODY) -> bytes:
    """The request body, refusing more than `limit` bytes whatever Content-Length claims."""
    from flask import request

    if request.content_length is not None and request.content_length > limit:
        raise WebhookError(413, "body too large")
    body = request.stream.read(limit + 1)
    if len(body) > limit:
        raise WebhookError(413, "body too large")
    return body


def request_key(channel: str, args, checked: tuple[str, ...] = ("signature",)) -> str:
    """A signed request's identity: its timestamp, nonce and the signatures this channel checked (a
    platform retry repeats them). Nothing unchecked may count: a `msg_signature` added to a plaintext
    request, which that mode never checks, made a new key for the same signed URL."""
    parts = [channel] + [args.get(k, "") for k in ("timestamp", "nonce", *checked)]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:40]


def bind_to_body(store, channel, args, body: bytes) -> None:
    """403 when this signed URL was seen before with another body (a leaked URL reused)."""
    checked = getattr(channel, "checked_signatures", ("signature", "msg_signature"))
    if not store.inbox.first_body(request_key(channel.name, args, checked), hashlib.sha256(body).hexdigest()):
        raise WebhookError(403, "signed URL reused with another body")


NOT_NONCE = re.compile(r"[^0-9A-Za-z]")


def register_webhook(app, bot, channel, path: str) -> None:
    """The webhook view every XML channel shares: GET verifies the URL; POST checks, decrypts and
    parses (`channel.parse`), binds the signed URL to its body, dispatches, renders the reply.
    Refusals are 4xx with a logged reason, never the body. A plain POST is answered the same way
    in front of Flask (bot/channels/fastpath.py), which hands the view whatever it raised."""
    from flask import Response, request

    from bot.channels.fastpath import PENDING

    def view():
        pending = request.environ.pop(PENDING, None)  # what the fast path raised, and where
        try:
            if pending is not None and pending[1]:
                raise pending[0]
            args = query_args()
            if request.method in ("GET", "HEAD"):  # (a HEAD is the URL check's, never a message: attack review 18)
                return Response(channel.verify_url(args), mimetype="text/plain")
            if pending is None:
                parsed, text = take(bot, channel, args, read_body())
        except WebhookError as exc:
            return refuse(channel.name, exc)
        if pending is not None:
            raise pending[0]
        reply = answer(bot, channel, args, parsed, text)
        return Response(reply, mimetype="application/xml" if reply.startswith("<") else "text/plain")

    def query_args():
        try:  # a raw byte that is not UTF-8 in the query: the sender's mistake, a 400 (not werkzeug's 500)
            return request.args
        except UnicodeDecodeError:
            raise WebhookError(400, "query is not UTF-8") from None

    app.add_url_rule(path, endpoint=channel.name, view_func=view, methods=["GET", "POST"])
    paths = app.extensions.get("unionbot.webhook_paths")
    if paths is not None:
        paths.add(path, fast_answer(bot, channel), MAX_BODY)


def take(bot, channel, args, body: bytes):
    """A POST's message parsed and dispatched: (parsed, reply text). Raises WebhookError to refuse."""
    parsed = channel.parse(args, body)
    # an encrypted body is covered by its verified msg_signature: another body fails it, and
    # the same one is the same delivery (deduplicated); only a plaintext body needs the record
    guard = None if parsed.encrypted else lambda: bind_to_body(bot.store, channel, args, body)
    return parsed, bot.dispatch(parsed.message, guard=guard)


def answer(bot, channel, args, parsed, text: str) -> str:
    """What the platform gets back: the after-dispatch step, then the rendered reply."""
    after = getattr(channel, "after_dispatch", None)
    if after is not None:  # outside every transaction: e.g. 企业微信 updates a tapped card at once
        try:
            after(bot, parsed.message)
        except Exception as exc:  # the reply still goes out; the outbox row says what failed
            log.warning("%s: after-dispatch step failed: %s", channel.name, type(exc).__name__)
    nonce = NOT_NONCE.sub("", args.get("nonce", ""))
    return channel.render(parsed, text, nonce=nonce)


def fast_answer(bot, channel):
    """The view's POST for bot/channels/fastpath.py: (status, headers, body), or what it raised marked
    for the view (inside its `try`: `take`; after it: `answer`, where a WebhookError is no refusal)."""
    from bot.channels.fastpath import PENDING

    def post(environ, args, body: bytes):
        try:
            parsed, text = take(bot, channel, args, body)
        except Exception as exc:
            environ[PENDING] = (exc, True)
            raise
        try:
            reply = answer(bot, channel, args, parsed, text)
        except Exception as exc:
            environ[PENDING] = (exc, False)
            raise
        out = reply.encode("utf-8")
        kind = "application/xml" if reply.startswith("<") else "text/plain"
        return "200 OK", [("Content-Type", f"{kind}; charset=utf-8"), ("Content-Length", str(len(out)))], out

    return post


def refuse(channel: str, exc: WebhookError):
    from flask import Response, request

    log.warning("%s: refused %s (%s), %s bytes", channel, exc.status, exc.reason, request.content_length or 0)
    return Response(exc.reason, status=exc.status, mimetype="text/plain")


# ---- the XML that WeChat and WeCom send ----------------------------------------------------------------------


# a child of a flat <xml> root: a plain name, then one CDATA section or plain text (no markup, no
# entity, no ']'), then its closing tag
_FLAT_CHILD = re.compile(r"[ \t\r\n]*<([A-Za-z_][A-Za-z0-9_]*)>(?:<!\[CDATA\[(.*?)\]\]>|([^<&\]]*))</\1>", re.S)
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def flat_xml(text: str) -> dict | None:
    """What xmltodict makes of the <xml> root's children, for the flat documents WeChat and WeCom send
    (every child a name and its text): the same dict, some ten times cheaper (issue 23, fourteenth
    round). None for anything else (attributes, nesting, entities, a repeated name, a declaration,
    characters XML forbids, nothing inside): xmltodict reads those, and refuses what is not XML."""
    if not text.startswith("<xml>") or _NOT_XML_CHAR.search(text) is not None:
        return None
    end = len(text.rstrip(" \t\r\n")) - 6
    if end < 5 or not text.startswith("</xml>", end):
        return None
    out, pos = {}, 5
    while True:
        found = _FLAT_CHILD.match(text, pos, end)
        if found is None:
            break
        name, value = found.group(1), found.group(2)
        if value is None:
            value = found.group(3)
        elif "]]>" in value:  # two CDATA sections in one element, or text after one: not flat
            return None
        if name in out:  # xmltodict makes a list
            return None
        if "\r" in value:  # XML reads every line end as \n
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        out[name] = value.strip() or None
        pos = found.end()
    if not out or text[pos:end].strip(" \t\r\n"):
        return None
    return out


def parse_xml(text: str) -> dict:
    if looks_dangerous_xml(text):
        raise WebhookError(400, "DOCTYPE/ENTITY in XML")
    flat = flat_xml(text)
    if flat is not None:
        return flat
    try:
        doc = xmltodict.parse(text, disable_entities=True)
    except Exception:
        raise WebhookError(400, "malformed XML") from None
    xml = doc.get("xml") if isinstance(doc, dict) else None
    if not isinstance(xml, dict):
        raise WebhookError(400, "no <xml> root")
    return xml


MEDIA_TYPES = {"image", "voice", "video", "shortvideo", "location", "link", "file"}


def xml_message(xml: dict, channel: str, tz) -> IncomingMessage:
    """The IncomingMessage for a decrypted WeChat/WeCom message: text, voice with recognition, media,
    events (which have no MsgId: deduped by sender + time + event + its key, card and response code,
    so a platform retry is one event while two taps in the same second are two)."""

    def field(name: str) -> str:
        value = xml.get(name)
        return value.strip() if isinstance(value, str) else ""

    msg_type, user, account = field("MsgType").lower(), field("FromUserName"), field("ToUserName")
    if not msg_type or not user or not account:
        raise WebhookError(400, "missing MsgType/FromUserName/ToUserName")
    created = field("CreateTime")
    if msg_type == "event":
        event = field("Event").lower()
        ident = "|".join([user, created, event] + [field(k) for k in ("EventKey", "TaskId", "ResponseCode", "MsgID")])
        key = "ev:" + hashlib.sha256(ident.encode()).hexdigest()[:32]
        kind, text = f"event:{event}", field("EventKey")
    else:
        key = field("MsgId") or "m:" + hashlib.sha256(f"{user}|{created}".encode()).hexdigest()[:32]
        if msg_type == "text":
            kind, text = "text", field("Content")
        elif msg_type == "voice" and field("Recognition"):
            kind, text = "text", field("Recognition")  # speech recognition result, when enabled
        else:
            kind, text = msg_type, ""
    return IncomingMessage(
        channel=channel, msg_id=key, user_id=user, text=text, kind=kind, chat_id=account,
        received_at=parse_epoch(created, tz),
        raw={k: v for k, v in xml.items() if k not in ("Content", "Encrypt")},
    )


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def reply_xml(to_user: str, from_user: str, text: str, now: str) -> str:
    return (f"<xml><ToUserName>{cdata(to_user)}</ToUserName><FromUserName>{cdata(from_user)}</FromUserName>"
            f"<CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>{cdata(text)}</Content></xml>")
