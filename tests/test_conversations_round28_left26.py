"""Conversation misses noticed last session and left alone (left26), each as written and in other words a teacher could
send:

- Care: a colleague's name with a sibling word and no 的 ("我们语文组王芳姐姐去世了") may be her sister or her, called 姐姐:
  she is asked once ("是王芳老师本人，还是王芳老师的姐姐？") and what she answers is filed; nothing reaches the committee
  before. A word the colleague's gender rules out as an address ("张伟姐姐") is the sibling, no question.
- Binding: where the phone's last four were asked, the 工号 put right ("工号打错了 是8036") is taken and the last four asked
  again — no failed try at the proof, for the account or for the member first named.
- Sign-up: "乒乓球我报不了了，13号带校田径队去比赛" is no sign-up: signed up, it is a withdrawal to confirm; not signed up,
  nothing is signed and she is told there is nothing to cancel for that activity.
- Sign-up: "羽毛球满了排候补也行" right after the list is a sign-up to confirm (the waitlist when it is full), not "您是想…".
- Care: "今天跟大家说个事，我下个月结婚": 今天 is when she tells it; the news is kept as "下个月", no day made up.
- After care news, "那个保安他天天上班睡觉，帮一下忙管管" is a complaint about how the school is served: offered to be
  passed on (anonymous unless she asks for her name), never "没太明白".
Every conversation runs through /wechat with the frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.helpers import release
from tests.test_conversations_round23_yes19 import BADMINTON, PING, TUG, confirmed
from tests.test_conversations_round24_many20 import School
from tests.test_conversations_round27_signup25 import signed_before


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    yield made
    made.bot.dispatch.flush()


def subjects(school) -> list[str]:
    return [r["subject"] for r in school.store.db.query("SELECT subject FROM care_reports ORDER BY id")]


def committee_told(school) -> list[str]:
    return [r["text"] for r in school.store.db.query("SELECT text FROM outbox WHERE kind = 'care' ORDER BY id")]


# ---- 1. "王芳姐姐去世了": her sister, or her? asked once -------------------------------------------------------------

ASKED = "是王芳老师本人，还是王芳老师的姐姐？"


@pytest.mark.parametrize("news", [
    "我们语文组王芳姐姐去世了",  # left26 1
    "王芳姐姐昨天走了，我们组里都很难过",
    "跟工会说一声，语文组王芳老师姐姐过世了",
    "王芳姐走了",
])
@pytest.mark.parametrize("answer, filed", [
    ("是她姐姐", "王芳的姐姐"),
    ("不是本人，是王芳老师的姐姐", "王芳的姐姐"),
    ("姐姐", "王芳的姐姐"),
    ("她本人", "王芳"),
    ("是王芳老师本人", "王芳"),
    ("不是她姐姐，是她自己", "王芳"),
])
def test_a_name_with_a_sibling_word_and_no_de_asks_whose_news_it_is(school, news, answer, filed):
    reply = school.say("1025", news)
    assert reply == ASKED, reply
    assert subjects(school) == [] and committee_told(school) == []
    school.say("1025", answer)
    school.say("1025", "昨天")
    assert subjects(school) == [filed], subjects(school)
    assert committee_told(school) and all(filed in t for t in committee_told(school))


def test_an_answer_that_is_neither_is_asked_again_and_nothing_is_filed(school):
    school.say("1025", "我们语文组王芳姐姐去世了")
    assert school.say("1025", "嗯嗯") == ASKED
    assert subjects(school) == [] and committee_told(school) == []


def test_a_day_with_the_answer_dates_the_news(school):
    school.say("1025", "王芳姐姐住院了")
    reply = school.say("1025", "她本人，昨天住进去的")
    assert "早日康复" in reply, reply
    rows = school.store.db.query("SELECT subject, when_text FROM care_reports")
    assert [(r["subject"], r["when_text"]) for r in rows] == [("王芳", "昨天（2026-08-31）")]


@pytest.mark.parametrize("news, filed", [
    ("张伟姐姐昨天去世了", "张伟的姐姐"),  # 张伟 is a man: no one calls him 姐姐
    ("刘洋妹妹昨天住院了", "刘洋的妹妹"),
    ("王芳的姐姐昨天去世了", "王芳的姐姐"),  # (said with 的: already hers)
])
def test_a_sibling_word_that_cannot_be_an_address_is_the_sibling(school, news, filed):
    reply = school.say("1025", news)
    assert "本人" not in reply, reply
    assert subjects(school) == [filed], (subjects(school), reply)


@pytest.mark.parametrize("news, filed", [
    ("我们后勤彭亮哥 前天住院了 肾结石", "彭亮"),  # 哥 alone, fitting him: how colleagues call him
    ("今儿才听说，我们语文组王芳姐姐的母亲昨天没了。", "王芳的母亲"),  # a relative after it: 姐姐 is her title
])
def test_an_address_that_fits_is_the_colleague(school, news, filed):
    reply = school.say("1025", news)
    assert "本人" not in reply, reply
    assert subjects(school) == [filed], (subjects(school), reply)


# ---- 2. the 工号 put right where the phone's last four were asked -----------------------------------------------------


def namesakes(school) -> None:
    """Two 杜建平 on the roster (体艺组 8063, 行政后勤组 8036), phones ending in their 工号."""
    for staff_no, group in (("8063", "体艺组"), ("8036", "行政后勤组")):
        school.store.members.upsert(staff_no=staff_no, name="杜建平", gender="男", group_name=group,
                                    phone=f"139{staff_no:0>8}")


def bound(school) -> str | None:
    member = school.store.bindings.member_for("wechat", "o-new")
    return member.staff_no if member else None


def tries(school) -> int:
    """Failed binding tries on record (the account's and any member's)."""
    return school.store.db.scalar("SELECT count(*) FROM attempts WHERE key LIKE 'bind%'")


ASK_LAST4 = "手机号的后四位"


@pytest.mark.parametrize("correction", [
    "工号打错了 是8036",  # left26 2
    "不好意思，工号写错了，应该是8036",
    "正确的工号是8036，刚才输错了",
    "工号不对 应该是8036 不是8063",
])
def test_a_staff_number_put_right_at_the_last_four_asks_them_again_and_counts_no_try(school, correction):
    namesakes(school)
    assert ASK_LAST4 in school.new("o-new", "绑定 8063 杜建平")
    reply = school.new("o-new", correction)
    assert ASK_LAST4 in reply and "验证没有通过" not in reply, reply
    assert tries(school) == 0
    assert school.new("o-new", "手机后四位8036").startswith("绑定成功")
    assert bound(school) == "8036"


def test_the_staff_number_only_said_to_be_wrong_asks_for_it_and_keeps_the_name(school):
    namesakes(school)
    school.new("o-new", "绑定 8063 杜建平")
    reply = school.new("o-new", "啊 工号填错了")
    assert "工号" in reply and "验证没有通过" not in reply, reply
    assert ASK_LAST4 in school.new("o-new", "8036")
    assert school.new("o-new", "8036").startswith("绑定成功")
    assert bound(school) == "8036" and tries(school) == 0


def test_a_staff_number_put_right_that_is_not_her_name_asks_which_is_wrong(school):
    school.new("o-new", "绑定 1024 张三")
    reply = school.new("o-new", "工号打错了 是1026")
    assert "工号和姓名对不上" in reply, reply
    member = school.store.members.by_staff_no("1024")
    assert school.store.db.scalar("SELECT count(*) FROM attempts WHERE key = ?", (f"bind-member:{member.id}",)) == 0
    assert bound(school) is None


@pytest.mark.parametrize("answer", ["尾号是8036", "8036", "手机后四位是8036，工号没错"])
def test_the_last_four_are_still_the_last_four(school, answer):
    namesakes(school)
    school.new("o-new", "绑定 8036 杜建平")
    assert school.new("o-new", answer).startswith("绑定成功")
    assert bound(school) == "8036"


# ---- 3. "乒乓球我报不了了": her going called off, never a sign-up --------------------------------------------------------


CALLED_OFF = [
    ("乒乓球我报不了了，13号带校田径队去比赛", PING),  # left26 3
    ("乒乓球报名不了了，那天要出差", PING),
    ("乒乓球我参加不了了，那天要带学生比赛", PING),
    ("拔河我报不了了", TUG),
    ("拔河我去不了了", TUG),
]


@pytest.mark.parametrize("message, title", CALLED_OFF)
def test_going_called_off_when_signed_up_is_a_withdrawal_to_confirm(school, message, title):
    other = TUG if title == PING else PING
    signed_before(school, "1006", title, other)
    reply = school.say("1006", message)
    assert reply.startswith(f"要帮您取消「{title}」的报名吗？"), reply
    school.say("1006", "是")
    assert school.status("1006", title) == "cancelled"
    confirmed(school, "1006", other)


@pytest.mark.parametrize("message, title", CALLED_OFF)
@pytest.mark.parametrize("signed", [(), ("秋季登山活动",)])
def test_going_called_off_when_not_signed_up_signs_nothing_and_says_so_kindly(school, message, title, signed):
    signed_before(school, "1006", *signed)
    reply = school.say("1006", message)
    assert f"没有报名「{title}」" in reply and "确认报名" not in reply, reply
    school.say("1006", "是")
    assert school.status("1006", title) is None
    assert all(school.status("1006", t) == "confirmed" for t in signed)


# ---- 4. "羽毛球满了排候补也行": the waitlist accepted is a sign-up ----------------------------------------------------------


def badminton_full(school) -> None:
    row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (BADMINTON,))
    for staff_no in ("1001", "1002"):  # (its two places)
        school.store.signups.signup(row["id"], school.store.members.by_staff_no(staff_no))


WAITLIST_OK = ["羽毛球满了排候补也行", "羽毛球要是满了，候补也可以", "羽毛球给我排个候补吧", "羽毛球联谊赛没名额的话候补也没关系"]


@pytest.mark.parametrize("message", WAITLIST_OK)
def test_the_waitlist_accepted_after_the_list_is_a_sign_up_to_confirm(school, message):
    badminton_full(school)
    assert "羽毛球联谊赛" in school.say("1006", "最近有什么活动")
    reply = school.say("1006", message)
    assert reply.startswith(f"确认报名「{BADMINTON}」吗？"), reply
    assert "已为您登记候补" in school.say("1006", "是")
    assert school.status("1006", BADMINTON) == "waitlisted"


@pytest.mark.parametrize("message", WAITLIST_OK[:2])
def test_the_waitlist_accepted_with_places_left_signs_her_up(school, message):
    assert school.say("1006", message).startswith(f"确认报名「{BADMINTON}」吗？")
    school.say("1006", "是")
    confirmed(school, "1006", BADMINTON)


@pytest.mark.parametrize("message", ["羽毛球满了能排候补吗？", "羽毛球候补排到第几了"])
def test_a_question_about_the_waitlist_signs_nothing(school, message):
    badminton_full(school)
    school.say("1006", message)
    assert school.status("1006", BADMINTON) is None


# ---- 5. "今天跟大家说个事，我下个月结婚": the day she tells it is not the news's -------------------------------------------


def when_filed(school) -> list[tuple[str, str]]:
    return [(r["subject"], r["when_text"]) for r in school.store.db.query("SELECT subject, when_text FROM care_reports")]


@pytest.mark.parametrize("news, filed", [
    ("今天跟大家说个事，我下个月结婚", ("宋健（本人）", "下个月")),  # left26 5
    ("今天正式告诉大家，我下个月结婚", ("宋健（本人）", "下个月")),
    ("今儿跟工会报个喜，我下个月办婚礼", ("宋健（本人）", "下个月")),
    ("今天跟组里说一声，我爱人下个月生", ("宋健的爱人", "下个月")),
])
def test_the_day_she_tells_it_is_not_the_day_of_the_news(school, news, filed):
    reply = school.say("1022", news)
    assert when_filed(school) == [filed], (when_filed(school), reply)
    assert "具体日期" in reply, reply  # (the day may come later)


@pytest.mark.parametrize("news, filed", [
    ("今天跟大家说个事，我下个月5号结婚", ("宋健（本人）", "下个月5号（2026-10-05）")),
    ("跟大家说一下，我今天结婚", ("宋健（本人）", "今天（2026-09-01）")),
])
def test_a_day_of_the_news_said_beside_it_is_still_its_day(school, news, filed):
    school.say("1022", news)
    assert when_filed(school) == [filed], when_filed(school)


# ---- 6. "那个保安他天天上班睡觉，帮一下忙管管": a complaint about those who serve the school ---------------------------------

OFFERED = "工会可以帮您把这个意见转达给学校"
COMPLAINTS = [
    "那个保安他天天上班睡觉，帮一下忙管管",  # left26 6
    "门卫态度太差了，老师进校门都要被吼",
    "宿管值班老玩手机，学生出事了都不知道",
    "食堂打饭的阿姨爱答不理的，帮忙说说",
]


def filed(school) -> list[tuple[str, object]]:
    release(school.store)
    return [(r["content"], r["member_id"]) for r in school.store.db.query("SELECT content, member_id FROM suggestions")]


@pytest.mark.parametrize("complaint", COMPLAINTS)
def test_a_complaint_about_school_staff_after_care_news_is_offered_and_filed_anonymously(school, complaint):
    school.say("1025", "我们语文组王芳的母亲去世了")
    school.say("1025", "昨天")
    reply = school.say("1025", complaint)
    assert reply.startswith(OFFERED) and "没太明白" not in reply, reply
    assert school.say("1025", "匿名").startswith("已收到您的建议（匿名）")
    assert [(content, member) for content, member in filed(school)] == [(complaint, None)]
    assert [r["subject"] for r in school.store.db.query("SELECT subject FROM care_reports")] == ["王芳的母亲"]


@pytest.mark.parametrize("complaint", COMPLAINTS[:2])
def test_a_complaint_about_school_staff_on_its_own_is_offered(school, complaint):
    reply = school.say("1006", complaint)
    assert reply.startswith(OFFERED), reply
    assert school.say("1006", "不用了，就是吐槽一下").startswith("好的，这条就不提交了")
    assert filed(school) == []


@pytest.mark.parametrize("news", ["保安老张住院了", "门卫几点下班？", "保安大叔天天帮我们开门，辛苦了"])
def test_news_of_school_staff_or_a_question_is_no_complaint(school, news):
    assert not school.say("1006", news).startswith(OFFERED)
