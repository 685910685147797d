"""Whole conversations, twelfth round (issue 19), care news as teachers tell it: a birth said as 添丁, her
own retirement said as "这个月底就要退了" (news, never a withdrawal from a sign-up), an operation said as "动了个
刀子", a colleague's birth said in two words ("唐宁生啦"), her own illness said as 身体抱恙 after a vocative
("小同志，…" addresses the bot, it names nobody), news with no one named (her own, or her own family's:
"媳妇昨晚生了", "明天住院"), and an answer to "请问是哪位老师？" that tells more of the news instead of a name
(then the news is hers). Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round12_conv16 import one_report, reports

ASKED_WHO = "请问是哪位老师"
HELP_MENU = "您可以这样说"


# ---- a birth said as 添丁 ------------------------------------------------------------------------------


@pytest.mark.parametrize(("staff_no", "text", "day"), [
    ("1006", "报告个喜事，我家添丁了！今天凌晨4点多生的，儿子，7斤2两", "2026-09-01"),
    ("1026", "跟工会报个喜事 我家昨天添丁了 是个闺女", "2026-08-31"),
    ("1016", "喜事一桩：我家前天添了个千金", "2026-08-30"),
])
def test_a_birth_said_as_tianding_is_the_senders_own(school, staff_no, text, day):
    chat = as_member(school, staff_no)
    reply = chat.say(text)
    assert ASKED_WHO not in reply and "恭喜" in reply
    subject, kind, when = one_report(school)
    name = school.store.members.by_staff_no(staff_no).name
    assert name in subject and kind == "生育" and day in when


def test_details_after_a_tianding_report_are_added_not_a_menu(school):
    chat = as_member(school, "1006")
    chat.say("报告个喜事，我家添丁了！今天凌晨4点多生的，儿子，7斤2两")
    reply = chat.say("母子平安，谢谢大家惦记")
    assert HELP_MENU not in reply and ASKED_WHO not in reply
    assert len(reports(school)) == 1


# ---- her own retirement said as 要退了 ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "人老了，干不动了，我这个月底就要退了",
    "干了一辈子 我这个月底就退了",
    "岁数到了，我月底就要退了，跟工会说一声",
    "跟大家说一声 月底我就退了",
])
def test_retiring_said_as_tui_le_is_news_not_a_withdrawal(school, text):
    chat = as_member(school, "1023")
    reply = chat.say(text)
    assert "报名" not in reply and ASKED_WHO not in reply
    subject, kind, when = one_report(school)
    assert subject == "郑秀英（本人）" and kind == "退休" and "2026-09-30" in when


def test_the_retirement_day_said_next_is_the_reports(school):
    chat = as_member(school, "1023")
    chat.say("人老了，干不动了，我这个月底就要退了")
    reply = chat.say("手续上写的是9月30号正式退休")
    assert ASKED_WHO not in reply
    chat.say("在学校干了32年，还真舍不得")
    subject, kind, when = one_report(school)
    assert subject == "郑秀英（本人）" and kind == "退休" and "2026-09-30" in when


@pytest.mark.parametrize("text", ["拔河我要退了", "读书会那个我想退了", "帮我退了吧", "下个月那个我要退了"])
def test_a_withdrawal_is_still_a_withdrawal(school, text):
    chat = as_member(school, "1023")
    chat.say(text)
    assert reports(school) == []


# ---- an operation said as 动了个刀子, a colleague named first ------------------------------------------------


@pytest.mark.parametrize(("text", "subject", "day"), [
    ("朱军昨天动了个刀子，阑尾，现在在市中医院住着", "朱军", "2026-08-31"),
    ("罗斌前天动刀子了 胆囊 在人民医院", "罗斌", "2026-08-30"),
    ("何雪上周五动了个手术，在市一院住着呢", "何雪", "2026-08-28"),
])
def test_an_operation_said_plainly_about_a_colleague(school, text, subject, day):
    chat = as_member(school, "1008")
    reply = chat.say(text)
    assert HELP_MENU not in reply and "康复" in reply
    assert one_report(school)[:2] == (subject, "生病住院") and day in one_report(school)[2]


def test_a_visit_asked_after_is_added_to_the_report(school):
    chat = as_member(school, "1008")
    chat.say("朱军昨天动了个刀子，阑尾，现在在市中医院住着")
    reply = chat.say("工会看看要不要安排人去看一下他")
    assert "正在报名" not in reply and HELP_MENU not in reply
    assert len(reports(school)) == 1


# ---- a colleague's birth in two words, its day next ------------------------------------------------------


@pytest.mark.parametrize(("first", "then", "subject", "day"), [
    ("唐宁生啦！！", "上周六生的，女儿，6斤多，母女平安", "唐宁", "2026-08-29"),
    ("周婷生啦~", "昨天晚上生的 儿子", "周婷", "2026-08-31"),
    ("何雪老师生啦", "前天 女儿 七斤", "何雪", "2026-08-30"),
])
def test_a_colleagues_birth_in_two_words_then_its_day(school, first, then, subject, day):
    chat = as_member(school, "1021")
    assert HELP_MENU not in chat.say(first)
    chat.say(then)
    subject_, kind, when = one_report(school)
    assert subject_ == subject and kind == "生育" and day in when


# ---- a vocative is nobody; 身体抱恙 is an illness ---------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("小同志，跟你们说一声，我最近身体抱恙，上周五住进了市一院，老毛病了", "2026-08-28"),
    ("小伙子，我前天住院了，老毛病，跟工会讲一声", "2026-08-30"),
    ("小姑娘你好，我昨天身体不适住进了医院", "2026-08-31"),
])
def test_a_vocative_to_the_bot_is_not_the_person(school, text, day):
    chat = as_member(school, "2005")
    reply = chat.say(text)
    assert "康复" in reply
    subject, kind, when = one_report(school)
    assert subject == "陈玉珍（本人）" and kind == "生病住院" and day in when


@pytest.mark.parametrize("then", ["不用特意来看我，就是跟工会报备一下", "不必来看望了，跟你们说一声就好", "谢谢组织关心"])
def test_a_polite_aside_after_the_report_is_acknowledged(school, then):
    chat = as_member(school, "2005")
    chat.say("小同志，跟你们说一声，我最近身体抱恙，上周五住进了市一院，老毛病了")
    reply = chat.say(then)
    assert HELP_MENU not in reply and "好的" in reply
    assert len(reports(school)) == 1


# ---- news with no one named is hers; an answer with more news to "哪位老师" is hers ----------------------------


@pytest.mark.parametrize(("staff_no", "turns", "subject", "kind", "day"), [
    ("1002", ["明天住院", "甲状腺结节手术 问题不大 跟工会说一声"], "王芳", "生病住院", "2026-09-02"),
    ("1026", ["媳妇昨晚生了！", "闺女 六斤八两 母女平安"], "韩冬", "生育", "2026-08-31"),
    ("1025", ["国庆", "要办婚礼啦 10月3号", "嗯嗯 就是报个喜"], "谢婷婷", "结婚", "2026-10-03"),
    ("1007", ["家父前天凌晨走了", "这几天请假在老家 谢谢组织关心"], "赵敏", "丧事", "2026-08-30"),
    ("1012", ["后天住院", "做个小手术 问题不大"], "孙强", "生病住院", "2026-09-03"),
    ("1009", ["下个月18号办酒", "就是来报个喜的"], "周婷", "结婚", "2026-10-18"),
    ("1016", ["老婆前天生了", "是个儿子 母子平安"], "郭涛", "生育", "2026-08-30"),
])
def test_news_with_no_one_named_is_the_senders(school, staff_no, turns, subject, kind, day):
    chat = as_member(school, staff_no)
    for said in turns:
        chat.say(said)
    subject_, kind_, when = one_report(school)
    assert subject in subject_ and kind_ == kind and day in when


def test_an_answer_naming_someone_else_is_not_taken_as_hers(school):
    chat = as_member(school, "1002")
    assert ASKED_WHO in chat.say("明天住院")
    chat.say("她说问题不大")
    assert reports(school) == []


def test_an_answer_with_a_name_still_names_the_person(school):
    chat = as_member(school, "1002")
    chat.say("明天住院")
    chat.say("英语组周婷")
    assert one_report(school)[0] == "周婷"


# ---- after the report: a visit asked about, a feeling ------------------------------------------------------


@pytest.mark.parametrize(("first", "then", "asked"), [
    (["唐宁生啦！！", "上周六生的，女儿，6斤多，母女平安"], "她现在在坐月子，工会什么时候去看看她呀", "坐月子"),
    (["朱军昨天动了个刀子，阑尾，现在在市中医院住着"], "工会能不能派人去看望一下他", "看望"),
    (["何雪老师前天住院了"], "工会什么时候去探望呀", "探望"),
])
def test_a_visit_asked_after_the_report_is_told_to_the_committee(school, first, then, asked):
    chat = as_member(school, "1021")
    for said in first:
        chat.say(said)
    reply = chat.say(then)
    assert ASKED_WHO not in reply and "探望" in reply
    rows = school.store.db.query("SELECT event FROM care_reports")
    assert len(rows) == 1 and asked in rows[0]["event"]


@pytest.mark.parametrize("feeling", ["在学校干了32年，还真舍不得", "真舍不得大家"])
def test_a_feeling_after_a_retirement_report_is_added_not_the_menu(school, feeling):
    chat = as_member(school, "1023")
    chat.say("人老了，干不动了，我这个月底就要退了")
    reply = chat.say(feeling)
    assert HELP_MENU not in reply
    rows = school.store.db.query("SELECT event FROM care_reports")
    assert len(rows) == 1 and "舍不得" in rows[0]["event"]
