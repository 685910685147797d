"""Which words of a long message say what the teacher wants, and what she meant when she changed her mind.

Pure functions of the text (canonical or as typed), used by the focus (bot/normalize.py), the classifier
(bot/nlu.py) and the router's reading of corrections (bot/several.py).

`last_word(text)`: inside one message the last word counts. A change of mind ("哦不，", "哦不是，", "哎我记错了，",
"搞错了，", "算了，", "算了先不说这个。") followed by a request said in full ("我是想问登山几点出发", "我想请假",
"还是祝大家节日快乐吧", "另外有个事…", "帮我报个登山") takes back everything before it: only the words after it
are meant (when something was said before it). A correction of the object alone ("报乒乓球，哦不，羽毛球") is left to the corrections that keep the
verb; a double negative ("不是不想报") and a condition ("满了就算了") are no change of mind; "算了" alone is a no
and is left as it is.

`turned(text)`: a story told first and the request after a turn ("…，对了，插花沙龙报我一个", "…。所以我建议…",
"…，哦，乒乓球那个帮我退了"): the words after the last turn, when a story (some words) came before it.
"""

from __future__ import annotations

import collections
import operator
import re

from bot.relay import TYPIST

_MARK = r"[,，。.!！?？;；…~～\s]"
RETRACT = re.compile(
    rf"(?:^|(?<={_MARK}))(?:"
    rf"(?:哦|噢|喔|啊|呃|哎呀|哎|诶|唉)\s*(?:不对|不是|不)(?={_MARK}|$)|不对不对|不是不是"
    rf"|不是(?={_MARK}+(?:我是说|我的意思是|我说的是))"  # ("取消拔河，不是，我是说取消登山的午饭": attack review 17)
    r"|(?:哎呀|哎|唉|哦|呃|诶)?\s*我?(?:记错了|搞错了|弄错了|说反了|看错了)"
    rf"|算了(?:[,，\s]*算了)*吧?(?:[,，\s]*先?(?:不说这个了?|不说了|不提这个了?|不提了|以后再说))?(?={_MARK}|$))"
    rf"{_MARK}*")
# a request said in full after the change of mind (not only its object: "哦不，羽毛球" keeps the verb before it)
RESTATED = re.compile(r"^(?:其实|那)?(?:我(?:其实)?(?:是说|说的是|是|就是|本来是|只是)?|是|其实是)?(?:想|要|打算|准备|报|退|取消|关|问)|"
                      r"^(?:还是|另外|顺便|对了|我的意思是|有个事|有件事|跟工会)|帮我|给我|替我|麻烦")  # ("我是说登山": the object)


_SAYING = re.compile(r"^(?:我是说|我说的是)[,，:：\s]*")  # "…，不是，我是说报登山": what she says is "报登山"


def last_word(text: str) -> str:
    """The words after the last change of mind that restates the request in full; else the text."""
    for m in reversed(list(RETRACT.finditer(text))):
        after = text[m.end():].strip(" ,，。.!！~～")
        if m.start() >= 2 and len(after) >= 2 and RESTATED.search(after):  # ("算了算了 别给我报了": the no itself)
            return _SAYING.sub("", after) or after
    return text


# a turn from the story to the request: "对了", "所以", "哦，", "话说"
TURN = re.compile(rf"(?<={_MARK})(?:哦对了|噢对了|对了|所以说?|话说|(?:哦|噢)(?=[,，：:\s]))[,，：:\s]*")
STORY = 8  # characters before the turn for them to be a story told first


def turned(text: str) -> str | None:
    """The request after the last turn from a story, or None."""
    found = None
    for m in TURN.finditer(text):
        found = m
    if found is None or found.start() < STORY:
        return None
    after = text[found.end():].strip(" ,，。.!！~～")
    return after if len(after) >= 4 else None



# someone else's part, said beside the teacher's own request: "我报拔河，我老公不是咱学校的就不报了哈", "登山给我报一个，
# 孩子要上课就不去了", "我爱人就不参加了，读书会我自己报": that one is not coming, no withdrawal of hers
OTHERS = r"(?:我的?|我家|家里的?)?(?:老公|老婆|爱人|对象|媳妇|丈夫|先生|妻子|家属|家里人|家人|孩子|小孩|娃|儿子|女儿|闺女|老伴|他|她)"
OTHERS_OUT = re.compile(rf"(?:^|(?<={_MARK})){OTHERS}(?![们])[^,，。；;!！?？]{{0,14}}?(?:就|也|先|都|肯定|应该)?"
                        rf"(?:不|没法|没办法|去不了|来不了)(?:用|必)?(?:报名?|去|参加|来|跟着|一起)?[^,，。；;!！?？]{{0,6}}(?={_MARK}|$)")


def others_aside(text: str) -> str:
    """The message without a clause that says someone else is not coming, when the teacher's own request is left."""
    if "不" not in text:
        return text
    left = OTHERS_OUT.sub("", text).strip(" ,，。.!！~～")
    if not TYPIST.sub("", left).strip():  # "我替我妈发的 她说拔河不去了": her typist's words, no request of her own
        return text
    return left if len(left) >= 2 and left != text else text


# a rhetorical question that says yes or no (issue 19): "我能不报吗，当然报" (yes, said twice), "怎么能不去" (yes),
# "登山？我怎么可能去，腿不好" (no). "我能不报吗" alone may be a real question (is it compulsory?) and is left as it is.
_DO = r"(报名?|去|参加|来)"
_OF_COURSE = r"(?=[,，。.!！?？\s]*(?:当然|肯定|必须|那必须|一定|绝对|必定|铁定))"
RHETORICAL_YES = re.compile(rf"(?:难道)?(?:还)?(?:能|会)不{_DO}(?:吗|嘛|么|呢)?[?？!！]*{_OF_COURSE}"
                            rf"|(?:怎么|咋|哪|岂)(?:能|会|可能)不{_DO}(?:呢|啊|吗|嘛)?[?？!！]*")
RHETORICAL_NO = re.compile(rf"(?:怎么|咋|哪)(?:可能|会)(?:还)?{_DO}(?:得了|得成)?(?![不没了过上成])(?:呢|啊|嘛)?[?？!！]*")


# a word said again and again for weight: "重要的事说三遍：登山登山登山", "拔河拔河！", "确认确认确认"
# (three times at least, and never a word with 不/没 in it: "是不是不去了" is a question, "确认确认" is read elsewhere)
SAID_AGAIN = re.compile(r"((?:(?![不没])[\u4e00-\u9fff]){2,4})(?:[,，!！~～\s]*\1){2,}")
SAID_THRICE = re.compile(r"(?:重要的事(?:情)?(?:要)?说三遍|说三遍)[:：,，!！\s]*")


def spoken(text: str) -> str:
    """What a canonical message says without its speech habits: a word said over and over once ("登山登山登山" →
    "登山", the "重要的事说三遍" before it left out), a rhetorical question as its yes or no (`rhetorical`)."""
    if len(text) >= 6 and _may_repeat(text) and SAID_AGAIN.search(text):
        text = SAID_THRICE.sub("", SAID_AGAIN.sub(r"\1", text)) or text
    return rhetorical(text)


def _may_repeat(text: str) -> bool:
    """What SAID_AGAIN needs before it is tried (its backtracking search was the costliest pattern of a message): a word
    of two characters or more said three times holds a pair of characters three times, and six characters at least."""
    return max(collections.Counter(map(operator.add, text, text[1:])).values()) >= 3


def rhetorical(text: str) -> str:
    """The yes or no a rhetorical question says: "我能不报吗，当然报" → "我要报,当然报", "怎么能不去" → "要去"."""
    if "不" not in text and "可能" not in text and "会" not in text:
        return text
    text = RHETORICAL_YES.sub(lambda m: "要" + (m.group(1) or m.group(2)) + (
        "," if m.group(1) and m.string[m.end():m.end() + 1] not in ",，。.!！?？ " else ""), text)
    return RHETORICAL_NO.sub(lambda m: "不" + m.group(1), text)
