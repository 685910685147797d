"""匿名就是匿名, attacked: twelve teachers use the bot through /wechat (signed XML, the real protocol)
for a morning — greetings, 我的报名, sign-ups, binding — and ten of them each send an anonymous
suggestion, some in one message, some in three. Copies of every database file (main, WAL, scratch,
journal) are taken every few messages, also while a reader holds a transaction open on the main
file (the WAL then cannot be reset), before the day's release and after it. The attack in
tests/attack.py then tries text, WAL order, row order, rank and time to name each sender.

Chance among twelve teachers is 10/12 ≈ 0.8 of the ten. Before this design (the old inbox, drafts
beside the user id, rowid order) the same attack linked most of them; see the README's threat model.
"""

from __future__ import annotations

import random
import re

from bot import demo
from tests import attack

STAFF = [f"{n}" for n in range(1003, 1015)]  # twelve teachers
CONTENTS = ["三楼厕所经常没水", "食堂的菜价应该公示", "校车时间能否推迟十分钟", "图书馆周末应当开放",
            "体检项目希望增加骨密度", "办公室空调温度太低", "停车位划线不清楚", "希望增加羽毛球场地时段",
            "教研活动时间太长影响备课", "职称评审材料希望简化"]


def _openid(staff_no: str) -> str:
    return f"oTeacher{staff_no}x"


def run_session(wx, bot, tmp_path):
    rng = random.Random(20261201)
    store = bot.store
    demo.seed(store, bot.clock)
    scripts: dict[str, list[str]] = {}
    for i, staff_no in enumerate(STAFF):
        member = store.members.by_staff_no(staff_no)
        steps = []
        if i % 2 == 0:
            store.bindings.bind("wechat", _openid(staff_no), member.id)
        else:
            steps += [f"绑定 {staff_no} {member.name}", staff_no]  # demo phones end in the 工号
        steps += ["你好", "我的报名"]
        if i % 3 == 0:
            steps += ["报名拔河", "是"]
        if i < len(CONTENTS):
            if i % 2:
                steps += ["我要提建议", CONTENTS[i], "匿名"]
            else:
                steps += [f"匿名建议：{CONTENTS[i]}"]
        steps += ["最近有什么活动"]
        if i in (10, 11):
            steps += [f"实名建议：第{i}位老师的署名建议内容"]
        scripts[staff_no] = steps
    order = [s for s in STAFF for _ in scripts[s]]
    rng.shuffle(order)
    cursor = {s: 0 for s in STAFF}
    truth: dict[str, int] = {}
    copier = attack.Copier(bot, tmp_path)
    for n, staff_no in enumerate(order):
        text = scripts[staff_no][cursor[staff_no]]
        cursor[staff_no] += 1
        bot.clock.advance(seconds=rng.randint(2, 40))
        reply = wx.say(_openid(staff_no), text)
        m = re.search(r"编号 ([0-9A-Z]{6})", reply)
        if m and "匿名" in reply[:20] and "（匿名）" in reply:
            truth[m.group(1)] = store.members.by_staff_no(staff_no).id
        copier.after(n)
    assert sorted(cursor.values()) == sorted(len(v) for v in scripts.values())
    copier.take("snap-end-of-session")
    bot.clock.advance(days=1)
    bot.housekeeping()  # the day's release
    final = copier.take("snap-final")
    return copier.folders, final, truth


def test_the_attack_links_no_anonymous_suggestion_better_than_chance(plain_wechat, tmp_path):
    bot = plain_wechat.app.extensions["unionbot"]
    folders, final, truth = run_session(plain_wechat, bot, tmp_path)
    assert len(truth) == 10
    guesses, attacked = attack.attack(folders, final, "test.db")
    assert {s["ticket"] for s in attacked} == set(truth)  # the committee sees all ten, unsigned
    right = attack.score(guesses, truth)
    print("\nlinked (right guesses of 10):", right)
    # nothing places a suggestion's text or ticket near a teacher's name or id, in any file, ever
    assert right["text"] == 0 and right["wal_order"] == 0 and right["row_order"] == 0 and right["time"] == 0
    # ranking the random ids against the order teachers came is a random permutation: about one
    # fixed point expected; six or more would happen by chance less than once in a thousand runs
    assert right["rank"] <= 5


def test_the_attack_does_find_a_link_where_there_is_one(plain_wechat, tmp_path):
    """The attack itself works: a suggestion stored the old way (a reply naming the teacher, then the
    receipt, in arrival order) is linked."""
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    db = bot.store.db
    lina = bot.store.members.by_staff_no("1003")
    bot.store.bindings.bind("wechat", "oLiNa", lina.id)
    db.execute("CREATE TABLE old_inbox (reply TEXT)")
    db.execute("INSERT INTO old_inbox VALUES ('您好，李娜老师！')")
    db.execute("INSERT INTO old_inbox VALUES ('已收到您的建议（匿名），编号 Z5F89W')")
    bot.store.suggestions.add("建议", "三楼厕所经常没水", None)
    db.execute("UPDATE suggestions SET ticket = 'Z5F89W'")
    folder = attack.snapshot(db.path, tmp_path / "snap")
    guesses, _ = attack.attack([folder], folder, "test.db")
    assert attack.score(guesses, {"Z5F89W": lina.id})["row_order"] == 1
