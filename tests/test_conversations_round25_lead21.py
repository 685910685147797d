"""A turn the singles fold of held-out set 25 showed was decided by a hair (issue 19, lead21): "确定取消" after her one
sign-up was listed is a withdrawal's yes, never a sign-up's ("确认" + 取消/退出/撤回 names no activity: bot/confirmed.py)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status


@pytest.mark.parametrize("then", ["确定取消", "确认取消", "确认退出", "确定撤回"])
def test_a_withdrawal_confirmed_in_two_words_after_her_sign_ups_were_listed(school, then):
    chat = as_member(school, "1002")
    chat.say("报名拔河")
    chat.say("是")
    listed = chat.say("拔河那个我报了吧？")
    assert "教职工拔河比赛" in listed
    reply = chat.say(then)
    assert "无需重复报名" not in reply and "报名成功" not in reply, reply
    if reply.startswith("确认取消"):  # asked once more: her yes withdraws
        reply = chat.say("是")
    assert status(school, "1002", "教职工拔河比赛") in (None, "cancelled"), reply


@pytest.mark.parametrize("said", ["我想报销体检费", "想报到一下", "要报考研究生了，工会能开证明吗"])
def test_other_words_after_bao_are_no_sign_up(school, said):
    assert "确认报名" not in as_member(school, "1002").say(said)
