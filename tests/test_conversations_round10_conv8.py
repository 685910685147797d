"""Whole conversations, tenth round (issue 19), care reports and suggestions: a day put right inside one
answer ("前天 哦不对 是大前天") is the day said last; a colleague's name mistyped and put right after the
report ("刘洋 不是留洋 打错字了", a name that sounds the same) corrects the report; a question about how
to give feedback is no feedback yet. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01
09:00); the wording is our own, not the held-out sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member


def reports(school) -> list[dict]:
    return school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")


def tray(school) -> list[dict]:
    return school.store.scratch.query("SELECT content, member_id FROM tray") + school.store.db.query(
        "SELECT content, member_id FROM suggestions")


# ---- a day put right inside one answer ----------------------------------------------------------


@pytest.mark.parametrize("news, when, day", [
    ("罗斌老师住院了", "前天住进去的 哦不对 是大前天", "2026-08-29"),
    ("吴刚老师摔伤了", "昨天 不对不对 前天", "2026-08-30"),
    ("郭涛老师的父亲去世了", "前天晚上走的，说错了，应该是上周五", "2026-08-28"),
    ("梁红老师做手术了", "8月28号 哦不 29号", "2026-08-29"),
    ("徐丽老师住院了", "上礼拜五 记错了 是上礼拜四住的院", "2026-08-27"),
])
def test_a_day_put_right_inside_the_answer_is_the_day_said_last(school, news, when, day):
    chat = as_member(school, "1027")
    assert chat.say(news).startswith("大概是什么时候")
    chat.say(when)
    assert [day in r["when_text"] for r in reports(school)] == [True]


def test_a_day_put_right_inside_the_report_itself(school):
    chat = as_member(school, "1027")
    chat.say("宋健老师昨天 啊不是 前天骨折了 在骨科医院")
    assert [(r["subject"], "2026-08-30" in r["when_text"]) for r in reports(school)] == [("宋健", True)]


def test_a_problem_that_is_not_a_correction_keeps_the_day(school):
    chat = as_member(school, "1027")
    chat.say("罗斌老师住院了")
    chat.say("昨天住的院 医院不对外探视")
    assert ["2026-08-31" in r["when_text"] for r in reports(school)] == [True]


# ---- a mistyped name put right after the report ---------------------------------------------------


@pytest.mark.parametrize("news, fix, who", [
    ("留洋老师打球把脚崴了 昨天下午的事", "体艺组的刘洋 不是留洋 打错字了 现在在家休息", "刘洋"),
    ("黄涌老师昨天骑车摔伤了", "是黄勇 黄涌是错别字", "黄勇"),
    ("韩东老师前天住院了", "韩冬 冬天的冬", "韩冬"),
    ("赵民老师的母亲昨天去世了", "不好意思 赵敏 输入法打错了", "赵敏的母亲"),
    ("高风老师昨天做了个手术", "名字错了哈 高峰 不是高风", "高峰"),
])
def test_a_mistyped_name_put_right_after_the_report(school, news, fix, who):
    chat = as_member(school, "1027")
    chat.say(news)
    assert chat.say(fix).startswith(f"好的，已更正为：{who}")
    assert [r["subject"] for r in reports(school)] == [who]


# ---- a question about how to give feedback is no feedback yet -------------------------------------


@pytest.mark.parametrize("question", ["请问在哪里可以做意见反馈 我是新来的", "怎么向工会提建议啊", "我想反映个问题 怎么弄",
                                      "可以在这里提意见吗？", "新来的 不知道去哪提建议", "您好，请问投诉要找谁"])
def test_a_question_about_how_to_give_feedback_asks_for_the_feedback(school, question):
    chat = as_member(school, "1027")
    assert "在这里直接把您的" in chat.say(question)
    assert "要署上您的名字吗" in chat.say("教师宿舍的热水器经常坏 洗澡没热水")
    chat.say("不用写我的名字 谢谢")
    assert [(r["content"], r["member_id"]) for r in tray(school)] == [("教师宿舍的热水器经常坏 洗澡没热水", None)]


@pytest.mark.parametrize("said", ["食堂的菜太咸了 怎么反映", "怎么还没人修空调 提了好几次意见了",
                                  "教代会提案怎么提 我有个关于绩效分配的想法"])
def test_feedback_said_with_a_question_is_the_feedback(school, said):
    chat = as_member(school, "1027")
    assert "在这里直接把您的" not in chat.say(said)


# ---- a person put right inside one answer; a finer day after a week ---------------------------------


@pytest.mark.parametrize("answer, who", [
    ("张伟 不对不对 是赵敏", "赵敏"), ("王芳 哦不是 李娜", "李娜"), ("陈静老师 说错了 应该是徐丽老师", "徐丽"),
    ("杨磊 啊不对 周婷", "周婷"),
])
def test_a_person_put_right_inside_the_answer_is_the_one_said_last(school, answer, who):
    chat = as_member(school, "1027")
    assert chat.say("数学组有位老师家里有事").startswith("请问是哪位老师")
    chat.say(answer)
    chat.say("她父亲走了 八月二十八号")
    assert [r["subject"] for r in reports(school)] == [f"{who}的父亲"]


@pytest.mark.parametrize("news, then, day", [
    ("我下周要住院做个小手术 跟工会说一声", "下周三", "2026-09-09"),
    ("我下礼拜住院开刀", "具体是下礼拜四", "2026-09-10"),
    ("吴刚老师下周结婚", "下周六", "2026-09-12"),
])
def test_a_finer_day_after_a_week_is_the_day(school, news, then, day):
    chat = as_member(school, "1027")
    chat.say(news)
    chat.say(then)
    assert [day in r["when_text"] for r in reports(school)] == [True]


@pytest.mark.parametrize("answer, day", [("下礼拜六12号办酒", "2026-09-12"), ("这周五 4号", "2026-09-04"),
                                         ("不对 是前天 前天晚上", "2026-08-30")])
def test_a_day_said_twice_or_with_its_weekday_is_that_day(school, answer, day):
    chat = as_member(school, "1027")
    chat.say("林晓燕老师要结婚了" if "办酒" in answer or "4号" in answer else "梁红老师住院了")
    chat.say(answer)
    assert [day in r["when_text"] for r in reports(school)] == [True]
