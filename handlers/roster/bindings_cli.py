"""The binding actions of the `members` command group (handlers/roster/ owns the group): a member's
one-time binding code, the list of bindings, and unbinding."""

from __future__ import annotations

import json

from bot.cli import command
from handlers.binding.codes import CODE_DAYS, issue_code


def _member_or_exit(bot, staff_no: str):
    member = bot.store.members.by_staff_no(staff_no)
    if member is None:
        raise SystemExit(f"没有工号为 {staff_no} 的会员")
    return member


def _cmd_code(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    member = _member_or_exit(bot, args.staff_no)
    code = issue_code(bot.store, member.id, bot.clock)
    print(f"{member.name}（工号 {member.staff_no}）的一次性绑定码：{code}（{CODE_DAYS} 天内有效，用一次即作废）")
    print("请当面或电话告知本人：发送“绑定 工号 姓名”后，按提示回复这个绑定码。")
    return 0


def _cmd_bindings(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    member = _member_or_exit(bot, args.staff_no) if args.staff_no else None
    for row in bot.store.bindings.list(member.id if member else None):
        print(json.dumps(row, ensure_ascii=False))
    return 0


def _cmd_unbind(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    member = _member_or_exit(bot, args.staff_no)
    n = bot.store.bindings.unbind_member(member.id, args.channel)
    print(f"已解除 {member.name}（工号 {member.staff_no}）的 {n} 个绑定")
    return 0


def add_member_commands(inner) -> None:
    """The binding actions of the `members` command group (handlers/roster/ owns the group)."""
    p = command(inner, "code", "issue a one-time binding code for a member (e.g. no phone on file)", _cmd_code)
    p.add_argument("staff_no", help="工号")
    p = command(inner, "bindings", "list platform bindings (JSON lines), all or one member's", _cmd_bindings)
    p.add_argument("staff_no", nargs="?", default=None, help="工号 (default: everyone)")
    p = command(inner, "unbind", "remove a member's bindings (all channels, or --channel)", _cmd_unbind)
    p.add_argument("staff_no", help="工号")
    p.add_argument("--channel", default=None, help="only this channel: wechat, wecom, dingtalk")
