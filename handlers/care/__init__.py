"""care_report (五必访): "王老师住院了", "张老师父亲昨晚走了", "我下个月结婚".

A short flow collects who, what and when; it is recorded and every 工会委员 is told through the
outbox; the reporter is thanked; nothing is echoed to anyone else.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from bot.answers import is_self, unwrapped
from bot.engine import Ask, Context, Done, Retry
from bot.nlu import normalize
from bot.normalize import MENTION
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST, in_chinese, latin_name
from handlers.activities.withdraw import calls_off_named
from handlers.care.dates import NOT_THAT_DAY, PAST_KINDS, SELF_CORRECTED, find_date, terms_of  # noqa: F401
from handlers.care.kinds import (  # noqa: F401 (later.py reads LATER_KINDS and classify_event from here)
    FELL,
    INJURY,
    KINDS,
    LATER_KINDS,
    RELATION,
    RETIRE_NEWS,
    RETIRE_SOON,
    classify_event,
    hints_hardship,
    news_put_right,
)
from handlers.care.names import (
    CORRECTING,
    DESCRIBED,
    EPITHET,
    MISSAID,
    SIGNED,
    SUBJECT_RE,
    _said_to_be,
    by_surname,
    helpers_out,
    put_right,
    typo_of,
)
from handlers.care.news import (
    bao_only,
    formal_kin,
    in_own_words,
    introduces_person,
    led_by_bao,
    news_asked,
    person_named,
    retires_named,
    retiring_soon,
    told_union,
)
from handlers.care.own import (
    JOKED,
    MY_RELATIVE,
    OWN_KIN,
    SELF_ABOUT_RE,
    SELF_ASIDE,
    SELF_RE,
    SOMEONE,
    VOCATIVE,
    as_me,
    formal_parent,
    joking,
    own_clause,
    quoted_parts,
    said_self,
    tells_more,
    unsaid_self,
)
from handlers.care.taken import unless_taken_back

NOT_A_PERSON = {"是", "对", "嗯", "好", "好的", "不清楚", "不知道", "没有", "是的"}
NO_NAME_WORDS = re.compile(r"麻烦|工会|登记|一下|帮忙|谢谢|知道|告诉|通知|转告|情况|事情|处理|看看|吧$|吗$|呢$")
ASK_WHO = "请问是哪位老师？（例如“数学组王老师”，如果是您本人请回复“我”）"
ASK_WHO_AGAIN = "还没听清是哪位。请回复老师的姓名（可带上组别，例如“数学组王建军”）；如果是您本人，回复“我”。"
ASK_WHAT = "请简单说一下情况（例如：住院、结婚、生孩子、家中老人去世）。"
ASK_HARDSHIP = "方便的话，简单说说家里是什么情况吗？工会会尽力帮忙，相关信息只有工会委员可见。"
ASK_WHEN = "大概是什么时候？（例如：昨天、下周六、11月20日；不清楚可回复“不清楚”）"
ASK_WHEN_AGAIN = "没看出日期。请回复日期（例如“昨天”“9月26号”），不清楚就回复“不清楚”。"
THANKS = {
    "丧事": "惊悉噩耗，深表哀悼。已转告工会委员，工会会尽快前往慰问，也请您代为转达工会的关心。",
    "生病住院": "谢谢您告诉工会，祝早日康复！已转告工会委员，工会会及时探望慰问。",
    "结婚": "喜事！谢谢您告诉工会，先送上祝福：新婚快乐！已转告工会委员，工会会按规定送上贺礼。",
    "生育": "恭喜添丁之喜！已转告工会委员，工会会按规定前往祝贺慰问。",
    "困难": "谢谢您告诉工会。已转告工会委员，工会会尽快了解情况、提供帮助。",
    "退休": "谢谢您告诉工会！感谢老师多年的辛勤付出，祝退休生活愉快。已转告工会委员，工会会按规定送上退休慰问。",
}
OWN_LOSS = "惊悉噩耗，深表哀悼，请您节哀保重。已转告工会委员，工会会尽快前往慰问。"  # her own family's death
THANKS_OTHER = "谢谢您告诉工会！已转告工会委员，工会会及时关心慰问。"
PRIVACY = "相关信息只有工会委员可见。"
ASK_LATER = "\n知道具体日期的话，可以直接回复（例如“9月26号”）。"
LATER = "~care"  # a note (storage/conversations.py): the report just made, for a date sent after it
# the name said in a later answer: "她叫钱小雨", "名字是钱小雨"
CALLED_RE = re.compile(r"(?:她|他)?(?:叫做|名叫|叫|名字是|名字叫|全名是?)\s*([\u4e00-\u9fa5]{2,3})(?![\u4e00-\u9fa5]{0,1}老师)")
NOTIFY = "【五必访】{reporter}（{staff_no}）报告：{subject} — {event}（{kind}），时间：{when}。请及时跟进慰问。"


def find_subject(text: str, roster: list | None = None, reporter=None) -> tuple[str, int | None]:
    """(who the news is about, their member id when the roster says so unambiguously). Roster names
    are looked for anywhere in the message ("特此告知工会：数学组王建军老师因心脏不适…"), with the group
    as a tie-breaker; otherwise a title or a nickname ("王老师", "小李", "老钱的母亲"); "我…结婚" is 本人."""
    norm = NOT_THAT_DAY.sub("", MENTION.sub("", normalize(text)))  # "不是林晓燕 是谢婷婷": the one it is
    norm = VOCATIVE.sub("", norm)  # "小同志，跟你们说一声，我…": the bot addressed, nobody named
    norm = in_chinese(norm, roster or [])  # "my colleague Song Jian": 宋健 (handlers/_common.py)
    norm = SIGNED.sub(" ", helpers_out(norm, roster or []))  # "课已经请陈静老师帮忙代了", "发布人：郑秀英": not the one
    marks = list(SELF_CORRECTED.finditer(norm))
    if marks and marks[-1].start() > 0:  # "张伟 不对不对 是赵敏": the one said last, when it names someone
        said_last = find_subject(norm[marks[-1].end():], roster, reporter)
        if said_last[0] and said_last[0] != "本人":
            return said_last
    relation = None
    for member in sorted(roster or [], key=lambda m: -len(m.name)):
        if len(member.name) >= 2 and member.name in norm and (reporter is None or member.id != reporter.id) \
                and not _only_denied(member.name, norm):
            same = [m for m in roster if m.name == member.name]
            if len(same) > 1:
                same = [m for m in same if m.group_name and m.group_name in norm] or same
            if len(same) == 1:
                after = norm[norm.index(member.name) + len(member.name):]
                rel = re.match(r"(老师|主任|校长|同志|书记)?(他|她)?的?(家)?" + RELATION, after)
                relation = rel.group(4) if rel else None
                return (f"{member.name}的{relation}" if relation else member.name), (None if relation else member.id)
    quoted = _quoted(norm, roster or [], reporter)  # "小唐让我转达：“我父亲上周六去世了”": 我 is 小唐
    if quoted is not None:
        return quoted
    parent = formal_parent(norm)  # "家母于今日凌晨仙逝", "先父昨日病逝": the member's own parent
    if parent and not MY_RELATIVE.search(norm):
        return f"{reporter.name if reporter is not None else '本人'}的{parent}", None
    mine = MY_RELATIVE.search(norm)  # "我爸下个月做个小手术", "我父亲前天去世了": the member's family
    if mine and reporter is not None and norm[mine.end():].lstrip(" ，,").startswith(reporter.name):
        return "本人", None  # "我外婆赵淑芬 前儿个住的院": typed for the account's holder, who is the one
    if mine:
        return f"{reporter.name if reporter is not None else '本人'}的{mine.group(1)}", None
    bare = OWN_KIN.match(norm)  # "媳妇昨晚生了", "老婆前天生了": nobody else named, her own family
    if bare and not SUBJECT_RE.search(norm):
        return f"{reporter.name if reporter is not None else '本人'}的{bare.group(1)}", None
    norm = as_me(norm)  # "额今儿个早上骑车摔了", "报告，本号即将满级退服": 我 as it is said (handlers/care/own.py)
    if latin_name(norm) and "我" not in norm:  # "zhang wei dong was hospitalized": someone the roster does not know
        return "", None
    clauses = [c for c in re.split(r"[，,。；;！!：:\s]+", norm) if c]  # "跟工会说一声 我要退休了": a clause of its own
    if any(SELF_RE.search(SELF_ASIDE.sub("我", c)) for c in [norm, *clauses[1:]]) or said_self(norm) or (
            any(own_clause(c, roster or [], reporter) for c in clauses)) or (
            reporter is not None and reporter.name in norm):
        return "本人", None
    for m in sorted(SUBJECT_RE.finditer(norm), key=lambda m: bool(DESCRIBED.match(m.group(2)))):
        if m.group(2) and not re.search(r"[个位些]|^(是|我|您|你|有)", m.group(2)):  # "有个老师" names nobody
            known = by_surname(m, norm, roster or [], reporter)
            if known is not None:
                relation = m.group(4)  # groups: 1 where, 2 who (3 its title), 4 a relative
                return (f"{known.name}的{relation}" if relation else known.name), (None if relation else known.id)
            return EPITHET.sub("", m.group(0))[:30], None
    if SELF_ABOUT_RE.search(norm):
        return "本人", None
    return "", None


def _quoted(norm: str, roster: list, reporter) -> tuple[str, int | None] | None:
    """Quoted words in the first person are the speaker's: (who, member id) or None when nothing is quoted so."""
    parts = quoted_parts(norm)
    if parts is None:
        return None
    speaker, speaker_id = find_subject(parts[0], roster, reporter)
    if not speaker or speaker.startswith("本人") or re.search(RELATION + "$", speaker):  # a relative speaks for herself
        return None
    as_member = next((p for p in roster if p.id == speaker_id), None) or SimpleNamespace(name=speaker, id=None)
    said, said_id = find_subject(parts[1], roster, as_member)
    if not said or said == "本人":
        return speaker, speaker_id
    return (speaker + said[2:], None) if said.startswith("本人的") else (said, said_id)


def _only_denied(name: str, norm: str) -> bool:
    """"…住院的是梁红老师 不是郭涛": a name said only after 不是 is the one it is not."""
    return all(norm[max(0, i - 2):i] == "不是" for i in (m.start() for m in re.finditer(re.escape(name), norm)))


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
    d["subject"] = formal_kin(d["subject"])  # "张伟的爸" → "张伟的父亲" in the committee's record
    if d["kind"] == "困难":  # "冯浩老师…他爱人失业了", "我老伴中风…家里困难": the family's hardship is the member's
        d["subject"] = re.sub(r"的(家)?" + RELATION + "$", "", d["subject"])
    if d["subject"] in ("本人", member.name):
        d["subject"] = f"{member.name}（本人）"
    elif d["subject"].startswith("本人的"):
        d["subject"] = member.name + d["subject"][2:]
    text = NOTIFY.format(reporter=member.name, staff_no=member.staff_no, subject=d["subject"], event=d["event"],
                         kind=d["kind"] or "其他", when=when)
    with ctx.store.transaction():  # the report and every officer's notice, or nothing (a retry redoes it)
        report_id = ctx.store.care.add(member.id, d["subject"], d["event"], d["kind"], when)
        for officer in ctx.store.members.committee():
            ctx.store.outbox.enqueue("care", officer.id, text, occasion=f"care:{report_id}",
                                     dedup_key=f"care|{report_id}|{officer.id}")
    own = d["subject"] == f"{member.name}（本人）" or d["subject"].startswith(f"{member.name}的")
    thanks = (OWN_LOSS if own and d["kind"] == "丧事" else THANKS.get(d["kind"], THANKS_OTHER)) + PRIVACY
    if d.get("_queue"):
        return Done(thanks)
    # what comes next is added to this report (handlers/care/later.py): a day ("9月26号 星期六", "昨天住进去的"),
    # a corrected day or person, details ("膝盖半月板 在骨科医院")
    asked = "" if d.get("when") == "不清楚" or d.get("on_date") or d["kind"] == "困难" else ASK_LATER
    return Ask(thanks + asked, "later", flow=LATER,
               data={"report_id": report_id, "subject": d["subject"], "kind": d["kind"], "event": d["event"][:60],
                     "on_date": d.get("on_date", ""), "when": d.get("when", "")})


def _next(ctx: Context):
    d = ctx.data
    if not d.get("subject"):
        return Ask(ASK_WHO, "who")
    if not d.get("kind"):
        return Ask(ASK_HARDSHIP if d.get("hinted") else ASK_WHAT, "what")
    if not d.get("when") and d.get("kind") != "困难":
        return Ask(ASK_WHEN, "when")
    return _finish(ctx)


@registry.intent(
    "care_report",
    keywords={w: 3 for words in KINDS.values() for w in words if len(w) >= 2}
    | {"慰问": 2, "看望": 2, "探望": 2, "喜事": 2, "喜讯": 2, "报喜": 2, "噩耗": 2},
    patterns=[(r"(老师|主任|校长|父亲|母亲|爸爸|妈妈|爱人).{0,4}(住院|生病|走了|去世|过世|手术)", 2),
              (RELATION + r".{0,6}(没了|走了|病逝|老了)", 3),
              (r"(老师|主任|^(小|老)[\u4e00-\u9fa5]).{0,8}(进医院|入院|生啦|住院)", 2),
              (r"我.{0,4}(结婚|生了|要生)", 2),
              (r"^我(?!是)[^，,。？?]{0,10}?(就要?|将要?|要|正式|马上|即将)退休(了|啦)?(?![的老教职人干同党会])", 4),
              (INJURY, 2), (RETIRE_NEWS, 3), (FELL, 3),
              (r"(老师|主任|师傅|他|她)[^，,。？?]{0,8}" + RETIRE_SOON, 3)],  # "高峰老师到年底就退了": a colleague's
    negatives={"报名": 3, "活动": 2, "体检": 3, "建议": 3, "天气": 2},
    menu="关爱报告（五必访）：王老师住院了 / 我下个月结婚",
    menu_order=9,
    slots=extract,
    words=["住院", "去世", "过世", "走了", "结婚", "生孩子"],
    # handlers/care/news.py; news given only as the reason for calling off a sign-up is the withdrawal's
    # ("家里老人病了 运动会就不参加了": handlers/activities/withdraw.py claims it for cancel_signup);
    # "我这个月底就要退了": her retirement, not a withdrawal; "家里最近有点难": asked what it is
    claims=lambda ctx: (led_by_bao(ctx) or introduces_person(ctx) or in_own_words(ctx) or retiring_soon(ctx) or told_union(ctx)
                        or retires_named(ctx) or (ctx.member is not None and hints_hardship(ctx.norm))) and not calls_off_named(ctx),
)
def care_report(ctx: Context, subject: str | None = None):
    """The news in a message; `subject` when the person was named before it (handlers/care/news.py)."""
    if ctx.member is None:
        return BIND_FIRST
    if subject is None and joking(ctx.text):  # "今天早上上体重秤，它说我该住院了😂": a joke, nothing filed
        return JOKED.format(who=f"{ctx.member.name}老师")
    if subject is None and introduces_person(ctx):  # "反映个情况 理化生组郭涛老师": the news is asked for
        return person_named(ctx)
    if subject is None and bao_only(ctx.norm):  # "报个喜哈": so is the news itself
        return news_asked(ctx)
    norm = normalize(ctx.text)
    kind = classify_event(norm)
    if not kind and INTRO.match(norm) and not CARE_WORDS.search(norm):
        # "你好 我是退休的张老师 孙子给我弄的微信": who she is, no news yet
        return GREETING.format(who=f"{ctx.member.name}老师", bot=ctx.config.get("bot", "name"))
    if subject is None:
        subject, _member_id = find_subject(ctx.text, ctx.store.members.all_active(), ctx.member)
        subject = subject or ("本人" if unsaid_self(helpers_out(norm, ctx.store.members.all_active())) else "")
        theirs = re.search(r"(?:他|她)(?!们)(?:的|家)?" + RELATION, norm)  # "小唐让我跟工会说一声，她父亲上周六去世了"
        if theirs and subject and subject != "本人" and "的" not in subject:
            subject = f"{subject}的{theirs.group(1)}"
    words, on_date = find_date(ctx.text, ctx.clock.now(), terms=terms_of(ctx))
    ctx.data = {"subject": subject, "kind": kind, "when": words,
                "on_date": on_date, "event": ctx.text[:200]}
    if not kind and hints_hardship(norm):  # "家里最近有点难": her own home's, what it is asked next
        ctx.data.update(subject=subject or "本人", hinted=True)
    step = _next(ctx)
    if isinstance(step, Ask) and step.flow is None:
        step.flow, step.data = "care", ctx.data
    return step


INTRO = re.compile(r"^(你好|您好|老师好|打扰了?|[,，。.!！\s])*(我是|我叫|本人是?)")
CARE_WORDS = re.compile(r"慰问|看望|探望|关心|事|病|医院|伤|身体|不舒服|不好")
GREETING = "您好，{who}！我是{bot}，有什么可以帮您？回复“帮助”查看我能做什么。"


def _step_who(ctx: Context, text: str):
    """The answer must name someone: a roster name, a title, a nickname, or 我 (inside what wraps it: "@王建军",
    "答：王建军", bot/answers.py)."""
    text = unwrapped(text)
    t = normalize(text).strip(" ，,。.!！")
    if is_self(text):  # "我", "本人", "鄙人", "是额" (bot/answers.py: wherever who is asked)
        ctx.data["subject"] = "本人"
        return _next(ctx)
    subject, _ = find_subject(text, ctx.store.members.all_active(), ctx.member)
    if not subject and SOMEONE.search(t):  # "她说问题不大": someone, not named
        return Retry(ASK_WHO_AGAIN)
    if not subject and tells_more(t, ctx.clock.now()):  # "闺女 六斤八两 母女平安": more news, nobody named — hers
        subject = "本人"
    if not subject and 2 <= len(t) <= 8 and re.fullmatch(r"[\u4e00-\u9fa5·]+", t) and t not in NOT_A_PERSON \
            and not NO_NAME_WORDS.search(t):  # "麻烦工会登记一下" names nobody
        subject = t
    if not subject:
        return Retry(ASK_WHO_AGAIN)
    ctx.data["subject"] = subject
    if not ctx.data.get("on_date"):
        words, on_date = find_date(text, ctx.clock.now(), ctx.data.get("kind", ""), ctx.data.get("event", ""), terms_of(ctx))
        ctx.data.update(when=words or ctx.data.get("when", ""), on_date=on_date)
    if not ctx.data.get("kind"):
        ctx.data["kind"] = classify_event(normalize(text))
    return _next(ctx)


def _step_what(ctx: Context, text: str):
    if len(text.strip()) < 2:
        return Retry(ASK_WHAT)
    ctx.data["kind"] = classify_event(normalize(text)) or ("困难" if ctx.data.get("hinted") else "其他")
    ctx.data["event"] = (ctx.data["event"] + "；" + text.strip())[:300]
    theirs = re.match(r"(她|他)(的|家)?" + RELATION, normalize(text).strip())  # "她父亲走了": the news is her family's
    if theirs and ctx.data.get("subject") and "的" not in ctx.data["subject"] and ctx.data["subject"] != "本人":
        ctx.data["subject"] += "的" + theirs.group(3)
    if not ctx.data.get("on_date"):
        words, on_date = find_date(text, ctx.clock.now(), ctx.data.get("kind", ""), ctx.data.get("event", ""), terms_of(ctx))
        ctx.data.update(when=words or ctx.data.get("when", ""), on_date=on_date)
    return _next(ctx)


def _named(ctx: Context, text: str) -> None:
    """A name given in an answer ("她叫钱小雨 还在实习") replaces a nickname or a description."""
    m = CALLED_RE.search(normalize(text))
    if m and m.group(1) != ctx.data.get("subject"):
        ctx.data["subject"] = m.group(1)


def _step_when(ctx: Context, text: str):
    """A date ("昨天", "9月26号"), or 不清楚; anything else is asked once more."""
    t = normalize(text).strip(" ，,。.!！")
    words, on_date = find_date(text, ctx.clock.now(), ctx.data.get("kind", ""), ctx.data.get("event", ""), terms_of(ctx))
    if on_date:
        ctx.data.update(when=words, on_date=on_date)
    elif re.search(r"不清楚|不知道|不确定|忘了|不记得", t):
        ctx.data["when"] = "不清楚"
    elif news_put_right(ctx.data, t):  # "唔係住院 係出院": the news put right, the person kept, the time asked again
        return Ask(ASK_WHEN, "when")
    else:  # no date in the answer ("理化生组的徐丽", "是"): the time is recorded as unknown, never as the words
        ctx.data["when"] = "不清楚"
        _named(ctx, text)
        subject, _ = find_subject(text, ctx.store.members.all_active(), ctx.member)
        if subject and subject != "本人" and (not ctx.data.get("subject") or ctx.data["subject"] in subject):
            ctx.data["subject"] = subject
        before = ctx.data.get("subject", "")
        ctx.data["subject"] = corrected_subject(ctx, text, before) or before
        if ctx.data["subject"] == before and MISSAID.search(t):  # "说错了 不是周婷 是我": never the one put right
            ctx.data["subject"] = put_right(before, subject)
        return _next(ctx)
    ctx.data["subject"] = corrected_subject(ctx, text, ctx.data.get("subject", "")) or ctx.data.get("subject", "")
    return _next(ctx)


def corrected_subject(ctx: Context, text: str, old: str) -> str | None:
    """The person put right: "罗彬老师的母亲" then "是英语组的罗斌 斌是文武斌" → "罗斌的母亲". Only a roster
    member corrects a person not on the roster, when the answer says it corrects ("是…", "应该是…") or
    shares the surname; a relative in the old words stays."""
    roster = ctx.store.members.all_active()
    subject, member_id = find_subject(text, roster, ctx.member)
    norm = normalize(text)
    said_wrong = MISSAID.search(norm) and _said_to_be(norm, member_id, roster)  # "说错了 不是林晓燕 是谢婷婷"
    kin = re.search(r"的?(家)?" + RELATION + r"$", old)
    if member_id is not None and kin and re.search(r"(我|额|俺|他|她)(的|家)?" + kin.group(2) + r"(就|也)?(是|叫)?", norm) \
            and subject != old and "的" not in subject:  # "我爱人住院了" then "我爱人 英语组周婷": the family is a member
        return subject
    typo = member_id is not None and not any(len(m.name) >= 2 and m.name in old for m in roster) and typo_of(old, next(m.name for m in roster if m.id == member_id), norm)
    if member_id is None or not old or subject in old or (
            any(len(m.name) >= 2 and m.name in old for m in roster) and not (said_wrong or typo)):
        return None
    if not (CORRECTING.match(normalize(text)) or subject[0] in old or said_wrong or typo):
        return None
    relative = re.search(r"的?(家)?" + RELATION + r"$", old)
    return f"{subject}的{relative.groups()[-1]}" if relative else subject


registry.flow(Flow("care", unless_taken_back({"who": _step_who, "what": _step_what, "when": _step_when}),
                   free_text=frozenset({"who", "what"}), label="关怀信息登记",
                   short_answers=frozenset({"who", "what"})))
