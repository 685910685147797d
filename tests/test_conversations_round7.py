"""Whole conversations, seventh round (issue 19): care reports and suggestions as teachers have them.
A forwarded group message in quotes is the news when the teacher only asks to pass it on; a follow-up
that says who it is ("就是退休的王建国老师") never changes the kind of news; once the day of the news is
given, a detail with a day of its own ("今天没来上班", "追悼会这周四") does not replace it; a long
self-report with a fall or a sprain is news about the reporter, and telling more after "您是想：…？"
answers that question; a teacher who changes her mind about signing inside one answer gets the choice
she ends with. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00). Wording is our
own, not the held-out sets'."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.suggestions.consent import answer_to_sign
from tests.conftest import as_member


def reports(school) -> list[dict]:
    return school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")


def tray(school) -> list[dict]:
    return school.store.scratch.query("SELECT content, member_id FROM tray") + school.store.db.query(
        "SELECT content, member_id FROM suggestions")


# ---- a forwarded message is the news -----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "转发一下我们组群里的消息：“各位，何雪老师8月30日晚上顺利生了个千金，母女平安🎉”\n跟工会报一下",
    "转发：“何雪老师8月30日生了个女儿，母女平安”麻烦转告工会",
    "「引用：何雪老师8月30日顺利生了个千金」回复：跟工会说一声",
    "转发群消息“体艺组何雪老师8月30日晚上生了 母女平安” 工会知道一下",
    "转发一下：“恭喜何雪老师8月30日喜得千金！”。报给工会",
])
def test_a_forwarded_message_passed_on_to_the_union_is_the_news(school, text):
    chat = as_member(school, "1004")
    assert chat.say(text).startswith("恭喜添丁之喜！")
    assert [(r["subject"], r["event_kind"]) for r in reports(school)] == [("何雪", "生育")]
    assert "2026-08-30" in reports(school)[0]["when_text"]


def test_the_person_said_again_after_a_forwarded_report_is_acknowledged(school):
    chat = as_member(school, "1004")
    chat.say("转发一下我们组群里的消息：“各位，何雪老师8月30日晚上顺利生了个千金，母女平安”\n跟工会报一下")
    assert chat.say("对 体艺组何雪") == "好的，明白，是何雪。"
    assert len(reports(school)) == 1


def test_a_forward_with_a_request_of_its_own_is_that_request(school):
    chat = as_member(school, "1004")
    assert chat.say("转发：“教职工拔河比赛开始报名啦”我要报").startswith("确认报名「教职工拔河比赛」")
    assert reports(school) == []


# ---- a follow-up that says who it is keeps the kind -----------------------------------------------


@pytest.mark.parametrize("who", [
    "就是退休的王建国老师 以前教物理的",
    "是退休老教师王建国",
    "说的是王建国 已经退休了的那位",
    "就是王建国老师 退休好几年了",
])
def test_naming_a_retired_colleague_after_a_bereavement_keeps_the_bereavement(school, who):
    chat = as_member(school, "1008")
    assert chat.say("老王他爱人上周六走了 工会看看要不要去慰问一下").startswith("惊悉噩耗")
    chat.say(who)
    assert chat.say("上周六 8月29号").startswith("好的，时间是")
    [report] = reports(school)
    assert report["event_kind"] == "丧事" and "王建国" in report["subject"] and "2026-08-29" in report["when_text"]


def test_retirement_news_is_still_retirement(school):
    chat = as_member(school, "1008")
    chat.say("物理组王建国老师月底就退休了")
    assert reports(school)[0]["event_kind"] == "退休"


def test_a_retired_teacher_introducing_herself_without_news_is_greeted(school):
    chat = as_member(school, "2003")
    assert chat.say("你好 我是退休的张老师 孙子给我弄的微信").startswith("您好，张桂芝老师！")
    assert reports(school) == []


# ---- the day of the news stays when a detail has a day of its own ----------------------------------


@pytest.mark.parametrize("detail", [
    "在医院打了石膏 今天没来上班",
    "今天请假在家养着",
    "现在还在医院 今天没法上课",
    "下周一复查",
])
def test_a_detail_with_its_own_day_keeps_the_day_of_the_news(school, detail):
    chat = as_member(school, "1022")
    chat.say("体艺组吴老师 不对 是冯老师 冯浩 打篮球把腿摔骨折了 昨天下午的事")
    assert not chat.say(detail).startswith("好的，时间已改为")
    [report] = reports(school)
    assert report["subject"] == "冯浩" and "2026-08-31" in report["when_text"]


@pytest.mark.parametrize("detail", ["追悼会应该是这周四", "后事这周六办", "周五上午出殡"])
def test_a_funeral_day_is_no_new_day_of_death(school, detail):
    chat = as_member(school, "1013")
    chat.say("语文组王芳老师的母亲昨天晚上走了")
    chat.say(detail)
    assert "2026-08-31" in reports(school)[0]["when_text"]


def test_a_day_put_right_still_replaces_it(school):
    chat = as_member(school, "1022")
    chat.say("冯浩老师打篮球把腿摔骨折了 昨天下午的事")
    assert chat.say("说错了 是前天").startswith("好的，时间已改为：前天（2026-08-30）")


# ---- a self-report with a fall ------------------------------------------------------------------


@pytest.mark.parametrize("text, day", [
    ("您好，打扰了。我是退休教师张桂芝。我家老头子身体一直不好，我自己上个月也查出了糖尿病。上周五在家摔了一跤，腰扭伤了，"
     "现在卧床。本来不想麻烦组织的，孩子非让我说一声。", "2026-08-28"),
    ("我是退休的张桂芝，前天在小区里跌了一跤，手腕骨裂了，跟工会说一声", "2026-08-30"),
    ("本人退休教师张桂芝，上礼拜五在菜场滑倒，脚崴了，在家躺着", "2026-08-28"),
    ("工会的同志好 我张桂芝 昨天下楼梯崴了脚 现在走不了路", "2026-08-31"),
])
def test_a_fall_told_by_the_teacher_herself_is_a_report_about_her(school, text, day):
    chat = as_member(school, "2003")
    assert chat.say(text).startswith("谢谢您告诉工会，祝早日康复！")
    [report] = reports(school)
    assert report["subject"] == "张桂芝（本人）" and report["event_kind"] == "生病住院" and day in report["when_text"]


def test_saying_it_is_herself_after_the_report_is_no_thanks(school):
    chat = as_member(school, "2003")
    chat.say("我是退休教师张桂芝。上周五在家摔了一跤，腰扭伤了，现在卧床。")
    assert chat.say("是我自己，张桂芝，上周五8月28号摔的，谢谢工会关心") == "好的，明白，是张桂芝（本人）。"
    assert len(reports(school)) == 1


def asked_which(school, chat, text: str, options: list[str]) -> None:
    """The bot has just asked "您是想：1. … 2. …？" about `text` (set directly: whether a message gets that
    question depends on how close the classifier's two best guesses are, which training moves)."""
    from bot.engine import CLARIFY
    from storage.conversations import Conversation

    school.store.conversations.save(Conversation("test", chat.user, CLARIFY, "choose", {"text": text, "options": options}),
                                    dt.timedelta(minutes=10))


@pytest.mark.parametrize("answer", ["是我自己，张桂芝，上周五8月28号摔的，谢谢工会关心", "就是我 上周五在家摔了一跤",
                                    "我本人 8月28号在家跌了一跤"])
def test_telling_more_answers_which_one_was_meant(school, answer):
    chat = as_member(school, "2003")
    asked_which(school, chat, "您好，打扰了，本来不想麻烦组织的，孩子非让我说一声", ["care_report", "suggestion"])
    assert chat.say(answer).startswith("谢谢您告诉工会，祝早日康复！")
    [report] = reports(school)
    assert report["subject"] == "张桂芝（本人）" and report["event_kind"] == "生病住院"


@pytest.mark.parametrize("text", ["乒乓球友谊赛 退了吧 脚崴了", "羽毛球取消吧 上周摔了一跤"])
def test_a_fall_given_as_the_reason_to_cancel_is_a_cancellation(school, text):
    chat = as_member(school, "1003")
    assert not chat.say(text).startswith("谢谢您告诉工会")
    assert reports(school) == []


# ---- consent: a change of mind inside one answer ----------------------------------------------------


@pytest.mark.parametrize("answer, signed", [
    ("匿名好了啦 啊不對 還是寫我名字好了 實名啦", True),
    ("匿名吧 哦不 写我名字吧", True),
    ("实名吧，算了，改成匿名", False),
    ("实名 不对 还是不要写名字了", False),
    ("写名字 不对 还是算了吧", False),
    ("匿名 不对 实名 怕被报复", None),  # still unsure: anonymous
    ("匿名算了 还是写上我的名字", True),
])
def test_the_choice_after_a_change_of_mind_wins(answer, signed):
    assert answer_to_sign(answer) is signed


def test_a_suggestion_signed_after_first_saying_anonymous(school):
    chat = as_member(school, "1025")
    assert "要署上您的名字吗" in chat.say("我有個建議啦 圖書館三樓的椅子很多都壞掉了齁 坐起來會晃")
    assert "（实名）" in chat.say("匿名好了啦 啊不對 還是寫我名字好了 實名啦")
    assert [bool(r["member_id"]) for r in tray(school) if "椅子" in r["content"]] == [True]


def test_a_suggestion_left_anonymous_when_the_change_of_mind_is_unsure(school):
    chat = as_member(school, "1025")
    chat.say("建议图书馆三楼的椅子修一修 坐起来会晃")
    assert "（匿名）" in chat.say("实名吧 不对 还是匿名")
    assert [bool(r["member_id"]) for r in tray(school) if "椅子" in r["content"]] == [False]


# ---- a question naming two activities, then "both" ----------------------------------------------------


@pytest.mark.parametrize("question", ["重阳座谈会和插花沙龙在哪里办", "插花沙龙跟重阳座谈会是哪天"])
def test_a_question_naming_two_activities_shows_both_and_both_can_be_taken(school, question):
    chat = as_member(school, "2005")  # a retired woman: both are open to her
    reply = chat.say(question)
    assert "重阳敬老座谈会" in reply and "女教职工插花沙龙" in reply
    assert chat.say("那两个都帮我报上").startswith("确认报名以下 2 个活动吗？")
    chat.say("是")
    rows = school.store.db.query("SELECT a.title FROM signups s JOIN activities a ON a.id = s.activity_id "
                                 "WHERE s.status = 'confirmed'")
    assert sorted(r["title"] for r in rows) == ["女教职工插花沙龙", "重阳敬老座谈会"]


# ---- set 10: a festival in a greeting, a finer day, one colleague for another, a change of mind after sending ----


@pytest.mark.parametrize("first", [
    "工会的同志好！中秋将至，先祝大家节日快乐、阖家团圆。跟你们说个事，老王住院了",
    "国庆快乐！提前祝各位节日快乐。另外说个事 老王住院了",
    "各位好 教师节快乐 跟工会说一声 老王病了住院了",
])
def test_a_festival_in_a_greeting_is_no_day_of_the_news(school, first):
    chat = as_member(school, "2008")
    chat.say(first)
    chat.say("就是王建国，我们一起退休的老伙计，上周五进的医院，心脏不大好")
    [report] = reports(school)
    assert report["subject"] == "王建国" and report["event_kind"] == "生病住院" and "2026-08-28" in report["when_text"]


@pytest.mark.parametrize("day", ["10月2号 婚礼在老家办 工会记得表示一下哈", "具体是10月2号", "婚礼定在10月2号"])
def test_a_date_after_a_festival_makes_the_day_exact(school, day):
    chat = as_member(school, "1013")
    chat.say("好消息！我们语文组谢婷婷老师国庆要结婚啦🎉")
    chat.say(day)
    [report] = reports(school)
    assert report["event_kind"] == "结婚" and "2026-10-02" in report["when_text"]


@pytest.mark.parametrize("fix", [
    "哎呀说错了 不是林晓燕 是谢婷婷 都是我们语文组的 我搞混了",
    "不对不对 我搞错了 是谢婷婷",
    "记错人了 不是林晓燕而是谢婷婷",
])
def test_one_colleague_put_right_for_another(school, fix):
    chat = as_member(school, "1013")
    chat.say("林晓燕老师住院了 昨天的事")
    assert chat.say(fix).startswith("好的，已更正为：谢婷婷")
    [report] = reports(school)
    assert report["subject"] == "谢婷婷" and "2026-08-31" in report["when_text"]


def test_another_colleague_mentioned_without_a_correction_does_not_replace_the_person(school):
    chat = as_member(school, "1013")
    chat.say("林晓燕老师住院了 昨天的事")
    chat.say("谢婷婷老师已经去医院看过她了")
    assert reports(school)[0]["subject"] == "林晓燕"


@pytest.mark.parametrize("first, then, signed", [
    ("实名吧", "算了算了 还是匿名 不想出头", False),
    ("写我名字", "想想还是匿名吧", False),
    ("先匿名吧", "想了想 这也没啥 还是写我名字吧 实名", True),
    ("匿名", "算了 还是实名吧", True),
])
def test_a_change_of_mind_just_after_sending_changes_that_suggestion(school, first, then, signed):
    chat = as_member(school, "1025")
    chat.say("提个建议 教工停车场晚上能不能装几盏路灯 太黑了")
    chat.say(first)
    assert chat.say(then).startswith("已改为")
    assert [bool(r["member_id"]) for r in tray(school) if "路灯" in r["content"]] == [signed]
    assert len(tray(school)) == 1


def test_a_change_of_mind_with_two_suggestions_sent_asks_which(school):
    chat = as_member(school, "1025")
    chat.say("建议食堂增加早餐窗口，写我名字")
    chat.say("建议教工停车场装路灯，写我名字")
    assert "改为匿名 编号" in chat.say("算了 还是匿名吧")
    assert all(r["member_id"] for r in tray(school))


def test_a_change_of_mind_from_someone_who_sent_nothing_is_no_change(school):
    as_member(school, "1025").say("建议食堂增加早餐窗口，写我名字")
    reply = as_member(school, "1003").say("算了 还是匿名吧")
    assert not reply.startswith("已改为")
    assert [bool(r["member_id"]) for r in tray(school) if "早餐" in r["content"]] == [True]


@pytest.mark.parametrize("complaint", [
    "我真的忍不了了 这学期每周都排我周六值班 一个月四个周六全搭进去了 也没有任何补休 找谁都推来推去",
    "值班这事太离谱了 凭什么老是我们几个 周六周日轮着来 也不给补休",
])
def test_an_angry_complaint_without_the_word_suggestion_is_one(school, complaint):
    chat = as_member(school, "1025")
    assert "要署上您的名字吗" in chat.say(complaint)
    chat.say("匿名 别让领导知道是我说的")
    assert [bool(r["member_id"]) for r in tray(school) if "值班" in r["content"]] == [False]


@pytest.mark.parametrize("news", ["报告个喜事 宋健要结婚了💒", "报个喜讯 宋健要结婚了", "报告一个好消息 宋健下个月结婚"])
def test_reporting_good_news_is_no_sign_up(school, news):
    chat = as_member(school, "1017")
    chat.say(news)
    chat.say("十月十八号 周日")
    [report] = reports(school)
    assert report["subject"] == "宋健" and report["event_kind"] == "结婚" and "2026-10-18" in report["when_text"]
