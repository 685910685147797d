"""Whole conversations, fourteenth round (issue 19): activities named by what they are like, and what uses the
union's words but is not the union's.

- "名额最少的那个活动，我想试试" (tuned set 27, ze01): the activity with the fewest places, said back so she can check
  it ("名额最少的是「羽毛球联谊赛」（2 个名额）"); "嗯 就它" asks to confirm; "确认" signs her up. Likewise 最近的 /
  下一场, 最晚的, 还有名额最多的, 周末那场, 晚上那个 / 不用晚上去的, 在体育馆的, 能带家属的, 给退休老同志办的: one that
  fits is the one meant, several are offered as a choice; "最近有什么活动" is still the list.
- A checkup or an activity described instead of named ("要早上不吃饭去的那个检查"); whether a child may come along
  ("我家娃问登山他能不能一起去") answered as such, with no sign-up offered; "我老婆说…生日短信…让我关了" turns them off.
- Students', the class's, the district's or another office's matters ("帮我报一下学生的春游", "我要取消明天下午的家长会")
  are no sign-up and no cancellation: the answer says plainly it is not the union's and whom to ask.
- Thanks and praise that mention the checkup ("体检安排得很周到，点个赞") are thanked, not answered with the checkup.

Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 羽毛球 Fri 9-4 16:00 (2 places, 体育馆一楼),
读书会 Sun 9-6, 运动会 Wed 9-9 (数学组 only), 拔河 Thu 9-10 (60 places), 乒乓球 Sun 9-13 (体育馆二楼), 登山 Thu 9-17,
卡拉OK Mon 9-21 18:30, 插花 Sat 9-26 (women only), 重阳座谈会 Thu 10-1 (retired only)); the wording is our own
beside the cases as reported."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

HIKE, TUG, READING, PINGPONG = "秋季登山活动", "教职工拔河比赛", "教师读书会", "乒乓球友谊赛"
KARAOKE, BADMINTON, FLOWERS, ELDERS = "卡拉OK歌唱比赛", "羽毛球联谊赛", "女教职工插花沙龙", "重阳敬老座谈会"
SIGNED, NOT_OURS = "报名成功", "这件事不归工会管"


@pytest.fixture
def family_hike(school):
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))
    return school


def signups_of(school, staff_no: str) -> int:
    member = school.store.members.by_staff_no(staff_no)
    return len(school.store.signups.for_member(member.id))


# ---- 1. the activity with the fewest places, chosen by that ----------------------------------------------


def test_the_fewest_places_as_written(school):
    chat = as_member(school, "1004")
    shown = chat.say("名额最少的那个活动，我想试试")
    assert shown.startswith("名额最少的是「羽毛球联谊赛」（2 个名额）"), shown
    assert status(school, "1004", BADMINTON) is None
    assert "确认报名「羽毛球联谊赛」" in shown, shown  # ("我想试试" joins it: asked at once, signup17)
    assert chat.say("嗯 就它。满了的话排候补也行，我等得起").startswith(SIGNED)
    assert status(school, "1004", BADMINTON) == "confirmed"


def test_the_fewest_places_when_it_is_full_waitlists(school):
    for staff_no in ("1001", "1002"):
        other = as_member(school, staff_no)
        other.say("报名羽毛球")
        other.say("是")
    chat = as_member(school, "1004")
    assert "羽毛球联谊赛" in chat.say("人最少的那个活动 我也想去试试")
    chat.say("就它 满了排候补也行")
    chat.say("确认")
    assert status(school, "1004", BADMINTON) == "waitlisted"


@pytest.mark.parametrize("said, title, note", [
    ("最近的那场帮我报上", BADMINTON, "最近的是「羽毛球联谊赛」（9月4日（周五）16:00）"),
    ("最晚的那个活动我想参加", KARAOKE, "最晚的是「卡拉OK歌唱比赛」"),
    ("还有名额最多的那个帮我报一下", TUG, "剩余名额最多的是「教职工拔河比赛」（剩余 60 个名额）"),
    ("晚上那个活动给我报个名", KARAOKE, "晚上的是「卡拉OK歌唱比赛」"),
])
def test_a_sign_up_by_what_it_is_like_says_which_and_confirms(school, said, title, note):
    chat = as_member(school, "1004")
    asked = chat.say(said)
    assert asked.startswith(note) and f"确认报名「{title}」" in asked, asked
    assert chat.say("是").startswith(SIGNED)
    assert status(school, "1004", title) == "confirmed"


@pytest.mark.parametrize("staff_no, said, note", [
    ("1004", "最近的那个活动是什么时候", "最近的是「羽毛球联谊赛」"),
    ("1004", "下一场活动在哪", "最近的是「羽毛球联谊赛」"),
    ("1004", "最晚的那场在哪", "最晚的是「卡拉OK歌唱比赛」"),
    ("1004", "晚上那个活动在哪里", "晚上的是「卡拉OK歌唱比赛」"),
    ("2002", "给退休老同志办的那个会是几号开？", "给退休教师的是「重阳敬老座谈会」（10月1日（周四）09:30）"),
    ("2004", "专门给退休老师办的那个活动在哪", "给退休教师的是「重阳敬老座谈会」"),
    ("1017", "给女老师办的那个活动是哪天", "给女教职工的是「女教职工插花沙龙」"),
])
def test_a_question_by_what_it_is_like_shows_that_one(school, staff_no, said, note):
    reply = as_member(school, staff_no).say(said)
    assert reply.startswith(note), reply
    assert "为您找到：\n1. " in reply and "\n2. " not in reply


def test_the_one_that_takes_family(family_hike):
    reply = as_member(family_hike, "1006").say("能带家属的那个活动几号")
    assert reply.startswith("能带家属的是「秋季登山活动」（9月17日（周四）08:00）"), reply


def test_several_that_fit_are_offered_to_choose(school):
    chat = as_member(school, "1004")
    weekend = chat.say("周末那场是什么")
    assert READING in weekend and PINGPONG in weekend and TUG not in weekend, weekend
    daytime = chat.say("不用晚上去的有哪些")
    assert BADMINTON in daytime and HIKE in daytime and KARAOKE not in daytime, daytime
    asked = chat.say("在体育馆的那个，我想报")
    assert BADMINTON in asked and PINGPONG in asked and "回复编号" in asked, asked
    assert chat.say("2").startswith("确认报名「乒乓球友谊赛」")
    assert chat.say("是").startswith(SIGNED)
    assert status(school, "1004", PINGPONG) == "confirmed" and status(school, "1004", BADMINTON) is None


@pytest.mark.parametrize("said", ["最近有什么活动", "最近的活动有哪些", "最近有啥活动吗"])
def test_lately_is_still_the_list(school, said):
    reply = as_member(school, "1004").say(said)
    assert "正在报名的工会活动" in reply and "最近的是" not in reply, reply


# ---- 2. described, not named; family; greetings off --------------------------------------------------


@pytest.mark.parametrize("said", [
    "每年在医院做一次的那个，今年几号",
    "要早上不吃饭去的那个检查在哪个医院做",
    "就是空着肚子去医院查的那个，几号开始",
    "一年一次去医院查身体那个 今年啥时候",
])
def test_the_checkup_described(school, said):
    reply = as_member(school, "1004").say(said)
    assert "教职工年度体检" in reply and "市第一人民医院" in reply, reply


@pytest.mark.parametrize("staff_no, said, answer", [
    ("1006", "我家娃问登山他能不能一起去，他才六岁", "「秋季登山活动」可以带家属"),
    ("1006", "孩子问秋季登山他可以跟我一起去吗", "「秋季登山活动」可以带家属"),
    ("1017", "我女儿问插花沙龙她能不能跟我一起去，她上初中", "「女教职工插花沙龙」这次只限老师本人参加"),
    ("1019", "我老公问读书会他能不能跟我一起去", "「教师读书会」这次只限老师本人参加"),
])
def test_may_family_come_is_answered_not_signed(family_hike, staff_no, said, answer):
    reply = as_member(family_hike, staff_no).say(said)
    assert answer in reply and "要为您报名吗" not in reply, reply
    assert signups_of(family_hike, staff_no) == 0


@pytest.mark.parametrize("said", ["我老婆说工会的生日短信太频繁，让我关了", "我爱人嫌节日祝福消息太多了 叫我关掉"])
def test_greetings_off_as_told_by_the_family(school, said):
    reply = as_member(school, "1008").say(said)
    assert "不再给您推送" in reply, reply
    assert school.store.members.by_staff_no("1008").push_opt_out


# ---- 3. not the union's: said so, nothing signed or withdrawn ------------------------------------------


@pytest.mark.parametrize("said, whom", [
    ("帮我报一下学生的春游，我们班32人", "教务处"),
    ("我们班学生要报名参加市里的合唱比赛，报名表在哪", "教务处"),
    ("学生的体检报告什么时候出", "教务处"),
    ("我家孩子问我们学校春游什么时候报名，帮他报一个", "教务处"),
    ("我想报名参加区里的教学比武", "教研组"),
    ("我要取消明天下午的家长会", "年级组"),
    ("体检自费加的项目，发票能报销吗", "财务室"),
    ("体检我已经去过了，下周三要请假陪孩子复查，请假怎么弄", "教务处"),
    ("事由：调课 诉求：把周四第三节和王芳老师换一下", "教务处"),
    ("帮我给班里学生报个秋游，一共40人", "教务处"),
    ("市里的优质课比赛我想报名", "教研组"),
    ("下周二的家长会我去不了 帮我取消", "年级组"),
    ("学生的研学活动什么时候报名", "教务处"),
])
def test_not_the_unions_is_said_plainly(school, said, whom):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say(said)
    assert reply.startswith(NOT_OURS) and whom in reply, reply
    assert status(school, "1004", TUG) == "confirmed" and signups_of(school, "1004") == 1


@pytest.mark.parametrize("said, shown", [
    ("学生要期中考试，拔河我去不了", "拔河"),
    ("带孩子参加登山可以吗", "秋季登山活动"),
    ("学生体检那天我要带队，工会体检能改天吗", "教职工年度体检"),
])
def test_a_union_activity_beside_the_words_stays_the_unions(family_hike, said, shown):
    chat = as_member(family_hike, "1004")
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say(said)
    assert not reply.startswith(NOT_OURS) and shown in reply, reply


@pytest.mark.parametrize("reason", [
    "不是不想去，是那天下午要带学生去区里比赛，实在走不开。帮我退了",
    "那天要开家长会，实在走不开。帮我退了吧",
    "周四下午要带学生去市里参加比赛。拔河帮我退了",
])
def test_a_reason_from_school_work_still_withdraws_her_own(school, reason):
    chat = as_member(school, "1020")
    chat.say("报名拔河")
    chat.say("是")
    asked = chat.say(reason)
    assert not asked.startswith(NOT_OURS) and "教职工拔河比赛" in asked, asked
    if "要取消" in asked:
        chat.say("嗯，退掉")
    assert status(school, "1020", TUG) in (None, "cancelled")


def test_a_reason_after_the_activity_was_shown_is_about_it(school):
    chat = as_member(school, "1005")
    chat.say("报名登山")
    chat.say("是")
    assert "秋季登山活动" in chat.say("登山那个")
    asked = chat.say("17号要陪孩子去市里比赛 去不了了")
    assert not asked.startswith(NOT_OURS), asked
    chat.say("对 取消吧")
    assert status(school, "1005", HIKE) in (None, "cancelled")


def test_a_retired_colleague_in_a_care_report_is_no_activity(school):
    chat = as_member(school, "2003")
    chat.say("王建国老师住院了你们知道吗")
    reply = chat.say("就是退休的那个王建国啊，还有第二个王建国吗？心脏的毛病，前天送进去的")
    assert "重阳敬老座谈会" not in reply and "已转告工会委员" in reply, reply
    assert school.store.db.scalar("SELECT count(*) FROM care_reports") == 1


def test_the_retired_ones_by_whom_it_is_for(school):
    chat = as_member(school, "2002")
    asked = chat.say("退休老师的那个活动帮我报上")
    assert asked.startswith("给退休教师的是「重阳敬老座谈会」") and "确认报名「重阳敬老座谈会」" in asked, asked
    assert chat.say("好").startswith(SIGNED)


# ---- 4. thanks and praise are thanked; "还能干别的吗" is help ---------------------------------------------


@pytest.mark.parametrize("said", [
    "体检安排得很周到，不用排长队，点个赞",
    "体检医院的护士态度特别好，谢谢工会联系",
    "早上好！今天是体检第一天，祝大家指标都正常",
    "刚在医院体检完，顺便跟你们说声谢谢",
    "数学组运动会发的奖品我家孩子抢着玩，谢啦",
    "体检中心的医生很耐心，感谢工会安排",
    "拔河比赛组织得真好，辛苦你们了",
])
def test_thanks_and_praise_are_thanked(school, said):
    reply = as_member(school, "1018").say(said)
    assert reply.startswith(("不客气", "谢谢")), reply
    assert "市第一人民医院" not in reply and "为您找到" not in reply


def test_thanks_with_a_question_still_answers_it(school):
    reply = as_member(school, "1018").say("谢谢，体检是哪天")
    assert "教职工年度体检" in reply


@pytest.mark.parametrize("said", ["机器人不就是能报名查活动吗？还能干别的吗", "你除了报名还能做点别的吗"])
def test_what_else_can_it_do_is_help(school, said):
    reply = as_member(school, "1018").say(said)
    assert "工会小助手可以帮您" in reply or "您可以这样说" in reply, reply
    assert "体检安排" in reply
