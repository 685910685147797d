"""Sign-up forms written by hand (issue 19, bot/forms.py): "拔河√ 乒乓√ 卡拉OK×", a list of boxes
("□ 教职工拔河比赛 / ■ 乒乓球友谊赛"), numbered lines with 报 or 不报 ("Ⅰ. 拔河 报 / Ⅲ. 卡拉OK 不报") sign up
for the chosen ones (one confirmation for them all) and leave the others; "读书会✓" asks for that one; a sheet
with nothing chosen signs up nothing."""

from __future__ import annotations

from bot.engine import Context
from bot.forms import ANSWER_OPTION, form
from handlers.activities import match_activities, visible_upcoming
from storage.activities import Activity

NONE_TICKED = "这张单子上没有勾选要报的活动（■ 或 √ 表示报名，□ 或 × 表示不报）。想报哪个，直接告诉我就行。"


def sheet(ctx: Context) -> tuple[list[Activity], list[Activity]] | None:
    """(chosen, not chosen) of a message that is only a form of activities, each chosen one naming one open
    activity (one not chosen may name none); None for any other message."""
    lines = form(ctx.norm)
    if lines is None:
        return None
    upcoming = visible_upcoming(ctx)
    chosen: list[Activity] = []
    left: list[Activity] = []
    for line in lines:
        for named, yes in _answers(line, upcoming):
            if named is None:
                return None
            if named and named[0] not in chosen + left:
                (chosen if yes else left).append(named[0])
    return (chosen, left) if chosen or left else None


def _answers(line, upcoming: list[Activity]):
    """(the activities each option names, chosen) of one line; (None, _) when the line is no choice of activities.
    A labelled line is a 回执's question ("是否参加重阳敬老座谈会：☑参加 ☐不参加"): the label names it, the one tick answers."""
    if line.label:
        named = match_activities(line.label, upcoming)
        said = [not w.startswith(("不", "否")) for w, ticked in line.options if ticked]
        if len(named) != 1 or not all(ANSWER_OPTION.match(w) for w, _ in line.options):
            return [(None, False)]
        return [(named, said[0])] if len(said) == 1 else []
    out = []
    for words, yes in line.options:
        named = match_activities(words, upcoming)
        bad = (yes and len(named) != 1) or (not yes and len({a.title for a in named}) > 1)
        out.append((None if bad else named, yes))
    return out


def ticked(ctx: Context) -> list[Activity]:
    """The activities chosen on a form of activities ([] for any other message)."""
    read = sheet(ctx)
    return read[0] if read else []
