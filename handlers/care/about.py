"""The news that follows a person named just before it ("我替我爷爷发的 他是退休老师王建国", then "他昨天晚上
突发脑梗住院了"): about that person, or their family ("他父亲昨天去世了", "她说她老伴上礼拜住院了"). News
told a clause at a time ("张伟老师" / "他昨天晚上" / "阑尾炎住院了") is gathered until its kind is said.
Anything else (another person's news, another request) is understood as a new message."""

from __future__ import annotations

import dataclasses
import re

from bot.engine import Ask, Context, PassOn
from bot.joiners import requests_in
from bot.nlu import normalize
from bot.registry import Flow, registry
from bot.several import QUEUE
from bot.steps import TYPED_FOR
from handlers.care import care_report, find_date, find_subject, terms_of
from handlers.care.kinds import RELATION, classify_event
from handlers.care.news import ABOUT, NOT_NEWS, TYPIST_SAID, introduces_person, person_named

# "他父亲…", "她说她老伴…", "伊爸爸…", "其母亲…": the news is the family's
THEIR = re.compile(r"^(?:他|她|伊|其)(?:说|讲)?(?:他|她)?(?:老人家)?(?:的|家)?(?P<kin>" + RELATION[1:-1] + ")(?!家)")
# a piece of the news with no kind yet: about them ("他昨天晚上") or only its day ("捌月叁拾壹日")
ABOUT_THEM = re.compile(r"^(他|她|伊|其|老人家)(?!们)")
SWITCHED = re.compile(r"祝福|推送|问候")
HOLDERS_REQUEST = re.compile(r"报|参加|取消|退|撤|不去|去不了|来不了|去不成")
GO_ON = "好的，然后呢？请说一下是什么情况（例如：住院、结婚、生孩子、家中老人去世）。"


def _step_news(ctx: Context, text: str):
    """The news about the person named just before; anything else is a new message."""
    norm = normalize(text).strip()
    told = ctx.data.get("told", "")
    first, *rest = requests_in(text) or [text]
    if NOT_NEWS.search(norm) or SWITCHED.search(normalize(first)):  # "他想把生日那些祝福短信关了": his greetings, not news
        return PassOn()
    typist = ctx.data.get(TYPIST_SAID, "")  # "我替我妈发的": what follows is the holder's, and says so when passed on
    if rest and classify_event(normalize(first)):  # "他做了手术 … 还有他说生日祝福以后别发了": the news now, the rest next
        ctx.data[QUEUE] = [f"{typist} {piece}".strip() for piece in rest] + list(ctx.data.get(QUEUE, []))
        ctx.msg = dataclasses.replace(ctx.msg, text=first)
        text, norm = first, normalize(first).strip()
    if not ctx.data.get("subject"):  # after "报个喜哈": the news, or the person it is about, as a first message
        if introduces_person(ctx):
            return person_named(ctx)
        return care_report(ctx) if classify_event(norm) else PassOn()
    if not classify_event(norm):
        if typist and HOLDERS_REQUEST.search(norm):  # "她说拔河不去了": the holder's request, as her typist said
            ctx.msg = dataclasses.replace(ctx.msg, text=f"{typist} {text.strip()}")
            return PassOn()
        day, _ = find_date(text, ctx.clock.now(), terms=terms_of(ctx))
        if len(told) < 100 and (ABOUT_THEM.match(norm) or (day and len(norm) - len(day) <= 4)):
            return Ask(GO_ON, "news", data={**ctx.data, "told": f"{told} {text.strip()}".strip()})
        return PassOn()
    said, _ = find_subject(text, ctx.store.members.all_active(), ctx.member)
    if said and said != ctx.data["subject"] and (said == "本人" or ctx.data["subject"] not in said):
        return PassOn()  # news about someone else, or her own ("我住院了"): a report of its own
    subject = ctx.data["subject"]
    theirs = THEIR.match(normalize(f"{told} {text}").strip())
    if theirs:
        subject = f"{subject}的{theirs.group('kin')}"
    ctx.data = {}
    if told:  # the pieces said before it: their day and words are the news's too
        ctx.msg = dataclasses.replace(ctx.msg, text=f"{told} {text.strip()}")
    return care_report(ctx, subject=subject)


def _step_typed_for(ctx: Context, text: str):
    """After "我替我妈发的" alone: the holder's news ("她前天住院了") or request ("她说拔河不去了")."""
    ctx.data.setdefault("subject", "本人")
    return _step_news(ctx, text)


registry.flow(Flow(ABOUT, {"news": _step_news}, free_text=frozenset({"news"}), label="关怀信息登记"))
registry.flow(Flow(TYPED_FOR, {"news": _step_typed_for}, free_text=frozenset({"news"}), label="关怀信息登记"))
