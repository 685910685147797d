"""Answers to the sign-up's own questions that are no yes or no (issue 19): a pick from a numbered list by
number, name, date or place ("读书会" to "要取消哪一个？" is that one, not a question about it), and a
question about the activity waiting for its yes ("家属能去吗", "几点打完啊 有冇晚饭", "得是要交钱咧？"):
answered about that activity, and the confirmation asked again, so that "那就我自己 确认报名" next still
answers it."""

from __future__ import annotations

import re

from bot.engine import Ask, Context
from bot.lettered import picked
from bot.nlu import normalize
from handlers._common import parse_choice
from handlers.activities import describe, match_activities, narrow_by_when_or_where, visible_upcoming
from handlers.activities import wording as say
from handlers.activities.party import ASKS_COMPANIONS, COMPANIONS, companions_answer
from handlers.activities.pointed import ordinal_pick
from storage.activities import Activity

QUESTION = re.compile(r"[?？吗呢伐]|不[?？]?$|几点|几号|周几|星期几|来着|什么时候|哪天|哪里|在哪|怎么|多少|多久|有没有|有冇|能不能|"
                      r"可不可以|要不要|得是|问(一)?下|想问|请问|问问")  # ("确认前想问下 是单打还是双打": asked all the same)
CHANGE_WORD = re.compile(r"改|换|不是|搞错|弄错|不对|说错")  # "改报乒乓球", "不是拔河": a change of mind (mind.py)
ELSEWHERE = re.compile(r"建议|体检|投票|推送|绑定|工号|我的报名|报了(哪|什么|啥)|意见")


def chosen(ctx: Context, text: str) -> Activity | None:
    """The candidate the answer names: by number ("2", "第二个"), by name ("乒乓球"), by date
    ("12月9号那场") or by place ("体育馆那个"); by the label she gave it herself ("就乙吧" after "甲、读书会 乙、卡拉OK")."""
    text = picked(text, ctx.data.get("said", ""))
    ids = ctx.data["candidates"]
    pick = parse_choice(text, len(ids))
    if pick is not None:
        return ctx.store.activities.get(ids[pick - 1])
    candidates = [a for a in (ctx.store.activities.get(i) for i in ids) if a is not None]
    placed = ordinal_pick(normalize(text), candidates) if len(candidates) == len(ids) else None
    if placed is not None:  # "报1", "确认报名1", "报第4个": its place in the list
        return placed
    by_name = match_activities(text, candidates) or candidates
    fitting = narrow_by_when_or_where(text, by_name)
    return fitting[0] if len(fitting) == 1 else None


# "那么插花沙龙好伐", "那读书会怎么样", "换成登山行吗": one activity proposed instead, at the list after a not-found
PROPOSED = re.compile(r"^(那么?|噶么|那就|换成|改成|要不)?(.{2,12}?)(好伐|好吗|好不好|怎么样|如何|行吗|行不行|可以吗|成吗)[?？。!！~～]*$")
DETAIL = re.compile(r"几点|几号|哪天|哪里|在哪|多少|名额|时间|地点|什么时候")


def proposes_one(ctx: Context, text: str) -> bool:
    """For the router: at the list after "没有找到您说的活动", one open activity proposed instead ("噶么插花沙龙好伐")
    answers it, however surely it reads as a question about that activity (no detail asked)."""
    norm = normalize(text).strip()
    found = PROPOSED.match(norm)
    if not ctx.data.get("candidates") or found is None or DETAIL.search(norm) or ELSEWHERE.search(norm):
        return False
    return len(match_activities(found.group(2), visible_upcoming(ctx))) == 1


def picks_one(ctx: Context, text: str) -> bool:
    """For the router: at "请回复编号", a message naming one of the candidates (not a question, no other
    request) answers it, however surely it reads as a question about that activity."""
    ids = ctx.data.get("candidates")
    norm = normalize(text)
    if not ids or QUESTION.search(norm) or ELSEWHERE.search(norm):
        return False
    if parse_choice(text, len(ids)) is not None:
        return True
    candidates = [a for a in (ctx.store.activities.get(i) for i in ids) if a is not None]
    named = match_activities(text, candidates)
    return bool(named) and len(narrow_by_when_or_where(text, named)) == 1 and \
        not [a for a in match_activities(text, ctx.store.activities.upcoming()) if a.id not in ids]


# what a question about the day asks: what to bring, when it ends, where, the cost, a meal, family
ABOUT = re.compile(r"带|几点|几号|周几|星期几|哪天|什么时候|集合|在哪|哪里|地点|时间|结束|打完|多久|交钱|费用|收费|钱|饭|穿|准备|停车|坐车|怎么去|东西|物事|"
                   r"单打|双打|球拍|规则|形式|"  # (and in English: "is it singles or doubles? may I bring my own paddle?")
                   r"(?<![a-z])(bring|singles|doubles|paddle|racket|time|start|end|finish|venue|cost|fee|pay|wear|parking|"
                   r"lunch|dinner|meal|rules?|format)(?![a-z])|" + "|".join(COMPANIONS))


def waiting_for(ctx: Context) -> list[Activity]:
    ids = [ctx.data["activity_id"]] if "activity_id" in ctx.data else ctx.data.get("activity_ids") or []
    return [a for a in map(ctx.store.activities.get, ids) if a is not None]


def asks_about_waiting(ctx: Context, text: str) -> bool:
    """A question about the activity (or activities) waiting for a yes, naming no other one."""
    waiting = waiting_for(ctx)
    norm = normalize(text)
    if not waiting or not QUESTION.search(norm) or not ABOUT.search(norm) or ELSEWHERE.search(norm) \
            or re.search(r"取消|退|撤|报了", norm):
        return False
    named = match_activities(norm, ctx.store.activities.upcoming())
    return all(a.id in {w.id for w in waiting} for a in named)


def asked_about_other(ctx: Context, text: str) -> Activity | None:
    """"对了 乒乓球是几点" while 拔河 waits for its yes: the one other open activity a question about the day is
    about (no change of mind, no withdrawal, no yes first), or None."""
    waiting = waiting_for(ctx)
    norm = normalize(text)
    if not waiting or not QUESTION.search(norm) or not ABOUT.search(norm) or ELSEWHERE.search(norm) \
            or re.search(r"取消|退|撤|报了", norm) or CHANGE_WORD.search(norm):
        return None
    named = match_activities(norm, visible_upcoming(ctx))
    return named[0] if len(named) == 1 and named[0].id not in {w.id for w in waiting} else None


def answer_about_waiting(ctx: Context, text: str, step: str) -> Ask | None:
    """The waiting activity described again with what was asked (family, notes), then the same question; a
    question about another one ("对了 乒乓球是几点") answered about that one, and the same question after it."""
    other = None if asks_about_waiting(ctx, text) else asked_about_other(ctx, text)
    if other is None and not asks_about_waiting(ctx, text):
        return None
    waiting = waiting_for(ctx)
    named = [other] if other is not None else match_activities(text, waiting) or waiting
    lines = []
    for activity in named:
        lines.append(describe(ctx, activity))
        if activity.notes:
            lines.append(f"   {activity.notes}")
        if re.search("|".join(COMPANIONS), normalize(text)) and not ASKS_COMPANIONS.search(normalize(text)):
            text = text + " 带家属"  # "我老婆能去吗": a question about family all the same
        family = companions_answer(text, [activity]).strip()
        if family:
            lines.append(family)
    return Ask("\n".join(lines) + "\n" + confirm_again(waiting), step, flow="signup", data=dict(ctx.data))


def confirm_again(waiting: list[Activity]) -> str:
    """The confirmation of the waiting activity (or activities) asked once more."""
    return say.CONFIRM_AGAIN.format(title=waiting[0].title) if len(waiting) == 1 else \
        say.CONFIRM_MANY_AGAIN.format(titles="」「".join(a.title for a in waiting), n=len(waiting))
