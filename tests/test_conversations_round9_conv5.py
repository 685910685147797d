"""Whole conversations, ninth round (issue 19), sign-ups, consent and binding: two activities joined in
chat English ("拔河 and 乒乓球"), yes and no as chat English says them ("np thx", "nah"), the @mention and
the closing thanks around every answer, a question about who will know before a suggestion, the choice
said in the clause before it ("用我名字提 …"), a change of mind after "等一下", digits typed as keycap
emoji. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our own,
not the held-out sets'."""

from __future__ import annotations

import re

import pytest

from bot.normalize import bare_answer, canonical
from tests.conftest import Chat, as_member
from tests.test_whole_messages import status


def tray(school) -> list[dict]:
    return school.store.scratch.query("SELECT content, member_id FROM tray") + school.store.db.query(
        "SELECT content, member_id FROM suggestions")


# ---- two activities joined by and / 和 / 跟 / 还有 / & -------------------------------------------------


@pytest.mark.parametrize("text", ["hi pls sign me up for 拔河 and 乒乓球 thx", "count me in for 乒乓球友谊赛 and 拔河 pls",
                                  "帮我报拔河还有乒乓球友谊赛", "报名 拔河 & 乒乓球友谊赛", "拔河跟乒乓球友谊赛都帮我报上"])
def test_two_activities_joined_get_one_confirmation_for_both(school, text):
    chat = as_member(school, "1004")
    assert chat.say(text).startswith("确认报名以下 2 个活动吗？")
    chat.say("yes")
    assert status(school, "1004", "教职工拔河比赛") == status(school, "1004", "乒乓球友谊赛") == "confirmed"


@pytest.mark.parametrize("answer", ["yes 两个都确认", "两个都确认", "都报 确认", "ok 两个都要 确定"])
def test_a_yes_to_both_on_the_which_one_list_signs_up_both(school, answer):
    chat = as_member(school, "1004")
    assert chat.say("报名拔河或者登山").startswith("找到几个相关的活动")
    assert chat.say(answer).count("报名成功！") == 2
    assert status(school, "1004", "教职工拔河比赛") == status(school, "1004", "秋季登山活动") == "confirmed"


def test_both_on_the_list_without_a_yes_is_still_asked(school):
    chat = as_member(school, "1004")
    chat.say("报名拔河或者登山")
    assert chat.say("两个都要").startswith("确认报名以下 2 个活动吗？")
    assert status(school, "1004", "教职工拔河比赛") is None


# ---- yes and no in chat English ------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["np thx", "sure", "ok la", "yep", "go ahead", "👍", "no problem!", "sure thing 谢谢"])
def test_chat_english_assent_confirms(school, answer):
    chat = as_member(school, "1004")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    assert chat.say(answer).startswith("报名成功！")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"


@pytest.mark.parametrize("answer", ["nah", "nope", "never mind", "nah thx", "nvm 下次吧"])
def test_chat_english_refusal_declines(school, answer):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    assert re.search("已放弃|已取消", chat.say(answer))
    assert status(school, "1004", "教职工拔河比赛") is None


@pytest.mark.parametrize("answer", ["nice", "noted", "nice one"])
def test_latin_words_starting_with_n_are_no_refusal(school, answer):
    chat = as_member(school, "1004")
    chat.say("报名拔河")
    assert "已放弃" not in chat.say(answer)


def test_thanks_after_signing_up_is_no_refusal(school):
    chat = as_member(school, "1004")
    chat.say("hi pls sign me up for 拔河 and 乒乓球 thx")
    chat.say("yes 两个都确认")
    assert "放弃" not in chat.say("np thx")
    assert status(school, "1004", "乒乓球友谊赛") == "confirmed"


# ---- the @mention and the thanks around every answer ---------------------------------------------


@pytest.mark.parametrize("answer", ["@工会小助手 是的 确认 谢谢🙏", "@工会小助手 好的 thx", "@小助手 确认报名 多谢！",
                                    "@工会小助手，嗯嗯 谢谢啦"])
def test_a_mention_and_thanks_around_a_yes_confirms(school, answer):
    chat = as_member(school, "1003")
    assert chat.say("@工会小助手 麻烦帮我报个插花 谢谢🙏").startswith("确认报名「女教职工插花沙龙」")
    assert chat.say(answer).startswith("报名成功！")


def test_a_mention_and_thanks_around_a_number_picks_it(school):
    chat = as_member(school, "1004")
    assert chat.say("报名拔河或者登山").startswith("找到几个相关的活动")
    assert chat.say("@工会小助手 2 谢谢🙏").startswith("确认报名「秋季登山活动」")


@pytest.mark.parametrize("answer, signed", [("@工会小助手 匿名 谢谢🙏", False), ("@工会小助手 实名 谢谢", True),
                                            ("@工会小助手 写我名字吧 thx", True)])
def test_a_mention_and_thanks_around_the_choice_to_sign(school, answer, signed):
    chat = as_member(school, "1003")
    assert chat.say("@工会小助手 建议教工食堂晚饭少放点盐 谢谢").startswith("要署上您的名字吗")
    assert chat.say(answer).startswith("已收到")
    assert [bool(r["member_id"]) for r in tray(school) if "少放点盐" in r["content"]] == [signed]


def test_a_mention_and_thanks_around_a_binding_answer(school):
    chat = Chat(school, "u-new")
    chat.say("绑定 1003")
    assert "绑定成功" in chat.say("@工会小助手 李娜 手机尾号1003 谢谢🙏")
    assert school.store.bindings.member_for("test", "u-new").staff_no == "1003"


def test_bare_answer_keeps_what_is_only_thanks_and_what_is_no_mention():
    assert bare_answer("@工会小助手 是的 确认 谢谢🙏") == "是的 确认"
    assert bare_answer("谢谢") == "谢谢"
    assert bare_answer("邮箱 a@qq.com 谢谢") == "邮箱 a@qq.com"


# ---- a question about who will know, then the suggestion with its choice -------------------------


@pytest.mark.parametrize("question", ["提意见的话 会不会让领导知道是我啊", "匿名提建议 校长能查到是谁发的吗",
                                      "我想反映个问题 匿名的话真的查不出来是我吗？", "提意見的話領導會知道是我嗎",
                                      "投诉会不会被领导知道啊"])
def test_a_question_about_who_will_know_is_answered_not_filed(school, question):
    chat = as_member(school, "1006")
    reply = chat.say(question)
    assert "查不到是谁提的" in reply and "实名" in reply
    assert tray(school) == []


@pytest.mark.parametrize("then, signed", [
    ("算了没什么好怕的 用我名字提 办公室空调坏了一个月了没人修", True),
    ("那就署我名吧，办公室空调坏了一个月了", True),
    ("写我名字 办公室空调坏了没人修", True),
    ("想了想 还是匿名：办公室空调坏了一个月了", False),
    ("行 匿名 办公室空调坏了一个月了没人修", False),
])
def test_the_suggestion_after_the_answer_takes_the_choice_said_before_it(school, then, signed):
    chat = as_member(school, "1006")
    chat.say("提意见的话 会不会让领导知道是我啊")
    assert chat.say(then).startswith("已收到")
    rows = [r for r in tray(school) if "空调" in r["content"]]
    assert [bool(r["member_id"]) for r in rows] == [signed]
    assert not rows[0]["content"].startswith(("算了", "写我", "那就", "想了想", "行"))


def test_a_question_at_the_choice_to_sign_is_answered_and_sent_anonymously(school):
    chat = as_member(school, "1006")
    chat.say("建议教工停车场晚上装几盏路灯")
    reply = chat.say("匿名的话领导真的查不到是我吗")
    assert "查不到是谁提的" in reply and "已收到您的建议（匿名）" in reply
    assert [bool(r["member_id"]) for r in tray(school) if "路灯" in r["content"]] == [False]
    assert chat.say("那还是实名吧").startswith("已改为实名")
    assert [bool(r["member_id"]) for r in tray(school) if "路灯" in r["content"]] == [True]


def test_a_name_in_the_suggestion_itself_is_no_consent(school):
    chat = as_member(school, "1006")
    chat.say("提意见的话 会不会让领导知道是我啊")
    assert chat.say("签到表上要写名字太麻烦了 建议改成刷卡").startswith("要署上您的名字吗")


# ---- a change of mind after "等一下" ----------------------------------------------------------------


@pytest.mark.parametrize("then", ["等一下 還是實名好了", "等等 还是实名吧", "稍等 还是写我名字吧", "哎 还是署名好了",
                                  "等下 改主意了 还是实名"])
def test_a_change_of_mind_after_a_wait_changes_the_suggestion_just_sent(school, then):
    chat = as_member(school, "1003")
    chat.say("我想提個建議 希望學校增加教師心理健康講座")
    chat.say("匿名")
    assert chat.say(then).startswith("已改为实名")
    assert [bool(r["member_id"]) for r in tray(school)] == [True]


def test_a_wait_with_nothing_sent_changes_nothing(school):
    as_member(school, "1003").say("建议食堂增加早餐窗口，匿名")
    assert not as_member(school, "1004").say("等一下 还是实名好了").startswith("已改为")
    assert [bool(r["member_id"]) for r in tray(school)] == [False]


# ---- digits typed as keycap emoji ------------------------------------------------------------------


@pytest.mark.parametrize("typed, plain", [("工号8️⃣0️⃣1️⃣9️⃣", "工号8019"), ("手机尾号8⃣0⃣1⃣9⃣", "手机尾号8019"),
                                          ("🔟号", "10号"), ("#️⃣1", "#1")])
def test_keycap_digits_read_as_digits(typed, plain):
    assert canonical(typed) == plain


@pytest.mark.parametrize("first, second", [
    ("绑定工会 工号1️⃣0️⃣0️⃣3️⃣", "姓名李娜 手机尾号1️⃣0️⃣0️⃣3️⃣"),
    ("绑定 1️⃣0️⃣0️⃣3️⃣", "李娜 尾号1⃣0⃣0⃣3⃣"),
    ("我要绑定身份 工号是1️⃣0️⃣0️⃣3️⃣", "李娜，手机后四位1️⃣0️⃣0️⃣3️⃣"),
    ("绑定工会", "1️⃣0️⃣0️⃣3️⃣ 李娜 手机尾号1️⃣0️⃣0️⃣3️⃣"),
])
def test_binding_with_keycap_digits(school, first, second):
    chat = Chat(school, "u-new")
    chat.say(first)
    replies = [chat.say(second)]
    if "绑定成功" not in replies[-1]:
        replies.append(chat.say("1003"))
    assert "绑定成功" in replies[-1]
    assert school.store.bindings.member_for("test", "u-new").staff_no == "1003"


def test_keycap_digits_sign_up_by_number(school):
    chat = as_member(school, "1004")
    chat.say("报名拔河或者登山")
    assert chat.say("2️⃣").startswith("确认报名「秋季登山活动」")
