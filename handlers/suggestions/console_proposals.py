"""A proposal's console page (提案): its steps with their dates, the 附议 and their names, the
proposer's satisfaction, and the allowed next steps as buttons (立案 / 不予立案 with a reason and
optionally 转为建议, 交办 with a department and a due date, 答复, 落实 with a note, 办结). An
anonymous proposal shows no author, and every step shows its date only."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from bot.console.kit import OFFICERS, Pages, form
from bot.console.shell import audit, store
from bot.registry import registry
from handlers.suggestions.proposals import take_step
from storage.proposals import ACTIONS, ProposalError, is_overdue, next_actions, step_name

pages = registry.console(Pages(__name__))
TOLD = {True: "已推送告知提案人。", False: "匿名提交：提案人凭编号查询进展。"}


def author_of(row: dict) -> str:
    """A signed row's author as the committee sees it; '' when anonymous."""
    if not row["member_id"] or row["anonymous"]:
        return ""
    member = store().members.get(row["member_id"])
    return f"{member.name}（{member.staff_no}）" if member else "（已删除）"


def proposal_page(row: dict, errors: list[str] | None = None, status: int = 200):
    s = store()
    today = s.clock.today().isoformat()
    return render_template(
        "console/proposal.html", row=row, step=step_name(row), steps=s.proposals.steps(row["ticket"]),
        # released answers only: an anonymous proposer's waits in the scratch file for the night
        seconds=s.proposals.seconds(row["ticket"]), satisfaction=row["satisfaction"],
        overdue=is_overdue(row, today), actions=next_actions(row), today=today, errors=errors or []), status


def _proposal(ticket: str) -> dict:
    row = store().suggestions.by_ticket(ticket[:12])
    if row is None or row["kind"] != "提案":
        abort(404)
    return row


@pages.post("/suggestions/<ticket>/step", roles=OFFICERS)
def proposal_step(ticket: str):
    s, row = store(), _proposal(ticket)
    action = form("action", 10)
    if action not in ACTIONS:
        abort(400)
    try:
        row = take_step(s, row["ticket"], action, note=form("note", 1000), department=form("department", 60),
                        due_on=form("due_on", 10), to_suggestion=request.form.get("to_suggestion") == "1")
    except ProposalError as exc:
        return proposal_page({**row, "author": author_of(row)}, [str(exc)], 400)
    audit(f"提案{action}", row["ticket"], {"状态": row["status"]})
    flash(f"提案 {row['ticket']} 已{action}。" + TOLD[bool(row["member_id"]) and not row["anonymous"]])
    return redirect(url_for("console.suggestion", ticket=row["ticket"]))


@pages.post("/suggestions/<ticket>/public", roles=OFFICERS)
def proposal_public(ticket: str):
    row = store().suggestions.update(_proposal(ticket)["ticket"], public=request.form.get("public") == "1")
    audit("更新建议", row["ticket"], {"状态": row["status"], "公示": bool(row["public"])})
    flash("已公示（不显示提案人）。" if row["public"] else "已取消公示。")
    return redirect(url_for("console.suggestion", ticket=row["ticket"]))
