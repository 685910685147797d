"""The polls' console pages: the list with a form for a new poll (whose answer shows the poll's 计票密钥
once: storage/ballot_seal.py), one poll (open now, close now, count with the 计票密钥, and after
counting its result with the receipts counted). No tally is shown before counting: there is none (the
ballots wait sealed in the scratch file until then)."""

from __future__ import annotations

import datetime as dt
import re

from flask import abort, flash, redirect, render_template, url_for

from bot.console.kit import EVERYONE, OFFICERS, Pages, form
from bot.console.shell import audit, bot, store
from bot.registry import registry
from handlers.polls.notices import announce_poll, remind
from storage.polls import APPROVAL, RATING, PollError

pages = registry.console(Pages(__name__))
registry.page("投票", "console.polls", match="poll", order=35)
PRESETS = {"rating": RATING, "approval": APPROVAL}


def _time(value: str) -> str:
    return dt.datetime.fromisoformat(value.replace("T", " ")).strftime("%Y-%m-%d %H:%M")


@pages.get("/polls", roles=EVERYONE)
def polls(errors: list[str] | None = None, status: int = 200):
    s = store()
    s.polls.close_due()
    return render_template("console/polls.html", rows=s.polls.list(), errors=errors or [], groups=s.members.groups(),
                           presets={"rating": "、".join(RATING), "approval": "、".join(APPROVAL)}), status


@pages.post("/polls/new", roles=OFFICERS)
def poll_create():
    questions = [q.strip() for q in form("questions", 4000).splitlines() if q.strip()]
    preset = form("preset", 20)
    options = PRESETS.get(preset) or [o.strip() for o in re.split(r"[,，、]", form("options", 500)) if o.strip()]
    try:
        closes = _time(form("closes", 20))
        opens = _time(form("opens", 20)) if form("opens", 20) else None
        turnout = form("min_turnout", 10) or "0"
        if not re.fullmatch(r"\d+%?", turnout):
            raise PollError("最低参与人数应为人数（如 20）或比例（如 60%）")
        poll = store().polls.create(form("title", 100), [(q[:200], options) for q in questions], closes, opens,
                                    form("audience", 40) or "all", turnout, remind=form("remind", 2) != "0")
    except ValueError:
        return polls(["时间请写成“2026-09-10 17:00”这样的年-月-日 时:分"], 400)
    except PollError as exc:
        return polls([str(exc)], 400)
    audit("新建投票", f"#{poll['id']} {poll['title']}", {"截止": poll["closes_at"], "范围": poll["audience"],
                                                        "提前提醒": bool(poll["remind"])})
    # the key is on this page only (no redirect: a flash would keep it in the session): shown once
    return render_template("console/poll_key.html", poll=poll, key=poll["counting_key"])


@pages.get("/polls/<int:poll_id>", roles=EVERYONE)
def poll(poll_id: int):
    s = store()
    s.polls.close_due()
    row = s.polls.get(poll_id) or abort(404)
    result = s.polls.results(poll_id) if row["closed"] else None
    voted = s.db.scalar("SELECT count(*) FROM poll_voters WHERE poll_id = ?", (poll_id,))
    return render_template("console/poll.html", poll=row, result=result, voted=voted)


@pages.post("/polls/<int:poll_id>/<action>", roles=OFFICERS)
def poll_action(poll_id: int, action: str):
    s = store()
    if s.polls.get(poll_id) is None or action not in ("open", "close", "count", "announce", "remind", "autoremind"):
        abort(404)
    if action in ("announce", "remind"):
        return _notice(poll_id, action)
    if action == "count":
        return _count(poll_id, form("counting_key", 100))
    if action == "autoremind":
        return _autoremind(poll_id, form("on", 2))
    try:
        row = s.polls.open_now(poll_id) if action == "open" else s.polls.close(poll_id)
    except PollError as exc:
        flash(str(exc))
        return redirect(url_for("console.poll", poll_id=poll_id))
    audit("开始投票" if action == "open" else "结束投票", f"#{poll_id} {row['title']}", {})
    done = {"open": "已开始", "close": "已结束：不再接受选票。请输入计票密钥计票", "counted": "已结束并计票"}
    flash(f"“{row['title']}”{done['counted' if row['closed'] else action]}。")
    return redirect(url_for("console.poll", poll_id=poll_id))


def _count(poll_id: int, code: str):
    """计票: the officer types the poll's 计票密钥 (never stored, never in the audit or a message)."""
    try:
        row = store().polls.count(poll_id, code)
    except PollError as exc:
        flash(str(exc))
        return redirect(url_for("console.poll", poll_id=poll_id))
    audit("计票", f"#{poll_id} {row['title']}", {})
    flash(f"“{row['title']}”已计票，结果如下。")
    return redirect(url_for("console.poll", poll_id=poll_id))


def _notice(poll_id: int, action: str):
    """通知投票 / 提醒未投票的人: through the outbox (handlers/polls/notices.py)."""
    try:
        report = (announce_poll if action == "announce" else remind)(bot(), poll_id)
    except PollError as exc:
        flash(str(exc))
        return redirect(url_for("console.poll", poll_id=poll_id))
    title = store().polls.get(poll_id)["title"]
    audit("通知投票" if action == "announce" else "提醒投票", f"#{poll_id} {title}", {"待发送": report.written})
    flash(report.summary() + "。")
    return redirect(url_for("console.poll", poll_id=poll_id))


def _autoremind(poll_id: int, on: str):
    """提前提醒 on or off (handlers/polls/reminders.py)."""
    if on not in ("0", "1"):
        abort(400)
    try:
        row = store().polls.set_remind(poll_id, on == "1")
    except PollError as exc:
        flash(str(exc))
        return redirect(url_for("console.poll", poll_id=poll_id))
    audit("开启提前提醒" if row["remind"] else "关闭提前提醒", f"#{poll_id} {row['title']}", {})
    flash("已开启提前提醒：截止前一天（推送时间）自动提醒尚未投票的会员，每人一次。" if row["remind"]
          else "已关闭提前提醒：不会自动提醒，仍可随时手动提醒。")
    return redirect(url_for("console.poll", poll_id=poll_id))
