"""How care news begins, claimed by the feature (registry.Intent.claims: the classifier's features stay
as they were):

- news led by 报 ("报个喜！唐宁昨天晚上生了", "报个丧", "报个信 韩冬老师住院了") is news, never a sign-up;
- a person named before the news ("我替我爷爷发的 他是退休老师王建国", "反映个情况 理化生组郭涛老师"): the
  person is kept in a note, and the news that follows ("他昨天晚上突发脑梗住院了", "住院") is about them
  (handlers/care/about.py). Anything else that follows is understood as a new message.
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context
from handlers.care.kinds import RELATION, classify_event

# "报个喜", "报喜报喜", "报一下喜", "给工会报个丧", "报个信", "报备一下", "喜报", "报告个好消息"
BAO_LEAD = re.compile(r"报(个|一个|一下|下)?(喜|丧|信|备)|喜报|报告(个|一个)?(喜讯|好消息|坏消息|噩耗)")
# what makes the message something else: a sign-up, a suggestion or complaint (above all an anonymous one)
NOT_NEWS = re.compile(r"报名|名额|候补|匿名|实名|署名|投诉|举报|意见|建议|吐槽|提案|体检|活动")


def led_by_bao(ctx: Context) -> bool:
    """News whose first words carry 报: a kind of news must follow."""
    norm = ctx.norm
    return ctx.member is not None and bool(BAO_LEAD.search(norm)) and not re.search("报名|名额|候补", norm) \
        and bool(classify_event(norm))


# how a person is introduced with no news yet: on someone's behalf, or as a matter to raise
INTRO_LEAD = re.compile(r"替|代|帮.{0,4}发|反映|说(个|一下|下)?(事|情况)|报告|汇报|告诉工会|关于|的情况|(他|她)是")
# what such a message may say besides the person: who sends it, the asking, the words for "a matter"
INTRO_FILLER = re.compile(
    r"(我是?|是|替|代|帮|给|跟|向|对|和|工会|发的?|发个?消息|的|他|她|退休|老|教师|老师|同志|反映|说|讲|报告|汇报|告诉|"
    r"一下|下|个|一个|点|事情?|情况|关于|有|我们|咱们|这是|这边|那个|孙子|孙女|外孙女?|女儿|儿子|家属|" + RELATION[1:-1] +
    r"|[啊呀哈嗯哦呢吧]|[\s,，。.!！~…:：])*")


def _named_person(ctx: Context) -> tuple[str, str] | None:
    """(the person's name as said, the words that name them) when the message names one member."""
    norm = ctx.norm
    found = [m for m in ctx.store.members.all_active() if len(m.name) >= 2 and m.name in norm]
    if len({m.name for m in found}) != 1:
        return None
    member = found[0]
    said = re.search(r"([\u4e00-\u9fa5]{1,6}组的?)?" + re.escape(member.name) + r"(老师|主任|同志)?", norm)
    return member.name, said.group(0)


def introduces_person(ctx: Context) -> bool:
    """A message that only names a colleague, on someone's behalf or as a matter to raise, with no news."""
    norm = ctx.norm
    if ctx.member is None or len(norm) > 40 or NOT_NEWS.search(norm) or classify_event(norm) or not INTRO_LEAD.search(norm):
        return False
    named = _named_person(ctx)
    return named is not None and bool(INTRO_FILLER.fullmatch(norm.replace(named[1], " ")))


ABOUT = "~careabout"  # a note: the person just named, for the news that follows
ASK_NEWS = "好的，{who}有什么情况要告诉工会？请说一下（例如：住院、结婚、生孩子、家中老人去世）。"


def person_named(ctx: Context):
    name, _ = _named_person(ctx)
    subject = "本人" if name == ctx.member.name else name
    return Ask(ASK_NEWS.format(who=f"{name}老师"), "news", flow=ABOUT, data={"subject": subject})
