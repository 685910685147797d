"""The router: what a message to the bot means and which handler or flow step answers it (results and
the Context handed to handlers are in bot.steps and re-exported here).

Router order (DESIGN.md): 1) global words (取消/帮助/继续)  2) the user's open conversation, unless
the message is confidently a new request (a digression: the conversation is set aside and "继续"
takes it up again)  3) the classifier: confident → the intent; two real intents close together →
ask which, answered by number; otherwise `unknown`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from typing import Any

from bot.answers import holds, says_confirmed, unwrapped
from bot.aside import BIND, CLARIFY, Aside
from bot.clarify import YES_ANSWER, Clarifying
from bot.clock import Clock
from bot.config import Config
from bot.headline import unheadlined
from bot.lettered import picked
from bot.menu import words_for
from bot.messages import IncomingMessage, Reply
from bot.nlu import Classification, Classifier
from bot.normalize import bare_answer, plain_digits
from bot.opening import LISTENING, leads_in, past_lead_in
from bot.openstep import OpenStep
from bot.outside import outside_kind
from bot.privateturn import PrivateTurns
from bot.registry import Registry
from bot.relay import TYPIST
from bot.replycache import KeptReplies
from bot.several import QUEUE, SeveralRequests, suggested
from bot.stage import unmarked
from bot.steps import (
    AFTER_BINDING,
    BIND_FIRST,
    TYPED_FOR,
    TYPIST_WORDS,
    Ask,
    Context,
    Done,
    PassOn,
    Result,
    Retry,
)
from storage import Store
from storage.conversations import NOTE, Conversation

log = logging.getLogger(__name__)

CANCEL_WORDS = {"取消", "退出", "算了", "不办了", "结束", "cancel", "q"}
DECLINE_WORDS = {"算了", "不办了"}  # at a sign-up's confirmation: the step's no, not a global cancel
DECLINING = {"signup", "switch_signup", "cancel_signup"}  # (a ballot's "算了" still leaves it)
HELP_WORDS = {"帮助", "菜单", "help", "?", "？", "功能", "使用说明"}
# not understanding the bot's question ("？", "啥意思", "没看懂"): with a question open it is asked again
PUZZLED = re.compile(r"^(?:嗯|啊|蛤|哈|呃|诶|额|哦)?(?:\?+|(?:啥|什么)意思[啊呀]?\?*|啥\?+|什么\?+|没看懂|看不懂|不懂|"
                     r"没明白|不明白|没懂|what\?*|huh\?*|pardon\?*|sorry\?+)$")
RESUME_WORDS = {"继续", "接着办", "继续刚才的", "接着来"}
CONFIDENT = 0.6  # below this the router asks (two real intents) or says it did not understand
DIGRESS = 0.85  # a message this confidently another request leaves an open question set aside
LABELS = {"help": "查看使用帮助", "greeting": "打个招呼", "bind": "绑定身份", "activity_query": "查询活动",
          "signup": "报名活动", "cancel_signup": "取消报名", "my_signups": "查看我的报名",
          "suggestion": "提建议或意见", "suggestion_status": "查询建议的答复", "checkup_query": "查询体检安排",
          "care_report": "告诉工会同事的喜事或难事", "unsubscribe": "关闭消息推送",
          "vote": "参加投票或测评", "vote_result": "查看投票结果", "checkin": "活动签到"}
CLARIFIABLE = set(LABELS) - {"greeting"}
GUESS = 0.45  # a lone candidate below CONFIDENT is still taken from here up
DIGRESSIBLE = set(LABELS) - {"greeting"}  # "好的" may well mean yes
SHORT_ANSWER = re.compile(r"^(?:[0-9]{1,4}|[是否好对不嗯行确认取消可以]{1,3}|第?[一二三四五六七八九十]{1,2}个?|yes|no|y|n)$")
# only a hesitation ("这个嘛……", "嗯……那个"): never a new request, whatever the classifier guesses
HESITATION = re.compile(r"^(?:这个|那个|就是|嗯+|呃+|额+|唔+|啊+|em+)+[嘛吧呢啊呀哦]*$")
FLOW_INTENT = {"care": "care_report"}  # a flow named otherwise than the intent that starts it


# ---- the router ----------------------------------------------------------------------------------


class Router(SeveralRequests, Clarifying, OpenStep, Aside, KeptReplies, PrivateTurns):
    def __init__(self, store: Store, clock: Clock, config: Config, registry: Registry, services=None) -> None:
        self.store = store
        self.clock = clock
        self.config = config
        self.registry = registry
        self.classifier = Classifier(registry)
        self.services = services if services is not None else {}
        self.ttl = dt.timedelta(minutes=config.get("bot", "conversation_minutes"))
        self._read = {}  # text → (as corrected, its requests): bot/several.py _read_as
        self._init_kept()  # a repeated read-only question's replies (bot/replycache.py)
        self._init_turns()  # a turn a feature marks private writes nothing about its user (bot/privateturn.py)

    def context(self, msg: IncomingMessage) -> Context:
        return Context(msg, self.store, self.clock, self.config, self.registry, self.services,
                       _member=self._watching(msg), turn=self._turn())

    def handle(self, msg: IncomingMessage) -> list[Reply]:
        return self._answering(msg, self._answer)  # (then her last use written, unless the turn was private)

    def _answer(self, msg: IncomingMessage) -> list[Reply]:
        ctx = self.context(msg)
        if msg.kind == "event:click":
            return self._click(ctx)
        if msg.kind != "text":
            handler = self.registry.events.get(msg.kind) or self.registry.events.get("*")
            return self._as_replies(handler(ctx) if handler else [])
        plain = unmarked(plain_digits(msg.text))  # ("**是**", "数学组`王建军`老师住院了": bot/stage.py)
        plain = unheadlined(plain, lambda: ctx.member.name if ctx.member else None)  # ("【后续】当事人韩冬表示：…")
        plain = picked(plain)  # "甲、署名 乙、匿名——我选甲": the option she picked (bot/lettered.py)
        if plain != msg.text:  # "2️⃣", "工号8️⃣0️⃣1️⃣9️⃣": digits, for every step that reads them
            ctx = self.context(dataclasses.replace(msg, text=plain))
            msg = ctx.msg
        word = ctx.norm
        if word in DECLINE_WORDS:  # "算了嘛"/"不办了" to "确认报名…吗？": its no ("还是报吧" next still signs up)
            conv, _ = self.store.conversations.lookup(msg.channel, msg.user_id)
            if conv is not None and conv.step.startswith("confirm") and conv.flow in DECLINING:
                return self._continue(ctx, conv)
        open_now = self.store.conversations.get(msg.channel, msg.user_id) if word in CANCEL_WORDS else None
        self._in_private_flow(open_now.flow if open_now is not None else None)
        if word in CANCEL_WORDS and not self._kept(ctx, open_now):  # ("算了" to "确认报名…吗？" is its no)
            had = self.store.conversations.clear(msg.channel, msg.user_id)
            had = had and not (open_now is not None and open_now.flow.startswith(NOTE))  # a note is no operation
            reread = None if had else self._reread(ctx, Classification(msg.text, "unknown", 0.0))
            if reread is not None:  # "取消" with nothing open: a feature may know what is meant (her one sign-up)
                return self._run_intent(ctx, reread)
            return [Reply("已取消。需要时随时再找我，回复“帮助”查看我能做什么。" if had else
                          "现在没有进行中的操作。回复“帮助”查看我能做什么。")]
        if PUZZLED.match(word) and (again := self._asked_again(msg, word in HELP_WORDS)) is not None:
            return again
        if word in HELP_WORDS:
            self.store.conversations.clear(msg.channel, msg.user_id)
            return self._run_intent(ctx, "help")
        conv, stale = self.store.conversations.lookup(msg.channel, msg.user_id)
        self._in_private_flow(conv.flow if conv is not None else None)
        if conv is not None and bare_answer(msg.text) != msg.text:  # "@工会小助手 是的 确认 谢谢🙏": the answer
            ctx = self.context(dataclasses.replace(msg, text=bare_answer(msg.text)))
            msg, word = ctx.msg, ctx.norm
        if conv is not None and self._asked(conv) and unwrapped(msg.text) not in ("", msg.text):  # "答：是", "前天（划掉）昨天"
            ctx = self.context(dataclasses.replace(msg, text=unwrapped(msg.text)))  # (bot/answers.py, every question)
            msg, word = ctx.msg, ctx.norm
        if word in RESUME_WORDS:
            return self._resume(ctx, conv)
        if conv is not None and conv.flow == CLARIFY:
            return self._clarified(ctx, conv)
        if conv is not None and conv.flow in self.registry.flows:
            beside = self._binding_first(ctx, conv) or self._at_open_step(ctx, conv)  # "家属能去吗", "是 另外…"
            if beside is not None:
                return beside
            result = self._digression(ctx, conv)
            if result is None:
                return self._with_set_aside(ctx, self._continue(ctx, conv))  # ("确认，如上两件事": bot.aside)
            self._set_aside(conv)
            self.store.conversations.clear(msg.channel, msg.user_id)
            label = self.registry.flows[conv.flow].label or "操作"
            return [*self._classified(ctx, result), Reply(f"（刚才的{label}还没完成，回复“继续”接着办。）")]
        if conv is None and not stale:  # answers no open question: perhaps as the same question just did
            return self._fresh_kept(ctx, self._fresh)
        expired = stale and self.store.conversations.clear(msg.channel, msg.user_id)
        return self._once(conv, msg, lambda: self._fresh(ctx, expired))

    def _asked(self, conv: Conversation) -> bool:
        """A question of the bot is open whose answer is a word or a value, not free text (a suggestion's words)."""
        flow = self.registry.flows.get(conv.flow)
        return conv.flow == CLARIFY or (flow is not None and conv.step not in flow.free_text)

    def _asked_again(self, msg, menu_word: bool) -> list[Reply] | None:
        """The open question said again for a teacher who did not follow it ("？"): nothing answered,
        nothing dropped (a "？" is no consent, no yes and no phone number). None when nothing is open, or
        at a confirmation, whose step asks again in other words itself ("嗯？？"; "？" alone means the menu)."""
        conv, _ = self.store.conversations.lookup(msg.channel, msg.user_id)
        if conv is None or conv.flow.startswith(NOTE) or conv.flow not in self.registry.flows or not conv.data.get("_ask"):
            return None
        self._in_private_flow(conv.flow)
        if conv.step.startswith("confirm") and not menu_word:
            return None
        return [Reply("没关系，我再说一遍：\n" + conv.data["_ask"],
                      sensitive=self.registry.flows[conv.flow].sensitive)]

    def _fresh(self, ctx: Context, expired: bool = False) -> list[Reply]:
        """A message that answers no open question: each of its requests, understood."""
        text, parts = self._read_as(ctx.msg.text)  # corrected ("报乒乓球 哦不对 是羽毛球"), then split
        if text != ctx.msg.text:
            ctx = self.context(dataclasses.replace(ctx.msg, text=text))
        msg = ctx.msg
        if len(parts) > 1:
            return self._one(ctx, parts[0]) + self._then(msg, parts[1:])
        if leads_in(msg.text):  # "跟工会说一声", "有个事想麻烦一下": the next message says it (bot.opening)
            ctx.keep_private()  # (which may be an anonymous suggestion: a lead-in alone leaves no trace of her)
            typist = TYPIST.search(ctx.norm)  # "我替我妈发的": the next message is the holder's, said so
            if typist and ctx.member is not None and TYPED_FOR in self.registry.flows:
                data = {TYPIST_WORDS: typist.group(0).strip(), "_ask": LISTENING}
                self.store.conversations.save(Conversation(msg.channel, msg.user_id, TYPED_FOR, "news", data), self.ttl)
            return [Reply(LISTENING)]
        result = self._filed(self.classifier.classify(msg.text))
        if result.intent in ("greeting", "unknown") or result.confidence < CONFIDENT:  # "hi 我是新来的… 想报…"
            result = self._past_lead_in(msg.text, result)
        if expired and result.intent == "unknown":
            return [Reply("刚才的操作已超时，已自动结束。请重新开始，例如回复“帮助”。")]
        return self._classified(ctx, result)

    def _past_lead_in(self, text: str, result):
        """What the message asks past its greeting ("hi …", "老师好，…"): however sure when the whole read as the
        greeting (the usual asking or guessing follows), else only when sure."""
        for rest in past_lead_in(text):
            lead = self.classifier.classify(text[:len(text) - len(rest)])
            if lead.intent != "greeting" or lead.confidence < CONFIDENT:
                break
            found = self.classifier.classify(rest)
            if found.intent not in ("greeting", "unknown") and (result.intent == "greeting" or found.confidence >= DIGRESS):
                return found
        return result

    def _click(self, ctx: Context) -> list[Reply]:
        """A bottom-menu button (its key an intent name): that intent runs as if the teacher had typed
        the button's name; an open question is set aside as for any clear new request ("继续" takes it
        up). A key that names no intent gets the help reply, never silence."""
        msg = ctx.msg
        key = msg.text.strip()
        if key not in self.registry.intents or key == "unknown":
            key = "help"
        words = words_for(self.config.get("menu", "buttons"), key)
        ctx.msg = dataclasses.replace(msg, kind="text", text=words)
        intent = self.registry.intents[key]
        ctx.slots = intent.slots(words) if intent.slots else {}
        conv, _ = self.store.conversations.lookup(msg.channel, msg.user_id)
        note: list[Reply] = []
        if conv is not None and key != "help" and conv.flow in self.registry.flows:
            self._set_aside(conv)
            label = self.registry.flows[conv.flow].label or "操作"
            note = [Reply(f"（刚才的{label}还没完成，回复“继续”接着办。）")]
        if conv is not None:
            self.store.conversations.clear(msg.channel, msg.user_id)
        return self._run_intent(ctx, key) + note

    # ---- understanding: confident, ask which, or not understood --------------------------------------

    def _classified(self, ctx: Context, result) -> list[Reply]:
        if result.intent == "unknown" and outside_kind(ctx.norm, self.classifier.names_activity):  # "帮我报一下学生的春游": not ours
            return self._run_intent(ctx, "unknown")  # (no feature reads it as its own: bot/outside.py)
        for intent in self.registry.intents.values():  # what only a feature can tell (registry.Intent.claims)
            if intent.claims is not None and intent.claims(ctx):
                ctx.slots = intent.slots(ctx.msg.text) if intent.slots else {}
                return self._run_intent(ctx, intent.name)
        ctx.slots = result.slots
        reread = self._reread(ctx, result)
        if reread is not None:
            return self._run_intent(ctx, reread)
        if result.confidence >= CONFIDENT or result.intent == "unknown" or not result.ranked:
            return self._run_intent(ctx, result.intent)
        top_two = result.ranked[:2]
        options = [name for name, _ in top_two if name in CLARIFIABLE]
        if len(options) < 2 or sum(p for _, p in top_two) < CONFIDENT:
            # one real candidate: take it if it is the clear favourite, else say what I can do
            return self._run_intent(ctx, result.intent if result.confidence >= GUESS else "unknown")
        data = {"text": ctx.msg.text, "options": options}
        self._private_options(ctx, options)
        self.store.conversations.save(Conversation(ctx.msg.channel, ctx.msg.user_id, CLARIFY, "choose", data), self.ttl)
        return [Reply("您是想：" + " ".join(f"{i}. {LABELS[o]}" for i, o in enumerate(options, 1)) +
                      "？回复数字即可。")]

    def _reread(self, ctx: Context, result) -> str | None:
        """About to answer with the help menu, a greeting or "您是想…？": a feature may still read the
        message in the context of the previous turn ("那先不报了 我再想想" after a question about 乒乓球)."""
        if (result.confidence >= CONFIDENT and result.intent not in ("unknown", "greeting")) or \
                suggested(ctx.msg.text, result.ranked):  # a suggestion's words are its own ("匿名反映：拔河不去了")
            return None
        for reread in self.registry.rereaders:
            name = reread(ctx, result)
            if name in self.registry.intents:
                intent = self.registry.intents[name]
                ctx.slots = intent.slots(ctx.msg.text) if intent.slots else {}
                return name
        return None

    # ---- digressions: a clear new request never gets swallowed by an open question ---------------------

    def _digression(self, ctx: Context, conv: Conversation):
        """The classification of a message that leaves the open conversation, or None."""
        flow = self.registry.flows[conv.flow]
        free = conv.step in flow.free_text and not (
            flow.leaves is not None and flow.leaves(dataclasses.replace(ctx, data=conv.data, slots={}), ctx.msg.text))
        if free or SHORT_ANSWER.match(ctx.norm) or HESITATION.match(ctx.norm) or holds(ctx.msg.text):  # "我看看"
            return None
        if conv.step.startswith("confirm") and (YES_ANSWER.match(ctx.norm) or says_confirmed(ctx.msg.text)):
            return None  # "確認報名。建議唔使署名", "嗯两个都确认 走了…", "终审意见：确认报名插花沙龙，无需修改。"
        if flow.keeps is not None and flow.keeps(dataclasses.replace(ctx, data=conv.data, slots={}), ctx.msg.text):
            return None
        result = self.classifier.classify(ctx.msg.text)
        same = result.intent in (conv.flow, FLOW_INTENT.get(conv.flow))  # "昨天生的，母子平安" answers the care flow
        if result.intent in DIGRESSIBLE and not same and result.confidence >= DIGRESS:
            return result
        return None

    def _kept(self, ctx: Context, conv: Conversation | None) -> bool:
        """Does the open step take this message as its answer (Flow.keeps)?"""
        flow = self.registry.flows.get(conv.flow) if conv is not None else None
        return bool(flow and flow.keeps and flow.keeps(dataclasses.replace(ctx, data=conv.data, slots={}), ctx.msg.text))

    def _run_intent(self, ctx: Context, name: str) -> list[Reply]:
        intent = self.registry.intents.get(name) or self.registry.intents["unknown"]
        if intent.private:
            ctx.keep_private()
        self._ran(intent.name)
        replies = self._apply(ctx, None, intent.handle(ctx))
        if AFTER_BINDING in self.registry.flows and any(r.text == BIND_FIRST for r in replies) and ctx.member is None \
                and self.store.conversations.get(ctx.msg.channel, ctx.msg.user_id) is None:
            # "我是新老师 想报名数学组趣味运动会": taken up when the binding succeeds (handlers/binding/after.py)
            data = {QUEUE: [ctx.msg.text], "_ask": BIND_FIRST}
            self.store.conversations.save(Conversation(ctx.msg.channel, ctx.msg.user_id, AFTER_BINDING, "after", data),
                                          self.ttl)
        return replies

    def _continue(self, ctx: Context, conv: Conversation) -> list[Reply]:
        flow = self.registry.flows[conv.flow]
        step = flow.steps.get(conv.step)
        if step is None:  # a step renamed by an upgrade: end gracefully
            self.store.conversations.clear(conv.channel, conv.user_id)
            return [Reply("刚才的操作已失效，请重新开始。")]
        from bot.normalize import unhedged

        self._in_private_flow(conv.flow)
        ctx.data = conv.data
        answer = ctx.text if conv.step in flow.free_text else unhedged(ctx.text)  # "那个…2哈" → "2"
        return self._apply(ctx, conv, step(ctx, answer))

    def _apply(self, ctx: Context, conv: Conversation | None, result: Result) -> list[Reply]:
        msg = ctx.msg
        queue = (conv.data.get(QUEUE) if conv is not None else None) or []
        if isinstance(result, Ask):
            flow = result.flow or (conv.flow if conv else None)
            if flow not in self.registry.flows:
                raise ValueError(f"Ask names unknown flow {flow!r}")
            data = dict(result.data if result.data is not None else ctx.data)
            later = queue if flow.startswith(NOTE) else []  # a note waits for no answer: the rest runs now
            if queue and not later:
                data[QUEUE] = queue
            data["_ask"] = result.text  # asked again when a set-aside conversation is resumed
            new = Conversation(msg.channel, msg.user_id, flow, result.step, data, 0)
            self.store.conversations.save(new, self.ttl)
            return [Reply(result.text, sensitive=self.registry.flows[flow].sensitive), *self._then(msg, later)]
        if isinstance(result, Retry):
            if conv is None:
                return [Reply(result.text)]
            flow = self.registry.flows[conv.flow]
            conv.retries += 1
            conv.data = ctx.data
            if conv.retries >= flow.max_retries:
                self.store.conversations.clear(msg.channel, msg.user_id)
                return [Reply(flow.give_up), *self._then(msg, queue)]
            self.store.conversations.save(conv, self.ttl)
            return [Reply(result.text)]
        if isinstance(result, PassOn):
            if conv is not None:
                self.store.conversations.clear(msg.channel, msg.user_id)
            ctx.data = {}
            replies = self._fresh(ctx)
            if conv is not None and conv.flow == AFTER_BINDING and not self._binding(msg):
                queue = []  # "体检几号", "好的" after "先绑定身份": she has moved on, the request is dropped
            return replies + self._then(msg, queue)
        if isinstance(result, Done):
            if conv is not None:
                self.store.conversations.clear(msg.channel, msg.user_id)
            again = self._bound_now(ctx) if conv is not None and conv.flow == BIND else []  # (bot.aside)
            return self._as_replies(result.text) + again + self._then(msg, queue)
        if conv is not None:  # a plain reply from a step also ends the conversation
            self.store.conversations.clear(msg.channel, msg.user_id)
        return self._as_replies(result) + self._then(msg, queue)

    def _binding(self, msg: IncomingMessage) -> bool:
        """Bound now, or a conversation (the guided binding) is open, where the waiting request goes along."""
        conv = self.store.conversations.get(msg.channel, msg.user_id)
        return (conv is not None and not conv.flow.startswith(NOTE)) or \
            self.store.bindings.member_for(msg.channel, msg.user_id) is not None

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

