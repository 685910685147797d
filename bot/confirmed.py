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
                        r"(报名|参加|参赛)?(确认|确定)(报名|参加|参赛|报上|一下|上车|下单|出发|提交|了|吧|啦|的|哈|呀|无误|无疑|确认|确定)*$|"
                        # (signup22) said twice when she has said it before ("确认确认，行了吧"); certainty in set words
                        # ("确然无疑", "毋庸置疑", "千真万确", "板上钉钉"; "一言为定" is read by bot/idioms.py)
                        r"^(此事|此)?(确然|确凿|确定|确实)(无疑|无误)$|^(毋庸置疑|无可置疑|千真万确|板上钉钉|铁板钉钉)(了|啦)?$|"
                        r"^(本人|甲方|乙方|我方)?(对此|对以上|对上述)?(内容)?(无|没有|并无|毫无)异议$|"
                        r"^(那|那就|就)?(这么|这样)定(了|吧|啦)?$|^就这么(办|定)(了|吧|啦)?$|^(yes|yep|yeah)$")

# a confirmation that says it admits no change or delay: "确认不含糊", "确认报名别耽搁", "确认报名，不改了"
NO_DOUBT = (r"不含糊|无误|无疑|没错|不改了?|不变了?|别耽搁|不耽搁|别犹豫|不犹豫|不用犹豫|毫不犹豫|不后悔|不反悔|无需修改|不用改了?|"
            r"不需要修改|不用再问了?|绝不反悔|没得说|"
            # (yes21) "确认报名不回头啊", "方案已冻结，不再变更", "其他的不用问了", "此心不改", "说一不二"
            r"不回头|不走回头路|(不再|不会再|不做|无)(变更|更改|修改|改动|变动)|(其他|别)的?(都)?不用(再)?(问|说)了?|说一不二|"
            r"决不后悔|绝不后悔|不带犹豫的")
# a speaker's lead-in before the word, without a colon: "广播站再次确认", "本评审人最终确认", "我们正式确认"
_LEAD = re.compile(r"^[\u4e00-\u9fffa-z0-9]{0,7}?(再次|再度|郑重|正式|最终|最后|一并|特此|在此|也)(?=确认|确定)|"
                   # (conv39) what was written above, confirmed as a form's end says it: "以上投标文件确认提交", "上述信息确认无误"
                   r"^(以上|上述|如上|前述)[\u4e00-\u9fff]{0,8}?(?=确认|确定)")
# what a lead-in must not hold: a refusal, a question, a wish or a need (not a confirmation yet), someone else's word
_NOT_LEAD = re.compile(r"[不没别否甭吗呢么几哪谁何怎要需请能该想问说讲让叫得]|是否|如果|要是")
# a thing confirmed, as a log or a check-list says it: "航线确认", "坐标确认", "信息确认完毕" (yes21: two characters
# naming what is confirmed, never who or whether: "他确认", "未确认", "待确认", "是否确认", "已经确认")
_THING_CONFIRMED = re.compile(r"^[\u4e00-\u9fff]{2}(确认|确定)(完毕|无误|无疑)?[了啦]?$")
_NOT_THING = re.compile(r"[不没别否甭未待尚还先已经你您他她们谁老小啥何怎要需请务必能该想问说讲让叫得可难无再也都就很太才刚]")
# the word, with what may follow it: the activity's name ("确认报名登山", "确认报名插花沙龙"), a no-change tail
_CONFIRM_WORD = re.compile(r"^(确认|确定)(报名|参加|参赛)?(?P<name>[\u4e00-\u9fffa-z0-9]{0,10}?)"
                           rf"({NO_DOUBT})?[了吧啦的哈呀嘛啊]*$")
_NAME_NOT = re.compile(r"[不没别否甭吗呢么几哪谁何怎要需想问说讲让叫啥个]|之前|以前|前|的话|一下|取消|放弃|退出|撤|作废")  # ("确认取消")
# the other explicit yeses: "没错没错就是它", "对对对", "就是那个座谈会", "反正赶紧给我报上", "请给我记上"
_OTHER_YES = re.compile(r"^(没错)+(就是(它|这个|那个|这场|那场)[\u4e00-\u9fff]{0,8})?[了啦的呀]*$|^对{2,}[的啊呀]*$|^对的对的$|"
                        r"^就是(它|这个|那个|这场|那场|这一个)[\u4e00-\u9fff]{0,8}?[了啦的呀]*$|"
                        r"^(反正|那就|就|赶紧|快|快点|请|麻烦)*(给|帮)?(我|俺)?(报上|记上)(吧|啦|哈|了|呀)*$")


# (conv39) the sign-up named first, then the word: "插花报名我确认", "拔河报名我确定了", "登山这个报名确认"
_FRONTED = re.compile(r"^(?P<name>[\u4e00-\u9fffa-z0-9]{1,10}?)(的)?(报名|参加|参赛)(我|俺|咱|本人)?(就)?(确认|确定)[了吧啦的哈呀]*$")


def explicit(part: str, answering: bool = True) -> bool:
    """Is this part itself an explicit confirmation, perhaps after a speaker's short lead-in? "没错", "对对对", "报上"
    confirm only in answer to a question (said with a request, "…报上" is the request: it is confirmed next)."""
    if CONFIRMING.match(part) or (answering and _OTHER_YES.match(part)):
        return True
    if _THING_CONFIRMED.match(part) and not _NOT_THING.search(part[:2]):
        return True
    lead = _LEAD.match(part)
    said = part[lead.end():] if lead and not _NOT_LEAD.search(lead.group()) else part
    word = _CONFIRM_WORD.match(said) or _FRONTED.match(said)
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
    """Do the parts that are not a confirmation refuse, doubt or ask (each judged in its own words)? Before a
    confirmation said last (`decisive`), only a refusal or a doubt of this sign-up or a real question about it does."""
    last = decisive(said)
    if last is not None:
        said = said[:last + 1]
        before = [p for place, p in enumerate(said[:last]) if not explicit(p) and not FRAMED.match(p)
                  and not SETTLED.match(said[place + 1])]  # ("名额将尽？无妨": a question she answers herself)
        return any(vetoes(p) for p in unsafe("，".join(before)).split("，"))
    rest = unsafe("，".join(p for p in said if not explicit(p)))
    return bool(NOT_PLAIN.search(rest))


def unsafe(part: str) -> str:
    """What is left of a part once its harmless negations and asides are taken out ("不改了" leaves nothing)."""
    return SAFE_NEGATIVES.sub("", part).strip()


# ---- the last word decides (yes21) -------------------------------------------------------------------------------
# People put their decision last and wrap it in style ("我吴刚想要的东西，从来没有得不到的。别让我说第二遍——确认。",
# "工会问我确认否，男子汉说话算数，白纸黑字记下来——确认！"): a confirmation said last wins over the words before it
# unless one of them refuses or doubts THIS sign-up, or asks a real question about it. A rhetorical question
# ("难道我看起来像是在开玩笑吗？") asks nothing; the question put to her said back ("问我确定不确定") is what she answers.

# what refuses or doubts the sign-up itself, wherever it is said before the yes ("别报了，确认取消", "有课，确认")
REFUSES = re.compile(r"不(报|去|参加|参赛|来|确认|确定|要了|用了|了了|想|太想|一定|行|对)|别(再)?(报|去|参加|帮我报|给我报|确认)|"
                     r"(去|参加|来|报|赶)不(了|成|上)|(不能|无法|没法|没办法|不便)(去|参加|来|报|到|出席)|算了|放弃|取消|撤|退(出|掉|报)|"
                     r"^否|再(想|看看|说(?!一?(遍|次|回))|考虑|议|定)|想想|考虑|三思|琢磨|纠结|犹豫|先不|暂不|暂缓|还没|没想好|没(空|时间)|有(课|事|会)|"
                     r"可能|也许|或许|说不定|不一定|不过|但是|可是|如果|要是|万一|假如|若是|(?<![说讲过])的话|除非|看情况|^不+$|^不是|"
                     r"(?<![a-z])(no|not|don't|can't|cannot|won't|never|cancel|but|if|maybe)(?![a-z])")
# a real question in a part ("几点集合", "家属能去吗", "请问要带什么")
QUESTION = re.compile(r"[吗呢么嘛]$|请问|想问|问问|问一?下|是否|能不能|可不可以|会不会|有没有|要不要|是不是|几点|几号|几个|"
                      r"哪(里|儿|天|个|位|些)|在哪|什么时候|多少|怎么(去|走|报|弄|办|算|样)")
# a question asked only to say yes the louder: "难道我看起来像是在开玩笑吗", "哪有不去的道理", "岂能错过"
RHETORICAL = re.compile(r"难道|岂(能|会|可|敢|有|不)|哪有|哪能|何必|何须|何需|谁说|怎么可能|怎能|还用(问|说)|有什么好(问|犹豫|想|考虑)|"
                        r"要(我|人家|本人|俺)?(再)?说几(遍|次|回)|说了(几|多少)(遍|次|回)")  # ("还要我说几遍？确认！")
# the question put to her said back, which her yes answers: "工会问我确认否", "问我确定不确定", "你问我去不去"
FRAMED = re.compile(r"^[\u4e00-\u9fffa-z]{0,6}?(?<![想请])问(我|俺|咱|本人|在下|贫道|"
                    r"(?=(?P<a>[\u4e00-\u9fff]{1,2})[不没](?P=a)$))")  # (conv39) "你问确认不确认": the question said back
# a question she answers herself at once: "名额将尽？无妨。", "满了吗？没关系，排候补"
SETTLED = re.compile(r"^(无妨|没关系|不要紧|无所谓|不打紧|不碍事|管(他|它)呢?|那又(怎样|如何)|随(它|他)去?|没事|"
                     r"(没有|没了|满了|就算满了)?(也|都)(行|可以|好|成|没关系|无所谓|不要紧))[了吧啊呀的]*$")


# what a rhetorical question may still doubt ("难道不能再想想吗"; "哪有不去的道理", "有什么好考虑的" say yes the louder)
STILL_DOUBTS = re.compile(r"再(想|看看|说(?!一?(遍|次|回))|考虑|议|定)|想想|考虑|三思|琢磨|纠结|犹豫|算了|放弃|取消|撤|退(出|掉|报)|"
                          r"可能|也许|或许|说不定|不一定|如果|要是|万一|的话|"
                          # and whether she goes at all: "难道我会去吗", "难道我有空吗", "难道你没看出来我不想去吗" (attack
                          # review 21); "哪有不去的道理" says yes the louder
                          r"(?<![不没])(去|想|有空|参加|报|愿意)")


def vetoes(part: str) -> bool:
    """Does a word said before (or around) a confirmation said last refuse or doubt this sign-up, or really ask? A
    rhetorical question only when it still doubts."""
    if RHETORICAL.search(part):
        return bool(STILL_DOUBTS.search(RHETORICAL.sub("", part)))
    return bool(REFUSES.search(part) or QUESTION.search(part))


def decisive(said: list[str]) -> int | None:
    """The place of a confirmation said last, only harmless words after it ("确认报名，此心不改", "确认！难道我看起来像是
    在开玩笑吗？", "…执行报名指令。日志完毕"); None when there is none, or when a word after it refuses, doubts or asks."""
    for place in range(len(said) - 1, -1, -1):
        if explicit(said[place]) and not said[place].endswith("一下"):  # ("我没报上吧，确认一下": a check asked for)
            after = [unsafe(p) for p in said[place + 1:]]
            return place if all(not NOT_PLAIN.search(p) or (RHETORICAL.search(p) and not vetoes(p)) for p in after) \
                else None
    return None


def unasked(text: str) -> str:
    """The message without the questions that ask nothing: a rhetorical one ("难道我像是在开玩笑吗？", "哪有不去的道理")
    and the question put to her said back ("工会问我确认否") are left out; one she answers herself ("名额将尽？无妨")
    loses its mark."""
    pieces = [p for p in re.split(r"(?<=[？?。！!\n，,；;])", text) if p]
    kept = []
    for place, piece in enumerate(pieces):
        clause = piece.rstrip("？?。！!\n，,；; ")
        mark = piece[len(clause):]
        said = clause.strip(" …~～—-")
        following = pieces[place + 1].strip("？?。！!\n，,；; …~～—-") if place + 1 < len(pieces) else ""
        if (RHETORICAL.search(said) and not vetoes(said)) or FRAMED.match(said):
            continue
        if re.search(r"[？?]", mark) and SETTLED.match(following):
            kept.append(clause + "，")
        else:
            kept.append(piece)
    return "".join(kept)


# ---- a yes word mocked, a wish denied (signup22) --------------------------------------------------------------------
# The yes word said only to be mocked: "确认是不可能确认的", "去是不可能去的", "确认是不可能的", "确认你个头", "确认个鬼",
# "确认什么确认", "报名才怪", "确认？不存在的"; and a wish to sign up denied as a question: "谁说我要报名了？", "我什么时候
# 说要去了", "谁要参加了" ("谁说我不去了？确认！" denies a refusal: that is a yes; "还有谁要去吗？" only asks). Each is a no.
_WORD = r"(确认|确定|报名|报|去|参加|同意|好|行)"
MOCKED = [re.compile(rf"^{_WORD}(是|那是|就是)?(这辈子|永远|绝对|根本)?(都|也)?(不可能|不会)\1"),
          re.compile(rf"^{_WORD}(是|那是)?(这辈子|永远|绝对|根本)?(都|也)?不可能(的|滴|啦|了)?$"),
          re.compile(rf"^{_WORD}(才怪|(你|您)?个(头|鬼|屁|毛|球|锤子|大头鬼|啥|什么)|(什么|啥)\1)"),
          re.compile(r"^(不存在的|门都没有|没门(儿)?|想得美|休想|做梦(吧|去吧)?)[了啦吧哈呀]*$")]
DENIED = re.compile(r"谁(说|讲|告诉你)(我|俺|本人)?(要|想)(报|去|参加|确认)|谁(要|想)(报名?|去|参加|确认)了|"
                    r"(我|俺|本人)?(什么时候|啥时候|哪里|哪儿|哪句话?)(说|讲)(过)?(我|俺)?(要|想)(报|去|参加|确认)")


def mocked(said: list[str]) -> bool:
    """Is one of the parts a yes word mocked or a wish to sign up denied (a no, whatever else is said)?"""
    return any(any(m.match(p) for m in MOCKED) or DENIED.search(p) for p in said)
