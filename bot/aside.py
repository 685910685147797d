"""A conversation set aside by a clear new request, and "继续" taking it up again. A mixin of the
Router (bot.engine), kept apart as bot.several is."""

from __future__ import annotations

import dataclasses

from bot.messages import Reply
from storage.conversations import NOTE, Conversation

CLARIFY = "_clarify"
ASIDE = "#aside"  # the set-aside conversation is kept under channel + ASIDE (channel names are ours:
# no platform user id can reach that key)


class Aside:
    """Needs the Router's store and ttl."""

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
        question = aside.data.get("_ask") or "请按刚才的提示回复。"
        return [Reply("好的，接着刚才的：" + question)]
