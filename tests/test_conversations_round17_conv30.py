"""Whole conversations, seventeenth round (issue 19, conv30): conversations set 25 read and acted on
(tests/data/conversations_tuned30.json, zh03 zh04 zh07 zh10 zh31 zh40 zh42 zh43 zh46), each by its general cause.

- A yes worded as a contract or a formal letter ("甲方已知悉时间地点，特此确认报名，无异议", "兹确认参加").
- A message written as a news item about oneself: the tag ("【快讯】", "【后续】") and the speaker when it is the sender
  ("杨老师本人表示：", "当事人韩冬表示：") are no part of what she says; a match entered as sport talk ("宣布出战").
- An apology for the hour ("这么晚打扰了") is no wish to be left alone; "孩子他爸和俩娃" is her family, never 拔河.
- Options she labels herself (甲乙丙, A/B) and picks by the label; torn between several ("在这三个里纠结") asks which,
  never signs up for all; "甲和丙都不报了" takes none of them.
- A name given fearlessly ("实名就实名，我宋健怕啥"); a suggestion typed a character at a time is kept as words.
- A colleague's retirement told in a few words ("郑秀英 学期末退休 请工会关照 赵敏"), and a day she cannot give.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round12_conv16 import one_report, reports
from tests.test_conversations_round15_older import signed_suggestion
from tests.test_conversations_round16_conv24 import party
from tests.test_whole_messages import status

TUG = "教职工拔河比赛"
HIKE = "秋季登山活动"
BOOK = "教师读书会"
KTV = "卡拉OK歌唱比赛"
BADMINTON = "羽毛球联谊赛"
PINGPONG = "乒乓球友谊赛"
MATH = "数学组趣味运动会"


def family_hike(school) -> None:
    """The outing as the writers' brief has it: family may come (the demo school's takes none)."""
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))


# ---- 1. a yes in contract or formal wording ------------------------------------------------------------------


def test_the_contract_wording_as_written(school):
    """tuned set 30 zh03."""
    chat = as_member(school, "1012")
    reply = chat.say("兹确认：本人孙强（工号1012，数学组，以下简称甲方）申请参加数学组趣味运动会。")
    assert reply.startswith(f"报名成功！「{MATH}」"), reply  # (focus20: the contract's own "兹确认" is her yes, not asked again)
    assert status(school, "1012", MATH) == "confirmed"
    reply = chat.say("甲方已知悉时间地点，特此确认报名，无异议。")
    assert "取消" not in reply.split("\n")[0], reply
    assert status(school, "1012", MATH) == "confirmed"


@pytest.mark.parametrize("yes", [
    "本人已阅读活动须知，特此确认报名。",
    "经慎重考虑，兹确认参加，无异议",
    "已知悉注意事项，现确认报名，并无异议。",
    "对以上内容无异议",
])
def test_other_formal_yeses_sign_up(school, yes):
    chat = as_member(school, "1001")
    assert "确认报名" in chat.say("报名拔河")
    reply = chat.say(yes)
    assert "报名成功" in reply, reply
    assert status(school, "1001", TUG) == "confirmed"


@pytest.mark.parametrize("said", ["甲方已知悉，但时间有冲突，暂不确认", "兹确认本人那天要监考，去不了"])
def test_a_formal_refusal_or_doubt_signs_nobody_up(school, said):
    chat = as_member(school, "1001")
    assert "确认报名" in chat.say("报名拔河")
    reply = chat.say(said)
    assert "报名成功" not in reply, reply
    assert status(school, "1001", TUG) is None


# ---- 2. news items about oneself --------------------------------------------------------------------------


def test_the_headline_sign_up_as_written(school):
    """tuned set 30 zh04."""
    chat = as_member(school, "1006")
    reply = chat.say("【快讯】理化生组杨磊老师今日宣布出战乒乓球友谊赛（单打）")
    assert "确认报名" in reply and PINGPONG in reply, reply
    reply = chat.say("【追踪】杨老师本人表示：确认参赛，球拍自带")
    assert "报名成功" in reply, reply
    assert status(school, "1006", PINGPONG) == "confirmed"


@pytest.mark.parametrize(("ask", "title"), [
    ("拔河比赛我来应战！", TUG),
    ("羽毛球联谊赛 俺披挂上阵", BADMINTON),
    ("#最新# 数学组张伟决定出战拔河", TUG),
])
def test_a_match_entered_in_sport_talk_asks_to_confirm(school, ask, title):
    chat = as_member(school, "1001")
    reply = chat.say(ask)
    assert "确认报名" in reply and title in reply, reply
    reply = chat.say("[后续] 张伟本人回应称：确认")
    assert "报名成功" in reply, reply
    assert status(school, "1001", title) == "confirmed"


@pytest.mark.parametrize("ask", ["乒乓球友谊赛参赛要带什么", "乒乓球友谊赛谁出战"])
def test_a_question_about_the_match_is_no_sign_up(school, ask):
    chat = as_member(school, "1006")
    reply = chat.say(ask)
    assert "确认报名" not in reply, reply
    assert status(school, "1006", PINGPONG) is None


def test_someone_elses_words_reported_are_not_her_yes(school):
    chat = as_member(school, "1001")
    assert "确认报名" in chat.say("报名拔河")
    reply = chat.say("【后续】王芳老师表示：确认")
    assert "报名成功" not in reply, reply
    assert status(school, "1001", TUG) is None


def test_the_headline_suggestion_signed_as_written(school):
    """tuned set 30 zh43."""
    chat = as_member(school, "1026")
    chat.say("【热议】教学楼三楼饮水机坏了一周，至今无人维修")
    reply = chat.say("【后续】当事人韩冬表示：可以署名")
    assert "实名" in reply and "编号" in reply, reply
    assert signed_suggestion(school, "饮水机") is True


def test_a_suggestion_signed_by_a_quoted_colleague_stays_anonymous(school):
    chat = as_member(school, "1026")
    assert "要署上您的名字吗" in chat.say("建议食堂周五增加一个面食窗口")
    reply = chat.say("【后续】罗斌老师表示：可以署名")
    assert "匿名" in reply, reply
    assert signed_suggestion(school, "面食窗口") is False


# ---- 3. an apology for the hour, and her family said with 和 ------------------------------------------------


def test_the_late_night_sign_up_with_the_family_as_written(school):
    """tuned set 30 zh10."""
    family_hike(school)
    chat = as_member(school, "1029")
    reply = chat.say("这么晚打扰了，刚把娃哄睡……想报下登山")
    assert "确认报名" in reply and HIKE in reply, reply
    reply = chat.say("带孩子他爸和俩娃，大的9岁小的6岁，一共我们四个人")
    assert HIKE in reply and "4 人" in reply and TUG not in reply, reply
    reply = chat.say("嗯确认，辛苦了早点休息")
    assert "报名成功" in reply, reply
    assert status(school, "1029", HIKE) == "confirmed" and party(school, "1029", HIKE) == 4
    assert status(school, "1029", TUG) is None


@pytest.mark.parametrize(("ask", "title"), [
    ("大半夜的不好意思打扰了，想报个读书会", BOOK),
    ("这个点还来打扰您，刚下晚自习，想报一下羽毛球", BADMINTON),
    ("深夜打扰了，想报下拔河", TUG),
])
def test_an_apology_for_the_hour_is_no_unsubscribe(school, ask, title):
    chat = as_member(school, "1003")
    reply = chat.say(ask)
    assert "确认报名" in reply and title in reply, reply
    assert not school.store.members.by_staff_no("1003").push_opt_out


@pytest.mark.parametrize("family", ["我爸和我妈也想去，我们三个人", "孩子他爸和我两个人"])
def test_her_father_and_mother_said_with_he_are_never_the_tug_of_war(school, family):
    family_hike(school)
    chat = as_member(school, "1003")
    assert "确认报名" in chat.say("报名登山")
    reply = chat.say(family)
    assert HIKE in reply and TUG not in reply, reply


# ---- 4. options labelled and picked by their label; torn between several --------------------------------------


def test_torn_between_three_then_the_second_as_written(school):
    """tuned set 30 zh07."""
    chat = as_member(school, "1017")
    reply = chat.say("想报个活动，在这三个里纠结：甲、读书会 乙、卡拉OK 丙、羽毛球")
    assert "哪一个" in reply and "确认报名" not in reply, reply
    reply = chat.say("算了就乙吧，卡拉OK歌唱比赛，甲和丙都不报了")
    assert "确认报名" in reply and KTV in reply and BOOK not in reply, reply
    reply = chat.say("确认乙")
    assert "报名成功" in reply, reply
    assert status(school, "1017", KTV) == "confirmed"
    assert status(school, "1017", BOOK) is None and status(school, "1017", BADMINTON) is None


@pytest.mark.parametrize(("first", "pick", "title"), [
    ("读书会和拔河不知道报哪个", "2", TUG),
    ("A.读书会 B.卡拉OK，二选一，犹豫中", "B吧", KTV),
    ("甲 拔河 乙 登山，拿不定主意", "那就甲", TUG),
])
def test_torn_between_some_asks_which_and_takes_the_one_picked(school, first, pick, title):
    chat = as_member(school, "1003")
    reply = chat.say(first)
    assert "哪一个" in reply, reply
    reply = chat.say(pick)
    assert "确认报名" in reply and title in reply, reply
    assert "报名成功" in chat.say("是")
    assert [t for t in (TUG, HIKE, BOOK, KTV) if status(school, "1003", t)] == [title]


def test_two_refused_with_dou_are_not_all_taken(school):
    chat = as_member(school, "1003")
    chat.say("拔河和读书会都想报，不知道选哪个")
    reply = chat.say("两个都不报了")
    assert "报名成功" not in reply and "确认报名以下" not in reply, reply
    assert status(school, "1003", TUG) is None and status(school, "1003", BOOK) is None


def test_her_own_options_for_signing_then_the_first_as_written(school):
    """tuned set 30 zh46."""
    chat = as_member(school, "1014")
    assert "要署上您的名字吗" in chat.say("有个建议：教工宿舍能不能装空调，夏天热得根本睡不着")
    reply = chat.say("甲、署名 乙、匿名——我选甲，署名")
    assert "实名" in reply, reply
    assert signed_suggestion(school, "空调") is True


def answered_sign(school, answer: str) -> bool | None:
    """A suggestion sent, "要署上您的名字吗？" answered: signed (True), anonymous (False)."""
    chat = as_member(school, "1014")
    assert "要署上您的名字吗" in chat.say("建议图书馆周末也开放")
    chat.say(answer)
    return signed_suggestion(school, "图书馆")


@pytest.mark.parametrize(("answer", "signed"), [
    ("A 实名 B 匿名，我选A", True),
    ("甲：写名字；乙：不写。选乙", False),
    ("a.匿名 b.署名 我选b吧", True),
])
def test_other_labelled_choices_of_signing(school, answer, signed):
    assert answered_sign(school, answer) is signed


# ---- 5. a name given fearlessly; a suggestion typed a character at a time -------------------------------------


def test_the_fearless_name_as_written(school):
    """tuned set 30 zh40."""
    chat = as_member(school, "1022")
    chat.say("停车场车位太少了，每天早上抢车位直接芭比Q了")
    chat.say("建议划一片教职工专用车位，外来车别停")
    reply = chat.say("实名就实名，我宋健怕啥")
    assert "实名" in reply, reply
    assert signed_suggestion(school, "车位") is True


@pytest.mark.parametrize(("answer", "signed"), [
    ("署名呗，怕什么", True),
    ("写我名字，我怕谁", True),
    ("怕啥，匿名吧", False),
    ("实名怕被报复", False),
])
def test_a_fear_asked_back_is_none(school, answer, signed):
    assert answered_sign(school, answer) is signed


def test_the_spaced_suggestion_kept_as_words_as_written(school):
    """tuned set 30 zh42."""
    chat = as_member(school, "2007")
    chat.say("建 议 退 休 老 师 体 检 加 一 项 骨 密 度")
    reply = chat.say("写 我 名 字 赵 淑 芬")
    assert "实名" in reply, reply
    assert signed_suggestion(school, "退休老师体检加一项骨密度") is True


def test_a_suggestion_with_spaces_between_phrases_keeps_them(school):
    chat = as_member(school, "1003")
    chat.say("建议：食堂 周五 加个 面食窗口")
    chat.say("匿名")
    assert signed_suggestion(school, "食堂 周五 加个 面食窗口") is False


# ---- 6. a colleague's retirement in a few words -------------------------------------------------------------


def test_the_telegram_retirement_as_written(school):
    """tuned set 30 zh31."""
    chat = as_member(school, "1007")
    reply = chat.say("郑秀英 学期末退休 请工会关照 赵敏")
    assert "退休" in reply and "帮助" not in reply, reply
    reply = chat.say("具体日子不清 她本人不好意思讲")
    assert "帮助" not in reply and "不清楚" in reply, reply
    subject, kind, _ = one_report(school)
    assert subject == "郑秀英" and kind == "退休"


@pytest.mark.parametrize(("news", "subject"), [
    ("周婷老师放暑假就退休了", "周婷"), ("唐宁下学期荣退，工会表示一下", "唐宁"), ("彭亮 退休了 跟工会说声", "彭亮")])
def test_other_retirements_told_short(school, news, subject):
    chat = as_member(school, "1001")
    reply = chat.say(news)
    assert "帮助" not in reply and "您是想" not in reply, reply
    if "什么时候" in reply:  # (done already: the day is asked)
        reply = chat.say("不清楚")
    assert "退休" in reply, reply
    assert one_report(school)[:2] == (subject, "退休")


@pytest.mark.parametrize("said", ["郑秀英退休了吗", "退休的王建国老师能报名登山吗", "郑秀英退休金怎么算",
                                  "王建国退休以后一直在家带孙子"])
def test_a_question_about_retirement_is_no_report(school, said):
    chat = as_member(school, "1001")
    chat.say(said)
    assert reports(school) == []


def test_both_refused_at_a_confirmation_of_two_signs_up_for_neither(school):
    chat = as_member(school, "1003")
    assert "确认报名以下 2 个活动" in chat.say("拔河和读书会都给我报上")
    reply = chat.say("算了，两个都不报了")
    assert "报名成功" not in reply, reply
    assert status(school, "1003", TUG) is None and status(school, "1003", BOOK) is None
