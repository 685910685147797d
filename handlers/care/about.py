"""The news that follows a person named just before it ("我替我爷爷发的 他是退休老师王建国", then "他昨天晚上
突发脑梗住院了"): about that person, or their family ("他父亲昨天去世了"). Anything else (no news, another
person's news, another request) is understood as a new message."""

from __future__ import annotations

import re

from bot.engine import Context, PassOn
from bot.nlu import normalize
from bot.registry import Flow, registry
from handlers.care import care_report, find_subject
from handlers.care.kinds import RELATION, classify_event
from handlers.care.news import ABOUT, NOT_NEWS

THEIR = re.compile(r"^(他|她)(老人家)?(的|家)?" + RELATION + r"?")


def _step_news(ctx: Context, text: str):
    """The news about the person named just before; anything else is a new message."""
    norm = normalize(text)
    if not classify_event(norm) or NOT_NEWS.search(norm):
        return PassOn()
    said, _ = find_subject(text, ctx.store.members.all_active(), ctx.member)
    if said and said != ctx.data["subject"] and (said == "本人" or ctx.data["subject"] not in said):
        return PassOn()  # news about someone else, or her own ("我住院了"): a report of its own
    subject = ctx.data["subject"]
    theirs = THEIR.match(norm.strip())
    if theirs and theirs.group(4):  # "他父亲昨天去世了": the news is the family's
        subject = f"{subject}的{theirs.group(4)}"
    ctx.data = {}
    return care_report(ctx, subject=subject)


registry.flow(Flow(ABOUT, {"news": _step_news}, free_text=frozenset({"news"}), label="关怀信息登记"))
