"""Reading and writing the tables schools keep in Excel: .xlsx (openpyxl) and .csv (UTF-8 or GBK).

Exports are inert: a text cell that starts with = + - @ (or a tab or carriage return) would be read
by Excel or WPS as a formula (a name like `=HYPERLINK(...)` becomes a live link), so it is written
as text: a string cell with Excel's quote prefix in .xlsx, a leading apostrophe in .csv.
Every failure is a TableError with one Chinese line, never a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import itertools
import json
import os
import re
import subprocess
import sys
import zipfile
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


def write_table(path: str, headers: Sequence[str], rows: Iterable[Sequence], title: str = "Sheet1",
                name: str | None = None) -> int:
    """Write headers and rows to .xlsx or .csv; returns the number of rows. Messages call the file `name`
    (default: the path as given; the console passes a name, never its temporary path)."""
    suffix = _check_target(path)
    rows = list(rows)
    try:
        _owner_only(path)
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
        raise TableError(f"无法写入 {name or path}：{exc.strerror or exc}") from None
    return len(rows)


def _owner_only(path: str) -> None:
    """The file, made or kept readable by its owner only before anything is written to it: a roster or a
    sign-up list holds phones (like `python -m bot backup`, whatever the umask or an older file's mode)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, 0o600)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


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


# ---- reading: every limit is checked before the file can cost more than it should ----------------------

MAX_FILE_BYTES = 5 * 1024 * 1024   # the file as uploaded (a roster of 5,000 teachers is well under 1 MB)
MAX_ROWS = 5000                    # filled rows besides the header
MAX_COLS = 60                      # a roster has 12 columns
MAX_CELL_CHARS = 1000
MAX_TOTAL_CHARS = 5_000_000        # all cells together (a shared string can be used by every cell)
SCAN_ROWS = 20_000                 # rows walked through, blank ones included, before giving up
# .xlsx is a zip of XML parts: checked from the zip's directory before anything is expanded
MAX_PARTS = 200
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_EXPANDED_BYTES = 30 * 1024 * 1024
MAX_RATIO = 100                    # expanded / compressed, for parts over RATIO_FROM (real parts: under 20)
RATIO_FROM = 256 * 1024
MAX_ROW_ELEMENTS = 2000            # XML elements in one <row> (60 cells need under 200)
# openpyxl runs in a child process with these limits: a file that gets past the checks above and still
# costs too much ends that process, never the worker serving webhooks
CHILD_MEMORY_BYTES = 512 * 1024 * 1024
CHILD_CPU_SECONDS = 5
CHILD_WALL_SECONDS = 10

NOT_XLSX = "{name} 不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 重新另存后再试"
TOO_BIG = "{name} 文件过大（{size:.1f} MB）：名册文件最大 {limit} MB"
EXPANDS = ("{name} 解压后过大（或压缩比异常），不是正常的名册文件：请用 Excel 或 WPS 另存为新的 .xlsx，"
           "或另存为 .csv 后再试")
TOO_COMPLEX = ("{name} 内容过于复杂，无法在限定的时间和内存内读取：请只保留名册所在的工作表，"
               "另存为新的 .xlsx 或 .csv 后再试")
TOO_MANY_ROWS = f"行数过多：名册最多 {MAX_ROWS} 行（不含表头），请分成几个文件导入"
ROWS_FAR_DOWN = (f"行数过多：表格第 {SCAN_ROWS} 行以后还有内容或格式（名册最多 {MAX_ROWS} 行）。"
                 "请删除多余的行，或把名册复制到新的工作表后再试")
TOO_MANY_COLS = f"列数过多：第 {{row}} 行超出了第 {MAX_COLS} 列（名册最多 {MAX_COLS} 列），请删除多余的列后再试"
ROW_TOO_WIDE = "{name} 中有一行的单元格过多，不是正常的名册文件：请删除多余的列，另存为新的 .xlsx 后再试"
CELL_TOO_LONG = f"第 {{row}} 行第 {{col}} 列内容过长（超过 {MAX_CELL_CHARS} 字）"
TOO_MUCH_TEXT = "表格的文字内容过多，不是正常的名册文件"


def _collect(rows: Iterable[list[str]]) -> list[list[str]]:
    """Rows of strings, trailing blank cells dropped, within the limits; stops at the first row over them."""
    out: list[list[str]] = []
    filled = chars = 0
    for n, cells in enumerate(rows, start=1):
        if n > SCAN_ROWS:
            raise TableError(ROWS_FAR_DOWN)
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            out.append([])
            continue
        if len(cells) > MAX_COLS:
            raise TableError(TOO_MANY_COLS.format(row=n))
        for c, value in enumerate(cells, start=1):
            if len(value) > MAX_CELL_CHARS:
                raise TableError(CELL_TOO_LONG.format(row=n, col=c))
            chars += len(value)
        filled += 1
        if filled > MAX_ROWS + 1:
            raise TableError(TOO_MANY_ROWS)
        if chars > MAX_TOTAL_CHARS:
            raise TableError(TOO_MUCH_TEXT)
        out.append(cells)
    return out


def read_table(path: str, name: str | None = None) -> list[list[str]]:
    """All rows of the first sheet (or the CSV) as strings; numbers keep the leading zeros Excel shows.
    `name` is how messages call the file (default: the path as given; the console passes the name of the
    uploaded file, never its own temporary path). Limits: MAX_FILE_BYTES, MAX_ROWS, MAX_COLS, MAX_CELL_CHARS;
    an .xlsx is checked as a zip first (parts, expanded size, compression ratio) and then read in a child
    process (read_xlsx_limited) that cannot take more than CHILD_MEMORY_BYTES or CHILD_CPU_SECONDS."""
    name = name or path
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise TableError("文件应为 .csv 或 .xlsx")
    try:
        size = os.path.getsize(path)
    except OSError:
        raise TableError(f"找不到文件 {name}") from None
    if size > MAX_FILE_BYTES:
        raise TableError(TOO_BIG.format(name=name, size=size / 1024 / 1024, limit=MAX_FILE_BYTES // 1024 // 1024))
    if suffix == ".xlsx":
        _check_zip(path, name)
        return _read_xlsx_in_child(path, name)
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise TableError(f"无法读取 {name}") from None
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China often saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError("文件编码无法识别，请另存为 UTF-8 的 CSV 或 .xlsx")
    reader = csv.reader(text.splitlines())
    try:
        return _collect([c.strip() for c in row] for row in reader)
    except csv.Error:  # a field over the csv module's limit, a NUL byte…: its message is English
        raise TableError(f"CSV 第 {reader.line_num} 行格式有误（或单元格过长），请用 Excel 或 WPS 重新另存后再试") from None


def _check_zip(path: str, name: str) -> None:
    """The zip's directory, before anything is expanded: how many parts, how big each would be, how much
    each was squeezed. A zip bomb stops here; zipfile never expands a part beyond the size listed."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TableError(NOT_XLSX.format(name=name)) from None
    if not parts or len(parts) > MAX_PARTS or any(p.flag_bits & 0x1 for p in parts):  # 0x1: encrypted
        raise TableError(NOT_XLSX.format(name=name))
    expanded = 0
    for part in parts:
        expanded += part.file_size
        squeezed = part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1)
        if part.file_size > MAX_PART_BYTES or expanded > MAX_EXPANDED_BYTES or squeezed:
            raise TableError(EXPANDS.format(name=name))


def _read_xlsx_in_child(path: str, name: str) -> list[list[str]]:
    root = str(Path(__file__).resolve().parents[1])
    try:
        proc = subprocess.run([sys.executable, "-m", "bot.spreadsheet", path, name], cwd=root,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=CHILD_WALL_SECONDS)
    except subprocess.TimeoutExpired:
        raise TableError(TOO_COMPLEX.format(name=name)) from None
    try:
        answer = json.loads(proc.stdout.decode("utf-8"))
    except ValueError:  # killed (memory, CPU time) before it could answer
        raise TableError(TOO_COMPLEX.format(name=name)) from None
    if "error" in answer:
        raise TableError(answer["error"])
    return answer["rows"]


_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")


def _elements(data: bytes, start: int, end: int) -> int:
    return (data.count(b"<", start, end) - data.count(b"</", start, end) - data.count(b"<?", start, end)
            - data.count(b"<!", start, end))


def _scan_parts(path: str, name: str) -> None:
    """Each part, expanded one at a time (each within MAX_PART_BYTES): no DTD (entities), and no row
    with thousands of cells (openpyxl holds a whole row in memory) or more rows than SCAN_ROWS."""
    with zipfile.ZipFile(path) as z:
        for part in z.infolist():
            data = z.read(part)  # at most part.file_size bytes; a wrong CRC raises BadZipFile
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise TableError(NOT_XLSX.format(name=name))
            starts = []
            for m in _ROW_START.finditer(data):
                if len(starts) > SCAN_ROWS:
                    raise TableError(ROWS_FAR_DOWN)
                starts.append(m.start())
            if starts:
                end = _SHEET_DATA_END.search(data, starts[-1])
                starts.append(end.start() if end else len(data))
            if any(_elements(data, a, b) > MAX_ROW_ELEMENTS for a, b in itertools.pairwise(starts)):
                raise TableError(ROW_TOO_WIDE.format(name=name))
            del data


def read_xlsx_limited(path: str, name: str) -> list[list[str]]:
    """The child process's work (python -m bot.spreadsheet PATH NAME): limits on itself first, then the
    parts scanned, then openpyxl in read-only mode, streaming, ignoring the sheet's declared dimension
    (it can claim A1:XFD1048576) and never looking past column MAX_COLS + 1."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS + 1))
    _check_zip(path, name)  # again: this process may be started on its own
    _scan_parts(path, name)
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.active
        if ws is None or not hasattr(ws, "reset_dimensions"):  # no sheet, or a chart sheet
            raise TableError(NOT_XLSX.format(name=name))
        ws.reset_dimensions()

        def rows():
            blank = None  # openpyxl pads a gap between rows with one shared tuple of empty cells
            for row in ws.iter_rows(max_col=MAX_COLS + 1):
                if row is blank:
                    yield []
                    continue
                cells = [_xlsx_cell(c) for c in row]
                if not any(cells):
                    blank = row
                yield cells

        return _collect(rows())
    finally:
        wb.close()


def _child_main(argv: list[str]) -> int:
    path, name = argv
    try:
        answer = {"rows": read_xlsx_limited(path, name)}
    except TableError as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"error": TOO_COMPLEX.format(name=name)}
    except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors…: "not a workbook"
        answer = {"error": NOT_XLSX.format(name=name)}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
