"""The activities' console pages: list, new, edit, close, cancel (everyone signed up is told through
the outbox); the dashboard's upcoming activities. The sign-up list's own actions (add, remove,
party size, 签到, export) are in handlers/activities/signups_console.py."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for

from bot.console.kit import EVERYONE, OFFICERS, Pages, confirmed, form, now, small_int
from bot.console.shell import audit, bot, store
from bot.registry import registry
from handlers.activities.announce import announce, tell_signed_up
from storage.activities import AUDIENCE_LABELS, valid_audience

pages = registry.console(Pages(__name__))
registry.page("活动", "console.activities", match="activit", order=20)
registry.push_kind("activity_cancelled", "活动取消")
SIGNUP_STATUS = {"confirmed": "已报名", "waitlisted": "候补", "cancelled": "已取消"}


@registry.dashboard_tile("upcoming_activities", "console/tile_upcoming.html", order=90, wide=True)
def _upcoming(s, _day: dt.date) -> dict:
    counts = s.activities.signup_counts()
    return {"upcoming": [(a, counts.get(a.id, {})) for a in s.activities.upcoming()[:8]]}


def _activity_fields(errors: list[str]) -> dict:
    def when(name: str, label: str, required: bool) -> str | None:
        value = form(name, 20).replace("T", " ")
        if not value:
            if required:
                errors.append(f"请填写{label}")
            return None
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M").strftime("%Y-%m-%d %H:%M")
        except ValueError:
            errors.append(f"{label}请写成“2026-09-25 16:00”这样的年-月-日 时:分")
            return None

    title = form("title", 60)
    if not title:
        errors.append("请填写活动名称")
    elif len(title) > 40:
        errors.append("活动名称不超过 40 字")
    starts_at = when("starts_at", "开始时间", True)
    deadline = when("deadline", "报名截止时间", False)
    ends_at = when("ends_at", "结束时间", False)
    if starts_at and deadline and deadline > starts_at:
        errors.append("报名截止时间应早于开始时间")
    if starts_at and ends_at and ends_at <= starts_at:
        errors.append("结束时间应晚于开始时间")
    allow_companions = int(request.form.get("allow_companions") == "1")
    max_companions = small_int(form("max_companions", 10) or "1")
    if max_companions is None or not 1 <= max_companions <= 9:
        max_companions = 1
        if allow_companions:
            errors.append("每位老师可带的家属人数应为 1 到 9")
    capacity_text = form("capacity", 10)
    capacity = None
    if capacity_text:
        capacity = small_int(capacity_text)
        if capacity is None or not 1 <= capacity <= 100_000:
            capacity = None
            errors.append("名额应为正整数（不限名额请留空）")
    audience = form("audience", 40) or "all"
    if audience == "group:":
        audience = "group:" + form("group", 30)
    if not valid_audience(audience):
        errors.append("参加对象无效")
    return {"title": title, "starts_at": starts_at, "deadline": deadline, "capacity": capacity,
            "place": form("place", 60), "audience": audience, "notes": form("notes", 500), "ends_at": ends_at,
            "allow_companions": allow_companions, "max_companions": max_companions}


@pages.get("/activities", roles=EVERYONE)
def activities():
    s = store()
    show = request.args.get("show", "upcoming")
    rows = s.activities.all() if show == "all" else s.activities.upcoming(include_cancelled=True)
    counts = s.activities.signup_counts()
    return render_template("console/activities.html", rows=[(a, counts.get(a.id, {})) for a in rows], show=show,
                           now=now().strftime("%Y-%m-%d %H:%M"))


@pages.route("/activities/new", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def activity_new():
    errors: list[str] = []
    values = {"audience": "all"}
    if request.method == "POST":
        values = _activity_fields(errors)
        if not errors:
            activity = store().activities.add(**values)
            audit("新建活动", f"#{activity.id} {activity.title}",
                  {k: v for k, v in values.items() if v and (k != "max_companions" or values["allow_companions"])})
            flash(f"已创建活动「{activity.title}」，老师们现在可以在聊天中报名。")
            if request.form.get("announce") == "1":
                report = announce(bot(), activity)
                audit("发布活动通知", f"#{activity.id} {activity.title}",
                      {"对象": report.audience, "待发送": report.written, "未能送达": len(report.skipped)})
                flash(report.summary() + "（由定时发送程序在一分钟内发出；未能送达的原因见“推送”页）。")
            return redirect(url_for("console.activity", activity_id=activity.id))
    return render_template("console/activity_form.html", activity=None, values=values, errors=errors,
                           audiences=AUDIENCE_LABELS, groups=store().members.groups()), 400 if errors else 200


@pages.route("/activities/<int:activity_id>", methods=["GET", "POST"], roles=EVERYONE, post_roles=OFFICERS)
def activity(activity_id: int):
    s = store()
    item = s.activities.get(activity_id) or abort(404)
    errors: list[str] = []
    values = {k: getattr(item, k) for k in s.activities.EDITABLE}
    if request.method == "POST":
        values = _activity_fields(errors)
        stamp = now().strftime("%Y-%m-%d %H:%M")
        if item.starts_at <= stamp < (values["starts_at"] or ""):  # else it could be cancelled after all (_begun)
            errors.append(f"「{item.title}」已经开始或已举行，开始时间不能改到以后；如要改期，请新建一个活动。")
        if not errors:
            changed = {k: v for k, v in values.items() if getattr(item, k) != v}
            after = s.activities.update(item.id, **changed)
            if changed:
                told = tell_signed_up(s, item, after)
                audit("修改活动", f"#{item.id} {item.title}", {**changed, **({"通知人数": told} if told else {})})
                flash("已保存活动修改。" + (f"时间/地点有变，将通知已报名和候补的 {told} 位老师。" if told else ""))
            return redirect(url_for("console.activity", activity_id=item.id))
    return render_template("console/activity.html", activity=item, values=values, errors=errors,
                           audiences=AUDIENCE_LABELS, groups=s.members.groups(),
                           signups=s.signups.for_activity(item.id), labels=SIGNUP_STATUS,
                           now=now().strftime("%Y-%m-%d %H:%M"), **_search()), 400 if errors else 200


def _search() -> dict:
    """Members to add to the sign-up: found by 姓名 or 工号 (not by phone), in the roster and active."""
    q = request.args.get("q", "").strip()[:20]
    if not q:
        return {"q": "", "matches": []}
    found, _ = store().members.search(q, limit=50)
    return {"q": q, "matches": [m for m in found if m.active and (q in m.name or q in m.staff_no)][:20]}


@pages.post("/activities/<int:activity_id>/close", roles=OFFICERS)
def activity_close(activity_id: int):
    item = store().activities.get(activity_id) or abort(404)
    if _begun(item):
        return _begun(item)
    asked = confirmed(f"立即截止「{item.title}」的报名？", "活动照常举行，但从现在起不再接受报名和候补。",
                      "确认截止报名", url_for("console.activity", activity_id=item.id))
    if asked:
        return asked
    store().activities.close(item.id)
    audit("截止报名", f"#{item.id} {item.title}")
    flash(f"「{item.title}」已截止报名。")
    return redirect(url_for("console.activity", activity_id=item.id))


CANCEL_PUSH = "{name}老师，您报名的「{title}」（{when}{place}）已取消。{reason}给您带来不便，敬请谅解。"


def _begun(item):
    """An activity that has begun is neither closed nor cancelled: a cancellation would tell everyone
    who came that it did not take place, and take it out of the term report."""
    if item.starts_at > now().strftime("%Y-%m-%d %H:%M"):
        return None
    flash(f"「{item.title}」已经开始或已举行，不能再截止报名或取消。")
    return redirect(url_for("console.activity", activity_id=item.id))


@pages.post("/activities/<int:activity_id>/cancel", roles=OFFICERS)
def activity_cancel(activity_id: int):
    """Cancel and tell everyone signed up (confirmed and waitlisted) through the outbox."""
    s = store()
    item = s.activities.get(activity_id) or abort(404)
    if item.status == "cancelled":
        flash("该活动已经取消。")
        return redirect(url_for("console.activity", activity_id=item.id))
    if _begun(item):
        return _begun(item)
    asked = confirmed(f"取消活动「{item.title}」？", "已报名和候补的老师都会收到取消通知；取消后不能恢复。",
                      "确认取消活动", url_for("console.activity", activity_id=item.id))
    if asked:
        return asked
    reason = form("reason", 200)
    told = 0
    with s.transaction():
        s.activities.cancel(item.id)
        for row in s.signups.for_activity(item.id):
            if row["status"] not in ("confirmed", "waitlisted") or row["member_id"] is None:  # walk-ins: no way to reach
                continue
            member = s.members.get(row["member_id"])
            text = CANCEL_PUSH.format(name=member.name, title=item.title, when=item.starts_at,
                                      place=f"，{item.place}" if item.place else "",
                                      reason=f"原因：{reason}。" if reason else "")
            told += s.outbox.enqueue("activity_cancelled", member.id, text, occasion=f"activity:{item.id}",
                                     dedup_key=f"activity_cancelled|{item.id}|{member.id}")
    audit("取消活动", f"#{item.id} {item.title}", {"通知人数": told, "原因": reason})
    flash(f"「{item.title}」已取消，将通知已报名和候补的 {told} 位老师（由定时发送程序在一分钟内发出）。")
    return redirect(url_for("console.activity", activity_id=item.id))
