"""Issue 23, speed27: a teacher's conversation row is opened (decrypted) once per message, however many checks ask
for her state, and what one message opened is never seen by another message or another teacher.

A withdrawal after "我报名了哪些活动" read her sealed row four times (the turn's look, a follow-up's, a focus's and
the withdrawal's look at what was just shown). The text opened is now kept in the message's own memo beside the row
it came from (storage/conversations.py `_unsealed`): a save or a clear in the same message replaces the row, so the
next read opens what was written; the memo ends with the message.
"""

from __future__ import annotations

import datetime as dt

import pytest

import storage.conversations as conversations_module
from bot.clock import FrozenClock
from storage.conversations import Conversation
from tests.test_absence import TEACHER, _worker


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:41")


@pytest.fixture
def opened(monkeypatch):
    """How many times a sealed conversation is decrypted."""
    calls = []
    real = conversations_module.unseal

    def counting(blob, key=None):
        calls.append(blob)
        return real(blob, key)

    monkeypatch.setattr(conversations_module, "unseal", counting)
    return calls


@pytest.mark.parametrize("said, answered", [
    ("取消报名乒乓球", "已为您取消「乒乓球友谊赛」的报名"),
    ("退掉乒乓球", "已为您取消「乒乓球友谊赛」的报名"),
    ("帮我把乒乓球的报名取消", "已为您取消「乒乓球友谊赛」的报名"),
    ("乒乓球那天有事去不了了", "要帮您取消「乒乓球友谊赛」的报名吗"),
])
def test_a_withdrawal_after_her_list_opens_her_row_once(tmp_path, clock, opened, said, answered):
    wx, _ = _worker(tmp_path, clock, first=True)
    assert "确认报名「乒乓球友谊赛」" in wx.say(TEACHER, "报名乒乓球")
    assert "报名成功" in wx.say(TEACHER, "是")
    assert "乒乓球友谊赛 — 已报名" in wx.say(TEACHER, "我报名了哪些活动")
    opened.clear()
    assert answered in wx.say(TEACHER, said)  # (the same answer as before)
    assert len(opened) == 1


def _in_one_message(store, user, body):
    conversations = store.conversations
    conversations.begin("wechat", user)
    try:
        return body(conversations)
    finally:
        pending = conversations.end()
        with store.scratch.transaction():
            conversations.write(pending)
        conversations.written()


def test_a_save_in_the_message_is_what_its_next_read_opens(tmp_path, clock, opened):
    _, store = _worker(tmp_path, clock, first=True)
    ttl = dt.timedelta(minutes=30)
    store.conversations.save(Conversation("wechat", TEACHER, "signup", "confirm", {"activity_id": 1}), ttl)

    def turn(conversations):
        seen = [conversations.get("wechat", TEACHER).data, conversations.get("wechat", TEACHER).data]
        conversations.save(Conversation("wechat", TEACHER, "signup", "confirm", {"activity_id": 2}), ttl)
        seen += [conversations.get("wechat", TEACHER).data, conversations.lookup("wechat", TEACHER)[0].data]
        seen[-1]["activity_id"] = 99  # (a check that changes the state it was given changes no one else's)
        seen.append(conversations.get("wechat", TEACHER).data)
        conversations.clear("wechat", TEACHER)
        seen.append(conversations.get("wechat", TEACHER))
        return seen

    opened.clear()
    seen = _in_one_message(store, TEACHER, turn)
    assert seen == [{"activity_id": 1}, {"activity_id": 1}, {"activity_id": 2}, {"activity_id": 99},
                    {"activity_id": 2}, None]
    assert len(opened) == 2  # the row read with the claim, and the one saved: each opened once
    assert store.conversations.get("wechat", TEACHER) is None  # the clear was written


def test_what_a_message_opened_is_not_kept_for_the_next_one(tmp_path, clock, opened):
    _, store = _worker(tmp_path, clock, first=True)
    store.conversations.save(Conversation("wechat", TEACHER, "signup", "confirm", {"activity_id": 1}), dt.timedelta(minutes=30))
    opened.clear()
    for _ in range(2):
        _in_one_message(store, TEACHER, lambda c: (c.get("wechat", TEACHER), c.get("wechat", TEACHER)))
    assert len(opened) == 2  # once in each message, not once for both
    assert store.conversations.get("wechat", TEACHER).data == {"activity_id": 1}  # outside a message: read as ever
    assert len(opened) == 3


def test_two_teachers_in_one_message_each_open_their_own_row(tmp_path, clock, opened):
    _, store = _worker(tmp_path, clock, first=True)
    ttl = dt.timedelta(minutes=30)
    store.conversations.save(Conversation("wechat", TEACHER, "signup", "confirm", {"activity_id": 1}), ttl)
    store.conversations.save(Conversation("wechat", "oColleague", "signup", "confirm", {"activity_id": 2}), ttl)
    opened.clear()

    def turn(c):
        return [c.get("wechat", user).data for user in (TEACHER, "oColleague", TEACHER, "oColleague", "oNobody")
                if c.get("wechat", user) is not None]

    assert _in_one_message(store, TEACHER, turn) == [{"activity_id": 1}, {"activity_id": 2}, {"activity_id": 1},
                                                     {"activity_id": 2}]
    assert len(opened) == 2


# ---- the joining check reads the activities only for a sentence that could join (speed27 item 3) ------------------

@pytest.fixture
def joining_reads(monkeypatch):
    """The activity lists the joining check (handlers/activities/joining.py) reads."""
    import handlers.activities.joining as joining

    reads = []
    real = joining.visible_upcoming

    def counting(ctx):
        reads.append(ctx.msg.text)
        return real(ctx)

    monkeypatch.setattr(joining, "visible_upcoming", counting)
    return reads


@pytest.mark.parametrize("asked, answered", [
    ("我报名了哪些活动", "您目前没有报名任何活动"),
    ("我参加的活动有哪些", "您目前没有报名任何活动"),
    ("参加拔河要带什么吗", "教职工拔河比赛"),
    ("报个名要交钱吗", "目前可以报名的有"),
])
def test_a_question_about_signing_up_is_answered_without_the_joining_check_reading_the_list(
        tmp_path, clock, joining_reads, asked, answered):
    wx, _ = _worker(tmp_path, clock, first=True)
    assert answered in wx.say(TEACHER, asked)  # (the same answer as before)
    assert joining_reads == []


@pytest.mark.parametrize("said, activity", [
    ("读书会 奉陪到底", "教师读书会"),
    ("卡拉OK比赛 安排上", "卡拉OK歌唱比赛"),
    ("登山 奉陪到底", "秋季登山活动"),
    ("羽毛球 走起", "羽毛球联谊赛"),
])
def test_a_wish_to_join_in_few_words_still_reads_the_list_and_asks(tmp_path, clock, joining_reads, said, activity):
    wx, _ = _worker(tmp_path, clock, first=True)
    assert f"确认报名「{activity}" in wx.say(TEACHER, said)
    assert joining_reads  # (read when a sentence could join)
