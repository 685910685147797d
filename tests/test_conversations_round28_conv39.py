"""Sign-ups, care news and bindings said in set 39's styles (tuning set 42's misses zw24, zw31, zw36, zw58, zw55, zw37,
zw01, zw14, zw20), each as written and in other words a teacher could send:

- "申请上拔河比赛这条产线", "申请加入…": a sign-up asked; "给我出一张乒乓球友谊赛的票" (a ticket booked) too, her group
  "退休组" being no withdrawal; "改签到卡拉OK" changes a sign-up as a ticket is changed, never a check-in.
- A question about an activity, then her own name and her wish ("…理化生组梁红要报上——"): the sign-up is asked.
- At "确认报名…吗？": "插花报名我确认" (the sign-up named first), "你问确认不确认，…" (the question said back) and a form's
  end "以上投标文件确认提交，报名。" are her yes.
- "步入婚姻的殿堂" is a wedding; "什么人退休九月底？行政后勤朱军师傅哟" (a question she answers herself) is a colleague's
  retirement; "昨天（8月31日）晚上九点左右" is the 31st.
- A newcomer giving her group and name without "我是" ("数学组新进王建军，尚未在工会名册上登记") wants to bind; the name is
  kept until the 工号 and the phone's last four come.
Every conversation runs through /wechat with the frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.test_conversations_round23_yes19 import FLOWERS, GAMES, HIKE, KARAOKE, PING, TUG, confirmed
from tests.test_conversations_round24_many20 import School
from tests.test_conversations_round27_care25 import reports


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    made.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    made.store.members.upsert(staff_no="1031", name="王建军", gender="男", group_name="数学组", phone="13900001031")
    yield made
    made.bot.dispatch.flush()


def signed_before(school, staff_no, title):
    member = school.store.members.by_staff_no(staff_no)
    school.store.signups.signup(school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))["id"], member)


# ---- zw24: "申请上拔河比赛这条产线" asks the sign-up; "人员到岗确认，报名！" is the yes ----------------------------------


@pytest.mark.parametrize("asked, title", [
    ("开个班前会：行政后勤组黄勇，申请上拔河比赛这条产线，9月10号下午三点半操场开工，岗位就站绳子最后一位当锚。", TUG),
    ("申请上登山这趟车，9月17号南门集合", HIKE),
    ("黄勇申请上乒乓球友谊赛这一桌，13号下午体育馆见。", PING),
])
def test_applying_to_go_on_an_activity_asks_its_sign_up(school, asked, title):
    """tuned set 42 zw24: asked "查询活动 or 建议?", then signed nothing."""
    reply = school.say("1008", asked)
    assert reply.startswith(f"确认报名「{title}」"), reply
    assert "报名成功" in school.say("1008", "人员到岗确认，报名！")
    confirmed(school, "1008", title)


def test_a_proposal_about_who_may_apply_signs_nothing(school):
    reply = school.say("1008", "建议允许退休老师申请上拔河比赛")
    assert school.status("1008", TUG) is None and not reply.startswith("确认报名"), reply


# ---- zw31: a ticket booked is a sign-up; "改签到…" changes it -----------------------------------------------------------


@pytest.mark.parametrize("booked, title", [
    ("老杨我买票比你们年轻人熟。退休组杨振华，先给我出一张乒乓球友谊赛的票，13号那趟。", PING),
    ("退休组杨振华，麻烦出张登山的票", HIKE),
    ("麻烦帮我买张卡拉OK歌唱比赛的票，21号晚上那场。", KARAOKE),
])
def test_a_ticket_booked_for_an_activity_asks_its_sign_up(school, booked, title):
    """tuned set 42 zw31: asked "报名 or 取消?" (退休组 read as a withdrawal)."""
    reply = school.say("2006", booked)
    assert f"确认报名「{title}」吗？" in reply, reply


@pytest.mark.parametrize("change", [
    "哎等一下，刚看到乒乓是单打，我这老胳膊打不过年轻人。乒乓不要了，改签到卡拉OK歌唱比赛，21号晚上那趟。",
    "乒乓不要了，改签成卡拉OK歌唱比赛吧",
    "乒乓那张不要了，改签卡拉OK",
])
def test_a_ticket_changed_at_the_confirmation_asks_the_other_and_only_it_is_signed(school, change):
    school.say("2006", "老杨我买票比你们年轻人熟。退休组杨振华，先给我出一张乒乓球友谊赛的票，13号那趟。")
    reply = school.say("2006", change)
    assert reply.startswith(f"确认报名「{KARAOKE}」"), reply
    assert "报名成功" in school.say("2006", "对，只要卡拉OK，乒乓不报。确认出票。")
    confirmed(school, "2006", KARAOKE)
    assert school.status("2006", PING) is None


@pytest.mark.parametrize("change", ["乒乓不要了，改签到卡拉OK歌唱比赛，21号晚上那趟。", "把乒乓改签成卡拉OK", "乒乓球友谊赛改签为卡拉OK比赛"])
def test_a_sign_up_changed_as_a_ticket_is_a_switch_never_a_check_in(school, change):
    signed_before(school, "2006", PING)
    reply = school.say("2006", change)
    assert reply.startswith(f"要把「{PING}」换成「{KARAOKE}」吗？"), reply
    assert "签到" not in reply


# ---- zw36: a question, then her own name and her wish ---------------------------------------------------------------


@pytest.mark.parametrize("asked", [
    "哎——唱山歌来这边唱，插花沙龙哪天忙？九月二十六下午三点工会活动室哟，理化生组梁红要报上——",
    "插花沙龙哪天办？理化生组梁红想报名",
    "插花沙龙还有名额吗？梁红老师要报上",
])
@pytest.mark.parametrize("yes", [
    "哎——你问确认不确认，山歌好唱口难开，插花报名我确认，鲜花一束带回来哟——",
    "插花报名我确认",
    "你问报不报，插花沙龙报名我确定了",
])
def test_a_question_then_her_name_and_wish_asks_and_the_sign_up_named_first_confirms(school, asked, yes):
    """tuned set 42 zw36: the wish after her name was not read (the activity was listed), then "确认报名…吗？" asked
    twice."""
    assert school.say("1021", asked).startswith(f"确认报名「{FLOWERS}」")
    assert "报名成功" in school.say("1021", yes)
    confirmed(school, "1021", FLOWERS)


def test_someone_elses_wish_after_the_question_signs_nothing(school):
    reply = school.say("1021", "插花沙龙在哪里办？张伟想报名")
    assert not reply.startswith("确认报名"), reply


@pytest.mark.parametrize("answer", ["取消报名我确认", "你问确认不确认，我不确认", "插花之前报名我确认一下时间"])
def test_what_is_no_yes_at_the_confirmation_signs_nothing(school, answer):
    assert school.say("1021", "报名插花沙龙").startswith(f"确认报名「{FLOWERS}」")
    school.say("1021", answer)
    assert school.status("1021", FLOWERS) is None


# ---- zw58: a form's end "以上…确认提交" is the yes --------------------------------------------------------------------


@pytest.mark.parametrize("yes", ["以上投标文件确认提交，报名。", "以上填写内容确认提交，报名", "以上所填信息确认提交"])
def test_what_was_written_above_confirmed_signs(school, yes):
    """tuned set 42 zw58: asked again "请回复“是”确认报名…"."""
    school.say("1014", "【投标公告】项目名称：秋季登山活动（9月17日08:00学校南门集合）。投标人：行政后勤组朱军。")
    assert school.say("1014", "随行人员：配偶一名（家属1人）。投标人及随行人员共计2人。").startswith(f"确认报名「{HIKE}」")
    assert "报名成功" in school.say("1014", yes)
    confirmed(school, "1014", HIKE, party=2)


def test_what_was_written_above_not_confirmed_signs_nothing(school):
    school.say("1014", "报名秋季登山活动")
    school.say("1014", "以上内容我不确认")
    assert school.status("1014", HIKE) is None


# ---- zw55, zw37, zw01: care news ------------------------------------------------------------------------------------


@pytest.mark.parametrize("staff_no, news, expected", [
    ("1007", "啊，工会！请允许我宣布一个甜蜜的消息：我，数学组赵敏，将在十月三日步入婚姻的殿堂！", ("赵敏（本人）", "结婚", "2026-10-03")),
    ("1007", "告诉工会一个好消息：我下个月10号走进婚姻的殿堂啦", ("赵敏（本人）", "结婚", "2026-10-10")),
    ("1002", "数学组赵敏下周六步入婚姻的殿堂，工会记得去送祝福", ("赵敏", "结婚", "2026-09-12")),
])
def test_stepping_into_the_palace_of_marriage_is_a_wedding(school, staff_no, news, expected):
    """tuned set 42 zw55: not understood (the menu), twice."""
    reply = school.say(staff_no, news)
    assert reports(school) == [expected], (reports(school), reply)


@pytest.mark.parametrize("news", [
    "哎——什么人光荣把休退？什么人退休九月底？行政后勤朱军师傅哟，三十号那天把班交——",
    "哎——谁人退休九月底？后勤朱军老师傅哟",
])
def test_a_who_question_answered_by_a_colleagues_name_is_his_retirement(school, news):
    """tuned set 42 zw37: not understood (the menu), twice."""
    reply = school.say("1023", news)
    assert reports(school) == [("朱军", "退休", "2026-09-30")], (reports(school), reply)


@pytest.mark.parametrize("asked", ["朱军退休了吗？", "谁退休了？朱军吗？"])
def test_a_question_about_a_retirement_files_nothing(school, asked):
    school.say("1023", asked)
    assert reports(school) == []


@pytest.mark.parametrize("news, day", [
    ("交班报告：理化生组唐宁老师，女，昨天（8月31日）晚上九点左右因急性阑尾炎入住市一院普外科，今早已行腹腔镜手术，术后生命体征平稳。",
     "2026-08-31"),
    ("数学组张伟老师前天（8月30日）晚上八点左右住院的，肺炎。", "2026-08-30"),
    ("英语组李娜老师上周五（8月28日）晚上九点左右住的院", "2026-08-28"),
])
def test_a_day_glossed_by_its_date_is_that_day_whatever_time_follows(school, news, day):
    """tuned set 42 zw01: filed on 今天 ("晚上九点左右" read alone)."""
    school.say("1021", news)
    assert [r[2] for r in reports(school)] == [day], reports(school)


# ---- zw14, zw20: a newcomer's group and name, without "我是" ---------------------------------------------------------


@pytest.mark.parametrize("first, staff_no", [
    ("客官万福！小的是新来跑堂打杂的，行政后勤组何秀英，还没在咱这店里挂上号，劳烦给小的记上名儿。", "8019"),
    ("学生初来乍到，数学组新进王建军，尚未在工会名册上登记，特来投卷报到。", "1031"),
    ("数学组新进王建军，工会这边尚未建档", "1031"),
    ("行政后勤组新调来的何秀英，还没注册，怎么弄？", "8019"),
])
def test_a_newcomers_group_and_name_bind_once_the_numbers_come(school, first, staff_no):
    """tuned set 42 zw14, zw20: not understood, then "请回复您的姓名。" after the 工号 and the phone's last four."""
    openid = f"o-new-{staff_no}"
    reply = school.new(openid, first)
    assert "工号" in reply, reply
    done = school.new(openid, f"工号{staff_no}，手机尾号{staff_no}。")
    assert "绑定成功" in done, done
    assert school.store.bindings.member_for("wechat", openid).staff_no == staff_no


def test_the_newcomer_binds_then_signs_up(school):
    school.new("o-new", "学生初来乍到，数学组新进王建军，尚未在工会名册上登记，特来投卷报到。")
    school.new("o-new", "工号1031，手机尾号1031。")
    reply = school.new("o-new", "既已上了名册，再请报考数学组趣味运动会，本组的比试，理当一试。确认报名。")
    assert "报名成功" in reply and GAMES in reply, reply
