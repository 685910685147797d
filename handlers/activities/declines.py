"""A no to "确认报名「…」吗？" with its reason ("我不去啊，腿都没好", "去不了 那天要带孩子"): it declines that confirmation.
It reads like a withdrawal (不去, 去不了), and the router would leave the question for the cancel_signup intent,
which then offered to cancel a sign-up she already had. An existing sign-up is withdrawn only when she names it
("读书会也不去了") or says so (取消, 退掉); else the no is the answer to what was asked.

So is a sign-up put off where she was asked which of a list ("这几个活动您想报哪一个？", "请回复编号报名"): "那先不报了
我再想想" drops the choice and says so (it was asked again for a number, or read as a withdrawal of nothing)."""

from __future__ import annotations

import re

from bot.answers import says_confirmed
from bot.engine import Context
from bot.nlu import normalize
from handlers._common import _clauses, is_no, is_yes
from handlers.activities import match_activities, visible_upcoming

# a sign-up put off: "那先不报了 我再想想", "先不报 考虑一下", "我再考虑考虑", "都不报了"
PUT_OFF = re.compile(r"先不(报|去|参加)|暂(时)?不(报|去|参加)|不报了|不(想)?去了|都不(报|要|去)|再(想想|考虑|看看|说)|考虑(一下|考虑)|"
                     r"先算了|改天再|以后再说|下次(吧|再说)")
NONE_CHOSEN = "好的，先不报了。想好了随时回复“报名 + 活动名”，例如“报名拔河”。"
# going said no to: "不去", "去不了", "不参加了", "来不了", "不报了", "俺不去咧"
NOT_GOING = re.compile(r"不(去|参加|来|报|想去|想参加|能去|能参加)|(去|参加|来)不(了|成)|唔去")
# a withdrawal said as such, or of someone else's, or only supposed: never this answer's
WITHDRAWS = re.compile(r"取消|退掉|退了|退报|撤销|撤掉|[他她]|同事|别人|人家|老公|爱人|老婆|孩子们|家属(?!也)|"
                       r"如果|要是|万一|假如|的话|[?？吗]")
# a request of another feature's, said with a no in it: "不要给我发节日祝福了" after the list is no sign-up put off
OTHER_REQUEST = re.compile(r"祝福|推送|消息|通知|提醒|建议|投诉|意见|体检|绑定|工号|住院|生病|去世|结婚|生了|退休")


def declines_here(ctx: Context, text: str) -> bool:
    """For the sign-up flow's Flow.keeps: a no to the confirmation waiting, with or without a reason, naming no
    other activity and asking no withdrawal."""
    waiting = ctx.data.get("activity_id")  # (one: at a confirmation of several, "都先不报" is that step's)
    said = normalize(text)
    if not waiting or "activity_ids" in ctx.data or not NOT_GOING.search(said) or WITHDRAWS.search(said) or not is_no(text):
        return False
    return all(a.id == waiting for a in match_activities(said, visible_upcoming(ctx)))


def puts_off_choice(ctx: Context, text: str) -> bool:
    """For the sign-up flow: at "which one?" (a list of candidates, none chosen yet), a sign-up put off, naming none of
    them, no number, no withdrawal asked."""
    said = normalize(text)
    if "candidates" not in ctx.data or "activity_id" in ctx.data or re.search(r"[0-9一二三四五六七八九十]|第", said) \
            or WITHDRAWS.search(said) or OTHER_REQUEST.search(said) or not (PUT_OFF.search(said) or is_no(text)):
        return False
    return not match_activities(said, visible_upcoming(ctx))


# somewhere else she goes ("国庆那几天我要去外地儿子家", "我要去北京女儿那儿", "那天我想去老家看看"): news, no sign-up
# (not the activity's own place or people: "我想去参加登山，带上家人")
ELSEWHERE = (r"外地|外省|外面|国外|老家|[^，,。！!？?参报带和]{0,5}(家(?![人属长里])|那儿|那里|那边)|"
             r"[^，,。！!？?参报带和]{0,5}(探亲|旅游|度假|出差|开会|培训)")
GOES_ELSEWHERE = re.compile(r"(去|回|到)(" + ELSEWHERE + ")")
# she cannot come, in a clause of a longer note ("…因赴外地探亲，不能参加，特此请假", "座谈会那天我去不了，要去儿子家")
CANNOT = re.compile(r"不能(去|参加|来|出席|到场)|(去|参加|来|出席)不(了|成)|(没法|没办法|无法)(去|参加|来|出席|前往|到场)|特此请假")
# … said of someone else, or only supposed, or asked
NOT_HERS = re.compile(r"[他她]|同事|别人|家属|老公|爱人|老婆|孩子|如果|要是|万一|假如|的话|[?？吗]")


def cannot_come(text: str) -> bool:
    """At "确认报名「…」吗？": a note saying she cannot come (a 请假条), with no yes in it (going elsewhere is none: "要去儿子
    家"): a no, however it is dressed."""
    clauses = _clauses(text)
    return any(CANNOT.search(c) and not NOT_HERS.search(c) for c in clauses) \
        and not any(is_yes(c) and not GOES_ELSEWHERE.search(c) for c in clauses) and not says_confirmed(text)


# (attack27) at a confirmation of several, a yes taken back ("好啊 等等 那天我有课 还是不报了", "两个都报吧，算了不报了",
# "是……不对，乒乓球那天我有课"): the step reads it all, never its first "好" alone (which signed both)
UNDONE = re.compile(r"不对|等等|等一下|等下|算了|还是不")


def takes_back_several(ctx: Context, text: str) -> bool:
    """For the sign-up flow's Flow.keeps: at "确认报名以下 N 个活动吗？", a no or a yes taken back, naming none but those."""
    waiting = ctx.data.get("activity_ids")
    said = normalize(text)
    if not waiting or not (NOT_GOING.search(said) or UNDONE.search(said)) or re.search(r"取消|退掉|退了|撤销|撤掉", said):
        return False
    return all(a.id in waiting for a in match_activities(said, visible_upcoming(ctx)))
