"""The roster: `members import FILE` / `members export FILE` in .csv or .xlsx (openpyxl).

Columns (first row, Chinese headers): 工号, 姓名, 性别, 出生日期, 生日历法, 闰月, 手机, 工会小组, 状态, 角色.
Every row is checked first; any error is reported with its row number and nothing is imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from bot.cli import command, group
from bot.registry import registry
from storage.members import ROSTER_FIELDS

HEADERS = list(ROSTER_FIELDS)
REQUIRED = ["工号", "姓名"]
CHOICES = {"性别": {"男", "女", ""}, "生日历法": {"公历", "农历"}, "闰月": {"是", "否"}, "状态": {"在职", "退休", "离职"},
           "角色": {"会员", "工会委员", "管理员"}}
DEFAULTS = {"生日历法": "公历", "闰月": "否", "状态": "在职", "角色": "会员"}


class RosterError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: str) -> list[list[str]]:
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        rows = [[_cell(v) for v in row] for row in wb.active.iter_rows(values_only=True)]
        wb.close()
        return rows
    if suffix == ".csv":
        raw = Path(path).read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China often saves CSV as GBK
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RosterError(["文件编码无法识别，请另存为 UTF-8 的 CSV 或 .xlsx"])
        return [[c.strip() for c in row] for row in csv.reader(text.splitlines())]
    raise RosterError(["文件应为 .csv 或 .xlsx"])


def _check_date(value: str, lunar: bool, leap: bool) -> str:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value)
    if not m:
        raise ValueError("出生日期格式应为 YYYY-MM-DD")
    y, mo, d = (int(g) for g in m.groups())
    if lunar:
        from lunar_python import LunarYear

        if not (1 <= mo <= 12 and 1 <= d <= 30):
            raise ValueError("农历日期超出范围")
        if leap and LunarYear.fromYear(y).getLeapMonth() != mo:
            raise ValueError(f"农历 {y} 年没有闰{mo}月")
    else:
        try:
            dt.date(y, mo, d)
        except ValueError:
            raise ValueError(f"出生日期格式无效：{value} 不是真实存在的公历日期") from None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def parse_roster(rows: list[list[str]]) -> list[dict]:
    """Validate every row; raise RosterError listing all problems with their row numbers."""
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise RosterError(["文件是空的"])
    header = rows[0]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise RosterError([f"第 1 行缺少列：{'、'.join(missing)}（表头应为：{', '.join(HEADERS)}）"])
    unknown = [h for h in header if h and h not in HEADERS]
    errors = [f"第 1 行有未知列：{'、'.join(unknown)}"] if unknown else []
    index = {h: i for i, h in enumerate(header) if h in HEADERS}
    members, seen = [], {}
    for n, row in enumerate(rows[1:], start=2):
        get = {h: (row[i] if i < len(row) else "") for h, i in index.items()}
        values = {h: get.get(h, "") or DEFAULTS.get(h, "") for h in HEADERS}
        problems = [f"{h}不能为空" for h in REQUIRED if not values[h]]
        for h, allowed in CHOICES.items():
            if values[h] not in allowed:
                problems.append(f"{h}“{values[h]}”无效（应为 {'/'.join(sorted(a for a in allowed if a))}）")
        if values["工号"] in seen:
            problems.append(f"工号 {values['工号']} 与第 {seen[values['工号']]} 行重复")
        seen[values["工号"]] = n
        if values["手机"] and not re.fullmatch(r"1\d{10}", values["手机"]):
            problems.append(f"手机“{values['手机']}”应为 11 位数字")
        if values["出生日期"]:
            try:
                values["出生日期"] = _check_date(values["出生日期"], values["生日历法"] == "农历", values["闰月"] == "是")
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            errors.append(f"第 {n} 行：" + "；".join(problems))
            continue
        record = {ROSTER_FIELDS[h]: values[h] for h in HEADERS}
        record["birth_leap"] = int(values["闰月"] == "是")
        members.append(record)
    if errors:
        raise RosterError(errors)
    return members


def import_roster(store, path: str) -> tuple[int, int]:
    """All or nothing. Returns (added, updated)."""
    members = parse_roster(read_rows(path))
    added = updated = 0
    with store.transaction():
        for record in members:
            if store.members.by_staff_no(record["staff_no"]):
                updated += 1
            else:
                added += 1
            store.members.upsert(**record)
    return added, updated


def export_rows(store) -> list[list[str]]:
    rows = [HEADERS]
    for m in store.members.all():
        rows.append([m.staff_no, m.name, m.gender, m.birth_date, m.birth_calendar, "是" if m.birth_leap else "否",
                     m.phone, m.group_name, m.status, m.role])
    return rows


def export_roster(store, path: str) -> int:
    rows = export_rows(store)
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "会员名册"
        for row in rows:
            ws.append(row)
        wb.save(path)
    elif suffix == ".csv":
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            csv.writer(fh).writerows(rows)
    else:
        raise RosterError(["文件名应以 .csv 或 .xlsx 结尾"])
    return len(rows) - 1


def _cmd_import(args) -> int:
    from bot.__main__ import make_bot

    bot = make_bot(args)
    try:
        added, updated = import_roster(bot.store, args.file)
    except FileNotFoundError:
        raise SystemExit(f"找不到文件 {args.file}") from None
    except RosterError as exc:
        print(f"导入失败，没有做任何修改。请修正以下 {len(exc.errors)} 处问题后重试：")
        for line in exc.errors:
            print(f"  {line}")
        return 1
    print(f"导入完成：新增 {added} 人，更新 {updated} 人。")
    return 0


def _cmd_export(args) -> int:
    from bot.__main__ import make_bot

    bot = make_bot(args)
    try:
        n = export_roster(bot.store, args.file)
    except RosterError as exc:
        raise SystemExit(str(exc)) from None
    print(f"已导出 {n} 名会员到 {args.file}")
    return 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "members", "the roster (import, export)")
    im = command(inner, "import", "import or update members from .csv or .xlsx (all or nothing)", _cmd_import)
    im.add_argument("file", help="roster file: .csv (UTF-8 or GBK) or .xlsx")
    ex = command(inner, "export", "export all members to .csv or .xlsx", _cmd_export)
    ex.add_argument("file", help="output file: .csv or .xlsx")
