"""A sign-up written in any style (issue 19, signup17): a sentence that names one open activity with a joining word
— a diary's "决定去", a headline's "加入…大军", a letter's "望能同往", a toast's "出一份力", a boast's "必须有我", a
plan's "打算试试" — is asked to confirm ("确认报名「…」吗？") instead of getting the help menu, a greeting or a list of
two features; the name and a joining word alone ("读书会 奉陪到底") likewise, though the classifier reads only the
name; her yes in her own words ("没错", "那必须的", "正是此意") is read. The opposite error is guarded: a question, a
doubt, a turn ("可惜…"), someone else's sign-up, a suggestion that mentions joining sign nobody up.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

TUG = "教职工拔河比赛"
BOOK = "教师读书会"
KARAOKE = "卡拉OK歌唱比赛"
HIKE = "秋季登山活动"
PINGPONG = "乒乓球友谊赛"
ASKED = "确认报名「{}」吗"


# ---- 1. a joining word in a sentence that names the activity, in any style --------------------------------------


@pytest.mark.parametrize("said, title", [
    ("2026.9.1 周二 阴。开学第一天，嗓子都哑了。晚上刷到工会通知说周日有读书会，好久没静下心读书了，决定去。", BOOK),
    ("号外号外！英语组李娜正式加入拔河大军！", TUG),  # her own name is her
    ("本周快讯：教师读书会迎来新成员李娜", BOOK),
    ("从前有个英语老师，一到秋天就想往山上跑。今年秋天学校组织登山，她说：我也去。", HIKE),
    ("今天翻了翻群里的通知，唱歌比赛在报告厅，我打算试试", KARAOKE),
    ("这杯敬工会！祝拔河比赛圆满成功，我李娜也来出一份力！", TUG),
    ("拔河必须有我", TUG),
])
def test_a_joining_sentence_in_any_style_is_asked_to_confirm(school, said, title):
    chat = as_member(school, "1003")  # 李娜, 英语组
    assert ASKED.format(title) in chat.say(said)
    assert status(school, "1003", title) is None  # asked, never signed up unasked
    assert "报名成功" in chat.say("好的，确认")
    assert status(school, "1003", title) == "confirmed"


@pytest.mark.parametrize("said, title", [
    ("卡拉OK比赛 安排上", KARAOKE), ("读书会 奉陪到底", BOOK), ("登山那个 算上我", HIKE),
])
def test_the_name_and_a_joining_word_alone(school, said, title):
    """The classifier reads the name alone (an activity question): the joining word makes it a sign-up."""
    chat = as_member(school, "1003")
    assert ASKED.format(title) in chat.say(said)
    assert "报名成功" in chat.say("嗯")


# ---- 2. her yes in her own words ---------------------------------------------------------------------------------


@pytest.mark.parametrize("yes", ["没错", "那必须的", "正是此意", "没错没错，报吧", "那当然"])
def test_her_yes_in_her_own_words(school, yes):
    chat = as_member(school, "1003")
    assert ASKED.format(PINGPONG) in chat.say("报名乒乓球")
    assert "报名成功" in chat.say(yes)
    assert status(school, "1003", PINGPONG) == "confirmed"


# ---- 3. the opposite error: nobody signed up unasked --------------------------------------------------------------


@pytest.mark.parametrize("said", [
    "周日读书会，我决定去，可惜那天要陪孩子补课",  # a turn after the wish
    "拔河比赛我能去吗？",  # a question, answered as one
    "卡拉OK比赛我考虑一下再说",  # a doubt
    "同事王芳加入了拔河大军",  # someone else
    "建议拔河比赛增加女子组，到时候我一定参加",  # a suggestion that mentions joining
    "拔河比赛那天我去不了",  # a refusal
])
def test_no_joining_read_where_there_is_none(school, said):
    chat = as_member(school, "1003")
    first = chat.say(said)
    assert "确认报名「" not in first
    chat.say("好的")
    for title in (TUG, BOOK, KARAOKE):
        assert status(school, "1003", title) is None
