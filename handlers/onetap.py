"""One tap to sign up: the 报名 button on an announcement's 企业微信 card.

企业微信 sends the tap as the event `template_card_event` (EventKey `signup:<activity id>`, TaskId,
CardType, ResponseCode; bot/channels/wecom.py). It runs the same sign-up as a typed "报名…"
(handlers/activities/outcome.py `sign_up`: capacity, waitlist, deadline, audience, "already"), so a double tap
signs up once and 企业微信's retry of the same event is answered from the inbox without a second
effect. The card is then updated to show the outcome: a `card_update` row (keyed by the card's
task and the tap's response_code, so one tap updates once) that the channel sends at once.

钉钉's button sends the words "报名<活动>" for the teacher and the 公众号's template message names
them: both arrive as text and take the typed path.

Other features' buttons (`<prefix>:<id>`, e.g. a poll's 去投票, handlers/polls/tap.py) register in
`TAPS`: the function answers (button label, full text, occasion) and the card is updated the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from bot.engine import Context
from bot.registry import registry
from handlers._common import BIND_FIRST
from handlers.activities.outcome import sign_up

registry.push_kind("card_update", "报名卡片更新")

KEY = re.compile(r"([a-z]{1,12}):([0-9]{1,9})")
# key prefix → fn(ctx, id) -> (button label, text, occasion), for buttons of other features
TAPS: dict[str, Callable[[Context, int], tuple[str, str, str]]] = {}
GONE = "这个活动已经不在了。回复“最近有什么活动”看看其他活动吧。"
LABELS = {"confirmed": "已报名", "waitlisted": "已进入候补（第{n}位）", "already_confirmed": "已报名",
          "already_waitlisted": "已在候补（第{n}位）", "deadline": "已截止", "audience": "不在报名范围",
          "cancelled": "活动已取消", "started": "活动已开始"}


def button_label(outcome) -> str:
    """What the tapped button says afterwards (at most 20 characters)."""
    key = f"already_{outcome.signup_status}" if outcome.status == "already" else outcome.status
    return LABELS.get(key, "已处理").format(n=outcome.position)


@registry.event("event:template_card_event")
def card_tapped(ctx: Context) -> str:
    msg = ctx.msg
    raw = msg.raw or {}
    found = KEY.fullmatch(msg.text.strip())
    if msg.channel != "wecom" or not found or found.group(1) not in TAPS:
        return ""  # not one of our buttons: nothing to do, nothing to say
    label, text, occasion = TAPS[found.group(1)](ctx, int(found.group(2)))
    code, task = str(raw.get("ResponseCode") or "").strip(), str(raw.get("TaskId") or "").strip()
    if code:
        ctx.store.outbox.enqueue(
            "card_update", ctx.member.id if ctx.member else None, text,
            occasion=occasion, dedup_key=f"card_update|{task}|{code}",
            channel=msg.channel, target=msg.user_id,
            payload=json.dumps({"type": "card_update", "response_code": code, "replace_name": label},
                               ensure_ascii=False))
    return ""  # the card itself shows the outcome: no passive reply (the full text is in the push log)


def _signup_tapped(ctx: Context, activity_id: int) -> tuple[str, str, str]:
    activity = ctx.store.activities.get(activity_id)
    if ctx.member is None:
        return "请先绑定", BIND_FIRST, ""
    if activity is None:
        return "活动已不存在", GONE, ""
    outcome, text = sign_up(ctx, activity)
    return button_label(outcome), text, f"activity:{activity.id}"


TAPS["signup"] = _signup_tapped
