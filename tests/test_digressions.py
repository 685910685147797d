"""Understanding as a conversation: an open question never swallows a clear new request (it is set
aside, and "继续" takes it up again), and a message the classifier is unsure about gets a question
with the two likeliest meanings, answered by number."""

from __future__ import annotations

from tests.conftest import as_member
from tests.helpers import Chat

SET_ASIDE = "（刚才的{}还没完成，回复“继续”接着办。）"


def test_a_suggestion_during_a_yes_no_is_taken_and_the_signup_resumes(school):
    chat = as_member(school, "1024")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」吗？")
    reply = chat.say("建议食堂中午多加个素菜")
    assert reply.startswith("要署上您的名字吗？") and reply.endswith(SET_ASIDE.format("报名"))
    # the suggestion's own question comes first: nothing is dropped
    assert chat.say("继续").startswith("请先回复当前的问题：要署上您的名字吗？")
    assert chat.as_("someone-else").say("继续") == "没有可以继续的操作。回复“帮助”查看我能做什么。"
    assert chat.say("匿名").startswith("已收到您的建议（匿名），编号 ")
    assert school.store.scratch.scalar("SELECT content FROM tray") == "食堂中午多加个素菜"
    assert chat.say("继续").startswith("好的，接着刚才的：确认报名「教职工拔河比赛」吗？")
    assert chat.say("是").startswith("报名成功！「教职工拔河比赛」")
    assert chat.say("继续") == "没有可以继续的操作。回复“帮助”查看我能做什么。"


def test_my_signups_during_a_number_choice(school):
    chat = as_member(school, "1024")
    chat.say("报名拔河")
    chat.say("是")
    assert "请回复编号报名" in chat.say("我要报名")
    reply = chat.say("我都报了哪些")
    assert "教职工拔河比赛 — 已报名" in reply and reply.endswith(SET_ASIDE.format("报名"))
    assert "请回复编号报名" in chat.say("继续")
    assert chat.say("2").startswith("确认报名「教师读书会」吗？")


def test_a_care_report_during_binding_is_passed_on_and_the_proof_waits(school):
    chat = Chat(school, "new-phone")
    assert chat.say("绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"
    reply = chat.say("我们组王老师住院了，化疗中")  # (it needs the binding: it waits for it, issue 19)
    assert reply == "为确认身份，请回复您登记手机号的后四位。\n（您说的“我们组王老师住院了，化疗中”，绑定好后接着办。）"
    assert "验证没有通过" not in reply  # not counted as a wrong try
    reply = chat.say("1024")
    assert reply.startswith("绑定成功！张三老师") and "大概是什么时候" in reply.split("\n\n", 1)[1], reply


def test_short_answers_and_free_text_are_never_taken_for_a_new_request(school):
    chat = as_member(school, "1024")
    chat.say("报名拔河")
    assert chat.say("好的").startswith("报名成功！")  # a greeting-like yes is still the answer
    chat.say("我要提建议")
    # the suggestion's text is the answer, however much it sounds like another request
    reply = chat.say("我的报名太难查了，希望做个入口")
    assert reply.startswith("要署上您的名字吗？") and "还没完成" not in reply


def test_an_unsure_message_gets_a_question_answered_by_number(school):
    chat = as_member(school, "1024")
    chat.say("报名拔河")
    chat.say("是")
    # between the activities on offer and her own sign-ups the classifier is unsure ("拔河还有我吗", once asked here, is
    # her own sign-up for 拔河 now, surely: tests/test_conversations_round29_left27.py)
    question = chat.say("查活动")
    assert question in ("您是想：1. 查询活动 2. 查看我的报名？回复数字即可。", "您是想：1. 查看我的报名 2. 查询活动？回复数字即可。")
    mine, query = ("2", "1") if question.startswith("您是想：1. 查询活动") else ("1", "2")
    assert "教职工拔河比赛 — 已报名" in chat.say(mine)  # the chosen intent runs with the original text
    assert chat.say("查活动").startswith("您是想：")
    reply = chat.say(query)
    assert "教职工拔河比赛" in reply and "学校操场" in reply


def test_a_clarification_ignored_is_dropped_and_the_new_message_handled(school):
    chat = as_member(school, "1024")
    assert chat.say("查活动").startswith("您是想：")
    assert "乒乓球友谊赛" in chat.say("最近有什么活动")
    assert chat.say("1").startswith("抱歉，我没太明白")  # the question is gone


def test_look_alike_activities_are_told_apart_by_number_date_or_place(school):
    school.store.activities.add("教职工拔河比赛", "2026-12-09 15:30", place="体育馆", capacity=40)
    chat = as_member(school, "1024")
    reply = chat.say("报名拔河")
    assert "1. 教职工拔河比赛（9月10日（周四）15:30 · 学校操场）" in reply
    assert "2. 教职工拔河比赛（12月9日（周三）15:30 · 体育馆）" in reply
    assert chat.say("12月9号那场").startswith("确认报名「教职工拔河比赛」吗？\n   12月9日")
    assert chat.say("是").startswith("报名成功！")
    chat.say("报名拔河")
    assert "学校操场" in chat.say("操场那个")
    assert chat.say("是").startswith("报名成功！")
    assert "无需重复报名" in chat.say("报名12月9号的拔河")  # told apart in the request itself: no list
    reply = chat.say("取消拔河")
    assert "（12月9日（周三）15:30 · 体育馆）" in reply and "（9月10日（周四）15:30 · 学校操场）" in reply
    assert chat.say("9月10号的") == "已为您取消「教职工拔河比赛」的报名。"
    mine = school.store.db.query("SELECT a.starts_at FROM signups s JOIN activities a ON a.id = s.activity_id "
                                 "WHERE s.status = 'confirmed'")
    assert [r["starts_at"] for r in mine] == ["2026-12-09 15:30"]
    assert chat.say("取消12月9号的拔河") == "已为您取消「教职工拔河比赛」的报名。"


def test_a_suggestion_waiting_for_its_signature_is_never_set_aside(school):
    """Its question says any other reply submits anonymously: a suggestion text is never left to expire."""
    chat = as_member(school, "1024")
    assert chat.say("建议操场的灯修一修").startswith("要署上您的名字吗？")
    reply = chat.say("我的报名")
    assert reply.startswith("已收到您的建议（匿名），编号 ") and "还没完成" not in reply
    assert school.store.scratch.scalar("SELECT content FROM tray") == "操场的灯修一修"
    assert school.store.scratch.scalar("SELECT count(*) FROM conversations") == 0
