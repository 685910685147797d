"""The shared answer reader (issue 19, answers16): what a teacher's reply to one of the bot's questions says,
whichever question it was. yes / no / undecided, and the wrappings around an answer every question meets (the
question quoted back, words struck out, a marking's head, an exam's "答：", code's True/False), in one place so
every question gains every word. Feature packages read it through handlers/_common (yes_no, is_yes, is_no); the
engine unwraps every answer to an open question that is not free text with it. The short-yes readers of other
questions (clarify, openstep, binding's wait, a withdrawal's after-note, "要改为匿名吗？") read `plain_yes` /
`yes_first` here (left17). `read` gives the verdict with a confidence."""

from __future__ import annotations

import dataclasses
import functools
import re

from bot.confirmed import CONFIRMING, decisive, doubted, explicit, mocked, parts, unasked, unsafe
from bot.confirmed import DELIBERATED as DELIBERATED  # (read through handlers/_common)
from bot.forms import ticked_answer
from bot.idioms import unnegated
from bot.putoff import put_off
from bot.stage import judged, quoted_answer, standing, unmarked

# Yes and no as people say them. A refusal is read first ("不了", "先不", "再想想", "算了"): a
# message with both is not a yes. Only the first clause counts ("好的，顺便问下几点集合" is a yes).
NO_RE = re.compile(r"^(否|不(是(?!不|没)|要|用|了|去|报|参加|需要|行|必|(?!错|会吧|赖|客气|好意思|是不|是没))|(no(pe)?|n|nah)(?![a-z])|算了|先不|还是不|(先|就)?不(撤|取消|退)了?|再想想|再考虑|考虑一下|我再想|暂时不|暂不|暂缓|"
                   r"=?false(?![a-z])|下次(吧|再说)?|下回|以后再说|改天|没兴趣|没空|没时间|去不成|放弃|不好意思.{0,6}(去|参加)不了|去不了|参加不了|"
                   r"取消吧|2(?![0-9])|(还是|那就|那)算了|别(帮我)?(报|去|取消)了?|"
                   r"我(还是|就)?(先)?不(去|报|参加|要)|那就不)")
YES_RE = re.compile(r"^((那么?|那就)(?=行|好|可以|成|中|没问题|妥|ok|是的|是滴|是啊|麻烦|有劳|恭敬|必须|当然|肯定))?(是(?![0-9]|[一二两三四五六七八九十]个)|系(?![\u4e00-\u9fff])|得(?![\u4e00-\u9fff]|是)|得(?=报|啦|喇)|对|好(?!几|多|像|久|些|奇|在|险)|行|嗯|恩|可以|确认|确定|没问题|ok|okay|yes|y(?![a-z])|yep|yeah|sure|冲|报|要(?!不|是)|同意|当然|必须|好滴|好哒|"
                    r"好嘞|好的|要得|得行|中|妥|成|go|没毛病|没错|正是|正合|正中下怀|就是这个意思|此意|安排|来|算我一个|肯定|1(?![0-9])|=?true(?![a-z])|可(?![\u4e00-\u9fff])|准了|准(?![\u4e00-\u9fff])|准予|批准|"
                    r"(已|马上|立即|立刻|秒)?((上车|接单)(了|啦|喽|咯)?)+(?![\u4e00-\u9fff])|👍|👌|✅|[√✓✔☑]|🙆|阔以|得嘞|麻烦(你|您)?了|恭敬不如从命|有劳|"
                    r"(候补|排队|排候补)也(行|可以|好|成)|那就?报|就这个|"
                    # regional and chat ways of "fine by me": 陕西 "么麻达", 湖北 "冇得问题", 东北 "整", WeChat's [OK] [强]
                    r"(么|没|冇|没有?得?)麻达|没有?得?问题|美得很|整(?![\u4e00-\u9fff])|整(吧|上|起|一个)|妥|\[(ok|强|好的|胜利|握手|拳头|耶|鼓掌|赞|爱心)\])")
_CLAUSE = re.compile(r"[，,。.！!？?；;\s~～…]+")
# a courtesy around the answer, no answer itself: "恭敬不如从命，确认报名，不胜感激", "那就麻烦您了 确认 辛苦辛苦",
# "嗯，取消吧，替我跟老同事们问声好" (regards sent on)
# (set aside when a clause besides it answers; alone, "麻烦您了"/"恭敬不如从命" are read as they are)
COURTESY = re.compile(r"^((那就?|那么)?(恭敬不如从命|有劳(了|您了|你了)?|麻烦(你|您)?了|劳驾|拜托(了|啦|您了)?)|"
                      r"不胜感激|感激不尽|万分感激|承蒙(关照|照顾|厚爱)?|(谢谢|多谢|感谢|辛苦|感恩)+(你们?|您们?|啦|了|哈|啊|呀|小助手|工会|老师|关照|照顾|帮忙|小?同志)*|"
                      # regards sent on: "替我跟老同事们问声好", "代我向大家问好", "给大家带个好", "祝大家节日快乐"
                      r"(替|代|帮)?(我|俺)?(跟|向|给|和)?[^，,。!！?？不没别]{0,8}(问(声|个|一声|一下)?好|带(个|声)好|问候(一下|一声)?|致意)|"
                      r"问(大家|各位|同事们?|老同事们?)好|(祝|愿)[^，,。!！?？不没别]{0,10}(快乐|安康|健康|顺利|愉快|平安|如意))"
                      r"[吧啊哈呀哦了啦～~]*$")


def _first_clause(text: str) -> str:
    from bot.nlu import normalize

    t = normalize(text)
    parts = [p for p in _CLAUSE.split(t) if p]
    return parts[0] if parts else ""


FILLER_RE = re.compile(r"^[嗯恩呃额哦噢喔啊唔哎诶emh]+$")
# said before the answer, not the answer: "不好意思 说错了 是3个人" (no refusal), "真的 确认 谢谢", "对了 乒乓球几点" (by the way)
LEAD_IN = re.compile(r"^((不好意思|抱歉|对不起)[啊哈呀哦]?(刚看到|才看到|刚看见|回晚了|回复晚了)?|真的|谢谢|家人们|等等|等下|[哦噢啊诶]?对了|"
                     r"已阅|阅|已读|收到|(5、?4、?)?3、?2、?1|(五、?四、?)?三、?二、?一|"
                     r"经(过)?(研究|讨论|商量|商议)(决定)?|立正|立定|稍息|向[左右]看齐|师傅|师傅走吧|走起)$|"  # "经研究，同意报名"  # "已阅，同意", "3、2、1 上车！确认": a countdown
                     r"^(不错|不会吧|不赖|太好了|哇|很好|真好|好极了|非常好)")  # "不错 报吧", "不会吧 还有名额？那报一个": praise or surprise first
# a filler that trails into a hesitation: "嗯嗯嗯那个", "嗯 这个嘛", "额…怎么说呢" (the 嗯 is no yes then)
HESITATING = re.compile(r"^[嗯恩呃额emh]+(那个|这个|就是说?|怎么说|咋说|让我|我想想|我看看)[嘛呢啊吧]*$")
# a hesitation that holds the question open: "我看看", "让我先看看", "我瞅瞅" (she has not answered yet; the same
# question still waits, and "是" next answers it)
HOLDING = re.compile(r"^(我|让我|容我|等我)?(先|再)?(看看|瞅瞅|瞧瞧|看一下|看下|瞅一眼|瞅瞅先)(哈|啊|呀|吧|先|哦|噢)*$")
# "我去", "我去！", "我去我去": an exclamation (as "天哪"), no consent ("我去的", "我去吧", "去！" consent)
# a hedge with nothing after it ("这个嘛", "怎么说呢", "那个…"): no answer yet, and no request either
HEDGED = re.compile(r"^(那个|这个|就是说?|怎么说|咋说|让我想想|我想想|容我想想|这)[嘛呢啊吧哈呀]*$")
EXCLAIMED = re.compile(r"^(我去)+[!！。.~～…]*$")


def holds(text: str) -> bool:
    """A hesitation that keeps the question open ("我看看"): not a yes, not a no, not a new request."""
    from bot.nlu import normalize

    return bool(HOLDING.match(normalize(unwrapped(text)).strip(" ，,。.!！~～…")))


def hedged(text: str) -> bool:
    """Only a hedge ("这个嘛", "怎么说呢"): what follows a yes word that is no yes ("嗯 这个嘛")."""
    from bot.nlu import normalize

    return bool(HEDGED.match(normalize(unwrapped(text)).strip(" ，,。.!！~～…")))


def exclaimed(text: str) -> bool:
    """"我去！": an exclamation of surprise, no answer."""
    from bot.nlu import normalize

    return bool(EXCLAIMED.match(normalize(unwrapped(text)).strip()))


# a yes said in a sentence: "这个我确定要报的", "那就这么定了", "就它吧" (no refusal word in the clause)
AFFIRM_RE = re.compile(r"^(那|那就|那么|这个|这个我|我|就)?.{0,4}(确定|确认|就这么定|定了|没问题|报吧|要报|报上|就它|就这个|要去|去的|"
                       r"就这样|就这么办)")
ASKED_BACK = re.compile(r"(?<=[\u4e00-\u9fff])(不|没|没有)$")  # "要交钱不", "要带东西没有": a question
TAKEN_BACK = re.compile(r"不了|不去|不报|不要|算了|放弃|个(啥|什么|鬼|屁)|^(确认|确定)(啥|什么)")  # "确定不了", "好的不去了",
# "确认放弃", "确认个啥": no yes
# a check asked for, not a yes: "确认一下，我没报上吧？" (with a question); and only asking: "没错，我是想问问还有名额吗"
CHECKS = re.compile(r"^(我|帮我|麻烦)?(再)?(确认|确定|核实|核对|查)一?下$")
ONLY_ASKING = re.compile(r"^(我)?(其实|只)?(?<!就)是想(问|打听|了解|咨询)|^(我)?(其实)?(只是|就是|只不过是)(问问|问一下|问下|打听|了解|咨询)")
# ("可以的 就是想问问收不收费": a yes, and a question besides)
REFUSAL_WORD = re.compile(r"[不没别否甭]|算了|放弃|如果|要是|假如|万一|的话")  # "本人确认放弃报名": the no-option
# confirmed; "有空的话确认": a condition, no yes yet (signup22)
# a confirmation that is someone else's, or not yet given: "他确认", "待确认", "未确认"
NOT_HERS = re.compile(r"(他|她|人家|未|待|尚未)(们)?(确认|确定)")
# someone else's words reported, not her answer: "他说报上", "我同事说给他报上", "领导说可以", "张老师讲报吧"
REPORTED = re.compile(r"^(我|我的)?(他|她|人家|别人|同事|领导|老公|爱人|老婆|媳妇|对象|孩子|主任|校长|组长|"
                      r"[老小][\u4e00-\u9fff]|[\u4e00-\u9fff]{1,2}(老师|主任|校长|组长))(们)?[^，,。\s]{0,2}(说|讲|让|叫|讲话)")


# a yes put right before the last word: "哦不对", "等等", "忘了", "哎呀"
CORRECTED = re.compile(r"^(哦|噢|啊|哎|诶)?不对|等等|等一下|等下|忘了|哎呀|糟了|坏了|不行")


# a decision after a hesitation, said last: "算了 还是报吧", "想了想还是去吧" ("还是不报了" is no such thing)
# the last words taking a decision back: "算了不报了", "哎 还是不去了", "算了"
TAKEN_BACK_LAST = re.compile(r"^(哎|唉|嗯|哦)?(算了)?(还是|想想|想了想)?(不(报|去|参加|报名)了?|算了)[了吧啦哈。.!！~～]*$")
DECIDED = re.compile(r"还是(要|得)?(报|抱|参加|报名|报上|去吧|去嘛|去好了|去$)")


def _clauses(text: str) -> list[str]:
    from bot.nlu import normalize

    return [p for p in _CLAUSE.split(normalize(text)) if p]


# the bot's own words said back as the answer: "「是」", "回复是", "回复：否", "我回：是" (回 alone only before the answer:
# never cut from "我回家确认下课表", "我回来再报")
ECHOED = re.compile(r"^\s*(我)?(回复|回(?=[:：\s]|[是否好对确行可嗯]))[:：\s]*|^\s*[「“\"『]\s*(?=[^」”\"』]{1,6}[」”\"』]\s*$)|(?<=\S)[」”\"』]\s*$")


# the head of a teacher's marking before the answer: "批：可", "批示：同意", "审批意见：同意"
MARKED = re.compile(r"^\s*(批|批示|批复|批语|签批|审批|审批意见|审核意见|意见|结论)\s*[:：]\s*(?=\S)")


BEFORE_YES = re.compile(r"^(在|那)?((确认|确定)(报名|参加)?|报名)(之|以)?前|^before (i )?(确认|confirming)")
def asks_instead(text: str) -> bool:
    """A question where a yes was awaited, its first word no yes: "确认一下，我没报上吧？" (a check asked for),
    "没错，我是想问问还有名额吗" (only asking)."""
    clauses = _clauses(text)
    return any(ONLY_ASKING.match(c) for c in clauses) or bool(
        clauses and CHECKS.match(clauses[0]) and re.search(r"[?？吗]", text))


def yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when neither is clear (ask again, in other words).
    A hesitation first ("嗯…不了不了，甭报了") is not a yes: the clause after it answers.
    The text's alone, remembered per process (issue 23, speed26: a confirmation's "是" was read three times a turn,
    ~0.1 ms each); keyed by the tokenizer's words too, as normalize is (bot/nlu.py words_version)."""
    from bot.nlu import words_version

    return _yes_no(text, words_version())


@functools.lru_cache(maxsize=4096)
def _yes_no(text: str, _words: int) -> bool | None:
    text = unwrapped(text)  # "「是否确认报名」是的", "确认（划掉）不确认", "答：是", "return True": the answer inside
    text = judged(text) if text else text  # "判断题：确认报名（ 对 ）": the statement marked true, or its refusal
    text = unnegated(MARKED.sub("", text))  # "批：可", "却之不恭，确认": a marking's head, a 成语 read (bot/idioms.py)
    if not text:
        return None
    text = re.sub(r"[【】《》]", " ", text)  # "【是】 带我老公一起": the key word put in brackets
    if put_off(text):  # "等我确认一下", "确认以后再说": the confirmation put off (read before an echo is cut: "我回头确认"
        return None  # is no "我回：")
    text = ECHOED.sub("", text) or text
    clauses = _clauses(text)
    if any(BEFORE_YES.match(c) for c in clauses):  # "确认前想问下 是单打还是双打": a question comes first
        return None
    if mocked(parts(clauses)):  # "确认是不可能确认的", "确认你个头", "谁说我要报名了？确认一下。": a no (signup22)
        return False
    answers = [c for c in clauses if not COURTESY.match(c)]
    clauses = answers or clauses
    if not clauses or re.match(r"^\s*[^，,。.！!？?]{0,3}[？?]", unasked(text).strip()):  # "嗯？？", "是吗?": a question
        # (not "满员了？没关系，确认报名": answered herself)
        return None
    decided = [i for i, c in enumerate(clauses) if DECIDED.search(c)]
    if decided and not re.search(r"[?？吗]", text) and not any(NO_RE.match(c) for c in clauses[decided[-1] + 1:]):
        return True  # "嗯那个我再想想啊…那天好像有课 算了还是报吧没事": the last word decides
    if decided and len(clauses) > decided[-1] + 1 and TAKEN_BACK_LAST.match(clauses[-1]):
        return False  # "还是报吧 算了不报了": the decision taken back in the last words (the model's reading varies)
    if len(clauses) > 2 and NO_RE.match(clauses[-1]) and any(CORRECTED.search(c) for c in clauses[1:-1]):
        return False  # "嗯 报吧…哦不对 那天下午要监考 算了不报了": put right, the last word decides
    first = clauses[0]
    if asks_instead(text):  # "没错，我是想问问还有名额吗", "确认一下，我没报上吧？": she asks, she has not answered
        return None
    if HESITATING.match(first):  # "嗯嗯嗯那个", "呃 这个嘛": a filler trailing off, no yes
        return None
    if reports(first):  # "他说报上": not hers to give (she is asked again)
        return None
    if decided_last(clauses) and not re.search(r"[?？]", unasked(text)):
        return True  # "不必多言，懂的都懂。确认！": the confirmation said last decides (yes21)
    if (FILLER_RE.match(first) or LEAD_IN.match(first)) and len(clauses) > 1:
        if any(NO_RE.match(c) for c in clauses[1:3]):
            return False
        first = next((c for c in clauses[1:4] if YES_RE.match(c) or AFFIRM_RE.match(c)), clauses[1])
    if NO_RE.match(first):
        return False
    if YES_RE.match(first):
        return None if TAKEN_BACK.search(first) or ASKED_BACK.search(clauses[-1]) else True
    if AFFIRM_RE.match(first) and not REFUSAL_WORD.search(first) and not first.endswith(("吗", "么")) \
            and not NOT_HERS.search(first):
        return True
    if CANNOT.search(first) and not YES_RE.match(first):
        return False  # "本人因故不能参加，特此说明"
    return True if confirmed_among(clauses) and not re.search(r"[?？]", unasked(text)) else None  # (a question: asked
    # again; a rhetorical one, or one she answers herself, asks nothing: "确认！难道我像是在开玩笑吗？", "名额将尽？无妨")


def confirms(text: str) -> bool:
    """A message that is only a confirmation ("确认报名", "那就确认报名吧", "确定报名"), courtesies aside."""
    said = [c for c in _clauses(text) if not COURTESY.match(c)]
    return len(said) == 1 and bool(CONFIRMING.match(said[0])) and yes_no(text) is True


def says_confirmed(text: str) -> bool:
    """A yes with a clause that is itself a confirmation, the words around it neither refusing, doubting nor asking
    ("照方抓药，确认", "那就先报上吧，确认。歌回头再定")."""
    return yes_no(text) is True and confirmed_among(_clauses(text), answering=False)


def confirmed_among(clauses: list[str], answering: bool = True) -> bool:
    """A yes said among other words ("∵信息无误 ∴确认报名。证毕", "广播站再次确认：刘洋，报拔河，没错！", "• 确认报名，不改了。
    • 唱什么歌到时候再说。"): one part is itself a confirmation (bot/confirmed.py), and no other part refuses, doubts,
    asks, puts itself right or reports someone else's word (a courtesy reported is no answer: "他说谢谢你")."""
    said = parts(clauses)
    if not any(explicit(p, answering) for p in said) or doubted(said):
        return False
    last = decisive(said)  # (before a confirmation said last, doubted() has judged the words: only a refusal vetoes)
    judged = said if last is None else said[last:]
    others = [kept for kept in (unsafe(p) for p in judged if not explicit(p)) if kept]  # ("不改了": nothing refused)
    return not any(NO_RE.match(p) or CORRECTED.search(p) for p in others) and not any(_reported(p) for p in said)


def decided_last(clauses: list[str]) -> bool:
    """A confirmation said last decides (yes21): "我吴刚想要的东西，从来没有得不到的。别让我说第二遍——确认。" (the
    words before it neither refuse nor doubt this sign-up, nor ask: bot/confirmed.py `decisive`, `doubted`)."""
    return decisive(parts(clauses)) is not None and confirmed_among(clauses)


def _reported(part: str) -> bool:
    """Someone else's word ("他说确认"), or a speaker's frame before a colon ("他说：确认"); not a courtesy passed on."""
    found = reports(part)
    if found:
        return not COURTESY.match(part[found.end():] or "谢谢")
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,5}(?<![再别不])(说|讲|表示|回复|答复)(了|道)?", part)) \
        and not re.match(r"^(我|本人)", part)


def reports(part: str):
    """REPORTED, but not a name given ("老伴名叫孙桂兰")."""
    found = REPORTED.match(part)
    return found if found and not re.search(r"名叫|叫做|名字叫", part[:found.end() + 1]) else None


LAST_YES = re.compile(r"^(确认|确定|确认报名|确定报名|是的?|好的?|可以|报吧|就这样)[!！。.~～]*$")
DOUBT = re.compile(r"[不没别否甭]|算了|[?？吗么呢]|再想|考虑|如果|要是|万一|可能|也许|说不定|有课|有事|有会|值班|监考|出差")


def said_last(text: str) -> bool:
    """A yes said last, after words that neither refuse nor doubt nor ask ("单打 就额一个 确认")."""
    from bot.nlu import normalize

    norm = normalize(text)
    clauses = [c for c in re.split(r"[，,。.！!；;\s~～…]+", norm) if c]
    return len(clauses) > 1 and bool(LAST_YES.match(clauses[-1])) and not DOUBT.search(norm) \
        and not any(REPORTED.match(c) for c in clauses)  # ("他说 确认": not hers)


def is_yes(text: str) -> bool:
    return yes_no(text) is True


def is_no(text: str) -> bool:
    return yes_no(text) is False


# ---- what every question's answer may come wrapped in (answers16) -------------------------------------------

# the head of an answer, no answer itself: an exam's "答：是", "判断题：√", "选B：匿名"; a form's "name: 王建军",
# "date: 2026-08-30", "staff_no=1001" (a programmer filling the bot's blank)
ANSWER_HEAD = re.compile(r"^\s*(?:我的)?(?:答|答案|回答|判断题?|选择题?|填空题?|选[a-dA-D甲乙]?|name|date|when|who|staff_?no|"
                         r"answer)\s*[:：=]\s*(?=\S)", re.IGNORECASE)
# a colleague @-mentioned as the answer ("@王建军" to "请问是哪位老师？"): the name (the bot's own @ is gone already)
MENTIONED = re.compile(r"^\s*@(?=[\u4e00-\u9fff·]{2,5}\s*$)")
# code's truth for a yes or a no: "return True", "confirm = False", "True;"
CODE_TRUTH = re.compile(r"^\s*(?:return\s+|[a-z_][a-z0-9_.]*\s*(?:==?|:)\s*)?(true|false)\s*;?\s*$", re.IGNORECASE)


def unwrapped(text: str) -> str:
    """The answer inside what wraps it, for any question: the bot's question quoted back, words struck out (only
    the words left standing answer: "前天（划掉）昨天", "1002（划掉）1001"), an exam's or a form's head ("答：是",
    "name: 王建军"), a yes or a no ticked ("● 是"), code's True/False (as 是/否). The text as it was when nothing wraps it; "" when all of it is
    struck ("是（划掉）": no answer)."""
    said = quoted_answer(text) or text
    said = unmarked(said) if "~~" in said else said  # "~~再想想~~ 确认": struck through, as "（划掉）" strikes
    said = standing(said)  # ("是（划掉）": nothing stands, "" is returned)
    if not said:
        return ""
    said = ANSWER_HEAD.sub("", said, count=1) or said
    said = ticked_answer(said) or said  # "第4题 是否确认提交：● 是": the word ticked
    said = MENTIONED.sub("", said, count=1) or said
    truth = CODE_TRUTH.match(said)
    if truth:
        return "是" if truth.group(1).lower() == "true" else "否"
    return said


# ---- undecided: neither yes nor no, not now ---------------------------------------------------------------

# "再想想", "容我三思", "回头再说", "等我问问家里", "待定", "纠结中", "拟暂缓，待研究后再定", "TBD": she has not decided
UNDECIDED = re.compile(r"再想想|想一想|我?想想(哈|啊|吧|先)?$|(容|让)我(想想|三思|考虑|琢磨)|三思|考虑(考虑|一下|下)|我考虑|再考虑|"
                       r"回头再说|以后再说|再说吧|改天再说|(还|尚)(没|未)(定|想好|决定|拿定)|没想好|待定|(先|再)?放一放|纠结|(?<![别不用])犹豫|"
                       r"再议|暂缓|待研究|(稍后|晚点|迟点|回头)(再)?(回复|答复|再定|定|说)|等等看|看情况|看看再说|(?<![a-z])(tbd|pending)(?![a-z])|"
                       r"拿不准|说不准|说不好|不确定|商量(一下|商量|下)|琢磨|过(两|几|一两)天(再)?(定|说|回复)|"
                       r"等我(先)?(问问|问下|问一下|看下|看看|看一下|查查|查下|确认下)", re.IGNORECASE)
# a clear no beside it makes it a no ("算了，不报了，我再想想"); a decision after it a yes ("想了想还是报吧")
_DECIDED_NO = re.compile(r"不(去|报|参加|要)了|去不了|参加不了|来不了|放弃|不报|不参加")


def undecided(text: str) -> bool:
    """She has not decided yet ("我再想想", "等我问问家里再说"): neither a yes nor a no (nothing is done; the door
    stays open)."""
    from bot.nlu import normalize

    said = normalize(unwrapped(text))
    return bool(UNDECIDED.search(said)) and not DECIDED.search(said) and not _DECIDED_NO.search(said)


# "本人因故不能参加，特此说明", "临时有事去不了": a no said in a sentence, its verb refused
CANNOT = re.compile(r"(不能|无法|不克|没法|没办法|不便)(参加|出席|到场|前往|去|来|报名)|(参加|去|来|出席)不(了|成)")


@dataclasses.dataclass(frozen=True)
class Answer:
    """What an answer to a yes-or-no question says: kind "yes", "no", "undecided" or "unclear" (ask once more in
    other words: never act on it); confidence 1.0 for an answer that is only that, less when read among other words."""

    kind: str
    confidence: float
    text: str


def read(text: str) -> Answer:
    """The answer to a yes-or-no question, whichever the question (sign-up, withdrawal, "您是想…？")."""
    said = unwrapped(text)
    if undecided(said):
        return Answer("undecided", 0.9, said)
    verdict = yes_no(said)
    if verdict is None:
        return Answer("unclear", 0.0, said)
    return Answer("yes" if verdict else "no", 1.0 if len(_clauses(said)) == 1 else 0.8, said)


# what may follow a yes word and leave it a plain yes: "好滴", "行吧", "可以的", "嗯嗯", "好的呀" (not "是吗", "好几个",
# "行政楼": a question, or a word that only begins like a yes)
_YES_TAIL = re.compile(r"^[的吧啊呀嘞哒滴了哈啦呗嘛咯哦噢喔撒嘿~～!！。.]+")


def plain_yes(text: str) -> bool:
    """A yes and nothing else, by the shared reader ("好滴", "冲", "行吧", "可以的", "没问题", "OK", "嗯嗯", "好的 确认"):
    every clause (courtesies aside) is a yes word and its particles. The readers of other questions that take only
    a short yes (a yes said first, a yes after a withdrawal, "要改为匿名吗？") read it here, so each question
    accepts what the others accept."""
    answer = read(text)
    if answer.kind != "yes":
        return False
    clauses = [c for c in _clauses(answer.text) if not COURTESY.match(c)]
    if not clauses:
        return False
    for clause in clauses:
        m = YES_RE.match(clause)
        rest = clause[m.end():] if m and m.end() > 0 else clause
        while rest and rest != clause and (m := YES_RE.match(rest) or _YES_TAIL.match(rest)) and m.end() > 0:
            rest = rest[m.end():]  # "是的是的", "好的呀": yes words and their particles
        if rest:
            return False
    return True


def yes_first(text: str) -> bool:
    """Its first clause is a plain yes ("是 确认报名", "冲，另外…"): the answer said first."""
    clauses = _clauses(text)
    return bool(clauses) and plain_yes(clauses[0])


# the one asked about is herself: "我", "本人", "我自己", "鄙人", "在下", "本号"; 额/俺/偶/咱 (我 in the north-west and
# north), "就是我本人", "是额" (to "请问是哪位老师？", and wherever who is asked)
SELF = re.compile(r"^(?:是|就是)?(?:我|本人|自己|鄙人|在下|本号|额|俺|偶|咱|本宝宝)(?:本人|自己|本尊)?(?:啦|呀|啊|哈|的|了|嘛)?$")


def is_self(text: str) -> bool:
    from bot.nlu import normalize

    return bool(SELF.match(normalize(unwrapped(text)).strip(" ，,。.!！~～")))
