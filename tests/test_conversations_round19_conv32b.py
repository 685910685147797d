"""Whole conversations, nineteenth round (issue 19, conv32b): conversations set 27 read and acted on
(tests/data/conversations_tuned32.json, zj32 zj33 zj53), each by its general cause.

- A 工号 put right after "没有找到工号 8091": the number not found is never read again while another is there, struck
  ("~~8091~~ 8019", "8̶0̶9̶1̶ 8019") or not ("8091→8019", "8091 8019 弄反了"); the 工号 said again is no phone's last four.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording of the variants is our own."""

from __future__ import annotations

import pytest

from tests.helpers import Chat

ASKS_LAST4 = "手机号的后四位"
BOUND = "绑定成功！何秀英老师（工号 8019）"


# ---- a 工号 put right after it was not found ------------------------------------------------------------------


@pytest.fixture
def newcomer(school):
    """何秀英 (8019, 行政后勤组, phone ending 8019), not yet bound."""
    school.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    return Chat(school, "u-new")


def bound(school) -> str | None:
    member = school.store.bindings.member_for("test", "u-new")
    return member.staff_no if member else None


def test_the_struck_out_number_as_written(school, newcomer):
    """tuned set 32 zj53."""
    assert "没有找到工号 8091" in newcomer.say("新人何秀英，行政后勤组，工号8091，绑定一下")
    assert ASKS_LAST4 in newcomer.say("~~8091~~ 8019，打反了，是8019")
    assert newcomer.say("手机后四位也是8019").startswith(BOUND)
    assert bound(school) == "8019"


@pytest.mark.parametrize("first, again", [
    ("我是何秀英，工号8091，绑定", "8̶0̶9̶1̶ 8019 打反了"),  # a strikethrough generator's strokes
    ("绑定 8091 何秀英", "8091→8019，两个数字打反了"),
    ("工号8091 何秀英 绑定一下", "哎呀 8091 8019 弄反了"),
    ("我是何秀英，工号8091，绑定", "8091 8019 打错了"),
    ("新来的何秀英 工号8091 帮我绑定", "是8019，刚才的8091写反了"),
])
def test_the_number_put_right_in_other_words(school, newcomer, first, again):
    assert "没有找到工号 8091" in newcomer.say(first)
    reply = newcomer.say(again)
    assert ASKS_LAST4 in reply, reply
    assert newcomer.say("尾号8019").startswith(BOUND)
    assert bound(school) == "8019"


@pytest.mark.parametrize("again", ["是8019，刚才的8091写反了", "8091→8019", "8091 8019，打反了，是8019"])
def test_the_staff_number_said_again_is_no_try_at_the_phone(school, newcomer, again):
    """A phone that does not end in the 工号: the 工号 put right is asked the proof, never counted a wrong one."""
    school.store.db.execute("UPDATE members SET phone = '13912345678' WHERE staff_no = '8019'")
    newcomer.say("我是何秀英，工号8091，绑定")
    reply = newcomer.say(again)
    assert ASKS_LAST4 in reply and "验证没有通过" not in reply, reply
    assert newcomer.say("尾号5678").startswith(BOUND)


def test_the_same_wrong_number_again_is_still_not_found(school, newcomer):
    newcomer.say("我是何秀英，工号8091，绑定")
    assert "没有找到工号 8091" in newcomer.say("8091")
    assert bound(school) is None


def test_struck_strokes_read_as_struck():
    from bot.stage import unmarked

    assert unmarked("8̶0̶9̶1̶ 8019") == "8091（划掉） 8019"
    assert unmarked("报名拔̶河̶ 登山") == "报名拔河（划掉） 登山"
