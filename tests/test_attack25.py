"""Attack review 25: what consent25, care25 and signup25 let through before they land.
Chat scripts through /wechat at the demo school's frozen clock (周婷 工号1009 英语组, 朱军 工号1014).

- "建议人：<组><名>" signed her suggestion even when what stood for the group said the opposite ("建议人：匿名吧，英语组周婷",
  "建议人：匿名，英语组周婷"): the form's label took any six characters before 组 as her group. Anonymity is the product:
  a word of choice there is no group, and no name is put to it.
- A closing wish was set aside as saying nothing about the choice, whatever it wished: "实名就实名，让我们共同期待秋后算账"
  and "署名吧，祝我不被穿小鞋一切顺利" were signed, their fear dropped with the wish. A wish that holds a fear is read.
- After news of a colleague's hardship, any word of aid with no proposal word was pasted into his report and told to the
  committee under her name: her own suggestion ("对了，食堂的伙食补贴能不能涨一点"), her complaint ("后勤主任他老是拖着不发加班
  补贴", "我想反映一下，交通补贴一直没发") or her own family's news ("另外我自己家里也挺困难的，我妈也病了，能不能帮帮我").
  Only help asked for him or her is added to the report."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round19_conv32a import care
from tests.test_conversations_round23_consent19 import ASK_SIGN
from tests.test_conversations_round23_yes19 import BADMINTON, PING, TUG, School
from tests.test_conversations_round27_consent25 import HUANG, NOTED  # (the hardship news of tuned41 zu26)

KIDS = "接下来是一个节目建议：卡拉OK歌唱比赛能不能在中场加一个教职工子女表演环节？孩子们唱首歌、弹个琴，老师们也更愿意带家人来看。"
SIGNED = "已收到您的建议（实名）"


def _signed_rows(school) -> list:
    return school.store.db.query("SELECT id FROM suggestions WHERE member_id IS NOT NULL")


# ---- consent: no name put to it unless she clearly asked -----------------------------------------------------------


@pytest.mark.parametrize("answer", [
    # a choice where the form names her group
    "建议人：匿名吧，英语组周婷",
    "建议人：匿名，英语组周婷",
    "建议人：保密，英语组周婷",
    "建议人：不写，我是英语组周婷",
    # a closing wish that holds a fear
    "实名就实名，让我们共同期待秋后算账",
    "署名吧，祝我不被穿小鞋一切顺利",
    "实名，让我们一起期待被约谈吧",
])
def test_what_is_not_her_clear_ask_puts_no_name_to_it(school, answer):
    chat = as_member(school, "1009")
    assert chat.say(KIDS).startswith(ASK_SIGN)
    reply = chat.say(answer)
    assert not reply.startswith(SIGNED) and reply.strip(), chat.transcript
    assert _signed_rows(school) == [], chat.transcript


@pytest.mark.parametrize("answer", ["建议人：英语组周婷", "实名，让我们共同期待精彩的比赛！", "署名，预祝活动圆满成功"])
def test_her_own_name_and_a_plain_wish_still_sign(school, answer):
    chat = as_member(school, "1009")
    assert chat.say(KIDS).startswith(ASK_SIGN)
    assert chat.say(answer).startswith(SIGNED), chat.transcript


# ---- care: only help asked for the colleague is added to his report -------------------------------------------------



def _event(school) -> str:
    return school.store.db.query("SELECT event FROM care_reports ORDER BY id")[0]["event"]


@pytest.mark.parametrize("then", [
    "对了，食堂的伙食补贴能不能涨一点",
    "还有个事，后勤主任他老是拖着不发加班补贴",
    "我想反映一下，交通补贴一直没发",
    "另外我自己家里也挺困难的，我妈也病了，能不能帮帮我",
    "我家里也困难，想给我申请个补助",
])
def test_her_own_words_after_a_colleagues_hardship_never_join_his_report(school, then):
    chat = as_member(school, "1014")
    chat.say(HUANG)
    reply = chat.say(then)
    assert not reply.startswith(NOTED) and reply.strip(), chat.transcript
    assert then not in _event(school) and care(school)[0] == ("黄勇", "困难", ""), chat.transcript


@pytest.mark.parametrize("then", ["他自己不好意思开口，麻烦工会看看能不能帮他申请个救助。", "看工会能不能帮帮他",
                                  "他是我的老同事了，麻烦工会帮帮他申请个补助", "麻烦帮我跟工会说一声，看能不能给他申请个困难补助"])
def test_help_asked_for_him_still_joins_his_report(school, then):
    chat = as_member(school, "1014")
    chat.say(HUANG)
    assert chat.say(then).startswith(NOTED), chat.transcript


# ---- sign-ups: "两场都报" only when both are plainly asked -------------------------------------------------------------


@pytest.fixture
def school_wx(tmp_path, clock):  # (the demo school behind /wechat, as tests/test_conversations_round23_yes19.py has it)
    made = School(tmp_path, clock)
    yield made
    made.bot.dispatch.flush()


@pytest.mark.parametrize("answer", [
    "俩都报不上就算了，确认羽毛球",
    "两个都报不了，就报这个",
    "两场都报太累了，就这个",
    "两个都想去，但时间冲突，先报羽毛球吧",
    "两个都行，确认",
])
def test_both_named_but_not_both_asked_never_signs_the_other(school_wx, answer):
    school_wx.say("1022", "拔河比赛和羽毛球联谊赛")
    assert school_wx.say("1022", "报名羽毛球").startswith(f"确认报名「{BADMINTON}」")
    reply = school_wx.say("1022", answer)
    assert "以下 2 个活动" not in reply and reply.strip(), reply
    assert school_wx.status("1022", TUG) is None, reply


# ---- a plan given up is set aside only when the request after it is hers ----------------------------------------------


@pytest.mark.parametrize("said, other", [
    ("本来想报拔河，结果同事非要帮我报乒乓球，我才不要", PING),
    ("本来想报拔河的，帮我报乒乓球？算了还是拔河吧", PING),
    ("我本来想报拔河，后来我老公说帮我报乒乓球，我没同意", PING),
    ("本来打算报拔河，我爱人让我报乒乓球，才不听他的", PING),
    ("原本想报拔河，家里人非要帮我报乒乓球，我不乐意", PING),
])
def test_a_request_that_is_not_hers_after_a_plan_is_not_the_one_confirmed(school_wx, said, other):
    reply = school_wx.say("1022", said)
    assert TUG in reply and other in reply and not reply.startswith(f"确认报名「{other}」"), reply  # which one, asked
    assert school_wx.status("1022", other) is None, reply


def test_her_own_request_after_a_plan_given_up_is_still_the_one_confirmed(school_wx):
    reply = school_wx.say("1022", "我本来想报拔河的，后来发现那天要监考，帮我报乒乓球吧")
    assert reply.startswith(f"确认报名「{PING}」"), reply


# ---- care: a colleague's brother or sister is never the colleague ---------------------------------------------------


@pytest.mark.parametrize("news, subject, kind", [
    ("王芳的姐姐去世了", "王芳的姐姐", "丧事"),
    ("语文组王芳老师的弟弟昨天走了", "王芳的弟弟", "丧事"),
    ("王芳她哥哥住院了", "王芳的哥哥", "生病住院"),
])
def test_a_colleagues_sibling_is_reported_as_the_sibling(school, news, subject, kind):
    """王芳 was told to the committee as dead (or ill) when her brother or sister was."""
    chat = as_member(school, "1014")
    reply = chat.say(news)
    if not care(school):  # (the day asked first)
        reply = chat.say("不清楚")
    assert care(school) and care(school)[0][:2] == (subject, kind), chat.transcript
    assert reply.strip()
