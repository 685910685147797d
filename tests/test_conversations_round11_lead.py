"""Whole conversations, eleventh round, found by the lead after reading held-out set 16 (now tuning set 23): a
message that repeats what was just done ("对 卡拉OK取消 读书会报上") must not cancel the sign-up it says to keep.
Chat scripts at the demo school's frozen clock; the wording is our own, not the set's."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

KARAOKE, READING = "卡拉OK歌唱比赛", "教师读书会"


@pytest.mark.parametrize("again", ["对 卡拉OK取消 读书会报上", "嗯嗯 卡拉OK退了 读书会要报", "是的 K歌不去了 读书会给我报上",
                                   "对的，卡拉OK取消，读书会报上哈"])
def test_saying_again_what_was_just_done_keeps_the_sign_up_it_names(school, again):
    chat = as_member(school, "1002")
    chat.say("报名卡拉OK")
    chat.say("是")
    assert chat.say("卡拉OK不去了 改报读书会").startswith(f"已为您取消「{KARAOKE}」的报名。")
    assert chat.say("是").startswith(f"报名成功！「{READING}」")
    reply = chat.say(again)
    assert f"已为您取消「{READING}」" not in reply, (again, reply)
    assert status(school, "1002", READING) == "confirmed" and status(school, "1002", KARAOKE) == "cancelled", again


def test_a_withdrawal_beside_a_sign_up_still_withdraws(school):
    chat = as_member(school, "1002")
    chat.say("报名卡拉OK")
    chat.say("是")
    reply = chat.say("卡拉OK取消 报个读书会")
    assert reply.startswith(f"已为您取消「{KARAOKE}」的报名。") and f"确认报名「{READING}」" in reply, reply
    # left: with the title first ("卡拉OK取消 读书会报上") only the withdrawal is done; the sign-up must be sent again


def test_a_request_waiting_for_a_binding_that_is_refused_is_dropped(school):
    """(lead, CI) '报名拔河' before binding waits for it (conv14); when the binding is refused (the member has left the
    union) the request is dropped, not taken up weeks later when she is restored and binds again."""
    from tests.helpers import Chat

    db = school.store.db
    db.execute("UPDATE members SET phone = '13912341010', status = '离职' WHERE staff_no = '1010'")
    chat = Chat(school, "u-left", channel="wecom")
    assert "请回复“绑定 工号 姓名”" in chat.say("报名拔河")
    assert "无法绑定" in chat.say("绑定 1010 吴刚")
    db.execute("UPDATE members SET status = '在职' WHERE staff_no = '1010'")
    assert chat.say("绑定 1010 吴刚") == "为确认身份，请回复您登记手机号的后四位。"
    reply = chat.say("1010")
    assert reply.startswith("绑定成功") and "确认报名" not in reply, reply
