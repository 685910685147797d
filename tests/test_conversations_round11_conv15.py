"""Whole conversations, eleventh round (issue 19), what the teacher was just talking about. A grade
("初二年级组长", "高一（3）班") is no lunar date; the day of a care report is the one tied to the news
itself ("昨天疼得下不了床，今天上午住院了"), a later message can refine it and a supplement without a date
keeps it. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our
own, not the tuning sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member


def reports(school) -> list[tuple[str, str, str]]:
    rows = school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")
    return [(r["subject"], r["event_kind"], r["when_text"]) for r in rows]


# ---- care dates: a grade is no date, the day is the news's own --------------------------------------


@pytest.mark.parametrize(("text", "who", "day"), [
    ("我是初三年级组的班主任，跟工会说一下，我们组郑秀英老师的母亲昨天夜里走了", "郑秀英", "2026-08-31"),
    ("初二年级组长报告：孙强老师的爸爸前天去世了", "孙强", "2026-08-30"),
    ("高一（3）班班主任彭亮老师 今天早上住院了 麻烦工会去看看", "彭亮", "2026-09-01"),
    ("俺是初一年级的 俺们组朱军老师昨儿个住院了", "朱军", "2026-08-31"),
])
def test_a_grade_is_no_lunar_date(school, text, who, day):
    chat = as_member(school, "1008")
    chat.say(text)
    [(subject, _kind, when)] = reports(school)
    assert who in subject and day in when


@pytest.mark.parametrize(("text", "day"), [
    ("孙强老师前天开始发烧，一直没退，昨天晚上送进医院住院了，工会去看看吧", "2026-08-31"),
    ("跟您说一下，孙强老师上周五就觉得胸口闷，昨天还来上了课，今天早上进了急诊", "2026-09-01"),
    ("孙强老师前几天就咳嗽，大前天请了假，昨天下午住的院", "2026-08-31"),
    ("孙强老师 上周末打球扭了脚 昨儿疼得厉害 今天上午打了石膏", "2026-09-01"),
])
def test_the_day_of_the_care_news_is_the_one_tied_to_it(school, text, day):
    chat = as_member(school, "1008")
    chat.say(text)
    [(subject, kind, when)] = reports(school)
    assert (subject, kind) == ("孙强", "生病住院") and day in when


@pytest.mark.parametrize(("first", "later", "day"), [
    ("孙强老师住院了，工会去看看吧", "对 孙强 数学组的 今天上午住的院", "2026-09-01"),
    ("孙强老师前天开始不舒服，后来住院了", "对 是昨天下午住进去的", "2026-08-31"),
    ("数学组孙强老师的父亲去世了", "嗯 前天晚上走的", "2026-08-30"),
])
def test_a_later_message_with_the_day_of_the_same_news_refines_it(school, first, later, day):
    chat = as_member(school, "1008")
    chat.say(first)
    chat.say(later)
    [(subject, _kind, when)] = reports(school)
    assert "孙强" in subject and day in when


@pytest.mark.parametrize("more", ["对，孙强，数学组的。麻烦工会安排一下", "就是数学组那个孙强", "嗯 他爱人一个人照顾挺辛苦"])
def test_a_supplement_without_a_date_keeps_the_known_day(school, more):
    chat = as_member(school, "1008")
    chat.say("我是初二年级组长，孙强老师昨天晚上住院了")
    chat.say(more)
    [(subject, _kind, when)] = reports(school)
    assert subject == "孙强" and "2026-08-31" in when
