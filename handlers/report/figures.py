"""The term report's figures (issue 21): one pure function over the store, `term_figures`, whose
dict the console page, the spreadsheet and `python -m bot report` all show. Category names are
given in Chinese here, so every reader of the dict shows the same words."""

from __future__ import annotations

import datetime as dt
import statistics

from bot.registry import registry
from storage.proposals import SATISFACTION
from storage.suggestions import STATUSES

SIGNUP_STATES = ("confirmed", "waitlisted", "cancelled")
SIGNUP_NAMES = {"confirmed": "已报名", "waitlisted": "候补", "cancelled": "已取消"}
ANSWERED = ("已答复", "已办结")
SUGGESTION_KINDS = ("建议", "提案", "投诉")
CARE_KINDS = ("生病住院", "丧事", "结婚", "生育", "困难")
PUSH_STATES = ("sent", "skipped", "failed", "pending")
PUSH_STATUS_NAMES = {"sent": "已发送", "skipped": "跳过", "failed": "失败", "pending": "待发送", "sending": "发送中"}
# kinds the features do not name with registry.push_kind (the shell's own, care's notice to the committee)
PUSH_KIND_NAMES = {"admin_warning": "系统提醒", "test": "测试消息", "care": "关怀报告（告知委员）"}


def term_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The school term holding `day`: autumn Aug 20 – Jan 31, spring Feb 1 – Aug 19."""
    if day.month == 1:
        return dt.date(day.year - 1, 8, 20), dt.date(day.year, 1, 31)
    if (day.month, day.day) >= (8, 20):
        return dt.date(day.year, 8, 20), dt.date(day.year + 1, 1, 31)
    return dt.date(day.year, 2, 1), dt.date(day.year, 8, 19)


def term_name(start: dt.date, end: dt.date) -> str:
    """'2026年秋季学期' when the period is exactly a term, else '2026-09-01 至 2026-10-31'."""
    if term_of(start) == (start, end):
        return f"{start.year}年{'秋季' if start.month == 8 else '春季'}学期"
    return f"{start.isoformat()} 至 {end.isoformat()}"


def kind_name(kind: str) -> str:
    return {**PUSH_KIND_NAMES, **registry.push_kinds}.get(kind, "其他类型")


def reason_name(reason: str) -> str:
    """A reason in words (older rows name the channel by its code: "wecom 未配置推送")."""
    from bot.console.words import plain_reason

    return plain_reason(reason) or "未说明"


def _within(day: str, start: dt.date, end: dt.date) -> bool:
    return start.isoformat() <= day[:10] <= end.isoformat()


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _median(values: list[int]) -> float | int | None:
    """Days, a half-day only when the two middle values differ by an odd number."""
    if not values:
        return None
    m = statistics.median(values)
    return int(m) if m == int(m) else m


def _activities(store, start, end) -> dict:
    counts = store.activities.signup_counts()
    present = store.signups.people_and_attendance()
    now = store.clock.now().strftime("%Y-%m-%d %H:%M")  # starts_at is local "YYYY-MM-DD HH:MM"
    rows, cancelled = [], 0
    for a in sorted(store.activities.all(), key=lambda a: a.starts_at):
        if not _within(a.starts_at, start, end):
            continue
        if a.status == "cancelled":
            cancelled += 1
            continue
        n = counts.get(a.id, {})
        people, came = present.get(a.id, (0, 0))
        rows.append({"id": a.id, "title": a.title, "date": a.starts_at[:10], "upcoming": a.starts_at > now,
                     **{s: n.get(s, 0) for s in SIGNUP_STATES}, "people": people, "attended": came})
    total = {s: sum(r[s] for r in rows) for s in SIGNUP_STATES}
    held = [r for r in rows if not r["upcoming"]]
    return {"held": len(rows), "upcoming": sum(r["upcoming"] for r in rows), "cancelled_activities": cancelled,
            "list": rows, "total": total, "people": sum(r["people"] for r in rows),
            # attendance (签到) of the activities already held: people who came of people signed up
            "attended": sum(r["attended"] for r in held), "attendance_share": _share(
                sum(r["attended"] for r in held), sum(r["people"] for r in held))}


def _participation(store, start, end, activity_ids: set[int]) -> dict:
    members = store.members.all()
    by_staff = {m.staff_no: m for m in members}
    joined: set[str] = set()
    for activity_id in activity_ids:
        joined |= {r["staff_no"] for r in store.signups.for_activity(activity_id) if r["status"] == "confirmed"}
    current = [m for m in members if m.status != "离职" or m.staff_no in joined]
    people = [by_staff[s] for s in joined if s in by_staff]

    def line(label: str, test) -> dict:
        size, came = sum(1 for m in current if test(m)), sum(1 for m in people if test(m))
        return {"label": label, "members": size, "participants": came, "share": _share(came, size)}

    groups = sorted({m.group_name or "未分组" for m in current})
    return {
        "participants": len(people),
        "members": len(current),
        "share": _share(len(people), len(current)),
        "by_group": [line(g, lambda m, g=g: (m.group_name or "未分组") == g) for g in groups],
        "women": line("女教职工", lambda m: m.gender == "女"),
        "retired": line("退休教职工", lambda m: m.status == "退休"),
    }


def _suggestions(store, start, end) -> dict:
    rows = [r for r in store.suggestions.list() if _within(r["created_on"], start, end)]
    kinds = list(SUGGESTION_KINDS) + sorted({r["kind"] for r in rows} - set(SUGGESTION_KINDS))
    by_kind = {k: sum(1 for r in rows if r["kind"] == k) for k in kinds}
    by_status = {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES}
    by_kind_status = {k: {s: sum(1 for r in rows if r["kind"] == k and r["status"] == s) for s in STATUSES}
                      for k in kinds}
    answered = sum(1 for r in rows if r["status"] in ANSWERED)
    waits = [(dt.date.fromisoformat(r["replied_at"][:10]) - dt.date.fromisoformat(r["created_on"][:10])).days
             for r in rows if r["replied_at"]]
    return {"total": len(rows), "by_kind": by_kind, "by_status": by_status, "by_kind_status": by_kind_status,
            "answered": answered, "answered_share": _share(answered, len(rows)),
            "median_days_to_reply": _median(waits), "replied": len(waits), "proposals": _proposals(store, rows)}


def _proposals(store, rows: list[dict]) -> dict:
    """The term's proposals (教代会提案) by step, the overdue ones (past the 交办 due date without an
    answer), their 附议 and the proposers' satisfaction."""
    mine = [r for r in rows if r["kind"] == "提案"]
    seconds = store.proposals.second_counts()
    satisfaction = {answer: sum(1 for r in mine if r["satisfaction"] == answer) for answer in SATISFACTION}
    overdue = [{"ticket": r["ticket"], "content": r["content"][:40], "department": r["department"], "due_on": r["due_on"]}
               for r in store.proposals.overdue(mine)]
    return {"total": len(mine), "by_step": store.proposals.by_step(mine), "overdue": overdue,
            "seconded": sum(1 for r in mine if seconds.get(r["ticket"])),
            "seconds": sum(seconds.get(r["ticket"], 0) for r in mine), "satisfaction": satisfaction}


def _care(store, start, end) -> dict:
    rows = [r for r in store.care.list() if _within(r["created_at"], start, end)]
    kinds = list(CARE_KINDS) + sorted({r["event_kind"] or "其他" for r in rows} - set(CARE_KINDS))
    by_kind = {k: {"reported": 0, "visited": 0} for k in kinds}
    for r in rows:
        line = by_kind[r["event_kind"] or "其他"]
        line["reported"] += 1
        line["visited"] += int(bool(r["visited_at"]))
    visited = sum(1 for r in rows if r["visited_at"])
    return {"total": len(rows), "visited": visited, "visited_share": _share(visited, len(rows)), "by_kind": by_kind}


def _pushes(store, start, end) -> dict:
    rows = [r for r in store.outbox.list() if _within(r["send_on"], start, end)]
    by_kind: dict[str, dict[str, int]] = {}
    reasons: dict[str, int] = {}
    for r in rows:
        status = r["status"] if r["status"] in PUSH_STATES else "pending"  # 发送中 is still to be sent
        line = by_kind.setdefault(kind_name(r["kind"]), {s: 0 for s in PUSH_STATES})
        line[status] += 1
        if status == "skipped":
            reason = reason_name(r["reason"])
            reasons[reason] = reasons.get(reason, 0) + 1
    total = {s: sum(line[s] for line in by_kind.values()) for s in PUSH_STATES}
    return {"total": len(rows), "by_status": total, "by_kind": dict(sorted(by_kind.items())),
            "skip_reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
            "status_names": {s: PUSH_STATUS_NAMES[s] for s in PUSH_STATES}}


def term_figures(store, start: dt.date, end: dt.date) -> dict:
    """Everything the 工作总结 needs about the days start..end (both included)."""
    activities = _activities(store, start, end)
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat(), "name": term_name(start, end)},
        "activities": activities,
        "participation": _participation(store, start, end, {a["id"] for a in activities["list"]}),
        "suggestions": _suggestions(store, start, end),
        "care": _care(store, start, end),
        "pushes": _pushes(store, start, end),
    }
