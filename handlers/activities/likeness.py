"""An activity told by what it is like instead of its name (issue 19): "名额最少的那个活动，我想试试", "最近的那场",
"最晚的", "还有名额最多的", "周末那场", "晚上那个" / "不用晚上去的", "在体育馆的", "能带家属的", "给退休老同志办的那个会".

Each thing said is a filter (weekend, time of day, place, family welcome, for whom) or a superlative (earliest,
latest, fewest or most places), read against the activities given (the caller's: those open to the teacher).
A property counts only as a description, said before 的/那个/那场 ("能带家属的那个"), never as a question
("能带家属吗" is asked about the activity just shown) nor as "最近有什么活动" (lately). The filters narrow,
then the superlative picks: one that fits is the one meant, several are offered as a choice, none is nothing.
`likeness_note` says what was chosen ("名额最少的是「羽毛球联谊赛」（2 个名额）"), so the teacher can check it."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers._common import fmt_dt
from storage.activities import Activity

# what makes a property a description of one: "…的", "…那个/那场/那次/那项", "…一个/一场"
_ONE = r"(?:的|那个|那场|那次|那项|那一?[个场次]|一个|一场|一次|这个|这场)"
_CHEAP = re.compile(r"最|下一|周末|晚上|夜里|白天|上午|下午|早上|家属|家人|孩子|娃|退休|退下来|老同志|在[^，,。]{2,8}"
                    r"(?:的|那)|女")

# superlatives: (pattern, key of an activity (None: cannot say), lowest first?, how it is said, the detail shown)
def _capacity(a: Activity) -> int | None:
    return a.capacity


def _left(a: Activity) -> int | None:
    return None if a.capacity is None else max(0, a.capacity - (a.confirmed or 0))


def _start(a: Activity):
    return a.start


_SUPERLATIVES: list[tuple[re.Pattern, Callable, bool, str, Callable[[Activity], str]]] = [
    (re.compile(r"(?:剩|还有|空)[^，,。]{0,3}(?:名额|位置|空位)?最多|(?:名额|位置|空位)剩(?:得|的)?最多"), _left, False, "剩余名额最多",
     lambda a: f"剩余 {_left(a)} 个名额"),
    (re.compile(r"(?:剩|还有)[^，,。]{0,3}(?:名额|位置|空位)?最少|(?:名额|位置|空位)剩(?:得|的)?最少"), _left, True, "剩余名额最少",
     lambda a: f"剩余 {_left(a)} 个名额"),
    (re.compile(r"(?:名额|人数|位置|人)最少|最少(?:名额|人)|(?:名额|位置)最紧|最难报"), _capacity, True, "名额最少",
     lambda a: f"{a.capacity} 个名额"),
    (re.compile(r"(?:名额|人数|位置|人)最多|最多(?:名额|人)|规模最大|最热闹"), _capacity, False, "名额最多",
     lambda a: f"{a.capacity} 个名额"),
    # ("最近的活动有哪些" is lately: 最近 needs "那个/一个…")
    (re.compile(rf"(?:时间)?最近(?:的|开始的|举办的)?{_ONE.replace('的|', '')}|(?:时间)?最(?:早|先)(?:的|开始|举办)|"
                rf"下一(?:个|场|次)(?:活动|比赛)?|马上(?:就要|要)?(?:开始|举办)的|眼下{_ONE}"), _start, True, "最近",
     lambda a: fmt_dt(a.start)),
    # ("我最晚周五给你答复" tells no activity: 最晚 needs "的/那个…", attack review 15)
    (re.compile(rf"(?:时间)?最(?:晚|迟)(?:开始|举办)?{_ONE}|(?:时间)?最靠后"), _start, False, "最晚",
     lambda a: fmt_dt(a.start)),
]

_WEEKEND = re.compile(rf"(?<!不是)(?<!不在)(?:周末|周六日)(?:那|的|举办|办|搞){_ONE}?")
_WEEKDAYS = re.compile(rf"(?:工作日|不是周末|不在周末|平时)(?:的|那|办|搞){_ONE}?")
_NOT_EVENING = re.compile(rf"(?:不用|不要|不必|不是|不在|不用在)(?:晚上|夜里)(?:去|办|举办|的)?{_ONE}?|白天{_ONE}")
_EVENING = re.compile(rf"(?:晚上|夜里|晚间){_ONE}|晚上(?:去|办|举办|开始)的")
_MORNING = re.compile(rf"(?:上午|早上){_ONE}|(?:上午|早上)(?:去|办|举办|开始)的")
_AFTERNOON = re.compile(rf"下午{_ONE}|下午(?:去|办|举办|开始)的")
_FAMILY = re.compile(rf"(?:能|可以|可)带(?:上)?(?:家属|家人|孩子|小孩|娃|老婆|老公|爱人)(?:去|一起去|参加)?{_ONE}")
# for whom, said of an activity ("给退休老同志办的那个会", "退休老师的那个是几号"), not of a person ("退休的那个王建国")
_OF_ONE = r"(?:(?:那个|那场|那次)(?=[是在几呢吗啊哪,，。?？\s]|$)|(?:那个|那场|那次)?(?:会|活动|座谈|茶话会|聚会|沙龙)|$)"
_RETIRED = re.compile(r"(?:(?:退休|退下来)(?:的|了的)?(?:老师|教师|老同志|同志|职工|教职工|人员|人)?|老同志)"
                      r"(?:的|办的|搞的|开的|举办的|组织的)" + _OF_ONE)
_FEMALE = re.compile(r"女(?:老师|教师|职工|教职工|同志|同胞)(?:的|办的|专属的?|专场的?)" + _OF_ONE)
# any of them, as a pattern of the activity question's keyword table ("周末那场是什么", "不用晚上去的有哪些")
LIKENESS = (r"(名额|人数|位置)最(少|多)|最(近|早|晚|迟)的?(那|一)[个场次]|下一(场|个活动)|(周末|晚上|白天|上午|下午)(的|那)[个场次]|"
            r"不用晚上|能带家属的|(退休|老同志)[^，,。]{0,6}(办的|的那)(个|场)?(会|活动|座谈)")
_PLACE = re.compile(r"在([\u4e00-\u9fff0-9a-z]{2,8}?)(?:举办|办|搞|开)?" + _ONE)


def _fitting(norm: str, activities: list[Activity]) -> tuple[list[Activity], list[str], tuple | None]:
    """(the activities that fit, the filters as said, the superlative used (its row) or None)."""
    fit, said = list(activities), []

    def keep(test: Callable[[Activity], bool], words: str) -> None:
        nonlocal fit
        fit = [a for a in fit if test(a)]
        said.append(words)

    if _WEEKEND.search(norm):
        keep(lambda a: a.start.weekday() >= 5, "周末")
    elif _WEEKDAYS.search(norm):
        keep(lambda a: a.start.weekday() < 5, "工作日")
    if _NOT_EVENING.search(norm):
        keep(lambda a: a.start.hour < 17, "不在晚上")
    elif _EVENING.search(norm):
        keep(lambda a: a.start.hour >= 17, "晚上")
    elif _MORNING.search(norm):
        keep(lambda a: a.start.hour < 12, "上午")
    elif _AFTERNOON.search(norm):
        keep(lambda a: 12 <= a.start.hour < 18, "下午")
    if _FAMILY.search(norm):
        keep(lambda a: bool(a.allow_companions), "能带家属")
    if _RETIRED.search(norm):
        keep(lambda a: a.audience == "retired", "给退休教师")
    elif _FEMALE.search(norm):
        keep(lambda a: a.audience == "female", "给女教职工")
    place = _PLACE.search(norm)
    if place and not re.match(r"^(周末|晚上|上午|下午|白天|工作日)", place.group(1)):
        word = place.group(1)
        keep(lambda a: bool(a.place) and word in a.place, f"在{word}")
    best = None
    for row in _SUPERLATIVES:
        if row[0].search(norm):
            best = row
            break
    return fit, said, best


def by_likeness(norm: str, activities: list[Activity]) -> list[Activity]:
    """The activities the message tells by what they are like (see the module's doc); [] when it tells none
    that way, or none fits."""
    activities = [a for a in activities if a.status != "cancelled"]
    if not activities or not _CHEAP.search(norm):
        return []
    fit, said, best = _fitting(norm, activities)
    if best is not None:
        key, lowest = best[1], best[2]
        known = [(key(a), a) for a in fit if key(a) is not None]
        if not known:
            return []
        edge = (min if lowest else max)(k for k, _ in known)
        return [a for k, a in known if k == edge]
    return fit if said and len(fit) < len(activities) else []


def likeness_note(norm: str, chosen: list[Activity], activities: list[Activity]) -> str:
    """"名额最少的是「羽毛球联谊赛」（2 个名额）。\n" when the one chosen was told by what it is like; "" otherwise."""
    if len(chosen) != 1 or by_likeness(norm, activities) != chosen:
        return ""
    _, said, best = _fitting(norm, activities)
    activity = chosen[0]
    words = "、".join(said + ([best[3]] if best else []))
    detail = best[4](activity) if best else fmt_dt(activity.start)
    return f"{words}的是「{activity.title}」（{detail}）。\n"


def noted(norm: str, step, activities: Callable[[], list[Activity]]):
    """A sign-up's step with `likeness_note` before it when the activity was told by what it is like, so the
    confirmation says which one was taken ("名额最少的是「羽毛球联谊赛」（2 个名额）。确认报名…")."""
    if not _CHEAP.search(norm) or not isinstance(getattr(step, "text", step), str):
        return step
    every = activities()
    chosen = by_likeness(norm, every)
    note = likeness_note(norm, chosen, every) if len(chosen) == 1 else ""
    if not note or f"「{chosen[0].title}」" not in getattr(step, "text", step):
        return step
    if isinstance(step, str):
        return note + step
    step.text = note + step.text
    return step
