"""A yes said in the teacher's own style at a sign-up's confirmation signs her up (issue 19, yes19; tuning set 35's
misses): a part of her answer that is itself a confirmation ("广播站再次确认", "确认不含糊", "没错就是它", "图9 配文：确认
报名", "报上"), the other parts judged one by one — "不改了", "别耽搁", "一个家属不多添", "无需修改", the waitlist accepted
and a detail left for later do not veto; a refusal, a doubt, a question or someone else's word does. A new party size
said with the confirmation signs with that size; a choice answered with a confirmation of what is chosen signs.
Every conversation runs through /wechat with the frozen clock."""

from __future__ import annotations

import pytest

from bot import demo
from tests.conftest import wechat_app
from tests.helpers import WeChatClient

HIKE, TUG, PING, BADMINTON = "秋季登山活动", "教职工拔河比赛", "乒乓球友谊赛", "羽毛球联谊赛"
KARAOKE, GAMES, FLOWERS, ELDERS = "卡拉OK歌唱比赛", "数学组趣味运动会", "女教职工插花沙龙", "重阳敬老座谈会"
ASKED_AGAIN = "请回复“是”确认报名，或回复“否”放弃。"


class School:
    """The demo school behind /wechat: who says what, and what is signed at the end."""

    def __init__(self, tmp_path, clock):
        self.app = wechat_app(tmp_path, clock, "plaintext")
        self.bot = self.app.extensions["unionbot"]
        self.store, self.clock = self.bot.store, clock
        demo.seed(self.store, clock)
        # the writers' brief: the outing is by coach and family may come (four at most besides the teacher)
        self.store.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 4 WHERE title = ?", (HIKE,))
        self.wx = WeChatClient(self.app.test_client(), "plaintext", clock)

    def say(self, staff_no: str, text: str) -> str:
        member = self.store.members.by_staff_no(staff_no)
        self.store.bindings.bind("wechat", f"o-{staff_no}", member.id)
        self.clock.advance(seconds=20)
        return self.wx.say(f"o-{staff_no}", text)

    def signup(self, staff_no: str, title: str):
        member = self.store.members.by_staff_no(staff_no)
        row = self.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
        return self.store.signups.get(row["id"], member.id)

    def status(self, staff_no: str, title: str) -> str | None:
        found = self.signup(staff_no, title)
        return found["status"] if found else None


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    yield made
    made.bot.dispatch.flush()


def confirmed(school, staff_no, title, party=1):
    assert school.status(staff_no, title) == "confirmed"
    assert school.signup(staff_no, title)["party"] == party


# ---- 1. at "确认报名「…」吗？": a confirmation in her own words --------------------------------------------------

BROADCAST = ("各位老师、各位同学，现在插播一条来自体艺组的广播稿！绳子已经绷紧，号子已经喊响——体艺组刘洋老师，申请报名参加9月10号"
             "下午的教职工拔河比赛！稿件完毕，请工会老师查收！")
CLAPPER = ("竹板这么一打呀，别的咱不夸，我夸一夸咱数学组的趣味运动会呀！九月九号三点半，小操场上笑哈哈，我张伟虽然是委员呐，"
           "也要报名参加它！")
REVIEW = "今年的年终总结里我想写一句：「本年度突破自我，首次登台唱歌」。所以——帮我报名9月21号的卡拉OK歌唱比赛！"


@pytest.mark.parametrize("staff_no, asked, answer, title", [
    ("1004", BROADCAST, "广播站再次确认：刘洋，报拔河，没错！请给他记上！", TUG),  # zn01
    ("1004", "报名拔河", "播音员郑重确认：体艺组刘洋，拔河，没错！", TUG),
    ("1004", "报名拔河", "号子喊起来：确认报名拔河，绝不反悔！", TUG),
    ("1001", CLAPPER, "竹板再一打，确认不含糊：趣味运动会，报上我张伟，没错没错就是它！", GAMES),  # zn25
    ("1001", "报名数学组趣味运动会", "快板收尾：确认报名不含糊，就是它！", GAMES),
    ("1026", REVIEW, "• 确认报名，不改了。\n• 唱什么歌到时候再说。", KARAOKE),  # zn43
    ("1026", "报名卡拉OK", "1. 确认报名，不变了\n2. 唱哪首回头再定", KARAOKE),
    ("1026", "报名卡拉OK", "确认报名别犹豫，穿什么到时候再说", KARAOKE),
    ("1023", "报名插花沙龙", "终审意见：确认报名插花沙龙，无需修改。", FLOWERS),
    ("1006", "报名乒乓球", "核对完毕，信息无误，确认报名。距离报名结束还有……反正赶紧给我报上！", PING),
    ("1011", "报名羽毛球", "如果满了排候补也行，确认报名", BADMINTON),
])
def test_a_confirmation_in_her_own_style_signs(school, staff_no, asked, answer, title):
    assert school.say(staff_no, asked).startswith(f"确认报名「{title}」")
    reply = school.say(staff_no, answer)
    assert reply.startswith("报名成功"), reply
    confirmed(school, staff_no, title)


# ---- 2. the same with a party size: the size said with the confirmation is the one signed -----------------------

VISIT = ("家访记录格式写一下哈：\n走访对象：陈静本人一家\n家庭成员：我、爱人、儿子（10岁）\n诉求：想一家人一起参加9月17号的秋季登山活动\n"
         "处理意见：请工会帮忙报名")
NINE = ("九宫格预告配文：\n图1 去年登山的山顶合影\n图2 老公背着小的\n图3 大女儿抢镜\n……\n今年的秋季登山活动（9月17号）我们家还要去！"
        "我+老公+两个孩子，帮我报名，家属3个。")
CLAPPER_HIKE = "竹板打，精神爽，退休的刘德华来报名。秋季登山十七号，南门集合八点整，老伴陪我一起上，家属一个请记上！"


@pytest.mark.parametrize("staff_no, asked, first_party, answer, party", [
    ("1005", VISIT, 3, "家属就两位：爱人周斌、儿子周小乐，加我一共三个人。确认报名登山。", 3),  # zn06 (not 5)
    ("1005", "报名登山", 1, "家属就一位：老公王强，加我一共两个人。确认报名登山。", 2),
    ("1015", NINE, 4, "图9 配文：确认报名！家属：老公林涛，女儿林朵朵，儿子林豆豆。一共我们四个人。", 4),  # zn37
    ("1015", "报名登山", 1, "附言：确认报名！一共我们三个人，老公和女儿。", 3),
    ("2004", CLAPPER_HIKE, 2, "老伴名叫孙桂兰，一个家属不多添，确认报名别耽搁，包车上面留两座！", 2),  # zn27 (not 3)
    ("2004", "老伴陪我一起去登山，家属一个请记上", 2, "确认报名，不改了", 2),
])
def test_a_party_size_said_with_the_confirmation_signs_that_size(school, staff_no, asked, first_party, answer, party):
    first = school.say(staff_no, asked)
    assert f"确认报名「{HIKE}」" in first
    assert (f"（共 {first_party} 人）" in first) == (first_party > 1), first
    assert "报名成功" in school.say(staff_no, answer)
    confirmed(school, staff_no, HIKE, party)


# ---- 3. a choice answered with a confirmation of what is chosen ------------------------------------------------

ROSTER = "运动员进行曲响起来！下面播报参赛名单：体艺组宋健老师，报名项目一：乒乓球友谊赛；报名项目二：羽毛球联谊赛。"


@pytest.mark.parametrize("answer", [
    "补充播报：听说羽毛球就剩两个名额了，如果满了排候补也行，请照常登记。两项都报，确认无误！",  # zn02
    "两个都报，满了就排候补，确认无误",
    "都报上吧，要是满了排队也行，确认报名",
])
def test_both_confirmed_at_a_list_of_two_are_signed(school, answer):
    shown = school.say("1022", ROSTER)  # (since named19, the two asked one a line are asked to confirm together)
    assert shown.startswith("确认报名以下 2 个活动吗？") and PING in shown and BADMINTON in shown, shown
    assert school.say("1022", answer).count("报名成功") == 2
    confirmed(school, "1022", PING)
    confirmed(school, "1022", BADMINTON)


GUIDE = ("欢迎来到九月活动展厅。您现在看到的是第6号展品：羽毛球联谊赛，9月4号下午四点，体育馆一楼，据说仅剩最后一两个名额。"
         "本展品的参观者——理化生组徐丽——希望报名。")
EXAM = ("请考生……不对，请工会老师注意：现在开始登记。考生姓名：杨磊，考号：1006，报考科目：乒乓球友谊赛（9月13日16:00，体育馆二楼）。"
        "请核对无误后填涂。")


@pytest.mark.parametrize("staff_no, first, answer, title", [
    ("1011", GUIDE, "请继续收听：如果已经满了，请把徐丽放进候补名单。确认报名，导览结束，感谢您的收听。", BADMINTON),  # zn45
    ("1011", GUIDE, "导览继续：确认报名，满了排候补也行。", BADMINTON),
    ("1006", EXAM, "核对完毕，信息无误，确认报名。距离报名结束还有……反正赶紧给我报上！", PING),  # zn17
    ("1006", EXAM, "监考老师：信息无误，确认报名，收卷！", PING),
])
def test_a_which_question_answered_with_a_confirmation_signs(school, staff_no, first, answer, title):
    # (since singles19's fold the guide's own "希望报名" is asked as the sign-up directly: the answer is the same yes)
    assert school.say(staff_no, first).startswith(("您是想：", f"确认报名「{title}」"))
    assert "报名成功" in school.say(staff_no, answer)
    assert school.status(staff_no, title) in ("confirmed", "waitlisted")


# ---- 4. a grandson types for his grandfather ---------------------------------------------------------------

GRANDSON = ("你好，我是王建国爷爷的孙子，爷爷眼睛花，让我帮他打字。爷爷说：他是退休组的王建国，想参加10月1号的重阳敬老座谈会。")


@pytest.mark.parametrize("answer", [
    "我把你的回复念给爷爷听了，爷爷说：对对对，就是那个座谈会，报上！他说谢谢你。",  # zn49
    "念给爷爷听了，爷爷说：确认，报上。",
    "刚跟爷爷说了，爷爷说对的对的，就是它",
])
def test_the_grandfathers_yes_passed_on_by_his_grandson_signs_him_alone(school, answer):
    first = school.say("2001", GRANDSON)
    assert first.startswith(f"确认报名「{ELDERS}」") and "家属" not in first.split("\n")[0], first  # nobody asked for family
    assert "报名成功" in school.say("2001", answer)
    confirmed(school, "2001", ELDERS)


# ---- 5. what stays a non-yes (a wrong sign-up is worse than a second question) ----------------------------------


@pytest.mark.parametrize("answer", [
    "确认报名之前我想问下几点集合？",
    "我确认不了，再想想",
    "确认一下，我没报上吧？",
    "确认一下，我报上了没？",
    "如果下雨就不去了",
    "确认报名，如果下雨就算了",
    "不确认",
    "没错，我是想问问还有名额吗",
    "没错，我就是问问还有位置吗",
    "先不确认，等我问问家里",
    "确认个啥，我还没想好",
    "嗯 这个嘛",
    "广播站再次确认：刘洋不去了",
    "确认报名，去不去到时候再说",
    "同事说：对对对，报上",
    "他说：确认",
])
def test_what_is_no_yes_signs_nothing(school, answer):
    assert school.say("1004", "报名拔河").startswith(f"确认报名「{TUG}」")
    reply = school.say("1004", answer)
    assert "报名成功" not in reply, reply
    assert school.status("1004", TUG) is None


def test_a_colleagues_yes_is_not_hers(school):
    """"他说确认" where a colleague, not she, was asked: asked again (bot.answers REPORTED)."""
    assert school.say("1004", "报名拔河").startswith(f"确认报名「{TUG}」")
    assert school.say("1004", "他说确认") == ASKED_AGAIN
    assert school.status("1004", TUG) is None
    assert "报名成功" in school.say("1004", "是")  # the question still waits for her own yes
