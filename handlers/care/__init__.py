"""care_report (五必访): "王老师住院了", "张老师父亲昨晚走了", "我下个月结婚".

A short flow collects who, what and when; it is recorded and every 工会委员 is told through the
outbox; the reporter is thanked; nothing is echoed to anyone else.
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST

KINDS = {
    "生病住院": ["住院", "生病", "病了", "手术", "开刀", "骨折", "病倒", "看病", "病重", "受伤", "摔伤", "icu", "急诊"],
    "结婚": ["结婚", "婚礼", "办酒", "喜酒", "领证"],
    "生育": ["生孩子", "生了", "宝宝", "生宝宝", "分娩", "产假", "添了", "当爸爸", "当妈妈", "二胎", "三胎", "生小孩"],
    "丧事": ["去世", "走了", "过世", "病故", "逝世", "离世", "丧事", "追悼", "不在了", "仙逝", "去了天堂"],
    "困难": ["困难", "家里出事", "遇到难处", "火灾", "失业"],
}
WHEN_RE = re.compile(r"(今天|昨天|前天|昨晚|今早|今晚|刚才|刚刚|上周.?|下周.?|本周.?|这周.?|下个月|上个月|月底|"
                     r"\d{1,2}月\d{1,2}[日号]?|\d{1,2}[日号]|最近|前几天|这几天|明天|后天|周[一二三四五六日天])")
SUBJECT_RE = re.compile(r"^([\u4e00-\u9fa5]{1,3}(老师|主任|校长|师傅|阿姨)(的)?(父亲|母亲|爸爸|妈妈|爱人|丈夫|妻子|孩子|老伴|公公|婆婆|岳父|岳母)?)")
ASK_WHO = "请问是哪位老师？（例如“数学组王老师”，如果是您本人请回复“我”）"
ASK_WHAT = "请简单说一下情况（例如：住院、结婚、生孩子、家中老人去世）。"
ASK_WHEN = "大概是什么时候？（例如：昨天、下周六、11月20日；不清楚可回复“不清楚”）"
THANKS = "谢谢您告诉工会！已转告工会委员，工会会及时关心慰问。相关信息只有工会委员可见。"
NOTIFY = "【五必访】{reporter}（{staff_no}）报告：{subject} — {event}（{kind}），时间：{when}。请及时跟进慰问。"


def classify_event(text: str) -> str:
    for kind, words in KINDS.items():
        if any(w in text for w in words):
            return kind
    return ""


def extract(text: str) -> dict:
    slots: dict = {}
    kind = classify_event(text)
    if kind:
        slots["kind"] = kind
    m = WHEN_RE.search(text)
    if m:
        slots["when"] = m.group(1)
    s = SUBJECT_RE.search(text.strip())
    if s:
        slots["subject"] = s.group(1)
    elif text.strip().startswith("我"):
        slots["subject"] = "本人"
    return slots


def _finish(ctx: Context) -> Done:
    d = ctx.data
    member = ctx.member
    with ctx.store.transaction():  # the report and every officer's notice, or nothing (a retry redoes it)
        report_id = ctx.store.care.add(member.id, d["subject"], d["event"], d["kind"], d.get("when", "不清楚"))
        subject = f"{member.name}（本人）" if d["subject"] == "本人" else d["subject"]
        text = NOTIFY.format(reporter=member.name, staff_no=member.staff_no, subject=subject, event=d["event"],
                             kind=d["kind"] or "其他", when=d.get("when", "不清楚"))
        for officer in ctx.store.members.committee():
            ctx.store.outbox.enqueue("care", officer.id, text, occasion=f"care:{report_id}",
                                     dedup_key=f"care|{report_id}|{officer.id}")
    return Done(THANKS)


def _next(ctx: Context):
    d = ctx.data
    if not d.get("subject"):
        return Ask(ASK_WHO, "who")
    if not d.get("kind"):
        return Ask(ASK_WHAT, "what")
    if not d.get("when"):
        return Ask(ASK_WHEN, "when")
    return _finish(ctx)


@registry.intent(
    "care_report",
    keywords={w: 3 for words in KINDS.values() for w in words if len(w) >= 2} | {"慰问": 2, "看望": 2, "探望": 2},
    patterns=[(r"(老师|主任|校长|父亲|母亲|爸爸|妈妈|爱人).{0,4}(住院|生病|走了|去世|过世|手术)", 2),
              (r"我.{0,4}(结婚|生了|要生)", 2)],
    negatives={"报名": 3, "活动": 2, "体检": 3, "建议": 3, "天气": 2},
    menu="关爱报告（五必访）：王老师住院了 / 我下个月结婚",
    menu_order=9,
    slots=extract,
    words=["住院", "去世", "过世", "走了", "结婚", "生孩子"],
)
def care_report(ctx: Context):
    if ctx.member is None:
        return BIND_FIRST
    slots = ctx.slots or extract(ctx.text)
    ctx.data = {"subject": slots.get("subject", ""), "kind": slots.get("kind", ""), "when": slots.get("when", ""),
                "event": ctx.text[:200]}
    step = _next(ctx)
    if isinstance(step, Ask):
        step.flow, step.data = "care", ctx.data
    return step


def _step_who(ctx: Context, text: str):
    t = text.strip()
    if not t:
        return Retry(ASK_WHO)
    ctx.data["subject"] = "本人" if t in ("我", "本人", "我自己", "自己") else t[:30]
    return _next(ctx)


def _step_what(ctx: Context, text: str):
    if len(text.strip()) < 2:
        return Retry(ASK_WHAT)
    ctx.data["kind"] = classify_event(text) or "其他"
    ctx.data["event"] = (ctx.data["event"] + "；" + text.strip())[:300]
    return _next(ctx)


def _step_when(ctx: Context, text: str):
    ctx.data["when"] = text.strip()[:30] or "不清楚"
    return _next(ctx)


registry.flow(Flow("care", {"who": _step_who, "what": _step_what, "when": _step_when},
                   free_text=frozenset({"who", "what"}), label="关怀信息登记"))
