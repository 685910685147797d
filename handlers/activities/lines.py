"""An activity's lines in a list ("剩余 3/16 个名额 · 报名截止 …"), kept while the activity and its count are
unchanged (issue 23, seventeenth round): after a sign-up only the activity it changed is said afresh."""

from __future__ import annotations

from bot.engine import Context
from handlers._common import fmt_dt, local_now
from storage.activities import Activity, audience_label

_DESCRIBED: dict[tuple[Activity, bool], str] = {}  # (activity with its count, closed) → its lines
DESCRIBED_KEPT = 1024


def describe(ctx: Context, activity: Activity) -> str:
    """An activity's lines in a list. One loaded with its count (a list's) is said the same way while it
    and its count are unchanged (Activity is frozen and compared field by field), so after a sign-up
    only the activity it changed is said afresh."""
    if activity.confirmed is None:  # counted on demand: said afresh
        return _describe(ctx, activity)
    closed = bool(activity.deadline_at and activity.deadline_at < local_now(ctx))
    text = _DESCRIBED.get((activity, closed))
    if text is None:
        if len(_DESCRIBED) >= DESCRIBED_KEPT:
            _DESCRIBED.clear()
        text = _DESCRIBED[(activity, closed)] = _describe(ctx, activity)
    return text


def _describe(ctx: Context, activity: Activity) -> str:
    left = ctx.store.activities.places_left(activity)
    lines = [activity.title, f"   {fmt_dt(activity.start)} · {activity.place or '地点待定'}"]
    extra = []
    if activity.deadline_at:
        closed = activity.deadline_at < local_now(ctx)
        extra.append("报名已截止" if closed else f"报名截止 {fmt_dt(activity.deadline_at)}")
    if left is not None:
        extra.append(f"剩余 {left}/{activity.capacity} 个名额" if left else f"名额已满（可候补，共 {activity.capacity} 个）")
    if activity.audience != "all":
        extra.append(f"仅限{audience_label(activity.audience)}")
    if activity.allow_companions:
        extra.append(f"可带家属（每人最多 {activity.max_party - 1} 位，占名额）")
    if extra:
        lines.append("   " + " · ".join(extra))
    return "\n".join(lines)
