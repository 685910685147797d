"""Sign-ups and confirmations as teachers write them (issue 19, signup22; tuning set 40's sign-up misses and known wrong
answers at "确认报名「…」吗？"). A yes said again, annoyed ("都说了报啦！…确认确认，行了吧。") or in set words of certainty
("确然无疑") signs; a shopper's review of activities ("本期测评两款…", "值得入手", "两款都回购") is no 民主测评; one activity
declined and another pointed back at ("…插花沙龙是不是各插各的？那个我想报。") asks for the other; the family counted in
places or listed one by one ("三个名额。我，我先生，我儿子。", "两位家属") comes along. A yes word mocked ("确认是不可能确认
的", "确认你个头") or a wish denied ("谁说我要报名了？") is a no; a yes on a condition of her own ("要是没课的话——确认。")
is asked once more, whether to sign up now. Every conversation runs through /wechat with the frozen clock."""

from __future__ import annotations

import pytest

from tests import test_conversations_round23_yes19 as yes19
from tests.test_conversations_round23_yes19 import (
    BADMINTON,
    ELDERS,
    FLOWERS,
    GAMES,
    HIKE,
    PING,
    TUG,
    confirmed,
)
from tests.test_conversations_round25_yes21 import asked_then_answered

school = yes19.school  # (the fixture: the demo school behind /wechat)

READING = "教师读书会"


# ---- 1. a yes said again, annoyed that it was asked ------------------------------------------------------------

TSUNDERE = "哼，我可不是特意来问插花沙龙的，就是路过顺便看看。26号下午那个，名额还有吧？有的话……勉强报一个好了。"


@pytest.mark.parametrize("staff_no, asked, answer, title", [
    ("1003", TSUNDERE, "都说了报啦！还要人家再说一遍……确认确认，行了吧。", FLOWERS),  # zs02
    ("1003", "报名插花沙龙", "写了报名了呀，还要我再说一遍……确认，行了吧", FLOWERS),
    ("1004", "报名拔河", "跟你说了报名啊，还要我说几遍？确认！", TUG),
])
def test_a_yes_said_again_annoyed_signs(school, staff_no, asked, answer, title):
    reply = asked_then_answered(school, staff_no, asked, title, answer)
    assert reply.startswith("报名成功"), reply
    confirmed(school, staff_no, title)


# ---- 2. the yes said with the request in set words of certainty -------------------------------------------------

BAGU = ("破题：重阳敬老，老者之会也。承题：夫退休之人，久离讲台，思旧友而不得见，是以有座谈之设。起讲：十月一日上午九点半，"
        "老干部活动室，吾当往焉。")


@pytest.mark.parametrize("staff_no, first, asked, title", [
    ("2004", BAGU, "束股：退休组刘德华，报名重阳敬老座谈会，确然无疑，请即登记。", ELDERS),  # zs08
    ("2004", None, "退休组刘德华，报名重阳敬老座谈会，毋庸置疑。", ELDERS),
    ("1010", None, "报名乒乓球友谊赛，千真万确，请即登记。", PING),
    ("1004", None, "拔河比赛报名，板上钉钉！", TUG),
])
def test_a_request_with_its_yes_in_set_words_signs_at_once(school, staff_no, first, asked, title):
    if first:
        assert title in school.say(staff_no, first)
    reply = school.say(staff_no, asked)
    assert reply.startswith("报名成功"), reply
    confirmed(school, staff_no, title)


# ---- 3. a shopper's review of activities is no 民主测评 -----------------------------------------------------------

PERFUME = ("【活动测评·教师读书会】前调：图书馆三楼的旧纸页香，微苦；中调：9月6号周日下午四点半的斜阳，木质调，安静；"
           "后调：二十个人的低声讨论，留香持久。综合评分9.2，值得入手。")
TWO = ("本期测评两款：①数学组趣味运动会——入口轻快，小操场的青草味，尾韵带点喘，15人小容量，适合本组人群；"
       "②女教职工插花沙龙——花香前调，柔和不刺激，适合周六下午慢慢品。")


@pytest.mark.parametrize("review, order", [
    (PERFUME, "结论：种草成功，给我报一份。确认入手，报名吧。"),  # zs05
    ("【活动测评·教师读书会】安静，适合慢慢品，值得入手。", "结论：种草成功，确认入手，报名吧。"),
])
def test_a_review_of_one_activity_then_her_order_signs_it(school, review, order):
    shown = school.say("1019", review)
    assert "投票" not in shown and READING in shown, shown
    reply = school.say("1019", order)
    assert reply.startswith("报名成功") and READING in reply, reply
    confirmed(school, "1019", READING)


@pytest.mark.parametrize("verdict, answer", [
    ("测评结论：两款都回购，曹雪梅都报上。", "确认，两款一起下单。"),  # zs16
    ("测评结论：两款都值得入手，都给我报上。", "确认，两款都要。"),
])
def test_a_review_of_two_activities_then_both_ordered_signs_both(school, verdict, answer):
    assert "投票" not in school.say("1029", TWO)
    shown = school.say("1029", verdict)
    assert shown.startswith("确认报名以下 2 个活动吗？"), shown
    assert school.say("1029", answer).count("报名成功") == 2
    confirmed(school, "1029", GAMES)
    confirmed(school, "1029", FLOWERS)


# ---- 4. one declined, the other pointed back at ------------------------------------------------------------------

SHY = "请问……读书会是要每个人轮流发言的吗？要当着二十个人讲话的话我可能……"


@pytest.mark.parametrize("staff_no, asked, declined, answer, wanted, other", [
    ("1027", SHY, "那读书会我还是不报了，真的不好意思。插花沙龙是不是各插各的，不用上台讲话？那个我想报。",
     "嗯嗯，插花沙龙，确认，麻烦了。谢谢，不用特意回我也可以的。", FLOWERS, READING),  # zs11
    ("1027", SHY, "那读书会我还是不去了，抱歉抱歉。插花沙龙是不是自己插自己的，不用发言？这个我想报。", "好的，确认", FLOWERS,
     READING),
])
def test_one_declined_and_another_pointed_back_at_asks_the_other(school, staff_no, asked, declined, answer, wanted, other):
    assert other in school.say(staff_no, asked)
    shown = school.say(staff_no, declined)
    assert f"确认报名「{wanted}」" in shown and "报名成功" not in shown, shown
    assert school.say(staff_no, answer).startswith("报名成功")
    confirmed(school, staff_no, wanted)
    assert school.status(staff_no, other) is None


# ---- 5. the family counted in places, or listed one by one -------------------------------------------------------

CAMPAIGN = ("各位评委好，我是理化生组的徐丽，我竞选的岗位是：秋季登山活动参加者！我的竞选团队有两位家属：我妈，今年62，身体硬朗；"
            "我儿子，10岁，精力过剩。")


@pytest.mark.parametrize("staff_no, asked, party", [
    ("1011", "秋季登山活动，给我留三个位置。", 3),
    ("1005", "报名登山。我、老公、女儿、儿子。", 4),
    ("1011", CAMPAIGN, 3),  # zs19
    ("1015", "登山报名，有两位家属：老公和女儿。", 3),
])
def test_the_family_counted_in_places_or_listed_comes_along(school, staff_no, asked, party):
    shown = school.say(staff_no, asked)
    assert shown.startswith(f"确认报名「{HIKE}」（共 {party} 人）"), shown
    assert school.say(staff_no, "是").startswith("报名成功")
    confirmed(school, staff_no, HIKE, party)


def test_the_places_she_asks_for_count_her_family_not_the_places_left(school):
    shown = school.say("1011", "秋季登山活动，三个名额。我，我先生，我儿子。")  # known wrong answer: she alone
    assert shown.startswith(f"确认报名「{HIKE}」（共 3 人）"), shown
    assert school.say("1011", "是").startswith("报名成功")
    confirmed(school, "1011", HIKE, 3)
    shown = school.say("1005", "听说登山只剩三个名额了，赶紧给我报一个")
    assert shown.startswith(f"确认报名「{HIKE}」吗？"), shown


def test_a_campaign_speech_confirming_its_team_signs_the_three(school):
    assert school.say("1011", CAMPAIGN).startswith(f"确认报名「{HIKE}」（共 3 人）")
    reply = school.say("1011", "如果我当选，我保证带好家属，准时八点南门集合。请投出你宝贵的一票——报名，一共三人（我本人+两位家属），确认！")
    assert reply.startswith("报名成功"), reply
    confirmed(school, "1011", HIKE, 3)


# ---- 6. a yes word mocked, a wish denied: a no -----------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "确认是不可能确认的", "报名是不可能报名的", "确认是不可能的", "确认你个头", "报名才怪",
    "谁说我要报名了？确认一下。", "谁告诉你我想参加了？",
])
def test_a_yes_word_mocked_or_a_wish_denied_signs_nothing(school, answer):
    reply = asked_then_answered(school, "1004", "报名拔河", TUG, answer)
    assert reply.startswith("好的，已放弃报名"), reply
    assert school.status("1004", TUG) is None
    # … while a refusal denied, and no regret said, still sign
    assert asked_then_answered(school, "1004", "报名乒乓球", PING, "谁说我不去了？确认！").startswith("报名成功")
    assert asked_then_answered(school, "1004", "报名登山", HIKE, "确认报名，这辈子都不会反悔").startswith("报名成功")
    asked = asked_then_answered(school, "1004", "报名羽毛球", BADMINTON, "确认报名！还有谁要去吗？")  # (who else, only asked)
    assert not asked.startswith("好的，已放弃报名"), asked


# ---- 7. a yes on a condition of her own: asked once more, whether to sign up now ----------------------------------

@pytest.mark.parametrize("answer", ["要是没课的话——确认。", "如果那天不下雨，就确认", "有空的话确认", "假如不用监考，确认报名"])
def test_a_yes_on_her_own_condition_asks_whether_now(school, answer):
    reply = asked_then_answered(school, "1004", "报名拔河", TUG, answer)
    assert reply.startswith("报名要现在定下来：现在就为您报名「教职工拔河比赛」吗？"), reply
    assert school.status("1004", TUG) is None
    assert school.say("1004", "是").startswith("报名成功")
    confirmed(school, "1004", TUG)
    # (the waitlist accepted is no condition of hers: "如果满了排候补也行，确认报名" signs)
    assert asked_then_answered(school, "1011", "报名羽毛球", BADMINTON, "如果满了排候补也行，确认报名").startswith("报名成功")
