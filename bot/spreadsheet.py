"""Reading and writing the tables schools keep in Excel: .xlsx (openpyxl) and .csv (UTF-8 or GBK).

Exports are inert: a text cell that starts with = + - @ (or a tab or carriage return) would be read
by Excel or WPS as a formula (a name like `=HYPERLINK(...)` becomes a live link), so it is written
as text: a string cell with Excel's quote prefix in .xlsx, a leading apostrophe in .csv.
Every failure is a TableError with one Chinese line, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """A file that cannot be read or written; str() is the line shown to the committee."""


def inert(value):
    """The value as a CSV cell that no spreadsheet evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _check_target(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise TableError("文件名应以 .xlsx 或 .csv 结尾")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise TableError(f"目录不存在：{folder}")
    return suffix


def write_table(path: str, headers: Sequence[str], rows: Iterable[Sequence], title: str = "Sheet1") -> int:
    """Write headers and rows to .xlsx or .csv; returns the number of rows."""
    suffix = _check_target(path)
    rows = list(rows)
    try:
        if suffix == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            ws.title = re.sub(r"[\\/*?:\[\]]", "", title)[:31] or "Sheet1"
            for r, row in enumerate([list(headers), *rows], start=1):
                for c, value in enumerate(row, start=1):
                    cell = ws.cell(row=r, column=c, value=value)
                    if isinstance(value, str):  # never a formula, whatever it starts with
                        cell.data_type = "s"
                        if value.startswith(FORMULA_START):
                            cell.quotePrefix = True
            wb.save(path)
        else:
            with open(path, "w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh)
                writer.writerow(headers)
                writer.writerows([inert(v) for v in row] for row in rows)
    except OSError as exc:
        raise TableError(f"无法写入 {path}：{exc.strerror or exc}") from None
    return len(rows)


def _xlsx_cell(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            text = str(int(value))
            fmt = cell.number_format or ""
            if re.fullmatch(r"0+", fmt) and len(fmt) > len(text):  # "0000": Excel shows leading zeros
                text = text.zfill(len(fmt))
            return text
        return str(value)
    return str(value).strip()


def read_table(path: str) -> list[list[str]]:
    """All rows of the first sheet (or the CSV) as strings; numbers keep the leading zeros Excel shows."""
    suffix = Path(path).suffix.lower()
    if not os.path.exists(path):
        raise TableError(f"找不到文件 {path}")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                return [[_xlsx_cell(c) for c in row] for row in wb.active.iter_rows()]
            finally:
                wb.close()
        except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException…: all "not a workbook"
            raise TableError(f"{path} 不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 重新另存后再试") from None
    if suffix == ".csv":
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise TableError(f"无法读取 {path}：{exc.strerror or exc}") from None
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China often saves CSV as GBK
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise TableError("文件编码无法识别，请另存为 UTF-8 的 CSV 或 .xlsx")
        try:
            return [[c.strip() for c in row] for row in csv.reader(text.splitlines())]
        except csv.Error as exc:
            raise TableError(f"CSV 格式有误：{exc}") from None
    raise TableError("文件应为 .csv 或 .xlsx")
