"""A withdrawal and a sign-up in one message ("qx 拔河 bm 乒乓", "退了拔河 报个读书会"): which is which. Moved out of
handlers/signup.py (its size)."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from handlers.activities import match_activities, visible_upcoming
from handlers.activities.outcome import UNSURE
from storage.activities import Activity

# a sign-up asked for after a withdrawal in the same message (not the 报名 of "取消报名", nor "报不了了", "参加不了")
SIGNS_AFTER = re.compile(r"(?<!取消)(?<!撤销)(?<![退撤删])(报名|报个|报|参加)(?!名的|了|过|不|名不)")


# a withdrawal not ordered: asked ("拔河能取消不"), supposed ("要是下雨就退了拔河"), refused ("不退拔河"), someone
# else's ("我同事退了拔河", "他说退了拔河", "退了拔河的人多吗"): never done at once beside a sign-up
NOT_ORDERED = re.compile(r"不$|能|可以|要是|如果|万一|假如|的话|(不|别|甭|没)(用|要)?(退|取消|撤)|的人|[他她]|同事|别人|人家|说")


def withdrawn_besides(ctx: Context) -> tuple[Activity, str] | None:
    """A clause withdrawing one of her sign-ups in a message that signs up for another ("退了拔河 报个读书会"):
    (that activity, the rest of the message), or None."""
    if UNSURE.search(ctx.norm):
        return None
    clauses = [c for c in re.split(r"[，,。.！!；;\s~～…]+", ctx.norm) if c]
    mine = [a for a in map(ctx.store.activities.get, (r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)))
            if a]
    for clause in clauses if len(clauses) > 1 and mine else []:
        named = match_activities(clause, mine) if re.search(r"退|取消|撤", clause) and not SIGNS_AFTER.search(clause) \
            and not NOT_ORDERED.search(clause) else []
        rest = "，".join(c for c in clauses if c != clause)
        if len(named) == 1 and match_activities(rest, visible_upcoming(ctx)):
            return named[0], rest
    return None


def signs_besides(ctx: Context, withdrawn: int) -> Activity | None:
    """The one activity named after a sign-up word, other than the one withdrawn and those she is signed up
    for, or None (a quoted message of the bot's is not hers: "「您已成功报名教师读书会」…帮我取消掉")."""
    norm = normalize(re.sub(r"[「“\"『][^」”\"』]*[」”\"』]", " ", ctx.text))
    found = list(SIGNS_AFTER.finditer(norm))
    if not found:
        return None
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)} | {withdrawn}
    named = [a for a in match_activities(norm[found[-1].end():], visible_upcoming(ctx)) if a.id not in mine]
    if not named and len(found) == 1:  # "卡拉OK取消 读书会报上": named before the word, in the sign-up's own clause
        named = [a for a in match_activities(withdrawal_words(norm)[1], visible_upcoming(ctx)) if a.id not in mine]
    if not named:  # "插花沙龙是不是各插各的？那个我想报": pointed back at, in a clause before (signup22)
        named = [a for a in pointed_back(norm[:found[-1].start()], visible_upcoming(ctx)) if a.id not in mine]
    return named[0] if len(named) == 1 else None


POINTER = re.compile(r"^(那|这)(个|场|项|一个)|^它")
_NOT_WANTED = re.compile(r"不(报|去|参加|要)|取消|退|撤|算了")


def pointed_back(before: str, activities: list) -> list:
    """The activities of the nearest clause before a sign-up clause that points back ("那个我想报"), passing over
    clauses that name none and never taking one declined ("读书会我还是不报了")."""
    clauses = [c for c in re.split(r"[，,。.！!？?；;\s~～…]+", before) if c]
    if not clauses or not POINTER.search(clauses[-1]):
        return []
    for clause in reversed(clauses[:-1]):
        named = match_activities(clause, activities)
        if named:
            return [] if _NOT_WANTED.search(clause) else named
    return []


def withdrawal_words(norm: str) -> tuple[str, str]:
    """A message that withdraws and signs up, split: (the withdrawal's words, the sign-up's words). By clause when
    the sign-up has a clause of its own ("帮我报读书会吧，登山就不去了"), else before and after the last sign-up word
    ("拔河能取消不 报个乒乓")."""
    clauses = [c for c in re.split(r"[，,。.！!；;\s~～…]+", norm) if c]
    signing = [c for c in clauses if SIGNS_AFTER.search(c)]
    rest = [c for c in clauses if not SIGNS_AFTER.search(c)]
    if signing and rest:
        return "，".join(rest), "，".join(signing)
    cut = list(SIGNS_AFTER.finditer(norm))[-1].start()
    return norm[:cut], norm[cut:]
