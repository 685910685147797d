"""A sign-up asked for in a newcomer's own words, and an activity named by its date alone (issue 19).

A teacher new to the union says "登记" / "登个记" / "报个到" where the union says 报名: "想登记一下读书会 怎么弄",
"读书会帮我登个记", "麻烦给我登记上羽毛球". 登记 is also what one does with one's identity ("登记身份",
"登记一下我的工号"), so it means a sign-up only where it names an activity that is open and says nothing of
an identity, nor asks what was done ("我登记过哪些活动", "登记上没有").

"9月6号那个", "周日那个" (the coming Sunday), "6号的": the one open activity on that day, when there is one.
"""

from __future__ import annotations

import re

from bot.engine import Context
from handlers.activities import (
    DAY_RE,
    WEEKDAY_RE,
    match_activities,
    narrow_by_when_or_where,
    visible_upcoming,
)
from handlers.activities.again import signs_again
from handlers.activities.period import time_window

NEXT_WEEK = re.compile(r"下个?(周|星期|礼拜)")
# joining in as colleagues say it, beside an activity named: "咱也凑个热闹", "算我一个", "我也去"
SIGN_WORDS = re.compile(r"登个?记|报个到|报个名|记上我|算上我|凑个?热闹|算我一个|算咱一个|(我|咱|俺)也(去|来|参加|报)(?!不|没)|"
                        # as a match is entered: "宣布出战乒乓球友谊赛", "拔河我来应战", "羽毛球联谊赛 俺披挂上阵"
                        # as a form or a review asks it: "评审结论：同意，且本评审人郑秀英申请参加"
                        # (conv39) "申请上拔河比赛这条产线", "申请加入登山队"
                        r"(?P<apply>申请(参加|报名|加入|上|报))(?!的|条件|资格|要求|流程|人数|名单|表|方式)|"
                        # a ticket booked, as a union outing is joined: "给我出一张乒乓球友谊赛的票", "订张登山的票"
                        r"(?P<ticket>(出|订|买|抢|来|开|留|要)(一|1|两|2)?张[^，,。！!？?]{0,14}?票)|"
                        r"(宣布|决定|正式|我来|俺来|我要|要)?(?P<match>出战|参战|应战|迎战|出征|披挂上阵|挂帅|参赛)(?!的|名单|人数|规则|要求|须知|选手|队员)|"
                        # the waitlist accepted, an activity named: "羽毛球满了排候补也行", "羽毛球给我排个候补吧" (left26)
                        r"(?P<wait>(排|等|进|上|挂|报|给我排|帮我排)?个?候补(也行|也可以|也好|也成|也没事|也没关系|都行|都可以|就行|就好|吧)"
                        r"|候补也(行|可以|好|成|没事|没关系|无所谓))")
# a question about the match, no wish to join it: "参赛要带什么", "谁出战"
ASKS = re.compile(r"什么|啥|怎么|几点|多少|谁|哪|[?？]")
# who may apply, proposed or asked, not her own application: "建议允许退休老师申请参加插花沙龙", "谁可以申请参加"
FOR_OTHERS = re.compile(r"建议|希望|允许|能否|能不能|可否|可以|可不可以|让|应该|鼓励|欢迎|号召|谁|哪些|怎么|如何")
# what makes 登记 about an identity, or a question about what was done, or no request at all
NOT_SIGNING = re.compile(r"身份|会员|工号|绑定|姓名|名字|[0-9]{3,}|过|没有|了没|上没|吗|几个|哪些|不(要|用|想|去|参加|申请|出|订|买)|算了|别|取消|撤|"
                         r"退(?!休)")  # (退休组: her group, no withdrawal)


def signs_in_own_words(ctx: Context) -> bool:
    """A sign-up asked for with a newcomer's word for it, naming one open activity."""
    norm = ctx.norm
    if signs_again(ctx):  # "上午取消的乒乓球 麻烦重新给我报上"
        return True
    found = SIGN_WORDS.search(norm)
    if ctx.member is None or not found or NOT_SIGNING.search(norm):
        return False
    asked = found.group("match") or found.group("wait") or found.group("ticket") or (  # (attack26: a question with
        found.group("apply") and not found.group("apply").endswith(("参加", "报名")))  # conv39's words: "出张…票多少钱")
    if asked and ASKS.search(norm):
        return False
    if found.group("apply") and FOR_OTHERS.search(re.split(r"[，,。；;！!\s]", norm[:found.start()])[-1]):
        return False  # "建议允许退休教师申请参加": a proposal about who may join
    return len(match_activities(ctx.msg.text, visible_upcoming(ctx))) == 1


# a sign-up asked for by the day alone: "报名下周四的活动", "帮我报这周六那个", "我要报9月6号的"
SIGN_START = re.compile(r"^(我要|我想|想|帮我|给我|麻烦)?(报名|报个名|报)(参加)?")
DAY_ONLY = re.compile(r"的(活动|那个|那场|比赛)?$|那个$|那场$|的$")


# an activity named that the union does not hold: "报名亲子游园会，周五" (its day is no pick of Friday's 羽毛球)
_NAMED = re.compile(r"(?<![的个那这])(?![的那这])[\u4e00-\u9fff]{2,8}(会|赛|活动|节|游|沙龙|营|讲座|晚会|派对|聚餐|团建)")
_DAY_WORDS = re.compile(r"(下下?|这|本|上)?个?(周|星期|礼拜)[一二三四五六日天]|([0-9]{1,2}月)?[0-9]{1,2}[号日]|大?后天|明天|今天")


def unknown_named(ctx: Context) -> str | None:
    """The name of an activity a sign-up asks for ("报名亲子游园会，周五": said right after the verb, or after its day)
    that matches none the union holds (open or not), or None."""
    start = SIGN_START.match(ctx.norm.strip())
    if start is None:
        return None
    rest = _DAY_WORDS.sub("，", ctx.norm.strip()[start.end():])  # ("报个周五的亲子游园会" → "个，的亲子游园会")
    rest = re.sub(r"(^|[，,。\s])(一?个)?[，,\s]*(的|那个|那场)?", r"\1", rest)
    for clause in re.split(r"[，,。\s]+", rest):
        found = _NAMED.match(clause)
        if found and not re.search(r"那个|那场|点|半", found.group(0)):
            every = ctx.store.activities.upcoming(include_cancelled=True)
            return None if match_activities(found.group(0), every) else found.group(0)
    return None


def dated_one(ctx: Context, activities: list) -> list:
    """The open activities on the day the message names, a weekday of a week ("下周四") included."""
    if unknown_named(ctx):  # "报名亲子游园会，周五": no activity of Friday's
        return []
    dated = on_the_day(ctx.norm, activities)
    if dated or not WEEKDAY_RE.search(ctx.norm):
        return dated
    window = time_window(ctx.norm, ctx.clock.today())
    inside = [a for a in activities if window and window[0] <= a.start.date() <= window[1]]
    narrowed = narrow_by_when_or_where(ctx.norm, inside) if inside else []
    return narrowed if len(narrowed) < len(inside) or len(inside) == 1 else []


def signs_up_by_day(ctx: Context) -> bool:
    """"报名下周四的活动": a sign-up for the one open activity on that day (no activity named)."""
    norm = ctx.norm
    if ctx.member is None or not SIGN_START.match(norm) or not DAY_ONLY.search(norm) or NOT_SIGNING.search(norm):
        return False
    upcoming = visible_upcoming(ctx)
    return not match_activities(ctx.msg.text, upcoming) and len(dated_one(ctx, upcoming)) == 1


def on_the_day(text: str, activities: list) -> list:
    """The activities on the day the message names ("9月6号那个", "周日那个"); [] when it names none."""
    day, weekday = DAY_RE.search(text), WEEKDAY_RE.search(text)
    if day:
        month, dom = (int(day.group(1)) if day.group(1) else None), int(day.group(2))
        return [a for a in activities if a.start.day == dom and (month is None or a.start.month == month)]
    if weekday and not NEXT_WEEK.search(text):  # "周日那个": the coming one ("下周日" is left to the list)
        wanted = "一二三四五六日".index(weekday.group(1).replace("天", "日"))
        on_it = sorted((a for a in activities if a.start.weekday() == wanted), key=lambda a: a.start)
        return [a for a in on_it if a.start.date() == on_it[0].start.date()] if on_it else []
    return []


# her own wish to join, said last in a clause of its own after a question about an activity: "乒乓球还有位置么 额想报",
# "登山还有名额吗 想报名", "读书会在哪里办啊？我也想参加" (not "同事想报", "额不想报")
WISH = re.compile(r"^(那|那就)?(我|额|俺|咱)?(也|还|挺|很|真)?(想|要)(报|报名|报个名|参加|去)(上|一个|一下|个)?[的哈呀啊吧呢嘞哟]*$")
_CLAUSES = re.compile(r"[，,。.！!？?；;\s~～…—]+")
# her own name said before the wish, perhaps after her group: "理化生组梁红要报上", "梁红我也想报名"
_OWN_NAME = "^([\u4e00-\u9fff]{{1,6}}?(组|处|室|科)(的)?)?{name}(老师)?"


def asks_then_wishes(ctx: Context) -> bool:
    """A question about one open activity, then her wish to join it: the sign-up is asked to confirm (its
    confirmation shows the places left and the time, which answers the question too)."""
    clauses = [c for c in _CLAUSES.split(ctx.norm) if c]
    if ctx.member is None or len(clauses) < 2:
        return False
    wish = re.sub(_OWN_NAME.format(name=re.escape(ctx.member.name)), "", clauses[-1], count=1)
    if not WISH.match(wish):
        return False
    return len(match_activities("，".join(clauses[:-1]), visible_upcoming(ctx))) == 1
