"""Hostile roster files (issue 17, finding 3): a 2 KB .xlsx that declares A1:XFD1048576, a shared-strings
zip bomb, oversized or endless CSV files. Each is refused with a clear Chinese 4xx within two seconds,
without the request worker growing, and without the server's paths in the message; the CLI says the same.

The console uploads run in a separate process (tests/upload_probe.py) that reports the answer, the time it
took and how much its own memory grew: a file that blew up the worker cannot take pytest with it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Target="xl/workbook.xml" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>')
_WB = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS} '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
            '<Relationship Id="rId2" Target="sharedStrings.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
            '</Relationships>')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>')


def xlsx(path: Path, sheet_data: str, strings=None, dimension: str = "A1:B2") -> Path:
    """A minimal workbook written by hand (openpyxl would not write a lie). `strings`: an iterable of
    byte chunks for xl/sharedStrings.xml, streamed so that a 200 MB part never sits in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
                                               f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData>'
                                               '</worksheet>')
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            for chunk in strings or [f'<sst {NS} count="0" uniqueCount="0"/>'.encode()]:
                fh.write(chunk)
    return path


def dimension_bomb(path: Path) -> Path:
    """The reported file: the whole sheet declared, one cell in the very last row and column."""
    return xlsx(path, HEADER_ROW + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
                dimension="A1:XFD1048576")


def strings_bomb(path: Path, megabytes: int = 200) -> Path:
    one = ("<si><t>" + "工会" * 500 + "</t></si>").encode()
    per_chunk = 200
    chunks = megabytes * 1024 * 1024 // (len(one) * per_chunk)

    def parts():
        yield f'<sst {NS} count="{chunks * per_chunk}" uniqueCount="{chunks * per_chunk}">'.encode()
        for _ in range(chunks):
            yield one * per_chunk
        yield b"</sst>"

    return xlsx(path, HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', parts())


def wide_row(path: Path, cells: int = 200_000) -> Path:
    """One row with a great many (empty) cells: cheap to send, each cell costs the parser memory."""
    return xlsx(path, HEADER_ROW + '<row r="2">' + "<c/>" * cells + "</row>")


def long_csv(path: Path, rows: int = 100_000) -> Path:
    path.write_bytes(("工号,姓名\n" + "".join(f"{9000 + i},甲\n" for i in range(rows))).encode())
    return path


def big_csv(path: Path, megabytes: int = 6) -> Path:
    line = "1024,张三," + "备注" * 40 + "\n"
    path.write_bytes(("工号,姓名,备注\n" + line * (megabytes * 1024 * 1024 // len(line.encode()) + 1)).encode())
    return path


def probe(tmp_path: Path, upload: Path, timeout: float = 60) -> dict:
    """Upload through the console in a fresh process; its answer, time and memory growth."""
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "upload_probe.py"), str(tmp_path / "probe"),
                           str(upload)], capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


CASES = {
    "dimension_bomb": (dimension_bomb, "行数过多"),
    "strings_bomb": (strings_bomb, "过大"),
    "wide_row": (wide_row, "过大"),  # squeezed 800 to 1: refused from the zip's directory
    "long_csv": (long_csv, "行数过多"),
    "big_csv": (big_csv, "文件过大"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_roster_file_is_refused_quickly_without_the_worker_growing(tmp_path, case):
    make, words = CASES[case]
    suffix = ".csv" if case.endswith("csv") else ".xlsx"
    upload = make(tmp_path / f"名册{suffix}")
    assert upload.stat().st_size < 6.5 * 1024 * 1024
    try:
        result = probe(tmp_path, upload)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: no answer within 60 s")
    assert result["status"] in (400, 413), result
    assert words in result["body"], result["body"][:2000]
    assert "没有导入任何数据" in result["body"]
    assert "/tmp" not in result["body"] and str(tmp_path) not in result["body"] and "Traceback" not in result["body"]
    # bounded, not fast: before the fix the worker never answered (it grew by about 60 MB/s); the
    # parsing child is limited to 5 s of CPU, and a shared CI machine may be slow (2 s measured idle)
    assert result["seconds"] < 8.0, result
    assert result["grew_mb"] < 100, result  # the request worker's own peak memory
    print(case, {k: v for k, v in result.items() if k != "body"})


def test_an_upload_over_the_servers_limit_is_a_chinese_page(tmp_path):
    result = probe(tmp_path, big_csv(tmp_path / "huge.csv", megabytes=9))
    assert result["status"] == 413 and "文件过大" in result["body"]


def test_a_real_roster_still_imports_through_the_same_checks(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["工号", "姓名", "性别", "工会小组"])
    for i in range(3000):
        wb.active.append([f"{5000 + i}", "新老师", "女", "数学组"])
    wb.save(tmp_path / "名册.xlsx")
    result = probe(tmp_path, tmp_path / "名册.xlsx")
    assert result["status"] == 200 and "新增 3000 人" in result["body"], result["body"][:2000]


def test_a_corrupt_upload_is_named_by_its_own_file_name_not_a_server_path(tmp_path):
    from tests.upload_probe import console_client, csrf

    client = console_client(tmp_path)
    resp = client.post("/admin/members/import", data={
        "csrf_token": csrf(client),
        "file": (io.BytesIO(b"PK\x03\x04 not really a workbook"), "我的名册.xlsx")}, content_type="multipart/form-data")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "不是有效的 Excel 文件" in page and "我的名册.xlsx" in page
    assert "/tmp" not in page and "upload.xlsx" not in page


# ---- the command line: the same limits, one clear line ------------------------------------------------


def _cli(tmp_path, *args):
    env = {"PATH": "/usr/bin:/bin", "UNIONBOT_BOT_DATABASE": str(tmp_path / "cli.db")}
    return subprocess.run([sys.executable, "-m", "bot", "--config", str(ROOT / "config.example.toml"), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


@pytest.mark.parametrize("case", ["dimension_bomb", "strings_bomb", "long_csv"])
def test_the_cli_refuses_the_same_files_with_one_clear_line(tmp_path, case):
    make, words = CASES[case]
    upload = make(tmp_path / ("r.csv" if case.endswith("csv") else "r.xlsx"))
    try:
        proc = _cli(tmp_path, "members", "import", str(upload))
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: the CLI did not answer within 60 s")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert words in proc.stderr and "没有做任何修改" in proc.stderr


def test_a_row_of_thousands_of_cells_that_compresses_normally_is_refused_before_openpyxl(tmp_path):
    from handlers.roster import RosterError, read_rows

    cells = "".join(f"<c><v>{i * 7919 % 100_003}</v></c>" for i in range(5000))
    path = xlsx(tmp_path / "wide.xlsx", HEADER_ROW + f'<row r="2">{cells}</row>')
    with pytest.raises(RosterError, match="单元格过多"):
        read_rows(str(path), "宽表.xlsx")


def test_a_sheet_with_a_doctype_is_not_a_workbook(tmp_path):
    from handlers.roster import RosterError, read_rows

    path = xlsx(tmp_path / "dtd.xlsx", HEADER_ROW, [b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>',
                                                  f'<sst {NS}><si><t>&a;</t></si></sst>'.encode()])
    with pytest.raises(RosterError, match="不是有效的 Excel 文件"):
        read_rows(str(path), "dtd.xlsx")


def test_read_rows_limits_rows_and_columns(tmp_path):
    from handlers.roster import RosterError, read_rows

    wide = tmp_path / "wide.csv"
    wide.write_text("工号,姓名" + ",x" * 70 + "\n1024,张三\n", encoding="utf-8")
    with pytest.raises(RosterError, match="列数过多"):
        read_rows(str(wide))
    trailing = tmp_path / "trailing.csv"  # Excel's CSV often ends rows with empty cells: not a problem
    trailing.write_text("工号,姓名" + "," * 200 + "\n1024,张三\n", encoding="utf-8")
    assert read_rows(str(trailing))[1] == ["1024", "张三"]
    with pytest.raises(RosterError, match="行数过多"):
        read_rows(str(long_csv(tmp_path / "long.csv", rows=5001)))
    assert len(read_rows(str(long_csv(tmp_path / "ok.csv", rows=5000)))) == 5001
    field = tmp_path / "field.csv"
    field.write_text('工号,姓名\n1024,"' + "长" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(RosterError, match="第 2 行") as exc:
        read_rows(str(field))
    assert "field" not in str(exc.value)  # never the csv module's English
