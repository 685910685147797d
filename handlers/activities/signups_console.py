"""An activity's sign-up list as a chair runs it, on the activity's console page: add a member (found
by name or 工号) or a walk-in by name, remove someone (after a confirmation page), change a party
size, mark attendance (签到: a tick per row, or 全部到场), and the print-ready export. The waitlist
rules are storage/signups.py's; whoever is added, removed or promoted is told through the outbox
(handlers/activities/notices.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from bot.console.kit import EVERYONE, OFFICERS, form, small_int
from bot.console.shell import audit, store
from handlers.activities.console import pages
from handlers.activities.notices import tell_added, tell_promoted, tell_removed
from handlers.activities.sheet import signup_sheet

OUTCOME = {"confirmed": "已加入报名名单", "waitlisted": "名额不足，已登记候补"}


def _activity(activity_id: int):
    return store().activities.get(activity_id) or abort(404)


def _back(activity_id: int, anchor: str = "signups"):
    return redirect(url_for("console.activity", activity_id=activity_id) + f"#{anchor}")


def _party(activity) -> tuple[int | None, str]:
    """The party size asked for in the form (1 if not given), or None with the reason."""
    text = form("party", 4) or "1"
    party = small_int(text)
    if party is None or party < 1:
        return None, "人数应为正整数"
    if party > activity.max_party:
        if not activity.allow_companions:
            return None, "这个活动不接受携带家属，只能本人报名（人数为 1）"
        return None, f"这个活动每位老师最多带 {activity.max_party - 1} 位家属（连本人共 {activity.max_party} 人）"
    return party, ""


@pages.post("/activities/<int:activity_id>/signups/add", roles=OFFICERS)
def signup_add(activity_id: int):
    """A member by id (from the search on the activity page) or a walk-in by name."""
    s = store()
    activity = _activity(activity_id)
    if activity.status == "cancelled":
        flash("活动已取消，不能再添加报名。")
        return _back(activity.id)
    party, problem = _party(activity)
    member_id = small_int(form("member_id", 10))
    guest = form("guest_name", 40)
    member = s.members.get(member_id) if member_id else None
    if problem or (member is None and not guest) or (member_id and member is None):
        flash(problem or ("没有找到这位会员，请重新查找。" if member_id else "请填写现场报名者的姓名。"))
        return _back(activity.id, "add")
    with s.transaction():
        outcome = s.signups.add(activity.id, member=member, guest_name="" if member else guest, party=party)
        if outcome.status == "already":
            flash(f"{member.name if member else guest}已在{'报名' if outcome.signup_status == 'confirmed' else '候补'}名单中。")
            return _back(activity.id)
        told = tell_added(s, activity, member, outcome.status, outcome.position, party) if member else 0
    who = f"{member.name}（{member.staff_no}）" if member else f"{guest}（现场报名）"
    audit("添加报名", f"#{activity.id} {activity.title}",
          {"报名人": who, "人数": party, "结果": OUTCOME[outcome.status]})
    flash(f"{who}{OUTCOME[outcome.status]}" + (f"（候补第 {outcome.position} 位）" if outcome.position else "")
          + ("，已通知本人。" if told else "。"))
    return _back(activity.id)


def _row(activity_id: int, signup_id: int) -> dict:
    row = store().signups.by_id(signup_id)
    if row is None or row["activity_id"] != activity_id:
        abort(404)
    return next(r for r in store().signups.for_activity(activity_id) if r["id"] == signup_id)


@pages.post("/activities/<int:activity_id>/signups/<int:signup_id>/remove", roles=OFFICERS)
def signup_remove(activity_id: int, signup_id: int):
    """First a confirmation page; with confirm=1 the sign-up is taken off and the waitlist moves."""
    s = store()
    activity = _activity(activity_id)
    row = _row(activity.id, signup_id)
    if row["status"] not in ("confirmed", "waitlisted"):
        flash(f"{row['name']}已不在名单中。")
        return _back(activity.id)
    if request.form.get("confirm") != "1":
        return render_template("console/signup_remove.html", activity=activity, row=row)
    with s.transaction():
        before, promoted = s.signups.remove(signup_id)
        if before is None:
            flash(f"{row['name']}已不在名单中。")
            return _back(activity.id)
        member = s.members.get(before["member_id"]) if before["member_id"] else None
        told = tell_removed(s, activity, member, before["status"]) if member else 0
        told += tell_promoted(s, activity, promoted)
    names = "、".join(s.members.get(m).name for m in promoted)
    audit("移出报名", f"#{activity.id} {activity.title}",
          {"报名人": row["name"], **({"递补": names} if names else {}), "通知人数": told})
    flash(f"已将{row['name']}移出名单。" + (f"候补的{names}已转为正式报名，" if names else "")
          + (f"将通知 {told} 位老师。" if told else ""))
    return _back(activity.id)


@pages.post("/activities/<int:activity_id>/signups/<int:signup_id>/party", roles=OFFICERS)
def signup_party(activity_id: int, signup_id: int):
    s = store()
    activity = _activity(activity_id)
    row = _row(activity.id, signup_id)
    party, problem = _party(activity)
    if problem:
        flash(problem)
        return _back(activity.id)
    with s.transaction():
        ok, promoted = s.signups.set_party(signup_id, party)
        told = tell_promoted(s, activity, promoted) if ok else 0
    if not ok:
        flash(f"剩余名额不够，{row['name']}的人数没有改动。")
        return _back(activity.id)
    audit("修改报名人数", f"#{activity.id} {activity.title}", {"报名人": row["name"], "人数": f"{row['party']} → {party}"})
    flash(f"{row['name']}的报名人数已改为 {party} 人。" + (f"空出的名额已递补 {told} 位候补老师。" if told else ""))
    return _back(activity.id)


def _ids(name: str) -> set[int]:
    return {int(x) for x in request.form.getlist(name)[:5000] if x.isascii() and x.isdigit() and len(x) <= 18}


@pages.post("/activities/<int:activity_id>/attendance", roles=OFFICERS)
def attendance(activity_id: int):
    """签到 from the console: the ticks as shown on the page (only what the chair changed is written,
    so a teacher's own 签到 meanwhile is kept), or everyone confirmed with 全部到场."""
    s = store()
    activity = _activity(activity_id)
    if request.form.get("all") == "1":
        n = s.signups.all_present(activity.id)
        audit("签到", f"#{activity.id} {activity.title}", {"全部到场": n})
        flash(f"已将 {n} 位标记为到场。" if n else "已报名的都已签到。")
        return _back(activity.id)
    shown, before, ticked = _ids("shown"), _ids("was"), _ids("present")
    changes = {sid: sid in ticked for sid in shown if (sid in ticked) != (sid in before)}
    n = s.signups.set_attended(activity.id, changes)
    if n:
        audit("签到", f"#{activity.id} {activity.title}",
              {"到场": sum(changes.values()), "撤销": len(changes) - sum(changes.values())})
    flash(f"已保存签到（{n} 处改动）。" if n else "签到没有改动。")
    return _back(activity.id)


@pages.get("/activities/<int:activity_id>/signups", roles=EVERYONE)
def activity_export(activity_id: int):
    activity = _activity(activity_id)
    return signup_sheet(activity, store().signups.for_activity(activity.id), request.args.get("format", ""))
