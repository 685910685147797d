"""Several activities confirmed together, and the choice among those listed (handlers/signup.py's steps "choose" and
"confirm_many"): the ones she cannot join are said first, the rest confirmed in one question; a choice that already
says yes ("是,确认报羽毛球.", "三个都确认") signs at once."""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from handlers._common import is_no, is_yes, numbered, parse_choice
from handlers.activities import describe
from handlers.activities import many as lists
from handlers.activities import wording as say
from handlers.activities.added import added
from handlers.activities.confirming import _sure, _to_confirm
from handlers.activities.declines import NONE_CHOSEN, puts_off_choice
from handlers.activities.many import several_named, wants_all
from handlers.activities.mind import hesitant, some_of, thanked, wanted_text
from handlers.activities.others import for_someone_else_waiting, own_yes_in
from handlers.activities.outcome import _outcome_text, party_in, sign_up
from handlers.activities.party import only_who_comes
from handlers.activities.relayed import answer_of
from handlers.activities.unmeant import asks_by_yes, reversed_last, yes_undone
from handlers.activities.waiting import answer_about_waiting, chosen
from storage.activities import Activity


def _confirm_many(ctx: Context, activities: list[Activity], family: Activity | None = None):
    """Several activities at once: the ones she cannot join are said now, the rest confirmed together
    (family said with one of them, where none may come, is said too)."""
    notes = [say.ALONE_FOR.format(title=family.title)] if family is not None and not family.allow_companions else []
    able = []
    for activity in activities:
        blocked = ctx.store.signups.precheck(activity, ctx.member)
        if blocked:
            notes.append(_outcome_text(ctx, activity, blocked))
        else:
            able.append(activity)
    if not able:
        return Done("\n".join(notes))
    if len(able) == 1:
        step = _to_confirm(ctx, able[0])
    else:
        step = Ask(say.CONFIRM_MANY.format(n=len(able), items=numbered([describe(ctx, a) for a in able])), "confirm_many",
                   flow="signup", data={"activity_ids": [a.id for a in able]})
    if notes:
        step.text = "\n".join(notes) + "\n\n" + step.text
    return step


def _step_confirm_many(ctx: Context, text: str):
    text = answer_of(text) if ctx.data.get("relayed") else text
    colleague = for_someone_else_waiting(ctx, text, "confirm_many")
    if colleague is not None:
        return colleague
    more = added(ctx, text)
    if more:  # "还有读书会也加上": one more with them
        return _all_said(ctx, _confirm_many(ctx, [a for a in map(ctx.store.activities.get, ctx.data["activity_ids"]) if a]
                                            + more), text)
    some = some_of(ctx, text)
    if some:  # "只报插花 读书会不去了": those kept, confirmed afresh
        return _confirm_many(ctx, some)
    alone = only_who_comes(text) and not is_no(text) and not hesitant(text)  # "就我自己，不带家属": as for one
    if lists.all_answer(text) is False:  # "都先不报", "两个都算了": no to them all, never "all"
        return Done(say.DECLINED)
    if reversed_last(text):  # "两个都报吧，算了不报了": the last words decide (attack27)
        return Done(say.DECLINED)
    if yes_undone(text) or asks_by_yes(text):  # "是……不对，乒乓球那天我有课", "是不是两个时间冲突": no yes (attack27)
        return (asks_by_yes(text) and answer_about_waiting(ctx, text + "？", "confirm_many")) or Retry(ASK_ALL_AGAIN)
    if is_yes(text) or lists.takes_all(text) or thanked(text) or alone:
        activities = [ctx.store.activities.get(i) for i in ctx.data["activity_ids"]]
        return Done("\n\n".join(sign_up(ctx, a, lists.party_of(ctx, a))[1] for a in activities if a is not None))
    if is_no(text):
        return Done(say.DECLINED)
    return answer_about_waiting(ctx, text, "confirm_many") or Retry(ASK_ALL_AGAIN)


ASK_ALL_AGAIN = "请回复“是”全部报名，或回复“否”放弃。"


def _step_choose(ctx: Context, text: str):
    if puts_off_choice(ctx, text):  # "那先不报了 我再想想": the choice dropped, said so
        return Done(NONE_CHOSEN)
    if lists.takes_all(text, len(ctx.data["candidates"])) and parse_choice(text, len(ctx.data["candidates"])) is None:
        step = _confirm_many(ctx, [a for a in map(ctx.store.activities.get, ctx.data["candidates"]) if a])
        if isinstance(step, Ask) and step.text.startswith("确认报名以下") and _sure(text):
            ctx.data = step.data  # "yes 两个都确认": the yes is said already (nothing to tell first)
            return _step_confirm_many(ctx, text)
        return step
    named = several_named(wanted_text(text), [a for a in map(ctx.store.activities.get, ctx.data["candidates"]) if a])
    if named and parse_choice(text, len(ctx.data["candidates"])) is None:  # "9号的运动会、10号的拔河，都帮我报上"
        return _all_said(ctx, _confirm_many(ctx, named), text)  # at the list: those she names, together
    activity = chosen(ctx, text)
    if activity is None:
        return Retry(f"请回复活动编号，例如 1（1 到 {len(ctx.data['candidates'])}），或回复“取消”。")
    party = party_in(text, activity) or party_in(ctx.data.get("said", ""), activity)
    if _sure(text) and (party or 1) == 1:
        return Done(sign_up(ctx, activity)[1])  # "是,确认报羽毛球." at the list: the yes is said already
    return _to_confirm(ctx, activity, party)


# the sign-up itself named beside the yes: "确认报名", "报上，确认", "参加，确认"
SIGNUP_WORD = re.compile(r"报|参加")


def _yes_with_them(ctx: Context, step):
    """A fresh request for several that says its own yes ("就这两个，确认报名。" after two were shown): signed at once, as
    one activity is (handlers/activities/confirming.py); else the confirmation asked."""
    if isinstance(step, Ask) and step.step == "confirm_many" and step.text.startswith("确认报名以下") \
            and SIGNUP_WORD.search(ctx.norm) and own_yes_in(ctx):  # ("以上两项全部确认" says no 报: asked, as before)
        return Done("\n\n".join(sign_up(ctx, a, lists.party_of(ctx, a))[1]
                                 for a in map(ctx.store.activities.get, step.data["activity_ids"]) if a is not None))
    return step


def _all_said(ctx: Context, step, text: str):
    """A confirmation of several made from an answer that already says yes to them all ("三个都确认"): signed up."""
    if isinstance(step, Ask) and step.step == "confirm_many" and wants_all(text) and _sure(text):
        ctx.data = step.data
        return _step_confirm_many(ctx, text)
    return step
