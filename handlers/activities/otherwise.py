"""A sign-up with a second choice for when the first cannot be (issue 19): "数学组的趣味运动会我们理化生组的能参加
吗？能的话我报一个，不能就帮我报拔河", "运动会要是报不了 就给我报拔河吧". When she may join the first, only the first
is asked; when it is closed to her (not in its audience, full and closed, past its deadline), she is told why
and the other one is asked next, as if she had asked for it alone."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from bot.engine import Ask, Context, Done
from handlers.activities import match_activities
from handlers.activities import wording as say
from handlers.activities.outcome import _outcome_text

# where the other branch begins: "，不能就帮我报…", "要是报不了 就给我报…", "不行的话换成…", "满了就报…"
OTHERWISE = re.compile(r"[，,。.！!；;?？\s]*(要是|如果|假如|万一|若)?(不能|不行|不可以|报不了|参加不了|去不了|不让|没名额了?|满了|"
                       r"没位置了?)(报|参加|去)?(的话)?[，,\s]*(就|那就|那)?(帮我|给我)?(改报|换成|换报|报|参加)")

FULL = re.compile(r"满|名额|位置")  # "满了就报…": a first choice with no place left (only a waitlist) is passed over


def second_choice(ctx: Context, signup: Callable) -> Ask | Done | str | None:
    """The step for a sign-up said with a second choice (`signup` runs one request), or None for any other."""
    m = OTHERWISE.search(ctx.norm)
    if m is None or m.start() == 0:
        return None
    first, other = ctx.norm[:m.start()], "报" + ctx.norm[m.end():]
    named = match_activities(first, ctx.store.activities.upcoming())
    if len(named) != 1 or not match_activities(other, ctx.store.activities.upcoming()):
        return None
    blocked = ctx.store.signups.precheck(named[0], ctx.member)
    full = bool(FULL.search(m.group(0))) and blocked is None and not ctx.store.signups.has_room(named[0])
    if (blocked is None and not full) or (blocked is not None and blocked.status == "already"):
        return signup(_saying(ctx, first))  # the first may be: that one is asked (or she has it)
    why = say.FULL_SO_OTHER.format(title=named[0].title) if full else \
        re.sub(r"回复“[^”]*”看看其他活动吧。?", "", _outcome_text(ctx, named[0], blocked))  # (the other is asked)
    step = signup(_saying(ctx, other))
    if isinstance(step, (Ask, Done)):
        step.text = why + "\n\n" + step.text
        return step
    return why + "\n\n" + step


def _saying(ctx: Context, text: str) -> Context:
    return dataclasses.replace(ctx, msg=dataclasses.replace(ctx.msg, text=text))
