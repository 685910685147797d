"""提前提醒: the scheduler's duty that reminds a poll's eligible members who have not voted, once.

The reminder goes with the day's other duties (bot/scheduler.py `run_day`, at `[schedule] send_time`,
routed and paced like every push) on the day before the closing day; when the poll is not yet open at
that send time (or opened later that day), on the closing day itself if the send time is still before
closing; a poll open for less than that gets none (the committee can still remind by hand). The
reminder day follows from the poll's own times, so exactly one day plans it.

Exactly once: the outbox key is the one a hand-made reminder of that day uses
(`poll_reminder|poll|day|member`, handlers/polls/notices.py), so a second run of the day's duties, a
scheduler restarted after a worker died, or the committee's button the same morning write nothing
new. A member who votes before the send time is not planned.

It reads only who voted (`poll_voters`: not secret), never a ballot, and writes only outbox rows whose
text is the same for everyone.
"""

from __future__ import annotations

import datetime as dt

from bot.push import Planned
from bot.registry import registry
from handlers.polls.notices import REMIND, eligible


def _at(day: dt.date, send_time: dt.time) -> str:
    return f"{day.isoformat()} {send_time.strftime('%H:%M')}"


def reminder_day(poll: dict, send_time: dt.time) -> dt.date | None:
    """The one day a poll's automatic reminder goes out at `send_time`, or None."""
    closing = dt.date.fromisoformat(poll["closes_at"][:10])
    for day in (closing - dt.timedelta(days=1), closing):
        if poll["opens_at"] <= _at(day, send_time) < poll["closes_at"]:
            return day
    return None


@registry.planner
def plan_poll_reminders(day) -> list[Planned]:
    store = day.store
    planned: list[Planned] = []
    for row in store.db.query("SELECT id FROM polls WHERE closed = 0 AND remind = 1 ORDER BY id"):
        poll = store.polls.get(row["id"])
        if reminder_day(poll, day.send_time) != day.date:
            continue
        voted = store.polls.voters(poll["id"])
        text = REMIND.format(title=poll["title"], closes=poll["closes_at"])
        for member in eligible(store, poll):
            if member.id in voted:
                continue
            planned.append(Planned(
                kind="poll_reminder", occasion=poll["title"], member=member, text=text, send_on=day.date,
                send_at=day.send_time, dedup_key=f"poll_reminder|{poll['id']}|{day.date.isoformat()}|{member.id}"))
    return planned
