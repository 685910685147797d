"""Whole conversations, twelfth round (issue 19): suggestions, consent and binding. A proposal written as a
wish ("望增加骨密度检查") is a suggestion; the same suggestion sent twice at "要署上您的名字吗？" is no
answer; a teacher who introduces herself there binds first and is asked again; a phone's last four put
right ("打错了 尾号是8019 不是8091") or said to be the 工号 ("手机后四位也是这四个数") binds; a book title
("《给教师的建议》") is no suggestion; a bare "匿名" after a signed receipt offers to change it. Chat scripts
at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our own beside the tuning
set's verbatim lines."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_conversations_round7 import tray

ASK_SIGN = "要署上您的名字吗"
READING = "教师读书会"


def signed(school) -> list[bool]:
    return [bool(r["member_id"]) for r in tray(school)]


def roster_extra(school) -> None:
    """何秀英 (工号 8019) and 杜建平 (8036) of 行政后勤组, phones ending in their 工号 (as in the demo)."""
    for staff_no, name, gender in (("8019", "何秀英", "女"), ("8036", "杜建平", "男")):
        school.store.members.upsert(staff_no=staff_no, name=name, gender=gender, group_name="行政后勤组",
                                    phone=f"139{staff_no:0>8}")


def new_teacher(school) -> Chat:
    roster_extra(school)
    return Chat(school, "u-new", channel="wecom")


def bound(school) -> str | None:
    member = school.store.bindings.member_for("wecom", "u-new")
    return member.staff_no if member else None


# ---- a proposal written as a wish or a question is a suggestion -------------------------------------------


@pytest.mark.parametrize("proposal, answer, word, named", [
    ("老朽斗胆进一言：退休教师体检项目过少，望增加骨密度检查，不胜感激。", "署名即可，实名无妨。", "骨密度", True),
    ("体检能不能加个骨密度检查嘛", "实名", "骨密度", True),
    ("建议明年体检增加甲状腺彩超", "匿名", "甲状腺", False),
    ("恳请工会考虑给退休教师的体检增设颈动脉彩超一项", "写我名字", "颈动脉", True),
    ("冒昧说一句，体检项目太少了，盼明年能加上胃镜检查", "不用署名", "胃镜", False),
    ("鄙人以为，体检宜增加眼底检查，望工会采纳。", "署名", "眼底", True),
])
def test_a_proposal_about_the_checkup_is_a_suggestion(school, proposal, answer, word, named):
    chat = as_member(school, "2004")
    assert chat.say(proposal).startswith(ASK_SIGN)
    assert chat.say(answer).startswith("已收到您的建议")
    rows = tray(school)
    assert len(rows) == 1 and word in rows[0]["content"] and signed(school) == [named]


@pytest.mark.parametrize("question", ["体检要空腹吗", "能不能加入读书会", "今年体检是哪天 望告知"])
def test_a_question_or_a_wish_of_ones_own_is_no_suggestion(school, question):
    chat = as_member(school, "2004")
    assert not chat.say(question).startswith(ASK_SIGN)
    assert tray(school) == []


# ---- the same suggestion twice at the question is no answer ----------------------------------------------


@pytest.mark.parametrize("again, answer, named", [
    ("建议图书馆周末也开放 方便老师备课查资料", "实名 就写我名字", True),
    ("建议图书馆周末也开放，方便老师备课查资料。", "写我名字吧", True),
    (" 建议图书馆周末也开放 方便老师备课查资料 ", "匿名", False),
    ("图书馆周末也开放 方便老师备课查资料", "署名 写我名字", True),
])
def test_the_same_suggestion_sent_twice_is_asked_again_not_filed(school, again, answer, named):
    chat = as_member(school, "1027")
    assert chat.say("建议图书馆周末也开放 方便老师备课查资料").startswith(ASK_SIGN)
    reply = chat.say(again)
    assert "已收到您的" not in reply and ASK_SIGN in reply, reply
    assert tray(school) == []
    assert chat.say(answer).startswith("已收到您的建议")
    assert signed(school) == [named] and "图书馆" in tray(school)[0]["content"]


@pytest.mark.parametrize("late", ["实名 就写我名字", "署名 写我名字吧", "就写我名字吧"])
def test_a_late_ask_to_be_named_just_after_an_anonymous_receipt_signs_it(school, late):
    chat = as_member(school, "1027")
    chat.say("建议图书馆周末也开放 方便老师备课查资料")
    chat.say("我想想")  # unclear: anonymous
    assert signed(school) == [False]
    assert chat.say(late).startswith("已改为实名")
    assert signed(school) == [True]


# ---- binding: the last four put right, or said to be the 工号 ---------------------------------------------


@pytest.mark.parametrize("first, then", [
    ("绑定 8019 何秀英 手机后四位8091", "打错了 尾号是8019 不是8091"),
    ("绑定 8019 何秀英 手机后四位8091", "不是8091 是8019"),
    ("绑定 8019 何秀英 手机后四位8091", "8091打错了 应该是8019"),
    ("我是何秀英 工号8019 尾号8091", "刚才打错了，应该是8019，不是8091"),
])
def test_a_mistyped_last_four_put_right_binds(school, first, then):
    chat = new_teacher(school)
    assert "验证没有通过" in chat.say(first)
    assert chat.say(then).startswith("绑定成功！何秀英老师")
    assert bound(school) == "8019"


@pytest.mark.parametrize("said, staff_no", [
    (["绑定 8019 何秀英 手机后四位也是这四个数"], "8019"),
    (["绑定 8019 何秀英", "跟工号一样"], "8019"),
    (["我是何秀英 工号8019 手机尾号和工号相同"], "8019"),
    (["绑定 8036 杜建平", "手机后四位就是工号"], "8036"),
])
def test_a_last_four_said_to_be_the_staff_number_binds(school, said, staff_no):
    chat = new_teacher(school)
    for text in said:
        reply = chat.say(text)
    assert reply.startswith("绑定成功！"), reply
    assert bound(school) == staff_no


def test_the_same_as_the_staff_number_is_still_a_proof_checked(school):
    chat = new_teacher(school)
    school.store.db.execute("UPDATE members SET phone = '13912345678' WHERE staff_no = '8019'")
    assert "验证没有通过" in chat.say("绑定 8019 何秀英 手机后四位也是这四个数")
    assert bound(school) is None


# ---- who she is, said at "要署上您的名字吗？": she binds first, and is asked again ---------------------------


@pytest.mark.parametrize("intro, rest", [
    ("我叫何秀英", ["工号8019 手机尾号8019"]),
    ("我是行政后勤组的何秀英", ["8019", "尾号8019"]),
    ("本人何秀英，后勤的", ["工号8019 手机后四位8019"]),
    ("我叫何秀英 工号8019", ["8019"]),
])
def test_an_introduction_at_the_choice_to_sign_binds_and_the_question_stays(school, intro, rest):
    chat = new_teacher(school)
    assert chat.say("建议图书馆周末也开放 方便老师备课查资料").startswith(ASK_SIGN)
    reply = chat.say(intro)
    assert "已收到您的" not in reply and tray(school) == [], reply
    for text in rest:
        reply = chat.say(text)
    assert reply.startswith("绑定成功！何秀英老师") and ASK_SIGN in reply, reply
    assert chat.say("实名").startswith("已收到您的建议（实名）")
    assert signed(school) == [True] and bound(school) == "8019"


@pytest.mark.parametrize("identity", ["我叫唐宁 工号1027", "唐宁", "我是唐宁"])
def test_a_bound_teacher_giving_who_she_is_is_asked_once_more(school, identity):
    chat = as_member(school, "1027")  # 唐宁
    chat.say("建议图书馆周末也开放 方便老师备课查资料")
    reply = chat.say(identity)
    assert "已收到您的" not in reply and "实名" in reply and tray(school) == [], reply
    assert chat.say("嗯 实名").startswith("已收到您的建议（实名）")
    assert signed(school) == [True]


def test_who_she_is_said_twice_is_anonymous_as_promised(school):
    chat = as_member(school, "1027")
    chat.say("建议图书馆周末也开放 方便老师备课查资料")
    chat.say("唐宁")
    assert chat.say("唐宁").startswith("已收到您的建议（匿名）")
    assert signed(school) == [False]


# ---- a book title is no suggestion -------------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "yysy 读书会那本《给教师的建议》我想读好久了 还有位置不",
    "《给教师的建议》这本书读书会还有名额吗",
    "读书会读《给教师的建议》 还能报吗",
])
def test_a_question_about_the_reading_club_is_no_suggestion(school, question):
    chat = as_member(school, "1005")
    reply = chat.say(question)
    assert not reply.startswith(ASK_SIGN) and "读书会" in reply, reply
    assert tray(school) == []


def test_y14_a_question_about_the_reading_club_then_sign_up(school):
    chat = as_member(school, "1005")
    chat.say("yysy 读书会那本《给教师的建议》我想读好久了 还有位置不")
    chat.say("xswl 才20个名额 赶紧给我报上")
    chat.say("确认 nsdd")
    assert school.store.db.query(
        "SELECT s.status FROM signups s JOIN activities a ON a.id = s.activity_id JOIN members m ON m.id = s.member_id"
        " WHERE a.title = ? AND m.staff_no = '1005'", (READING,))[0]["status"] in ("confirmed", "waitlisted")
    assert tray(school) == []


def test_a_suggestion_naming_a_book_is_still_one(school):
    chat = as_member(school, "1005")
    assert chat.say("建议读书会下学期读《论语》").startswith(ASK_SIGN)


# ---- a bare "匿名" after a signed receipt ----------------------------------------------------------------


@pytest.mark.parametrize("bare", ["匿名", "匿名吧", "匿名的"])
def test_a_bare_anonymous_after_a_signed_receipt_offers_the_change(school, bare):
    chat = as_member(school, "1027")
    chat.say("建议教师节放半天假")
    ticket = chat.say("实名").split("编号 ")[1][:6]
    reply = chat.say(bare)
    assert "实名" in reply and ticket in reply and "匿名" in reply, reply
    assert signed(school) == [True]  # nothing changes without her yes (tests/test_attack10.py)
    assert chat.say("是").startswith(f"已改为匿名：编号 {ticket}")
    assert signed(school) == [False]


@pytest.mark.parametrize("then, named", [("不用了 就实名", True), ("否", True), ("食堂的饭菜太咸了 希望少放盐", None)])
def test_other_answers_to_the_offer(school, then, named):
    chat = as_member(school, "1027")
    chat.say("建议教师节放半天假")
    chat.say("实名")
    chat.say("匿名")
    reply = chat.say(then)
    if named is None:  # a new suggestion, anonymous as she said
        assert reply.startswith("已收到您的建议（匿名）"), reply
        assert sorted(signed(school)) == [False, True]
    else:
        assert "已改为" not in reply and signed(school) == [True], reply


def test_said_with_a_change_of_mind_it_changes_at_once(school):
    chat = as_member(school, "1027")
    chat.say("建议教师节放半天假")
    chat.say("实名")
    assert chat.say("算了 还是匿名吧").startswith("已改为匿名")
    assert signed(school) == [False]


def test_a_bare_anonymous_with_nothing_signed_today_asks_for_the_suggestion(school):
    chat = as_member(school, "1027")
    assert chat.say("匿名").startswith("请直接写下您的建议内容")
