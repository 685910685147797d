"""Whole conversations, sixteenth round (issue 19, what the older tuned sets 5, 6, 17-22, 24 and 25 still missed):
places ("第一个", "后面那个") said about the activities the teacher named herself when the bot asked "您是想…？"
instead of listing them, so her order of naming is the list.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 读书会 Sun 9-6, 运动会 Wed 9-9 (数学组),
拔河 Thu 9-10, 乒乓球 Sun 9-13, 登山 Thu 9-17, 卡拉OK Mon 9-21); the wording of the variants is our own."""

from __future__ import annotations

import re

import pytest

from storage.suggestions import TICKET_ALPHABET
from tests.conftest import as_member
from tests.test_conversations_round10_conv10 import new_teacher
from tests.test_whole_messages import care_rows, status

READING, SPORTS, TUG, PINGPONG, HIKE, KARAOKE = (
    "教师读书会", "数学组趣味运动会", "教职工拔河比赛", "乒乓球友谊赛", "秋季登山活动", "卡拉OK歌唱比赛")
SIGNED = "报名成功"
TICKET = re.compile(rf"编号 ([{TICKET_ALPHABET}]{{6}})")


def bound_to(school, user: str = "u-new", channel: str = "wecom") -> str | None:
    member = school.store.bindings.member_for(channel, user)
    return member.staff_no if member is not None else None


# ---- 1. places in the teacher's own order of naming --------------------------------------------------------------


def test_first_and_last_of_three_she_named_as_written(school):
    chat = as_member(school, "1018")  # 数学组
    chat.say("数学组运动会、拔河、乒乓球 我想看一哈哪个有空")
    asked = chat.say("第一个跟最后一个报了嘛")
    assert asked.startswith("确认报名以下 2 个活动") and TUG not in asked, asked
    assert SIGNED in chat.say("确认")
    assert status(school, "1018", SPORTS) == "confirmed" and status(school, "1018", PINGPONG) == "confirmed"
    assert status(school, "1018", TUG) is None


def test_the_first_of_two_taken_the_second_left_open_as_written(school):
    chat = as_member(school, "1022")
    chat.say("额想去读书会 还想去卡拉OK")
    asked = chat.say("前面那个给额报了 后面那个再想想")
    assert asked.startswith(f"确认报名「{READING}」"), asked
    assert chat.say("确认").startswith(SIGNED)
    assert status(school, "1022", READING) == "confirmed" and status(school, "1022", KARAOKE) is None


@pytest.mark.parametrize("first, then, wanted, left", [
    ("我想去拔河 还想去登山", "后面那个报了 前面那个再想想", [HIKE], [TUG]),
    ("乒乓球和卡拉OK我都有点想去", "前面那个报上吧 后面那个算了", [PINGPONG], [KARAOKE]),
    ("读书会、卡拉OK、登山 我想看看", "第一个和最后一个给我报上", [READING, HIKE], [KARAOKE]),
])
def test_places_count_in_the_order_she_named_them(school, first, then, wanted, left):
    chat = as_member(school, "1005")
    chat.say(first)
    asked = chat.say(then)
    assert asked.startswith("确认报名"), asked
    assert all(title not in asked for title in left), asked
    assert SIGNED in chat.say("确认")
    assert all(status(school, "1005", t) == "confirmed" for t in wanted)
    assert all(status(school, "1005", t) is None for t in left)


# ---- 2. care reports: the colleague named before the question, the answer that names nobody, notes as jotted -------


def test_the_colleague_named_before_the_question_is_the_one_as_written(school):
    chat = as_member(school, "1005")
    chat.say("您好，有件事想跟工会说一下。我们语文组的林晓燕老师，前段时间一直说腰疼")
    chat.say("她大前天去医院查出来是腰椎间盘突出，现在住院了，要做手术")
    chat.say("麻烦工会登记一下")
    assert care_rows(school) == [{"subject": "林晓燕", "event_kind": "生病住院", "when_text": "大前天（2026-08-29）"}]


@pytest.mark.parametrize("first, then, subject, day", [
    ("跟工会说个事，我们数学组的赵敏老师这阵子身体一直不太好", "她前天晚上突然晕倒了，送到医院住院了", "赵敏", "2026-08-30"),
    ("麻烦工会知道一下，理化生组的郭涛老师最近老咳嗽", "他昨天去医院一查是肺炎，已经住院了", "郭涛", "2026-08-31"),
    ("跟工会说一声，我们英语组罗斌老师家里最近事情多", "他父亲前天去世了", "罗斌的父亲", "2026-08-30"),
])
def test_he_or_she_after_the_question_is_the_colleague_named_first(school, first, then, subject, day):
    chat = as_member(school, "1024")
    chat.say(first)
    chat.say(then)
    rows = care_rows(school)
    assert len(rows) == 1 and rows[0]["subject"] == subject, rows
    assert day in rows[0]["when_text"], rows


@pytest.mark.parametrize("answer", ["麻烦工会登记一下", "请帮忙转告一下", "谢谢工会帮忙处理"])
def test_an_answer_to_who_that_names_nobody_is_asked_again(school, answer):
    chat = as_member(school, "1024")
    assert chat.say("有位同事住院了").startswith("请问是哪位老师")
    again = chat.say(answer)
    assert again.startswith("还没听清是哪位"), again
    assert care_rows(school) == []
    chat.say("数学组赵敏")
    chat.say("不清楚")
    assert [r["subject"] for r in care_rows(school)] == ["赵敏"]


@pytest.mark.parametrize("staff_no, said, name, kind, day", [
    ("1028", "额请了婚假 9月12号结婚", "冯浩", "结婚", "2026-09-12"),
    ("1024", "我请了婚假，10月3号结婚", "张三", "结婚", "2026-10-03"),
    ("1009", "俺下个月请产假 9月28号预产期", "周婷", "生育", "2026-09-28"),
])
def test_leave_for_ones_own_wedding_or_birth_is_ones_own_news(school, staff_no, said, name, kind, day):
    chat = as_member(school, staff_no)
    chat.say("报备一下")
    reply = chat.say(said)
    assert not reply.startswith("请问是哪位"), reply
    rows = care_rows(school)
    assert len(rows) == 1 and name in rows[0]["subject"] and day in rows[0]["when_text"], rows


@pytest.mark.parametrize("said, subject, day", [
    ("郭涛 昨 车祸 骨折 住院 市一院", "郭涛", "2026-08-31"),
    ("张伟 今 急诊 住院", "张伟", "2026-09-01"),
    ("赵敏 昨 摔伤 骨折", "赵敏", "2026-08-31"),
])
def test_a_day_jotted_as_one_character_is_that_day(school, said, subject, day):
    chat = as_member(school, "1006")
    chat.say("报个信")
    assert chat.say(said).startswith("谢谢您告诉工会")
    rows = care_rows(school)
    assert len(rows) == 1 and rows[0]["subject"] == subject and day in rows[0]["when_text"], rows


# ---- 3. a change of mind to signing, with the reason why -----------------------------------------------------------


def _ticket_row(school, reply: str) -> dict:
    return school.store.suggestions.in_tray(TICKET.search(reply).group(1))


@pytest.mark.parametrize("changed", [
    "算了,还是实名,这是安全问题,我愿意署名.",
    "算了，还是署名吧，这事关学生安全",
    "还是实名吧 我愿意",
])
def test_a_change_to_signed_with_its_reason_signs_it(school, changed):
    chat = as_member(school, "1021")
    chat.say("建议:实验室的通风橱坏了一个学期了,学生做实验很危险,希望尽快维修.")
    receipt = chat.say("匿名吧.")
    assert "（匿名）" in receipt and _ticket_row(school, receipt)["member_id"] is None
    assert chat.say(changed).startswith("已改为实名"), changed
    assert _ticket_row(school, receipt)["member_id"] == school.store.members.by_staff_no("1021").id


def test_a_reason_for_signing_said_about_others_changes_nothing(school):
    chat = as_member(school, "1021")
    chat.say("建议:实验室的通风橱坏了一个学期了,希望尽快维修.")
    receipt = chat.say("匿名")
    chat.say("老王说还是实名好，这是安全问题")
    assert _ticket_row(school, receipt)["member_id"] is None


# ---- 4. binding: a group after the name, words around the 工号 that are no name -------------------------------------


@pytest.mark.parametrize("name_said", ["李娜 英语组", "李娜 英语组的", "李娜 英语组的老师"])
def test_a_name_with_its_group_after_it_is_kept_where_the_staff_no_was_asked(school, name_said):
    chat = new_teacher(school)  # 李娜, 工号 1003, phone ending 6688
    chat.say("绑定一下")
    assert chat.say(name_said).startswith("好的，请再回复您的工号"), name_said
    assert chat.say("工号1003 手机后四位6688").startswith("绑定成功！李娜老师")
    assert bound_to(school) == "1003"


@pytest.mark.parametrize("said", ["emmm 要绑定是吧 1003", "绑定吧 1003", "那我绑定好了 1003"])
def test_words_around_the_staff_no_are_no_name(school, said):
    chat = new_teacher(school)
    assert chat.say(said) == "请回复您的姓名。"
    assert chat.say("李娜 手机尾号6688").startswith("绑定成功！李娜老师")
    assert bound_to(school) == "1003"


# ---- 5. "说错了" alone after a care report: what is right comes next ----------------------------------------------


def test_a_correction_announced_alone_then_the_day_as_written(school):
    chat = as_member(school, "1007")  # 赵敏
    chat.say("张伟老师")
    chat.say("住院了")
    chat.say("昨天的事")
    assert chat.say("说错了").startswith("好的，哪里不对？")
    assert chat.say("是前天").startswith("好的，时间已改为：前天")
    assert care_rows(school) == [{"subject": "张伟", "event_kind": "生病住院", "when_text": "前天（2026-08-30）"}]


@pytest.mark.parametrize("wrong, right, subject, day", [
    ("哦不对", "是大前天", "张伟", "2026-08-29"),
    ("不好意思 我说错了", "是英语组罗斌", "罗斌", "2026-08-31"),
    ("记错了", "应该是上周六", "张伟", "2026-08-29"),
])
def test_a_correction_announced_alone_then_what_is_right(school, wrong, right, subject, day):
    chat = as_member(school, "1007")
    chat.say("张伟老师昨天住院了")
    assert chat.say(wrong).startswith("好的，哪里不对？"), wrong
    assert chat.say(right).startswith("好的，"), right
    rows = care_rows(school)
    assert len(rows) == 1 and rows[0]["subject"] == subject and day in rows[0]["when_text"], rows


@pytest.mark.parametrize("answer", ["不用报了 谢谢", "不用报了", "算了吧，谢谢您", "不必了～"])
def test_a_plain_no_to_which_one_drops_the_question_and_asks_nothing_new(school, answer):
    """"不用报了 谢谢" to "您是想：1. 喜事或难事 2. 提建议？" was asked "1. 关闭消息推送 2. 查看我的报名？" next."""
    from tests.test_conversations_round7 import asked_which

    chat = as_member(school, "1013")
    asked_which(school, chat, "老王住院了 食堂伙食也该改改", ["care_report", "suggestion"])
    reply = chat.say(answer)
    assert "您是想" not in reply and "好的" in reply, reply
    assert school.store.conversations.get("test", chat.user) is None
    assert school.store.db.query("SELECT id FROM care_reports") == []


def test_a_no_with_a_request_after_which_one_is_that_request(school):
    from tests.test_conversations_round7 import asked_which

    chat = as_member(school, "1013")
    asked_which(school, chat, "老王住院了 食堂伙食也该改改", ["care_report", "suggestion"])
    reply = chat.say("算了，帮我报个拔河吧")
    assert "教职工拔河比赛" in reply and "确认" in reply, reply
