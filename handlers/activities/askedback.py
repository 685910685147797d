"""A question asked back while a sign-up waits for its yes (issue 19): "家属能去吗", "得是要交钱咧？", "几点打完啊
有冇晚饭", "要带啥物事伐". It is answered from the activity's record, and the confirmation stays open, so the
next "是" still signs her up; a yes said with it ("好的，确认。请问需要带什么东西吗？") answers the step, the
question is answered after. The router asks the flow through `Flow.answers` (bot/engine.py)."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize
from handlers._common import fmt_dt
from handlers.activities import describe, match_activities
from handlers.activities import wording as say
from handlers.activities.notices import short
from storage.activities import Activity

# a clause that asks: a question mark or particle at its end, or a question word in it
ASKING = re.compile(r"[?？]|[吗么呢伐嘛]$|(?<![先就])不$|几点|多少|多久|多长|什么|啥|哪|能不能|可不可以|可以不|能否|要不要|用不用|"
                    r"需不需要|有没有|有冇|有无|是不是|得唔得|咋|怎么|几时|乜|几个|几位|(?:是|对)吧$|"
                    r"([\u4e00-\u9fff])不\1")  # "收不收费"; "家属也能去是吧，最多几个"
# what it asks about: each topic's words
TOPICS = {
    "family": re.compile(r"家属|家人|孩子|小孩|娃|老公|老婆|爱人|对象|女儿|儿子|朋友|带人|外人|亲属"),
    "fee": re.compile(r"钱|收费|费用|自费|aa|免费|报销|交费|缴费|掏钱|花费"),
    "end": re.compile(r"(几点|什么时候|啥时候|几时)(能|会|才)?(结束|完|散|打完|唱完|回来|回|返回|到家|收)|结束|多久|多长时间"),
    "start": re.compile(r"几点|什么时候|啥时候|几时|哪天|几号|星期几|周几|礼拜几|时间"),
    "place": re.compile(r"在哪|哪里|哪儿|边度|地点|什么地方|啥地方|怎么去|怎么走|集合地|地方"),
    "bring": re.compile(r"带(什么|啥|些啥|点啥|哪些|物事|东西|乜)|准备(什么|啥|点啥|些什么)|穿(什么|啥)|物事|装备|东西"),
    "meal": re.compile(r"饭|餐|吃的|吃啥|吃什么|管吃"),
    "places": re.compile(r"名额|位置|满了|人满"),
    "deadline": re.compile(r"截止|最晚|来得及"),
    # the rules: what follows when she cannot come after all, how the waitlist works
    "cancel": re.compile(r"(去不了|来不了|不去|不能去|没法去|参加不了|取消|退出|退掉|缺席|放鸽子)[^，,。？?]{0,6}?"
                         r"(会怎么?样|咋样|怎么办|咋办|扣|罚|影响|后果|要紧|记录|黑名单)|扣(不扣)?分|扣钱|罚款|影响(以后|下次)"),
    "waitlist": re.compile(r"候补|递补|补上|补位|替补|排队|等位"),
}
_CLAUSES = re.compile(r"[，,。.！!？?；;\s~～…]+")
_KEPT = re.compile(r"(?<=[？?])|[，,。.！!；;\s~～…]+")


def _asks(clause: str) -> list[str]:
    if not ASKING.search(clause):
        return []
    topics = [name for name, words in TOPICS.items() if words.search(clause)]
    if "end" in topics:
        topics = [t for t in topics if t != "start"]
    if "waitlist" in topics:  # "排队要多久": how the waitlist goes, not when the activity ends
        topics = [t for t in topics if t not in ("end", "start")]
    if "bring" in topics:  # "要带啥": no family asked about
        topics = [t for t in topics if t != "family"]
    return topics


def _answer(ctx: Context, activity: Activity, topic: str) -> str:
    notes = (activity.notes or "").strip()
    noted = f"活动说明：{notes}。" if notes else ""
    contact = ctx.config.get("bot", "admin_contacts")
    if topic == "family":
        if activity.allow_companions:
            return f"可以带家属，每位老师最多 {activity.max_party - 1} 位（占名额）。"
        return "这次只限老师本人参加，不能带家属。"
    if topic == "fee":
        paid = re.search(r"[^，,。；;]*(费|元|钱|aa|自理)[^，,。；;]*", notes, re.I)
        return (f"费用：{paid.group(0)}。" if paid else "活动通知里没有说要交费。") + f"具体可以问{contact}。"
    if topic == "end":
        if activity.ends_at:
            return f"预计 {activity.end:%H:%M} 结束。"
        return f"{fmt_dt(activity.start)} 开始，通知里没有写结束时间，具体可以问{contact}。"
    if topic == "start":
        return f"时间：{fmt_dt(activity.start)}。"
    if topic in ("cancel", "waitlist"):
        return say.RULES[topic].format(short=short(activity))
    if topic == "place":
        return f"地点：{activity.place or '待定'}。"
    if topic == "bring":
        return noted or "活动通知里没有要求带什么东西。"
    if topic == "meal":
        return noted if re.search(r"饭|餐|吃", notes) else f"活动通知里没有提到用餐安排，具体可以问{contact}。"
    return describe(ctx, activity).split("\n", 2)[-1].strip()  # places left, deadline: the listing's line


def asked_back(ctx: Context, text: str) -> tuple[str, str] | None:
    """(the answer, the rest of the message) when the message asks about the activity waiting for its
    yes; the answer asks for the yes again when nothing else was said. None for anything else."""
    if "activity_id" in ctx.data:
        ids = [ctx.data["activity_id"]]
    else:
        ids = list(ctx.data.get("activity_ids") or [])
    activities = [a for a in map(ctx.store.activities.get, ids) if a is not None]
    if not activities:
        return None
    pieces = [p for p in _KEPT.split(normalize(text)) if p and p.strip()]
    others = [a for a in ctx.store.activities.upcoming() if a.id not in ids]  # "读书会几点开始": not about this one
    asked = {i: [] if match_activities(p, others) and not match_activities(p, activities) else _asks(p)
             for i, p in enumerate(pieces)}
    if not any(asked.values()):
        return None
    rest = "，".join(p for i, p in enumerate(pieces) if not asked[i])
    topics = list(dict.fromkeys(t for i in sorted(asked) for t in asked[i]))
    lines = []
    for activity in activities:
        said = " ".join(dict.fromkeys(_answer(ctx, activity, t) for t in topics))
        lines.append(f"「{activity.title}」{said}" if len(activities) > 1 else said)
    answer = "\n".join(lines)
    if "family" in topics and rest and len(activities) == 1 and activities[0].max_party == 1:
        return say.ALONE_AGAIN.format(title=activities[0].title), ""  # "是 可以带孩子吗": her yes hangs on it
    if _CLAUSES.sub("", rest):
        return answer, rest
    if len(activities) > 1:
        return answer + f"\n要报名这 {len(activities)} 个活动吗？回复“是”全部报名，回复“否”放弃。", ""
    return answer + "\n" + say.CONFIRM_AGAIN.format(title=activities[0].title), ""
