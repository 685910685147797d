"""Whole conversations, twelfth round (issue 19): care news as teachers tell it. Her own news is hers even when
she never writes 我 ("下周一要住院做手术 跟工会说一声") or writes it far from the news, her family in the formal
words of a notice ("家母于今日凌晨仙逝") is hers; a person put right after the report ("不是胡老师 是周老师 周婷")
becomes the report's person; news passed on in the colleague's own quoted words ("小唐让我转达：“我父亲…”") is
the colleague's; news told across two messages (the person, then what happened; the news, then its day) is one
report. Each reply fits the news. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member

ASKED_WHO = "请问是哪位老师"
FITS = {"生病住院": "康复", "丧事": "哀悼", "结婚": "新婚快乐", "生育": "恭喜"}


def reports(school) -> list[tuple[str, str, str]]:
    rows = school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports ORDER BY id")
    return [(r["subject"], r["event_kind"], r["when_text"]) for r in rows]


def one_report(school) -> tuple[str, str, str]:
    found = reports(school)
    assert len(found) == 1, found
    return found[0]


# ---- her own news, however she writes it ---------------------------------------------------------------


@pytest.mark.parametrize(("staff_no", "text", "subject", "kind", "day"), [
    ("1011", "我下周一（7号）要做个甲状腺的小手术 得住院几天 跟工会报备一下", "徐丽（本人）", "生病住院", "2026-09-07"),
    ("1006", "我下礼拜三要去做个胆囊的微创手术，估计住院三四天，跟工会报备下", "杨磊（本人）", "生病住院", "2026-09-09"),
    ("1011", "下周一要住院做手术 跟工会说一声", "徐丽（本人）", "生病住院", "2026-09-07"),
    ("1006", "跟工会报备一下 9月10号住院做个小手术", "杨磊（本人）", "生病住院", "2026-09-10"),
    ("1019", "困死了。。刚改完作业 跟公会报备下 我昨天下午带班大扫除从凳子上摔下来 骨着了", "林晓燕（本人）", "生病住院",
     "2026-08-31"),
    ("1019", "跟工会说一下 我上周六带学生去社会实践从台阶上摔下来了 脚踝骨折", "林晓燕（本人）", "生病住院", "2026-08-29"),
    ("1006", "我前天晚上在家里洗澡的时候滑倒了 尾椎骨裂 跟工会报备一下", "杨磊（本人）", "生病住院", "2026-08-30"),
    ("1005", "家母于今日凌晨仙逝，痛失慈母，悲痛万分，特此告知工会。", "陈静的母亲", "丧事", "2026-09-01"),
    ("1005", "家父昨日病逝，特此告知工会。", "陈静的父亲", "丧事", "2026-08-31"),
    ("1006", "先母于前日辞世，谨此告知工会", "杨磊的母亲", "丧事", "2026-08-30"),
    ("1011", "我父亲昨天去世了 跟工会说一声", "徐丽的父亲", "丧事", "2026-08-31"),
])
def test_her_own_news_is_hers(school, staff_no, text, subject, kind, day):
    chat = as_member(school, staff_no)
    reply = chat.say(text)
    assert ASKED_WHO not in reply and FITS[kind] in reply, reply
    got_subject, got_kind, when = one_report(school)
    assert (got_subject, got_kind) == (subject, kind) and day in when, (got_subject, got_kind, when)


@pytest.mark.parametrize("text", ["家母于今日凌晨仙逝，痛失慈母，悲痛万分，特此告知工会。", "我父亲昨天去世了 跟工会说一声"])
def test_her_own_loss_is_answered_to_her(school, text):
    reply = as_member(school, "1005").say(text)
    assert "节哀" in reply and "代为转达" not in reply, reply


def test_a_colleagues_loss_is_still_passed_on_through_the_reporter(school):
    reply = as_member(school, "1005").say("孙强老师的父亲昨天去世了")
    assert "代为转达" in reply and "节哀" not in reply, reply


def test_her_own_surgery_then_a_word_not_to_worry(school):
    chat = as_member(school, "1011")
    chat.say("我下周一（7号）要做个甲状腺的小手术 得住院几天 跟工会报备一下")
    reply = chat.say("在市一院 没什么大事 别担心")
    assert ASKED_WHO not in reply and "还没听清是哪位" not in reply, reply
    assert one_report(school) == ("徐丽（本人）", "生病住院", "下周一（2026-09-07）")


def test_a_typo_put_right_after_her_own_fall_stays_her_report(school):
    chat = as_member(school, "1019")
    chat.say("困死了。。刚改完作业 跟公会报备下 我昨天下午带班大扫除从凳子上摔下来 骨着了")
    reply = chat.say("打错了 是骨折 手腕打了石膏 明早再说 睡了")
    assert ASKED_WHO not in reply, reply
    subject, kind, when = one_report(school)
    assert (subject, kind) == ("林晓燕（本人）", "生病住院") and "2026-08-31" in when


def test_a_first_person_report_about_someone_else_is_not_hers(school):
    chat = as_member(school, "1011")
    chat.say("我昨天去医院看了数学组孙强老师 他做了手术")
    subject, _kind, _when = one_report(school)
    assert subject == "孙强"


# ---- the person put right after the report -------------------------------------------------------------


@pytest.mark.parametrize(("first", "then", "subject", "day"), [
    ("英语组胡老师昨天住院了 急性肠胃炎", "说错了说错了 不是胡老师 是周老师 周婷", "周婷", "2026-08-31"),
    ("英语组胡老师昨天住院了", "搞错了 不是胡老师，是周老师，周婷", "周婷", "2026-08-31"),
    ("数学组王老师前天做了手术", "不好意思说错了 不是王老师 是孙老师 孙强", "孙强", "2026-08-30"),
])
def test_the_person_put_right_after_the_report(school, first, then, subject, day):
    chat = as_member(school, "1013")
    chat.say(first)
    reply = chat.say(then)
    assert "您是想" not in reply and f"已更正为：{subject}" in reply, reply
    got, kind, when = one_report(school)
    assert (got, kind) == (subject, "生病住院") and day in when


# ---- news passed on in the colleague's own quoted words ------------------------------------------------


@pytest.mark.parametrize(("staff_no", "text", "subject", "kind", "day"), [
    ("1024", "小唐让我帮她转达：“我父亲上周六去世了，麻烦跟工会说一声。”", "唐宁的父亲", "丧事", "2026-08-29"),
    ("1001", "老郭托我跟工会说一声：“我母亲昨天走了。”", "郭涛的母亲", "丧事", "2026-08-31"),
    ("1001", "何雪说：「我下周二结婚，替我跟工会说一下」", "何雪", "结婚", "2026-09-08"),
    ("1013", "彭亮老师让我转告工会：\"我昨天住院了 阑尾炎\"", "彭亮", "生病住院", "2026-08-31"),
    ("1013", "隔壁班的小刘让我转达：“我父亲昨天走了”", "隔壁班的小刘的父亲", "丧事", "2026-08-31"),  # two 刘: words kept
    # the same passed on in the reporter's words: "她父亲" is the colleague's
    ("1024", "小唐让我帮她跟工会说一声，她父亲上周六去世了", "唐宁的父亲", "丧事", "2026-08-29"),
    ("1001", "替老郭跟工会说下 他母亲昨天走了", "郭涛的母亲", "丧事", "2026-08-31"),
])
def test_quoted_news_is_the_colleagues(school, staff_no, text, subject, kind, day):
    chat = as_member(school, staff_no)
    reply = chat.say(text)
    assert FITS[kind] in reply, reply
    got, got_kind, when = one_report(school)
    assert (got, got_kind) == (subject, kind) and day in when, (got, got_kind, when)


def test_quoted_news_then_who_the_colleague_is(school):
    chat = as_member(school, "1024")
    chat.say("小唐让我帮她转达：“我父亲上周六去世了，麻烦跟工会说一声。”")
    reply = chat.say("就是理化生组的唐宁")
    assert "有什么情况要告诉工会" not in reply and "唐宁" in reply, reply
    got, kind, when = one_report(school)
    assert got == "唐宁的父亲" and kind == "丧事" and "2026-08-29" in when


# ---- news told across two messages ---------------------------------------------------------------------


@pytest.mark.parametrize(("staff_no", "first", "then", "subject", "kind", "day"), [
    ("1001", "跟工会说个事 我们组老孙", "他老丈人前天去世了", "孙强的老丈人", "丧事", "2026-08-30"),
    ("1001", "反映个情况 我们组小高", "他昨天晚上阑尾炎住院了", "高峰", "生病住院", "2026-08-31"),
    ("1013", "跟工会说下 英语组老罗", "他爱人昨天生了 是个女儿", "罗斌", "生育", "2026-08-31"),
    ("1013", "给工会报个信 英语组的小周", "昨天生了个儿子", "周婷", "生育", "2026-08-31"),
    ("1013", "赵敏老师住院了", "哦对 是上周五住的", "赵敏", "生病住院", "2026-08-28"),
    ("1013", "郭涛老师做手术了", "嗯 昨天下午做的", "郭涛", "生病住院", "2026-08-31"),
])
def test_news_told_across_two_messages(school, staff_no, first, then, subject, kind, day):
    chat = as_member(school, staff_no)
    chat.say(first)
    reply = chat.say(then)
    assert FITS[kind] in reply, reply
    got, got_kind, when = one_report(school)
    assert got.startswith(subject) and got_kind == kind and day in when, (got, got_kind, when)
    if subject == "孙强的老丈人":
        assert got == subject
