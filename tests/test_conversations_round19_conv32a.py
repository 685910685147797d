"""Whole conversations, nineteenth round (issue 19, conv32a): conversations set 27 read and acted on
(tests/data/conversations_tuned32.json, zj01 zj02 zj03 zj04 zj07 zj09 zj14 zj16 zj20 zj22 zj23 zj25 zj27 zj28), each by
its general cause.

- A yes among other words: "报名确认" (the yes after its object), a sign-off after it ("…先不说了"), a clause that is itself
  the yes beside words that neither refuse nor doubt ("照方抓药，确认") right after one activity was shown or offered.
- A yes to a sign-up is no answer "1" to "您是想：1. 提建议 2. 查询活动？" (it filed the story as a suggestion).
- Several named at the open list ("9号的运动会、10号的拔河，都帮我报上") are confirmed together, not the first alone; one
  more added to a confirmation "若尚有名额" (the waiting list settles that; it is no question).
- After a refused sign-up, "插花不报，改为：拔河" asks the other one.
- An exam paper: the letter in the blank picks from the list after it ("（ C ） A. … C. …"), a statement marked 对/√ or 错/×.
- A correction of her name after a sign-up ("…我要唱歌 许力 不对 徐丽") keeps the activity.
- English put through a machine translator ("签名向上为卡拉OK"), a takeaway's order ("老板，来一份秋季登山活动").
- Care: a day in words after a digit month ("九月十九办酒席") is the calendar's; "10月1日起退休" is that day; care news told
  where the suggestion asked whether to sign is reported (the suggestion set aside).
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00); the wording of the variants is our own."""

from __future__ import annotations

import re

import pytest

from tests.conftest import as_member
from tests.test_conversations_round15_older import signed_suggestion
from tests.test_conversations_round18_conv31 import BADMINTON, BOOK, HIKE, MATH, PINGPONG, TUG
from tests.test_whole_messages import status

KARAOKE = "卡拉OK歌唱比赛"
FLOWERS = "女教职工插花沙龙"
ELDERS = "重阳敬老座谈会"


def care(school) -> list[tuple[str, str, str]]:
    """(subject, kind, the ISO day the when-text holds: "9月19日（2026-09-19）" → "2026-09-19") of each report."""
    rows = school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")
    return [(r["subject"], r["event_kind"], (re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", r["when_text"]) or [""])[-1])
            for r in rows]


# ---- a yes among other words ----------------------------------------------------------------------------------


def test_the_drill_commands_as_written(school):
    """tuned set 32 zj07."""
    chat = as_member(school, "1017")
    assert "确认报名" in chat.say("全体都有！向报名台——齐步走！目标：9月4号羽毛球联谊赛")
    assert "报名成功" in chat.say("立定！向右看齐！报名确认！")
    assert status(school, "1017", BADMINTON) == "confirmed"


def tug_answered(school, answer: str, staff_no: str = "1001") -> str:
    chat = as_member(school, staff_no)
    assert "确认报名" in chat.say("报名拔河")
    return chat.say(answer)


@pytest.mark.parametrize("yes", [
    "报名确认", "稍息！参赛确认！", "收到，报名确认。",  # the yes after its object
    "确认，培训这边要上课了先不说了", "好的 确认 开会去了不多说了", "确认报名，就不跟你聊了",  # a sign-off after it
])
def test_a_yes_in_other_order_or_before_a_sign_off_signs_up(school, yes):
    reply = tug_answered(school, yes)
    assert "报名成功" in reply, reply
    assert status(school, "1001", TUG) == "confirmed"


@pytest.mark.parametrize("said", ["报名确认？", "报名确认不了，那天监考", "先不报了，不说了"])
def test_a_doubt_beside_them_still_signs_nobody_up(school, said):
    reply = tug_answered(school, said)
    assert "报名成功" not in reply, reply
    assert status(school, "1001", TUG) is None


def test_the_prescription_as_written(school):
    """tuned set 32 zj20: the one activity shown, then "照方抓药，确认"."""
    chat = as_member(school, "2005")
    assert ELDERS in chat.say("Rx：重阳敬老座谈会 ×1\n用法：10月1日上午9:30，老干部活动室，一次\n医嘱：本人陈玉珍亲自到场")
    assert "报名成功" in chat.say("照方抓药，确认")
    assert status(school, "2005", ELDERS) == "confirmed"


@pytest.mark.parametrize(("said", "signed"), [
    ("看过了，确认", "confirmed"), ("行，就这样，确认。到时候见", "confirmed"), ("明白了 那确认", "confirmed"),  # a yes among words
    ("确认一下，几点开始？", None), ("确认不了，那天有课", None), ("我再考虑考虑，确认了再说", None),  # a question, a doubt
])
def test_a_yes_among_words_right_after_one_was_shown(school, said, signed):
    chat = as_member(school, "1013")
    assert "为您找到" in chat.say("乒乓球友谊赛什么时候")
    reply = chat.say(said)
    assert ("报名成功" in reply) == bool(signed), reply
    assert status(school, "1013", PINGPONG) == signed


def test_a_place_kept_as_written(school):
    """tuned set 32 zj22: "要为您报名吗？" answered "那就先报上吧，确认。歌回头再定"."""
    chat = as_member(school, "1025")
    assert "要为您报名吗" in chat.say("卡拉OK那个能不能先给我占个位？我还没想好唱什么歌")
    assert "报名成功" in chat.say("那就先报上吧，确认。歌回头再定")
    assert status(school, "1025", KARAOKE) == "confirmed"


def test_the_commentator_as_written(school):
    """tuned set 32 zj01: "确认！…报名有效" answered "您是想：1. 提建议或意见 2. 查询活动？" — no suggestion filed. Since
    held-out singles 25–29 were trained on, "他要报名！" is asked to confirm at once ("确认报名「教职工拔河比赛」吗？"), and
    the commentator's naming it again ("对，就是教职工拔河比赛") is the yes: signed once, nothing filed either way."""
    chat = as_member(school, "1004")
    chat.say("观众朋友们，现在是工会报名时间！体艺组刘洋老师一个箭步冲向了——拔河比赛！他要报名！他要报名了！")
    chat.say("解说员补充一句：9月10号操场那场，对，就是教职工拔河比赛")
    reply = chat.say("确认！裁判鸣哨，报名有效，全场沸腾")
    assert "建议" not in reply, reply
    assert sum("报名成功" in said for _, said in chat.transcript) == 1, chat.transcript
    assert status(school, "1004", TUG) == "confirmed"
    assert signed_suggestion(school, "解说员") is None


# ---- several at once, one added, one swapped -------------------------------------------------------------------


def test_back_from_training_as_written(school):
    """tuned set 32 zj16: the open list shown first, then two named at it."""
    chat = as_member(school, "1007")
    chat.say("我在省城参加骨干教师培训，8号晚上回学校")
    assert "确认报名以下 2 个活动" in chat.say("回来正好赶上：9号的数学组趣味运动会、10号的教职工拔河比赛，都帮我报上")
    chat.say("确认，两个都报。培训这边要上课了先不说了")
    assert status(school, "1007", MATH) == "confirmed"
    assert status(school, "1007", TUG) == "confirmed"


@pytest.mark.parametrize("named", ["读书会和拔河都帮我报上", "教师读书会、教职工拔河比赛，两个都报", "6号的读书会、10号的拔河，都要"])
def test_several_named_at_the_open_list_are_confirmed_together(school, named):
    chat = as_member(school, "1011")
    assert "目前可以报名的有" in chat.say("我想报名")
    reply = chat.say(named)
    assert "确认报名以下 2 个活动" in reply, reply
    assert "报名成功" in chat.say("好的确认")
    assert status(school, "1011", BOOK) == status(school, "1011", TUG) == "confirmed"


def test_the_courteous_two_as_written(school):
    """tuned set 32 zj04."""
    chat = as_member(school, "1013")
    assert "确认报名「女教职工插花沙龙」" in chat.say("叨扰了。烦请工会的同志为我报名女教职工插花沙龙，9月26日那期。")
    assert "确认报名以下 2 个活动" in chat.say("另有一事相求：本周日（9月6日）的教师读书会，若尚有名额，也劳驾一并报上。")
    chat.say("两项均确认无误，有劳有劳，万分感谢！")
    assert status(school, "1013", FLOWERS) == status(school, "1013", BOOK) == "confirmed"


@pytest.mark.parametrize("more", ["有位置的话，读书会也一并帮我报上", "如果还有名额，拔河也加上", "要是还有空位，读书会也一并报上"])
def test_one_more_wished_for_if_there_is_room_is_added(school, more):
    chat = as_member(school, "1013")
    assert "确认报名「女教职工插花沙龙」" in chat.say("报名插花")
    reply = chat.say(more)
    assert "确认报名以下 2 个活动" in reply, reply


def test_the_steps_as_written(school):
    """tuned set 32 zj23: 插花 refused him, then "插花不报，步骤二改为：教职工拔河比赛"."""
    chat = as_member(school, "1012")
    assert "不在您的参加范围内" in chat.say("步骤一：打开活动列表；步骤二：找到女教职工插花沙龙；步骤三：给孙强报名")
    assert "确认报名「教职工拔河比赛」" in chat.say("哦，步骤二报错：仅限女教职工。那算了，插花不报，步骤二改为：教职工拔河比赛")
    chat.say("步骤四：确认。完成")
    assert status(school, "1012", TUG) == "confirmed"
    assert status(school, "1012", FLOWERS) is None


@pytest.mark.parametrize("other", ["那插花不报了，改成乒乓球", "插花算了 换成羽毛球联谊赛", "插花那个改为拔河吧"])
def test_another_one_after_a_refused_one_is_asked(school, other):
    chat = as_member(school, "1012")
    assert "不在您的参加范围内" in chat.say("报名插花")
    reply = chat.say(other)
    assert reply.startswith("确认报名「"), reply
    assert "插花" not in reply.split("\n")[0], reply


# ---- an exam paper ---------------------------------------------------------------------------------------------


def test_the_exam_paper_as_written(school):
    """tuned set 32 zj03."""
    chat = as_member(school, "1029")
    first = chat.say("一、选择题（本题1人）：曹雪梅老师要报名参加的活动是（ C ）\n"
                     "A. 乒乓球友谊赛  B. 卡拉OK歌唱比赛  C. 数学组趣味运动会  D. 都不去")
    assert first.startswith("确认报名「数学组趣味运动会」"), first
    assert "报名成功" in chat.say("二、判断题：确认报名（ 对 ）")
    assert status(school, "1029", MATH) == "confirmed"
    assert status(school, "1029", PINGPONG) is None


@pytest.mark.parametrize(("paper", "title"), [
    ("选择题：我要报的是（B） A.读书会 B.卡拉OK C.羽毛球", "卡拉OK歌唱比赛"),
    ("我想参加的活动是( A )\nA、教职工拔河比赛 B、乒乓球友谊赛", "教职工拔河比赛"),
])
def test_the_letter_in_the_blank_picks_from_the_list(school, paper, title):
    reply = as_member(school, "1011").say(paper)
    assert reply.startswith(f"确认报名「{title}」"), reply


@pytest.mark.parametrize(("marked", "signed"), [("判断题：确认报名（√）", "confirmed"), ("确认报名 (对)", "confirmed"),
                                                 ("判断题：确认报名（×）", None), ("确认报名（错）", None)])
def test_a_statement_marked_true_or_false_answers(school, marked, signed):
    tug_answered(school, marked)
    assert status(school, "1001", TUG) == signed


# ---- her name put right, English word for word, a takeaway's order ----------------------------------------------------


def test_the_voice_input_as_written(school):
    """tuned set 32 zj14."""
    chat = as_member(school, "1011")
    assert "确认报名「卡拉OK歌唱比赛」" in chat.say("帮我报名卡拉OK歌唱比塞 比赛 是比赛 我要唱歌 许力 不对 徐丽 理化生组")
    assert "报名成功" in chat.say("确认 确认 独唱合唱都行")
    assert status(school, "1011", KARAOKE) == "confirmed"


@pytest.mark.parametrize("said", ["帮我报名羽毛球联谊赛 许力 不对 徐丽", "报名读书会 我是许莉 说错了 徐丽 理化生组"])
def test_her_name_put_right_keeps_the_activity(school, said):
    reply = as_member(school, "1011").say(said)
    assert reply.startswith("确认报名「"), reply


def test_a_correction_of_the_activity_still_takes_the_second(school):
    reply = as_member(school, "1011").say("报名乒乓球 哦不对 是羽毛球")
    assert reply.startswith("确认报名「羽毛球联谊赛」"), reply


def test_the_machine_translation_as_written(school):
    """tuned set 32 zj09."""
    chat = as_member(school, "1015")
    assert "确认报名「卡拉OK歌唱比赛」" in chat.say("你好。我想要签名向上为卡拉OK歌唱比赛，作为一个独唱的人。")
    assert "报名成功" in chat.say("是的，我确认这个签名向上。谢谢你为你的帮助。")
    assert status(school, "1015", KARAOKE) == "confirmed"


@pytest.mark.parametrize(("said", "title"), [("我想签约向上为教师读书会", BOOK), ("请签我向上为拔河比赛，谢谢你为你的帮助", TUG)])
def test_sign_up_word_for_word_is_a_sign_up(school, said, title):
    reply = as_member(school, "1015").say(said)
    assert reply.startswith(f"确认报名「{title}」"), reply


def test_the_takeaway_as_written(school):
    """tuned set 32 zj02 (the writers' brief: family may come on the outing)."""
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))
    chat = as_member(school, "1009")
    assert "确认报名「秋季登山活动」（共 3 人）" in chat.say("老板，来一份秋季登山活动，加两个家属：我老公，还有女儿（8岁），不要香菜😂")
    assert "报名成功" in chat.say("对对，一共我们三个人，下单吧")
    chat.say("备注：女儿晕车，座位能靠前点最好，谢谢老板")
    assert status(school, "1009", HIKE) == "confirmed"


@pytest.mark.parametrize(("order", "title"), [("老板，来一份教师读书会", BOOK), ("点一份拔河比赛，谢谢", TUG), ("来份卡拉OK歌唱比赛", KARAOKE)])
def test_a_takeaway_order_of_an_activity_is_a_sign_up(school, order, title):
    reply = as_member(school, "1009").say(order)
    assert reply.startswith(f"确认报名「{title}」"), reply


def test_a_lunch_box_ordered_for_the_outing_is_no_sign_up(school):
    reply = as_member(school, "1009").say("来一份登山的盒饭")
    assert "确认报名" not in reply, reply


# ---- care ----------------------------------------------------------------------------------------------------


def test_the_wedding_in_verse_as_written(school):
    """tuned set 32 zj27."""
    chat = as_member(school, "1028")
    assert "新婚快乐" in chat.say("体艺组里喜事到，\n冯浩要把新娘娶，\n九月十九办酒席，\n——结婚！")
    chat.say("就是我本人，9月19号结婚，酒席在老家，欢迎同事们沾沾喜气")
    assert care(school) == [("冯浩（本人）", "结婚", "2026-09-19")]


@pytest.mark.parametrize(("news", "day"), [("九月二十八我结婚，在老家办酒席", "2026-09-28"),
                                           ("我十月二十办喜事，跟工会说一声", "2026-10-20"),
                                           ("农历九月十九我结婚", "2026-10-28")])  # (农历 said: the lunar day)
def test_a_day_said_in_words_after_a_digit_month(school, news, day):
    as_member(school, "1028").say(news)
    assert [(kind, on) for _, kind, on in care(school)] == [("结婚", day)]


def test_the_self_appraisal_as_written(school):
    """tuned set 32 zj28."""
    chat = as_member(school, "1023")
    chat.say("期末评语（自评）：该同志在校工作三十四年，勤勤恳恳，任劳任怨。综合评定：可以退休了。")
    assert "退休" in chat.say("正经说：我10月1日起正式退休，行政后勤组郑秀英，跟工会说一声")
    assert care(school) == [("郑秀英（本人）", "退休", "2026-10-01")]


@pytest.mark.parametrize("news", ["我11月1日起退休，跟工会报备", "我11月1号开始就退休了，说一声", "我11月1日起正式办理退休"])
def test_retiring_from_a_day_is_that_day(school, news):
    as_member(school, "1023").say(news)
    assert [(kind, on) for _, kind, on in care(school)] == [("退休", "2026-11-01")]


def test_the_wilted_plant_as_written(school):
    """tuned set 32 zj25: care news where the suggestion asked whether to sign."""
    chat = as_member(school, "1005")
    assert "要署上您的名字吗" in chat.say("办公室窗台那盆绿萝这两天都蔫了，平时都是马兰浇水的……")
    reply = chat.say("她昨天做了阑尾炎手术，现在在市中心医院住院，语文组的马兰")
    assert "已收到您的建议" not in reply, reply
    chat.say("麻烦转告工会，她说不用大张旗鼓")
    assert care(school) == [("马兰", "生病住院", "2026-08-31")]
    assert signed_suggestion(school, "绿萝") is None  # (set aside, "继续" takes it up)


@pytest.mark.parametrize("news", ["王芳昨天摔骨折了，在人民医院住院", "对了，张伟前天做了胆囊手术，现在住院呢"])
def test_care_news_asked_whether_to_sign_is_reported(school, news):
    chat = as_member(school, "1005")
    assert "要署上您的名字吗" in chat.say("建议食堂多开一个窗口，中午排队太久了")
    reply = chat.say(news)
    assert "已收到您的建议" not in reply, reply
    assert [kind for _, kind, _ in care(school)] == ["生病住院"]
    assert "继续" in reply


@pytest.mark.parametrize("answer", ["匿名", "实名", "随便吧"])
def test_an_answer_to_whether_to_sign_still_files_the_suggestion(school, answer):
    chat = as_member(school, "1005")
    chat.say("建议食堂多开一个窗口，中午排队太久了")
    assert "已收到您的建议" in chat.say(answer)
    assert care(school) == []
