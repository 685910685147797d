"""The shell's own pages: the dashboard frame (the features' tiles), pushes (the outbox and the
scheduler's plan), accounts, the audit log and settings. A feature's pages live with the feature
(handlers/<feature>/console.py). Each view reads through the repositories (storage/) and the
framework's own functions, never SQL of its own, and records every change with `audit()`."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from bot.console.alerts import current_alerts
from bot.console.kit import PAGE, confirmed, int_arg, now, today
from bot.console.kit import form as _form
from bot.console.pushes import PUSH_STATUS
from bot.console.sentences import Namer, sentence
from bot.console.shell import (
    ADMIN,
    EVERYONE,
    VIEWER,
    admin_only,
    allow,
    audit,
    bot,
    bp,
    count_failure,
    hash_password,
    is_locked,
    locked_message,
    password_problem,
    store,
)
from bot.console.words import (
    ACCOUNT_TYPES,
    advice,
    audience_name,
    channel_mode,
    channel_name,
    plain_reason,
    when,
)
from bot.registry import NavItem, Tile
from storage.console import ROLES

ROLE_NOTES = {  # what each role may do, in the words the accounts page uses
    VIEWER: "查看工会委员能看的页面，不能修改任何内容",
    "工会委员": "活动、建议、关怀、体检、投票、推送；会员页只显示手机号是否已登记、不显示出生年份，不能解除绑定或恢复在职",
    ADMIN: "全部功能，另有后台账号、设置、名册导入导出（含手机号和完整生日）、解除绑定、恢复在职、操作记录",
}

PUSH_KINDS = {"admin_warning": "系统提醒", "test": "测试消息"}  # the features add theirs (registry.push_kind)
# The shell's links in the top bar; the features' (registry.page) come between 首页 and the admin's.
NAV = [NavItem("首页", "console.dashboard", "dashboard", 0), NavItem("推送", "console.pushes", "push", 60),
       NavItem("账号", "console.users", "user", 900, admin=True),
       NavItem("操作记录", "console.audit_log", "audit", 910, admin=True),
       NavItem("设置", "console.settings", "settings", 920, admin=True)]


@bp.app_template_filter("channel")
def _channel_name(value: str) -> str:
    return channel_name(value)


@bp.app_template_filter("push_kind")
def _push_kind(value: str) -> str:
    return {**PUSH_KINDS, **bot().registry.push_kinds}.get(value, "其他消息")


@bp.app_template_filter("push_status")
def _push_status(value: str) -> str:
    return PUSH_STATUS.get(value, value)


@bp.app_template_filter("audience")
def _audience(value: str) -> str:
    return audience_name(value)


@bp.app_template_filter("when")
def _when(value, weekday: bool = False) -> str:
    """Every date in the console: "9月10日 15:30", with the year when it is not this year."""
    return when(value, today(), weekday=weekday)


@bp.app_template_filter("day")
def _day(value, weekday: bool = False) -> str:
    return when(value, today(), weekday=weekday, time=False)


@bp.app_template_filter("reason")
def _reason(value: str) -> str:
    return plain_reason(value)


@bp.app_context_processor
def _globals():
    return {"ADMIN": ADMIN, "school": bot().config.get("bot", "school"), "console_nav": navigation}


def navigation() -> list[NavItem]:
    """The top bar: the shell's links and the features' (registry.page), in order."""
    return sorted([*NAV, *bot().registry.nav], key=lambda n: (n.order, n.label))


# ---- dashboard ------------------------------------------------------------------------------------


def _push_problems(s, day: dt.date) -> dict:
    """The last week's pushes that did not go out, grouped by reason, each with what to do."""
    since = (day - dt.timedelta(days=7)).isoformat()
    problems = s.outbox.recent(since, ("failed", "skipped"), limit=500)
    reasons = Counter(plain_reason(r["reason"]) or "原因不明" for r in problems)
    return {"problems": problems, "problem_counts": Counter(r["status"] for r in problems),
            "reasons": [(reason, n, advice(reason)) for reason, n in reasons.most_common(5)]}


SHELL_TILES = [Tile("push_problems", "console/tile_push_problems.html", _push_problems, 40)]


@bp.get("/")
@allow(EVERYONE)
def dashboard():
    """The frame: today's date, then every tile the features registered (and the shell's own), in order."""
    s, day = store(), today()
    tiles = sorted([*SHELL_TILES, *bot().registry.tiles], key=lambda t: (t.order, t.name))
    rendered = [(t, Markup(render_template(t.template, **t.context(s, day)))) for t in tiles]
    return render_template("console/dashboard.html", today=day, alerts=current_alerts(bot(), day),
                           cards=[html for t, html in rendered if not t.wide],
                           wide=[html for t, html in rendered if t.wide])


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
                         "mode": channel_mode(name, section.get("mode", ""))})
    robots = [n for n in ("wecom_robot", "dingtalk_robot") if n in transports]
    lock = store().db.one("SELECT value, expires_at FROM kv WHERE key = ?", (LOCK_KEY,))
    running = bool(lock and lock["expires_at"] > now().isoformat())
    return render_template("console/settings.html", channels=channels, robots=robots, last_run=last_run(store()),
                           running=running, lock=lock, schedule=b.config.section("schedule"),
                           account=ACCOUNT_TYPES.get(b.config.get("wechat", "account_type"), "公众号"),
                           in_process=b.config.get("schedule", "in_process"),
                           simulator=b.config.get("simulator", "enabled"), size=_database_size(b),
                           last_backup=store().alerts.last_backup())


def _database_size(b) -> str:
    import os

    path = b.config.get("bot", "database")
    try:
        size = os.path.getsize(path) + (os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0)
    except OSError:
        return "—"
    return f"{size / 1024 / 1024:.1f} 兆字节" if size >= 1024 * 1024 else f"{max(1, size // 1024)} 千字节"


@bp.route("/users", methods=["GET", "POST"])
@admin_only
def users():
    errors: list[str] = []
    s = store()
    if request.method == "POST":
        username, password = _form("username", 40), request.form.get("password", "")
        role = _form("role", 10) or VIEWER  # the least role unless the admin chooses another
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
    return render_template("console/users.html", rows=s.admin_users.all(), roles=ROLES, notes=ROLE_NOTES,
                           errors=errors, form=request.form, default_role=VIEWER), 400 if errors else 200


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
        if action == "disable":
            asked = confirmed(f"停用账号 {row['username']}？", "停用后该账号立即退出登录，不能再登录；以后可以重新启用。",
                              "确认停用", url_for("console.users"))
            if asked:
                return asked
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
@allow(EVERYONE, EVERYONE)  # one's own password, whatever the role
def account():
    """Any account changes its own password (knowing the current one)."""
    from werkzeug.security import check_password_hash

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
    return render_template("console/account.html", errors=errors, roles=ROLE_NOTES), 400 if errors else 200


@bp.get("/audit")
@admin_only
def audit_log():
    """The audit log as sentences (bot/console/sentences.py), newest first, a page at a time."""
    page = max(1, int_arg("page", 1))
    rows = store().audit.recent(limit=PAGE, offset=(page - 1) * PAGE)
    namer, day = Namer(store()), today()
    entries = [{"at": r["at"], "username": r["username"], "text": sentence(r, namer, day)} for r in rows]
    return render_template("console/audit.html", rows=entries, page=page, more=len(rows) == PAGE)
