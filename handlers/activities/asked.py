"""What a question about named activities asks beyond their listing (issue 19): whether two of them
clash ("羽毛球联谊赛和乒乓球友谊赛我都想打 时间冲突吗") and whether the teacher may join ("想问问我能不能参
加？", "退休了还有我们的份吗"). The answer says so in a line after the listing, and how to sign up."""

from __future__ import annotations

import itertools
import re

from bot.engine import Context
from handlers._common import fmt_dt
from handlers.activities.party import FAMILY_ASKS
from handlers.activities.wording import blocked_text
from storage.activities import Activity

CLASH_Q = re.compile(r"冲突|撞|重叠|同一天|赶得上|来得及|时间.{0,3}(一样|重)")
MAY_JOIN_Q = re.compile(r"(能|可以|可)(不能|不可以|否)?(参加|报名?|去)|能不能|可不可以|有[^，,。？?]{0,8}的份|让不让|够不够格|符合")
# whether she can make it or manage it: "四点赶得上", "登山会不会太累啊，路线陡不陡", "我这腿吃得消吗" (asked of one
# activity, it is asked as whether she may join: answered with it, and the offer)
FIT_Q = re.compile(r"赶得上|赶得及|来得及|赶趟|吃得消|受得了|撑得住|走得动|爬得动|(会不会|是不是|怕)(太|很|有点|比较)?"
                   r"(累|难|远|辛苦|吃力|陡|挤|晚)|([累难远陡])不\4")


def clash_answer(norm: str, named: list[Activity]) -> str:
    """"时间冲突吗" about two or more activities: which overlap, or that none do."""
    if len(named) < 2 or not CLASH_Q.search(norm):
        return ""
    both = [(a, b) for a, b in itertools.combinations(named, 2) if a.start < b.end and b.start < a.end]
    if not both:
        return "\n这几个活动时间不冲突，都可以报。" if len(named) > 2 else "\n这两个活动时间不冲突，都可以报。"
    return "\n" + "\n".join(f"注意：「{a.title}」和「{b.title}」时间重叠（{fmt_dt(a.start)} / {fmt_dt(b.start)}）。"
                            for a, b in both)


OFFER = "\n您可以报名"
# taking up that offer: a yes with a word that does something ("嗯嗯确认", "是的 报吧", "行 要报"), not thanks
ACCEPT = re.compile(r"是|确认|确定|报|要|行|可以|对|冲|整|妥|没问题|ok")
ONLY_THANKS = re.compile(r"谢|感谢|辛苦|收到|知道|明白|了解|再说|考虑|想想|[?？吗]")


def accepts(text: str) -> bool:
    from handlers._common import COURTESY, _clauses, is_yes, says_confirmed

    said = ",".join(c for c in _clauses(text) if not COURTESY.match(c))  # "好的，我确认报名。麻烦您了，谢谢小同志。"
    if says_confirmed(text):  # "那就先报上吧，确认。歌回头再定": a clause that is itself
        return True  # the yes, nothing around it refusing, doubting or asking
    return len(said) <= 12 and is_yes(text) and bool(ACCEPT.search(said)) and not ONLY_THANKS.search(said)


def may_join_answer(ctx: Context, ids: tuple[int, ...]) -> str:
    """"我能不能参加？" about one activity: yes and how, or why not (the member's own answer: never cached)."""
    if ctx.member is None or not ids or not (MAY_JOIN_Q.search(ctx.norm) or FIT_Q.search(ctx.norm)) \
            or FAMILY_ASKS.search(ctx.norm):
        return ""  # (whether her child may come is answered as such, handlers/activities/party.py)
    activities = [a for a in map(ctx.store.activities.get, ids) if a is not None]
    why = {a.id: ctx.store.signups.precheck(a, ctx.member) for a in activities}
    if len(activities) == 1 and why[activities[0].id] is None:
        return OFFER + f"「{activities[0].title}」，要为您报名吗？回复“是”为您报上。"
    open_ = [a for a in activities if why[a.id] is None]
    lines = [blocked_text(a, why[a.id], ctx.config.get("bot", "admin_contacts")) for a in activities if why[a.id]]
    if open_:  # "重阳座谈会和插花沙龙我都能参加不"
        lines.insert(0, "您可以报名" + "".join(f"「{a.title}」" for a in open_) + "。" +
                     ("要都报名请回复“都报”。" if len(open_) > 1 else ""))
    return "\n" + "\n".join(lines)
