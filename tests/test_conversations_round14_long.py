"""Whole conversations, fourteenth round (issue 19, long): a long message with the request in one clause, and a
teacher changing her mind inside one message.

A story told at length ("今天第二节公开课总算上完了……") is no request; the clause that asks for something is
("对了顺便帮我报个读书会", "所以我建议教师饭卡在学生窗口也能刷", "哦，乒乓球那个帮我退了"), wherever it stands. A
story that asks nothing stays what it is. Inside one message the last word counts: "我想问下体检……哦不，我是想问
登山几点出发" asks about the hike, "想吐槽一下…算了，还是祝大家节日快乐吧" is a wish, and "…算了先不说这个。另外…"
takes back what came before. A double negative ("不是不想报") is no change of mind and "算了" alone is a no.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_more import suggestion_rows
from tests.test_conversations_round12_conv16 import one_report, reports
from tests.test_whole_messages import status

HELP_MENU = "您可以这样说"
ASKED_SIGNED = "要署上您的名字吗"


def intent(school, text: str) -> str:
    return school.router.classifier.classify(text).intent


# ---- the request in one clause of a long story --------------------------------------------------------------


def test_a_sign_up_in_the_middle_of_a_story_about_a_lesson_is_signed(school):
    """tuned set 27 ze10."""
    chat = as_member(school, "1025")  # 谢婷婷
    reply = chat.say("今天第二节公开课总算上完了，《背影》那一课，后排几个男生居然听得眼圈都红了，评课的老师说板书还要再"
                     "精炼一点，我回去再改改，对了顺便帮我报个读书会，然后下午还得改两个班的作文……")
    assert HELP_MENU not in reply and "教师读书会" in reply, reply
    reply = chat.say("嗯是读书会，确认的")
    assert "报名成功" in reply, reply
    assert status(school, "1025", "教师读书会") == "confirmed"


@pytest.mark.parametrize(("text", "title"), [
    ("今天第三节课讲二次函数，讲了三遍后排还有几个孩子一脸茫然，下课又被叫去开会，一整天嗓子都冒烟了，顺便帮我报个卡拉OK，唱歌解压",
     "卡拉OK歌唱比赛"),
    ("今天午休被一个学生家长的电话吵醒，说孩子在家不写作业，我也是哭笑不得，睡不着干脆起来备课，对了，插花沙龙报我一个",
     "女教职工插花沙龙"),
    ("早上监考了两个小时，腰都直不起来了，中午食堂的红烧肉倒是不错，吃了两碗饭，哦对了，乒乓球赛给我报一个", "乒乓球友谊赛"),
    ("这周连着三天晚自习，回家孩子都睡了，周末想出去走走透透气，所以拔河比赛帮我报上吧", "教职工拔河比赛"),
])
def test_a_sign_up_after_a_story_is_the_request(school, text, title):
    assert intent(school, text) == "signup"
    chat = as_member(school, "1003")
    reply = chat.say(text)
    assert HELP_MENU not in reply, reply
    if "报名成功" not in reply:
        assert "确认报名" in reply, reply
        reply = chat.say("是")
    assert "报名成功" in reply, reply
    assert status(school, "1003", title) == "confirmed"


@pytest.mark.parametrize("text", [
    "英语组今天听评课，校长坐最后一排，我紧张得把过去时讲成了现在时，学生都笑了，还好后来圆回来了，哦，乒乓球那个帮我退了，手腕扭了",
    "昨天带学生去科技馆，一路上点名点了八遍，回来还写了一篇总结，累得够呛，对了乒乓球赛我不去了，那天要带队",
    "上午开了三个会，下午又来了督导检查，材料一直改到现在，所以乒乓球那个就帮我取消吧，实在没空",
])
def test_a_withdrawal_after_a_story_is_the_request_and_the_reason_no_news(school, text):
    chat = as_member(school, "1004")  # 刘洋, signed up below
    assert chat.say("报名乒乓球").startswith("确认报名")
    assert chat.say("是").startswith("报名成功")
    assert intent(school, text) == "cancel_signup"
    reply = chat.say(text)
    if "已取消" not in reply and "取消成功" not in reply:
        assert "取消" in reply, reply
        reply = chat.say("是")
    assert status(school, "1004", "乒乓球友谊赛") in (None, "cancelled")
    assert reports(school) == []  # the sprained wrist is the reason, not news for the union


def test_a_suggestion_hidden_in_a_story_is_filed_anonymously_as_asked(school):
    """tuned set 27 ze45."""
    chat = as_member(school, "1019")  # 林晓燕
    reply = chat.say("今天班上有个孩子中午没带饭，我带他去食堂，结果教师窗口和学生窗口是分开的，我那张卡还刷不了学生餐，折腾半天，"
                     "小家伙饿得直哭。所以我建议教师饭卡在学生窗口也能刷，这样方便多了。好了我去上课了")
    assert ASKED_SIGNED in reply, reply
    reply = chat.say("名字就不用写了")
    assert "匿名" in reply, reply
    rows = suggestion_rows(school)
    assert len(rows) == 1 and "饭卡" in rows[0]["content"] and rows[0]["member_id"] is None


@pytest.mark.parametrize("text", [
    "谢谢上次的慰问，另外想说一下，办公楼厕所经常没纸",
    "昨天下午停水停到六点，学生上完体育课连手都洗不了，一个个脏兮兮的回教室，所以希望学校能在操场边装几个洗手池",
    "上周三开家长会开到晚上九点，散会时校门口一盏路灯都没有，好几个家长差点摔跤，对了，建议把校门口的路灯修一修",
])
def test_a_suggestion_after_thanks_or_a_story_is_a_suggestion(school, text):
    assert intent(school, text) == "suggestion"
    chat = as_member(school, "1020")
    assert ASKED_SIGNED in chat.say(text)
    assert "已收到您的建议（匿名）" in chat.say("匿名")
    assert len(suggestion_rows(school)) == 1


def test_a_hardship_told_after_a_story_taken_back_is_care_not_a_suggestion(school):
    """tuned set 27 ze30: "算了先不说这个" takes back the complaint; what follows is care for 徐丽."""
    chat = as_member(school, "1016")  # 郭涛
    reply = chat.say("今天实验室的通风橱又坏了，报修单填了三次都没人来，学生做氯气那个实验只能改成视频演示，算了先不说这个。"
                     "另外有个事想跟工会说下，我们组徐丽老师家里最近挺难的，她爱人厂子倒闭失业了，孩子还在读大学")
    assert ASKED_SIGNED not in reply, reply
    chat.say("她自己不好意思开口，我替她说一声，看工会能不能帮帮")
    assert suggestion_rows(school) == []
    subject, kind, _ = one_report(school)
    assert "徐丽" in subject and kind == "困难"


@pytest.mark.parametrize(("text", "who", "kind"), [
    ("今天教师节，先说声节日快乐；另外我们组黄勇老师昨晚急诊住院了", "黄勇", "生病住院"),
    ("食堂的饭菜最近咸得不行，算了不说这个了，跟工会说个事，数学组孙强老师他父亲前天去世了", "孙强", "丧事"),
    ("这学期课排得太满了……算了，先不提了。另外，我们组周婷老师下周二结婚，大家都想表示一下", "周婷", "结婚"),
])
def test_news_after_wishes_or_a_complaint_taken_back_is_care(school, text, who, kind):
    assert intent(school, text) == "care_report"
    chat = as_member(school, "1001")
    reply = chat.say(text)
    assert ASKED_SIGNED not in reply, reply
    if not reports(school):
        chat.say("是的")
    assert suggestion_rows(school) == []
    subject, kind_, _ = one_report(school)
    assert who in subject and kind_ == kind


@pytest.mark.parametrize(("text", "expected"), [
    ("昨天运动会预赛，我们班接力跑了第二，孩子们嗨翻了，我嗓子喊哑了，明天还有决赛，顺便问一句体检17号那天还能去吗", "checkup_query"),
    ("期中考试的卷子终于批完了，三个班平均分都还行，顺便问问登山几点集合", "activity_query"),
    # a story that asks nothing stays what it is, and a request the union does not handle is no sign-up
    ("昨天下雨路滑，所以我迟到了五分钟，学生们都在教室里等我", "unknown"),
    ("我想报名…哦不是，我想请假，下周三，找谁", "unknown"),
])
def test_a_question_after_a_story_is_answered_and_a_bare_story_stays_a_story(school, text, expected):
    assert intent(school, text) == expected


# ---- changes of mind inside one message: the last word counts ---------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("我想问下体检……哦不，我是想问登山几点出发", "activity_query"),
    ("我想问体检的事，哦不是，我是想问读书会在哪里", "activity_query"),
    ("我要报插花……哎我记错了，我是想退插花，那天要监考", "cancel_signup"),
    ("帮我取消拔河，哎呀搞错了，我是想报拔河", "signup"),
    ("我想报名…哦不是，我想请假，下周三，找谁", "unknown"),
    ("想吐槽一下…算了，还是祝大家节日快乐吧", "greeting"),
    ("想提个意见……算了算了，还是祝工会的老师们中秋快乐", "greeting"),
    ("我要投诉食堂，算了不说了，帮我报个登山", "signup"),
])
def test_the_last_word_of_a_message_that_changes_its_mind_counts(school, text, expected):
    assert intent(school, text) == expected


def test_asking_about_the_checkup_then_the_hike_answers_about_the_hike(school):
    reply = as_member(school, "1006").say("我想问下体检……哦不，我是想问登山几点出发")
    assert "秋季登山活动" in reply and "08:00" in reply, reply


def test_signing_up_then_taking_it_back_withdraws(school):
    chat = as_member(school, "1013")  # 马兰
    assert chat.say("报名插花").startswith("确认报名")
    assert chat.say("是").startswith("报名成功")
    reply = chat.say("我要报插花……哎我记错了，我是想退插花，那天要监考")
    if "已取消" not in reply:
        assert "取消" in reply, reply
        reply = chat.say("是")
    assert status(school, "1013", "女教职工插花沙龙") in (None, "cancelled"), reply


def test_a_complaint_taken_back_for_a_wish_files_nothing(school):
    chat = as_member(school, "1009")
    reply = chat.say("想吐槽一下…算了，还是祝大家节日快乐吧")
    assert ASKED_SIGNED not in reply and HELP_MENU not in reply, reply
    assert suggestion_rows(school) == []


def test_a_sign_up_taken_back_for_leave_signs_nothing(school):
    chat = as_member(school, "1003")
    reply = chat.say("我想报名…哦不是，我想请假，下周三，找谁")
    assert "确认报名" not in reply and "报名成功" not in reply, reply
    assert school.store.db.query("SELECT * FROM signups") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("不是不想报拔河，就是怕名额满了，帮我报上吧", "signup"),  # a double negative: no change of mind
    ("我不是不想去登山，帮我报一个吧", "signup"),
    ("要是满了就算了，帮我报个登山", "signup"),  # "就算了" is a condition, not taking anything back
])
def test_words_that_look_like_a_change_of_mind_but_are_not(school, text, expected):
    assert intent(school, text) == expected


def test_a_bare_suan_le_at_a_confirmation_is_still_a_no(school):
    chat = as_member(school, "1003")
    assert chat.say("报名拔河").startswith("确认报名")
    chat.say("算了")
    assert status(school, "1003", "教职工拔河比赛") is None


def test_a_correction_of_the_activity_alone_keeps_the_verb(school):
    chat = as_member(school, "1003")
    reply = chat.say("报乒乓球，哦不，羽毛球")
    assert "羽毛球" in reply and "乒乓球" not in reply, reply


@pytest.mark.parametrize("text", ["孙强老师昨天 哦不是 前天骨折了 在骨科医院", "孙强老师昨天，哎我记错了，前天骨折了，在骨科医院"])
def test_a_day_put_right_keeps_the_colleague_the_news_is_about(school, text):
    as_member(school, "1027").say(text)
    assert [(r[0], "2026-08-30" in r[2]) for r in reports(school)] == [("孙强", True)]
