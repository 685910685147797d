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
    "老师结婚的话工会给多少礼金",
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
