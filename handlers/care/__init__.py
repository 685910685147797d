"""care_report (五必访): "王老师住院了", "张老师父亲昨晚走了", "我下个月结婚".

A short flow collects who, what and when; it is recorded and every 工会委员 is told through the
outbox; the reporter is thanked; nothing is echoed to anyone else.
"""

from __future__ import annotations

import re

from bot.answers import is_self, unwrapped
from bot.engine import Ask, Context, Done, Retry
from bot.nlu import normalize
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST
from handlers.activities.withdraw import calls_off_named
from handlers.care.dates import NOT_THAT_DAY, PAST_KINDS, SELF_CORRECTED, find_date, terms_of  # noqa: F401
from handlers.care.either import ask_which, either_of, step_which
from handlers.care.kinds import (  # noqa: F401 (later.py reads LATER_KINDS and classify_event from here)
    FELL,
    INJURY,
    KINDS,
    LATER_KINDS,
    RELATION,
    RETIRE_NEWS,
    RETIRE_SOON,
    classify_event,
    denied_only,
    foreseen_only,
    hints_hardship,
    news_put_right,
)
from handlers.care.names import (
    CORRECTING,
    MISSAID,
    _said_to_be,
    helpers_out,
    put_right,
    typo_of,
)
from handlers.care.news import (
    asked_who,
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
    LIKENED,
    MY_RELATIVE,  # noqa: F401 (later.py reads it from here)
    SOMEONE,
    joking,
    likened,
    tells_more,
    unsaid_self,
)
from handlers.care.subject import find_subject
from handlers.care.taken import unless_taken_back
from handlers.care.unreal import kind_beside_feast, real_part, unreal_news

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
FORESEEN_ONLY = ("听起来您是担心以后会出事，还没有谁真的出事，所以没有登记为关怀信息。如果是哪里有安全隐患，直接说是哪里、什么问题，"
                 "我帮您把意见转达给学校（可以匿名）；如果是哪位老师已经受伤或生病了，请告诉我是谁、什么事。")
DENIED_NEWS = "明白，这不算需要告诉工会的事，没有登记。以后有喜事或难事（结婚、生育、住院、退休等），直接告诉我就行。"
ASK_LATER = "\n知道具体日期的话，可以直接回复（例如“9月26号”）。"
LATER = "~care"  # a note (storage/conversations.py): the report just made, for a date sent after it
# the name said in a later answer: "她叫钱小雨", "名字是钱小雨"
CALLED_RE = re.compile(r"(?:她|他)?(?:叫做|名叫|叫|名字是|名字叫|全名是?)\s*([\u4e00-\u9fa5]{2,3})(?![\u4e00-\u9fa5]{0,1}老师)")
NOTIFY = "【五必访】{reporter}（{staff_no}）报告：{subject} — {event}（{kind}），时间：{when}。请及时跟进慰问。"


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
    if d.get("either"):  # "王芳姐姐去世了": her sister's news, or hers (handlers/care/either.py)
        return ask_which(d)
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
    if subject is None and likened(ctx.norm):  # "插出来像车祸现场，翻车多尴尬": a likeness, nobody hurt
        return LIKENED
    if subject is None and foreseen_only(ctx.norm):  # "总有一天会有人摔断腿的": nothing has happened to anyone
        return FORESEEN_ONLY
    if subject is None and (unreal := unreal_news(ctx.norm, ctx.store.members.active_names_in(ctx.norm))):  # "如果我住院了，工会有什么慰问吗", "我家的猫去世了" (attack27)
        return unreal
    if denied_only(ctx.norm) or asked_who(ctx.norm):  # "我才不要结婚", "谁说朱军要退休了？没这回事": no news (attack26)
        return DENIED_NEWS
    if subject is None and introduces_person(ctx):  # "反映个情况 理化生组郭涛老师": the news is asked for
        return person_named(ctx)
    if subject is None and bao_only(ctx.norm):  # "报个喜哈": so is the news itself
        return news_asked(ctx)
    norm = normalize(ctx.text)
    kind = kind_beside_feast(norm) or classify_event(norm)  # (attack27: a guest's feast is no wedding)
    if not kind and INTRO.match(norm) and not CARE_WORDS.search(norm):
        # "你好 我是退休的张老师 孙子给我弄的微信": who she is, no news yet
        return GREETING.format(who=f"{ctx.member.name}老师", bot=ctx.config.get("bot", "name"))
    if subject is None:
        subject, _member_id = find_subject(real_part(ctx.text, ctx.store.members.active_names_in(ctx.norm)),  # (attack27)
                                           ctx.store.members.all_active(), ctx.member)
        subject = subject or ("本人" if unsaid_self(helpers_out(norm, ctx.store.members.all_active())) else "")
        theirs = re.search(r"(?:他|她)(?!们)(?:的|家)?" + RELATION, norm)  # "小唐让我跟工会说一声，她父亲上周六去世了"
        if theirs and subject and subject != "本人" and "的" not in subject:
            subject = f"{subject}的{theirs.group(1)}"
    words, on_date = find_date(ctx.text, ctx.clock.now(), terms=terms_of(ctx))
    ctx.data = {"subject": subject, "kind": kind, "when": words,
                "on_date": on_date, "event": ctx.text[:200]}
    _either(ctx, ctx.text)
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
    _either(ctx, text)
    if not ctx.data.get("on_date"):
        words, on_date = find_date(text, ctx.clock.now(), ctx.data.get("kind", ""), ctx.data.get("event", ""), terms_of(ctx))
        ctx.data.update(when=words or ctx.data.get("when", ""), on_date=on_date)
    if not ctx.data.get("kind"):
        ctx.data["kind"] = classify_event(normalize(text))
    return _next(ctx)


def _either(ctx: Context, text: str) -> None:
    """A member's name with a sibling word after it ("王芳姐姐去世了"): whose news it is, asked before anything is filed."""
    either = either_of(text, ctx.data.get("subject", ""), ctx.store.members.all_active(), ctx.data.get("kind") or "")
    if either:
        ctx.data["either"] = list(either)


def _step_which(ctx: Context, text: str):
    """Her answer to "是王芳老师本人，还是王芳老师的姐姐？"; a day said with it dates the news."""
    def then(ctx: Context, text: str):
        if not ctx.data.get("on_date"):
            words, on_date = find_date(text, ctx.clock.now(), ctx.data.get("kind", ""), ctx.data.get("event", ""), terms_of(ctx))
            if on_date:
                ctx.data.update(when=words, on_date=on_date)
        return _next(ctx)
    return step_which(ctx, text, then)


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


registry.flow(Flow("care", unless_taken_back({"who": _step_who, "what": _step_what, "when": _step_when,
                                                      "which": _step_which}),
                   free_text=frozenset({"who", "what", "which"}), label="关怀信息登记",
                   short_answers=frozenset({"who", "what", "which"})))
