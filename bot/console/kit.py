"""What a feature's console pages are made with: `Pages` (routes the shell adds to the console
blueprint, so endpoints stay `console.<view>` and every page passes the shell's guard; plus the
feature's templates folder) and the small helpers every page uses (form fields, numbers, downloads).

    pages = Pages(__name__)            # templates from ./templates (console/<page>.html)
    registry.console(pages)

    @pages.get("/care", roles=EVERYONE)                 # who may open it
    def care(): ...

    @pages.post("/care/<int:report_id>/delete", roles=OFFICERS)   # who may send it a form
    def care_delete(report_id): ...

Every route names its roles (a route without them is refused to everyone, and
tests/test_console_roles.py fails naming it). A destructive action asks first: `confirmed(...)`.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from urllib.parse import quote

from flask import Blueprint, Flask, Response, render_template, request

from bot.channels import CHANNEL_NAMES
from bot.console.shell import ADMINS, EVERYONE, OFFICERS, allow, bot
from bot.spreadsheet import TableError, write_table

__all__ = ["ADMINS", "CHANNEL_NAMES", "EVERYONE", "OFFICERS", "PAGE", "Pages", "changed_fields", "confirmed", "download", "form",
           "int_arg", "now", "small_int", "today"]

PAGE = 100  # rows per page in long lists


class Pages:
    """A feature's console pages, recorded now and added to the console blueprint by the shell
    (bot/console/__init__.py) when the first app is made."""

    def __init__(self, import_name: str, template_folder: str | None = "templates") -> None:
        self.import_name = import_name
        self.views: list[tuple[str, Callable, dict]] = []
        self.installed = False
        name = "console_" + import_name.replace(".", "_")
        # a blueprint without routes: Flask's own way to add a folder to the template search path
        self.templates = Blueprint(name, import_name, template_folder=template_folder) if template_folder else None

    def route(self, rule: str, *, roles=None, post_roles=None, **options):
        """`roles` may open the page, `post_roles` may send it forms (EVERYONE, OFFICERS, ADMINS)."""
        def register(view):
            if roles is not None or post_roles is not None:
                allow(roles, post_roles)(view)
            self.views.append((rule, view, options))
            return view

        return register

    def get(self, rule: str, *, roles=None, **options):
        return self.route(rule, methods=["GET"], roles=roles, **options)

    def post(self, rule: str, *, roles=None, **options):
        return self.route(rule, methods=["POST"], post_roles=roles, **options)

    def install(self, bp: Blueprint) -> None:
        """Add the routes to the console blueprint, once (a blueprint takes no routes after its first
        registration: every later app gets them through the blueprint itself)."""
        if not self.installed:
            for rule, view, options in self.views:
                bp.add_url_rule(rule, view.__name__, view, **options)
            self.installed = True

    def register_templates(self, app: Flask) -> None:
        if self.templates is not None:
            app.register_blueprint(self.templates)


def now() -> dt.datetime:
    return bot().clock.now()


def today() -> dt.date:
    return bot().clock.today()


def form(name: str, limit: int = 200) -> str:
    return request.form.get(name, "").strip()[:limit]


def small_int(text: str) -> int | None:
    """Up to six ASCII digits ('²' and '٣' pass str.isdigit(); 20 digits overflow SQLite), else None."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def int_arg(name: str, default: int = 0) -> int:
    value = small_int(request.args.get(name, ""))
    return default if value is None else value


def confirmed(question: str, detail: str, button: str, back: str):
    """None when the form says confirm=1; otherwise the page that asks first (a second page, no
    JavaScript needed): the same form again, with what will happen, a confirm button and a way back."""
    if request.form.get("confirm") == "1":
        return None
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", "confirm")]
    return render_template("console/confirm.html", question=question, detail=detail, button=button, back=back,
                           fields=fields, action=request.path)


def changed_fields(row: dict, values: dict, names: dict[str, str]) -> tuple[dict, dict]:
    """The values that differ from the stored row, and the audit log's words for them: {名称: "旧 → 新"}."""
    changed = {k: v for k, v in values.items() if v != row[k]}
    return changed, {names[k]: f"{row[k] or '（空）'} → {v or '（空）'}" for k, v in changed.items()}


def download(headers: list[str], rows: list[list], title: str, filename: str, fmt: str) -> Response:
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
    name = quote(f"{filename}.{fmt}")
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=export.{fmt}; filename*=UTF-8''{name}"})
