"""Attack review 27: harms in how main (06395a6) reads teachers, found as a teacher would write, through /wechat at the
demo school's frozen clock (Tuesday 2026-09-01 09:00; 1006 杨磊 is a teacher with no sign-ups, 1025 谢婷婷 reports news).

- News that did not happen to anyone of ours was told to the committee: a question about the union's rule put as an "if"
  ("如果我住院了，工会有什么慰问吗" filed her own illness), a pet's death ("我家的猫昨天去世了" filed a death in her family),
  a TV plot ("电视剧里张伟老师的爸爸去世了"), news called off ("王芳老师的婚礼取消了" got 新婚快乐) or just escaped
  ("王芳老师差点住院")."""

from __future__ import annotations

import pytest

from tests.test_conversations_round24_many20 import school as many20_school

# the demo school behind /wechat (tests/test_conversations_round24_many20.py's fixture)
school = many20_school


def _care_subjects(school) -> list[str]:
    return [r["subject"] for r in school.store.db.query("SELECT subject FROM care_reports ORDER BY id")]


# ---- news that happened to no one of ours is never filed -----------------------------------------------------------------


@pytest.mark.parametrize("said", [
    # the union's rule asked as an "if"
    "如果我住院了，工会有什么慰问吗",
    "要是王芳老师住院了，工会会去看望吗",
    "假如家里老人去世了，工会怎么慰问",
    "假如我下个月生孩子，工会有慰问吗",
    "请问要是我生孩子了工会有慰问品吗",
    # a pet
    "我家的猫昨天去世了",
    "我养了十年的狗昨天走了",
    "我家猫咪生了一窝小猫",
    # a story on the screen
    "电视剧里张伟老师的爸爸去世了，哭死我了",
    "昨晚看的剧里女主的妈妈病逝了",
    # called off, or just escaped
    "王芳老师的婚礼取消了",
    "王芳老师差点住院",
    "张伟老师险些骨折，还好没事",
])
def test_news_that_happened_to_no_one_of_ours_is_never_told_to_the_committee(school, said):
    reply = school.say("1025", said)
    for answer in ("我", "不清楚"):  # (her answers to "请问是哪位老师？" and "大概是什么时候？" filed it)
        school.say("1025", answer)
    assert _care_subjects(school) == [], (reply, _care_subjects(school))
    assert not any(w in reply for w in ("新婚快乐", "深表哀悼", "早日康复", "恭喜")), reply


@pytest.mark.parametrize("said, subject", [
    ("王芳老师住院了，要是需要手术，工会能帮忙吗", "王芳"),
    ("如果方便的话帮我登记一下：王芳老师住院了", "王芳"),
    ("王芳老师被狗咬了，住院了", "王芳"),
    ("我爸住院了，万一要手术怎么办", "谢婷婷的父亲"),
    ("张伟老师是熊猫血，住院了", "张伟"),
])
def test_real_news_beside_an_if_or_an_animal_is_still_filed(school, said, subject):
    school.say("1025", said)
    school.say("1025", "不清楚")
    assert _care_subjects(school) == [subject]


# ---- the news of someone else never filed as a colleague's, nor a guest's feast as her wedding ------------------------------
# (before: "王芳老师没住院，是她同桌住院了" filed 王芳's stay in hospital, "张伟老师昨天去参加婚礼了" his wedding, "我儿子还没结婚，
# 女儿下个月结婚" the son's wedding, "我爸…去参加同事的婚礼，回来摔了一跤骨折了" a wedding)


@pytest.mark.parametrize("said", ["王芳老师没住院，是她同桌住院了", "不是王芳老师住院，是她学生住院了", "我替王芳老师高兴，她学生结婚了",
                                  "张伟老师昨天去参加婚礼了", "张伟老师昨天去吃喜酒了"])
def test_news_of_someone_outside_or_a_guest_at_a_feast_is_never_filed(school, said):
    reply = school.say("1025", said)
    for answer in ("不清楚", "不清楚"):
        school.say("1025", answer)
    assert _care_subjects(school) == [], (reply, _care_subjects(school))


def _care_rows(school) -> list[tuple[str, str]]:
    return [(r["subject"], r["event_kind"]) for r in school.store.db.query("SELECT subject, event_kind FROM care_reports")]


@pytest.mark.parametrize("said, row", [
    ("我儿子还没结婚，女儿下个月结婚", ("谢婷婷的女儿", "结婚")),
    ("王芳老师没住院，张伟老师住院了", ("张伟", "生病住院")),
    ("王芳老师没住院，是她爸爸住院了", ("王芳的父亲", "生病住院")),
    ("我爸昨天去参加同事的婚礼，回来摔了一跤骨折了", ("谢婷婷的父亲", "生病住院")),
    ("张伟老师去参加他父亲的追悼会了", ("张伟的父亲", "丧事")),
    ("我同学张伟住院了", ("张伟", "生病住院")),
])
def test_the_news_is_filed_for_the_one_it_happened_to(school, said, row):
    school.say("1025", said)
    school.say("1025", "不清楚")
    assert _care_rows(school) == [row]


# ---- greetings and activity notices: switched only when she asks it for herself -------------------------------------------
# (before: "你们以后不发祝福了吗？" and "生日祝福挺好的，就是别发太早" turned her greetings off, "以后不用发活动通知了吗？" her
# notices, "王芳老师说她不想收生日祝福了" the teller's own)


def _switches(school, staff_no: str) -> tuple[int, int]:
    row = school.store.db.one("SELECT push_opt_out, announce_opt_out FROM members WHERE staff_no = ?", (staff_no,))
    return row["push_opt_out"], row["announce_opt_out"]


@pytest.mark.parametrize("said", [
    # only asked
    "你们以后不发祝福了吗？",
    "生日祝福以后不发了吗",
    "以后不用发活动通知了吗？",
    "活动通知是不是以后都不发了？",
    # another teacher's wish
    "王芳老师说她不想收生日祝福了",
    "我同事说他不要节日祝福了",
    # other hours or another form
    "生日祝福挺好的，就是别发太早",
    "别那么早发祝福，早上六点就收到了",
    "节日祝福别半夜发",
    "活动通知别发那么晚，都来不及报名",
])
def test_a_question_another_teachers_wish_or_other_hours_switch_nothing(school, said):
    reply = school.say("1025", said)
    assert _switches(school, "1025") == (0, 0), reply
    assert "不再给您" not in reply, reply


@pytest.mark.parametrize("said, switches", [
    ("能不能别发祝福了？", (1, 0)),
    ("祝福可以关掉吗？", (1, 0)),
    ("别再给我发生日祝福了", (1, 0)),
    ("以后别发活动通知了", (0, 1)),
    ("活动通知不用发了，行吗？", (0, 1)),
])
def test_her_own_stop_asked_politely_still_switches_it_off(school, said, switches):
    school.say("1025", said)
    assert _switches(school, "1025") == switches


def test_asked_after_turning_them_off_she_is_told_they_are_off(school):
    school.say("1025", "别再给我发生日祝福了")
    reply = school.say("1025", "我的祝福现在是关着的吗？")
    assert "关闭" in reply and _switches(school, "1025") == (1, 0), reply


# ---- at "确认报名「…」吗？": a yes put right at once, or a question that opens with 是, signs nothing ------------------------
# (before, each of these signed her up: is_yes read their first word)

ASK_TUG = "确认报名「教职工拔河比赛」吗？"
TUG, PING = "教职工拔河比赛", "乒乓球友谊赛"


@pytest.mark.parametrize("answer", [
    "是……不对，我那天有课",
    "是，哦不对，那天我要监考",
    "好的，等等，我那天好像有课",
    "确认。啊不对不对，那天要出差",
    "行，等一下，我先问问家里",
])
def test_a_yes_put_right_at_once_signs_nothing_and_is_asked_again(school, answer):
    assert school.say("1006", "报名拔河").startswith(ASK_TUG)
    reply = school.say("1006", answer)
    assert "报名成功" not in reply and "要报名「教职工拔河比赛」吗" in reply, reply
    assert school.status("1006", TUG) is None


@pytest.mark.parametrize("answer", ["是不是要穿运动鞋", "是不是每个组都要去", "是几点集合来着", "是否要提前到场"])
def test_a_question_that_opens_with_shi_is_answered_and_signs_nothing(school, answer):
    assert school.say("1006", "报名拔河").startswith(ASK_TUG)
    reply = school.say("1006", answer)
    assert "报名成功" not in reply and "要报名「教职工拔河比赛」吗" in reply, reply
    assert school.status("1006", TUG) is None
    assert "报名成功" in school.say("1006", "是")  # (her yes after the answer still signs)


@pytest.mark.parametrize("answer", ["是……不对，乒乓球那天我有课", "好的，等等，我再看看", "是不是两个时间冲突",
                                    "好啊 等等 那天我有课 还是不报了", "两个都报吧，算了不报了", "行 等一下 乒乓球那天好像要监考"])
def test_two_at_once_a_yes_put_right_or_a_question_signs_neither(school, answer):
    assert school.say("1006", "报名拔河和乒乓球").startswith("确认报名以下 2 个活动吗？")
    reply = school.say("1006", answer)
    assert "报名成功" not in reply, reply
    assert school.status("1006", TUG) is None and school.status("1006", PING) is None


def test_two_at_once_still_signed_by_a_plain_yes(school):
    assert school.say("1006", "报名拔河和乒乓球").startswith("确认报名以下 2 个活动吗？")
    assert "报名成功" in school.say("1006", "好的，两个都报")
    assert school.status("1006", TUG) == "confirmed" and school.status("1006", PING) == "confirmed"


@pytest.mark.parametrize("answer, party", [("是，不对，带2个家属", 3), ("是的", 1), ("好，确认报名", 1)])
def test_a_yes_or_a_size_put_right_still_signs(school, answer, party):
    assert school.say("1006", "报名登山").startswith("确认报名「秋季登山活动」")
    assert "报名成功" in school.say("1006", answer)
    assert school.signup("1006", "秋季登山活动")["party"] == party


# ---- a name asked for in the lead and taken back at once is never filed -------------------------------------------------
# (before: "我想实名建议……算了，匿名吧：食堂增加素菜" was filed under her name, "……算了，匿名吧：食堂增加素菜" as its words)


def _tray(school) -> list[dict]:
    return [dict(r) for r in school.store.suggestions.scratch.query("SELECT content, member_id FROM tray")]


@pytest.mark.parametrize("said, words", [
    ("我想实名建议……算了，匿名吧：食堂增加素菜", "食堂增加素菜"),
    ("实名反映，不对，还是匿名：三楼厕所经常没水", "三楼厕所经常没水"),
    ("实名投诉，哦不，匿名吧：食堂的菜太咸了", "食堂的菜太咸了"),
])
def test_a_name_taken_back_for_anonymity_files_it_anonymous(school, said, words):
    reply = school.say("1025", said)
    assert "（匿名）" in reply, reply
    assert _tray(school) == [{"content": words, "member_id": None}]


def test_a_name_only_taken_back_is_asked_and_anonymous_by_default(school):
    assert school.say("1025", "实名建议（算了还是不要了）：操场晚上多开几盏灯").startswith("要署上您的名字吗？")
    school.say("1025", "随便")
    assert [row["member_id"] for row in _tray(school)] == [None]


@pytest.mark.parametrize("said, words", [("实名反映：三楼厕所经常没水", "三楼厕所经常没水"),
                                         ("实名建议：还是要多开几个窗口", "还是要多开几个窗口")])
def test_a_name_asked_for_and_kept_is_still_signed(school, said, words):
    assert "（实名）" in school.say("1025", said)
    assert _tray(school) == [{"content": words, "member_id": 25}]


# ---- a sign-up denied or left for later is never asked to confirm (nor signed by the "是" that follows) -----------------------
# (before: "谁说我要报拔河了" asked "确认报名…吗？"; "我哪有说要报登山" and "拔河到时候再说吧" asked "您是想：1. … 2. 报名活动？",
# and her "是" signed her up at once)


@pytest.mark.parametrize("said, title", [
    ("谁说我要报拔河了", TUG),
    ("谁说我想参加乒乓球了？", PING),
    ("我哪有说要报登山", "秋季登山活动"),
    ("拔河到时候再说吧", TUG),
    ("拔河回头再定", TUG),
    ("乒乓球过几天再决定吧", PING),
])
def test_a_sign_up_denied_or_left_for_later_is_not_signed_by_a_yes(school, said, title):
    reply = school.say("1006", said)
    assert not reply.startswith("确认报名"), reply
    school.say("1006", "是")
    assert school.status("1006", title) is None


@pytest.mark.parametrize("said", ["报名拔河，其他的到时候再说", "报名拔河，唱歌的事以后再说"])
def test_a_sign_up_beside_something_left_for_later_is_still_asked(school, said):
    assert school.say("1006", said).startswith(ASK_TUG)
