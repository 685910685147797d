"""Whole conversations, thirteenth round (issue 19): sign-up confirmations and requests as teachers write
them. A yes said among other words ("∵信息无误 ∴确认报名。证毕", "准了。确认报名，退下吧～", "明白 那确认",
"Yes, I confirm"); a question asked before confirming, in English too, answered from the activity's notes;
"确认报名" right after the bot showed one activity; a conditional ("能的话我报一个，不能就帮我报拔河"); ticks
and crosses as words ("拔河√ 乒乓√ 卡拉OK×"); a swap told over several messages ("换成4号那个羽毛球").
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 羽毛球 Fri 9-4, 读书会 Sun 9-6,
运动会 Wed 9-9 (数学组 only), 拔河 Thu 9-10, 乒乓球 Sun 9-13, 登山 Thu 9-17, 卡拉OK Mon 9-21, 插花 Sat 9-26
(women only), 重阳座谈会 Thu 10-1 (retired only)); the wording is our own beside the cases as reported."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

HIKE, TUG, READING, PINGPONG = "秋季登山活动", "教职工拔河比赛", "教师读书会", "乒乓球友谊赛"
KARAOKE, BADMINTON, GAMES = "卡拉OK歌唱比赛", "羽毛球联谊赛", "数学组趣味运动会"
FLOWERS, ELDERS = "女教职工插花沙龙", "重阳敬老座谈会"
SIGNED = "报名成功"


def party_of(school, staff_no: str, title: str) -> int | None:
    member = school.store.members.by_staff_no(staff_no)
    row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
    signup = school.store.signups.get(row["id"], member.id)
    return signup["party"] if signup else None


# ---- 1. a confirmation said with extra words is a yes ------------------------------------------------------


@pytest.mark.parametrize("said", [
    "∵信息无误 ∴确认报名。证毕",
    "∵那天没课 ∴确认",
    "因为那天正好有空 所以确认报名",
    "准了。确认报名，退下吧～",
    "朕知道了 确认 跪安吧",
    "明白 那确认",
    "了解了，那就确定报名",
    "收到收到 就这么定了",
    "Great, thanks. Yes, I confirm my registration.",
    "OK, got it. I confirm.",
])
def test_a_confirmation_among_other_words_is_a_yes(school, said):
    chat = as_member(school, "1007")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    reply = chat.say(said)
    assert reply.startswith(SIGNED), reply
    assert status(school, "1007", TUG) == "confirmed"


@pytest.mark.parametrize("said", [
    "∵那天有课 ∴不报了",
    "明白 那算了",
    "准了 不过我再想想",
    "收到 确认之前再问一句 几点结束",
    "了解 确认一下是几点开始",
    "我同事说确认",
    "确认不了 那天有课",
    "Thanks. I can't confirm yet, sorry.",
])
def test_a_refusal_or_a_question_among_the_words_is_no_yes(school, said):
    chat = as_member(school, "1007")
    chat.say("报名拔河")
    reply = chat.say(said)
    assert SIGNED not in reply, reply
    assert status(school, "1007", TUG) is None


@pytest.mark.parametrize("yes", ["明白 那确认", "懂了 那就确认报名吧", "好的知道了 确定"])
def test_a_yes_after_a_question_was_answered_signs_up(school, yes):
    chat = as_member(school, "1004")
    assert chat.say("乒乓球赛报个名").startswith("确认报名「乒乓球友谊赛」")
    answer = chat.say("确认之前问一下 要自带球拍吗 还是学校统一发")
    assert "自带球拍" in answer and "乒乓球友谊赛" in answer
    assert chat.say(yes).startswith(SIGNED)
    assert status(school, "1004", PINGPONG) == "confirmed"


@pytest.mark.parametrize("yes", [
    "好的，我确认报名。麻烦您了，谢谢小同志。",
    "好的 确认报名 谢谢您了同志",
    "行，那我确认报名，辛苦你们了",
])
def test_a_long_polite_yes_takes_up_the_offer_after_an_answer(school, yes):
    chat = as_member(school, "2003")
    answer = chat.say("小同志您好，我是退休教师张桂芝。听老同事说十月一日上午在老干部活动室有个重阳敬老座谈会，"
                      "我很想去参加。请问现在还能报名吗？")
    assert "要为您报名吗" in answer
    reply = chat.say(yes)
    assert reply.startswith(SIGNED), reply
    assert status(school, "2003", ELDERS) == "confirmed"


@pytest.mark.parametrize("no", ["好的，我再考虑考虑，谢谢小同志。", "谢谢您，先不报了"])
def test_a_polite_no_to_the_offer_signs_nothing(school, no):
    chat = as_member(school, "2003")
    chat.say("听说十月一日有个重阳敬老座谈会，请问现在还能报名吗？")
    assert SIGNED not in chat.say(no)
    assert status(school, "2003", ELDERS) is None


# ---- 2. a question before confirming, answered from the notes --------------------------------------------


@pytest.mark.parametrize("question, shown", [
    ("Before I confirm — is it singles or doubles? And may I bring my own paddle?", "单打"),
    ("One question first: do I need to bring a racket?", "自带球拍"),
    ("Before confirming, what time does it start?", "16:00"),
    ("确认前想问下 是单打还是双打", "单打"),
])
def test_a_question_before_confirming_is_answered_and_the_confirmation_waits(school, question, shown):
    chat = as_member(school, "1003")
    first = chat.say("Good morning! I'd like to sign up for the table tennis match on Sunday the 13th, the 乒乓球友谊赛.")
    assert first.startswith("确认报名「乒乓球友谊赛」")
    answer = chat.say(question)
    assert shown in answer and "乒乓球友谊赛" in answer, answer
    assert status(school, "1003", PINGPONG) is None
    assert chat.say("Great, thanks. Yes, I confirm my registration.").startswith(SIGNED)
    assert status(school, "1003", PINGPONG) == "confirmed"


# ---- 3. "确认报名" right after one activity was shown ---------------------------------------------------------


def family_welcome(school, most: int = 4) -> None:
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = ? WHERE title = ?", (most, HIKE))


@pytest.mark.parametrize("yes", ["确认报名", "那就确认报名吧", "确定报名"])
def test_confirming_right_after_one_activity_was_shown_signs_up_with_the_family_said(school, yes):
    family_welcome(school)
    chat = as_member(school, "1012")
    answer = chat.say("绑好了的话，登山活动能带家属吧？我们一家三口：我、爱人、儿子(12岁)")
    assert "秋季登山活动" in answer and "可以带家属" in answer, answer
    reply = chat.say(yes)
    assert reply.startswith(SIGNED), reply
    assert status(school, "1012", HIKE) == "confirmed"
    assert party_of(school, "1012", HIKE) == 3


def test_confirming_where_family_may_not_come_signs_her_up_alone(school):
    chat = as_member(school, "1012")
    assert "不能带家属" in chat.say("登山活动能带家属吧？我们一家三口")
    assert chat.say("确认报名").startswith(SIGNED)
    assert party_of(school, "1012", HIKE) == 1


def test_a_family_too_big_is_asked_first(school):
    family_welcome(school, most=1)
    chat = as_member(school, "1012")
    chat.say("登山活动能带家属吗？我们一家四口")
    assert SIGNED not in chat.say("确认报名")
    assert status(school, "1012", HIKE) is None


@pytest.mark.parametrize("family, party", [
    ("我们一家三口：我、爱人、儿子(12岁)", 3),
    ("一家三口 我 老婆 女儿(8岁)", 3),
    ("我和爱人(45岁)两个人", 2),
])
def test_a_family_listed_with_ages_counts_each_person_once(school, family, party):
    from handlers.activities.outcome import party_in

    hike = next(a for a in school.store.activities.upcoming() if a.title == HIKE)
    assert party_in(family, hike) == party


def test_a_bare_confirm_with_nothing_shown_signs_nothing(school):
    chat = as_member(school, "1012")
    chat.say("你好")
    assert SIGNED not in chat.say("确认报名")
    assert school.store.signups.for_member(school.store.members.by_staff_no("1012").id) == []


# ---- 4. a conditional: the other branch when the first cannot be -----------------------------------------


@pytest.mark.parametrize("said", [
    "数学组的趣味运动会我们理化生组的能参加吗？能的话我报一个，不能就帮我报拔河",
    "数学组运动会我能报吗 能就报 不能的话报拔河",
    "趣味运动会要是报不了 就给我报拔河吧",
])
def test_when_the_first_choice_is_closed_to_her_the_other_is_offered(school, said):
    chat = as_member(school, "1011")
    reply = chat.say(said)
    assert "数学组成员" in reply and "确认报名「教职工拔河比赛」" in reply, reply
    assert chat.say("好 那就拔河 确认").startswith(SIGNED)
    assert status(school, "1011", TUG) == "confirmed"
    assert status(school, "1011", GAMES) is None


def test_when_the_first_choice_is_open_it_is_the_one_asked(school):
    chat = as_member(school, "1007")  # 赵敏, 数学组
    reply = chat.say("数学组的趣味运动会我能参加吗？能的话我报一个，不能就帮我报拔河")
    assert reply.startswith("确认报名「数学组趣味运动会」"), reply
    assert chat.say("是").startswith(SIGNED)
    assert status(school, "1007", GAMES) == "confirmed"
    assert status(school, "1007", TUG) is None


def test_when_the_first_choice_is_full_and_she_said_so_the_other_is_asked(school):
    for staff in ("1001", "1002"):
        school.store.signups.signup(school.store.db.one("SELECT id FROM activities WHERE title = ?", (BADMINTON,))["id"],
                                    school.store.members.by_staff_no(staff))
    chat = as_member(school, "1011")
    reply = chat.say("羽毛球要是满了就帮我报读书会")
    assert "报满" in reply and "确认报名「教师读书会」" in reply, reply
    assert chat.say("是").startswith(SIGNED)
    assert status(school, "1011", READING) == "confirmed" and status(school, "1011", BADMINTON) is None


def test_when_the_first_choice_has_room_it_is_the_one_asked(school):
    chat = as_member(school, "1011")
    assert chat.say("羽毛球要是满了就帮我报读书会").startswith("确认报名「羽毛球联谊赛」")


# ---- 5. ticks and crosses as words --------------------------------------------------------------------------


@pytest.mark.parametrize("ticked", ["拔河√ 乒乓√ 卡拉OK×", "拔河✓ 乒乓球✔ 卡拉OK✗", "拔河☑ 乒乓☑ 唱歌❌"])
def test_ticked_activities_are_confirmed_together_and_crossed_ones_left(school, ticked):
    chat = as_member(school, "1020")
    reply = chat.say(ticked)
    assert "教职工拔河比赛" in reply and "乒乓球友谊赛" in reply and "卡拉OK歌唱比赛" not in reply, reply
    assert chat.say("是的 拔河+乒乓 两个都确认✓").startswith(SIGNED)
    assert status(school, "1020", TUG) == "confirmed" and status(school, "1020", PINGPONG) == "confirmed"
    assert status(school, "1020", KARAOKE) is None


def test_one_tick_asks_for_that_one(school):
    chat = as_member(school, "1020")
    assert chat.say("读书会√").startswith("确认报名「教师读书会」")
    assert chat.say("✓").startswith(SIGNED)
    assert status(school, "1020", READING) == "confirmed"


def test_only_crosses_sign_nothing(school):
    chat = as_member(school, "1020")
    reply = chat.say("拔河× 乒乓×")
    assert "确认报名" not in reply
    assert status(school, "1020", TUG) is None and status(school, "1020", PINGPONG) is None


# ---- 6. a swap told over several messages -------------------------------------------------------------------


@pytest.fixture
def withdrawn(school):
    chat = as_member(school, "1013")
    assert chat.say("报名乒乓球").startswith("确认报名")
    assert chat.say("是").startswith(SIGNED)
    assert "已为您取消「乒乓球友谊赛」" in chat.say("乒乓球那个我报早了 后来发现13号周日要回老家 帮我退了吧")
    return chat


@pytest.mark.parametrize("swap", [
    "然后换成4号那个羽毛球 那天下午我有空",
    "改成羽毛球吧",
    "换报羽毛球",
])
def test_a_swap_after_a_withdrawal_asks_for_the_new_one(school, withdrawn, swap):
    reply = withdrawn.say(swap)
    assert reply.startswith("确认报名「羽毛球联谊赛」"), reply
    reply = withdrawn.say("对 退乒乓 报羽毛球 都确认")
    assert SIGNED in reply, reply
    assert status(school, "1013", BADMINTON) == "confirmed"
    assert status(school, "1013", PINGPONG) == "cancelled"


def test_a_withdrawal_named_in_the_yes_is_never_signed_up(school):
    chat = as_member(school, "1013")
    chat.say("报名羽毛球")
    reply = chat.say("对 退乒乓 报羽毛球 都确认")
    assert SIGNED in reply
    assert status(school, "1013", BADMINTON) == "confirmed"
    assert status(school, "1013", PINGPONG) is None
