"""One-time binding codes on paper: the 管理员 picks members who cannot bind with a phone (none on file)
or have not bound yet, and prints a slip per member with a fresh code (handlers/binding/codes.issue_code:
random, only a hash stored, valid until used or for the days chosen). The teacher sends
"绑定码 K7P2Q9MX" in chat and is bound, once. The codes are shown on this one page only: a lost sheet
is regenerated, which voids the codes printed before. Admin only: a code is a way into a member's
identity, like the phone number."""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request, url_for

from bot.console.kit import Pages, form, now
from bot.console.shell import admin_only, audit, bot, store
from bot.registry import registry
from handlers.binding.codes import issue_code
from storage.members import PLATFORMS

pages = registry.console(Pages(__name__))
WHO = {"all": "没有登记手机或尚未绑定", "nophone": "没有登记手机", "unbound": "尚未绑定"}
DAYS = (7, 14, 30)
MAX_SLIPS = 1000


def _candidates(s, who: str, group: str) -> list:
    """Members still with the school (在职, 退休) who need a code, by who."""
    bound = set(_bound(s))
    out = []
    for m in s.members.all_active():
        if group and m.group_name != group:
            continue
        need = {"nophone": not m.phone, "unbound": m.id not in bound, "all": not m.phone or m.id not in bound}[who]
        if need:
            out.append(m)
    return sorted(out, key=lambda m: (m.group_name, m.staff_no))


def _bound(s) -> dict[int, int]:
    """member id → how many chat platforms they are bound on."""
    marks = ", ".join("?" for _ in PLATFORMS)
    return {r["member_id"]: r["n"] for r in s.db.query(
        f"SELECT member_id, count(*) AS n FROM bindings WHERE channel IN ({marks}) GROUP BY member_id", PLATFORMS)}


@pages.get("/members/codes")
@admin_only
def members_codes():
    s = store()
    who = request.args.get("who", "all") if request.args.get("who") in WHO else "all"
    group = request.args.get("group", "")[:40]
    rows = _candidates(s, who, group)
    bound = _bound(s)
    return render_template("console/members_codes.html", rows=rows, who=who, whos=WHO, group=group,
                           groups=s.members.groups(), bound=bound, expiry=s.bindings.code_expiry(), days=DAYS)


@pages.post("/members/codes")
@admin_only
def members_codes_print():
    s = store()
    ids = [int(v) for v in request.form.getlist("member") if v.isascii() and v.isdigit() and len(v) <= 9]
    days = int(form("days", 3)) if form("days", 3) in {str(d) for d in DAYS} else DAYS[0]
    replace = form("replace", 5) == "yes"
    expiry = s.bindings.code_expiry()
    slips, kept = [], []
    with s.transaction():  # the whole sheet or nothing
        for member_id in dict.fromkeys(ids[:MAX_SLIPS]):
            member = s.members.get(member_id)
            if member is None or not member.active:
                continue
            if member.id in expiry and not replace:
                kept.append(member)
                continue
            slips.append((member, issue_code(s, member.id, bot().clock, days)))
    if not slips:
        flash("没有生成绑定码：请勾选会员（已有有效绑定码的，需勾选“重新生成”）。")
        return redirect(url_for("console.members_codes"))
    audit("生成绑定码", "", {"人数": len(slips), "工号": "、".join(m.staff_no for m, _ in slips), "有效天数": days})
    return render_template("console/members_codes_print.html", slips=slips, kept=kept, days=days,
                           until=(now() + dt.timedelta(days=days)).strftime("%Y-%m-%d %H:%M"))
