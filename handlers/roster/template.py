"""The roster template a chair downloads from the import page (.xlsx, openpyxl), and the words the
page uses to explain each column.

The first sheet is what the importer reads: the headers, one example row (工号 “示例”, which the
import skips, so a template sent back unchanged adds nobody), drop-downs (data validation) for every
column with fixed values and for 工会小组 from the groups on file (new groups can still be typed), and
the coded columns (工号, 出生日期, 手机) formatted as text, so Excel keeps leading zeros and does not
turn a lunar date into something else. A second sheet, 填写说明, repeats the rules in words.
"""

from __future__ import annotations

import io

from handlers.roster import CHOICES, DEFAULTS, EXAMPLE_MARK, HEADERS

TEMPLATE_HEADERS = [*HEADERS, "教代会代表"]
ORDERED = CHOICES  # the columns with a drop-down of fixed values
TEXT_COLUMNS = ("工号", "出生日期", "手机")
HELP = {  # column: (must it be filled, what may be written, what it means)
    "工号": ("必填", "3 到 10 位数字", "名册里已有的工号会更新这位会员，没有的会新增。"),
    "姓名": ("必填", "中文姓名", "本人绑定身份时要核对。"),
    "性别": ("可不填", "男、女", "女教职工的活动按此通知。"),
    "出生日期": ("可不填", "年-月-日，例如 1986-11-02", "农历生日请填农历的年、月、日（例如 1986-08-15），并把“生日历法”选为农历。"),
    "生日历法": ("可不填", "公历、农历", "不填按公历。"),
    "闰月": ("可不填", "否、是", "只对农历生日有用：生在闰月的选“是”。不填为“否”。"),
    "手机": ("可不填", "11 位手机号", "本人绑定身份时核对手机后四位。已有会员的手机只有管理员可以改。"),
    "工会小组": ("可不填", "", "可从下拉列表中选，也可以填新的小组名称。"),
    "状态": ("可不填", "在职、退休、离职", "不填为“在职”。离职的会员不再收到推送，也不能报名。"),
    "角色": ("可不填", "会员、工会委员、管理员", "不填为“会员”。工会委员和管理员会收到会员报告的关怀消息。"),
    "教代会代表": ("可不填", "否、是", "教代会代表可以参加代表投票。不填为“否”。"),
}
OPTIONAL_ACCOUNTS = ("企业微信账号、钉钉账号（可选列）：填该平台的用户账号后，本人在该平台上不用绑定就能使用；"
                     "只有管理员可以导入。")
EXAMPLE = {"工号": EXAMPLE_MARK, "姓名": "张三", "性别": "男", "出生日期": "1986-11-02", "生日历法": "公历", "闰月": "否",
           "手机": "13800001234", "工会小组": "语文组", "状态": "在职", "角色": "会员", "教代会代表": "否"}
ROWS = 5000  # rows the drop-downs cover (the importer's limit, bot/spreadsheet.MAX_ROWS)
HELP_SHEET = "填写说明"


def column_help(groups: list[str]) -> list[dict[str, str]]:
    """One line per column for the import page and the template's second sheet."""
    out = []
    for h in TEMPLATE_HEADERS:
        need, values, words = HELP[h]
        if h == "工会小组":
            values = "、".join(groups) if groups else "自己填写，例如 语文组"
        if h in DEFAULTS and need != "必填":
            need = f"可不填（默认 {DEFAULTS[h]}）"
        out.append({"列": h, "是否必填": need, "可填的值": values, "说明": words})
    return out


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def template_bytes(groups: list[str]) -> bytes:
    """The .xlsx template as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "会员名册"
    info = wb.create_sheet(HELP_SHEET)
    example = {**EXAMPLE, "工会小组": groups[0] if groups else EXAMPLE["工会小组"]}
    ws.append(TEMPLATE_HEADERS)
    ws.append([example[h] for h in TEMPLATE_HEADERS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F1ECE6")
    for cell in ws[2]:
        cell.data_type = "s"
        cell.font = Font(italic=True, color="888888")
    ws["A2"].number_format = "@"
    ws.freeze_panes = "A2"
    info.append(["列", "是否必填", "可填的值", "说明"])
    for line in column_help(groups):
        info.append(list(line.values()))
    info.append([])
    info.append(["说明", "", "", f"第 2 行（工号为“{EXAMPLE_MARK}”）是示例，导入时会跳过，可以留着，也可以删除。"])
    info.append(["说明", "", "", OPTIONAL_ACCOUNTS])
    info["F1"] = "现有工会小组"
    for n, g in enumerate(groups, start=2):
        info.cell(row=n, column=6, value=g).data_type = "s"
    for col, width in zip("ABCDF", (12, 18, 28, 70, 16), strict=True):
        info.column_dimensions[col].width = width
    for i, h in enumerate(TEMPLATE_HEADERS):
        col = _letter(i)
        ws.column_dimensions[col].width = 14 if h not in ("出生日期", "手机") else 16
        if h in TEXT_COLUMNS:
            ws.column_dimensions[col].number_format = "@"
        need, values, words = HELP[h]
        prompt = f"{need}。{words}"[:250]
        if h in ORDERED:
            dv = DataValidation(type="list", formula1='"' + ",".join(ORDERED[h]) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="填写有误", error=f"请从下拉列表中选择：{values}")
        elif h == "工会小组" and groups:
            dv = DataValidation(type="list", formula1=f"'{HELP_SHEET}'!$F$2:$F${len(groups) + 1}", allow_blank=True,
                                showErrorMessage=False)  # a new group may be typed
        else:
            dv = DataValidation(allow_blank=True)  # no check, only the prompt
        dv.showInputMessage = True
        dv.promptTitle = h
        dv.prompt = prompt
        dv.add(f"{col}2:{col}{ROWS + 1}")
        ws.add_data_validation(dv)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
