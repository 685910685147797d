"""`python -m bot polls create|list|open|close|count|results|announce|remind|autoremind` (DESIGN.md's contract).

    polls create --title T --question Q [--question Q2 …] --options "A,B,C" --closes "YYYY-MM-DD HH:MM"
                 [--opens …] [--audience A] [--min-turnout N|N%] [--no-remind]
    polls autoremind ID on|off      提前提醒 (handlers/polls/reminders.py), on for a new poll
    polls close ID                  stop taking ballots now (待计票)
    polls count ID                  count, with the 计票密钥 typed at a prompt (never an argument)

`create` prints the poll's 计票密钥 once (`counting_key`, storage/ballot_seal.py): it is stored nowhere,
and without it the poll cannot be counted.

The options apply to every question (a 民主测评: one question per name, options 优秀,称职,基本称职,不称职;
a 表决: 赞成,反对,弃权). Results are refused before counting (exit code 2) and withheld below the
minimum turnout. `announce` tells the eligible members (handlers/polls/notices.py); `remind` those of
them who have not voted, once a day.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import re
import sys

from bot.cli import command, group
from bot.registry import registry
from storage.polls import PollError

registry.cli_error(PollError, "投票")
SHOWN = ("id", "title", "status", "audience", "opens_at", "closes_at", "min_turnout", "remind")


def _time(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("T", " ")).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        raise SystemExit(f"{flag} 的格式应为 YYYY-MM-DD HH:MM：{value}") from None


def _turnout(value: str) -> str:
    if not re.fullmatch(r"\d+%?", value.strip()):
        raise SystemExit(f"--min-turnout 应为人数（如 20）或比例（如 60%）：{value}")
    return value.strip()


def _summary(poll: dict) -> dict:
    out = {k: poll[k] for k in SHOWN}
    out["remind"] = bool(out["remind"])
    out["questions"] = [q["text"] for q in poll["questions"]]
    return out


def _print(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _cmd_create(args) -> int:
    from bot.cli import make_bot

    options = [o.strip() for o in re.split(r"[,，、]", args.options) if o.strip()]
    questions = [(q, options) for q in args.question]
    closes, opens = _time(args.closes, "--closes"), _time(args.opens, "--opens")
    bot = make_bot(args)
    poll = bot.store.polls.create(args.title, questions, closes, opens, args.audience, _turnout(args.min_turnout),
                                  remind=not args.no_remind)
    _print({**_summary(poll), "counting_key": poll["counting_key"]})
    print(f"计票密钥：{poll['counting_key']}\n只显示这一次，系统不保存它：请抄下并妥善保管，截止后用 "
          f"`polls count {poll['id']}` 输入它计票。密钥丢失，这次投票就无法计票。", file=sys.stderr)
    return 0


def _cmd_list(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    bot.store.polls.close_due()
    for poll in bot.store.polls.list():
        _print(_summary(poll))
    return 0


def _cmd_open(args) -> int:
    from bot.cli import make_bot

    _print(_summary(make_bot(args).store.polls.open_now(args.id)))
    return 0


def _cmd_close(args) -> int:
    from bot.cli import make_bot

    _print(_summary(make_bot(args).store.polls.close(args.id)))
    return 0


def _cmd_count(args) -> int:
    from bot.cli import make_bot

    polls = make_bot(args).store.polls
    polls.close_due()
    code = getpass.getpass("计票密钥（输入时不显示）：")  # never on the command line: shell history, ps
    polls.count(args.id, code)
    _print(polls.results(args.id))
    return 0


def _cmd_autoremind(args) -> int:
    from bot.cli import make_bot

    _print(_summary(make_bot(args).store.polls.set_remind(args.id, args.state == "on")))
    return 0


def _cmd_notice(args) -> int:
    from bot.cli import make_bot
    from handlers.polls.notices import announce_poll, remind

    report = (announce_poll if args.polls_command == "announce" else remind)(make_bot(args), args.id)
    _print({"audience": report.audience, "written": report.written, "skipped": len(report.skipped),
            "already": report.already, "summary": report.summary()})
    return 0


def _cmd_results(args) -> int:
    from bot.cli import make_bot

    polls = make_bot(args).store.polls
    polls.close_due()
    _print(polls.results(args.id))
    return 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "polls", "polls and 民主测评 (create, list, open, close, results)")
    cr = command(inner, "create", "create a poll; prints it as JSON", _cmd_create)
    cr.add_argument("--title", required=True, help="the poll's title")
    cr.add_argument("--question", action="append", required=True, help="a question (repeat for more)")
    cr.add_argument("--options", required=True, help='the options of every question: "赞成,反对,弃权"')
    cr.add_argument("--closes", required=True, help='"YYYY-MM-DD HH:MM"')
    cr.add_argument("--opens", default=None, help='"YYYY-MM-DD HH:MM" (default: now)')
    cr.add_argument("--audience", default="all",
                    help="all, female, retired, in_service, group:<工会小组>, delegates (教代会代表)")
    cr.add_argument("--min-turnout", default="0", help="ballots needed for a result: a count or a share (60%%)")
    cr.add_argument("--no-remind", action="store_true",
                    help="no automatic reminder the day before closing (提前提醒 is on by default)")
    auto = command(inner, "autoremind", "turn the automatic reminder the day before closing on or off", _cmd_autoremind)
    auto.add_argument("id", type=int, help="the poll's id (polls list)")
    auto.add_argument("state", choices=("on", "off"), help="on: remind those who have not voted; off: do not")
    command(inner, "list", "list polls as JSON lines", _cmd_list)
    for name, fn, text in (("open", _cmd_open, "open a poll now"),
                           ("close", _cmd_close, "stop taking ballots now (then `count` with the 计票密钥)"),
                           ("count", _cmd_count, "count a closed poll: asks for its 计票密钥, prints the result"),
                           ("results", _cmd_results, "a counted poll's result as JSON (refused before counting)"),
                           ("announce", _cmd_notice, "tell every eligible member about the poll (outbox, once each)"),
                           ("remind", _cmd_notice, "remind eligible members who have not voted (once a day each)")):
        p = command(inner, name, text, fn)
        p.add_argument("id", type=int, help="the poll's id (polls list)")
