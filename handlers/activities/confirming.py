"""The confirmation asked for one activity ("确认报名「…」吗？"), with the party size said with the request, and a
party size said in answer to it ("就我一个 莫得家属", "好的 报吧 我们三个人"): what the sign-up flow (handlers/signup.py)
asks and how it reads a size put right."""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.nlu import normalize
from handlers._common import LEAD_IN, is_no, is_yes, says_confirmed
from handlers.activities import describe
from handlers.activities import wording as say
from handlers.activities.many import shown_just_before
from handlers.activities.notices import party_words
from handlers.activities.others import own_yes_in
from handlers.activities.outcome import SAID_SURE, UNSURE, _outcome_text, sign_up
from storage.activities import Activity


def _to_confirm(ctx: Context, activity: Activity, party: int | None = None):
    blocked = ctx.store.signups.precheck(activity, ctx.member)
    if blocked:
        return Done(_outcome_text(ctx, activity, blocked))
    party = party or 1
    if party > 1 and not activity.allow_companions:
        return Ask(say.NO_COMPANIONS.format(title=activity.title), "confirm", flow="signup",
                   data={"activity_id": activity.id, "party": 1, "alone": True})
    if party > activity.max_party:
        return Ask(say.TOO_MANY.format(title=activity.title, k=activity.max_party - 1, most=activity.max_party), "confirm",
                   flow="signup", data={"activity_id": activity.id, "party": activity.max_party})
    if own_yes_in(ctx):  # "还有她想报重阳座谈会 确认": the yes said with the request
        return Done(sign_up(ctx, activity, party)[1])
    return Ask(say.CONFIRM.format(title=activity.title, party=party_words(party),
                              details=describe(ctx, activity).split("\n", 1)[1]), "confirm",
               flow="signup", data={"activity_id": activity.id, "party": party, **shown_just_before(ctx, activity)})


CORRECTS = re.compile(r"^(不对|不是|说错了?|打错了?|更正|错了)")
SIGNING = re.compile(r"报名吧|报吧|报上|给我报|帮我报|那就报|就报")


def _party_said(ctx: Context, activity: Activity, party: int, said: int, text: str):
    """A party size answering the confirmation: the size asked is a yes ("就我一个 莫得家属"); another with a yes
    is signed up where companions may come ("好的 报吧 我们三个人"), else alone once she has been told so."""
    first = re.split(r"[，,。.！!\s~～…]+", normalize(text).strip())[0]  # "嗯嗯 我们一家三口": a yes, then the size
    agreed = is_yes(text) or bool(SIGNING.search(normalize(text))) or (
        is_yes(first) and not is_no(text) and not LEAD_IN.match(first))  # ("对不起" is no yes)
    if said == party:
        return Done(sign_up(ctx, activity, party)[1])
    if activity.allow_companions and said <= activity.max_party and agreed:
        return Done(sign_up(ctx, activity, said)[1])
    if not activity.allow_companions and (ctx.data.get("alone") or agreed):
        if agreed:  # "是的 带我老婆一起" where family may not come: her place is kept, and she is told plainly
            return Done(sign_up(ctx, activity, 1)[1] + say.ALONE_NOTE)
        return Retry(say.ALONE_AGAIN.format(title=activity.title))
    return _to_confirm(ctx, activity, said)  # "+1 家属" after the question: asked again with the new size


def _sure(text: str) -> bool:
    """A confirmation said with the choice: "是,确认报羽毛球.", "两项都报，确认无误！" (the waitlist accepted, "如果满了排
    候补也行", no doubt: bot.answers.says_confirmed reads the parts one by one)."""
    norm = normalize(text)
    return (bool(SAID_SURE.search(norm)) and not UNSURE.search(norm) and not is_no(text)) or says_confirmed(text)
