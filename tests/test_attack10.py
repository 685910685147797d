"""Attack review 10 (a more generous reader of teachers' answers). The demo school's frozen clock.

Consent is never guessed toward a name: a question, a supposition, a name denied as said, someone
else's words or someone else's name at "要署上您的名字吗？" leave the suggestion anonymous, and after
the receipt they change nothing."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_activity_conversations import signed_up
from tests.test_conversations_round7 import tray
from tests.test_whole_messages import status

NOT_CONSENT = ["实名的话会怎样", "实名会怎样", "如果实名的话", "要是实名的话", "假如署名", "没说要实名", "谁说要实名了",
               "我可没说实名", "我老公说实名好", "同事说要实名", "领导让我实名", "实名个头",
               "署名张伟", "实名就实名 张伟提的", "签名：张伟", "张伟实名"]


@pytest.mark.parametrize("answer", NOT_CONSENT)
def test_no_clear_ask_of_her_own_at_the_choice_to_sign_is_anonymous(school, answer):
    chat = as_member(school, "1027")
    chat.say("建议教师节放半天假")
    chat.say(answer)
    assert [bool(r["member_id"]) for r in tray(school)] == [False]


@pytest.mark.parametrize("then", ["还是实名吧 张伟提的", "算了 要是实名的话", "那实名的话会怎样", "还是署名张伟吧"])
def test_no_clear_ask_of_her_own_after_the_receipt_signs_nothing(school, then):
    chat = as_member(school, "1027")
    chat.say("匿名建议：教师节放半天假")
    assert not chat.say(then).startswith("已改为实名")
    assert [bool(r["member_id"]) for r in tray(school)] == [False]


@pytest.mark.parametrize("answer", ["实名", "实名吧 没啥好怕的", "实名就实名 唐宁提的", "写我名字", "那实名吧", "实名 反正大家都知道是我"])
def test_her_own_clear_ask_still_signs(school, answer):
    chat = as_member(school, "1027")
    chat.say("建议教师节放半天假")
    chat.say(answer)
    assert [bool(r["member_id"]) for r in tray(school)] == [True]


@pytest.mark.parametrize("said", ["匿名：以后别给我发祝福了", "实名：以后别给我发祝福了", "匿名反映：拔河比赛退了吧"])
def test_words_after_how_to_send_them_are_the_suggestion_never_a_command(school, said):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    out = chat.say(said)
    assert out.startswith(("已收到您的", "要署上您的名字吗")), out
    assert "不再给您推送" not in out
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert [bool(r["member_id"]) for r in tray(school)] == ["实名" in said]


# ---- the other side: "的话" about whether it can be done, not about the name (tuned5 g47) -------------------


@pytest.mark.parametrize("answer, signed", [
    ("用我名字提交可以吗？可以的话就实名吧", True),
    ("行的话就署名吧", True),
    ("要是实名的话 会怎样", False),
    ("实名的话领导会知道吗", False),
])
def test_a_supposition_is_doubt_only_when_it_is_about_the_name(school, answer, signed):
    chat = as_member(school, "1027")
    chat.say("希望学校给班主任配备午休床")
    chat.say(answer)
    chat.say("匿名")  # what a still-open question would take; nothing if it was answered
    assert [bool(r["member_id"]) for r in tray(school)][:1] == [signed]
