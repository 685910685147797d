"""Attack review of 79836c1..6eb9dfd: consent to be named (以本人名义), the step after a care report,
the self-introduction that starts a binding, sign-ups settled without 是, the spoken ticket code.
Each test failed before its fix."""

from __future__ import annotations

from tests.conftest import as_member

# ---- consent: a refusal of a name is never read as consent ------------------------------------------

# each refuses a name; the parser read every one as "sign it" (True)
REFUSED_NAMES = ["无须署名", "不需署名", "毋需署名", "无需写名字", "不方便署名", "不方便写名字", "不便署名", "不便实名",
                 "不好意思署名", "署名不方便", "实名不方便", "写名字不方便", "以个人名义不方便", "名字写上就麻烦了",
                 "署名：无", "署名 否", "实名：否",
                 # a doubt beside the name: the parser read each as "sign it" too
                 "署名怕被穿小鞋", "实名怕被报复", "写名字怕领导知道", "实名我不太敢", "署名我不愿意", "署名就算啦",
                 "实名太吓人了", "实名有风险", "写名字有顾虑", "担心署名", "不是以个人名义", "非实名", "取消署名",
                 "撤回署名", "以本人名义不妥", "以我名义不合适", "署名不合适", "实名不太方便吧", "署名免", "不太需要署名",
                 "实名的话不太方便"]


def test_a_refused_name_is_never_read_as_consent():
    from handlers.suggestions.consent import answer_to_sign, sign_choice

    assert [a for a in REFUSED_NAMES if sign_choice(a) is True or answer_to_sign(a) is True] == []


def test_a_suggestion_answered_not_convenient_to_sign_is_anonymous(school):
    chat = as_member(school, "1003")
    assert chat.say("建议食堂增加早餐窗口").startswith("要署上您的名字吗？")
    assert chat.say("不方便署名").startswith("已收到您的建议（匿名）")


def test_clear_asks_to_be_named_still_sign():
    from handlers.suggestions.consent import sign_choice

    assert [a for a in ["实名", "写我名字", "就写我的名字吧没关系", "不要匿名", "以本人名义", "用我的名义提交",
                        "署名吧", "实名反映"] if sign_choice(a) is not True] == []
