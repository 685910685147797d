"""The suggestions' console pages: the list, the public ones, one suggestion (reply, status,
publish); the dashboard's new suggestions. Anonymous ones show no author, and the order within a day
is the ticket's, never the submission's."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from flask import abort, flash, redirect, render_template, request, url_for

from bot.console.kit import EVERYONE, OFFICERS, Pages, form
from bot.console.shell import audit, store
from bot.registry import registry
from handlers.suggestions import reply_to
from handlers.suggestions.console_proposals import author_of, proposal_page
from storage.proposals import is_overdue, status_refusal
from storage.suggestions import NEXT_STATUSES, STATUSES

pages = registry.console(Pages(__name__))
registry.page("建议", "console.suggestions", match="suggestion", order=30)
registry.push_kind("suggestion_reply", "建议答复")
KINDS = ("建议", "提案", "投诉")


@registry.dashboard_tile("new_suggestions", "console/tile_suggestions.html", order=20)
def _new_suggestions(s, _day: dt.date) -> dict:
    return {"new_suggestions": _suggestion_rows(status="已收到")[:10],
            "new_count": len(s.suggestions.list(status="已收到"))}


def _suggestion_rows(**filters) -> list[dict]:
    """Newest day first; within a day by ticket, not by id (the order of submission can identify)."""
    rows = store().suggestions.list(**filters)
    today, seconds = store().clock.today().isoformat(), store().proposals.second_counts()
    for row in rows:
        row["author"] = author_of(row)
        row["overdue"], row["seconds"] = is_overdue(row, today), seconds.get(row["ticket"], 0)
    return sorted(rows, key=lambda r: (r["created_on"], r["ticket"]), reverse=True)


@pages.get("/suggestions", roles=EVERYONE)
def suggestions():
    status = request.args.get("status", "") if request.args.get("status", "") in STATUSES else ""
    kind = request.args.get("kind", "") if request.args.get("kind", "") in KINDS else ""
    rows = _suggestion_rows(status=status or None, kind=kind or None)
    counts = Counter(r["status"] for r in _suggestion_rows())
    return render_template("console/suggestions.html", rows=rows, status=status, kind=kind, statuses=STATUSES,
                           kinds=KINDS, counts=counts)


@pages.get("/suggestions/public", roles=EVERYONE)
def suggestions_public():
    return render_template("console/suggestions_public.html", rows=_suggestion_rows(public=True),
                           steps={k: n for k, n in store().proposals.by_step().items() if n},
                           overdue=_suggestion_rows(kind="提案", status="已交办"))


@pages.route("/suggestions/<ticket>", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def suggestion(ticket: str):
    s = store()
    row = s.suggestions.by_ticket(ticket[:12])
    if row is None:
        abort(404)
    if row["kind"] == "提案":  # the congress's steps, one button each (console_proposals.py)
        row["author"] = author_of(row)
        return proposal_page(row, [status_refusal(row) + "。"] if request.method == "POST" else None,
                             400 if request.method == "POST" else 200)
    errors: list[str] = []
    if request.method == "POST":
        reply = form("reply", 1000)
        status = form("status", 10)
        public = request.form.get("public") == "1"
        if status and status != row["status"] and status not in NEXT_STATUSES[row["status"]]:
            errors.append(f"不能从“{row['status']}”改为“{status}”")
        elif reply and reply != row["reply"]:
            row = reply_to(s, row["ticket"], reply, status if status != row["status"] else None, public)
            audit("答复建议", row["ticket"], {"状态": row["status"], "公示": bool(row["public"])})
            flash("已答复。" + ("将通过推送告知提交人。" if row["member_id"] else "匿名提交：提交人可凭编号查询答复。"))
            return redirect(url_for("console.suggestion", ticket=row["ticket"]))
        else:
            row = s.suggestions.update(row["ticket"], status=status or None, public=public)
            audit("更新建议", row["ticket"], {"状态": row["status"], "公示": bool(row["public"])})
            flash(f"已保存：状态 {row['status']}{'，已公示' if row['public'] else ''}。")
            return redirect(url_for("console.suggestion", ticket=row["ticket"]))
    row = next(r for r in _suggestion_rows() if r["ticket"] == row["ticket"])
    return render_template("console/suggestion.html", row=row, errors=errors,
                           next_statuses=[row["status"], *[x for x in STATUSES if x in NEXT_STATUSES[row["status"]]]]), \
        400 if errors else 200


