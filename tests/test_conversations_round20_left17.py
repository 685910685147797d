"""Whole conversations, twentieth round (issue 19, what the sixteenth session's helpers found and left): a
hesitation at a sign-up keeps the question open, an exclamation is no consent, the yes/no readers of other
questions read as the shared one does, and the other left cases. Chat scripts at the demo school's frozen clock
(Tuesday 2026-09-01 09:00; 何雪 1017 a woman); the variants are our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round18_left15 import signups

TUG, READING, PINGPONG, BADMINTON, HIKE = "教职工拔河比赛", "教师读书会", "乒乓球友谊赛", "羽毛球联谊赛", "秋季登山活动"
SIGNED = "报名成功"
ASKS_TUG = f"确认报名「{TUG}」吗？"


def at_tug(school, staff_no: str = "1017"):
    chat = as_member(school, staff_no)
    assert chat.say("报名拔河").startswith(ASKS_TUG)
    return chat


# ---- a hesitation at a sign-up confirmation keeps the question open --------------------------------------------


@pytest.mark.parametrize("looking", ["我看看", "让我先看看哈", "我瞅瞅", "我先看一下"])
def test_a_look_first_at_a_sign_up_keeps_the_question_open(school, looking):
    chat = at_tug(school)
    reply = chat.say(looking)
    assert TUG in reply and "“是”" in reply and "没有报名任何活动" not in reply, chat.transcript
    assert signups(school, "1017") == []
    assert chat.say("是").startswith(SIGNED), chat.transcript


def test_a_look_first_then_a_no_declines(school):
    chat = at_tug(school)
    chat.say("我看看")
    assert chat.say("否").startswith("好的，已放弃报名"), chat.transcript
    assert signups(school, "1017") == []


# ---- "我去" is an exclamation, not consent -------------------------------------------------------------------------


@pytest.mark.parametrize("exclaimed", ["我去", "我去！！", "我去我去", "我去。。。"])
def test_an_exclamation_at_a_sign_up_is_no_yes(school, exclaimed):
    chat = at_tug(school)
    reply = chat.say(exclaimed)
    assert not reply.startswith(SIGNED) and TUG in reply, chat.transcript
    assert signups(school, "1017") == []
    assert chat.say("是").startswith(SIGNED), chat.transcript


@pytest.mark.parametrize("going", ["我去的", "我去吧", "去！", "我参加"])
def test_going_said_as_consent_still_signs(school, going):
    chat = at_tug(school)
    assert chat.say(going).startswith(SIGNED), chat.transcript


# ---- every question's short yes is the shared reader's (bot.answers.plain_yes) ------------------------------------

YESES = ["好滴", "冲", "行吧", "可以的", "没问题", "OK", "嗯嗯"]
NOT_YESES = ["不了", "算了", "是吗", "好几个"]


@pytest.mark.parametrize("yes", YESES)
def test_a_sign_up_takes_every_short_yes(school, yes):
    chat = at_tug(school)
    assert chat.say(yes).startswith(SIGNED), chat.transcript


@pytest.mark.parametrize("yes", YESES)
def test_a_short_yes_then_a_request_at_a_sign_up_does_both(school, yes):
    chat = at_tug(school)
    reply = chat.say(f"{yes}，以后别给我发生日祝福了")
    assert reply.startswith(SIGNED), chat.transcript
    assert school.store.members.by_staff_no("1017").push_opt_out, chat.transcript


@pytest.mark.parametrize("yes", YESES)
def test_a_short_yes_right_after_a_withdrawal_is_told_it_is_done(school, yes):
    chat = at_tug(school)
    chat.say("是")
    assert chat.say("取消报名拔河").startswith(f"已为您取消「{TUG}」")
    assert chat.say(yes).startswith(f"「{TUG}」的报名已经为您取消了"), chat.transcript


@pytest.mark.parametrize("said", ["是吗", "好几个"])
def test_what_only_begins_like_a_yes_after_a_withdrawal_is_not_told_it_is_done(school, said):
    chat = at_tug(school)
    chat.say("是")
    chat.say("取消报名拔河")
    assert "已经为您取消了" not in chat.say(said), chat.transcript


def _offered_anonymous(school):
    chat = as_member(school, "1017")
    chat.say("我有个建议：食堂的菜太咸了")
    assert chat.say("实名").startswith("已收到您的建议（实名）")
    assert "要改为匿名吗？" in chat.say("匿名")
    return chat


@pytest.mark.parametrize("yes", YESES)
def test_the_offer_to_make_it_anonymous_takes_every_short_yes(school, yes):
    chat = _offered_anonymous(school)
    assert chat.say(yes).startswith("已改为匿名"), chat.transcript


@pytest.mark.parametrize("no", ["不了", "算了", "不要"])
def test_the_offer_to_make_it_anonymous_refuses_what_the_others_refuse(school, no):
    chat = _offered_anonymous(school)
    from tests.test_conversations_round17_anon import stored

    assert not chat.say(no).startswith("已改为匿名"), chat.transcript
    assert stored(school) == [("食堂的菜太咸了", school.store.members.by_staff_no("1017").id)]


@pytest.mark.parametrize("yes", YESES)
def test_which_one_takes_every_short_yes(school, yes):
    from tests.test_attack18 import ASKS_CONTENT, ASKS_SIGN, asked_which

    chat = as_member(school, "1005")
    asked_which(school, chat, "想提个意见 关于食堂", ["suggestion_status", "suggestion"])
    reply = chat.say(yes)
    assert ASKS_SIGN in reply or ASKS_CONTENT in reply, chat.transcript


@pytest.mark.parametrize("said", NOT_YESES)
def test_which_one_refuses_what_the_others_refuse(school, said):
    from tests.test_attack18 import ASKS_CONTENT, asked_which

    chat = as_member(school, "1005")
    asked_which(school, chat, "想提个意见 关于食堂", ["suggestion_status", "suggestion"])
    assert ASKS_CONTENT not in chat.say(said), chat.transcript


@pytest.mark.parametrize("said", NOT_YESES)
def test_a_sign_up_refuses_what_the_others_refuse(school, said):
    chat = at_tug(school)
    assert not chat.say(said).startswith(SIGNED), chat.transcript
    assert signups(school, "1017") == []


def test_the_readers_agree_word_for_word():
    from bot.answers import plain_yes, read

    for word in YESES:
        assert plain_yes(word) and read(word).kind == "yes", word
    for word in ["不了", "算了", "不要", "先不"]:
        assert not plain_yes(word) and read(word).kind == "no", word
    for word in ["是吗", "好几个", "行政楼", "可以在食堂多开个窗口吗"]:
        assert not plain_yes(word), word


# ---- a polite close with nothing open ---------------------------------------------------------------------------

CLOSED = "您先忙。有需要随时找我"


@pytest.mark.parametrize("close", ["谢谢，那我重新想想", "先不说了", "好的 就先这样吧", "谢谢 那我回头再说"])
def test_a_polite_close_after_greetings_are_turned_off_is_answered_as_one(school, close):
    chat = as_member(school, "1017")
    chat.say("不要给我发节日祝福了")
    reply = chat.say(close)
    assert CLOSED in reply and "可以报名的有" not in reply, chat.transcript


@pytest.mark.parametrize("close", ["先不说了", "那我重新想想", "先这样"])
def test_a_polite_close_alone_is_answered_as_one(school, close):
    chat = as_member(school, "1017")
    assert CLOSED in chat.say(close), chat.transcript


@pytest.mark.parametrize("close", ["先不说了", "算了不说了"])
def test_a_close_at_a_sign_up_is_its_no(school, close):
    chat = at_tug(school)
    assert chat.say(close).startswith("好的，已放弃报名"), chat.transcript
    assert signups(school, "1017") == []


# ---- typed for a colleague named by a title alone ---------------------------------------------------------------


@pytest.mark.parametrize("said, who", [("替王老师发的", "王老师"), ("我是帮李主任发的", "李主任"), ("代刘老师发一下", "刘老师")])
def test_typed_for_a_colleague_by_title_asks_what_to_pass_on(school, said, who):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert reply.startswith(f"好的，您想替{who}转达什么？"), chat.transcript


# ---- a sign-up of a kind: the ball games offered ----------------------------------------------------------------


@pytest.mark.parametrize("said", ["报名球类比赛", "想参加个球赛", "有没有打球的活动 帮我报一个"])
def test_a_sign_up_of_a_kind_offers_those_of_the_kind(school, said):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert PINGPONG in reply and BADMINTON in reply and TUG not in reply and "没有找到" not in reply, chat.transcript
    assert chat.say("2").startswith(f"确认报名「{PINGPONG}」"), chat.transcript


# ---- "还是报吧" after several were put off: those, confirmed together -------------------------------------------


@pytest.mark.parametrize("put_off", ["那先不报了 我再想想", "两个都先不报"])
@pytest.mark.parametrize("again", ["还是报吧", "想了想还是去吧", "那还是给我报上"])
def test_a_change_of_mind_after_two_were_put_off_confirms_those_two(school, put_off, again):
    chat = as_member(school, "1017")
    chat.say("乒乓球跟登山都还有名额吗")
    assert chat.say(put_off).startswith("好的，这 2 个活动都先不报。")
    reply = chat.say(again)
    assert reply.startswith("确认报名以下 2 个活动吗？") and PINGPONG in reply and HIKE in reply, chat.transcript
    assert signups(school, "1017") == []
    chat.say("是")
    assert len(signups(school, "1017")) == 2, chat.transcript


def test_a_change_of_mind_naming_one_of_them_is_that_one(school):
    chat = as_member(school, "1017")
    chat.say("乒乓球跟登山都还有名额吗")
    chat.say("两个都先不报")
    assert chat.say("还是报吧 登山那个").startswith(f"确认报名「{HIKE}」"), chat.transcript


# ---- care: her own retirement from a day, a day "左右", a joke, a birth in her family -----------------------------


def _care(school) -> list[dict]:
    from tests.test_whole_messages import care_rows

    return care_rows(school)


@pytest.mark.parametrize("said, day", [("11月1号开始我就退休了，说一声", "2026-11-01"),
                                       ("10月1日起我正式退休 跟工会讲一声", "2026-10-01"),
                                       ("11月1号开始我就退休了哈", "2026-11-01")])
def test_her_retirement_from_a_day_is_hers_with_that_day(school, said, day):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert "哪位老师" not in reply and "退休" in reply, chat.transcript
    rows = _care(school)
    assert len(rows) == 1 and rows[0]["subject"] == "何雪（本人）" and rows[0]["event_kind"] == "退休", rows
    assert day in rows[0]["when_text"], rows


@pytest.mark.parametrize("said", ["九月二十左右结婚", "9月二十左右结婚", "我九月二十左右结婚"])
def test_a_day_about_so_is_the_calendar_day(school, said):
    from bot.clock import FrozenClock
    from handlers.care.dates import find_date

    assert find_date(said, FrozenClock("2026-09-01 09:00").now(), "结婚")[1] == "2026-09-20"
    chat = as_member(school, "1017")
    if "哪位老师" in chat.say(said):
        chat.say("我")
    rows = _care(school)
    assert len(rows) == 1 and rows[0]["event_kind"] == "结婚", (rows, chat.transcript)


@pytest.mark.parametrize("joke", ["今天早上上体重秤，它说我该住院了😂", "手环说我睡眠不足该住院了哈哈",
                                  "体重秤说我该住院了🤣 减肥去了"])
def test_a_joke_about_a_hospital_files_nothing(school, joke):
    chat = as_member(school, "1017")
    reply = chat.say(joke)
    assert "已转告工会委员" not in reply and "什么时候" not in reply, chat.transcript
    assert _care(school) == []


@pytest.mark.parametrize("said", ["我哥家里多了个小家伙", "我妹家里多了个小宝贝", "我姐家添了个大胖小子"])
def test_a_birth_in_her_family_is_hers_to_tell(school, said):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert "哪位老师" not in reply, chat.transcript
    chat.say("上周五")
    rows = _care(school)
    assert len(rows) == 1 and rows[0]["subject"] == "何雪（本人）" and rows[0]["event_kind"] == "生育", rows


# ---- one sign-up with "顺便也报" inside it; news of being away ----------------------------------------------------


@pytest.mark.parametrize("said, title", [("读书会要是有空位的话顺便也报一个", READING),
                                         ("拔河要是还有名额的话顺便也帮我报一个", TUG),
                                         ("读书会有位置的话顺便也报上", READING)])
def test_a_by_the_way_sign_up_in_one_clause_is_one_sign_up(school, said, title):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert reply.startswith(f"确认报名「{title}」吗？") and "为您找到" not in reply, chat.transcript


def test_a_by_the_way_question_still_splits():
    from bot.normalize import split_requests

    assert split_requests("报名拔河，顺便问下几点集合") == ["报名拔河", "几点集合"]


@pytest.mark.parametrize("said", ["我在省城参加骨干教师培训，8号晚上回学校", "我这几天在省里参加培训，周五晚上回学校",
                                  "人在外地参加进修学习，下周一回校"])
def test_news_of_being_away_is_answered_and_signs_nothing(school, said):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert reply.startswith("收到，何雪老师，您在外辛苦了") and "可以报名的有" not in reply, chat.transcript
    assert signups(school, "1017") == []


# ---- a yes with a change or a question in it, and nothing open: said plainly --------------------------------------


@pytest.mark.parametrize("said", ["可以改到周六吗", "批：可，撤", "可以换到周日吗"])
def test_a_change_asked_with_nothing_open_is_told_nothing_is_open(school, said):
    chat = as_member(school, "1017")
    reply = chat.say(said)
    # "批：可，撤" may be read as a withdrawal: with none to withdraw, saying so plainly is as right (retire26)
    assert reply.startswith(("现在没有等您回复的事项", "您目前没有进行中的报名")) and not reply.startswith("好的"), \
        chat.transcript
    assert signups(school, "1017") == []


def test_a_plain_yes_with_nothing_open_is_still_noted(school):
    chat = as_member(school, "1017")
    assert chat.say("对 就这周六").startswith("好的。现在没有等您确认的事项"), chat.transcript


@pytest.mark.parametrize("said", ["报篮球赛", "报名足球赛"])
def test_a_sport_we_do_not_hold_is_still_not_found(school, said):
    chat = as_member(school, "1017")
    assert chat.say(said).startswith("没有找到名为"), chat.transcript
    assert chat.say("那就拔河吧").startswith(f"确认报名「{TUG}」"), chat.transcript
