"""Whole conversations, eighth round (issue 19, care reports and suggestions): a report put right
("不对不对 我搞混了 住院的是梁红老师 不是郭涛") names the one it is; Cantonese news ("琴日入咗院");
a teacher's own news with a day or a reason between "我" and it ("我上周四因为腰伤住院了",
"我9月30号就正式退休了"); "没啥怕的" beside a name is no doubt about it. Chat scripts at the demo
school's frozen clock (Tuesday 2026-09-01 09:00). The first case of some is set 9's own wording (that set is
tuned on now); the rest are our own variants."""

from __future__ import annotations

import pytest

from handlers.suggestions.consent import answer_to_sign
from tests.conftest import as_member
from tests.test_conversations_round7 import reports, tray

# ---- a person put right: the one it is, not the one denied ------------------------------------------


@pytest.mark.parametrize("fix", [
    "不对不对 我搞混了 住院的是唐宁老师 理化生组的 不是杨磊",
    "哎呀搞错了，是唐宁住院了，不是杨磊",
    "说错了 住院的是唐宁 不是杨磊老师",
    "我记错了人 应该是唐宁老师 不是杨磊",
])
def test_a_person_put_right_names_the_one_it_is(school, fix):
    chat = as_member(school, "1012")
    chat.say("杨磊老师住院了")
    chat.say(fix)
    [report] = reports(school)
    assert report["subject"] == "唐宁"


def test_a_name_denied_in_passing_is_no_correction(school):
    chat = as_member(school, "1012")
    chat.say("杨磊老师住院了")
    chat.say("唐宁老师告诉我的 不是杨磊自己说的")
    assert reports(school)[0]["subject"] == "杨磊"


# ---- Cantonese news ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, day", [
    ("冯浩老师琴日入咗院啊 心脏唔舒服", "2026-08-31"),
    ("体艺组冯浩琴日入咗院", "2026-08-31"),
    ("冯浩老师寻日入咗院，听讲系胃出血", "2026-08-31"),
    ("冯浩老师琴晚入咗医院", "2026-08-31"),
])
def test_cantonese_hospital_news_is_an_illness_with_its_day(school, text, day):
    chat = as_member(school, "1009")
    assert chat.say(text).startswith("谢谢您告诉工会，祝早日康复！")
    [report] = reports(school)
    assert report["subject"] == "冯浩" and report["event_kind"] == "生病住院" and day in report["when_text"]


# ---- the teacher's own news with a day or a reason before it ------------------------------------


@pytest.mark.parametrize("text, day", [
    ("我上周四因为腰椎间盘突出住院了 今天刚出院", "2026-08-27"),
    ("我昨天因为阑尾炎做了手术", "2026-08-31"),
    ("我8月28号因为胆结石住院了，跟工会说一声", "2026-08-28"),
    ("我前天由于急性胃炎住院了", "2026-08-30"),
])
def test_news_about_the_reporter_herself_with_a_day_and_a_reason(school, text, day):
    chat = as_member(school, "1019")
    assert chat.say(text).startswith("谢谢您告诉工会，祝早日康复！")
    [report] = reports(school)
    assert report["subject"] == "林晓燕（本人）" and day in report["when_text"]


def test_a_relative_as_the_reason_is_not_the_reporter(school):
    chat = as_member(school, "1019")
    chat.say("我上周四因为我妈住院了请了假")
    assert all("（本人）" not in r["subject"] for r in reports(school))


@pytest.mark.parametrize("text, day", [
    ("我9月30号就正式退休了，跟工会说一声", "2026-09-30"),
    ("我下个月10号就要退休了", "2026-10-10"),
    ("我9月30日正式退休，跟工会报告一下", "2026-09-30"),
    ("我月底就退休了 麻烦跟工会说一声", ""),
])
def test_a_teacher_reporting_her_own_retirement(school, text, day):
    chat = as_member(school, "1023")
    assert chat.say(text).startswith("谢谢您告诉工会！感谢老师多年的辛勤付出")
    [report] = reports(school)
    assert report["subject"] == "郑秀英（本人）" and report["event_kind"] == "退休" and day in report["when_text"]


def test_a_retired_teacher_saying_who_she_is_is_no_retirement_news(school):
    chat = as_member(school, "2003")
    assert chat.say("你好 我是退休的张老师 孙子给我弄的微信").startswith("您好，张桂芝老师！")
    assert reports(school) == []


# ---- no fear is no doubt about a name ------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "实名吧，没啥怕的",
    "匿名…算了算了，还是实名好了，没啥好怕的",
    "署名吧 没什么好担心的",
    "写我名字，有啥好怕的",
    "实名，没有顾虑",
])
def test_saying_there_is_nothing_to_fear_signs(answer):
    assert answer_to_sign(answer) is True


@pytest.mark.parametrize("answer", ["实名怕被报复", "实名吧，就是有点怕", "没啥好怕的", "实名 没啥 就是怕领导找我"])
def test_a_fear_or_no_name_still_is_no_consent(answer):
    assert answer_to_sign(answer) is not True


def test_a_suggestion_signed_without_fear_is_signed(school):
    chat = as_member(school, "1002")
    chat.say("给工会提个建议：教工食堂晚饭太早结束了，能不能延长到七点")
    assert "实名" in chat.say("实名吧，没啥怕的")
    [row] = tray(school)
    assert row["member_id"] is not None and "食堂" in row["content"]
