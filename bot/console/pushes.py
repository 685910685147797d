"""The push page: the log first (newest first, 50 to a page, each row with its message, kind, person,
channel and status in words, 重发 only where a resend can help), then the scheduler's plan for the
coming days, then the test message. Resending and the test message are sent in the request."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.console.kit import CHANNEL_NAMES, int_arg, now, today
from bot.console.shell import EVERYONE, OFFICERS, allow, audit, bot, bp, store
from bot.console.words import advice, channel_name, plain_reason, resend_helps

PUSH_STATUS = {"pending": "待发送", "sending": "发送中", "sent": "已发送", "failed": "失败", "skipped": "跳过"}
LOG_PAGE = 50
SHORT = 36  # characters of a message shown before 展开


def _bound(member_ids: list[int]) -> set[int]:
    """Members bound on a channel the bot can push on."""
    from bot.push import PREFERENCE

    bindings = store().bindings.for_push(member_ids)
    return {m for m, rows in bindings.items() if any(b["channel"] in PREFERENCE for b in rows)}


@bp.get("/pushes")
@allow(EVERYONE)
def pushes():
    from bot.scheduler import preview

    status = request.args.get("status", "")
    statuses = (status,) if status in PUSH_STATUS else ()
    page = max(1, int_arg("page", 1))
    days = min(max(int_arg("days", 60), 1), 60)
    total = store().outbox.count_recent("", statuses)
    rows = store().outbox.recent("", statuses, limit=LOG_PAGE, offset=(page - 1) * LOG_PAGE)
    bound = _bound([r["member_id"] for r in rows if r["member_id"]])
    log = [{**r, "short": r["text"] if len(r["text"]) <= SHORT else r["text"][:SHORT] + "…",
            "resend": resend_helps(r, r["member_id"] in bound)} for r in rows]
    me = store().members.by_staff_no(current_user.row["staff_no"]) if current_user.row["staff_no"] else None
    plan = preview(bot(), today(), days, CHANNEL_NAMES)
    return render_template("console/pushes.html", plan=plan, days=days, log=log, status=status,
                           statuses=PUSH_STATUS, me=me, page=page, pages=max(1, -(-total // LOG_PAGE)), total=total)


def _send_now(row_ids: list[int]):
    """Send these rows at once, in the request (one resend or test message: the officer waits for its
    answer). Everything else is sent by the scheduler within a minute."""
    from bot.push import Sender

    return Sender(store(), bot().clock, bot().config, bot().transports()).send_now(row_ids)


def _outcome(row: dict) -> str:
    reason = plain_reason(row["reason"])
    return PUSH_STATUS[row["status"]] + (f"（{reason}）" if reason else "")


@bp.post("/pushes/<int:row_id>/resend")
@allow(post=OFFICERS)
def push_resend(row_id: int):
    row = store().outbox.get(row_id) or abort(404)
    status, page = request.form.get("status", ""), request.form.get("page", "")
    back = redirect(url_for("console.pushes", status=status if status in PUSH_STATUS else None,
                            page=int(page) if page.isascii() and page.isdigit() and len(page) < 6 else None))
    if not resend_helps(row, bool(_bound([row["member_id"]])) if row["member_id"] else False):
        flash("这条消息重发也送不到：" + (advice(plain_reason(row["reason"])) if row["status"] in ("failed", "skipped")
                                          else "只有发送失败的消息可以重发。"))
        return back
    if not store().outbox.requeue(row_id):
        flash("只有发送失败的消息可以重发。")
        return back
    report = _send_now([row_id])
    after = store().outbox.get(row_id)
    audit("重发推送", f"#{row_id}", {"对象": row["staff_no"] or row["target"], "结果": PUSH_STATUS[after["status"]]})
    flash(f"重发结果：{_outcome(after)}" + ("，稍后自动重试" if report.deferred else ""))
    return back


@bp.post("/pushes/test")
@allow(post=OFFICERS)
def push_test():
    staff_no = current_user.row["staff_no"]
    member = store().members.by_staff_no(staff_no) if staff_no else None
    if member is None:
        flash("您的后台账号没有关联工号，无法发送测试消息（请管理员在“账号”页填写工号）。")
        return redirect(url_for("console.pushes"))
    stamp = now().isoformat(timespec="seconds")
    text = f"【测试消息】{member.name}老师，这是工会小助手管理后台发出的测试消息（{stamp[:16].replace('T', ' ')}）。"
    store().outbox.enqueue("test", member.id, text, occasion="console-test", dedup_key=f"test|{member.id}|{stamp}")
    row_id = store().db.scalar("SELECT id FROM outbox WHERE dedup_key = ?", (f"test|{member.id}|{stamp}",))
    _send_now([row_id])
    after = store().outbox.get(row_id)
    audit("发送测试消息", member.staff_no, {"结果": PUSH_STATUS[after["status"]]})
    flash(f"测试消息：{PUSH_STATUS[after['status']]}"
          + (f"，经{channel_name(after['channel'])}" if after["channel"] else "")
          + (f"（{plain_reason(after['reason'])}）" if after["reason"] else ""))
    return redirect(url_for("console.pushes"))
