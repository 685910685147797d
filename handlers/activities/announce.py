"""Telling teachers about an activity through the outbox.

- `announce`: a new activity to every member its audience allows (kind `announcement`), once per
  member whatever is run again (key announcement|activity|member). Each row is routed when written,
  as the day's duties are (bot/push.py `route`), so a member who cannot be reached (未绑定, 48 小时窗口,
  无推送权限) has a skipped row saying why, never silence. A member who turned greetings off
  (别再推送了) still gets announcements: they are notices, like checkup notices; only "别发活动通知了"
  (handlers/unsubscribe.py) stops them, and that member's row says so.
- `tell_signed_up`: a change of time or place to everyone signed up or waitlisted (kind
  `activity_changed`), once per member and per new time/place.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.push import route
from bot.registry import registry
from handlers._common import fmt_dt
from storage.activities import Activity, audience_allows, audience_label

registry.push_kind("announcement", "活动通知")
registry.push_kind("activity_changed", "活动变更")

ANNOUNCE = "【工会活动】{title}\n时间：{when}\n地点：{place}{extra}\n回复“报名{title}”即可报名，回复“最近有什么活动”查看全部。"
SKIP_OPTED_OUT = "本人已关闭活动通知"
CHANGED = "{name}老师，您报名的「{title}」有变动：{what}。如不能参加，请回复“取消{title}”。"


@dataclass
class Announced:
    audience: int = 0  # members the audience allows
    written: int = 0  # new rows to send
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (工号, 姓名, reason) of new skipped rows
    already: int = 0  # announced before: nothing written
    label: str = "活动通知"

    def summary(self) -> str:
        reasons: dict[str, int] = {}
        for _, _, reason in self.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
        text = f"{self.label}：对象 {self.audience} 人，待发送 {self.written} 人"
        if reasons:
            text += "；未能送达 " + "，".join(f"{r} {n} 人" for r, n in reasons.items())
        if self.already:
            text += f"；{self.already} 人此前已通知，不再重复"
        return text


def announcement_text(activity: Activity) -> str:
    extra = []
    if activity.deadline:
        extra.append(f"报名截止：{fmt_dt(activity.deadline_at)}")
    if activity.capacity:
        extra.append(f"名额：{activity.capacity} 人")
    if activity.audience != "all":
        extra.append(f"参加对象：{audience_label(activity.audience)}")
    if activity.allow_companions:
        extra.append(f"可带家属：每人最多 {activity.max_party - 1} 位（占名额），报名时说“+1 家属”即可")
    if activity.notes:
        extra.append(activity.notes)
    return ANNOUNCE.format(title=activity.title, when=fmt_dt(activity.start), place=activity.place or "待定",
                           extra="".join(f"\n{line}" for line in extra))


def button_payload(activity: Activity, left: int | None, member_id: int) -> str:
    """What a channel with buttons shows (bot/push.py `payload_of`): 企业微信 a card whose 报名 button
    calls back (`task_id` unique per announcement and member, as 企业微信 requires), 钉钉 a card
    whose button sends `words` for the teacher, a 服务号 a template message naming `words`."""
    return json.dumps({
        "type": "signup", "activity_id": activity.id, "title": activity.title, "starts_at": activity.starts_at,
        "when": fmt_dt(activity.start), "place": activity.place or "待定",
        "left": "" if left is None else (f"还剩 {left} 个" if left > 0 else "已满，可报候补"),
        "deadline": fmt_dt(activity.deadline_at) if activity.deadline_at else "",
        "words": f"报名{activity.title}",
        "task_id": f"signup-{activity.id}-{member_id}-{secrets.token_hex(4)}"}, ensure_ascii=False)


def announce(bot, activity: Activity) -> Announced:
    """Write an announcement for every member the activity's audience allows (see the module doc)."""
    members = [m for m in bot.store.members.all_active() if audience_allows(activity.audience, m)]
    left = bot.store.activities.places_left(activity)
    return broadcast(bot, members, announcement_text(activity), kind="announcement",
                     occasion=f"activity:{activity.id}", key=lambda m: f"announcement|{activity.id}|{m.id}",
                     honour_opt_out=True, payload=lambda m: button_payload(activity, left, m.id))


def broadcast(bot, members: list, text: str, *, kind: str, occasion: str, key: Callable, honour_opt_out: bool = False,
              label: str = "活动通知", payload: Callable | None = None) -> Announced:
    """Write `text` for each of `members` through the outbox, once per `key(member)` whatever is run
    again, each row routed as it is written (a member who cannot be reached gets a skipped row saying
    why). `honour_opt_out`: a member who said "别发活动通知了" gets a skipped row (activities only;
    other notices, like a poll's, are not activity notices). `payload(member)`: the structured form a
    channel with buttons shows (an activity's 报名 button). Used by polls too (handlers/polls/notices.py)."""
    store, now = bot.store, bot.clock.now()
    bindings = store.bindings.for_push([m.id for m in members])
    transports = bot.transports()
    report = Announced(audience=len(members), label=label)
    with store.transaction():
        for member in members:
            channel, target, reason = route(store, bot.config, member, now, transports,
                                            bindings.get(member.id, []), kind=kind)
            if honour_opt_out and member.announce_opt_out:
                channel, target, reason = "", "", SKIP_OPTED_OUT
            new = store.outbox.enqueue(kind, member.id, text, occasion=occasion, dedup_key=key(member),
                                       channel=channel, target=target, status="skipped" if reason else "pending",
                                       reason=reason, payload=payload(member) if payload else "")
            if not new:
                report.already += 1
            elif reason:
                report.skipped.append((member.staff_no, member.name, reason))
            else:
                report.written += 1
    return report


def tell_signed_up(store, before: Activity, after: Activity) -> int:
    """Tell everyone signed up or waitlisted that the time or place changed; the number told."""
    what = []
    if before.starts_at != after.starts_at:
        what.append(f"时间由 {fmt_dt(before.start)} 改为 {fmt_dt(after.start)}")
    if (before.place or "") != (after.place or ""):
        what.append(f"地点由 {before.place or '待定'} 改为 {after.place or '待定'}")
    if not what or after.status != "open":
        return 0
    change = hashlib.sha256(f"{after.starts_at}|{after.place}".encode()).hexdigest()[:12]
    told = 0
    with store.transaction():
        for row in store.signups.for_activity(after.id):
            if row["status"] not in ("confirmed", "waitlisted") or row["member_id"] is None:  # walk-ins: no way to reach
                continue
            member = store.members.get(row["member_id"])
            text = CHANGED.format(name=member.name, title=after.title, what="，".join(what))
            told += store.outbox.enqueue("activity_changed", member.id, text, occasion=f"activity:{after.id}",
                                         dedup_key=f"activity_changed|{after.id}|{member.id}|{change}")
    return told
