"""Context handed to handlers, flow step results, and the router that ties them together.

Router order (DESIGN.md): 1) global words (取消/帮助)  2) the user's open conversation
3) jieba keyword intents  4) fallback (the `unknown` intent).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from bot.clock import Clock
from bot.config import Config
from bot.messages import IncomingMessage, Reply
from bot.nlu import Classifier, normalize
from bot.registry import Registry
from storage import Member, Store
from storage.conversations import Conversation

log = logging.getLogger(__name__)

CANCEL_WORDS = {"取消", "退出", "算了", "不办了", "结束", "cancel", "q"}
HELP_WORDS = {"帮助", "菜单", "help", "?", "？", "功能", "使用说明"}


# ---- what handlers and flow steps return -------------------------------------------------------


@dataclass
class Ask:
    """Ask a question and wait: the conversation continues at `step` (of `flow`, default: current)."""

    text: str
    step: str
    flow: str | None = None
    data: dict | None = None  # start data when a handler starts a flow


@dataclass
class Retry:
    """The answer was not understood: say so and stay on the same step (bounded)."""

    text: str


@dataclass
class Done:
    """The conversation is over."""

    text: str | list[str] = ""


Result = Ask | Retry | Done | Reply | str | list


# ---- the context ---------------------------------------------------------------------------------


@dataclass
class Context:
    msg: IncomingMessage
    store: Store
    clock: Clock
    config: Config
    registry: Registry
    services: dict[str, Any] = field(default_factory=dict)
    slots: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # the open flow's data (persisted)
    _member: Member | bool | None = False

    @property
    def member(self) -> Member | None:
        """The bound member, or None for a user who has not bound yet."""
        if self._member is False:
            self._member = self.store.bindings.member_for(self.msg.channel, self.msg.user_id)
        return self._member

    def forget_member(self) -> None:
        self._member = False

    @property
    def text(self) -> str:
        return self.msg.text.strip()

    @property
    def norm(self) -> str:
        return normalize(self.msg.text)

    def service(self, name: str) -> Any:
        return self.services[name]


# ---- the router ----------------------------------------------------------------------------------


class Router:
    def __init__(self, store: Store, clock: Clock, config: Config, registry: Registry, services=None) -> None:
        self.store = store
        self.clock = clock
        self.config = config
        self.registry = registry
        self.classifier = Classifier(registry)
        self.services = services if services is not None else {}
        self.ttl = dt.timedelta(minutes=config.get("bot", "conversation_minutes"))

    def context(self, msg: IncomingMessage) -> Context:
        return Context(msg, self.store, self.clock, self.config, self.registry, self.services)

    def handle(self, msg: IncomingMessage) -> list[Reply]:
        ctx = self.context(msg)
        if msg.kind != "text":
            handler = self.registry.events.get(msg.kind) or self.registry.events.get("*")
            return self._as_replies(handler(ctx) if handler else [])
        self.store.channel_users.seen(msg.channel, msg.user_id)
        word = ctx.norm
        if word in CANCEL_WORDS:
            had = self.store.conversations.clear(msg.channel, msg.user_id)
            return [Reply("已取消。需要时随时再找我，回复“帮助”查看我能做什么。" if had else
                          "现在没有进行中的操作。回复“帮助”查看我能做什么。")]
        if word in HELP_WORDS:
            self.store.conversations.clear(msg.channel, msg.user_id)
            return self._run_intent(ctx, "help")
        conv = self.store.conversations.get(msg.channel, msg.user_id)
        if conv is not None and conv.flow in self.registry.flows:
            return self._continue(ctx, conv)
        expired = self.store.conversations.clear(msg.channel, msg.user_id)  # only an expired one can be left
        result = self.classifier.classify(msg.text)
        ctx.slots = result.slots
        if expired and result.intent == "unknown":
            return [Reply("刚才的操作已超时，已自动结束。请重新开始，例如回复“帮助”。")]
        return self._run_intent(ctx, result.intent)

    def _run_intent(self, ctx: Context, name: str) -> list[Reply]:
        intent = self.registry.intents.get(name) or self.registry.intents["unknown"]
        return self._apply(ctx, None, intent.handle(ctx))

    def _continue(self, ctx: Context, conv: Conversation) -> list[Reply]:
        flow = self.registry.flows[conv.flow]
        step = flow.steps.get(conv.step)
        if step is None:  # a step renamed by an upgrade: end gracefully
            self.store.conversations.clear(conv.channel, conv.user_id)
            return [Reply("刚才的操作已失效，请重新开始。")]
        ctx.data = conv.data
        return self._apply(ctx, conv, step(ctx, ctx.text))

    def _apply(self, ctx: Context, conv: Conversation | None, result: Result) -> list[Reply]:
        msg = ctx.msg
        if isinstance(result, Ask):
            flow = result.flow or (conv.flow if conv else None)
            if flow not in self.registry.flows:
                raise ValueError(f"Ask names unknown flow {flow!r}")
            data = result.data if result.data is not None else ctx.data
            new = Conversation(msg.channel, msg.user_id, flow, result.step, data, 0)
            self.store.conversations.save(new, self.ttl)
            return [Reply(result.text)]
        if isinstance(result, Retry):
            if conv is None:
                return [Reply(result.text)]
            flow = self.registry.flows[conv.flow]
            conv.retries += 1
            conv.data = ctx.data
            if conv.retries >= flow.max_retries:
                self.store.conversations.clear(msg.channel, msg.user_id)
                return [Reply(flow.give_up)]
            self.store.conversations.save(conv, self.ttl)
            return [Reply(result.text)]
        if isinstance(result, Done):
            if conv is not None:
                self.store.conversations.clear(msg.channel, msg.user_id)
            return self._as_replies(result.text)
        if conv is not None:  # a plain reply from a step also ends the conversation
            self.store.conversations.clear(msg.channel, msg.user_id)
        return self._as_replies(result)

    @staticmethod
    def _as_replies(result: Any) -> list[Reply]:
        if result is None or result == "":
            return []
        if isinstance(result, Reply):
            return [result]
        if isinstance(result, str):
            return [Reply(result)]
        out: list[Reply] = []
        for item in result:
            out.extend(Router._as_replies(item))
        return out
