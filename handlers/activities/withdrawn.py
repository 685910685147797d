"""The steps of a cancellation (handlers/signup.py starts it): which one ("2", "乒乓球", "都取消"), "要取消…吗？",
and the message right after a withdrawal (`_cancel` leaves a note): a change of mind takes it back ("唉 算了
我不退了，还去"), the same request again or a plain yes is told it is done ("麻烦帮我取消一下", "嗯 确认"),
anything else is a new message."""

from __future__ import annotations

import re

from bot.answers import plain_yes, undecided
from bot.engine import Ask, Context, Done, PassOn, Retry
from bot.nlu import normalize
from bot.registry import Flow, registry
from handlers._common import COURTESY, _clauses, is_no, is_yes, parse_choice
from handlers.activities import wording as say
from handlers.activities.again import asks_again
from handlers.activities.keep import KEEP_RE, kept, only_kept
from handlers.activities.many import wants_all
from handlers.activities.mind import names_other_than, only_this_named, thanked
from handlers.activities.notices import short
from handlers.activities.outcome import ASKED, JUST_CANCELLED, UNDO_RE, _cancel, _cancel_all, _undo
from handlers.activities.waiting import chosen, picks_one

OTHER_REQUEST = re.compile(r"报名|建议|体检|投票|推送|绑定|[?？吗]")
# a yes to the withdrawal in its own verb, nothing named: "嗯 确定退", "确认退", "对 退吧", "退吧" (the one just done)
# … or with its name, that one only: "是的，只退卡拉OK，确认。", "对，就退卡拉OK那个"
ONLY_THIS = re.compile(r"(只|就|仅)(是)?(要)?(退|取消|撤)")
SAID_WITHDRAW = re.compile(r"^(嗯+|对|是|好|好的|行)?[的,，\s]*(确定|确认|就)?(要)?退(掉|了|吧|了吧|掉吧)?[!！。.~～]*$")


def after_cancel(ctx: Context, text: str):
    said = normalize(text)
    if ctx.member is not None and plain_yes(said):  # "OK" (no 卡拉OK named), "好滴", "嗯嗯": it is done already
        activity = ctx.store.activities.get(ctx.data["activity_id"])
        return Done(say.ALREADY_CANCELLED.format(title=activity.title, short=short(activity)))
    if ctx.member is None:
        return PassOn()
    if names_other_than(text, ctx.data["activity_id"], ctx.store.activities.upcoming()):  # "读书会我还去的": about another
        mine = [ctx.store.activities.get(r["activity_id"]) for r in ctx.store.signups.for_member(ctx.member.id)]
        keep = only_kept(text, [a for a in mine if a is not None])  # "拔河那间继续住着，别给我一起退了": that one stays,
        return Ask(say.KEPT.format(titles="」「".join(a.title for a in keep)), "after", flow=JUST_CANCELLED,
                   data={"activity_id": ctx.data["activity_id"]}) if keep else PassOn()  # (and the withdrawal just made
    if asks_again(said):  # is still the one her next yes means); "刚取消的乒乓球 重新给我报上": a sign-up
        return PassOn()
    if (((ASKED.search(said) or ONLY_THIS.search(said)) and not re.search(r"[?？吗]", said)) or plain_yes(said)
            or SAID_WITHDRAW.match(said)) \
            and not UNDO_RE.search(said):  # "麻烦帮我取消一下", "嗯 确认": it is done already
        activity = ctx.store.activities.get(ctx.data["activity_id"])
        return Done(say.ALREADY_CANCELLED.format(title=activity.title, short=short(activity)))
    if OTHER_REQUEST.search(said):
        return PassOn()
    return _undo(ctx, just_now=ctx.data["activity_id"]) or PassOn()


registry.flow(Flow(JUST_CANCELLED, {"after": after_cancel}, free_text=frozenset({"after"}), label="取消报名"))


# "两个都留着", "都不退了", "以上都不是", "俩都别动": all of them, kept (a "去不了" is still a withdrawal)
NOT_ALL = re.compile(r"不|别|留|算了|没|保持")


def _takes_all(text: str, count: int) -> bool:
    said = re.sub(r"去不了|参加不了|来不了|去不成", "", normalize(text))
    return wants_all(text, count) and not NOT_ALL.search(said) and not KEEP_RE.search(normalize(text))


def _cancel_choose(ctx: Context, text: str):
    if _takes_all(text, len(ctx.data["candidates"])) and parse_choice(text, len(ctx.data["candidates"])) is None:
        return _cancel_all(ctx, [a for a in map(ctx.store.activities.get, ctx.data["candidates"]) if a])
    activity = chosen(ctx, text)
    candidates = [a for a in map(ctx.store.activities.get, ctx.data["candidates"]) if a]
    if activity is not None and parse_choice(text, len(candidates)) is None and activity in kept(text, candidates):
        activity = None  # "读书会留着", "读书会不取消": never the one to withdraw
    if activity is None:
        return Retry(f"请回复要取消的活动编号（1 到 {len(ctx.data['candidates'])}），或回复“取消”不做改动。")
    return _cancel(ctx, activity)


# at "要取消…吗？", "取消吧" is the yes (elsewhere it is "never mind"): "取消吧", "还是取消吧", "嗯 帮我取消掉"
ORDERED_HERE = re.compile(r"^(好的?|嗯+|是的?|对|那|行)?[，,\s]*(那就?|还是|就)?(帮我|给我)?(取消|退掉|退了|撤销|撤了)(吧|掉吧|掉|了吧|了)?"
                          r"[!！。.~～\s]*$")
# "不是 我是要取消我自己的报名" (to "登山取消了？" taken as a request): the 不是 is about the question, not a no
MEANT_IT = re.compile(r"(我|就)是(要|想)(取消|退)")
NOT_MEANT = re.compile(r"不(要|用|想)?(取消|退)|(别|莫|嫑|甭|唔使|唔好|不必)(取消|退)|[?？吗]")  # (莫/嫑: "don't")
KEPT_ANSWER = re.compile(r"(那|那就|还是|先)?(保留|留着|留下|不变)|^(莫|嫑|甭|唔使|唔好|不必)(取消|退)")
# at "要取消…吗？", her not going is the yes: "嗯 不去了", "是的，不去了", "退退退" (never "不退了", "还去")
NOT_GOING = re.compile(r"不去了|不参加了|去不了|参加不了|来不了|去不成|退退|撤了")


def _cancel_confirm(ctx: Context, text: str):
    if UNDO_RE.search(normalize(text)):  # "还是报吧", "不取消了": kept
        return Done("好的，报名保持不变。")
    if undecided(text):  # "我再想想", "等下，我再看看": kept while she decides
        return Done("好的，报名先为您保留。想好了要取消，随时回复“取消报名”。")
    said = normalize(text)
    if NOT_GOING.search(said) and not NOT_MEANT.search(said) and not KEPT_ANSWER.search(said) and not is_yes(text):
        return _cancel(ctx, ctx.store.activities.get(ctx.data["activity_id"]))  # "嗯 不去了": her not going, the yes
    activity = ctx.store.activities.get(ctx.data["activity_id"])
    ordered = ",".join(c for c in _clauses(text) if not COURTESY.match(c)) or said  # "嗯，取消吧，替我跟老同事们问声好"
    if is_yes(text) or thanked(text) or (activity is not None and only_this_named(text, activity)) or (ASKED.search(said) and not KEEP_RE.search(said) and not is_no(text) and not NOT_MEANT.search(said)) \
            or ORDERED_HERE.match(ordered) or (MEANT_IT.search(said) and not NOT_MEANT.search(said)):
        return _cancel(ctx, activity)  # "麻烦帮我取消一下", "谢谢您", "那个读书会" (the one asked about, named)
    if is_no(text) or KEPT_ANSWER.match(said):  # "保留吧"
        return Done("好的，报名保持不变。")
    return Retry(say.CANCEL_AGAIN)


def _kept_at_confirm(ctx: Context, text: str) -> bool:
    """At "要取消…吗？", "哎 还是报吧" answers it (the sign-up kept), however surely it reads as a new sign-up."""
    waiting = ctx.store.activities.get(ctx.data["activity_id"]) if "activity_id" in ctx.data else None
    return (waiting is not None and (bool(UNDO_RE.search(normalize(text))) or only_this_named(text, waiting))) \
        or picks_one(ctx, text)  # "读书会" to "哪一个？" (and to "要取消「教师读书会」吗？": its yes)


# besides the name, nothing that keeps, doubts or asks ("读书会留着", "读书会几点开始？" are no choice)
NOT_A_PICK = re.compile(r"不|别|留|保|算了|没|[?？吗呢么]|几|什么|啥|哪|多少")


def _named_pick(ctx: Context, text: str) -> bool:
    """At "要取消哪一个？请回复编号", one of them named ("读书会"): the answer, though it reads as a question
    about that activity."""
    if "candidates" not in ctx.data or NOT_A_PICK.search(normalize(text)):
        return False
    return chosen(ctx, text) is not None


registry.flow(Flow("cancel_signup", {"choose": _cancel_choose, "confirm": _cancel_confirm}, label="取消报名",
                   keeps=lambda ctx, text: _kept_at_confirm(ctx, text) or _named_pick(ctx, text)))
