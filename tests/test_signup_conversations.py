"""Sign-ups and cancellations as whole conversations (issue 19): what teachers answer to a
confirmation that is neither 是 nor 否 but settles it (a party size, the activity named again,
"确认无误", thanks), what refers back to the activity just shown, a no taken back ("还是报吧"), a
formal list of two activities, and a cancellation said as an explanation. Chat scripts at the demo
school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status


def party(school, staff_no: str, title: str) -> int:
    member = school.store.members.by_staff_no(staff_no)
    row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
    return school.store.signups.get(row["id"], member.id)["party"]


@pytest.fixture
def family_day(school):
    """Companions allowed, at most 2 each."""
    return school.store.activities.add("亲子游园会", "2026-09-19 09:00", "植物园", 30, "2026-09-17 17:00",
                                       kind="出游", allow_companions=True, max_companions=2)


# ---- the activity named again at the confirmation is a yes ------------------------------------------


def test_saying_no_to_the_first_choice_and_naming_the_second_again_signs_up_the_second(school):
    chat = as_member(school, "1004")
    assert chat.say("帮我报个读书会").startswith("确认报名「教师读书会」")
    assert chat.say("哦不对 我说的是卡拉OK").startswith("确认报名「卡拉OK歌唱比赛」")
    assert chat.say("读书会不要了 就卡拉OK").startswith("报名成功！「卡拉OK歌唱比赛」")
    assert status(school, "1004", "卡拉OK歌唱比赛") == "confirmed"
    assert status(school, "1004", "教师读书会") is None


def test_the_name_alone_is_a_yes_but_a_question_about_it_is_not(school):
    chat = as_member(school, "1004")
    chat.say("报名乒乓球")
    assert "报名成功" not in chat.say("乒乓球几点开始？")
    assert status(school, "1004", "乒乓球友谊赛") is None
    chat.say("继续")
    assert chat.say("就乒乓球吧").startswith("报名成功！「乒乓球友谊赛」")


# ---- a party size as the answer ---------------------------------------------------------------------


def test_nobody_else_coming_is_a_yes(school):
    chat = as_member(school, "1003")
    assert chat.say("插花沙龙给我报一个").startswith("确认报名「女教职工插花沙龙」")
    assert chat.say("就我自己 不带家属哈").startswith("报名成功！「女教职工插花沙龙」")
    assert party(school, "1003", "女教职工插花沙龙") == 1


def test_family_where_none_may_come_is_answered_plainly_and_a_yes_signs_up_the_teacher_alone(school):
    chat = as_member(school, "1001")
    answer = chat.say("拔河比赛能带孩子去吗")
    assert "「教职工拔河比赛」这次只限老师本人参加，不能带家属。" in answer
    assert chat.say("想带我爱人和闺女一起").startswith("「教职工拔河比赛」这次不接受携带家属")
    assert chat.say("我们仨").startswith("「教职工拔河比赛」这次只限老师本人参加，家属不能同去。\n您本人还报名吗？")
    reply = chat.say("行吧 那就报名吧 我们仨")
    assert reply.startswith("报名成功！「教职工拔河比赛」\n") and reply.endswith("（这次只限老师本人参加，家属不能同去。）")
    assert party(school, "1001", "教职工拔河比赛") == 1


def test_family_where_they_may_come_is_counted_from_the_answer(school, family_day):
    chat = as_member(school, "1003")
    assert "「亲子游园会」可以带家属，每位老师最多 2 位（占名额）。" in chat.say("亲子游园会可以带家属吗")
    assert chat.say("我想带老公和儿子一起").startswith("确认报名「亲子游园会」（共 3 人）吗？")
    assert chat.say("对 我们三个人").startswith("报名成功！「亲子游园会」（共 3 人）")
    other = as_member(school, "1009")
    other.say("报名亲子游园会")
    assert other.say("好的 报吧 我们两个人").startswith("报名成功！「亲子游园会」（共 2 人）")
    assert party(school, "1009", "亲子游园会") == 2


# ---- the activity just shown, said no to, then yes after all ----------------------------------------


def test_a_hedge_about_the_activity_just_shown_then_yes_after_all(school):
    chat = as_member(school, "1004")
    assert chat.say("读书会几点开始啊").startswith("为您找到：")
    assert chat.say("四点半啊…太赶了 算了 先不报") == "好的，先不报「教师读书会」。改主意的话回复“还是报吧”，我就为您报上。"
    assert status(school, "1004", "教师读书会") is None
    assert chat.say("想了想还是报吧").startswith("报名成功！「教师读书会」")
    assert status(school, "1004", "教师读书会") == "confirmed"


def test_a_hedge_in_wu_and_a_plain_ok_after_it_signs_up_nobody(school):
    chat = as_member(school, "1004")
    chat.say("乒乓球啥辰光开始")
    assert chat.say("勿去了 先勿报").startswith("好的，先不报「乒乓球友谊赛」")
    assert "报名成功" not in chat.say("好的")
    assert status(school, "1004", "乒乓球友谊赛") is None


def test_family_said_right_after_the_activity_was_shown_is_a_sign_up_for_it(school):
    chat = as_member(school, "1004")
    chat.say("登山几号")
    assert chat.say("我想带老婆和孩子一起").startswith("「秋季登山活动」这次不接受携带家属")


def test_a_no_to_the_confirmation_taken_back_at_once(school):
    chat = as_member(school, "1004")
    chat.say("报名乒乓球")
    assert chat.say("否") == "好的，已放弃报名。"
    assert chat.say("哎 还是报吧").startswith("报名成功！「乒乓球友谊赛」")


def test_an_unclear_answer_is_asked_again_in_other_words(school):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    assert chat.say("嗯？？") == "请回复“是”确认报名，或回复“否”放弃。"
    assert chat.say("这个嘛……") == "要报名「教职工拔河比赛」吗？要报就回复“是”，不报就回复“否”。"
    assert chat.say("报").startswith("报名成功！")


# ---- two activities listed in one formal request ----------------------------------------------------


def test_two_activities_listed_formally_are_confirmed_together(school):
    chat = as_member(school, "1004")
    assert chat.say("现申请参加：教师读书会、乒乓球友谊赛。").startswith("确认报名以下 2 个活动吗？")
    assert chat.say("确认无误。").count("报名成功！") == 2
    assert status(school, "1004", "教师读书会") == status(school, "1004", "乒乓球友谊赛") == "confirmed"


def test_a_list_joined_with_and_names_both(school):
    chat = as_member(school, "1004")
    assert chat.say("报名拔河和读书会").startswith("确认报名以下 2 个活动吗？")


# ---- a cancellation said as an explanation, thanks as the yes ---------------------------------------


def retired_signed_up(school) -> None:
    row = school.store.db.one("SELECT id FROM activities WHERE title = '重阳敬老座谈会'")
    school.store.signups.signup(row["id"], school.store.members.by_staff_no("2005"))


def test_a_cancellation_said_as_an_explanation_is_asked_first_and_asking_again_does_it(school):
    retired_signed_up(school)
    chat = as_member(school, "2005")
    assert chat.say("我报了座谈会，不过那天要陪老伴去医院复查，估计去不成了") == \
        "要取消「重阳敬老座谈会」的报名吗？回复“是”确认。"
    assert status(school, "2005", "重阳敬老座谈会") == "confirmed"
    assert chat.say("那就麻烦帮我取消吧，不好意思啊") == "已为您取消「重阳敬老座谈会」的报名。"
    assert chat.say("谢谢").startswith("不客气")
    assert status(school, "2005", "重阳敬老座谈会") == "cancelled"


def test_thanks_answers_the_cancellation_the_teacher_asked_for(school):
    retired_signed_up(school)
    chat = as_member(school, "2005")
    assert chat.say("帮我把报名取消一下").startswith("要取消「重阳敬老座谈会」的报名吗？")
    assert chat.say("谢谢您！") == "已为您取消「重阳敬老座谈会」的报名。"


def test_asking_again_right_after_a_cancellation_is_told_it_is_done(school):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    chat.say("是")
    assert chat.say("拔河取消") == "已为您取消「教职工拔河比赛」的报名。"
    assert chat.say("麻烦帮我把拔河取消一下") == "「教职工拔河比赛」的报名已经为您取消了。需要再报时回复“报名拔河”。"


# ---- set 8's themes, in our own words -----------------------------------------------------------------


def test_the_right_activity_said_after_a_correction_while_the_wrong_one_waits(school):
    chat = as_member(school, "1004")
    chat.say("帮我报读书会")
    assert chat.say("不对不对 打错了 是卡拉OK 读书会不要报").startswith("确认报名「卡拉OK歌唱比赛」")
    assert chat.say("确认").startswith("报名成功！「卡拉OK歌唱比赛」")
    assert status(school, "1004", "教师读书会") is None


def test_put_off_in_a_sentence_at_the_confirmation_then_yes_after_all_with_family(school):
    chat = as_member(school, "1019")
    chat.say("登山能带家属吗")
    assert chat.say("嗯…那先给我报上吧，我和儿子两个人").startswith("「秋季登山活动」这次不接受携带家属")
    assert chat.say("哎 等等 那天好像要监考 先不报了") == "好的，已放弃报名。"
    reply = chat.say("跟同事换了监考 还是报吧 两个人")
    assert reply.startswith("报名成功！「秋季登山活动」") and reply.endswith("家属不能同去。）")
    assert party(school, "1019", "秋季登山活动") == 1


def test_family_asked_about_in_cantonese_after_the_activity_was_shown(school):
    chat = as_member(school, "1016")
    chat.say("拔河比賽喺邊度㗎？")
    assert "「教职工拔河比赛」这次只限老师本人参加，不能带家属。" in chat.say("可唔可以帶埋仔女去？")
    assert chat.say("咁幫我報名啦，一共三個人").startswith("「教职工拔河比赛」这次不接受携带家属")
    assert chat.say("係，確認").startswith("报名成功！")


def test_a_cancellation_and_a_new_sign_up_in_one_hurried_message_with_a_question(school):
    chat = as_member(school, "1004")
    chat.say("报名读书会")
    chat.say("是")
    reply = chat.say("快 读书会取消 改报乒乓球 另外体检几号")
    assert "已为您取消「教师读书会」的报名。" in reply and "确认报名「乒乓球友谊赛」" in reply and "体检" in reply
    assert chat.say("都确认").startswith("报名成功！「乒乓球友谊赛」")


def test_an_ok_before_the_request_is_no_request(school):
    chat = as_member(school, "1003")
    chat.say("体检要空腹吗")
    assert chat.say("好的 顺便帮我报个读书会").startswith("确认报名「教师读书会」")


def test_a_sign_up_on_condition_that_places_are_left(school):
    chat = as_member(school, "1004")
    assert chat.say("帮我瞅瞅9.10那个拔河还有位置没 有的话给我报上").startswith("确认报名「教职工拔河比赛」")


def test_a_hesitation_at_the_confirmation_is_no_new_request(school):
    """"这个嘛……" read as help (0.85) once left the sign-up for the help menu; a hesitation is asked again."""
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    for said in ("这个嘛……", "嗯……那个"):
        assert "工会小助手可以帮您" not in chat.say(said), said
    assert chat.say("是").startswith("报名成功！")
    chat.say("报名乒乓球")
    for said in ("那个 那个", "呃……这个"):
        assert "工会小助手可以帮您" not in chat.say(said), said
    assert chat.say("是").startswith("报名成功！")
