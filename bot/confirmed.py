"""A confirmation said in the teacher's own style (issue 19, yes19): one part of her answer is itself an explicit
confirmation ("确认报名", "确认无误", "没错", "对对对", "就是它", "报上"), perhaps after a speaker's lead-in ("广播站再次确认：…",
"图9 配文：确认报名！", "终审意见：确认报名插花沙龙"), and the other parts are judged one by one: a refusal, a doubt or a
question vetoes; a negation that only says "no change, no delay, no doubt" ("不改了", "确认不含糊", "别耽搁", "一个家属不多添",
"无需修改"), the waitlist accepted ("如果满了排候补也行") and words about something else ("唱什么歌到时候再说") do not.

bot/answers.py reads the verdict (`explicit`, `doubted`) with its own refusal, report and correction readers; this
module imports none of them (no cycle)."""

from __future__ import annotations

import re

# the parts a message is judged in: its clauses, split again at a speaker's colon and at a bullet
PARTS = re.compile(r"[，,。.！!？?；;\s~～…:：•·●▪【】\[\]（）()✔✓☑—]+")  # (and at a heading's brackets, a tick, a dash:
# "【注意事项】确认报名", "状态更新：已确认 ✔ 帮我报上", "此事——确认无疑")

# a clause that is itself a confirmation, whatever is said around it: "∴确认报名" (∴: 所以), "那确认", "就这么定了", "yes"
# (and as a contract or a formal letter says it: "特此确认报名", "兹确认参加", "现确认报名", "甲方确认参加", "本人谨此确认")
CONFIRMING = re.compile(r"^(那|那就|那么|就|我|我就|那我|所以|∴|因此|故|因而|特此|兹|现|谨|在此|故此|遂|本人|甲方|乙方|我方|作者|此事|已)*(谨此)?"
                        r"(报名|参加|参赛)?(确认|确定)(报名|参加|参赛|报上|一下|上车|下单|出发|提交|了|吧|啦|的|哈|呀|无误|无疑)*$|"
                        r"^(本人|甲方|乙方|我方)?(对此|对以上|对上述)?(内容)?(无|没有|并无|毫无)异议$|"
                        r"^(那|那就|就)?(这么|这样)定(了|吧|啦)?$|^就这么(办|定)(了|吧|啦)?$|^(yes|yep|yeah)$")

# a confirmation that says it admits no change or delay: "确认不含糊", "确认报名别耽搁", "确认报名，不改了"
NO_DOUBT = (r"不含糊|无误|无疑|没错|不改了?|不变了?|别耽搁|不耽搁|别犹豫|不犹豫|不用犹豫|毫不犹豫|不后悔|不反悔|无需修改|不用改了?|"
            r"不需要修改|不用再问了?|绝不反悔|没得说")
# a speaker's lead-in before the word, without a colon: "广播站再次确认", "本评审人最终确认", "我们正式确认"
_LEAD = re.compile(r"^[\u4e00-\u9fffa-z0-9]{0,7}?(再次|再度|郑重|正式|最终|最后|一并|特此|在此|也)(?=确认|确定)")
# what a lead-in must not hold: a refusal, a question, a wish or a need (not a confirmation yet), someone else's word
_NOT_LEAD = re.compile(r"[不没别否甭吗呢么几哪谁何怎要需请能该想问说讲让叫得]|是否|如果|要是")
# the word, with what may follow it: the activity's name ("确认报名登山", "确认报名插花沙龙"), a no-change tail
_CONFIRM_WORD = re.compile(r"^(确认|确定)(报名|参加|参赛)?(?P<name>[\u4e00-\u9fffa-z0-9]{0,10}?)"
                           rf"({NO_DOUBT})?[了吧啦的哈呀嘛]*$")
_NAME_NOT = re.compile(r"[不没别否甭吗呢么几哪谁何怎要需想问说讲让叫啥个退撤]|之前|以前|前|的话|一下|取消|作废")  # "确定取消": a withdrawal's yes
# the other explicit yeses: "没错没错就是它", "对对对", "就是那个座谈会", "反正赶紧给我报上", "请给我记上"
_OTHER_YES = re.compile(r"^(没错)+(就是(它|这个|那个|这场|那场)[\u4e00-\u9fff]{0,8})?[了啦的呀]*$|^对{2,}[的啊呀]*$|^对的对的$|"
                        r"^就是(它|这个|那个|这场|那场|这一个)[\u4e00-\u9fff]{0,8}?[了啦的呀]*$|"
                        r"^(反正|那就|就|赶紧|快|快点|请|麻烦)*(给|帮)?(我|俺)?(报上|记上)(吧|啦|哈|了|呀)*$")


def explicit(part: str, answering: bool = True) -> bool:
    """Is this part itself an explicit confirmation, perhaps after a speaker's short lead-in? "没错", "对对对", "报上"
    confirm only in answer to a question (said with a request, "…报上" is the request: it is confirmed next)."""
    if CONFIRMING.match(part) or (answering and _OTHER_YES.match(part)):
        return True
    lead = _LEAD.match(part)
    said = part[lead.end():] if lead and not _NOT_LEAD.search(lead.group()) else part
    word = _CONFIRM_WORD.match(said)
    return bool(word) and not _NAME_NOT.search(word.group("name"))


# what is said around a yes and is neither a refusal nor a doubt about it (what NOT_PLAIN would else mistake)
DELIBERATED = r"经过?(慎重|认真|仔细|再三)?(的)?考虑(之?后|以后|过后)?"  # "经慎重考虑，兹确认参加": a deliberation over
# the waitlist accepted: "如果满了排候补也行", "如果已经满了，请把徐丽放进候补名单", "满了就候补"
WAITLIST_OK = (r"(如果|要是|万一|假如|若)?(已经|真的?)?(报|名额)?(满了?|没(有)?名额了?|没(有)?位置了?)(的话)?[,，]?"
               r"(就|请|也|那就|那)?[^,，。!！?？不别]{0,8}(候补|排队|等位)(名单)?(也)?(行|可以|好|成|没关系|没事|无所谓)?")
# a full activity accepted: "满了也没关系", "满了也无所谓"
FULL_OK = r"(如果|要是|万一)?(满了?|没(有)?名额了?|没(有)?位置了?)(也|都)(没关系|没事|无所谓)"
# a detail left for later, not the yes: "唱什么歌到时候再说", "穿哪件回头再定" (never about going: "去不去到时候再说")
DEFERRED = r"[^,，。报去参来]{0,4}(什么|哪首|哪个|哪件|几首|啥)[^,，。不没别报去参来]{0,6}(到时候?|回头|之后|以后|当天|再)(再)?(说|定|商量|看|选)"
SAFE_NEGATIVES = re.compile(r"没问题|没毛病|不错|不客气|无误|没课|没事|没有异议|无异议|" + NO_DOUBT + "|不多添|不多加|不添|" + FULL_OK + "|"
                            + DELIBERATED + "|" + WAITLIST_OK + "|" + DEFERRED)
# what makes the words around it something else than a yes: a refusal, a doubt, a question, a condition
NOT_PLAIN = re.compile(r"[不没别否甭]|算了|再想|考虑|如果|要是|万一|的话|[?？吗]|[么呢](?= |$)|几|哪|什么|怎么|多少|是否|"
                       r"想问|问问|问一?下|请问|"
                       r"(?<![a-z])(no|not|don't|can't|cannot|won't|never|cancel|but|if)(?![a-z])")


def parts(clauses: list[str]) -> list[str]:
    """The clauses split again at a speaker's colon and a bullet ("终审意见：确认报名" is two parts)."""
    return [p for c in clauses for p in PARTS.split(c) if p]


def doubted(said: list[str]) -> bool:
    """Do the parts that are not a confirmation refuse, doubt or ask (each judged in its own words)?"""
    rest = unsafe("，".join(p for p in said if not explicit(p)))
    return bool(NOT_PLAIN.search(rest))


def unsafe(part: str) -> str:
    """What is left of a part once its harmless negations and asides are taken out ("不改了" leaves nothing)."""
    return SAFE_NEGATIVES.sub("", part).strip()
