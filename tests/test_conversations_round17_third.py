"""Whole conversations, seventeenth round (issue 19, attack review 16's left cases): words said about a third
person, or about something that is not a union activity, are not the sender's own request. On a working teacher's
own phone "我妈说她不去拔河了" is her mother's word, not her withdrawal (unless she said she types for the holder:
"我替我老婆发的"); "帮王芳报插花" asks for a colleague named without 老师; the retired holder named by her typist
withdraws with "她说拔河不去了"; "不是他本人，是他爸爸" after a report puts its subject right; booking words about a
room, a checkup, a bus seat or a colleague's place ("帮我订会议室开读书会", "抢登山大巴的座位") sign nobody up.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 何雪 is 1017, in service; 赵淑芬 2007,
retired; 拔河 Thu 9-10, 登山 Thu 9-17, 读书会 Sun 9-6, 插花 Sat 9-26 (women only)); the variants are our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import care_rows, status

TUG, HIKE, READING, FLOWERS, PINGPONG = "教职工拔河比赛", "秋季登山活动", "教师读书会", "女教职工插花沙龙", "乒乓球友谊赛"
SIGNED = "报名成功"
CANCELLED = "已为您取消"


def signed_up(school, staff_no: str, *activities: str):
    chat = as_member(school, staff_no)
    for activity in activities:
        chat.say(f"报名{activity}")
        assert SIGNED in chat.say("是的"), chat.transcript
    return chat


# ---- 1. a relative's words on a working teacher's own phone act on nobody ----------------------------------


@pytest.mark.parametrize("said", ["我妈说她不去拔河了", "我老公说他拔河去不了了", "孩子说她不去拔河了",
                                  "我家孩子说她也不参加拔河了", "我老公说不去了"])
def test_a_relatives_withdrawal_keeps_her_sign_up_and_says_so(school, said):
    chat = signed_up(school, "1017", "拔河")
    reply = chat.say(said)
    assert CANCELLED not in reply and "没有取消" in reply and f"「{TUG}」报名还在" in reply, reply
    assert "取消报名拔河" in reply  # how to withdraw if it is hers
    assert status(school, "1017", TUG) == "confirmed"


def test_a_relatives_withdrawal_names_every_sign_up_kept(school):
    chat = signed_up(school, "1017", "拔河", "登山")
    reply = chat.say("我妈说她不去了")
    assert f"「{TUG}」「{HIKE}」报名还在" in reply, reply
    assert status(school, "1017", TUG) == status(school, "1017", HIKE) == "confirmed"


@pytest.mark.parametrize("said", ["我老公说我别去拔河了 取消吧", "我妈住院了 拔河我不去了 取消吧"])
def test_her_own_withdrawal_beside_a_relative_still_withdraws(school, said):
    chat = signed_up(school, "1017", "拔河")
    reply = chat.say(said)
    if CANCELLED not in reply:  # (asked first is fine: a reason came with it)
        reply = chat.say("是")
    assert status(school, "1017", TUG) == "cancelled", chat.transcript


def test_typed_for_the_holder_on_a_working_teachers_phone_withdraws(school):
    chat = signed_up(school, "1017", "拔河")
    assert CANCELLED in chat.say("我替我老婆发的 她说拔河不去了"), chat.transcript
    assert status(school, "1017", TUG) == "cancelled"


@pytest.mark.parametrize("request_", ["我妈说她想报插花", "孩子说她也要报读书会"])
def test_a_relatives_wish_signs_nobody_up(school, request_):
    chat = as_member(school, "1017")
    reply = chat.say(request_)
    assert "不能替别人报名" in reply, reply
    chat.say("她说确认")
    assert status(school, "1017", FLOWERS) is None and status(school, "1017", READING) is None


def test_her_relayed_yes_is_asked_again_on_her_own_phone(school):
    chat = as_member(school, "1017")
    assert chat.say("她想报插花").startswith(f"确认报名「{FLOWERS}」")
    assert SIGNED not in chat.say("她说确认")
    assert status(school, "1017", FLOWERS) is None


def test_the_retired_holders_relayed_request_still_signs(school):
    chat = as_member(school, "2007")  # 赵淑芬, retired: family types for her
    assert chat.say("我妈说给她报拔河").startswith(f"确认报名「{TUG}」")
    assert chat.say("她说确认").startswith(SIGNED)
    assert status(school, "2007", TUG) == "confirmed"


# ---- 2. a colleague named bare, as on the roster, is someone else ------------------------------------------


@pytest.mark.parametrize("request_", ["帮王芳报插花", "给张伟报个拔河", "帮我们组王芳报个读书会", "替孙强报名乒乓球",
                                      "王芳让我帮她报一个插花", "高峰说他也想报登山"])
def test_a_colleague_by_her_bare_name_is_refused(school, request_):
    chat = as_member(school, "1017")
    reply = chat.say(request_)
    assert "不能替别人报名" in reply, reply
    chat.say("是")
    assert all(status(school, staff_no, title) is None for staff_no in ("1017", "1002", "1001", "1012", "1018")
               for title in (FLOWERS, TUG, READING, PINGPONG, HIKE))


@pytest.mark.parametrize("staff_no, request_, title", [
    ("1002", "我王芳报插花", FLOWERS),  # her own name
    ("1017", "帮我何雪报个插花", FLOWERS),
    ("1017", "帮我报高峰那天的登山", HIKE),  # 高峰 is 1018's name and a word
    ("1013", "帮我报个马兰那边的读书会", READING),  # (马兰, 1013, herself)
])
def test_her_own_name_or_a_name_as_a_word_still_asks_her_confirmation(school, staff_no, request_, title):
    chat = as_member(school, staff_no)
    assert chat.say(request_).startswith(f"确认报名「{title}」"), chat.transcript
    assert chat.say("是").startswith(SIGNED)
    assert status(school, staff_no, title) == "confirmed"


def test_a_colleague_by_bare_name_at_her_own_confirmation_keeps_it(school):
    chat = as_member(school, "1017")
    chat.say("报名拔河")
    reply = chat.say("帮王芳也报一个")
    assert "不能替别人报名" in reply and f"要报名「{TUG}」吗" in reply, reply
    assert chat.say("是").startswith(SIGNED)
    assert status(school, "1017", TUG) == "confirmed" and status(school, "1002", TUG) is None


# ---- 3. the holder named by her typist: the news and her withdrawal both -----------------------------------


@pytest.mark.parametrize("intro, then", [
    ("我替我妈发的 她是退休的赵淑芬", "她前天摔了一跤住院了 还有她说拔河不去了"),
    ("我是帮我外婆打字的，她是退休的赵淑芬老师", "她昨天住院了，另外她说拔河不去了"),
    ("我替我奶奶发的 她是退休组的赵淑芬", "她前天住的院 还有她说拔河就不参加了"),
])
def test_the_typists_news_and_the_holders_withdrawal(school, intro, then):
    chat = signed_up(school, "2007", "拔河")
    assert "赵淑芬老师有什么情况" in chat.say(intro), chat.transcript
    reply = chat.say(then)
    assert "早日康复" in reply and f"{CANCELLED}「{TUG}」" in reply, reply
    assert [(r["subject"], r["event_kind"]) for r in care_rows(school)] == [("赵淑芬（本人）", "生病住院")]
    assert status(school, "2007", TUG) == "cancelled"


def test_the_holders_withdrawal_alone_after_her_typists_intro(school):
    chat = signed_up(school, "2007", "拔河")
    chat.say("我替我妈发的 她是退休的赵淑芬")
    assert CANCELLED in chat.say("她说拔河不去了"), chat.transcript
    assert status(school, "2007", TUG) == "cancelled" and list(care_rows(school)) == []


@pytest.mark.parametrize("typist", ["我替我妈发的", "我是替我外婆发的", "你好 我是帮我奶奶打字的"])
def test_the_typist_said_alone_then_the_holders_withdrawal(school, typist):
    chat = signed_up(school, "2007", "拔河")
    assert chat.say(typist) == "好的，您请说。"
    assert CANCELLED in chat.say("她说拔河不去了"), chat.transcript
    assert status(school, "2007", TUG) == "cancelled"


def test_the_typist_said_alone_then_the_holders_news(school):
    chat = as_member(school, "2007")
    chat.say("我替我妈发的")
    assert "早日康复" in chat.say("她前天住院了"), chat.transcript
    assert [(r["subject"], r["event_kind"]) for r in care_rows(school)] == [("赵淑芬（本人）", "生病住院")]


def test_the_typist_said_alone_then_a_colleagues_withdrawal_keeps_hers(school):
    chat = signed_up(school, "2007", "拔河")
    chat.say("我替我妈发的")
    chat.say("听说王芳把拔河退了")
    assert status(school, "2007", TUG) == "confirmed"


def test_the_holders_sign_up_after_the_news(school):
    chat = as_member(school, "2007")
    chat.say("我替我妈发的 她是退休的赵淑芬")
    reply = chat.say("她昨天住院了，另外她说登山想报一个")
    assert "早日康复" in reply and f"确认报名「{HIKE}」" in reply, reply
    assert chat.say("她说确认").startswith(SIGNED)
    assert status(school, "2007", HIKE) == "confirmed"


def test_a_colleagues_withdrawal_after_the_typists_intro_is_still_hers_alone(school):
    chat = signed_up(school, "2007", "拔河")
    chat.say("我替我妈发的 她是退休的赵淑芬")
    chat.say("她前天住院了 还有听说王芳把拔河退了")
    assert status(school, "2007", TUG) == "confirmed"


# ---- 4. after a report, the news put right as the family's --------------------------------------------------


def subjects(school) -> list[tuple[str, str]]:
    return [(r["subject"], r["event_kind"]) for r in care_rows(school)]


@pytest.mark.parametrize("news, put_right, subject", [
    ("我们组刘洋昨天住院了", "不是他本人，是他爸爸", "刘洋的父亲"),
    ("我们组刘洋昨天住院了", "唔係佢自己，係佢阿爸", "刘洋的父亲"),
    ("刘洋老师前天住院了", "哦说错了 是他妈妈住院了", "刘洋的母亲"),
    ("我昨天住院了", "不是我，是我妈", "何雪的母亲"),
])
def test_the_report_put_right_as_the_familys(school, news, put_right, subject):
    chat = as_member(school, "1017")
    assert "早日康复" in chat.say(news)
    reply = chat.say(put_right)
    assert f"已更正为：{subject}" in reply, reply
    assert subjects(school) == [(subject, "生病住院")]
    notices = [r["text"] for r in school.store.db.query("SELECT text FROM outbox WHERE kind = 'care'")]
    assert any(f"更正：刚才报告的是{subject}" in n for n in notices), notices


@pytest.mark.parametrize("more", ["他爸爸说谢谢工会关心", "是他爸爸送他去的医院"])
def test_the_familys_words_after_the_report_put_nothing_right(school, more):
    chat = as_member(school, "1017")
    chat.say("刘洋老师昨天住院了")
    chat.say(more)
    assert subjects(school) == [("刘洋", "生病住院")]


# ---- 5. booking words about something that is not a sign-up -------------------------------------------------


@pytest.mark.parametrize("said", [
    "帮我订个教室搞读书会", "读书会那天帮我订一下会议室",  # a room for the activity
    "预约个体检 跟拔河别冲突",  # the checkup, beside an activity
    "抢拔河的班车位置", "登山的大巴我要抢前排",  # a bus seat
    "听说张伟抢了登山的名额", "王芳说她锁定了插花",  # a colleague's booking, told
])
def test_booking_words_about_something_else_sign_nobody_up(school, said):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert "确认报名" not in reply, reply
    chat.say("是")
    assert all(status(school, "1017", title) is None for title in (TUG, HIKE, READING, FLOWERS))


@pytest.mark.parametrize("said", ["登山 有谁 报", "插花还有谁报", "读书会 都有谁 报"])
def test_who_else_goes_asked_is_no_sign_up(school, said):
    """(a yes to "您是想：1. 查询活动 2. 报名活动？" is the sign-up's, by the clarifying question's design)"""
    chat = as_member(school, "1017")
    assert "确认报名" not in chat.say(said), chat.transcript


@pytest.mark.parametrize("said, title", [
    ("订个插花沙龙的位置", FLOWERS), ("帮我预约一下读书会", READING), ("抢登山名额", HIKE), ("锁定插花", FLOWERS),
    ("拔河 也报", TUG), ("预约插花和登山", None),
])
def test_booking_an_activity_itself_still_asks_to_sign(school, said, title):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert reply.startswith(f"确认报名「{title}」" if title else "确认报名以下 2 个活动"), reply
