"""The opener of a suggestion: the words that only announce one ("阿拉想提个意见伐", "有个建议不知当讲不当讲",
"行政后勤组杜建平，给工会提个建议", "I'd like to make a suggestion"). An opener is never the suggestion: alone, the
content is asked for; before the content in one message, it is left out of it. Its words may name her ("语文组陈静，
…", "我是…"): stored with an anonymous suggestion they would undo the promise "匿名就是匿名"."""

from __future__ import annotations

import re

from bot.nlu import normalize
from handlers.binding.intro import SURNAMES
from handlers.suggestions.howto import NO_SUBSTANCE

# what it is about: without one of these words a message announces no suggestion ("有个事想说一下" is news)
ABOUT = re.compile(r"意见|建议|投诉|反映|反馈|提案|吐槽|suggestion|complaint|feedback|idea", re.IGNORECASE)
# the words an opener may say besides NO_SUBSTANCE's: a dialect's "I/we" (阿拉, 侬, 伲, 我哋), a hesitant ending
# ("…伐", "…中不", "可以吗", "不知当讲不当讲"), a greeting, and English
_MORE_FILLER = (
    r"阿拉|侬|伲|我哋|偶们?|人家|本人|小的|"
    r"(?:可以|行|中|成|好|能|方便)(?:不|吗|伐|哇|么|嘛|不行|不中|不成)?|(?:可不可以|行不行|中不中|成不成|好不好|方不方便)|"
    r"伐|哇|么|嘛|呀|哦|噢|喔|啦|咯|嘞|吗|不|"
    r"(?:也|就是|但)?不(?:知|晓得|知道)(?:当讲不当讲|该讲不该讲|该说不该说|该不该讲|该不该说|能不能讲|能不能说|行不行|可不可以)|"
    r"当讲不当讲|"
    r"老师好|领导好|大家好|早上好|上午好|下午好|晚上好|喂|"
    r"i'?d|i'?m|like|would|could|can|please|just|small|little|quick|give|got|report|something|suggestions?|"
    r"complaints?|feedback|ideas?|an?|the|for|union|you|hi|hello|[?？'’]"
)
_FILLER = re.compile(f"(?:{_MORE_FILLER}|{NO_SUBSTANCE.pattern.removesuffix('*')})*", re.IGNORECASE)
# who she is, said with it: "语文组陈静", "我是语文组的陈静", "陈静 语文组的", "行政后勤组小组长杜建平"
# (a union group, "…组": a room is no group, "体育器材室周末" names no one; a time is no name)
_GROUP = r"[\u4e00-\u9fa5]{1,6}?组(?:的|嘅)?(?:组长|小组长|副组长|老师)?"
_NAME = f"(?!周[末一二三四五六日天]|时候|明天|今天|昨天)[{SURNAMES}][\u4e00-\u9fa5]{{1,2}}?(?:老师)?"
# (unpunctuated, as voice input writes it, a cue anywhere: "喂你好我是行政后勤组的杜建平我想给工会提个意见")
_WHO = re.compile(
    rf"(?:(?:^|(?<=[\s，,。.！!~]))(?:我是|我叫|我系|本人是?|俺是|额是)?(?:{_GROUP}[\s，,]*{_NAME}|{_NAME}[\s，,]*{_GROUP})"
    rf"|(?:我是|我叫|我系|俺是|额是)(?:{_GROUP})?{_NAME})(?=$|[\s，,。.！!？?：:~]|我想|我要|想给|想跟|想向|想提|想反映)"
)
_LATIN_BOTH = re.compile(r"[a-z0-9'’]\s+[a-z0-9'’]", re.IGNORECASE)
_CLAUSE = re.compile(r"[，,。.！!？?；;：:\s~…]+")


# who types it, or whose it is, said before it: "我替我妈发的", "用我老婆的手机发的", "王芳让我帮她" (attack review 18: "我替
# 我妈发的，有个建议不知当讲不当讲" was filed as the suggestion, and her words next were taken for the choice to sign)
_FRAME = re.compile(r"(?:^|(?<=[\s，,。；;！!]))(?:我?(?:是)?(?:替|帮|代|用)[^，,。；;！!\s]{0,6}?(?:的?(?:手机|微信|号))?"
                    r"(?:发的?|打字|代发|发消息)[的了]?|[^，,。；;！!\s]{1,6}?(?:让|叫|托|请)我(?:帮|替|给|代)?(?:他|她)?)")


def _all_announcement(text: str) -> bool:
    """Whether every clause is announcement, who she is (or who types it) included."""
    t = _FRAME.sub(" ", _WHO.sub(" ", normalize(text).strip()))
    return all(_FILLER.fullmatch(p) for p in _CLAUSE.split(t) if p)


def announces_only(text: str) -> bool:
    """Whether the message only announces a suggestion: nothing to submit yet, whatever the dialect."""
    return bool(ABOUT.search(normalize(text))) and _all_announcement(text)


def without_opener(text: str) -> str:
    """The message without the clauses at its start that only announce it ("阿拉想提个意见伐，行政楼厕所…" →
    "行政楼厕所…"); the whole message when nothing announced comes first, or when it is all announcement (then it
    has no content: the caller asks for it)."""
    text = text.strip()
    who = _WHO.search(text)  # who she is, only greetings before it, her words after it with no mark between
    if who and who.end() < len(text) and _all_announcement(text[:who.end()]):
        text = text[who.end():].lstrip(" ，,。.！!~")
    cut = 0
    if announces_only(text):
        return text
    for sep in _CLAUSE.finditer(text):
        head = text[:sep.start()]
        if not sep.group().strip() and _LATIN_BOTH.match(text[sep.start() - 1:sep.end() + 1]):
            continue  # a space between English words ("I suggest the union organize…") ends no clause
        # … an opener ("有个建议，…"), or only who she is before it ("我是何雪，建议食堂便宜点"), or a typist's frame
        # ("我替我妈发的，…": attack review 18): never her suggestion
        if sep.end() < len(text) and (ABOUT.search(normalize(head)) or _WHO.search(normalize(head)) or _FRAME.search(head)) \
                and _all_announcement(head):
            cut = sep.end()
    return text[cut:]


_OWN_ABOUT = re.compile(r"意见|建议|投诉|提案|吐槽|suggestion|complaint", re.IGNORECASE)
# one is to be given ("想提个意见", "有个建议", "I have a suggestion"), not asked about ("我的建议", "建议进度")
_GIVING = re.compile(r"提|反映|反馈|投诉|吐槽|讲|说|有|递|交|make|have|give|got", re.IGNORECASE)
_ASKING_ABOUT = re.compile(r"我的|查|进度|进展|结果|答复|回复|回音|处理")


def claims_opener(text: str) -> bool:
    """The suggestion intent takes an opener about a suggestion itself, whatever the classifier guesses ("阿拉想提个
    意见伐" reads as a question about one): never "您是想…？", whose answer would then be taken for a yes."""
    t = normalize(text)
    return bool(_OWN_ABOUT.search(t) and _GIVING.search(t)) and not _ASKING_ABOUT.search(t) and announces_only(text)


_CUE = re.compile(r"^(?:我是|我叫|我系|本人是?|俺是|额是)")
_GROUP_RE = re.compile(_GROUP)


def who_said(text: str) -> str | None:
    """The name an opener gives for its sender ("行政后勤组杜建平，给工会提个建议" → 杜建平), or None."""
    opener = normalize(text)[:len(normalize(text)) - len(without_opener(normalize(text)))] or normalize(text)
    if not _all_announcement(opener):
        return None
    for m in _WHO.finditer(opener):
        name = re.sub(r"[\s，,]|老师$", "", _GROUP_RE.sub("", _CUE.sub("", m.group()), count=1))
        if 2 <= len(name) <= 3:
            return name
    return None
