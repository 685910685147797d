"""Checkups, care reports (五必访) and opting out of greetings."""

from __future__ import annotations

from tests.conftest import as_member
from tests.helpers import Chat


def test_checkup_for_a_man(school):
    reply = as_member(school, "1001").say("今年体检什么时候")
    assert reply.startswith("【教职工年度体检】\n时间：9月15日（周二）至9月17日（周四）\n地点：市第一人民医院体检中心")
    assert "空腹" in reply and "妇女病" not in reply


def test_checkup_for_a_woman_includes_womens_screening(school):
    reply = as_member(school, "1003").say("体检安排")
    assert "【教职工年度体检】" in reply and "【女职工妇女病普查】" in reply
    only = as_member(school, "1003").say("妇女病普查")
    assert only.startswith("【女职工妇女病普查】") and "【教职工年度体检】" not in only


def test_womens_screening_asked_by_a_man(school):
    assert as_member(school, "1001").say("妇女病普查").startswith("女职工妇女病普查面向女教职工。您的体检安排：")


def test_checkup_unbound_and_none(school, bot):
    assert "绑定身份后可查看" in Chat(school, "guest").say("要空腹吗")
    school.clock.advance(days=30)
    assert Chat(school, "guest").say("体检") == "近期还没有体检安排。工会确定时间后会提前通知大家。"


def test_care_report_full_in_one_message(school):
    chat = as_member(school, "1003")
    # condolences, not the cheerful thanks a wedding gets
    assert chat.say("张老师父亲昨晚走了") == ("惊悉噩耗，深表哀悼。已转告工会委员，工会会尽快前往慰问，也请您代为转达工会的关心。"
                                       "相关信息只有工会委员可见。")
    officers = school.store.members.committee()
    rows = school.store.db.query("SELECT * FROM outbox WHERE kind = 'care'")
    assert {r["member_id"] for r in rows} == {o.id for o in officers} and len(officers) == 3
    assert "李娜（1003）报告：张老师父亲 — 张老师父亲昨晚走了（丧事），时间：昨晚（2026-08-31）" in rows[0]["text"]
    report = school.store.care.list()[0]
    assert report["event_kind"] == "丧事" and report["reporter_staff_no"] == "1003"


def test_care_report_asks_when(school):
    chat = as_member(school, "1003")
    assert chat.say("王老师住院了") == "大概是什么时候？（例如：昨天、下周六、11月20日；不清楚可回复“不清楚”）"
    assert chat.say("不清楚").startswith("谢谢您告诉工会")
    assert school.store.care.list()[0]["when_text"] == "不清楚"


def test_care_report_about_oneself(school):
    chat = as_member(school, "1006")
    assert chat.say("我下个月结婚").startswith("喜事！谢谢您告诉工会，先送上祝福")
    row = school.store.care.list()[0]
    assert row["subject"] == "杨磊（本人）" and row["event_kind"] == "结婚" and row["when_text"] == "下个月"
    text = school.store.db.scalar("SELECT text FROM outbox WHERE kind = 'care' LIMIT 1")
    assert "杨磊（本人）" in text


def test_care_report_asks_who(school):
    chat = as_member(school, "1006")
    assert chat.say("住院了") == "请问是哪位老师？（例如“数学组王老师”，如果是您本人请回复“我”）"
    assert chat.say("英语组周老师").startswith("大概是什么时候")
    assert chat.say("今天").startswith("谢谢")


def test_care_is_not_echoed_to_others(school):
    as_member(school, "1003").say("王老师住院了")
    other = as_member(school, "1006")
    assert "住院" not in other.say("最近有什么活动")


def test_unsubscribe_and_resume(school):
    chat = as_member(school, "1003")
    assert chat.say("别再推送了").startswith("好的，李娜老师，以后不再给您推送生日和节日祝福。")
    assert school.store.members.by_staff_no("1003").push_opt_out == 1
    assert chat.say("别再推送了").startswith("您已经关闭了祝福推送")
    assert chat.say("恢复推送") == "已恢复推送，李娜老师，生日和节日祝福会照常送达。"
    assert school.store.members.by_staff_no("1003").push_opt_out == 0
    assert chat.say("恢复推送").startswith("您的祝福推送一直开着")


def test_care_report_asks_what_happened(school):
    chat = as_member(school, "1006")
    chat.say("住院了")
    chat.say("英语组周老师")
    chat.say("昨天")
    rows = school.store.care.list()
    assert rows and rows[0]["event_kind"] == "生病住院"
    chat2 = as_member(school, "1010")
    # 困难: who and what are known, and a hardship has no single day to ask for
    assert chat2.say("王老师家里出事了，需要关心").startswith("谢谢您告诉工会。已转告工会委员，工会会尽快了解情况")


def test_checkup_reminder_text(school):
    from bot.scheduler import plan

    school.clock.set("2026-09-15 07:00")
    reminders = [p for p in plan(school, school.clock.today()) if p.kind == "checkup_reminder"]
    zhang = next(p for p in reminders if p.member.staff_no == "1001")
    assert zhang.text.startswith("【体检提醒】张伟老师，教职工年度体检今天开始（9月15日（周二）至9月17日（周四）），地点：市第一人民医院体检中心。")
