"""The members' console pages: the list, one member's form, unbinding, the roster's import (upload →
check → preview → confirm) and export. The form and the file go through the same import plan
(handlers.roster.plan_import): one set of rules for both."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import tempfile

from flask import abort, flash, redirect, render_template, request, url_for
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

pages = registry.console(Pages(__name__))
registry.page("会员", "console.members", match="member", order=10)
registry.push_kind("identity_change", "身份信息变更提醒")
IMPORT_TTL = dt.timedelta(minutes=30)


@pages.get("/members", roles=EVERYONE)
def members():
    s = store()
    text, group = request.args.get("q", "").strip()[:40], request.args.get("group", "")[:40]
    page = max(1, int_arg("page", 1))
    rows, total = s.members.search(text, group, limit=PAGE, offset=(page - 1) * PAGE,
                                   by_phone=current_user.is_admin)  # others cannot find out a number
    bindings = {m.id: s.bindings.for_member(m.id) for m in rows}
    return render_template("console/members.html", rows=rows, total=total, q=text, group=group,
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
            if any(h in request.form and fields.get(h, "") != current[h] for h in PRIVATE_FIELDS):
                return _edit_page(member, [IDENTITY_FORM_REFUSED], 403)
            fields = {h: v for h, v in fields.items() if h not in PRIVATE_FIELDS}
        header = ["工号", *fields]
        try:  # the roster import's checks, row by row: one set of rules for file and form
            plan = plan_import(s, [header, [member.staff_no, *fields.values()]])
        except RosterError as exc:
            errors = [e.split("：", 1)[-1] for e in exc.errors]
        else:
            if plan.identity and not current_user.is_admin:
                return _edit_page(member, [IDENTITY_FORM_REFUSED], 403)
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


PRIVATE_FIELDS = ("手机", "出生日期")  # 管理员 only: the others see …0575 and the month and day


def private_view(member) -> dict[str, str]:
    """What a 工会委员 or 查看 sees of a member's phone and birthday: the phone's last four digits, the
    birthday's month and day (and its calendar), never the year."""
    birthday = ""
    parts = member.birth_date.split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        leap = "闰" if member.birth_leap else ""
        birthday = f"{member.birth_calendar or '公历'} {leap}{int(parts[1])}月{int(parts[2])}日"
    return {"手机": mask("手机", member.phone), "生日": birthday}


def _edit_page(member, errors: list[str], status: int):
    s = store()
    return render_template("console/member_edit.html", member=member, row=member_row(member), choices=CHOICES,
                           private=private_view(member), errors=errors, bindings=s.bindings.for_member(member.id),
                           signups=s.signups.for_member(member.id)), status


@pages.post("/members/<int:member_id>/unbind", roles=OFFICERS)
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


IDENTITY_FORM_REFUSED = ("只有管理员可以修改会员的手机号（它是绑定身份的凭证）和出生日期。其他内容可以照常修改："
                         "请不要改动手机号和出生日期。")
IDENTITY_IMPORT_REFUSED = ("以下修改涉及会员的手机号或企业微信、钉钉账号（谁能以该会员的身份使用小助手），只有管理员可以导入。"
                           "其他内容工会委员可以导入：请删去这些单元格（或整列）后重新上传，或请管理员导入。")


def _contact() -> str:
    return bot().config.get("bot", "admin_contacts") or "工会办公室"


def _identity_refused(plan):
    """A 工会委员's file that changes phones or platform accounts: refused whole, naming each row."""
    return render_template("console/members_import.html", plan=None, notice=IDENTITY_IMPORT_REFUSED,
                           errors=plan.identity_lines(), token=""), 403


@pages.route("/members/import", methods=["GET", "POST"], roles=ADMINS, post_roles=ADMINS)
def members_import():
    """Upload → check every row → preview (nothing written) → confirm."""

    if request.method == "GET":
        return render_template("console/members_import.html", plan=None, errors=[], token="")
    upload = request.files.get("file")
    suffix = os.path.splitext(upload.filename or "")[1].lower() if upload else ""
    if upload is None or suffix not in (".xlsx", ".csv"):
        return render_template("console/members_import.html", plan=None, token="",
                               errors=["请选择 .xlsx 或 .csv 格式的名册文件（表头：工号, 姓名, 性别, 出生日期, …）"]), 400
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "upload" + suffix)
        upload.save(path)
        try:
            rows = read_rows(path, name=(upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:80] or "上传的文件")
            plan = plan_import(store(), rows)
        except RosterError as exc:
            return render_template("console/members_import.html", plan=None, errors=exc.errors, token=""), 400
    if plan.identity and not current_user.is_admin:
        return _identity_refused(plan)
    token = secrets.token_urlsafe(16)
    expires = (now() + IMPORT_TTL).isoformat()
    store().db.execute("INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)",
                       (f"console-import:{token}", json.dumps(rows, ensure_ascii=False), expires))
    return render_template("console/members_import.html", plan=plan, errors=[], token=token,
                           filename=upload.filename[:80])


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
        return render_template("console/members_import.html", plan=None, errors=exc.errors, token=""), 400
    if plan.identity and not current_user.is_admin:
        return _identity_refused(plan)
    apply_plan(store(), plan, actor=current_user.username, contact=_contact())
    summary = plan.summary()
    audit("导入名册", "", {"新增": len(plan.added), "更新": len(plan.updated), "未变": plan.unchanged})
    flash("导入完成：" + summary[0])
    return redirect(url_for("console.members"))


