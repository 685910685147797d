"""What the import preview shows for each row of the file: the member it becomes (the birthday as
understood, 农历 and 闰月 spelled out; role, status, group) and, for a member already on file, only
what changes. Rows that change nothing are counted, not listed."""

from __future__ import annotations

from handlers.roster import ImportPlan

MONTHS = ["正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月"]
TENS = ["初", "十", "廿", "三"]
DIGITS = "一二三四五六七八九十"


def lunar_day(d: int) -> str:
    """初一 … 初十, 十一 … 二十, 廿一 … 三十."""
    if d == 10:
        return "初十"
    if d == 20:
        return "二十"
    if d == 30:
        return "三十"
    return TENS[d // 10] + DIGITS[d % 10 - 1]


def birthday_words(date: str, calendar: str, leap: str) -> str:
    """'公历 1986-11-02', '农历 1986 年八月十五', '农历 2020 年闰四月初八（闰月）'; '未填' without a date."""
    if not date:
        return "未填"
    if calendar != "农历":
        return f"公历 {date}"
    y, m, d = (int(p) for p in date.split("-"))
    if leap == "是":
        return f"农历 {y} 年闰{MONTHS[m - 1]}{lunar_day(d)}（闰月）"
    return f"农历 {y} 年{MONTHS[m - 1]}{lunar_day(d)}"


def preview_rows(plan: ImportPlan) -> list[dict]:
    """Added and changed members in the file's row order, each with what it will be and what changes."""
    rows = []
    for cells in plan.added:
        rows.append(_row(plan, cells, "新增", []))
    for cells, changes in plan.updated:
        words = [f"{h}：{old or '（空）'} → {new or '（空）'}" for h, (old, new) in changes.items()]
        rows.append(_row(plan, cells, "修改", words))
    return sorted(rows, key=lambda r: r["行"])


def _row(plan: ImportPlan, cells: dict[str, str], action: str, changes: list[str]) -> dict:
    return {"行": plan.row_of.get(cells["工号"], 0), "工号": cells["工号"], "姓名": cells["姓名"], "做什么": action,
            "生日": birthday_words(cells["出生日期"], cells["生日历法"], cells["闰月"]), "角色": cells["角色"],
            "状态": cells["状态"], "工会小组": cells["工会小组"] or "（无）", "修改": changes}
