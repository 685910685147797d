"""A conversation set aside by a clear new request, and "继续" taking it up again. A mixin of the
Router (bot.engine), kept apart as bot.several is."""

from __future__ import annotations

import dataclasses
import re

from bot.messages import Reply
from bot.steps import SAID_NAME
from storage.conversations import NOTE, Conversation

CLARIFY = "_clarify"
ASIDE = "#aside"  # the set-aside conversation is kept under channel + ASIDE (channel names are ours:
# no platform user id can reach that key)


BIND, BINDING_DONE = "bind", "_after_binding"  # the binding's intent and flow; a mark in the set-aside data
NOT_HERE = frozenset({"content"})  # a suggestion's words: never read as anything else (the attack rules)
STAFF_NO = re.compile(r"[0-9]{3,}|工号|职工号")
# only a name and a 工号, in either order ("李娜 1003", "1003 李娜", "李娜，工号1003"): who she is and nothing else
BARE_IDENTITY = re.compile(r"^\s*(?:[\u4e00-\u9fa5]{2,4}[\s,，、]*(?:工号|职工号)?[:：是]?\s*[0-9]{3,10}|"
                           r"(?:工号|职工号)?[:：是]?\s*[0-9]{3,10}[\s,，、]*[\u4e00-\u9fa5]{2,4})[\s。.!！]*$")
WAITING = "（刚才的{label}等绑定好后接着办。）"


class Aside:
    """Needs the Router's store, ttl, registry, classifier, _run_intent."""

    def _binding_first(self, ctx, conv: Conversation):
        """"王建军 工号1031" (or "我叫王建军": the binding feature's claim) from a teacher not yet bound, where the bot asked "要署上您的名字吗？": she binds first.
        The open question waits and is asked again once she is bound (never read as an answer: a name given
        is no consent to sign). Replies, or None when the message is no binding."""
        if conv.flow == BIND or conv.flow.startswith(NOTE) or conv.step in NOT_HERE or BIND not in self.registry.intents \
                or ctx.member is not None:
            return None
        intent = self.registry.intents[BIND]
        if intent.claims is not None and intent.claims(ctx):  # "我叫何秀英", "我是行政后勤组的何秀英": the feature knows
            slots = intent.slots(ctx.msg.text) if intent.slots else {}
        else:
            result = self.classifier.classify(ctx.msg.text) if STAFF_NO.search(ctx.norm) else None
            if result is None or result.intent != BIND or \
                    (result.confidence < 0.85 and not (result.slots.get("staff_no") and (
                        result.confidence >= 0.6 or BARE_IDENTITY.match(ctx.norm)))):
                return None  # ("李娜 1003": her 工号 with a name, a little less sure)
            slots = result.slots
        if conv.data.get(SAID_NAME) and not slots.get("name") and slots.get("staff_no"):  # "工号8036 手机后四位8036"
            slots = {**slots, "name": conv.data[SAID_NAME]}
        self._set_aside(dataclasses.replace(conv, data={**conv.data, BINDING_DONE: True}))
        self.store.conversations.clear(conv.channel, conv.user_id)
        ctx.slots = slots
        replies = self._run_intent(ctx, BIND)
        label = self.registry.flows[conv.flow].label or "操作"
        return replies + (self._bound_now(ctx) or [Reply(WAITING.format(label=label))])

    def _bound_now(self, ctx) -> list[Reply]:
        """Once bound, the question set aside for the binding is asked again."""
        msg = ctx.msg
        aside = self.store.conversations.get(msg.channel + ASIDE, msg.user_id)
        if aside is None or not aside.data.get(BINDING_DONE) or self.store.conversations.get(msg.channel, msg.user_id) \
                or self.store.bindings.member_for(msg.channel, msg.user_id) is None:
            return []
        self.store.conversations.clear(msg.channel + ASIDE, msg.user_id)
        data = {k: v for k, v in aside.data.items() if k not in (BINDING_DONE, SAID_NAME)}
        self.store.conversations.save(dataclasses.replace(aside, channel=msg.channel, data=data), self.ttl)
        return [Reply("好的，接着刚才的：" + (aside.data.get("_ask") or "请按刚才的提示回复。"))]

    def _set_aside(self, conv: Conversation) -> None:
        aside = dataclasses.replace(conv, channel=conv.channel + ASIDE, retries=0)
        self.store.conversations.save(aside, self.ttl)

    def _resume(self, ctx, conv: Conversation | None) -> list[Reply]:
        msg = ctx.msg
        aside = self.store.conversations.get(msg.channel + ASIDE, msg.user_id)
        if aside is None:
            return [Reply("没有可以继续的操作。回复“帮助”查看我能做什么。")]
        if conv is not None and conv.flow != CLARIFY and not conv.flow.startswith(NOTE):  # finish what is open first
            return [Reply("请先回复当前的问题：" + (conv.data.get("_ask") or "") + "\n完成后再回复“继续”办刚才的事。")]
        self.store.conversations.clear(msg.channel + ASIDE, msg.user_id)
        self.store.conversations.save(dataclasses.replace(aside, channel=msg.channel), self.ttl)
        self._in_private_flow(aside.flow)  # (bot/privateturn.py)
        question = aside.data.get("_ask") or "请按刚才的提示回复。"
        return [Reply("好的，接着刚才的：" + question)]

    def _with_set_aside(self, ctx, replies: list[Reply]) -> list[Reply]:
        """A yes for both things waiting ("确认，如上两件事", "两件事都确认", "都确认"), given when the one asked last is
        done: the question set aside for it gets the same yes (its step judges it as it would alone)."""
        msg = ctx.msg
        if not BOTH_SAID.search(ctx.norm) or self.store.conversations.get(msg.channel, msg.user_id) is not None:
            return replies
        aside = self.store.conversations.get(msg.channel + ASIDE, msg.user_id)
        if aside is None or not aside.step.startswith("confirm") or aside.flow not in self.registry.flows:
            return replies
        self.store.conversations.clear(msg.channel + ASIDE, msg.user_id)
        self.store.conversations.save(dataclasses.replace(aside, channel=msg.channel), self.ttl)
        return replies + self._continue(ctx, dataclasses.replace(aside, channel=msg.channel))


# a yes for the two things asked, not for two activities ("两个都确认" at a list is its own step's): "确认，如上两件事",
# "两件事都确认", "以上都确认", "一并确认"
BOTH_SAID = re.compile(r"如上|以上|上述|(?:这|那)?(?:两|二|2)件事?|一并")
