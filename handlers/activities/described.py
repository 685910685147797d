"""An activity told by when and where instead of its name (issue 19): "21号晚上学术报告厅那个活动，还能报吗",
"9号小操场那个". Each thing said (the day of the month, the weekday, the time of day, the place) is weighed
against each activity: a day, weekday or time of day that does not fit rules it out; the place counts by how
much of its name the message holds ("小操场" fits 小操场 better than 学校操场)."""

from __future__ import annotations

import re

from storage.activities import Activity

_DAY = re.compile(r"(?:([0-9]{1,2})\s*月\s*)?([0-9]{1,2})\s*[日号](?![0-9])")
_CLOCK = re.compile(r"(?<![0-9])([01]?[0-9]|2[0-3]):([0-5][0-9])(?![0-9])")  # "15:30" (bot/ordering.py: "0909 1530")
_WEEKDAY = re.compile(r"(?<!下)(?<!下个)(?:周|星期|礼拜)([一二三四五六日天])")
# the time of day and the hours it covers
_PARTS = ((re.compile(r"早上|上午|早晨|清早"), 6, 12), (re.compile(r"中午|午间"), 11, 14),
          (re.compile(r"下午|午后"), 12, 18), (re.compile(r"傍晚"), 16, 20), (re.compile(r"晚上|夜里|晚间|今晚|明晚"), 17, 24))


def _common(a: str, b: str) -> int:
    """The length of the longest run of characters both hold."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# words any message about an activity may hold, which name no place ("三月有什么活动" is not in 工会活动室)
_NO_PLACE = re.compile(r"活动(?!室|中心)|比赛|工会(?!活动室)|学校|老师|教师|什么|那个|这个|报名")


def _place_fit(norm: str, place: str) -> int:
    """How much of the place's name the message holds (2 characters at least, else 0)."""
    n = _common(place, _NO_PLACE.sub(" ", norm)) if place else 0
    return n if n >= 2 else 0


def described(norm: str, activities: list[Activity], *, day_alone: bool = False) -> list[Activity]:
    """The activities the message tells by day, weekday, time of day and place, the best fitting place first
    kept; [] when it tells none by a place, or by a day together with its month, a weekday or a time of day
    (or by a day alone with `day_alone`: one piece of a list, "10号那个")."""
    day, weekday = _DAY.search(norm), _WEEKDAY.search(norm)
    parts = [(first, last) for said, first, last in _PARTS if said.search(norm)]
    clock = _CLOCK.search(norm)
    fitting = list(activities)
    if day:
        month, dom = (int(day.group(1)) if day.group(1) else None), int(day.group(2))
        fitting = [a for a in fitting if a.start.day == dom and (month is None or a.start.month == month)]
    if weekday:
        wanted = "一二三四五六日".index(weekday.group(1).replace("天", "日"))
        fitting = [a for a in fitting if a.start.weekday() == wanted]
    for first, last in parts:
        fitting = [a for a in fitting if first <= a.start.hour < last]
    if clock:
        fitting = [a for a in fitting if (a.start.hour, a.start.minute) == (int(clock.group(1)), int(clock.group(2)))]
    places = {a.id: _place_fit(norm, a.place or "") for a in fitting}
    best = max(places.values(), default=0)
    # a day with its month ("9月13日", "0913" as bot/ordering.py reads it) or its hour is told in full
    told = best or (day and (weekday or parts or clock or day_alone or day.group(1)))
    if not told or not fitting:
        return []
    return [a for a in fitting if places[a.id] == best]
