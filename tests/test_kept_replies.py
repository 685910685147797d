"""A repeated read-only question answered without the router (issue 23, eleventh round; bot/replycache.py):
the same words, from a teacher alike in what the answer read about her, in the same minute, with nothing
changed and no open question, get the replies the first asker got; anything else is answered afresh."""

from __future__ import annotations

import pytest

from bot import demo
from bot.messages import Reply
from bot.replycache import ReplyCache, watched
from storage.members import Member
from storage.scratch import keyed
from tests.helpers import Chat


@pytest.fixture
def school(bot):
    demo.seed(bot.store, bot.clock)
    bot.store.activities.add("女教工插花沙龙", "2026-09-10 15:00", "工会活动室", capacity=20, audience="female",
                             kind="插花")
    return bot


@pytest.fixture
def computed(school, monkeypatch):
    """How many times the router worked a reply out (not taken from what it kept)."""
    calls = []
    fresh = school.router._fresh

    def counted(ctx, expired=False):
        calls.append(ctx.msg.text)
        return fresh(ctx, expired)

    monkeypatch.setattr(school.router, "_fresh", counted)
    return calls


def teacher(bot, user: str, name: str, gender: str = "男", status: str = "在职") -> Chat:
    member = bot.store.members.add(staff_no=f"88{abs(hash(user)) % 10**6:06d}", name=name, gender=gender, status=status)
    bot.store.bindings.bind("test", user, member.id)
    return Chat(bot, user)


def test_teachers_alike_get_the_first_answer_without_the_router(school, computed):
    wang, zhao, qian = (teacher(school, u, n) for u, n in (("u-w", "王建国"), ("u-z", "赵文博"), ("u-q", "钱永刚")))
    first = wang.say("最近有什么活动")
    assert "乒乓球友谊赛" in first and "女教工插花沙龙" not in first
    assert zhao.say("最近有什么活动") == first
    assert qian.say("最近有什么活动") == first
    assert computed == ["最近有什么活动"]
    assert wang.say("最近有什么活动？") == first  # other words: worked out again (the same answer)
    assert len(computed) == 2


def test_a_teacher_unlike_in_audience_gets_her_own_answer(school, computed):
    wang, li = teacher(school, "u-w", "王建国"), teacher(school, "u-l", "李秀梅", gender="女")
    for_him = wang.say("最近有什么活动")
    for_her = li.say("最近有什么活动")
    assert "女教工插花沙龙" in for_her and "女教工插花沙龙" not in for_him
    assert li.as_("u-l").say("最近有什么活动") == for_her
    assert len(computed) == 2
    unbound = Chat(school, "u-nobody")
    assert "女教工插花沙龙" not in unbound.say("最近有什么活动")
    assert len(computed) == 3


def test_a_greeting_naming_the_teacher_is_never_anothers(school, computed):
    wang, zhao = teacher(school, "u-w", "王建国"), teacher(school, "u-z", "赵文博")
    assert "王建国老师" in wang.say("你好")
    to_zhao = zhao.say("你好")
    assert "赵文博老师" in to_zhao and "王建国" not in to_zhao
    assert wang.say("你好") != to_zhao and "王建国老师" in wang.say("你好")
    assert computed == ["你好", "你好"]  # each once; the second time each from what was kept


def test_a_name_that_shares_a_character_with_the_question_is_worked_out_again(school, computed):
    wang, other = teacher(school, "u-w", "王建国"), teacher(school, "u-a", "林活")  # 活 is in 最近有什么活动
    first = wang.say("最近有什么活动")
    assert other.say("最近有什么活动") == first
    assert len(computed) == 2


def test_a_change_in_the_data_or_a_new_minute_is_answered_afresh(school, computed):
    wang, zhao = teacher(school, "u-w", "王建国"), teacher(school, "u-z", "赵文博")
    first = wang.say("最近有什么活动")
    assert "剩余 16/16 个名额" in first
    assert "确认" in zhao.say("报名乒乓球")
    assert "报名成功" in zhao.say("是")
    assert "剩余 15/16 个名额" in wang.say("最近有什么活动")
    school.clock.advance(minutes=1)
    assert "剩余 15/16 个名额" in wang.say("最近有什么活动")
    assert computed.count("最近有什么活动") == 3


def test_an_open_question_is_never_answered_from_what_was_kept(school, computed):
    wang, zhao = teacher(school, "u-w", "王建国"), teacher(school, "u-z", "赵文博")
    wang.say("最近有什么活动")
    assert "确认" in zhao.say("报名乒乓球")
    aside = zhao.say("最近有什么活动")
    assert "还没完成" in aside or "确认" in aside  # the open sign-up is still spoken of
    assert "报名成功" in zhao.say("继续") + zhao.say("是")


def test_a_retry_gets_the_same_reply_and_a_kept_reply_writes_nothing(school, computed):
    from bot.messages import IncomingMessage

    wang, zhao = teacher(school, "u-w", "王建国"), teacher(school, "u-z", "赵文博")
    first = wang.say("最近有什么活动")
    assert "赵文博老师" in zhao.say("你好")  # (her last use this hour: written once)
    changes = school.store.db.conn.total_changes, school.store.scratch.conn.total_changes
    msg = IncomingMessage("test", "m-retried", "u-z", "最近有什么活动", received_at=school.clock.now())
    assert school.dispatch(msg) == first
    assert school.dispatch(msg) == first  # the platform's retry: the same reply, no second handling
    assert (school.store.db.conn.total_changes, school.store.scratch.conn.total_changes) == changes
    assert computed == ["最近有什么活动", "你好"]


def test_a_reply_that_read_a_senders_tray_is_not_kept(school, monkeypatch):
    """"还是实名吧" after a suggestion looks up the sender's tray by a keyed hash of who she is: an answer
    that needed such a hash is hers alone, and the next teacher saying the same words is worked out afresh."""
    wang, zhao = teacher(school, "u-w", "王建国"), teacher(school, "u-z", "赵文博")
    calls, fresh = [], school.router._fresh

    def looks_up_her_tray(ctx, expired=False):
        calls.append(ctx.msg.user_id)
        keyed("sender", ctx.msg.channel, ctx.msg.user_id)  # what _changed_mind does before it finds none
        return fresh(ctx, expired)

    monkeypatch.setattr(school.router, "_fresh", looks_up_her_tray)
    first = wang.say("最近有什么活动")
    assert zhao.say("最近有什么活动") == first
    assert calls == ["u-w", "u-z"]
    monkeypatch.setattr(school.router, "_fresh", fresh)
    assert wang.say("最近有什么活动") == first and zhao.say("最近有什么活动") == first


def test_the_cache_keeps_only_what_the_answer_read():
    cache, key = ReplyCache(), ("test", "", "最近有什么活动", (2026, 9, 1, 9, 0))
    asker = watched(Member(1, "1001", "王建国", gender="男", group_name="语文组"))
    assert asker.active and asker.gender == "男" and asker.name
    cache.keep((1, 0), key, asker, [])
    alike = Member(2, "1002", "赵文博", gender="男", group_name="数学组")
    assert cache.get((1, 0), key, alike) == []  # group and id were not read
    assert cache.get((1, 0), key, Member(3, "1003", "李秀梅", gender="女")) is None
    assert cache.get((1, 0), key, Member(4, "1004", "近动", gender="男")) is None  # her name is in the text
    assert cache.get((2, 0), key, alike) is None  # the database changed
    assert cache.get((1, 0), key, None) is None  # not bound: not alike
    named = ("test", "", "在吗", key[3])
    greeted = watched(Member(6, "1006", "王建国", gender="男"))
    assert greeted.name[:1] == "王"  # (the answer read her name)
    cache.keep((1, 0), named, greeted, [Reply("在的，王老师！")])
    assert cache.get((1, 0), named, Member(7, "1007", "王芳", gender="男")) is None  # "王老师" is hers too
    assert cache.get((1, 0), named, alike) is None  # the reply names its asker: hers alone
    assert cache.get((1, 0), named, Member(6, "1006", "王建国", gender="男", group_name="x")) == [Reply("在的，王老师！")]
    dunder = watched(Member(5, "1005", "孙一", gender="男"))
    assert dunder.__class__ is not Member
    cache.keep((1, 0), ("test", "", "你好", key[3]), dunder, [])
    assert cache.get((1, 0), ("test", "", "你好", key[3]), alike) is None  # read as a whole: not told apart


def test_keyed_is_counted():
    before = keyed.calls
    keyed("sender", "test", "u-x")
    assert keyed.calls == before + 1


def test_a_greeting_or_a_colleague_named_reads_names_without_loading_the_roster(school, monkeypatch):
    """The care hooks ask whether a message names a colleague on every bound teacher's fresh message
    ("你好" included): SQLite finds the names (22 ms → 2 ms per greeting in the bench's 2,447-member school)."""
    wang = teacher(school, "u-w", "王建国")
    school.store.members.add(staff_no="889001", name="高峰", status="退休")

    def loads_the_roster():
        raise AssertionError("the whole roster loaded for one message")

    monkeypatch.setattr(school.store.members, "all_active", loads_the_roster)
    assert "王建国老师" in wang.say("你好")
    assert "高峰老师有什么情况要告诉工会" in wang.say("我们组高峰老师")
    assert "王建国老师" in Chat(school, "u-w").say("你好")


@pytest.mark.parametrize("opening", ["我是何秀英 工号8019 尾号8019 绑好了帮我报个插花沙龙",
                                     "何秀英，工号8019，手机尾号8019，绑定后帮我报名插花沙龙"])
def test_a_binding_and_a_sign_up_in_one_message_still_sign_her_up(bot, opening):
    """While a reply is first worked out the asker is watched: a request after a binding in the same message
    is read as the member just bound, as before (tuned set 4, b07)."""
    demo.seed(bot.store, bot.clock)
    school = bot
    school.store.members.upsert(staff_no="8019", name="何秀英", gender="女", group_name="行政后勤组", phone="13900008019")
    he = Chat(school, "u-new")
    he.say(opening)
    assert "报名成功" in he.say("是的 确认报名")
    member = school.store.members.by_staff_no("8019")
    assert [row["title"] for row in school.store.signups.for_member(member.id)] == ["女教职工插花沙龙"]
