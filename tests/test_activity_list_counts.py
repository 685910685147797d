"""The activity list after a sign-up (issue 23, seventeenth round): a sign-up changes the places of one
activity, so the list reads the counts again (one query) and says that activity afresh; the activities
themselves and what is said about the others are kept. An edit of an activity is still seen at once, and
a withdrawal gives the place back in the next answer (frozen clock, 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from bot.demo import seed
from handlers.activities import lines
from tests.test_activity_answers_cache import places


@pytest.fixture
def school(plain_wechat):
    store = plain_wechat.app.extensions["unionbot"].store
    seed(store, plain_wechat.clock)
    for n, openid in enumerate(("oAsker", "oJoiner")):
        store.bindings.bind("wechat", openid, store.members.add(staff_no=f"9310{n}", name=f"测试{n}号").id)
    plain_wechat.store = store
    return plain_wechat


def _main_reads(store, say) -> tuple[str, list[str]]:
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        reply = say()
    finally:
        store.db.conn.set_trace_callback(None)
    return reply, [" ".join(s.split()) for s in seen if s.lstrip().upper().startswith("SELECT")]


def _signs_up(school, user="oJoiner", text="报名乒乓球"):
    assert "确认" in school.say(user, text)
    assert "报名成功" in school.say(user, "是")


def test_after_a_sign_up_the_list_reads_the_counts_again_but_not_the_activities(school):
    first = school.say("oAsker", "最近有什么活动")
    _signs_up(school)
    second, reads = _main_reads(school.store, lambda: school.say("oAsker", "最近有什么活动"))
    assert places(second, "乒乓球友谊赛") == "剩余 15/16 个名额"
    assert second.replace("剩余 15/16", "剩余 16/16") == first
    assert [r for r in reads if "GROUP BY activity_id" in r]  # the counts, read again
    assert not [r for r in reads if r.startswith("SELECT * FROM activities") or "AS confirmed" in r]


def test_only_the_activity_whose_places_moved_is_said_afresh(school, monkeypatch):
    monkeypatch.setattr(lines, "_DESCRIBED", {})  # (what other tests' lists said is kept too: it is the same)
    school.say("oAsker", "最近有什么活动")
    said: list[str] = []
    real = lines._describe
    monkeypatch.setattr(lines, "_describe", lambda ctx, activity: said.append(activity.title) or real(ctx, activity))
    _signs_up(school)
    said.clear()
    reply = school.say("oAsker", "这个月工会有什么活动")  # another wording of the same list
    assert said == ["乒乓球友谊赛"]
    assert places(reply, "乒乓球友谊赛") == "剩余 15/16 个名额"


def test_a_withdrawal_gives_the_place_back_in_the_next_list(school):
    first = school.say("oAsker", "最近有什么活动")
    _signs_up(school)
    assert places(school.say("oAsker", "最近有什么活动"), "乒乓球友谊赛") == "剩余 15/16 个名额"
    assert "已为您取消" in school.say("oJoiner", "取消报名乒乓球")
    assert school.say("oAsker", "最近有什么活动") == first


def test_an_edited_activity_is_seen_in_the_next_list(school):
    school.say("oAsker", "最近有什么活动")
    _signs_up(school)
    school.say("oAsker", "最近有什么活动")
    ping = school.store.db.one("SELECT id FROM activities WHERE title = '乒乓球友谊赛'")["id"]
    school.store.activities.update(ping, place="体育馆一楼", capacity=20)
    reply = school.say("oAsker", "最近有什么活动")
    assert "体育馆一楼" in reply and "体育馆二楼" not in reply
    assert places(reply, "乒乓球友谊赛") == "剩余 19/20 个名额"
