"""A sign-up of a kind rather than of one activity ("报名球类比赛", "想参加个球赛", "有棋类的活动报一个"): the
open activities of that kind are offered, as several named ones are (no "not found" with every activity)."""

from __future__ import annotations

import re

from storage.activities import Activity

# the kind said, and the character every title of that kind holds (乒乓球友谊赛, 羽毛球联谊赛)
KINDS = [(re.compile(r"球类|球赛|打球|球的(比赛|活动)|球类(比赛|活动|运动)"), "球"),
         (re.compile(r"棋类|下棋|棋赛"), "棋")]


def of_kind(norm: str, upcoming: list[Activity]) -> list[Activity]:
    """The open activities of the kind the message names, or [] when it names none (or none is open)."""
    for said, mark in KINDS:
        if said.search(norm):
            return [a for a in upcoming if mark in a.title]
    return []
