"""`python -m bot suggestions list|reply|status|step`: the suggestion box from the command line.

    suggestions step TICKET 立案|不予立案|交办|答复|落实|办结 [--note T] [--department D --due YYYY-MM-DD]
                     [--to-suggestion]

`step` takes a proposal (提案) one step through the congress's steps (storage/proposals.py); a signed
proposer is told by push.
"""

from __future__ import annotations

import json

from bot.cli import command, group
from bot.registry import registry
from handlers.suggestions import reply_to
from handlers.suggestions.proposals import take_step
from storage.proposals import ACTIONS, ProposalError
from storage.suggestions import NEXT_STATUSES, STATUSES


def _cmd_list(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    for row in bot.store.suggestions.list(args.status):
        out = {k: row[k] for k in ("ticket", "kind", "status", "anonymous", "public", "created_on", "content", "reply")}
        if row["member_id"]:
            member = bot.store.members.get(row["member_id"])
            out["author"] = f"{member.name}（{member.staff_no}）" if member else ""
        print(json.dumps(out, ensure_ascii=False))
    return 0


def _cmd_reply(args) -> int:
    from bot.cli import make_bot

    if args.status and args.status not in STATUSES:
        raise SystemExit(f"--status 只能是：{'、'.join(STATUSES)}")
    bot = make_bot(args)
    found = bot.store.suggestions.by_ticket(args.ticket)
    if found and found["kind"] == "提案" and not args.status:
        raise SystemExit(f"{found['ticket']} 是提案，请按步骤答复：suggestions step {found['ticket']} 答复 --note …")
    try:
        row = reply_to(bot.store, args.ticket, args.text, args.status, True if args.public else None)
    except KeyError:
        raise SystemExit(f"没有编号为 {args.ticket} 的建议") from None
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    told = "，已通过推送告知提交人" if row["member_id"] else "（匿名提交，提交人可凭编号查询）"
    print(f"已答复 {row['ticket']}，状态：{row['status']}{told}")
    return 0


def _cmd_status(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    found = bot.store.suggestions.by_ticket(args.ticket)
    try:
        row = bot.store.suggestions.update(args.ticket, status=args.status)
    except KeyError:
        raise SystemExit(f"没有编号为 {args.ticket} 的建议") from None
    except ValueError as exc:
        if found["kind"] == "提案":  # the reason names the steps: suggestions step …
            raise SystemExit(f"{exc}；请用 suggestions step {found['ticket']} <步骤>") from None
        allowed = "、".join(sorted(NEXT_STATUSES.get(found["status"], []))) or "无"
        raise SystemExit(f"{exc}（可改为：{allowed}）") from None
    print(f"{row['ticket']} 状态已改为 {row['status']}")
    return 0


def _cmd_step(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    try:
        row = take_step(bot.store, args.ticket, args.action, note=args.note, department=args.department,
                        due_on=args.due, to_suggestion=args.to_suggestion)
    except KeyError:
        raise SystemExit(f"没有编号为 {args.ticket} 的建议") from None
    except ProposalError as exc:
        raise SystemExit(str(exc)) from None
    print(f"{row['ticket']} 已{args.action}，状态：{row['status']}")
    return 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "suggestions", "the suggestion box (list, reply, status, step)")
    ls = command(inner, "list", "list suggestions as JSON lines", _cmd_list)
    ls.add_argument("--status", default=None, help="only this status (" + ", ".join(STATUSES) + ")")
    rp = command(inner, "reply", "answer a suggestion; a named author is told by push", _cmd_reply)
    rp.add_argument("ticket", help="ticket code")
    rp.add_argument("--text", required=True, help="the committee's reply")
    rp.add_argument("--status", default=None, help="new status (default 已答复)")
    rp.add_argument("--public", action="store_true", help="mark for publishing (公示)")
    st = command(inner, "status", "change a suggestion's status", _cmd_status)
    st.add_argument("ticket", help="ticket code")
    st.add_argument("status", help="已立案, 转为建议, 已答复 or 已办结")
    sp = command(inner, "step", "take a proposal (提案) one step; a signed proposer is told by push", _cmd_step)
    sp.add_argument("ticket", help="ticket code")
    sp.add_argument("action", choices=list(ACTIONS), help="立案, 不予立案, 交办, 答复, 落实 or 办结")
    sp.add_argument("--note", default="", help="the reason (不予立案), the answer (答复) or the note (落实)")
    sp.add_argument("--department", default="", help="the department it is handed to (交办)")
    sp.add_argument("--due", default="", help="answer due by YYYY-MM-DD (交办)")
    sp.add_argument("--to-suggestion", action="store_true", help="with 不予立案: handle it as a suggestion")
