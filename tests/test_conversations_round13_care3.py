"""Whole conversations, thirteenth round (issue 19), care news told at length and greetings in everyday
words: her own operation filed with the union (报备 / 跟工会说一下) while a colleague is named only as the one
who covers her lessons, drives her or told her (that colleague is not the one the news is about; a doctor's
建议 makes it no suggestion); days named by a festival or a school day (教师节, 国庆, 中秋, 重阳; 开学前一天 by the
term's start in the school calendar, and where the calendar has none its words are kept, no date guessed); greetings turned off in
words that also say "又" or "想起" ("看到就想起又老一岁" is no wish to have them back), and the other kind
after them ("节日的也一起关了吧"). Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round12_conv16 import one_report, reports

ASKED_WHO = "请问是哪位老师"
HELP_MENU = "您可以这样说"
ASKED_SIGNED = "要署上您的名字吗"


def suggestions(school) -> list[str]:
    return [r["content"] for r in school.store.db.query("SELECT content FROM suggestions")]


# ---- her own operation filed with the union; the colleague who covers is not the subject ---------------------


def test_her_own_operation_reported_at_length_is_hers_not_the_substitutes(school):
    chat = as_member(school, "1002")  # 王芳
    reply = chat.say("跟工会报备一下：暑假体检查出甲状腺结节，医生建议尽快切掉，已经约好下周一在市中心医院手术，"
                     "大概住五六天。课已经请陈静老师帮忙代了。")
    assert ASKED_SIGNED not in reply and "康复" in reply
    reply = chat.say("是我本人。手术就是9月7号")
    assert "建议" not in reply and "编号" not in reply
    assert suggestions(school) == []
    subject, kind, when = one_report(school)
    assert subject == "王芳（本人）" and kind == "生病住院" and "2026-09-07" in when


@pytest.mark.parametrize(("staff_no", "text", "subject", "day"), [
    ("1011", "跟工会说一下：我下周三要在市一院做个小手术，住院三天左右，这几天的课请周婷老师帮我代了", "徐丽（本人）", "2026-09-09"),
    ("1006", "报备一下，医生建议我早点把胆囊摘掉，约了9月8号手术，孙强老师开车送我去", "杨磊（本人）", "2026-09-08"),
    ("1019", "向工会汇报一下 明天住院做阑尾手术 是高峰老师告诉我要跟工会说的", "林晓燕（本人）", "2026-09-02"),
    ("1021", "跟工会讲一声，后天我去市二院做甲状腺切除，课由何雪老师顶一下", "梁红（本人）", "2026-09-03"),
])
def test_a_colleague_who_covers_drives_or_told_is_not_the_subject(school, staff_no, text, subject, day):
    chat = as_member(school, staff_no)
    reply = chat.say(text)
    assert ASKED_SIGNED not in reply and ASKED_WHO not in reply
    assert suggestions(school) == []
    subject_, kind, when = one_report(school)
    assert subject_ == subject and kind == "生病住院" and day in when


@pytest.mark.parametrize(("text", "subject"), [
    ("王芳老师明天住院做手术，她的课陈静老师帮忙代了", "王芳"),
    ("周婷老师昨天住院了，是高峰老师开车送去的", "周婷"),
])
def test_the_colleague_in_hospital_is_still_the_subject_beside_a_helper(school, text, subject):
    chat = as_member(school, "1001")
    chat.say(text)
    assert one_report(school)[:2] == (subject, "生病住院")


def test_a_suggestion_about_the_ill_is_still_a_suggestion(school):
    chat = as_member(school, "1001")
    reply = chat.say("跟工会说一下，建议给住院的老师多发点慰问金")
    assert ASKED_SIGNED in reply
    assert reports(school) == []


# ---- her own operation on a festival or a school day ---------------------------------------------------------


def test_her_own_operation_on_teachers_day(school):
    chat = as_member(school, "1020")  # 罗斌
    reply = chat.say("跟工会说一下，教师节那天我要去省人民医院做胆囊切除，医生说微创，住三四天就行")
    assert "您是想" not in reply and "康复" in reply
    chat.say("是我本人")
    reply = chat.say("好的 谢谢关心")
    assert "活动" not in reply and HELP_MENU not in reply
    subject, kind, when = one_report(school)
    assert subject == "罗斌（本人）" and kind == "生病住院" and "2026-09-10" in when


@pytest.mark.parametrize(("staff_no", "text", "kind", "day"), [
    ("1009", "跟工会说一声，国庆那天我结婚", "结婚", "2026-10-01"),
    ("1003", "跟工会报备一下 中秋节当天我要去做个小手术", "生病住院", "2026-09-25"),
    ("1017", "重阳节那天我办婚礼，跟工会说一声", "结婚", "2026-10-18"),
    ("1016", "我教师节住院做手术", "生病住院", "2026-09-10"),
    ("1006", "春节我要结婚了 跟工会说一声", "结婚", "2027-02-06"),
])
def test_a_festival_names_the_day(school, staff_no, text, kind, day):
    chat = as_member(school, staff_no)
    chat.say(text)
    subject, kind_, when = one_report(school)
    assert "本人" in subject and kind_ == kind and day in when


@pytest.mark.parametrize(("text", "day"), [
    ("跟工会说一下，开学前一天我要住院做个小手术", "2026-08-31"),
    ("开学第一天就出事了，我上楼梯摔了，脚踝骨折", "2026-09-01"),
])
def test_a_school_day_is_read_from_the_term_start_in_the_school_calendar(school, text, day):
    chat = as_member(school, "1011")
    chat.say(text)
    subject, kind, when = one_report(school)
    assert subject == "徐丽（本人）" and kind == "生病住院" and day in when


def test_without_a_term_start_a_school_day_keeps_its_words_and_no_date(tmp_path):
    from bot import demo
    from bot.app import Bot
    from bot.clock import FrozenClock
    from tests.conftest import make_config

    calendar = tmp_path / "calendar.toml"  # a school's own calendar, no [[term]] in it
    calendar.write_text('[[occasion]]\nid = "jiaoshi"\nname = "教师节"\nsolar = "09-10"\nwish = "教师节快乐！"\n', "utf-8")
    bot = Bot(make_config(tmp_path, schedule={"calendar_file": str(calendar)}), FrozenClock("2026-09-01 09:00"))
    demo.seed(bot.store, bot.clock)
    chat = as_member(bot, "1011")
    reply = chat.say("跟工会说一下，开学前一天我要住院做个小手术")
    subject, kind, when = one_report(bot)
    assert subject == "徐丽（本人）" and kind == "生病住院"
    assert "开学前一天" in when and "2026-" not in when
    assert "例如“9月26号”" in reply  # the day is asked for, never guessed


@pytest.mark.parametrize(("text", "day"), [
    ("后勤的彭亮上周五开完会回家路上骑电动车摔了 左腿骨折 现在在市中医院骨科住着", "2026-08-28"),
    ("彭亮老师昨天下班路上出了车祸，在市一院住着", "2026-08-31"),
])
def test_a_day_with_what_was_done_that_day(school, text, day):
    chat = as_member(school, "1014")
    chat.say(text)
    subject, kind, when = one_report(school)
    assert subject == "彭亮" and kind == "生病住院" and day in when


# ---- greetings off in words that say 又 or 想起; the other kind next ------------------------------------------


def _greetings_off(school, staff_no: str) -> bool:
    return bool(school.store.members.by_staff_no(staff_no).push_opt_out)


@pytest.mark.parametrize("text", [
    "生日祝福以后别发了，一把年纪了，看到就想起又老一岁",
    "生日祝福以后不用发了，看到就想起又大了一岁",
    "生日的祝福别再发了吧，每次看到又提醒我老了",
    "以后生日祝福不用给我发了，又不是小孩子了",
])
def test_greetings_turned_off_in_words_that_say_again(school, text):
    chat = as_member(school, "1014")
    reply = chat.say(text)
    assert "一直开着" not in reply and "不再给您推送" in reply
    assert _greetings_off(school, "1014")


@pytest.mark.parametrize("then", ["节日的也一起关了吧，都不要", "节日祝福也关了吧", "过节的那些也别发了"])
def test_the_other_kind_after_turning_one_off_is_understood(school, then):
    chat = as_member(school, "1014")
    chat.say("生日祝福以后别发了，一把年纪了，看到就想起又老一岁")
    reply = chat.say(then)
    assert HELP_MENU not in reply and "恢复" not in reply.split("想恢复")[0]
    assert "节日" in reply
    assert _greetings_off(school, "1014")


@pytest.mark.parametrize("text", ["生日祝福还是再开开吧", "祝福还是发吧，想想挺暖心的", "把生日祝福再打开吧"])
def test_greetings_turned_back_on_in_everyday_words(school, text):
    school.store.members.set_opt_out(school.store.members.by_staff_no("1014").id, True)
    chat = as_member(school, "1014")
    reply = chat.say(text)
    assert "已恢复推送" in reply
    assert not _greetings_off(school, "1014")


# ---- more of the set's care news: a baby with nobody named, a last working day, a hardship's family ------------


@pytest.mark.parametrize("text", ["当爸爸了！！今天早上6点12分 市妇幼 儿子 7斤2两 母子平安", "当妈妈啦 昨晚生的 闺女六斤"])
def test_becoming_a_parent_with_nobody_named_is_the_senders(school, text):
    chat = as_member(school, "1026")
    reply = chat.say(text)
    assert ASKED_WHO not in reply and "恭喜" in reply
    assert one_report(school)[:2] == ("韩冬（本人）", "生育")


@pytest.mark.parametrize("pause", ["等下 护士叫我", "稍等 我先忙一下"])
def test_a_pause_while_telling_keeps_the_report_open(school, pause):
    chat = as_member(school, "1026")
    chat.say("当爸爸了！！今天早上6点12分 市妇幼 儿子 7斤2两 母子平安")
    reply = chat.say(pause)
    assert HELP_MENU not in reply and "您先忙" in reply
    reply = chat.say("回来了 就是我家的 我爱人生的 跟工会说一声 谢谢大家")
    assert HELP_MENU not in reply
    assert one_report(school)[:2] == ("韩冬（本人）", "生育")


@pytest.mark.parametrize("text", [
    "在学校干了三十八年，从烧锅炉干到管后勤，9月30号就是我最后一个工作日，正式退休了。跟工会说一声。",
    "9月30号是我最后一个工作日，跟工会说一声",
])
def test_her_last_working_day_is_her_retirement(school, text):
    chat = as_member(school, "1008")
    reply = chat.say(text)
    assert ASKED_WHO not in reply
    subject, kind, when = one_report(school)
    assert subject == "黄勇（本人）" and kind == "退休" and "2026-09-30" in when


@pytest.mark.parametrize(("staff_no", "turns", "subject"), [
    ("1022", ["想替我们组冯浩老师反映个情况：他爱人今年上半年厂里裁员失业了，孩子又查出哮喘，常年要吃药，房贷还压着，他自己不好意思开口。",
              "对，体艺组冯浩。看工会能不能帮帮他，最好别说是我报的。"], "冯浩"),
    ("2005", ["机器人同志：您好。我是退休教师陈玉珍，原来在英语组。有件事情想向工会反映，思来想去还是写出来。我老伴去年中风以后一直卧床，"
              "需要请人照顾，每月开销很大，我的退休金不够用，家里确实有些困难。", "是我自己家里的情况。麻烦您转告工会的同志，谢谢您。"],
     "陈玉珍（本人）"),
])
def test_a_hardship_is_the_members_one_report_and_no_made_up_day(school, staff_no, turns, subject):
    chat = as_member(school, staff_no)
    for said in turns:
        reply = chat.say(said)
        assert HELP_MENU not in reply and "例如“9月26号”" not in reply
    subject_, kind, when = one_report(school)
    assert subject_ == subject and kind == "困难" and "-01-01" not in when


def test_a_term_start_half_a_year_away_is_not_the_term_meant():
    import datetime as dt

    from bot.when import term_start

    assert term_start(dt.date(2026, 9, 1), ("09-01",)) == dt.date(2026, 9, 1)
    assert term_start(dt.date(2027, 3, 2), ("09-01",)) is None  # the spring term is not in the calendar
    assert term_start(dt.date(2027, 3, 2), ("09-01", "2027-02-22")) == dt.date(2027, 2, 22)


# ---- a colleague's hardship raised as 反映个情况; greetings off told for the account's holder ---------------------


@pytest.mark.parametrize(("text", "then"), [
    ("想反映个情况，宋健家里最近挺难的。他家上个月房子被水淹了，家具电器全泡坏了，他爱人又刚没了工作，手头特别紧",
     "他自己不好意思说，我替他跟工会讲一声，看能不能申请困难补助"),
    ("反映一下情况：宋健老师家里遇到难处了，爱人失业，孩子住院", "看工会能不能帮帮他"),
])
def test_a_colleagues_hardship_raised_is_care_not_a_suggestion(school, text, then):
    chat = as_member(school, "1028")
    reply = chat.say(text)
    assert ASKED_SIGNED not in reply
    reply = chat.say(then)
    assert ASKED_WHO not in reply and ASKED_SIGNED not in reply
    assert one_report(school)[:2] == ("宋健", "困难")


def test_a_complaint_raised_about_the_ill_stays_a_suggestion(school):
    chat = as_member(school, "1028")
    assert ASKED_SIGNED in chat.say("反映个情况 领导总让生病的老师带病上课")
    assert reports(school) == []


@pytest.mark.parametrize("then", ["他想把生日那些祝福短信关了 他说不用发了", "他说祝福推送以后别发了"])
def test_greetings_off_told_for_the_accounts_holder_after_naming_him(school, then):
    chat = as_member(school, "2006")
    chat.say("我是杨振华的孙子 替我爷爷说一声")
    reply = chat.say(then)
    assert "不再给您推送" in reply
    assert _greetings_off(school, "2006") and reports(school) == []
