"""What else a message to an open question may hold (issue 19): a question about what the step waits for
("家属能去吗", "要交钱吗" while a sign-up waits for its yes) is answered and the step stays open, so the next
"是" still counts; a yes followed by a request of its own ("是 另外帮我取消读书会", "是 以后别给我发生日祝福了哈")
answers the step, then the request is done. A mixin of the Router (bot.engine), kept apart as bot.several is."""

from __future__ import annotations

import dataclasses
import re

from bot.clarify import YES_ANSWER
from bot.messages import Reply
from bot.nlu import normalize
from storage.conversations import Conversation

# a short yes said first: "是", "好的", "嗯嗯", "确认", "ok" (at most a few characters, one clause)
SHORT_YES = re.compile(r"^(是的?|对的?|好的?|好滴|好哒|好嘞|嗯+|恩+|行|可以|确认|确定|没问题|ok|yes|要得|中|成|妥)[啊呀吧了哈啦]?$")
_FIRST = re.compile(r"^\s*([^，,。.！!？?；;\s~～…]+)([，,。.！!；;\s~～…]+.+)$", re.S)
TRAILING = re.compile(r"^\s*(…|~|～|\.\.)")  # "是……等下", "嗯…要不…": a yes trailing off is no clean yes
JOINER = re.compile(r"^(另外|对了|还有|顺便|然后|再就是|还有就是|同时|另)[，,：:、\s]*")
# the rest takes the yes back or doubts it ("好啊……等下 21号晚上我要陪娃 那不去了"): the step reads it all
# (where the flow says so: it knows what the yes was about)
TAKEN_BACK = re.compile(r"等下|等等|等一下|不过|但是|可是|算了|不去|不报|不要了|不参加|去不了|先不|再想|考虑|要不")
FLOW_OF = {"switch_signup": "signup"}
REQUEST = 0.85  # as bot.engine DIGRESS: the rest must be confidently a request of its own


class OpenStep:
    """Needs the Router's registry, store, ttl, classifier, context, _continue and _then."""

    def _at_open_step(self, ctx, conv: Conversation):
        """Replies when the message holds a question or a request beside its answer, else None."""
        return self._asked_back(ctx, conv) or self._yes_and_request(ctx, conv)

    def _asked_back(self, ctx, conv: Conversation):
        flow = self.registry.flows[conv.flow]
        if flow.answers is None or conv.step in flow.free_text:
            return None
        other = self.classifier.classify(ctx.msg.text)  # "体检什么时候": a question of its own, not about this step
        if other.confidence >= REQUEST and other.intent not in (FLOW_OF.get(conv.flow, conv.flow), "activity_query",
                                                                  "greeting", "unknown"):
            return None
        found = flow.answers(dataclasses.replace(ctx, data=conv.data, slots={}), ctx.msg.text)
        if found is None:
            return None
        answer, rest = found
        if not rest:  # only the question: answered, the step waits as it was (no retry counted)
            self.store.conversations.save(conv, self.ttl)
            return [Reply(answer)]
        replies = self._continue(self.context(dataclasses.replace(ctx.msg, text=rest)), conv)
        return [*replies, Reply(answer)]

    def _yes_and_request(self, ctx, conv: Conversation):
        flow = self.registry.flows[conv.flow]
        if not conv.step.startswith("confirm") or conv.step in flow.free_text:
            return None
        said, rest = [], ctx.msg.text.strip()
        while (m := _FIRST.match(rest)) and SHORT_YES.match(normalize(m.group(1)).strip()) \
                and not TRAILING.match(m.group(2)):
            said.append(m.group(1))
            rest = JOINER.sub("", m.group(2).strip(" ，,。.！!；;\n\t"))
        if not said or not rest or not YES_ANSWER.match(normalize(said[0])):
            return None
        if TAKEN_BACK.search(normalize(rest)) and (  # unless it is about another thing ("还有读书会我不去了帮我取消")
                flow.keeps is None or flow.keeps(dataclasses.replace(ctx, data=conv.data, slots={}), rest)):
            return None
        result = self.classifier.classify(rest)
        same = result.intent == conv.flow or result.intent in ("greeting", "unknown")
        if same or result.confidence < REQUEST or SHORT_YES.match(normalize(rest).strip()):
            return None
        msg = ctx.msg
        replies = self._continue(self.context(dataclasses.replace(msg, text=" ".join(said))), conv)
        return replies + self._then(msg, [rest])
