"""Attack review of 79836c1..6eb9dfd: consent to be named (以本人名义), the step after a care report,
the self-introduction that starts a binding, sign-ups settled without 是, the spoken ticket code.
Each test failed before its fix."""

from __future__ import annotations

from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import status

# ---- consent: a refusal of a name is never read as consent ------------------------------------------

# each refuses a name; the parser read every one as "sign it" (True)
REFUSED_NAMES = ["无须署名", "不需署名", "毋需署名", "无需写名字", "不方便署名", "不方便写名字", "不便署名", "不便实名",
                 "不好意思署名", "署名不方便", "实名不方便", "写名字不方便", "以个人名义不方便", "名字写上就麻烦了",
                 "署名：无", "署名 否", "实名：否",
                 # a doubt beside the name: the parser read each as "sign it" too
                 "署名怕被穿小鞋", "实名怕被报复", "写名字怕领导知道", "实名我不太敢", "署名我不愿意", "署名就算啦",
                 "实名太吓人了", "实名有风险", "写名字有顾虑", "担心署名", "不是以个人名义", "非实名", "取消署名",
                 "撤回署名", "以本人名义不妥", "以我名义不合适", "署名不合适", "实名不太方便吧", "署名免", "不太需要署名",
                 "实名的话不太方便",
                 # any 不, a mark, Cantonese 咪 ("don't"): read as "sign it" too ("实名X" by its sound, 实名)
                 "咪寫我個名", "实名心里没底", "实名再说吧", "署名✗", "❌署名", "署名×", "实名（不）", "实名X", "署名：不"]


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


# ---- after a care report: only what is about it is added and told to the committee --------------------

NOT_ABOUT_THE_REPORT = ["领导对病号太苛刻，希望匿名反映一下", "她们组长总欺负生病的老师，我不想署名", "我要反映个问题：病假扣工资太狠",
                        "今年工会的慰问标准太低了", "我腰椎不好想申请疗养", "我自己最近心脏不舒服，想请几天假",
                        "他们食堂的菜太咸了", "他们班的学生太调皮了", "她们说下周要开会"]


def test_an_unrelated_message_after_a_care_report_is_not_pasted_into_the_committee_s_notice(school):
    """The step after a care report took any message with a health word as a detail of the report: an
    anonymous complaint ("希望匿名反映") or the reporter's own health went to every officer under the
    reporter's report, linked to her by the report."""
    for text in NOT_ABOUT_THE_REPORT:
        school.store.db.execute("DELETE FROM care_reports")
        school.store.db.execute("DELETE FROM outbox")
        chat = as_member(school, "1001")
        chat.say("跟工会说下 我们组老孙住院了")
        assert chat.say("不清楚").startswith("谢谢您告诉工会")
        chat.say(text)
        report = school.store.db.one("SELECT subject, event FROM care_reports")
        assert text not in report["event"] and "本人" not in report["subject"], text
        notices = [r["text"] for r in school.store.db.query("SELECT text FROM outbox WHERE kind = 'care'")]
        assert not [n for n in notices if text[:8] in n or "更正" in n], text
        chat.say("取消")


# ---- binding: a wrong pair answers the same whether or not the name is on the roster -----------------


def test_a_mismatched_pair_does_not_tell_whether_the_name_is_on_the_roster(school):
    """"工号和姓名对不上" came in two wordings: "如果是工号打错了…" when the name was on the roster, "请核对后回复您的
    姓名" when it was not. With any real 工号 a stranger learnt, name by name, who is on the roster."""
    on_roster = Chat(school, "u-probe-1").say("我是高峰，工号1008")
    not_on_roster = Chat(school, "u-probe-2").say("我是高锋，工号1008")
    assert on_roster == not_on_roster
    assert Chat(school, "u-probe-3").say("绑定 1008 高峰") == Chat(school, "u-probe-4").say("绑定 1008 高锋")


def test_after_a_mismatch_either_the_staff_number_or_the_name_can_be_put_right(school):
    chat = Chat(school, "u-new")
    assert chat.say("我是高峰，工号1008").startswith("工号和姓名对不上")
    assert chat.say("不好意思输错了 应该是1018").startswith("为确认身份，请回复您登记手机号的后四位")
    chat = Chat(school, "u-new2")
    assert chat.say("绑定 1018 高锋").startswith("工号和姓名对不上")
    assert chat.say("写错了，高峰").startswith("为确认身份")


# ---- a no taken back: only for the activity said no to ------------------------------------------------


def test_a_no_about_another_activity_is_not_offered_back_as_the_one_just_shown(school):
    """"拔河先不报了" right after 读书会 was shown was taken as a no to 读书会: "还是报吧" then signed the
    teacher up for 读书会, which she never chose."""
    chat = as_member(school, "1004")
    assert chat.say("读书会几点开始啊").startswith("为您找到：")
    assert "读书会" not in chat.say("拔河先不报了")
    chat.say("还是报吧")
    assert status(school, "1004", "教师读书会") is None


# ---- a ticket code looked up: never read as other words ----------------------------------------------


def test_looking_up_a_ticket_whose_letters_read_as_words_answers_about_the_ticket(school):
    """"查询 7DBB3A" (a code the tray hands out) read BB as 宝宝: a bound teacher was asked "请问是哪位老师？"
    (a care report begun), an unbound one told to bind; neither heard about her suggestion."""
    for chat in (as_member(school, "1003"), Chat(school, "u-9999")):
        for code in ("7DBB3A", "bb23ka"):
            assert chat.say(f"查询 {code}").startswith(f"没有找到编号为 {code.upper()} 的建议"), code
            assert chat.say(f"查一下 {code}").startswith(f"没有找到编号为 {code.upper()} 的建议"), code


# ---- a confirmation settled without 是: never by a doubt ----------------------------------------------

HESITATIONS = ["一个人的话就算了", "就我一个，还是算了", "我一个人去没意思", "一个人去太无聊了", "只有我一个人啊，那我再想想",
               "一个人去有点尴尬", "我一个人，不太想去", "就我一个人的话，先不报", "一个人？", "我一个人报不了吧", "好的谢谢我考虑一下"]


def test_a_party_size_said_with_a_doubt_signs_nobody_up(school):
    """A party size matching the one asked settled the confirmation as a yes, whatever came with it:
    "一个人的话就算了" signed the teacher up."""
    for text in HESITATIONS:
        chat = as_member(school, "1004")
        assert chat.say("报名乒乓球").startswith("确认报名"), text
        chat.say(text)
        assert status(school, "1004", "乒乓球友谊赛") is None, text
        chat.say("取消")
