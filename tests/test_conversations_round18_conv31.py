"""Whole conversations, eighteenth round (issue 19, conv31): conversations set 26 read and acted on
(tests/data/conversations_tuned31.json, zi06 zi07 zi08 zi13 zi17 zi24 zi28 zi30 zi31 zi32 zi36 zi39), each by its
general cause.

- A 成语 that says "gladly" though it holds a 不 ("却之不恭，确认", "当仁不让，署我的名") is no refusal and no doubt.
- A yes in another trade's words: a countdown before it ("3、2、1 上车！确认确认"), a spreadsheet's "=TRUE", a teacher's
  marking ("批：可", "已阅，同意"), a ride-hailing "上车"; the bot's question quoted back with a dash before the answer.
- Herself counted out of one sign-up ("拔河别算我了，腰闪了（趣味运动会照旧）"): that one withdrawn, not a care report.
- Care news in gentle, bookish or gamer's words (驾鹤西去, 小登科, 满级退服, 卸货), "本号"/"鄙人" as 我, "勿念" as her own.
- A day that points back ("昨天…，当天就住院了") and "无大碍" that names nobody.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording of the variants is our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round12_conv16 import one_report, reports
from tests.test_conversations_round15_older import signed_suggestion
from tests.test_whole_messages import status

TUG = "教职工拔河比赛"
BOOK = "教师读书会"
PINGPONG = "乒乓球友谊赛"
BADMINTON = "羽毛球联谊赛"
MATH = "数学组趣味运动会"
HIKE = "秋季登山活动"
ASKS_SIGN = "要署上您的名字吗？"


def signed_up_for(school, staff_no: str, *titles: str) -> None:
    member = school.store.members.by_staff_no(staff_no)
    for title in titles:
        row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
        school.store.signups.signup(school.store.activities.get(row["id"]).id, member)


# ---- 1. a 成语 that says "gladly" ---------------------------------------------------------------------------


def test_the_idiom_yes_as_written(school):
    """tuned set 31 zi08."""
    chat = as_member(school, "1006")
    assert "确认报名" in chat.say("听说拔河比赛理化生组凑不齐人，我义不容辞，报名")
    assert "报名成功" in chat.say("却之不恭，确认")
    assert status(school, "1006", TUG) == "confirmed"


def tug_answered(school, answer: str) -> str:
    """张伟 (1001) asks for 拔河 and answers the confirmation so."""
    chat = as_member(school, "1001")
    assert "确认报名" in chat.say("报名拔河")
    return chat.say(answer)


@pytest.mark.parametrize("yes", [
    "义不容辞，确认报名", "求之不得！", "二话不说 确认", "当仁不让",  # gladness in a 成语
    "5、4、3、2、1，上车！", "三二一 确认", "=true", "已阅，同意", "批示：同意", "上车了",  # other trades' words
    "“确认报名吗”——是的", "「是否确认报名」—— 确认，上车",  # the question quoted back, a dash after it
])
def test_other_yeses_in_other_words_sign_up(school, yes):
    reply = tug_answered(school, yes)
    assert "报名成功" in reply, reply
    assert status(school, "1001", TUG) == "confirmed"


@pytest.mark.parametrize("said", ["义不容辞，可惜那天要监考", "求之不得，不过我再想想", "=FALSE", "批：不同意", "已阅，不去了"])
def test_a_no_or_a_doubt_beside_them_signs_nobody_up(school, said):
    reply = tug_answered(school, said)
    assert "报名成功" not in reply, reply
    assert status(school, "1001", TUG) is None


def test_the_idiom_before_a_name_as_written(school):
    """tuned set 31 zi39."""
    chat = as_member(school, "1022")
    assert chat.say("教代会提案：体育馆器材年久失修，单杠都锈了，建议更新").startswith(ASKS_SIGN)
    reply = chat.say("当仁不让，署我的名")
    assert "（实名）" in reply, reply
    assert signed_suggestion(school, "器材") is True


@pytest.mark.parametrize("answer, signed", [
    ("义不容辞，写我名字", True),
    ("二话不说，实名", True),
    ("求之不得，匿名吧", False),
    ("当仁不让", False),  # gladness, but no name asked for: consent is never guessed
])
def test_other_idioms_beside_the_choice_of_a_name(school, answer, signed):
    chat = as_member(school, "1005")
    assert chat.say("建议食堂早餐多加一个窗口，排队太久了").startswith(ASKS_SIGN)
    chat.say(answer)
    assert signed_suggestion(school, "早餐") is signed



# ---- 2. a yes in another trade's words ------------------------------------------------------------------------


@pytest.mark.parametrize("staff_no, opener, title, yes", [
    ("1025", "家人们谁懂啊，读书会这期共读《给教师的建议》！姐妹们冲，上链接，我要报", BOOK, "3、2、1 上车！确认确认"),  # zi07
    ("1018", "=报名(\"教职工拔河比赛\")", TUG, "=TRUE"),  # zi17
    ("1005", "改：乒乓球友谊赛，报上", PINGPONG, "批：可"),  # zi24
])
def test_the_trade_yeses_as_written(school, staff_no, opener, title, yes):
    """tuned set 31 zi07, zi17, zi24."""
    chat = as_member(school, staff_no)
    assert "确认报名" in chat.say(opener)
    reply = chat.say(yes)
    assert "报名成功" in reply, reply
    assert status(school, staff_no, title) == "confirmed"


def test_the_marking_conversation_as_written(school):
    """tuned set 31 zi24: struck out, then the other one approved."""
    signed_up_for(school, "1005", BADMINTON)
    chat = as_member(school, "1005")
    chat.say("羽毛球联谊赛那条划掉，此条作废")
    chat.say("批：可，撤")
    assert "确认报名" in chat.say("改：乒乓球友谊赛，报上")
    assert "报名成功" in chat.say("批：可")
    assert status(school, "1005", BADMINTON) == "cancelled"
    assert status(school, "1005", PINGPONG) == "confirmed"


OPENED = ("您是想", "确认报名「乒乓球友谊赛」吗？")


@pytest.mark.parametrize("answer", [
    "“是否确认报名乒乓球友谊赛”——确认，上车了",  # zi06, as written
    "「是否确认报名」→ 是的",
    "“要报名吗”—— 冲",
])
def test_the_question_quoted_back_with_a_dash_answers_which_one(school, answer):
    """tuned set 31 zi06: the ride-hailing opener is asked about, the answer quotes a question first."""
    chat = as_member(school, "1020")
    assert chat.say("乒乓球友谊赛，接单！").startswith(OPENED)  # (since singles19's fold: the sign-up asked directly)
    reply = chat.say(answer)
    assert "报名成功" in reply, reply
    assert status(school, "1020", PINGPONG) == "confirmed"


def test_a_quoted_question_then_a_no_signs_nobody_up(school):
    chat = as_member(school, "1020")
    assert chat.say("乒乓球友谊赛，接单！").startswith(OPENED)  # (since singles19's fold: the sign-up asked directly)
    chat.say("“是否确认报名”——算了，不报了")
    assert status(school, "1020", PINGPONG) is None


# ---- 3. herself counted out ---------------------------------------------------------------------------------


def test_counted_out_as_written(school):
    """tuned set 31 zi13."""
    signed_up_for(school, "1007", TUG, MATH)
    chat = as_member(school, "1007")
    reply = chat.say("拔河别算我了，腰闪了（趣味运动会照旧，那个不动）")
    assert TUG in reply and "请问是哪位老师" not in reply, reply
    chat.say("确认撤拔河")
    assert status(school, "1007", TUG) == "cancelled"
    assert status(school, "1007", MATH) == "confirmed"
    assert reports(school) == []  # her own sprain was the reason, no care report


@pytest.mark.parametrize("said", ["拔河就别算上我了，最近腰不好", "拔河那边把我划掉吧，脚崴了", "拔河我就弃权了，膝盖疼",
                                  "拔河甭算我了 读书会还去"])
def test_other_ways_to_be_counted_out(school, said):
    signed_up_for(school, "1001", TUG, BOOK)
    chat = as_member(school, "1001")
    reply = chat.say(said)
    if "吗" in reply:  # asked first, when only a reason is given
        reply = chat.say("是的")
    assert status(school, "1001", TUG) == "cancelled", reply
    assert status(school, "1001", BOOK) == "confirmed"
    assert reports(school) == []


def test_kept_in_is_no_withdrawal(school):
    signed_up_for(school, "1001", TUG)
    chat = as_member(school, "1001")
    chat.say("拔河别把我划掉啊，我还去的")
    assert status(school, "1001", TUG) == "confirmed"


# ---- 4. care news in gentle, bookish or gamer's words ----------------------------------------------------------


@pytest.mark.parametrize("staff_no, turns, subject, kind, day", [
    ("1016", ["嘿嘿，本人要小登科了", "10月2号结婚，到时候请工会的老师们喝喜酒"], "郭涛（本人）", "结婚", "2026-10-02"),  # zi28
    ("1010", ["报告，本号即将满级退服", "就是退休，2027年1月31日正式退"], "吴刚（本人）", "退休", "2027-01-31"),  # zi30
    ("2007", ["老周，周志明，前天晚上十点多驾鹤西去了"], "周志明", "丧事", "2026-08-30"),  # zi32
])
def test_gentle_and_playful_news_as_written(school, staff_no, turns, subject, kind, day):
    """tuned set 31 zi28, zi30, zi32."""
    chat = as_member(school, staff_no)
    for turn in turns:
        reply = chat.say(turn)
    assert "请问是哪位老师" not in reply, reply
    got = one_report(school)
    assert (got[0], got[1]) == (subject, kind) and day in got[2], got


def test_the_death_is_mourned_not_filed_as_a_suggestion(school):
    """tuned set 31 zi32: it was asked whether to sign, then filed as a suggestion."""
    chat = as_member(school, "2007")
    reply = chat.say("老周，周志明，前天晚上十点多驾鹤西去了")
    assert reply.startswith("惊悉噩耗") and ASKS_SIGN not in reply, reply
    assert signed_suggestion(school, "周志明") is None


@pytest.mark.parametrize("staff_no, text, subject, kind, day", [
    ("1024", "张伟老师的父亲昨天与世长辞了", "张伟的父亲", "丧事", "2026-08-31"),
    ("1024", "罗斌老师的岳父前天撒手人寰", "罗斌的岳父", "丧事", "2026-08-30"),
    ("1016", "鄙人下周六成亲，请工会知悉", "郭涛（本人）", "结婚", "2026-09-12"),
    ("1024", "罗斌老师爱人前天卸货了，母女平安", "罗斌的爱人", "生育", "2026-08-30"),
    ("1010", "本号9月30号告老还乡", "吴刚（本人）", "退休", "2026-09-30"),
])
def test_other_gentle_and_playful_news(school, staff_no, text, subject, kind, day):
    chat = as_member(school, staff_no)
    chat.say(text)
    got = one_report(school)
    assert (got[0], got[1]) == (subject, kind) and day in got[2], got


def test_in_the_next_week_is_no_self_word(school):
    """"在下周一" is a day, not the bookish 在下 (我)."""
    chat = as_member(school, "1024")
    chat.say("周婷老师在下周一住院")
    got = one_report(school)
    assert got[0] == "周婷" and "2026-09-07" in got[2], got


# ---- 5. a day that points back; words that name nobody ----------------------------------------------------------


def test_the_day_pointed_back_as_written(school):
    """tuned set 31 zi31."""
    chat = as_member(school, "1024")
    chat.say("老高（高峰）昨天打球把跟腱弄断了，当天就住院了")
    chat.say("在市一院骨科，组里都挺担心的")
    got = one_report(school)
    assert got[0] == "高峰" and got[1] == "生病住院" and "2026-08-31" in got[2], got


@pytest.mark.parametrize("text, day", [
    ("我前天摔了一跤 当晚送的医院", "2026-08-30"),
    ("王老师上周五摔倒，那天晚上就进了医院", "2026-08-28"),
    ("周婷老师昨天上午扭伤了脚，同一天下午住的院", "2026-08-31"),
])
def test_other_days_pointed_back(school, text, day):
    chat = as_member(school, "1024")
    chat.say(text)
    got = one_report(school)
    assert day in got[2], got


def test_no_harm_done_names_nobody_as_written(school):
    """tuned set 31 zi36: "已无大碍" was taken for someone called 大碍."""
    chat = as_member(school, "2001")
    chat.say("老骥伏枥，奈何身体不争气")
    reply = chat.say("昨天心梗，住进市一院了，已无大碍，勿念")
    assert "请问是哪位老师" not in reply, reply
    assert one_report(school) == ("王建国（本人）", "生病住院", "昨天（2026-08-31）")


@pytest.mark.parametrize("text, subject", [
    ("前天做了个小手术，已无大碍，勿念", "张三（本人）"),
    ("周婷老师昨天住院了，已无大碍", "周婷"),
    ("大刘昨天住院了，大约要住一周", "大刘"),
])
def test_other_words_that_name_nobody(school, text, subject):
    chat = as_member(school, "1024")
    chat.say(text)
    assert one_report(school)[0] == subject
