"""企业微信 (WeCom) self-built app: callback verification, encrypted messages and replies, and pushes
through the app message API — the best channel for greetings, since an app may message any member
on any day.

Official docs:
- 接收消息与事件 (callbacks):  https://developer.work.weixin.qq.com/document/path/90238
- 加解密方案:                  https://developer.work.weixin.qq.com/document/path/90968
- 发送应用消息:                https://developer.work.weixin.qq.com/document/path/90236
- 获取 access_token:           https://developer.work.weixin.qq.com/document/path/91039
- 模板卡片 (按钮交互型):        https://developer.work.weixin.qq.com/document/path/90236 (template_card)
- 模板卡片事件推送:            https://developer.work.weixin.qq.com/document/path/90240 (template_card_event)
- 更新模版卡片消息:            https://developer.work.weixin.qq.com/document/path/94888 (read as its
  third-party twin, /document/path/94945: "用户点击任务卡片，回调接口也会带上 response_code，开发者通过该
  code 也可以调用本接口一次……有效期是72小时")

One tap to sign up: an announcement goes as a 按钮交互型 card whose 报名 button's key names the
activity (`signup:<id>`) and whose task_id is unique per announcement and member. The tap arrives as
the event `template_card_event` (EventKey, TaskId, CardType, ResponseCode); the sign-up feature runs
the same sign-up as a typed "报名…" and writes a `card_update` row, which `after_dispatch` sends at
once, outside the webhook's transaction: `update_template_card` with the tap's response_code and
button.replace_name (已报名 / 已进入候补 / 已截止 / …). We chose the API over the passive reply
(被动回复 update_button, /document/path/90241) because it goes through the outbox: the push log shows
it, a failure is retried and says why, and a slow platform cannot make the reply late.

Callbacks are always encrypted: `msg_signature` = sha1(sorted(token, timestamp, nonce, Encrypt)), the
payload is AES-256-CBC like the 公众号's with the corp id as the trailing id. GET verification must
answer the decrypted echostr within 1 s. Requests more than `max_clock_skew_seconds` off are 403.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException

from bot.channels.base import (
    MAX_BODY,
    PushResult,
    WebhookError,
    cdata,
    check_fresh,
    decode_utf8,
    errcode_result,
    parse_xml,
    register_webhook,
    reply_xml,
    xml_message,
)
from bot.channels.wechat_mp import _prp, sign  # the same crypto family as the 公众号
from bot.messages import IncomingMessage, shorten_utf8

NAME = "wecom"
CARD_EVENT = "template_card_event"
REPLY_LIMIT_BYTES = 2048
TOKEN_KEY = "wecom-access-token"


@dataclass
class Parsed:
    message: IncomingMessage
    account: str  # our corp id (ToUserName)
    encrypted: bool = True  # always: msg_signature covers the body


class WeComChannel:
    name = NAME
    checked_signatures = ("msg_signature",)  # what bind_to_body may key a signed URL on

    def __init__(self, token: str, encoding_aes_key: str, corp_id: str, clock=None, max_skew: int = 300) -> None:
        from bot.clock import Clock

        self.token, self.corp_id = token, corp_id
        self.encoding_aes_key = encoding_aes_key
        self.crypto = WeChatCrypto(token, encoding_aes_key, corp_id)
        self.clock = clock or Clock()
        self.max_skew = max_skew

    @classmethod
    def from_config(cls, section: dict, clock=None) -> WeComChannel:
        return cls(section["token"], section["encoding_aes_key"], section["corp_id"], clock,
                   section["max_clock_skew_seconds"])

    def register(self, app, bot) -> None:
        """GET|POST /wecom."""
        register_webhook(app, bot, self, "/wecom")

    # ---- inbound ----------------------------------------------------------------------------------

    def _args(self, args, *extra: str) -> list[str]:
        names = ("msg_signature", "timestamp", "nonce", *extra)
        values = [args.get(n) for n in names]
        missing = [n for n, v in zip(names, values, strict=True) if not v]
        if missing:
            raise WebhookError(400, f"missing parameters: {', '.join(missing)}")
        check_fresh(values[1], self.clock, self.max_skew)
        return values

    def verify_url(self, args) -> str:
        """GET: the decrypted echostr when the signature is right."""
        signature, timestamp, nonce, echostr = self._args(args, "echostr")
        try:
            echo = self.crypto.check_signature(signature, timestamp, nonce, echostr)
        except InvalidSignatureException:
            raise WebhookError(403, "bad msg_signature") from None
        except Exception:  # bad base64 or padding, another corp's payload
            raise WebhookError(400, "cannot decrypt echostr") from None
        return echo.decode() if isinstance(echo, bytes) else echo

    def parse(self, args, body: bytes) -> Parsed:
        signature, timestamp, nonce = self._args(args)
        if len(body) > MAX_BODY:
            raise WebhookError(413, "body too large")
        if not body.strip():
            raise WebhookError(400, "empty body")
        outer = parse_xml(decode_utf8(body))
        if not isinstance(outer.get("Encrypt"), str) or not outer["Encrypt"]:
            raise WebhookError(400, "no Encrypt field")
        try:
            text = self.crypto.decrypt_message(outer, signature, timestamp, nonce)
        except InvalidSignatureException:
            raise WebhookError(403, "bad msg_signature") from None
        except Exception:  # bad base64, padding, another corp id (InvalidCorpIdException)
            raise WebhookError(400, "cannot decrypt") from None
        message = xml_message(parse_xml(text), NAME, self.clock.tz)
        return Parsed(message, message.chat_id)

    # ---- outbound (passive reply) -----------------------------------------------------------------------

    def after_dispatch(self, bot, message: IncomingMessage) -> None:
        """A tapped card is updated now, not at the next minute's send (see the module's docstring), after
        the answer the tap asked for, if any (`tap_reply`: a poll's first question, handlers/polls/tap.py)."""
        if message.kind != f"event:{CARD_EVENT}":
            return
        from bot.push import Sender

        ids = [i for kind in ("tap_reply", "card_update") for i in bot.store.outbox.pending_ids(kind, NAME, message.user_id)]
        if ids:
            Sender(bot.store, bot.clock, bot.config, bot.transports()).send_now(ids)

    def render(self, parsed: Parsed, text: str, nonce: str = "", timestamp: str | None = None,
               random: str | None = None) -> str:
        """The encrypted passive reply; empty when there is nothing to say."""
        if not text:
            return ""
        now = timestamp or str(int(self.clock.timestamp()))
        xml = reply_xml(parsed.message.user_id, parsed.account, shorten_utf8(text, REPLY_LIMIT_BYTES), now)
        nonce = re.sub(r"[^0-9A-Za-z]", "", nonce)[:32] or hashlib.sha1(now.encode()).hexdigest()[:10]
        return self.crypto._encrypt_message(xml, nonce, now, _prp(random))

    def decrypt_reply(self, reply: str) -> str:
        outer = parse_xml(reply)
        return self.crypto.decrypt_message(outer, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"])

    def build_request(self, xml: str, timestamp: str, nonce: str, random: str | None = None) -> tuple[dict, str]:
        """What 企业微信 would send: query args and the encrypted body (tests post this to /wecom)."""
        encrypt = _prp(random)(self.crypto.key).encrypt(xml, self.corp_id).decode()
        args = {"msg_signature": sign(self.token, timestamp, nonce, encrypt), "timestamp": timestamp, "nonce": nonce}
        body = (f"<xml><ToUserName>{cdata(self.corp_id)}</ToUserName><AgentID>{cdata('1')}</AgentID>"
                f"<Encrypt>{cdata(encrypt)}</Encrypt></xml>")
        return args, body


# ---- pushes: the app message API -------------------------------------------------------------------------

ERR_BAD_TOKEN = {40014, 42001, 40001}
DUPLICATE_CHECK_S = 14400  # the longest 企业微信 allows (4 h)
ERR_UNTRUSTED_IP = 60020
ERR_RATE = {45009, 45033, 45047, -1}  # API frequency, concurrency, too many to this user, system busy


class WeComPush:
    """Text messages from the self-built app to one member. The token is shared by every process
    through the database (bot/channels/tokens.py); 40014/42001 refresh it once, never in a loop.
    `enable_duplicate_check` makes 企业微信 drop an identical message to the same member within the
    interval, a second guard behind the outbox's own keys: it is what lets a message whose sender was
    killed mid-call be sent again safely (`duplicate_window_s`, see bot/push.py)."""

    name = NAME
    duplicate_window_s = DUPLICATE_CHECK_S

    def __init__(self, corp_id: str, secret: str, agent_id: str, store, clock,
                 api_base: str = "https://qyapi.weixin.qq.com", timeout: float = 5.0) -> None:
        import requests

        from bot.channels.tokens import TokenCache

        self.corp_id, self.secret, self.agent_id = corp_id, secret, agent_id
        self.api_base = api_base.rstrip("/")
        self.http = requests.Session()
        self.timeout = timeout
        self.tokens = TokenCache(store, clock, TOKEN_KEY, self._fetch_token)

    def _fetch_token(self, force: bool) -> tuple[str, int]:
        from bot.channels.tokens import TokenError

        resp = self.http.get(f"{self.api_base}/cgi-bin/gettoken", timeout=self.timeout,
                             params={"corpid": self.corp_id, "corpsecret": self.secret})
        data = resp.json()
        if data.get("errcode", 0) != 0 or "access_token" not in data:
            raise TokenError(f"企业微信拒绝发放接口凭证（错误码 {data.get('errcode')}）")
        return data["access_token"], int(data.get("expires_in", 7200))

    def _call(self, path: str, body: dict, params: dict | None = None) -> dict:
        """POST a JSON body with the token; 40014/42001 refresh it once. The answer."""
        token, data = None, {}
        for attempt in range(2):
            token = self.tokens.get(force=attempt > 0, stale=token)
            resp = self.http.post(f"{self.api_base}{path}", params={"access_token": token, **(params or {})},
                                  data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                  headers={"Content-Type": "application/json"}, timeout=self.timeout)
            data = resp.json()
            if data.get("errcode", 0) in ERR_BAD_TOKEN and attempt == 0:
                continue
            break
        return data

    def create_menu(self, menu: dict) -> int:
        """The app's bottom menu (创建菜单, `?agentid=`; bot/menu.py): the errcode, 0 when it is in place."""
        return self._call("/cgi-bin/menu/create", menu, {"agentid": self.agent_id}).get("errcode", 0)

    @property
    def agent(self) -> int | str:
        return int(self.agent_id) if self.agent_id.isdigit() else self.agent_id

    def push(self, user_id: str, text: str, kind: str = "", payload: dict | None = None) -> PushResult:
        """A text, or for an announcement (`payload` type signup) a card with a 报名 button; a card
        the platform refuses (say the app has no callback URL) goes again as the text."""
        payload = payload or {}
        if payload.get("type") == "card_update":
            return self._update_card(user_id, payload)
        base = {"touser": user_id, "agentid": self.agent, "enable_duplicate_check": 1,
                "duplicate_check_interval": DUPLICATE_CHECK_S}
        if payload.get("type") in CARDS:
            result = self._send({**base, "msgtype": "template_card", "template_card": CARDS[payload["type"]](payload)})
            if result.status != "failed" or result.retryable:
                return result
        return self._send({**base, "msgtype": "text", "text": {"content": text}})

    def _send(self, body: dict) -> PushResult:
        data = self._call("/cgi-bin/message/send", body)
        code = data.get("errcode", 0)
        if code == 0:
            if data.get("invaliduser"):
                return PushResult("skipped", "企业微信账号无效或不在应用可见范围（invaliduser）")
            return PushResult("sent", msg_id=str(data.get("msgid") or ""))
        if code == ERR_UNTRUSTED_IP:
            return PushResult("failed", "企业微信拒绝：服务器 IP 不在“企业可信IP”中（errcode 60020），见 README")
        return PushResult("failed", f"企业微信接口错误 errcode {code}",
                          retryable=code in ERR_RATE or code in ERR_BAD_TOKEN)

    def _update_card(self, user_id: str, payload: dict) -> PushResult:
        """更新模版卡片消息: the tapped member's card only, its button greyed with the outcome."""
        data = self._call("/cgi-bin/message/update_template_card", {
            "userids": [user_id], "agentid": self.agent, "response_code": payload.get("response_code", ""),
            "button": {"replace_name": payload.get("replace_name", "")[:REPLACE_NAME_MAX]}})
        code = data.get("errcode", 0)
        if code == 0:
            return PushResult("sent")
        return PushResult("failed", f"企业微信卡片更新错误 errcode {code}",
                          retryable=code in ERR_RATE or code in ERR_BAD_TOKEN)


REPLACE_NAME_MAX = 20


def signup_card(payload: dict) -> dict:
    """The 按钮交互型 template_card of an announcement (模板卡片类型: main_title.title up to 26
    characters, horizontal_content_list up to 6 rows with keynames of up to 5, button_list up to 6;
    task_id of digits, letters and _-@, up to 128 bytes, never reused within the app)."""
    rows = [("时间", payload.get("when", "")), ("地点", payload.get("place", "")), ("名额", payload.get("left", "")),
            ("报名截止", payload.get("deadline", ""))]
    return {
        "card_type": "button_interaction",
        "source": {"desc": "工会小助手"},
        "main_title": {"title": payload.get("title", "")[:26], "desc": "工会活动通知"},
        "sub_title_text": f"点下方“报名”即可报名；也可以回复“{payload.get('words', '')}”。",
        "horizontal_content_list": [{"keyname": k, "value": v[:26]} for k, v in rows if v],
        "task_id": re.sub(r"[^0-9A-Za-z_\-@]", "", payload.get("task_id", ""))[:128],
        "button_list": [{"text": "报名", "style": 1, "key": f"signup:{payload.get('activity_id', '')}"}],
    }


def button_card(payload: dict) -> dict:
    """The 按钮交互型 card of a generic one-button notice (payload type button, e.g. a poll's 去投票,
    handlers/polls/notices.py): its title and header, up to 6 rows, one button whose key calls back
    (`<feature>:<id>`, handled like the 报名 button: handlers/onetap.py), and the words to reply."""
    button = payload.get("button", "")[:10]
    return {
        "card_type": "button_interaction",
        "source": {"desc": "工会小助手"},
        "main_title": {"title": payload.get("title", "")[:26], "desc": payload.get("desc", "")[:30]},
        "sub_title_text": f"点下方“{button}”开始；也可以回复“{payload.get('words', '')}”。",
        "horizontal_content_list": [{"keyname": str(k)[:5], "value": str(v)[:26]}
                                    for k, v in payload.get("rows", [])[:6] if v],
        "task_id": re.sub(r"[^0-9A-Za-z_\-@]", "", payload.get("task_id", ""))[:128],
        "button_list": [{"text": button, "style": 1, "key": payload.get("key", "")[:1024]}],
    }


CARDS = {"signup": signup_card, "button": button_card}

GROUP_ROBOT_ERRORS = {
    45009: ("企业微信群机器人限流（每分钟最多 20 条，errcode 45009）", True),
    93000: ("企业微信群机器人地址无效（errcode 93000），请检查 [wecom] group_webhook", False),
}


class WeComGroupRobot:
    """The group robot of a staff group (`/cgi-bin/webhook/send?key=`): 20 messages a minute at most
    (errcode 45009 beyond), so the sender paces itself below that."""

    name = "wecom_robot"
    group = True

    def __init__(self, webhook: str, timeout: float = 5.0) -> None:
        import requests

        self.webhook = webhook
        self.http = requests.Session()
        self.timeout = timeout

    def push(self, target: str, text: str, kind: str = "") -> PushResult:
        body = {"msgtype": "text", "text": {"content": shorten_utf8(text, REPLY_LIMIT_BYTES)}}
        resp = self.http.post(self.webhook, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                              headers={"Content-Type": "application/json"}, timeout=self.timeout)
        try:
            code = resp.json().get("errcode", -1)
        except ValueError:
            code = -1
        return errcode_result(code, "企业微信群机器人", GROUP_ROBOT_ERRORS)
