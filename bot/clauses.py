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

import re

_MARK = r"[,，。.!！?？;；…~～\s]"
RETRACT = re.compile(
    rf"(?:^|(?<={_MARK}))(?:"
    rf"(?:哦|噢|喔|啊|呃|哎呀|哎|诶|唉)\s*(?:不对|不是|不)(?={_MARK}|$)|不对不对|不是不是"
    r"|(?:哎呀|哎|唉|哦|呃|诶)?\s*我?(?:记错了|搞错了|弄错了|说反了|看错了)"
    rf"|算了(?:[,，\s]*算了)*吧?(?:[,，\s]*先?(?:不说这个了?|不说了|不提这个了?|不提了|以后再说))?(?={_MARK}|$))"
    rf"{_MARK}*")
# a request said in full after the change of mind (not only its object: "哦不，羽毛球" keeps the verb before it)
RESTATED = re.compile(r"^(?:其实|那)?(?:我(?:其实)?(?:是|就是|本来是|只是)?|是|其实是)?(?:想|要|打算|准备|报|退|取消|关|问)|"
                      r"^(?:还是|另外|顺便|对了|我的意思是|有个事|有件事|跟工会)|帮我|给我|替我|麻烦")


def last_word(text: str) -> str:
    """The words after the last change of mind that restates the request in full; else the text."""
    for m in reversed(list(RETRACT.finditer(text))):
        after = text[m.end():].strip(" ,，。.!！~～")
        if m.start() >= 2 and len(after) >= 2 and RESTATED.search(after):  # ("算了算了 别给我报了": the no itself)
            return after
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

