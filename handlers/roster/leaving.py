"""离职 and back: what it means for a member who leaves the school, in one place.

The record stays (the term report counts what she took part in), but she is no longer reached or
counted as present: her bindings on every platform and her one-time binding code are removed, and
the pushes still waiting for her are skipped with the reason said. As 离职 she cannot bind again,
sign up, vote or receive greetings (Member.active). Back to 在职, she binds again as anyone does.
"""

from __future__ import annotations

LEFT_REASON = "会员已离职"


def member_left(store, member_id: int) -> dict[str, int]:
    """The effects of 离职 on a member already marked so (or being marked in the same transaction):
    how many bindings were removed and pushes skipped."""
    with store.transaction():
        bindings = store.bindings.unbind_member(member_id)
        store.bindings.use_code(member_id)
        skipped = store.db.execute(
            "UPDATE outbox SET status = 'skipped', reason = ? WHERE member_id = ? AND status = 'pending'",
            (LEFT_REASON, member_id)).rowcount
    return {"bindings": bindings, "skipped": skipped}


def leave(store, member_id: int) -> dict[str, int]:
    """Mark the member 离职, with its effects."""
    with store.transaction():
        store.members.set_status(member_id, "离职")
        return member_left(store, member_id)


def restore(store, member_id: int) -> None:
    """Back to 在职: she may bind again (nothing removed comes back by itself)."""
    store.members.set_status(member_id, "在职")


def what_leaving_does(store, member_id: int, today: str) -> dict[str, int]:
    """For the confirmation page: bindings, pending pushes and sign-ups for activities to come."""
    return {
        "bindings": len(store.bindings.for_member(member_id)),
        "pending": store.db.scalar("SELECT count(*) FROM outbox WHERE member_id = ? AND status = 'pending'",
                                   (member_id,)),
        "signups": sum(1 for s in store.signups.for_member(member_id) if s["starts_at"][:10] >= today),
    }
