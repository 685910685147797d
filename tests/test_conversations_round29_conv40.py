"""Sign-ups, a likeness and a name asked for on a suggestion, said in set 40's styles (tuning set 43's misses zx54, zx31,
zx25, zx20, zx32, zx10), each as written and in other words a teacher could send:

- Activities she names to leave out ("拔河、登山这次先不追了") are not the ones in focus: "就这两个，确认报名。" next takes
  the two shown before, and her yes said with it signs them both at once.
- A short settled question first ("绑好了吧？那第二件事：…给我报上，确认。"), a hesitation ended first ("算了不纠结了，冲！")
  or a dare last ("不试永远不知道") leave the yes said with a sign-up her yes.
- A mishap only likened to ("插出来像车祸现场") is no care news: nothing filed, no "请问是哪位老师？".
- "敢作敢当", "这一世我不躲了" are no doubt beside a name; "不申请匿名" refuses anonymity; "写朕的名字" asks for hers.
Every conversation runs through /wechat with the frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import re

import pytest

from storage.suggestions import TICKET_ALPHABET
from tests.test_conversations_round23_yes19 import FLOWERS, GAMES, HIKE, PING, TUG, confirmed
from tests.test_conversations_round24_many20 import School
from tests.test_conversations_round27_care25 import reports

ASK_SIGN = "要署上您的名字吗？"
TICKET = re.compile(rf"编号 ([{TICKET_ALPHABET}]{{6}})")


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    made.store.members.upsert(staff_no="1031", name="王建军", gender="男", group_name="数学组", phone="13900001031")
    yield made
    made.bot.dispatch.flush()


# ---- zx54: two picked, two left out, then "就这两个，确认报名。" -----------------------------------------------------

PICKED = "九月份的活动排得跟追剧更新表似的。我挑两集追：数学组趣味运动会，9号下午那个；还有26号的女教职工插花沙龙。"


@pytest.mark.parametrize("left_out", ["拔河、登山这次先不追了，一次追太多容易烂尾。", "拔河、登山这回都不凑热闹了", "拔河和登山就先放弃吧"])
@pytest.mark.parametrize("yes", ["就这两个，确认报名。", "就这俩，确认报名", "这两个都报上，确认"])
def test_activities_left_out_are_not_in_focus_and_these_two_confirmed_sign_both(school, left_out, yes):
    """tuned set 43 zx54: "就这两个" took 拔河 and 登山 (named to be left out) and asked to confirm them."""
    school.say("1007", PICKED)
    assert school.say("1007", left_out).startswith(f"好的，「{TUG}」「{HIKE}」先不报。"), left_out
    reply = school.say("1007", yes)
    assert reply.count("报名成功") == 2, reply
    confirmed(school, "1007", GAMES)
    confirmed(school, "1007", FLOWERS)
    assert school.status("1007", TUG) is None and school.status("1007", HIKE) is None


@pytest.mark.parametrize("then", ["就这两个，确认报名。", "这两个都报上，确认"])
def test_what_is_left_out_is_never_signed_after(school, then):
    school.say("1007", PICKED)
    school.say("1007", "拔河、登山这回都不凑热闹了")
    school.say("1007", then)
    assert school.status("1007", TUG) is None and school.status("1007", HIKE) is None


def test_one_of_hers_left_out_is_a_withdrawal_not_this_note(school):
    signed = school.say("1007", "报名拔河，确认")
    assert "报名成功" in signed, signed
    school.say("1007", PICKED)
    assert not school.say("1007", "拔河这次先不追了").startswith("好的，「")


# ---- zx31: a settled question first, then the sign-up and its yes ------------------------------------------------


def test_the_newcomer_binds_then_asks_if_bound_and_signs_with_her_yes(school):
    """tuned set 43 zx31: "确认报名「数学组趣味运动会」吗？" asked though she had said 确认."""
    school.new("o-new", "重生回到入职第一天！上一世我拖了一个学期才绑定工会小助手，错过了好多活动。这一世第一件事就是绑定：数学组王建军，工号1031。")
    assert "绑定成功" in school.new("o-new", "手机后四位1031。")
    reply = school.new("o-new", "绑好了吧？那第二件事：数学组趣味运动会，9号那个，给我报上，确认。")
    assert "报名成功" in reply and GAMES in reply, reply


@pytest.mark.parametrize("said, title", [
    ("绑好了吧？那第二件事：数学组趣味运动会，9号那个，给我报上，确认。", GAMES),
    ("搞定了吗？好，拔河给我报上，确认。", TUG),
    ("都弄好了吧？那乒乓球友谊赛给我报上，确认", PING),
])
def test_a_settled_question_first_leaves_the_yes_said_with_the_sign_up(school, said, title):
    reply = school.say("1031", said)
    assert "报名成功" in reply, reply
    confirmed(school, "1031", title)


def test_a_settled_question_then_a_sign_up_without_its_yes_is_asked(school):
    assert school.say("1031", "绑好了吧？那拔河给我报上").startswith(f"确认报名「{TUG}」")
    assert school.status("1031", TUG) is None


# ---- zx25: a likeness is no care news; a hesitation ended, a dare, and the yes -----------------------------------


@pytest.mark.parametrize("likeness", [
    "我纠结好久了，怕自己手残，插出来像车祸现场，翻车多尴尬……",
    "第一次做蛋糕，怕做出来像车祸现场",
    "我怕自己唱得像车祸现场一样，翻车了多丢人",
    "手残党一个，剪出来的花简直是车祸现场",
])
def test_a_mishap_only_likened_to_files_no_care_news(school, likeness):
    """tuned set 43 zx25: "请问是哪位老师？" (车祸 read as news), and her sign-up then taken for the answer."""
    reply = school.say("1003", likeness)
    assert reports(school) == [] and "哪位" not in reply, reply


def test_a_real_accident_is_still_care_news(school):
    school.say("1003", "张伟昨天出了车祸，现场很惨，住院了")
    assert reports(school) == [("张伟", "生病住院", "2026-08-31")]


@pytest.mark.parametrize("yes", [
    "算了不纠结了，冲！女教职工插花沙龙给我报上，确认。不试永远不知道。",
    "想通了，插花沙龙给我报上，确认，不试试怎么知道",
    "不犹豫了，插花给我报上，确认。试了才知道",
])
def test_a_hesitation_ended_and_a_dare_leave_her_yes(school, yes):
    school.say("1003", "插花沙龙最近被同事疯狂种草，26号下午三点在工会活动室那个，真的值得冲吗？")
    school.say("1003", "我纠结好久了，怕自己手残，插出来像车祸现场，翻车多尴尬……")
    reply = school.say("1003", yes)
    assert "报名成功" in reply, reply
    confirmed(school, "1003", FLOWERS)


def test_a_hesitation_ended_with_a_no_signs_nothing(school):
    school.say("1003", "不纠结了，插花沙龙我不报了")
    assert school.status("1003", FLOWERS) is None


# ---- zx20, zx32, zx10: her name asked for, in her own words --------------------------------------------------------

PARKING = ("奉天承运，皇帝诏曰：近日校内停车位紧张，早上七点半以后进校就找不到位置，老师们绕圈找车位，屡屡险些迟到，朕心甚忧。"
           "着工会向学校建议：把操场北侧那块空地划出来做临时停车区。")
HOOD = "建议学校尽快检修化学实验室的通风橱，以后每学期请专业人员检查一次通风系统。"
COPIER = "建议学校更换文印室的复印机，考试周期间增派一名复印人员。"


def _filed(school, staff_no, suggestion, answer):
    assert school.say(staff_no, suggestion).startswith(ASK_SIGN)
    reply = school.say(staff_no, answer)
    found = TICKET.search(reply)
    assert found, reply
    return reply, school.store.suggestions.in_tray(found.group(1))


@pytest.mark.parametrize("staff_no, suggestion, answer, words", [
    # zx20: "敢作敢当" is no doubt; "写朕的名字" is hers
    ("1018", PARKING, "署名？朕向来敢作敢当，写朕的名字：数学组高峰，实名。钦此。", "停车"),
    ("1018", PARKING, "我敢作敢当，实名", "停车"),
    ("1018", PARKING, "敢说敢当，写朕的名字", "停车"),
    # zx32: hiding no more is no doubt
    ("1011", HOOD, "而且这一世我不躲了，署我的名字：理化生组徐丽，实名提交。", "通风"),
    ("1011", HOOD, "我不躲了，写我名字", "通风"),
    ("1011", HOOD, "这次不藏着掖着了，署名", "通风"),
    # zx10: "不申请匿名" refuses anonymity
    ("1019", COPIER, "本案原告实名起诉，不申请匿名，落款就写我林晓燕的名字。", "复印"),
    ("1019", COPIER, "不选匿名，实名", "复印"),
    ("1019", COPIER, "不要求匿名，署我的名字", "复印"),
])
def test_her_name_asked_for_in_her_own_words_is_signed(school, staff_no, suggestion, answer, words):
    """tuned set 43 zx20, zx32: filed anonymous though she asked for her name (she could get no reply)."""
    reply, row = _filed(school, staff_no, suggestion, answer)
    assert reply.startswith("已收到您的建议（实名）"), reply
    assert words in row["content"] and row["member_id"] == school.store.members.by_staff_no(staff_no).id, row


@pytest.mark.parametrize("answer", ["实名？我不敢", "我想躲着点，实名还是算了", "实名就不申请了，匿名", "敢作敢当？还是匿名吧"])
def test_what_is_no_clear_ask_for_her_name_stays_anonymous(school, answer):
    reply, row = _filed(school, "1011", HOOD, answer)
    assert reply.startswith("已收到您的建议（匿名）"), reply
    assert row["member_id"] is None, row
