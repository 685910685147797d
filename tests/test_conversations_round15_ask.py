"""Whole conversations, fifteenth round (issue 19, ask): questions asked before deciding, care news told in other
ways, and a 工号 typed one digit at a time.

A question about an activity's rules (报了去不了会怎么样 / 扣不扣分 / 候补怎么算 / 家属能去吗 / 和体检撞不撞) is answered
from the activity and the union's rules, and is neither a sign-up nor a withdrawal; what the teacher says next
("那行，报吧", "行，给我报上", "那就这个") is about that activity. Care news told second-hand ("郑秀英老师跟我说她干到
这学期末就退了"), beside a swap of lessons ("课已经跟孙强老师调好了…我父亲前天夜里走了": the colleague who swapped
is not the one it is about) or by a nickname ("老周今天早上心脏不舒服，送市一院了") is filed. A newcomer who gives her
name in pieces ("我是新来的，后勤的何秀英") and her 工号 digit by digit ("8 0 1 9", "8-0-1-9", "八 零 一 九") is bound.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_conversations_round12_conv16 import one_report, reports
from tests.test_whole_messages import status

HIKE = "秋季登山活动"
HELP_MENU = "您可以这样说"
ASKED_WHICH = "您是想"


@pytest.fixture
def hike_with_family(school):
    """As the held-out writers' brief has it: the hike takes family (the demo school's takes none)."""
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))
    return school


# ---- the rules asked first, then the decision --------------------------------------------------------------


def test_what_if_she_cannot_come_then_family_then_signs_up_three(hike_with_family):
    """tuned set 28 zf04."""
    school = hike_with_family
    chat = as_member(school, "1017")  # 何雪
    reply = chat.say("登山报了临时去不了会怎么样？扣不扣分")
    assert "取消报名登山" in reply and "不扣分" in reply and "您目前没有" not in reply, reply
    reply = chat.say("家属也能去是吧，最多几个")
    assert "可以带家属" in reply and "4 位" in reply and "哪位老师" not in reply, reply
    reply = chat.say("那行，报吧，我+老公+娃，一共三个人")
    assert "秋季登山活动" in reply and "共 3 人" in reply, reply
    reply = chat.say("确认")
    assert "报名成功" in reply
    assert status(school, "1017", HIKE) == "confirmed"
    assert school.store.db.one("SELECT party FROM signups")["party"] == 3
    assert reports(school) == []  # "能去是吧" is no 去世


@pytest.mark.parametrize(("question", "title"), [
    ("拔河报名了到时候有事来不了咋办？会不会影响下次报名", "教职工拔河比赛"),
    ("读书会要是报了又去不了，要紧吗", "教师读书会"),
    ("乒乓球赛报了之后临时参加不了 会扣分吗", "乒乓球友谊赛"),
])
def test_a_question_on_what_follows_a_withdrawal_is_answered_and_the_next_yes_is_for_it(school, question, title):
    chat = as_member(school, "1001")
    reply = chat.say(question)
    assert "取消报名" in reply and title in reply and "您目前没有" not in reply, reply
    assert status(school, "1001", title) is None  # asked, not signed up
    reply = chat.say("行，给我报上")
    assert title in reply and "确认报名" in reply, reply
    chat.say("是")
    assert status(school, "1001", title) == "confirmed"


def test_the_same_question_once_she_is_signed_up_says_how_to_cancel_and_cancels_nothing(school):
    chat = as_member(school, "1001")
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say("拔河到时候去不了会怎么样")
    assert "您已报名" in reply and "取消报名拔河" in reply, reply
    assert status(school, "1001", "教职工拔河比赛") == "confirmed"


def test_how_the_waitlist_works_then_signs_up(school):
    """tuned set 28 zf09."""
    chat = as_member(school, "1015")  # 胡静怡
    chat.say("羽毛球联谊赛还有位吗")
    reply = chat.say("候补的话会通知吗？有人退出会不会自动补上")
    assert "候补" in reply and "递补" in reply and "羽毛球联谊赛" in reply and ASKED_WHICH not in reply, reply
    reply = chat.say("那候补也行，报")
    assert "羽毛球联谊赛" in reply and "确认报名" in reply, reply
    chat.say("确认")
    assert status(school, "1015", "羽毛球联谊赛") in ("confirmed", "waitlisted")


@pytest.mark.parametrize(("first", "question", "decision", "title"), [
    ("乒乓球友谊赛满了没", "满了的话排队要多久，有人不去会通知我吗", "那就排着吧，报", "乒乓球友谊赛"),
    ("卡拉OK还有名额吗", "候补怎么算的", "那就这个", "卡拉OK歌唱比赛"),
    ("读书会几号", "要是满了能排队等位吗", "好，那就它了", "教师读书会"),
])
def test_the_waitlist_asked_in_other_words(school, first, question, decision, title):
    chat = as_member(school, "1009")  # 周婷
    chat.say(first)
    reply = chat.say(question)
    assert "递补" in reply and title in reply and "结束" not in reply, reply
    assert status(school, "1009", title) is None
    reply = chat.say(decision)
    assert title in reply and "确认报名" in reply, reply
    chat.say("是")
    assert status(school, "1009", title) == "confirmed"


def test_someone_else_leaving_is_no_withdrawal_of_hers(school):
    chat = as_member(school, "1009")
    chat.say("报名乒乓球")
    chat.say("是")
    chat.say("乒乓球友谊赛还剩几个名额")
    reply = chat.say("有人退出的话候补会自动补上吗")
    assert "递补" in reply and "已取消" not in reply, reply
    assert status(school, "1009", "乒乓球友谊赛") == "confirmed"


# ---- a question about the checkup first, then an activity ------------------------------------------------------


def test_the_checkup_asked_then_flower_arranging_booked(school):
    """tuned set 28 zf58."""
    chat = as_member(school, "1021")  # 梁红
    reply = chat.say("妇女病普查在哪个医院？和体检同一天吗")
    assert "市妇幼保健院" in reply
    reply = chat.say("好的，那插花沙龙也帮我预约一下")
    assert ASKED_WHICH not in reply and "女教职工插花沙龙" in reply, reply
    chat.say("确认")
    assert status(school, "1021", "女教职工插花沙龙") == "confirmed"


@pytest.mark.parametrize(("question", "then"), [
    ("妇女病普查在哪个医院？和体检同一天吗", "好的，那插花沙龙也帮我报一下"),
    ("体检要空腹吗", "好嘞，那插花也给我报一个"),
])
def test_a_checkup_question_is_no_sign_up_and_the_next_message_names_the_activity(school, question, then):
    chat = as_member(school, "1021")
    chat.say(question)
    assert school.store.db.query("SELECT id FROM signups") == []
    reply = chat.say(then)
    assert "确认报名「女教职工插花沙龙」" in reply, reply
    chat.say("是")
    assert status(school, "1021", "女教职工插花沙龙") == "confirmed"


def test_an_activity_asked_beside_the_checkup_is_answered_and_stays_under_discussion(school):
    chat = as_member(school, "1021")
    reply = chat.say("妇女病普查和插花沙龙会不会撞时间")
    assert "市妇幼保健院" in reply and "9月26日" in reply and "不在同一天" in reply, reply
    assert school.store.db.query("SELECT id FROM signups") == []
    reply = chat.say("那行，给我报上")
    assert "确认报名「女教职工插花沙龙」" in reply, reply
    chat.say("确认")
    assert status(school, "1021", "女教职工插花沙龙") == "confirmed"


# ---- care news told second-hand, beside a swap of lessons, by a nickname -----------------------------------


def test_a_colleagues_retirement_passed_on_with_the_term_in_words(school):
    """tuned set 28 zf26."""
    chat = as_member(school, "1008")  # 黄勇
    reply = chat.say("郑秀英老师跟我说她干到这学期末就退了")
    assert HELP_MENU not in reply and "退休" in reply, reply
    chat.say("对，后勤的郑秀英，光荣退休，工会是不是要准备一下")
    subject, kind, when = one_report(school)
    assert subject == "郑秀英" and kind == "退休" and "学期末" in when


@pytest.mark.parametrize(("text", "subject", "when"), [
    ("高峰老师到年底就退了 教了三十五年书", "高峰", "年底"),
    ("孙强老师说他干到明年六月就退了", "孙强", "明年6月"),
    ("王芳老师下学期就退了，在学校干了三十年", "王芳", "下学期"),
    ("后勤的彭亮跟我讲 他这学期结束就退了", "彭亮", "这学期结束"),
])
def test_a_retirement_said_as_leaving_at_a_time(school, text, subject, when):
    chat = as_member(school, "1008")
    reply = chat.say(text)
    assert HELP_MENU not in reply and "退休" in reply, reply
    assert one_report(school) == (subject, "退休", when)


def test_his_fathers_death_beside_the_lessons_swapped_is_his(school):
    """tuned set 28 zf31."""
    chat = as_member(school, "1018")  # 高峰
    reply = chat.say("课已经跟孙强老师调好了，麻烦跟工会说一声，我父亲前天夜里走了")
    assert "哀悼" in reply
    chat.say("这几天在老家办后事")
    subject, kind, when = one_report(school)
    assert subject == "高峰的父亲" and kind == "丧事" and "2026-08-30" in when


@pytest.mark.parametrize(("text", "subject", "day"), [
    ("我和周婷老师换了课，跟工会说下我母亲昨天去世了", "高峰的母亲", "2026-08-31"),
    ("跟孙强串了课 我岳父昨晚走了 麻烦转告工会一声", "高峰的岳父", "2026-08-31"),
    ("麻烦告诉工会，明天的课跟王芳老师对调了，我外婆前天过世了", "高峰的外婆", "2026-08-30"),
])
def test_the_colleague_who_swapped_lessons_is_not_the_subject(school, text, subject, day):
    chat = as_member(school, "1018")
    chat.say(text)
    subject_, kind, when = one_report(school)
    assert subject_ == subject and kind == "丧事" and day in when


def test_a_retired_colleague_taken_to_hospital_named_by_his_nickname(school):
    """tuned set 28 zf35."""
    chat = as_member(school, "2007")  # 赵淑芬
    reply = chat.say("老周今天早上心脏不舒服，送市一院了")
    assert HELP_MENU not in reply and "康复" in reply, reply
    chat.say("周志明，退休的那个老周")
    chat.say("家里人在陪着")
    subject, kind, when = one_report(school)
    assert subject == "周志明" and kind == "生病住院" and "2026-09-01" in when


@pytest.mark.parametrize(("text", "subject", "day"), [
    ("老王昨晚胃出血 送医院了", "老王", "2026-08-31"),
    ("老刘早上血压高 送市二院了", "老刘", "2026-09-01"),
    ("我们组老孙今早在食堂摔了一跤，送区中医院了", "孙强", "2026-09-01"),
])
def test_news_of_a_colleague_called_by_a_nickname(school, text, subject, day):
    chat = as_member(school, "1001")
    reply = chat.say(text)
    assert HELP_MENU not in reply and "康复" in reply, reply
    subject_, kind, when = one_report(school)
    assert subject_ == subject and kind == "生病住院" and day in when


def test_a_parcel_sent_to_the_hospital_is_no_news(school):
    chat = as_member(school, "1001")
    chat.say("老王把资料送市一院了吗")
    assert reports(school) == []


# ---- a 工号 typed one digit at a time ----------------------------------------------------------------------


@pytest.fixture
def newcomer(school):
    school.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    return Chat(school, "u-new")


def test_a_newcomer_introduces_herself_in_pieces_and_types_her_number_digit_by_digit(school, newcomer):
    """tuned set 28 zf47."""
    reply = newcomer.say("你好，我是新来的，后勤的何秀英")
    assert "何秀英老师" in reply and "工号" in reply, reply
    reply = newcomer.say("工号 8 0 1 9")
    assert "后四位" in reply, reply
    reply = newcomer.say("手机后四位也是 8 0 1 9")
    assert "绑定成功" in reply
    assert school.store.bindings.member_for("test", "u-new").staff_no == "8019"


@pytest.mark.parametrize(("intro", "number", "last4"), [
    ("大家好，我是刚来的，行政后勤组的，何秀英", "工号是8-0-1-9", "手机尾号 8-0-1-9"),
    ("您好 我是新来的 后勤的何秀英", "工号 8　0　1　9", "尾号 8　0　1　9"),
    ("你好，我叫何秀英，新来的，后勤的", "工号 八 零 一 九", "尾号 八 零 一 九"),
])
def test_the_number_digit_by_digit_in_other_ways(school, newcomer, intro, number, last4):
    reply = newcomer.say(intro)
    assert "何秀英老师" in reply and HELP_MENU not in reply, reply
    newcomer.say(number)
    reply = newcomer.say(last4)
    assert "绑定成功" in reply, reply
    assert school.store.bindings.member_for("test", "u-new").staff_no == "8019"


def test_digits_with_hyphens_stay_a_date_or_a_phone_number():
    from bot.nlu import normalize

    assert normalize("工号 8-0-1-9") == "工号 8019"
    assert normalize("2026-9-1") == "2026-9-1" and normalize("电话 138-1234-5678") == "电话 138-1234-5678"


# ---- the same news as single messages: the classifier reads them as care news ---------------------------------


@pytest.mark.parametrize("text", [
    "高峰老师到年底就退了 教了三十五年书",
    "孙强老师说他干到明年六月就退了",
    "问：工会知道马兰老师丧偶了吗？答：可能不知道，所以我来说",
    "跟工会说一声，马兰老师前些日子丧偶了",
])
def test_news_told_in_passing_is_classified_as_care(school, text):
    assert school.router.classifier.classify(text).intent == "care_report"


@pytest.mark.parametrize("text", ["拔河我要退了", "登山我月底就退了吧"])
def test_leaving_an_activity_is_no_retirement(school, text):
    assert school.router.classifier.classify(text).intent != "care_report"


def test_a_widowed_colleague_is_filed_as_a_bereavement(school):
    chat = as_member(school, "1001")
    reply = chat.say("问：工会知道马兰老师丧偶了吗？答：可能不知道，所以我来说")
    assert "什么时候" in reply, reply
    chat.say("不清楚")
    subject, kind, _when = one_report(school)
    assert "马兰" in subject and kind == "丧事"
