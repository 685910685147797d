"""A second reading of a message the classifier could not place (issue 19), in the context of the
previous turn: when it names an activity — or the bot has just shown one — and says what to do with it,
that is done, rather than answering with the help menu, a greeting or "您是想…？".

- "那先不报了 我再想想" after a question about 乒乓球: a no to that one ("还是报吧" next signs her up);
- "想好了 还是报吧 乒乓球那个", "不冲突的话就都报了吧" (two shown): a sign-up;
- "登山那个帮我退了吧", "运动会留着": a cancellation (the keep is kept);
- "…听说工会重阳节要开敬老座谈会，想问问我能不能参加？": a question about that activity.
"""

from __future__ import annotations

import re

from bot.engine import Context
from bot.registry import registry
from bot.several import SUGGESTION_LEAD, filled_in, suggested
from handlers._common import says_confirmed
from handlers.activities import (
    SYNONYMS,
    activity_query,
    match_activities,
    offered_before,
    shown_before,
    visible_upcoming,
)
from handlers.activities.asked import FIT_Q, accepts
from handlers.activities.declines import ELSEWHERE, GOES_ELSEWHERE
from handlers.activities.joining import joins_named, puts_me_down
from handlers.activities.keep import KEEP_RE, asks_if
from handlers.activities.many import wants_all
from handlers.activities.outcome import party_in
from handlers.activities.party import COMPANIONS
from handlers.activities.pointed import day_pick

# asking to be signed up, not telling what was done ("拔河我报了" is no request): "还是报吧", "就都报了吧",
# "帮我报一个", "报我一个", "算我一个", "我也想参加"
SIGN_ASK = re.compile(r"(帮|给)我(也)?报|(?<![汇举回情通预])报我(?!们)|(想|要|去|来)(试试|试一试|试一下)|报(个|一个|上|名吧|吧|了吧)|还是(要|想|得)?(报|参加|去)|(就|那|都|也|那就)报|算我|加我|"
                      r"我(也)?(要|想)(报|参加|去(?!" + ELSEWHERE + r"))|都(要|参加|去)")
# a sign-up put off: "那先不报了 我再想想", "先不报 考虑一下", "暂时不去"
HEDGE = re.compile(r"先不(报|去|参加)|暂时不(报|去|参加)|不报了|再(想想|考虑|看看|说)|考虑(一下|考虑)|先算了|改天再")
CANCEL = re.compile(r"取消|退(了|掉|出|报|吧)|撤(了|掉|销|吧|$|(?![回离退]))|不去了|去不了|参加不了|来不了|去不成")
NOT = re.compile(r"不(报|要|参加|去)|别报|没报|报了没|报上了吗|报好了")  # "我不报", "报好了吗": no request
ALL_YES = re.compile(r"确认|确定|报|要|参加|是|好|行|可以")
# the one just shown, taken: "那就这个", "就这个吧", "行 就它了" (with one shown, after her questions about it)
THIS_ONE = re.compile(r"^(?:那|那么|好|好的|行|嗯|可以)?[,，\s]*(?:就|那就|就要|就报|就选|选|要|报)?(?:这个|这一个|这场|这一场|它)"
                      r"(?:了|吧|啦|呗|哈)?[。.!！~]*$")
# a question about one activity: "我能不能参加", "可以报吗", "几点开始", "时间冲突吗"
QUESTION = re.compile(r"[?？吗]|能不能|可不可以|能否|几点|几号|哪天|什么时候|时间|在哪|地点|冲突|撞")


# a question about the activity itself, its places or its time ("羽毛球那个是不是快满了", "还剩几个名额"), not about her
# own sign-up ("拔河有我吗", "我报上了没")
ITS_OWN = re.compile(r"快满|满了[吗没么]|满没满|还剩|剩(几|多少)|几个名额|名额[还多]|几点|几号|在哪|什么地方")
LOOKUP = re.compile(r"(查|看|找|搜)(一下|下|查|看|一查)")  # asked to look it up: "帮老师查一下…那个活动"
OF_ME = re.compile(r"有我|我的|我报|报上|报了|报好|算我")


# the last sentence asks whether she herself may join a named activity: "…听说工会重阳节要开敬老座谈会，想问问我能不能
# 参加？", "退休了还有我们的份吗" (not about someone else: "她还能参加吗")
JOIN_Q = re.compile(r"(能否|可以|可不可以|能不能|能)(参加|报名|报|去)([^，,。？?]{0,12}(吗|么|呀|啊|呢|[?？]))?(不|$)|"
                    r"(能否|可不可以|能不能)(参加|报名|报|去)|有[^，,。？?]{0,8}的份")
SENTENCES = re.compile(r"[。！!？?；;\n]+")


# who goes, asked: "读书会 都有谁 报", "登山还有谁去", "插花哪些人报了"
WHO_ELSE = re.compile(r"(都|还)?有谁|哪些人|谁(还|也|都)?(报|去|参加)")


def asks_to_join(ctx: Context) -> bool:
    """A question about joining a named activity, whatever story comes before it: answered as one."""
    if ctx.member is not None and (manages_one(ctx) or asks_while_away(ctx) or asks_who_goes(ctx)):
        return True
    if ctx.member is None or not JOIN_Q.search(ctx.norm) or suggested(ctx.msg.text):  # "意见：…能不能参加？"
        return False
    last = [s for s in SENTENCES.split(ctx.norm) if s.strip()][-1:] or [ctx.norm]
    said = last[0]
    if not JOIN_Q.search(said) or re.search(r"[她他]|同事|老师们", said) or SIGN_ASK.search(said) or CANCEL.search(said):
        return False
    return bool(match_activities(said, visible_upcoming(ctx)))


def asks_who_goes(ctx: Context) -> bool:
    """Who else goes to the one activity she names ("读书会 都有谁 报"): a question about it, never her sign-up, however
    surely the classifier reads 报 (nothing confirmed, asked for or refused in it: "还有谁要？没人？成交！确认报名！")."""
    norm = ctx.norm
    if not WHO_ELSE.search(norm) or SIGN_ASK.search(norm) or CANCEL.search(norm) or NOT.search(norm) \
            or says_confirmed(ctx.text) or suggested(ctx.msg.text):
        return False
    return len(match_activities(ctx.text, visible_upcoming(ctx))) == 1


def manages_one(ctx: Context) -> bool:
    """Whether she can make or manage the one activity she names, thought aloud ("乒乓球是13号周日下午四点对吧……
    下午应该空出来了，四点赶得上"), or with her health as the reason ("我膝盖前年做过个小手术，登山会不会太累啊"): a
    question about that activity (the offer follows), not care news and no suggestion."""
    if not FIT_Q.search(ctx.norm) or SUGGESTION_LEAD.match(ctx.norm.strip()) or re.search(r"[她他]|同事", ctx.norm) \
            or SIGN_ASK.search(ctx.norm) or CANCEL.search(ctx.norm) or NOT.search(ctx.norm):
        return False  # ("王老师…她吃得消吗": about someone else; "去不了": a withdrawal)
    return len(match_activities(ctx.text, visible_upcoming(ctx))) == 1


def asks_while_away(ctx: Context) -> bool:
    """A question about the one activity she names, with news of going elsewhere ("请问重阳敬老座谈会是10月1号上午吧？
    国庆那几天我要去外地儿子家。"): answered as a question, no sign-up asked."""
    norm = ctx.norm
    if not QUESTION.search(norm) or not GOES_ELSEWHERE.search(norm) or suggested(ctx.msg.text) or SIGN_ASK.search(norm) \
            or CANCEL.search(norm) or NOT.search(norm) or re.search(r"[她他]|同事", norm):
        return False
    return len(match_activities(ctx.text, visible_upcoming(ctx))) == 1


# who goes, in a list: "＋老婆", "共4人", "3位", a companion named
WHO_GOES = re.compile(r"[+＋]|共|[0-9一两二三四五六]\s*(?:个人|人|位|口)|" + "|".join(COMPANIONS))
MAY = re.compile(r"能|可以|可否|是吧|对吧|行不|好不")  # "登山，能带家属是吧": asked whether they may come


def lists_who_goes(ctx: Context) -> bool:
    """The people going to the one activity she names, listed as in a cast or a booking, with nothing asked, refused
    or put off ("【排练备注】第三幕：9月17日 08:00 南门集合，登山。出场：高峰＋老婆＋儿子＋岳母，共4人"): a sign-up for them
    all, asked to confirm (where companions may come). A suggestion's lead keeps it a suggestion."""
    norm = ctx.norm
    if ctx.member is None or not WHO_GOES.search(norm) or SUGGESTION_LEAD.match(norm.strip()) or \
            QUESTION.search(norm) or MAY.search(norm) or NOT.search(norm) or HEDGE.search(norm) or CANCEL.search(norm):
        return False
    named = match_activities(ctx.text, visible_upcoming(ctx))
    return len(named) == 1 and named[0].allow_companions and (party_in(ctx.text, named[0]) or 1) > 1


@registry.intent("join_question", claims=asks_to_join)
def join_question(ctx: Context):
    return activity_query(ctx)


# what is left of a message that only names an activity: a call, a greeting, "那个", a particle
BARE = re.compile(r"^(小助手|助手|工会|你好|您好|那个|这个|那场|的|活动|比赛|节|呢|啊|呀|哈|吧|嗯|[,，。.!！~～\s])*$")
_TITLE_WORDS = re.compile(r"联谊赛|友谊赛|联谊|友谊|沙龙|座谈会|教职工|女教职工|教师|秋季|敬老")


def only_named(norm: str) -> bool:
    rest = _TITLE_WORDS.sub("", norm)
    for word in sorted(SYNONYMS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest != norm and bool(BARE.match(rest))


def either_asks_next(norm: str, ranked: list) -> bool:
    """Unsure between showing the one activity she names and signing her up for it, with nothing asked, refused or
    put off: the likelier is taken, as neither signs her up before she says so (the activity shown, or "确认报名…吗？"),
    where "您是想：1. 报名活动 2. 查询活动？" only asks first (a toast to it, a countdown to it, a stage line naming it)."""
    return {name for name, _ in ranked[:2]} == {"signup", "activity_query"} and not (
        QUESTION.search(norm) or "谁" in norm or NOT.search(norm) or HEDGE.search(norm) or CANCEL.search(norm))


@registry.reread
def reread(ctx: Context, result) -> str | None:
    if ctx.member is None:
        return None
    norm = ctx.norm
    if norm in ("取消", "取消报名"):  # with nothing open: which of her sign-ups (none: nothing is meant)
        return "cancel_signup" if ctx.store.signups.for_member(ctx.member.id) else None
    upcoming = ctx.store.activities.upcoming()
    named = match_activities(ctx.text, upcoming)
    about = named or shown_before(ctx)
    if not about and HEDGE.search(norm) and not CANCEL.search(norm) and result.intent == "signup":
        return "decline_shown"  # "那先不报了 我再想想" after a long list: put off, no sign-up of nothing named
    if not about:
        return None
    if len(named) == 1 and filled_in(ctx.text):  # "报名表\n姓名：李娜\n…\n报名活动：教师读书会": a sign-up, asked first
        return "signup"
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    if any(a.id in mine for a in about) and (CANCEL.search(norm) or KEEP_RE.search(norm)) and not asks_if(norm):
        return "cancel_signup"
    if HEDGE.search(norm) and not named and not any(a.id in mine for a in about):
        # a no to the one just shown (handlers/activities/mind.py `not_now_offer`), or to each of several
        return "cancel_signup" if len(about) == 1 else "decline_shown"  # (handlers/activities/noneshown.py)
    if len(about) == 1 and not named and offered_before(ctx) and accepts(ctx.text):
        return "signup"  # "嗯嗯确认" to "您可以报名「…」，要为您报名吗？"
    if len(about) == 1 and not named and says_confirmed(ctx.text):
        return "signup"  # "照方抓药，确认" right after the one was shown
    if len(about) == 1 and not named and about[0].allow_companions and (party_in(ctx.text, about[0]) or 1) > 1 \
            and not (QUESTION.search(norm) or NOT.search(norm) or HEDGE.search(norm) or CANCEL.search(norm)):
        return "signup"  # "我爱人，还有儿子，一共带两个家属" after "登山能带家属吧" was answered: asked with them
    if len(about) == 1 and not named and THIS_ONE.match(norm):
        return "signup"  # "那就这个" after her questions about the one shown
    if len(about) > 1 and not named and wants_all(ctx.text, len(about)) and ALL_YES.search(norm):
        return "signup"  # "以上三项全部确认" after three were listed
    if SIGN_ASK.search(norm) and not NOT.search(SIGN_ASK.sub("", norm)) and not HEDGE.search(norm):
        return "signup"
    if not named and len(about) == 1 and puts_me_down(ctx.text):
        return "signup"  # "好，那帮老师把名字写上去" after the one was shown
    if named and joins_named(ctx):
        return "signup"  # "号外！李娜正式加入拔河大军", "…决定去。", "拔河必须有我": asked to confirm, in any style
    if len(named) == 1 and only_named(norm):  # "小助手 重阳节那个", "羽毛球那个": shown (then "我想报名参加" takes it)
        return "activity_query"
    if not named and day_pick(norm, about) is not None:  # "周五那个" among those just shown: that one, shown
        return "activity_query"
    if len(named) == 1 and result.ranked and result.ranked[0][0] == "activity_query" and not CANCEL.search(norm) \
            and not {"signup", "my_signups"} & {name for name, _ in result.ranked[:2]}:
        return "activity_query"  # "帮老师查一下周五体育馆一楼那个", "羽毛球那个是不是快满了": the one named, shown (unsure)
    if len(named) == 1 and either_asks_next(norm, result.ranked):
        return result.ranked[0][0]  # "距离教师读书会：还有5天…", "提议敬女教职工插花沙龙，干了！": no menu needed
    if len(named) == 1 and (ITS_OWN.search(norm) or LOOKUP.search(norm)) and not OF_ME.search(norm) \
            and not CANCEL.search(norm) and not SIGN_ASK.search(norm):
        return "activity_query"  # "…羽毛球那个是不是快满了", "帮老师查一下本周五下午体育馆一楼那个活动": the activity
    top = {name for name, _ in result.ranked[:2]}
    if named and QUESTION.search(norm) and not CANCEL.search(norm) and "my_signups" not in top:
        return "activity_query"  # ("拔河有我吗": about the activity or her sign-up? that is asked)
    return None
