"""The term report as a spreadsheet: one sheet per section, each opening with a title row that
names the period, so a sheet pasted alone still says which term it counts."""

from __future__ import annotations

import io

from handlers.report.figures import SIGNUP_NAMES, SIGNUP_STATES


def _pct(share) -> str:
    return "—" if share is None else f"{share}%"


def sections(f: dict) -> list[tuple[str, list[str], list[list]]]:
    """(sheet name, header, rows) for every section: what the spreadsheet holds."""
    a, p, s, c, o = f["activities"], f["participation"], f["suggestions"], f["care"], f["pushes"]
    acts = [[r["date"], r["title"], *(r[k] for k in SIGNUP_STATES), r["people"], "" if r["upcoming"] else r["attended"],
             "尚未举行" if r["upcoming"] else "已举行"] for r in a["list"]]
    acts.append(["合计", f"{a['held']} 项活动", *(a["total"][k] for k in SIGNUP_STATES), a["people"], a["attended"]])
    people = [[line["label"], line["members"], line["participants"], _pct(line["share"])]
              for line in [*p["by_group"], p["women"], p["retired"]]]
    people.append(["全体会员", p["members"], p["participants"], _pct(p["share"])])
    statuses = list(s["by_status"])
    sugg = [[kind, *(row[st] for st in statuses), s["by_kind"][kind]] for kind, row in s["by_kind_status"].items()]
    sugg.append(["合计", *(s["by_status"][st] for st in statuses), s["total"]])
    sugg.append(["已答复或已办结", s["answered"], _pct(s["answered_share"])])
    sugg.append(["答复用时中位数（天）", "—" if s["median_days_to_reply"] is None else s["median_days_to_reply"]])
    pr = s["proposals"]
    sugg += [["提案：" + step, n] for step, n in pr["by_step"].items() if n]
    sugg += [["提案人评价：" + k, n] for k, n in pr["satisfaction"].items()]
    sugg += [["逾期未答复：" + r["ticket"], r["content"], r["department"], r["due_on"]] for r in pr["overdue"]]
    care = [[kind, n["reported"], n["visited"]] for kind, n in c["by_kind"].items()]
    care.append(["合计", c["total"], c["visited"]])
    names = o["status_names"]
    push = [[kind, *(line[st] for st in names)] for kind, line in o["by_kind"].items()]
    push.append(["合计", *(o["by_status"][st] for st in names)])
    push += [["跳过原因：" + reason, n] for reason, n in o["skip_reasons"].items()]
    return [
        ("活动", ["日期", "活动", *(SIGNUP_NAMES[k] for k in SIGNUP_STATES), "人数（含家属）", "签到", "状态"], acts),
        ("参与", ["范围", "会员人数", "参加人数", "参与率"], people),
        ("建议提案", ["类别", *statuses, "合计"], sugg),
        ("关怀", ["类别", "报告", "已探望"], care),
        ("推送", ["类别", *names.values()], push),
    ]


def workbook_bytes(f: dict, school: str = "") -> bytes:
    from openpyxl import Workbook  # here, not at start: 0.2 s that no chat message needs
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    period = f"{f['period']['from']} 至 {f['period']['to']}"
    for name, header, rows in sections(f):
        sheet = book.create_sheet(name)
        sheet.append([f"{school}工会工作统计（{f['period']['name']}，{period}）：{name}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
