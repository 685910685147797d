"""The committee's console under /admin: the shell (bot/console/shell.py: login, sessions, guard,
audit; bot/console/pages.py: dashboard frame, pushes, accounts, audit log, settings) and the pages
the features register (`registry.console(Pages)`), all on one blueprint, `console`."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from bot.console import alerts, pages, pushes
from bot.console.shell import (
    ABSOLUTE_LIFETIME,
    ConsoleOnlySessions,
    bp,
    csrf,
    hash_password,
    login_manager,
    password_problem,
)

__all__ = ["alerts", "hash_password", "init_app", "pages", "password_problem", "pushes"]


def init_app(app: Flask) -> None:
    """Register the console on the app (only when [admin] enabled), with every feature's pages."""
    app.session_interface = ConsoleOnlySessions()
    app.config.update(
        SESSION_COOKIE_PATH="/admin",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="unionbot_session",
        PERMANENT_SESSION_LIFETIME=ABSOLUTE_LIFETIME,  # the browser's copy; the server checks both limits
        WTF_CSRF_CHECK_DEFAULT=False,  # only the console's forms; webhooks are signed, not cookie-based
        WTF_CSRF_TIME_LIMIT=int(ABSOLUTE_LIFETIME.total_seconds()),
    )
    bot = app.extensions["unionbot"]
    if bot.config.get("admin", "secure_cookies"):
        app.config["SESSION_COOKIE_SECURE"] = True
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    _console_only_after_request(app, login_manager._update_remember_cookie)
    for feature_pages in bot.registry.console_pages:
        feature_pages.install(bp)
        feature_pages.register_templates(app)
    app.register_blueprint(bp)
    for status in (404, 405):  # no such /admin page, or a GET on a button's address: in Chinese too
        app.register_error_handler(status, _routing_error)


def _console_only_after_request(app: Flask, hook) -> None:
    """Flask-Login's remember-cookie hook, registered for the whole app, on /admin requests only: elsewhere
    the session is the null session (ConsoleOnlySessions), so it does nothing there but cost every webhook
    request two looks into the session (about 10–25 µs; issue 23, ninth round)."""
    def console_only(response):
        path = request.path
        return hook(response) if path == "/admin" or path.startswith("/admin/") else response

    hooks = app.after_request_funcs[None]
    hooks[hooks.index(hook)] = console_only


def _routing_error(exc: HTTPException):
    """Routing fails before the blueprint is known: the console's own page for /admin paths only."""
    from bot.console.shell import _error_page

    if request.path == "/admin" or request.path.startswith("/admin/"):
        return _error_page(exc.code)
    return exc
