"""Whole conversations, nineteenth round (issue 19, conv32b): conversations set 27 read and acted on
(tests/data/conversations_tuned32.json, zj32 zj33 zj53), each by its general cause.

- Care news told in earnest after a joke ("说正事：", "言归正传", "说真的"): the day said then is the news's day, whatever
  day the joke held; the leave it means, told to the union ("大概要请一周假，先跟工会报备一下"), is a detail, no request.
- A birth told as a new one in the family ("我家新增一名小队员", "家里多了个小家伙", "家庭新成员"), hers when nobody else is
  named; a baby's weight ("3.6公斤", "7.2斤") is no day.
- A 工号 put right after "没有找到工号 8091": the number not found is never read again while another is there, struck
  ("~~8091~~ 8019", "8̶0̶9̶1̶ 8019") or not ("8091→8019", "8091 8019 弄反了"); the 工号 said again is no phone's last four.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording of the variants is our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_conversations_round12_conv16 import one_report, reports

ASKS_LAST4 = "手机号的后四位"
NOT_UNDERSTOOD = "没太明白"
BOUND = "绑定成功！何秀英老师（工号 8019）"


# ---- care news told in earnest after a joke --------------------------------------------------------------------


def test_the_joke_then_the_news_as_written(school):
    """tuned set 32 zj32."""
    chat = as_member(school, "1003")
    chat.say("我家猫今天早上把我的水杯推下桌了，我说你再这样我就要住院了——结果一语成谶😅")
    assert "2026-09-09" in chat.say("说正事：医生让我9月9号（下周三）住院做甲状腺手术，英语组李娜")
    reply = chat.say("大概要请一周假，先跟工会报备一下")
    assert "已补充" in reply and NOT_UNDERSTOOD not in reply, reply
    subject, kind, when = one_report(school)
    assert (subject, kind) == ("李娜（本人）", "生病住院") and "2026-09-09" in when, when
    assert "请一周假" in school.store.db.one("SELECT event FROM care_reports")["event"]


@pytest.mark.parametrize("staff_no, joke, earnest, day", [
    ("1001", "昨晚追剧追到两点，我说再熬夜就要进医院了，结果真应验了🙃", "言归正传：下周一（9月7号）要住院做个胆囊手术，数学组张伟",
     "2026-09-07"),
    ("1003", "今天早上上体重秤，它说我该住院了😂", "说真的，医生让我9月10号住院做阑尾手术", "2026-09-10"),
    ("1011", "前天我说批作业批到要住院，这下好了😂", "不开玩笑了，下周四（10号）住院做个小手术，跟工会报备一下", "2026-09-10"),
])
def test_the_news_told_in_earnest_in_other_words(school, staff_no, joke, earnest, day):
    chat = as_member(school, staff_no)
    chat.say(joke)
    chat.say(earnest)
    subject, kind, when = one_report(school)
    assert kind == "生病住院" and "（本人）" in subject and day in when, (subject, kind, when)


def test_a_later_day_without_earnest_words_stays_what_follows(school):
    """(not in earnest: "下周三做手术" after "昨天住院了" is what follows the news, its day stays)"""
    chat = as_member(school, "1003")
    chat.say("昨天住院了，英语组李娜")
    chat.say("下周三做手术")
    assert "2026-08-31" in one_report(school)[2]


@pytest.mark.parametrize("leave", ["得请两周假，跟工会说一声", "估计要请半个月的假，先跟工会知会一声"])
def test_the_leave_told_after_her_operation_is_a_detail(school, leave):
    chat = as_member(school, "1001")
    chat.say("我下周一（9月7号）要住院做个胆囊手术")
    reply = chat.say(leave)
    assert "已补充" in reply and NOT_UNDERSTOOD not in reply, reply
    assert len(reports(school)) == 1


# ---- a birth told as a new one in the family -------------------------------------------------------------------


def test_the_new_teammate_as_written(school):
    """tuned set 32 zj33."""
    chat = as_member(school, "1010")
    assert "恭喜" in chat.say("报告工会！我家新增一名小队员，昨晚21点40分顺利冲线！")
    chat.say("我老婆生的，儿子，3.6公斤，母子平安。体艺组吴刚")
    subject, kind, when = one_report(school)
    assert (subject, kind) == ("吴刚（本人）", "生育") and "2026-08-31" in when, when


@pytest.mark.parametrize("news, day", [
    ("家里多了个小家伙，前天凌晨到的，7.2斤", "2026-08-30"),
    ("报喜！家里又添了一位小公主，今天早上8点，3.2kg", "2026-09-01"),
    ("我家庭新成员昨天下午报到了，6.8斤，母女平安", "2026-08-31"),
    ("我老婆前天生了，儿子3.6公斤", "2026-08-30"),  # the weight is no day (it read 3月6日)
])
def test_a_new_one_in_the_family_in_other_words(school, news, day):
    chat = as_member(school, "1010")
    assert "恭喜" in chat.say(news)
    subject, kind, when = one_report(school)
    assert kind == "生育" and subject.startswith("吴刚") and day in when, (subject, kind, when)


@pytest.mark.parametrize("said", ["我们组新增一名成员，是新来的英语老师", "家里新买了一个小冰箱", "班里新增一名小队员",
                                  "大家又多了一位新朋友，欢迎欢迎", "家长群新增一名新成员"])
def test_a_new_one_elsewhere_is_no_birth(school, said):
    chat = as_member(school, "1010")
    assert "恭喜" not in chat.say(said)
    assert reports(school) == []


def test_a_weight_is_no_day():
    import datetime as dt

    from handlers.care.dates import find_date

    now = dt.datetime(2026, 9, 1, 9, 0)
    assert find_date("儿子，3.6公斤，母子平安", now, "生育") == ("", "")
    assert find_date("生了个闺女 7.2斤", now, "生育") == ("", "")
    assert find_date("8.29生的 7.2斤", now, "生育") == ("8月29日", "2026-08-29")


# ---- a 工号 put right after it was not found ------------------------------------------------------------------


@pytest.fixture
def newcomer(school):
    """何秀英 (8019, 行政后勤组, phone ending 8019), not yet bound."""
    school.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    return Chat(school, "u-new")


def bound(school) -> str | None:
    member = school.store.bindings.member_for("test", "u-new")
    return member.staff_no if member else None


def test_the_struck_out_number_as_written(school, newcomer):
    """tuned set 32 zj53."""
    assert "没有找到工号 8091" in newcomer.say("新人何秀英，行政后勤组，工号8091，绑定一下")
    assert ASKS_LAST4 in newcomer.say("~~8091~~ 8019，打反了，是8019")
    assert newcomer.say("手机后四位也是8019").startswith(BOUND)
    assert bound(school) == "8019"


@pytest.mark.parametrize("first, again", [
    ("我是何秀英，工号8091，绑定", "8̶0̶9̶1̶ 8019 打反了"),  # a strikethrough generator's strokes
    ("绑定 8091 何秀英", "8091→8019，两个数字打反了"),
    ("工号8091 何秀英 绑定一下", "哎呀 8091 8019 弄反了"),
    ("我是何秀英，工号8091，绑定", "8091 8019 打错了"),
    ("新来的何秀英 工号8091 帮我绑定", "是8019，刚才的8091写反了"),
])
def test_the_number_put_right_in_other_words(school, newcomer, first, again):
    assert "没有找到工号 8091" in newcomer.say(first)
    reply = newcomer.say(again)
    assert ASKS_LAST4 in reply, reply
    assert newcomer.say("尾号8019").startswith(BOUND)
    assert bound(school) == "8019"


@pytest.mark.parametrize("again", ["是8019，刚才的8091写反了", "8091→8019", "8091 8019，打反了，是8019"])
def test_the_staff_number_said_again_is_no_try_at_the_phone(school, newcomer, again):
    """A phone that does not end in the 工号: the 工号 put right is asked the proof, never counted a wrong one."""
    school.store.db.execute("UPDATE members SET phone = '13912345678' WHERE staff_no = '8019'")
    newcomer.say("我是何秀英，工号8091，绑定")
    reply = newcomer.say(again)
    assert ASKS_LAST4 in reply and "验证没有通过" not in reply, reply
    assert newcomer.say("尾号5678").startswith(BOUND)


def test_the_same_wrong_number_again_is_still_not_found(school, newcomer):
    newcomer.say("我是何秀英，工号8091，绑定")
    assert "没有找到工号 8091" in newcomer.say("8091")
    assert bound(school) is None


def test_struck_strokes_read_as_struck():
    from bot.stage import unmarked

    assert unmarked("8̶0̶9̶1̶ 8019") == "8091（划掉） 8019"
    assert unmarked("报名拔̶河̶ 登山") == "报名拔河（划掉） 登山"
