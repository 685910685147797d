"""Tuning set 39's suggestion, consent and withdrawal misses (note21, issue 19), as the teachers wrote them and in other
words: a name asked by a rhetorical double refusal (申请书哪有不署名的道理) or by her own name written out to be signed
(写上陈玉珍三个字), the question quoted back before the answer (匿名实名问一下) choosing nothing; a counsellor's stratagem
(亮有一策，献于工会) and a complaint ordered put right (明天之前我要看到新滤芯) are suggestions; at a complaint's offer,
请把这个意见转给… is her yes and 总有一天会有人摔断腿 no care news; 撤回登山的报名 withdraws, and to "1. 报名活动 2. 取消报名？"
a withdrawal verb said last chooses it (a refused one keeps the sign-up). Chat scripts at the demo school's frozen clock;
the stored suggestion is checked (its words, and whether signed). Unclear consent stays anonymous: the non-cases."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import as_member
from tests.test_conversations_round24_note20 import ANONYMOUS, ASK_SIGN, SIGNED, _row
from tests.test_whole_messages import care_rows, status

OFFER = "工会可以帮您把这个意见转达给学校。"
HIKE = "秋季登山活动"


def _filed(school, staff_no: str, turns: list[str], words: str, signed: bool) -> None:
    """Each turn said in order; the last one files the suggestion holding `words`, signed or not."""
    chat = as_member(school, staff_no)
    for turn in turns[:-1]:
        reply = chat.say(turn)
        assert reply.startswith((ASK_SIGN, OFFER)), chat.transcript
    reply = chat.say(turns[-1])
    assert reply.startswith(SIGNED if signed else ANONYMOUS), chat.transcript
    row = _row(school, reply)
    member_id = school.store.members.by_staff_no(staff_no).id
    assert words in row["content"] and row["member_id"] == (member_id if signed else None), row


# zr03: a suggestion written as an application, then "申请书哪有不署名的道理。实名提交，署名：体艺组 何雪。" filed anonymously
YOGA = ("关于在工会活动室开设教职工瑜伽课的申请\n敬爱的工会：\n本人在体艺组任教，发现不少老师久坐批改作业，颈肩腰背普遍不适。"
        "为此我郑重建议：每周三放学后在工会活动室开设一节教职工瑜伽课，我可以义务带课。恳请组织研究采纳。")


@pytest.mark.parametrize("answer", [
    "申请书哪有不署名的道理。实名提交，署名：体艺组 何雪。",
    "哪有提建议不署名的道理，写上吧",
    "申请书哪能不写名字呢？署名：何雪",
    "哪有不实名的道理。",
])
def test_a_name_asked_by_a_rhetorical_double_refusal_is_signed(school, answer):
    _filed(school, "1017", [YOGA, answer], "瑜伽", signed=True)


@pytest.mark.parametrize("answer", [
    "哪有不匿名的道理",  # the same figure, for anonymity
    "申请书哪有不署名的道理，不过这次还是匿名吧",  # the mind changed after it
    "哪有不署名的？",  # alone with its question mark: may ask where one is, unclear
    "署名哪有不被穿小鞋的",  # no rhetorical ask of a name at all
])
def test_no_name_without_that_figure_asking_for_one(school, answer):
    _filed(school, "1017", [YOGA, answer], "瑜伽", signed=False)


# zr39: a verse, its answer quoting the question back, then her own name written out and "——实名！"
CHECKUP = "退休老师年纪大，\n体检排队腿发麻，\n能否安排退休专场——\n建议！"


@pytest.mark.parametrize("answer", [
    "匿名实名问一下，\n老陈做事光明正大，\n写上陈玉珍三个字——\n实名！",
    "你问匿名还是实名，\n陈玉珍我不怕事，\n写上陈玉珍的名字——\n署名！",
    "写上陈玉珍三个字",
    "落款就填陈玉珍的名字吧",
])
def test_the_question_quoted_back_or_her_own_name_written_out_signs(school, answer):
    _filed(school, "2005", [CHECKUP, answer], "专场", signed=True)


@pytest.mark.parametrize("answer", [
    "实名？不不不，匿名",
    "别写我名字——匿名！",
    "匿名实名问一下，\n老陈胆子小，\n名字就别写了——\n匿名！",
    "别写陈玉珍三个字",
    "匿名实名问一下",  # only the question quoted back: unclear
    "写上刘德华三个字",  # another's name is never her consent
])
def test_the_same_styles_refusing_or_unclear_stay_anonymous(school, answer):
    _filed(school, "2005", [CHECKUP, answer], "专场", signed=False)


# zr18: a 军师's stratagem offered to the union was answered with the help menu
SHADE = ("亮有一策，献于工会：九月十日拔河之役，操场无遮无挡，午后日头毒辣，观战同袍恐中暑气。宜于看台边搭设遮阳棚数顶，"
         "再备绿豆汤若干。此策若行，可保军心。")


@pytest.mark.parametrize("stratagem, words", [
    (SHADE, "遮阳"),
    ("臣有一计，可解酷暑：运动会当日，宜在操场边搭建凉棚，备些矿泉水。", "凉棚"),
    ("献上一策：登山那天山路陡，工会宜多备几根登山杖给老教师。", "登山杖"),
])
def test_a_stratagem_offered_to_the_union_is_a_suggestion(school, stratagem, words):
    _filed(school, "1001", [stratagem, "大丈夫行不更名，坐不改姓。此策署上张伟之名，实名呈上。"], words, signed=True)


@pytest.mark.parametrize("said", ["这学期的教学计划我已经交了", "学校的政策我不太懂"])
def test_a_plan_or_a_policy_is_no_stratagem(school, said):
    reply = as_member(school, "1001").say(said)
    assert not reply.startswith(ASK_SIGN), reply


# zr27: a complaint ordered put right was answered with the help menu
FILTER = "通知下去：语文组办公室的饮水机，滤芯三个月没换了。我陈静的办公室，不允许出现这种水。明天之前，我要看到新滤芯。"


@pytest.mark.parametrize("order, answer, words, signed", [
    (FILTER, "匿名？呵。我做事，从来不需要躲在匿名后面。实名，写我的名字。", "滤芯", True),
    ("三楼打印机坏了两个星期了，限你们三天内修好。", "匿名", "打印机", False),
    ("食堂的空调一学期没人修，立刻给我修好！", "实名", "空调", True),
])
def test_a_complaint_ordered_put_right_is_a_suggestion_asked_how_to_sign(school, order, answer, words, signed):
    chat = as_member(school, "1005")
    assert chat.say(order).startswith(ASK_SIGN)
    reply = chat.say(answer)
    assert reply.startswith(SIGNED if signed else ANONYMOUS), reply
    assert words in _row(school, reply)["content"]


def test_a_complaint_without_an_order_is_still_offered(school):
    assert as_member(school, "1005").say("饮水机滤芯好久没换了").startswith(OFFER)


# zr22: at a complaint's offer, "总有一天会有人摔断腿的。请把这个意见转给管事的先生们。" started a care report
LAMP = ("听着，伙计，我不得不说——老干部活动室门口那条小路，路灯已经坏了整整一个月了。一个月！每天傍晚我们这些老家伙摸黑走过去，"
        "简直像是在玩一场该死的冒险游戏。")


@pytest.mark.parametrize("passed_on", [
    "我以我的老花镜起誓，总有一天会有人摔断腿的。请把这个意见转给管事的先生们。",
    "迟早要出事的。麻烦转达给后勤。",
    "说不定哪天就有人摔了，请帮我反映给学校",
])
def test_passing_the_complaint_on_asks_how_to_sign_and_no_care_is_reported(school, passed_on):
    chat = as_member(school, "2004")
    assert chat.say(LAMP).startswith(OFFER)
    assert chat.say(passed_on).startswith(ASK_SIGN), chat.transcript
    reply = chat.say("署名？哦不不不，匿名，当然是匿名。我可不想让后勤的小伙子们觉得我是个爱抱怨的老头子。")
    assert reply.startswith(ANONYMOUS), reply
    assert "路灯" in _row(school, reply)["content"] and care_rows(school) == []


def test_a_harm_foreseen_at_the_offer_is_more_of_the_complaint(school):
    chat = as_member(school, "2004")
    chat.say(LAMP)
    assert chat.say("总有一天会有人摔断腿的。").startswith("已记下。")
    reply = chat.say("匿名")
    assert "摔断腿" in _row(school, reply)["content"] and care_rows(school) == []


def test_a_fall_that_happened_at_the_offer_is_still_care_news(school):
    chat = as_member(school, "2004")
    chat.say(LAMP)
    assert "祝早日康复" in chat.say("我老伴昨天就在那摔了，腿骨折住院了")
    assert len(care_rows(school)) == 1


# zr14: "特来撤回登山的报名" was asked "报名 or 取消？", and "道心已定，不必挽留。撤。" then got the help menu
def _signed_up(school, staff_no: str = "1024"):
    chat = as_member(school, staff_no)
    chat.say("报名登山")
    assert "报名成功" in chat.say("是")
    return chat


@pytest.mark.parametrize("withdrawal", [
    "在下张三，数学峰外门弟子。前些日子报了秋季登山，本想借山中灵气冲击筑基，奈何近日要闭关（带高三冲刺班），"
    "九月十七那天下不了山，特来撤回登山的报名。",
    "登山那天要监考，撤销我的登山报名",
    "秋季登山我去不成了，特此撤回报名",
])
def test_a_sign_up_withdrawn_in_words_is_withdrawn(school, withdrawal):
    chat = _signed_up(school)
    assert chat.say(withdrawal) == f"已为您取消「{HIKE}」的报名。"
    assert status(school, "1024", HIKE) == "cancelled"


def _asked_which(school, chat, text: str) -> None:
    """The bot has just asked "您是想：1. 报名活动 2. 取消报名？" about `text` (set directly: whether a message gets that
    question depends on how close the classifier's two best guesses are, which training moves)."""
    from bot.engine import CLARIFY
    from storage.conversations import Conversation

    school.store.conversations.save(Conversation("test", chat.user, CLARIFY, "choose",
                                                 {"text": text, "options": ["signup", "cancel_signup"]}),
                                    dt.timedelta(minutes=10))


ZR14 = ("在下张三，数学峰外门弟子。前些日子报了秋季登山，本想借山中灵气冲击筑基，奈何近日要闭关（带高三冲刺班），"
        "九月十七那天下不了山，特来撤回登山的报名。")


@pytest.mark.parametrize("answer", ["道心已定，不必挽留。撤。", "取消那个", "2", "想好了，不用劝我，退掉吧", "心意已决，莫劝。撤！"])
def test_a_withdrawal_chosen_by_its_verb_withdraws(school, answer):
    chat = _signed_up(school)
    _asked_which(school, chat, ZR14)
    assert chat.say(answer) == f"已为您取消「{HIKE}」的报名。"
    assert status(school, "1024", HIKE) == "cancelled"


@pytest.mark.parametrize("answer", ["别撤", "想了想，还是先不取消了", "撤吗？"])
def test_a_withdrawal_refused_or_asked_about_keeps_the_sign_up(school, answer):
    chat = _signed_up(school)
    _asked_which(school, chat, "前些日子报了秋季登山，九月十七那天下不了山。")
    chat.say(answer)
    assert status(school, "1024", HIKE) == "confirmed"
