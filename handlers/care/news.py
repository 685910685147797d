"""How care news begins, claimed by the feature (registry.Intent.claims: the classifier's features stay
as they were):

- news led by 报 ("报个喜！唐宁昨天晚上生了", "报个丧", "报个信 韩冬老师住院了") is news, never a sign-up;
- a person named before the news ("我替我爷爷发的 他是退休老师王建国", "反映个情况 理化生组郭涛老师"): the
  person is kept in a note, and the news that follows ("他昨天晚上突发脑梗住院了", "住院") is about them
  (handlers/care/about.py). Anything else that follows is understood as a new message.
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context
from bot.relay import TYPIST
from bot.several import CHECKUP_FOUND
from bot.steps import TYPIST_WORDS
from handlers.care.kinds import (
    BORN_RE,
    FEAST_SAID,
    GENTLE_RE,
    HOSPITAL_RE,
    RELATION,
    RETIRE_SOON_RE,
    RETIRED_ONE,
    TREATED_RE,
    classify_event,
)
from handlers.care.names import SUBJECT_RE, nicknamed, said_with_group
from handlers.care.own import TOLD_UNION, as_me, unsaid_self

# "报个喜", "报喜报喜", "报一下喜", "给工会报个丧", "报个信", "报备一下", "喜报", "报告个好消息", "报个好消息"
BAO_LEAD = re.compile(r"报(个|一个|一下|下)?(喜|丧|信|备|(好|坏)消息|喜讯|噩耗)|喜报|报告(个|一个)?(喜讯|好消息|坏消息|噩耗)")
# what makes the message something else: a sign-up, a suggestion or complaint (above all an anonymous one)
NOT_NEWS = re.compile(r"报名|名额|候补|匿名|实名|署名|投诉|举报|意见|建议|吐槽|提案|体检|活动")


def led_by_bao(ctx: Context) -> bool:
    """News whose first words carry 报: a kind of news must follow, or nothing at all ("报个喜哈", "报个信")."""
    norm = ctx.norm
    return ctx.member is not None and bool(BAO_LEAD.search(norm)) and not re.search("报名|名额|候补|匿名|实名|署名", norm) \
        and (bool(classify_event(norm)) or bao_only(norm))


def bao_only(norm: str) -> bool:
    """"报个喜哈", "报喜报喜", "给工会报个信": the lead alone, the news still to come."""
    return bool(BAO_LEAD.search(norm)) and not re.sub(r"给|跟|向|工会|一下|下|喜讯|[啊呀哈嘛呢哦!！。.~，,\s]", "", BAO_LEAD.sub("", norm))


def in_own_words(ctx: Context) -> bool:
    """News the classifier has no word for ("我外婆李秀兰 前天住的院", "罗斌老婆昨天生咯", "老周今天早上心脏不舒服，
    送市一院了", "郭涛老师这周六摆的酒", "高峰老师3.5分的体检结果出来了，昨天住院了"), about a colleague or a relative:
    read by classify_event alone."""
    norm = ctx.norm
    if gently_told(ctx):  # "老周，周志明，前天晚上驾鹤西去了"
        return True
    return ctx.member is not None and len(norm) <= 60 and not NOT_NEWS.search(CHECKUP_FOUND.sub("", norm)) \
        and bool(TREATED_RE.search(norm) or BORN_RE.search(norm) or HOSPITAL_RE.search(norm) or FEAST_SAID.search(norm)
                 or found_at_checkup(norm)) \
        and (bool(re.search(RELATION, norm)) or bool(ctx.store.members.active_names_in(norm)) or nickname_said(norm))


def found_at_checkup(norm: str) -> bool:
    """News told with the checkup that found it ("高峰老师3.5分的体检结果出来了，昨天住院了"): no question about the checkup."""
    return bool(CHECKUP_FOUND.search(norm)) and not re.search(r"[?？吗]", norm) \
        and bool(classify_event(CHECKUP_FOUND.sub("", norm)))


def gently_told(ctx: Context) -> bool:
    """News in gentle, bookish or gamer's words ("老周，周志明，前天晚上驾鹤西去了", "嘿嘿，本人要小登科了", "报告，本号即将
    满级退服"), about someone named, a relative or herself (handlers/care/kinds.py GENTLE); not a question."""
    norm = ctx.norm
    return ctx.member is not None and len(norm) <= 80 and bool(GENTLE_RE.search(norm)) and not NOT_NEWS.search(norm) \
        and not re.search(r"[?？吗]", norm) \
        and (bool(re.search(RELATION, norm)) or bool(ctx.store.members.active_names_in(norm)) or nickname_said(norm)
             or bool(SAID_BY_SELF.search(as_me(norm))) or unsaid_self(norm))  # ("家里多了个小家伙": her own)


SAID_BY_SELF = re.compile(r"(^|[，,。.！!；;\s])(我(?!们)|本人)")


def nickname_said(norm: str) -> bool:
    """A colleague called by a nickname or a title at the start ("老周今天早上心脏不舒服", "小李老师昨天住的院"),
    whether or not the roster settles who it is (the care flow asks when it does not)."""
    m = SUBJECT_RE.match(norm)
    return m is not None and m.group(2) is not None and not re.search(r"[个位些]|^(是|我|您|你|有)", m.group(2))


# news filed with the union ("跟工会报备一下：…", "跟工会说一下，教师节那天我要去…做胆囊切除", "特此告知工会：…"): news
# when it says a kind of news and asks nothing else — a doctor's 建议 is no suggestion ("医生建议尽快切掉")
ASKED_ELSE = re.compile(r"报名|名额|候补|匿名|实名|署名|投诉|举报|意见|建议|吐槽|提案")
DOCTOR_SAID = re.compile(r"(医生|大夫|医院|专家)(也|都)?(建议|说|讲|让)")


# … or raised as a colleague's situation ("想反映个情况，宋健家里最近挺难的…"): a member named, not a complaint
RAISED_CARE = re.compile(r"反映(一?个|一下)?(情况|事)")


def told_union(ctx: Context) -> bool:
    norm = ctx.norm
    told = TOLD_UNION.search(norm) or "报备" in norm or (RAISED_CARE.search(norm) and ctx.member is not None
                                                        and ctx.store.members.active_names_in(norm))
    return ctx.member is not None and bool(told) and bool(classify_event(norm)) \
        and not ASKED_ELSE.search(DOCTOR_SAID.sub("", norm))


# a colleague's retirement told as news, however short: "郑秀英 学期末退休 请工会关照 赵敏", "周婷老师放暑假就退休了",
# "唐宁下学期退休" (not who she is: "退休的王建国老师"; not a question: "郑秀英退休了吗", "退休老师能报名吗")
RETIRES = re.compile(r"(退休|荣退|荣休|退下来)(?![的老教职人干同党会金证手工报费待前后以之时那])")
ASKED = re.compile(r"[?？吗么]|什么|怎么|能不能|可不可以|是不是|有没有|哪|几")


# (conv39) a question she answers herself, as a folk song asks and answers: "什么人退休九月底？行政后勤朱军师傅哟"
RIDDLE = re.compile(r"(什么人|哪位|是谁|谁)([^，,。？?！!]{0,12})[？?]")


def answered(norm: str) -> str:
    """The message with the "who?" questions it answers after them made statements (the answer follows the last)."""
    tail = re.search(r"[\u4e00-\u9fff][^？?]*$", norm)  # (attack26: an answer that denies names nobody: "什么人退休九月底？
    return RIDDLE.sub(r"\2，", norm) if tail and not re.search(r"[不没非别无]", tail.group()) else norm  # 不是朱军师傅")


def asked_who(norm: str) -> bool:
    """(attack26) The news only asked about or denied in a who-question ("谁要退休了？朱军？", "谁说朱军要退休了？没这回事"): every
    sentence telling it asks who, and no answer after it names one ("什么人退休九月底？行政后勤朱军师傅哟" is news)."""
    denied = re.search(r"谁(说|讲|告诉你)[^，,。！!？?]{0,14}[？?]", norm)  # ("谁说…住院了？": no answer names one)
    if denied and classify_event(denied.group()):
        return True
    told = [s for s in re.split(r"(?<=[？?。！!\n])", answered(norm)) if s.strip() and classify_event(s)]
    return bool(told) and all(s.rstrip().endswith(("？", "?")) for s in told) \
        and any(re.search(r"谁|什么人|哪位", s) for s in told)


def retires_named(ctx: Context) -> bool:
    """A colleague named by the roster and her retirement, said as news."""
    norm = RETIRED_ONE.sub("", answered(ctx.norm))
    if ctx.member is None or len(norm) > 60 or not RETIRES.search(norm) or ASKED.search(norm) or NOT_NEWS.search(norm):
        return False
    return bool(set(ctx.store.members.active_names_in(norm)) - {ctx.member.name})


def retiring_soon(ctx: Context) -> bool:
    """Her retirement said as leaving ("人老了 我这个月底就要退了"): a time or her age before 退了, no sign-up named."""
    return ctx.member is not None and bool(RETIRE_SOON_RE.search(ctx.norm)) and not NOT_NEWS.search(ctx.norm)


ASK_BAO = "好的，请说一下是哪位老师、什么事（例如“数学组王老师昨天住院了”“我下个月结婚”）。"


# a message sent for someone else, the account's holder ("我替我爷爷发的", "用我爷爷的微信发的", "帮我外婆打字")
ON_BEHALF = re.compile(r"替|代(?!表)|帮.{0,6}(发|打字|说|报)|孙子|孙女|外孙|用.{0,6}微信|打字")
# what a message that introduces a person may say besides the person: who sends it and for whom, where the
# person works or worked, the words for "a matter to raise", and a listener's particles ("你知道吧", "伐", "嘛")
INTRO_FILLER = re.compile(
    r"(小助手|您好|你好|我是?|是|系|替|代|帮|给|跟|向|对|和|工会|发的?|发个?消息|用|微信|打字|的|他|她|伊|其|"
    r"本组|我们|咱们|额们|俺们|阿拉|我哋|咱|[\u4e00-\u9fa5]{1,5}组|组|行政|后勤|学校|原来|以前|平时|也|都|"
    r"退休|退下来|老同事|同事|老|教师|老师|同志|姐|哥|教过我|一个办公室|办公室|"
    r"反映|说|讲|报告|汇报|报|信|告诉|通报|一声|一下|下|个|一个|点|件|事情?|情况|关于|有|这是|这边|那个|"
    r"孙子|孙女|外孙女?|女儿|儿子|家属|" + RELATION[1:-1] +
    r"|你知道吗|你知道吧|知道吧|知道的|晓得|认识吧|伐|[啊呀哈嗯哦呢吧吗嘛哇噢]|[\s,，。.!！~…:：?？])*")


def _named_person(ctx: Context) -> tuple[str, list[str]] | None:
    """(the one member the message names besides the sender, or the sender; the words that name each
    named member) — None when it names none, or two others."""
    norm = ctx.norm
    found = set(ctx.store.members.active_names_in(norm))  # (SQLite finds them: the roster is not loaded per message)
    others = found - {ctx.member.name}
    if not found:  # "跟工会说个事 我们组老孙": the one member the nickname stands for (the roster is
        nick = nicknamed(norm, ctx.store.members.all_active, ctx.member)  # loaded only when a title is seen)
        return (nick[0].name, [nick[1]]) if nick else None
    if len(others) > 1:
        return None
    said = [said_with_group(norm, name) for name in sorted(found, key=len, reverse=True)]
    return (next(iter(others)) if others else ctx.member.name), said


# who someone is, not news: "也是咱学校退下来的", "也是退休老师"
RETIRED_SAID = re.compile(r"(也|都)?是?[^，,。\s]{0,4}退(休|下来)(了)?的?(老师|教师)?")


# the person alone, the sender or her family, after a lead-in ("跟工会报个情况" / "我爱人", "我自个儿", "我自己")
OWN_PERSON = re.compile(r"^(?:是|就是)?(?:我自己|我自个儿?|我本人|本人|(?:我|额|俺)(?:自己)?(?:的|家|家里的?)?(?P<kin>"
                        + RELATION[1:-1] + r"))(?:的事儿?|的情况)?[啊呀哈吧嘛]*$")


def introduces_person(ctx: Context) -> bool:
    """A message that only names a colleague ("我们组高峰老师", "体艺组的冯浩 你知道吧", "反映个情况 理化生组郭涛老师"),
    or the account's holder when sent for them ("我替我爷爷发的 他是退休老师王建国"), or the sender or her family
    alone ("我爱人", "我自己"), with no news yet."""
    norm = ctx.norm
    if ctx.member is not None and OWN_PERSON.match(norm.strip()):
        return True
    if ctx.member is None or len(norm) > 40 or NOT_NEWS.search(norm) or classify_event(RETIRED_SAID.sub("", norm)):
        return False
    named = _named_person(ctx)
    if named is None:
        return bool(TYPED_FOR_TITLE.match(norm.strip(" ，,。.!！~")))  # "替王老师发的": the colleague by title alone
    if named[0] == ctx.member.name and not ON_BEHALF.search(norm):
        return False  # "我是退休的王建国": who she is (a greeting)
    rest = norm
    for words in named[1]:
        rest = rest.replace(words, " ")
    return bool(INTRO_FILLER.fullmatch(rest))


ABOUT = "~careabout"  # a note: the person just named, for the news that follows
TYPIST_SAID = TYPIST_WORDS  # … and the words saying who types for the holder ("我替我妈发的"), passed on with a request
ASK_NEWS = "好的，{who}有什么情况要告诉工会？请说一下（例如：住院、结婚、生孩子、家中老人去世）。"
TYPED_FOR_COLLEAGUE = re.compile(r"(?:替|帮|代)[^，,。！!？?\s]{1,6}?(?:发的?|打的?字|代发|发消息|发一下)[的了]?")
# … and the colleague named by a title alone: "替王老师发的", "我是帮李主任发的", "代刘老师发一下"
TYPED_FOR_TITLE = re.compile(r"^(?:我)?(?:是)?(?:替|帮|代)(?P<who>[\u4e00-\u9fa5]{1,3}?(?:老师|主任|校长|组长|书记))"
                             r"(?:发的?|打的?字|代发|发消息|发一下|发个消息)[的了啊呀哈]*$")
# typed for a colleague: her sign-ups are her own to make; news about her is welcome from anyone
ASK_TYPED_FOR = ("好的，您想替{who}转达什么？报名、取消报名只能由老师本人办理（请{who}用自己的微信给我发消息）；"
                 "如果是{who}的情况要告诉工会（例如住院、结婚、生孩子、家中老人去世），请直接说。")


def news_asked(ctx: Context):
    """The lead alone ("报个喜哈"): the news is asked for, and what follows is read as it."""
    return Ask(ASK_BAO, "news", flow=ABOUT, data={"subject": ""})


def person_named(ctx: Context):
    own = OWN_PERSON.match(ctx.norm.strip())
    if own:  # "我爱人": her family's news comes next; "我自己": her own
        kin = own.group("kin")
        return Ask(ASK_NEWS.format(who=f"您的{kin}" if kin else "您"), "news", flow=ABOUT,
                   data={"subject": f"{ctx.member.name}的{kin}" if kin else "本人"})
    named = _named_person(ctx)
    by_title = TYPED_FOR_TITLE.match(ctx.norm.strip(" ，,。.!！~")) if named is None else None
    if by_title:  # "替王老师发的", "帮李主任发一下": typed for a colleague named by title (several 王 on the roster)
        who = by_title.group("who")
        return Ask(ASK_TYPED_FOR.format(who=who), "news", flow=ABOUT,
                   data={"subject": who, TYPIST_SAID: ctx.msg.text.strip()})
    name = named[0]
    subject = "本人" if name == ctx.member.name else name
    typist = TYPIST.search(ctx.norm) if subject == "本人" else None  # "我替我妈发的 她是退休的赵淑芬": her typist
    typed = TYPED_FOR_COLLEAGUE.search(ctx.norm) if subject != "本人" else None
    if typed:  # "我替王芳发的": typed for a colleague, who has her own phone (her request next is refused as such)
        return Ask(ASK_TYPED_FOR.format(who=f"{name}老师"), "news", flow=ABOUT,
                   data={"subject": subject, TYPIST_SAID: ctx.msg.text.strip()})  # (all of it: whom she types for)
    return Ask(ASK_NEWS.format(who=f"{name}老师"), "news", flow=ABOUT,
               data={"subject": subject, **({TYPIST_SAID: typist.group(0).strip()} if typist else {})})


# a relative as the committee's record names them: "张伟的爸" → "张伟的父亲", "孙强的老妈" → "孙强的母亲"
# ("刘洋的老婆", "何雪的老公" → "…的爱人": the spouse in one neutral word)
_FORMAL = [(re.compile(r"的(老父亲|老爸|老爹|爸爸|爸|爹)$"), "的父亲"), (re.compile(r"的(老母亲|老妈|老娘|妈妈|妈|娘)$"), "的母亲"),
           (re.compile(r"的(老婆|媳妇儿?|妻子|太太|夫人|老公|丈夫|先生|那口子)$"), "的爱人")]  # (老伴 is no informal word: kept)


def formal_kin(subject: str) -> str:
    for said, formal in _FORMAL:
        subject = said.sub(formal, subject)
    return subject
