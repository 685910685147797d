"""Delivery receipts: what a platform reports after a push, shown in the console's push log.

公众号: a 模板消息's fate comes later as the event TEMPLATESENDJOBFINISH, naming the msgid the send
returned (模板消息接口 → 事件推送, https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html):
Status `success`, `failed:user block` (the teacher refused the account's template messages) or
`failed: system failed`. 钉钉's receipt is the send's own answer (bot/channels/dingtalk/push.py).
"""

from __future__ import annotations

from bot.engine import Context
from bot.registry import registry

RECEIPTS = {"success": "已送达", "failed:user block": "用户拒收", "failed: system failed": "发送失败"}


def receipt_of(status: str) -> str:
    status = status.strip()
    if status in RECEIPTS:
        return RECEIPTS[status]
    return "发送失败" if status.lower().startswith("failed") else ""


@registry.event("event:templatesendjobfinish")
def template_sent(ctx: Context) -> str:
    raw = ctx.msg.raw or {}
    receipt = receipt_of(str(raw.get("Status") or ""))
    msg_id = str(raw.get("MsgID") or "").strip()
    if ctx.msg.channel == "wechat" and receipt and msg_id:
        ctx.store.outbox.record_receipt("wechat", msg_id, receipt, ctx.msg.user_id)
    return ""  # WeChat reads no reply to this event
