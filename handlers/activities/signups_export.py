"""The committee's CLI for sign-up lists: `python -m bot signups export 活动编号 文件` (.xlsx or .csv)."""

from __future__ import annotations

from bot.cli import command, group
from bot.registry import registry
from bot.spreadsheet import TableError, write_table

STATUS_LABELS = {"confirmed": "已报名", "waitlisted": "候补", "cancelled": "已取消"}
EXPORT_HEADERS = ["序号", "工号", "姓名", "工会小组", "手机", "状态", "报名时间", "人数", "签到"]


def _cmd_export(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    activity = bot.store.activities.get(args.activity_id)
    if activity is None:
        raise SystemExit(f"没有编号为 {args.activity_id} 的活动（python -m bot activities list 查看）")
    rows = bot.store.signups.for_activity(activity.id)
    table = [[i, r["staff_no"], r["name"], r["group_name"], r["phone"], STATUS_LABELS[r["status"]],
              r["created_at"][:16].replace("T", " "), r["party"], r["attended_at"] or ""] for i, r in enumerate(rows, 1)]
    try:
        write_table(args.file, EXPORT_HEADERS, table, title=activity.title or "报名")
    except TableError as exc:
        raise SystemExit(str(exc)) from None
    print(f"已导出「{activity.title}」报名 {len(table)} 条到 {args.file}")
    return 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "signups", "sign-up lists (export)")
    ex = command(inner, "export", "export one activity's sign-ups to .xlsx or .csv", _cmd_export)
    ex.add_argument("activity_id", type=int, help="activity id (see activities list)")
    ex.add_argument("file", help="output file, .xlsx or .csv")

