"""Several requests in one message ("取消乒乓球，帮我报名羽毛球", "一、…；二、…", "报名读书会 + 关掉祝福"):
each is handled in turn and nothing the teacher wrote is dropped. Questions among them are answered at
once; the next action runs as soon as nothing waits for an answer, else it waits in the open
conversation's data (QUEUE) and runs when that conversation ends (the Router's `_apply`)."""

from __future__ import annotations

import dataclasses
import re

from bot.clauses import last_word
from bot.joiners import lead_in_only, requests_in
from bot.messages import IncomingMessage, Reply
from bot.nlu import normalize
from bot.outside import only_thanks
from bot.stage import STRUCK, standing
from storage.conversations import NOTE

# read-only answers that may follow another request in the same message: answered at once, even
# while the first request waits for an answer; other requests wait their turn (QUEUE)
ANSWER_TOO = frozenset({"activity_query", "checkup_query", "my_signups", "suggestion_status", "help"})
QUEUE = "_queue"  # in a conversation's data: the requests of the same message still to do
ACTIONS = frozenset({"signup", "cancel_signup", "care_report", "unsubscribe", "bind"})
# a clause that could start a second request: only such messages are classified clause by clause
ACTION_CUE = re.compile(r"报名|报个|改报|再报|取消|不去|去不了|退掉|撤|住院|结婚|去世|过世|病故|生了|祝福|推送|通知|绑定|绑好|工号")
SEPARATOR = re.compile(r"[，,。！!？?\s]")  # a space too: voice input and hurried typing leave no commas
CLAUSES = re.compile(r"(?<=[，,。！!？?])")
PUNCTUATION = re.compile(r"[，,。！!？?]")
SPACES = re.compile(r"(?<=\s)(?=\S)")
REASON = {frozenset({"care_report", "cancel_signup"})}  # "…我要陪老伴去看病 去不了了": the news is the reason
FREE_TEXT_LEAD = re.compile(r"^(我的|我有个|我有一个|提个|提一个|几点|几条|一点)?(建议|建議|提案|意见|意見|投诉|投訴)(如下)?[:：]")
# a sign-up or cancellation announcing its list: "报名以下活动", "想参加下面几个：", "帮我取消这几项"
LIST_LEAD = re.compile(r"(报|参加|取消|退).{0,4}(以下|如下|下面|下列|这几个|这几项|这些)(的)?(几个|几项)?(活动|项目|比赛)?[:：]?\s*$")
# a message opening as a suggestion, a complaint or a report ("匿名反映：…", "我想匿名反映一下 …", "建议取消拔河"):
# its words are the suggestion's, never read again as the sender's own sign-up, switch or cancellation
SUGGESTION_LEAD = re.compile(r"^[我想要有提个一条点下匿名实署的地给向跟对工会帮]{0,10}(建议|提议|提案|意见|投诉|反馈|反映|吐槽|举报)")
# news opening with 报 ("报个喜！唐宁昨天晚上生了", "报个信 韩冬老师住院了", "报个好消息…刘洋老师当爸爸啦"): one piece of news, never "报个…" a sign-up
# ("跟工会报备一下：…医生建议尽快切掉…课请陈静老师代了": what she files is one piece of news too)
NEWS_LEAD = re.compile(r"^[给向跟对工会]{0,4}(报(个|一个|一下|下)?(喜|丧|信|备|(好|坏)消息|喜讯|噩耗)(?!息)|喜报)")
# one verb for a list of items joined after it: "报名：数学组趣味运动会 + 拔河比赛", "帮我报 读书会+登山"
ONE_VERB = re.compile(r"^(我要|我想|帮我|给我|麻烦)?(报名|报|参加|取消|退)[:：\s]")
ONE_OF_PARTS = frozenset({"signup", "suggestion"})  # parts in a row read so are one request's parts
CONFIDENT = 0.6  # as bot.engine: a piece below this is no request of its own
DIGRESS = 0.85  # a clause this confidently another action starts a new request


# a question of another matter beside an action, each its own request ("我要报乒乓球，体检是哪天来着", "在吗 想报个拔河
# 还有体检几号"): answered at once while the action waits for its yes (not a question about an activity: that one
# may well be about the activity of the action)
QUESTIONS = frozenset({"checkup_query", "my_signups", "suggestion_status"})
ASK_CUE = re.compile(r"体检|报了(哪|什么|几)|我的报名|(建议|意见|提案).{0,6}(进度|答复|回复|怎么样)")
# the checkup told as what found an illness ("高峰老师的体检结果出来了，昨天住院了", "体检查出来肿瘤 下周手术"): the news's
# cause, no question about the checkup (handlers/care/news.py reads it so too)
CHECKUP_FOUND = re.compile(r"体检(?:的)?(?:结果|报告|单子?)(?:出来了?|显示|说)?|体检(?:时|的时候|中)?(?:查出|发现|检查出)")
ACT_CUE = re.compile(r"报|参加|取消|不去|去不了|退掉|住院|结婚|去世|过世|生了|祝福|推送")


# a withdrawal told as past, describing the activity ("上午取消的乒乓球 麻烦重新给我报上"): no request of its own
TOLD_PAST = re.compile(r"(取消|退|撤|撤销)(了|掉|过|咗)?的(?!话|时候|人)")


def mixed(norm: str) -> bool:
    """May the message hold several requests (two actions, or an action and a question of another matter)?"""
    norm = TOLD_PAST.sub("的", CHECKUP_FOUND.sub("", norm))
    return len(ACTION_CUE.findall(norm)) >= 2 or bool(ASK_CUE.search(norm) and ACT_CUE.search(ASK_CUE.sub("", norm)))


def asked_beside(action, question) -> bool:
    return action.intent in ACTIONS and question.intent in QUESTIONS and action.confidence >= CONFIDENT \
        and question.confidence >= DIGRESS


FIELD = re.compile(r"^\s*[【\[]?[\u4e00-\u9fffa-z ]{1,8}[】\]]?\s*[:：]\s*\S")  # "报名活动：教师读书会", "姓名: 李娜"
SIGNING_FIELD = re.compile(r"^\s*[【\[]?[\u4e00-\u9fff]{0,4}(报名|参加|活动|项目)[\u4e00-\u9fff]{0,4}[】\]]?\s*[:：]")


def filled_in(text: str) -> bool:
    """A sign-up form filled in: three or more lines of "label：value", one of them the activity ("报名项目：…")."""
    lines = [line for line in text.splitlines() if line.strip()]
    fields = [line for line in lines if FIELD.match(line)]
    return len(fields) >= 3 and len(fields) * 3 >= len(lines) * 2 and any(SIGNING_FIELD.match(f) for f in fields)


# a toast proposed to something ("我提议，为插花沙龙干杯！", "提议敬登山活动，干了！"): 提议 leads no suggestion there
TOAST = r"提议[,，]?\s*(让我们)?(为|敬)[^，,。]{1,24}[,，]?\s*(干杯|干了|举杯)"


def suggested(text: str, ranked=()) -> bool:
    """Does the message read as a suggestion (its lead, or a fair chance of it among the classifier's)?"""
    norm = normalize(text).strip()
    led = bool(SUGGESTION_LEAD.match(norm)) and not re.search(TOAST, norm)
    return led or dict(ranked).get("suggestion", 0.0) >= 0.25


def filed(text: str) -> bool:
    """Opens as a suggestion beyond doubt: 匿名/实名 in its lead, or the lead and a colon ("意见：…")."""
    norm = normalize(text).strip()
    lead = SUGGESTION_LEAD.match(norm)
    return lead is not None and bool(re.search(r"匿名|实名|署名", lead.group(0)) or
                                     re.match(r"\s*(如下|一下)?\s*[:：]", norm[lead.end():]))


# read by the classifier as her own withdrawal, sign-up or news, yet a suggestion to the union: a 建议/提议/希望 about
# an activity ("建议取消拔河比赛", "希望拔河改到周末"), a complaint about how people are treated ("报告一个问题 领导总让
# 生病的老师带病上课") — unless she clearly withdraws herself ("帮我取消拔河报名")
PROPOSED = re.compile(r"^[我们大家想要有个提一]{0,5}(建议|提议|希望)(工会|学校|领导|你们)?.{0,12}"
                      r"(取消|改|换|延期|推迟|提前|增加|多办|别办|不要办|停办|调整|挪)")
COMPLAINED = re.compile(r"(总|老|总是|老是|经常)(让|逼|要求|强迫)|逼着|凭什么|不合理|不公平|合理吗")
RAISED = re.compile(r"^(报告|反映|反应|说|提|有)(一下)?(一个|个|几个|一些)?问题")  # "报告一个问题 …": not news
OWN = re.compile(r"帮我|给我|替我|把我|我的报名|报名取消|取消.{0,6}报名|我(就|也|还是)?(不去|不参加|去不了|参加不了)")
VENTED = re.compile(r"忍不了|受不了了|太离谱|推来推去|踢皮球|没人管")  # anger, where nothing else was understood
MISREAD = frozenset({"cancel_signup", "signup", "care_report"})


# a suggestion said in a sentence of its own after a story or a review ("★★☆☆☆ 教工食堂｜…。建议增加清淡菜品，再每周公示一次
# 菜单。"): never a request for the bot's menu, however its words (菜单) read
ADVISED = re.compile(r"(^|[。.！!；;，,｜|\s])(我|我们)?(建议|提议)(工会|学校|食堂|领导|你们)?[^，,。？?]{0,12}?"
                     r"(增加|取消|改|换|延期|推迟|提前|多(开|办|安排|放|做)|调整|公示|增设|开设|配|装|安排|减少|(出|设|开)(个|一个))")


def proposed(text: str, intent: str) -> bool:
    norm = normalize(text).strip()
    if intent in ("help", "suggestion") and len(norm) >= 20 and ADVISED.search(norm):  # (a request for the menu is
        return True  # short: "菜单在哪里", "你能做什么"; a suggestion not sure enough is one)
    if intent == "unknown":  # "值班这事太离谱了 凭什么老是我们几个 …"
        return bool(COMPLAINED.search(norm) or VENTED.search(norm))
    return intent in MISREAD | {"suggestion"} and not OWN.search(norm) and bool(  # (or a suggestion, not sure enough)
        PROPOSED.match(norm) or COMPLAINED.search(norm) or (intent == "care_report" and RAISED.match(norm)))


# a correction inside the message: "报乒乓球 哦不对 是羽毛球", "关掉祝福 哦不对 我是说重新打开"
CORRECTION = re.compile(r"(?:[，,。.！!\s]*(?:哦不对|噢不对|喔不对|啊不对|不对不对|不对|说错了|打错了|更正一下|更正|" + STRUCK + r"|"
                        r"(?:哦|噢|喔)不(?=[，,。.！!\s])|不是(?=[，,。.！!\s]+(?:我是说|我的意思是|我说的是)))[，,。.：:！!\s]*)+"
                        r"(?:我是说|我的意思是|我说的是|应该是|是说|我要的是|是)?\s*")
LEAD_VERB = re.compile(r"^(?:麻烦|劳驾)?(?:帮我|给我|我要|我想|请)?(?:报名|报个名|报一个|报个|报|取消报名|取消|退掉|关掉|关闭|打开|开启|恢复)")


STRUCK_LAST = re.compile(STRUCK + r"[\s,，。.!！~～]*$")  # a strike mark that ends the message


def corrected(text: str, classify) -> str:
    """What the teacher meant after correcting herself: the words after the correction when they
    are a request of their own, else the first part's verb with the corrected object ("报羽毛球")."""
    if last_word(text) != text:  # "我想报名…哦不是，我想请假": her request said again in full (bot/clauses.py)
        return last_word(text)
    if STRUCK_LAST.search(text):  # "拔河我不去了（划掉）": the struck words are not asked for (attack review 15)
        return standing(text) or STRUCK_LAST.search(text).group(0).strip()
    parts = CORRECTION.split(text, maxsplit=1)
    if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
        return text
    before, after = parts[0].strip(), parts[1].strip()
    day = _day_put_right(before, after)
    if day:
        return day
    result = classify(after)
    kept = _activity_kept(before, after, result, classify)
    if kept:
        return kept
    if result.intent not in ("unknown", "greeting", "activity_query") and result.confidence >= CONFIDENT:
        return after
    clauses = [c for c in _CLAUSE_MARKS.split(before) if c]
    if len(clauses) > 1 and not result.slots.get("activity") and classify(before).slots.get("activity") \
            and not classify(clauses[-1]).slots.get("activity"):  # "报名卡拉OK 我要唱歌 许力 不对 徐丽": her name put
        return "，".join(clauses[:-1]) + "，" + after  # right, not the activity (the clause before it replaced)
    verb = LEAD_VERB.match(normalize(before)) or LEAD_VERB.match(re.split(r"[，,。.！!\s]+", normalize(before))[-1])
    return (verb.group(0) + after) if verb else text


_CLAUSE_MARKS = re.compile(r"[，,。.！!；;\s]+")
# a day as said in a request: "周四", "下周五", "星期天", "9月4号", "4号", "明天"
_DAY = r"(?:下下?|这|本)?(?:周|星期|礼拜)[一二三四五六日天]|(?:[0-9]{1,2}月)?[0-9]{1,2}[号日]|大?后天|明天|今天"
_ONLY_DAY = re.compile(rf"^(?:是|改成|应该是)?(?:{_DAY})(?:的|那个|那场|那天)?[吧啊呀哈]*$")


def _day_put_right(before: str, after: str) -> str | None:
    """Only the day put right ("报名亲子游园会，周四，不对，周五", "报名周四的活动 不对 周五的"): the request with its day
    replaced (the activity named stays named); None when the correction says more than a day."""
    if not _ONLY_DAY.match(normalize(after)):
        return None
    clauses = [c for c in _CLAUSE_MARKS.split(before) if c]
    if len(clauses) > 1 and _ONLY_DAY.match(normalize(clauses[-1])):
        return "，".join(clauses[:-1]) + "，" + after
    found = list(re.finditer(_DAY, before))
    if found:
        said = re.match(_DAY, normalize(after).removeprefix("是").removeprefix("改成").removeprefix("应该是"))
        day = said.group(0) if said else after
        week = re.match(r"下下?|这|本", found[-1].group(0))  # "下周四…不对，周五": still next week's
        day = week.group(0) + day if week and re.match(r"(周|星期|礼拜)", day) else day
        return before[:found[-1].start()] + day + before[found[-1].end():]
    return None
# who comes, as a sign-up's party is put right: "就我自己", "2大1小", "我和我爱人两个人", "带孩子"
WHO_COMES = re.compile(r"我|自己|本人|[0-9一两二三四五六七八九十俩仨]\s*(?:个|人|位|口|大|小)|家属|家人|孩子|小孩|爱人|老公|老婆|对象")


def _activity_kept(before: str, after: str, result, classify) -> str | None:
    """A sign-up whose party is put right, not its activity: "报名读书会 2大1小，不对，就我自己" → "报名读书会，就我自己"
    (the clause before the correction replaced), "报名读书会2大1小 不对 就我自己" → "报名读书，就我自己"; None when the
    correction names an activity of its own, says no more than who comes, or the first part is no sign-up."""
    if result.slots.get("activity") or not WHO_COMES.search(normalize(after)) or (
            result.intent not in ("signup", "unknown", "greeting", "activity_query") and result.confidence >= CONFIDENT):
        return None
    said = classify(before)
    if said.intent != "signup":
        return None
    clauses = [c for c in _CLAUSE_MARKS.split(before) if c]
    if len(clauses) > 1 and WHO_COMES.search(normalize(clauses[-1])) and not classify(clauses[-1]).slots.get("activity"):
        return "，".join(clauses[:-1]) + "，" + after
    activity = said.slots.get("activity")
    if not activity or activity not in normalize(before):
        return None
    verb = LEAD_VERB.match(normalize(before))
    return f"{verb.group(0) if verb else '报名'}{activity}，{after}"


def plainly_another(part: str, result) -> bool:
    """Whether a part after a suggestion's is plainly a request of its own, not more of the suggestion: a question of
    another matter, news, a binding, or a sign-up or withdrawal of her own ("另外帮我报名拔河", "三、取消我的登山报名"),
    each said for sure (a suggestion's parts often speak of an activity: "二、建议取消拔河比赛")."""
    norm = normalize(part).strip()
    return result.confidence >= DIGRESS and (result.intent in ANSWER_TOO or (result.intent in ACTIONS and (
        result.intent not in ("signup", "cancel_signup") or bool(OWN.search(norm) or LEAD_VERB.match(norm)))))


READ_ENTRIES = 4096  # texts remembered by _read_as (cleared when full)


class SeveralRequests:
    """Mixed into bot.engine.Router (which provides classifier, store, ttl, context, _classified)."""

    _read: dict[str, tuple[str, tuple[str, ...]]]  # (Router.__init__)

    # ---- several requests in one message: each handled in turn, nothing dropped ----------------------

    def _once(self, conv, msg: IncomingMessage, run) -> list[Reply]:
        """run(); a note (what was just shown or offered) that this message left as it was is for the next
        message only: a yes or "第二个帮我退了" after another topic does not take it up. A message not understood
        at all (the help menu: "哎，最近这手有点痒了") is no other topic: the note stays for the one after it."""
        note = conv is not None and conv.flow.startswith(NOTE) and self.store.conversations.stamp(msg.channel, msg.user_id)
        self._watch.last = None
        replies = run()
        if note and self.store.conversations.stamp(msg.channel, msg.user_id) == note and self._watch.last != "unknown":
            self.store.conversations.clear(msg.channel, msg.user_id)
        return replies

    def _read_as(self, text: str) -> tuple[str, list[str]]:
        """(the text as corrected, its requests): both depend on the text alone (and the classifier's
        cached readings of it and its pieces), so they are remembered per text for this router."""
        known = self._read.get(text)
        if known is None:
            meant = corrected(text, self.classifier.classify)
            known = (meant, tuple(self._requests(meant)))
            if len(self._read) >= READ_ENTRIES:
                self._read.clear()
            self._read[text] = known
        return known[0], list(known[1])

    def _requests(self, text: str) -> list[str]:
        """The requests of a message, in order: cut where a list or a joiner says so ("一、…二、…",
        "+", "另外"), or between clauses that are confidently different actions ("取消乒乓球，帮我报名
        羽毛球"). A piece that is no request of its own stays with the one before it."""
        if FREE_TEXT_LEAD.match(text.strip()) or filed(text) or NEWS_LEAD.match(normalize(text).strip()) \
                or only_thanks(normalize(text)):  # "刚在医院体检完，顺便跟你们说声谢谢": one thank-you
            # "我的建议：一、取消乒乓球…": one suggestion's words
            return [text]
        if filled_in(text):  # "姓名：李娜\n工号：1003\n报名活动：教师读书会": a form's fields tell one request
            return [text]
        pieces = requests_in(text)
        if len(pieces) > 1 and (LIST_LEAD.search(pieces[0]) or (  # "报名以下活动\n1、…\n2、…": the items of one request
                ONE_VERB.match(normalize(pieces[0])) and not any(ACT_CUE.search(normalize(p)) for p in pieces[1:]))):
            return [text]  # ("报名：数学组趣味运动会 + 拔河比赛": one verb for the items joined)
        parts = [piece for part in pieces for piece in  # "急 乒乓球取消 改报拔河 另外体检几号"
                 (self._by_clause(part) if SEPARATOR.search(part) and mixed(normalize(part)) else [part])]
        if len(parts) < 2:
            return [text]
        kept: list[str] = []
        lead = ""  # "有两件事报告：一、…": the words before the list go with its first item
        last = ""
        for part in parts:
            result = self.classifier.classify(part)
            if result.intent in ("unknown", "greeting") or result.confidence < CONFIDENT \
                    or lead_in_only(normalize(part)) \
                    or (kept and result.intent == last and last in ONE_OF_PARTS) \
                    or (kept and last == "suggestion" and not plainly_another(part, result)):  # "不好意思再问一下，…":
                if kept:  # the apology goes with what it excuses; "这个报上 另外登山也帮我报一个": one sign-up of both;
                    # "一、现状分析：…二、改进设想：建议…三、预期效果：…": one suggestion laid out in parts, filed whole
                    kept[-1] += "，" + part
                else:
                    lead += part + "，"
            else:
                kept.append(lead + part if lead and not kept else part)
                last = result.intent
        return kept if len(kept) > 1 else [text]

    def _by_clause(self, text: str) -> list[str]:
        spaced = not PUNCTUATION.search(text)  # "我是何秀英 工号8019 尾号8019 绑好了帮我报个插花沙龙"
        pieces = [p for p in (SPACES if spaced else CLAUSES).split(text) if p.strip()]
        if not 2 <= len(pieces) <= 8:
            return [text]
        out, current = [pieces[0]], self.classifier.classify(pieces[0])
        for piece in pieces[1:]:
            result = self.classifier.classify(piece)
            if current.intent == "greeting" and out == pieces[:1] and result.intent in ACTIONS \
                    and result.confidence >= DIGRESS:  # "在吗 想报个拔河 …": the lead-in, apart
                out.append(piece)
                current = result
                continue
            if asked_beside(current, result) or asked_beside(result, current):  # "我要报乒乓球，体检是哪天来着"
                out.append(piece)
                current = result
                continue
            if spaced and result.intent in ACTIONS:  # words without commas: what came before, together
                current = self.classifier.classify(out[-1].strip())
            if (result.intent in ACTIONS and result.confidence >= DIGRESS and current.intent in ACTIONS
                    and len(normalize(piece).strip()) >= 3  # "取消 wo de 登山 baoming": a bare noun starts nothing
                    and current.confidence >= CONFIDENT and result.intent != current.intent
                    and frozenset({result.intent, current.intent}) not in REASON):
                out.append(piece)
                current = result
            else:
                out[-1] += piece
        return [p.strip(" ，,。") for p in out]

    def _filed(self, result):
        """"我想匿名提个意见：登山不去了…" is a suggestion whatever its words say (bot.several `filed`)."""
        intent = self.registry.intents.get("suggestion")
        if intent is None or (result.intent == "suggestion" and result.confidence >= CONFIDENT) or \
                not (filed(result.text) or proposed(result.text, result.intent)):
            return result
        slots = intent.slots(result.text) if intent.slots else {}
        return dataclasses.replace(result, intent="suggestion", confidence=1.0, slots=slots)

    def _one(self, ctx, text: str) -> list[Reply]:
        ctx = self.context(dataclasses.replace(ctx.msg, text=text))
        return self._classified(ctx, self.classifier.classify(text))

    def _then(self, msg: IncomingMessage, rest: list[str]) -> list[Reply]:
        """The requests after the first: questions are answered now; the next action runs now when
        nothing is waiting for an answer, else it waits in the open conversation until that ends."""
        if not rest:
            return []
        conv = self.store.conversations.get(msg.channel, msg.user_id)
        if conv is None or conv.flow.startswith(NOTE):  # a note ("~shown") waits for no answer
            return self._one(self.context(msg), rest[0]) + self._then(msg, rest[1:])
        replies, waiting = [], []
        for part in rest:
            if self.classifier.classify(part).intent in ANSWER_TOO and not waiting:
                replies += self._one(self.context(msg), part)
            else:
                waiting.append(part)
        if waiting:
            conv = self.store.conversations.get(msg.channel, msg.user_id) or conv
            conv.data = {**conv.data, QUEUE: waiting + list(conv.data.get(QUEUE, []))}
            self.store.conversations.save(conv, self.ttl)
            replies.append(Reply(f"（您还提到“{_short(waiting[0])}”，办完这件就接着办。）"))
        return replies


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 20 else text[:19] + "…"
