"""Care news written in new styles (issue 19, care21; tuning sets 39, 37, 36, 35): each miss by its general cause, as
written and in other words, with the cases that must stay as they were.

- A version, a chapter or a score ("v3.2", "第3.1版", "3.5分") is no date; a labelled field (【生效时间】, 时间：, 日期：) is the
  news's day, and a posting's or a visit's labelled time (发布时间, 家访时间) is not.
- An illness by its name (腱鞘炎, 肩周炎, 痛风) or by what the body no longer does ("连粉笔都握不住", "胳膊抬不起来"); an elder
  named with 前辈/老前辈/师傅/大姐 after the name is the one the news is about, carried to the day asked next.
- A subject is a person, never an adjective ("困难，家里最近，挺大的。" asks whose; "小李老师" is still a person).
- After the report: a day put right in other words ("日子改了 是9月26号 不是19号"); the spouse ("我家那口子") named alone.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round19_conv32a import care

ASK_WHEN = "大概是什么时候？"
ASK_WHO = "请问是哪位老师？"


def told(school, staff_no: str, *turns: str) -> list[str]:
    chat = as_member(school, staff_no)
    return [chat.say(turn) for turn in turns]


# ---- a version number is no date; the labelled field is ----------------------------------------------------------


@pytest.mark.parametrize("staff_no, turns, expected", [
    ("1007", ["数学组人员状态 v3.2 更新说明\n【变更】高峰老师：在岗 → 住院\n【原因】急性阑尾炎，做了手术\n【生效时间】昨天下午",
              "【补充说明】人在市第一人民医院外科，恢复得还行。工会方便的话派人去看看他。"], ("高峰", "生病住院", "2026-08-31")),
    ("1002", ["英语组人员状态 v2.5\n【变更】李娜老师：在岗 → 病假\n【原因】骨折住院\n【生效时间】前天晚上"], ("李娜", "生病住院", "2026-08-30")),
    ("1002", ["通报（第3.1版）\n刘洋老师上周五做了手术，住院了"], ("刘洋", "生病住院", "2026-08-28")),
    ("1002", ["版本 4.1\n高峰老师住院了\n时间：昨天"], ("高峰", "生病住院", "2026-08-31")),
    ("1002", ["韩冬老师昨天住院了，第5.3章的课要找人代"], ("韩冬", "生病住院", "2026-08-31")),
])
def test_a_version_or_chapter_number_is_no_date_and_the_labelled_field_is(school, staff_no, turns, expected):
    """tuned set 39 zr11: "v3.2" filed the report on 2026-03-02."""
    replies = told(school, staff_no, *turns)
    assert care(school) == [expected], (care(school), replies)


@pytest.mark.parametrize("staff_no, news, expected", [
    ("1002", "高峰老师8.30住的院", ("高峰", "生病住院", "2026-08-30")),  # a dotted date is still a date
    ("1023", "群公告\n王建国老师前天摔了一跤住院了\n发布人：郑秀英\n发布时间：9月1日 08:40", ("王建国", "生病住院", "2026-08-30")),
    ("1002", "群公告\n退休组王建国老师前天摔了一跤，已送市一院住院观察。\n发布人：郑秀英\n发布时间：今天 08:40",
     ("王建国", "生病住院", "2026-08-30")),  # (who posted it is not whom it is about)
    ("1019", "【家访记录】\n家访对象：语文组马兰老师（同事，不是学生）\n家访时间：9月1日\n"
             "情况记录：马兰老师8月30号急性阑尾炎住进了市中医院，已经做完手术，人还在住院观察。\n记录人：林晓燕",
     ("马兰", "生病住院", "2026-08-30")),  # tuned set 35 zn05: the visit's day is not the news's
])
def test_a_dotted_date_stays_a_date_and_a_posting_or_visit_time_is_not_the_news_day(school, staff_no, news, expected):
    replies = told(school, staff_no, news)
    assert care(school) == [expected], (care(school), replies)


def test_a_posting_time_alone_still_dates_the_news(school):
    told(school, "1002", "赵敏老师住院了 发布时间：今天 08:40")
    assert care(school) == [("赵敏", "生病住院", "2026-09-01")]


# ---- an illness by its name or by what the body no longer does; 前辈 after a name ---------------------------------


@pytest.mark.parametrize("first, then, expected", [
    ("报告……语文组的马兰前辈，她的右手被名为「腱鞘炎」的古老诅咒缠上了，连粉笔都握不住……",
     "诅咒发作于上周一。现在正在医院接受「针灸」这种封印术的治疗。工会的使徒们，请去慰问她吧。", ("马兰", "生病住院", "2026-08-24")),
    ("报告……语文组的马兰前辈，她的右手被古老的诅咒缠上了，连粉笔都握不住……", "上周一开始的", ("马兰", "生病住院", "2026-08-24")),
    ("跟工会说一下，英语组李娜大姐肩周炎犯了，胳膊抬不起来", "前天", ("李娜", "生病住院", "2026-08-30")),
    ("体艺组的冯浩师傅，腱鞘炎又犯了", "昨天", ("冯浩", "生病住院", "2026-08-31")),
    ("退休组的王建国老前辈痛风住院了", "上周五", ("王建国", "生病住院", "2026-08-28")),
])
def test_an_illness_by_its_name_about_an_elder_is_reported_and_the_person_carried(school, first, then, expected):
    """tuned set 39 zr30: the help menu, then "请问是哪位老师？" though 马兰 was named."""
    chat = as_member(school, "1002")
    assert chat.say(first).startswith(ASK_WHEN), chat.transcript
    reply = chat.say(then)
    assert ASK_WHO not in reply, chat.transcript
    assert care(school) == [expected], (care(school), chat.transcript)


@pytest.mark.parametrize("said", ["今天天气炎热，建议发绿豆汤", "工会药箱里的消炎药过期了，建议换新的", "拔河比赛我手握不住绳子怎么办"])
def test_heat_medicine_or_a_grip_question_is_no_illness(school, said):
    told(school, "1002", said)
    assert care(school) == []


# ---- a subject is a person, never an adjective ----------------------------------------------------------------


def test_hardship_told_in_inverted_clauses_is_her_own_familys(school):
    """tuned set 37 zo39: "挺大的" was filed as the person."""
    told(school, "1014", "困难，家里最近，挺大的。", "爱人，住院半年了，尿毒症。透析，每周三次，钱花得厉害。",
         "我自己，是，朱军，后勤的。申请补助，能不能？")
    assert [(s, k) for s, k, _ in care(school)] == [("朱军（本人）", "困难")]


@pytest.mark.parametrize("said", ["困难，家里最近，挺大的。", "最近家里困难，老是揪心", "家里最近困难大了"])
def test_an_adjective_is_never_the_person_whose_hardship_it_is(school, said):
    chat = as_member(school, "1014")
    assert chat.say(said).startswith(ASK_WHO), chat.transcript
    chat.say("我")
    assert [(s, k) for s, k, _ in care(school)] == [("朱军（本人）", "困难")], chat.transcript


def test_someone_elses_home_still_asks_who_and_a_nickname_is_still_a_person(school):
    assert told(school, "1014", "他家里困难挺大的")[0].startswith(ASK_WHO)
    assert care(school) == []
    told(school, "1014", "老是麻烦您，他家里困难挺大的", "数学组孙强")
    assert care(school) == [("孙强", "困难", "")]
    school.store.db.execute("DELETE FROM care_reports")
    told(school, "1002", "小李老师家里困难挺大的")
    assert [(s, k) for s, k, _ in care(school)] == [("小李", "困难")]


# ---- after the report: the day put right, the spouse named ----------------------------------------------------


@pytest.mark.parametrize("put_right, day", [
    ("哦对了 日子改了 是9月26号 不是19号 家里老人重新看的日子", "2026-09-26"),  # tuned set 36 x33
    ("婚期换了，10月3号，老家那边算的", "2026-10-03"),
    ("日期调了 改在国庆节 不是19号", "2026-10-01"),
])
def test_a_wedding_day_put_right_after_the_report_replaces_it(school, put_right, day):
    replies = told(school, "1016", "跟工会报告个喜事 我9月19号结婚 嘿嘿", put_right)
    assert "时间已改为" in replies[1], replies
    assert care(school) == [("郭涛（本人）", "结婚", day)]


@pytest.mark.parametrize("news, named, who", [
    ("我家那口子昨天生了 是个闺女 母女平安😄", "曹雪梅 也是数学组的", "曹雪梅"),  # tuned set 36 x31
    ("我爱人前天住院了", "英语组李娜", "李娜"),
])
def test_the_spouse_named_alone_after_the_report_is_that_member(school, news, named, who):
    replies = told(school, "1012", news, named)
    assert care(school)[0][0] == who and len(care(school)) == 1, (care(school), replies)


def test_another_colleagues_news_after_a_spouses_report_is_not_the_spouse(school):
    told(school, "1012", "我爱人前天住院了", "李娜也病了", "昨天")
    assert [s for s, _, _ in care(school)] == ["孙强的爱人", "李娜"]


def test_a_bare_time_field_is_read_with_the_rest_of_the_news(school):
    """A field only labelled 时间 may be anything's (a meeting's, a form's): the day the news itself names is kept."""
    told(school, "1002", "高峰老师前天住院了\n时间：9月1日")
    assert care(school) == [("高峰", "生病住院", "2026-08-30")]
