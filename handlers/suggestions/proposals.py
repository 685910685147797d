"""Proposals (教代会提案) in chat: the steps shown when the proposer checks the ticket, 附议, and the
proposer's satisfaction with the answer. The steps themselves: storage/proposals.py.

- A signed proposer is told of each step through the outbox (kind `proposal_step`); after 答复 the
  push asks "满意 / 基本满意 / 不满意 编号" (one answer).
- An anonymous proposer sees the steps when checking the ticket ("查询建议 K7P2Q9"); once answered,
  that reply asks for the satisfaction, and the answer waits in the scratch file until the day's
  release. Nothing is pushed: nobody knows whom to push to.
- "附议 编号": a member seconds a signed proposal of someone else, once, while it is in 征集 or 立案.
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.messages import Reply
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST
from storage.proposals import ANSWERED, SECONDING, is_overdue, step_name
from storage.suggestions import TICKET_ALPHABET

registry.push_kind("proposal_step", "提案进展")
_TICKET_RE = re.compile(rf"(?<![0-9A-Z])([{TICKET_ALPHABET}]{{6}})(?![0-9A-Z])")

STEP_PUSH = {
    "立案": "{name}老师，您的提案（编号 {ticket}）已经立案。同事可回复“附议 {ticket}”附议。",
    "不予立案": "{name}老师，您的提案（编号 {ticket}）经审查不予立案。理由：{note}",
    "转为建议": "{name}老师，您的提案（编号 {ticket}）将作为建议办理，答复后会告诉您。",
    "交办": "{name}老师，您的提案（编号 {ticket}）已交办：{note}。",
    "答复": ("{name}老师，您的提案（编号 {ticket}）有了答复：\n{note}\n您对答复满意吗？请回复“满意 {ticket}”、"
             "“基本满意 {ticket}”或“不满意 {ticket}”（只能评价一次）。"),
    "落实": "{name}老师，您的提案（编号 {ticket}）落实情况：{note}",
    "办结": "{name}老师，您的提案（编号 {ticket}）已办结。感谢您的参与，件件有回音！",
}
ASK_RATING = "\n您对答复满意吗？请回复：满意 / 基本满意 / 不满意（只能评价一次；回复“取消”暂不评价）。"
RATING_AGAIN = "请回复“满意”“基本满意”或“不满意”；回复“取消”暂不评价。"
RATED = {False: "感谢您的评价（{answer}），已记录。", True: "感谢您的评价（{answer}），已记录，今晚随当天的意见一起送达工会。"}
RATED_BEFORE = "提案 {ticket} 已经评价过了（{answer}），每件提案只能评价一次。"
NOT_ANSWERED = "提案 {ticket} 还没有答复，答复后再评价。"
NOTHING_TO_RATE = "您目前没有待评价的提案答复。查询匿名提案请回复“查询建议 编号”。"
WHICH = "您有 {n} 件提案待评价（{tickets}），请在回复中带上编号，例如“满意 {first}”。"
NOT_YOURS = "没有找到您提交的编号为 {ticket} 的提案，请核对编号。"
SECOND_HOW = "请回复“附议 编号”，例如“附议 K7P2Q9”（编号请向提案人询问）。"
SECOND = {
    "ok": "已附议提案 {ticket}（{content}）。目前共 {n} 人附议，感谢您的支持！",
    "in_tray": "提案 {ticket} 今晚送达工会后才能附议，请明天再试。",
    "missing": "没有找到编号为 {ticket} 的提案，请核对编号（6 位字母和数字）。",
    "not_proposal": "编号 {ticket} 不是教代会提案，只有提案可以附议。",
    "anonymous": "提案 {ticket} 是匿名提交的，匿名提案不能附议。",
    "own": "提案 {ticket} 是您自己提交的，不需要附议。",
    "step": "提案 {ticket} 已进入“{step}”阶段，附议只在征集和立案阶段进行。",
    "already": "您已经附议过提案 {ticket} 了，每人一次。",
}


def ticket_in(text: str) -> str | None:
    for m in _TICKET_RE.finditer(text.upper()):
        if any(ch.isdigit() for ch in m.group(1)):
            return m.group(1)
    return None


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def status_text(store, row: dict) -> str:
    """A proposal's steps, as its proposer sees them (dates only)."""
    today = store.clock.today().isoformat()
    flag = "（已逾期，工会正在督办）" if is_overdue(row, today) else ""
    lines = [f"提案 {row['ticket']}（{row['created_on']}提交）", f"状态：{row['status']}{flag}", "进展："]
    for step in store.proposals.steps(row["ticket"]):
        lines.append(f"{step['on_date']} {step['step']}" + (f"：{step['note']}" if step["note"] else ""))
    seconds = len(store.proposals.seconds(row["ticket"]))
    if seconds:
        lines.append(f"附议：{seconds} 人")
    if row["status"] in SECONDING and not row["anonymous"]:
        lines.append(f"同事可回复“附议 {row['ticket']}”附议。")
    answer = store.proposals.satisfaction(row["ticket"])
    if answer:
        lines.append(f"您的评价：{answer}")
    return "\n".join(lines)


def status_reply(ctx: Context, row: dict):
    """The steps; once answered and not yet rated, the question (the answer is the next message)."""
    text = status_text(ctx.store, row)
    if row["status"] in ANSWERED and not ctx.store.proposals.satisfaction(row["ticket"]):
        return Ask(text + ASK_RATING, "answer", flow="proposal_rating", data={"ticket": row["ticket"]})
    return Reply(text, sensitive=bool(row["anonymous"]))


def tell_proposer(store, row: dict, step: str, note: str = "") -> bool:
    """A signed proposer hears of each step through the outbox; an anonymous one checks the ticket."""
    if not row["member_id"] or row["anonymous"] or step not in STEP_PUSH:
        return False
    member = store.members.get(row["member_id"])
    if member is None:
        return False
    text = STEP_PUSH[step].format(name=member.name, ticket=row["ticket"], note=note)
    return store.outbox.enqueue("proposal_step", member.id, text, occasion=f"suggestion:{row['ticket']}",
                                dedup_key=f"proposal_step|{row['ticket']}|{step}")


def take_step(store, ticket: str, action: str, **fields) -> dict:
    """One step by the committee (console or CLI), and the proposer told."""
    row = store.proposals.advance(ticket, action, **fields)
    for step in store.proposals.steps(row["ticket"])[-2:]:
        if step["step"] == action or (action == "不予立案" and step["step"] == "转为建议"):
            tell_proposer(store, row, step["step"], step["note"])
    return row


# ---- satisfaction -----------------------------------------------------------------------------------


def answer_in(text: str) -> str | None:
    t = re.sub(r"[\s，,。.！!]", "", text)
    t = _TICKET_RE.sub("", t.upper())
    if re.fullmatch(r"(不太|不|很不|非常不)满意", t):
        return "不满意"
    if re.fullmatch(r"(基本|比较|还算|一般|还行)满意|基本满意|还行|一般", t):
        return "基本满意"
    if re.fullmatch(r"(非常|很|十分|特别)?满意", t):
        return "满意"
    return None


def _rate(ctx: Context, row: dict, answer: str) -> Reply:
    outcome = ctx.store.proposals.rate(row["ticket"], answer)
    anonymous = bool(row["anonymous"])
    if outcome == "ok":
        return Reply(RATED[anonymous].format(answer=answer), sensitive=anonymous)
    if outcome == "already":
        return Reply(RATED_BEFORE.format(ticket=row["ticket"], answer=ctx.store.proposals.satisfaction(row["ticket"])),
                     sensitive=anonymous)
    if outcome == "not_yet":
        return Reply(NOT_ANSWERED.format(ticket=row["ticket"]), sensitive=anonymous)
    return Reply(NOT_YOURS.format(ticket=row["ticket"]), sensitive=True)


def _step_answer(ctx: Context, text: str):
    answer = answer_in(text)
    if answer is None:
        return Retry(RATING_AGAIN)
    row = ctx.store.suggestions.by_ticket(ctx.data["ticket"])
    return Done(_rate(ctx, row, answer)) if row else Done(NOT_YOURS.format(ticket=ctx.data["ticket"]))


# sensitive: an anonymous proposer's answer must never be logged next to a user id
registry.flow(Flow("proposal_rating", {"answer": _step_answer}, sensitive=True, free_text=frozenset({"answer"}),
                   label="提案评价", private=True))  # (an anonymous proposer's verdict: no trace of her beside it)


@registry.intent(
    "proposal_rating",
    keywords={"满意": 1, "基本满意": 2},
    patterns=[(rf"^(非常|很|十分|特别|基本|比较|还算|不太|很不|非常不|不)?满意[\s，,]*([{TICKET_ALPHABET}]{{6}})?[。！!]?$", 9),
              (rf"^([{TICKET_ALPHABET}]{{6}})[\s，,]*(基本|不)?满意$", 9)],
    menu=None,
    words=["满意", "基本满意", "不满意"],
    private=True,
)
def proposal_rating(ctx: Context):
    answer = answer_in(ctx.text) or "满意"
    ticket = ticket_in(ctx.text)
    if ticket:
        row = ctx.store.suggestions.by_ticket(ticket)
        if row is None or row["kind"] != "提案":
            return Reply(NOT_YOURS.format(ticket=ticket), sensitive=True)
        # a signed proposal is rated by its proposer only; an anonymous one by whoever holds its ticket
        if not row["anonymous"] and (ctx.member is None or ctx.member.id != row["member_id"]):
            return Reply(NOT_YOURS.format(ticket=ticket), sensitive=True)
        return _rate(ctx, row, answer)
    if ctx.member is None:
        return BIND_FIRST
    waiting = [r for r in ctx.store.suggestions.for_member(ctx.member.id)
               if r["kind"] == "提案" and not r.get("day") and r["status"] in ANSWERED
               and not ctx.store.proposals.satisfaction(r["ticket"])]
    if not waiting:
        return NOTHING_TO_RATE
    if len(waiting) > 1:
        tickets = "、".join(r["ticket"] for r in waiting)
        return WHICH.format(n=len(waiting), tickets=tickets, first=waiting[0]["ticket"])
    return _rate(ctx, waiting[0], answer)


# ---- 附议 ---------------------------------------------------------------------------------------------


@registry.intent(
    "proposal_second",
    keywords={"附议": 6},
    patterns=[(r"^附议", 8)],
    menu=None,
    words=["附议"],
)
def proposal_second(ctx: Context):
    if ctx.member is None:
        return BIND_FIRST
    ticket = ticket_in(ctx.text)
    if not ticket:
        return SECOND_HOW
    outcome = ctx.store.proposals.second(ticket, ctx.member.id)
    row = ctx.store.suggestions.by_ticket(ticket) or {}
    n = len(ctx.store.proposals.seconds(ticket))
    return SECOND[outcome].format(ticket=ticket, content=_short(row.get("content", "")), n=n,
                                  step=step_name(row) if row else "")
