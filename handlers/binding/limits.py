"""Limits on binding tries, so that guessing does not pay and nobody can lock a member out (see
handlers/binding/__init__.py): every failed try counts against the account, a wrong proof also
against the member it was aimed at."""

from __future__ import annotations

import datetime as dt

from bot.engine import Context, Done

USER_TRIES_PER_HOUR = 5  # failed tries of one account, wrong names included
PHONE_GUESSES_PER_HOUR = 5  # wrong proofs aimed at one member, from all accounts together
PHONE_GUESSES_PER_DAY = 10
TOO_MANY = "尝试次数过多，为保护会员信息，绑定已暂停，请稍后再试，或联系{contact}核对身份。"
PHONE_PAUSED = ("为保护会员信息，工号 {staff_no} 的手机尾号验证已暂停（多次验证未通过）。如果您是{name}老师本人，"
                "请联系{contact}领取一次性绑定码，然后发送“绑定 工号 姓名”，按提示回复绑定码即可。")
ALERT = ("【安全提醒】{name}老师，有人多次尝试绑定您的工会身份（工号 {staff_no}），用手机尾号验证已暂停。"
         "您已绑定的账号不受影响；如需绑定新账号，请向{contact}领取一次性绑定码。如非本人操作，也请告知{contact}。")


def _contact(ctx: Context) -> str:
    return ctx.config.get("bot", "admin_contacts")


# ---- limits: per account (every failed try) and per member (wrong proofs only) --------------------------


def _user_key(ctx: Context) -> str:
    return f"bind:{ctx.msg.channel}:{ctx.msg.user_id}"


def _member_key(member_id: int) -> str:
    return f"bind-member:{member_id}"  # wrong proofs (last four or code) aimed at this member


def _count(ctx: Context, key: str, within: dt.timedelta) -> int:
    since = (ctx.clock.now() - within).isoformat()
    return ctx.store.db.scalar("SELECT count(*) FROM attempts WHERE key = ? AND at > ?", (key, since))


def _phone_paused(ctx: Context, member_id: int) -> bool:
    """Too many wrong proofs at this member: her phone's last four are not checked for now (her
    committee code still is)."""
    key = _member_key(member_id)
    return (_count(ctx, key, dt.timedelta(hours=1)) >= PHONE_GUESSES_PER_HOUR
            or _count(ctx, key, dt.timedelta(days=1)) >= PHONE_GUESSES_PER_DAY)


def _locked(ctx: Context) -> bool:
    """This account has failed too often: it is paused for the hour, whoever it claims to be."""
    return _count(ctx, _user_key(ctx), dt.timedelta(hours=1)) >= USER_TRIES_PER_HOUR


def _too_many(ctx: Context) -> Done:
    return Done(TOO_MANY.format(contact=_contact(ctx)))


def _paused(ctx: Context, member) -> Done:
    return Done(PHONE_PAUSED.format(staff_no=member.staff_no, name=member.name, contact=_contact(ctx)))


def _fail(ctx: Context, message: str, member=None):
    """Record a failed try for the account (and, for a wrong proof, for the `member` it was aimed at);
    Done(TOO_MANY) once the account is paused, Done(PHONE_PAUSED) once that member's phone check is."""
    now = ctx.clock.now().isoformat()
    ctx.store.db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", (_user_key(ctx), now))
    if member is not None:
        was_paused = _phone_paused(ctx, member.id)
        ctx.store.db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", (_member_key(member.id), now))
        if not was_paused and _phone_paused(ctx, member.id):
            _alert_owner(ctx, member.id)
    if _locked(ctx):
        return _too_many(ctx)
    if member is not None and member.phone and _phone_paused(ctx, member.id):
        return _paused(ctx, member)
    return message


def _alert_owner(ctx: Context, member_id: int) -> None:
    member = ctx.store.members.get(member_id)
    hour = ctx.clock.now().strftime("%Y-%m-%dT%H")
    ctx.store.outbox.enqueue("binding_alert", member_id,
                             ALERT.format(name=member.name, staff_no=member.staff_no, contact=_contact(ctx)),
                             occasion="binding", dedup_key=f"binding_alert|{member_id}|{hour}")
