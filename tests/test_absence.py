"""Rows known missing without reading the scratch file (storage/absence.py; issue 23, eighth round): a
teacher with no conversation open costs no read, and a conversation another worker opened for her, in
this process or in another one, is never missed."""

from __future__ import annotations

import itertools
import multiprocessing
import time

import pytest

from bot.app import create_app
from bot.clock import FrozenClock
from bot.demo import seed
from storage.absence import TOKENS_AT
from storage.claims import HEADER
from tests.conftest import make_config
from tests.helpers import WeChatClient

TEACHER = "oTeacherAbsence"


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:41")


def _worker(tmp_path, clock, first: bool = False):
    app = create_app(make_config(tmp_path), clock)
    store = app.extensions["unionbot"].store
    if first:
        seed(store, clock)
        member = store.members.add(staff_no="93001", name="王老师")
        store.bindings.bind("wechat", TEACHER, member.id)
    return WeChatClient(app.test_client(), "plaintext", clock), store


def _scratch_reads(store, say) -> list[str]:
    seen: list[str] = []
    store.scratch.conn.set_trace_callback(seen.append)
    try:
        say()
    finally:
        store.scratch.conn.set_trace_callback(None)
    return [s for s in seen if "conversations" in s]


def test_a_teacher_with_no_conversation_open_costs_no_read_after_her_first_message(tmp_path, clock):
    wx, store = _worker(tmp_path, clock, first=True)
    assert _scratch_reads(store, lambda: wx.say(TEACHER, "最近有什么活动"))  # read once: nothing open
    assert _scratch_reads(store, lambda: wx.say(TEACHER, "最近有什么活动")) == []
    assert "体检" in wx.say(TEACHER, "今年体检什么时候")  # (still answered as before)


def test_a_conversation_another_worker_of_this_process_opened_is_seen(tmp_path, clock):
    mine, store = _worker(tmp_path, clock, first=True)
    theirs, _ = _worker(tmp_path, clock)
    assert "名额" in mine.say(TEACHER, "最近有什么活动")
    assert _scratch_reads(store, lambda: mine.say(TEACHER, "你好")) == []  # her absence is remembered
    assert "确认报名「乒乓球友谊赛」" in theirs.say(TEACHER, "报名乒乓球")
    assert "报名成功" in mine.say(TEACHER, "是")


def _open_signup(tmp_path, clock, out) -> None:
    WeChatClient._ids, WeChatClient._nonces = itertools.count(90_000_000), itertools.count(90_000_000)  # (this
    wx, _ = _worker(tmp_path, clock)  # process's own: a fork's counters would repeat the parent's next ones)
    out.put(wx.say(TEACHER, "报名乒乓球"))


def test_a_conversation_another_worker_process_opened_is_seen(tmp_path, clock):
    """As gunicorn's workers: forked after the process key was made, each its own connections."""
    mine, store = _worker(tmp_path, clock, first=True)
    assert "名额" in mine.say(TEACHER, "最近有什么活动")
    assert _scratch_reads(store, lambda: mine.say(TEACHER, "你好")) == []
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    child = fork.Process(target=_open_signup, args=(tmp_path, clock, out))
    child.start()
    try:
        assert "确认报名「乒乓球友谊赛」" in out.get(timeout=60)
    finally:
        child.join(60)
    assert child.exitcode == 0
    assert "报名成功" in mine.say(TEACHER, "是")
    assert "乒乓球友谊赛" in mine.say(TEACHER, "我报名了哪些活动")


def test_while_another_hosts_mapping_is_named_every_message_reads_its_row(tmp_path, clock):
    wx, store = _worker(tmp_path, clock, first=True)
    wx.say(TEACHER, "最近有什么活动")
    assert _scratch_reads(store, lambda: wx.say(TEACHER, "你好")) == []
    with open(store.scratch.path + "-claims-home", "a") as home:
        home.write(f"another-host|boot|1:2\t{int(time.time() // 60)}\n")  # a mapping seen now elsewhere
    assert _scratch_reads(store, lambda: wx.say(TEACHER, "你好"))
    assert _scratch_reads(store, lambda: wx.say(TEACHER, "你好"))


def test_without_the_mapping_every_message_reads_its_row(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("UNIONBOT_CLAIMS", "file")
    wx, store = _worker(tmp_path, clock, first=True)
    wx.say(TEACHER, "最近有什么活动")
    assert _scratch_reads(store, lambda: wx.say(TEACHER, "你好"))


def test_the_tokens_are_random_and_change_with_each_conversation_written(tmp_path, clock):
    wx, store = _worker(tmp_path, clock, first=True)
    wx.say(TEACHER, "最近有什么活动")  # her bucket's token made by the read
    before = bytes(store.inbox.table.mm[TOKENS_AT:HEADER])
    wx.say(TEACHER, "报名乒乓球")
    after = bytes(store.inbox.table.mm[TOKENS_AT:HEADER])
    changed = [i for i in range(0, len(after), 8) if after[i:i + 8] != before[i:i + 8]]
    assert len(changed) == 1  # one bucket: her conversation's
    token = after[changed[0]:changed[0] + 8]
    assert token != bytes(8) and int.from_bytes(token, "little") > 1 << 16  # not a count
