"""The activity answers after a sign-up (issue 23, tenth round): which activities a question names is
remembered per process whatever the sign-ups (handlers/activities/memo.py); the places left it shows
are read again after every commit, and a change of a title is a new match."""

from __future__ import annotations

import re

import pytest

from bot.demo import seed
from handlers.activities import match_activities


@pytest.fixture
def school(plain_wechat):
    store = plain_wechat.app.extensions["unionbot"].store
    seed(store, plain_wechat.clock)
    for n, openid in enumerate(("oAsker", "oJoiner")):
        member = store.members.add(staff_no=f"9300{n}", name=f"测试{n}号")
        store.bindings.bind("wechat", openid, member.id)
    plain_wechat.store = store
    return plain_wechat


def places(reply: str, title: str) -> str:
    found = re.search(re.escape(title) + r"\n[^\n]*\n   [^\n]*?(剩余 \d+/\d+ 个名额|名额已满[^\n]*)", reply)
    assert found, reply
    return found.group(1)


@pytest.mark.parametrize("question", ["乒乓球赛什么时候", "最近有什么活动"])
def test_a_sign_up_between_two_identical_questions_shows_in_the_second_answer(school, question):
    first = school.say("oAsker", question)
    assert places(first, "乒乓球友谊赛") == "剩余 16/16 个名额"
    assert "确认" in school.say("oJoiner", "报名乒乓球")
    assert "报名成功" in school.say("oJoiner", "是")
    second = school.say("oAsker", question)
    assert places(second, "乒乓球友谊赛") == "剩余 15/16 个名额"
    assert second.replace("剩余 15/16", "剩余 16/16") == first  # nothing else in it moved
    assert "已为您取消「乒乓球友谊赛」的报名" in school.say("oJoiner", "取消报名乒乓球")
    assert school.say("oAsker", question) == first


def test_a_renamed_activity_is_matched_by_its_new_title(school):
    assert "乒乓球友谊赛" in school.say("oAsker", "乒乓球赛什么时候")
    ping = next(a for a in school.store.activities.upcoming() if a.title == "乒乓球友谊赛")
    school.store.activities.update(ping.id, title="教工篮球友谊赛", kind="篮球")
    answer = school.say("oAsker", "乒乓球赛什么时候")
    assert "乒乓球友谊赛" not in answer and "为您找到" not in answer
    assert "为您找到：\n1. 教工篮球友谊赛" in school.say("oAsker", "篮球赛什么时候")


def test_a_remembered_match_is_the_callers_own_activities(school):
    upcoming = school.store.activities.upcoming()
    first = match_activities("乒乓球赛什么时候", upcoming)
    again = match_activities("乒乓球赛什么时候", list(upcoming))
    assert [a.title for a in first] == ["乒乓球友谊赛"] and again[0] is first[0]
    copies = [type(a)(**{**a.__dict__, "confirmed": 7}) for a in upcoming]
    named = match_activities("乒乓球赛什么时候", copies)
    assert named[0].confirmed == 7 and named[0] in copies
