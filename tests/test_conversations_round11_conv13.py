"""Whole conversations, eleventh round (issue 19), sign-ups, withdrawals and lists: a second sign-up
said while the first waits for its yes is added to it ("对了 羽毛球也给咱报上一个": one confirmation
of both), while a swap replaces it ("不报拔河了 换成登山"); "最后一个" / "第二个" / "后面那个" point at
the activities just listed, in the order the teacher named them herself. Chat scripts at the demo
school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our own, not the tuning sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

HIKE = "秋季登山活动"
PINGPONG = "乒乓球友谊赛"
BADMINTON = "羽毛球联谊赛"
TUG = "教职工拔河比赛"
READING = "教师读书会"
KARAOKE = "卡拉OK歌唱比赛"
FLOWERS = "女教职工插花沙龙"


# ---- a second sign-up while the first waits: added, one confirmation of both ------------------------


@pytest.mark.parametrize("first, more, yes, titles", [
    ("乒乓球给我报一个", "对了 羽毛球也给咱报上一个", "是 两个都确认", (PINGPONG, BADMINTON)),
    ("我想报名拔河", "顺便把读书会也报上", "好的", (TUG, READING)),
    ("报名秋季登山", "还有卡拉OK 也算我一个", "嗯 都确认", (HIKE, KARAOKE)),
    ("帮我报乒乓球", "再加一个拔河比赛", "确认", (PINGPONG, TUG)),
    ("拔河算我一个", "另外登山我也去", "都报上吧", (TUG, HIKE)),
    ("读书会帮我报下", "哦对 羽毛球也要", "可以", (READING, BADMINTON)),
])
def test_a_second_sign_up_while_the_first_waits_is_added_to_it(school, first, more, yes, titles):
    chat = as_member(school, "1012")
    chat.say(first)
    reply = chat.say(more)
    assert reply.startswith("确认报名以下 2 个活动吗？"), reply
    assert all(t in reply for t in titles), reply
    chat.say(yes)
    assert [status(school, "1012", t) for t in titles] == ["confirmed", "confirmed"], (more, yes)


@pytest.mark.parametrize("first, swap, kept, dropped", [
    ("报名拔河", "不报拔河了 换成登山", HIKE, TUG),
    ("乒乓球报一个", "算了乒乓球不要了 改报羽毛球", BADMINTON, PINGPONG),
    ("我要参加卡拉OK", "换成读书会吧", READING, KARAOKE),
    ("报个登山", "不对 是拔河 不是登山", TUG, HIKE),
])
def test_a_swap_while_the_first_waits_replaces_it(school, first, swap, kept, dropped):
    chat = as_member(school, "1012")
    chat.say(first)
    reply = chat.say(swap)
    assert reply.startswith(f"确认报名「{kept}」"), reply
    chat.say("是")
    assert status(school, "1012", kept) == "confirmed"
    assert status(school, "1012", dropped) is None


def test_a_third_added_while_two_wait_joins_them(school):
    chat = as_member(school, "1012")
    chat.say("报名拔河")
    chat.say("登山也报一个")
    reply = chat.say("还有读书会也加上")
    assert reply.startswith("确认报名以下 3 个活动吗？"), reply
    chat.say("是")
    assert [status(school, "1012", t) for t in (TUG, HIKE, READING)] == ["confirmed"] * 3


def test_an_addition_she_cannot_join_is_said_and_the_first_still_waits(school):
    chat = as_member(school, "1012")  # a man: the 插花沙龙 is for women
    chat.say("报名拔河")
    reply = chat.say("插花沙龙也给我报上")
    assert "面向" in reply and f"确认报名「{TUG}」" in reply, reply
    chat.say("是")
    assert status(school, "1012", TUG) == "confirmed"


# ---- 最后一个 / 第二个 / 后面那个: the list she named, in her order --------------------------------------


def test_a_list_she_named_is_shown_in_her_order(school):
    chat = as_member(school, "1003")
    reply = chat.say("我想问下读书会、插花沙龙、登山这三个分别是哪天")
    assert reply.index(READING) < reply.index(FLOWERS) < reply.index(HIKE), reply


@pytest.mark.parametrize("asked, pointer, title", [
    ("我想问下读书会、插花沙龙、登山这三个分别是哪天", "那就最后那个 帮我报一下", HIKE),
    ("登山和拔河分别几号", "第二个给我报上", TUG),
    ("卡拉OK跟读书会啥时候", "后面那个我要报", READING),
    ("拔河、乒乓球、羽毛球 都在哪里比", "报第一个", TUG),
    ("读书会和登山是几号啊", "前面那个帮我报名", READING),
    ("乒乓球和卡拉OK什么时候", "最后一个算我一个", KARAOKE),
])
def test_an_ordinal_after_a_list_she_named_signs_up_for_that_one(school, asked, pointer, title):
    chat = as_member(school, "1003")
    chat.say(asked)
    reply = chat.say(pointer)
    assert reply.startswith(f"确认报名「{title}」"), (pointer, reply)
    chat.say("是")
    assert status(school, "1003", title) == "confirmed"


@pytest.mark.parametrize("asked, question, title, other", [
    ("我想问下读书会、插花沙龙、登山这三个分别是哪天", "最后一个能带孩子吗", HIKE, READING),
    ("登山和拔河分别几号", "第二个能带家属不", TUG, HIKE),
])
def test_an_ordinal_question_after_a_list_is_about_that_one(school, asked, question, title, other):
    chat = as_member(school, "1003")
    chat.say(asked)
    reply = chat.say(question)
    assert title in reply and other not in reply, reply


def test_the_last_place_is_not_the_last_activity(school):
    chat = as_member(school, "1003")
    chat.say("登山和拔河分别几号")
    reply = chat.say("拔河还剩最后一个名额吗")
    assert HIKE not in reply.split("\n")[0], reply


# ---- what is not her answer: someone else's words, a double negative, a supposition ------------------


@pytest.mark.parametrize("answer", ["他说报上", "我同事说给他报上", "老王让我问问 他说报上", "领导说可以",
                                    "我老公说行", "张老师讲报吧"])
def test_someone_elses_yes_is_not_her_yes(school, answer):
    chat = as_member(school, "1012")
    chat.say("报名乒乓球")
    reply = chat.say(answer)
    assert not reply.startswith("报名成功"), (answer, reply)
    assert status(school, "1012", PINGPONG) is None


@pytest.mark.parametrize("answer", ["我说报上", "是的 我爱人也说报上", "好 报上"])
def test_her_own_yes_with_a_said_is_still_a_yes(school, answer):
    chat = as_member(school, "1012")
    chat.say("报名乒乓球")
    assert chat.say(answer).startswith("报名成功"), answer


@pytest.mark.parametrize("answer", ["不是不报", "要是下雨就不去了", "下雨的话就不去了", "万一那天有课就不参加了",
                                    "如果要加班就算了"])
def test_a_double_negative_or_a_supposition_is_not_a_no(school, answer):
    chat = as_member(school, "1012")
    chat.say("报名乒乓球")
    reply = chat.say(answer)
    assert reply != "好的，已放弃报名。" and not reply.startswith("报名成功"), (answer, reply)
    assert chat.say("是").startswith("报名成功"), answer


# ---- several picked from the list by their places -------------------------------------------------


@pytest.mark.parametrize("asked, picked, titles", [
    ("拔河 乒乓 羽毛球 截止时间?", "前两个报名", (TUG, PINGPONG)),
    ("请问拔河、读书会、卡拉OK三项分别在哪里", "麻烦为我报名第一项与第三项", (TUG, KARAOKE)),
    ("登山、拔河、乒乓球 想看下哪个有空", "第一个跟最后一个报了嘛", (HIKE, PINGPONG)),
    ("卡拉OK 登山 读书会 哪个还有位子", "第二个不要了 另外两个报上", (KARAOKE, READING)),
    ("拔河同读书会系几时", "两个都报", (TUG, READING)),
])
def test_several_picked_from_the_list_by_place_are_confirmed_together(school, asked, picked, titles):
    chat = as_member(school, "1003")
    chat.say(asked)
    reply = chat.say(picked)
    assert reply.startswith(f"确认报名以下 {len(titles)} 个活动吗？"), (picked, reply)
    assert all(t in reply for t in titles), reply
    chat.say("确认")
    assert all(status(school, "1003", t) == "confirmed" for t in titles), picked


@pytest.mark.parametrize("asked, picked, title", [
    ("读书会和卡拉OK比赛分别是什么时间", "我想了想，后面那个我唱歌不行，就报前面那个吧", READING),
    ("羽毛球 插花 卡拉OK 哪个还有位置", "emmm 中间那个吧", FLOWERS),
    ("拔河和登山分别几号", "前面那个给我报了 后面那个再想想", TUG),
    ("登山和拔河分别是什么时候", "刚才说的第一个 帮我报一下", HIKE),
])
def test_one_picked_by_place_with_the_other_turned_down(school, asked, picked, title):
    chat = as_member(school, "1003")
    chat.say(asked)
    reply = chat.say(picked)
    assert reply.startswith(f"确认报名「{title}」"), (picked, reply)


def test_a_withdrawal_by_place_after_a_list(school):
    chat = as_member(school, "1012")
    chat.say("报名读书会")
    chat.say("是")
    chat.say("报名拔河")
    chat.say("是")
    chat.say("我报了读书会同拔河 想问下几时")
    reply = chat.say("后面嗰个帮我取消咗佢")
    assert TUG in reply and ("已为您取消" in reply or "要取消" in reply), reply
    assert status(school, "1012", READING) == "confirmed"


# ---- a withdrawal right after the bot signed her up -----------------------------------------------


@pytest.mark.parametrize("change", ["还是不去了 取消吧", "sorry 还是不去了 取消吧", "唔好意思 我唔去喇 帮我取消咗",
                                    "还是不去了 腿不好 取消吧", "不好意思啊 想了想还是帮我退了吧", "抱歉 那天有课 给我取消掉"])
def test_a_change_of_mind_ordered_right_after_signing_up_withdraws(school, change):
    chat = as_member(school, "1012")
    chat.say("拔河给我报一个")
    assert chat.say("是").startswith("报名成功")
    assert chat.say(change).startswith(f"已为您取消「{TUG}」"), change
    assert status(school, "1012", TUG) == "cancelled"


@pytest.mark.parametrize("change", ["帮我把报名取消一下", "还是不去了吧", "还是取消吗"])
def test_without_an_order_or_as_a_question_it_is_asked_first(school, change):
    chat = as_member(school, "1012")
    chat.say("拔河给我报一个")
    chat.say("是")
    assert not chat.say(change).startswith("已为您取消"), change
    assert status(school, "1012", TUG) == "confirmed"


@pytest.mark.parametrize("answer", ["取消吧", "还是取消吧", "嗯 帮我取消掉", "那就取消吧", "行 取消了吧"])
def test_cancel_said_at_the_cancellation_question_is_its_yes(school, answer):
    chat = as_member(school, "1012")
    chat.say("报读书会")
    chat.say("确认")
    assert chat.say("还是不去了").startswith(f"要取消「{READING}」")
    assert chat.say(answer).startswith(f"已为您取消「{READING}」"), answer


# ---- additions said with the yes, with a sign, or after a replacement ------------------------------


@pytest.mark.parametrize("first, second, third, titles", [
    ("数学组运动会报一个", "乒乓球也要", "拔河也整起 三个都确认哈", ("数学组趣味运动会", PINGPONG, TUG)),
    ("报名读书会", "登山也报 两个都确认", None, (READING, HIKE)),
    ("bm拔河", "+乒乓", "两个都确认", (TUG, PINGPONG)),
    ("想报卡拉OK", "oh and 读书会 also", "ok both 确认", (KARAOKE, READING)),
    ("羽毛球报一个", "再来个乒乓球 俩都确定", None, (BADMINTON, PINGPONG)),
])
def test_an_addition_with_the_yes_for_all_signs_up_all(school, first, second, third, titles):
    chat = as_member(school, "1012")
    chat.say(first)
    reply = chat.say(second)
    if third is not None:
        reply = chat.say(third)
    assert reply.startswith("报名成功"), reply
    assert all(status(school, "1012", t) == "confirmed" for t in titles), titles


@pytest.mark.parametrize("second, both", [("读书会", "两个都"), ("报读书会", "俩都要"), ("读书会吧", "两个都报吧")])
def test_both_after_a_replacement_means_the_first_and_the_second(school, second, both):
    chat = as_member(school, "1003")
    chat.say("想报插花")
    assert chat.say(second).startswith(f"确认报名「{READING}」")
    reply = chat.say(both)
    assert reply.startswith("确认报名以下 2 个活动吗？") or reply.startswith("报名成功"), reply
    if reply.startswith("确认"):
        chat.say("确认")
    assert status(school, "1003", FLOWERS) == "confirmed" and status(school, "1003", READING) == "confirmed"


# ---- a sign-up asked for by the day alone -----------------------------------------------------------


@pytest.mark.parametrize("said, title", [("报名下周四的活动", TUG), ("我要报9月6号的", READING),
                                         ("帮我报下周日那个", PINGPONG), ("想报名这周五的比赛", BADMINTON)])
def test_a_sign_up_by_the_day_alone_confirms_the_one_on_that_day(school, said, title):
    chat = as_member(school, "1012")
    assert chat.say(said).startswith(f"确认报名「{title}」"), said


def test_a_day_with_nothing_on_it_lists_what_is_open(school):
    chat = as_member(school, "1012")
    assert not chat.say("帮我报这周六那个").startswith("确认报名")


# ---- "这俩都要" over two questions; "两个都报" with a word about one; a yes said last ----------------


def test_both_after_two_questions_in_two_messages(school):
    chat = as_member(school, "1012")
    chat.say("卡拉OK")
    chat.say("拔河")
    reply = chat.say("这俩都要")
    assert reply.startswith("确认报名以下 2 个活动吗？") and KARAOKE in reply and TUG in reply, reply


@pytest.mark.parametrize("said", ["兩個都報，登山就我一個", "两个都报 登山我一个人去", "都报上 登山就我自己"])
def test_both_with_a_word_about_one_of_them_is_both(school, said):
    chat = as_member(school, "2007")
    chat.say("重陽座談會和登山活動，退休的能參加哪些")
    reply = chat.say(said)
    assert reply.startswith("确认报名以下 2 个活动吗？"), (said, reply)


@pytest.mark.parametrize("answer", ["单打 就额一个 确认", "我自己去 确认", "晚上有空 确定", "知道了 好的"])
def test_a_yes_said_last_after_a_plain_word_signs_up(school, answer):
    chat = as_member(school, "1012")
    chat.say("额想报个乒乓球")
    assert chat.say(answer).startswith("报名成功"), answer


@pytest.mark.parametrize("answer", ["他说 确认", "再想想 好的", "你确认一下 是不是单打？"])
def test_a_yes_said_last_after_a_doubt_or_someone_elses_words_is_not_taken(school, answer):
    chat = as_member(school, "1012")
    chat.say("额想报个乒乓球")
    assert not chat.say(answer).startswith("报名成功"), answer


# ---- a withdrawal and a sign-up in one message --------------------------------------------------------


@pytest.mark.parametrize("said, gone, new", [
    ("qx 拔河 bm 乒乓", TUG, PINGPONG),
    ("登山取消 然后报乒乓球", HIKE, PINGPONG),
    ("退了拔河 报个读书会", TUG, READING),
    ("取消报名登山，再帮我报名卡拉OK", HIKE, KARAOKE),
])
def test_a_withdrawal_and_a_sign_up_in_one_message_do_both(school, said, gone, new):
    chat = as_member(school, "1012")
    for title in ("拔河", "登山"):
        chat.say(f"报名{title}")
        chat.say("是")
    reply = chat.say(said)
    assert reply.startswith(f"已为您取消「{gone}」") and f"确认报名「{new}」" in reply, (said, reply)
    chat.say("是的都确认")
    assert status(school, "1012", gone) == "cancelled" and status(school, "1012", new) == "confirmed"


def test_the_sign_up_word_of_a_withdrawal_is_no_second_request(school):
    chat = as_member(school, "1012")
    chat.say("报名拔河")
    chat.say("是")
    assert chat.say("取消报名拔河") == f"已为您取消「{TUG}」的报名。"


# ---- "俩都整上" after a list; a withdrawal asked at "我的报名"; "不是 我是要取消…" --------------------


@pytest.mark.parametrize("both", ["俩都整上", "两个都要", "都报", "那俩都去"])
def test_both_taken_after_a_question_about_two_is_a_sign_up(school, both):
    chat = as_member(school, "1012")
    chat.say("羽毛球和乒乓球还有名额不")
    reply = chat.say(both)
    assert reply.startswith("确认报名以下 2 个活动吗？"), (both, reply)


def test_an_addition_after_being_told_family_may_not_come_is_added(school):
    chat = as_member(school, "1003")
    chat.say("读书会 带我老公")
    reply = chat.say("插花也要!!")
    assert reply.startswith("确认报名以下 2 个活动吗？"), reply


@pytest.mark.parametrize("ask, pick", [("我报的活动里取消一个", "爬山那个"), ("我的报名里帮我退掉一个", "登山的"),
                                       ("我报的里面退一个", "2")])
def test_a_withdrawal_asked_at_my_sign_ups_asks_which_and_a_name_answers(school, ask, pick):
    chat = as_member(school, "1012")
    for title in ("读书会", "登山"):
        chat.say(f"报名{title}")
        chat.say("是")
    assert "要取消哪一个" in chat.say(ask), ask
    reply = chat.say(pick)
    assert reply.startswith(f"已为您取消「{HIKE}」") or reply.startswith(f"要取消「{HIKE}」"), reply
    if reply.startswith("要取消"):
        chat.say("是")
    assert status(school, "1012", HIKE) == "cancelled" and status(school, "1012", READING) == "confirmed"


@pytest.mark.parametrize("answer", ["不是 我是要取消我自己的报名", "不是问这个 我就是想退", "不不 我是要取消"])
def test_a_no_to_the_reading_of_the_question_then_the_request_withdraws(school, answer):
    chat = as_member(school, "1012")
    chat.say("报名登山")
    chat.say("是")
    assert chat.say("登山取消了？").startswith(f"要取消「{HIKE}」")
    assert chat.say(answer).startswith(f"已为您取消「{HIKE}」"), answer


@pytest.mark.parametrize("said", ["qx bm 拔河", "「引用：您已成功报名教职工拔河比赛」回复：不好意思，那天要监考，帮我取消掉",
                                  "取消 报名 拔河"])
def test_a_withdrawal_whose_words_hold_a_sign_up_word_asks_nothing_more(school, said):
    chat = as_member(school, "1012")
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say(said)
    assert reply.startswith(f"已为您取消「{TUG}」") and "确认报名" not in reply, (said, reply)


@pytest.mark.parametrize("answer", ["读书会", "读书会那个", "就读书会"])
def test_the_activity_named_at_its_own_confirmation_is_its_yes(school, answer):
    chat = as_member(school, "1012")
    assert chat.say("报名周日的活动").startswith(f"确认报名「{READING}」")
    assert chat.say(answer).startswith(f"报名成功！「{READING}」"), answer
