"""Activities and sign-up chat scripts (demo school, frozen clock 2026-09-01 09:00 Tuesday)."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import as_member
from tests.helpers import Chat, run_in_threads


def test_activity_query_lists_time_place_deadline_places(school):
    reply = as_member(school, "1001").say("最近有什么活动")
    assert reply.startswith("正在报名的工会活动：")
    assert "教职工拔河比赛\n   9月10日（周四）15:30 · 学校操场\n   报名截止 9月7日（周一）17:00 · 剩余 60/60 个名额" in reply
    assert "女教职工插花沙龙" not in reply  # 张伟 is a man
    assert "重阳敬老座谈会" not in reply  # and not retired
    assert "数学组趣味运动会" in reply  # his group


def test_audience_filters(school):
    assert "女教职工插花沙龙" in as_member(school, "1003").say("最近有什么活动")  # 李娜
    assert "重阳敬老座谈会" in as_member(school, "2001").say("最近有什么活动")  # retired
    assert "数学组趣味运动会" not in as_member(school, "1003").say("最近有什么活动")
    unbound = Chat(school, "guest").say("最近有什么活动")
    assert "插花" not in unbound and "重阳" not in unbound and "数学组" not in unbound


def test_query_by_name_and_window(school):
    chat = as_member(school, "1001")
    assert chat.say("拔河什么时候").startswith("为您找到：\n1. 教职工拔河比赛")
    nxt = chat.say("下周有什么安排")  # 9/7-9/13
    assert nxt.startswith("下周的活动：") and "拔河" in nxt and "读书会" not in nxt
    assert chat.say("教师节有什么安排").startswith("教师节前后的活动：")  # 9/10 拔河


def test_signup_confirm_and_already(school):
    chat = as_member(school, "1001")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」吗？")
    assert chat.say("嗯？？") == "请回复“是”确认报名，或回复“否”放弃。"
    assert chat.say("是") == ("报名成功！「教职工拔河比赛」\n时间：9月10日（周四）15:30\n地点：学校操场\n"
                             "如需取消，回复“取消报名拔河”。")
    assert chat.say("报名拔河").startswith("您已经报名了「教职工拔河比赛」")


def test_signup_declined(school):
    chat = as_member(school, "1001")
    chat.say("我要参加乒乓球赛")
    assert chat.say("否") == "好的，已放弃报名。"
    assert chat.say("我的报名") == "您目前没有报名任何活动。回复“最近有什么活动”看看吧。"


def test_synonyms(school):
    chat = as_member(school, "1001")
    assert "卡拉OK歌唱比赛" in chat.say("我想报名K歌")
    chat.say("否")
    assert "乒乓球友谊赛" in chat.say("报名乒乓")
    chat.say("否")
    assert "羽毛球联谊赛" in chat.say("我要报羽毛求")


def test_no_match_offers_the_open_list_then_choice(school):
    chat = as_member(school, "1001")
    reply = chat.say("我要报名")
    assert reply.startswith("没有找到您说的活动。目前可以报名的有：\n1. 羽毛球联谊赛")
    assert chat.say("99").startswith("请回复活动编号，例如 1")
    assert chat.say("1").startswith("确认报名「羽毛球联谊赛」吗？")


def test_several_matches_give_a_numbered_choice(school):
    school.store.activities.add("乒乓球双打赛", "2026-09-20 16:00", "体育馆", 8, "2026-09-18 17:00", kind="乒乓球")
    chat = as_member(school, "1001")
    assert chat.say("报名乒乓球") == "找到几个相关的活动，请回复编号：\n1. 乒乓球友谊赛\n2. 乒乓球双打赛"
    assert chat.say("第二个").startswith("确认报名「乒乓球双打赛」")


def test_full_goes_to_waitlist_with_position(school):
    # 羽毛球联谊赛 has 2 places
    for staff_no in ("1001", "1006"):
        c = as_member(school, staff_no)
        c.say("报名羽毛球")
        assert c.say("是").startswith("报名成功")
    third = as_member(school, "1010")
    third.say("报名羽毛球")
    assert third.say("是") == "「羽毛球联谊赛」名额已满，已为您登记候补，目前排第 1 位。有人取消时会按顺序递补，并第一时间通知您。"
    fourth = as_member(school, "1014")
    fourth.say("报名羽毛球")
    assert "排第 2 位" in fourth.say("是")
    assert "候补第 2 位" in fourth.say("我的报名")
    assert "您已在「羽毛球联谊赛」的候补名单中，目前排第 1 位" in third.say("报名羽毛球")


def test_cancel_promotes_first_waitlisted_through_outbox(school):
    chats = {s: as_member(school, s) for s in ("1001", "1006", "1010")}
    for c in chats.values():
        c.say("报名羽毛球")
        c.say("是")
    assert chats["1001"].say("羽毛球我不去了") == "已为您取消「羽毛球联谊赛」的报名。"
    promoted = school.store.members.by_staff_no("1010")
    rows = school.store.outbox.for_member(promoted.id)
    assert len(rows) == 1 and rows[0]["kind"] == "promotion"
    assert rows[0]["text"].startswith("好消息！吴刚老师，「羽毛球联谊赛」有人取消，您已从候补转为正式报名。")
    assert "已报名" in chats["1010"].say("我的报名")


@pytest.mark.parametrize("how", ["cancelled", "finished"])
def test_no_promotion_into_a_cancelled_or_finished_activity(school, how):
    chats = {s: as_member(school, s) for s in ("1001", "1006", "1010")}
    for c in chats.values():
        c.say("报名羽毛球")
        c.say("是")
    activity = next(a for a in school.store.activities.all() if a.kind == "羽毛球")
    if how == "cancelled":
        school.store.activities.cancel(activity.id)
    else:
        school.clock.set(activity.start.replace(hour=20))  # the evening after the match
    assert chats["1001"].say("羽毛球我不去了") == "已为您取消「羽毛球联谊赛」的报名。"
    assert school.store.db.scalar("SELECT count(*) FROM outbox WHERE kind = 'promotion'") == 0
    assert school.store.signups.get(activity.id, school.store.members.by_staff_no("1010").id)["status"] == "waitlisted"


def test_leaving_the_waitlist_promotes_nobody(school):
    chats = [as_member(school, s) for s in ("1001", "1006", "1010")]
    for c in chats:
        c.say("报名羽毛球")
        c.say("是")
    assert chats[2].say("取消羽毛球") == "已将您移出「羽毛球联谊赛」的候补名单。"
    assert school.store.db.scalar("SELECT count(*) FROM outbox") == 0


def test_cancel_which_one(school):
    chat = as_member(school, "1001")
    for text in ("报名拔河", "报名乒乓球"):
        chat.say(text)
        chat.say("是")
    assert chat.say("不报了") == "您报名了以下活动，要取消哪一个？请回复编号：\n1. 教职工拔河比赛\n2. 乒乓球友谊赛"
    assert chat.say("2") == "已为您取消「乒乓球友谊赛」的报名。"
    assert chat.say("不去了") == "要取消「教职工拔河比赛」的报名吗？回复“是”确认。"
    assert chat.say("否") == "好的，报名保持不变。"


def test_cancel_something_not_signed_for(school):
    chat = as_member(school, "1001")
    chat.say("报名拔河")
    chat.say("是")
    assert chat.say("取消乒乓球") == "您没有报名「乒乓球友谊赛」。回复“我的报名”查看已报名的活动。"
    assert as_member(school, "1006").say("不报了") == "您目前没有进行中的报名。"


def test_deadline_passed(school):
    school.clock.set("2026-09-04 13:00")  # 羽毛球 deadline 9/3 12:00
    assert as_member(school, "1001").say("报名羽毛球").startswith("「羽毛球联谊赛」的报名已于 9月3日（周四）12:00 截止。")


def test_not_in_the_audience(school):
    assert as_member(school, "1001").say("报名插花").startswith("「女教职工插花沙龙」面向女教职工，这次不在您的参加范围内。")
    assert as_member(school, "1003").say("报名重阳敬老座谈会").startswith("「重阳敬老座谈会」面向退休教师")


def test_activity_cancelled(school):
    activity = next(a for a in school.store.activities.all() if a.kind == "拔河")
    school.store.activities.cancel(activity.id)
    assert as_member(school, "1001").say("报名拔河") == "「教职工拔河比赛」已取消，不再接受报名。"


def test_activity_cancelled_between_ask_and_confirm(school):
    chat = as_member(school, "1001")
    chat.say("报名拔河")
    activity = next(a for a in school.store.activities.all() if a.kind == "拔河")
    school.store.activities.cancel(activity.id)
    assert chat.say("是") == "「教职工拔河比赛」已取消，不再接受报名。"


def test_capacity_never_exceeded_with_concurrent_signups(tmp_path, clock):
    """Threads, each with its own connection to one file database, race for 5 places."""
    from bot.app import Bot
    from tests.conftest import make_config

    bot = Bot(make_config(tmp_path), clock)
    activity = bot.store.activities.add("抢票测试", "2026-09-20 10:00", "操场", 5, "2026-09-19 10:00")
    members = [bot.store.members.add(staff_no=f"9{i:03d}", name=f"测试{i}") for i in range(30)]
    barrier = threading.Barrier(len(members))
    outcomes = []

    def go(member):
        store = type(bot.store).open(bot.store.db.path, clock)  # a separate connection, like another process
        barrier.wait()
        outcomes.append(store.signups.signup(activity.id, member).status)

    assert run_in_threads(go, members) == []
    assert len(outcomes) == 30
    assert outcomes.count("confirmed") == 5
    assert outcomes.count("waitlisted") == 25
    assert bot.store.activities.confirmed_count(activity.id) == 5
    positions = sorted(bot.store.signups.waitlist_position(activity.id, m.id) for m in members
                       if bot.store.signups.get(activity.id, m.id)["status"] == "waitlisted")
    assert positions == list(range(1, 26))


def test_nothing_upcoming(bot, member):
    bot.store.bindings.bind("test", "u-test", member.id)
    chat = Chat(bot)
    assert chat.say("最近有什么活动") == "近期暂时没有可以报名的活动。工会有新安排会第一时间通知大家。"
    assert chat.say("我要报名") == "近期暂时没有可以报名的活动。工会有新安排会第一时间通知大家。"


def test_activity_already_started(school):
    school.store.activities.add("健步走", "2026-09-01 09:05", "操场", kind="健步走")  # no deadline
    chat = as_member(school, "1001")
    assert chat.say("报名健步走").startswith("确认报名「健步走」")
    school.clock.advance(minutes=6)  # it started while the teacher hesitated
    assert chat.say("是") == "「健步走」已经开始或结束了，不能再报名。"
