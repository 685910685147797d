"""Attack on this session's work (conv16–19, perf11) as a careless or hostile teacher would: care news put
right at the question of when (the person must move to the one she names, or be asked again, never stay on
the one she said was wrong), more of a suggestion said beside the choice to sign (never dropped), a binding
command at that choice (no answer to it), and the kept replies (bot/replycache.py) for teachers unlike in
what they read. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import pytest

from tests.conftest import as_member

ASK_WHO = "请问是哪位老师"


def care_rows(school) -> list[tuple[str, str]]:
    return [(r["subject"], r["event_kind"]) for r in school.store.db.query("SELECT subject, event_kind FROM care_reports")]


def tray(school) -> list[tuple[str, int | None]]:
    return [(r[0], r[1]) for r in school.store.scratch.conn.execute("SELECT content, member_id FROM tray")]


# ---- a person put right at "大概是什么时候？" --------------------------------------------------------


@pytest.mark.parametrize("news, correction, subject", [
    ("周婷住院了", "说错了 不是周婷 是我", "李娜（本人）"),
    ("周婷老师住院了", "不对不对 是我自己", "李娜（本人）"),
    ("我爸住院了", "说错了 是周婷的爸爸", "周婷的父亲"),
    ("胡老师住院了", "说错了 不是胡老师 是孙强", "孙强"),
])
def test_news_put_right_at_the_question_of_when_moves_to_the_one_she_names(school, news, correction, subject):
    """(high) "周婷住院了", asked when, "说错了 不是周婷 是我": the report was filed about 周婷 (the one she said
    it was not), and "说错了 是周婷的爸爸" left it on her own father."""
    chat = as_member(school, "1003")
    assert "什么时候" in chat.say(news)
    chat.say(correction)
    if ASK_WHO in chat.transcript[-1][1] or "什么时候" in chat.transcript[-1][1]:
        chat.say("不清楚")
    assert care_rows(school) == [(subject, "生病住院")], (news, correction, chat.transcript)


@pytest.mark.parametrize("news, correction", [
    ("周婷老师的父亲住院了", "说错了 不是周老师 是胡老师"),
    ("孙强住院了", "搞错了 不是孙强 是隔壁组一个老师"),
])
def test_a_correction_the_roster_cannot_settle_asks_who_and_files_nothing_on_the_wrong_one(school, news, correction):
    """(high) "说错了 不是周老师 是胡老师" at the question of when: filed as 周婷的父亲 all the same."""
    chat = as_member(school, "1003")
    chat.say(news)
    assert ASK_WHO in chat.say(correction)
    assert care_rows(school) == []
    chat.say("英语组胡静怡的父亲")
    assert [s for s, _ in care_rows(school)] == ["胡静怡的父亲"] or ASK_WHO not in chat.transcript[-1][1]
    assert all("周婷" not in s and "孙强" not in s for s, _ in care_rows(school)), care_rows(school)


def test_a_day_put_right_at_the_question_of_when_keeps_the_person(school):
    chat = as_member(school, "1003")
    chat.say("周婷住院了")
    chat.say("说错了 是前天住的院")
    assert care_rows(school) == [("周婷", "生病住院")]


@pytest.mark.xfail(strict=True, reason="(medium) quoted speech without quote marks: '周婷说：我父亲住院了' is filed "
                                       "as 周婷 herself, not her father")
def test_a_colleagues_words_after_a_colon_are_hers(school):
    chat = as_member(school, "1003")
    chat.say("周婷说：我父亲住院了")
    chat.say("不清楚")
    assert care_rows(school) == [("周婷的父亲", "生病住院")]


@pytest.mark.xfail(strict=True, reason="(medium) relayed without quotes: '张老师让我转告 我住院了' is filed as the "
                                       "sender's own news (three 张 on the roster: it should ask who)")
def test_news_relayed_for_someone_is_not_the_senders(school):
    chat = as_member(school, "1003")
    chat.say("张老师让我转告 我住院了")
    chat.say("不清楚")
    assert all(not s.startswith("李娜") for s, _ in care_rows(school)), care_rows(school)


# ---- the choice to sign: more of it said beside the choice, a binding command -----------------------


@pytest.mark.parametrize("answer, content, signed", [
    ("匿名吧 另外图书馆也延长一下开放时间", "食堂少放盐\n另外图书馆也延长一下开放时间", False),
    ("实名，还有希望图书馆周末也开放一下", "食堂少放盐\n还有希望图书馆周末也开放一下", True),
    ("匿名 图书馆能不能周末开放一下方便老师备课", "食堂少放盐\n图书馆能不能周末开放一下方便老师备课", False),
])
def test_more_of_the_suggestion_beside_the_choice_is_never_dropped(school, answer, content, signed):
    """(high) "匿名吧 另外图书馆也延长一下开放时间": filed anonymous with only '食堂少放盐' (the rest lost)."""
    chat = as_member(school, "1003")
    assert "要署上您的名字吗" in chat.say("建议食堂少放盐")
    reply = chat.say(answer)
    assert reply.startswith("已收到您的建议（实名）" if signed else "已收到您的建议（匿名）"), reply
    member = school.store.members.by_staff_no("1003")
    assert tray(school) == [(content, member.id if signed else None)]


def test_a_reason_beside_anonymous_is_no_more_of_it(school):
    chat = as_member(school, "1003")
    chat.say("建议食堂少放盐")
    assert chat.say("匿名吧 怕领导知道").startswith("已收到您的建议（匿名）")
    assert tray(school) == [("食堂少放盐", None)]


@pytest.mark.parametrize("binding", ["绑定 1009 周婷 0009", "我要绑定 1009 周婷", "解除绑定"])
def test_a_binding_command_at_the_choice_to_sign_is_no_answer(school, binding):
    """(medium) "绑定 1009 周婷 0009" at 要署上您的名字吗 was filed anonymous as 'anything else'; she is told
    whom she is bound as and asked again. Nobody else is bound."""
    chat = as_member(school, "1003")
    chat.say("建议食堂少放盐")
    reply = chat.say(binding)
    assert "您已绑定为李娜老师" in reply and tray(school) == [], reply
    assert chat.say("实名").startswith("已收到您的建议（实名）")
    member = school.store.members.by_staff_no("1003")
    assert tray(school) == [("食堂少放盐", member.id)]
    assert school.store.bindings.member_for("test", "u-1003").id == member.id


# ---- kept replies: never another teacher's ---------------------------------------------------------


def test_a_kept_greeting_never_names_another_teacher(school):
    li, zhou = as_member(school, "1003"), as_member(school, "1009")
    assert "李娜老师" in li.say("你好")
    assert "周婷老师" in zhou.say("你好") and "李娜" not in zhou.transcript[-1][1]


def test_a_kept_list_is_not_kept_across_unbinding(school):
    li = as_member(school, "1003")
    assert "女教职工插花沙龙" in li.say("最近有什么活动")
    school.store.bindings.unbind("test", "u-1003") if hasattr(school.store.bindings, "unbind") else \
        school.store.db.execute("DELETE FROM bindings WHERE user_id = 'u-1003'")
    assert "女教职工插花沙龙" not in li.say("最近有什么活动")


# ---- a colleague's wish to join, passed on: never the sender's sign-up ------------------------------


def signups(school) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in school.store.db.execute(
        "SELECT a.title, m.name FROM signups s JOIN activities a ON a.id = s.activity_id "
        "JOIN members m ON m.id = s.member_id WHERE s.status = 'confirmed'")]


@pytest.mark.parametrize("lines", [["我同事说她想报乒乓球"], ["乒乓球怎么样", "我同事说她想报"],
                                   ["小唐让我帮她报个乒乓球"], ["王老师也想参加乒乓球 帮她报一个"]])
def test_a_colleagues_wish_passed_on_signs_nobody_up(school, lines):
    """(high) "我同事说她想报乒乓球" asked to confirm the sender's own sign-up, and her "是" signed her up."""
    chat = as_member(school, "1003")
    for line in lines:
        chat.say(line)
    assert "不能替别人报名" in chat.transcript[-1][1], chat.transcript
    chat.say("是")
    assert signups(school) == []


def test_a_colleagues_wish_at_her_own_confirmation_keeps_hers(school):
    chat = as_member(school, "1003")
    chat.say("乒乓球报一个")
    reply = chat.say("我同事说她也想报")
    assert "不能替别人报名" in reply and "乒乓球友谊赛" in reply
    chat.say("是")
    assert signups(school) == [("乒乓球友谊赛", "李娜")]


@pytest.mark.parametrize("own", ["同事说乒乓球挺好玩 我想报", "我想报乒乓球 同事说挺好玩的", "我奶奶说要报乒乓球",
                                 "乒乓球 老高说他报了 咱也凑个热闹"])
def test_her_own_wish_beside_a_colleagues_words_still_asks_to_confirm(school, own):
    chat = as_member(school, "1003")
    assert chat.say(own).startswith("确认报名「乒乓球友谊赛」吗"), own


# ---- kept replies across threads (each with its own database connection) ---------------------------


def test_a_kept_list_is_never_given_after_a_change_from_another_thread(school):
    """(medium) Versions are one connection's numbers: a list kept by one worker thread was given by
    another (a new connection whose numbers matched) after the activity was cancelled."""
    import threading

    def in_thread(say):
        out: list[str] = []
        worker = threading.Thread(target=lambda: out.append(say()))
        worker.start()
        worker.join()
        return out[0]

    li, zhou = as_member(school, "1003"), as_member(school, "1009")
    assert "乒乓球友谊赛" in in_thread(lambda: li.say("最近有什么活动"))
    school.store.db.execute("UPDATE activities SET status = 'cancelled' WHERE title = '乒乓球友谊赛'")
    assert "乒乓球友谊赛" not in in_thread(lambda: zhou.say("最近有什么活动"))
