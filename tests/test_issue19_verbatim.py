"""Issue 19's own words, each as a teacher sent it when the issue was filed, as chat scripts at the
demo school's frozen clock (Tuesday 2026-09-01 09:00; a member's phone ends in her 工号 unless said).
One test per case the issue names: the care report that lost the colleague, the yes that was refused,
the consent that was misread, the binding as teachers write it, greetings back on in everyday words,
numbers in words, activities found by month and by the words of their title, two requests in one."""

from __future__ import annotations

import re

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import care_rows, status

GET_WELL = "谢谢您告诉工会，祝早日康复！"


def add_member(school, staff_no: str, name: str, gender: str, group: str, phone: str) -> None:
    school.store.members.upsert(staff_no=staff_no, name=name, gender=gender, group_name=group, phone=phone)


# ---- care reports keep the colleague, the day and the right words --------------------------------


def test_a_short_official_care_report_names_the_roster_member_and_yesterday(school):
    add_member(school, "1031", "王建军", "男", "数学组", "13900001031")
    chat = as_member(school, "1001")
    assert chat.say("数学组王建军老师昨日住院了，请工会知悉。").startswith(GET_WELL)
    assert care_rows(school) == [{"subject": "王建军", "event_kind": "生病住院", "when_text": "昨日（2026-08-31）"}]


def test_a_care_report_with_an_official_preamble_is_a_care_report(school):
    add_member(school, "1031", "王建军", "男", "数学组", "13900001031")
    chat = as_member(school, "1001")
    reply = chat.say("特此告知工会：数学组王建军老师因心脏不适，于昨日住进市第一人民医院心内科。")
    assert reply.startswith(GET_WELL), reply
    [row] = care_rows(school)
    assert row["subject"] == "王建军" and row["event_kind"] == "生病住院" and "2026-08-31" in row["when_text"]


def test_a_yes_is_not_taken_for_the_day_asked_about(school):
    chat = as_member(school, "1001")
    assert chat.say("赵德明老师住院了").startswith("大概是什么时候？")
    chat.say("是")
    [row] = care_rows(school)
    assert row["when_text"] != "是" and "时间：是" not in str(school.store.db.query("SELECT * FROM outbox"))


def test_a_bereavement_gets_condolences_and_a_wedding_congratulations(school):
    chat = as_member(school, "1001")
    assert chat.say("数学组孙强老师的父亲前天晚上去世了").startswith("惊悉噩耗，深表哀悼。")
    assert chat.say("语文组陈静老师9月26日结婚").startswith("喜事！谢谢您告诉工会，先送上祝福：新婚快乐！")
    assert chat.say("英语组周婷老师昨天生了个女儿").startswith("恭喜添丁之喜！")
    assert [r["event_kind"] for r in care_rows(school)] == ["丧事", "结婚", "生育"]


# ---- yes, no and consent as people say them -----------------------------------------------------


def test_natural_yes_signs_up(school):
    for staff_no, yes in [("1001", "是的，确认报名。"), ("1003", "嗯嗯 冲"), ("1004", "好滴")]:
        chat = as_member(school, staff_no)
        assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
        assert chat.say(yes).startswith("报名成功！"), yes
        assert status(school, staff_no, "教职工拔河比赛") == "confirmed"


def test_write_my_name_signs_the_suggestion(school):
    chat = as_member(school, "1001")
    assert chat.say("我想提个建议：食堂晚饭能不能延长到七点").startswith("要署上您的名字吗？")
    assert "（实名）" in chat.say("就写我的名字吧没关系")


# ---- binding as teachers write it ----------------------------------------------------------------


def test_a_polite_question_with_group_name_and_number_asks_only_for_the_proof(school):
    add_member(school, "8019", "何秀英", "女", "行政后勤组", "13900008019")
    chat = Chat(school, "u-new")
    assert chat.say("您好！我是行政后勤组的何秀英，工号8019。请问如何在此绑定本人身份？").startswith(
        "为确认身份，请回复您登记手机号的后四位")
    assert chat.say("8019").startswith("绑定成功！何秀英老师")


def test_a_dictated_binding_with_the_number_in_words(school):
    add_member(school, "8036", "杜建平", "男", "行政后勤组", "13900008036")
    chat = Chat(school, "u-new")
    assert chat.say("喂你好我是行政后勤组的杜建平我想绑定一下我的工号是八零三六").startswith(
        "为确认身份，请回复您登记手机号的后四位")
    assert chat.say("手机后四位是八零三六").startswith("绑定成功！杜建平老师")


def test_the_right_last_four_in_words_is_a_proof_not_a_failure(school):
    add_member(school, "1031", "王建军", "男", "数学组", "13912349898")
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1031 王建军").startswith("为确认身份")
    assert chat.say("手机后四位是九八九八").startswith("绑定成功！王建军老师")


# ---- greetings back on, in everyday words --------------------------------------------------------


def test_greetings_come_back_when_asked_in_everyday_words(school):
    chat = as_member(school, "1001")
    chat.say("别再发生日祝福了")
    assert school.store.members.by_staff_no("1001").push_opt_out
    assert chat.say("还是给我发吧，收到祝福挺开心的").startswith("已恢复推送")
    assert not school.store.members.by_staff_no("1001").push_opt_out


# ---- a ticket code read aloud ---------------------------------------------------------------------


def test_a_ticket_code_with_spoken_digits_is_read_as_the_code(school):
    chat = as_member(school, "1001")
    assert "编号为 5F5DJB" in chat.say("查询建议五F五DJB")
    chat.say("建议：教师休息室装个饮水机")
    ticket = re.search(r"编号 ([0-9A-Z]{6})", chat.say("实名")).group(1)
    spoken = ticket.translate(str.maketrans("23456789", "二三四五六七八九"))
    assert spoken != ticket
    assert ticket in chat.say(f"查询建议{spoken}") and "没有找到" not in chat.say(f"查询建议{spoken}")


# ---- activities: by month however far ahead, by the words of their title ------------------------


def test_a_month_question_finds_a_march_activity_months_ahead(school):
    school.store.activities.add("三八节女教职工健步走", "2027-03-07 09:00", "滨江公园", 50, "2027-03-05 17:00", "female")
    chat = as_member(school, "1003")
    assert "三八节女教职工健步走" in chat.say("三月有什么活动")
    assert "三八节女教职工健步走" in chat.say("最近有什么活动")  # the default list is what is open for sign-up


def test_a_festival_named_activity_is_signed_up_in_one_step(school):
    chat = as_member(school, "1003")
    assert chat.say("报名三八节插花活动").startswith("确认报名「女教职工插花沙龙」")
    assert chat.say("是").startswith("报名成功！")


def test_two_close_activities_are_offered_never_guessed(school):
    chat = as_member(school, "2001")
    reply = chat.say("我报名重阳秋游")
    assert not reply.startswith("确认报名") and "秋季登山活动" in reply and "重阳敬老座谈会" in reply
    assert chat.say("2").startswith("确认报名「重阳敬老座谈会」")


def test_the_bots_own_cancel_hint_cancels(school):
    chat = as_member(school, "1001")
    chat.say("报名登山")
    done = chat.say("是")
    hint = re.search(r"回复“(取消报名[^”]+)”", done).group(1)
    assert chat.say(hint).startswith("已为您取消「秋季登山活动」")
    assert chat.say("报名秋季登山").startswith("确认报名「秋季登山活动」")
    assert chat.say("是").startswith("报名成功！")
    assert chat.say("取消报名秋季").startswith("已为您取消「秋季登山活动」")


# ---- two requests in one message, hedges, a 工号 in passing ----------------------------------------


def test_two_requests_in_one_message_are_both_handled(school):
    chat = as_member(school, "1001")
    reply = chat.say("报名拔河，另外体检是哪天")
    assert reply.startswith("确认报名「教职工拔河比赛」") and "教职工年度体检" in reply
    assert chat.say("是").startswith("报名成功！")


def test_a_question_that_opens_with_not_now_is_not_a_cancellation(school):
    chat = as_member(school, "1001")
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say("先不报，就问问乒乓球几点开始")
    assert "乒乓球友谊赛" in reply and "16:00" in reply
    assert status(school, "1001", "教职工拔河比赛") == "confirmed"
    assert status(school, "1001", "乒乓球友谊赛") is None


def test_a_staff_number_in_passing_is_not_a_binding(school):
    chat = as_member(school, "1001")
    reply = chat.say("我工号1001，想问下体检几号")
    assert "教职工年度体检" in reply and "绑定" not in reply
