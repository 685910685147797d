"""care_report (五必访): "王老师住院了", "张老师父亲昨晚走了", "我下个月结婚".

A short flow collects who, what and when; it is recorded and every 工会委员 is told through the
outbox; the reporter is thanked; nothing is echoed to anyone else.
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.nlu import normalize
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST

KINDS = {
    "生病住院": ["住院", "生病", "病了", "手术", "开刀", "骨折", "病倒", "看病", "病重", "受伤", "摔伤", "icu", "急诊"],
    "结婚": ["结婚", "婚礼", "办酒", "喜酒", "领证"],
    "生育": ["生孩子", "生了", "宝宝", "生宝宝", "分娩", "产假", "添了", "当爸爸", "当妈妈", "二胎", "三胎", "生小孩"],
    "丧事": ["去世", "走了", "过世", "病故", "逝世", "离世", "丧事", "追悼", "不在了", "仙逝", "去了天堂"],
    "困难": ["困难", "家里出事", "遇到难处", "火灾", "失业"],
}
RELATION = (r"(老父亲|老母亲|父亲|母亲|爸爸|妈妈|老爸|老妈|爸|妈|爱人|老公|老婆|丈夫|妻子|媳妇|孩子|女儿|儿子|老伴|"
            r"公公|婆婆|岳父|岳母|老丈人|丈母娘|家属|家人|奶奶|爷爷|外婆|外公)")
TITLE = r"(老师|主任|校长|书记|师傅|阿姨|老师傅|姐|哥)"
# "数学组王建军老师", "隔壁办公室的小李老师", "我们组老钱的母亲", "吴刚他老丈人"
SUBJECT_RE = re.compile(
    r"((?:[\u4e00-\u9fa5]{1,6}组|隔壁办公室|我们办公室|我们组|我们科|我们年级)的?)?"
    r"((?:小|老|大)[\u4e00-\u9fa5]|[\u4e00-\u9fa5]{1,3}" + TITLE + r"|[\u4e00-\u9fa5]{2,3}(?=他|她|的|家))"
    r"(?:(?:他|她)?的?(?:家)?" + RELATION + r")?")
SELF_RE = re.compile(r"^(我|本人|我自己)(下个?月|下周|最近|昨天|今天|刚|要|已经|在|于|因|也)?.{0,4}"
                     r"(结婚|住院|生|手术|病|办酒|领证|怀孕|当(爸爸|妈妈)|摔|骨折)")
NOT_A_PERSON = {"是", "对", "嗯", "好", "好的", "不清楚", "不知道", "没有", "是的"}
ASK_WHO = "请问是哪位老师？（例如“数学组王老师”，如果是您本人请回复“我”）"
ASK_WHO_AGAIN = "还没听清是哪位。请回复老师的姓名（可带上组别，例如“数学组王建军”）；如果是您本人，回复“我”。"
ASK_WHAT = "请简单说一下情况（例如：住院、结婚、生孩子、家中老人去世）。"
ASK_WHEN = "大概是什么时候？（例如：昨天、下周六、11月20日；不清楚可回复“不清楚”）"
ASK_WHEN_AGAIN = "没看出日期。请回复日期（例如“昨天”“9月26号”），不清楚就回复“不清楚”。"
THANKS = {
    "丧事": "惊悉噩耗，深表哀悼。已转告工会委员，工会会尽快前往慰问，也请您代为转达工会的关心。",
    "生病住院": "谢谢您告诉工会，祝早日康复！已转告工会委员，工会会及时探望慰问。",
    "结婚": "喜事！谢谢您告诉工会，先送上祝福：新婚快乐！已转告工会委员，工会会按规定送上贺礼。",
    "生育": "恭喜添丁之喜！已转告工会委员，工会会按规定前往祝贺慰问。",
    "困难": "谢谢您告诉工会。已转告工会委员，工会会尽快了解情况、提供帮助。",
}
THANKS_OTHER = "谢谢您告诉工会！已转告工会委员，工会会及时关心慰问。"
PRIVACY = "相关信息只有工会委员可见。"
NOTIFY = "【五必访】{reporter}（{staff_no}）报告：{subject} — {event}（{kind}），时间：{when}。请及时跟进慰问。"


def classify_event(text: str) -> str:
    for kind, words in KINDS.items():
        if any(w in text for w in words):
            return kind
    return ""


def find_subject(text: str, roster: list | None = None, reporter=None) -> tuple[str, int | None]:
    """(who the news is about, their member id when the roster says so unambiguously). Roster names
    are looked for anywhere in the message ("特此告知工会：数学组王建军老师因心脏不适…"), with the group
    as a tie-breaker; otherwise a title or a nickname ("王老师", "小李", "老钱的母亲"); "我…结婚" is 本人."""
    norm = normalize(text)
    relation = None
    for member in sorted(roster or [], key=lambda m: -len(m.name)):
        if len(member.name) >= 2 and member.name in norm and (reporter is None or member.id != reporter.id):
            same = [m for m in roster if m.name == member.name]
            if len(same) > 1:
                same = [m for m in same if m.group_name and m.group_name in norm] or same
            if len(same) == 1:
                after = norm[norm.index(member.name) + len(member.name):]
                rel = re.match(r"(老师|主任|校长)?(他|她)?的?(家)?" + RELATION, after)
                relation = rel.group(4) if rel else None
                return (f"{member.name}的{relation}" if relation else member.name), (None if relation else member.id)
    if SELF_RE.search(norm):
        return "本人", None
    m = SUBJECT_RE.search(norm)
    if m and m.group(2):
        return m.group(0)[:30], None
    return "", None


def find_date(text: str, now) -> tuple[str, str]:
    """(the words, the ISO date) of the first day named in the text, or ('', '')."""
    from bot.when import dates_in

    found = dates_in(normalize(text), now)
    return (found[0][0], found[0][1].isoformat()) if found else ("", "")


def extract(text: str) -> dict:
    slots: dict = {}
    kind = classify_event(text)
    if kind:
        slots["kind"] = kind
    subject, _ = find_subject(text)
    if subject:
        slots["subject"] = subject
    return slots


def _when_text(d: dict) -> str:
    if d.get("on_date"):
        return f"{d.get('when') or ''}（{d['on_date']}）".lstrip()
    return d.get("when") or "不清楚"


def _finish(ctx: Context) -> Done:
    d = ctx.data
    member = ctx.member
    when = _when_text(d)
    report_id = ctx.store.care.add(member.id, d["subject"], d["event"], d["kind"], when)
    subject = f"{member.name}（本人）" if d["subject"] == "本人" else d["subject"]
    text = NOTIFY.format(reporter=member.name, staff_no=member.staff_no, subject=subject, event=d["event"],
                         kind=d["kind"] or "其他", when=when)
    for officer in ctx.store.members.committee():
        ctx.store.outbox.enqueue("care", officer.id, text, occasion=f"care:{report_id}",
                                 dedup_key=f"care|{report_id}|{officer.id}")
    return Done(THANKS.get(d["kind"], THANKS_OTHER) + PRIVACY)


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
    subject, _member_id = find_subject(ctx.text, ctx.store.members.all_active(), ctx.member)
    words, on_date = find_date(ctx.text, ctx.clock.now())
    ctx.data = {"subject": subject, "kind": classify_event(normalize(ctx.text)), "when": words,
                "on_date": on_date, "event": ctx.text[:200]}
    step = _next(ctx)
    if isinstance(step, Ask):
        step.flow, step.data = "care", ctx.data
    return step


def _step_who(ctx: Context, text: str):
    """The answer must name someone: a roster name, a title, a nickname, or 我."""
    t = normalize(text).strip(" ，,。.!！")
    if t in ("我", "本人", "我自己", "自己", "是我"):
        ctx.data["subject"] = "本人"
        return _next(ctx)
    subject, _ = find_subject(text, ctx.store.members.all_active(), ctx.member)
    if not subject and 2 <= len(t) <= 8 and re.fullmatch(r"[\u4e00-\u9fa5·]+", t) and t not in NOT_A_PERSON:
        subject = t
    if not subject:
        return Retry(ASK_WHO_AGAIN)
    ctx.data["subject"] = subject
    if not ctx.data.get("on_date"):
        words, on_date = find_date(text, ctx.clock.now())
        ctx.data.update(when=words or ctx.data.get("when", ""), on_date=on_date)
    if not ctx.data.get("kind"):
        ctx.data["kind"] = classify_event(normalize(text))
    return _next(ctx)


def _step_what(ctx: Context, text: str):
    if len(text.strip()) < 2:
        return Retry(ASK_WHAT)
    ctx.data["kind"] = classify_event(normalize(text)) or "其他"
    ctx.data["event"] = (ctx.data["event"] + "；" + text.strip())[:300]
    if not ctx.data.get("on_date"):
        words, on_date = find_date(text, ctx.clock.now())
        ctx.data.update(when=words or ctx.data.get("when", ""), on_date=on_date)
    return _next(ctx)


def _step_when(ctx: Context, text: str):
    """A date ("昨天", "9月26号"), or 不清楚; anything else is asked once more."""
    t = normalize(text).strip(" ，,。.!！")
    words, on_date = find_date(text, ctx.clock.now())
    if on_date:
        ctx.data.update(when=words, on_date=on_date)
    elif re.search(r"不清楚|不知道|不确定|忘了|不记得", t):
        ctx.data["when"] = "不清楚"
    elif not ctx.data.get("asked_again"):
        ctx.data["asked_again"] = True
        return Retry(ASK_WHEN_AGAIN)
    else:
        ctx.data["when"] = text.strip()[:30] if t not in NOT_A_PERSON else "不清楚"
    return _next(ctx)


registry.flow(Flow("care", {"who": _step_who, "what": _step_what, "when": _step_when},
                   free_text=frozenset({"who", "what"}), label="关怀信息登记"))
