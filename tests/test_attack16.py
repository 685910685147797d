"""Attack on the thirteenth session's merges (shop: sign-ups said as orders and bookings, terse date-place-报
messages, family counts; ask: rules asked first, care told in passing, a spaced or hyphenated 工号; older: typing
for a retired teacher, the yes said with the request, a second request at the sign question) as a careless or
hostile teacher would, or a colleague who only tells what she heard: a yes said with a request for a colleague
("帮王芳报插花，确认") signs nobody up at once, and "她想报插花 确认" on a teacher's own phone is not her own yes;
a death typed by its sound ("我爸昨天去是了") is still news, while a colleague moved away ("调走了") is no death;
a complaint about another feature after the choice to sign ("匿名，还有取消报名这个功能不好用") is more of the
suggestion, never a withdrawal; a 工号 with a leading zero ("0917") is the 工号, not 9月17日.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 何雪 is 1017, 体艺组; 读书会 Sun 9-6,
拔河 Thu 9-10, 登山 Thu 9-17, 插花 Sat 9-26 (women only), 重阳座谈会 Thu 10-1 (retired only))."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import status

TUG, HIKE, READING, FLOWERS, PINGPONG = "教职工拔河比赛", "秋季登山活动", "教师读书会", "女教职工插花沙龙", "乒乓球友谊赛"
SIGNED = "报名成功"
CONDOLENCE = "惊悉噩耗"


def care_rows(school) -> list[tuple[str, str]]:
    return [(r["subject"], r["event_kind"]) for r in school.store.db.query("SELECT subject, event_kind FROM care_reports")]


def tray(school) -> list[str]:
    return [r["content"] for r in school.store.scratch.query("SELECT content FROM tray")]


def signed_up_for_tug(school, staff_no: str = "1017") -> Chat:
    chat = as_member(school, staff_no)
    chat.say("报名拔河")
    assert SIGNED in chat.say("是的")
    return chat


# ---- a yes said with a request for someone else is no yes of hers (high, fixed) -----------------------------


@pytest.mark.parametrize("said, title", [
    ("帮王芳报插花，确认", FLOWERS),
    ("给张伟报个拔河 确定", TUG),
    ("替孙强老师报名乒乓球，确认报名", PINGPONG),
    ("帮我们组王芳报个读书会 直接确认", READING),
])
def test_a_request_for_a_colleague_with_its_yes_signs_nobody_at_once(school, said, title):
    """(high) "帮王芳报插花，确认" signed the sender up at once: the yes said with the request (older) skipped the
    confirmation that shows whose sign-up it is."""
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert SIGNED not in reply, chat.transcript
    assert status(school, "1017", title) is None


@pytest.mark.parametrize("said, title", [("她想报插花 确认", FLOWERS), ("他说报拔河 确认", TUG), ("她想报读书会，确定", READING)])
def test_a_he_or_she_request_on_a_teachers_own_phone_is_not_her_yes(school, said, title):
    """(high) on a working teacher's own phone "她想报插花 确认" is about somebody else: the relay frame ("她想")
    is read for a retired teacher's account, typed for her by family (tests/test_conversations_round15_older.py)."""
    chat = as_member(school, "1017")
    reply = chat.say(said)
    assert SIGNED not in reply, chat.transcript
    assert status(school, "1017", title) is None


def test_the_retired_teachers_relayed_request_with_its_yes_still_signs(school):
    chat = as_member(school, "2003")  # 张桂芝, typed for by her grandchild
    assert chat.say("我是替我姥姥发的") == "好的，您请说。"
    assert chat.say("她想报重阳座谈会，确认").startswith(SIGNED)
    assert status(school, "2003", "重阳敬老座谈会") == "confirmed"


def test_her_own_request_with_its_yes_still_signs(school):
    chat = as_member(school, "1017")
    assert chat.say("我自己报个拔河 确认").startswith(SIGNED)
    assert status(school, "1017", TUG) == "confirmed"


# ---- at a two-activity confirmation, "just me" with a doubt is no yes to both (high, fixed) ----------------------


@pytest.mark.parametrize("answer", ["就我自己，登山还没想好", "就我本人 其中一个就够了", "我自己去，登山再看看吧", "就我自己 拔河先不急"])
def test_just_me_with_a_doubt_at_two_activities_signs_neither(school, answer):
    """(high) "就我自己，登山还没想好" signed her up for both: saying who comes was taken as the yes (shop)."""
    chat = as_member(school, "1017")
    assert chat.say("报名拔河和登山").startswith("确认报名以下 2 个活动")
    reply = chat.say(answer)
    assert reply.count(SIGNED) < 2, chat.transcript
    assert status(school, "1017", TUG) is None or status(school, "1017", HIKE) is None


@pytest.mark.parametrize("answer", ["就我自己，不带家属", "就我一个 没有家属", "只有我本人，体艺组的"])
def test_just_me_and_nobody_else_at_two_activities_signs_both(school, answer):
    chat = as_member(school, "1017")
    chat.say("报名拔河和登山")
    assert chat.say(answer).count(SIGNED) == 2, chat.transcript


# ---- an order called off that is not the sign-up withdraws nothing (high, fixed) ----------------------------


@pytest.mark.parametrize("said", ["登山那天的午饭我不订了", "登山的纪念T恤我不买了", "登山的保险我就不买了吧", "登山大巴的座位我不抢了"])
def test_calling_off_a_lunch_or_a_shirt_for_the_hike_keeps_her_sign_up(school, said):
    """(high) "登山那天的午饭我不订了" withdrew her from the hike at once: 不订/不买 anywhere after the activity was
    read as 不报 (shop)."""
    chat = as_member(school, "1017")
    chat.say("报名登山")
    chat.say("是")
    reply = chat.say(said)
    assert "已为您取消" not in reply, chat.transcript
    assert status(school, "1017", HIKE) == "confirmed"


@pytest.mark.parametrize("said, title", [("拔河不下单了", TUG), ("卡拉OK那个不预约了", "卡拉OK歌唱比赛"), ("登山我就不锁了", HIKE)])
def test_the_activity_itself_called_off_still_withdraws(school, said, title):
    chat = as_member(school, "1017")
    chat.say(f"报名{said[:2]}")
    chat.say("是")
    chat.say(said)
    assert status(school, "1017", title) == "cancelled", chat.transcript


# ---- a death typed by its sound is still news; "能去是吧" is not (high, fixed) ----------------------------------


@pytest.mark.parametrize("news, subject", [
    ("我爸昨天去是了", "何雪的父亲"),
    ("孙强老师父亲前天去是了", "孙强的父亲"),
    ("我母亲今早去是了", "何雪的母亲"),
])
def test_a_death_typed_by_its_sound_is_still_reported(school, news, subject):
    """(high) "我爸昨天去是了" (去世 by its sound) became the help menu when "能去是吧" stopped being 去世 (ask)."""
    chat = as_member(school, "1017")
    reply = chat.say(news)
    assert CONDOLENCE in reply, chat.transcript
    assert care_rows(school) == [(subject, "丧事")]


@pytest.mark.parametrize("question", ["家属也能去是吧", "我也能去是吗", "退休的能去是不是"])
def test_can_go_is_it_stays_a_question(school, question):
    chat = as_member(school, "1017")
    reply = chat.say(question)
    assert CONDOLENCE not in reply and care_rows(school) == [], reply


# ---- a colleague moved away is no death (high, fixed) -----------------------------------------------------


@pytest.mark.parametrize("news", ["高峰老师干到这学期末就调走了", "孙强老师下个月就调走了", "王芳老师被借调走了", "张伟老师被接走了"])
def test_a_colleague_moved_away_is_no_death(school, news):
    """(high) "高峰老师干到这学期末就调走了" went to the committee at once as 丧事 ("惊悉噩耗"): 调走了 read as 走了,
    and the term's end (ask) made it complete."""
    chat = as_member(school, "1017")
    reply = chat.say(news)
    assert CONDOLENCE not in reply, chat.transcript
    assert ("丧事" not in [kind for _, kind in care_rows(school)]), care_rows(school)


def test_a_father_gone_is_still_a_death(school):
    chat = as_member(school, "1017")
    assert CONDOLENCE in chat.say("孙强老师的父亲昨天走了")
    assert care_rows(school) == [("孙强的父亲", "丧事")]


# ---- a complaint after the choice to sign is more of the suggestion, never a request (high, fixed) ------------


@pytest.mark.parametrize("answer, kept", [
    ("匿名 还有取消报名这个功能不好用", "取消报名这个功能不好用"),
    ("匿名，还有报名的时候老是卡", "报名的时候老是卡"),
    ("匿名，另外绑定的时候总出错，太麻烦", "绑定的时候总出错"),
    ("实名，还有体检通知发得太晚了", "体检通知发得太晚了"),
])
def test_a_complaint_after_the_choice_to_sign_is_kept_in_the_suggestion(school, answer, kept):
    """(high) "匿名 还有取消报名这个功能不好用" lost its complaint and asked to withdraw her from 拔河: a request of
    another matter after the choice (older) was read in every clause naming 报名/取消/绑定/体检."""
    chat = signed_up_for_tug(school)
    chat.say("提个建议：食堂的菜太咸了")
    reply = chat.say(answer)
    assert "已收到您的建议" in reply and "要取消" not in reply and "确认报名" not in reply, reply
    assert any(kept in content for content in tray(school)), tray(school)
    assert status(school, "1017", TUG) == "confirmed"


def test_a_request_after_the_choice_to_sign_still_runs(school):
    chat = as_member(school, "1017")
    chat.say("提个建议：食堂的菜太咸了")
    reply = chat.say("匿名 对了帮我报一下拔河")
    assert "已收到您的建议（匿名）" in reply and "确认报名「教职工拔河比赛」" in reply, reply


# ---- a 工号 with a leading zero is the 工号, not a date (high, fixed) ------------------------------------------


@pytest.fixture
def newcomer(school):
    school.store.members.add(staff_no="0917", name="刘敏", gender="女", birth_date="1990-01-01", phone="13900000917",
                             group_name="数学组")
    return Chat(school, "u-newcomer")


def test_a_leading_zero_staff_no_and_name_bind(newcomer):
    """(high) "0917 刘敏" became "9月17日 刘敏" (shop's terse dates): the help menu, and at the asked 工号 "0917"
    was "not a number" — a teacher whose 工号 starts with 0 could not bind."""
    assert "手机号的后四位" in newcomer.say("0917 刘敏"), newcomer.transcript


def test_a_leading_zero_staff_no_at_the_asked_step(newcomer):
    newcomer.say("绑定")
    assert newcomer.say("0917") == "请回复您的姓名。", newcomer.transcript
    assert "手机号的后四位" in newcomer.say("刘敏")


@pytest.mark.parametrize("terse", ["0910 1530 操场 报", "0910 报"])
def test_a_terse_date_still_names_the_activity(school, terse):
    chat = as_member(school, "1017")
    assert chat.say(terse).startswith(f"确认报名「{TUG}」"), chat.transcript


# ---- left by the review, fixed since: booking words about something not the union's (medium / low) -------------


@pytest.mark.parametrize("said", [
    "帮我订会议室开读书会",
    "登山那天订个盒饭",  # (passes since conv24/old20; the others since round 17, third)
    "我想预约体检和登山那天错开",
    "拔河 还有谁 报",
    "抢登山大巴的座位",
    "听说王芳锁定了插花的名额",
])
def test_booking_words_about_something_not_the_unions_sign_nobody_up(school, said):
    chat = as_member(school, "1017")
    assert "确认报名" not in chat.say(said)


def test_her_mothers_words_do_not_withdraw_her(school):
    chat = signed_up_for_tug(school)
    chat.say("我妈说她不去拔河了")
    assert status(school, "1017", TUG) == "confirmed"


def test_a_request_for_a_colleague_by_her_bare_name_is_refused(school):
    chat = as_member(school, "1017")
    assert "不能替别人报名" in chat.say("帮王芳报插花")


def test_the_holder_named_by_her_typist_withdraws_with_she_says(school):
    chat = signed_up_for_tug(school, "2007")
    chat.say("我替我妈发的 她是退休的赵淑芬")
    chat.say("她前天摔了一跤住院了 还有她说拔河不去了")
    assert status(school, "2007", TUG) == "cancelled"


def test_the_colleagues_father_put_right_after_the_report(school):
    chat = as_member(school, "1017")
    chat.say("我们组刘洋昨天住院了")
    chat.say("不是他本人，是他爸爸")
    assert care_rows(school) == [("刘洋的父亲", "生病住院")]
