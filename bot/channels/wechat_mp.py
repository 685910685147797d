"""WeChat 公众号 (official account) webhook: URL verification, plaintext / compatible / safe modes.

Official docs:
- 接入指南 (signature):  https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
- 接收普通消息:          https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
- 被动回复用户消息:      https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
- 消息加解密说明:        https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html

Plaintext: `signature` = sha1(sorted(token, timestamp, nonce)).
Freshness: every request's `timestamp` must be within `max_clock_skew_seconds` (default 300) of our
clock, or it is refused with 403: a signed URL from last year does nothing. In plaintext mode the
signature does not cover the body, so the app also remembers each signed URL with the body it came
with (bot/app.py): the same URL with another body is refused.
Compatible mode: WeChat sends the encrypted form (encrypt_type=aes) beside the plaintext fields; we
read only the encrypted one and refuse a request without it, so compatible is as safe as safe mode.
Compatible / safe: also `encrypt_type=aes` and `msg_signature` = sha1(sorted(token, timestamp, nonce, Encrypt));
the body's Encrypt is AES-256-CBC (key = base64(EncodingAESKey + "="), IV = key[:16]) of
random(16) + len(4, network order) + xml + app_id, PKCS#7 padded to 32. The reply must be encrypted too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import check_signature

from bot.channels.base import (
    MAX_BODY,
    NOT_NONCE,
    WebhookError,
    cdata,
    check_fresh,
    decode_utf8,
    parse_xml,
    register_webhook,
    reply_xml,
    xml_message,
)
from bot.messages import IncomingMessage, shorten_utf8

NAME = "wechat"
REPLY_LIMIT_BYTES = 2048


def _prp(random: str | None) -> type[PrpCrypto]:
    if random is None:
        return PrpCrypto
    return type("FixedRandomPrpCrypto", (PrpCrypto,), {"get_random_string": lambda self: random})


def encrypt_payload(encoding_aes_key: str, app_id: str, plaintext: str, random: str | None = None) -> str:
    """The Encrypt field for plaintext. `random` fixes the 16-byte prefix (tests and vectors only)."""
    crypto = WeChatCrypto("unused", encoding_aes_key, app_id)
    return _prp(random)(crypto.key).encrypt(plaintext, app_id).decode()


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


@dataclass
class Parsed:
    message: IncomingMessage | None
    msg_key: str
    encrypted: bool
    account: str  # our account id (ToUserName), the reply's FromUserName


class WeChatMPChannel:
    name = NAME

    def __init__(self, token: str, app_id: str = "", encoding_aes_key: str = "", mode: str = "plaintext", clock=None,
                 max_skew: int = 300):
        from bot.clock import Clock

        self.token = token
        self.app_id = app_id
        self.mode = mode
        self.encoding_aes_key = encoding_aes_key
        self.crypto = WeChatCrypto(token, encoding_aes_key, app_id) if encoding_aes_key else None
        self.clock = clock or Clock()
        self.max_skew = max_skew

    @classmethod
    def from_config(cls, section: dict, clock=None) -> WeChatMPChannel:
        return cls(section["token"], section["app_id"], section["encoding_aes_key"], section["mode"], clock,
                   section["max_clock_skew_seconds"])

    def register(self, app, bot) -> None:
        """GET|POST /wechat."""
        register_webhook(app, bot, self, "/wechat")

    # ---- inbound ------------------------------------------------------------------------------

    @property
    def checked_signatures(self) -> tuple[str, ...]:
        """The query parameters this mode verifies (plaintext never looks at msg_signature)."""
        return ("signature",) if self.mode == "plaintext" else ("signature", "msg_signature")

    @staticmethod
    def _require(args, *names: str) -> list[str]:
        values = [args.get(n) for n in names]
        missing = [n for n, v in zip(names, values, strict=True) if not v]
        if missing:
            raise WebhookError(400, f"missing parameters: {', '.join(missing)}")
        return values

    def _check_signature(self, args) -> tuple[str, str]:
        signature, timestamp, nonce = self._require(args, "signature", "timestamp", "nonce")
        try:
            check_signature(self.token, signature, timestamp, nonce)
        except InvalidSignatureException:
            raise WebhookError(403, "bad signature") from None
        check_fresh(timestamp, self.clock, self.max_skew)
        return timestamp, nonce

    def verify_url(self, args) -> str:
        """GET: the echostr back when the signature is right."""
        (echostr,) = self._require(args, "echostr")
        self._check_signature(args)
        return echostr

    def parse(self, args, body: bytes) -> Parsed:
        timestamp, nonce = self._check_signature(args)
        if len(body) > MAX_BODY:
            raise WebhookError(413, "body too large")
        if not body.strip():
            raise WebhookError(400, "empty body")
        text = decode_utf8(body)
        encrypted = args.get("encrypt_type", "raw").lower() == "aes"
        if self.mode != "plaintext" and not encrypted:
            raise WebhookError(403, f"plaintext message in {self.mode} mode")
        if encrypted and self.crypto is None:
            raise WebhookError(400, "encrypted message but no EncodingAESKey configured")
        outer = parse_xml(text)
        if encrypted:
            (msg_signature,) = self._require(args, "msg_signature")
            if not outer.get("Encrypt"):
                raise WebhookError(400, "no Encrypt field")
            try:
                text = self.crypto.decrypt_message(outer, msg_signature, timestamp, nonce)
            except InvalidSignatureException:
                raise WebhookError(403, "bad msg_signature") from None
            except Exception:  # bad base64, padding, app id: all the sender's fault
                raise WebhookError(400, "cannot decrypt") from None
            outer = parse_xml(text)
        message = xml_message(outer, NAME, self.clock.tz)
        return Parsed(message, message.msg_id, encrypted, message.chat_id)

    _parse_xml = staticmethod(parse_xml)  # tests and the simulator read replies with it

    # ---- outbound (passive reply) ---------------------------------------------------------------

    def render(self, parsed: Parsed, text: str, nonce: str = "", timestamp: str | None = None,
               random: str | None = None) -> str:
        """The passive reply XML; `success` when there is nothing to say."""
        if not text:
            return "success"
        msg = parsed.message
        now = timestamp or str(int(self.clock.timestamp()))
        xml = reply_xml(msg.user_id, parsed.account, shorten_utf8(text, REPLY_LIMIT_BYTES), now)
        if not parsed.encrypted:
            return xml
        nonce = nonce or hashlib.sha1(f"{now}{msg.msg_id}".encode()).hexdigest()[:10]
        nonce = NOT_NONCE.sub("", nonce)[:32] or "0"
        return self.crypto._encrypt_message(xml, nonce, now, _prp(random))

    def decrypt_reply(self, reply: str) -> str:
        """For the simulator and tests: verify and decrypt a reply we produced."""
        outer = parse_xml(reply)
        return self.crypto.decrypt_message(outer, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"])

    def build_request(self, xml: str, timestamp: str, nonce: str, encrypted: bool,
                      random: str | None = None) -> tuple[dict, str]:
        """What WeChat would send: query args and body (the simulator posts this to /wechat)."""
        args = {"timestamp": timestamp, "nonce": nonce, "signature": sign(self.token, timestamp, nonce)}
        if not encrypted:
            return args, xml
        encrypt = encrypt_payload(self.encoding_aes_key, self.app_id, xml, random)
        args.update(encrypt_type="aes", msg_signature=sign(self.token, timestamp, nonce, encrypt))
        body = f"<xml><ToUserName>{cdata(self.app_id)}</ToUserName><Encrypt>{cdata(encrypt)}</Encrypt></xml>"
        if self.mode == "compatible":
            body = xml.replace("</xml>", f"<Encrypt>{cdata(encrypt)}</Encrypt></xml>")
        return args, body


def text_message_xml(user: str, account: str, content: str, msg_id: str, created: int) -> str:
    return (
        f"<xml><ToUserName>{cdata(account)}</ToUserName><FromUserName>{cdata(user)}</FromUserName>"
        f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{cdata(content)}</Content><MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(user: str, account: str, event: str, created: int) -> str:
    return (
        f"<xml><ToUserName>{cdata(account)}</ToUserName><FromUserName>{cdata(user)}</FromUserName>"
        f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event>{cdata(event)}</Event></xml>"
    )


# ---- pushes: 客服消息 through the official API -------------------------------------------------------
# stable_token:  https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html
# 客服消息:      https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html

TOKEN_KEY = "wechat-access-token"
ERR_OUT_OF_WINDOW = {45015}  # response out of time limit: the user has not written in 48 hours
ERR_NO_RIGHT = {48001, 48004}  # api unauthorized / banned
ERR_BAD_TOKEN = {40001, 40014, 42001}
ERR_RATE = {45009, 45047, -1}  # daily quota, too many messages to this user, system busy


# Notices a teacher triggered may go as 模板消息 on a verified 服务号 (outside the 48-hour window);
# greetings nobody asked for never do (the platform's rules). kind → the config key of its template.
# An activity announcement (kind announcement) goes as the template `template_id_announcement`:
# the activity, its time and the exact words to reply (回复“报名…”); its delivery is reported later
# by the event TEMPLATESENDJOBFINISH, naming the msgid the send returned (handlers/receipts.py).
TEMPLATE_KEYS = {"promotion": "template_id_promotion", "suggestion_reply": "template_id_suggestion_reply",
                 "checkup_notice": "template_id_checkup", "checkup_reminder": "template_id_checkup",
                 "announcement": "template_id_announcement"}
TEMPLATE_LABELS = {"promotion": "候补转为报名成功", "suggestion_reply": "建议/提案有了答复",
                   "checkup_notice": "体检通知", "checkup_reminder": "体检提醒", "announcement": "工会活动通知"}
ERR_UNSUBSCRIBED = {43004}  # the user no longer follows the account


def template_for(section: dict, kind: str) -> str:
    """The template id to use for a notice of `kind`, or "" (not a verified 服务号, none configured)."""
    if section.get("account_type") != "verified_service" or kind not in TEMPLATE_KEYS:
        return ""
    return section.get(TEMPLATE_KEYS[kind], "")


def template_data(kind: str, text: str, now, payload: dict | None = None) -> dict:
    """The fields every configured template must have (README): thing1 事项, time2 时间, thing3 内容.
    Since 2023 a template shows short fields only (thing: 20 characters); the teacher opens the
    account for the rest. An announcement: the activity, its start, and the words to reply."""
    if payload and payload.get("type") == "signup":
        words = payload.get("words", "")
        return {"thing1": {"value": payload.get("title", "")[:20]},
                "time2": {"value": payload.get("starts_at", "")[:16]},
                "thing3": {"value": f"回复：{words}" if len(words) <= 17 else "回复“报名”加活动名称即可报名"}}
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return {"thing1": {"value": TEMPLATE_LABELS.get(kind, "工会通知")[:20]},
            "time2": {"value": now.strftime("%Y-%m-%d %H:%M")},
            "thing3": {"value": first[:17] + "…" if len(first) > 20 else first}}


class WeChatCustomPush:
    """Sends 客服消息 (text, within 48 hours of the teacher's last message) and, on a verified 服务号
    with a template configured, 模板消息 for the notices a teacher triggered. The access_token comes
    from stable_token and is shared by every process through the database (bot/channels/tokens.py),
    fetched outside any transaction."""

    name = NAME

    def __init__(self, app_id: str, app_secret: str, store, clock, api_base: str = "https://api.weixin.qq.com",
                 timeout: float = 5.0, section: dict | None = None) -> None:
        import requests

        from bot.channels.tokens import TokenCache

        self.app_id, self.app_secret = app_id, app_secret
        self.store, self.clock = store, clock
        self.api_base = api_base.rstrip("/")
        self.http = requests.Session()
        self.timeout = timeout
        self.section = section or {}
        self.tokens = TokenCache(store, clock, TOKEN_KEY, self._fetch_token)

    def _fetch_token(self, force: bool) -> tuple[str, int]:
        from bot.channels.tokens import TokenError

        resp = self.http.post(f"{self.api_base}/cgi-bin/stable_token", timeout=self.timeout, json={
            "grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret,
            "force_refresh": force})
        data = resp.json()
        if "access_token" not in data:
            raise TokenError(f"公众号拒绝发放接口凭证（错误码 {data.get('errcode')}）")
        return data["access_token"], int(data.get("expires_in", 7200))

    def access_token(self, force: bool = False, stale: str | None = None) -> str:
        return self.tokens.get(force, stale)

    def _call(self, path: str, body: dict) -> int:
        """POST a JSON body with the token; an invalid-token answer refreshes once. The errcode."""
        return self._post(path, body).get("errcode", 0)

    def _post(self, path: str, body: dict) -> dict:
        token, data = None, {}
        for attempt in range(2):
            token = self.access_token(force=attempt > 0, stale=token)
            resp = self.http.post(f"{self.api_base}{path}", params={"access_token": token},
                                  data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                  headers={"Content-Type": "application/json"}, timeout=self.timeout)
            data = resp.json()
            if data.get("errcode", 0) in ERR_BAD_TOKEN and attempt == 0:
                continue
            break
        return data

    def create_menu(self, menu: dict) -> int:
        """The bottom menu (自定义菜单创建接口, bot/menu.py): the errcode, 0 when it is in place."""
        return self._call("/cgi-bin/menu/create", menu)

    def push(self, user_id: str, text: str, kind: str = "", payload: dict | None = None):
        from bot.channels.base import PushResult

        template = template_for(self.section, kind)
        if template:
            data = self._post("/cgi-bin/message/template/send", {
                "touser": user_id, "template_id": template,
                "data": template_data(kind, text, self.clock.now(), payload)})
            code = data.get("errcode", 0)
            if code == 0:  # delivery is reported later (TEMPLATESENDJOBFINISH) under this msgid
                return PushResult("sent", msg_id=str(data.get("msgid") or ""), receipt="等待送达回执")
            if code in ERR_UNSUBSCRIBED:
                return PushResult("skipped", "用户已取消关注（errcode 43004）")
            if code not in (40037, 40003):  # a bad template id: try the 客服消息 below, say why if it fails
                return PushResult("failed", f"公众号模板消息错误 errcode {code}",
                                  retryable=code in ERR_RATE or code in ERR_BAD_TOKEN)
        code = self._call("/cgi-bin/message/custom/send", {"touser": user_id, "msgtype": "text", "text": {"content": text}})
        if code == 0:
            return PushResult("sent")
        if code in ERR_OUT_OF_WINDOW:
            return PushResult("skipped", "48小时窗口已过（公众号返回 45015）" + ("；模板 id 无效" if template else ""))
        if code in ERR_NO_RIGHT:
            return PushResult("skipped", f"公众号无推送权限（errcode {code}）")
        return PushResult("failed", f"公众号接口错误 errcode {code}", retryable=code in ERR_RATE or code in ERR_BAD_TOKEN)
