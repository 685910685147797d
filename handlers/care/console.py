"""The care reports' console page: what teachers reported, and the visits the committee records;
the dashboard's reports still to follow up."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.console.kit import Pages, form
from bot.console.shell import audit, store
from bot.registry import registry

pages = registry.console(Pages(__name__))
registry.page("关怀", "console.care", match="care", order=40)
registry.push_kind("care", "关怀报告（告知委员）")


@registry.dashboard_tile("care", "console/tile_care.html", order=30)
def _care(s, _day: dt.date) -> dict:
    return {"care": s.care.list(status="待跟进")}


@pages.get("/care")
def care():
    status = request.args.get("status", "")
    rows = store().care.list(status=status if status in ("待跟进", "已探望") else None)
    return render_template("console/care.html", rows=rows, status=status)


@pages.post("/care/<int:report_id>/visited")
def care_visited(report_id: int):
    note = form("note", 500)
    report = store().care.get(report_id) or abort(404)
    store().care.mark_visited(report_id, note, current_user.username)
    audit("登记探望", f"#{report_id} {report['subject']}", {"备注": note})
    flash(f"已登记对{report['subject']}的探望/慰问。")
    return redirect(url_for("console.care"))


