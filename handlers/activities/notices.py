"""What a teacher is told through the outbox when their sign-up changes without them: promoted from
the waitlist (someone cancelled or was removed), added or removed by the committee. Walk-ins (no
member) are told nothing: the bot cannot reach them."""

from __future__ import annotations

from bot.registry import registry
from handlers._common import fmt_dt
from handlers.activities import activity_terms
from storage.activities import Activity

registry.push_kind("promotion", "候补转正")
registry.push_kind("signup_by_committee", "工会代为报名")
registry.push_kind("signup_removed", "移出报名")

PROMOTED = ("好消息！{name}老师，「{title}」有人取消，您已从候补转为正式报名。\n时间：{when}\n地点：{place}\n"
            "如不能参加，请回复“取消报名{short}”。")
ADDED = "{name}老师，工会已为您报名「{title}」{party}。\n时间：{when}\n地点：{place}\n如不能参加，请回复“取消报名{short}”。"
ADDED_WAITLIST = "{name}老师，工会已为您登记「{title}」的候补{party}，目前排第 {n} 位。有人取消时会按顺序递补，并第一时间通知您。"
REMOVED = "{name}老师，工会已将您从「{title}」（{when}）的{what}中移除。如有疑问，请联系工会。"


def short(activity: Activity) -> str:
    """How a teacher names the activity in a reply: its synonym ("拔河"), else its title."""
    terms = activity_terms(activity.title + " " + activity.kind)
    return terms[0] if terms else activity.title


def party_words(party: int) -> str:
    return f"（共 {party} 人）" if party > 1 else ""


def _send(store, kind: str, member_id: int, text: str, activity: Activity, key: str) -> int:
    stamp = store.clock.now().isoformat()
    return store.outbox.enqueue(kind, member_id, text, occasion=f"activity:{activity.id}",
                                dedup_key=f"{kind}|{activity.id}|{member_id}|{key}|{stamp}")


def tell_promoted(store, activity: Activity, member_ids: list[int]) -> int:
    told = 0
    for member_id in member_ids:
        member = store.members.get(member_id)
        text = PROMOTED.format(name=member.name, title=activity.title, when=fmt_dt(activity.start),
                               place=activity.place or "待定", short=short(activity))
        told += _send(store, "promotion", member_id, text, activity, "promoted")
    return told


def tell_added(store, activity: Activity, member, status: str, position: int, party: int) -> int:
    if status == "confirmed":
        text = ADDED.format(name=member.name, title=activity.title, party=party_words(party),
                            when=fmt_dt(activity.start), place=activity.place or "待定", short=short(activity))
    else:
        text = ADDED_WAITLIST.format(name=member.name, title=activity.title, party=party_words(party), n=position)
    return _send(store, "signup_by_committee", member.id, text, activity, status)


def tell_removed(store, activity: Activity, member, was: str) -> int:
    text = REMOVED.format(name=member.name, title=activity.title, when=fmt_dt(activity.start),
                          what="报名名单" if was == "confirmed" else "候补名单")
    return _send(store, "signup_removed", member.id, text, activity, "removed")
