"""The term report's console page (/admin/report) and its spreadsheet (/admin/report.xlsx), for
管理员 and 工会委员. Charts are inline SVG drawn here: no script, and they print."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from flask import Response, render_template, request
from markupsafe import Markup, escape

from bot.console.kit import EVERYONE, Pages, today
from bot.console.shell import bot, store
from bot.registry import registry
from handlers.report.export import workbook_bytes
from handlers.report.figures import SIGNUP_NAMES, SIGNUP_STATES, term_figures, term_of

pages = registry.console(Pages(__name__))
registry.page("学期报告", "console.report", match="report", order=55)

BAR_COLORS = {"confirmed": "#2e7d32", "waitlisted": "#f9a825", "cancelled": "#9e9e9e"}
PUSH_COLORS = {"sent": "#2e7d32", "skipped": "#f9a825", "failed": "#c62828", "pending": "#9e9e9e"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bars(rows: list[tuple[str, dict[str, int]]], colors: dict[str, str], names: dict[str, str] | None = None,
         width: int = 640) -> Markup:
    """Horizontal stacked bars, one row per label: rows = [(label, {part: n})] in the colors' order,
    each part's tooltip named by `names`.
    Plain SVG with the numbers written beside each bar, so the chart reads in black and white too."""
    if not rows:
        return Markup("")
    label_w, row_h, num_w = 190, 24, 60
    top = max(1, max(sum(parts.values()) for _, parts in rows))
    scale = (width - label_w - num_w) / top
    height = row_h * len(rows) + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" class="chart">']
    for i, (label, parts) in enumerate(rows):
        y = i * row_h + 2
        short = label if len(label) <= 12 else label[:11] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="13">{escape(short)}</text>')
        x = float(label_w)
        for part, color in colors.items():
            n = parts.get(part, 0)
            if n:
                out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{n * scale:.1f}" height="{row_h - 8}" '
                           f'fill="{color}"><title>{escape(label)} {escape((names or {}).get(part, ""))}：{n}</title></rect>')
                x += n * scale
        out.append(f'<text x="{x + 4:.1f}" y="{y + 16}" font-size="13">{sum(parts.values())}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _day(name: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(request.args.get(name, "").strip())
    except ValueError:
        return default


def _period() -> tuple[dt.date, dt.date]:
    start, end = term_of(today())
    start, end = _day("from", start), _day("to", end)
    return (start, end) if start <= end else (end, start)


@pages.get("/report", roles=EVERYONE)
def report():
    start, end = _period()
    f = term_figures(store(), start, end)
    s = f["suggestions"]
    charts = {
        "signups": bars([(r["title"], {k: r[k] for k in SIGNUP_STATES}) for r in f["activities"]["list"]],
                        BAR_COLORS, SIGNUP_NAMES),
        "groups": bars([(g["label"], {"confirmed": g["participants"]}) for g in f["participation"]["by_group"]],
                       {"confirmed": BAR_COLORS["confirmed"]}),
        "suggestions": bars([(st, {"n": n}) for st, n in s["by_status"].items()], {"n": "#b22222"}),
        "care": bars([(k, {"visited": n["visited"], "waiting": n["reported"] - n["visited"]})
                      for k, n in f["care"]["by_kind"].items() if n["reported"]],
                     {"visited": "#2e7d32", "waiting": "#f9a825"}, {"visited": "已探望", "waiting": "待跟进"}),
        "pushes": bars(list(f["pushes"]["by_kind"].items()), PUSH_COLORS, f["pushes"]["status_names"]),
    }
    this_term = term_of(today())
    last_term = term_of(this_term[0] - dt.timedelta(days=1))
    return render_template("console/report.html", f=f, charts=charts, signup_names=SIGNUP_NAMES,
                           states=SIGNUP_STATES, bar_colors=BAR_COLORS, push_colors=PUSH_COLORS, this_term=this_term, last_term=last_term)


@pages.get("/report.xlsx", roles=EVERYONE)
def report_xlsx():
    start, end = _period()
    data = workbook_bytes(term_figures(store(), start, end), bot().config.get("bot", "school") or "")
    name = quote(f"工会工作统计_{start.isoformat()}_{end.isoformat()}.xlsx")
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=report.xlsx; filename*=UTF-8''{name}"})
