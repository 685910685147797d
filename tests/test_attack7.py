"""Attack review of conv2 (ac1b235..bba9229): a change of mind about signing, inside one answer and just
after sending. Consent is never guessed toward disclosure: "X还是Y" offering both, a clause of what a name
would bring, "不对外公开", or someone else's opinion is no change of mind to being named. Each test failed
before its fix."""

from __future__ import annotations

import pytest

from handlers.suggestions.consent import answer_to_sign, sign_choice
from tests.conftest import as_member


def tray(school) -> list[dict]:
    return school.store.scratch.query("SELECT content, member_id FROM tray")


# ---- consent inside one answer ---------------------------------------------------------------------

# each leaves the name unasked (or refuses it); the change-of-mind reading took the words after 还是/不对
# as the teacher's last word and signed
NOT_A_CHANGE_TO_NAMED = [
    "匿名还是实名无所谓", "匿名还是实名都行", "匿名还是实名都可以", "匿名 还是实名 你定吧", "匿名还是实名你看着办",
    "匿名还是署名随便", "不署名还是署名都行",  # "X or Y": both offered, none chosen
    "匿名吧 还是那样 署名的话领导会找我", "匿名 还是写实名他们会知道是我",  # what a name would bring
    "匿名，不对外公开，写名字也没用",  # 不对外 is no 不对
    "实名 说错了", "实名 打错了", "写我名字 说错了", "实名 改主意了", "写我名字 想了想",  # the name taken back
]


@pytest.mark.parametrize("answer", NOT_A_CHANGE_TO_NAMED)
def test_words_after_still_or_not_right_that_do_not_ask_for_a_name_sign_nothing(answer):
    assert sign_choice(answer) is not True and answer_to_sign(answer) is not True


def test_a_real_change_of_mind_still_signs():
    assert [a for a in ["匿名好了啦 啊不對 還是寫我名字好了 實名啦", "匿名吧 哦不 写我名字吧", "匿名算了 还是写上我的名字",
                        "匿名 算了写名字吧", "匿名 改成实名", "匿名，还是写我名字"] if answer_to_sign(a) is not True] == []


def test_an_either_or_answer_to_the_sign_question_is_anonymous(school):
    chat = as_member(school, "1025")
    assert "要署上您的名字吗" in chat.say("建议图书馆三楼的椅子修一修 坐起来会晃")
    assert "（匿名）" in chat.say("匿名还是实名都行")
    assert [bool(r["member_id"]) for r in tray(school)] == [False]


# ---- a change of mind after sending -------------------------------------------------------------------


@pytest.mark.parametrize("later", ["匿名还是实名无所谓", "老王说还是实名好", "他们都觉得还是实名比较好", "大家说还是写名字好"])
def test_an_anonymous_suggestion_is_not_signed_by_words_that_do_not_ask_for_it(school, later):
    chat = as_member(school, "1025")
    chat.say("提个建议 教工停车场晚上能不能装几盏路灯 太黑了")
    chat.say("匿名")
    assert not chat.say(later).startswith("已改为")
    assert [bool(r["member_id"]) for r in tray(school)] == [False]


@pytest.mark.parametrize("later", ["建议评优改成实名投票", "评优投票还是实名吧", "还是建议实名制选举", "食堂打卡改为实名"])
def test_a_new_suggestion_about_named_votes_does_not_sign_the_anonymous_one(school, later):
    """"实名" in what the teacher says about something else (a vote, a sign-in) read as her change of mind:
    the suggestion she had sent anonymously was signed."""
    chat = as_member(school, "1025")
    chat.say("提个建议 教工停车场晚上能不能装几盏路灯 太黑了")
    chat.say("匿名")
    assert not chat.say(later).startswith("已改为")
    assert [bool(r["member_id"]) for r in tray(school) if "路灯" in r["content"]] == [False]


# ---- care: "put right" names the new person, a colleague mentioned beside a correction is not it ----------


@pytest.mark.parametrize("then", [
    "谢婷婷老师说医院不对外探视",  # 不对外 is no 不对
    "谢婷婷老师看望过了，不是很严重，是阑尾炎",  # 不是…是 about how it is
    "谢婷婷也不是很清楚 是她家属说的",
    "说错了 是前天 谢婷婷老师告诉我的",  # the day put right, the colleague who told
    "谢婷婷说我搞错了时间 是前天住的院",
    "我记错了 谢婷婷也住院了",
])
def test_a_colleague_mentioned_beside_a_correction_is_not_the_person_put_right(school, then):
    """Any 不对/说错/不是…是 in the follow-up let the other colleague it names replace the one reported: the
    committee was told 谢婷婷 was in hospital."""
    chat = as_member(school, "1013")
    chat.say("林晓燕老师住院了 昨天的事")
    assert "更正为：谢婷婷" not in chat.say(then)
    assert school.store.db.query("SELECT subject FROM care_reports") == [{"subject": "林晓燕"}]
    assert not any("谢婷婷 —" in r["text"] for r in school.store.db.query("SELECT * FROM outbox") if "text" in r)


@pytest.mark.parametrize("fix", ["搞错了，谢婷婷", "说错了 谢婷婷老师", "记错人了 应该是谢婷婷"])
def test_a_correction_that_says_who_still_puts_the_colleague_right(school, fix):
    chat = as_member(school, "1013")
    chat.say("林晓燕老师住院了 昨天的事")
    assert chat.say(fix).startswith("好的，已更正为：谢婷婷")


@pytest.mark.parametrize("then", ["谢婷婷老师也病了 在医院", "谢婷婷老师也住院了 在骨科医院"])
def test_another_colleague_s_news_after_a_report_is_a_report_of_its_own(school, then):
    """Another colleague's illness, said just after a report, was pasted into the first report as its
    detail ("补充：林晓燕 — 谢婷婷老师也病了"): the committee's notice mixed two people and 谢婷婷 had no report."""
    chat = as_member(school, "1013")
    chat.say("林晓燕老师住院了 昨天的事")
    assert not chat.say(then).startswith("好的，已补充到刚才的报告里")
    rows = school.store.db.query("SELECT subject, event FROM care_reports ORDER BY id")
    assert rows[0] == {"subject": "林晓燕", "event": "林晓燕老师住院了 昨天的事"}
    assert [r["subject"] for r in rows[1:]] in ([], ["谢婷婷"])


@pytest.mark.parametrize("text", ["老孙住院了 是我自己开车送去的", "老孙住院了 我本人去看过了", "我们组老孙住院了，我自己陪他去的医院"])
def test_the_reporter_who_helped_is_not_the_one_in_hospital(school, text):
    """"是我自己"/"我本人" anywhere in the message made the reporter the person of the news: the committee
    was told 马兰 herself was in hospital."""
    chat = as_member(school, "1013")
    if "大概是什么时候" in chat.say(text):
        chat.say("昨天")
    assert school.store.db.query("SELECT subject FROM care_reports") == [{"subject": "孙强"}]


# ---- telling more after "您是想" ----------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["算了 不用了", "没事了 不麻烦了", "不用报了 谢谢"])
def test_declining_after_which_one_starts_no_care_report(school, answer):
    """A teacher who declines after "您是想：1. …喜事或难事 2. 提建议？" was taken as telling more: the care
    report went on ("大概是什么时候？") with her refusal pasted into it."""
    from tests.test_conversations_round7 import asked_which

    chat = as_member(school, "1013")
    asked_which(school, chat, "老王住院了 食堂伙食也该改改", ["care_report", "suggestion"])
    reply = chat.say(answer)
    assert "大概是什么时候" not in reply and not reply.startswith("谢谢您告诉工会")
    assert school.store.conversations.get("test", chat.user) is None


# ---- care: saying who it is keeps the kind, but news told with it is news --------------------------------


@pytest.mark.parametrize("then", ["就是王建国 他今天早上去世了", "就是王建国老师 他女儿下个月结婚"])
def test_news_told_with_who_it_is_is_not_folded_into_the_report(school, then):
    """"就是王建国" made the rest of the message no news: a death became the new day of the illness report
    ("时间已改为：今天早上") and the committee was never told of it."""
    chat = as_member(school, "2008")
    chat.say("跟工会说一声 老王病了住院了 昨天的事")
    chat.say(then)
    first = school.store.db.query("SELECT event_kind, event, when_text FROM care_reports ORDER BY id")[0]
    assert first == {"event_kind": "生病住院", "event": "跟工会说一声 老王病了住院了 昨天的事", "when_text": "昨天（2026-08-31）"}
