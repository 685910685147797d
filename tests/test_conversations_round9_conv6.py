"""Whole conversations, ninth round (issue 19), care reports (五必访) as colleagues tell them: retirement
news ("到点了", "最后一天班", "光荣退休", with "月底" as the month's last day), injuries ("把腿给摔折了",
"缝了五针", "把腰闪了"), weddings in plain speech ("娶媳妇儿", "嫁人", "办喜事"), a name followed by a
joking epithet ("韩冬那小子"), and a follow-up that only names the person again. Chat scripts at the demo
school's frozen clock (Tuesday 2026-09-01 09:00); the wording is our own, not the tuning sets'."""

from __future__ import annotations

import pytest

from tests.conftest import as_member


def reports(school) -> list[tuple[str, str, str]]:
    rows = school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")
    return [(r["subject"], r["event_kind"], r["when_text"]) for r in rows]


# ---- retirement news, however it is said ---------------------------------------------------------


@pytest.mark.parametrize(("text", "who", "day"), [
    ("彭亮师傅下个月底就光荣退休了 咱工会给张罗个欢送会吧", "彭亮", "2026-10-31"),
    ("跟工会说一声 数学组孙强老师本月底到点退休", "孙强", "2026-09-30"),
    ("郑秀英大姐月底正式退休了，麻烦工会安排一下慰问", "郑秀英", "2026-09-30"),
    ("朱军师傅9月30号最后一天上班 下个月就退下来了", "朱军", "2026-09-30"),
    ("报告工会：行政后勤组彭亮同志将于10月31日光荣退休，请安排欢送。", "彭亮", "2026-10-31"),
    ("老彭这个月底就要退休喽 工会表示表示", "彭亮", "2026-09-30"),
])
def test_retirement_news_about_a_colleague_is_a_retirement_on_its_day(school, text, who, day):
    chat = as_member(school, "1008")
    reply = chat.say(text)
    assert reply.startswith("谢谢您告诉工会！感谢老师多年的辛勤付出，祝退休生活愉快。")
    [(subject, kind, when)] = reports(school)
    assert (subject, kind) == (who, "退休") and day in when


@pytest.mark.parametrize("again", ["9月30号 最后一天班", "30号最后一天上班", "就是9月30号"])
def test_the_last_working_day_said_after_a_month_end_retirement_is_the_same_day(school, again):
    chat = as_member(school, "1008")
    chat.say("后勤组朱军师傅月底退休了 工会安排一下吧")
    assert chat.say(again).startswith("好的，时间是")
    assert reports(school) == [("朱军", "退休", "本月底（2026-09-30）")]


@pytest.mark.parametrize("text", ["退休教师可以报名秋游吗", "拔河我要退了", "退休的王建国老师能参加读书会吗"])
def test_retirement_words_that_are_no_news_make_no_report(school, text):
    chat = as_member(school, "1008")
    chat.say(text)
    assert reports(school) == []


def test_a_wedding_at_the_month_end_names_no_day_yet(school):
    chat = as_member(school, "1001")
    assert "知道具体日期的话" in chat.say("数学组曹老师这个月底结婚 请工会去贺一下")
    assert reports(school) == [("曹雪梅", "结婚", "这个月底")]


# ---- injuries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "who", "day"), [
    ("吴刚老师昨天上体育课把脚崴了 打了石膏", "吴刚", "2026-08-31"),
    ("宋健昨儿个搬东西把腰闪了 今天没来", "宋健", "2026-08-31"),
    ("何雪老师切菜把手割破了 缝了五针 前天的事", "何雪", "2026-08-30"),
    ("罗斌老师前天晚上骑电动车出了车祸 腿骨折了", "罗斌", "2026-08-30"),
    ("唐宁老师手烫伤了 昨天下午去的医院", "唐宁", "2026-08-31"),
    ("体艺组冯浩打球把胳膊给摔折了，昨儿个的事", "冯浩", "2026-08-31"),
])
def test_an_injury_is_an_illness_with_get_well_wishes(school, text, who, day):
    chat = as_member(school, "1008")
    assert chat.say(text).startswith("谢谢您告诉工会，祝早日康复！")
    [(subject, kind, when)] = reports(school)
    assert (subject, kind) == (who, "生病住院") and day in when


def test_the_injured_colleague_named_again_is_acknowledged(school):
    chat = as_member(school, "1022")
    chat.say("冯浩老师踢球把脚踝扭伤了 昨天下午的事")
    assert chat.say("就是体艺组冯浩 别忘了去看看") == "好的，明白，是冯浩。"
    assert reports(school) == [("冯浩", "生病住院", "昨天下午（2026-08-31）")]


@pytest.mark.parametrize("text", ["手机摔坏了 能帮我查下报名吗", "我的计划破产了 哈哈"])
def test_broken_things_are_no_injury(school, text):
    chat = as_member(school, "1008")
    chat.say(text)
    assert reports(school) == []


# ---- weddings, and a name with a joking epithet --------------------------------------------------


@pytest.mark.parametrize(("text", "who", "day"), [
    ("周婷这丫头下礼拜六嫁人了 工会给随个份子呗", "周婷", "2026-09-12"),
    ("杨磊这家伙国庆节办喜事 10月3号摆酒", "杨磊", "2026-10-03"),
    ("咱组高峰那哥们上周五领证了", "高峰", "2026-08-28"),
    ("理化生组郭涛要娶老婆啦 9月20号办酒", "郭涛", "2026-09-20"),
    ("隔壁班李明那小子下个月5号要娶媳妇儿了", "李明", "2026-10-05"),
])
def test_a_wedding_said_plainly_is_a_wedding_about_the_one_named(school, text, who, day):
    chat = as_member(school, "1016")
    assert chat.say(text).startswith("喜事！")
    [(subject, kind, when)] = reports(school)
    assert who in subject and "那小子" not in subject and kind == "结婚" and day in when


@pytest.mark.parametrize("again", ["嗯呐 韩冬 英语组的 可高兴了", "对对 英语组韩冬 老开心了", "嗯嗯 就是韩冬老师 英语组的"])
def test_the_groom_named_again_with_his_group_is_acknowledged_not_greeted(school, again):
    chat = as_member(school, "1016")
    chat.say("英语组韩冬那家伙要娶媳妇了 这周六9月5号")
    assert chat.say(again) == "好的，明白，是韩冬。"
    [(subject, kind, when)] = reports(school)
    assert (subject, kind) == ("韩冬", "结婚") and "2026-09-05" in when


def test_a_feast_for_a_baby_is_a_birth(school):
    chat = as_member(school, "1016")
    assert chat.say("刘洋老师家孩子满月 下周六摆酒").startswith("恭喜")
    assert reports(school)[0][1] == "生育"


# ---- hardship and dialect bereavement still right ----------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "opening"), [
    ("跟工会反映个情况 理化生组徐丽老师家里着火了 挺难的", "困难", "谢谢您告诉工会。"),
    ("我们组孙强老师他老父亲昨儿个没了", "丧事", "惊悉噩耗"),
    ("赵敏她老娘前天晚上走了", "丧事", "惊悉噩耗"),
    ("李娜老师的奶奶老了 昨天的事", "丧事", "惊悉噩耗"),
])
def test_hardship_and_dialect_bereavement_keep_their_kind_and_reply(school, text, kind, opening):
    chat = as_member(school, "1008")
    assert chat.say(text).startswith(opening)
    assert reports(school)[0][1] == kind
