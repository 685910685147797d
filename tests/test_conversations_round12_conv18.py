"""Whole conversations, twelfth round (issue 19): sign-ups and withdrawals as teachers really carry them. A
yes wrapped in courtesies; a request split over several sends; pinyin initials and English words; a
question about another activity while a confirmation waits; 下下周; a withdrawal and a sign-up in one
message; "报1" at a numbered list; a sign-up asked for someone else; a withdrawal said only by its reason.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 羽毛球 Fri 9-4, 读书会 Sun 9-6,
运动会 Wed 9-9, 拔河 Thu 9-10, 乒乓球 Sun 9-13, 登山 Thu 9-17, 卡拉OK Mon 9-21); the wording is our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import sign_up, status

HIKE, TUG, READING, PINGPONG = "秋季登山活动", "教职工拔河比赛", "教师读书会", "乒乓球友谊赛"
KARAOKE, BADMINTON, GAMES = "卡拉OK歌唱比赛", "羽毛球联谊赛", "数学组趣味运动会"
ME = "1012"  # 孙强, 数学组


def teacher(school):
    return as_member(school, ME)


def signed(school, title: str) -> str | None:
    return status(school, ME, title)


# ---- 1. a yes wrapped in courtesies ----------------------------------------------------------------------


@pytest.mark.parametrize("said", [
    "恭敬不如从命，确认报名，不胜感激",
    "那就麻烦您了 确认 辛苦辛苦",
    "OK的 confirm 一下",
    "那就有劳了，确认，多谢多谢",
    "承蒙关照 确认报名 感激不尽",
    "辛苦了 好的 报吧",
    "感谢感谢，确认一下",
    "那就麻烦你了",
])
def test_a_yes_wrapped_in_courtesies_signs_up(school, said):
    chat = teacher(school)
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    assert chat.say(said).startswith("报名成功！「教职工拔河比赛」")
    assert signed(school, TUG) == "confirmed"


@pytest.mark.parametrize("said", ["谢谢 不用了", "不胜感激，不过我还是不去了", "辛苦了 我再想想"])
def test_courtesies_around_a_no_are_still_a_no(school, said):
    chat = teacher(school)
    chat.say("报名拔河")
    assert "报名成功" not in chat.say(said)
    assert signed(school, TUG) is None


# ---- 2. one request split over several sends -------------------------------------------------------------


@pytest.mark.parametrize("opening, name, day, yes, title, when", [
    ("我想报", "那个乒乓球", "周日那个", "确认", PINGPONG, "9月13日（周日）"),
    ("想报个名", "羽毛球那个", "周五那个", "好", BADMINTON, "9月4日（周五）"),
    ("我要报名", "登山", "17号那个", "是的", HIKE, "9月17日（周四）"),
])
def test_a_sign_up_said_over_several_messages(school, opening, name, day, yes, title, when):
    chat = teacher(school)
    chat.say(opening)
    assert chat.say(name).startswith(f"确认报名「{title}」")
    reply = chat.say(day)  # the day of the one waiting: it is the one meant, and the yes still asked
    assert title in reply and when in reply and "报名成功" not in reply, reply
    assert signed(school, title) is None
    assert chat.say(yes).startswith(f"报名成功！「{title}」")
    assert signed(school, title) == "confirmed"


@pytest.mark.parametrize("ask, name", [("帮我取消", "读书会"), ("我要取消", "那个读书会"), ("取消报名", "就读书会")])
def test_a_withdrawal_said_over_two_messages(school, ask, name):
    chat = teacher(school)
    sign_up(chat, "读书会")
    assert "教师读书会" in chat.say(ask)
    assert "已为您取消「教师读书会」" in chat.say(name)
    assert signed(school, READING) == "cancelled"


@pytest.mark.parametrize("ask", ["帮我取消", "我想退一个", "帮我退个"])
def test_a_withdrawal_said_over_two_messages_picks_among_several(school, ask):
    chat = teacher(school)
    sign_up(chat, "读书会")
    sign_up(chat, "卡拉OK")
    assert "要取消哪一个" in chat.say(ask)
    assert "已为您取消「教师读书会」" in chat.say("读书会")
    assert signed(school, READING) == "cancelled" and signed(school, KARAOKE) == "confirmed"


def test_another_activity_named_at_a_withdrawals_question_withdraws_nothing_unasked(school):
    chat = teacher(school)
    sign_up(chat, "读书会")
    chat.say("帮我取消")
    chat.say("卡拉OK")
    assert signed(school, READING) == "confirmed"


# ---- 3. pinyin initials and English words ----------------------------------------------------------------


@pytest.mark.parametrize("said, title", [
    ("bm 拔河", TUG), ("bm乒乓球", PINGPONG), ("帮我bm一下读书会", READING),
    ("sign up 一下羽毛球", BADMINTON), ("sign up 读书会", READING),
])
def test_a_sign_up_in_pinyin_initials_or_english(school, said, title):
    chat = teacher(school)
    assert chat.say(said).startswith(f"确认报名「{title}」")
    chat.say("是")
    assert signed(school, title) == "confirmed"


@pytest.mark.parametrize("said, what, title", [
    ("qx 读书会", "读书会", READING), ("卡拉OK cancel 掉", "卡拉OK", KARAOKE), ("帮我qx一下拔河", "拔河", TUG),
    ("cancel 一下拔河", "拔河", TUG),
])
def test_a_withdrawal_in_pinyin_initials_or_english(school, said, what, title):
    chat = teacher(school)
    sign_up(chat, what)
    assert f"已为您取消「{title}」" in chat.say(said)
    assert signed(school, title) == "cancelled"


# ---- 4. a question about another activity while a confirmation waits -------------------------------------


@pytest.mark.parametrize("asked, about, not_about", [
    ("对了 乒乓球是几点", "9月13日（周日）16:00", "15:30"),
    ("顺便问下 读书会在哪", "图书馆三楼", "学校操场"),
    ("登山几点集合啊", "9月17日（周四）08:00", "15:30"),
    ("对了 读书会几号来着", "9月6日（周日）16:30", "15:30"),
    ("卡拉OK是星期几", "9月21日（周一）18:30", "15:30"),
])
def test_a_question_about_another_activity_is_answered_and_the_confirmation_stays(school, asked, about, not_about):
    chat = teacher(school)
    chat.say("报名拔河")
    reply = chat.say(asked)
    assert about in reply and not_about not in reply.split("教职工拔河比赛")[0], reply
    assert "教职工拔河比赛" in reply and "报名成功" not in reply, reply  # the waiting one still asked
    assert chat.say("是").startswith("报名成功！「教职工拔河比赛」")
    assert signed(school, TUG) == "confirmed"
    assert all(signed(school, t) is None for t in (PINGPONG, READING, HIKE))


# ---- 5. 下下周 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["下下周有什么活动", "下下个星期有啥活动", "下下礼拜有活动吗"])
def test_the_week_after_next_is_not_next_week(school, said):
    reply = teacher(school).say(said)
    assert HIKE in reply and TUG not in reply and PINGPONG not in reply and KARAOKE not in reply, reply


@pytest.mark.parametrize("said, only", [("下周末有什么活动", PINGPONG), ("这周末有啥活动", READING)])
def test_a_weekend_is_its_saturday_and_sunday(school, said, only):
    reply = teacher(school).say(said)
    assert only in reply and TUG not in reply and BADMINTON not in reply, reply


def test_the_weekend_after_next_has_nothing_and_says_so(school):
    reply = teacher(school).say("下下周末有活动吗")
    assert reply.startswith("下下周末暂时没有安排活动"), reply


def test_next_week_is_still_next_week(school):
    reply = teacher(school).say("下周有什么活动")
    assert TUG in reply and PINGPONG in reply and HIKE not in reply, reply


# ---- 6. a withdrawal and a sign-up in one message, the title before 报上 -----------------------------------


@pytest.mark.parametrize("first, said, gone, wanted", [
    ("卡拉OK", "卡拉OK取消 读书会报上", KARAOKE, READING),
    ("拔河", "拔河取消 乒乓球报上", TUG, PINGPONG),
    ("登山", "登山退了 羽毛球给我报上", HIKE, BADMINTON),
    ("读书会", "读书会帮我取消，乒乓球报一个", READING, PINGPONG),
])
def test_a_withdrawal_and_a_sign_up_in_one_message_are_both_done(school, first, said, gone, wanted):
    chat = teacher(school)
    sign_up(chat, first)
    reply = chat.say(said)
    assert f"已为您取消「{gone}」" in reply and f"确认报名「{wanted}」" in reply, reply
    assert signed(school, gone) == "cancelled" and signed(school, wanted) is None
    assert chat.say("是").startswith(f"报名成功！「{wanted}」")
    assert signed(school, wanted) == "confirmed"


# ---- 7. a number with the sign-up at a numbered list -----------------------------------------------------


@pytest.mark.parametrize("listed", ["有什么活动", "我想报名"])
@pytest.mark.parametrize("said, title", [("确认报名1", BADMINTON), ("报1", BADMINTON), ("报名2", READING),
                                         ("报第4个", TUG), ("我报5", PINGPONG)])
def test_a_number_with_the_sign_up_picks_from_the_list(school, listed, said, title):
    chat = teacher(school)
    assert "1. 羽毛球联谊赛" in chat.say(listed)
    reply = chat.say(said)
    assert title in reply.split("\n", 1)[0] and "没有找到" not in reply, reply
    if not reply.startswith("报名成功"):
        chat.say("是")
    assert signed(school, title) == "confirmed"
    assert [t for t in (BADMINTON, READING, TUG, PINGPONG) if signed(school, t)] == [title]


# ---- 8. a sign-up asked for someone else -----------------------------------------------------------------


@pytest.mark.parametrize("said", ["对了 羽毛球也给他报上一个", "顺便帮王老师报个羽毛球", "羽毛球也给她报一个", "帮我同事也报个羽毛球",
                                  "顺便帮我们组小李也报上羽毛球"])
def test_a_sign_up_for_someone_else_is_not_added_to_hers(school, said):
    chat = teacher(school)
    chat.say("报名拔河")
    reply = chat.say(said)
    assert "只能" in reply and "本人" in reply and "确认报名以下" not in reply, reply
    assert "教职工拔河比赛" in reply  # her own confirmation still waits
    assert chat.say("是").startswith("报名成功！「教职工拔河比赛」")
    assert signed(school, TUG) == "confirmed" and signed(school, BADMINTON) is None


@pytest.mark.parametrize("said", ["帮我同事报个羽毛球", "给我同事报名羽毛球", "帮小王报个羽毛球"])
def test_a_sign_up_for_someone_else_out_of_the_blue_is_explained(school, said):
    chat = teacher(school)
    reply = chat.say(said)
    assert "本人" in reply and "确认报名「羽毛球联谊赛」" not in reply, reply
    chat.say("是")
    assert signed(school, BADMINTON) is None


@pytest.mark.parametrize("said", ["对了 羽毛球也给我报上一个", "羽毛球也帮我报一个"])
def test_one_more_for_herself_is_still_added(school, said):
    chat = teacher(school)
    chat.say("报名拔河")
    assert "确认报名以下 2 个活动" in chat.say(said)


# ---- 9. a withdrawal said only by its reason -------------------------------------------------------------


@pytest.mark.parametrize("first, said, title", [
    ("读书会", "那天有事去不了了", READING),
    ("运动会", "家里老人病了 运动会就不参加了", GAMES),
    ("读书会", "孩子发烧了 读书会就不去了", READING),
    ("拔河", "最近腰不好 拔河参加不了了", TUG),
    ("运动会", "我爸住院了，运动会去不了了", GAMES),
])
def test_a_withdrawal_said_with_its_reason_is_asked_and_done(school, first, said, title):
    chat = teacher(school)
    sign_up(chat, first)
    reply = chat.say(said)
    assert f"「{title}」" in reply and ("取消" in reply), reply
    assert "请问是哪位老师" not in reply, reply
    if signed(school, title) == "confirmed":
        chat.say("是")
    assert signed(school, title) == "cancelled"


def test_illness_news_without_an_activity_is_still_news(school):
    chat = teacher(school)
    sign_up(chat, "运动会")
    reply = chat.say("家里老人病了 住院了")
    assert "取消" not in reply, reply
    assert signed(school, GAMES) == "confirmed"


@pytest.mark.parametrize("said", ["爷爷说要参加羽毛球 麻烦帮他报名", "羽毛球她想参加 麻烦帮她报个名", "羽毛球帮人家报一个嘛"])
def test_a_sign_up_typed_for_the_account_holder_is_still_hers(school, said):
    """A grandchild typing for the teacher who owns the account: 他/她 is the holder, not a colleague (and "人家"
    is often the sender herself)."""
    chat = teacher(school)
    assert chat.say(said).startswith("确认报名「羽毛球联谊赛」")
    chat.say("是")
    assert signed(school, BADMINTON) == "confirmed"


def test_her_own_name_as_a_teacher_is_herself(school):
    chat = teacher(school)  # 孙强
    assert chat.say("帮孙老师报个羽毛球").startswith("确认报名「羽毛球联谊赛」")
