"""匿名就是匿名 (issue 19, anon22): an anonymous suggestion's own words keep nothing that says who sent it, wherever in
them she wrote it ("我陈玉珍建议：…老陈我腿脚不好", "…我是退休组陈玉珍，电话13900002005"): her name (spaced, traditional,
pinyin), her phone (spaced, dashed, in Chinese digits), any mobile number, her 工号 said as hers, 老陈 beside 我: each
becomes （已隐去）, by every way one is filed (straight away, after "要署上您的名字吗？", a complaint passed on, a proposal,
words added in a later turn, a signed one changed to anonymous); she is told, in one sentence, and told that her group or
story may still point at her. A signed one, another's name, and numbers that are no phone are kept. And a story of what
befell those who signed ("上次实名的老师被约谈了"), said to the question, is no consent: anonymous.
Chat scripts through /wechat at the demo school (陈玉珍 工号2005, phone 13900002005); the tray row and the released row
are checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import demo
from storage.suggestions import TICKET_ALPHABET
from tests.helpers import release

TICKET = re.compile(rf"编号 ([{TICKET_ALPHABET}]{{6}})")
ASK_SIGN = "要署上您的名字吗？"
OFFER = "工会可以帮您把这个意见转达给学校。"
ANONYMOUS = "已收到您的{kind}（匿名）"
SIGNED = "已收到您的{kind}（实名）"
HIDDEN = "（已隐去）"
TOLD = "为保护匿名，您在内容里写的姓名、电话、工号已隐去；但所在组别、亲身经历等细节仍可能让人猜到是您。"
HERS = ["陈玉珍", "陳玉珍", "陈 玉 珍", "老陈", "13900002005", "2005", "chenyuzhen", "yuzhen"]
CHECKUP = "建议体检给退休老师安排专场"


@pytest.fixture
def school_wx(plain_wechat):
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    for staff_no in ("2005", "1001"):
        bot.store.bindings.bind("wechat", f"o{staff_no}", bot.store.members.by_staff_no(staff_no).id)
    return plain_wechat


def _store(wx):
    return wx.app.extensions["unionbot"].store


def _said(wx, turns: list[str], user: str = "o2005") -> list[str]:
    return [wx.say(user, turn) for turn in turns]


def _filed(wx, turns: list[str], kind: str = "建议", signed: bool = False, user: str = "o2005") -> tuple[dict, str]:
    """Each turn said; the last files it (signed or anonymous): (its row in the tray, the receipt)."""
    replies = _said(wx, turns, user)
    receipt = replies[-1]
    assert receipt.startswith((SIGNED if signed else ANONYMOUS).format(kind=kind)), list(zip(turns, replies, strict=True))
    row = _store(wx).scratch.one("SELECT * FROM tray WHERE ticket = ?", (TICKET.search(receipt).group(1),))
    return row, receipt


def _released(wx, ticket: str) -> dict:
    assert release(_store(wx)) >= 1
    return _store(wx).db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket,))


def _scratch_holds(wx, said: str) -> bool:
    """Whether the scratch file's bytes hold `said` (the tray's row, a draft, the reply kept for a retry)."""
    return said.encode() in Path(_store(wx).scratch.path).read_bytes()


def _nothing_of_hers(row: dict, words: str) -> None:
    assert row["member_id"] is None and words in row["content"] and HIDDEN in row["content"], row
    assert not any(said in row["content"] for said in HERS), row


# ---- the two seen: her name and 老陈 in the middle, her name and phone after her group ---------------------------------

def test_her_name_and_old_chen_in_the_middle_of_a_suggestion_filed_anonymously_are_hidden(school_wx):
    row, receipt = _filed(school_wx, ["匿名反馈：我陈玉珍建议：体检给退休老师安排专场，老陈我腿脚不好。"])
    assert row["content"] == "我（已隐去）建议：体检给退休老师安排专场，（已隐去）我腿脚不好。", row
    assert TOLD in receipt and not _scratch_holds(school_wx, "陈玉珍")
    released = _released(school_wx, row["ticket"])
    assert released["anonymous"] == 1 and released["member_id"] is None and "陈" not in released["content"], released


def test_her_name_and_phone_after_the_question_to_sign_are_hidden(school_wx):
    row, receipt = _filed(school_wx, [CHECKUP + "，我是退休组陈玉珍，电话13900002005", "匿名"])
    assert row["content"] == "体检给退休老师安排专场，我是退休组（已隐去），电话（已隐去）", row
    assert TOLD in receipt
    released = _released(school_wx, row["ticket"])
    assert "陈玉珍" not in released["content"] and "13900002005" not in released["content"], released


# ---- the same, written otherwise -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "我是陈 玉 珍，腿脚不好",  # spaces between its characters
    "我是陳玉珍，腿脚不好",  # traditional characters
    "我是退休的chenyuzhen，腿脚不好",  # pinyin
    "有事打电话139-0000-2005，腿脚不好",  # dashes
    "有事打电话 139 0000 2005 ，腿脚不好",  # spaces
    "有事打电话一三九零零零零二零零五，腿脚不好",  # Chinese digits
    "有事打我家里人电话13812345678，腿脚不好",  # any mainland mobile
    "我工号2005，腿脚不好",
    "我2005，腿脚不好",
    "我的职工号是2005，腿脚不好",
    "我老陈腿脚不好",
    "老陈我腿脚不好",
])
def test_who_she_is_written_otherwise_is_hidden(school_wx, written):
    row, receipt = _filed(school_wx, [f"匿名：{CHECKUP}，{written}，排队站不住"])
    _nothing_of_hers(row, "腿脚不好")
    assert "13812345678" not in row["content"] and TOLD in receipt


# ---- every way one is filed --------------------------------------------------------------------------------------------

def test_a_complaint_passed_on_anonymously_keeps_nothing_of_hers(school_wx):
    row, receipt = _filed(school_wx, ["退休活动室的饮水机可脏了", "建议每月清洗一次，老陈我天天用，电话13900002005", "匿名"])
    _nothing_of_hers(row, "饮水机")
    assert TOLD in receipt


def test_a_complaint_answered_anonymous_with_more_of_it_keeps_nothing_of_hers(school_wx):
    assert _said(school_wx, ["退休活动室的饮水机可脏了"])[0].startswith(OFFER)
    row, receipt = _filed(school_wx, ["匿名 我陈玉珍天天用这个饮水机"])
    _nothing_of_hers(row, "天天用")
    assert TOLD in receipt


def test_a_proposal_filed_anonymously_keeps_nothing_of_hers(school_wx):
    row, receipt = _filed(school_wx, ["提案：建议体检给退休老师安排专场，我陈玉珍腿脚不好", "匿名"], kind="提案")
    _nothing_of_hers(row, "腿脚不好")
    assert TOLD in receipt


def test_words_added_with_the_answer_to_sign_keep_nothing_of_hers(school_wx):
    row, receipt = _filed(school_wx, [CHECKUP, "匿名吧 另外我陈玉珍电话13900002005，排队时能有凳子"])
    _nothing_of_hers(row, "凳子")
    assert TOLD in receipt


def test_words_asked_for_then_answered_anonymous_keep_nothing_of_hers(school_wx):
    row, receipt = _filed(school_wx, ["我想提个建议", "体检给退休老师安排专场，我陈玉珍腿脚不好", "匿名"])
    _nothing_of_hers(row, "腿脚不好")
    assert TOLD in receipt


@pytest.mark.parametrize("change", ["改为匿名 {ticket}", "匿名"])
def test_a_signed_one_changed_to_anonymous_keeps_nothing_of_hers(school_wx, change):
    row, _receipt = _filed(school_wx, [CHECKUP + "，我陈玉珍腿脚不好，电话13900002005", "实名"], signed=True)
    assert "陈玉珍" in row["content"] and row["member_id"] is not None  # signed: her words as she wrote them
    replies = _said(school_wx, [change.format(ticket=row["ticket"])])
    if change == "匿名":  # a bare "匿名" after a signed receipt: asked whether to change it
        replies.append(school_wx.say("o2005", "是"))
    assert "已改为匿名" in replies[-1] and TOLD in replies[-1], replies
    changed = _store(school_wx).suggestions.in_tray(row["ticket"])
    _nothing_of_hers(changed, "腿脚不好")
    assert not _scratch_holds(school_wx, "陈玉珍") and not _scratch_holds(school_wx, "13900002005")  # overwritten
    released = _released(school_wx, row["ticket"])
    assert released["anonymous"] == 1 and "陈玉珍" not in released["content"], released


# ---- what stays ----------------------------------------------------------------------------------------------------------

def test_a_signed_one_keeps_her_name_and_phone(school_wx):
    row, receipt = _filed(school_wx, [CHECKUP + "，老陈我腿脚不好，电话13900002005", "实名"], signed=True)
    assert "老陈我腿脚不好，电话13900002005" in row["content"] and TOLD not in receipt, row


@pytest.mark.parametrize("words", ["建议表扬张伟老师，他修好了3号楼的饮水机", "2026年体检请在3号楼安排退休专场，一共12个人"])
def test_another_name_and_numbers_that_are_no_phone_are_kept_and_nothing_is_said(school_wx, words):
    row, receipt = _filed(school_wx, [f"匿名：{words}"])
    assert row["content"] == words and row["member_id"] is None and TOLD not in receipt, row


def test_another_teachers_name_is_kept_while_hers_is_hidden(school_wx):
    row, receipt = _filed(school_wx, ["匿名：建议表扬张伟老师，我陈玉珍的腿脚不好，是他帮我修好了3号楼的扶手"])
    assert row["content"] == "建议表扬张伟老师，我（已隐去）的腿脚不好，是他帮我修好了3号楼的扶手" and TOLD in receipt, row


def test_her_name_in_another_teachers_suggestion_is_kept(school_wx):
    row, receipt = _filed(school_wx, ["匿名：建议表扬退休组陈玉珍老师，她组织的合唱很好"], user="o1001")
    assert "陈玉珍" in row["content"] and TOLD not in receipt, row  # (张伟's suggestion: only his own name is hidden)


# ---- a story of others who signed is no consent --------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "上次实名的老师被约谈了",
    "实名的都没好下场",
    "实名的人后来都被领导找了",
    "署名的老师都吃亏了",
    "去年老李实名反映，结果被约谈了",
])
def test_what_befell_those_who_signed_keeps_it_anonymous(school_wx, answer):
    replies = _said(school_wx, [CHECKUP + "，排队太久"])
    assert replies[0].startswith(ASK_SIGN), replies
    row, _receipt = _filed(school_wx, [answer])
    assert row["member_id"] is None and "专场" in row["content"], row


@pytest.mark.parametrize("answer", ["实名", "实名的就行", "实名吧，没什么好怕的", "实名 工会的老师们辛苦了"])
def test_a_plain_name_asked_for_is_still_signed(school_wx, answer):
    assert _said(school_wx, [CHECKUP + "，排队太久"])[0].startswith(ASK_SIGN)
    row, _receipt = _filed(school_wx, [answer], signed=True)
    assert row["member_id"] == _store(school_wx).members.by_staff_no("2005").id, row


def test_a_fear_of_what_befell_others_was_anonymous_already(school_wx):
    assert _said(school_wx, [CHECKUP + "，排队太久"])[0].startswith(ASK_SIGN)
    row, _receipt = _filed(school_wx, ["敢实名的人都被穿小鞋了"])
    assert row["member_id"] is None, row


# ---- an attacker's further reading (anon22): more that says who she is --------------------------------------------------

@pytest.mark.parametrize("written, secret", [
    ("我是Chén Yùzhēn，腿脚不好", "zh"),  # pinyin with its tones
    ("有事加我的微信号chen_yz60，腿脚不好", "chen_yz60"),  # a contact she calls her own
    ("我电话0571-88001234，腿脚不好", "88001234"),
    ("我手机尾号2005，腿脚不好", "2005"),
    ("我1960年10月10日生的，腿脚不好", "1960"),  # her birth date, as on the roster
    ("我身份证11010519491231002X，腿脚不好", "11010519491231002X"),  # any identity card number
    ("我叫玉珍，腿脚不好", "玉珍"),
])
def test_more_that_says_who_she_is_is_hidden(school_wx, written, secret):
    row, receipt = _filed(school_wx, [f"匿名：{CHECKUP}，{written}，排队站不住"])
    assert secret not in row["content"] and "腿脚不好" in row["content"] and TOLD in receipt, row


@pytest.mark.parametrize("words", ["建议食堂公布订单号123456789012345678的去向", "我的手机坏了也没法在群里报名，建议纸质报名也保留"])
def test_numbers_and_words_that_say_nobody_are_kept(school_wx, words):
    row, receipt = _filed(school_wx, [f"匿名：{words}"])
    assert row["content"] == words and TOLD not in receipt, row


def test_an_unbound_teacher_who_said_her_name_has_it_hidden(school_wx):
    replies = _said(school_wx, ["退休组陈玉珍，给工会提个建议"], user="oStranger")
    row, receipt = _filed(school_wx, ["体检给退休老师安排专场，我陈玉珍腿脚不好", "匿名"], user="oStranger")
    assert "陈玉珍" not in row["content"] and "腿脚不好" in row["content"] and TOLD in receipt, (replies, row)
