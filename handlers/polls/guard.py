"""A limit on guessing receipt codes ("修改投票 收据码", "投票结果 收据码"): the pattern of the binding's
failure limits (handlers/binding.py: rows in the `attempts` table, counted over the last hour and
day, purged after a day by the housekeeping). The key is a keyed hash of the account (the process
key, storage/scratch.py): the file does not say which account mistyped a receipt. A receipt has
31⁸ ≈ 8.5×10¹¹ values, so guessing was hopeless anyway; the limit makes it visibly so and keeps a
stolen-phone session from trying receipts in bulk."""

from __future__ import annotations

import datetime as dt

from bot.engine import Context
from bot.messages import Reply
from storage.scratch import keyed

PER_HOUR = 5
PER_DAY = 20
TOO_MANY = ("收据码输错的次数太多了，请一小时后再试。收据码是投票后收到的 8 位字母和数字；遗失无法找回"
            "（系统不记录收据码属于谁）。")


def too_many() -> Reply:
    return Reply(TOO_MANY, sensitive=True)


def _key(ctx: Context) -> str:
    return "receipt:" + keyed("receipt-guess", ctx.msg.channel, ctx.msg.user_id)


def _count(ctx: Context, within: dt.timedelta) -> int:
    since = (ctx.clock.now() - within).isoformat()
    return ctx.store.db.scalar("SELECT count(*) FROM attempts WHERE key = ? AND at > ?", (_key(ctx), since))


def locked(ctx: Context) -> bool:
    return _count(ctx, dt.timedelta(hours=1)) >= PER_HOUR or _count(ctx, dt.timedelta(days=1)) >= PER_DAY


def failed(ctx: Context, answer: Reply) -> Reply:
    """Count a receipt that matched nothing; the answer, or too_many() once that was the last try."""
    ctx.store.db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", (_key(ctx), ctx.clock.now().isoformat()))
    return too_many() if locked(ctx) else answer
