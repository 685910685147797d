"""Who care news names: a title or a nickname ("数学组王建军老师", "隔壁办公室的小李老师", "我们组老钱的母亲"),
and the one member a nickname stands for."""

from __future__ import annotations

import functools
import re

from bot.aroundname import AroundName, occurrences
from handlers.care.kinds import RELATION

# (and how colleagues call a younger one in jest: "韩冬那小子", "周婷这丫头", "杨磊这家伙"; an elder: "马兰前辈", "孙大姐")
TITLE = r"(老师|主任|校长|书记|师傅|阿姨|老师傅|同志|老前辈|前辈|大姐|大哥|姐|哥|(?:那|这)(?:小子|丫头|家伙|哥们儿?|姐们儿?|小伙子?|姑娘))"
EPITHET = re.compile(r"(那|这)(小子|丫头|家伙|哥们儿?|姐们儿?|小伙子?|姑娘)")
# "数学组王建军老师", "隔壁办公室的小李老师", "我们组老钱的母亲", "吴刚他老丈人" (never an adjective: "挺大的", "老是")
SUBJECT_RE = re.compile(
    r"((?:[\u4e00-\u9fa5]{1,6}(?:组|处|科|室|中心|班)|隔壁办公室|我们办公室|我们组|我们科|我们年级)的?)?"
    r"((?:小|老|大)(?![师人家公婆爸妈板乡伴头总手孩宝病事父母前助丈爷太娘爹奶学夫区时概会楼碍约多都半体致意早的地得了着过很是在也还就又吗呢吧啊呀么])[\u4e00-\u9fa5]|[^\W\d_的是有个位了在和跟说我你他她们]{1,3}" + TITLE + r")"
    r"(?:(?:他|她)?的?(?:家)?" + RELATION + r")?")
# words before a title that describe rather than name: "实习老师" is no name when "小钱" follows
DESCRIBED = re.compile(r"(实习|新来|代课|年轻|外聘|返聘|班主任|男|女|体育|语文|数学|英语|音乐|美术|物理|化学|生物|历史|地理|"
                       r"政治|科学|信息|心理)")


def by_surname(m: re.Match, norm: str, roster: list, reporter):
    """"老钱", "小李老师", "我们组王老师", "刘主任": the one member with that surname (in that group,
    when one is named), or None when none or several fit (the words are kept then)."""
    who = m.group(2)
    if who.endswith(("师傅", "阿姨")):  # how staff who are not teachers are addressed: not a roster guess
        return None
    surname = who[1] if who[0] in "小老大" and len(who) == 2 else (who[0] if re.fullmatch(r".(" + TITLE[1:], who) else "")
    if not surname:
        return None
    fits = [p for p in roster if p.name.startswith(surname) and (reporter is None or p.id != reporter.id)]
    group = re.search(r"([\u4e00-\u9fa5]{1,6}组)", m.group(1) or "")
    if group:
        fits = [p for p in fits if p.group_name and p.group_name in group.group(1)] or fits
    return fits[0] if len(fits) == 1 else None


def nicknamed(norm: str, roster, reporter) -> tuple[object, str] | None:
    """(the one member a title or nickname in the message stands for, the words that name her):
    "我们组老孙", "英语组小周老师"; None when none, or not one member, fits. `roster` is the list of
    active members, or a function that loads it: it is loaded only when a title or nickname is seen."""
    for m in SUBJECT_RE.finditer(norm):
        if m.group(2) and not m.group(4) and not re.search(r"[个位些]|^(是|我|您|你|有)", m.group(2)):
            if callable(roster):
                roster = roster()
            member = by_surname(m, norm, roster, reporter)
            if member is not None:
                return member, m.group(0)
    return None


def put_right(old: str, said: str) -> str:
    """The person a correction the roster could not settle names: 本人 ("是我"), the one it names when
    it keeps as much as the old one said ("是周婷的爸爸"), else nobody yet ("是胡老师" for 周婷的父亲:
    whose father?), and the flow asks who it is again."""
    if said == "本人" or (said and said != old and (said.count("的") >= old.count("的"))):
        return said
    return ""


# the name said to be wrong: "不是留洋", "留洋是错的", "留洋 打错了"
_DENIED = (AroundName(r"不是\s*", r"(?!自己|本人|说|讲|告诉)"), AroundName(after=r"\s*(是错|不对|错了|打错|写错)"))


def typo_of(old: str, name: str, norm: str) -> bool:
    """Whether a roster name puts right a name that was mistyped: it sounds the same ("留洋老师" then
    "是刘洋", "黄涌" then "黄勇"), or the old name is said to be wrong ("刘洋 不是留洋 打错字了")."""
    said = re.sub(r"^.*(组|处|科|室|中心|办公室)的?", "", re.sub(r"的?(家)?" + RELATION + r"$", "", old))
    said = re.sub(TITLE + r"$", "", said)
    if not said or said == name:
        return False
    if any(denied.search(norm, said) for denied in _DENIED):
        return True
    if len(said) != len(name) or not re.fullmatch(r"[\u4e00-\u9fff]+", said):
        return False
    from pypinyin import lazy_pinyin

    return lazy_pinyin(said) == lazy_pinyin(name)


# a colleague named for what she does around the news, not as the one it is about: who covers the lessons, drives,
# goes along or visits ("课已经请陈静老师帮忙代了", "孙强老师开车送我去", "课由何雪老师顶一下"), swaps lessons with her
# ("课已经跟孙强老师调好了") — and who told her, when
# the news names no one else by 他/她 ("是高峰老师告诉我要跟工会说的"; "王老师告诉我她父亲走了" is 王老师's family)
_WHO = r"(?:[^\W\d_的是有个位了在和跟说我你他她们课请由托找]{1,3}?" + TITLE + r"|{names})"
SERVES = r"(?:帮忙|帮我|替我|帮着|给我)?(?:代课|代了|代上|代我|代一下|代几|帮忙代|顶课|顶一下|顶了|顶上|开车|开的车|送我|送去|送的|陪)"
TOLD = r"(?:跟我说|告诉|通知|提醒)(?![^，,。]{0,4}[:：“\x22「])"  # (what she is told in quotes is her news: handlers/care/own.py)
BY_WHOM = r"(?:请|由|托|麻烦|拜托|找)"
# … and with whom she swapped lessons ("课已经跟孙强老师调好了", "和周婷老师换了课")
SWAPPED = r"(?:调好|调了|调过|调课|调一下|调换|换好|换了|换课|串课|串了|对调)"


def helpers_out(norm: str, roster: list) -> str:
    """The text without the colleagues named only as helpers (above)."""
    served, told = _helpers_patterns(tuple(m.name for m in roster))
    out = served.sub("", norm)
    rest = told.sub("", out)
    return out if re.search(r"[他她伊其]", rest) else rest


@functools.lru_cache(maxsize=4)
def _helpers_patterns(names: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """The two patterns of helpers_out for a roster's names: compiled once per roster, not at each care report (a
    school's every name in one pattern: milliseconds a compile). A roster changed is another key; a few kept."""
    names = "|".join(re.escape(name) for name in sorted(names, key=lambda name: -len(name)) if len(name) >= 2) or "(?!)"
    who = _WHO.replace("{names}", names)
    served = re.compile(r"(?:" + BY_WHOM + r")?" + who + r"(?:" + TITLE + r")?\s*(?=" + SERVES + r")|" + BY_WHOM + who +
                        r"(?:" + TITLE + r")?(?=帮|来|去|代|顶)|(?:跟|和|与|同)" + who + r"(?:" + TITLE + r")?\s*(?=" + SWAPPED + r")")
    told = re.compile(r"(?:是|听)?" + who + r"(?:" + TITLE + r")?(?=" + TOLD + r")")
    return served, told


# a correction of the person: "是英语组的罗斌", "说错了 不是林晓燕 是谢婷婷"
CORRECTING = re.compile(r"^(不是|是|应该是|打错了?|写错了?|说错了?|更正|纠正|名字是|全名是?|叫)")
MISSAID = re.compile(r"说错|搞混|搞错|记错|弄错|打错|写错|不对|不是[^，,。；;！!]{1,8}?[，,。；;！!\s]*(而)?是")


def _said_to_be(norm: str, member_id: int, roster: list) -> bool:
    """Whether the correction says it is this member ("…是谢婷婷", "说错了，谢婷婷"), not only names her
    beside it ("说错了 是前天 谢婷婷老师告诉我的", "谢婷婷说医院不对外探视")."""
    name = next((m.name for m in roster if m.id == member_id), "")
    return bool(name) and (any(said.search(norm, name) for said in _SAID_TO_BE)
                           or any(_titled_before(norm, at, name) for at in occurrences(norm, name)))


# "…是谢婷婷", "说错了，谢婷婷老师"
_SAID_TO_BE = (AroundName(r"(?<!不)是[^，,。；;！!\s]{0,8}?"),
               AroundName(r"(说|搞|记|弄|打|写)(错|混)了?人?了?[，,。；;！!\s]*", r"(老师)?(?![也还都])"))
_TITLED = re.compile(TITLE + r"[，,。\s]*")


def _titled_before(norm: str, at: int, name: str) -> bool:
    """"是周老师 周婷": 是, her surname and a title, then her name at `at` (not after 不)."""
    lead = "是" + name[:1]
    p = norm.find(lead)
    while 0 <= p and p + 2 <= at:
        if (p == 0 or norm[p - 1] != "不") and _TITLED.fullmatch(norm, p + 2, at):
            return True
        p = norm.find(lead, p + 1)
    return False


# who wrote, posted or signed a notice is not whom its news is about: "发布人：郑秀英", "记录人：林晓燕", "联系人: 赵敏"
SIGNED = re.compile(r"(发布人|记录人|填报人|报告人|上报人|联系人|经办人|发件人|填表人|整理人|撰稿人?)\s*[:：]\s*[^\s，,。；;]{1,12}")


# the group said before a name, and a title after it: "数学组王建军老师", "体艺组的冯浩", "孙大姐"
_GROUP_BEFORE = re.compile(r"[\u4e00-\u9fa5]{1,6}组的?")
_TITLE_AFTER = re.compile(r"(老师|主任|同志|老前辈|前辈|师傅|大姐|大哥|姐|哥)?")


def said_with_group(norm: str, name: str) -> str:
    """The words that name `name` (which is in `norm`), as `re.search(GROUP? + name + TITLE?, norm).group(0)` reads
    them (the patterns above): the leftmost place such words begin, and there the longest group before her name."""
    starts = {}  # where the words may begin → where her name then stands (the furthest)
    for at in occurrences(norm, name):
        starts.setdefault(at, at)
        for begin in range(max(0, at - 8), at - 1):  # a group is two to eight characters ("数学组", "音乐美术组的")
            if _GROUP_BEFORE.fullmatch(norm, begin, at):
                starts[begin] = max(starts.get(begin, at), at)
    begin = min(starts)
    end = starts[begin] + len(name)
    return norm[begin:_TITLE_AFTER.match(norm, end).end()]
