"""What else a message to an open question may hold (issue 19): a question about what the step waits for
("家属能去吗", "要交钱吗" while a sign-up waits for its yes) is answered and the step stays open, so the next
"是" still counts; a yes followed by a request of its own ("是 另外帮我取消读书会", "是 以后别给我发生日祝福了哈")
answers the step, then the request is done. A mixin of the Router (bot.engine), kept apart as bot.several is."""

from __future__ import annotations

import dataclasses
import re

from bot.answers import asks_instead, hedged, plain_yes
from bot.clarify import YES_ANSWER
from bot.messages import Reply
from bot.nlu import normalize
from bot.normalize import split_requests
from storage.conversations import Conversation

_FIRST = re.compile(r"^\s*([^，,。.！!？?；;\s~～…]+)([，,。.！!；;\s~～…]+.+)$", re.S)
TRAILING = re.compile(r"^\s*(…|~|～|\.\.)")  # "是……等下", "嗯…要不…": a yes trailing off is no clean yes
JOINER = re.compile(r"^(另外|对了|还有|顺便|然后|再就是|还有就是|同时|另)[，,：:、\s]*")
# the rest takes the yes back or doubts it ("好啊……等下 21号晚上我要陪娃 那不去了"): the step reads it all
# (where the flow says so: it knows what the yes was about)
TAKEN_BACK = re.compile(r"等下|等等|等一下|不过|但是|可是|算了|不去|不报|不要了|不参加|去不了|来不了|参加不了|先不|再想|考虑|要不")
RETRACTED = re.compile(r"不对|还是不|不(报|去)了")
WORD_FIRST = re.compile(r"^\s*(\S{1,4}?)[\s,，。!！~]+(?:对了|还有)?[\s,，]*(\S.{3,})$")
ADDED = re.compile(r"^\s*(再|也|还|另外|顺便|顺带)(帮我|给我|替我)?(报|加报|参加)")  # one more of the same kind
ASKED = re.compile(r"[?？吗呢]|几点|请问|问一?下|什么|哪")
REQUESTS = frozenset({"bind", "activity_query", "signup", "cancel_signup", "my_signups", "suggestion", "suggestion_status",
                      "checkup_query", "care_report", "unsubscribe", "vote", "vote_result", "checkin", "help"})
ANSWERED = frozenset({"checkup_query", "my_signups", "suggestion_status", "help"})  # a question of another matter
FLOW_OF = {"switch_signup": "signup", "care": "care_report"}
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
        # only the question ("对了 …几点": by the way, no yes; "没错，我是想问问…吗": only asking): answered, the step
        # waits as it was (no retry counted)
        if not rest or JOINER.fullmatch(rest.strip(" ，,。.！!~")) or asks_instead(ctx.msg.text):
            self.store.conversations.save(conv, self.ttl)
            return [Reply(answer)]
        replies = self._continue(self.context(dataclasses.replace(ctx.msg, text=rest)), conv)
        return [*replies, Reply(answer)]

    def _yes_and_request(self, ctx, conv: Conversation):
        """At a confirmation, the answer said first and then a request of its own: the answer goes to the step,
        then the request is done. The answer is cut off where a joiner says a new request begins ("好的 另外帮我
        取消读书会"), or it is a short yes ("是 以后别给我发生日祝福了哈", "好的好的，对了体检什么时候")."""
        flow = self.registry.flows[conv.flow]
        if conv.step in flow.free_text and conv.step not in flow.short_answers:
            return None
        text = ctx.msg.text.strip()
        first, *rest = split_requests(text)
        if rest and len(first) <= 12:  # "不了，另外…", "确认报名吧 另外…": whatever the answer, a joiner follows
            said, rest, joined = [first], " ".join(rest), True  # (at any step: "张伟，另外匿名投诉一下食堂太贵" to "哪位老师？")
        elif conv.step.startswith("confirm"):
            (said, rest), joined = self._yes_first(text), False
        else:
            return None
        if not said or not rest or hedged(rest) or asks_instead(text):  # "嗯 这个嘛": a filler trailing off, no yes
            return None  # and no request; "确认一下，我没报上吧？": a question, no yes
        norm = normalize(rest)
        if (TAKEN_BACK.search(norm) or RETRACTED.search(rest)) and (  # unless about another thing ("还有读书会我不去了帮我取消")
                flow.keeps is None or flow.keeps(dataclasses.replace(ctx, data=conv.data, slots={}), rest)):
            return None
        result = self.classifier.classify(rest)
        same = result.intent == FLOW_OF.get(conv.flow, conv.flow) and not joined and not ADDED.match(rest)  # "是 再报个拔河"
        if same or result.intent not in REQUESTS or result.confidence < REQUEST or plain_yes(norm) \
                or (ASKED.search(rest) and result.intent not in ANSWERED):  # "好 顺便问下几点集合": the step's
            return None
        msg = ctx.msg
        replies = self._continue(self.context(dataclasses.replace(msg, text=" ".join(said))), conv)
        return replies + self._then(msg, [rest])

    @staticmethod
    def _yes_first(text: str) -> tuple[list[str], str]:
        """The short yes said first and the words after it ("嗯嗯 好的，另外…" → ["嗯嗯", "好的"], "…"); a short yes
        as the shared reader reads it (bot.answers.plain_yes: "是", "好滴", "冲", "行吧")."""
        said, rest = [], text
        while (m := _FIRST.match(rest)) and plain_yes(m.group(1)) \
                and not TRAILING.match(m.group(2)):
            said.append(m.group(1))
            rest = JOINER.sub("", m.group(2).strip(" ，,。.！!；;\n\t"))
        if not said and (m := WORD_FIRST.match(text)):  # "要得 对了帮我把体检…": a yes word of a few characters
            said, rest = [m.group(1)], m.group(2)
        if not said or not YES_ANSWER.match(normalize(said[0])) or JOINER.fullmatch(said[0].strip()):
            return [], ""  # "对了 帮我取消读书会": by the way, no yes
        return said, rest
