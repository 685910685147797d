"""Whole conversations, fifteenth round (issue 19, held-out conversations set 23 read as tuned set 28): sign-ups said
in other trades' words and in terse fragments. Words of ordering, booking, reserving or grabbing (下单, 拍下, 立即购买,
加购物车, 结算, 预约, 订, 锁定名额, 占个坑, 抢) mean 报名 when their object is a union activity, and "确认下单" / "确认结算" /
"提交订单" at a confirmation are its yes; booking a court or a room is not the union's activity. A family written
compactly ("2大1小", "一家四口", "我+2", "带1大1小") is the party. A terse message of a date, a time, a place and "报"
("0909 1530 小操场 报") names the activity by when and where; "0921 学术报告厅 几点开始" asks about it; "接龙 3. 周婷
拔河" is the chat group's sign-up sheet.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 羽毛球 Fri 9-4, 读书会 Sun 9-6, 数学组运动会
Wed 9-9 15:30 小操场, 拔河 Thu 9-10 15:30 学校操场, 乒乓球 Sun 9-13, 登山 Thu 9-17, 卡拉OK Mon 9-21 学术报告厅, 插花 Sat
9-26 (women only), 重阳座谈会 Thu 10-1 (retired only)); the wording of the variants is our own."""

from __future__ import annotations

import pytest

from bot.normalize import canonical
from handlers.activities.party import parse_party
from tests.conftest import as_member
from tests.test_conversations_round10_conv11 import party
from tests.test_conversations_round14_forms import with_family_hike
from tests.test_whole_messages import status

HIKE, TUG, READING, PINGPONG = "秋季登山活动", "教职工拔河比赛", "教师读书会", "乒乓球友谊赛"
KARAOKE, BADMINTON, ELDERS, SPORTS = "卡拉OK歌唱比赛", "羽毛球联谊赛", "重阳敬老座谈会", "数学组趣味运动会"
SIGNED = "报名成功"
NOTHING_WAITS = "没有等您确认的事项"


# ---- 1. shopping words: an order for an activity is a sign-up, paying for it the yes -------------------------


def test_an_order_for_the_tug_of_war_as_written_signs_him_up(school):
    chat = as_member(school, "1004")
    assert chat.say("下单拔河，一份").startswith(f"确认报名「{TUG}」")
    assert SIGNED in chat.say("就我本人，体艺组的")  # who comes, and no one else: his yes
    assert NOTHING_WAITS in chat.say("确认下单")  # the order's yes once more: nothing else happens
    assert status(school, "1004", TUG) == "confirmed" and party(school, "1004", TUG) == 1


@pytest.mark.parametrize("order, yes, title", [
    ("拍下一个读书会名额", "提交订单", READING),
    ("乒乓球友谊赛 加入购物车", "确认付款", PINGPONG),
    ("帮我占个坑 卡拉OK比赛", "去结算", KARAOKE),
    ("羽毛球联谊赛 立即购买（免费的那种）", "确认下单", BADMINTON),
    ("订一个拔河比赛的位置", "确定预约", TUG),
])
def test_other_orders_and_their_payments_sign_up(school, order, yes, title):
    chat = as_member(school, "1004")
    assert chat.say(order).startswith(f"确认报名「{title}」"), order
    assert SIGNED in chat.say(yes), yes
    assert status(school, "1004", title) == "confirmed"


def test_locking_a_place_at_the_elders_meeting_as_written_and_not_the_hike(school):
    chat = as_member(school, "2004")
    assert chat.say("锁定名额：重阳座谈会").startswith(f"确认报名「{ELDERS}」")
    assert SIGNED in chat.say("确认锁定")
    reply = chat.say("登山我这膝盖就不锁了，不报，你们年轻人去")
    assert SIGNED not in reply and "确认报名" not in reply, reply
    assert status(school, "2004", ELDERS) == "confirmed" and status(school, "2004", HIKE) is None


def test_two_in_the_cart_as_written_are_both_signed_up(school):
    with_family_hike(school)
    chat = as_member(school, "1030")
    asked = chat.say("加购物车：秋季登山活动、卡拉OK歌唱比赛")
    assert asked.startswith("确认报名以下 2 个活动吗") and HIKE in asked and KARAOKE in asked, asked
    assert chat.say("就我自己，不带家属").count(SIGNED) == 2  # who comes: only he, as at one activity's yes
    assert NOTHING_WAITS in chat.say("确认结算，两个都要")
    assert [status(school, "1030", t) for t in (HIKE, KARAOKE)] == ["confirmed", "confirmed"]
    assert party(school, "1030", HIKE) == 1


@pytest.mark.parametrize("answer, signed_up", [("就我一个人", True), ("只有我，不带家属", True), ("算了，我再想想", False)])
def test_saying_who_comes_at_two_activities_yes_signs_up_both_for_one(school, answer, signed_up):
    chat = as_member(school, "1030")
    assert chat.say("拔河和读书会都下单").startswith("确认报名以下 2 个活动吗")
    reply = chat.say(answer)
    assert (reply.count(SIGNED) == 2) is signed_up, reply
    assert [status(school, "1030", t) for t in (TUG, READING)] == (["confirmed"] * 2 if signed_up else [None] * 2)


@pytest.mark.parametrize("text", [
    "预约读书会",
    "读书会帮我预约一下",
    "抢一个乒乓球友谊赛的名额",
    "锁个名额 拔河",
])
def test_booking_words_before_or_after_an_activity_ask_its_yes(school, text):
    chat = as_member(school, "1004")
    reply = chat.say(text)
    assert reply.startswith("确认报名「"), (text, reply)
    assert SIGNED in chat.say("是")


@pytest.mark.parametrize("text", [
    "抢个羽毛球场地 周六上午 自己打",  # a court for himself: not the union's 羽毛球联谊赛
    "帮我订个会议室，下午开教研会",
    "0915 3楼会议室 订",
    "工会能不能购买一批乒乓球拍",
    "预约体检",
])
def test_booking_what_is_not_a_union_activity_signs_up_nothing(school, text):
    chat = as_member(school, "1004")
    reply = chat.say(text)
    assert not reply.startswith("确认报名") and SIGNED not in reply, (text, reply)
    assert all(status(school, "1004", t) is None for t in (BADMINTON, PINGPONG, TUG))


def test_booking_a_binding_binds(school):
    school.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    with_family_hike(school)
    chat = as_member(school, "1004").as_("new-8019")
    assert "手机号的后四位" in chat.say("预约绑定：8019 何秀英")
    assert "绑定成功" in chat.say("尾号8019")
    asked = chat.say("登山 一家四口全去，2大2小")
    assert asked.startswith(f"确认报名「{HIKE}」（共 4 人）"), asked
    assert SIGNED in chat.say("确认")
    assert status(school, "8019", HIKE) == "confirmed" and party(school, "8019", HIKE) == 4


# ---- 2. a family written compactly ---------------------------------------------------------------------------


def test_two_grown_ups_and_a_child_to_the_hike_as_written(school):
    with_family_hike(school)
    chat = as_member(school, "1013")
    assert chat.say("登山 2大1小").startswith(f"确认报名「{HIKE}」（共 3 人）")
    assert SIGNED in chat.say("我、我爱人，还有闺女，8岁")  # the same three, named: her yes
    assert NOTHING_WAITS in chat.say("确认")
    assert status(school, "1013", HIKE) == "confirmed" and party(school, "1013", HIKE) == 3


@pytest.mark.parametrize("text, size", [
    ("预约登山 2大1小", 3),
    ("登山 我+2", 3),
    ("秋季登山 带1大1小", 3),
    ("登山，两大两小", 4),
    ("登山 一家三口", 3),
])
def test_other_compact_families_are_the_party(school, text, size):
    with_family_hike(school)
    chat = as_member(school, "1013")
    assert chat.say(text).startswith(f"确认报名「{HIKE}」（共 {size} 人）"), text
    assert SIGNED in chat.say("是")
    assert party(school, "1013", HIKE) == size


@pytest.mark.parametrize("text, size", [
    ("2大1小", 3), ("带1大1小", 3), ("两大一小", 3), ("我、我爱人，还有闺女", 3), ("我，还有我老公", 2),
    ("孩子还有课 去不了", None), ("一家四口全去，2大2小", 4),
])
def test_the_party_reader_counts_grown_ups_and_children(text, size):
    assert parse_party(text) == size


def test_asking_whether_a_family_may_come_is_no_sign_up(school):
    with_family_hike(school)
    chat = as_member(school, "1013")
    reply = chat.say("登山能不能2大1小一起去？")
    assert not reply.startswith("确认报名") and SIGNED not in reply, reply
    assert status(school, "1013", HIKE) is None


# ---- 3. terse messages: a date, a time, a place and 报 -----------------------------------------------------------


def test_dates_times_and_places_with_bao_as_written_sign_up_both(school):
    chat = as_member(school, "1012")
    assert chat.say("0909 1530 小操场 报").startswith(f"确认报名「{SPORTS}」")
    both = chat.say("0910 1530 操场 也报")  # the first still waits: both asked together
    assert both.startswith("确认报名以下 2 个活动吗") and SPORTS in both and TUG in both, both
    assert SIGNED in chat.say("都确认")
    assert [status(school, "1012", t) for t in (SPORTS, TUG)] == ["confirmed", "confirmed"]


def test_a_new_teacher_binds_and_signs_up_in_digits_as_written(school):
    school.store.members.upsert(staff_no="1031", name="王建军", gender="男", group_name="数学组", phone="13900001031")
    chat = as_member(school, "1004").as_("new-1031")
    assert "手机号的后四位" in chat.say("1031 王建军 绑")
    assert "绑定成功" in chat.say("1031")
    assert chat.say("0909 小操场 数学组那个 报").startswith(f"确认报名「{SPORTS}」")
    assert SIGNED in chat.say("确认")
    assert status(school, "1031", SPORTS) == "confirmed"


@pytest.mark.parametrize("text, title", [
    ("0913 报", PINGPONG),
    ("9.21 报", KARAOKE),
    ("9月17日 8:00 南门 报", HIKE),
    ("学术报告厅那个 报", KARAOKE),
    ("接龙 3. 周婷 拔河", TUG),
])
def test_other_terse_sign_ups_name_the_activity_by_when_or_where(school, text, title):
    chat = as_member(school, "1015")
    assert chat.say(text).startswith(f"确认报名「{title}」"), text
    assert SIGNED in chat.say("嗯")
    assert status(school, "1015", title) == "confirmed"


@pytest.mark.parametrize("text", ["0921 学术报告厅 几点开始", "9.21 那个几点开始", "0921那个在哪"])
def test_a_terse_question_about_a_dated_activity_is_answered(school, text):
    chat = as_member(school, "1015")
    reply = chat.say(text)
    assert KARAOKE in reply and "18:30" in reply and not reply.startswith("确认报名"), (text, reply)
    assert status(school, "1015", KARAOKE) is None


def test_the_canonical_spelling_reads_orders_dates_and_a_bare_bao():
    assert canonical("下单拔河，一份") == "报名拔河,一份"
    assert canonical("确认结算，两个都要") == "确认,两个都要"
    assert canonical("0909 1530 小操场 报") == "9月9日 15:30 小操场 报名"
    assert canonical("1031 王建军 绑") == "1031 王建军 绑"  # a 工号 with 绑 keeps its digits
    assert canonical("手机尾号0909") == "手机尾号0909"
    assert canonical("抢个羽毛球场地") == "抢个羽毛球场地"
    assert canonical("拔河 报\n乒乓 报") == "拔河 报\n乒乓 报"  # a form's lines are the form's (bot/forms.py)
