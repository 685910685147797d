"""Whole conversations, ninth round (issue 19), teachers' own ways of writing: a newcomer's words for the
union's ("登记" / "登个记" for 报名, "撤销" / "不参加了" for a withdrawal, "提个意见" / "反映" for a suggestion)
and an activity named by its date alone ("9月6号那个", "周日那个"); runs of marks ("!!", "！！", "~~",
"。。。") part the phrases of a message; a filler said first ("那个…", "嗯，", "呃 ") and a particle said last
("哈") hide no answer at any step. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01
09:00); the wording is our own, not the held-out sets'."""

from __future__ import annotations

import pytest

from bot.normalize import canonical
from tests.conftest import as_member
from tests.test_whole_messages import status


def tray(school) -> list[dict]:
    return school.store.scratch.query("SELECT content, member_id FROM tray") + school.store.db.query(
        "SELECT content, member_id FROM suggestions")


# ---- a newcomer's words for the union's ------------------------------------------------------------


@pytest.mark.parametrize("ask", ["你好 我是今年新来的老师 想登记一下读书会 怎么弄", "读书会帮我登个记", "麻烦给我登记上读书会",
                                 "新来的 读书会那个想登记一下", "您好，教师读书会我想登记参加，怎么操作？"])
def test_a_newcomer_signs_up_by_asking_to_be_registered(school, ask):
    chat = as_member(school, "1027")
    assert chat.say(ask).startswith("确认报名「教师读书会」")
    chat.say("是的")
    assert status(school, "1027", "教师读书会") == "confirmed"


@pytest.mark.parametrize("ask", ["我想登记一下身份", "刚来学校 要在哪里登记身份", "我登记过哪些活动",
                                 "读书会我登记上没有"])
def test_registering_an_identity_or_asking_what_was_done_is_no_sign_up(school, ask):
    chat = as_member(school, "1027")
    assert not chat.say(ask).startswith("确认报名")
    chat.say("是")
    assert status(school, "1027", "教师读书会") is None


@pytest.mark.parametrize("withdraw", ["读书会我撤销吧", "读书会不参加了", "撤回读书会的报名", "读书会那个我不去了哈"])
def test_a_newcomer_withdraws_in_her_own_words(school, withdraw):
    chat = as_member(school, "1027")
    chat.say("读书会帮我登个记")
    chat.say("是")
    chat.say(withdraw)
    chat.say("是")
    assert status(school, "1027", "教师读书会") != "confirmed"


@pytest.mark.parametrize("said", ["提个意见 食堂的菜太咸了", "想反映个情况 食堂的菜太咸了", "意见反馈：食堂的菜太咸了",
                                  "给工会提个意见，食堂的菜太咸了"])
def test_a_newcomer_makes_a_suggestion_in_her_own_words(school, said):
    chat = as_member(school, "1027")
    assert "要署上您的名字吗" in chat.say(said)
    chat.say("实名")
    assert [bool(r["member_id"]) for r in tray(school) if "太咸" in r["content"]] == [True]


# ---- an activity named by its date alone ------------------------------------------------------------


@pytest.mark.parametrize("named", ["对 就是9月6号那个 帮我登记", "9月6号那个帮我报一下", "6号那个 帮我报名",
                                   "帮我报个名 周日那个", "礼拜天那个 给我报上"])
def test_an_activity_named_by_its_date_alone(school, named):
    chat = as_member(school, "1027")
    assert chat.say(named).startswith("确认报名「教师读书会」")
    chat.say("是的")
    assert status(school, "1027", "教师读书会") == "confirmed"


def test_a_day_with_no_activity_still_lists_them(school):
    chat = as_member(school, "1027")
    assert chat.say("帮我报一下 9月7号那个").startswith("没有找到您说的活动")


def test_a_newcomer_whole_conversation(school):
    chat = as_member(school, "1027")
    chat.say("你好 我是今年新来的老师 想登记一下读书会 怎么弄")
    chat.say("对 就是9月6号那个 帮我登记")
    chat.say("是的")
    assert status(school, "1027", "教师读书会") == "confirmed"


# ---- runs of marks part the phrases ------------------------------------------------------------------


@pytest.mark.parametrize("text, plain", [("实名!!", "实名"), ("再提一个！！操场跑道该翻修了！！坑坑洼洼！！", "再提一个,操场跑道该翻修了,坑坑洼洼"),
                                         ("好的~~谢谢~~", "好的,谢谢"), ("那个。。。确认", "确认"), ("嗯…不了", "不了"),
                                         ("嗯", "嗯"), ("就是", "就是"), ("那个活动几点", "那个活动几点")])
def test_marks_in_runs_and_fillers_said_first(text, plain):
    assert canonical(text) == plain


@pytest.mark.parametrize("first, second, sign", [
    ("上次提的那个!!编号A3K9Q2!!咋样了!!", "再提一个!!操场跑道该翻修了!!坑坑洼洼!!", "实名!!"),
    ("我的建议A3K9Q2！！有回复没！！", "再提一个！！操场跑道该翻修了！！", "实名！！"),
    ("查询建议 A3K9Q2~~", "还有个建议~~操场跑道该翻修了~~坑坑洼洼~~", "写我名字~~"),
    ("A3K9Q2那个建议怎么样了。。。", "再提一条。。。操场跑道该翻修了。。。", "实名吧。。。"),
])
def test_marks_in_runs_a_status_check_then_a_new_suggestion(school, first, second, sign):
    chat = as_member(school, "1010")
    chat.say(first)
    assert "要署上您的名字吗" in chat.say(second)
    assert "（实名）" in chat.say(sign)
    assert [bool(r["member_id"]) for r in tray(school) if "跑道" in r["content"]] == [True]


@pytest.mark.parametrize("yes", ["是的!!", "确认！！！", "好的~~", "报吧。。。"])
def test_a_yes_in_marks_confirms(school, yes):
    chat = as_member(school, "1010")
    assert chat.say("拔河帮我报一个!!").startswith("确认报名「教职工拔河比赛」")
    chat.say(yes)
    assert status(school, "1010", "教职工拔河比赛") == "confirmed"


# ---- a filler first and a particle last hide no answer ----------------------------------------------


@pytest.mark.parametrize("yes", ["那个…是的确认哈", "嗯…确认哈", "呃，好的哈", "那个，报吧哈", "就是…确定哈"])
def test_a_filler_and_a_particle_around_a_yes(school, yes):
    chat = as_member(school, "1005")
    assert chat.say("那个…卡拉OK比赛是哪天哈").startswith("为您找到")
    assert chat.say("那个…帮我报一个哈").startswith("确认报名「卡拉OK歌唱比赛」")
    chat.say(yes)
    assert status(school, "1005", "卡拉OK歌唱比赛") == "confirmed"


@pytest.mark.parametrize("no", ["那个…算了哈", "嗯…不了哈", "呃 先不报了哈"])
def test_a_filler_and_a_particle_around_a_no(school, no):
    chat = as_member(school, "1005")
    chat.say("那个…帮我报一下卡拉OK哈")
    chat.say(no)
    assert status(school, "1005", "卡拉OK歌唱比赛") is None


@pytest.mark.parametrize("sign, signed", [("那个…实名哈", True), ("嗯…匿名吧哈", False), ("呃，写我名字哈", True)])
def test_a_filler_and_a_particle_around_the_consent(school, sign, signed):
    chat = as_member(school, "1005")
    assert "要署上您的名字吗" in chat.say("那个…提个建议哈 食堂的菜太咸了")
    chat.say(sign)
    assert [bool(r["member_id"]) for r in tray(school) if "太咸" in r["content"]] == [signed]


@pytest.mark.parametrize("pick", ["那个…2哈", "呃，2", "嗯…第二个哈"])
def test_a_filler_and_a_particle_around_a_number(school, pick):
    chat = as_member(school, "1005")
    assert chat.say("那个…我想报个名哈").startswith("没有找到您说的活动")
    assert chat.say(pick).startswith("确认报名「教师读书会」")


def test_a_yes_word_first_is_no_filler(school):
    chat = as_member(school, "1005")
    chat.say("报名卡拉OK")
    assert chat.say("我还是不报卡拉OK了 帮我换成读书会吧").startswith("确认报名「教师读书会」")
    chat.say("嗯 读书会")
    assert status(school, "1005", "教师读书会") == "confirmed"
