"""A complaint about the school's facilities or services, said before any suggestion ("食堂的菜哪样都放辣椒，我们不吃辣
的根本莫得选", "三楼办公室那个饮水机可脏了", "打印机又卡纸咯"), is feedback itself: it is offered to be passed on, and
what follows ("建议每顿至少留两个不辣的菜嘛") is added to it, so the committee reads the complaint too. Its words wait
only in the suggestion's own open conversation (sealed like every draft: README, anonymity), never anywhere else."""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.messages import Reply
from bot.nlu import normalize
from handlers.suggestions.consent import her_answer, leading_choice, trailing_choice
from handlers.suggestions.howto import ADDED, foresees, proposal_words
from handlers.suggestions.proposing import NEWS

# the school's things and services a teacher complains about
_THINGS = (
    r"食堂|饭堂|饭菜|菜价|伙食|早餐|午餐|午饭|饮水机|开水|热水|打印机|复印机|打印室|一体机|投影|电脑|网速|网络|wifi|"
    r"停车|车位|厕所|卫生间|洗手间|空调|暖气|电梯|宿舍|澡堂|浴室|水龙头|路灯|灯管|门禁|校车|班车|桌椅|椅子|桌子|"
    r"监控|快递|保洁|垃圾|操场|体育馆|图书馆|教学楼|办公楼")
# … and those who serve it, complained of for how they do their work ("那个保安他天天上班睡觉", "门卫态度太差"; left26)
_SERVED = r"保安|门卫|门岗|宿管|物业|校工"
_FACILITY = re.compile(_THINGS + "|" + _SERVED, re.IGNORECASE)
_THING = re.compile(_THINGS, re.IGNORECASE)
# on duty as nobody should be: "上班睡觉", "值班老玩手机", "态度恶劣", "爱答不理" (only this is wrong with one who serves:
# "保安大叔天天帮我们开门" is no complaint)
_CONDUCT = re.compile(r"(上班|值班|上岗|站岗)[^，,。！!]{0,4}(睡觉|打瞌睡|打盹|玩手机|刷手机|打游戏|喝酒|不在)|脱岗|离岗|不在岗|"
                      r"态度(差|不好|恶劣|很差|太差)|爱答不理|爱理不理|骂人|吼人|凶得很")
# something wrong with it, as people say it
_WRONG = re.compile(
    r"脏|坏|卡纸|漏|堵|臭|味道|不好使|不能用|用不了|没法用|不灵|不制冷|不出水|不热|不凉|断网|掉线|"
    r"没(有|得)?(位置|位子|车位|水|纸|热水|人管|人修|人打扫|人清理|得选|选择|法吃)|(莫|冇)得选|一个车位都没有|"
    r"太(差|贵|少|咸|辣|油|淡|吵|慢|挤|热|冷|脏|乱|远|难吃|难喝|不像话)|难吃|难喝|不新鲜|吃不惯|吃不了|"
    r"谁也不知道|没人(知道|晓得|管|修)|三天两头|老是|总是|天天|又(坏|卡|堵|漏|停|不)|不像话|受不了|要命|"
    r"(都|全|样样|哪样都)放辣椒|不够(用|吃)?|排(长)?队|等半天|跑去别的楼|"
    # left undone for long: "滤芯三个月没换了", "空调一学期没人修", "好久没清洗"
    r"([一二两三四五六七八九十几半多\d]+(个)?(天|周|星期|礼拜|月|年|学期)|好久|很久|一直|从来)(都|也|了)?(没|没有|没人)(换|修|洗|清洗|清理|打扫|管|检查)")
# a question about it ("食堂几点开门", "饮水机坏了吗？") or care news ("食堂的李阿姨住院了") is no complaint
# ("打印机坏了找谁修" asks whom to call), or a sign-up or one's own earlier suggestion ("我提的那个空调维修的事")
_ASKED = re.compile(r"[?？]|[吗么嘛]$|几点|在哪|哪里|怎么(用|走|去)|什么时候开|找谁|谁(会|能|来|可以)?(修|弄|管|负责)|该找|联系谁|报修|"
                    r"报名|报个名|参加|我(提|反映|投诉)的|上次(提|反映)")
_CARE = re.compile(r"摔|骨折|生病|病了|受伤|伤了|不舒服|请假")

OFFER = ("工会可以帮您把这个意见转达给学校。想怎么改，可以接着说（例如“建议……”）；直接转达请回复“实名”或“匿名”"
         "（匿名不记录您的任何身份信息）；只是说说的话，回复“不用”就不提交。")
MORE = "已记下。还有想说的可以接着说；要转达请回复“实名”或“匿名”，回复“不用”就不提交。"
CAN = "可以，工会帮您把它作为建议转达给学校。"
DROPPED = "好的，这条就不提交了。以后想提意见或建议，随时发给我（可以匿名）。"
# "不用了，就是吐槽一下", "算了", "没事 说说而已": not to be passed on
_DECLINED = re.compile(r"^(不用|不必|算了|没事|不需要|先不|不提|不要了|不了|没关系|就是?(吐槽|说说|抱怨)|只是(吐槽|说说|抱怨))")
# "好的", "可以", "麻烦转达一下", "帮我反映吧": passed on as it is (how to sign it asked next)
_PASS_ON = re.compile(r"^(好|好的|可以|行|嗯+|是的?|对|要|需要|麻烦|帮我|请)*(转达|反映|提交|反馈|交上去|转给学校|转一下)?"
                      r"(一下)?(吧|呀|啊|哈|了|谢谢)*$")


# her complaint ended by asking the bot to agree, not asking anything it can answer: "…卡纸卡了一学期了，你说是不是该换了？",
# "空调坏了半个月了，是不是该修了？", "饮水机脏成这样，你说该不该换？"
_AGREE_ASKED = re.compile(r"[，,。.！!]*(你说|您说|你看|您看|你觉得|您觉得)?(是不是|是否|该不该)?(也)?(该|早该|得)?(?P<v>换|修|管|洗|清理|整治|处理)(?P=v)?"
                          r"(一下|一换|一修|一管|一洗|了|掉|新的)*(吧|吗|呀|啊|呢)?[?？]*$")
_AGREE_CUE = re.compile(r"是不是|是否|该不该|你说|您说|你看|您看|你觉得|您觉得")


def complains(text: str) -> bool:
    """Whether a message only complains about a school facility or service, asking for nothing yet."""
    from handlers.suggestions.proposing import proposes

    if not _FACILITY.search(text):  # (run on every message, as the suggestion's claim: the cheap test first)
        return False
    t = re.sub(r"\s+", "", normalize(text))
    agree = _AGREE_ASKED.search(t)
    told = t[:agree.start()] if agree and _AGREE_CUE.search(agree.group()) else t
    wrong = _CONDUCT.search(told) or (_THING.search(t) and _WRONG.search(told))  # (one who serves: for her conduct only)
    return len(t) <= 80 and bool(_FACILITY.search(t)) and bool(wrong) and not _ASKED.search(told) \
        and not NEWS.search(t) and not _CARE.search(t) and not proposes(t) and not _ASKS_CHANGE.search(t) \
        and not _DEMAND.search(t)  # ordered put right: a suggestion already (demands)


# asking for a change already: a suggestion of its own ("建议…", "希望…", "能不能…")
# ("另外再提一个 …空调坏了", "…您呐给催催", "赶紧修一下": asked already, the classifier's as before)
_ASKS_CHANGE = re.compile(r"建议|希望|应该|应当|最好|能不能|能否|可不可以|可以不可以|麻烦|请|提案|意见|投诉|反映|反馈|"
                          r"提(个|一个|一条|点|一下)|再提|催|修一下|修修|赶紧修")


# a demand that it be put right, said as an order: "明天之前，我要看到新滤芯", "限你们三天内修好", "不允许出现这种水", "立刻给我换"
_DEMAND = re.compile(r"我要(看到|见到|看见)|(之前|以前|以内|之内|前)[^，,。！!]{0,4}(我要|必须|给我|务必)|限(你们|期|[一二两三四五六七\d]+天)|"
                     r"(立刻|立即|马上|赶紧|尽快|必须|务必)(给我)?(换|修|解决|处理|清理|清洗|整改)|给我(换|修|解决|处理)|不允许|不准再?")


def demands(text: str) -> bool:
    """Whether a message complains about a school facility and orders it put right ("通知下去：语文组办公室的饮水机，
    滤芯三个月没换了。…明天之前，我要看到新滤芯。"): a suggestion of its own, its words filed as she wrote them."""
    if not _FACILITY.search(text):
        return False
    t = re.sub(r"\s+", "", normalize(text))
    return len(t) <= 120 and bool(_WRONG.search(t)) and bool(_DEMAND.search(t)) and not _ASKED.search(t) \
        and not NEWS.search(t) and not _CARE.search(t)


# asked whether it can be passed on: her yes to the offer ("这个能作为建议提给学校吗？", "可以帮我反映给学校吗", "这个算不算意见？
# 能提吗"): how to sign it asked next, her complaint filed as she said it
_CAN_IT = re.compile(r"(能|可以|可不可以|能不能|能否|行不行|好不好|算不算|算)[^，,。？?]{0,8}?(建议|意见|反映|转达|提交|提给|提上去|"
                     r"交上去|转给|反馈|投诉)(给|到)?(学校|工会|领导|上面|上去)?[^，,。？?]{0,4}([?？吗么]|不)")


# asked in a sentence of her own to pass it on ("请把这个意见转给管事的先生们", "麻烦转达给后勤", "帮我反映给学校"): her yes to
# the offer, whatever else she says beside it (that is more of the complaint)
_PASS_ON_ASKED = re.compile(r"(请|麻烦|劳驾|烦请|烦劳|帮我|帮忙|务必)(你们?|您|工会)?(把|将)?(这个|这条|此|我的|我这个)?(意见|建议|情况|问题|事情?|话)?"
                            r"(转给|转达|转交|反映给|反映到|交给|递给|报给|提交给|带给|捎给|传达|转告)")
_SENTENCE = re.compile(r"(?<=[。！!；;？?\n])")


OFFERED = "offered"  # in the suggestion's data: the complaint was offered to be passed on (its step is open)


def offer(kind: str, content: str) -> Ask:
    return Ask(OFFER, "complaint", flow="suggestion", data={"kind": kind, "content": content, "anonymous": None, OFFERED: True})


def keeps(ctx, text: str) -> bool:
    """Flow.keeps of the suggestion: while the complaint is offered, an answer asking for it to be passed on is the
    offer's, whatever else it says ("我以我的老花镜起誓，总有一天会有人摔断腿的。请把这个意见转给管事的先生们。" is no care news), and
    so is a harm foreseen ("总有一天会有人摔断腿的"): more of the complaint."""
    return bool(ctx.data.get(OFFERED)) and (bool(_PASS_ON_ASKED.search(normalize(text))) or foresees(text))


def step(ctx: Context, text: str, then) -> object:
    """The answer to the offer: how to sign it (passed on), more of it, a yes (asked how to sign), or a no.
    `then(ctx, kind, content, anonymous)` asks how to sign it or submits it (handlers/suggestions/__init__.py)."""
    t = re.sub(r"[\s，,。.!！~…]+", "", normalize(text))
    choice = her_answer(text, ctx)
    if choice is None and _DECLINED.match(t):
        return Done(Reply(DROPPED, sensitive=True))
    rest, said = leading_choice(text)
    if said is None:
        rest, said = trailing_choice(text, ctx.member)
    if said is None and choice is not None and len(t) <= 15:
        rest, said = "", choice  # "实名转达吧", "莫写我名字，匿名就要得"
    if said is None and _PASS_ON.fullmatch(t):
        return then(ctx, ctx.data["kind"], ctx.data["content"], None)
    if said is None and _CAN_IT.search(t):  # "这个能作为建议提给学校吗？": yes, it can
        asked = then(ctx, ctx.data["kind"], ctx.data["content"], None)
        asked.text = CAN + asked.text
        return asked
    if said is None and choice is None and _PASS_ON_ASKED.search(t):  # "…总有一天会有人摔断腿的。请把这个意见转给管事的先生们。"
        more = "".join(p for p in _SENTENCE.split(text.strip()) if not _PASS_ON_ASKED.search(normalize(p))).strip()
        if len(re.sub(r"[\s，,。.!！~…]+", "", more)) >= 4:
            ctx.data["content"] += "\n" + more
        return then(ctx, ctx.data["kind"], ctx.data["content"], None)
    if said is None and len(t) < 4:
        return Retry(OFFER)
    if rest.strip():
        ctx.data["content"] += "\n" + rest.strip()
    if said is not None:
        return then(ctx, ctx.data["kind"], ctx.data["content"], not said)
    if proposal_words(text):  # the suggestion itself: how to sign it asked next
        asked = then(ctx, ctx.data["kind"], ctx.data["content"], None)
        asked.text = ADDED.format(kind=ctx.data["kind"]) + asked.text
        return asked
    return Ask(MORE, "complaint")  # more of the complaint: still offered
