"""改为实名 / 改为匿名: the sender changes her mind about signing before the day's release, from the account
that sent it (the tray keeps a keyed hash of it, never who she is). A change to what it already is changes
nothing and says so ("算了，还是别匿名了" on a receipt filed signed: it is signed already)."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.messages import Reply
from handlers.suggestions.redact import NOTE, anonymized
from storage.scratch import keyed

RESIGN_RE = re.compile(r"(改为|改成|换成|转为|转成|变成|改用)(实名|署名|匿名)")
SIGN_NEEDS_BIND = "实名提交需要先绑定身份（回复“取消”后发送“绑定 工号 姓名”），或回复“匿名”继续匿名提交。"
RESIGNED = {True: "已改为匿名：编号 {ticket} 不再记录您的身份，今晚送达工会。请记下编号。",
            False: "已改为实名：编号 {ticket} 将署上您的名字，今晚送达工会，答复会推送给您。"}
# the two have the same length (a response's size must not say which it was)
ALREADY = {True: "编号 {ticket} 本来就是匿名提交的，不用改：不记录您的身份，今晚送达工会。请记下编号。",
           False: "编号 {ticket} 本来就是实名提交的，不用改：已署上您的名字，今晚送达工会，答复会推送给您。"}
RESIGN_LATE = "编号 {ticket} 已送达工会，不能再更改署名方式了。如有需要请联系{contact}。"
# one answer for "not yours" and "no such ticket": a guesser learns nothing about someone else's ticket
RESIGN_NOT_YOURS = "没有找到您今天提交的编号 {ticket}，无法更改。只能在提交当天、用提交时的账号更改。"


def sender(ctx: Context) -> str:
    """Who sent a suggestion, as a keyed hash only the serving processes can compute (the key is in
    memory): proof for 改为实名/改为匿名 without the file saying who."""
    return keyed("sender", ctx.msg.channel, ctx.msg.user_id)


def resign(ctx: Context, ticket: str, to_anonymous: bool | None = None) -> Reply:
    """改为实名 / 改为匿名 TICKET by its sender. Anyone else, whatever ticket they hold, gets the same answer
    as for a ticket that does not exist."""
    ctx.keep_private()  # (whatever led here: the tray changes, nothing about her is written beside it)
    if to_anonymous is None:
        to_anonymous = RESIGN_RE.search(ctx.text).group(2) == "匿名"
    row = ctx.store.suggestions.in_tray(ticket)
    if row is None and ctx.store.suggestions.by_ticket(ticket) is not None:
        return Reply(RESIGN_LATE.format(ticket=ticket, contact=ctx.config.get("bot", "admin_contacts")),
                     sensitive=True)
    if row is None or row["sender"] != sender(ctx):
        return Reply(RESIGN_NOT_YOURS.format(ticket=ticket), sensitive=True)
    if (row["member_id"] is None) == to_anonymous:  # already as she asks: nothing changed, said so
        return Reply(ALREADY[to_anonymous].format(ticket=ticket), sensitive=True)
    if not to_anonymous and ctx.member is None:
        return Reply(SIGN_NEEDS_BIND.replace("，或回复“匿名”继续匿名提交", ""), sensitive=True)
    # signed words changed to anonymous: what in them says who she is goes too (handlers/suggestions/redact.py)
    content, hidden = anonymized(row["content"], ctx.member) if to_anonymous else (None, False)
    ctx.store.suggestions.resign(ticket, None if to_anonymous else ctx.member.id, sender(ctx), content)
    return Reply(RESIGNED[to_anonymous].format(ticket=ticket) + (NOTE if hidden else ""), sensitive=True)
