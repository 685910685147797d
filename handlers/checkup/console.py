"""The checkups' console pages: the list, a new checkup (its notices go out by themselves), one
checkup's corrections and its deletion (asked first); every change is in the audit log."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for

from bot.console.kit import EVERYONE, OFFICERS, Pages, changed_fields, confirmed, form, today
from bot.console.shell import audit, store
from bot.registry import registry
from storage.activities import AUDIENCE_LABELS, valid_audience

pages = registry.console(Pages(__name__))
registry.page("体检", "console.checkups", match="checkup", order=70)
registry.push_kind("checkup_notice", "体检通知")
registry.push_kind("checkup_reminder", "体检当天提醒")
FIELD_NAMES = {"title": "名称", "start_date": "开始日期", "end_date": "结束日期", "place": "地点", "audience": "对象",
               "notes": "注意事项"}


def _checkup_values(errors: list[str]) -> dict:
    """The form's checkup, checked; problems are added to `errors` in plain words."""
    values = {k: form(k, 500 if k == "notes" else 60) for k in FIELD_NAMES}
    values["audience"] = values["audience"] or "all"
    dates = []
    for key in ("start_date", "end_date"):
        try:
            dates.append(dt.date.fromisoformat(values[key]))
        except ValueError:
            errors.append(f"{FIELD_NAMES[key]}请写成“2026-09-15”这样的年-月-日")
    if len(dates) == 2 and dates[1] < dates[0]:
        errors.append("结束日期不能早于开始日期")
    if not values["title"]:
        errors.append("请填写体检名称")
    if not valid_audience(values["audience"]):
        errors.append("参加对象无效")
    return values


@pages.route("/checkups", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def checkups():
    errors: list[str] = []
    values = {"audience": "all"}
    if request.method == "POST":
        values = _checkup_values(errors)
        if not errors:
            checkup_id = store().checkups.add(**values)
            audit("新建体检", f"#{checkup_id} {values['title']}", {k: v for k, v in values.items() if v})
            flash(f"已添加「{values['title']}」。体检通知将按设置提前发送。")
            return redirect(url_for("console.checkups"))
    return render_template("console/checkups.html", rows=store().checkups.all(), values=values, errors=errors,
                           audiences=AUDIENCE_LABELS, today=today()), 400 if errors else 200


@pages.route("/checkups/<int:checkup_id>", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def checkup_edit(checkup_id: int):
    row = store().checkups.get(checkup_id) or abort(404)
    errors: list[str] = []
    values = {k: row[k] for k in FIELD_NAMES}
    if request.method == "POST":
        values = _checkup_values(errors)
        if not errors:
            changed, words = changed_fields(row, values, FIELD_NAMES)
            if changed:
                store().checkups.update(checkup_id, **changed)
                audit("修改体检", f"#{checkup_id} {row['title']}", words)
                flash(f"已保存「{values['title']}」的修改。以后的体检通知按新的内容发送。")
            return redirect(url_for("console.checkups"))
    return render_template("console/checkup_edit.html", row=row, values=values, errors=errors,
                           audiences=AUDIENCE_LABELS), 400 if errors else 200


@pages.post("/checkups/<int:checkup_id>/delete", roles=OFFICERS)
def checkup_delete(checkup_id: int):
    row = store().checkups.get(checkup_id) or abort(404)
    asked = confirmed(f"删除体检「{row['title']}」？", "删除后老师们查询不到这次体检，也不会再收到它的通知；删除后不能恢复。",
                      "确认删除", url_for("console.checkup_edit", checkup_id=checkup_id))
    if asked:
        return asked
    skipped = store().checkups.delete(checkup_id)
    audit("删除体检", f"#{checkup_id} {row['title']}",
          {FIELD_NAMES[k]: row[k] for k in FIELD_NAMES if row[k]} | ({"取消的通知": skipped} if skipped else {}))
    flash(f"已删除体检「{row['title']}」。")
    return redirect(url_for("console.checkups"))
