"""Whole conversations, eleventh round (issue 19), care news and suggestions: news whose first words
carry 报 (报个喜, 报丧, 报个信) is news, not a sign-up; a person named first ("我替我爷爷发的 他是退休老师
王建国", "反映个情况 理化生组郭涛老师") is the one the next message's news is about; a day written in
大写 numerals ("玖月叁拾日") is read; a proposal asked as 能不能…嘛 about the checkup, an activity or the
canteen is a suggestion; a change to a name after the receipt said with a fearless aside ("又没说什么见
不得人的") is the change. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the
wording is our own, not the held-out sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round7 import reports, tray

# ---- news led by 报…: not a sign-up ----------------------------------------------------------------


@pytest.mark.parametrize("news, subject, kind", [
    ("报个喜！周婷昨天晚上生了 是个儿子 母子平安", "周婷", "生育"),
    ("报喜报喜 体艺组何雪老师下个月12号结婚", "何雪", "结婚"),
    ("报个信 英语组韩冬老师昨天住院了", "韩冬", "生病住院"),
    ("给工会报个丧 数学组王芳老师的母亲前天走了", "王芳的母亲", "丧事"),
    ("报个喜讯哈 郭涛老师当爸爸了 前天生的", "郭涛", "生育"),
    ("报一下喜 咱们组罗斌老师国庆节办喜事", "罗斌", "结婚"),
])
def test_news_led_by_bao_is_care_news_not_a_sign_up(school, news, subject, kind):
    chat = as_member(school, "1027")
    reply = chat.say(news)
    assert "活动" not in reply and "报名" not in reply
    assert [(r["subject"], r["event_kind"]) for r in reports(school)] == [(subject, kind)]


@pytest.mark.parametrize("said", ["报名拔河比赛", "帮我报个羽毛球", "给我报一个读书会"])
def test_a_sign_up_with_bao_stays_a_sign_up(school, said):
    chat = as_member(school, "1027")
    chat.say(said)
    assert reports(school) == []


# ---- a person named first, the news next --------------------------------------------------------


@pytest.mark.parametrize("staff, first, then, subject, kind", [
    ("2001", "我替我爷爷发的 他是退休老师王建国", "他昨天晚上突发脑梗住院了 现在在市一院", "王建国", "生病住院"),
    ("2002", "我是她女儿 帮我妈发的 她是退休教师李秀兰", "她前天摔了一跤 骨折了", "李秀兰", "生病住院"),
    ("1006", "反映个情况 理化生组郭涛老师", "住院", "郭涛", "生病住院"),
    ("1027", "跟工会说个事 关于英语组韩冬老师", "他父亲昨天去世了", "韩冬的父亲", "丧事"),
    ("1027", "报告一下数学组王芳老师的情况", "她昨天做了个手术", "王芳", "生病住院"),
])
def test_the_person_named_first_is_the_one_the_news_is_about(school, staff, first, then, subject, kind):
    chat = as_member(school, staff)
    assert "情况" in chat.say(first)
    chat.say(then)
    chat.say("不清楚")
    found = [(r["subject"], r["event_kind"]) for r in reports(school)]
    assert len(found) == 1 and subject in found[0][0] and found[0][1] == kind


def test_after_a_person_named_first_another_request_is_understood(school):
    chat = as_member(school, "1027")
    chat.say("反映个情况 理化生组郭涛老师")
    assert "秋季登山活动" in chat.say("最近有什么活动")
    assert reports(school) == []


@pytest.mark.parametrize("said", ["匿名反映个情况 理化生组郭涛老师", "投诉一下 理化生组郭涛老师"])
def test_a_complaint_about_a_named_colleague_stays_a_suggestion(school, said):
    chat = as_member(school, "1027")
    chat.say(said)
    assert reports(school) == []


# ---- days in 大写 numerals --------------------------------------------------------------------------


@pytest.mark.parametrize("news, day", [
    ("本人郑秀英，将于玖月叁拾日正式退休，特此告知工会。", "2026-09-30"),
    ("英语组韩冬老师定于拾月壹日举行婚礼", "2026-10-01"),
    ("数学组王芳老师的父亲于捌月贰拾玖日病逝", "2026-08-29"),
    ("我定于玖月贰拾陆号结婚 请工会知悉", "2026-09-26"),
    ("体艺组何雪老师于贰零贰陆年捌月叁拾壹日顺产一女", "2026-08-31"),
])
def test_a_day_in_capital_numerals_is_read(school, news, day):
    chat = as_member(school, "1023")
    chat.say(news)
    assert [day in r["when_text"] for r in reports(school)] == [True]


# ---- a proposal asked as 能不能…嘛 -------------------------------------------------------------------


@pytest.mark.parametrize("proposal, word", [
    ("我们退休老师体检能不能加个骨密度检查嘛", "骨密度"),
    ("体检可不可以增加一个甲状腺彩超 好多老师都有结节", "甲状腺"),
    ("是否可以考虑给女老师的体检加个乳腺检查", "乳腺"),
    ("为什么不把登山活动安排在周末呢 周四大家都有课", "周末"),
    ("体检能否多安排一天 三天根本排不过来", "多安排一天"),
    ("登山活动能不能改到周六嘛 工作日去不了", "周六"),
])
def test_a_proposal_asked_as_a_question_is_a_suggestion(school, proposal, word):
    chat = as_member(school, "2006")
    assert "要署上您的名字吗" in chat.say(proposal)
    chat.say("莫写我名字 匿名就得了")
    assert [(word in r["content"], r["member_id"]) for r in tray(school)] == [(True, None)]


@pytest.mark.parametrize("question, answer", [("体检能不能带家属", "体检"), ("体检可以改期吗", "体检"),
                                              ("登山能不能带孩子", "登山"), ("我能不能加一个登山的名额", "登山")])
def test_a_question_about_joining_stays_a_question(school, question, answer):
    chat = as_member(school, "1027")
    assert "要署上您的名字吗" not in chat.say(question)


# ---- a change to a name after the receipt, with a fearless aside -----------------------------------


@pytest.mark.parametrize("then", ["算了 还是实名吧 又没说什么见不得人的", "想了想还是署名吧 我说的都是实话",
                                  "还是写我名字吧 身正不怕影子斜", "算了算了 改成实名 有啥不敢说的",
                                  "还是实名吧 光明正大的", "还是用我名字吧 我又不怕得罪人"])
def test_a_change_to_a_name_with_a_fearless_aside(school, then):
    chat = as_member(school, "1025")
    chat.say("想提个意见 办公室空调太老了 夏天根本不制冷")
    chat.say("匿名吧")
    assert chat.say(then).startswith("已改为实名")


@pytest.mark.parametrize("then", ["还是实名吧 就怕领导不高兴", "还是匿名吧 我说的都是实话", "同事说还是实名好 反正没什么见不得人的",
                                  "要是实名的话 又没说什么见不得人的"])
def test_an_aside_never_makes_a_name_of_doubt_or_someone_elses_words(school, then):
    chat = as_member(school, "1025")
    chat.say("想提个意见 办公室空调太老了 夏天根本不制冷")
    chat.say("匿名吧")
    chat.say(then)
    assert [r["member_id"] for r in tray(school)] == [None]


@pytest.mark.parametrize("answer", ["实名吧 又没说什么见不得人的", "写我名字 身正不怕影子斜", "署名 光明正大的"])
def test_a_fearless_aside_at_the_consent_step_signs(school, answer):
    chat = as_member(school, "1025")
    chat.say("想提个意见 办公室空调太老了 夏天根本不制冷")
    assert "实名" in chat.say(answer)
    assert [r["member_id"] is not None for r in tray(school)] == [True]


# ---- a colleague named on her own, the news next ----------------------------------------------------


@pytest.mark.parametrize("staff, first, then, subject, kind", [
    ("1027", "我们英语组的周婷老师", "她前天做了阑尾炎手术", "周婷", "生病住院"),
    ("1001", "体艺组何雪 你知道吧", "她上周五生了个女娃娃", "何雪", "生育"),
    ("2002", "老同事王建国", "他老人家昨天住的院", "王建国", "生病住院"),
    ("1009", "阿拉英语组韩冬伐", "伊老父亲前天没了", "韩冬的父亲", "丧事"),
    ("1027", "我老公黄勇 也是咱学校的", "他前天骑车摔了 骨裂", "黄勇", "生病住院"),
    ("1027", "本组罗斌老师嘛", "他爸昨天住院了 心脏搭桥", "罗斌的父亲", "生病住院"),
])
def test_a_colleague_named_alone_is_the_one_the_next_news_is_about(school, staff, first, then, subject, kind):
    chat = as_member(school, staff)
    assert "有什么情况要告诉工会" in chat.say(first)
    chat.say(then)
    assert [(r["subject"], r["event_kind"]) for r in reports(school)] == [(subject, kind)]


@pytest.mark.parametrize("said", ["王芳老师在吗", "张伟老师的电话是多少", "我是退休的王建国", "帮我问下张伟老师"])
def test_a_name_with_something_else_is_no_news_ahead(school, said):
    chat = as_member(school, "2001")
    assert "有什么情况要告诉工会" not in chat.say(said)


@pytest.mark.parametrize("pieces, subject, day", [
    (["张伟老师", "他昨天晚上", "急性肠胃炎住院了"], "张伟", "2026-08-31"),
    (["我们组高峰", "捌月叁拾壹日", "做的心脏支架"], "高峰", "2026-08-31"),
    (["何雪老师", "她前天", "胆结石 住咗院"], "何雪", "2026-08-30"),
    (["体艺组刘洋", "他上周五", "打球摔了 脚踝骨裂"], "刘洋", "2026-08-28"),
])
def test_news_told_a_clause_at_a_time_is_gathered(school, pieces, subject, day):
    chat = as_member(school, "1027")
    for piece in pieces:
        chat.say(piece)
    assert [(r["subject"], day in r["when_text"]) for r in reports(school)] == [(subject, True)]


# ---- the 报 lead alone, the news next -------------------------------------------------------------------


@pytest.mark.parametrize("lead, then, subject, kind", [
    ("报个喜哈", "英语组周婷老师昨天生咯 是个男娃娃", "周婷", "生育"),
    ("报个信", "罗斌 昨天 车祸 骨折 住院", "罗斌", "生病住院"),
    ("报喜报喜！", "体艺组何雪老师国庆节结婚", "何雪", "结婚"),
    ("给工会报个丧", "数学组王芳老师的母亲前天走了", "王芳的母亲", "丧事"),
])
def test_the_bao_lead_alone_asks_for_the_news(school, lead, then, subject, kind):
    chat = as_member(school, "1027")
    reply = chat.say(lead)
    assert "活动" not in reply and "哪位老师、什么事" in reply
    chat.say(then)
    chat.say("不清楚")
    assert [(r["subject"], r["event_kind"]) for r in reports(school)] == [(subject, kind)]


def test_after_the_bao_lead_another_request_is_understood(school):
    chat = as_member(school, "1027")
    chat.say("报个信")
    assert "秋季登山活动" in chat.say("最近有什么活动")
    assert reports(school) == []


# ---- who the news is about, as the record names them -----------------------------------------------


@pytest.mark.parametrize("staff, news, subject", [
    ("2002", "我外婆李秀兰 前天住的院", "李秀兰（本人）"),
    ("1027", "我老爸昨天住院了", "唐宁的父亲"),
    ("1027", "郭涛老师的老妈前天过世了", "郭涛的母亲"),
    ("1010", "额今儿个早上骑车摔了 腿骨折了", "吴刚（本人）"),
    ("1027", "小助手你好 隔壁办公室的小宋大前天住院了", "宋健"),
])
def test_who_the_news_is_about_as_the_record_names_them(school, staff, news, subject):
    chat = as_member(school, staff)
    chat.say(news)
    assert [r["subject"] for r in reports(school)] == [subject]
