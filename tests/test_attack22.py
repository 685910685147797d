"""Attack review 22: an anonymous suggestion's words still named her when she wrote her name or phone with a symbol
between its characters ("陈🌸玉🌸珍", "陈*玉*珍", "陈/玉/珍", "陈、玉、珍", "139/0000/2005") or her phone with the country
code run on ("8613900002005"), her phone's last digits said otherwise ("手机后四位2005") or "陈老师我": the holder of the
database read them as she wrote them. Each is now （已隐去）.
Chat scripts through /wechat at the demo school (陈玉珍 工号2005, phone 13900002005)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_anonymity_body22 import CHECKUP, HERS, _filed, _nothing_of_hers, school_wx  # noqa: F401
from tests.test_whole_messages import status


@pytest.mark.parametrize("written", [
    "我是陈🌸玉🌸珍，腿脚不好",  # emoji between its characters
    "我是陈❤️玉❤️珍，腿脚不好",  # emoji with a variation selector
    "我是陈*玉*珍，腿脚不好",
    "我是陈/玉/珍，腿脚不好",
    "我是陈、玉、珍，腿脚不好",
    "有事打电话139/0000/2005，腿脚不好",
    "有事打电话8613900002005，腿脚不好",  # the country code run on
])
def test_her_name_or_phone_with_symbols_between_is_hidden(school_wx, written):  # noqa: F811
    row, _ = _filed(school_wx, [f"匿名：{CHECKUP}，{written}，排队站不住"])
    _nothing_of_hers(row, "腿脚不好")
    assert "玉" not in row["content"] and "0000" not in row["content"], row


@pytest.mark.parametrize("written", ["我的手机后四位2005，腿脚不好", "电话尾数2005，腿脚不好", "陈老师我腿脚不好",
                                     "我是陈老师，腿脚不好"])
def test_her_phone_s_last_digits_or_her_title_beside_me_is_hidden(school_wx, written):  # noqa: F811
    row, _ = _filed(school_wx, [f"匿名：{CHECKUP}，{written}，排队站不住"])
    _nothing_of_hers(row, "腿脚不好")
    assert "2005" not in row["content"] and "陈老师" not in row["content"], row


def test_a_colleague_listed_with_others_is_kept(school_wx):  # noqa: F811
    row, _ = _filed(school_wx, [f"匿名：{CHECKUP}，张伟、李娜都腿脚不好，排队站不住"])
    assert "张伟、李娜" in row["content"], row


# ---- withdrawal words that withdraw nothing: denied, mocked, on a condition, asked about, another's deed ----------------

@pytest.mark.parametrize("words", [
    "谁说我要撤回登山的报名了？", "撤回登山报名才怪", "取消登山？想得美", "要是下雨的话就取消登山的报名",
    "如果我取消登山会怎样", "我同事取消了登山的报名", "我老公想让我取消登山，我才不听",
])
def test_words_that_withdraw_nothing_keep_her_place(school, words):
    chat = as_member(school, "1008")
    chat.say("报名登山")
    assert "报名成功" in chat.say("是")
    reply = chat.say(words)
    assert "已为您取消" not in reply, reply
    assert status(school, "1008", "秋季登山活动") == "confirmed"


# ---- a yes taken back in the same breath is no sign-up ----------------------------------------------------------------

@pytest.mark.parametrize("answer", ["是不可能的", "确认我没空", "确认不去", "行吧……不行", "下次吧，确认"])
def test_a_yes_taken_back_signs_nothing(school, answer):
    chat = as_member(school, "1010")
    assert "确认报名「乒乓球友谊赛」" in chat.say("报名乒乓球")
    reply = chat.say(answer)
    assert "报名成功" not in reply, reply
    assert status(school, "1010", "乒乓球友谊赛") is None
