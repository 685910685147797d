"""A teacher's conversation as this worker last read or wrote it (storage/absence.py; issue 23, fifteenth
round): her next message reads no row of the scratch file, while whatever another worker (of this process
or another one) writes or ends in her conversation is seen at once."""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3

import pytest

from tests.test_absence import TEACHER, _scratch_reads, _worker


@pytest.fixture
def clock():
    from bot.clock import FrozenClock

    return FrozenClock("2026-09-01 09:00")


def _selects(store, say) -> list[str]:
    return [s for s in _scratch_reads(store, say) if s.lstrip().upper().startswith("SELECT")]


def _signups(store) -> int:
    return store.db.scalar("SELECT count(*) FROM signups")


def test_the_next_message_of_a_sign_up_reads_no_row(tmp_path, clock):
    wx, store = _worker(tmp_path, clock, first=True)
    assert "确认报名「乒乓球友谊赛」" in wx.say(TEACHER, "报名乒乓球")
    replies = []
    assert _selects(store, lambda: replies.append(wx.say(TEACHER, "是"))) == []
    assert "报名成功" in replies[0]
    assert _signups(store) == 1


def test_each_turn_of_a_suggestion_reads_no_row(tmp_path, clock):
    wx, store = _worker(tmp_path, clock, first=True)
    wx.say(TEACHER, "我要提建议")
    replies = []
    assert _selects(store, lambda: replies.append(wx.say(TEACHER, "食堂的菜能不能少放点盐"))) == []
    assert _selects(store, lambda: replies.append(wx.say(TEACHER, "匿名"))) == []
    assert "匿名" in replies[0] and "编号" in replies[1]


def test_a_sign_up_another_worker_ended_is_not_confirmed_here(tmp_path, clock):
    mine, store = _worker(tmp_path, clock, first=True)
    theirs, _ = _worker(tmp_path, clock)
    assert "确认报名「乒乓球友谊赛」" in mine.say(TEACHER, "报名乒乓球")  # her row kept here
    theirs.say(TEACHER, "不")  # … and ended by the other worker
    assert "报名成功" not in mine.say(TEACHER, "是")
    assert _signups(store) == 0


def test_a_sign_up_another_worker_confirmed_is_over_here_too(tmp_path, clock):
    mine, store = _worker(tmp_path, clock, first=True)
    theirs, _ = _worker(tmp_path, clock)
    mine.say(TEACHER, "报名乒乓球")
    assert "报名成功" in theirs.say(TEACHER, "是")  # her conversation deleted by the other worker
    assert "没有等您确认的事项" in mine.say(TEACHER, "是")
    assert "要取消「乒乓球友谊赛」的报名吗" in mine.say(TEACHER, "取消")
    assert _signups(store) == 1


def test_a_conversation_another_worker_changed_is_read_again(tmp_path, clock):
    mine, store = _worker(tmp_path, clock, first=True)
    theirs, _ = _worker(tmp_path, clock)
    mine.say(TEACHER, "报名乒乓球")
    assert "建议" in theirs.say(TEACHER, "我要提建议")  # the other worker puts her in another conversation
    reply = mine.say(TEACHER, "教工停车位太少")
    assert "报名" not in reply and "匿名" in reply  # taken as the suggestion's text, as the other worker left it
    assert _signups(store) == 0


def test_a_conversation_cleared_through_the_store_elsewhere_is_gone_here(tmp_path, clock):
    mine, store = _worker(tmp_path, clock, first=True)
    _, their_store = _worker(tmp_path, clock)
    mine.say(TEACHER, "报名乒乓球")
    assert their_store.conversations.clear("wechat", TEACHER)
    assert "报名成功" not in mine.say(TEACHER, "是")
    assert _signups(store) == 0


def test_a_row_whose_commit_failed_is_not_kept(tmp_path, clock, monkeypatch):
    wx, store = _worker(tmp_path, clock, first=True)
    wx.say(TEACHER, "最近有什么活动")  # (her absence remembered)
    keep = store.inbox.keep

    def locked(*args):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store.inbox, "keep", locked)
    assert wx.text(TEACHER, "报名乒乓球").status_code == 503  # the conversation and the reply rolled back together
    monkeypatch.setattr(store.inbox, "keep", keep)
    replies = []
    assert _selects(store, lambda: replies.append(wx.say(TEACHER, "是")))  # read, not taken from memory
    assert "报名成功" not in replies[0]
    assert _signups(store) == 0


def _end_signup(tmp_path, clock, out) -> None:
    from tests.helpers import WeChatClient

    WeChatClient._ids, WeChatClient._nonces = itertools.count(91_000_000), itertools.count(91_000_000)
    wx, _ = _worker(tmp_path, clock)
    out.put(wx.say(TEACHER, "算了，不报了"))


def test_a_sign_up_another_worker_process_ended_is_not_confirmed_here(tmp_path, clock):
    """As gunicorn's workers: forked after the process key was made, each its own connections."""
    mine, store = _worker(tmp_path, clock, first=True)
    assert "确认报名「乒乓球友谊赛」" in mine.say(TEACHER, "报名乒乓球")
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    child = fork.Process(target=_end_signup, args=(tmp_path, clock, out))
    child.start()
    try:
        out.get(timeout=60)
    finally:
        child.join(60)
    assert child.exitcode == 0
    assert "报名成功" not in mine.say(TEACHER, "是")
    assert _signups(store) == 0
