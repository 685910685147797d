"""public_notice: "看看公示" / "建议答复" / "公示" — what the committee published (公示): each
published suggestion's content, the committee's reply and status, newest first (a proposal with its
附议 count and an overdue flag), then all proposals counted by step. Never the sender, the ticket or
the day it was made: only what the committee decided to show, and when it answered."""

from __future__ import annotations

from bot.engine import Context
from bot.registry import registry
from storage.proposals import is_overdue

SHOWN = 10
CONTENT_CHARS = 60
NONE_PUBLIC = "工会还没有公示的建议答复。您可以随时提建议（例如“匿名反馈一下：……”），工会件件有回音。"
HEADING = "工会公示（建议与答复，最新在前）："
ITEM = "{i}. 【{kind}】{content}\n   状态：{status}{when}\n   工会答复：{reply}"
MORE = "另有 {n} 条较早的公示，可到工会公示栏查看。"
PROPOSALS = "教代会提案办理情况：{steps}。"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def published(store) -> list[dict]:
    """The published suggestions, newest answer first (the release shuffled the rows: order by the
    committee's own dates only)."""
    rows = store.suggestions.list(public=True)
    return sorted(rows, key=lambda r: (r.get("replied_at") or "", r.get("updated_at") or ""), reverse=True)


def notice_text(store) -> str:
    rows = published(store)
    if not rows:
        return "\n".join([NONE_PUBLIC, *proposal_summary(store)])
    lines = [HEADING]
    today, seconds = store.clock.today().isoformat(), store.proposals.second_counts()
    for i, row in enumerate(rows[:SHOWN], 1):
        when = f"（{row['replied_at'][:10]} 答复）" if row.get("replied_at") else ""
        status = row["status"] + ("（已逾期）" if is_overdue(row, today) else "")
        if seconds.get(row["ticket"]):
            status += f"，附议 {seconds[row['ticket']]} 人"
        lines.append(ITEM.format(i=i, kind=row["kind"], content=_short(row["content"], CONTENT_CHARS),
                                 status=status, when=when, reply=_short(row["reply"] or "正在研究中", 200)))
    if len(rows) > SHOWN:
        lines.append(MORE.format(n=len(rows) - SHOWN))
    return "\n".join(lines + proposal_summary(store))


def proposal_summary(store) -> list[str]:
    """All proposals by step (counts only, published or not), the overdue ones counted apart."""
    counts = {step: n for step, n in store.proposals.by_step().items() if n}
    if not counts:
        return []
    steps = "，".join(f"{step} {n} 件" for step, n in counts.items())
    overdue = len(store.proposals.overdue())
    return [PROPOSALS.format(steps=steps + (f"（其中逾期未答复 {overdue} 件）" if overdue else ""))]


@registry.intent(
    "public_notice",
    keywords={"公示": 3, "看看公示": 8, "公示栏": 8, "答复公示": 8, "公开答复": 6},
    # "建议答复" alone is a request for the list; "(我的)建议答复了吗" asks about one's own (suggestion_status)
    patterns=[(r"^(看看|查看|看下|看一下)?(建议|提案)?(公示|答复)(栏|一下|列表)?$", 8)],
    # "建议评优细则提前公示": a suggestion that mentions 公示, not a wish to read it
    negatives={"了吗": 6, "我的": 6, "进度": 6, "没有": 4, "提前公示": 8, "公开透明": 6, "应该公示": 8, "要公示": 6,
               "希望": 4, "能不能": 4, "建议工会": 6, "建议学校": 6, "细则": 4,
               # how often something should be published: "建议…再每周公示一次菜单", "定期公示收支"
               "公示一次": 6, "每周公示": 6, "每月公示": 6, "定期公示": 6, "按时公示": 6},
    menu="看公示：看看公示（工会公开的建议与答复）",
    menu_order=8,
    words=["看看公示", "建议答复", "公示栏"],
)
def public_notice(ctx: Context) -> str:
    return notice_text(ctx.store)
