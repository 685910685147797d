"""去投票: the button on a poll's 企业微信 card (handlers/polls/notices.py), tapped.

企业微信 sends the tap as `template_card_event` with the key `vote:<poll id>` (handlers/onetap.py
routes it here). A ballot cannot be cast by one tap — the voter must still choose — so the tap starts
the vote conversation for that poll through the same code as typing "投票" (handlers/polls `begin`:
eligibility, already voted, closed), and the first question goes to the voter at once as a
`tap_reply` (the app message API, sent by the channel's after_dispatch before the card update, so
it shows in the push log like the card). The card's button then says what happened.

The reply is the poll's questions, the same for every voter; the conversation that will hold the
choices is sealed like every conversation. Nothing here touches a ballot.
"""

from __future__ import annotations

import datetime as dt

from bot.engine import Ask, Context
from bot.registry import registry
from handlers.onetap import TAPS
from handlers.polls import begin
from storage.conversations import Conversation

registry.push_kind("tap_reply", "按钮回复")

LABELS = {"started": "请在对话中作答", "choose": "请在对话中选择", "already": "已投过票", "not_eligible": "不在投票范围",
          "closed": "投票已截止", "not_open": "投票尚未开始", "bind": "请先绑定", "none": "投票已不存在"}


def vote_tapped(ctx: Context, poll_id: int) -> tuple[str, str, str]:
    """(button label, text, occasion) for onetap's card update; the answer sent as a tap_reply."""
    ctx.store.polls.close_due()
    if ctx.store.polls.get(poll_id) is None:
        outcome, answer = "none", "这个投票已经不在了。回复“投票”看看进行中的投票。"
    else:
        outcome, answer = begin(ctx, poll_id)
    msg = ctx.msg
    if isinstance(answer, Ask):  # the conversation "投票" would have started, for this account
        ttl = dt.timedelta(minutes=ctx.config.get("bot", "conversation_minutes"))
        ctx.store.conversations.save(Conversation(msg.channel, msg.user_id, answer.flow, answer.step,
                                                  {**(answer.data or {}), "_ask": answer.text}), ttl)
        answer = answer.text
    text = str(answer)
    raw = msg.raw or {}
    code = str(raw.get("ResponseCode") or "").strip() or msg.msg_id
    ctx.store.outbox.enqueue("tap_reply", ctx.member.id if ctx.member else None, text, occasion=f"poll:{poll_id}",
                             dedup_key=f"tap_reply|{raw.get('TaskId') or ''}|{code}", channel=msg.channel,
                             target=msg.user_id)
    return LABELS.get(outcome, "已处理"), text, f"poll:{poll_id}"


TAPS["vote"] = vote_tapped
