"""The checkups' console page: the list and a new checkup (its notices go out by themselves)."""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request, url_for

from bot.console.kit import Pages, form, today
from bot.console.shell import audit, store
from bot.registry import registry
from storage.activities import AUDIENCE_LABELS, valid_audience

pages = registry.console(Pages(__name__))
registry.page("体检", "console.checkups", match="checkup", order=70)
registry.push_kind("checkup_notice", "体检通知")
registry.push_kind("checkup_reminder", "体检当天提醒")


@pages.route("/checkups", methods=["GET", "POST"])
def checkups():
    errors: list[str] = []
    values = {"audience": "all"}
    if request.method == "POST":
        values = {k: form(k, 500 if k == "notes" else 60) for k in ("title", "start_date", "end_date", "place",
                                                                    "audience", "notes")}
        values["audience"] = values["audience"] or "all"
        dates = []
        for key, label in (("start_date", "开始日期"), ("end_date", "结束日期")):
            try:
                dates.append(dt.date.fromisoformat(values[key]))
            except ValueError:
                errors.append(f"{label}请写成“2026-09-15”这样的年-月-日")
        if len(dates) == 2 and dates[1] < dates[0]:
            errors.append("结束日期不能早于开始日期")
        if not values["title"]:
            errors.append("请填写体检名称")
        if not valid_audience(values["audience"]):
            errors.append("参加对象无效")
        if not errors:
            checkup_id = store().checkups.add(**values)
            audit("新建体检", f"#{checkup_id} {values['title']}", {k: v for k, v in values.items() if v})
            flash(f"已添加「{values['title']}」。体检通知将按设置提前发送。")
            return redirect(url_for("console.checkups"))
    return render_template("console/checkups.html", rows=store().checkups.all(), values=values, errors=errors,
                           audiences=AUDIENCE_LABELS, today=today()), 400 if errors else 200


