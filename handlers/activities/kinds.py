"""A sign-up of a kind rather than of one activity ("报名球类比赛", "想参加个球赛", "有棋类的活动报一个"): the
open activities of that kind are offered, as several named ones are (no "not found" with every activity)."""

from __future__ import annotations

import re

from storage.activities import Activity

# the kind said, and the character every title of that kind holds (乒乓球友谊赛, 羽毛球联谊赛)
# (the kind only: "报篮球赛" names a sport we do not hold, and is told so with the whole list)
SPORT = r"(?<![篮足排网乓毛台棒垒手榄冰门壁])"
KINDS = [(re.compile(rf"球类|{SPORT}球赛|(?<![篮足排网台棒垒手])打球|{SPORT}球的(比赛|活动)"), "球"),
         (re.compile(r"棋类|(?<![象围跳军])下棋|(?<![象围跳军])棋赛"), "棋")]


def of_kind(norm: str, upcoming: list[Activity]) -> list[Activity]:
    """The open activities of the kind the message names, or [] when it names none (or none is open)."""
    for said, mark in KINDS:
        if said.search(norm):
            return [a for a in upcoming if mark in a.title]
    return []
