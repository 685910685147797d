"""The care reports' console pages: what teachers reported, and the visits the committee records;
corrections (who, what kind, when, the account, the visit's note) and deletion (asked first), each in
the audit log; the dashboard's reports still to follow up."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.console.kit import EVERYONE, OFFICERS, Pages, changed_fields, confirmed, form
from bot.console.shell import audit, store
from bot.registry import registry
from handlers.care import KINDS

pages = registry.console(Pages(__name__))
registry.page("关怀", "console.care", match="care", order=40)
FIELD_NAMES = {"subject": "对象", "event_kind": "类别", "when_text": "时间", "event": "情况", "visit_note": "探望备注"}
KIND_CHOICES = (*KINDS, "其他")
registry.push_kind("care", "关怀报告（告知委员）")


@registry.dashboard_tile("care", "console/tile_care.html", order=30)
def _care(s, _day: dt.date) -> dict:
    return {"care": s.care.list(status="待跟进")}


@pages.get("/care", roles=EVERYONE)
def care():
    status = request.args.get("status", "")
    rows = store().care.list(status=status if status in ("待跟进", "已探望") else None)
    return render_template("console/care.html", rows=rows, status=status)


@pages.post("/care/<int:report_id>/visited", roles=OFFICERS)
def care_visited(report_id: int):
    note = form("note", 500)
    report = store().care.get(report_id) or abort(404)
    store().care.mark_visited(report_id, note, current_user.username)
    audit("登记探望", f"#{report_id} {report['subject']}", {"备注": note})
    flash(f"已登记对{report['subject']}的探望/慰问。")
    return redirect(url_for("console.care"))


@pages.route("/care/<int:report_id>", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def care_edit(report_id: int):
    report = store().care.get(report_id) or abort(404)
    errors: list[str] = []
    values = {k: report[k] for k in FIELD_NAMES}
    if request.method == "POST":
        values = {k: form(k, 300 if k in ("event", "visit_note") else 60) for k in FIELD_NAMES}
        if not values["subject"]:
            errors.append("请填写关怀对象（哪位老师或其家属）")
        if values["event_kind"] not in (*KIND_CHOICES, report["event_kind"]):
            errors.append("请选择类别")
        if not values["event"]:
            errors.append("请简单写明情况")
        if not errors:
            changed, words = changed_fields(report, values, FIELD_NAMES)
            if changed:
                store().care.update(report_id, **changed)
                audit("更正关怀记录", f"#{report_id} {report['subject']}", words)
                flash(f"已更正关怀记录（{values['subject']}）。")
            return redirect(url_for("console.care"))
    return render_template("console/care_edit.html", report=report, values=values, errors=errors,
                           kinds=KIND_CHOICES), 400 if errors else 200


@pages.post("/care/<int:report_id>/delete", roles=OFFICERS)
def care_delete(report_id: int):
    report = store().care.get(report_id) or abort(404)
    asked = confirmed(f"删除关于{report['subject']}的关怀记录？", "删除后这条记录不再出现在关怀列表和工作总结里；删除后不能恢复。",
                      "确认删除", url_for("console.care_edit", report_id=report_id))
    if asked:
        return asked
    store().care.delete(report_id)
    audit("删除关怀记录", f"#{report_id} {report['subject']}",
          {FIELD_NAMES[k]: report[k] for k in FIELD_NAMES if report[k]} | {"状态": report["status"]})
    flash(f"已删除关于{report['subject']}的关怀记录。")
    return redirect(url_for("console.care"))
