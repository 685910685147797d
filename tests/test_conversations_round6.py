"""Whole conversations, sixth round (issue 19): binding, care reports and suggestions as teachers have
them. A name given once is never asked again (not even after a mistyped 工号); the phone's last four
answer their question whatever step the bot is at; an unbound teacher introducing herself by name is
starting a binding; words where the last four were asked are no failed proof, and a request in them
waits until she is bound. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; a
member's phone ends in her 工号). Wording is our own, not the held-out sets'."""

from __future__ import annotations

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_suggestions import ticket_of
from tests.test_whole_messages import status


def bound_to(school, user: str) -> str | None:
    member = school.store.bindings.member_for("test", user)
    return member.staff_no if member else None


def tries(school) -> int:
    return school.store.db.scalar("SELECT count(*) FROM attempts")


# ---- binding: a mistyped 工号 keeps the name ----------------------------------------------------


def test_a_mistyped_staff_number_is_corrected_and_the_name_is_not_asked_again(school):
    chat = Chat(school, "u-new")
    assert chat.say("我是高峰，工号1008").startswith("工号和姓名对不上。如果是工号打错了，请直接回复正确的工号")
    assert chat.say("不好意思输错了 应该是1018").startswith("为确认身份，请回复您登记手机号的后四位")
    assert chat.say("电话尾号1018").startswith("绑定成功！高峰老师")
    assert bound_to(school, "u-new") == "1018"


def test_a_wrong_staff_number_twice_still_keeps_the_name(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1008 高峰").startswith("工号和姓名对不上")
    assert chat.say("1080").startswith("工号和姓名对不上") or "没有找到" in chat.transcript[-1][1]
    assert chat.say("1018").startswith("为确认身份")
    assert chat.say("1018").startswith("绑定成功！高峰老师")


def test_a_wrong_name_for_a_real_staff_number_asks_the_name_again(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1018 高锋").startswith("工号和姓名对不上。如果是工号打错了")  # the same words either way
    assert chat.say("写错了，高峰").startswith("为确认身份")


# ---- binding: the last four answer their question at any step ------------------------------------


def test_the_last_four_given_before_they_are_asked_are_kept(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定身份").startswith("请回复您的工号")
    assert chat.say("手机尾号1018").startswith("好的，手机尾号记下了。请回复您的工号")
    assert chat.say("1018").startswith("请回复您的姓名")
    assert chat.say("高峰").startswith("绑定成功！高峰老师")


def test_the_last_four_where_the_name_was_asked(school):
    chat = Chat(school, "u-new")
    assert chat.say("工号1018").startswith("请回复您的姓名")
    assert chat.say("手机后四位1018").startswith("好的，手机尾号记下了。请回复您的姓名")
    assert chat.say("高峰").startswith("绑定成功！高峰老师")


def test_a_staff_number_in_chinese_numerals_with_yao_for_one(school):
    chat = Chat(school, "u-new")
    chat.say("我要绑定")
    assert chat.say("高峰").startswith("好的，请再回复您的工号")
    assert chat.say("幺零幺八").startswith("为确认身份")
    assert chat.say("幺零幺八").startswith("绑定成功！高峰老师")


# ---- binding: an unbound teacher who says who she is -------------------------------------------


def test_an_unbound_teacher_introducing_herself_by_name_is_starting_a_binding(school):
    chat = Chat(school, "u-new")
    assert chat.say("老师您好，我是英语组的周婷，第一次用这个，请多指教").startswith("您好，周婷老师！先绑定一下身份")
    assert chat.say("工号是1009").startswith("为确认身份")
    assert chat.say("后四位1009 麻烦了").startswith("绑定成功！周婷老师")


def test_an_introduction_in_cantonese_with_words_before_the_name(school):
    chat = Chat(school, "u-new")
    assert chat.say("我系新来嘅体艺组老师宋健").startswith("您好，宋健老师！")
    assert chat.say("工号系一零二二").startswith("为确认身份")
    assert chat.say("电话尾号系1022").startswith("绑定成功！宋健老师")


def test_someone_elses_name_is_no_introduction(school):
    reply = Chat(school, "u-new").say("我是王芳老师的同事，她住院了")
    assert not reply.startswith("您好，王芳老师")


def test_a_bound_teacher_introducing_herself_is_not_bound_again(school):
    assert not as_member(school, "1009").say("我是周婷").startswith("您好，周婷老师！先绑定")


def test_a_request_in_the_introduction_waits_until_the_binding_is_done(school):
    chat = Chat(school, "u-new")
    first = chat.say("你好我是体艺组的刘洋，想报名拔河")
    assert first.startswith("您好，刘洋老师！") and "想报名拔河" in first
    assert chat.say("1004").startswith("为确认身份")
    done = chat.say("1004")
    assert done.startswith("绑定成功！刘洋老师") and "确认报名「教职工拔河比赛」" in done


# ---- binding: words where the last four were asked --------------------------------------------


def test_words_where_the_last_four_were_asked_are_no_failed_proof(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 1004 刘洋").startswith("为确认身份")
    again = chat.say("是的 报拔河")
    assert again.startswith("还差最后一步：请回复您登记手机号的后四位") and "报拔河" in again
    assert tries(school) == 0
    done = chat.say("尾号1004")
    assert done.startswith("绑定成功！刘洋老师") and "确认报名「教职工拔河比赛」" in done
    assert chat.say("是").startswith("报名成功")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"


def test_a_teacher_who_does_not_know_the_last_four_is_told_where_to_get_a_code(school):
    chat = Chat(school, "u-new")
    chat.say("绑定 1004 刘洋")
    assert "领取绑定码" in chat.say("不记得了")
    assert tries(school) == 0


# ---- care: the person put right, the reporter herself, what she adds after the report -----------


def care(school) -> list[dict]:
    return school.store.db.query("SELECT subject, event_kind, when_text, event FROM care_reports")


def test_a_misheard_name_put_right_keeps_the_relative(school):
    chat = as_member(school, "1003")
    assert chat.say("韩东老师的父亲过世了").startswith("大概是什么时候")
    assert chat.say("是英语组的韩冬 冬天的冬").startswith("惊悉噩耗")
    assert care(school)[0]["subject"] == "韩冬的父亲"


def test_a_name_put_right_after_the_report_was_made(school):
    chat = as_member(school, "1003")
    chat.say("韩东老师的父亲昨天过世了")
    assert chat.say("应该是韩冬，英语组的").startswith("好的，已更正为：韩冬的父亲")
    assert care(school)[0]["subject"] == "韩冬的父亲"


def test_a_small_operation_of_her_own_is_about_the_reporter(school):
    chat = as_member(school, "1004")
    assert chat.say("我下周一要做个小手术，先跟工会说一声").startswith("谢谢您告诉工会，祝早日康复")
    row = care(school)[0]
    assert row["subject"] == "刘洋（本人）" and "2026-09-07" in row["when_text"]
    assert chat.say("阑尾炎 在市人民医院做").startswith("好的，已补充到刚才的报告里")
    assert chat.say("就是我本人").startswith("好的，明白，是刘洋（本人）")
    assert "阑尾炎" in care(school)[0]["event"]


def test_news_of_the_reporters_own_family(school):
    chat = as_member(school, "1004")
    chat.say("我母亲下周要做手术")
    assert care(school)[0]["subject"] == "刘洋的母亲"


def test_a_day_sent_after_the_report_replaces_the_one_given(school):
    chat = as_member(school, "1008")
    assert chat.say("英语组周婷老师9月20号结婚").startswith("喜事！")
    assert chat.say("改到9月27号了").startswith("好的，时间已改为：9月27号（2026-09-27）")
    assert "2026-09-27" in care(school)[0]["when_text"]


def test_asking_the_union_for_a_farewell_after_a_retirement_is_added_to_the_report(school):
    chat = as_member(school, "1008")
    chat.say("体艺组吴刚老师这个月底退休")
    assert chat.say("麻烦工会组织一下欢送会").startswith("好的，已补充到刚才的报告里")
    assert "欢送" in care(school)[0]["event"]


def test_a_question_after_the_report_is_a_new_request(school):
    chat = as_member(school, "1008")
    chat.say("英语组周婷老师9月20号结婚")
    assert chat.say("最近有什么活动").startswith(("正在报名的工会活动", "为您找到"))
    assert chat.say("今天我值班").startswith("抱歉")  # a day with nothing about the news is no change of day
    assert "2026-09-20" in care(school)[0]["when_text"]


# ---- suggestions: a complaint about an activity, consent in 公文腔 -------------------------------


def test_a_complaint_about_last_years_activity_is_a_suggestion(school):
    chat = as_member(school, "1006")
    assert chat.say("上回登山那个大巴太挤了 好多人站了一路 今年多派一辆车").startswith("要署上您的名字吗？")
    reply = chat.say("匿名就行")
    assert reply.startswith("已收到您的建议（匿名）")
    assert school.store.suggestions.in_tray(ticket_of(reply))["member_id"] is None


def test_an_opinion_given_in_the_middle_of_a_sentence_is_a_suggestion(school):
    chat = as_member(school, "1006")
    assert chat.say("我们几个老教师想提个意见，运动会能不能加几个适合老同志的项目").startswith("要署上您的名字吗？")


def test_consent_in_official_style_signs_the_proposal(school):
    chat = as_member(school, "1006")
    assert chat.say("提案：建议为担任班主任十年以上的教师设立荣誉津贴。").startswith("要署上您的名字吗？")
    reply = chat.say("以本人名义提交。")
    assert reply.startswith("已收到您的提案（实名）")
    assert school.store.suggestions.in_tray(ticket_of(reply))["member_id"] == school.store.members.by_staff_no("1006").id


def test_refusing_the_own_name_in_official_style_stays_anonymous():
    from handlers.suggestions.consent import answer_to_sign

    assert [a for a in ["不以本人名义提交", "不要用我的名义", "不用以个人名义"] if answer_to_sign(a) is not False] == []
    assert [a for a in ["以本人名义提交", "以个人名义提交", "用本人名义", "本人署名"] if answer_to_sign(a) is not True] == []


def test_fainting_at_home_is_news_about_the_reporter(school):
    chat = as_member(school, "1014")
    assert chat.say("我昨晚在家晕倒了 现在医院挂水").startswith("谢谢您告诉工会，祝早日康复")
    assert care(school)[0]["subject"] == "朱军（本人）"
    assert chat.say("我是朱军 后勤的").startswith("好的，明白，是朱军（本人）")


# ---- set 8's lessons, in our own words ----------------------------------------------------------


def test_a_name_after_the_word_bind_is_kept_for_when_the_staff_number_comes(school):
    chat = Chat(school, "u-new")
    assert chat.say("绑定 高峰").startswith("好的，请再回复您的工号")
    assert chat.say("1018").startswith("为确认身份")
    assert chat.say("尾号1018").startswith("绑定成功！高峰老师")


def test_the_reporters_own_news_said_before_it_is_told(school):
    chat = as_member(school, "1016")
    assert chat.say("我本人的事跟工会说一下 下周四做个胆囊手术").startswith("谢谢您告诉工会，祝早日康复")
    row = care(school)[0]
    assert row["subject"] == "郭涛（本人）" and "2026-09-10" in row["when_text"]  # 下周四, not 下下周四
    assert chat.say("郭涛 理化生组").startswith("好的，明白，是郭涛（本人）")


def test_a_day_put_right_after_the_report_with_more_words(school):
    chat = as_member(school, "1018")
    chat.say("马兰老师住院了 昨天")
    assert chat.say("不好意思记错了 是前天进的医院 肺炎 挺严重的").startswith("好的，时间已改为：前天（2026-08-30）")
    assert "2026-08-30" in care(school)[0]["when_text"]


def test_the_consent_typed_by_its_sound(school):
    chat = as_member(school, "1017")
    assert chat.say("建议体育馆装几台饮水机").startswith("要署上您的名字吗？")
    assert chat.say("实明").startswith("已收到您的建议（实名）")
    chat = as_member(school, "1025")
    assert chat.say("建议操场边上多放几个垃圾桶").startswith("要署上您的名字吗？")
    assert chat.say("逆名").startswith("已收到您的建议（匿名）")


def test_a_complaint_in_emoji_and_a_few_words(school):
    chat = as_member(school, "1025")
    # (since the ninth session a complaint that asks for nothing yet is offered to be passed on, signed or not)
    assert "回复“实名”或“匿名”" in chat.say("🙄 二楼饮水机 坏了 好几天了 没人修")
    reply = chat.say("匿名🤫")
    assert reply.startswith("已收到您的建议（匿名）")
    assert school.store.suggestions.in_tray(ticket_of(reply))["member_id"] is None
