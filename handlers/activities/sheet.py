"""The sign-up sheet to print (.xlsx, openpyxl): on the first sheet a title row with the activity,
its time and place, then the confirmed only, with their party size, 签到 and an empty 签名 column
wide enough to sign in; the waitlist on a sheet of its own; cancelled sign-ups nowhere. A4 portrait,
one page wide, the header row repeated on every page. The .csv is the same list flat, for data."""

from __future__ import annotations

import io
from urllib.parse import quote

from flask import Response

from bot.console.kit import download
from bot.spreadsheet import FORMULA_START
from handlers._common import fmt_dt

CONFIRMED_HEADERS = ["序号", "工号", "姓名", "工会小组", "人数", "签到", "签名"]
CONFIRMED_WIDTHS = [6, 10, 12, 14, 6, 8, 24]
WAITLIST_HEADERS = ["候补顺序", "工号", "姓名", "工会小组", "人数", "报名时间"]
WAITLIST_WIDTHS = [9, 10, 12, 14, 6, 18]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def when_where(activity) -> str:
    end = f" 至 {activity.ends_at[11:]}" if activity.ends_at and activity.ends_at[:10] == activity.starts_at[:10] \
        else (f" 至 {fmt_dt(activity.end)}" if activity.ends_at else "")
    return f"时间：{fmt_dt(activity.start)}{end}　地点：{activity.place or '待定'}"


def _walk_in(row: dict) -> str:
    return row["staff_no"] or "现场报名"


def _table(ws, title: str, subtitle: str, headers: list[str], widths: list[int], rows: list[list], tall: bool) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(headers))
    ws.append([title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append([subtitle])
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append(headers)
    line = Side(style="thin", color="000000")
    box = Border(left=line, right=line, top=line, bottom=line)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.border = box
        cell.alignment = Alignment(horizontal="center")
    for values in rows:
        ws.append(values)
        r = ws.max_row
        if tall:
            ws.row_dimensions[r].height = 28  # room to sign by hand
        for cell in ws[r]:
            cell.border = box
            cell.alignment = Alignment(vertical="center")
            if isinstance(cell.value, str):  # a name is never a formula, whatever it starts with
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(FORMULA_START)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def workbook_bytes(activity, rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    confirmed = [r for r in rows if r["status"] == "confirmed"]
    waiting = [r for r in rows if r["status"] == "waitlisted"]
    people = sum(r["party"] for r in confirmed)
    came = sum(1 for r in confirmed if r["attended_at"])
    wb = Workbook()
    first = wb.active
    first.title = "报名名单"
    summary = (f"{when_where(activity)}　已报名 {len(confirmed)} 份，共 {people} 人"
               + (f"（含家属 {people - len(confirmed)} 人）" if people > len(confirmed) else "")
               + (f"；已签到 {came} 份" if came else ""))
    _table(first, activity.title, summary, CONFIRMED_HEADERS, CONFIRMED_WIDTHS,
           [[i, _walk_in(r), r["name"], r["group_name"], r["party"], "✓" if r["attended_at"] else "", ""]
            for i, r in enumerate(confirmed, 1)], tall=True)
    second = wb.create_sheet("候补名单")
    _table(second, f"{activity.title}（候补）", f"{when_where(activity)}　候补 {len(waiting)} 份",
           WAITLIST_HEADERS, WAITLIST_WIDTHS,
           [[i, _walk_in(r), r["name"], r["group_name"], r["party"], r["created_at"][:16].replace("T", " ")]
            for i, r in enumerate(waiting, 1)], tall=False)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


STATUS = {"confirmed": "已报名", "waitlisted": "候补"}


def signup_sheet(activity, rows: list[dict], fmt: str) -> Response:
    name = f"{activity.title}-报名名单"
    if fmt == "csv":
        table = [[i, r["staff_no"], r["name"], r["group_name"], r["party"], STATUS[r["status"]],
                  "已签到" if r["attended_at"] else "", r["created_at"][:16].replace("T", " ")]
                 for i, r in enumerate([r for r in rows if r["status"] in STATUS], 1)]
        return download(["序号", "工号", "姓名", "工会小组", "人数", "状态", "签到", "报名时间"], table,
                        activity.title or "报名", name, "csv")
    return Response(workbook_bytes(activity, rows), mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=export.xlsx; filename*=UTF-8''{quote(name + '.xlsx')}"})
