"""Attack on issue 23's eighth round (storage/absence.py): the tokens in the claims mapping's header page
are read and written without the mapping's lock, so a mapping cut short under a worker (the case
storage/claims.py's `_mend` exists for) must not kill it with SIGBUS, nor lose a conversation."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time

import pytest

from bot.clock import FrozenClock
from tests.test_absence import TEACHER, _scratch_reads, _worker


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:41")


def _cut_while_handling(tmp_path, clock, out) -> None:
    WeChatClient = _worker.__globals__["WeChatClient"]
    WeChatClient._ids, WeChatClient._nonces = itertools.count(91_000_000), itertools.count(91_000_000)
    wx, store = _worker(tmp_path, clock)
    wx.say(TEACHER, "最近有什么活动")  # her absence remembered, her bucket's token made
    conversations, end = store.conversations, store.conversations.end

    def cut_then_end():  # the mapping cut short while the message is handled (after its claim was mended)
        os.truncate(store.inbox.table.path, 0)
        return end()

    conversations.end = cut_then_end
    first = wx.say(TEACHER, "报名乒乓球")
    conversations.end = end
    out.put((first, wx.say(TEACHER, "是")))


def _cut_then_read(tmp_path, clock, out) -> None:
    wx, store = _worker(tmp_path, clock)
    wx.say(TEACHER, "最近有什么活动")
    os.truncate(store.inbox.table.path, 0)
    out.put(store.conversations.get("wechat", TEACHER))  # a read outside a claim (nothing mended it)


def _in_child(target, tmp_path, clock, seed: bool = True):
    if seed:
        _worker(tmp_path, clock, first=True)
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    child = fork.Process(target=target, args=(tmp_path, clock, out))
    child.start()
    child.join(60)
    assert child.exitcode == 0, f"the worker died (exit code {child.exitcode}; -7 is SIGBUS)"
    return out.get(timeout=10)


def test_a_mapping_cut_while_a_conversation_is_written_is_no_sigbus_and_loses_nothing(tmp_path, clock):
    first, answer = _in_child(_cut_while_handling, tmp_path, clock)
    assert "确认报名「乒乓球友谊赛」" in first
    assert "报名成功" in answer


def test_a_mapping_cut_under_a_remembered_absence_is_no_sigbus(tmp_path, clock):
    assert _in_child(_cut_then_read, tmp_path, clock) is None


def _open_signup_without_mapping(tmp_path, clock, out) -> None:
    os.environ["UNIONBOT_CLAIMS"] = "file"  # this worker only (a fork of the same master: the same process key)
    WeChatClient = _worker.__globals__["WeChatClient"]
    WeChatClient._ids, WeChatClient._nonces = itertools.count(92_000_000), itertools.count(92_000_000)
    wx, store = _worker(tmp_path, clock)
    assert store.inbox.table is None
    out.put(wx.say(TEACHER, "报名乒乓球"))


def test_a_conversation_opened_by_a_worker_without_the_mapping_is_seen(tmp_path, clock):
    """A worker whose mapping could not be made (or UNIONBOT_CLAIMS=file) writes conversations without
    changing any token: while it runs, the others must not trust what they remembered."""
    mine, store = _worker(tmp_path, clock, first=True)
    assert "名额" in mine.say(TEACHER, "最近有什么活动")
    assert _scratch_reads(store, lambda: mine.say(TEACHER, "你好")) == []  # her absence remembered
    assert "确认报名「乒乓球友谊赛」" in _in_child(_open_signup_without_mapping, tmp_path, clock, seed=False)
    assert "报名成功" in mine.say(TEACHER, "是")


ROUNDS = 5


def _save_when_told(tmp_path, clock, go, done) -> None:
    import datetime as dt
    import random

    from storage.conversations import Conversation

    _, store = _worker(tmp_path, clock)
    for i in range(ROUNDS):
        assert go[i].wait(60)
        time.sleep(random.random() / 50)
        store.conversations.save(Conversation("wechat", TEACHER, "signup", "confirm", {"round": i}), dt.timedelta(minutes=5))
        done[i].set()


def test_a_conversation_committed_by_another_process_is_seen_by_every_read_after_it(tmp_path, clock):
    """Linearizable: once the writer's commit is known to have happened, no read says "nothing open"."""
    wx, store = _worker(tmp_path, clock, first=True)
    wx.say(TEACHER, "最近有什么活动")  # (a claim: this mapping named, so absences may be remembered)
    conversations = store.conversations
    fork = multiprocessing.get_context("fork")
    go, done = [fork.Event() for _ in range(ROUNDS)], [fork.Event() for _ in range(ROUNDS)]
    child = fork.Process(target=_save_when_told, args=(tmp_path, clock, go, done))
    child.start()
    try:
        for i in range(ROUNDS):
            conversations.clear("wechat", TEACHER)
            assert conversations.get("wechat", TEACHER) is None
            assert conversations.absences.known(conversations._key("wechat", TEACHER))  # remembered
            go[i].set()
            while True:
                committed = done[i].is_set()
                conv = conversations.get("wechat", TEACHER)
                if committed:
                    assert conv is not None and conv.data == {"round": i}
                    break
    finally:
        child.join(60)
    assert child.exitcode == 0
