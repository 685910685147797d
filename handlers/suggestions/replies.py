"""The committee's reply to a suggestion (console and CLI): recorded, and a named author told through the outbox."""

from __future__ import annotations

REPLY_PUSH = "{name}老师，您提交的{kind}（编号 {ticket}）有了答复：\n{reply}\n当前状态：{status}。感谢您的关心！"


def reply_to(store, ticket: str, reply: str, status: str | None = None, public: bool | None = None) -> dict:
    """Record the committee's reply; a named author is told through the outbox."""
    row = store.suggestions.by_ticket(ticket)
    if row is None:
        raise KeyError(ticket)
    if status is None and row["status"] in ("已收到", "已立案", "转为建议") and row["kind"] != "提案":
        status = "已答复"
    row = store.suggestions.update(ticket, status=status, reply=reply, public=public)
    if row["member_id"]:
        member = store.members.get(row["member_id"])
        store.outbox.enqueue(
            "suggestion_reply", member.id,
            REPLY_PUSH.format(name=member.name, kind=row["kind"], ticket=row["ticket"], reply=reply, status=row["status"]),
            occasion=f"suggestion:{row['ticket']}", dedup_key=f"suggestion_reply|{row['ticket']}|{row['replied_at']}",
        )
    return row
