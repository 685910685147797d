"""WeChat's panel faces arrive as text codes ("[捂脸]", "[OK]", "[强]"): a face that says yes reads as 好, the
rest are no words; "[OK]" is never 卡拉OK (issue 19: a teacher who pastes faces into every message)."""

from __future__ import annotations

import pytest

from bot.normalize import canonical
from tests.conftest import as_member
from tests.test_conversations_round10_conv9 import status


@pytest.mark.parametrize("said, plain", [
    ("好的[OK]给我报一个", "好的好给我报一个"),
    ("[强][强]", "好好"),
    ("[抱拳]请问乒乓球比赛是单打还是双打", "请问乒乓球比赛是单打还是双打"),
    ("母女平安[爱心]", "母女平安"),
    ("[捂脸]算了", "算了"),
    ("卡拉OK报名", "卡拉ok报名"),  # the activity's own OK stays
    ("[未知]你好", "[未知]你好"),  # only WeChat's faces
])
def test_a_face_is_yes_or_nothing(said, plain):
    assert canonical(said) == plain


@pytest.mark.parametrize("yes", ["好的[OK]给我报一个", "[OK]报一个", "[强]给我报上"])
def test_an_ok_face_after_an_activity_was_shown_is_no_karaoke(school, yes):
    chat = as_member(school, "1006")
    chat.say("[抱拳]请问乒乓球比赛是单打还是双打")
    assert chat.say(yes).startswith("确认报名「乒乓球友谊赛」")
    chat.say("[强]确认")
    assert status(school, "1006", "乒乓球友谊赛") == "confirmed"
    assert status(school, "1006", "卡拉OK歌唱比赛") is None


@pytest.mark.parametrize("yes", ["[OK]", "[强][强]", "[胜利]", "[握手] 好的"])
def test_a_yes_face_at_the_confirmation_signs_up(school, yes):
    chat = as_member(school, "1006")
    chat.say("报名拔河")
    assert chat.say(yes).startswith("报名成功！「教职工拔河比赛」")
