"""A question about how to give feedback ("请问在哪里可以做意见反馈 我是新来的", "怎么向工会提建议啊",
"教代会提案怎么提") is no feedback yet: it is answered, and the feedback itself is asked for next."""

from __future__ import annotations

import functools
import re

from bot.nlu import normalize, words_version
from handlers._common import FORESEEN

# asking how or where, about giving feedback
_HOW = re.compile(r"在哪|哪里|哪儿|去哪|怎么|怎样|如何|咋|什么地方|啥地方|什么渠道|渠道|途径|流程|入口|找谁|跟谁|向谁|给谁")
_ABOUT = re.compile(r"意见|建议|反馈|反映|投诉|提案|吐槽|留言")
_CAN = re.compile(r"(能不能|可不可以|能否|可以|能)[^，,。？?]{0,10}(提|反馈|反映|投诉|留言|吐槽)[^，,。？?]{0,6}[吗嘛么?？]")
# everything such a question may say besides: greetings, who is asking, the asking, the verbs, particles
_ONLY_ASKING = re.compile(
    r"(请问|问一下|问下|想问问?|打扰了?|你好|您好|老师好|谢谢|麻烦了?|我是|新来的|刚来的|新入职的?|刚入职的?|新老师|老师|"
    r"不太懂|不懂|不知道|不清楚|不太清楚|不会|第一次|"
    r"在哪里?|哪里|哪儿|去哪儿?|怎么样?|怎样|如何|咋|什么地方|啥地方|什么渠道|渠道|途径|流程|入口|方式|操作|弄|办|进行|"
    r"能不能|可不可以|能否|可以|能|要|想|得|该|应该|去|在|到|这里|这儿|这边|这个|工会|学校|领导|向|跟|对|给|和|找|谁|"
    r"我|有|提交?|做|写|交|发|反馈|反映|投诉|留言|吐槽|说|匿名|实名|署名|地|的|"
    r"教代会|提案|意见箱|建议箱|意见|建议|问题|情况|想法|个|一个|一下|下|点|条|"
    r"[啊呀呢吗嘛么吧哈呃嗯哦]|[\s,，。.!！?？~、…])+")


def asks_how(text: str) -> bool:
    """Whether the message only asks how or where to give feedback, with nothing to pass on yet."""
    t = normalize(text)
    return bool(_HOW.search(t) or _CAN.search(t)) and bool(_ABOUT.search(t)) and bool(_ONLY_ASKING.fullmatch(t))


# what is left of "我要提个教代会提案", "有个意见想反映一下", "您好，我想给工会提一条建议。", "额想提个意见",
# "小助手你好 我想给工会提个建议", "我们退休老同志有个建议", "想同工会讲个事 提个意见先", "I want to make a
# suggestion": the request alone, whoever says it and however, nothing to submit yet
NO_SUBSTANCE = re.compile(
    r"(?:教代会|工会|学校|小助手|助手|你好|您好|的|提案|建议|意见|投诉|想法|问题|情况|事情?|想|要|有|反映|反馈|提|说|讲|交|递|整|写|"
    r"给|跟|同|向|对|一下|下|个|一份|份|一条|条|两条|几条|一点|点|先|小|"
    # the politeness around it: "不好意思打扰一下，想提个小建议", "冒昧打扰，想给工会提点建议"
    r"不好意思|打扰了?|冒昧|请问|麻烦(?:你|您)?|您|"
    # a hesitation around it: "有个情况想反映一下，不知道合不合适", "想说件家里的事 不晓得该不该讲"
    r"(?:也|就是)?不(?:知道|晓得|清楚)(?:合不合适|合适不|该不该(?:说|讲|提)|能不能(?:说|讲|提)|方不方便|妥不妥|算不算)|件|家里的?|"
    r"我们?|额|俺们?|咱们?|偶|(?:我|咱|俺)?们[\u4e00-\u9fa5]{0,6}?(?=有|想|要)|那个|就是说|就是|嗯|呃|哦|"
    r"i|want|to|make|an?|some|have|e?m{2,}|h{2,}|吧|啊|哈|呢|[。.!！~ ,，…])*")  # ("emmm 想反映个情况")


HOW_ANSWER = ("在这里直接把您的{kind}发给我就行，工会会统一收到并答复。可以实名，也可以匿名（匿名不记录您的任何身份信息）。\n"
              "请直接写下您的{kind}内容（一条消息即可）。回复“取消”可退出。")


# at "要署上您的名字吗？", more of the suggestion rather than an answer: "还有 食堂的筷子也经常没洗干净"
_ABOUT_NAMING = re.compile(r"匿名|实名|署名|具名|落款|签名|留名|名字|名义|身份|知道是我|是谁|anonym|name|sign", re.IGNORECASE)
ADDED = "已补充到您的{kind}里。"


def adds_to_it(text: str) -> bool:
    """Whether an answer at the choice to sign says more of the suggestion, not how to send it: led by
    "还有/另外/补充", or a proposal of its own ("图书馆周末能不能开放，方便老师备课"), long, with nothing about
    names in it (anything else is still sent anonymously)."""
    t = re.sub(r"[\s，,。.！!~…]+", "", normalize(text))
    if _ABOUT_NAMING.search(t):
        return False
    if _MORE.match(t):
        return len(re.findall(r"[\u4e00-\u9fff]", t)) >= 8 and not re.search(r"[?？吗]$", t)
    return len(re.findall(r"[\u4e00-\u9fff]", t)) >= 10 and bool(_PROPOSING.search(t))


def more_after(text: str) -> tuple[str, str]:
    """(the choice, more of the suggestion) when an answer at the choice to sign goes on with more of it
    after a separator ("匿名吧 另外图书馆也延长一下开放时间"); else (text, "")."""
    for sep in re.finditer(r"[\s，,。；;！!~…]+", text.strip()):
        rest = text.strip()[sep.end():]
        if rest and adds_to_it(rest):
            return text.strip()[:sep.start()], rest
    return text, ""


# (care news after it, "匿名 对了我爸昨天住院了", is a matter of its own: it was dropped, or filed as the suggestion's words)
_ASIDE_REQUEST = re.compile(r"^(对了|哦对了|另外|顺便|顺带|还有)[，,：:\s]*(?=.*(报(名|上|个|一下|了)|取消|退掉|体检|祝福|推送|绑定|签到|"
                            r"住院|去世|过世|走了|病逝|手术|骨折|摔|车祸|生了|生孩子|结婚|退休))")


# a fault found with a feature is more of the suggestion, never a request of it ("还有取消报名这个功能不好用",
# "另外绑定的时候总出错", "还有报名的时候老是卡": attack review 16)
_FAULTED = re.compile(r"不好用|难用|不灵|老是|总是|总(出|有|不|卡|断)|经常|动不动|出错|报错|(很|太|老|总)?卡(顿|住|死|了|得)|"
                      r"太(麻烦|复杂|难)|麻烦|功能|体验|闪退|打不开|收不到|没反应|不合理")


def request_after(text: str) -> tuple[str, str]:
    """(the choice, a request of another matter) when an answer at the choice to sign goes on with one after a
    joiner ("实名 对了拔河帮我报一下"); else (text, ""). More of the suggestion is more_after's."""
    for sep in re.finditer(r"[\s，,。；;！!~…]+", text.strip()):
        rest = text.strip()[sep.end():]
        if _ASIDE_REQUEST.match(normalize(rest)) and not _PROPOSING.search(normalize(rest)) and not _FAULTED.search(normalize(rest)):
            return text.strip()[:sep.start()], _ASIDE_REQUEST.sub("", rest, count=1) or rest
    return text, ""


# a proposal in its own words: what should change, be added or be done ("…能不能开放", "希望能尽快翻修", "最好也开放")
_PROPOSING = re.compile(r"能不能|能否|可不可以|可以不可以|是不是可以|行不行|可否|希望|建议|应该|应当|最好|改(成|为|到|善|进)|增加|增设|添(个|置|加)|加(个|装|开|一个)|"
                        r"多(开|办|设|安排|放)|开放|解决|翻修|维修|修(一下|理|好)|换(个|成|掉|一下)|"
                        r"太(差|吵|贵|少|多|远|晚|早|黑|脏|挤|热|冷|慢|乱)|没(有)?人(管|修)|不合理|不方便")


def proposal_words(text: str) -> bool:
    """Whether the words propose something (what should change, be added or be done)."""
    return bool(_PROPOSING.search(normalize(text)))


# how more of it is said: "还有…", "另外…", "补充一下：…", "而且…" (an unsure "随便你看着办", "我再想想" is an answer)
_MORE = re.compile(r"^(对了|哦对了|嗯)?(还有|另外|补充|再补充|而且|并且|再就是|再说一句|顺便|同时|以及|再加一条|还想说|还要说)")


# "匿名：以后别给我发祝福了": what follows a 匿名/实名 label and a colon is a suggestion's words, never a command
# (a claim, not a keyword: the classifier's features stay as they were)
LABELLED = re.compile(r"^\s*(匿名|实名|署名)(建议|提案|意见|投诉|反映|反馈)?\s*[:：]\s*\S")


def labelled_or_how(text: str) -> bool:
    """Labelled, a how-do-I question, or a proposal asked as a question (handlers/suggestions/proposing.py)."""
    return _labelled_or_how(text, words_version())


@functools.lru_cache(maxsize=4096)  # run on every message by the suggestion's claims (issue 23, round 19): the text's
def _labelled_or_how(text: str, _words: int) -> bool:  # alone; the words' version: normalize's (bot/nlu.py)
    from handlers.suggestions.proposing import proposes

    return bool(LABELLED.match(text)) or asks_how(text) or proposes(text)


# what a suggestion says, not news: "建议工会多去看望住院的老师", "希望困难职工帮扶能放宽条件"
_SUGGESTS = re.compile(r"建议|希望|盼|呼吁|提议|应该|能不能|可不可以|是否|为什么|凭什么|[?？吗]")
# … nor a harm foreseen, nor the complaint asked to be passed on (handlers/_common.py FORESEEN, shared with the care news)


def foresees(text: str) -> bool:
    """Whether the message foresees a harm or asks for the complaint to be passed on: no news of anyone (FORESEEN)."""
    return bool(FORESEEN.search(normalize(text)))


def news_not_suggestion(text: str) -> bool:
    """Whether the feedback asked for turns out to be care news ("我爱人上个月查出来尿毒症…家里撑不住了",
    "我父亲上周走了"): the care feature's, never filed as a suggestion."""
    from handlers.care.kinds import classify_event

    t = normalize(text)
    return bool(classify_event(t)) and not _SUGGESTS.search(t) and not FORESEEN.search(t)


# a sign-up of her own, said where the suggestion's words or the choice to sign were asked: "帮我报名拔河比赛", "拔河比赛
#帮我报个名" (first person, to the bot; the router still asks the classifier whether it clearly is one). A cancellation
# or a switch may well be the suggestion's words ("取消拔河比赛吧 太危险了": tests/test_attack8.py): never read so.
_SIGN_ME_UP = re.compile(r"(帮|给|替)我(报|登记)|我(也)?(要|想)(报名|报个|参加)|报个名|报上我|把我(也)?报上|算我一个|"
                        r"^(我)?(也)?(报名|报个|报一个|报)(参加)?(?!的|时|系统|表|费|流程|入口|链接|截止|方式|人数|名额|太|还|怎么|为什么|"
                        r"修|销|告|道|纸|警|复|答|仇|酬|价|账|社|刊|表|案|批|送|备)")  # "报名拔河", "报个拔河", "我报拔河"
# … and a withdrawal of her own, said to the bot: "取消报名拔河", "帮我把拔河退了" ("取消拔河比赛吧，太危险了" proposes)
_WITHDRAW_ME = re.compile(r"(帮|给|替)我(把)?[^，,。\s]{0,8}(退|取消|撤)|^取消(我的|我)?报名")
_CHOICE_SAID = re.compile(r"匿名|实名|署名|具名|留名|不署|署我")  # the answer to "要署上您的名字吗？" said with the news
_NOT_MINE = re.compile(r"取消|退掉|不去|换成|改成|改为|换到|改到")


def another_request(ctx, text: str) -> bool:
    """Flow.leaves of the suggestion: the message may be a sign-up of her own or care news, never the suggestion's text; a
    fault found or a change asked for ("报名的时候老是卡", "建议取消签到") stays the suggestion's. At the choice to sign,
    a sign-up naming an activity stays too: the step files the suggestion as promised and then asks the sign-up."""
    t = normalize(text)
    if ctx.data.get(SIGN_ASKED) and signup_at_choice(ctx, text) is not None:
        return False
    if _OTHER_QUESTION.match(t):  # "最近有什么活动" after "我要提建议": her question, never the suggestion's words
        return True
    if _WITHDRAW_ME.search(t) and not (_PROPOSING.search(t) or _FAULTED.search(t)):
        return True
    if asks_the_facts(ctx, t):  # "拔河几点开始？": a question of her own (a suggestion is often a question too)
        return True
    if "content" in ctx.data and news_not_suggestion(text) and not _CHOICE_SAID.search(t):  # asked whether to sign: "她
        return True  # 昨天做了阑尾炎手术，现在住院" is news of its own (set aside when surely so; "匿名 对了我爸…": the step's)
    return bool(_SIGN_ME_UP.search(t)) and not (_NOT_MINE.search(t) or _PROPOSING.search(t) or _FAULTED.search(t)
                                                or _ABOUT.search(t) or _ABOUT_NAMING.search(t) or _MORE.match(t))


# a question of the bot's own, whole: what is on, her sign-ups, the checkup ("最近有什么活动", "我报了哪些", "体检什么时候")
_OTHER_QUESTION = re.compile(r"^(请问|问一下|问下)?(最近|近期|这周|本周|下周|这个月|本月|下个月|现在|目前|工会)?(有|还有|有没有)?(什么|啥|哪些)"
                             r"(活动|安排)(吗|呢|啊|呀|没)?[?？。]*$|^(我)?(报了|报名了)(哪些|什么|啥)(活动)?(呢|啊)?[?？]*$|"
                             r"^(今年)?体检(是)?(什么时候|啥时候|几号|在哪|在哪里)(呢|啊)?[?？]*$")
# a plain question of fact about an activity: when, where, how many places, until when ("拔河几点开始？", "读书会在哪里")
_FACT = re.compile(r"几点|几号|哪天|哪一天|星期几|周几|什么时候|啥时候|何时|在哪|哪里|哪儿|什么地方|地点|多少钱|收费吗|"
                   r"还有(没有)?名额|名额(还)?有|截止|集合|要带|需要带|穿什么")
# … never a question that asks for a change or finds fault ("为什么拔河安排在工作日？", "拔河几点开始？能不能改到下午")
_WHY = re.compile(r"为什么|为啥|凭什么|怎么(又|老|总|还)|难道|咋")


def asks_the_facts(ctx, t: str) -> bool:
    intent = ctx.registry.intents.get("activity_query")
    return len(t) <= 24 and bool(_FACT.search(t)) and not (_WHY.search(t) or _PROPOSING.search(t) or _FAULTED.search(t)
                                                           or _ABOUT.search(t)) \
        and intent is not None and intent.slots is not None and bool(intent.slots(t).get("activity"))


# a sign-up of her own naming an activity, said at the choice to sign: "确认报名插花沙龙", "帮我报名登山", "实名，申请参加
# 拔河" (a request of its own, never the choice's words nor more of the suggestion)
_JOINS = re.compile(_SIGN_ME_UP.pattern + r"|(确认|确定)(要)?(报名|参加)|申请(参加|报名)")
SIGN_ASKED = "sign_asked"  # in the suggestion's data: "要署上您的名字吗？" was asked


def signup_at_choice(ctx, text: str) -> tuple[str, str] | None:
    """(the words before it, the sign-up from its verb on) when a clause of the answer is plainly a sign-up of her own
    naming an activity the union holds; else None."""
    parts = re.split(r"([，,。；;！!\s]+)", text.strip())
    intent = ctx.registry.intents.get("signup")
    if intent is None or intent.slots is None:
        return None
    for k in range(0, len(parts), 2):
        clause = normalize(parts[k])
        cue = _JOINS.search(clause)
        if cue is None or _NOT_MINE.search(clause) or _PROPOSING.search(clause) or _FAULTED.search(clause):
            continue
        rest = "".join(parts[k:]).strip()
        if not intent.slots(rest).get("activity"):
            return None
        verb = max(parts[k].find(cue.group()), 0)  # "拔河帮我报一下": the activity before the verb stays
        at = max(parts[k].rfind("：", 0, verb), parts[k].rfind(":", 0, verb))
        return "".join(parts[:k]).strip(" ，,。；;！!"), rest[at + 1:]  # ("匿名，终审意见：确认报名插花沙龙": after its heading)
    return None
