"""Whole conversations, fourteenth round (issue 19, held-out set 22 read as tuned set 27): teachers who write
forms, lists and boxes, and a yes with extra words. A sign-up sheet of ■ and □ boxes signs up the ■ lines; numbered
lines with 报 or 不报 ("Ⅰ. 拔河 报 / Ⅲ. 卡拉OK 不报") the 报 ones; a settings form ("生日祝福：■关闭 □开启") sets
what is ticked; stage directions in brackets ("（搓手）", "（认真脸）", "(小声)") are not the message and "（划掉）"
strikes the words before it; a yes with a word about who comes ("行，确认。老伴不去，就我一个"); a withdrawal
with a reference ("乒乓球那个报名，撤回一下，原因详见…") and one yes for two things ("确认，如上两件事"); 火星文
and quizzes as single messages.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 羽毛球 Fri 9-4, 读书会 Sun 9-6, 拔河
Thu 9-10, 乒乓球 Sun 9-13, 登山 Thu 9-17, 卡拉OK Mon 9-21, 插花 Sat 9-26 (women only), 重阳座谈会 Thu 10-1 (retired
only)); the wording of the variants is our own."""

from __future__ import annotations

import pytest

from bot.forms import chosen_only, form
from bot.normalize import canonical
from tests.conftest import as_member
from tests.test_activity_conversations import greetings_off
from tests.test_conversations_round13_conv21 import party_of
from tests.test_whole_messages import status

HIKE, TUG, READING, PINGPONG = "秋季登山活动", "教职工拔河比赛", "教师读书会", "乒乓球友谊赛"
KARAOKE, BADMINTON, ELDERS = "卡拉OK歌唱比赛", "羽毛球联谊赛", "重阳敬老座谈会"
SIGNED = "报名成功"
CONFIRM_TWO = "确认报名以下 2 个活动吗"


def with_family_hike(school):
    """The hike as the writers' brief has it: family may come (up to 4 each)."""
    school.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))
    return school


def signed(school, staff_no: str, *titles: str) -> list[str | None]:
    return [status(school, staff_no, t) for t in titles]


# ---- 1. a sheet of boxes: the filled ones are signed up, the empty ones left -----------------------------


def test_the_box_sheet_as_written_signs_up_the_filled_boxes(school):
    chat = as_member(school, "1017")
    asked = chat.say("报名勾选如下（■=报，□=不报）：\n□ 教职工拔河比赛\n■ 乒乓球友谊赛\n□ 秋季登山活动\n■ 卡拉OK歌唱比赛")
    assert asked.startswith(CONFIRM_TWO) and PINGPONG in asked and KARAOKE in asked, asked
    assert TUG not in asked and HIKE not in asked
    assert SIGNED in chat.say("就是打了实心方块的两个")  # the two she marked: her yes
    after = chat.say("对，两个都确认")
    assert "没有等您确认的事项" in after and "署" not in after, after  # a yes to nothing: never a suggestion
    assert signed(school, "1017", PINGPONG, KARAOKE, TUG, HIKE) == ["confirmed", "confirmed", None, None]


@pytest.mark.parametrize("sheet, wanted, left", [
    ("☑ 教师读书会\n☐ 教职工拔河比赛\n☑ 秋季登山活动", [READING, HIKE], [TUG]),
    ("想报的打了勾：\n✅ 乒乓球\n✅ 读书会\n❌ 拔河\n谢谢", [PINGPONG, READING], [TUG]),
    ("□拔河 ■乒乓 ■读书会", [PINGPONG, READING], [TUG]),
    ("我的选择（●为参加，○为不参加）\n● 卡拉OK\n○ 登山\n● 拔河", [KARAOKE, TUG], [HIKE]),
])
def test_other_box_sheets_sign_up_what_is_ticked(school, sheet, wanted, left):
    chat = as_member(school, "1017")
    asked = chat.say(sheet)
    assert asked.startswith(CONFIRM_TWO), asked
    assert all(t in asked for t in wanted) and not any(t in asked for t in left), asked
    assert SIGNED in chat.say("是的")
    assert signed(school, "1017", *wanted) == ["confirmed"] * len(wanted)
    assert signed(school, "1017", *left) == [None] * len(left)


def test_one_ticked_box_asks_for_that_one(school):
    chat = as_member(school, "1017")
    assert chat.say("□ 拔河\n■ 读书会").startswith("确认报名「教师读书会」")
    assert chat.say("确认").startswith(SIGNED)
    assert signed(school, "1017", READING, TUG) == ["confirmed", None]


@pytest.mark.parametrize("text", [
    "■ 乒乓球友谊赛\n■ 周末去爬泰山",  # a ticked line that names no activity: nothing guessed
    "今天\n心情不错",
    "报名勾选如下：\n□ 拔河\n□ 乒乓",  # nothing ticked
])
def test_a_sheet_that_does_not_say_what_to_sign_up_signs_up_nothing_at_once(school, text):
    chat = as_member(school, "1017")
    reply = chat.say(text)
    assert not reply.startswith(CONFIRM_TWO) and SIGNED not in reply, reply
    assert signed(school, "1017", PINGPONG, TUG) == [None, None]


def test_the_form_reader_gives_each_line_its_choice():
    lines = form(canonical("报名勾选如下（■=报，□=不报）：\n□ 教职工拔河比赛\n■ 乒乓球友谊赛"))
    assert [(line.label, line.options) for line in lines] == [("", [("教职工拔河比赛", False)]), ("", [("乒乓球友谊赛", True)])]
    assert form(canonical("拔河√ 乒乓√ 卡拉OK×"))[0].options == [("拔河", True), ("乒乓", True), ("卡拉ok", False)]
    assert form(canonical("我想报名拔河")) is None
    assert form(canonical("你好\n我想报名拔河")) is None


# ---- 2. numbered lines with 报 / 不报 ------------------------------------------------------------------------


def test_roman_numbered_lines_as_written_sign_up_the_ones_marked_bao(school):
    chat = as_member(school, "1022")
    asked = chat.say("Ⅰ. 拔河 报\nⅡ. 乒乓 报\nⅢ. 卡拉OK 不报")
    assert asked.startswith(CONFIRM_TWO) and TUG in asked and PINGPONG in asked and KARAOKE not in asked, asked
    assert SIGNED in chat.say("Ⅰ、Ⅱ都确认")
    assert signed(school, "1022", TUG, PINGPONG, KARAOKE) == ["confirmed", "confirmed", None]


@pytest.mark.parametrize("sheet, wanted, left, yes", [
    ("1. 读书会 报\n2. 登山 不报\n3. 乒乓 报", [READING, PINGPONG], [HIKE], "1、3都确认"),
    ("① 拔河：报\n② 卡拉OK：不去\n③ 羽毛球：参加", [TUG, BADMINTON], [KARAOKE], "都确认"),
    ("a) 登山 要\nb) 拔河 不要\nc) 读书会 要", [HIKE, READING], [TUG], "好的，两个都报"),
])
def test_other_numbered_lines_sign_up_the_ones_said_yes_to(school, sheet, wanted, left, yes):
    chat = as_member(school, "1022")
    asked = chat.say(sheet)
    assert asked.startswith(CONFIRM_TWO) and all(t in asked for t in wanted), asked
    assert not any(t in asked for t in left)
    assert SIGNED in chat.say(yes)
    assert signed(school, "1022", *wanted, *left) == ["confirmed"] * len(wanted) + [None] * len(left)


def test_a_single_line_with_bao_is_no_form(school):
    assert form(canonical("拔河 报")) is None  # one line: the classifier's sign-up, as before
    chat = as_member(school, "1022")
    assert chat.say("拔河 报").startswith("确认报名「教职工拔河比赛」")


# ---- 3. a settings form ------------------------------------------------------------------------------------


def test_the_settings_form_as_written_turns_greetings_off(school):
    chat = as_member(school, "1014")
    reply = chat.say("【设置】\n生日祝福：■关闭 □开启\n节日祝福：■关闭 □开启")
    assert "不再给您推送生日和节日祝福" in reply, reply
    assert greetings_off(school, "1014")
    assert "已经关闭" in chat.say("确认关闭")
    assert greetings_off(school, "1014")


@pytest.mark.parametrize("form_text", [
    "生日祝福：□关闭 ■开启\n节日祝福：□关闭 ■开启",
    "【推送设置】祝福消息：☐ 关 ☑ 开",
])
def test_a_settings_form_ticked_on_turns_greetings_back_on(school, form_text):
    chat = as_member(school, "1014")
    chat.say("别再推送了")
    assert greetings_off(school, "1014")
    reply = chat.say(form_text)
    assert "恢复推送" in reply or "照常送达" in reply, reply
    assert not greetings_off(school, "1014")


def test_a_settings_form_ticked_off_in_other_marks(school):
    chat = as_member(school, "1014")
    chat.say("节日祝福：✅关闭 ❌开启")
    assert greetings_off(school, "1014")


def test_only_the_ticked_option_is_read():
    assert chosen_only(canonical("生日祝福：■关闭 □开启")) == "生日祝福:关闭"
    assert chosen_only(canonical("随便说说")) == canonical("随便说说")


# ---- 4. stage directions in brackets ---------------------------------------------------------------------------


def test_stage_directions_as_written_and_the_family_told_after_the_hike_was_shown(school):
    with_family_hike(school)
    chat = as_member(school, "1006")
    shown = chat.say("（搓手）那个……就是说……登山，能带家属是吧")
    assert HIKE in shown and "可以带家属" in shown, shown
    asked = chat.say("我爱人，还有儿子，一共带两个家属")
    assert asked.startswith("确认报名「秋季登山活动」（共 3 人）"), asked
    assert chat.say("（认真脸）确认，我们三个人").startswith(SIGNED)
    assert party_of(school, "1006", HIKE) == 3


@pytest.mark.parametrize("family, party", [("我和我爱人两个人", 2), ("带我老婆孩子一起", 3), ("(挠头) 我们一家三口", 3)])
def test_the_family_told_after_the_hike_was_shown_is_asked_with_them(school, family, party):
    with_family_hike(school)
    chat = as_member(school, "1006")
    chat.say("(小声) 秋季登山可以带家属吗")
    asked = chat.say(family)
    assert asked.startswith(f"确认报名「秋季登山活动」（共 {party} 人）"), asked
    assert status(school, "1006", HIKE) is None  # asked, never done unasked
    assert chat.say("（点头）是的").startswith(SIGNED)
    assert party_of(school, "1006", HIKE) == party


@pytest.mark.parametrize("said, answer", [
    ("(小声) 那个 体检要空腹吗", "体检"),
    ("（叹气）（挠头）拔河几点开始", "教职工拔河比赛"),
    ("（认真脸）我想报名读书会", "确认报名「教师读书会」"),
])
def test_a_stage_direction_is_not_the_message(school, said, answer):
    reply = as_member(school, "1006").say(said)
    assert answer in reply, reply


@pytest.mark.parametrize("said, wanted", [
    ("我想报拔河（划掉）乒乓球", "确认报名「乒乓球友谊赛」"),
    ("帮我报个登山(划掉)读书会", "确认报名「教师读书会」"),
])
def test_struck_words_are_taken_back(school, said, wanted):
    reply = as_member(school, "1006").say(said)
    assert reply.startswith(wanted), reply


def test_a_bracket_that_says_something_stays():
    assert canonical("报名拔河（两个人）") == "报名拔河(两个人)"
    assert canonical("（手机尾号8019）") == "(手机尾号8019)"
    assert canonical("（搓手）报名拔河") == "报名拔河"


# ---- 5. a yes with a word about who comes ---------------------------------------------------------------------------


@pytest.mark.parametrize("yes", [
    "行，确认。老伴不去，就我一个",
    "好 确认 家里人不去",
    "确认，老伴来不了，就我自己",
    "好的确认 我爱人那天去不了 就我一个人",
])
def test_a_yes_said_with_who_stays_home_signs_her_up_alone(school, yes):
    chat = as_member(school, "2002")
    offered = chat.say("老干部活动室那个座谈，我们退下来的能去吧")
    assert ELDERS in offered
    assert chat.say("那给我报个名").startswith("确认报名「重阳敬老座谈会」")
    reply = chat.say(yes)
    assert reply.startswith(SIGNED) and "取消" not in reply.split("如需取消")[0], reply
    assert "要取消" not in reply, reply
    assert status(school, "2002", ELDERS) == "confirmed"
    assert party_of(school, "2002", ELDERS) == 1


@pytest.mark.parametrize("no", ["我老伴不去 那我也不去了", "算了，老伴不去我也不去"])
def test_she_staying_home_too_is_a_no(school, no):
    chat = as_member(school, "2002")
    chat.say("重阳座谈会帮我报个名")
    assert SIGNED not in chat.say(no)
    assert status(school, "2002", ELDERS) is None


# ---- 6. a withdrawal with a reference; one yes for two things ---------------------------------------------------------


def test_the_withdrawal_and_the_new_sign_up_as_written(school):
    chat = as_member(school, "1008")
    chat.say("报名乒乓球")
    chat.say("是")
    assert status(school, "1008", PINGPONG) == "confirmed"
    first = chat.say("乒乓球那个报名，撤回一下，原因详见上周排的值班表（那个周日我值班）")
    assert "取消" in first and "您是想" not in first, first
    assert chat.say("另外拔河那个，报名，具体见组里通知").startswith("确认报名「教职工拔河比赛」")
    assert chat.say("确认，如上两件事").startswith(SIGNED)
    assert signed(school, "1008", PINGPONG, TUG) == ["cancelled", "confirmed"]


@pytest.mark.parametrize("withdrawal", [
    "读书会的报名帮我撤回，理由参见教务处的安排",
    "拔河那个报名撤销一下，详见我发在群里的说明",
])
def test_a_withdrawal_with_a_reference_is_a_withdrawal(school, withdrawal):
    chat = as_member(school, "1008")
    chat.say("报名读书会和拔河")
    chat.say("都确认")
    reply = chat.say(withdrawal)
    assert "取消" in reply and "您是想" not in reply and not reply.startswith("确认报名"), reply
    if reply.startswith("要"):
        chat.say("是")
    title = READING if "读书会" in withdrawal else TUG
    assert status(school, "1008", title) == "cancelled"


@pytest.mark.parametrize("both", ["确认，如上两件事", "两件事都确认", "以上都确认"])
def test_one_yes_for_two_things_waiting_does_both(school, both):
    chat = as_member(school, "1008")
    chat.say("报名乒乓球")
    chat.say("是")
    assert "要帮您取消「乒乓球友谊赛」" in chat.say("乒乓球那天我要值班，原因详见值班表")
    asked = chat.say("另外拔河那个，报名，具体见组里通知")
    assert asked.startswith("确认报名「教职工拔河比赛」") and "继续" in asked
    reply = chat.say(both)
    assert SIGNED in reply and "已为您取消「乒乓球友谊赛」" in reply, reply
    assert signed(school, "1008", PINGPONG, TUG) == ["cancelled", "confirmed"]


def test_a_plain_yes_answers_only_the_question_asked_last(school):
    chat = as_member(school, "1008")
    chat.say("报名乒乓球")
    chat.say("是")
    chat.say("乒乓球那天我要值班，原因详见值班表")
    chat.say("另外拔河那个，报名")
    assert chat.say("确认").startswith(SIGNED)
    assert signed(school, "1008", PINGPONG, TUG) == ["confirmed", "confirmed"]  # the withdrawal still waits


# ---- 7. single messages: 火星文 and quizzes ------------------------------------------------------------------------


@pytest.mark.parametrize("text, intent", [
    ("莪報ㄋ啥??", "my_signups"),
    ("莪ㄉ报名湜啥", "my_signups"),
    ("伱好，莪想報名拔河", "signup"),
    ("请选择你能做的事：A.查活动 B.报名 C.提建议 D.以上都是？", "help"),
    ("选择题：你能做啥 A.报名 B.查体检", "help"),
    ("判断题：退休教师可以参加秋季登山（ ）对还是错", "activity_query"),
    ("乒乓球赛需要自带球拍（ ）对还是错", "activity_query"),
    ("填空题：乒乓球比赛在___号举行", "activity_query"),
    ("选择题：体检在哪天？A.15号 B.16号", "checkup_query"),
])
def test_martian_script_and_quizzes(school, text, intent):
    assert school.router.classifier.classify(text).intent == intent


def test_martian_script_asks_for_her_own_sign_ups(school):
    chat = as_member(school, "1008")
    chat.say("报名乒乓球")
    chat.say("是")
    reply = chat.say("莪報ㄋ啥??")
    assert "黄勇老师的报名" in reply and PINGPONG in reply, reply
