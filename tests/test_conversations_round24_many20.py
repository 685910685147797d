"""Several activities at once, read as the teacher marked them, and a binding with a sign-up in the same message
(issue 19, many20; tuning sets 37 and 38's misses zo11, zo16, zl10, zl15, zl11, zl54): a questionnaire's ● among ○, a
mind map's "→ 报 / → 不报" (family said on its branch), a résumé's "求职意向：…", "两个都确认报名" after one activity
was shown and another asked, a toast that names an activity, "把我的名字写进报名表", and the phone's last four with a
sign-up after them. Every conversation runs through /wechat with the frozen clock."""

from __future__ import annotations

import pytest

from tests.test_conversations_round23_yes19 import School as YesSchool
from tests.test_conversations_round23_yes19 import confirmed

HIKE, TUG, PING, KARAOKE = "秋季登山活动", "教职工拔河比赛", "乒乓球友谊赛", "卡拉OK歌唱比赛"
GAMES, FLOWERS, ELDERS, BOOKS = "数学组趣味运动会", "女教职工插花沙龙", "重阳敬老座谈会", "教师读书会"


class School(YesSchool):
    """The demo school behind /wechat (tests/test_conversations_round23_yes19.py), and a teacher not bound yet."""

    def say(self, staff_no: str, text: str) -> str:
        member = self.store.members.by_staff_no(staff_no)
        self.store.bindings.bind("wechat", f"o-{staff_no}", member.id)
        return self.new(f"o-{staff_no}", text)

    def new(self, openid: str, text: str) -> str:
        """As a WeChat user nobody has bound yet."""
        self.clock.advance(seconds=20)
        return self.wx.say(openid, text)


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    yield made
    made.bot.dispatch.flush()


# ---- zo11: a questionnaire's one filled circle among empty ones; its "● 是" is the yes ----------------------------

SHEET = "第1题 您的姓名：赵敏\n第2题 所在教研组：数学组\n第3题 您想参加的活动（单选）：\n○ 教职工拔河比赛\n● 数学组趣味运动会\n○ 乒乓球友谊赛"


@pytest.mark.parametrize("sheet, then", [
    (SHEET, "第4题 是否确认提交：● 是\n→ 提交答卷"),
    ("问卷\n1. 姓名：赵敏\n2. 您想参加的活动（单选）：\n☐ 教职工拔河比赛\n☑ 数学组趣味运动会\n☐ 乒乓球友谊赛", "是否确认：☑是 ☐否"),
    ("我的选择：\n- [ ] 教职工拔河比赛\n- [x] 数学组趣味运动会\n- [ ] 乒乓球友谊赛", "[x] 确认"),
    ("第1题 姓名：赵敏\n第2题 想参加的项目：\n拔河 ×\n趣味运动会 √\n乒乓球 ×", "第3题 确认提交：√ 是"),
])
def test_a_marked_sheet_asks_for_the_marked_one_only_and_its_ticked_yes_signs(school, sheet, then):
    reply = school.say("1007", sheet)
    assert reply.startswith(f"确认报名「{GAMES}」"), reply
    assert TUG not in reply and PING not in reply
    assert "报名成功" in school.say("1007", then)
    confirmed(school, "1007", GAMES)
    assert school.status("1007", TUG) is None and school.status("1007", PING) is None


def test_a_sheet_with_nothing_marked_signs_nothing_and_says_how_to_mark(school):
    reply = school.say("1007", "第1题 您的姓名：赵敏\n第3题 您想参加的活动（单选）：\n○ 教职工拔河比赛\n○ 数学组趣味运动会\n○ 乒乓球友谊赛")
    assert "没有勾选" in reply
    assert all(school.status("1007", t) is None for t in (TUG, GAMES, PING))


def test_a_ticked_no_at_the_confirmation_signs_nothing(school):
    assert school.say("1007", SHEET).startswith(f"确认报名「{GAMES}」")
    school.say("1007", "第4题 是否确认提交：○ 是 ● 否")
    assert school.status("1007", GAMES) is None


# ---- zo16: a mind map's branches, "→ 报" and "→ 不报", the family said on one branch ------------------------------

MAP = "九月安排\n├─ 女教职工插花沙龙（9/26）→ 报\n├─ 秋季登山（9/17）→ 报，带老伴1人\n└─ 卡拉OK比赛 → 不报（五音不全）"


@pytest.mark.parametrize("tree, then", [
    (MAP, "节点确认：插花、登山两项，登山家属一位。"),
    ("我的九月\n├── 插花沙龙 -> 报\n├── 登山 -> 报，家属一人\n└── 卡拉OK -> 不报", "两项都确认"),
    ("九月计划\n┣ 插花沙龙 → 参加\n┣ 秋季登山 → 参加（带爱人）\n┗ 卡拉OK → 不去（嗓子不行）", "是"),
])
def test_a_mind_map_signs_the_branches_marked_to_join_with_the_family_said_on_them(school, tree, then):
    reply = school.say("1023", tree)
    assert reply.startswith("确认报名以下 2 个活动吗？"), reply
    assert "「秋季登山活动」（共 2 人）" in reply and KARAOKE not in reply
    assert "报名成功" in school.say("1023", then)
    confirmed(school, "1023", FLOWERS)
    confirmed(school, "1023", HIKE, party=2)
    assert school.status("1023", KARAOKE) is None


def test_a_mind_map_with_every_branch_refused_signs_nothing(school):
    reply = school.say("1023", "九月安排\n├─ 插花沙龙 → 不报\n└─ 卡拉OK比赛 → 不报（五音不全）")
    assert "确认报名" not in reply and "报名成功" not in reply
    assert school.status("1023", FLOWERS) is None and school.status("1023", KARAOKE) is None


# ---- zl10: a résumé with her 工号 in passing: its "求职意向" is the sign-up ----------------------------------------

CV = ("个人简历\n姓名：韩冬\n性别：男\n部门：英语组\n工号：1026\n求职意向：乒乓球友谊赛（9.13）、教职工拔河比赛（9.10）\n"
      "特长：力气大，反手还行\n自我评价：能上能下，能拉能打")


@pytest.mark.parametrize("cv, then", [
    (CV, "以上两个岗位均投递，确认报名，服从分配。"),
    ("报名表\n姓名：韩冬\n工号：1026\n报名项目：乒乓球友谊赛、教职工拔河比赛\n备注：随叫随到", "两个都确认"),
    ("韩冬 英语组 工号1026\n意向：乒乓球友谊赛，拔河比赛\n爱好：打球", "以上两项都报，确认"),
])
def test_a_resume_with_a_wish_field_asks_for_those_activities_and_both_sign(school, cv, then):
    reply = school.say("1026", cv)
    assert reply.startswith("确认报名以下 2 个活动吗？"), reply
    assert "您已绑定" not in reply
    assert "报名成功" in school.say("1026", then)
    confirmed(school, "1026", PING)
    confirmed(school, "1026", TUG)


def test_a_resume_with_one_wished_activity_asks_for_that_one(school):
    reply = school.say("1026", "个人简历\n姓名：韩冬\n工号：1026\n求职意向：乒乓球友谊赛\n特长：反手还行")
    assert reply.startswith(f"确认报名「{PING}」"), reply


def test_a_resume_with_no_wish_field_is_no_sign_up(school):
    reply = school.say("1026", "个人简历\n姓名：韩冬\n工号：1026\n特长：力气大，反手还行")
    assert "确认报名" not in reply
    assert school.status("1026", PING) is None and school.status("1026", TUG) is None


# ---- zl15: one activity shown, another asked with family; "两个都确认报名" takes both ---------------------------------

@pytest.mark.parametrize("first, second, both", [
    ("各位嘉宾好，我是一号男嘉宾杨振华，退休组，今年六十有八。我的第一位心动对象是——10月1号的重阳敬老座谈会！", "第二位心动对象：秋季登山活动，9月17号。我要带上我的老伴儿一起，家属一人。",
     "请工会为我留灯！两个都确认报名，牵手成功！"),
    ("重阳敬老座谈会是哪天？", "登山报一个，带老伴，家属一人", "这俩都确认报名"),
    ("重阳座谈会在哪开", "秋季登山活动我和老伴报一下，家属1人", "两个都报上，确认"),
])
def test_both_confirmed_after_one_shown_and_one_asked_signs_both_with_the_family(school, first, second, both):
    assert ELDERS in school.say("2006", first)
    assert school.say("2006", second).startswith(f"确认报名「{HIKE}」")
    reply = school.say("2006", both)
    assert reply.count("报名成功") == 2, reply
    confirmed(school, "2006", ELDERS)
    confirmed(school, "2006", HIKE, party=2)


def test_both_said_with_only_one_activity_in_the_conversation_signs_only_that_one(school):
    assert school.say("2006", "登山报一个，家属一人").startswith(f"确认报名「{HIKE}」")
    school.say("2006", "两个都确认报名")
    assert school.status("2006", ELDERS) is None
    assert all(school.status("2006", t) is None for t in (TUG, PING, BOOKS))


# ---- zl11: a toast to an activity, her name written into the sheet, the third glass ----------------------------

@pytest.mark.parametrize("toast, name_in", [
    ("在这个美好的日子里，我提议，为女教职工插花沙龙，干杯！", "第二杯，敬9月26号下午三点的工会活动室——请把语文组谢婷婷的名字写进报名表！"),
    ("我提议，让我们为插花沙龙举杯！", "请把我的名字写进报名表"),
    ("提议敬女教职工插花沙龙，干了！", "麻烦把谢婷婷的名字登记到名单上"),
])
def test_a_toast_to_an_activity_is_no_suggestion_and_her_name_written_in_signs(school, toast, name_in):
    reply = school.say("1025", toast)
    assert "建议" not in reply and "署上您的名字" not in reply, reply
    assert reply.startswith(f"确认报名「{FLOWERS}」"), reply
    assert "报名成功" in school.say("1025", name_in)
    confirmed(school, "1025", FLOWERS)
    assert school.store.db.query("SELECT id FROM suggestions") == []
    assert school.store.scratch.query("SELECT content FROM tray") == []


@pytest.mark.parametrize("glass", ["第三杯，敬确认：确认报名，我干了，您随意！", "第二轮，确认报名", "第3题 确认报名"])
def test_a_count_of_glasses_or_rounds_is_no_place_in_the_list(school, glass):
    assert BOOKS in school.say("1025", "最近有什么活动")
    reply = school.say("1025", glass)
    assert TUG not in reply.split("\n")[0] and school.status("1025", TUG) is None, reply


# ---- zl54: the phone's last four with a sign-up after them: bound, then the sign-up asked, in one reply ---------

@pytest.mark.parametrize("answer", [
    "手机后四位2004。第二杯敬重阳座谈会，10月1号那个，给我报上名！",
    "尾号2004，顺便帮我报名重阳敬老座谈会",
    "手机末四位是2004，另外我想报名重阳座谈会",
])
def test_the_last_four_with_a_sign_up_after_them_bind_and_ask_the_sign_up(school, answer):
    first = school.new("o-new", "在座各位，我先敬一杯！本人刘德华，不是唱歌那个，退休组的，工号2004，今天来绑个微信。")
    assert "后四位" in first
    reply = school.new("o-new", answer)
    assert reply.startswith("绑定成功！刘德华老师"), reply
    assert f"确认报名「{ELDERS}」" in reply
    assert "报名成功" in school.new("o-new", "都对，确认，干杯！")
    assert school.store.bindings.member_for("wechat", "o-new").staff_no == "2004"
    confirmed(school, "2004", ELDERS)


def test_wrong_last_four_with_a_sign_up_are_still_refused_and_counted(school):
    school.new("o-new", "本人刘德华，退休组的，工号2004，今天来绑个微信。")
    before = school.store.db.one("SELECT COUNT(*) AS n FROM attempts")["n"]
    reply = school.new("o-new", "手机后四位1234。给我报上重阳座谈会！")
    assert reply.startswith("验证没有通过"), reply
    assert school.store.bindings.member_for("wechat", "o-new") is None
    assert school.store.db.one("SELECT COUNT(*) AS n FROM attempts")["n"] > before
    assert school.status("2004", ELDERS) is None
