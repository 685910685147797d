"""Whole conversations, fifth round (issue 19): what a teacher gives out of turn is kept, a different
activity named while a confirmation waits replaces it, a change of mind after a cancellation, a
confirmation in the same breath as the request, consent refused in dialect, greetings turned back
on right after turning them off, a retirement. Chat scripts at the demo school's frozen clock
(Tuesday 2026-09-01 09:00; a member's phone ends in her 工号). Wording is our own, not the
held-out set's."""

from __future__ import annotations

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import care_rows, status

# ---- binding: the name given where the 工号 was asked is kept ------------------------------------


def test_a_name_given_before_the_staff_number_is_not_asked_again(school):
    chat = Chat(school, "u-new")
    assert chat.say("我想绑定身份").startswith("请回复您的工号")
    assert chat.say("我叫林晓燕").startswith("好的，请再回复您的工号")
    assert chat.say("1019").startswith("为确认身份，请回复您登记手机号的后四位")
    assert chat.say("尾号1019").startswith("绑定成功！林晓燕老师")


def test_a_name_with_a_group_where_the_staff_number_was_asked(school):
    chat = Chat(school, "u-new")
    chat.say("咋整绑定啊")
    assert chat.say("鄙人梁红，教务处的").startswith("好的，请再回复您的工号")
    assert chat.say("我的工号是1021").startswith("为确认身份")
    assert chat.say("1021").startswith("绑定成功！梁红老师")


def test_an_unbound_teacher_introducing_herself_in_cantonese_starts_binding(school):
    chat = Chat(school, "u-new")
    assert chat.say("我係郭濤，體育組嘅").startswith("您好，郭涛老师！先绑定一下身份")
    assert chat.say("1016").startswith("为确认身份")
    assert chat.say("手機尾數1016").startswith("绑定成功！郭涛老师")


# ---- sign-up: another activity named while the confirmation waits ---------------------------------


def test_naming_another_activity_at_the_confirmation_switches_to_it(school):
    chat = as_member(school, "1004")
    assert chat.say("报读书会").startswith("确认报名「教师读书会」")
    assert chat.say("哦搞错了，我要的是拔河，读书会不去").startswith("确认报名「教职工拔河比赛」")
    assert chat.say("对 拔河 没错").startswith("报名成功！")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"
    assert status(school, "1004", "教师读书会") is None


def test_a_change_of_activity_in_cantonese_at_the_confirmation(school):
    chat = as_member(school, "1004")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    assert chat.say("唔好意思 换成羽毛球得唔得").startswith("确认报名「羽毛球联谊赛」")
    assert chat.say("得").startswith("报名成功！")
    assert status(school, "1004", "羽毛球联谊赛") == "confirmed"


def test_the_activity_said_no_to_in_the_same_message_is_not_the_one_signed_up(school):
    chat = as_member(school, "1004")
    assert chat.say("好嘞 读书会给我报上 拔河就算了").startswith("确认报名「教师读书会」")


# ---- cancellation: a change of mind, and a confirmation in the same breath -------------------------


def test_keeping_a_sign_up_just_cancelled_in_other_words(school):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    chat.say("是")
    assert chat.say("拔河取消吧").startswith("已为您取消")
    assert chat.say("唉 算了 我不退了，还去，留着吧").startswith("好的，已为您恢复「教职工拔河比赛」")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"


def test_a_cancellation_that_confirms_itself_is_done_at_once(school):
    chat = as_member(school, "1004")
    chat.say("报名读书会")
    chat.say("是")
    assert chat.say("那就取消吧，确认取消").startswith("已为您取消「教师读书会」")
    assert status(school, "1004", "教师读书会") in (None, "cancelled")


# ---- suggestion consent: a refusal in dialect is anonymous ------------------------------------------


def test_a_dialect_refusal_of_the_name_files_anonymously(school):
    chat = as_member(school, "1004")
    assert chat.say("建议食堂晚饭多开一个窗口").startswith("要署上您的名字吗")
    assert "匿名" in chat.say("甭写我名字")
    rows = school.store.scratch.query("SELECT content, member_id FROM tray")
    assert [r["member_id"] for r in rows] == [None]


def test_mo_in_sichuanese_refuses_the_name(school):
    chat = as_member(school, "1004")
    chat.say("建议图书馆周末也开门")
    chat.say("莫写我的名字嘛")
    rows = school.store.scratch.query("SELECT content, member_id FROM tray")
    assert [r["member_id"] for r in rows] == [None]


# ---- greetings: turned back on in everyday words, right after turning them off ---------------------


def test_greetings_turned_back_on_right_after_in_everyday_words(school):
    chat = as_member(school, "1004")
    assert chat.say("不要给我发节日祝福了").startswith("好的，刘洋老师，以后不再给您推送")
    assert chat.say("哎呀 想想还是留着吧 也不烦").startswith("已恢复推送")
    assert not school.store.members.by_staff_no("1004").push_opt_out


# ---- care: a retirement is its own kind -----------------------------------------------------------


def test_a_retirement_is_reported_as_a_retirement(school):
    chat = as_member(school, "1001")
    reply = chat.say("曹雪梅老师下个月10号光荣退休")
    assert "退休" in reply
    assert care_rows(school)[0]["event_kind"] == "退休"


# ---- suggestions: a request with nothing in it yet asks for the words first ----------------------


def test_a_proposal_announced_before_its_words_asks_for_them_then_for_consent(school):
    chat = as_member(school, "1004")
    assert "请" in chat.say("我想交一份教代会提案")
    assert chat.say("关于增加班主任津贴的提案：建议班主任津贴每月提高两百元").startswith("要署上您的名字吗")
    chat.say("署名")
    rows = [r for r in school.store.scratch.query("SELECT content, member_id FROM tray") if "班主任津贴" in r["content"]]
    assert [r["member_id"] for r in rows] == [school.store.members.by_staff_no("1004").id]


def test_a_name_asked_for_in_wu_words_signs(school):
    chat = as_member(school, "1004")
    chat.say("建议教工之家添一台咖啡机")
    chat.say("就写阿拉的名字")
    rows = school.store.scratch.query("SELECT content, member_id FROM tray")
    assert [r["member_id"] for r in rows] == [school.store.members.by_staff_no("1004").id]


# ---- a question that was not answered: a new request naming its own activity stands alone ----------


def test_a_request_naming_another_activity_after_which_do_you_mean(school):
    chat = as_member(school, "1003")
    first = chat.say("数学组那个趣味运动会我可以参加不 我是英语组的")
    reply = chat.say("那给我报个拔河吧")
    assert reply.startswith("确认报名「教职工拔河比赛」"), (first, reply)
