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


# ---- 4. herself by her surname, as colleagues call her ------------------------------------------------------------


@pytest.mark.parametrize("staff_no, said, yes, title", [
    ("1014", "老朱要报K歌，老朱嗓门大", "老朱确认", KARAOKE),  # 朱军
    ("1017", "何老师也来凑个热闹，读书会", "何老师确认", BOOK),  # 何雪
    ("1002", "小王算一个，拔河比赛", "对", TUG),  # 王芳
])
def test_herself_by_her_surname(school, staff_no, said, yes, title):
    chat = as_member(school, staff_no)
    assert ASKED.format(title) in chat.say(said)
    chat.say(yes)
    assert status(school, staff_no, title) == "confirmed"


def test_a_retired_teacher_going_back_to_see_old_colleagues(school):
    chat = as_member(school, "2003")  # 张桂芝, retired
    assert ASKED.format("重阳敬老座谈会") in chat.say("离开讲台三年了，重阳那个座谈会，我想回去见见老同事们")
    assert "报名成功" in chat.say("嗯，报上吧")


@pytest.mark.parametrize("said", ["我之前登记了乒乓球比赛 想撤销", "何老师住院了，拔河我也来不了",
                                  "何雪报告，我外婆前天夜里走了", "我来报告一下，学术报告厅的空调坏了"])
def test_a_sign_up_done_or_withdrawn_is_no_new_one(school, said):
    chat = as_member(school, "1017")
    assert "确认报名「" not in chat.say(said)


# ---- 5. unsure about a question on one activity: that one shown; may she join: offered -------------------------


@pytest.mark.parametrize("said, title", [
    ("这位同学，帮老师查一下本周五下午体育馆一楼那个活动", "羽毛球联谊赛"),
    ("同学们，帮老师查查周日图书馆三楼那个活动", BOOK),
])
def test_an_unsure_question_on_one_activity_shows_it(school, said, title):
    chat = as_member(school, "1002")
    assert title in chat.say(said)
    assert ASKED.format(title) in chat.say("好，那帮老师报上")
    assert "报名成功" in chat.say("对")


@pytest.mark.parametrize("said, title", [
    ("打扰了，我是新来的，不知道新老师可不可以参加读书会呀？", BOOK),
    ("请问一下，我能不能报拔河比赛啊", TUG),
])
def test_may_she_join_with_the_name_between_is_offered(school, said, title):
    chat = as_member(school, "1025")
    assert f"您可以报名「{title}」，要为您报名吗" in chat.say(said)
    assert status(school, "1025", title) is None
    assert "报名成功" in chat.say("好的，确认报名")


# ---- 6. an aside not understood leaves what was just shown in place -----------------------------------------------


@pytest.mark.parametrize("aside", ["哎，最近这手有点痒了", "唉 这周累成狗"])
def test_an_aside_not_understood_keeps_what_was_shown(school, aside):
    chat = as_member(school, "1003")
    assert PINGPONG in chat.say("乒乓球那个还剩几个名额啊")
    chat.say(aside)
    assert ASKED.format(PINGPONG) in chat.say("行吧，那就给我也算一个")
    assert "报名成功" in chat.say("是")


def test_an_aside_understood_as_another_topic_drops_it(school):
    chat = as_member(school, "1003")
    assert PINGPONG in chat.say("乒乓球那个还剩几个名额啊")
    chat.say("体检是哪天")
    assert "确认报名「乒乓球友谊赛」" not in chat.say("那就给我也算一个")


# ---- 7. at the confirmation: her request among other words is her yes ---------------------------------------------


@pytest.mark.parametrize("answer", [
    "豁出去了！麻烦给我报上，多谢", "无所谓谁在回，反正帮我报上，确认", "很好，确认提交", "行，把我名字写上",
])
def test_her_request_among_other_words_is_her_yes(school, answer):
    chat = as_member(school, "1003")
    assert ASKED.format(KARAOKE) in chat.say("报名卡拉OK")
    assert "报名成功" in chat.say(answer)


@pytest.mark.parametrize("answer", ["帮我报上吗？", "要不先别帮我报上", "帮我同事报上"])
def test_a_request_doubted_or_for_someone_else_is_no_yes(school, answer):
    chat = as_member(school, "1003")
    assert ASKED.format(KARAOKE) in chat.say("报名卡拉OK")
    chat.say(answer)
    assert status(school, "1003", KARAOKE) is None


def test_after_the_one_shown_put_my_name_down(school):
    chat = as_member(school, "1002")
    assert PINGPONG in chat.say("乒乓球比赛在哪里打")
    assert ASKED.format(PINGPONG) in chat.say("那好，把老师的名字也写上去")
    assert "报名成功" in chat.say("对")


@pytest.mark.parametrize("answer", ["嗯两个都确认 走了去开会", "好 两个都确认 先走了"])
def test_a_yes_to_several_then_leaving_is_no_news(school, answer):
    """"走了" after the yes is her leaving, not a death: the confirmation of several is answered, no care report."""
    chat = as_member(school, "1003")
    assert "确认报名以下 2 个活动" in chat.say("拔河和乒乓都给我报了")
    chat.say(answer)
    assert status(school, "1003", TUG) == "confirmed" and status(school, "1003", PINGPONG) == "confirmed"
    assert not school.store.db.query("SELECT id FROM care_reports")


# ---- 3. a sign-up form filled in is one request (the fields are not each a request) ------------------------------


@pytest.mark.parametrize("form, title", [
    ("报名表\n姓名：李娜\n工号：1003\n所在组：英语组\n报名活动：教师读书会\n是否带家属：否", BOOK),
    ("【报名回执】\n姓名: 李娜\n部门: 英语组\n参加项目: 乒乓球友谊赛\n备注: 无", PINGPONG),
    ("姓名：李娜\n联系电话：13900001003\n报名项目：卡拉OK歌唱比赛\n曲目：待定", KARAOKE),
])
def test_a_filled_in_form_is_one_sign_up(school, form, title):
    chat = as_member(school, "1003")
    said = chat.say(form)
    assert title in said and status(school, "1003", title) is None  # asked (or shown) first, never signed unasked
    chat.say("确认")
    assert status(school, "1003", title) == "confirmed"


def test_a_form_without_an_activity_field_is_not_taken_as_one(school):
    """Three fields but none names what to join: the form rule stays out of it (news, not a sign-up)."""
    chat = as_member(school, "1003")
    chat.say("姓名：李娜\n工号：1003\n所在组：英语组")
    assert all(status(school, "1003", t) is None for t in (BOOK, PINGPONG, KARAOKE, HIKE, TUG))


# ---- 4. at the list after a not-found, one activity proposed instead is the pick --------------------------------


@pytest.mark.parametrize("first, then, title", [
    ("阿拉想报瑜伽课", "噶么插花沙龙好伐", "女教职工插花沙龙"),  # Wu: "then how about the flower salon?"
    ("我想报名瑜伽课", "那插花沙龙怎么样", "女教职工插花沙龙"),
    ("报名游泳比赛", "换成卡拉OK行吗", KARAOKE),
])
def test_one_proposed_instead_at_the_list_is_the_pick(school, first, then, title):
    chat = as_member(school, "1019")  # 林晓燕, 语文组
    assert "没有找到" in chat.say(first)
    assert ASKED.format(title) in chat.say(then)
    chat.say("好额 是")
    assert status(school, "1019", title) == "confirmed"


def test_a_detail_asked_about_the_one_proposed_is_answered_not_picked(school):
    chat = as_member(school, "1019")
    chat.say("阿拉想报瑜伽课")
    assert ASKED.format("女教职工插花沙龙") not in chat.say("那插花沙龙几点开始好伐")
    assert status(school, "1019", "女教职工插花沙龙") is None
