"""A withdrawal asked for in words (the cancel_signup intent of handlers/signup.py): which of her sign-ups
is meant (named, kept, listed before, narrowed by day or place, all of them), and whether it is done at
once or asked first (a reason, a doubt, a question, a suggestion's words)."""

from __future__ import annotations

import dataclasses
import re

from bot.engine import Ask, Context
from bot.nlu import normalize
from bot.several import suggested
from handlers._common import BIND_FIRST, numbered
from handlers.activities import activity_terms, label, match_activities, narrow_by_when_or_where
from handlers.activities import wording as say
from handlers.activities.besides import signs_besides, withdrawal_words
from handlers.activities.keep import (
    CANCEL_CUE,
    COUNTED_OUT,
    ORDERED,
    TOGETHER,
    a_part_of,
    asks_if,
    heard_only,
    kept,
    listed_pick,
    meant,
    only_kept,
)
from handlers.activities.many import wants_all
from handlers.activities.mind import not_now_offer
from handlers.activities.notices import short
from handlers.activities.others import (
    KIN_WITHDRAWS,
    KIN_WORDS_KEPT,
    ONLY_SENDER_CANCEL,
    withdrawal_of_someone_else,
)
from handlers.activities.outcome import (
    ASKED,
    EVERY,
    HEDGED,
    SAID_SURE,
    UNDO_WITHIN,
    UNSURE,
    _cancel,
    _cancel_all,
    _undo,
)
from handlers.activities.unmeant import unmeant, withdraws_nothing

# a change of mind about the sign-up just made, with the withdrawal ordered: "还是不去了 取消吧", "sorry 还是不去了 取消吧",
# "唔好意思 我唔去喇 帮我取消咗" (唔好 reads as 不要) (a bare "帮我把报名取消一下" is still asked first)
CHANGED_MIND = re.compile(r"还是|不好意思|不要意思|抱歉|对不起|sorry|改主意|想了想")
ORDER = re.compile(r"取消吧|(帮|给)我(把.{0,6})?(取消|退|撤)|取消掉|退了吧|退掉吧|撤了吧")
# … said of going ("还是不去了", "那天有课", "帮我退了"): a bare "不好意思 还是帮我取消吧" after a suggestion or news since
# may mean that, so it is asked
GOING = re.compile(r"不去|唔去|去不了|去不成|不参加|参加不了|来不了|不能去|没空|有课|有事|那天|退")
# someone else's sign-up ("还是帮我取消张伟的报名吧", "帮她取消吧", "帮我同事退了"): never hers, unasked
SOMEONE_ELSE = re.compile(r"(?<!其)[他她]|别人|同事|人家|朋友|老公|爱人|老婆|媳妇|孩子|家属")


# her own going called off: "运动会就不参加了", "拔河参加不了了", "乒乓球我报不了了" (a reason may come first: "家里老人病了 …"),
# or herself counted out: "拔河别算我了，腰闪了", "拔河那边把我划掉吧", "运动会我就弃权了"
# or her sign-up withdrawn in words: "特来撤回登山的报名", "撤销我的拔河报名", in a bookish 撤 "请撤秋季登山活动之报名"
# (never "撤回刚才的取消": that undoes one), or a sign-up given its fate in a list of hers ("1.2 教职工拔河比赛（撤销）",
# "处理意见：拔河比赛退掉，运动会不动")
CALLED_OFF = re.compile(r"不(去|参加|来)了|(去|参加|来)不了|报(名)?不了了|去不成|不能(去|参加)了|"
                        r"(撤回|撤销|撤掉|撤下|退掉|(?<![不别莫勿])撤)(?:(?!取消|退|撤)[^，,。！!；;\s]){0,8}?报名|" + COUNTED_OUT +
                        r"|(?:^|(?<=[，,。！!；;\s]))[^，,。！!；;\s]{2,16}?[(（]?(退掉|撤销|撤掉|撤下)[)）]?吧?(?=$|[，,。！!；;\s])")


def calls_off_named(ctx: Context) -> bool:
    """For the cancel_signup intent's claim: a clause calling off one of her sign-ups by name, whatever news
    comes with it ("家里老人病了 运动会就不参加了" is a withdrawal, not a care report); not asked, not someone else's."""
    named = _called_off(ctx)
    return named is not None and named[1]


def calls_off_unsigned(ctx: Context) -> bool:
    """For the cancel_signup intent's claim: her going called off for one activity she is not signed up for ("乒乓球我报
    不了了，13号带校田径队去比赛" read as a sign-up and asked to confirm it): nothing to sign, told there is nothing to cancel."""
    named = _called_off(ctx)
    if named is None or named[1]:
        return False
    others = [a for a in match_activities(ctx.norm, ctx.store.activities.upcoming()) if a.id != named[0].id]
    return not others  # (attack26: "读书会给我报一个 拔河我就不参加了" asks for 读书会: the sign-up's, not this)


def _called_off(ctx: Context) -> tuple[object, bool] | None:
    """(the one activity a clause calling off her going names, whether she is signed up for it); None when no clause
    does, or it is asked, a suggestion's words, someone else's, or names no single upcoming activity."""
    norm = ctx.norm
    if ctx.member is None or not CALLED_OFF.search(norm) or re.search(r"[?？吗]|如果|要是|万一|的话", norm) \
            or suggested(ctx.text) or unmeant(ctx):  # "匿名反映一下，拔河比赛我不去了，太累": a suggestion's words, filed
        return None  # whole; "怎么撤回登山的报名", "张伟让我来撤回…": nothing withdrawn at once (unmeant.py)
    clause = next(c for c in re.split(r"[，,。.！!；;\s~～…]+", norm) if CALLED_OFF.search(c))
    if SOMEONE_ELSE.search(clause) or ctx.store.members.active_names_in(clause):
        return None
    mine = [ctx.store.activities.get(r["activity_id"]) for r in ctx.store.signups.for_member(ctx.member.id)]
    named = match_activities(clause, ctx.store.activities.upcoming())
    if len(named) != 1:
        return None
    return named[0], [a.id for a in match_activities(clause, [a for a in mine if a is not None])] == [named[0].id]


# whether she may still withdraw from one of hers, asked: "拔河能退吗", "拔河能不能退", "登山还可以取消不"
LEAVE_ASKED = re.compile(r"(能|可以|可不可以|能不能|能否)(退|取消|撤)(掉|报名|出)?(吗|么|嘛|不|啊|呀|[?？]|$)|(退|取消|撤)(得了|得掉)(吗|么|不)?")


def asks_to_leave(ctx: Context) -> bool:
    """For the cancel_signup intent's claim: may she still withdraw from one activity she is signed up for, named:
    she is asked whether to withdraw (it was shown as the activity, or read as a suggestion)."""
    norm = ctx.norm
    if ctx.member is None or not LEAVE_ASKED.search(norm) or SOMEONE_ELSE.search(norm) or suggested(ctx.text) \
            or ctx.store.members.active_names_in(norm) or len(norm) > 20:
        return False
    mine = [ctx.store.activities.get(r["activity_id"]) for r in ctx.store.signups.for_member(ctx.member.id)]
    named = match_activities(norm, ctx.store.activities.upcoming())
    return len(named) == 1 and named[0].id in {a.id for a in mine if a is not None}


def leaves_besides(ctx: Context) -> bool:
    """A sign-up beside a withdrawal asked about in its own words ("报个读书会 登山能取消不"): the cancellation's way
    (the sign-up asked first, the withdrawal next), whichever intent the message was read as."""
    if ctx.member is None or signs_besides(ctx, -1) is None:
        return False
    own, _ = withdrawal_words(ctx.norm)
    return asks_to_leave(dataclasses.replace(ctx, msg=dataclasses.replace(ctx.msg, text=own)))


def just_changed(ctx: Context, activity) -> bool:
    """An order to withdraw, said as a change of mind, about her one sign-up made within the last two hours."""
    norm = ctx.norm
    if not (CHANGED_MIND.search(norm) and ORDER.search(norm) and GOING.search(norm)) or SOMEONE_ELSE.search(norm) \
            or any(name != ctx.member.name for name in ctx.store.members.active_names_in(ctx.norm)):
        return False
    row = ctx.store.signups.get(activity.id, ctx.member.id)
    since = (ctx.clock.now() - UNDO_WITHIN).isoformat(timespec="seconds")
    return row is not None and row["updated_at"] > since


def _kin_words_kept(ctx: Context, mine: list) -> str:
    """"我妈说她不去拔河了" on her own phone: nothing withdrawn, and said which of hers stays."""
    named = match_activities(ctx.text, mine) or mine
    kept = "：您的「" + "」「".join(a.title for a in named) + "」报名还在" if named else ""
    return KIN_WORDS_KEPT.format(kept=kept, short=short(named[0]) if len(named) == 1 else "+活动名")


def withdraw(ctx: Context):
    if ctx.member is None:
        return BIND_FIRST
    undone = _undo(ctx)
    if undone:
        return undone
    mine = [ctx.store.activities.get(r["activity_id"]) for r in ctx.store.signups.for_member(ctx.member.id)]
    if withdrawal_of_someone_else(ctx, ctx.text):  # "听说小李把拔河退了": not hers (attack review 15)
        return _kin_words_kept(ctx, mine) if KIN_WITHDRAWS.search(ctx.norm) else ONLY_SENDER_CANCEL
    nothing = withdraws_nothing(ctx, mine)  # "怎么撤回登山的报名？", "张伟让我来撤回…，我没答应"
    if nothing is not None:
        return nothing
    not_now = not_now_offer(ctx, mine)
    if not_now:
        return not_now
    if not mine:  # ("拔河我去不了了", none signed: nothing to cancel, said of that one)
        called_off = _called_off(ctx)
        return say.NOT_SIGNED_NOTHING.format(title=called_off[0].title) if called_off else say.NOTHING_TO_CANCEL
    keep = only_kept(ctx.text, mine)
    others = [a for a in mine if a not in keep]
    if keep and others and TOGETHER.search(ctx.norm):  # "拔河照旧啊，别给我一起退了": the other one is to go, asked
        return _asked(others)
    if keep:  # "拔河那间继续住着，不退啊，别给我一起退了" (the other withdrawn before): nothing withdrawn
        return say.KEPT.format(titles="」「".join(a.title for a in keep))
    keep = kept(ctx.text, mine)  # "登山那个帮我退了吧 趣味运动会留着": never the one to keep
    mine = [a for a in mine if a not in keep]
    said = meant(ctx.text, mine + keep)
    named = match_activities(said, mine)
    if len(named) == 1:
        reason = not ORDERED.search(ctx.norm) and not HEDGED.search(ctx.norm)  # "拔河比赛那天我有事": no order
        # "恐怕去不成了", "建议取消拔河比赛" (a suggestion's words?): asked, not done
        if reason or (HEDGED.search(ctx.norm) and not ASKED.search(ctx.norm)) or suggested(ctx.text) or asks_if(ctx.norm) \
                or LEAVE_ASKED.search(ctx.norm) \
                or not CANCEL_CUE.search(ctx.norm) or heard_only(said, named[0]) \
                or a_part_of(said, named[0]):  # "拔河比赛人太少了吧", "…共度", "取消登山的午饭"
            return Ask((say.CANCEL_REASON if reason else say.CANCEL_ASK).format(title=named[0].title), "confirm",
                       flow="cancel_signup", data={"activity_id": named[0].id})
        return _cancel(ctx, named[0])
    if not named:
        every = ctx.store.activities.upcoming(include_cancelled=True)
        elsewhere = [a for a in match_activities(said, every) if a not in keep]
        if len(elsewhere) == 1:
            return say.NOT_SIGNED_FOR.format(title=elsewhere[0].title)
        if len(mine) == 1 and not activity_terms(said):
            if (SAID_SURE.search(said) or just_changed(ctx, mine[0])) and not UNSURE.search(normalize(ctx.text)) \
                    and not suggested(ctx.text) \
                    and not asks_if(ctx.norm):  # "那就取消吧，确认取消"
                return _cancel(ctx, mine[0])
            return Ask(say.CANCEL_ASK.format(title=mine[0].title), "confirm", flow="cancel_signup",
                       data={"activity_id": mine[0].id})
    choices = named or mine
    if len(choices) > 1 and wants_all(said, len(choices)) and (named or EVERY.search(said)) and not asks_if(ctx.norm) \
            and not any(heard_only(said, a) for a in named):  # "拔河和登山都不去了"
        return _cancel_all(ctx, choices)
    picked = None if named else listed_pick(ctx, choices)
    if picked is not None:  # "第二个帮我退了" after "我报了哪些" ("第二个取消了吗": asked first)
        return Ask(say.CANCEL_ASK.format(title=picked.title), "confirm", flow="cancel_signup",
                   data={"activity_id": picked.id}) if asks_if(ctx.norm) else _cancel(ctx, picked)
    if len(choices) > 1:
        narrowed = narrow_by_when_or_where(ctx.text, choices)
        if len(narrowed) == 1:
            return _cancel(ctx, narrowed[0])
    return _which(choices)


def _asked(choices: list):
    """"要取消「…」的报名吗？" for one, "要取消哪一个？" for several."""
    if len(choices) == 1:
        return Ask(say.CANCEL_ASK.format(title=choices[0].title), "confirm", flow="cancel_signup",
                   data={"activity_id": choices[0].id})
    return _which(choices)


def _which(choices: list):
    return Ask(say.CANCEL_WHICH.format(items=numbered([label(a, choices) for a in choices])), "choose", flow="cancel_signup",
               data={"candidates": [a.id for a in choices]})
