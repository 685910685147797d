"""Tuning set 34 (written blind today, sign-up heavy: 签到表, 课程表, 回执, 值日表, 失物招领…): the misses fixed,
each as the conversation was written and in other words."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

PING = "乒乓球友谊赛"
PUT_OFF = "好的，先不报「乒乓球友谊赛」。改主意的话回复“还是报吧”，我就为您报上。"


def put_off(school, staff_no: str = "1018"):
    chat = as_member(school, staff_no)
    assert PING in chat.say("乒乓球友谊赛还有名额没？")
    assert chat.say("名额这么紧啊……我再想想，别占了别人的") == PUT_OFF
    return chat


# tq05: put off, then decided in a sentence that ends with the bare verb
@pytest.mark.parametrize("decided", [
    "算了，空堂就是留给它的，排进去，报名",
    "想通了，报名",
    "不纠结了 报上",
    "嗯，那天正好空着，排上吧",
])
def test_a_put_off_sign_up_decided_with_the_bare_verb_signs_that_one(school, decided):
    chat = put_off(school)
    assert chat.say(decided).startswith(f"报名成功！「{PING}」")
    assert status(school, "1018", PING) == "confirmed"


@pytest.mark.parametrize("still_no", ["算了，还是不报名了", "报名就算了", "报名？再说吧"])
def test_a_put_off_sign_up_still_put_off_signs_nothing(school, still_no):
    chat = put_off(school)
    chat.say(still_no)
    assert status(school, "1018", PING) is None


# tq09: a 回执 ticked, the activity in the question it answers
SLIP = "回执\n姓名：李秀兰（退休组）\n是否参加重阳敬老座谈会：☑参加　☐不参加"


@pytest.mark.parametrize("slip, then", [
    (SLIP, "勾的是参加，确认"),
    ("报名回执\n部门：退休组\n是否参加重阳敬老座谈会：■参加 □不参加", "是"),
    ("是否参加重阳敬老座谈会：√参加 ×不参加", "确认"),
])
def test_a_reply_slip_ticked_to_join_asks_and_signs(school, slip, then):
    chat = as_member(school, "2002")
    assert chat.say(slip).startswith("确认报名「重阳敬老座谈会」")
    assert "报名成功" in chat.say(then)
    assert status(school, "2002", "重阳敬老座谈会") == "confirmed"


@pytest.mark.parametrize("slip", [
    "回执\n姓名：王芳\n是否参加卡拉OK歌唱比赛：☐参加　☑不参加",
    "回执\n姓名：王芳\n是否参加卡拉OK歌唱比赛：☐参加　☐不参加",
])
def test_a_reply_slip_not_ticked_to_join_signs_nothing(school, slip):
    chat = as_member(school, "1002")
    reply = chat.say(slip)
    assert "报名成功" not in reply and "确认报名" not in reply, reply
    assert status(school, "1002", "卡拉OK歌唱比赛") is None
