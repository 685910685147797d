"""Tuning sets 37 and 38's suggestion and care misses (issue 19): suggestions, consent and care as teachers write them.
Chat scripts at the demo school's frozen clock (and one through /wechat), each verbatim case and others in other words,
with the non-cases beside them: a 豆瓣 review's 建议 is a suggestion (its canteen 菜单 no menu of the bot), 签到 inside a
complaint is no check-in, 署我的名字 followed by her name files it signed at once, a refusal of something else is no
refusal of her name, 卡了 is no 卡拉OK, a complaint asked "can this be a suggestion?" is filed from her earlier turn, and
a hardship whose cause is an illness is a hardship. The stored suggestion is checked (its words, and whether signed)."""

from __future__ import annotations

import re

import pytest

from bot import demo
from storage.suggestions import TICKET_ALPHABET
from tests.conftest import as_member
from tests.test_anonymity import SENDER, assert_no_path, scratch_rows
from tests.test_whole_messages import care_rows

TICKET = re.compile(rf"编号 ([{TICKET_ALPHABET}]{{6}})")
ASK_SIGN = "要署上您的名字吗？"
SIGNED = "已收到您的建议（实名）"
ANONYMOUS = "已收到您的建议（匿名）"
KARAOKE = "卡拉OK歌唱比赛"


def _row(school, reply: str) -> dict:
    return school.store.suggestions.in_tray(TICKET.search(reply).group(1))


def _asked_then_anonymous(school, staff_no: str, message: str, answer: str, words: str) -> None:
    """The message taken as a suggestion (how to sign it asked), then filed anonymously as she answered."""
    chat = as_member(school, staff_no)
    assert chat.say(message).startswith(ASK_SIGN), chat.transcript
    reply = chat.say(answer)
    assert reply.startswith(ANONYMOUS), (answer, reply)
    row = _row(school, reply)
    assert words in row["content"] and row["member_id"] is None, row


def _member_id(school, staff_no: str) -> int:
    return school.store.members.by_staff_no(staff_no).id


# zo41: a 豆瓣 review whose 建议 asks for a weekly menu (the canteen's 菜单) was answered with the help menu
REVIEW = ("★★☆☆☆ 教工食堂｜菜量尚可，口味十年如一日地稳定：炒青菜永远是咸的，红烧肉永远是肥的。"
          "建议增加清淡菜品，再每周公示一次菜单。")


@pytest.mark.parametrize("review, answer, words", [
    (REVIEW, "这条短评不想挂名，匿名发布吧。", "清淡菜品"),
    ("★★★☆☆ 一食堂｜饭菜还行就是太油。建议食堂定期公示菜单和菜价。", "匿名", "菜价"),
    ("食堂菜单一个月不换，天天土豆白菜，建议每月公示一次菜单，多点花样", "匿名吧", "花样"),
    ("打分：两星。伙食太咸，建议出个清淡窗口，菜单每周公示", "不想挂名", "清淡窗口"),
])
def test_a_review_with_a_suggestion_about_the_canteen_menu_is_a_suggestion(school, review, answer, words):
    _asked_then_anonymous(school, "1016", review, answer, words)


@pytest.mark.parametrize("ask", ["菜单", "帮助", "菜单在哪里", "给我看看功能菜单"])
def test_the_bots_menu_is_still_the_menu(school, ask):
    assert "工会小助手可以帮您" in as_member(school, "1016").say(ask)


@pytest.mark.parametrize("ask", ["看看公示", "公示", "建议答复公示"])
def test_the_published_notices_are_still_asked_for(school, ask):
    reply = as_member(school, "1016").say(ask)
    assert ASK_SIGN not in reply and "工会小助手可以帮您" not in reply, reply


# zo45: a 剧本杀 clue card complaining of 点名签到 at weekend training, with a 建议, was answered as a check-in
CLUE = ("线索卡 No.3\n地点：学校会议室\n时间：每个周六上午\n线索内容：所谓“自愿参加”的业务培训，点名签到，不去扣分。\n"
        "玩家推理：这算不算变相加班？建议周末培训改到工作日，或者真的自愿。")


@pytest.mark.parametrize("complaint, answer, words", [
    (CLUE, "玩家身份必须隐藏——匿名，别暴露我。", "培训"),
    ("每次周末开会都要点名签到，迟到还扣钱，建议周末的会改到工作日开", "匿名", "周末的会"),
    ("教研活动天天签到打卡，建议取消纸质签到，改成线上", "匿名，别让人知道是我", "线上"),
])
def test_signing_in_told_inside_a_suggestion_is_no_check_in(school, complaint, answer, words):
    _asked_then_anonymous(school, "1025", complaint, answer, words)


@pytest.mark.parametrize("at_it", ["签到", "我到了，签到", "签个到"])
def test_signing_in_at_an_activity_still_checks_in(school, at_it):
    reply = as_member(school, "1025").say(at_it)
    assert "签到" in reply and ASK_SIGN not in reply, reply


# zl46: "署我的名字，赵淑芬，退休组。" after the suggestion: the consent given, the name and group only sign it
@pytest.mark.parametrize("staff_no, message, words", [
    ("2007", "写下一条建议：退休教师体检增加骨密度检查。署我的名字，赵淑芬，退休组。", "骨密度"),
    ("2007", "建议退休教师体检加一项眼底检查，写我名字，退休组赵淑芬", "眼底"),
    ("1007", "建议给教师办公室配几把人体工学椅，署名，赵敏，数学组。", "人体工学椅"),
    ("1007", "建议午休时间延长半小时。实名，数学组的，赵敏", "午休"),
])
def test_a_name_given_with_the_suggestion_files_it_signed_at_once(school, staff_no, message, words):
    reply = as_member(school, staff_no).say(message)
    assert reply.startswith(SIGNED), (message, reply)
    row = _row(school, reply)
    assert words in row["content"] and row["member_id"] == _member_id(school, staff_no), row
    name = school.store.members.by_staff_no(staff_no).name
    assert name not in row["content"] and "组" not in row["content"].split(words)[-1], row


@pytest.mark.parametrize("message", [
    "建议退休教师体检加一项骨密度检查，不用署名，赵淑芬，退休组",
    "建议退休教师体检加一项骨密度检查。匿名，退休组",
])
def test_a_refused_name_with_her_signature_after_it_stays_anonymous(school, message):
    chat = as_member(school, "2007")
    reply = chat.say(message)
    if reply.startswith(ASK_SIGN):
        reply = chat.say("匿名")
    assert reply.startswith(ANONYMOUS), (message, reply)
    row = _row(school, reply)
    assert "骨密度" in row["content"] and row["member_id"] is None and "赵淑芬" not in row["content"], row


def test_someone_elses_name_after_the_choice_is_asked_not_signed(school):
    chat = as_member(school, "2007")
    assert chat.say("建议退休教师体检加一项骨密度检查，署名，张伟").startswith(ASK_SIGN), chat.transcript


# zl48: "实名吧，数学组赵敏，星座就不用写了。" was filed anonymous: the refusal was of the horoscope, not of her name
HOROSCOPE = "本月星座建议：天秤座的老师们，午间需要充足休息。可惜咱们学校没有教师休息室，中午只能趴在办公桌上。"


@pytest.mark.parametrize("answer", [
    "实名吧，数学组赵敏，星座就不用写了。",
    "实名，星座那段就别提了",
    "署名吧，开头的客套话就免了",
    "写我名字，年级也不用写",
])
def test_a_refusal_of_something_else_is_no_refusal_of_her_name(school, answer):
    chat = as_member(school, "1007")
    assert chat.say(HOROSCOPE).startswith(ASK_SIGN), chat.transcript
    assert "已补充到您的建议里" in chat.say("所以我想提个建议：把综合楼一楼那间空教室改成教师休息室，放几张躺椅。")
    reply = chat.say(answer)
    assert reply.startswith(SIGNED), (answer, reply)
    row = _row(school, reply)
    # the first turn taken in full, and the second added to it
    assert "天秤座" in row["content"] and "躺椅" in row["content"] and row["member_id"] == _member_id(school, "1007"), row


@pytest.mark.parametrize("answer", ["实名吧，名字就不用写了", "不用署名", "实名就不用了", "实名吧，落款就免了"])
def test_a_refusal_of_her_name_is_still_anonymous(school, answer):
    chat = as_member(school, "1007")
    assert chat.say("建议把综合楼一楼那间空教室改成教师休息室").startswith(ASK_SIGN)
    reply = chat.say(answer)
    assert reply.startswith(ANONYMOUS), (answer, reply)
    assert _row(school, reply)["member_id"] is None


# zl49: "打印机卡纸卡了" found the 卡拉OK (卡了 heard as 卡拉); then "这个能作为建议提给学校吗？" was asked which
PRINTER = "办公室那台打印机卡纸卡了一学期了，你说是不是该换了？"


@pytest.mark.parametrize("stuck", [PRINTER, "电脑又卡了", "网页卡了半天打不开", "复印机卡了好几次"])
def test_stuck_is_no_karaoke(school, stuck):
    assert KARAOKE not in as_member(school, "1006").say(stuck)


@pytest.mark.parametrize("ask", ["卡拉OK什么时候", "K歌比赛几点开始", "卡啦OK在哪里", "卡拉ok比赛还有名额吗"])
def test_karaoke_questions_still_find_the_karaoke(school, ask):
    assert KARAOKE in as_member(school, "1006").say(ask)


@pytest.mark.parametrize("complaint, can_it, answer, words, signed", [
    (PRINTER, "这个能作为建议提给学校吗？", "署名的话领导就知道是谁提的了吧？那还用问吗，匿名。", "打印机", False),
    ("三楼的饮水机脏了一个月了，是不是该洗洗了？", "能帮我反映给学校吗", "匿名", "饮水机", False),
    ("空调坏了半个月了，你说是不是该修了？", "这个算不算意见？能提吗", "实名", "空调", True),
])
def test_a_complaint_asked_whether_it_can_be_a_suggestion_is_filed_from_her_earlier_turn(
        school, complaint, can_it, answer, words, signed):
    chat = as_member(school, "1006")
    assert "转达给学校" in chat.say(complaint), chat.transcript
    assert chat.say(can_it).startswith("可以，工会帮您把它作为建议转达给学校。" + ASK_SIGN), chat.transcript
    reply = chat.say(answer)
    assert reply.startswith(SIGNED if signed else ANONYMOUS) or (SIGNED if signed else ANONYMOUS) in reply, reply
    row = _row(school, reply)
    assert words in row["content"] and row["member_id"] == (_member_id(school, "1006") if signed else None), row
    assert school.store.conversations.get("test", "u-1006") is None  # her words gone from her conversation


@pytest.mark.parametrize("question", ["打印机坏了吗？", "打印机坏了，是不是要我自己换？", "打印机卡纸了找谁修"])
def test_a_question_about_a_facility_is_no_complaint(school, question):
    assert "转达给学校" not in as_member(school, "1006").say(question)


def test_the_complaint_filed_from_her_earlier_turn_leaves_no_path_to_her_through_wechat(plain_wechat):
    """Through /wechat: the earlier turn's words wait only in the suggestion's sealed conversation; once filed
    anonymously, nothing of them is left beside her, and no row joins them to her."""
    wx = plain_wechat
    bot = wx.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    lina = bot.store.members.by_staff_no("1003")
    bot.store.bindings.bind("wechat", SENDER, lina.id)
    assert "转达给学校" in wx.say(SENDER, PRINTER)
    assert ASK_SIGN in wx.say(SENDER, "这个能作为建议提给学校吗？")
    reply = wx.say(SENDER, "署名的话领导就知道是谁提的了吧？那还用问吗，匿名。")
    assert ANONYMOUS in reply
    ticket = TICKET.search(reply).group(1)
    assert bot.store.conversations.count() == 0
    assert not [r for t, r in scratch_rows(bot.store) if t != "tray" and "打印机" in str(r)]
    wx.clock.advance(days=1)
    bot.housekeeping()
    row = bot.store.db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket,))
    assert row["member_id"] is None and "打印机" in row["content"]
    assert_no_path(bot.store.db, [ticket, "打印机卡纸"], lina.id)


# zo39 (倒装句): her husband's illness told with its cost, then 补助 asked: a hardship, not an illness
@pytest.mark.parametrize("turns", [
    ["困难，家里最近，挺大的。", "爱人，住院半年了，尿毒症。透析，每周三次，钱花得厉害。", "我自己，是，朱军，后勤的。申请补助，能不能？"],
    ["我爱人住院做了手术，花了十几万，想申请补助"],
    ["我婆婆化疗半年了，医药费一个月好几千"],
    ["我老公尿毒症住院了，借了不少钱"],
])
def test_an_illness_that_costs_the_family_is_a_hardship(school, turns):
    chat = as_member(school, "1014")
    for turn in turns:
        chat.say(turn)
    kinds = {r["event_kind"] for r in care_rows(school)}
    assert "困难" in kinds and "生病住院" not in kinds, (care_rows(school), chat.transcript)


@pytest.mark.parametrize("news", ["我爱人住院半年了，尿毒症，每周透析三次", "王老师住院了，花了好几天才出院"])
def test_an_illness_without_money_trouble_is_still_an_illness(school, news):
    chat = as_member(school, "1014")
    if chat.say(news).startswith("大概是什么时候？"):
        chat.say("上周")
    assert [r["event_kind"] for r in care_rows(school)] == ["生病住院"], (care_rows(school), chat.transcript)
