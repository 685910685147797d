"""Helpers shared by feature modules (not a feature itself: modules starting with _ are not loaded)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from bot.engine import Context
from bot.idioms import unnegated
from bot.stage import judged, standing
from bot.stage import quoted_answer as quoted_answer  # (signup.py reads it from here)
from bot.steps import BIND_FIRST as BIND_FIRST  # (the router keeps the request it answers, bot.engine)

WEEKDAYS = "一二三四五六日"
YES = {"是", "是的", "确认", "确定", "好", "好的", "嗯", "对", "要", "可以", "y", "yes", "ok", "行", "没问题", "1"}
NO = {"否", "不", "不要", "不用", "算了", "n", "no", "不了", "先不", "2"}
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def fmt_dt(value: dt.datetime) -> str:
    return f"{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）{value:%H:%M}"


def fmt_date(value: dt.date) -> str:
    return f"{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）"


# Yes and no as people say them. A refusal is read first ("不了", "先不", "再想想", "算了"): a
# message with both is not a yes. Only the first clause counts ("好的，顺便问下几点集合" is a yes).
NO_RE = re.compile(r"^(否|不(是(?!不|没)|要|用|了|去|报|参加|需要|行|必|(?!错|会吧|赖|客气|好意思|是不|是没))|(no(pe)?|n|nah)(?![a-z])|算了|先不|还是不|(先|就)?不(撤|取消|退)了?|再想想|再考虑|考虑一下|我再想|暂时不|暂不|暂缓|"
                   r"=?false(?![a-z])|下次(吧|再说)?|下回|以后再说|改天|没兴趣|没空|没时间|去不成|放弃|不好意思.{0,6}(去|参加)不了|去不了|参加不了|"
                   r"取消吧|2(?![0-9])|(还是|那就|那)算了|别(帮我)?(报|去|取消)了?|"
                   r"我(还是|就)?(先)?不(去|报|参加|要)|那就不)")
YES_RE = re.compile(r"^((那么?|那就)(?=行|好|可以|成|中|没问题|妥|ok|是的|是滴|是啊|麻烦|有劳|恭敬))?(是(?![0-9]|[一二两三四五六七八九十]个)|系(?![\u4e00-\u9fff])|得(?![\u4e00-\u9fff]|是)|得(?=报|啦|喇)|对|好|行|嗯|恩|可以|确认|确定|没问题|ok|okay|yes|y(?![a-z])|yep|yeah|sure|冲|报|要|同意|当然|必须|好滴|好哒|"
                    r"好嘞|好的|要得|得行|中|妥|成|go|没毛病|安排|来|算我一个|肯定|1(?![0-9])|=?true(?![a-z])|可(?![\u4e00-\u9fff])|准了|"
                    r"(上车|接单)(了|啦|喽|咯)?(?![\u4e00-\u9fff])|👍|👌|✅|[√✓✔☑]|🙆|阔以|得嘞|麻烦(你|您)?了|恭敬不如从命|有劳|"
                    r"(候补|排队|排候补)也(行|可以|好|成)|那就?报|就这个|"
                    # regional and chat ways of "fine by me": 陕西 "么麻达", 湖北 "冇得问题", 东北 "整", WeChat's [OK] [强]
                    r"(么|没|冇|没有?得?)麻达|没有?得?问题|美得很|整(?![\u4e00-\u9fff])|整(吧|上|起|一个)|妥|\[(ok|强|好的|胜利|握手|拳头|耶|鼓掌|赞|爱心)\])")
_CLAUSE = re.compile(r"[，,。.！!？?；;\s~～…]+")
# a courtesy around the answer, no answer itself: "恭敬不如从命，确认报名，不胜感激", "那就麻烦您了 确认 辛苦辛苦"
# (set aside when a clause besides it answers; alone, "麻烦您了"/"恭敬不如从命" are read as they are)
COURTESY = re.compile(r"^((那就?|那么)?(恭敬不如从命|有劳(了|您了|你了)?|麻烦(你|您)?了|劳驾|拜托(了|啦|您了)?)|"
                      r"不胜感激|感激不尽|万分感激|承蒙(关照|照顾|厚爱)?|(谢谢|多谢|感谢|辛苦|感恩)+(你们?|您们?|啦|了|哈|啊|呀|小助手|工会|老师|关照|照顾|帮忙|小?同志)*)$")


def _first_clause(text: str) -> str:
    from bot.nlu import normalize

    t = normalize(text)
    parts = [p for p in _CLAUSE.split(t) if p]
    return parts[0] if parts else ""


FILLER_RE = re.compile(r"^[嗯恩呃额哦噢喔啊唔哎诶emh]+$")
# said before the answer, not the answer: "不好意思 说错了 是3个人" (no refusal), "真的 确认 谢谢", "对了 乒乓球几点" (by the way)
LEAD_IN = re.compile(r"^((不好意思|抱歉|对不起)[啊哈呀哦]?(刚看到|才看到|刚看见|回晚了|回复晚了)?|真的|谢谢|家人们|等等|等下|[哦噢啊诶]?对了|"
                     r"已阅|阅|已读|收到|(5、?4、?)?3、?2、?1|(五、?四、?)?三、?二、?一)$|"  # "已阅，同意", "3、2、1 上车！确认": a countdown
                     r"^(不错|不会吧|不赖|太好了|哇)")  # "不错 报吧", "不会吧 还有名额？那报一个": praise or surprise first
# a yes said in a sentence: "这个我确定要报的", "那就这么定了", "就它吧" (no refusal word in the clause)
AFFIRM_RE = re.compile(r"^(那|那就|那么|这个|这个我|我|就)?.{0,4}(确定|确认|就这么定|定了|没问题|报吧|要报|报上|就它|就这个|要去|去的|"
                       r"就这样|就这么办)")
ASKED_BACK = re.compile(r"(?<=[\u4e00-\u9fff])(不|没|没有)$")  # "要交钱不", "要带东西没有": a question
TAKEN_BACK = re.compile(r"不了|不去|不报|不要|算了|放弃")  # "确定不了", "好的不去了", "确认放弃": no yes
REFUSAL_WORD = re.compile(r"[不没别否甭]|算了|放弃")  # "本人确认放弃报名": the no-option confirmed
# someone else's words reported, not her answer: "他说报上", "我同事说给他报上", "领导说可以", "张老师讲报吧"
REPORTED = re.compile(r"^(我|我的)?(他|她|人家|别人|同事|领导|老公|爱人|老婆|媳妇|对象|孩子|主任|校长|组长|"
                      r"[老小][\u4e00-\u9fff]|[\u4e00-\u9fff]{1,2}(老师|主任|校长|组长))(们)?[^，,。\s]{0,2}(说|讲|让|叫|讲话)")


# a yes put right before the last word: "哦不对", "等等", "忘了", "哎呀"
CORRECTED = re.compile(r"^(哦|噢|啊|哎|诶)?不对|等等|等一下|等下|忘了|哎呀|糟了|坏了|不行")


# a decision after a hesitation, said last: "算了 还是报吧", "想了想还是去吧" ("还是不报了" is no such thing)
DECIDED = re.compile(r"还是(要|得)?(报|抱|参加|报名|报上|去吧|去嘛|去好了|去$)")


def _clauses(text: str) -> list[str]:
    from bot.nlu import normalize

    return [p for p in _CLAUSE.split(normalize(text)) if p]


# the bot's own words said back as the answer: "「是」", "回复是", "回复：否"
ECHOED = re.compile(r"^\s*(我)?(回复|回)[:：\s]*|^\s*[「“\"『]\s*(?=[^」”\"』]{1,6}[」”\"』]\s*$)|(?<=\S)[」”\"』]\s*$")


# the head of a teacher's marking before the answer: "批：可", "批示：同意", "审批意见：同意"
MARKED = re.compile(r"^\s*(批|批示|批复|批语|签批|审批|审批意见|审核意见|意见|结论)\s*[:：]\s*(?=\S)")


BEFORE_YES = re.compile(r"^(在|那)?(确认|确定|报名)(之|以)?前|^before (i )?(确认|confirming)")


def yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when neither is clear (ask again, in other words).
    A hesitation first ("嗯…不了不了，甭报了") is not a yes: the clause after it answers."""
    text = quoted_answer(text) or text
    text = standing(text)  # "确认（划掉）不确认": the words left standing answer (bot/stage.py)
    text = judged(text)  # "判断题：确认报名（ 对 ）": the statement marked true, or its refusal (bot/stage.py)
    text = unnegated(MARKED.sub("", text))  # "批：可", "却之不恭，确认": a marking's head, a 成语 read (bot/idioms.py)
    if not text:
        return None
    text = re.sub(r"[【】《》]", " ", text)  # "【是】 带我老公一起": the key word put in brackets
    text = ECHOED.sub("", text) or text
    clauses = _clauses(text)
    if any(BEFORE_YES.match(c) for c in clauses):  # "确认前想问下 是单打还是双打": a question comes first
        return None
    answers = [c for c in clauses if not COURTESY.match(c)]
    clauses = answers or clauses
    if not clauses or re.match(r"^\s*[^，,。.！!？?]{0,3}[？?]", text.strip()):  # "嗯？？", "是吗?": a question
        return None
    decided = [i for i, c in enumerate(clauses) if DECIDED.search(c)]
    if decided and not re.search(r"[?？吗]", text) and not any(NO_RE.match(c) for c in clauses[decided[-1] + 1:]):
        return True  # "嗯那个我再想想啊…那天好像有课 算了还是报吧没事": the last word decides
    if len(clauses) > 2 and NO_RE.match(clauses[-1]) and any(CORRECTED.search(c) for c in clauses[1:-1]):
        return False  # "嗯 报吧…哦不对 那天下午要监考 算了不报了": put right, the last word decides
    first = clauses[0]
    if REPORTED.match(first):  # "他说报上": not hers to give (she is asked again)
        return None
    if (FILLER_RE.match(first) or LEAD_IN.match(first)) and len(clauses) > 1:
        if any(NO_RE.match(c) for c in clauses[1:3]):
            return False
        first = next((c for c in clauses[1:4] if YES_RE.match(c) or AFFIRM_RE.match(c)), clauses[1])
    if NO_RE.match(first):
        return False
    if YES_RE.match(first):
        return None if TAKEN_BACK.search(first) or ASKED_BACK.search(clauses[-1]) else True
    if AFFIRM_RE.match(first) and not REFUSAL_WORD.search(first) and not first.endswith(("吗", "么")):
        return True
    return True if confirmed_among(clauses) else None


# a clause that is itself a confirmation, whatever is said around it: "∴确认报名" (∴: 所以), "那确认", "就这么定了", "i 确认", "yes"
# (and as a contract or a formal letter says it: "特此确认报名", "兹确认参加", "现确认报名", "甲方确认参加", "本人谨此确认")
CONFIRMING = re.compile(r"^(那|那就|那么|就|我|我就|那我|所以|∴|因此|故|因而|特此|兹|现|谨|在此|故此|遂|本人|甲方|乙方|我方)*(谨此)?"
                        r"(报名|参赛)?(确认|确定)(报名|参加|参赛|报上|一下|了|吧|啦|的|哈|呀|无误)*$|"
                        r"^(本人|甲方|乙方|我方)?(对此|对以上|对上述)?(内容)?(无|没有|并无|毫无)异议$|"
                        r"^(那|那就|就)?(这么|这样)定(了|吧|啦)?$|^就这么(办|定)(了|吧|啦)?$|^(yes|yep|yeah)$")
# what makes the words around it something else than a yes: a refusal, a doubt, a question, a condition
NOT_PLAIN = re.compile(r"[不没别否甭]|算了|再想|考虑|如果|要是|万一|的话|[?？吗]|[么呢](?= |$)|几|哪|什么|怎么|多少|是否|"
                       r"(?<![a-z])(no|not|don't|can't|cannot|won't|never|cancel|but|if)(?![a-z])")
# a deliberation over, before the answer: "经慎重考虑，兹确认参加" (no doubt left)
DELIBERATED = r"经过?(慎重|认真|仔细|再三)?(的)?考虑(之?后|以后|过后)?"
SAFE_NEGATIVES = re.compile(r"没问题|没毛病|不错|不客气|无误|没课|没事|没有异议|无异议|" + DELIBERATED)


def confirms(text: str) -> bool:
    """A message that is only a confirmation ("确认报名", "那就确认报名吧", "确定报名"), courtesies aside."""
    said = [c for c in _clauses(text) if not COURTESY.match(c)]
    return len(said) == 1 and bool(CONFIRMING.match(said[0])) and yes_no(text) is True


def says_confirmed(text: str) -> bool:
    """A yes with a clause that is itself a confirmation, the words around it neither refusing, doubting nor asking
    ("照方抓药，确认", "那就先报上吧，确认。歌回头再定")."""
    return yes_no(text) is True and confirmed_among(_clauses(text))


def confirmed_among(clauses: list[str]) -> bool:
    """A yes said among other words ("∵信息无误 ∴确认报名。证毕", "准了。确认报名，退下吧～", "明白 那确认"): one clause
    is itself a confirmation, and no clause refuses, doubts, asks or reports someone else's word."""
    if not any(CONFIRMING.match(c) for c in clauses):
        return False
    rest = SAFE_NEGATIVES.sub("", " ".join(clauses))
    return not NOT_PLAIN.search(rest) and not any(NO_RE.match(c) or REPORTED.match(c) or CORRECTED.search(c)
                                                  for c in clauses)


LAST_YES = re.compile(r"^(确认|确定|确认报名|确定报名|是的?|好的?|可以|报吧|就这样)[!！。.~～]*$")
DOUBT = re.compile(r"[不没别否甭]|算了|[?？吗么呢]|再想|考虑|如果|要是|万一")


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


def parse_choice(text: str, count: int) -> int | None:
    """'2', '第2个', '第二个', '２' → 1-based index if within range."""
    t = text.strip().replace("第", "").replace("个", "").replace("号", "").replace("项", "")
    if t.isdecimal() and len(t) <= 6:  # not isdigit(): '²' is a digit that int() refuses
        n = int(t)
    elif t in CN_DIGITS:
        n = CN_DIGITS[t]
    else:
        return None
    return n if 1 <= n <= count else None


def numbered(items: list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def local_now(ctx: Context) -> dt.datetime:
    """Naive local time, for comparing with 'YYYY-MM-DD HH:MM' strings in the database."""
    return ctx.clock.now().replace(tzinfo=None)


STAFF_NO_RE = re.compile(r"(?<![0-9a-z])([0-9]{3,10})(?![0-9])")


_LATIN_RUN = re.compile(r"(?<![0-9a-z])[a-z]+(?:[ -][a-z]+){1,2}(?![0-9a-z])")


@functools.cache
def _sounds_of(name: str) -> frozenset[str]:
    """How a name is written in pinyin: "宋健" → {"songjian", "jiansong"} (surname first, or last as in
    English)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    return frozenset(("".join(syllables), "".join(syllables[1:] + syllables[:1])))


# a pinyin syllable (one that could go on a name: "Zhang Wei Dong" is not 张伟), not an English word of that shape
_SYLLABLE = re.compile(r"(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(a|o|e|i|u|v|ai|ei|ao|ou|an|en|ang|eng|ong|ia|ie|iao|iu|ian|in|iang|ing|"
                       r"iong|ua|uo|uai|ui|uan|un|uang|ue|ve)|a|o|e|ai|ei|ao|ou|an|en|ang|eng|er")
_ENGLISH_SHAPED = {"a", "an", "he", "she", "can", "man", "men", "die", "lie", "tie", "pie", "run", "long", "hang", "ban",
                   "fan", "pan", "sun", "pin", "ping", "bin", "hen", "gang", "bang", "sang", "ran", "bun", "fun", "gun",
                   "nun", "pun", "tan", "den", "pen", "ten", "zen", "yen", "dun", "huge", "me", "we", "ye", "e", "o"}


def _goes_on(word: str) -> bool:
    return _SYLLABLE.fullmatch(word) is not None and word not in _ENGLISH_SHAPED


def latin_name(norm: str) -> bool:
    """A name in pinyin the roster did not know ("zhang wei dong"): two or more syllables in a row."""
    return any(len(words) >= 2 and all(map(_goes_on, words))
               for words in (re.split(r"[ -]", m.group(0)) for m in _LATIN_RUN.finditer(norm)))


def in_chinese(norm: str, roster: list) -> str:
    """A member's name written in pinyin ("Song Jian", "xu li", "Li Xu") as the roster writes it ("宋健"),
    when exactly one active member is called so and the name does not go on in another syllable ("Zhang Wei Dong"
    is not 张伟); any other latin words are left as they are."""
    if not _LATIN_RUN.search(norm):
        return norm
    sounds: dict[str, set[str]] = {}
    for member in roster:
        for sound in _sounds_of(member.name):
            sounds.setdefault(sound, set()).add(member.name)

    def named(m: re.Match) -> str:
        words = re.split(r"[ -]", m.group(0))
        for start in range(len(words)):
            for end in range(len(words), start + 1, -1):  # the longest run of words that is one name
                fits = sounds.get("".join(words[start:end]), set())
                if len(fits) == 1 and not (end < len(words) and _goes_on(words[end])):
                    return " ".join([*words[:start], next(iter(fits)), *words[end:]])
        return m.group(0)

    return _LATIN_RUN.sub(named, norm)
