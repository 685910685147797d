"""Tuned set 40's withdrawal and care misses, and known wrong answers (issue 19, leave22), each by its class: as the
teachers wrote them and in other words, with what must stay as it was.

- Withdrawal words that withdraw nothing: a denial ("不是来撤回登山的报名的"), a question of how ("怎么撤回登山的报名？":
  answered how), someone else's wish she refused ("张伟让我来撤回登山的报名，我没答应"); a withdrawal in bookish words
  ("请撤秋季登山活动之报名") and one laid out as a document of her sign-ups, each with its fate ("1.2 教职工拔河比赛（撤销）",
  "拔河比赛退掉，运动会不动") withdraws, the kept one stays.
- Care: news led by "报个好消息" is one piece of news, and told again after the report it is not filed twice; illness
  news told with the checkup that found it ("…的体检结果出来了，昨天住院了") is news, not a checkup question; a harm only
  foreseen ("总有一天会有人摔断腿的") is no news of anyone.
- Two requests joined by "btw": the care news and the sign-up are both handled.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round19_conv32a import care
from tests.test_whole_messages import status

HIKE = "秋季登山活动"
WITHDRAWN = f"已为您取消「{HIKE}」的报名。"


def _on_the_hike(school, staff_no: str = "1008"):
    chat = as_member(school, staff_no)
    chat.say("报名登山")
    assert "报名成功" in chat.say("是")
    return chat


# ---- withdrawal words that withdraw nothing -------------------------------------------------------------------


@pytest.mark.parametrize("denial", [
    "不是来撤回登山的报名的",
    "我又不是来退登山的",
    "并不是想取消登山的报名",
    "我没说过要取消登山",
])
def test_a_withdrawal_denied_keeps_the_sign_up(school, denial):
    chat = _on_the_hike(school)
    assert chat.say(denial) == f"好的，「{HIKE}」的报名保持不变。"
    assert status(school, "1008", HIKE) == "confirmed"


@pytest.mark.parametrize("how", [
    "怎么撤回登山的报名？",
    "登山的报名要怎么取消",
    "如何退掉登山",
    "请问在哪里撤销登山报名",
])
def test_how_to_withdraw_is_answered_and_nothing_withdrawn(school, how):
    chat = _on_the_hike(school)
    reply = chat.say(how)
    assert "报名还在" in reply and "取消报名登山" in reply, reply
    assert status(school, "1008", HIKE) == "confirmed"


@pytest.mark.parametrize("refused", [
    "张伟让我来撤回登山的报名，我没答应",
    "我老公劝我把登山退了，我不听",
    "组长叫我退掉登山，我拒绝了",
])
def test_someone_elses_wish_she_refused_keeps_the_sign_up(school, refused):
    chat = _on_the_hike(school)
    assert "保持不变" in chat.say(refused)
    assert status(school, "1008", HIKE) == "confirmed"


def test_someone_elses_wish_alone_is_asked_first(school):
    chat = _on_the_hike(school)
    assert chat.say("张伟让我来撤回登山的报名").startswith(f"要帮您取消「{HIKE}」的报名吗？")
    assert status(school, "1008", HIKE) == "confirmed"
    chat.say("是")
    assert status(school, "1008", HIKE) == "cancelled"


@pytest.mark.parametrize("withdrawal", [
    "登山怎么办呢，算了，帮我撤回登山的报名",
    "老公让我把登山退了，那就帮我退了吧",
])
def test_a_withdrawal_of_her_own_still_withdraws(school, withdrawal):
    """(guards: these withdrew before; the new readings must leave them so)"""
    chat = _on_the_hike(school)
    assert chat.say(withdrawal) == WITHDRAWN
    assert status(school, "1008", HIKE) == "cancelled"


# ---- a withdrawal in bookish words, or laid out as a document -------------------------------------------------


@pytest.mark.parametrize("turns", [
    ["破题：登山之约，今不能赴矣。承题：盖九月十七日，后勤有检修之务，身不由己也。",
     "大结：行政后勤组黄勇，请撤秋季登山活动之报名，确凿无疑，不复更改。"],  # zs25
    ["请撤登山之报名"],
    ["吾意已决，撤秋季登山活动报名。"],
])
def test_a_withdrawal_in_bookish_words_withdraws(school, turns):
    chat = _on_the_hike(school)
    for turn in turns:
        chat.say(turn)
    assert status(school, "1008", HIKE) == "cancelled", chat.transcript


def test_bookish_words_that_keep_it_do_not(school):
    chat = _on_the_hike(school)
    chat.say("莫撤登山之报名")
    assert status(school, "1008", HIKE) == "confirmed"


GAMES, TUG = "数学组趣味运动会", "教职工拔河比赛"


@pytest.mark.parametrize("document", [
    "目　录\n一、现有报名 ………… 1\n　　1.1 数学组趣味运动会（保留）\n　　1.2 教职工拔河比赛（撤销）\n二、撤销原因 ………… 2\n"
    "　　10号下午工会委员要值班\n三、处理意见 ………… 3\n　　拔河比赛退掉，运动会不动",  # zs28
    "一、现有报名：趣味运动会、拔河比赛\n二、处理：拔河比赛撤销，运动会保留",
    "我的报名情况\n运动会（保留）\n拔河比赛（撤销）",
])
def test_a_document_of_her_sign_ups_withdraws_the_one_marked(school, document):
    chat = as_member(school, "1001")
    for what in ("运动会", "拔河"):
        chat.say(f"报名{what}")
        chat.say("是")
    chat.say(document)
    chat.say("正文：确认，只退拔河。")
    assert status(school, "1001", TUG) == "cancelled", chat.transcript
    assert status(school, "1001", GAMES) == "confirmed", chat.transcript


# ---- care news -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("turns, subject, kind, day", [
    (["报个好消息，这个要用高音C唱出来——体艺组刘洋老师当爸爸啦！今天凌晨四点，他爱人生了个儿子，哭声那叫一个响亮，天生的胸腔共鸣！",
      "对，就是今天，9月1号。请工会登记一下刘洋家添丁，记得送祝福，声音要饱满。"], "刘洋", "生育", "2026-09-01"),  # zs39
    (["报个好消息！韩冬老师昨天结婚了", "对，就是昨天，请工会登记一下韩冬结婚的喜事"], "韩冬", "结婚", "2026-08-31"),
    (["报个坏消息，数学组高峰老师昨天住院了", "是的，高峰昨天住院了，麻烦工会去看看"], "高峰", "生病住院", "2026-08-31"),
])
def test_news_led_by_a_good_or_bad_message_is_filed_once(school, turns, subject, kind, day):
    chat = as_member(school, "1017")
    for turn in turns:
        chat.say(turn)
    reports = care(school)
    assert len(reports) == 1 and subject in reports[0][0] and reports[0][1:] == (kind, day), (reports, chat.transcript)


def test_other_news_after_a_report_is_still_a_report_of_its_own(school):
    chat = as_member(school, "1017")
    chat.say("报个好消息，刘洋老师昨天当爸爸了")
    chat.say("高峰老师也昨天住院了")
    assert [r[0] for r in care(school)] == ["刘洋", "高峰"] or len(care(school)) == 2, care(school)


@pytest.mark.parametrize("news, subject", [
    ("高峰老师3.5分的体检结果出来了，昨天住院了", "高峰"),
    ("韩冬老师体检查出肿瘤，昨天住院了", "韩冬"),
    ("刘洋的体检报告出来了，昨天做了手术", "刘洋"),
])
def test_illness_found_at_the_checkup_is_care_news(school, news, subject):
    reply = as_member(school, "1008").say(news)
    assert "体检中心" not in reply and "祝早日康复" in reply, reply
    assert [(s, k) for s, k, _ in care(school)] == [(subject, "生病住院")]
    assert care(school)[0][2] in ("2026-08-31", ""), care(school)


@pytest.mark.parametrize("question", ["体检结果出来了吗？", "体检报告什么时候出来"])
def test_a_question_about_the_checkup_is_still_answered_as_one(school, question):
    as_member(school, "1008").say(question)
    assert care(school) == []


@pytest.mark.parametrize("vow", [
    "我以我的老花镜起誓，总有一天会有人摔断腿的。",
    "那个楼梯那么滑，迟早要有人摔断腿",
    "我敢打赌，早晚会有人在那儿摔跤住院",
])
def test_a_harm_only_foreseen_is_no_care_news(school, vow):
    reply = as_member(school, "2004").say(vow)
    assert "担心以后会出事" in reply, reply
    assert care(school) == []


def test_news_beside_a_worry_is_still_news(school):
    as_member(school, "1008").say("我爸昨天住院了，万一要手术怎么办")
    assert [(k, d) for _, k, d in care(school)] == [("生病住院", "2026-08-31")]


# ---- two requests joined by "btw" ------------------------------------------------------------------------------


@pytest.mark.parametrize("message", [
    "理化生的徐丽 她老公失业了…挺困难的 btw 帮我报个乒乓球",
    "理化生的徐丽 她老公失业了…挺困难的 BTW 帮我报个乒乓球",
    "理化生的徐丽她老公失业了，家里挺困难的。by the way，帮我报个乒乓球",
])
def test_care_news_and_a_sign_up_joined_by_btw_are_both_handled(school, message):
    chat = as_member(school, "1008")
    reply = chat.say(message)
    assert "确认报名「乒乓球友谊赛」吗？" in reply, reply
    assert [(s, k) for s, k, _ in care(school)] == [("徐丽", "困难")]
    assert chat.say("是").startswith("报名成功！「乒乓球友谊赛」")
    assert status(school, "1008", "乒乓球友谊赛") == "confirmed"
