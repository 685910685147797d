"""What a cancellation keeps (issue 19): "登山那个帮我退了吧 趣味运动会留着", "拔河不去了，读书会照常",
"退登山 运动会保留", "登山退了运动会还去". The message is cut into pieces — at commas and spaces, and
inside a clause where a second activity is named — and an activity named in a piece that says keep
(留着, 保留, 不变, 照常, 还去, 不退…) is never the one cancelled, however well its name matches."""

from __future__ import annotations

import itertools
import re

from bot.engine import Context
from bot.nlu import normalize, tokens
from handlers.activities import STOP, SYNONYMS, match_activities, shown_before
from handlers.activities.pointed import ORDINAL, ordinal_pick
from storage.activities import Activity

# a piece saying what is *not* to be cancelled: "读书会不是要取消哈", "读书会我还去的", "运动会留着", "我不想取消读书会的报名",
# "我不会取消读书会的", "不要把我从读书会名单上取消", "不是来撤回登山的报名的", "我可没说要退登山"
KEEP_RE = re.compile(r"(并|可|又)?不是(来|要|想|打算)?(取消|退|撤)|并非(来|要|想)?(取消|退|撤)|没(有)?(说|想|打算)(过)?要(取消|退|撤)|不(要|用|想|会|打算|准备)?(再)?(给我|帮我)?(一起|一并|也|都|顺便|连带)?(取消|退|撤|删)|(别|不要|不用)把我.{0,12}(取消|删|去掉|划掉)|(别|莫|勿)(给我|帮我)?(一起|一并|也|都|顺便|连带)?(取消|退|撤|动|删)|还(是)?(要)?(去|参加)|照(去|常|旧)|(?<![错误滑])报上|要报|"
                     r"继续(去|参加|住|留|保留|待|呆)|保留(?!意见)|留着|留下|先留|不变|不动|要去的")
# "not together with the other": the named one kept, the other one meant to go ("拔河照旧啊，别给我一起退了")
TOGETHER = re.compile(r"(别|不要|不用|莫|勿|不)(给我|帮我)?(一起|一并|连带|跟着)")
# herself counted out: "拔河别算我了", "拔河那边把我划掉吧", "运动会我就弃权了", "这次就不凑热闹了"
COUNTED_OUT = (r"(别|不要|甭|不用|莫)(再)?算(上)?我|(?<!别)(?<!不要)(?<!不用)把我(的名字?)?(划掉|去掉|删掉|勾掉|拿掉)|"
               r"(我|就)弃权|不凑(这个)?热闹了")
# … and what asks for a cancellation in a piece ("登山那个帮我退了吧", "拔河不去了")
CANCEL_CUE = re.compile(COUNTED_OUT + r"|取消|退|撤|不去|去不了|不参加|参加不了|来不了|去不成|不报|划掉|去掉|(?<!别)(?<!别给我)(?<!别帮我)(?<!不要)(?<!不用)删|-\s*1")  # ("点错报上的，帮我删了")
# asking whether something was (or will be) cancelled, or 退 in other words: no request to withdraw ("登山取消了没有",
# "下雨的话登山会取消吗", "第二个是不是取消了", "我退了休还能参加吗", "孩子烧退了") — unless asked for ("能帮我取消吗")
ASKS_IF = re.compile(r"取消了?(吗|么|没|没有)|(会不会|是不是|是否|有没有|被)取消|取消了[?？]|退了?休|(烧|热)退|"  # (读书会取消)
                     r"(?P<v>去|退|报)不(?P=v)|参不参加|取不取消|是不是不(去|参加)|要不要(去|退|取消)|"  # "我去不去呢": musing
                     r"[吗么][?？]*$|[能会][^，,\s]{0,4}不[?？]*$")  # "取消拔河吗", "拔河能取消不", "退了拔河的人多吗"
# a withdrawal ordered in words ("拔河不去了", "帮我退了"); without one, "那天我有事", "10号出差 参加不了" is a reason
# for not coming, asked about before anything is withdrawn (say.CANCEL_REASON)
ORDERED = re.compile(COUNTED_OUT + r"|取消|退|撤|划掉|去掉|(?<!别)(?<!别给我)(?<!别帮我)(?<!不要)(?<!不用)删|-\s*1|不(想|要|打算|准备)?(去|参加|报)")
REQUESTED = re.compile(r"帮我|给我|麻烦|请|能不能|可不可以|可以")
_CLAUSES = re.compile(r"[，,。.！!；;、\s~～…]+")


def _names(activity: Activity) -> list[str]:
    """The words a teacher may call it by: its title, the synonyms of its terms, the words of its title."""
    own = normalize(activity.title + activity.kind)
    words = [normalize(activity.title)] + [w for w, canon in SYNONYMS.items() if canon in own]
    return words + [t for t in tokens(normalize(activity.title)) if len(t) >= 2 and t not in STOP]


def _cut(clause: str, activities: list[Activity]) -> list[str]:
    """A clause naming two activities without a comma ("登山退了运动会留着"): cut where the second is named."""
    starts = []
    for activity in match_activities(clause, activities) if len(activities) > 1 else []:
        found = [clause.find(w) for w in _names(activity) if w and w in clause]
        if found:
            starts.append(min(found))
    starts = sorted(set(starts))[1:]
    if not starts:
        return [clause]
    bounds = [0, *starts, len(clause)]
    return [clause[a:b] for a, b in itertools.pairwise(bounds) if clause[a:b]]


def pieces(text: str, activities: list[Activity]) -> list[str]:
    return [p for c in _CLAUSES.split(normalize(text)) if c for p in _cut(c, activities)]


def kept(text: str, activities: list[Activity]) -> list[Activity]:
    """The activities the message says to keep: named in a piece that says keep and asks no cancellation, or named
    in a piece that says nothing of its own before such a piece naming none ("拔河那个，不退啊")."""
    out: list[Activity] = []
    before: list[Activity] = []  # named in the pieces before, nothing said of them yet
    for piece in pieces(text, activities):
        named = match_activities(piece, activities)
        if KEEP_RE.search(piece) and not CANCEL_CUE.search(KEEP_RE.sub("", piece)):
            out += [a for a in named or before if a not in out]
        before = named if named and not KEEP_RE.search(piece) and not CANCEL_CUE.search(piece) else \
            [] if named or CANCEL_CUE.search(piece) else before
    return out


def only_kept(text: str, activities: list[Activity]) -> list[Activity]:
    """The activities kept by a message that asks no cancellation of the others ("拔河那间继续住着，别给我一起退了"),
    else []."""
    keep = kept(text, activities)
    rest = [a for a in activities if a not in keep]
    return keep if keep and not (rest and asks_cancel(text, activities)) else []


def meant(text: str, activities: list[Activity]) -> str:
    """The pieces of a cancellation that are not about keeping something (the whole text when all are)."""
    rest = [p for p in pieces(text, activities) if not KEEP_RE.search(p) or CANCEL_CUE.search(KEEP_RE.sub("", p))]
    return "，".join(rest) if rest else text


def asks_cancel(text: str, activities: list[Activity]) -> bool:
    """Does any piece besides those keeping something ask for a cancellation?"""
    return any(CANCEL_CUE.search(p) for p in pieces(text, activities)
               if not KEEP_RE.search(p) or CANCEL_CUE.search(KEEP_RE.sub("", p)))




def listed_pick(ctx: Context, choices: list[Activity]) -> Activity | None:
    """The activity the message points to by its number in the list the bot has just shown."""
    pick = ordinal_pick(ctx.norm, shown_before(ctx)) if ORDINAL.search(ctx.norm) else None
    return pick if pick is not None and pick.id in {a.id for a in choices} else None


def asks_if(norm: str) -> bool:
    """A question about a cancellation, not a request for one (see ASKS_IF)."""
    return bool(ASKS_IF.search(norm)) and not REQUESTED.search(norm)


def heard_only(text: str, activity: Activity) -> bool:
    """Named only by sound or a near spelling ("共度" for 共读, "读数" for 读书): none of its own words is in the text."""
    norm = normalize(text)
    return not any(w and w in norm for w in _names(activity))


# a thing that comes with the activity called off, not the activity: "取消登山的午饭", "登山的大巴座位取消",
# "登山那天的午餐帮我退了" (each withdrew her at once: attack review 17): asked first, as "登山的盒饭不要了" is
_PART = re.compile(r"(?:那天|当天|活动)?的(?:纪念)?(?:午饭|午餐|晚饭|晚餐|早饭|早餐|盒饭|便当|工作餐|饭|餐|大巴|班车|校车|车|座位|位子|车票|"
                   r"门票|t恤|衣服|队服|服装|纪念品|礼品|奖品|住宿|房间|酒店|保险|装备)")


def a_part_of(text: str, activity: Activity) -> bool:
    """Whether the message names something of the activity (its lunch, its bus, its shirt) right after its name."""
    norm = normalize(text)
    for word in _names(activity):
        at = norm.find(word) if word else -1
        while at >= 0:
            if _PART.match(norm, at + len(word)):
                return True
            at = norm.find(word, at + 1)
    return False
