"""The console's pages. Each view reads through the repositories (storage/) and the handlers' own
functions (roster import, suggestion replies, the scheduler's plan), never SQL of its own, and
records every change with `audit()`."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import tempfile
from collections import Counter

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.console import (
    ADMIN,
    COMMITTEE,
    admin_only,
    audit,
    bot,
    bp,
    hash_password,
    password_problem,
    store,
)
from bot.spreadsheet import TableError, write_table
from storage.activities import AUDIENCE_LABELS, audience_label, valid_audience
from storage.console import ROLES
from storage.suggestions import NEXT_STATUSES, STATUSES

PAGE = 100
KINDS = ("建议", "提案", "投诉")
CHANNEL_NAMES = {"wechat": "公众号", "wecom": "企业微信", "dingtalk": "钉钉", "simulator": "模拟器",
                 "wecom_robot": "企业微信群机器人", "dingtalk_robot": "钉钉群机器人"}
PUSH_KINDS = {"greeting": "节日/生日祝福", "birthday_list": "生日名单（委员）", "group_greeting": "群祝福",
              "checkup_notice": "体检通知", "checkup_reminder": "体检当天提醒", "promotion": "候补转正", "suggestion_reply": "建议答复",
              "activity_cancelled": "活动取消", "admin_warning": "系统提醒", "test": "测试消息",
              "identity_change": "身份信息变更提醒"}
PUSH_STATUS = {"pending": "待发送", "sending": "发送中", "sent": "已发送", "failed": "失败", "skipped": "跳过"}
SIGNUP_STATUS = {"confirmed": "已报名", "waitlisted": "候补", "cancelled": "已取消"}
IMPORT_TTL = dt.timedelta(minutes=30)


@bp.app_template_filter("channel")
def _channel_name(value: str) -> str:
    return CHANNEL_NAMES.get(value, value or "—")


@bp.app_template_filter("push_kind")
def _push_kind(value: str) -> str:
    return PUSH_KINDS.get(value, value)


@bp.app_template_filter("push_status")
def _push_status(value: str) -> str:
    return PUSH_STATUS.get(value, value)


@bp.app_template_filter("audience")
def _audience(value: str) -> str:
    return audience_label(value)


@bp.app_context_processor
def _globals():
    return {"ADMIN": ADMIN, "school": bot().config.get("bot", "school")}


def now() -> dt.datetime:
    return bot().clock.now()


def today() -> dt.date:
    return bot().clock.today()


def _form(name: str, limit: int = 200) -> str:
    return request.form.get(name, "").strip()[:limit]


def _small_int(text: str) -> int | None:
    """Up to six ASCII digits ('²' and '٣' pass str.isdigit(); 20 digits overflow SQLite), else None."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def _int_arg(name: str, default: int = 0) -> int:
    value = _small_int(request.args.get(name, ""))
    return default if value is None else value


# ---- dashboard ------------------------------------------------------------------------------------


@bp.get("/")
def dashboard():
    from handlers.greetings import birthday_members

    s = store()
    counts = s.activities.signup_counts()
    upcoming = s.activities.upcoming()[:8]
    since = (today() - dt.timedelta(days=7)).isoformat()
    problems = s.outbox.recent(since, ("failed", "skipped"), limit=50)
    return render_template(
        "console/dashboard.html",
        birthdays=[m for m in birthday_members(s, today()) if m.active],
        upcoming=[(a, counts.get(a.id, {})) for a in upcoming],
        new_suggestions=_suggestion_rows(status="已收到")[:10],
        new_count=len(s.suggestions.list(status="已收到")),
        care=s.care.list(status="待跟进"),
        problems=problems,
        problem_counts=Counter(r["status"] for r in problems),
        today=today(),
    )


# ---- members --------------------------------------------------------------------------------------


@bp.get("/members")
def members():
    s = store()
    text, group = request.args.get("q", "").strip()[:40], request.args.get("group", "")[:40]
    page = max(1, _int_arg("page", 1))
    rows, total = s.members.search(text, group, limit=PAGE, offset=(page - 1) * PAGE)
    bindings = {m.id: s.bindings.for_member(m.id) for m in rows}
    return render_template("console/members.html", rows=rows, total=total, q=text, group=group,
                           groups=s.members.groups(), bindings=bindings, page=page, pages=max(1, -(-total // PAGE)))


@bp.route("/members/<int:member_id>", methods=["GET", "POST"])
def member_edit(member_id: int):
    from handlers.roster import CHOICES, RosterError, apply_plan, mask, member_row, plan_import

    s = store()
    member = s.members.get(member_id) or abort(404)
    errors: list[str] = []
    if request.method == "POST":
        fields = {h: _form(h, 40) for h in ("姓名", "性别", "出生日期", "生日历法", "闰月", "手机", "工会小组", "状态", "角色")}
        fields = {h: v for h, v in fields.items() if v or h in ("手机", "工会小组")}
        header = ["工号", *fields]
        try:  # the roster import's checks, row by row: one set of rules for file and form
            plan = plan_import(s, [header, [member.staff_no, *fields.values()]])
        except RosterError as exc:
            errors = [e.split("：", 1)[-1] for e in exc.errors]
        else:
            if plan.identity and not current_user.is_admin:
                return render_template("console/member_edit.html", member=member, row=member_row(member),
                                       choices=CHOICES, errors=[IDENTITY_FORM_REFUSED],
                                       bindings=s.bindings.for_member(member.id),
                                       signups=s.signups.for_member(member.id)), 403
            changes = {h: mask(h, new) for row, ch in plan.updated for h, (_, new) in ch.items()}
            apply_plan(s, plan, actor=current_user.username, contact=_contact())
            if changes:
                audit("修改会员", member.staff_no, changes)
                flash(f"已保存 {member.staff_no} {member.name} 的修改。")
            return redirect(url_for("console.member_edit", member_id=member_id))
    return render_template("console/member_edit.html", member=member, row=member_row(member), choices=CHOICES,
                           errors=errors, bindings=s.bindings.for_member(member.id),
                           signups=s.signups.for_member(member.id))


@bp.post("/members/<int:member_id>/unbind")
def member_unbind(member_id: int):
    s = store()
    member = s.members.get(member_id)
    channel = _form("channel", 20)
    if member is None or channel not in CHANNEL_NAMES:
        abort(404)
    n = s.bindings.unbind_member(member.id, channel)
    if n:
        audit("解除绑定", member.staff_no, {"渠道": CHANNEL_NAMES[channel]})
        flash(f"已解除 {member.name} 的{CHANNEL_NAMES[channel]}绑定；本人可重新绑定。")
    return redirect(url_for("console.member_edit", member_id=member_id))


def _download(headers: list[str], rows: list[list], title: str, filename: str, fmt: str) -> Response:
    fmt = "csv" if fmt == "csv" else "xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"export.{fmt}")
        try:
            write_table(path, headers, rows, title=title, name="导出文件")
        except TableError as exc:  # the server's temporary folder (full disk): say so, in Chinese
            return render_template("console/message.html", title="暂时无法导出", text=str(exc)), 503
        with open(path, "rb") as fh:
            data = fh.read()
    mime = ("text/csv; charset=utf-8" if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    from urllib.parse import quote

    name = quote(f"{filename}.{fmt}")
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=export.{fmt}; filename*=UTF-8''{name}"})


@bp.get("/members/export")
def members_export():
    from handlers.roster import ALL_HEADERS, export_rows

    rows = export_rows(store())[1:]
    return _download(ALL_HEADERS, rows, "会员名册", f"会员名册-{today().isoformat()}", request.args.get("format", ""))


IDENTITY_FORM_REFUSED = "只有管理员可以修改会员的手机号（它是绑定身份的凭证）。其他内容可以照常修改：请不要改动手机号。"
IDENTITY_IMPORT_REFUSED = ("以下修改涉及会员的手机号或企业微信、钉钉账号（谁能以该会员的身份使用小助手），只有管理员可以导入。"
                           "其他内容工会委员可以导入：请删去这些单元格（或整列）后重新上传，或请管理员导入。")


def _contact() -> str:
    return bot().config.get("bot", "admin_contacts") or "工会办公室"


def _identity_refused(plan):
    """A 工会委员's file that changes phones or platform accounts: refused whole, naming each row."""
    return render_template("console/members_import.html", plan=None, notice=IDENTITY_IMPORT_REFUSED,
                           errors=plan.identity_lines(), token=""), 403


@bp.route("/members/import", methods=["GET", "POST"])
def members_import():
    """Upload → check every row → preview (nothing written) → confirm."""
    from handlers.roster import RosterError, plan_import, read_rows

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


@bp.post("/members/import/confirm")
def members_import_confirm():
    from handlers.roster import RosterError, apply_plan, plan_import

    token = _form("token", 64)
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


# ---- activities -----------------------------------------------------------------------------------


def _activity_fields(errors: list[str]) -> dict:
    def when(name: str, label: str, required: bool) -> str | None:
        value = _form(name, 20).replace("T", " ")
        if not value:
            if required:
                errors.append(f"请填写{label}")
            return None
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M").strftime("%Y-%m-%d %H:%M")
        except ValueError:
            errors.append(f"{label}格式应为 YYYY-MM-DD HH:MM")
            return None

    title = _form("title", 60)
    if not title:
        errors.append("请填写活动名称")
    elif len(title) > 40:
        errors.append("活动名称不超过 40 字")
    starts_at = when("starts_at", "开始时间", True)
    deadline = when("deadline", "报名截止时间", False)
    if starts_at and deadline and deadline > starts_at:
        errors.append("报名截止时间应早于开始时间")
    capacity_text = _form("capacity", 10)
    capacity = None
    if capacity_text:
        capacity = _small_int(capacity_text)
        if capacity is None or not 1 <= capacity <= 100_000:
            capacity = None
            errors.append("名额应为正整数（不限名额请留空）")
    audience = _form("audience", 40) or "all"
    if audience == "group:":
        audience = "group:" + _form("group", 30)
    if not valid_audience(audience):
        errors.append("参加对象无效")
    return {"title": title, "starts_at": starts_at, "deadline": deadline, "capacity": capacity,
            "place": _form("place", 60), "audience": audience, "notes": _form("notes", 500)}


@bp.get("/activities")
def activities():
    s = store()
    show = request.args.get("show", "upcoming")
    rows = s.activities.all() if show == "all" else s.activities.upcoming(include_cancelled=True)
    counts = s.activities.signup_counts()
    return render_template("console/activities.html", rows=[(a, counts.get(a.id, {})) for a in rows], show=show,
                           now=now().strftime("%Y-%m-%d %H:%M"))


@bp.route("/activities/new", methods=["GET", "POST"])
def activity_new():
    errors: list[str] = []
    values = {"audience": "all"}
    if request.method == "POST":
        values = _activity_fields(errors)
        if not errors:
            activity = store().activities.add(**values)
            audit("新建活动", f"#{activity.id} {activity.title}", {k: v for k, v in values.items() if v})
            flash(f"已创建活动「{activity.title}」，老师们现在可以在聊天中报名。")
            return redirect(url_for("console.activity", activity_id=activity.id))
    return render_template("console/activity_form.html", activity=None, values=values, errors=errors,
                           audiences=AUDIENCE_LABELS, groups=store().members.groups()), 400 if errors else 200


@bp.route("/activities/<int:activity_id>", methods=["GET", "POST"])
def activity(activity_id: int):
    s = store()
    item = s.activities.get(activity_id) or abort(404)
    errors: list[str] = []
    values = {k: getattr(item, k) for k in s.activities.EDITABLE}
    if request.method == "POST":
        values = _activity_fields(errors)
        if not errors:
            changed = {k: v for k, v in values.items() if getattr(item, k) != v}
            s.activities.update(item.id, **changed)
            if changed:
                audit("修改活动", f"#{item.id} {item.title}", changed)
                flash("已保存活动修改。")
            return redirect(url_for("console.activity", activity_id=item.id))
    return render_template("console/activity.html", activity=item, values=values, errors=errors,
                           audiences=AUDIENCE_LABELS, groups=s.members.groups(),
                           signups=s.signups.for_activity(item.id), labels=SIGNUP_STATUS,
                           now=now().strftime("%Y-%m-%d %H:%M")), 400 if errors else 200


@bp.post("/activities/<int:activity_id>/close")
def activity_close(activity_id: int):
    item = store().activities.get(activity_id) or abort(404)
    store().activities.close(item.id)
    audit("截止报名", f"#{item.id} {item.title}")
    flash(f"「{item.title}」已截止报名。")
    return redirect(url_for("console.activity", activity_id=item.id))


CANCEL_PUSH = "{name}老师，您报名的「{title}」（{when}{place}）已取消。{reason}给您带来不便，敬请谅解。"


@bp.post("/activities/<int:activity_id>/cancel")
def activity_cancel(activity_id: int):
    """Cancel and tell everyone signed up (confirmed and waitlisted) through the outbox."""
    s = store()
    item = s.activities.get(activity_id) or abort(404)
    if item.status == "cancelled":
        flash("该活动已经取消。")
        return redirect(url_for("console.activity", activity_id=item.id))
    reason = _form("reason", 200)
    told = 0
    with s.transaction():
        s.activities.cancel(item.id)
        for row in s.signups.for_activity(item.id):
            if row["status"] not in ("confirmed", "waitlisted"):
                continue
            member = s.members.by_staff_no(row["staff_no"])
            text = CANCEL_PUSH.format(name=member.name, title=item.title, when=item.starts_at,
                                      place=f"，{item.place}" if item.place else "",
                                      reason=f"原因：{reason}。" if reason else "")
            told += s.outbox.enqueue("activity_cancelled", member.id, text, occasion=f"activity:{item.id}",
                                     dedup_key=f"activity_cancelled|{item.id}|{member.id}")
    audit("取消活动", f"#{item.id} {item.title}", {"通知人数": told, "原因": reason})
    flash(f"「{item.title}」已取消，将通知已报名和候补的 {told} 位老师（由定时发送程序在一分钟内发出）。")
    return redirect(url_for("console.activity", activity_id=item.id))


@bp.get("/activities/<int:activity_id>/signups")
def activity_export(activity_id: int):
    item = store().activities.get(activity_id) or abort(404)
    rows = store().signups.for_activity(item.id)
    table = [[i, r["staff_no"], r["name"], r["group_name"], r["created_at"][:16].replace("T", " "),
              SIGNUP_STATUS[r["status"]]] for i, r in enumerate(rows, 1)]
    return _download(["序号", "工号", "姓名", "工会小组", "报名时间", "状态"], table, item.title or "报名",
                     f"{item.title}-报名名单", request.args.get("format", ""))


# ---- suggestions ----------------------------------------------------------------------------------


def _suggestion_rows(**filters) -> list[dict]:
    """Newest day first; within a day by ticket, not by id (the order of submission can identify)."""
    rows = store().suggestions.list(**filters)
    for row in rows:
        row["author"] = ""
        if row["member_id"] and not row["anonymous"]:
            member = store().members.get(row["member_id"])
            row["author"] = f"{member.name}（{member.staff_no}）" if member else "（已删除）"
    return sorted(rows, key=lambda r: (r["created_on"], r["ticket"]), reverse=True)


@bp.get("/suggestions")
def suggestions():
    status = request.args.get("status", "") if request.args.get("status", "") in STATUSES else ""
    kind = request.args.get("kind", "") if request.args.get("kind", "") in KINDS else ""
    rows = _suggestion_rows(status=status or None, kind=kind or None)
    counts = Counter(r["status"] for r in _suggestion_rows())
    return render_template("console/suggestions.html", rows=rows, status=status, kind=kind, statuses=STATUSES,
                           kinds=KINDS, counts=counts)


@bp.get("/suggestions/public")
def suggestions_public():
    return render_template("console/suggestions_public.html", rows=_suggestion_rows(public=True))


@bp.route("/suggestions/<ticket>", methods=["GET", "POST"])
def suggestion(ticket: str):
    from handlers.suggestions import reply_to

    s = store()
    row = s.suggestions.by_ticket(ticket[:12])
    if row is None:
        abort(404)
    errors: list[str] = []
    if request.method == "POST":
        reply = _form("reply", 1000)
        status = _form("status", 10)
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


# ---- care reports ---------------------------------------------------------------------------------


@bp.get("/care")
def care():
    status = request.args.get("status", "")
    rows = store().care.list(status=status if status in ("待跟进", "已探望") else None)
    return render_template("console/care.html", rows=rows, status=status)


@bp.post("/care/<int:report_id>/visited")
def care_visited(report_id: int):
    note = _form("note", 500)
    report = store().care.get(report_id) or abort(404)
    store().care.mark_visited(report_id, note, current_user.username)
    audit("登记探望", f"#{report_id} {report['subject']}", {"备注": note})
    flash(f"已登记对{report['subject']}的探望/慰问。")
    return redirect(url_for("console.care"))


# ---- pushes ---------------------------------------------------------------------------------------


def preview(days: int = 60) -> list[dict]:
    """The next days' occasions and who gets what: the data of `schedule preview`, grouped per day,
    kind and occasion."""
    from bot.scheduler import plan

    out, warnings = [], []
    for i in range(days):
        day = today() + dt.timedelta(days=i)
        groups: dict[tuple[str, str], dict] = {}
        for p in plan(bot(), day, warnings):
            g = groups.setdefault((p.kind, p.occasion), {"date": day, "kind": p.kind, "occasion": p.occasion,
                                                         "names": [], "channels": Counter(), "skips": Counter(),
                                                         "sample": p.text})
            g["names"].append(p.member.name if p.member else CHANNEL_NAMES.get(p.channel, p.channel))
            if p.skip_reason:
                g["skips"][p.skip_reason] += 1
            else:
                g["channels"][p.channel] += 1
        out.extend(groups.values())
    return out


@bp.get("/pushes")
def pushes():
    status = request.args.get("status", "")
    days = min(max(_int_arg("days", 60), 1), 60)
    since = (today() - dt.timedelta(days=30)).isoformat()
    log_rows = store().outbox.recent(since, (status,) if status in PUSH_STATUS else (), limit=300)
    me = store().members.by_staff_no(current_user.row["staff_no"]) if current_user.row["staff_no"] else None
    return render_template("console/pushes.html", plan=preview(days), days=days, log=log_rows, status=status,
                           statuses=PUSH_STATUS, me=me)


def _send_now(row_ids: list[int]):
    """Send these rows at once, in the request (one resend or test message: the officer waits for its
    answer). Everything else is sent by the scheduler within a minute."""
    from bot.push import Sender

    return Sender(store(), bot().clock, bot().config, bot().transports()).send_now(row_ids)


@bp.post("/pushes/<int:row_id>/resend")
def push_resend(row_id: int):
    row = store().outbox.get(row_id) or abort(404)
    if not store().outbox.requeue(row_id):
        flash("只有失败或跳过的消息可以重发。")
        return redirect(url_for("console.pushes"))
    report = _send_now([row_id])
    after = store().outbox.get(row_id)
    audit("重发推送", f"#{row_id}", {"对象": row["staff_no"] or row["target"], "结果": PUSH_STATUS[after["status"]]})
    flash(f"重发结果：{PUSH_STATUS[after['status']]}{'（' + after['reason'] + '）' if after['reason'] else ''}"
          + ("，稍后自动重试" if report.deferred else ""))
    return redirect(url_for("console.pushes"))


@bp.post("/pushes/test")
def push_test():
    staff_no = current_user.row["staff_no"]
    member = store().members.by_staff_no(staff_no) if staff_no else None
    if member is None:
        flash("您的后台账号没有关联工号，无法发送测试消息（请管理员在“账号”页填写工号）。")
        return redirect(url_for("console.pushes"))
    stamp = now().isoformat(timespec="seconds")
    text = f"【测试消息】{member.name}老师，这是工会小助手管理后台发出的测试消息（{stamp[:16].replace('T', ' ')}）。"
    store().outbox.enqueue("test", member.id, text, occasion="console-test", dedup_key=f"test|{member.id}|{stamp}")
    row_id = store().db.scalar("SELECT id FROM outbox WHERE dedup_key = ?", (f"test|{member.id}|{stamp}",))
    _send_now([row_id])
    after = store().outbox.get(row_id)
    audit("发送测试消息", member.staff_no, {"结果": PUSH_STATUS[after["status"]]})
    flash(f"测试消息：{PUSH_STATUS[after['status']]}"
          + (f"，经{CHANNEL_NAMES.get(after['channel'], after['channel'])}" if after["channel"] else "")
          + (f"（{after['reason']}）" if after["reason"] else ""))
    return redirect(url_for("console.pushes"))


# ---- checkups -------------------------------------------------------------------------------------


@bp.route("/checkups", methods=["GET", "POST"])
def checkups():
    errors: list[str] = []
    values = {"audience": "all"}
    if request.method == "POST":
        values = {k: _form(k, 500 if k == "notes" else 60) for k in ("title", "start_date", "end_date", "place",
                                                                    "audience", "notes")}
        values["audience"] = values["audience"] or "all"
        dates = []
        for key, label in (("start_date", "开始日期"), ("end_date", "结束日期")):
            try:
                dates.append(dt.date.fromisoformat(values[key]))
            except ValueError:
                errors.append(f"{label}格式应为 YYYY-MM-DD")
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


# ---- administration (管理员 only) -----------------------------------------------------------------


@bp.get("/settings")
@admin_only
def settings():
    from bot.scheduler import LOCK_KEY, last_run

    b = bot()
    transports = b.transports()
    channels = []
    for name in ("wechat", "wecom", "dingtalk"):
        section = b.config.section(name)
        channels.append({"name": name, "enabled": bool(section.get("enabled", name == "wechat")),
                         "inbound": name in b.channels, "push": name in transports,
                         "mode": section.get("mode", "")})
    robots = [n for n in ("wecom_robot", "dingtalk_robot") if n in transports]
    lock = store().db.one("SELECT value, expires_at FROM kv WHERE key = ?", (LOCK_KEY,))
    return render_template("console/settings.html", channels=channels, robots=robots, last_run=last_run(store()),
                           lock=lock, now=now().isoformat(), schedule=b.config.section("schedule"),
                           simulator=b.config.get("simulator", "enabled"), database=b.config.get("bot", "database"))


@bp.route("/users", methods=["GET", "POST"])
@admin_only
def users():
    errors: list[str] = []
    s = store()
    if request.method == "POST":
        username, password, role = _form("username", 40), request.form.get("password", ""), _form("role", 10)
        staff_no = _form("staff_no", 12)
        if not username or not username.replace("_", "").replace(".", "").isalnum():
            errors.append("用户名请用字母、数字、_ 或 .")
        elif s.admin_users.by_username(username):
            errors.append("该用户名已存在")
        if role not in ROLES:
            errors.append("请选择角色")
        if staff_no and s.members.by_staff_no(staff_no) is None:
            errors.append(f"没有工号为 {staff_no} 的会员")
        problem = password_problem(password)
        if problem:
            errors.append(problem)
        if not errors:
            s.admin_users.add(username, hash_password(password), role, staff_no)
            audit("新建账号", username, {"角色": role, "工号": staff_no})
            flash(f"已创建账号 {username}（{role}）。")
            return redirect(url_for("console.users"))
    return render_template("console/users.html", rows=s.admin_users.all(), roles=ROLES, errors=errors,
                           form=request.form), 400 if errors else 200


@bp.post("/users/<int:user_id>")
@admin_only
def user_update(user_id: int):
    s = store()
    row = s.admin_users.get(user_id) or abort(404)
    action = _form("action", 20)
    active_admins = [u for u in s.admin_users.all() if u["role"] == ADMIN and not u["disabled"]]
    if action == "password":
        problem = password_problem(request.form.get("password", ""))
        if problem:
            flash(problem)
            return redirect(url_for("console.users"))
        s.admin_users.set_password(user_id, hash_password(request.form.get("password", "")))
        audit("重设密码", row["username"])
        flash(f"已重设 {row['username']} 的密码；其已登录的会话全部失效。")
    elif action in ("disable", "enable", "role", "staff_no"):
        if action in ("disable", "role") and row["role"] == ADMIN and len(active_admins) <= 1 and \
                (action == "disable" or _form("role", 10) != ADMIN):
            flash("至少要保留一个可用的管理员账号。")
            return redirect(url_for("console.users"))
        staff_no = _form("staff_no", 12)
        if action == "staff_no" and staff_no and s.members.by_staff_no(staff_no) is None:
            flash(f"没有工号为 {staff_no} 的会员")
            return redirect(url_for("console.users"))
        role = _form("role", 10) if action == "role" else None
        if role is not None and role not in ROLES:
            abort(400)
        s.admin_users.update(user_id, role=role, disabled={"disable": True, "enable": False}.get(action),
                             staff_no=staff_no if action == "staff_no" else None)
        audit({"disable": "停用账号", "enable": "启用账号", "role": "修改角色", "staff_no": "关联工号"}[action],
              row["username"], {"角色": role} if role else ({"工号": staff_no} if action == "staff_no" else ""))
        flash(f"已更新账号 {row['username']}。")
    else:
        abort(400)
    return redirect(url_for("console.users"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    """Any account changes its own password (knowing the current one)."""
    from werkzeug.security import check_password_hash

    from bot.console import count_failure, is_locked, locked_message

    errors: list[str] = []
    if request.method == "POST":
        row = store().admin_users.get(current_user.row["id"])
        if is_locked(row["username"]):  # the same lockout as the login: a session is no licence to guess
            store().admin_users.end_sessions(row["id"])
            return render_template("console/message.html", title="已锁定", text=locked_message()), 429
        if not check_password_hash(row["password_hash"], request.form.get("current", "")[:256]):
            count_failure(row["username"])
            if is_locked(row["username"]):
                store().admin_users.end_sessions(row["id"])
                audit("修改本人密码：当前密码连续输错，账号锁定", row["username"])
                return render_template("console/message.html", title="已锁定", text=locked_message()), 429
            errors.append("当前密码不正确")
        problem = password_problem(request.form.get("password", ""))
        if problem:
            errors.append(problem)
        if not errors:
            store().admin_users.set_password(row["id"], hash_password(request.form.get("password", "")))
            audit("修改本人密码", row["username"])
            flash("密码已修改，请重新登录。")
            return redirect(url_for("console.login"))
    return render_template("console/account.html", errors=errors, roles=(ADMIN, COMMITTEE)), 400 if errors else 200


@bp.get("/audit")
@admin_only
def audit_log():
    page = max(1, _int_arg("page", 1))
    rows = store().audit.recent(limit=PAGE, offset=(page - 1) * PAGE)
    return render_template("console/audit.html", rows=rows, page=page, more=len(rows) == PAGE)
