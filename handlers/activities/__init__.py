"""activity_query: "最近有什么活动", "这个月/下周", "拔河什么时候", "教师节有什么安排".

Also the activity matching shared with sign-up (jieba tokens + synonyms), and the CLI
`activities add/list`.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from bot.cli import command, group
from bot.engine import Context
from bot.nlu import normalize, tokens
from bot.registry import registry
from handlers._common import fmt_dt, local_now
from handlers.activities.alike import sounds_like
from handlers.activities.asked import OFFER, clash_answer, may_join_answer
from handlers.activities.described import described
from handlers.activities.likeness import LIKENESS, by_likeness, likeness_note
from handlers.activities.lines import describe
from handlers.activities.memo import remembered
from handlers.activities.party import ASKS_COMPANIONS, companions_answer
from handlers.activities.period import time_window
from handlers.activities.pointed import BARE_DAY, ORDINAL, day_pick, ordinal_pick
from storage.activities import Activity, audience_key, valid_audience
from storage.conversations import Conversation

# message word → canonical term looked for in an activity's title/kind
SYNONYMS = {
    "拔河": "拔河", "拨河": "拔河",
    "乒乓球": "乒乓", "乒乓": "乒乓", "乒乓求": "乒乓", "兵乓": "乒乓",
    "羽毛球": "羽毛球", "羽球": "羽毛球", "羽毛求": "羽毛球", "羽毛": "羽毛球",
    "卡拉ok": "卡拉ok", "k歌": "卡拉ok", "唱歌": "卡拉ok", "ktv": "卡拉ok", "卡拉": "卡拉ok", "歌唱": "卡拉ok",
    "读书会": "读书", "读书": "读书", "共读": "读书",
    "登山": "登山", "爬山": "登山", "秋游": "秋季", "春游": "春季", "出游": "出游", "旅游": "出游",
    "插花": "插花", "花艺": "插花", "三八": "三八", "妇女节": "三八", "女神节": "三八", "重阳": "重阳", "座谈": "座谈", "茶话会": "座谈", "敬老": "敬老",
    "运动会": "运动会", "趣味运动": "运动会", "篮球": "篮球", "足球": "足球", "排球": "排球",
    "跳绳": "跳绳", "书法": "书法", "摄影": "摄影", "瑜伽": "瑜伽", "健步走": "健步走", "徒步": "健步走",
}
STOP = {"活动", "比赛", "教职工", "教师", "老师", "友谊赛", "联谊赛", "报名", "参加", "一下", "我要", "我想",
        "什么", "时候", "这个", "那个", "取消", "不去", "了", "的", "吗", "呢", "啊", "我", "去", "想", "要", "个",
        "一个", "我们", "大家", "最近", "安排", "有", "没有", "几点", "在", "哪", "哪里", "不", "报", "还"}
NONE_UPCOMING = "近期暂时没有可以报名的活动。工会有新安排会第一时间通知大家。"
SIGNUP_HINT = "想参加请回复“报名 + 活动名”，例如“报名{example}”。"


def activity_terms(text: str) -> list[str]:
    norm = normalize(text)
    found = [canon for word, canon in SYNONYMS.items() if word in norm]
    return list(dict.fromkeys(found))


def extract_slots(text: str) -> dict:
    terms = activity_terms(text)
    return {"activity": terms[0]} if terms else {}


def match_activities(text: str, activities: list[Activity], open_to: list[Activity] | None = None) -> list[Activity]:
    """The activities the message names (_match), remembered by text, ids, titles and kinds (memo.py); else
    those it tells by what they are like ("名额最少的那个", "能带家属的": likeness.py, read afresh: places change),
    among `open_to` when given (those the teacher may join: "最晚的那个" is never one for others)."""
    return remembered(_match, text, activities) or by_likeness(normalize(text), activities if open_to is None else open_to)


def _match(text: str, activities: list[Activity]) -> list[Activity]:
    """The activities the message names. A whole title in the message wins outright; otherwise
    synonyms (3 points) and jieba tokens found in the title (1 point), with a fuzzy match of the
    whole title (rapidfuzz) for what is written differently ("羽毛球联宜赛"). When two activities
    come close ("重阳秋游": the 重阳 座谈会 or the 秋季 outing?) both are offered, never a guess."""
    from rapidfuzz import fuzz

    norm = normalize(text)
    exact = [a for a in activities if normalize(a.title) in norm]
    if exact:
        longest = max(len(a.title) for a in exact)
        best = [a for a in exact if len(a.title) == longest]
        rest = norm
        for a in best:
            rest = rest.replace(normalize(a.title), " ")
        # "篮球赛和乒乓球友谊赛会不会撞": another named in its own words besides the whole title
        more = match_activities(rest, [a for a in activities if a not in best]) if activity_terms(rest) else []
        return best + (more if len(more) == 1 else [])
    terms = activity_terms(norm)
    # a word already counted as a synonym is not counted again as a token
    words = [t for t in tokens(norm) if len(t) >= 2 and t not in STOP and not t.isdigit() and t not in SYNONYMS]
    scored = []
    for activity in activities:
        title = normalize(activity.title + " " + activity.kind)
        score = sum(3 for term in terms if term in title) + sum(1 for w in words if w in title)
        if not score and any(sounds_like(norm, w) for w, canon in SYNONYMS.items() if canon in title):
            score = 3  # "登上活动和读书汇都想参加": 登山 typed as its near homophone
        similar = fuzz.partial_ratio(normalize(activity.title), norm)
        if similar >= 80 and len(norm) >= 4:
            score += 2
        if score:
            scored.append((score, activity))
    if not scored:  # "21号晚上学术报告厅那个活动": told by when and where, when that fits one
        told = described(norm, activities)
        return told if len(told) == 1 else []
    # "重阳座谈会和插花沙龙我都能参加不": each named by a word of its own, both are meant
    own = []
    for term in terms:
        having = [a for _, a in scored if term in normalize(a.title + " " + a.kind)]
        own += having if len(having) == 1 else []
    if len({a.id for a in own}) >= 2 and BOTH.search(norm):
        return [a for _, a in sorted(scored, key=lambda sa: -sa[0]) if a in own]
    best = max(s for s, _ in scored)
    close = 1 if best >= 4 else 2  # a strong match stands alone; weak ones within 2 points are all offered
    return [a for s, a in scored if s >= best - close + 1]


BOTH = re.compile(r"和|、|跟|与|及|还有|都|两个|俩|\+")  # a list, not a correction ("报卡拉OK，不对，登山")
# Cantonese 同 for 和 ("插花沙龙同读书会系几时"), not 同事 / 共同 / 同意 …
_TONG = r"(?<![共相不如认赞协合陪一])同(?![事学意时样一组步志行等类期级龄年乡屋住桌伴])"
ALL_RE = re.compile(r"都|两个|俩|三个|三项|两项|全部|全都|一起报|各报|各一个|以上")
# a list joined in words, or one a line: "报名：教职工拔河比赛、秋季登山活动", "想报名以下活动：\n1. …\n2. …"
LIST_RE = re.compile(rf"、|和|跟|及|以及|与|还有|&|\+|\s+|{_TONG}|(?<![0-9])[1-9][.．)）](?![0-9])")
PIECES_RE = re.compile(rf"和|、|跟|与|及|以及|还有|&|，|,|;|；|\s+|{_TONG}|/(?![0-9])")


# each of its sentences asks for its own: "拔河比赛算我一个；卡拉OK歌唱比赛也报上" (a past one or a refusal is no ask)
CLAUSES_RE = re.compile(r"[；;，,。！!\n]+")
OWN_ASK = re.compile(r"算我|加我|报上|报名|报一个|报个|也报|参加|要去|想去|我去|安排上")
NOT_ASKED = re.compile(r"[不别没甭]|取消|退|了(?!个|一个)|过|上次|去年|[?？吗]")


def asked_each(norm: str, activities: list) -> list:
    """The activities named one a sentence, each sentence asking for its own (two or more); else []."""
    found = []
    for clause in CLAUSES_RE.split(norm):
        if not OWN_ASK.search(clause):
            continue
        if NOT_ASKED.search(clause):
            return []
        named = match_activities(clause, activities)
        if len(named) == 1 and named[0] not in found:
            found.append(named[0])
    return found if len(found) > 1 else []


def several_named(text: str, activities: list) -> list:
    """The activities the message names one per piece, when it asks for them all or lists them, or one a sentence
    each asking for its own; else []."""
    norm = normalize(text)
    every = ALL_RE.search(norm)
    if not every and not LIST_RE.search(norm):
        return asked_each(norm, activities)
    found = []
    for piece in (PIECES_RE if every else LIST_RE).split(norm):
        named = match_activities(piece, activities) if len(piece) >= 2 else []
        named = named or described(piece, activities, day_alone=True)  # "9号小操场那个和10号那个"
        if len(named) == 1 and named[0] not in found:
            found.append(named[0])
    return found if len(found) > 1 else []


DAY_RE = re.compile(r"(?:([0-9]{1,2})\s*月\s*)?([0-9]{1,2})\s*[日号]")


WEEKDAY_RE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")


def narrow_by_when_or_where(text: str, activities: list[Activity]) -> list[Activity]:
    """Look-alikes told apart by what the teacher adds: a date ("12月9号那场", "9号的") or the place
    ("体育馆那场"). The activities that fit, or all of them when nothing in the text tells them apart."""
    norm = normalize(text)
    fitting = activities
    day = DAY_RE.search(norm)
    if day:
        month, dom = (int(day.group(1)) if day.group(1) else None), int(day.group(2))
        fitting = [a for a in fitting if a.start.day == dom and (month is None or a.start.month == month)]
    weekday = WEEKDAY_RE.search(norm)  # "周五那个", "礼拜天的"
    if weekday and not day:
        fitting = [a for a in fitting if a.start.weekday() == "一二三四五六日".index(weekday.group(1).replace("天", "日"))]
    words = [t for t in tokens(norm) if len(t) >= 2 and t not in STOP and not t.isdigit()]
    by_place = [a for a in fitting if any(w in normalize(a.place or "") for w in words)]
    if by_place and len(by_place) < len(fitting):
        fitting = by_place
    return fitting if fitting and len(fitting) < len(activities) else activities


def label(activity: Activity, among: list[Activity]) -> str:
    """The title, with date and place when another activity in `among` has the same title."""
    twins = [a for a in among if a.title == activity.title]
    if len(twins) < 2:
        return activity.title
    return f"{activity.title}（{fmt_dt(activity.start)} · {activity.place or '地点待定'}）"


def visible_upcoming(ctx: Context) -> list[Activity]:
    return ctx.store.activities.upcoming_for(ctx.member)


def list_text(ctx: Context, activities: list[Activity], heading: str) -> str:
    body = "\n".join(f"{i}. {describe(ctx, a)}" for i, a in enumerate(activities, 1))
    example = activity_terms(activities[0].title + activities[0].kind)
    return f"{heading}\n{body}\n{SIGNUP_HINT.format(example=(example[0] if example else activities[0].title))}"


@registry.intent(
    "activity_query",
    keywords={"活动": 2, "安排": 1.5, "什么时候": 0.5, "几点": 0.5, "在哪": 0.3, "哪里": 0.3, "有啥": 1,
              "有什么": 1, "啥时候": 0.5, "最近": 0.5, "比赛": 1, "日程": 1.5, "工会活动": 1, "时间": 0.5,
              "地点": 1, "多少人": 1, "名额": 1, "还有位置": 1.5, "还能报": 1, "剩": 0.5},
    patterns=[(r"(什么|啥)(活动|安排)", 1.5), (r"(拔河|乒乓|羽毛|卡拉|k歌|读书会|登山|秋游|运动会).{0,6}(什么时候|几点|哪|时间|地点|几号|开始)", 2),
              (r"(本周|这周|下周|这个月|本月|下个月|周末|今天|明天).{0,6}(活动|安排|比赛)", 1.5),
              (r"(教师节|三八|妇女节|重阳|中秋|国庆|元旦|五一|春节).{0,6}(活动|安排)", 2),
              (r"(能|可以|可不可以|能不能)(带|携带)(上)?(家属|家人|孩子|小孩|老婆|老公|爱人)", 2),
              # may family come: "我家娃问登山他能不能一起去", "我女儿问插花沙龙她能不能跟我一起去"
              (r"(娃|孩子|女儿|儿子|老公|老婆|爱人|家属|小孩|家人)[^，,。]{0,10}(能不能|可不可以|能否|可以)[^，,。]{0,4}(一起|跟我|同去|去)", 3),
              (LIKENESS, 3), (r"(办的|开的|搞的|举办的)(那个|那场)?(会|活动|比赛)", 2)],
    negatives={"体检": 3, "建议": 2, "提案": 2, "投诉": 2, "希望": 2, "组织": 1},
    menu="看活动：最近有什么活动 / 下周有什么安排",
    menu_order=2,
    slots=extract_slots,
    words=["什么时候", "啥时候", "有什么", "还有位置"],
)
def activity_query(ctx: Context) -> str:
    # the same question from a member alike in audience, within the minute, until the data changes
    now = ctx.clock.now()  # the minute as numbers: strftime cost more than the rest of the key
    key = ("activity_query", ctx.text, (now.year, now.month, now.day, now.hour, now.minute), audience_key(ctx.member),
           tuple(a.id for a in shown_before(ctx)) if ASKS_COMPANIONS.search(ctx.norm) or ORDINAL.search(ctx.norm)
           or BARE_DAY.match(ctx.norm) else ())
    text, named = ctx.store.cached(key, lambda: _activity_query(ctx))
    may_join = may_join_answer(ctx, named)
    if named and ctx.member is not None:
        remember_shown(ctx, named, offered=may_join.startswith(OFFER))
    if may_join.startswith(OFFER):  # asked in so many words: the general hint goes
        text = re.sub(r"\n想参加请回复“报名 \+ 活动名”[^\n]*", "", text)
    return text + may_join


SHOWN = "~shown"  # a note, not a flow (storage/conversations.py): the activities a question just named ("那帮我报一个")


def remember_shown(ctx: Context, ids: tuple[int, ...], offered: bool = False) -> None:
    """Keep what a question named, for a reply that points back at it; never over an open question.
    Only a question naming activities writes (the general list costs no write)."""
    open_now = ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id)
    if open_now is None or open_now.flow == SHOWN:
        ttl = dt.timedelta(minutes=ctx.config.get("bot", "conversation_minutes"))
        data = {"ids": list(ids), **({"offered": True} if offered else {}),  # "要报名吗？" was asked with it
                "said": ctx.msg.text[:200]}  # (the family told with the question: "能带家属吧？我们一家三口")
        if open_now is not None and open_now.data.get("ids") != list(ids):  # the one asked about before, for "这俩"
            data["earlier"] = open_now.data.get("ids", [])[-1:]
        ctx.store.conversations.save(Conversation(ctx.msg.channel, ctx.msg.user_id, SHOWN, "", data), ttl)


def offered_before(ctx: Context) -> bool:
    """Did the answer just given ask whether to sign up for the one activity it showed?"""
    conv = ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id)
    return conv is not None and conv.flow == SHOWN and bool(conv.data.get("offered"))


def said_when_shown(ctx: Context) -> str:
    """The words of the question the last answer showed activities for ("" when none)."""
    conv = ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id)
    return conv.data.get("said", "") if conv is not None and conv.flow == SHOWN else ""


def shown_before(ctx: Context, earlier: bool = False) -> list[Activity]:
    """The activities the last answer named (`earlier`: the one the answer before it named)."""
    conv = ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id)
    if conv is None or conv.flow != SHOWN:
        return []
    return [a for a in (ctx.store.activities.get(i) for i in conv.data.get("earlier" if earlier else "ids", [])) if a]


def _activity_query(ctx: Context) -> tuple[str, tuple[int, ...]]:
    text = _answer(ctx)
    return text if isinstance(text, tuple) else (text, ())


def _answer(ctx: Context):
    upcoming = visible_upcoming(ctx)
    if not upcoming:
        return NONE_UPCOMING
    named = several_named(ctx.text, upcoming) or match_activities(ctx.text, upcoming)  # "重阳座谈会和插花沙龙都能参加不"
    shown = shown_before(ctx) if not named and ctx.member is not None else []
    pick = ordinal_pick(ctx.norm, shown) or day_pick(ctx.norm, shown)  # "最后一个能带孩子吗", "周五那个": that one
    if pick is not None or (shown and ASKS_COMPANIONS.search(ctx.norm)):  # "能带老婆孩子吗" after a question
        named = [a for a in ([pick] if pick is not None else shown) if a.id in {u.id for u in upcoming}]
    if named:

        text = likeness_note(ctx.norm, named, upcoming) + list_text(ctx, named, "为您找到：") + companions_answer(ctx.norm, named) + clash_answer(ctx.norm, named)
        return text, tuple(a.id for a in named[:3])
    window = time_window(ctx.norm, ctx.clock.today())
    if window:
        first, last, label = window
        inside = [a for a in upcoming if first <= a.start.date() <= last]
        if "前后" in label:
            festival = label.removesuffix("前后")
            inside += [a for a in upcoming if festival in a.title + a.kind and a not in inside]
        if not inside:
            return f"{label}暂时没有安排活动。\n\n" + list_text(ctx, upcoming[:5], "近期的活动：")
        described = narrow_by_when_or_where(ctx.text, inside)  # "这周五体育馆那个活动是啥": the one it describes
        pointed = described if len(described) < len(inside) else inside  # kept for "帮我报" next
        return list_text(ctx, inside, f"{label}的活动："), tuple(a.id for a in pointed) if len(pointed) <= 3 else ()
    # what can be signed up for now, however far ahead; then what is coming but closed
    shown = open_list(ctx, upcoming)
    more = len(upcoming) - len(shown)
    text = list_text(ctx, shown, "正在报名的工会活动：" if shown[0].deadline_at is None or shown[0].deadline_at >= local_now(ctx)
                     else "近期的工会活动：")
    return text + (f"\n另有 {more} 项活动已截止报名或尚未开放，可问“X月有什么活动”。" if more > 0 else "")


def open_list(ctx: Context, upcoming: list[Activity]) -> list[Activity]:
    """The list "有什么活动" shows (numbered; not remembered, it costs no write): what is open for sign-up now,
    else what is coming."""
    now = local_now(ctx)
    return ([a for a in upcoming if a.deadline_at is None or a.deadline_at >= now] or upcoming)[:10]


# ---- CLI: activities add / list ------------------------------------------------------------------


def _parse_when(value: str, what: str) -> str:
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M").strftime("%Y-%m-%d %H:%M")
    except ValueError:
        raise SystemExit(f"{what} 格式应为 \"YYYY-MM-DD HH:MM\"，得到 {value!r}") from None


def _cmd_add(args) -> int:
    from bot.cli import make_bot

    starts = _parse_when(args.starts_at, "--starts-at")
    deadline = _parse_when(args.deadline, "--deadline") if args.deadline else None
    ends = _parse_when(args.ends_at, "--ends-at") if args.ends_at else None
    if deadline and deadline > starts:
        raise SystemExit("--deadline 不能晚于 --starts-at")
    if ends and ends <= starts:
        raise SystemExit("--ends-at 应晚于 --starts-at")
    if args.max_companions is not None and not 1 <= args.max_companions <= 9:
        raise SystemExit("--max-companions 应为 1 到 9")
    if not valid_audience(args.audience):
        raise SystemExit("--audience 只能是 all / female / retired / in_service / group:<工会小组>")
    if args.capacity is not None and args.capacity <= 0:
        raise SystemExit("--capacity 必须大于 0")
    if not args.title.strip():
        raise SystemExit("--title 不能为空")
    bot = make_bot(args)
    activity = bot.store.activities.add(args.title.strip(), starts, args.place, args.capacity, deadline,
                                        args.audience, args.kind, args.notes, ends_at=ends,
                                        allow_companions=args.allow_companions or args.max_companions is not None,
                                        max_companions=args.max_companions or 1)
    print(f"已添加活动 #{activity.id}：{activity.title}")
    if args.announce:
        from handlers.activities.announce import announce

        report = announce(bot, activity)
        print(report.summary() + "（由定时发送程序发出，或运行 schedule run）")
        for staff_no, name, reason in report.skipped:
            print(f"  未能送达 {staff_no} {name}：{reason}")
    return 0


def _cmd_list(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    for a in bot.store.activities.all():
        row = {"id": a.id, "title": a.title, "starts_at": a.starts_at, "ends_at": a.ends_at, "place": a.place,
               "capacity": a.capacity, "deadline": a.deadline, "audience": a.audience, "status": a.status,
               "companions": a.max_party - 1, "confirmed": bot.store.activities.confirmed_count(a.id)}
        print(json.dumps(row, ensure_ascii=False))
    return 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "activities", "manage activities (add, list)")
    add = command(inner, "add", "add an activity", _cmd_add)
    add.add_argument("--title", required=True, help="title, e.g. 教职工拔河比赛")
    add.add_argument("--starts-at", required=True, help='start, "YYYY-MM-DD HH:MM"')
    add.add_argument("--place", default="", help="place")
    add.add_argument("--capacity", type=int, default=None, help="number of places (default: unlimited)")
    add.add_argument("--deadline", default=None, help='sign-up deadline, "YYYY-MM-DD HH:MM"')
    add.add_argument("--ends-at", default=None, help='end, "YYYY-MM-DD HH:MM" (签到 closes then; default 4 hours after the start)')
    add.add_argument("--allow-companions", action="store_true",
                     help="members may bring companions (家属), counted against the places; 1 each unless --max-companions")
    add.add_argument("--max-companions", type=int, default=None,
                     help="companions each member may bring (1-9); implies --allow-companions")
    add.add_argument("--audience", default="all", help="all, female, retired, in_service or group:<工会小组>")
    add.add_argument("--kind", default="", help="kind, e.g. 拔河 / 出游 (helps matching)")
    add.add_argument("--notes", default="", help="notes shown to teachers")
    add.add_argument("--announce", action="store_true",
                     help="also announce it to every member its audience allows (outbox kind announcement)")
    command(inner, "list", "list activities as JSON lines", _cmd_list)
