"""After a care report: what the reporter says next belongs to it. A day ("9月26号 星期六", "昨天住进去的")
is added, a new day replaces the one given ("九月底正式退休" then "9月30号办手续"), the person is put right
("是英语组的罗斌", "就是我自己 孙强"), and details ("膝盖半月板 在骨科医院", "请工会安排一下欢送") are added
to the account; each is told to the committee. Anything else (another request, a question) is
understood as a new message. The note stays open for the next message while it is used."""

from __future__ import annotations

import hashlib
import re

from bot.engine import Ask, Context, PassOn
from bot.nlu import normalize
from bot.registry import Flow, registry
from handlers.care import (
    LATER,
    LATER_KINDS,
    MY_RELATIVE,
    PAST_KINDS,
    RELATION,
    _when_text,
    classify_event,
    corrected_subject,
    find_date,
    find_subject,
    terms_of,
)
from handlers.care.dates import clause_of
from handlers.care.news import formal_kin

ADDED = "好的，已补充时间：{when}。已转告工会委员。"
CHANGED = "好的，时间已改为：{when}。已转告工会委员。"
NOTED = "好的，已补充到刚才的报告里，并转告工会委员。"
PERSON = "好的，已更正为：{subject}。已转告工会委员。"
SAME_PERSON = "好的，明白，是{subject}。"
SAME_DAY = "好的，时间是{when}，已记下。"
NOTIFY_LATER = "【五必访】补充：{subject} — {event}，时间：{when}。"
NOTIFY_NOTE = "【五必访】补充：{subject} — {note}"
NOTIFY_PERSON = "【五必访】更正：刚才报告的是{subject} — {event}"
# more about the same news ("他家属说不用去看望", "膝盖半月板 在骨科医院", "请工会安排一下欢送")
# ("他们食堂的菜太咸", "她们说下周开会": others, not this news)
ABOUT_THEM = re.compile(r"^((他|她)(?!们)|(他|她)们家|家属|家里人|家人|对方)")
DETAIL = re.compile(r"不(用|必)[^，,。]{0,4}看|报备|说一声|讲一声|知会|转告|转达|谢谢[^，,。]{0,4}(关心|惦记|关怀)|后事|医院|病房|住院部|床|手术|伤|病|骨|膝|腿|腰|心脏|脑|肿瘤|癌|icu|康复|出院|追悼|告别|殡|火化|出殡|葬|灵堂|"
                    r"舍不得|干了[0-9一二两三四五六七八九十几]+年|丧|婚礼|酒店|酒席|喜宴|宝宝|男孩|女孩|千金|公子|闺女|女儿|儿子|小子|母子|母女|生了|斤|退休|最后一天|最后一班|手续|欢送|看望|探望|慰问|工会.{0,6}(安排|组织|去)|"
                    # a hardship's details: "屋里遭了水 东西都泡坏了", "房子着火了", "欠了不少医药费"
                    r"遭了|遭灾|泡坏|泡了|淹了|漏水|进水|着火|失火|烧了|塌了|被盗|被偷|欠了|欠债|债务|医药费|损失|倒闭|裁员|没了工作")
# the reporter is the one: "就是我自己 孙强", "是我本人"
SELF = re.compile(r"^(就是|是|就|其实是|都是|说的是|指的是)?(我自己|我本人|本人|我)(?=$|[,，。.!！~ ]|自己|本人|就是|家)")
# a day put right: "不好意思说错了 是前天住进去的", "改到9月27号了", "日子改了 是9月26号 不是19号"
CORRECTING = re.compile(r"说错|讲错|记错|搞错|弄错|打错|写错|不对|更正|纠正|应该是|其实是|改到|改成|改为|推迟|提前|延后|"
                        r"(日子|日期|时间|婚期|吉日)[^，,。]{0,3}(改|换|变|调)|不是[0-9]{1,2}[号日]")
# the day announced as set, the news's own: "日子定了，9月19号", "婚期定在10月3号", "日子选好了 10月10号"
DAY_SET = re.compile(r"(日子|日期|婚期|吉日|喜日|婚礼|酒席|喜酒|时间)[^，,。]{0,2}(定了|定在|定于|定好|定下|选好|选在|看好|订好|订在|确定)")
# a correction announced alone ("说错了", "哦不对"): what is right comes next, asked for
ONLY_CORRECTING = re.compile(r"^(啊|哦|噢|哎|呃|诶|额|不好意思|抱歉|sorry)?[,，\s]*(我)?(刚才|刚刚)?(说错了?|讲错了?|记错了?|搞错了?|打错了?|写错了?|"
                             r"弄错了?|不对)[了啊呀哈,，。.!！~\s]*$")
WHAT_WRONG = "好的，哪里不对？请直接回复正确的时间或老师，例如“是前天”“是数学组王老师”。"
NOW = re.compile(r"现在|目前|如今|眼下|这会儿?")
# how things are on a day, once the day of the news is known: "今天没来上班", "今天还在医院", "明天请假"
STATE = re.compile(r"没来|没上班|没去|不能|不方便|来不了|请假|休息|还在|在家|在医院|养着|躺着|卧床|好多了|好些了|出院")
# what follows the news, on a day of its own: "后事这周六办", "追悼会这周四", "下周一做手术", "周末办酒"
FOLLOWING = re.compile(r"追悼|后事|出殡|火化|告别|下葬|葬礼|满月|出院|复查|拆线|拆石膏|回来上班|(?<!最后一天)上班|探望|看望|慰问")
# the day tied to the news itself: "上周五进的医院", "昨天走的", "8号生的"
EVENT_DAY = re.compile(r"(号|日|天|周.|礼拜.|星期.)(晚上|早上|上午|下午|夜里|凌晨)?的?(进的?医院|住的?院|住进|送的?医院|入院|走的|去世|过世|"
                       r"生的|出生|摔的|出的事|领的证|结的婚)")
FESTIVAL = re.compile(r"国庆|中秋|春节|元旦|五一|端午|清明|重阳|除夕|元宵|过年|节|月底|月初|周末")
# the answer says who: "就是退休的王建国老师", "是体艺组何雪", "说的是罗斌"
WHO_LEAD = re.compile(r"^(对|嗯|是的|对的)?[,，\s]*(就是|是|其实是|说的是|指的是|我说的是|我说的|名字是|全名是?)")
# a visit asked about after the report ("工会什么时候去看看她呀", "工会看看要不要安排人去看一下他")
# ("工会要去人吗？他家就老伴一个人了": someone sent, asked in other words)
VISIT_ASKED = re.compile(r"工会[^，,。]{0,10}((去|来)?(看看|看一下|看望|探望|慰问)(?!标准|金|品|费|款|的)|"
                         r"(要|会|能|不|没|有没有)?(去|派|来)(个|些|几个)?人|(有没有|有)人(去|来))")
# (not a complaint about the union's visits, "今年工会的慰问标准太低了", nor another request)
VISIT_NOT = re.compile(r"活动|报名|体检|建议|投票|绑定|匿名|实名|署名|疗养|标准|投诉|举报|意见|反映|不满|太|报销|申请")
VISIT = "好的，已转告工会委员，会尽快安排探望慰问。"
# a suggestion or complaint (above all one meant to be anonymous) or the teacher's own request is never
# pasted into the committee's notice under this report
OTHER_REQUEST = re.compile(r"活动|报名|取消|建议|体检|投票|推送|绑定|[?？吗]|什么|啥|怎么|匿名|署名|实名|名义|反映|投诉|举报|"
                           r"意见|申请|请.{0,3}假|开会|会议|上课|培训|考试|值班|放假|疗养|疗休养|报销|工资|标准|不满|太(差|低|少|苛刻|霸道)")


# the day asked for is not known: "具体日子不清 她本人不好意思讲", "日期不知道", "不清楚哪天"
DAY_UNKNOWN = re.compile(r"(日子|日期|时间|哪天|几号|具体)[^，,。]{0,3}(不清|不知道|不确定|不晓得|不记得|忘了|没说)|"
                         r"(不清楚|不知道|不确定|不晓得|不记得|忘了|没说)(具体)?(是)?(日子|日期|时间|哪天|几号)|^(不清楚|不知道|不晓得|不确定)[啊呀哈呢]*$")
NO_DAY = "好的，没关系，日期不清楚也不影响，工会会跟进。"
HELP_ASKED = re.compile(r"补助|救助|帮扶|补贴|帮帮|帮一把|帮一下|困难")
# … asked for the one the news is about, whatever the news ("他嘴硬不肯自己说，替他报一下，看工会能不能给申请个困难补助" after
# his wife's illness), not a suggestion about aid for everyone ("困难补助标准太低了，建议提高": never pasted into a notice)
FOR_THEM = re.compile(r"(?<![其吉])(他|她)(?![们人])")
NOT_FOR_THEM = re.compile(r"建议|意见|投诉|举报|匿名|实名|署名|标准|不满|提高|太(差|低|少|苛刻)|活动|报名|体检|投票"
                          r"|我自己|我家|帮帮我|(给|帮|替)我(申请|补助|救助)|我的(困难|补助|救助|申请|工资|家)|加班|伙食|食堂|交通|拖欠|克扣|没发|不发|涨")
# … and aid for him or her, never a word of aid beside a pronoun ("后勤主任他老是拖着不发加班补贴", "那个保安他天天睡觉，
# 帮一下忙管管" after hardship news are her own complaints, never the committee's notice under her name: attack review 25)
OWN_NEWS = re.compile(r"我自己|我本人|我家(?!那位)|帮帮我|(给|帮)我(申请|补助|救助)")
AID_FOR_THEM = re.compile(r"(替|帮|给|为)(他|她)(?![们人])|补助|救助|帮扶|困难")
# a pause in the middle of telling it ("等下 护士叫我", "稍等 我先忙一下"): the note waits for what follows
PAUSE = re.compile(r"^(等下|等一下|等等|稍等|等会儿?|我先忙|先忙|回头再说|一会儿?再说)")
PAUSED = "好的，您先忙，回来接着说就行。"
# the leave the news means, told to the union, no request of hers: "大概要请一周假，先跟工会报备一下" (after her operation)
LEAVE_TOLD = re.compile(r"请[^，,。？?]{0,5}假(?=.*(报备|说一声|讲一声|知会|告知|知悉))")
# the news told again in earnest after a joke ("我家猫…我说你再这样我就要住院了——结果一语成谶😅" then "说正事：医生让我
# 9月9号住院做甲状腺手术"): its day is the news's day, whatever was read from the joke
EARNEST = re.compile(r"^.{0,4}?(说正事|说正经的?|正经说|讲正经的?|正经的|言归正传|书归正传|回到正题|说回正题|说真的|认真说|"
                     r"不开玩笑了?|不闹了|玩笑归玩笑|开玩笑的)")


def _step_later(ctx: Context, text: str):
    norm = normalize(text)
    if PAUSE.match(norm) and not OTHER_REQUEST.search(norm):
        return Ask(PAUSED, "later")
    if ONLY_CORRECTING.match(norm):  # "说错了" … "是前天": read together
        ctx.data["wrong"] = norm
        return Ask(WHAT_WRONG, "later")
    d = ctx.data
    if d.get("wrong"):
        text = d.pop("wrong") + "，" + text
        norm = normalize(text)
    asks = OTHER_REQUEST.search(LEAVE_TOLD.sub("", norm))  # a question or another request of hers
    kin = _their_kin(d, norm)
    if kin is not None and not asks:  # "不是他本人，是他爸爸": the family's news, not his
        d["subject"] = kin
        ctx.store.care.update(d["report_id"], subject=kin)
        _tell(ctx, NOTIFY_PERSON.format(subject=kin, event=d["event"]), f"person:{kin}")
        return Ask(PERSON.format(subject=kin), "later")
    news = classify_event(norm)
    if (news or HELP_ASKED.search(norm)) and _her_own(ctx, norm):
        return PassOn()  # "另外我自己家里也挺困难的，我妈也病了": her own news, never pasted into a colleague's report
    person = _person(ctx, text, norm) if not asks else None
    if person and WHO_LEAD.match(norm) and news in LATER_KINDS:  # "就是退休的王建国老师": who it is, not news
        news = ""  # ("就是王建国 他今天早上去世了" is news all the same)
    if news in ("丧事", "生病住院") and d.get("kind") == "困难" and not asks \
            and not _someone_else(ctx, text):  # "家里出事" then "额老父亲前天走咧": what the trouble was
        d["kind"] = news
        mine = MY_RELATIVE.search(norm)
        if mine and ctx.member is not None and d["subject"] == f"{ctx.member.name}（本人）":
            d["subject"] = formal_kin(f"{ctx.member.name}的{mine.group(1)}")
        ctx.store.care.update(d["report_id"], event_kind=news, subject=d["subject"])
        news = ""
    if VISIT_ASKED.search(norm) and not VISIT_NOT.search(norm) and (not news or news == d.get("kind")) \
            and not _someone_else(ctx, text):  # "她在坐月子，工会什么时候去看看她呀": asked of this report
        _note(ctx, text)  # ("是上周五夜里走的，8月28号。…工会若能去慰问一番": its day too)
        words, on_date, earnest = _day_said(ctx, text, norm, news)
        redated = _redated(ctx, norm, words, on_date, earnest)
        return Ask((redated + "\n" if redated else "") + VISIT, "later")
    if HELP_ASKED.search(norm) and not NOT_FOR_THEM.search(norm) and FOR_THEM.search(norm) and AID_FOR_THEM.search(norm) \
            and not _someone_else(ctx, text):  # (a proposal for everyone, "困难补助标准太低了，建议提高", is her own suggestion)
        _note(ctx, text)  # "…看能不能申请困难补助": help asked for this hardship, not a request of her own
        return Ask(NOTED, "later")
    if asks or (news and d.get("kind") and news != d["kind"]):
        return PassOn()  # a question, another request, or other news ("…9月26日结婚" after a bereavement)
    if news and not person and _someone_else(ctx, text) and not _its_day_put_right(norm, news, d):
        return PassOn()  # "谢婷婷老师也病了 在医院": another colleague's news is a report of its own
    report_id = d["report_id"]
    words, on_date, earnest = _day_said(ctx, text, norm, news)
    replies = []
    if person == d["subject"]:
        replies.append(SAME_PERSON.format(subject=person))
    elif person:
        d["subject"] = person
        ctx.store.care.update(report_id, subject=person)
        _tell(ctx, NOTIFY_PERSON.format(subject=person, event=d["event"]), f"person:{person}")
        replies.append(PERSON.format(subject=person))
    redated = _redated(ctx, norm, words, on_date, earnest)
    if redated:
        replies.append(redated)
    elif on_date and on_date == d.get("on_date") and not replies:  # "上周六 8月29号": the day said again
        return Ask(SAME_DAY.format(when=_when_text({"when": words, "on_date": on_date})), "later")
    elif not replies and DAY_UNKNOWN.search(norm):  # "具体日子不清 她本人不好意思讲": the day stays unknown
        _note(ctx, text)
        return Ask(NO_DAY, "later")
    elif not replies and _told_again(d, norm, news):  # "对，就是今天…请工会登记一下刘洋家添丁": this news, once
        _note(ctx, text)
        return Ask(TOLD_AGAIN, "later")
    elif not replies and not (ABOUT_THEM.match(norm) or DETAIL.search(norm)):
        return PassOn()
    if not replies:
        _note(ctx, text)
        replies.append(NOTED)
    else:
        report = ctx.store.care.get(report_id)
        ctx.store.care.update(report_id, event=(report["event"] + "；" + text.strip())[:300])
    return Ask("\n".join(replies), "later")


def _day_said(ctx: Context, text: str, norm: str, news: str) -> tuple[str, str, bool]:
    """(words, ISO day, told again in earnest) of the day a message after the report gives for the news; ('', '', …)
    when the day it names is not the news's ("在医院打了石膏 今天没来上班", "追悼会这周四": a detail)."""
    d = ctx.data
    words, on_date = find_date(text, ctx.clock.now(), d.get("kind", ""), d.get("event", ""), terms_of(ctx))
    if NOW.fullmatch(words):  # "在中医院，现在好多了": how things are, not the day of the news
        words, on_date = "", ""
    earnest = bool(EARNEST.match(norm)) and news == d.get("kind")  # the news told again in earnest: its day
    if on_date and d.get("on_date") and not earnest and not _the_day(ctx, norm, words, on_date):
        words, on_date = "", ""
    return words, on_date, earnest


def _redated(ctx: Context, norm: str, words: str, on_date: str, earnest: bool) -> str:
    """The report's day added or changed to the one given, told to the committee: the reply, or ''."""
    d = ctx.data
    if not on_date or on_date == d.get("on_date") or not (
            len(norm) - len(words) <= 10 or DETAIL.search(norm) or earnest or CORRECTING.search(norm)
            or DAY_SET.search(norm) or EVENT_DAY.search(norm) or _said_first(norm, words)):
        return ""
    when = _when_text({"when": words, "on_date": on_date})
    ctx.store.care.update(d["report_id"], when_text=when)
    _tell(ctx, NOTIFY_LATER.format(subject=d["subject"], event=d["event"], when=when), on_date)
    reply = (CHANGED if d.get("on_date") else ADDED).format(when=when)
    d["on_date"] = on_date
    return reply


# the news was the family's, put right after the report: "不是他本人，是他爸爸", "唔係佢自己，係佢阿爸" (read as
# "不是他自己,是他阿爸"), "搞错了 是他老婆住院", "是我妈 不是我" (a 不是 or a slip said, so "他爸爸说谢谢工会" is a detail)
_KIN_SAID = re.compile(r"(?<!不)是(?P<who>他|她|伊|其|我|{name})(?:的|家的?)?(?P<kin>阿爸|阿妈|老豆|老窦|老母|" + RELATION[1:-1] + ")(?!们)")
_NOT_THEM = re.compile(r"不是(?:他|她|伊|其|我|{name})|(?:说|讲|搞|弄|记|打)错")
_PLAIN_KIN = {"阿爸": "父亲", "老豆": "父亲", "老窦": "父亲", "阿妈": "母亲", "老母": "母亲"}


def _their_kin(d: dict, norm: str) -> str | None:
    """The report's person put right as their family ("刘洋" → "刘洋的父亲"), or None."""
    subject = d.get("subject") or ""
    base = subject.removesuffix("（本人）").split("的")[0]
    if not base:
        return None
    name = re.escape(base)
    said = re.search(_KIN_SAID.pattern.replace("{name}", name), norm)
    if said is None or not re.search(_NOT_THEM.pattern.replace("{name}", name), norm) or \
            (said.group("who") == "我") != subject.endswith("（本人）"):  # "是我妈" only of her own report
        return None
    kin = formal_kin(f"{base}的{_PLAIN_KIN.get(said.group('kin'), said.group('kin'))}")
    return None if kin == subject else kin


# the same news of the same person told again after the report ("报个好消息…刘洋老师当爸爸啦！" then "对，就是今天，9月1号。
# 请工会登记一下刘洋家添丁"): added to it, never a second report (not "…也住院了": someone else's, of the same kind)
TOLD_AGAIN = "好的，这件事已经登记并转告工会委员了，不会重复登记。"


def _told_again(d: dict, norm: str, news: str) -> bool:
    base = (d.get("subject") or "").removesuffix("（本人）").split("的")[0]
    return bool(news) and news == d.get("kind") and len(base) >= 2 and base in norm and "也" not in norm


def _note(ctx: Context, text: str) -> None:
    """More words added to the report's account, and told to the committee."""
    report = ctx.store.care.get(ctx.data["report_id"])
    ctx.store.care.update(ctx.data["report_id"], event=(report["event"] + "；" + text.strip())[:300])
    _tell(ctx, NOTIFY_NOTE.format(subject=ctx.data["subject"], note=text.strip()[:100]), "note:" + text.strip())


def _its_day_put_right(norm: str, news: str, d: dict) -> bool:
    """"谢婷婷说我搞错了时间 是前天住的院": the same news, its day put right (a colleague only beside it)."""
    return news == d.get("kind") and bool(CORRECTING.search(norm) and EVENT_DAY.search(norm)) and "也" not in norm


def _her_own(ctx: Context, norm: str) -> bool:
    """Whether the message tells the sender's own news or her family's while the report is a colleague's."""
    mine = MY_RELATIVE.search(norm) or OWN_NEWS.search(norm)
    return bool(mine) and ctx.member is not None and not ctx.data["subject"].startswith(ctx.member.name)


def _someone_else(ctx: Context, text: str) -> bool:
    """Whether the message names a colleague on the roster other than the one reported."""
    said, member_id = find_subject(text, ctx.store.members.all_active(), ctx.member)
    return member_id is not None and bool(said) and said not in ctx.data["subject"]


# the day said first after a yes ("是的，2026年10月3日，国庆假期里…", "对，10月3号", "嗯嗯 就是10月3日"): the news's day,
# given late or said again (left27)
YES_FIRST = re.compile(r"^(?:是的?|对的?|对对|嗯+|没错|好的?)[,，。.!！\s]*(?:就是|是)?")


def _said_first(norm: str, words: str) -> bool:
    return bool(words) and (norm.startswith(words) or YES_FIRST.sub("", norm, count=1).startswith(words))


def _the_day(ctx: Context, norm: str, words: str, on_date: str) -> bool:
    """Whether a day said after the report, when one was given, is the day of the news: not when it is
    for what follows it ("追悼会这周四") or a past event's future; yes when put right, said first
    ("10月2号 婚礼在老家办"), tied to the event ("上周五进的医院") or finer than a festival ("国庆");
    otherwise only a short answer that says no more than how things are."""
    d = ctx.data
    today = ctx.clock.now().date().isoformat()  # (news still to come, "下周要住院", may be put on a day to come)
    if d.get("kind") in PAST_KINDS and on_date > today >= d.get("on_date", ""):
        return False
    if EVENT_DAY.search(clause_of(norm, words)):  # "是上周五夜里走的…工会若能去慰问一番": the day the news is told with
        return True
    if FOLLOWING.search(norm):
        return False
    if (CORRECTING.search(norm) or DAY_SET.search(norm) or _said_first(norm, words) or EVENT_DAY.search(norm)
            or FESTIVAL.search(d.get("when") or "")):
        return True
    return len(norm) - len(words) <= 6 and not STATE.search(norm)


def _person(ctx: Context, text: str, norm: str) -> str | None:
    """Who the report is about, when this message says it again or puts it right."""
    member = ctx.member
    me = SELF.match(norm)
    if member is not None and ((me and (len(norm) <= 12 or me.group(2) != "我")) or (member.name in norm and len(norm) <= 12 and not ABOUT_THEM.match(norm))):
        return f"{member.name}（本人）"
    corrected = corrected_subject(ctx, text, ctx.data["subject"])
    first = re.split(r"[。！!；;？?]", norm)[0]  # "对，体艺组冯浩。看工会能不能帮帮他": said again, then more
    if corrected is None and member is not None and ctx.data["subject"] == f"{member.name}的爱人" and _names_only(first):
        said, member_id = find_subject(first, ctx.store.members.all_active(), member)  # "我家那口子昨天生了" then
        if member_id is not None:  # "曹雪梅 也是数学组的": the spouse is a member, named
            return said
    if corrected is None and (WHO_LEAD.match(norm) or len(norm) <= 12 or _names_only(norm) or _names_only(first)):
        said, member_id = find_subject(first if _names_only(first) else text, ctx.store.members.all_active(), member)
        if member_id is not None and said and said in ctx.data["subject"]:
            return ctx.data["subject"]
    return corrected


# what is left of "嗯呐 韩冬 英语组的 贼拉高兴" once the yes, the group and the name are gone: a feeling
FILLER = re.compile(r"^(对|嗯+呐?|嗯哪|昂|是的?|对的|对对|没错|就是|是滴|对头)|[\u4e00-\u9fa5]{1,6}组的?|"
                    r"(老师|师傅|主任|同志)|[\s,，。.!！~]")


def _names_only(norm: str) -> bool:
    """A longer answer that, a yes, a group and a name aside, says only a feeling, no detail."""
    rest = FILLER.sub("", norm)
    return len(rest) <= 8 and not DETAIL.search(norm)


def _tell(ctx: Context, notice: str, what: str) -> None:
    report_id = ctx.data["report_id"]
    what = hashlib.sha256(what.encode()).hexdigest()[:12]  # one notice per addition, the same on a retry
    for officer in ctx.store.members.committee():
        ctx.store.outbox.enqueue("care", officer.id, notice, occasion=f"care:{report_id}",
                                 dedup_key=f"care|{report_id}|{officer.id}|{what}")


registry.flow(Flow(LATER, {"later": _step_later}, free_text=frozenset({"later"}), label="关怀信息补充"))
