"""Several of the activities just listed, picked by their places (issue 19): "前两个报名", "第一项与第三项",
"第一个跟最后一个报了嘛", "中间那个吧", "第二个不要了 另外两个报上", "后面那个我唱歌不行，就报前面那个吧".
A place said in a clause that turns it down ("不要了", "再想想", "不行") is not picked; "另外两个" / "剩下的" are
the ones not turned down. The list is the one just shown (activities.shown_before), in the teacher's order.

Also the signup intent's claim for such a message when it reads as nothing else ("emmm 中间那个吧" after a
list of three): a pick from the list is a sign-up, unless it asks something or withdraws."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from handlers.activities import match_activities, open_list, shown_before, visible_upcoming
from handlers.activities.many import all_answer, all_shown
from handlers.activities.pointed import ORDINAL, picked
from storage.activities import Activity

_CLAUSES = re.compile(r"[，,。.！!；;\s~～…]+|(?<=[个项场])(?:与|和|跟|及|还有|、)")
TURNED_DOWN = re.compile(r"不是|不去|不报|不要|不参加|不想|算了|不用|不了|别报|放弃|再想想|再考虑|考虑一下|以后再说|先不|去不(了|成)|有课|有事|没空|没时间|值班|监考|出差|回老家|"
                         r"再看看|待定|没想好|不行|不会|不擅长|没兴趣|不感兴趣|再说|"
                         # a reason against it: "前面那个太早", "后面那个太远了 赶不上"
                         r"太(早|晚|远|累|贵|热|冷|久|长|难|挤|赶)|赶不上|来不及|吃不消")
FIRST_FEW = re.compile(r"(前|后)(两|2|俩|三|3)(个|项|场)")
MIDDLE = re.compile(r"中间(的)?(那|这|嗰|𠮶)?(一)?(个|项|场)")
THE_REST = re.compile(r"另外(的)?(两|2|几|那两|那几)?(个|项)|其余|其他(的)?(两|几)?(个|项)|剩下(的)?")
_FEW = {"两": 2, "2": 2, "俩": 2, "三": 3, "3": 3}


def _in_clause(clause: str, shown: list[Activity]) -> list[Activity]:
    few = FIRST_FEW.search(clause)
    if few:
        k = _FEW[few.group(2)]
        return shown[:k] if few.group(1) == "前" else shown[-k:]
    if MIDDLE.search(clause) and len(shown) == 3:
        return [shown[1]]
    picks = []
    for found in ORDINAL.finditer(clause):
        pick = picked(found, shown)
        if pick is not None and pick not in picks:
            picks.append(pick)
    return picks


def ordinal_picks(norm: str, shown: list[Activity]) -> list[Activity]:
    """The activities of `shown` the message picks by place, in the list's order; [] when it picks none."""
    if len(shown) < 2 or not (ORDINAL.search(norm) or FIRST_FEW.search(norm) or MIDDLE.search(norm)):
        return []
    wanted: list[Activity] = []
    refused: list[Activity] = []
    rest = False
    clauses = [c for c in _CLAUSES.split(norm) if c]
    if any(all_answer(c) is False for c in clauses):  # "两个都不报了，前面那个太早": none of them, the place a reason
        return []
    for clause in clauses:
        picks = _in_clause(clause, shown)
        if TURNED_DOWN.search(clause):
            refused += picks
        else:
            wanted += picks
            rest = rest or bool(THE_REST.search(clause))
    if rest and refused:  # "第二个不要了 另外两个报上"
        wanted += [a for a in shown if a not in refused]
    return [a for a in shown if a in wanted and a not in refused]


_NAMING = re.compile(r"[、，,。；;\s~～]+|和|跟|与|及|还有|以及|或者|或")


def places_among_named(text: str, activities: list[Activity]) -> list[Activity]:
    """"数学组运动会、拔河、乒乓球 …，第一个跟最后一个报了嘛", "额想去读书会 还想去卡拉OK，前面那个给额报了 后面那个再
    想想": places said after the teacher named several herself (no list of the bot's between: it asked "您是想…？")
    count in her own order of naming; [] when the message names fewer than two before its first place."""
    norm = normalize(text)
    first = [m.start() for m in (ORDINAL.search(norm), FIRST_FEW.search(norm), MIDDLE.search(norm)) if m]
    if not first:
        return []
    order: list[Activity] = []
    for piece in _NAMING.split(norm[:min(first)]):
        found = match_activities(piece, activities) if piece else []
        if len(found) == 1 and found[0] not in order:
            order.append(found[0])
    return ordinal_picks(norm[min(first):], order) if len(order) >= 2 else []


def numbered_pick(ctx: Context, upcoming: list[Activity]) -> list[Activity]:
    """"报1", "报第4个" with no list remembered: its number in the list "有什么活动" shows (numbered, never
    remembered); [] when no number is said."""
    found = ORDINAL.search(ctx.norm)
    if found is None or not (found.group("n") or found.group("m")):
        return []
    pick = picked(found, open_list(ctx, upcoming))
    return [pick] if pick is not None else []


def unlisted_picks(ctx: Context, named: list[Activity], listed: list[Activity], upcoming: list[Activity]):
    """Picks by place with no list of the bot's remembered to count in: "报1" after "有什么活动" (its number in that
    list: asked, never done unasked), or places said after she named several herself."""
    if not listed and not named:
        return numbered_pick(ctx, upcoming)
    return places_among_named(ctx.text, upcoming) if named else []


BOTH_TAKEN = re.compile(r"^(那|那就)?(这|那)?(俩|两个|三个|仨)?都(要|报|整|整上|上|去|参加|冲|算我)")
SIGNING = re.compile(r"报|要|参加|去|算我|整|冲|登记|就(它|这)|吧")
NUMBER_SIGNED = re.compile(r"报名?(第)?[1-9](?![0-9])")
NOT_SIGNING = re.compile(r"[?？吗么呢]|取消|退|撤|几点|什么时候|哪天|在哪|多少|能不能|可以.{0,4}(带|吗)")


def points_to_sign(ctx: Context) -> bool:
    """A pick by place from the list just shown, asking nothing and withdrawing nothing: a sign-up."""
    norm = ctx.norm
    if ctx.member is not None and BOTH_TAKEN.match(norm) and not NOT_SIGNING.search(norm):
        return bool(all_shown(ctx, ctx.msg.text))  # "俩都整上" after a question about two
    if ctx.member is None or not (ORDINAL.search(norm) or FIRST_FEW.search(norm) or MIDDLE.search(norm)) \
            or NOT_SIGNING.search(norm):
        return False
    if len(norm) > 8 and not SIGNING.search(norm):
        return False
    shown = shown_before(ctx)
    if not shown and NUMBER_SIGNED.search(norm):  # "我报5" after "有什么活动"
        return bool(numbered_pick(ctx, visible_upcoming(ctx)))
    kept = "，".join(c for c in _CLAUSES.split(norm) if c and not TURNED_DOWN.search(c))
    if len(shown) < 2 or match_activities(kept, visible_upcoming(ctx)):  # (one turned down by name is the reason for
        return False  # the pick: "报前面那个吧，17号我要回老家，登山去不了")
    return bool(ordinal_picks(norm, shown))
