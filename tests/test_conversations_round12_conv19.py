"""Whole conversations, twelfth round (issue 19), found by reading tuning set 24's misses: what is under
discussion carries over turns that are not about it. A suggestion announced politely asks for its words, and
words sent at the consent question are the suggestion, never lost; a hardship hinted at is asked about, not
answered with the activity list; words said to a husband beside the chat, or his answer relayed, keep the
activity just shown; "周五那个" picks among what was shown; a question with "额想报" beside it asks to confirm;
"both confirm" is a yes. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the
wording is our own, not the set's, apart from one script per case."""

from __future__ import annotations

import pytest

from handlers.care import find_subject
from tests.conftest import as_member
from tests.test_conversations_round7 import reports, tray
from tests.test_whole_messages import status

HIKE, READING, PINGPONG, BADMINTON = "秋季登山活动", "教师读书会", "乒乓球友谊赛", "羽毛球联谊赛"
KARAOKE, FLOWERS = "卡拉OK歌唱比赛", "女教职工插花沙龙"
ASKS_CONTENT = "请直接写下"
RECEIPT = "已收到您的建议（"


def family_hike(school) -> None:
    """The hike as the conversation sets' writers were told it: family may come, four each at most."""
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))


def party(school, staff_no: str, title: str) -> int | None:
    member = school.store.members.by_staff_no(staff_no)
    row = school.store.db.one("SELECT s.party FROM signups s JOIN activities a ON a.id = s.activity_id "
                              "WHERE a.title = ? AND s.member_id = ? AND s.status = 'confirmed'", (title, member.id))
    return row["party"] if row else None


# ---- a suggestion announced first asks for its words; words sent at the consent question are kept ----------


@pytest.mark.parametrize("announced", ["不好意思打扰一下，想提个小建议", "打扰了 我想给工会提个小意见",
                                       "不好意思哈，有个小想法想反映一下", "冒昧打扰，想给工会提点建议"])
def test_a_suggestion_announced_politely_asks_for_its_words(school, announced):
    chat = as_member(school, "1005")
    reply = chat.say(announced)
    assert ASKS_CONTENT in reply and RECEIPT not in reply, reply
    assert "要署上您的名字吗" in chat.say("图书馆周末能不能开放，方便老师备课，谢谢")
    assert chat.say("可以匿名吗？那麻烦匿名，谢谢谢谢").startswith(RECEIPT + "匿名）")
    rows = tray(school)
    assert len(rows) == 1 and "图书馆" in rows[0]["content"] and rows[0]["member_id"] is None, rows
    assert "打扰" not in rows[0]["content"]


@pytest.mark.parametrize("more", ["图书馆周末能不能开放，方便老师备课", "操场跑道希望能尽快翻修一下，下雨天全是积水",
                                  "教师食堂晚上最好也开放，加班的老师没地方吃饭"])
@pytest.mark.parametrize("then, signed", [("那麻烦匿名吧", False), ("写我名字吧", True)])
def test_a_proposal_sent_at_the_consent_question_is_the_suggestion_and_consent_is_asked_again(school, more, then, signed):
    chat = as_member(school, "1005")
    assert "要署上您的名字吗" in chat.say("建议三楼厕所加个洗手液")
    reply = chat.say(more)
    assert RECEIPT not in reply and "要署上您的名字吗" in reply, reply
    assert tray(school) == []
    assert chat.say(then).startswith(RECEIPT + ("实名）" if signed else "匿名）"))
    rows = tray(school)
    assert len(rows) == 1 and "洗手液" in rows[0]["content"] and more[:4] in rows[0]["content"], rows
    assert (rows[0]["member_id"] is not None) == signed


def test_a_second_proposal_at_the_consent_question_is_kept_too_and_sent_anonymously(school):
    chat = as_member(school, "1005")
    chat.say("建议三楼厕所加个洗手液")
    chat.say("图书馆周末能不能开放，方便老师备课")
    reply = chat.say("另外停车场晚上能不能亮灯，太黑了")
    assert reply.startswith(RECEIPT + "匿名）"), reply  # asked once more only: "回复其他内容也按匿名提交"
    rows = tray(school)
    assert len(rows) == 1 and rows[0]["member_id"] is None
    assert all(word in rows[0]["content"] for word in ("洗手液", "图书馆", "停车场")), rows


@pytest.mark.parametrize("unclear", ["随便吧", "都可以", "我也说不好，你们看着办就行", "嗯嗯"])
def test_an_unclear_answer_at_the_consent_question_is_still_sent_anonymously(school, unclear):
    chat = as_member(school, "1005")
    chat.say("建议三楼厕所加个洗手液")
    assert chat.say(unclear).startswith(RECEIPT + "匿名）"), unclear
    rows = tray(school)
    assert [r["member_id"] for r in rows] == [None] and rows[0]["content"].endswith("洗手液")


# ---- a hardship hinted at is asked about, and the answer completes the report about the teacher herself ------


@pytest.mark.parametrize("hint", ["家里最近有点难", "最近家里日子不太好过", "这阵子家里经济上有点紧张"])
@pytest.mark.parametrize("details", ["爱人下岗了 孩子又在读大学 想问问工会有没有帮扶",
                                     "房贷压力大 父母又都在吃药 能申请补助吗"])
def test_a_hardship_hinted_at_is_asked_about_and_reported_for_the_teacher(school, hint, details):
    chat = as_member(school, "1030")
    reply = chat.say(hint)
    assert "正在报名的工会活动" not in reply and "情况" in reply, reply
    assert reports(school) == []
    assert "已转告工会委员" in chat.say(details)
    assert [(r["subject"], r["event_kind"]) for r in reports(school)] == [("彭亮（本人）", "困难")]


@pytest.mark.parametrize("said", ["这道题有点难", "最近工作有点难搞", "报名有点难吗"])
def test_hard_things_that_are_no_hardship_at_home_are_not_reported(school, said):
    chat = as_member(school, "1030")
    chat.say(said)
    assert reports(school) == []


@pytest.mark.parametrize("text", ["爱人下岗了 孩子又在读大学", "孩子考上大学了 家里困难", "住在小区里的老人摔了", "等了一个小时"])
def test_words_like_daxue_are_no_colleague_nicknames(text):
    subject, _ = find_subject(text)
    assert not any(word in subject for word in ("大学", "小区", "小时")), subject


# ---- words said to someone beside her, or their answer relayed, keep the activity just shown ---------------


@pytest.mark.parametrize("asked, aside, relayed, sign, title, size", [
    ("登山活动可以带家属是吧", "老公你17号那天调休没", "哦 他说能去", "那给我报上 带老公和闺女 一共三个人", HIKE, 3),
    ("登山能带家属吗", "老婆 17号你要上班不", "她说请得了假", "那报上吧 我们两个人", HIKE, 2),
    ("读书会几点开始", "闺女你周日下午有课没", "她说没有", "那给我报上", READING, 1),
    ("乒乓球还有名额吗", "亲爱的 13号你值班不", "嗯 他说不值班", "报吧", PINGPONG, 1),
])
def test_words_to_family_beside_the_chat_keep_the_activity_under_discussion(school, asked, aside, relayed, sign,
                                                                             title, size):
    family_hike(school)
    chat = as_member(school, "1017")
    assert title in chat.say(asked)
    for said in (aside, relayed):
        reply = chat.say(said)
        assert "您可以这样说" not in reply and "您是想" not in reply and title in reply, (said, reply)
    reply = chat.say(sign)
    assert f"确认报名「{title}」" in reply and (size == 1 or f"共 {size} 人" in reply), reply
    assert chat.say("确认").startswith("报名成功")
    assert party(school, "1017", title) == size


def test_words_to_family_with_nothing_under_discussion_sign_nothing(school):
    chat = as_member(school, "1017")
    chat.say("老公你17号那天调休没")
    chat.say("哦 他说能去")
    assert "确认报名" not in chat.say("确认")
    assert school.store.signups.for_member(school.store.members.by_staff_no("1017").id) == []


# ---- "周五那个": the one of what was just shown on that day ---------------------------------------------------


@pytest.mark.parametrize("named, day, sign, yes, title", [
    ("羽毛球", "周五那个", "报", "确认", BADMINTON),
    ("读书会", "周日那个", "报", "是", READING),
    ("乒乓球", "13号那个", "报名", "确认", PINGPONG),
    ("羽毛球和读书会", "周日的", "报", "好", READING),
])
def test_a_day_picks_among_the_activities_just_shown(school, named, day, sign, yes, title):
    chat = as_member(school, "1010")
    chat.say(named)
    reply = chat.say(day)
    assert title in reply and "您可以这样说" not in reply, reply
    assert f"确认报名「{title}」" in chat.say(sign)
    assert chat.say(yes).startswith("报名成功")
    assert status(school, "1010", title) == "confirmed"


def test_a_day_that_fits_nothing_shown_picks_nothing(school):
    chat = as_member(school, "1010")
    chat.say("羽毛球")
    assert BADMINTON not in chat.say("周一那个")


# ---- a question and a wish to join in one message: the confirmation is asked --------------------------------


@pytest.mark.parametrize("said, title", [
    ("乒乓球还有位置么 额想报", PINGPONG),
    ("登山还有名额吗 想报名", HIKE),
    ("卡拉OK还能报不 俺想去", KARAOKE),
    ("读书会在哪里办啊？我也想参加", READING),
])
def test_a_question_with_a_wish_to_join_asks_to_confirm(school, said, title):
    chat = as_member(school, "1016")
    reply = chat.say(said)
    assert f"确认报名「{title}」" in reply and "剩余" in reply, reply
    assert chat.say("嗯 确认 嘹咋咧").startswith("报名成功")
    assert status(school, "1016", title) == "confirmed"


@pytest.mark.parametrize("said", ["乒乓球还有位置么", "乒乓球还有位置么 同事想报", "乒乓球还有位置么 额不想报"])
def test_a_question_without_her_own_wish_stays_a_question(school, said):
    chat = as_member(school, "1016")
    assert "确认报名" not in chat.say(said)


# ---- "both confirm" after a withdrawal and a sign-up: a yes ----------------------------------------------


@pytest.mark.parametrize("yes", ["both confirm", "both confirmed!", "confirm", "OK confirm both", "两个都确认"])
def test_both_confirm_confirms_the_sign_up_that_waits(school, yes):
    chat = as_member(school, "1023")
    chat.say("报名卡拉OK")
    chat.say("是")
    assert chat.say("卡拉OK cancel 掉 嗓子不行了").startswith(f"已为您取消「{KARAOKE}」")
    assert f"确认报名「{FLOWERS}」" in chat.say("插花帮我 sign up")
    assert chat.say(yes).startswith("报名成功"), yes
    assert status(school, "1023", FLOWERS) == "confirmed" and status(school, "1023", KARAOKE) == "cancelled"


@pytest.mark.parametrize("relayed", ["她说几点集合啊", "他说报上", "他说给他也报一个"])
def test_a_question_or_a_request_relayed_is_no_aside(school, relayed):
    family_hike(school)
    chat = as_member(school, "1017")
    chat.say("登山能带家属吗")
    assert not chat.say(relayed).startswith("好的，您先和家人商量"), relayed
