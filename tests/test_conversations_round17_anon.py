"""Whole conversations, seventeenth round (issue 19 and the promise "匿名就是匿名"): a hesitant opener that only
announces a suggestion is no suggestion (its words, a name given with it, never stored); the content sent next is;
whether to sign is asked and honoured; nothing else she sends (a binding, a sign-up) becomes suggestion text.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 读书会 Sun 9-6, 拔河 Thu 9-10, 乒乓球
Sun 9-13); the wording of the variants is our own."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.conversations import Conversation
from tests.conftest import as_member
from tests.helpers import release
from tests.test_conversations_round10_conv10 import new_teacher
from tests.test_whole_messages import care_rows, status

ASKS_CONTENT = "请直接写下您的"
ASKS_SIGN = "要署上您的名字吗？"
TUG = "教职工拔河比赛"


def stored(school) -> list[tuple[str, int | None]]:
    """(text, member id) of every suggestion, once the day's tray is released."""
    release(school.store)
    return [(r["content"], r["member_id"]) for r in school.store.db.query("SELECT content, member_id FROM suggestions")]


# ---- 1. the opener announces; the content comes next ----------------------------------------------------------


OPENERS = ["阿拉想提个意见伐", "我想反映个事情", "有个建议不知当讲不当讲", "I have a suggestion", "俺想给工会提个意见中不",
           "侬好，阿拉有个意见想反映一下", "想提个意见，可以伐", "I'd like to make a suggestion"]


@pytest.mark.parametrize("opener", OPENERS)
def test_an_opener_asks_for_the_content_and_the_next_message_is_the_suggestion(school, opener):
    chat = as_member(school, "1005")
    assert chat.say(opener).startswith(ASKS_CONTENT)
    assert chat.say("行政楼厕所水龙头又坏了，一直没人修，交关不方便").startswith(ASKS_SIGN)
    assert chat.say("匿名好了").startswith("已收到您的建议（匿名）")
    assert stored(school) == [("行政楼厕所水龙头又坏了，一直没人修，交关不方便", None)]


@pytest.mark.parametrize("opener, content", [
    ("阿拉想提个意见伐", "行政楼厕所水龙头又坏了，一直没人修，交关不方便"),
    ("我想反映个事情", "后勤仓库的灯坏了好几盏，晚上值班看不清"),
    ("有个建议不知当讲不当讲", "好几个办公室的饮水机滤芯一年没换了"),
])
def test_a_new_teacher_binds_between_and_her_anonymous_choice_holds_as_written(school, opener, content):
    chat = new_teacher(school)  # 李娜 (1003), phone ending 6688
    assert chat.say(opener).startswith(ASKS_CONTENT)
    assert chat.say(content).startswith(ASKS_SIGN)
    bound = chat.say("1003 李娜 手机后四位6688")
    assert bound.startswith("绑定成功") and ASKS_SIGN in bound
    assert chat.say("匿名好了").startswith("已收到您的建议（匿名）")
    assert stored(school) == [(content, None)]  # neither the opener nor the binding is in it


@pytest.mark.parametrize("opener", ["语文组陈静，给工会提个建议", "您好，我是语文组的陈静，想反映个问题", "陈静 语文组的 有个意见想提一下"])
@pytest.mark.parametrize("choice, signed", [("匿名", False), ("实名", True)])
def test_a_name_given_with_the_opener_never_goes_into_the_suggestion(school, opener, choice, signed):
    chat = as_member(school, "1005")  # 陈静
    assert chat.say(opener).startswith(ASKS_CONTENT)
    assert chat.say("后勤仓库的灯坏了好几盏，晚上值班看不清").startswith(ASKS_SIGN)
    assert chat.say(choice).startswith(f"已收到您的建议（{choice}）")
    member = school.store.members.by_staff_no("1005")
    assert stored(school) == [("后勤仓库的灯坏了好几盏，晚上值班看不清", member.id if signed else None)]


@pytest.mark.parametrize("said, content", [
    ("阿拉想提个意见伐，行政楼厕所水龙头又坏了", "行政楼厕所水龙头又坏了"),
    ("语文组陈静，给工会提个建议：后勤仓库的灯坏了好几盏", "后勤仓库的灯坏了好几盏"),
    ("有个建议不知当讲不当讲 食堂的汤太咸了", "食堂的汤太咸了"),
])
def test_the_opener_said_with_the_content_is_left_out_of_it(school, said, content):
    chat = as_member(school, "1005")
    assert chat.say(said).startswith(ASKS_SIGN)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [(content, None)]


@pytest.mark.parametrize("request_, step", [("帮我报名拔河比赛", "content"), ("拔河比赛帮我报个名", "sign")])
def test_a_sign_up_said_while_the_suggestion_waits_is_done_and_never_its_text(school, request_, step):
    chat = as_member(school, "1005")
    assert chat.say("我想反映个事情").startswith(ASKS_CONTENT)
    if step == "sign":
        assert chat.say("食堂的汤太咸了，希望少放点盐").startswith(ASKS_SIGN)
    reply = chat.say(request_)
    if step == "sign":  # at the choice to sign: the suggestion filed as the question promised, then the sign-up asked
        assert reply.startswith("已收到您的建议（匿名）") and f"确认报名「{TUG}」" in reply, reply  # (consent19)
        assert stored(school) == [("食堂的汤太咸了，希望少放点盐", None)]
    else:
        assert reply.startswith(f"确认报名「{TUG}」") and "接着办" in reply, reply
    assert chat.say("确认").startswith("报名成功")
    assert status(school, "1005", TUG) == "confirmed"
    assert all("拔河" not in text for text, _ in stored(school))


def test_a_complaint_about_signing_up_is_still_the_suggestion(school):
    chat = as_member(school, "1005")
    assert chat.say("我想反映个事情").startswith(ASKS_CONTENT)
    assert chat.say("报名拔河比赛的时候老是卡住，希望改进一下").startswith(ASKS_SIGN)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [("报名拔河比赛的时候老是卡住，希望改进一下", None)]


@pytest.mark.parametrize("said", ["取消拔河比赛吧，太危险了", "拔河比赛换成登山", "我想参加的拔河比赛老是改时间"])
def test_a_cancellation_or_a_switch_said_as_the_content_stays_the_suggestion(school, said):
    chat = as_member(school, "1005")
    assert chat.say("报名拔河比赛").startswith("确认报名")
    assert chat.say("是").startswith("报名成功")
    assert chat.say("我想反映个事情").startswith(ASKS_CONTENT)
    assert chat.say(said).startswith(ASKS_SIGN)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert status(school, "1005", TUG) == "confirmed"
    assert stored(school) == [(said, None)]


@pytest.mark.parametrize("opener", ["英语组李娜，给工会提个建议", "李娜 英语组的 有个意见想提一下", "英语组小组长李娜 想提个建议"])
def test_the_name_she_opened_with_binds_her_with_the_proof_and_signs_as_asked(school, opener):
    chat = new_teacher(school)  # 李娜 (1003), phone ending 6688
    assert chat.say(opener).startswith(ASKS_CONTENT)
    assert chat.say("后勤仓库的灯坏了好几盏，晚上值班看不清").startswith(ASKS_SIGN)
    bound = chat.say("工号1003 手机后四位6688")
    assert bound.startswith("绑定成功！李娜老师") and ASKS_SIGN in bound
    assert chat.say("实名").startswith("已收到您的建议（实名）")
    assert stored(school) == [("后勤仓库的灯坏了好几盏，晚上值班看不清", school.store.members.by_staff_no("1003").id)]


def test_a_name_she_opened_with_is_no_proof_and_binds_nobody_else(school):
    chat = new_teacher(school)
    assert chat.say("数学组张伟，给工会提个建议").startswith(ASKS_CONTENT)
    assert chat.say("后勤仓库的灯坏了好几盏，晚上值班看不清").startswith(ASKS_SIGN)
    assert not chat.say("工号1001 手机后四位6688").startswith("绑定成功")  # 张伟's 工号, 李娜's phone
    assert school.store.bindings.member_for("wecom", "u-new") is None



def asked_which(school, chat, text: str, options: list[str]) -> None:
    """"您是想：1. … 2. …？" open for the chat, as the router leaves it after an unclear first message."""
    conv = Conversation(chat.channel, chat.user, "_clarify", "choose", {"text": text, "options": options})
    school.store.conversations.save(conv, dt.timedelta(minutes=30))


@pytest.mark.parametrize("content", ["行政楼厕所水龙头又坏了，一直没人修", "好几个办公室的饮水机滤芯一年没换了",
                                     "要求食堂每周公布一次菜价", "对面停车场晚上没有灯，太黑了"])
def test_her_words_to_which_one_starting_like_a_yes_are_the_suggestion_itself(school, content):
    """(ff043) "行政楼…" to "您是想：1. 查询建议的答复 2. 提建议或意见？" was read as "行" (a yes): the opener was filed
    as the suggestion and her words were dropped."""
    chat = as_member(school, "1005")
    asked_which(school, chat, "阿拉的意见伐", ["suggestion_status", "suggestion"])
    asked = chat.say(content)
    assert "“实名”" in asked and "“匿名”" in asked, asked  # (a complaint is offered to be passed on, signed or not)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [(content, None)]


@pytest.mark.parametrize("answer", ["行", "好的", "行吧", "要得", "好嘞"])
def test_a_plain_yes_to_which_one_still_chooses_the_suggestion(school, answer):
    chat = as_member(school, "1005")
    asked_which(school, chat, "想提个意见 关于食堂", ["suggestion_status", "suggestion"])
    assert ASKS_SIGN in chat.say(answer) or ASKS_CONTENT in chat.transcript[-1][1]


# ---- 2. a no with its reason at a sign-up's confirmation declines that confirmation ----------------------------


READING = "教师读书会"


def reading_then_tug_asked(school):
    """陈静 (1005) signed up for 读书会, and asked "确认报名「教职工拔河比赛」吗？"."""
    chat = as_member(school, "1005")
    assert chat.say("报名读书会").startswith(f"确认报名「{READING}」")
    assert chat.say("是").startswith("报名成功")
    assert chat.say("报名拔河").startswith(f"确认报名「{TUG}」")
    return chat


@pytest.mark.parametrize("no", ["我不去啊，腿都没好", "去不了 那天要带孩子", "不报了哈 膝盖还疼", "俺不去咧，腿还没好利索"])
def test_a_no_with_a_reason_declines_the_confirmation_and_keeps_her_sign_ups(school, no):
    chat = reading_then_tug_asked(school)
    reply = chat.say(no)
    assert reply.startswith("好的，已放弃报名"), reply
    assert "取消" not in reply and "继续" not in reply
    assert status(school, "1005", READING) == "confirmed" and status(school, "1005", TUG) is None


def test_a_no_naming_her_other_sign_up_withdraws_that_one(school):
    chat = reading_then_tug_asked(school)
    assert "已为您取消「教师读书会」" in chat.say("读书会也不去了")
    assert status(school, "1005", READING) == "cancelled"


def test_a_no_with_a_reason_and_nothing_else_signed_up_is_a_plain_no(school):
    chat = as_member(school, "1005")
    assert chat.say("报名拔河").startswith(f"确认报名「{TUG}」")
    assert chat.say("我不去啊，腿都没好").startswith("好的，已放弃报名")
    assert status(school, "1005", TUG) is None


# ---- 3. a colleague's feast said with words between (办的酒, 摆的酒): news, on the day still to come -----------------


@pytest.mark.parametrize("said, kind, when", [
    ("郭涛老师周六办的酒", "结婚", "周六（2026-09-05）"),
    ("郭涛老师这周六摆的酒，我们组都去", "结婚", "这周六（2026-09-05）"),
    ("郭涛老师周六请大家喝喜酒", "结婚", "周六（2026-09-05）"),
    ("林晓燕老师周六办的满月酒", "生育", "周六（2026-09-05）"),
    ("林晓燕老师周六办满月酒", "生育", "周六（2026-09-05）"),
    ("郭涛老师上周六办的酒", "结婚", "上周六（2026-08-29）"),
])
def test_a_feast_said_with_words_between_is_care_news_on_its_day(school, said, kind, when):
    chat = as_member(school, "1005")
    reply = chat.say(said)
    assert reply.startswith(("喜事！", "恭喜")), reply
    subject = "林晓燕" if "林晓燕" in said else "郭涛"
    assert care_rows(school) == [{"subject": subject, "event_kind": kind, "when_text": when}]


@pytest.mark.parametrize("said", ["办公室的酒精用完了，谁去领一下", "周六办的酒店团建还报名吗"])
def test_words_that_only_look_like_a_feast_are_no_news(school, said):
    as_member(school, "1005").say(said)
    assert care_rows(school) == []


# ---- 4. a withdrawal told as past beside a sign-up asked again: one request --------------------------------------


PINGPONG, BADMINTON = "乒乓球友谊赛", "羽毛球联谊赛"


@pytest.mark.parametrize("again, title", [
    ("上午取消的乒乓球 麻烦重新给我报上", PINGPONG),
    ("上午取消的乒乓球，重新帮我报名", PINGPONG),
    ("昨天退掉的拔河 帮我重新报一下", TUG),
    ("早上取消的羽毛球 麻烦再给我报上", BADMINTON),
])
def test_a_sign_up_asked_again_after_a_withdrawal_told_as_past(school, again, title):
    chat = as_member(school, "1005")
    assert chat.say(f"报名{title}").startswith(f"确认报名「{title}」")
    assert chat.say("是").startswith("报名成功")
    assert "取消" in chat.say(f"{title}不去了 帮我取消")
    assert status(school, "1005", title) == "cancelled"
    assert chat.say(again).startswith(f"确认报名「{title}」")
    assert chat.say("是").startswith("报名成功")
    assert status(school, "1005", title) == "confirmed"


def test_a_withdrawal_ordered_beside_a_sign_up_is_still_two_requests(school):
    chat = as_member(school, "1005")
    assert chat.say("报名拔河").startswith(f"确认报名「{TUG}」")
    assert chat.say("是").startswith("报名成功")
    first = chat.say("取消拔河 再给我报个乒乓球")
    if first.startswith("要取消"):
        first = chat.say("是")
    assert status(school, "1005", TUG) == "cancelled"
    assert f"确认报名「{PINGPONG}」" in first, first
    assert chat.say("是").startswith("报名成功")
    assert status(school, "1005", PINGPONG) == "confirmed"


@pytest.mark.parametrize("said, kept", [("建议 体育器材室周末 也开 放", "体育器材室周末"), ("建议，阅览室周日也开放", "阅览室周日")])
def test_a_room_and_a_day_after_the_lead_are_the_suggestion_not_who_she_is(school, said, kept):
    chat = as_member(school, "1005")
    assert chat.say(said).startswith(ASKS_SIGN)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert kept in stored(school)[0][0]


def test_a_no_to_a_confirmation_of_two_signs_up_for_neither(school):
    chat = as_member(school, "1005")
    assert chat.say("报名拔河和登山").startswith("确认报名以下 2 个活动")
    assert not chat.say("算了 都先不报").startswith("报名成功")
    assert status(school, "1005", TUG) is None and status(school, "1005", "秋季登山活动") is None
