"""Issue 23, twentieth round: two readings done at every message now done once, with the same answers.

- A joining word's reading takes the teacher's own name (or 老X/小X/X老师) as 我 (handlers/activities/joining.py
  `as_me`). Its pattern was a string compiled by `re` on each call, whose cache holds 512 patterns: with more
  teachers than that, each one's was compiled again (50 – 200 µs). It is compiled once per name now, and not looked
  for at all when her surname is not in the text.
- The activities a member may see (audience: all, women, retired, a group) were filtered from the upcoming list
  at every ask (two or three a message); they are filtered once per list and kind of member now
  (storage/activities.py `upcoming_for`), and a sign-up, a withdrawal or an edit is seen at once.
"""

from __future__ import annotations

import re

import pytest

from bot.demo import seed
from handlers.activities import joining
from storage.activities import audience_allows


def _as_me_before(norm: str, name: str | None) -> str:
    """The reading as it was (the pattern compiled by `re` at each call)."""
    if not name or len(name) < 2:
        return norm
    surname = name[0]
    return re.sub(rf"{re.escape(name)}(老师)?|[老小]{surname}(?!老师|主任)|{surname}老师", "我", norm)


TEXTS = ["李娜老师也来参加拔河", "老李必须有我", "小李老师报个名", "李老师算上", "李主任报名登山", "李娜报名读书会",
         "王芳说李娜想去", "读书会奉陪到底", "老王 小张 都去", "", "李"]
NAMES = ["李娜", "王芳", "欧阳娜娜", "张三", "李", None, ""]


@pytest.mark.parametrize("name", NAMES)
def test_her_name_is_read_as_me_exactly_as_before(name):
    for text in TEXTS:
        assert joining.as_me(text, name) == _as_me_before(text, name), (text, name)


def test_a_name_is_compiled_once_and_not_at_all_when_her_surname_is_absent():
    joining._naming_her.cache_clear()
    assert joining.as_me("读书会奉陪到底", "赵敏") == "读书会奉陪到底"  # no 赵 in it: nothing compiled
    assert joining._naming_her.cache_info().misses == 0
    assert joining.as_me("赵敏来了 登山算我一个", "赵敏") == "我来了 登山算我一个"
    assert joining.as_me("老赵也去", "赵敏") == "我也去"
    assert joining.as_me("赵老师报拔河", "赵敏") == "我报拔河"
    info = joining._naming_her.cache_info()
    assert (info.misses, info.hits) == (1, 2)


@pytest.fixture
def school(plain_wechat):
    store = plain_wechat.app.extensions["unionbot"].store
    seed(store, plain_wechat.clock)
    people = {
        "oMan": dict(staff_no="93200", name="周建国", gender="男", group_name="语文组"),
        "oWoman": dict(staff_no="93201", name="吴丽", gender="女", group_name="语文组"),
        "oRetired": dict(staff_no="93202", name="郑老", gender="男", status="退休"),
        "oMaths": dict(staff_no="93203", name="冯数", gender="女", group_name="数学组"),
    }
    plain_wechat.members = {}
    for openid, fields in people.items():
        member = store.members.add(**fields)
        store.bindings.bind("wechat", openid, member.id)
        plain_wechat.members[openid] = member
    plain_wechat.store = store
    return plain_wechat


def test_each_kind_of_member_sees_what_the_audience_allows(school):
    activities = school.store.activities
    for member in (*school.members.values(), None):
        seen = activities.upcoming_for(member)
        assert seen == [a for a in activities.upcoming() if audience_allows(a.audience, member)]
        seen.clear()  # a copy: what a caller does with it changes nothing kept
        assert activities.upcoming_for(member) == [a for a in activities.upcoming()
                                                   if audience_allows(a.audience, member)]
    titles = {k: {a.title for a in activities.upcoming_for(m)} for k, m in school.members.items()}
    assert "女教职工插花沙龙" in titles["oWoman"] and "女教职工插花沙龙" not in titles["oMan"]
    assert "重阳敬老座谈会" in titles["oRetired"] and "重阳敬老座谈会" not in titles["oWoman"]
    assert "数学组趣味运动会" in titles["oMaths"] and "数学组趣味运动会" not in titles["oMan"]


def test_the_list_each_sees_follows_a_sign_up_a_withdrawal_and_an_edit(school):
    activities = school.store.activities

    def places(openid):
        return {a.title: a.confirmed for a in activities.upcoming_for(school.members[openid])}

    before = places("oWoman")
    assert "确认" in school.say("oMan", "报名乒乓球") and "报名成功" in school.say("oMan", "是")
    assert places("oWoman")["乒乓球友谊赛"] == before["乒乓球友谊赛"] + 1
    assert "已为您取消" in school.say("oMan", "取消报名乒乓球")
    assert places("oWoman") == before
    salon = next(a for a in activities.upcoming() if a.title == "女教职工插花沙龙")
    activities.update(salon.id, audience="all")
    assert "女教职工插花沙龙" in places("oMan")


def test_asked_one_after_another_each_gets_the_list_for_her(school):
    for openid, sees, not_seen in (("oWoman", "女教职工插花沙龙", "重阳敬老座谈会"),
                                   ("oMan", "乒乓球友谊赛", "女教职工插花沙龙"),
                                   ("oRetired", "重阳敬老座谈会", "女教职工插花沙龙"),
                                   ("oWoman", "女教职工插花沙龙", "数学组趣味运动会")):
        reply = school.say(openid, "最近有什么活动")
        assert sees in reply and not_seen not in reply, (openid, reply)


def test_joining_by_her_own_name_is_still_asked_to_confirm(school):
    assert "确认报名" in school.say("oWoman", "读书会迎来新成员吴丽")
    assert "确认报名" in school.say("oMan", "拔河 老周 奉陪到底")
    assert "确认报名" in school.say("oMaths", "冯数老师也加入拔河大军")
