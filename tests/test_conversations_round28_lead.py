"""Lead, twenty-fourth session (issue 19): what the merge of retire26 (singles 25-29 in training), conv39 and left26
moved, mended.

tuned40 zs49: after the retrain a letter's opening ("致明年夏天在305办公室的同事们：…") gets the menu, and the letter's
second half, a full suggestion that ends "这封信署我的名字：行政后勤组彭亮。", was asked "要署上您的名字吗？" again: a
choice said after a colon, or after "这封信/这条建议", is the choice, as "…署我的名字，赵淑芬，退休组" already was.
"""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round23_consent19 import ASK_SIGN, _member_id, _row


@pytest.mark.parametrize("staff_no, said", [
    ("1030", "所以今天我正式给工会提个建议：每年暑假前统一检修一遍办公室空调。这封信署我的名字：行政后勤组彭亮。"),
    ("1007", "建议食堂周五加个水果。这条建议署我的名字：数学组赵敏"),
    ("1007", "建议图书馆周末也开放半天。本建议请写我名字：赵敏"),
])
def test_her_name_asked_after_a_colon_signs_it(school, staff_no, said):
    chat = as_member(school, staff_no)
    reply = chat.say(said)
    assert "已收到您的建议（实名）" in reply, chat.transcript
    assert _row(school, reply)["member_id"] == _member_id(school, staff_no)


@pytest.mark.parametrize("said", ["建议食堂周五加个水果。备注：匿名", "建议食堂周五加个水果。此信不署名",
                                  "建议食堂周五加个水果。这条建议：不具名"])
def test_anonymity_asked_after_a_colon_is_anonymous(school, said):
    chat = as_member(school, "1007")
    reply = chat.say(said)
    assert "已收到您的建议（匿名）" in reply, chat.transcript
    assert _row(school, reply)["member_id"] is None


@pytest.mark.parametrize("said", ["建议食堂周五加个水果。这条建议署我的名字：数学组张伟",
                                  "我的建议：匿名信箱多设几个"])
def test_someone_elses_name_or_a_word_in_the_suggestion_is_never_her_consent(school, said):
    chat = as_member(school, "1007")
    reply = chat.say(said)
    assert reply.startswith(ASK_SIGN) or "已收到您的建议（匿名）" in reply, chat.transcript


def test_the_letter_in_two_messages_is_filed_signed(school):
    chat = as_member(school, "1030")
    chat.say("致明年夏天在305办公室的同事们：当你们读到这封信的时候，希望那台嗡嗡响了三年的空调已经修好了。")
    reply = chat.say("所以今天我正式给工会提个建议：每年暑假前统一检修一遍办公室空调。这封信署我的名字：行政后勤组彭亮。")
    assert "已收到您的建议（实名）" in reply, chat.transcript
    row = _row(school, reply)
    assert "空调" in row["content"] and row["member_id"] == _member_id(school, "1030")
