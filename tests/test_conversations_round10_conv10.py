"""Whole conversations, tenth round (issue 19): what else a teacher writes while a question waits. A
question about the activity asked back at its confirmation is answered and the confirmation stays open;
a yes with a question after it signs up and answers; a yes with a request of its own after it does both,
unless the rest takes the yes back. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01
09:00); the wording is our own, not the tuning sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import status

HIKE, TUG, READING = "秋季登山活动", "教职工拔河比赛", "教师读书会"


def opted_out(school, staff_no: str) -> bool:
    return bool(school.store.members.by_staff_no(staff_no).push_opt_out)


# ---- a question asked back at the confirmation: answered, the confirmation stays open ---------------


@pytest.mark.parametrize("asked, said", [
    ("能带孩子一块去不", "只限老师本人"),
    ("这个收费不？", "没有说要交费"),
    ("大概几点开始呀", "9月17日（周四）08:00"),
    ("需要准备点啥东西吗", "请穿运动鞋"),
    ("在哪儿集合啊", "学校南门集合"),
    ("中午管饭伐", "用餐"),
])
def test_a_question_at_the_confirmation_is_answered_and_the_yes_still_counts(school, asked, said):
    chat = as_member(school, "1027")
    assert chat.say("报名登山").startswith("确认报名「秋季登山活动」")
    answer = chat.say(asked)
    assert said in answer and "要报名「秋季登山活动」吗" in answer
    assert status(school, "1027", HIKE) is None
    assert chat.say("是的").startswith("报名成功")
    assert status(school, "1027", HIKE) == "confirmed"


def test_a_question_then_a_no_signs_nobody_up(school):
    chat = as_member(school, "1027")
    chat.say("报名登山")
    assert "没有说要交费" in chat.say("要交钱不")
    chat.say("那算了")
    assert status(school, "1027", HIKE) is None


def test_a_question_about_two_activities_waiting_together(school):
    chat = as_member(school, "1027")
    assert chat.say("登山和拔河都报").startswith("确认报名以下 2 个活动")
    answer = chat.say("它们几点开始啊")
    assert "「秋季登山活动」时间：9月17日" in answer and "「教职工拔河比赛」时间：9月10日" in answer
    chat.say("都报 是")
    assert status(school, "1027", HIKE) == status(school, "1027", TUG) == "confirmed"


# ---- a yes with a question after it: signed up, and answered ---------------------------------------


@pytest.mark.parametrize("said, answered", [
    ("好的，确认。另外想问下几点开始？", "9月17日（周四）08:00"),
    ("行 报上 要带什么不", "请穿运动鞋"),
    ("确认报名！请问在哪里集合呀？", "学校南门集合"),
    ("可以的 就是想问问收不收费", "没有说要交费"),
    ("嗯嗯 是 大概几点能结束呢", "没有写结束时间"),
])
def test_a_yes_with_a_question_signs_up_and_answers(school, said, answered):
    chat = as_member(school, "1027")
    chat.say("报名登山")
    reply = chat.say(said)
    assert reply.startswith("报名成功") and answered in reply
    assert status(school, "1027", HIKE) == "confirmed"


# ---- a yes with a request of its own after it: both done --------------------------------------------


@pytest.mark.parametrize("said", ["是的 另外把读书会取消了", "好 顺便帮我把读书会退掉", "确认，还有读书会我不去了帮我取消",
                                  "对 然后读书会那个帮我退了"])
def test_a_yes_and_a_withdrawal_in_one_message(school, said):
    chat = as_member(school, "1027")
    chat.say("报名读书会")
    chat.say("是")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    chat.say(said)
    chat.say("是")  # a withdrawal may be asked to be confirmed
    assert status(school, "1027", TUG) == "confirmed"
    assert status(school, "1027", READING) != "confirmed"


@pytest.mark.parametrize("said", ["是 以后生日那天别给我发祝福了", "好的 另外生日祝福不用推给我了", "确认 对了 以后别给我推送生日祝福",
                                  "行 还有生日祝福以后就别发了"])
def test_a_yes_and_greetings_turned_off_in_one_message(school, said):
    chat = as_member(school, "1027")
    chat.say("报名拔河")
    assert chat.say(said).startswith("报名成功")
    assert status(school, "1027", TUG) == "confirmed"
    assert opted_out(school, "1027")


@pytest.mark.parametrize("said", ["好啊 等等 那天我有课 还是不报了", "是…不过我想了下 算了不去了", "行 但是那天要监考 先不报",
                                  "确认…要不还是算了吧 不去了"])
def test_a_yes_taken_back_in_the_same_message_signs_nobody_up(school, said):
    chat = as_member(school, "1027")
    chat.say("报名拔河")
    chat.say(said)
    assert status(school, "1027", TUG) is None


def test_a_yes_with_family_after_it_stays_one_sign_up(school):
    chat = as_member(school, "1027")
    chat.say("报名拔河")
    chat.say("是 就我一个人")
    assert status(school, "1027", TUG) == "confirmed"


# ---- binding: four digits said with the name, a mistyped 工号 put right --------------------------------


def new_teacher(school, phone: str = "13912346688"):
    """A chat where nobody is bound yet; 李娜 (工号 1003) with a phone not ending in her 工号."""
    school.store.db.execute("UPDATE members SET phone = ? WHERE staff_no = '1003'", (phone,))
    return Chat(school, "u-new", channel="wecom")


def bound(school) -> str | None:
    member = school.store.bindings.member_for("wecom", "u-new")
    return member.staff_no if member else None


@pytest.mark.parametrize("said", ["李娜 6688", "李娜，6688", "是李娜 6688 谢谢", "名字李娜 号码6688", "我叫李娜 6688"])
def test_the_name_and_the_phones_last_four_after_the_staff_no(school, said):
    chat = new_teacher(school)
    chat.say("绑定")
    assert chat.say("1003") == "请回复您的姓名。"
    assert chat.say(said).startswith("绑定成功！李娜老师")
    assert bound(school) == "1003"


@pytest.mark.parametrize("said", ["李娜 1003", "李娜 工号1003", "1003 李娜"])
def test_the_staff_no_said_again_with_the_name_is_no_failed_proof(school, said):
    chat = new_teacher(school)
    chat.say("绑定")
    chat.say("1003")
    assert chat.say(said) == "为确认身份，请回复您登记手机号的后四位。"
    assert school.store.db.one("SELECT COUNT(*) AS n FROM attempts")["n"] == 0
    assert chat.say("6688").startswith("绑定成功！李娜老师")


def test_wrong_digits_with_the_name_are_a_failed_proof(school):
    chat = new_teacher(school)
    chat.say("绑定")
    chat.say("1003")
    assert "验证没有通过" in chat.say("李娜 1234")
    assert bound(school) is None


@pytest.mark.parametrize("first, then", [("1093 李娜", "不对 工号是1003 手机尾号6688"),
                                         ("1300 李娜", "打错了 是1003 尾号6688"),
                                         ("李娜 工号1303", "说错了 工号1003 手机后四位6688"),
                                         ("1309，李娜", "更正一下：1003，尾号6688")])
def test_a_mistyped_staff_no_put_right_keeps_the_name(school, first, then):
    chat = new_teacher(school)
    chat.say("我要绑定")
    assert "没有找到工号" in chat.say(first)
    assert chat.say(then).startswith("绑定成功！李娜老师")
    assert bound(school) == "1003"


# ---- "您是想：1. … 2. …？" answered with a request that names nothing, or with a name alone -----------------


@pytest.mark.parametrize("first, then, title", [
    ("请问读书会。", "我想报名参加", READING),
    ("羽毛球那个", "我要报", "羽毛球联谊赛"),
    ("卡拉OK伐", "报名额", "卡拉OK歌唱比赛"),
    ("乒乓球那个", "帮我报上吧", "乒乓球友谊赛"),
    ("请问读书会。", "想参加 麻烦了", READING),
])
def test_a_request_naming_nothing_is_about_what_the_question_asked(school, first, then, title):
    chat = as_member(school, "1027")
    chat.say(first)  # "您是想…", or the activity shown (an activity named alone)
    assert chat.say(then).startswith(f"确认报名「{title}」")
    chat.say("好的")
    assert status(school, "1027", title) == "confirmed"


@pytest.mark.parametrize("first, then, title", [
    ("报名周末的活动", "读书会", READING),
    ("报名体育馆的活动", "贰号 羽毛球那个", "羽毛球联谊赛"),
    ("报名这周的活动", "读书会那个吧", READING),
    ("报名体育馆的活动", "乒乓球", "乒乓球友谊赛"),
])
def test_an_activity_named_alone_answers_which_one_to_sign_up_for(school, first, then, title):
    chat = as_member(school, "1027")
    assert chat.say(first).startswith("您是想")
    assert chat.say(then).startswith(f"确认报名「{title}」")
    chat.say("是")
    assert status(school, "1027", title) == "confirmed"


def test_an_activity_named_with_a_question_is_still_a_question(school):
    chat = as_member(school, "1027")
    assert chat.say("报名周末的活动").startswith("您是想")
    assert not chat.say("读书会几点开始").startswith("确认报名")


FLOWERS = "女教职工插花沙龙"
ASKED_FIRST = ("您是想：1. 取消报名", f"要取消「{FLOWERS}」的报名吗")


@pytest.mark.parametrize("said", ["是额 取消", "对 取消", "嗯 帮我取消", "是的 退掉吧"])
def test_a_yes_that_says_withdraw_itself_withdraws(school, said):
    chat = as_member(school, "1027")
    chat.say("报名插花")
    chat.say("是")
    assert chat.say("插花沙龙阿拉覅去了").startswith(ASKED_FIRST)  # (the menu, or since singles 25–29 were trained on
    chat.say(said)  # the withdrawal's own question: either way nothing is withdrawn before her yes)
    assert status(school, "1027", FLOWERS) == "cancelled"


def test_a_bare_yes_to_which_one_still_asks_before_withdrawing(school):
    chat = as_member(school, "1027")
    chat.say("报名插花")
    chat.say("是")
    asked = chat.say("插花沙龙阿拉覅去了")
    assert asked.startswith(ASKED_FIRST), asked
    assert status(school, "1027", FLOWERS) == "confirmed"
    if asked.startswith("您是想"):  # (a bare yes at a menu seeded whatever the model reads: test_conversations_round10_conv9)
        assert chat.say("是的").startswith("要取消「女教职工插花沙龙」")
        assert status(school, "1027", FLOWERS) == "confirmed"


# ---- "要取消哪一个？" answered by name --------------------------------------------------------------------


def two_signed_up(school):
    chat = as_member(school, "1027")
    for what in ("报名读书会", "报名乒乓球"):
        chat.say(what)
        chat.say("是")
    assert chat.say("我要取消一个报名").startswith("您报名了以下活动，要取消哪一个")
    return chat


@pytest.mark.parametrize("said, title", [("读书会", READING), ("读书会那个", READING), ("就读书会吧", READING),
                                         ("乒乓球那个", "乒乓球友谊赛"), ("乒乓球友谊赛", "乒乓球友谊赛")])
def test_which_one_to_withdraw_answered_by_name(school, said, title):
    chat = two_signed_up(school)
    assert chat.say(said).startswith(f"已为您取消「{title}」")
    assert status(school, "1027", title) == "cancelled"


@pytest.mark.parametrize("said", ["读书会留着", "读书会几点开始？", "读书会不取消"])
def test_a_name_with_a_keep_or_a_question_withdraws_nothing(school, said):
    chat = two_signed_up(school)
    chat.say(said)
    assert status(school, "1027", READING) == "confirmed"


# ---- "算了" at a sign-up's confirmation is its no: "还是报吧" next still signs up ---------------------------


@pytest.mark.parametrize("no, again", [("算了嘛", "哎 还是报嘛 要得"), ("算了", "想了想还是去吧"), ("算了吧", "那还是给我报上"),
                                       ("不办了", "还是报吧")])
def test_a_no_said_as_never_mind_can_be_taken_back(school, no, again):
    chat = as_member(school, "1027")
    chat.say("报名拔河")
    assert chat.say(no) == "好的，已放弃报名。"
    assert status(school, "1027", TUG) is None
    assert chat.say(again).startswith("报名成功")
    assert status(school, "1027", TUG) == "confirmed"


def test_never_mind_to_a_withdrawal_keeps_the_sign_up(school):
    chat = as_member(school, "1027")
    chat.say("报名拔河")
    chat.say("是")
    assert chat.say("拔河我可能去不了").startswith("要取消「教职工拔河比赛」")
    chat.say("算了")
    assert status(school, "1027", TUG) == "confirmed"
