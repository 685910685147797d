"""The console shell: one Flask blueprint under /admin, server-rendered in Chinese.

Access: accounts in `admin_users` (created by `python -m bot admin create-user`), passwords as slow
hashes (werkzeug's scrypt), Flask-Login sessions in an HttpOnly, SameSite cookie, CSRF on every
POST (Flask-WTF), and a lockout after repeated failures (counted in the `attempts` table, so it holds
across workers). Every request to /admin is checked here, before any view runs: a page added later
cannot forget its login check, nor its role rule. Roles (`allow`, `Pages.get(rule, roles=…)`):
管理员 (accounts, settings, the roster's import and export with phones and full birthdays, the
audit log), 工会委员 (activities, suggestions, care, checkups, pushes; member pages without phones
and full birthdays) and 查看 (sees what a 工会委员 sees, changes nothing). A view without a role
rule is refused to everyone (tests/test_console_roles.py names it).

The shell's own pages (dashboard frame, pushes, accounts, audit log, settings) are in
bot/console/pages.py; each feature brings its pages (handlers/<feature>/console.py, a
bot.console.kit.Pages registered with `registry.console`), which bot/console/__init__.py adds to
this blueprint, so they pass the same guard. Every change a page makes is written to the audit log
with `audit()`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import sqlite3

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.security import check_password_hash, generate_password_hash

bp = Blueprint("console", __name__, url_prefix="/admin", template_folder="templates", static_folder=None)
csrf = CSRFProtect()
login_manager = LoginManager()

ADMIN = "管理员"
COMMITTEE = "工会委员"
VIEWER = "查看"
EVERYONE = frozenset({ADMIN, COMMITTEE, VIEWER})  # who may open a page (GET)
OFFICERS = frozenset({ADMIN, COMMITTEE})          # who may change things (POST)
ADMINS = frozenset({ADMIN})
LOCK_AFTER = 5                      # failed logins for one account ...
LOCK_WINDOW = dt.timedelta(minutes=15)  # ... within this window lock it for the rest of the window
IP_LOCK_AFTER = 30                  # failed logins from one address (guessing many accounts)
IDLE_LIFETIME = dt.timedelta(minutes=60)    # a session unused this long is over ...
ABSOLUTE_LIFETIME = dt.timedelta(hours=12)  # ... and any session this long after its login, however busy
MIN_PASSWORD = 8
OPEN_ENDPOINTS = {"console.login"}  # everything else needs a logged-in account


@functools.cache
def dummy_hash() -> str:
    """A hash to check against when the account does not exist, so both cases take the same time.
    Made at the first login, or by a serving process's warm-up a little after start (bot/server.py):
    scrypt is slow by design (0.1–0.5 s), and no chat message needs it."""
    return generate_password_hash("unionbot-no-such-user")


def hash_password(password: str) -> str:
    return generate_password_hash(password)  # scrypt (werkzeug's default): slow by design


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 位"
    if password.isdigit() or password.isalpha():
        return "密码请同时包含字母和数字（或符号）"
    return None


class ConsoleUser(UserMixin):
    def __init__(self, row: dict) -> None:
        self.row = row
        self.username = row["username"]
        self.role = row["role"]

    def get_id(self) -> str:  # the token changes with the password or role: old sessions end
        return f"{self.row['id']}:{self.row['session_token']}"

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def can_edit(self) -> bool:
        """工会委员 and 管理员; a 查看 account changes nothing (its buttons are hidden, its POSTs refused)."""
        return self.role in OFFICERS


def bot():
    return current_app.extensions["unionbot"]


def store():
    return bot().store


@login_manager.user_loader
def _load_user(user_id: str) -> ConsoleUser | None:
    uid, _, token = user_id.partition(":")
    if not uid.isdigit():
        return None
    row = store().admin_users.get(int(uid))
    if row is None or row["disabled"] or row["session_token"] != token:
        return None
    return ConsoleUser(row)


class ConsoleOnlySessions(SecureCookieSessionInterface):
    """Sessions belong to the console: a webhook or the simulator request gets Flask's null session,
    without reading or signing a cookie (it is not sent there either: the cookie's path is /admin)."""

    def open_session(self, app, request):
        if request.path != "/admin" and not request.path.startswith("/admin/"):
            return None
        return super().open_session(app, request)

    def get_cookie_secure(self, app) -> bool:
        """HTTPS-only when `[admin] secure_cookies`, and whenever the request came over HTTPS (directly,
        or through a proxy trusted by `[server] trusted_proxies` that says X-Forwarded-Proto: https)."""
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


@bp.before_request
def _guard():
    """Setup notice, login and CSRF for every /admin request, before any view."""
    if store().admin_users.count() == 0:
        return render_template("console/setup.html"), (200 if request.endpoint == "console.dashboard" else 403)
    if current_user.is_authenticated and not _session_current():
        _end_session()
        if request.method == "GET" and request.endpoint not in OPEN_ENDPOINTS:
            flash("登录已过期，请重新登录。")
    if request.endpoint not in OPEN_ENDPOINTS and not current_user.is_authenticated:
        if request.method == "GET":
            return redirect(url_for("console.login", next=request.path))
        abort(401)
    if request.endpoint not in OPEN_ENDPOINTS and request.endpoint is not None:
        refused = _role_refusal()
        if refused:
            return render_template("console/message.html", title="没有权限", text=refused), 403
    if request.method == "POST":
        csrf.protect()
    return None


def _session_current() -> bool:
    """Within both lifetimes (on the bot's clock); then the idle one restarts. A session from before
    these limits existed has no times, and ends."""
    now = bot().clock.timestamp()
    login_at, seen_at = session.get("login_at"), session.get("seen_at")
    if not isinstance(login_at, int | float) or not isinstance(seen_at, int | float):
        return False
    if now - login_at > ABSOLUTE_LIFETIME.total_seconds() or now - seen_at > IDLE_LIFETIME.total_seconds():
        return False
    if now - seen_at >= 60:  # a minute's precision is enough: the cookie is not rewritten on every click
        session["seen_at"] = now
    return True


def _end_session() -> None:
    logout_user()
    session.clear()


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"  # pages carry personal data: not for shared caches
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


ERROR_PAGES = {  # status: (title, text) — a page in Chinese, never a stack trace or a blank
    "csrf": ("页面已过期", "表单已过期或来源不明（安全校验未通过），请返回刷新页面后重试。"),
    400: ("无法处理", "提交的内容不完整或不正确，请返回上一页重新填写。"),
    401: ("请先登录", "请先登录管理后台。"),
    403: ("没有权限", "此页面仅限管理员使用。"),
    404: ("找不到", "没有这个页面或记录。"),
    405: ("无法这样打开", "这个地址只接受页面上按钮的提交，请回到上一页操作。"),
    503: ("暂时无法处理", "数据库暂时不可用（繁忙或存储空间不足），刚才的操作没有保存，请稍后再试；"
                        "一直这样请联系系统管理员。"),
}


def _error_page(status: int | str):
    title, text = ERROR_PAGES[status]
    return render_template("console/message.html", title=title, text=text), 400 if status == "csrf" else status


def _database_trouble(exc: sqlite3.OperationalError):
    """The console's 503 page (a locked database, a full disk); logged as one line, no traceback."""
    logging.getLogger("unionbot").error("database unavailable (%s) during %s %s", str(exc)[:80], request.method,
                                        request.path)
    try:
        page, status = _error_page(503)
    except Exception:  # the page itself needs the database (the account): say it in plain text
        page, status = f"{ERROR_PAGES[503][0]}：{ERROR_PAGES[503][1]}", 503
    return page, status, {"Retry-After": "30"}


bp.register_error_handler(CSRFError, lambda _exc: _error_page("csrf"))
for _status in (400, 401, 403, 404, 405):
    bp.register_error_handler(_status, lambda _exc, status=_status: _error_page(status))
bp.register_error_handler(sqlite3.OperationalError, _database_trouble)


def allow(get=None, post=None):
    """A view's role rule: which roles may open it (GET, HEAD) and which may send it forms (POST).
    `_guard` checks it before the view runs; a view without one is refused to everyone."""
    def mark(view):
        view.console_roles = {"GET": frozenset(get or ()), "POST": frozenset(post or ())}
        return view
    return mark


def admin_only(view):
    """管理员 only, for reading and for changing."""
    return allow(ADMINS, ADMINS)(view)


NO_RULE = "这个页面还没有设定哪些角色可以使用，暂时谁都不能打开。请联系系统管理员。"
ADMIN_PAGE = "此页面仅限管理员使用。"
READ_ONLY = "您的账号是“查看”角色：可以查看各个页面，但不能修改任何内容。需要修改请联系管理员。"
NOT_FOR_ROLE = "您的账号角色（{role}）不能进行这项操作。需要时请联系管理员。"


def _role_refusal() -> str | None:
    """Why the logged-in account may not do this request, or None. HEAD and OPTIONS count as GET."""
    view = current_app.view_functions.get(request.endpoint)
    rules = getattr(view, "console_roles", None)
    if rules is None:
        logging.getLogger("unionbot").error("console view %s has no role rule: refused", request.endpoint)
        return NO_RULE
    allowed = rules["POST" if request.method == "POST" else "GET"]
    if current_user.role in allowed:
        return None
    if current_user.role == VIEWER and request.method == "POST" and COMMITTEE in rules["POST"]:
        return READ_ONLY
    if allowed == ADMINS:
        return ADMIN_PAGE
    return NOT_FOR_ROLE.format(role=current_user.role)


def audit(action: str, target: str = "", detail: dict | str = "") -> None:
    """Record a console change: who (the account), what, when. Never a suggestion's sender."""
    store().audit.add(current_user.username, action, target, detail)


# ---- login ----------------------------------------------------------------------------------------


def _attempt_keys(username: str) -> tuple[str, str]:
    user = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:24]
    return f"console-login:{user}", f"console-ip:{request.remote_addr or '-'}"


def _failures(key: str) -> int:
    since = (bot().clock.now() - LOCK_WINDOW).isoformat(timespec="seconds")
    return store().db.scalar("SELECT count(*) FROM attempts WHERE key = ? AND at > ?", (key, since))


def is_locked(username: str) -> bool:
    user_key, ip_key = _attempt_keys(username)
    return _failures(user_key) >= LOCK_AFTER or _failures(ip_key) >= IP_LOCK_AFTER


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("console.dashboard"))
    error = ""
    username = request.form.get("username", "")[:64]
    if request.method == "POST":
        password = request.form.get("password", "")[:256]
        if is_locked(username):
            error = locked_message()
        else:
            row = store().admin_users.by_username(username.strip()) if username.strip() else None
            ok = check_password_hash(row["password_hash"] if row else dummy_hash(), password)
            if ok and _demo_password(password):  # published in the source: good for the demo only
                ok, error = False, DEMO_REFUSED
            if row and ok and not row["disabled"]:
                user_key, _ = _attempt_keys(username)
                store().db.execute("DELETE FROM attempts WHERE key = ?", (user_key,))
                session.clear()  # no session fixation: a fresh session for the logged-in account
                session.permanent = True
                session["login_at"] = session["seen_at"] = bot().clock.timestamp()
                login_user(ConsoleUser(row))
                store().admin_users.logged_in(row["id"])
                return redirect(_safe_next(request.args.get("next", "")))
            count_failure(username)
            error = error or "用户名或密码不正确。"
            if is_locked(username):
                error = locked_message()
    status = 200 if not error else 401 if error in ("用户名或密码不正确。", DEMO_REFUSED) else 429
    return render_template("console/login.html", error=error, username=username), status


DEMO_REFUSED = ("这是演示账号的公开密码，只能在演示时使用。请系统管理员在服务器上为这个账号重设密码，或新建一个账号"
                "（做法见说明文档中管理后台一节）。")


def _demo_password(password: str) -> bool:
    """The demo's console passwords (bot/demo.py, printed by seed-demo) outside a demo configuration."""
    from bot.demo import CONSOLE_ACCOUNTS

    return not bot().config.is_demo() and any(password == p for _, p, _, _ in CONSOLE_ACCOUNTS)


def count_failure(username: str) -> None:
    """A wrong password, at the login or on the account page: both count toward the same lockout."""
    now = bot().clock.now().isoformat(timespec="seconds")
    for key in _attempt_keys(username):
        store().db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", (key, now))


def locked_message() -> str:
    return f"登录失败次数过多，请 {LOCK_WINDOW.seconds // 60} 分钟后再试。"


# A console path (letters, digits, - _ . ~ per segment, no dot segments, no escapes), then an optional
# query of URL-safe characters: no CR/LF (a header split), no other site, no way out of /admin.
_NEXT = re.compile(r"/admin(?:/(?!\.\.?(?:/|\?|$))[A-Za-z0-9_.~-]+)*/?(?:\?[A-Za-z0-9_.~%=&+-]*)?")


def _safe_next(target: str) -> str:
    """Only a path inside the console: never another site (open redirect), never a header break."""
    return target if _NEXT.fullmatch(target) else url_for("console.dashboard")


@bp.post("/logout")
@allow(post=EVERYONE)
def logout():
    """Ends the session on the server too: the account's session token changes, so a copy of the
    cookie (another tab, a shared computer, a stolen one) no longer opens anything."""
    store().admin_users.end_sessions(current_user.row["id"])
    _end_session()
    flash("已退出登录。")
    return redirect(url_for("console.login"))
