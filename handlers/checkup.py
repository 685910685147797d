"""checkup_query: "今年体检什么时候", "要空腹吗", "妇女病普查" → the next checkup for this member."""

from __future__ import annotations

import datetime as dt

from bot.engine import Context
from bot.registry import registry
from handlers._common import fmt_date
from storage.activities import audience_allows, audience_label

NONE = "近期还没有体检安排。工会确定时间后会提前通知大家。"
ONLY_FOR_OTHERS = "{title}面向{audience}。{rest}"


def _describe(row: dict) -> str:
    start, end = dt.date.fromisoformat(row["start_date"]), dt.date.fromisoformat(row["end_date"])
    when = fmt_date(start) if start == end else f"{fmt_date(start)}至{fmt_date(end)}"
    lines = [f"【{row['title']}】", f"时间：{when}", f"地点：{row['place'] or '待定'}"]
    if row["notes"]:
        lines.append(f"注意：{row['notes']}")
    if row["audience"] != "all":
        lines.append(f"对象：{audience_label(row['audience'])}")
    return "\n".join(lines)


@registry.intent(
    "checkup_query",
    keywords={"体检": 4, "体建": 4, "休检": 3, "检查身体": 3, "空腹": 3, "妇女病": 4, "普查": 2, "两癌": 4,
              "抽血": 2, "妇科": 3, "体检中心": 3, "医院检查": 2, "健康检查": 4, "体检报告": 3},
    patterns=[(r"(体检|体建|普查).{0,8}(什么时候|几号|哪天|在哪|时间|地点|安排)", 1)],
    negatives={"建议": 2, "投诉": 2},
    menu="体检安排：今年体检什么时候 / 要空腹吗",
    menu_order=8,
    words=["体检", "体建", "妇女病", "两癌", "空腹"],
)
def checkup_query(ctx: Context) -> str:
    rows = ctx.store.checkups.upcoming()
    if not rows:
        return NONE
    member = ctx.member
    mine = [r for r in rows if audience_allows(r["audience"], member)]
    wants_women = any(w in ctx.text for w in ("妇女病", "两癌", "妇科"))
    if wants_women:
        women = [r for r in rows if r["audience"] == "female"]
        if women and member is not None and not audience_allows("female", member):
            return ONLY_FOR_OTHERS.format(title=women[0]["title"], audience="女教职工",
                                          rest="您的体检安排：\n" + _describe(mine[0]) if mine else "")
        mine = [r for r in mine if r["audience"] == "female"] or mine
    if not mine:
        return NONE
    text = "\n\n".join(_describe(r) for r in mine)
    if member is None and any(r["audience"] != "all" for r in rows):
        text += "\n\n绑定身份后可查看专门面向您的体检安排（如妇女病普查）。"
    return text
