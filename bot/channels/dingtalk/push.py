"""钉钉 pushes: to one person (robot one-to-one, falling back to 工作通知) and the custom group robot
(signed URL, 20 a minute).

An announcement's button (payload type signup): in the robot's one-to-one chat it goes as an
ActionCard (msgKey `sampleActionCard`: title, text, singleTitle, singleURL — 机器人发送消息的消息类型,
https://open.dingtalk.com/document/orgapp/robot-message-types-and-data-format) whose button is the
message link `dtmd://dingtalkclient/sendMessage?content=报名<活动>` (消息链接说明,
https://open.dingtalk.com/document/orgapp/message-link-description): one tap sends those words as
the teacher, into this chat, and the bot's usual sign-up answers (the same flow as typing them).
Chosen over an interactive card with a callback (dingtalk-stream SDK `card_replier.py`,
`/v1.0/card/instances/createAndDeliver` and the topic `/v1.0/card/instances/callback`): that needs a
card template built in the 卡片平台 by the school's admin and a second callback, for the same
outcome. 工作通知 (the fallback) cannot send words back to the bot, so it stays plain text naming the
words to reply. Receipts: what the send's answer says (the robot's lists; 工作通知's read lists).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from bot.channels.base import (
    PushResult,
    errcode_result,
)
from bot.channels.dingtalk.wire import (
    NAME,
    ROBOT,
    TOKEN_KEY,
    signed_webhook,
    text_body,
)

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
            raise TokenError(f"钉钉拒绝发放接口凭证（错误码 {data.get('code', resp.status_code)}）")
        return data["accessToken"], int(data.get("expireIn", 7200))

    def push(self, user_id: str, text: str, kind: str = "", payload: dict | None = None) -> PushResult:
        if self.robot_code:
            result, fall_back = self._robot(user_id, text, payload or {})
            if not (fall_back and self.agent_id):
                return result
        if self.agent_id:
            return self._work_notice(user_id, text)
        return PushResult("failed", "钉钉未配置 robot_code 或 agent_id，无法推送")

    def _robot(self, user_id: str, text: str, payload: dict) -> tuple[PushResult, bool]:
        """(result, whether 工作通知 may still reach this person)."""
        kind = payload.get("type")
        key, param = ("sampleActionCard", ACTION_CARDS[kind](payload)) if kind in ACTION_CARDS else (
            "sampleText", {"content": text})
        body = {"robotCode": self.robot_code, "userIds": [user_id], "msgKey": key,
                "msgParam": json.dumps(param, ensure_ascii=False)}
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
            return PushResult("sent", msg_id=str(data.get("processQueryKey") or ""), receipt="已送达"), False
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
        receipt = ("已读" if user_id in (sent.get("read_user_id_list") or []) else
                   "已送达（未读）" if user_id in (sent.get("unread_user_id_list") or []) else "")
        return PushResult("sent", msg_id=str(data.get("task_id") or ""), receipt=receipt)


def action_card(payload: dict) -> dict:
    """The msgParam of `sampleActionCard` for an announcement: markdown text, one 报名 button that
    sends the sign-up words for the teacher (see the module's docstring)."""
    words = payload.get("words", "")
    lines = [f"### 【工会活动】{payload.get('title', '')}", f"- 时间：{payload.get('when', '')}",
             f"- 地点：{payload.get('place', '')}"]
    lines += [f"- 名额：{payload['left']}"] if payload.get("left") else []
    lines += [f"- 报名截止：{payload['deadline']}"] if payload.get("deadline") else []
    lines.append(f"\n点下方“报名”即可报名（也可以回复“{words}”）。")
    return {"title": f"工会活动：{payload.get('title', '')}", "text": "\n".join(lines), "singleTitle": "报名",
            "singleURL": "dtmd://dingtalkclient/sendMessage?content=" + quote(words, safe="")}


def button_action_card(payload: dict) -> dict:
    """A generic one-button notice (payload type button, e.g. a poll's 去投票): its rows, and a button
    that sends `words` for the teacher, the same as typing them."""
    words, button = payload.get("words", ""), payload.get("button", "")
    lines = [f"### 【{payload.get('desc', '')}】{payload.get('title', '')}"]
    lines += [f"- {k}：{v}" for k, v in payload.get("rows", []) if v]
    lines.append(f"\n点下方“{button}”开始（也可以回复“{words}”）。")
    return {"title": f"{payload.get('desc', '')}：{payload.get('title', '')}", "text": "\n".join(lines),
            "singleTitle": button, "singleURL": "dtmd://dingtalkclient/sendMessage?content=" + quote(words, safe="")}


ACTION_CARDS = {"signup": action_card, "button": button_action_card}


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
