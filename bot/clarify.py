"""The answer to "您是想：1. … 2. …？" (the Router asks it when two intents are close): a number, a yes to the
one that does something, a message that tells more, or one that restates an option; anything else is a
new message, read with the question when it only makes sense with it. A mixin of the Router (bot.engine),
kept apart as bot.several is."""

from __future__ import annotations

import dataclasses
import re

from bot.answers import confirms, says_confirmed, yes_first
from bot.messages import Reply
from bot.nlu import normalize
from bot.several import ACTIONS, CONFIDENT, DIGRESS, QUEUE
from bot.stage import quoted_answer
from storage.conversations import Conversation

# a yes said first, by its first word (bot.engine: an answer at a confirmation is never a digression)
YES_ANSWER = re.compile(r"^(是|对|好|嗯|恩|行|可以|确认|确定|没问题|ok|yes|要|整|报|冲|中|成)")
REFUSED_ANSWER = re.compile(r"^(都)?(不是|不对|没有|不用|不要|算了|没事)")  # "都不是" to "您是想…？": neither
THANKED = re.compile(r"[，,。.！!\s]*(谢谢|多谢|感谢|麻烦)(你|您|你们|工会|组织)?(的)?(关心|费心|帮忙)?(了|啦|啊)?[。.！!~]*$")  # "…，谢谢工会关心"
NAMES_ITS_OWN = {"signup", "cancel_signup", "bind"}
DECLINED = re.compile(r"^(算了|不用|不必|没事了|不麻烦|不要了|不报|别报|先不)")  # to "您是想…": neither
# … and says nothing else ("不用报了 谢谢", "算了吧"): the question is dropped and nothing new is asked
ONLY_DECLINED = re.compile(r"^(算了|不用|不必|没事了?|不麻烦|不要了|不报|别报|先不)[了报办啦吧的呀啊哈，,。.！!\s~～]*"
                           r"((谢谢|谢了|多谢)[您你啦了呀啊哈，,。.！!\s~～]*)?$")
ASKS = re.compile(r"[?？吗呢么]|什么|啥|几|哪|多少|怎么")  # "读书会几点开始": a question of its own
SIGNS = re.compile(r"(确认|确定)(报名|参加)|报上|记上")  # a confirmation that says what it confirms: the sign-up
WITHDRAW_SAID = re.compile(r"取消|退掉|退了|撤销|撤掉|不去了")
# the withdrawal chosen by its verb, said last ("道心已定，不必挽留。撤。", "取消那个", "想好了，退掉吧") to "1. 报名活动 2. 取消报名？"
# ("别撤", "撤吗？", "先不退" choose nothing: a verb refused or asked about is no choice)
WITHDRAWAL_CHOSEN = re.compile(r"(?:^|[，,。.！!；;\s~…—])(?:那就?|就|还是|我要|我选|给我|帮我)?(?:撤回|撤销|撤掉|撤了|撤|取消报名|取消|"
                               r"退掉|退了|退出|退)(?:吧|了|啦|掉|那个|报名)*[。.！!~…]*$")
# … or refused ("别撤", "先不取消了", "不退"): her sign-up kept, the other option's answer ("您已经报名了…")
WITHDRAWAL_REFUSED = re.compile(r"(?:^|[，,。.！!；;\s~…—])(?:还是|那就?|就|先)?(?:别|不要|不用|甭|不|先不|暂时不|还是不)(?:给我|帮我)?(?:撤|取消|退)"
                                r"(?:回|销|掉|了|啦|吧|报名)*[。.！!~…]*$")
REFERS_BACK = re.compile(r"^(那|然后|后来)?(他|她)(?!说|们说)")  # "她大前天去医院…": about the one the first message named


def yes_to_which(said: str) -> bool:
    """A yes to "您是想…？", by the shared reader (bot/answers.py): a plain yes said first ("行 那…", "好滴", "冲，确认")
    or a confirmation alone ("确认报名"); "行政楼…", "好几个…", "可以在食堂多开个窗口吗", "嗯食堂的菜太咸了" begin like a
    yes and are her words (attack review 18)."""
    return yes_first(said) or confirms(said)

YES_REST = re.compile(r"^(?:[是对好行要整报冲中成嗯恩]|可以|确认|确定|没问题|ok|yes)+[的吧啊呀嘞哒滴了哈啦呗嘛咯哦噢喔得撒嘿]*"
                      r"[,，。.!！~～\s]+")
ORDINALS = {"1": 0, "2": 1, "一": 0, "二": 1, "第一个": 0, "第二个": 1, "第1个": 0, "第2个": 1, "前者": 0, "后者": 1}


class Clarifying:
    """Needs the Router's classifier, store, _classified, _run_intent, _continue and _then."""

    def _clarified(self, ctx, conv: Conversation) -> list[Reply]:
        """The answer to "您是想：1. … 2. …？": the chosen intent runs with the original text."""
        answer = quoted_answer(ctx.msg.text)  # "“是否确认报名乒乓球友谊赛”——确认，上车了": the words after the quote
        if answer:
            ctx = dataclasses.replace(ctx, msg=dataclasses.replace(ctx.msg, text=answer))
        choice = ORDINALS.get(ctx.norm)
        said_yes = choice is None and (choice := self._yes_to_action(ctx.msg.text, conv.data["options"])) is not None
        told = choice is None and (choice := self._told_more(ctx.msg.text, conv.data)) is not None
        told = told or (choice is None and (choice := self._names_its_object(ctx.msg.text, conv.data)) is not None)
        verb = choice is None and (choice := self._withdrawal_verb(ctx.norm, conv.data["options"])) is not None
        queue = conv.data.get(QUEUE, [])
        msg = ctx.msg
        if choice is None:  # not an answer: drop the question and treat this as a new message
            self.store.conversations.clear(conv.channel, conv.user_id)
            if ONLY_DECLINED.match(ctx.msg.text.strip()):
                return self._run_intent(ctx, "unknown") + self._then(msg, queue)
            result = self.classifier.classify(ctx.msg.text)
            options, combined = conv.data["options"], conv.data["text"] + "，" + msg.text
            # "帮我报上", "以后都不用发了" to "1. … 2. …？": that one, about what was asked first ("那帮我报拔河吧"
            # names its own: it stands alone); "不冲突的话就都报了吧" is read with the question it answers
            # … and "我想报名参加" to "1. 查询活动 2. 取消报名？" about "读书会": the sign-up, of what was named first
            restated = result.intent in ACTIONS and not result.slots and (
                result.intent in options or bool(self._slots_of(result.intent, conv.data["text"])))
            bare = result.intent in ACTIONS and not result.slots
            named = result.intent == "activity_query" and result.slots and not ASKS.search(ctx.norm)
            if not restated and (result.intent not in options or result.confidence < CONFIDENT) \
                    and (result.confidence < DIGRESS or bare or named) and not REFUSED_ANSWER.match(ctx.norm):
                joint = self.classifier.classify(combined)
                odds = dict(joint.ranked)  # read with the question, one of the two offered is the clear favourite
                clear = joint.intent in options and (joint.confidence >= CONFIDENT or all(
                    odds[joint.intent] >= 2 * odds.get(o, 0.0) for o in options if o != joint.intent))
                clear = clear or (bare and joint.intent == result.intent and bool(joint.slots))
                restated, result = (True, joint) if clear else (False, result)
            restated = restated or (result.intent in options and bool(REFERS_BACK.match(ctx.norm)))
            if result.intent in options and result.intent not in ACTIONS and not restated:  # "我是不是也在拔河名单里": that question
                ctx.slots = result.slots
                return self._run_intent(ctx, result.intent) + self._then(msg, queue)
            if restated:
                ctx.msg = dataclasses.replace(msg, text=combined)
                ctx.slots = self.classifier.classify(combined).slots
                replies = self._run_intent(ctx, result.intent)
                asked = self.store.conversations.get(msg.channel, msg.user_id)
                said = normalize(msg.text)
                if asked is not None and asked.step in ("confirm", "confirm_many") and (
                        yes_to_which(said) or says_confirmed(said)):  # ("核对完毕，信息无误，确认报名。…反正赶紧给我报上！")
                    ctx.msg = msg  # "确认！裁判鸣哨，报名有效" to "1. 提建议 2. 查询活动？" about 拔河: its yes answers too
                    replies = self._continue(ctx, asked)
                return replies + self._then(msg, queue)
            return self._classified(ctx, result) + self._then(msg, queue)
        self.store.conversations.clear(conv.channel, conv.user_id)
        original = conv.data["text"] + ("，" + msg.text if told else "")  # what was told more belongs to it
        ctx.msg = dataclasses.replace(ctx.msg, text=original)
        ctx.slots = self.classifier.classify(original).slots
        replies = self._run_intent(ctx, conv.data["options"][choice])
        asked = self.store.conversations.get(msg.channel, msg.user_id) if said_yes or verb else None
        rest = YES_REST.sub("", normalize(msg.text).strip(), count=1) if said_yes else ""
        if asked is not None and rest != normalize(msg.text).strip() and len(rest) >= 4 and asked.flow in self.registry.flows \
                and asked.step in self.registry.flows[asked.flow].free_text:  # "好的，行政楼厕所…": the words asked for
            ctx.msg = dataclasses.replace(msg, text=msg.text.strip()[len(msg.text.strip()) - len(rest):])
            return replies[:-1] + self._continue(ctx, asked) + self._then(msg, queue)
        withdrawn = asked is not None and asked.flow == "cancel_signup"
        if asked is not None and asked.step in ("confirm", "confirm_many") and (
                not withdrawn or verb or (WITHDRAW_SAID.search(normalize(msg.text)) and not ASKS.search(normalize(msg.text)))) \
                and (withdrawn or not verb):  # (the withdrawal chosen by its verb confirms that, and only that)
            # "整吧，确认": the yes answers it too (not a withdrawal's: "是的" to "1. 查询活动 2. 取消报名？",
            # unless the answer says so itself: "是额 取消")
            ctx.msg = msg
            replies = self._continue(ctx, asked)
        return replies + self._then(msg, queue)

    def _yes_to_action(self, text: str, options: list[str]):
        """"是/好/整吧/确认" to "您是想：1. 查询活动 2. 报名活动？" means the one that does something."""
        doing = [i for i, o in enumerate(options) if o in ACTIONS or o == "suggestion"]
        said = normalize(text)
        if "signup" in options and SIGNS.search(said) and says_confirmed(said) and not ASKS.search(said):
            other = self.classifier.classify(text)  # "…请把徐丽放进候补名单。确认报名" to "1. 提建议 2. 报名活动？":
            if other.intent in options or other.confidence < CONFIDENT or other.intent in ("unknown", "greeting"):
                return options.index("signup")  # the sign-up confirmed in words chooses it
        if len(doing) == 1 and yes_to_which(said):
            other = self.classifier.classify(text)  # "行 那我不去了 帮我取消拔河": a yes to nothing offered
            if other.intent in ACTIONS and other.intent not in options and other.confidence >= CONFIDENT:
                return None  # "确认！报名有效" to "1. 提建议 2. 查询活动？": the yes is to a sign-up, not offered
            if other.intent in options or other.intent in ("unknown", "greeting") or other.confidence < DIGRESS:
                return doing[0]
        return None

    @staticmethod
    def _withdrawal_verb(said: str, options: list[str]):
        """The withdrawal chosen by its verb said last ("道心已定，不必挽留。撤。"), or refused ("别撤": the sign-up kept,
        answered by the sign-up's "您已经报名了…"); a verb asked about chooses nothing."""
        if "cancel_signup" not in options or ASKS.search(said):
            return None
        if WITHDRAWAL_CHOSEN.search(said):
            return options.index("cancel_signup")
        if "signup" in options and WITHDRAWAL_REFUSED.search(said):
            return options.index("signup")
        return None

    def _slots_of(self, name: str, text: str) -> dict:
        intent = self.registry.intents.get(name)
        return intent.slots(normalize(text)) if intent is not None and intent.slots else {}

    def _names_its_object(self, text: str, asked: dict):
        """"读书会", "贰号 羽毛球那个" to "您是想：1. 查看我的报名 2. 报名活动？": what the one option that does
        something needs, named (not asked about, nor another request): that option."""
        doing = [o for o in asked["options"] if o in ACTIONS]
        if len(doing) != 1 or ASKS.search(normalize(text)) or not self._slots_of(doing[0], text):
            return None
        alone = self.classifier.classify(text)
        if alone.intent in ACTIONS and alone.confidence >= CONFIDENT:
            return None  # "取消读书会", "那给我报个拔河吧": a request of its own
        return asked["options"].index(doing[0])

    def _told_more(self, text: str, asked: dict):
        """To "您是想：1. 告诉工会同事的喜事或难事 2. 提建议？", an answer that is no request of its own but tells
        more ("是我自己，上周五摔的") chooses the option the first message and it make clear together."""
        if DECLINED.match(text.strip()):
            return None  # "算了 不用了": no more told, the question is dropped
        alone = self.classifier.classify(text)
        if alone.confidence >= CONFIDENT and alone.intent not in ("greeting", "unknown"):
            return None  # a request of its own ("最近有什么活动")
        if alone.intent in asked["options"] and alone.intent in ACTIONS:
            return None  # it restates an option itself ("…对 以后都不用发了"): read as such, below
        both = self.classifier.classify(asked["text"] + "，" + (THANKED.sub("", text) or text))
        if both.intent not in asked["options"] or both.intent in NAMES_ITS_OWN or both.confidence < CONFIDENT:
            return None  # a sign-up or a cancellation names its own activity ("那帮我报拔河吧")
        return asked["options"].index(both.intent)
