"""Care news dated and kinded as told, greetings turned off in literary words, a binding across turns (care25; tuning
set 41's misses zu11, zu15, zu26, zu12, zu04), each as written and in other words a teacher could send:

- A day given after the report, with a visit asked in the same message ("是上周五夜里走的，8月28号。…工会若能去慰问一番"),
  or a day announced as set ("日子定了，9月19号"), dates the report; "我们要结婚啦" is the sender's own wedding.
- An illness that leaves one wage to keep the household ("一个人的工资撑全家") is a hardship.
- "添了几分伤感" is no birth; "不必再发了" is a stop, never an on; "是，关了。" after it is a yes.
- A new teacher's name in her first message ("姓名何秀英") is kept until the 工号 and the phone's last four come.
Every conversation runs through /wechat with the frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import re

import pytest

from tests.test_conversations_round24_many20 import School


@pytest.fixture
def school(tmp_path, clock):
    made = School(tmp_path, clock)
    made.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    yield made
    made.bot.dispatch.flush()


def reports(school) -> list[tuple[str, str, str]]:
    """(subject, kind, the ISO day in the when-text) of each care report."""
    rows = school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")
    return [(r["subject"], r["event_kind"], (re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", r["when_text"]) or [""])[-1])
            for r in rows]


# ---- zu11: a day given after the report, a visit asked beside it --------------------------------------------------


@pytest.mark.parametrize("staff_no, first, then, expected", [
    ("1025", "今儿才听说，我们语文组王芳姐姐的母亲……没了。想起她平日里那样要强的一个人，我这心里也堵得慌。",
     "是上周五夜里走的，8月28号。她这几日强撑着来上课，眼睛都是肿的。工会若能去慰问一番，也算尽一点心意。",
     ("王芳的母亲", "丧事", "2026-08-28")),
    ("1002", "今天才知道，数学组张伟的父亲没了。", "是上周六早上走的，8月29号。工会方便的话去看看他吧。",
     ("张伟的父亲", "丧事", "2026-08-29")),
    ("1002", "英语组李娜老师的母亲去世了，今天刚得知。", "8月30号夜里走的，工会要不要派个人去慰问一下", ("李娜的母亲", "丧事", "2026-08-30")),
])
def test_a_day_given_after_the_report_with_a_visit_asked_dates_it(school, staff_no, first, then, expected):
    """tuned set 41 zu11: the report stayed on 今天 (the day she heard), the later day only read as a visit asked."""
    school.say(staff_no, first)
    reply = school.say(staff_no, then)
    assert reports(school) == [expected], (reports(school), reply)
    assert "慰问" in reply or "看望" in reply or "探望" in reply, reply


@pytest.mark.parametrize("first, then, expected", [
    ("数学组张伟的父亲昨天没了。", "不对，是上周六早上走的，8月29号。工会方便的话去看看他吧。", ("张伟的父亲", "丧事", "2026-08-29")),
    ("英语组李娜老师的母亲前天去世了", "是上周五夜里走的，工会要不要派个人去慰问一下", ("李娜的母亲", "丧事", "2026-08-28")),
])
def test_a_day_put_right_with_a_visit_asked_changes_the_reports_day(school, first, then, expected):
    school.say("1002", first)
    reply = school.say("1002", then)
    assert reports(school) == [expected], (reports(school), reply)
    assert "时间已改为" in reply and "探望慰问" in reply, reply


def test_a_visit_asked_with_the_day_of_the_funeral_keeps_the_day_of_the_death(school):
    school.say("1002", "数学组张伟的父亲昨天没了。")
    reply = school.say("1002", "追悼会这周六开，工会方便的话去看看他吧。")
    assert reports(school) == [("张伟的父亲", "丧事", "2026-08-31")], (reports(school), reply)


def test_the_day_she_heard_is_not_the_day_of_the_news(school):
    reply = school.say("1025", "今儿才听说，我们语文组王芳姐姐的母亲……没了。")
    assert "大概是什么时候" in reply, reply
    school.say("1025", "上周五夜里走的")
    assert reports(school) == [("王芳的母亲", "丧事", "2026-08-28")]


def test_a_day_with_the_news_in_the_same_clause_is_still_its_day(school):
    school.say("1002", "今天听说张伟的父亲昨天去世了")
    assert reports(school) == [("张伟的父亲", "丧事", "2026-08-31")]


# ---- zu15: "我们要结婚啦" is hers; "日子定了，9月19号" dates it --------------------------------------------------------


@pytest.mark.parametrize("first, then, day", [
    ("你猜我今天为什么这么开心？因为我终于找到了那个让我心动的人，而且——我们要结婚啦！",
     "日子定了，9月19号，星期六。请帖这两天发到组里，到时候都来吃喜糖啊。", "2026-09-19"),
    ("告诉大家一个好消息，我们俩准备结婚了！", "婚期定在10月3号，到时候请大家喝喜酒。", "2026-10-03"),
    ("报个喜，我们下个月办婚礼", "日子选好了，10月10号，星期六", "2026-10-10"),
])
def test_we_are_getting_married_is_the_senders_wedding_and_the_day_set_dates_it(school, first, then, day):
    """tuned set 41 zu15: asked "请问是哪位老师？", then filed on 今天."""
    reply = school.say("1022", first)
    assert "哪位老师" not in reply, reply
    school.say("1022", then)
    assert reports(school) == [("宋健（本人）", "结婚", day)], reports(school)


def test_a_day_set_after_one_told_changes_the_weddings_day(school):
    school.say("1022", "我们9月12号结婚")
    reply = school.say("1022", "日子定了，9月19号，星期六。请帖这两天发到组里，到时候都来吃喜糖啊。")
    assert reports(school) == [("宋健（本人）", "结婚", "2026-09-19")], (reports(school), reply)
    assert "时间已改为" in reply


def test_a_couple_of_colleagues_marrying_is_not_the_sender(school):
    reply = school.say("1022", "我们组王芳和张伟要结婚了")
    assert not any(r[0] == "宋健（本人）" for r in reports(school)), (reports(school), reply)


# ---- zu26: one wage keeping the household through an illness is a hardship ------------------------------------------


@pytest.mark.parametrize("news", [
    "咱们后勤的打工人里，黄勇最近是真难。他爱人查出尿毒症，每周透析三次，孩子还在上初中，一个人的工资撑全家。",
    "行政后勤组黄勇老师的爱人得了癌症在化疗，家里就靠他一个人的工资。",
    "黄勇老师他母亲中风了，孩子还小，全家就指望他一份工资过日子。",
])
def test_an_illness_that_leaves_one_wage_for_the_household_is_a_hardship(school, news):
    """tuned set 41 zu26: filed as 黄勇's own illness ("祝早日康复")."""
    reply = school.say("1014", news)
    assert reports(school) == [("黄勇", "困难", "")], (reports(school), reply)
    assert "康复" not in reply


def test_an_illness_alone_is_still_an_illness(school):
    school.say("1014", "黄勇老师的爱人查出尿毒症，住院了，昨天的事")
    assert [r[1] for r in reports(school)] == ["生病住院"]


# ---- zu12: greetings off in literary words ----------------------------------------------------------------------------


def off(school, staff_no="1005") -> bool:
    return bool(school.store.members.by_staff_no(staff_no).push_opt_out)


@pytest.mark.parametrize("sigh", [
    "每逢生辰，你便发一句'生日快乐'来，我看了反倒添了几分伤感——又老了一岁，有什么可乐的。",
    "看到生日祝福，又添了几分愁绪。",
    "每年这时候收到祝福，反倒给我添了不少堵。",
])
def test_added_sorrow_is_no_birth(school, sigh):
    """tuned set 41 zu12: "添了几分伤感" read as a birth and a date asked."""
    reply = school.say("1005", sigh)
    assert reports(school) == [] and "什么时候" not in reply and "哪位老师" not in reply, reply
    assert "要关掉吗" in reply, reply


@pytest.mark.parametrize("answer, stays_off", [("是", True), ("好的，关掉吧", True), ("不用，照常发吧", False), ("算了，还是发吧", False)])
def test_a_sigh_about_the_greetings_asks_whether_to_turn_them_off(school, answer, stays_off):
    reply = school.say("1005", "每逢生辰，你便发一句'生日快乐'来，我看了反倒添了几分伤感——又老了一岁，有什么可乐的。")
    assert "要关掉吗" in reply and not off(school), reply
    reply = school.say("1005", answer)
    assert off(school) is stays_off, reply


@pytest.mark.parametrize("words", ["今年生日没收到工会的祝福，心里挺难过的", "工会的生日祝福太敷衍了，建议写得走心一点"])
def test_greetings_missed_or_a_suggestion_about_them_is_no_sigh_to_turn_them_off(school, words):
    reply = school.say("1005", words)
    assert "要关掉吗" not in reply and not off(school), reply


@pytest.mark.parametrize("stop", [
    "那些生日的、节日的祝福，都关了罢，以后不必再发了。",
    "生日祝福以后不必再发了。",
    "生日的问候，以后用不着再发了。",
    "节日问候也无需再发了",
])
def test_no_need_to_send_again_turns_greetings_off(school, stop):
    """tuned set 41 zu12: "不必再发了" read as 再发 (an on): "您的祝福推送一直开着"."""
    reply = school.say("1005", stop)
    assert off(school), reply
    assert "一直开着" not in reply


@pytest.mark.parametrize("yes", ["是，关了。倒也清净。", "对，关了，也好。", "是的，关了罢，倒也省心。"])
def test_a_yes_after_turning_them_off_keeps_them_off_and_says_so(school, yes):
    school.say("1005", "那些生日的、节日的祝福，都关了罢，以后不必再发了。")
    reply = school.say("1005", yes)
    assert off(school), reply
    assert "一并关了" not in reply and "没有等您确认" not in reply, reply


def test_the_whole_conversation_turns_greetings_off(school):
    for turn in ("每逢生辰，你便发一句'生日快乐'来，我看了反倒添了几分伤感——又老了一岁，有什么可乐的。",
                 "那些生日的、节日的祝福，都关了罢，以后不必再发了。", "是，关了。倒也清净。"):
        school.say("1005", turn)
    assert off(school) and reports(school) == []


def test_asked_to_send_again_still_turns_them_on(school):
    school.store.members.set_opt_out(school.store.members.by_staff_no("1005").id, True)
    school.say("1005", "还是再发祝福吧")
    assert not off(school)


# ---- zu04: a new teacher's name kept over turns ---------------------------------------------------------------------


def bound(school, openid="o-new"):
    member = school.store.bindings.member_for("wechat", openid)
    return member.staff_no if member else None


@pytest.mark.parametrize("first, then", [
    ("你好，前台是这儿吧？我来办个登记。姓名何秀英，行政后勤组的，新来的。", "工号8019，手机尾号也是8019，你核对一下。"),
    ("您好，我来登记一下。名字叫何秀英，后勤组的，刚来的。", "工号8019，手机尾号8019"),
    ("办个登记：姓名：何秀英，行政后勤组", "8019，尾号8019"),
])
def test_a_new_teachers_name_is_kept_until_the_staff_no_and_last_four_come(school, first, then):
    """tuned set 41 zu04: the name was asked again, and "对的，就是我本人" read as a wrong name."""
    reply = school.new("o-new", first)
    assert "工号" in reply and "姓名" not in reply, reply
    reply = school.new("o-new", then)
    assert reply.startswith("绑定成功！何秀英老师"), reply
    reply = school.new("o-new", "对的，就是我本人，给我登记绑上吧。")
    assert reply.startswith("您已绑定为 何秀英老师") and bound(school) == "8019", reply


@pytest.mark.parametrize("answer", ["对的，就是我本人，给我登记绑上吧。", "是我本人", "没错，是我本人"])
def test_a_yes_where_the_name_is_asked_asks_it_again_and_counts_no_try(school, answer):
    school.new("o-new", "绑定 8019")
    before = school.store.db.one("SELECT COUNT(*) AS n FROM attempts")["n"]
    reply = school.new("o-new", answer)
    assert "姓名" in reply and "对不上" not in reply, reply
    assert school.store.db.one("SELECT COUNT(*) AS n FROM attempts")["n"] == before
    assert school.new("o-new", "何秀英").startswith("为确认身份")


def test_a_sign_up_after_the_binding_is_no_binding_asked_again(school):
    """tuned set 27 ze49: "绑好了的话，…我也报一个" is a sign-up, not a bound teacher asking to bind."""
    school.new("o-new", "姓名何秀英，行政后勤组的")
    school.new("o-new", "工号8019，手机尾号8019")
    reply = school.new("o-new", "绑好了的话，拔河那个我也报一个")
    assert "您已绑定为" not in reply, reply
