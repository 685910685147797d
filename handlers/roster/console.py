"""The members' console pages: the list, one member's form, unbinding, the roster's import (upload →
check → preview → confirm) and export. The form and the file go through the same import plan
(handlers.roster.plan_import): one set of rules for both."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import tempfile
from urllib.parse import quote

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.console.kit import (
    ADMINS,
    CHANNEL_NAMES,
    EVERYONE,
    OFFICERS,
    PAGE,
    Pages,
    confirmed,
    download,
    form,
    int_arg,
    now,
    today,
)
from bot.console.shell import audit, bot, store
from bot.registry import registry
from handlers.roster import (
    ALL_HEADERS,
    CHOICES,
    RosterError,
    apply_plan,
    export_rows,
    mask,
    member_row,
    plan_import,
    read_rows,
)
from handlers.roster.leaving import leave, restore, what_leaving_does
from handlers.roster.preview import birthday_words, preview_rows
from handlers.roster.template import OPTIONAL_ACCOUNTS, column_help, template_bytes

pages = registry.console(Pages(__name__))
registry.page("会员", "console.members", match="member", order=10)
registry.push_kind("identity_change", "身份信息变更提醒")
IMPORT_TTL = dt.timedelta(minutes=30)


STATUSES = ("在职", "退休", "离职")
BOUND_WORDS = {"no": "未绑定", "yes": "已绑定"}


@registry.dashboard_tile("unbound", "console/tile_unbound.html", order=40)
def _unbound(s, _day: dt.date) -> dict:
    """Members still with the school who cannot be reached: bound on no chat platform."""
    by_status = s.members.counts(bound="no")["status"]
    return {"unbound": {st: by_status.get(st, 0) for st in STATUSES[:2]}}


@pages.get("/members", roles=EVERYONE)
def members():
    """The list, filtered by text, 工会小组, 状态 and binding, each filter's choices with their counts."""
    s = store()
    filters = {"text": request.args.get("q", "").strip()[:40], "group": request.args.get("group", "")[:40],
               "status": request.args.get("status", "") if request.args.get("status") in STATUSES else "",
               "bound": request.args.get("bound", "") if request.args.get("bound") in BOUND_WORDS else ""}
    page = max(1, int_arg("page", 1))
    rows, total = s.members.search(**filters, limit=PAGE, offset=(page - 1) * PAGE,
                                   by_phone=current_user.is_admin)  # others cannot find out a number
    bindings = {m.id: s.bindings.for_member(m.id) for m in rows}
    args = {"q": filters["text"], "group": filters["group"], "status": filters["status"], "bound": filters["bound"]}
    return render_template("console/members.html", rows=rows, total=total, q=filters["text"], group=filters["group"],
                           status=filters["status"], bound=filters["bound"], statuses=STATUSES, bound_words=BOUND_WORDS,
                           counts=s.members.counts(**filters, by_phone=current_user.is_admin), everyone=s.members.count(), args=args,
                           groups=s.members.groups(), bindings=bindings, page=page, pages=max(1, -(-total // PAGE)))


@pages.route("/members/<int:member_id>", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def member_edit(member_id: int):
    s = store()
    member = s.members.get(member_id) or abort(404)
    errors: list[str] = []
    if request.method == "POST":
        fields = {h: form(h, 40) for h in ("姓名", "性别", "出生日期", "生日历法", "闰月", "手机", "工会小组", "状态", "角色",
                                          "教代会代表")}
        fields = {h: v for h, v in fields.items() if v or h in ("手机", "工会小组")}
        if not current_user.is_admin:  # not on their form: sent only when changed on purpose
            current = member_row(member)
            if any(h in request.form and fields.get(h, "") != current[h] for h in ADMIN_FIELDS):
                return _edit_page(member, [IDENTITY_FORM_REFUSED], 403)
            fields = {h: v for h, v in fields.items() if h not in ADMIN_FIELDS}
        header = ["工号", *fields]
        try:  # the roster import's checks, row by row: one set of rules for file and form
            plan = plan_import(s, [header, [member.staff_no, *fields.values()]])
        except RosterError as exc:
            errors = [e.split("：", 1)[-1] for e in exc.errors]
        else:
            if plan.identity and not current_user.is_admin:
                return _edit_page(member, [IDENTITY_FORM_REFUSED], 403)
            if member.status == "离职" and fields.get("状态", "离职") != "离职" and not current_user.is_admin:
                return _edit_page(member, [RESTORE_REFUSED], 403)  # as the 恢复在职 page: see member_restore
            if fields.get("状态") == "离职" and member.status != "离职":
                asked = confirmed(f"把 {member.staff_no} {member.name} 标为离职？",
                                  "离职后不再收到生日祝福和活动通知，也不计入参加对象；以后可以改回在职。",
                                  "确认离职", url_for("console.member_edit", member_id=member_id))
                if asked:
                    return asked
            changes = {h: {"原": mask(h, old), "新": mask(h, new)} for row, ch in plan.updated
                       for h, (old, new) in ch.items()}
            apply_plan(s, plan, actor=current_user.username, contact=_contact())
            if changes:
                audit("修改会员", member.staff_no, changes)
                flash(f"已保存 {member.staff_no} {member.name} 的修改。")
            return redirect(url_for("console.member_edit", member_id=member_id))
    return _edit_page(member, errors, 200)


PRIVATE_FIELDS = ("手机", "出生日期")  # 管理员 only: the others see whether a phone is on file and the month and day
ADMIN_FIELDS = (*PRIVATE_FIELDS, "角色")  # a role brings colleagues' care news and the system's warnings


def private_view(member) -> dict[str, str]:
    """What a 工会委员 or 查看 sees of a member's phone and birthday: the phone's last four digits, the
    birthday's month and day (and its calendar), never the year."""
    birthday = ""
    parts = member.birth_date.split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        leap = "闰" if member.birth_leap else ""
        birthday = f"{member.birth_calendar or '公历'} {leap}{int(parts[1])}月{int(parts[2])}日"
    # not even the last four: they are the proof a binding asks for (a console account must not bind as her)
    return {"手机": "已登记" if member.phone else "", "生日": birthday}


def _edit_page(member, errors: list[str], status: int):
    s = store()
    row = member_row(member)
    return render_template("console/member_edit.html", member=member, row=row, choices=CHOICES,
                           private=private_view(member), errors=errors, bindings=s.bindings.for_member(member.id),
                           birthday=birthday_words(row["出生日期"], row["生日历法"], row["闰月"]),
                           signups=s.signups.for_member(member.id)), status


# 管理员 only: unbinding lets the next person who knows the staff number, name and phone bind as her
@pages.post("/members/<int:member_id>/unbind", roles=ADMINS)
def member_unbind(member_id: int):
    s = store()
    member = s.members.get(member_id)
    channel = form("channel", 20)
    if member is None or channel not in CHANNEL_NAMES:
        abort(404)
    n = s.bindings.unbind_member(member.id, channel)
    if n:
        audit("解除绑定", member.staff_no, {"渠道": CHANNEL_NAMES[channel]})
        flash(f"已解除 {member.name} 的{CHANNEL_NAMES[channel]}绑定；本人可重新绑定。")
    return redirect(url_for("console.member_edit", member_id=member_id))


@pages.get("/members/export", roles=ADMINS)  # phones and full birthdays: 管理员 only
def members_export():

    rows = export_rows(store())[1:]
    return download(ALL_HEADERS, rows, "会员名册", f"会员名册-{today().isoformat()}", request.args.get("format", ""))


RESTORE_REFUSED = "只有管理员可以恢复在职：离职时已解除绑定，恢复在职后就可以重新绑定。请联系管理员办理。"
IDENTITY_FORM_REFUSED = ("只有管理员可以修改会员的手机号（它是绑定身份的凭证）、出生日期和角色。其他内容可以照常修改："
                         "请不要改动手机号、出生日期和角色。")
IDENTITY_IMPORT_REFUSED = ("以下修改涉及会员的手机号或企业微信、钉钉账号（谁能以该会员的身份使用小助手），只有管理员可以导入。"
                           "其他内容工会委员可以导入：请删去这些单元格（或整列）后重新上传，或请管理员导入。")


def _contact() -> str:
    return bot().config.get("bot", "admin_contacts") or "工会办公室"


def _import_page(status: int = 200, **values):
    """The import page: the upload form with every column's allowed values, or the preview."""
    values = {"plan": None, "errors": [], "token": "", **values}
    if values["plan"] is not None:
        values["rows"] = preview_rows(values["plan"])
        values["notes"] = [line.strip().removeprefix("注意：") for line in values["plan"].summary()
                           if line.strip().startswith("注意：")]
    return render_template("console/members_import.html", help=column_help(store().members.groups()),
                           accounts_help=OPTIONAL_ACCOUNTS, **values), status


def _identity_refused(plan):
    """A 工会委员's file that changes phones or platform accounts: refused whole, naming each row."""
    return _import_page(403, notice=IDENTITY_IMPORT_REFUSED, errors=plan.identity_lines())


@pages.get("/members/template", roles=ADMINS)
def members_template():
    """The roster template (.xlsx): headers, an example row, drop-downs for the allowed values."""
    name = quote("会员名册模板.xlsx")
    return Response(template_bytes(store().members.groups()),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=template.xlsx; filename*=UTF-8''{name}"})


@pages.route("/members/import", methods=["GET", "POST"], roles=ADMINS, post_roles=ADMINS)
def members_import():
    """Upload → check every row → preview (nothing written) → confirm."""

    if request.method == "GET":
        return _import_page()
    upload = request.files.get("file")
    suffix = os.path.splitext(upload.filename or "")[1].lower() if upload else ""
    if upload is None or suffix not in (".xlsx", ".csv"):
        return _import_page(400, errors=["请选择 .xlsx 或 .csv 格式的名册文件（可先下载模板，照着填写）"])
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "upload" + suffix)
        upload.save(path)
        try:
            rows = read_rows(path, name=(upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:80] or "上传的文件")
            plan = plan_import(store(), rows)
        except RosterError as exc:
            return _import_page(400, errors=exc.errors)
    if plan.identity and not current_user.is_admin:
        return _identity_refused(plan)
    token = secrets.token_urlsafe(16)
    expires = (now() + IMPORT_TTL).isoformat()
    store().db.execute("INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)",
                       (f"console-import:{token}", json.dumps(rows, ensure_ascii=False), expires))
    return _import_page(plan=plan, token=token, filename=upload.filename[:80])


@pages.post("/members/import/confirm", roles=ADMINS)
def members_import_confirm():

    token = form("token", 64)
    key = f"console-import:{token}"
    row = store().db.one("SELECT value, expires_at FROM kv WHERE key = ?", (key,))
    if not token or row is None or row["expires_at"] < now().isoformat():
        flash("预览已过期，请重新上传名册。")
        return redirect(url_for("console.members_import"))
    store().db.execute("DELETE FROM kv WHERE key = ?", (key,))
    try:  # checked again: the roster may have changed since the preview
        plan = plan_import(store(), json.loads(row["value"]))
    except RosterError as exc:
        return _import_page(400, errors=exc.errors)
    if plan.identity and not current_user.is_admin:
        return _identity_refused(plan)
    apply_plan(store(), plan, actor=current_user.username, contact=_contact())
    summary = plan.summary()
    audit("导入名册", "", {"新增": len(plan.added), "更新": len(plan.updated), "未变": plan.unchanged})
    flash("导入完成：" + summary[0])
    return redirect(url_for("console.members"))




@pages.route("/members/<int:member_id>/leave", methods=["GET", "POST"], roles=OFFICERS, post_roles=OFFICERS)
def member_leave(member_id: int):
    """离职, after a page that says what it does; the record stays for the report."""
    return _status_change(member_id, "leave")


# 管理员 only: 离职 removed her bindings, so bringing her back is unbinding her (member_unbind): a
# 工会委员 who could do both would unbind anyone in two clicks
@pages.route("/members/<int:member_id>/restore", methods=["GET", "POST"], roles=ADMINS, post_roles=ADMINS)
def member_restore(member_id: int):
    """恢复在职, after the same kind of page."""
    return _status_change(member_id, "restore")


def _status_change(member_id: int, action: str):
    s = store()
    member = s.members.get(member_id) or abort(404)
    if (member.status == "离职") != (action == "restore"):  # nothing to do: back to the member
        return redirect(url_for("console.member_edit", member_id=member_id))
    if request.method == "GET":
        return render_template("console/member_status.html", member=member, action=action,
                               effects=what_leaving_does(s, member.id, today().isoformat()))
    if form("confirm", 10) != "yes":
        flash("没有确认，未做任何修改。")
        return redirect(url_for("console.member_edit", member_id=member_id))
    if action == "leave":
        done = leave(s, member.id)
        audit("办理离职", member.staff_no, {"姓名": member.name, "解除绑定": done["bindings"], "取消待发推送": done["skipped"]})
        flash(f"已为 {member.name} 办理离职：解除绑定 {done['bindings']} 个，待发的推送 {done['skipped']} 条不再发送。记录保留。")
    else:
        restore(s, member.id)
        audit("恢复在职", member.staff_no, {"姓名": member.name})
        flash(f"{member.name} 已恢复在职。本人需要重新绑定身份后才能收到推送。")
    return redirect(url_for("console.member_edit", member_id=member_id))
