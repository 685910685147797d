"""Whole conversations, eighteenth round (issue 19, the fourteenth session's left cases): a teacher who says who she
is while opening a suggestion is asked what the problem is (bound or not), and her name is never the suggestion's
text; "都先不报", "两个都算了" to "确认报名以下 2 个活动吗？" say no to both; a typist on the holder's phone ("用我妈的微信
发的", or a wife's "我老公说…" on her husband's phone) relays the holder's own words; a spouse in a care report is
recorded as "…的爱人"; "实名？怕啥" signs; a sign-up whose party is put right keeps its activity; and the attack review
17's four strict xfails. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 何雪 1017 and 梁红
1021 women, 高峰 1018 a man, 赵淑芬 2007 retired; 读书会 Sun 9-6, 拔河 Thu 9-10, 乒乓球 Sun 9-13, 登山 Thu 9-17);
the variants are our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_conversations_round17_anon import ASKS_CONTENT, ASKS_SIGN, stored
from tests.test_whole_messages import care_rows, status

TUG, HIKE, READING, PINGPONG = "教职工拔河比赛", "秋季登山活动", "教师读书会", "乒乓球友谊赛"
SIGNED = "报名成功"
CANCELLED = "已为您取消"


def signups(school, staff_no: str) -> list[tuple[int, str]]:
    member = school.store.members.by_staff_no(staff_no)
    return [(r["activity_id"], r["status"]) for r in
            school.store.db.query("SELECT activity_id, status FROM signups WHERE member_id = ?", (member.id,))]


# ---- 1. who she is, said with the opener: the problem is asked, her name is not its text --------------------------


@pytest.mark.parametrize("opener", ["您好，我是行政后勤组的杜建平，想反映个问题", "我是杜建平，想给工会提个意见",
                                    "喂你好我是行政后勤组的杜建平我想给工会提个意见", "你好 我是后勤组的杜建平 有个建议想提一下"])
def test_an_unbound_teacher_who_says_who_she_is_is_asked_for_the_problem(school, opener):
    chat = Chat(school, "u-unbound")
    assert chat.say(opener).startswith(ASKS_CONTENT), chat.transcript
    assert chat.say("食堂的菜太贵了，希望降一点").startswith(ASKS_SIGN)
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [("食堂的菜太贵了，希望降一点", None)]


@pytest.mark.parametrize("said, content", [
    ("我是杜建平，建议食堂的菜便宜一点", "食堂的菜便宜一点"),
    ("喂你好我是行政后勤组的杜建平我想反映食堂太贵了", "食堂太贵了"),
])
def test_her_name_before_her_suggestion_is_never_stored_unbound(school, said, content):
    chat = Chat(school, "u-unbound")
    assert chat.say(said).startswith(ASKS_SIGN), chat.transcript
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")
    assert stored(school) == [(content, None)]


@pytest.mark.parametrize("said, content", [
    ("我是何雪，建议食堂的菜便宜一点", "食堂的菜便宜一点"),
    ("你好，我是体艺组的何雪，食堂的汤太咸了", "食堂的汤太咸了"),  # (a complaint: offered to be passed on)
    ("体艺组何雪，食堂的汤太咸了", "食堂的汤太咸了"),
])
def test_her_name_before_her_suggestion_is_never_stored_with_an_anonymous_one(school, said, content):
    chat = as_member(school, "1017")
    assert "匿名" in chat.say(said), chat.transcript
    assert "已收到您的" in chat.say("匿名")
    assert stored(school) == [(content, None)]
    assert all("何雪" not in text for text, _ in stored(school))


def test_an_unbound_teacher_who_gives_her_name_and_asks_to_bind_still_binds(school):
    chat = Chat(school, "u-unbound")
    reply = chat.say("我是杜建平，想绑定一下，顺便提个建议")
    assert "工号" in reply and not reply.startswith(ASKS_CONTENT), reply


def test_an_unbound_teacher_who_gives_her_name_and_asks_to_sign_up_binds_first(school):
    chat = Chat(school, "u-unbound")
    reply = chat.say("我是杜建平，想报名拔河")
    assert "先绑定一下身份" in reply and "绑定好后接着办" in reply, reply


# ---- 2. a no said of both at the confirmation of two ----------------------------------------------------------


@pytest.mark.parametrize("answer", ["都先不报", "两个都算了", "都不要了", "俩都先放放吧", "全部算了"])
def test_a_no_to_both_at_the_confirmation_of_two_signs_none(school, answer):
    chat = as_member(school, "1017")
    assert chat.say("报名拔河和登山").startswith("确认报名以下 2 个活动吗？")
    assert chat.say(answer) == "好的，已放弃报名。", chat.transcript
    assert signups(school, "1017") == []


@pytest.mark.parametrize("answer", ["都报", "两个都要", "好的都报", "算了 都要 pls"])  # (a shrug before it, no no)
def test_a_yes_to_both_at_the_confirmation_of_two_signs_both(school, answer):
    chat = as_member(school, "1017")
    chat.say("报名拔河和登山")
    assert chat.say(answer).count(SIGNED) == 2, chat.transcript
    assert status(school, "1017", TUG) == status(school, "1017", HIKE) == "confirmed"


@pytest.mark.parametrize("answer", ["两个都不报了，前面那个太早", "都算了 前面那个太早了后面那个又太远", "俩都先放放吧"])
def test_a_no_to_both_of_a_list_just_shown_offers_neither(school, answer):
    chat = as_member(school, "1027")
    chat.say("乒乓球跟登山都还有名额吗")
    reply = chat.say(answer)
    assert reply.startswith("好的，这 2 个活动都先不报。"), reply
    assert chat.say("是").count(SIGNED) == 0
    assert signups(school, "1027") == []


def test_the_one_turned_down_for_a_reason_leaves_the_other_to_confirm(school):
    chat = as_member(school, "1027")
    chat.say("乒乓球跟登山都还有名额吗")
    assert chat.say("前面那个太早 就报后面那个吧").startswith(f"确认报名「{HIKE}」")
    assert chat.say("是").startswith(SIGNED)
    assert signups(school, "1027") == [(4, "confirmed")]


# ---- 3. typed on the holder's phone ------------------------------------------------------------------------------


@pytest.mark.parametrize("typist", ["用我妈的微信发的", "拿我外婆手机打的字", "这是用我奶奶的号发的"])
def test_typed_on_the_holders_phone_said_alone_then_her_withdrawal(school, typist):
    chat = as_member(school, "2007")
    chat.say("报名拔河")
    chat.say("是")
    assert chat.say(typist) == "好的，您请说。", chat.transcript
    assert CANCELLED in chat.say("她说拔河不去了"), chat.transcript
    assert status(school, "2007", TUG) == "cancelled"


def test_typed_on_the_holders_phone_with_her_name_then_her_withdrawal(school):
    chat = as_member(school, "2007")
    chat.say("报名拔河")
    chat.say("是")
    assert "赵淑芬老师有什么情况" in chat.say("用我妈的微信发的，她是退休的赵淑芬")
    assert CANCELLED in chat.say("她说拔河不去了"), chat.transcript
    assert status(school, "2007", TUG) == "cancelled"


@pytest.mark.parametrize("said", ["我老公说拔河就不去了吧", "我丈夫说他拔河去不了了", "我家那口子说拔河不参加了"])
def test_a_wife_typing_on_her_husbands_phone_withdraws_him(school, said):
    chat = as_member(school, "1018")  # 高峰, a man: only his wife calls him 老公
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say(said)
    if CANCELLED not in reply:  # (asked first is fine: the holder's word, relayed)
        assert "要帮您取消" in reply, reply
        reply = chat.say("是")
    assert CANCELLED in reply, chat.transcript
    assert status(school, "1018", TUG) == "cancelled"


def test_a_husband_typing_on_his_wifes_phone_withdraws_her(school):
    chat = as_member(school, "1017")  # 何雪, a woman
    chat.say("报名拔河")
    chat.say("是")
    assert CANCELLED in chat.say("我老婆说拔河就不去了"), chat.transcript
    assert status(school, "1017", TUG) == "cancelled"


def test_her_husbands_words_on_her_own_phone_keep_her_sign_up(school):
    chat = as_member(school, "1017")  # 何雪: her husband is not the holder
    chat.say("报名拔河")
    chat.say("是")
    reply = chat.say("我老公说拔河就不去了吧")
    assert CANCELLED not in reply and "报名还在" in reply, reply
    assert status(school, "1017", TUG) == "confirmed"


def test_a_wife_relays_her_husbands_sign_up_and_his_yes(school):
    chat = as_member(school, "1018")
    assert chat.say("我老公说给他报个登山").startswith(f"确认报名「{HIKE}」")
    assert chat.say("他说确认").startswith(SIGNED)
    assert status(school, "1018", HIKE) == "confirmed"


@pytest.mark.parametrize("news, subject", [
    ("我们组刘洋的老婆住院了", "刘洋的爱人"),
    ("张伟老师的媳妇昨天做了手术", "张伟的爱人"),
    ("我老公昨天住院了", "何雪的爱人"),
    ("周婷老师她丈夫住院了", "周婷的爱人"),
    ("陈玉珍老师的老伴住院了", "陈玉珍的老伴"),  # (老伴 is no informal word: kept as said)
])
def test_a_spouse_in_a_care_report_is_recorded_as_the_members_aiRen(school, news, subject):
    chat = as_member(school, "1017")
    reply = chat.say(news)
    if "什么时候" in reply:
        reply = chat.say("昨天")
    assert "早日康复" in reply, chat.transcript
    assert [r["subject"] for r in care_rows(school)] == [subject]


# ---- 4. a rhetorical yes to signing ----------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["实名？怕啥", "实名? 怕什么", "署名？有啥好怕的", "写我名字？怕啥呀", "实名吧？怕谁"])
def test_a_name_asked_back_with_no_fear_signs(school, answer):
    chat = as_member(school, "1017")
    assert chat.say("建议食堂的饭菜少放点盐").startswith(ASKS_SIGN)
    assert chat.say(answer).startswith("已收到您的建议（实名）"), chat.transcript
    member = school.store.members.by_staff_no("1017")
    assert stored(school) == [("食堂的饭菜少放点盐", member.id)]


@pytest.mark.parametrize("answer", ["实名？", "实名怕啥？", "实名？为啥", "实名？怕啥？", "实名？怕被报复", "匿名？怕啥",
                                    "实名？怕啥，会不会被领导知道"])
def test_an_uncertain_question_about_a_name_never_signs(school, answer):
    chat = as_member(school, "1017")
    chat.say("建议食堂的饭菜少放点盐")
    chat.say(answer)
    chat.say("嗯")
    assert all(member_id is None for _, member_id in stored(school)), chat.transcript


# ---- 5. a sign-up whose party is put right keeps its activity ---------------------------------------------------


@pytest.fixture
def family_day(school):
    """Companions allowed, at most 2 each."""
    return school.store.activities.add("亲子游园会", "2026-09-19 09:00", "植物园", 20, "2026-09-17 17:00",
                                       kind="出游", allow_companions=True, max_companions=2)


@pytest.mark.parametrize("said, title", [
    ("报名读书会 2大1小，不对，就我自己", READING),
    ("报名拔河 我和我爱人两个人，不对，就我自己", TUG),
    ("报名读书会2大1小 不对 就我自己", READING),
    ("报名读书会，我和我老公，哦不对，就我一个", READING),
])
def test_the_party_put_right_to_herself_keeps_the_activity(school, said, title):
    chat = as_member(school, "1017")
    assert chat.say(said).startswith(f"确认报名「{title}」吗？"), chat.transcript
    assert chat.say("是").startswith(f"{SIGNED}！「{title}」")
    assert status(school, "1017", title) == "confirmed"


def test_the_party_put_right_to_a_family_where_family_may_come(school, family_day):
    chat = as_member(school, "1017")
    assert chat.say("报名亲子游园会 就我自己，不对，2大1小").startswith("确认报名「亲子游园会」（共 3 人）吗？"), chat.transcript
    chat.say("是")
    member = school.store.members.by_staff_no("1017")
    assert school.store.signups.get(family_day.id, member.id)["party"] == 3


def test_the_party_put_right_to_a_family_where_none_may_come_is_said(school):
    chat = as_member(school, "1017")
    reply = chat.say("报名读书会 就我自己，不对，2大1小")
    assert reply.startswith(f"「{READING}」这次不接受携带家属"), reply


def test_an_activity_put_right_is_still_the_new_one(school):
    chat = as_member(school, "1017")
    assert chat.say("报乒乓球 哦不对 是拔河").startswith(f"确认报名「{TUG}」")


# ---- 6. the care flow: a request beside the name, the news put right ---------------------------------------------


@pytest.mark.parametrize("answer, words", [("张伟，另外匿名投诉一下食堂太贵", "食堂太贵"),
                                           ("数学组张伟 另外匿名反映一下厕所没纸", "厕所没纸")])
def test_a_suggestion_beside_the_name_is_filed_after_the_report(school, answer, words):
    chat = as_member(school, "1017")
    chat.say("有老师住院了")
    reply = chat.say(answer)
    assert "什么时候" in reply and "接着办" in reply, reply
    done = chat.say("昨天")
    assert "早日康复" in done and "（匿名）" in done, done
    assert [r["subject"] for r in care_rows(school)] == ["张伟"]
    assert stored(school) == [(words, None)]


def test_a_sign_up_beside_the_name_is_asked_after_the_report(school):
    chat = as_member(school, "1017")
    chat.say("有老师住院了")
    chat.say("张伟，另外帮我报名拔河")
    assert f"确认报名「{TUG}」" in chat.say("昨天"), chat.transcript
    assert chat.say("是").startswith(SIGNED)
    assert [r["subject"] for r in care_rows(school)] == ["张伟"]


@pytest.mark.parametrize("put_right", ["唔係住院 係出院", "不是住院 是出院", "不是住院，是做了个手术"])
def test_the_news_put_right_keeps_the_colleague(school, put_right):
    chat = as_member(school, "1017")
    chat.say("张伟老师住院了")
    reply = chat.say(put_right)
    assert "哪位老师" not in reply and "什么时候" in reply, reply
    chat.say("昨天")
    assert [(r["subject"], r["when_text"]) for r in care_rows(school)] == [("张伟", "昨天（2026-08-31）")]


def test_the_person_put_right_at_the_time_is_still_the_new_one(school):
    chat = as_member(school, "1017")
    chat.say("张伟老师住院了")
    chat.say("说错了 不是张伟 是张三")
    assert [r["subject"] for r in care_rows(school)] == ["张三"]


# ---- the signed receipt kept signed -----------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["算了，还是别匿名了", "还是不要匿名了", "想了想 还是别匿名吧"])
def test_keeping_a_signed_one_signed_files_nothing_new(school, said):
    chat = as_member(school, "1021")
    chat.say("建议:食堂的饭菜太咸了,希望少放点盐.")
    chat.say("实名")
    reply = chat.say(said)
    assert ASKS_SIGN not in reply and ASKS_CONTENT not in reply, reply
    chat.say("嗯")
    member = school.store.members.by_staff_no("1021")
    assert stored(school) == [("食堂的饭菜太咸了,希望少放点盐.", member.id)]
