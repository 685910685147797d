"""A teacher's yes, however she writes it (issue 19, yes21; tuning set 39's misses): people put their decision last
and wrap it in style. A confirmation said last ("——确认。", "确认报名，此心不改", "确认报名不回头啊") signs unless a word
before it refuses or doubts this sign-up (不报/不去/算了/放弃/取消/再想想/先不) or asks a real question about it; a
rhetorical question ("难道我看起来像是在开玩笑吗？", "哪有不去的道理"), one she answers herself ("名额将尽？无妨") and the
question put to her said back ("工会问我确认否", "问我确定不确定") ask nothing; "不回头", "不再变更", "其他的不用问了" are no
doubt. A thing confirmed as a log says it ("航线确认") confirms; "再三" adds no activity and "出于" is no "出游".
Every conversation runs through /wechat with the frozen clock."""

from __future__ import annotations

import pytest

from tests.test_conversations_round23_yes19 import (
    BADMINTON,
    ELDERS,
    FLOWERS,
    GAMES,
    HIKE,
    PING,
    TUG,
    School,
    confirmed,
)


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    yield made
    made.bot.dispatch.flush()


def asked_then_answered(school, staff_no, asked, title, answer):
    shown = school.say(staff_no, asked)
    assert shown.startswith(f"确认报名「{title}」"), shown
    return school.say(staff_no, answer)


# ---- 1. at "确认报名「…」吗？": the confirmation said last decides -------------------------------------------------

TUG_VERSE = "九月十号好天气，\n操场拔河比力气，\n理化生组郭涛我——\n报名！"


@pytest.mark.parametrize("staff_no, asked, answer, title", [
    ("1010", "乒乓球友谊赛，给我留一个位置。", "我吴刚想要的东西，从来没有得不到的。别让我说第二遍——确认。", PING),  # zr25
    ("1010", "报名乒乓球", "我说过的话，从来没有收回的。别再磨蹭了——确认报名。", PING),
    ("1010", "报名乒乓球", "不必多言，懂的都懂。确认！", PING),
    ("1021", "报名拔河", "其他的不用问了。我只要你回答我一个字——好。确认报名。", TUG),  # zr28
    ("1021", "报名拔河", "别的都不用再说了，我只要一个字：好。确认。", TUG),
    ("1004", "哥俩好啊！六六顺啊！秋季登山报名走啊！", "八匹马啊！确认报名不回头啊！", HIKE),  # zr41
    ("1004", "报名登山", "七个巧啊！确认报名不回头！", HIKE),
    ("1004", "报名登山", "开弓没有回头箭，确认报名！", HIKE),
    ("1016", TUG_VERSE, "工会问我确认否，\n男子汉说话算数，\n白纸黑字记下来——\n确认！", TUG),  # zr37
    ("1016", "报名拔河", "领导问我去不去，\n老郭从来不含糊，\n黑板粉笔写上去——\n确认！", TUG),
    ("1016", "报名拔河", "你问我报不报，\n这事我早想好了，\n名字给我写上——\n确定！", TUG),
    ("1003", "报名插花沙龙", "是的，是的，确认！难道我看起来像是在开玩笑吗？", FLOWERS),  # zr21
    ("1003", "报名插花沙龙", "确认报名！这还用问吗？", FLOWERS),
    ("1003", "报名插花沙龙", "当然确认，哪有不去的道理？", FLOWERS),
    ("1004", "报名羽毛球", "名额将尽？无妨。机缘天定，哪怕排在候补之列，贫道也愿等。确认报名，此心不改。", BADMINTON),
])
def test_a_confirmation_said_last_signs(school, staff_no, asked, answer, title):
    reply = asked_then_answered(school, staff_no, asked, title, answer)
    assert reply.startswith("报名成功"), reply
    assert school.status(staff_no, title) == "confirmed"


PLAN = "家庭出行方案 v1.0\n【活动】秋季登山活动（9/17 南门集合）\n【成员】本人 + 老公 + 女儿（7岁）\n【家属人数】2"


@pytest.mark.parametrize("answer", [
    "Release Note：方案已冻结，不再变更。按 v1.0 报名，确认。",  # zr12
    "变更日志：名单不再更改，照此报名，确认。",
    "版本说明：v1.1 无改动。确认报名。",
])
def test_a_release_note_that_freezes_the_plan_signs_the_family(school, answer):
    shown = school.say("1015", PLAN)
    assert shown.startswith(f"确认报名「{HIKE}」（共 3 人）"), shown
    assert school.say("1015", answer).startswith("报名成功")
    confirmed(school, "1015", HIKE, 3)


@pytest.mark.parametrize("answer", [
    "问我确定不确定，\n曹雪梅做事不含糊，\n插花运动一起上——\n确定！",  # zr38
    "问我报不报两样，\n雪梅向来不犹豫，\n插花运动都要上——\n确认！",
    "两样都报不反悔，确认！难道还能有假？",
])
def test_a_verse_confirming_two_signs_both(school, answer):
    shown = school.say("1029", "插花沙龙二十六，\n数学趣味运动会九号有，\n两个活动我都想——\n都报！")
    assert shown.startswith("确认报名以下 2 个活动吗？"), shown
    assert school.say("1029", answer).count("报名成功") == 2
    confirmed(school, "1029", FLOWERS)
    confirmed(school, "1029", GAMES)


# ---- 2. the one activity just shown: her confirmation in a style of her own signs ------------------------------

IMMORTAL = ("道友请留步！贫道刘洋，体艺峰弟子。听闻9月4日申时（下午四点）体育馆一楼有羽毛球联谊赛，贫道手中球拍已饥渴难耐，"
            "愿下山一战！")
CAPTAIN = ("舰长日志，星历2026.09.01。\n本舰（退休组·李秀兰号）接收到基地信号：重阳敬老座谈会，10月1日9:30，老干部活动室。"
           "经评估，决定前往停靠。")


@pytest.mark.parametrize("staff_no, first, answer, title", [
    ("1004", IMMORTAL, "名额将尽？无妨。机缘天定，哪怕排在候补之列，贫道也愿等。确认报名，此心不改。", BADMINTON),  # zr13
    ("1004", IMMORTAL, "满员了？没关系，候补也行。确认报名，绝不反悔。", BADMINTON),
    ("1004", IMMORTAL, "人满了？那又如何。贫道心意已决，确认报名！", BADMINTON),
    ("2002", CAPTAIN, "航线确认，执行报名指令。日志完毕。", ELDERS),  # zr53
    ("2002", CAPTAIN, "坐标确认，报名程序启动。通话完毕。", ELDERS),
    ("2002", CAPTAIN, "目标确认。日志完毕。", ELDERS),
])
def test_a_confirmation_after_the_one_activity_was_shown_signs(school, staff_no, first, answer, title):
    shown = school.say(staff_no, first)
    assert title in shown and "报名成功" not in shown, shown
    reply = school.say(staff_no, answer)
    assert "报名成功" in reply, reply
    assert school.status(staff_no, title) in ("confirmed", "waitlisted")


# ---- 3. an application letter: her confirmation adds no other activity -----------------------------------------

LETTER = ("敬爱的学校工会：\n我是退休组的张桂芝，离开讲台已经八年了，但心始终和学校在一起。听说10月1日上午在老干部活动室开重阳"
          "敬老座谈会，我志愿报名参加，愿意把几十年教书的体会讲给年轻同志听。")


@pytest.mark.parametrize("answer", [
    "此申请出于本人自愿，无需再三征求意见。请组织确认我的报名。\n申请人：张桂芝\n2026年9月1日",  # zr02
    "本人出于自愿，不必再三确认。确认报名。\n申请人：张桂芝",
    "我出于对学校的感情报名，无需再三问我，确认。",
])
def test_an_application_confirmed_signs_only_the_one_asked(school, answer):
    assert school.say("2003", LETTER).startswith(f"确认报名「{ELDERS}」")
    reply = school.say("2003", answer)
    assert reply.startswith("报名成功") and HIKE not in reply, reply
    confirmed(school, "2003", ELDERS)
    assert school.status("2003", HIKE) is None


# ---- 4. what stays a non-yes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "九月十号好天气，\n操场拔河比力气，\n想来想去腰不好——\n不报！",
    "工会问我确认否，\n家里老人要照顾，\n思前想后没办法——\n算了！",
    "确认？我再想想",
    "别报了，确认取消",
    "先不报，确认",
    "难道不能再想想吗？确认",
    "确认报名？我还没想好",
    "几点集合？确认报名",
    "我没报上吧，确认一下",
    "那天可能有课，确认",
    "确认一下，我没报上吧？",
    "好的，不要了",
    "好吧，算了",
    "确认。不过那天可能有课",
    "他确认",
    "待确认",
    "未确认",
])
def test_what_is_no_yes_signs_nothing(school, answer):
    reply = asked_then_answered(school, "1004", "报名拔河", TUG, answer)
    assert "报名成功" not in reply, reply
    assert school.status("1004", TUG) is None
