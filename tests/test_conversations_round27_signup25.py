"""Sign-ups and withdrawals said as teachers say them (issue 19, signup25; tuning set 41's sign-up misses).

- At a withdrawal, the other sign-up kept in her own words ("拔河那间继续住着，不退啊，别给我一起退了", "拔河那个，不退啊")
  stays, and her yes to what was done ("是的，只退卡拉OK，确认。") is told it is done: no menu, nothing else changes;
  with the other still hers, "别给我一起退了" means the other goes: she is asked about it.
- A question about an activity with news of being away ("…是10月1号上午吧？国庆那几天我要去外地儿子家。") asks nothing
  to be signed; at "确认报名…吗？" a note that she cannot come (a 请假条 "…不能参加，特此请假", "去不了") is a no, and
  "我没报过名，就是说一声这次不报了" then offers to cancel nothing.
- Two activities shown, one asked to confirm, "两场都报，确认" signs both.
Every conversation runs through /wechat with the frozen clock."""

from __future__ import annotations

import pytest

from tests import test_conversations_round23_yes19 as yes19
from tests.test_conversations_round23_yes19 import BADMINTON, ELDERS, KARAOKE, PING, TUG, confirmed

school = yes19.school  # (the fixture: the demo school behind /wechat)


def signed_before(school, staff_no, *titles):
    member = school.store.members.by_staff_no(staff_no)
    for title in titles:
        row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
        school.store.signups.signup(row["id"], member)


# ---- 1. at a withdrawal, the other one kept in her own words; her yes to what was done ----------------------------

CHECK_OUT = "前台你好，办个退房：卡拉OK歌唱比赛那间，9月21号晚上的，提前退掉。"


@pytest.mark.parametrize("keep", [
    "拔河那间继续住着，不退啊，别给我一起退了。",  # zu02
    "拔河那个继续留着，别一起退了。",
    "拔河还保留，别给我一并取消了。",
    "拔河那个，不退啊。",
])
@pytest.mark.parametrize("yes", [
    "是的，只退卡拉OK，确认。",  # zu02
    "对，就退卡拉OK那个。",
    "没错，只取消卡拉OK，确认。",
])
def test_the_other_sign_up_kept_in_her_words_stays_and_her_yes_is_told_it_is_done(school, keep, yes):
    signed_before(school, "1020", KARAOKE, TUG)
    assert school.say("1020", CHECK_OUT).startswith(f"已为您取消「{KARAOKE}」")
    kept = school.say("1020", keep)
    assert "保持不变" in kept and "取消「" not in kept, kept
    done = school.say("1020", yes)
    assert "已经为您取消" in done and "您是想" not in done, done
    confirmed(school, "1020", TUG)
    assert school.status("1020", KARAOKE) == "cancelled"


@pytest.mark.parametrize("keep", [
    "拔河那间继续住着，不退啊，别给我一起退了。",
    "拔河那间继续住，别给我一并退了。",
    "拔河那个，不退啊。",
])
def test_her_one_sign_up_kept_in_her_words_is_not_withdrawn(school, keep):
    signed_before(school, "1020", TUG)
    reply = school.say("1020", keep)
    assert "保持不变" in reply, reply
    confirmed(school, "1020", TUG)


@pytest.mark.parametrize("keep", [
    "拔河那个，不退啊，别给我一并退了。",
    "拔河那间继续住着，别给我一起退了。",
])
def test_one_kept_not_together_with_the_other_asks_about_the_other(school, keep):  # (as tuned29 zg18 has it)
    signed_before(school, "1022", PING, TUG)
    asked = school.say("1022", keep)
    assert asked.startswith(f"要取消「{PING}」"), asked
    assert school.say("1022", "对，只退乒乓球").startswith(f"已为您取消「{PING}」")
    confirmed(school, "1022", TUG)
    assert school.status("1022", PING) == "cancelled"


# ---- 2. a question with news of being away signs nothing; a note that she cannot come is a no ---------------------

LEAVE_NOTE = ("请假条\n学校工会：\n本人杨振华，退休教师。10月1日重阳敬老座谈会因赴外地探亲，不能参加，特此请假。\n此致\n敬礼\n"
              "杨振华")


@pytest.mark.parametrize("staff_no, asked, title", [
    ("2006", "请问重阳敬老座谈会是10月1号上午吧？国庆那几天我要去外地儿子家。", ELDERS),  # zu38
    ("2006", "重阳座谈会是10月1号吧？那几天我要去北京女儿那儿。", ELDERS),
    ("1020", "卡拉OK是21号晚上对吧？那几天我要去女儿家。", KARAOKE),
    ("1020", "拔河比赛是10号下午吧？那天我要去外地开会。", TUG),
    ("1020", "请问卡拉OK是21号晚上吗？那天我要去外地。", KARAOKE),
])
def test_a_question_with_news_of_being_away_asks_no_sign_up(school, staff_no, asked, title):
    reply = school.say(staff_no, asked)
    assert not reply.startswith("确认报名") and "报名成功" not in reply, reply
    assert school.status(staff_no, title) is None


@pytest.mark.parametrize("note", [
    LEAVE_NOTE,  # zu38
    "请假条：本人因赴外地探亲，座谈会那天来不了，特此请假。此致敬礼，杨振华",
    "报告工会：座谈会那天我去不了，要去儿子家。此致敬礼。",
])
def test_a_note_that_she_cannot_come_is_a_no_at_the_confirmation(school, note):
    assert school.say("2006", "报名重阳座谈会").startswith(f"确认报名「{ELDERS}」")
    assert school.say("2006", note) == "好的，已放弃报名。"
    assert school.status("2006", ELDERS) is None
    after = school.say("2006", "我没报过名，就是说一声这次不报了。")
    assert "要取消" not in after and "已为您取消" not in after, after
    assert school.status("2006", ELDERS) is None


def test_the_leave_note_after_her_question_signs_nothing_and_offers_nothing(school):  # zu38 in full
    school.say("2006", "请问重阳敬老座谈会是10月1号上午吧？国庆那几天我要去外地儿子家。")
    assert "报名成功" not in school.say("2006", LEAVE_NOTE)
    after = school.say("2006", "我没报过名，就是说一声这次不报了。")
    assert "要取消" not in after and "报名成功" not in after, after
    assert school.status("2006", ELDERS) is None


# ---- 3. two shown, one asked to confirm: "两场都报" signs both --------------------------------------------------------

TWO_SCENES = "开机！今天要安排两场：第一场拔河比赛，10号下午操场；第二场羽毛球联谊赛，4号下午体育馆一楼。"


@pytest.mark.parametrize("shown, asked, both", [
    (TWO_SCENES, "羽毛球听说就俩名额，满了我就去候补席等戏，不挑。", "两场都报，确认，收工！"),  # zu51
    (TWO_SCENES, "羽毛球听说就俩名额，满了我就去候补席等戏，不挑。", "两个都报，确认。"),
    ("拔河比赛和羽毛球联谊赛", "羽毛球报一个，满了就排候补", "都报上吧，确认"),
    ("拔河比赛和羽毛球联谊赛", "报名羽毛球", "两场都报"),
])
def test_both_shown_said_together_signs_both(school, shown, asked, both):
    listed = school.say("1022", shown)
    assert TUG in listed and BADMINTON in listed, listed
    assert school.say("1022", asked).startswith(f"确认报名「{BADMINTON}」")
    reply = school.say("1022", both)
    if not reply.count("报名成功") == 2:  # (said without its yes: both asked together, then signed)
        assert reply.startswith("确认报名以下 2 个活动吗？"), reply
        assert school.say("1022", "确认").count("报名成功") == 2
    confirmed(school, "1022", TUG)
    confirmed(school, "1022", BADMINTON)
