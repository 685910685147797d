"""Turning greetings back on only when asked now (issue 19, twenty-third session): an on put off for later ("以后需要再开
我再说", "开不开回头再说") is no ask to turn them on, and a stop said with it stops them. Found when tuned set 38's zl56
("…暂停工会的生日和节日祝福推送。" then "是，关掉，谢谢。以后需要再开我再说。") turned greetings back ON.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round12_conv17 import bound, new_teacher
from tests.test_whole_messages import status

STOPPED = "好的，李娜老师，以后不再给您推送生日和节日祝福。"
RESUMED = "已恢复推送"


def _opted_out(school) -> bool:
    return bool(school.store.members.by_staff_no("1003").push_opt_out)


@pytest.mark.parametrize("message", [
    "关掉吧，以后需要再开我再说",
    "祝福先关了，以后想要再打开的话再说",
    "生日祝福别发了，过阵子需要再开我再说。",
])
def test_a_stop_with_an_on_put_off_for_later_stops(school, message):
    chat = as_member(school, "1003")
    assert chat.say(message).startswith(STOPPED)
    assert _opted_out(school)


@pytest.mark.parametrize("answer", [
    "是，关掉，谢谢。以后需要再开我再说。",
    "对，关了，以后要开我再说",
    "嗯 先这样，开不开回头再说",
])
def test_after_a_stop_an_on_put_off_for_later_keeps_them_off(school, answer):
    chat = as_member(school, "1003")
    assert chat.say("主诉：近期家中有事，没心情过节。\n医嘱：暂停工会的生日和节日祝福推送。").startswith(STOPPED)
    assert RESUMED not in chat.say(answer)
    assert _opted_out(school)


def test_an_on_asked_now_after_a_later_still_turns_them_on(school):
    chat = as_member(school, "1003")
    chat.say("别再推送了")
    chat.say("最近有什么活动")  # (the turn right after the stop is over)
    assert chat.say("以后的事以后再说，现在先帮我把祝福打开").startswith(RESUMED)
    assert not _opted_out(school)


# ---- a plan given up, told before the request (tuned22 w15, after the retrain) --------------------------------------


W15 = ("小助手你好，是这样的，我们家孩子这学期刚上初一，周末要上补习班，我本来想报那个登山活动，后来一看是周四，周四上午我满课根本"
       "走不开，所以想问问读书会是周日下午对吧，在图书馆三楼？如果是的话帮我报读书会吧，登山就不报了。")


@pytest.mark.parametrize(("message", "answer", "meant", "given_up"), [
    (W15, "对 确认报读书会 登山不报", "教师读书会", "秋季登山活动"),
    ("我本来想报拔河的，后来发现那天要监考，帮我报乒乓球吧。", "对 确认", "乒乓球友谊赛", "教职工拔河比赛"),
    ("原本打算去登山，周四走不开，给我报个读书会", "对 确认", "教师读书会", "秋季登山活动"),
])
def test_a_plan_given_up_is_not_the_sign_up_asked_for(school, message, answer, meant, given_up):
    chat = as_member(school, "1005")
    assert f"确认报名「{given_up}」" not in chat.say(message)
    chat.say(answer)
    assert status(school, "1005", meant) == "confirmed", chat.transcript
    assert status(school, "1005", given_up) is None, chat.transcript


def test_a_plan_taken_up_again_is_still_the_one_signed(school):
    chat = as_member(school, "1005")
    assert chat.say("本来想报卡拉OK，想了想还是报吧").startswith("确认报名「卡拉OK歌唱比赛」吗？")


# ---- a 工号 put right while the binding waits is its answer (tuned13 v56, after the retrain) ----------------------------


@pytest.mark.parametrize("correction", ["不好意思工号打错了 是8036", "sorry 打错了，工号是8036", "抱歉刚才手滑，是8036"])
def test_a_staff_number_put_right_is_the_answer_not_another_request(school, correction):
    chat = new_teacher(school)
    assert "没有找到工号 8063" in chat.say("绑定 工号8063 杜建平")
    assert "建议" not in chat.say(correction)
    chat.say("手机后四位8036")
    assert bound(school) == "8036"
