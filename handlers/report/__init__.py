"""The term report (issue 21): the committee's whole term in figures, for the 工作总结.

`figures.term_figures(store, start, end)` counts; the console page (console.py) draws it with
inline SVG bars that print; export.py makes the spreadsheet; `python -m bot report` prints the
same figures as JSON (below)."""

from __future__ import annotations

import datetime as dt
import json

from bot.cli import command
from bot.registry import registry


def _day(value: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise SystemExit(f"{flag} 的格式应为 YYYY-MM-DD：{value}") from None


def _cmd_report(args) -> int:
    from bot.cli import make_bot
    from handlers.report.export import workbook_bytes
    from handlers.report.figures import term_figures, term_of

    bot = make_bot(args)
    start, end = term_of(bot.clock.today())
    start = _day(args.start, "--from") if args.start else start
    end = _day(args.end, "--to") if args.end else end
    if end < start:
        raise SystemExit("--to 不能早于 --from")
    figures = term_figures(bot.store, start, end)
    if args.xlsx:
        with open(args.xlsx, "wb") as fh:
            fh.write(workbook_bytes(figures, bot.config.get("bot", "school") or ""))
    print(json.dumps(figures, ensure_ascii=False))
    return 0


@registry.cli
def _cli(sub) -> None:
    p = command(sub, "report", "the term report's figures as JSON (default: this term)", _cmd_report)
    p.add_argument("--from", dest="start", default=None, help="YYYY-MM-DD (default: this term's first day)")
    p.add_argument("--to", dest="end", default=None, help="YYYY-MM-DD (default: this term's last day)")
    p.add_argument("--xlsx", default=None, help="also write the spreadsheet to this file")
