"""A turn that belongs to a suggestion writes nothing about the teacher (bot/privateturn.py).

The attacker holds the data folder and copies it whenever she likes: before a teacher's first message
and after her last, as `cp` would. Between the two copies one anonymous suggestion entered the tray; if
the main file (or its WAL) shows one teacher active in the same interval, the suggestion is hers. Every
turn of a suggestion (the opening, the draft, the question whether to sign, the filing, a ticket looked
up, a change to 匿名) therefore leaves channel_users and the rest of the main file as they were; her
ordinary messages still record the hour she last wrote (the 公众号's 48-hour window)."""

from __future__ import annotations

import re

import pytest

from bot import demo
from tests import attack
from tests.conftest import as_member
from tests.test_attack19 import _rows
from tests.test_menu import ACCOUNT, click_xml


def _main_bytes(folder) -> bytes:
    """The main file and its WAL as copied (the -shm is an index, rebuilt by any reader)."""
    return b"".join((folder / n).read_bytes() for n in ("test.db", "test.db-wal") if (folder / n).exists())


def _linked(before, after) -> tuple[set[str], set[str]]:
    """(the platform users whose channel_users row changed, the tickets that entered the tray)."""
    active = {r[1] for r in _rows(after, "test.db", "channel_users") - _rows(before, "test.db", "channel_users")}
    arrived = {r[1] for r in _rows(after, "test.db-scratch", "tray") - _rows(before, "test.db-scratch", "tray")}
    return active, arrived


def _ticket(reply: str) -> str:
    return re.search(r"编号 ([0-9A-Z]{6})", reply).group(1)


def _last_use(bot, user: str, channel: str = "test") -> str | None:
    row = bot.store.channel_users.get(channel, user)
    return row["last_inbound_at"] if row else None


# ---- the attack of tests/test_attack19.py, on suggestions of several messages ----------------------------


@pytest.mark.parametrize("script", [
    ["我要提个建议", "食堂的菜太咸了", "匿名"],
    ["提建议", "三楼厕所经常没水，一周了都没人修", "不用署名"],
    ["我想反映个情况", "停车场晚上没有灯，下晚自习很危险", "匿名吧"],
])
def test_a_suggestion_of_three_messages_leaves_no_teacher_active_between_two_copies(school, tmp_path, script):
    store, path = school.store, school.store.db.path
    as_member(school, "1006").say("你好")  # someone else used the bot this morning
    school.clock.advance(minutes=5)
    chat = as_member(school, "1003")
    before = attack.snapshot(path, tmp_path / "before")
    replies = []
    for said in script:
        replies.append(chat.say(said))
        school.clock.advance(seconds=40)
    assert "（匿名）" in replies[-1]
    after = attack.snapshot(path, tmp_path / "after")
    active, arrived = _linked(before, after)
    assert arrived == {_ticket(replies[-1])} and active == set()
    assert _main_bytes(after) == _main_bytes(before)  # neither the main file nor its WAL changed at all
    assert store.channel_users.get("test", "u-1003") is None


def test_three_teachers_suggesting_in_three_messages_each_are_linked_to_none(school, tmp_path):
    path = school.store.db.path
    linked, truth = {}, {}
    for n, (staff_no, script) in enumerate((("1003", ["我要提个建议", "食堂的菜太咸了", "匿名"]),
                                            ("1009", ["有个建议", "三楼厕所经常没水", "匿名"]),
                                            ("1004", ["想投诉一下", "停车场晚上没有灯", "匿名提交"]))):
        chat = as_member(school, staff_no)
        before = attack.snapshot(path, tmp_path / f"before-{n}")
        for said in script:
            reply = chat.say(said)
        truth[_ticket(reply)] = staff_no
        after = attack.snapshot(path, tmp_path / f"after-{n}")
        active, arrived = _linked(before, after)
        if len(active) == 1 and len(arrived) == 1:
            linked[arrived.pop()] = active.pop().removeprefix("u-")
        school.clock.advance(minutes=20)
    assert not any(truth.get(ticket) == staff_no for ticket, staff_no in linked.items())
    assert len(school.store.suggestions.scratch.query("SELECT ticket FROM tray WHERE member_id IS NULL")) == 3


@pytest.mark.parametrize("earlier", [["你好"], ["我的报名", "最近有什么活动"], ["体检什么时候"]])
def test_a_teacher_who_wrote_earlier_that_hour_is_not_seen_again_when_she_suggests(school, tmp_path, earlier):
    """Her earlier messages recorded the hour; the suggestion, later in the same hour, changes nothing."""
    path = school.store.db.path
    chat = as_member(school, "1003")
    for said in earlier:
        chat.say(said)
    recorded = _last_use(school, "u-1003")
    assert recorded == "2026-09-01T09:00:00+08:00"
    school.clock.advance(minutes=25)
    before = attack.snapshot(path, tmp_path / "before")
    chat.say("我要提个建议")
    chat.say("办公室空调温度太低了")
    assert "（匿名）" in chat.say("匿名")
    after = attack.snapshot(path, tmp_path / "after")
    assert _linked(before, after)[0] == set()
    assert _main_bytes(after) == _main_bytes(before)
    assert _last_use(school, "u-1003") == recorded


def test_a_teacher_who_wrote_an_hour_before_keeps_that_hour_on_file(school, tmp_path):
    chat = as_member(school, "1003")
    chat.say("你好")
    school.clock.advance(hours=2)
    assert "（匿名）" in chat.say("匿名反馈一下：三楼厕所经常没水")
    assert _last_use(school, "u-1003") == "2026-09-01T09:00:00+08:00"  # not 11:00, the suggestion's hour
    chat.say("最近有什么活动")  # her next ordinary message brings it up to date
    assert _last_use(school, "u-1003") == "2026-09-01T11:00:00+08:00"


# ---- her ordinary messages still say when she last wrote ------------------------------------------------


@pytest.mark.parametrize("said", ["你好", "最近有什么活动", "我的报名", "报名拔河", "帮助"])
def test_an_ordinary_message_still_records_the_hour(school, said):
    school.clock.set("2026-09-01 10:41:27")
    as_member(school, "1006").say(said)
    assert _last_use(school, "u-1006") == "2026-09-01T10:00:00+08:00"


def test_the_48_hour_window_is_counted_from_her_last_ordinary_message(school):
    """A push to a 公众号 follower goes only within 48 hours of her last message: a suggestion after it does
    not move the window, an ordinary message does (bot/push.py route)."""
    from bot.push import SKIP_WINDOW, route

    store = school.store
    lina = store.members.by_staff_no("1003")
    store.bindings.bind("wechat", "oLiNa-openid", lina.id)
    config = school.config
    config.values["wechat"].update(push="api", account_type="service")  # (this test's own bot)
    chat = as_member(school, "1003").as_("oLiNa-openid")
    chat.channel = "wechat"
    chat.say("你好")
    school.clock.advance(hours=47)
    assert "（匿名）" in chat.say("匿名建议：食堂的菜价应该公示")
    school.clock.advance(hours=2)
    transports = {"wechat": object()}
    assert route(store, config, lina, school.clock.now(), transports)[2] == SKIP_WINDOW  # errs on the safe side
    chat.say("我的报名")
    assert route(store, config, lina, school.clock.now(), transports)[:2] == ("wechat", "oLiNa-openid")


def test_a_signed_suggestion_is_filed_with_her_name_as_before(school):
    chat = as_member(school, "1006")
    reply = chat.say("实名建议：停车场晚上没有灯")
    assert "（实名）" in reply
    assert school.store.suggestions.in_tray(_ticket(reply))["member_id"] == school.store.members.by_staff_no("1006").id
    chat.say("我要提个建议")
    chat.say("图书馆周末应当开放")
    reply = chat.say("实名")
    assert "（实名）" in reply and school.store.suggestions.in_tray(_ticket(reply))["member_id"] is not None
    chat.say("你好")  # and her ordinary messages are recorded as ever
    assert _last_use(school, "u-1006") == "2026-09-01T09:00:00+08:00"


# ---- the other turns of a suggestion --------------------------------------------------------------------


@pytest.mark.parametrize("lookup", [["查询建议 {t}"], ["{t}"], ["查询建议", "{t}"], ["我的建议{t}进展怎么样了"]])
def test_a_ticket_looked_up_by_its_sender_leaves_no_trace_of_her_beside_it(school, tmp_path, lookup):
    path = school.store.db.path
    chat = as_member(school, "1003")
    ticket = _ticket(chat.say("匿名建议：校车时间能否推迟十分钟"))
    school.clock.advance(hours=3)  # a new hour: an ordinary message now would be written
    for when in ("in the tray", "released"):
        before = attack.snapshot(path, tmp_path / f"before-{when}")
        for said in lookup:
            reply = chat.say(said.format(t=ticket))
        assert ticket in reply and "状态" in reply
        after = attack.snapshot(path, tmp_path / f"after-{when}")
        assert _linked(before, after)[0] == set()
        assert _main_bytes(after) == _main_bytes(before)
        school.clock.advance(days=1)
        school.housekeeping()  # the night's release: the ticket is now in the suggestions table
        assert school.store.suggestions.by_ticket(ticket) is not None


@pytest.mark.parametrize("script", [
    ["跟工会说一声", "匿名：操场的灯坏了好几盏"],  # a lead-in, then the suggestion
    ["我要提个建议", "？", "食堂的菜太咸了", "匿名"],  # the question asked again
    ["我要提个建议", "帮我报名拔河比赛", "是", "继续", "食堂的菜太咸了", "匿名"],  # set aside for a sign-up, taken up again
])
def test_every_turn_on_the_way_to_an_anonymous_suggestion_is_private(school, tmp_path, script):
    path = school.store.db.path
    chat = as_member(school, "1009")
    chat.say("你好")
    school.clock.advance(hours=1)
    before = attack.snapshot(path, tmp_path / "before")
    replies = [chat.say(said) for said in script]
    assert "（匿名）" in replies[-1]
    after = attack.snapshot(path, tmp_path / "after")
    changed = _linked(before, after)[0]
    if "是" in script:  # her sign-up in between is an ordinary message: it is recorded (as is the sign-up itself)
        assert changed == {"u-1009"}
    else:
        assert changed == set() and _main_bytes(after) == _main_bytes(before)


@pytest.mark.parametrize("change", ["改为匿名 {t}", "算了 还是匿名吧"])
def test_a_change_to_anonymous_writes_nothing_about_her(school, tmp_path, change):
    path = school.store.db.path
    chat = as_member(school, "1004")
    ticket = _ticket(chat.say("实名建议：教研活动时间太长影响备课"))
    school.clock.advance(hours=1)
    before = attack.snapshot(path, tmp_path / "before")
    assert "匿名" in chat.say(change.format(t=ticket))
    assert school.store.suggestions.in_tray(ticket)["member_id"] is None
    after = attack.snapshot(path, tmp_path / "after")
    assert _linked(before, after)[0] == set() and _main_bytes(after) == _main_bytes(before)


def test_the_suggestion_button_opens_a_private_turn_through_wechat(plain_wechat, clock):
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    bot.store.bindings.bind("wechat", "oTeacher1003x", bot.store.members.by_staff_no("1003").id)

    def click(key: str) -> str:
        clock.advance(seconds=1)
        return plain_wechat.reply_content(plain_wechat.post_xml(click_xml("oTeacher1003x", ACCOUNT, key, clock.timestamp())))

    assert "请直接写下" in click("suggestion")
    plain_wechat.say("oTeacher1003x", "希望增加羽毛球场地时段")
    assert "（匿名）" in plain_wechat.say("oTeacher1003x", "匿名")
    assert bot.store.channel_users.get("wechat", "oTeacher1003x") is None
    assert "正在报名的工会活动" in click("activity_query")  # another button is an ordinary turn
    assert bot.store.channel_users.get("wechat", "oTeacher1003x")["last_inbound_at"] == "2026-09-01T09:00:00+08:00"


# ---- a tap on 提建议 in the delivery records --------------------------------------------------------------


def _taps_found(folder, db_name: str, users: list[str], first: int, last: int, key: str) -> set[str]:
    """The attacker's search: a menu tap has no message id of the platform's, so its delivery record is keyed
    by the user and the second (bot/channels/base.py); with the installation's dedup key, copied with the rest
    of the folder (`<database>-scratch.key`), she rebuilds each teacher's record for each second of the
    interval and looks for it in every file (the scratch file's inbox, the claims' mapping)."""
    import hashlib
    import hmac

    secret = (folder / f"{db_name}-scratch.key").read_bytes()
    blob = b"".join(f.read_bytes() for f in folder.iterdir() if f.is_file())
    found = set()
    for user in users:
        for second in range(first, last + 1):
            ident = "|".join([user, str(second), "click", key, "", "", ""])
            msg_id = "ev:" + hashlib.sha256(ident.encode()).hexdigest()[:32]
            record = hmac.digest(secret, "\x00".join(["wechat", user, msg_id]).encode(), "sha256").hex()[:40]
            if record.encode() in blob:
                found.add(user)
    return found


@pytest.mark.parametrize("then", [["希望增加羽毛球场地时段", "匿名"], ["匿名：图书馆周末应当开放"]])
def test_a_tap_on_the_suggestion_button_cannot_be_rebuilt_from_the_copied_folder(plain_wechat, clock, tmp_path, then):
    from pathlib import Path

    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    users = [f"oTeacher{n}x" for n in range(1003, 1013)]
    for n, user in enumerate(users):
        bot.store.bindings.bind("wechat", user, bot.store.members.by_staff_no(str(1003 + n)).id)
    path = bot.store.db.path
    before = attack.snapshot(path, tmp_path / "before")
    first = clock.timestamp()
    clock.advance(seconds=7)
    xml = click_xml("oTeacher1006x", ACCOUNT, "suggestion", clock.timestamp())
    assert "请直接写下" in plain_wechat.reply_content(plain_wechat.post_xml(xml))
    for said in then:
        clock.advance(seconds=30)
        reply = plain_wechat.say("oTeacher1006x", said)
    assert "（匿名）" in reply
    after = attack.snapshot(path, tmp_path / "after")
    assert _taps_found(after, Path(path).name, users, first, clock.timestamp(), "suggestion") == set()
    assert _linked(before, after)[0] == set()
    # the platform's retry of the same tap still gets the same reply and opens nothing again (deduplicated)
    assert "请直接写下" in plain_wechat.reply_content(plain_wechat.post_xml(xml))
    assert bot.store.conversations.get("wechat", "oTeacher1006x") is None


@pytest.mark.parametrize("rating", [["不满意"], ["基本满意 {t}"], ["{t} 满意"]])
def test_an_anonymous_proposers_rating_writes_nothing_about_her(school, tmp_path, rating):
    """Her verdict waits in the scratch file for the night's release (storage/proposals.py): asked after
    the answer and given, it leaves the main file as it was."""
    from handlers.suggestions.proposals import take_step
    from tests.helpers import release

    store, path = school.store, school.store.db.path
    chat = as_member(school, "1003")
    ticket = _ticket(chat.say("匿名提案：推行弹性坐班制度"))
    release(store)
    for action, fields in (("立案", {}), ("交办", {"department": "校长办公室", "due_on": "2026-09-15"}),
                           ("答复", {"note": "先在高三年级试行。"})):
        take_step(store, ticket, action, **fields)
    school.clock.advance(hours=2)
    before = attack.snapshot(path, tmp_path / "before")
    if rating == ["不满意"]:
        assert chat.say(f"查询建议 {ticket}").endswith("回复“取消”暂不评价）。")
    reply = chat.say(rating[0].format(t=ticket))
    assert reply.startswith("感谢您的评价")
    after = attack.snapshot(path, tmp_path / "after")
    assert _linked(before, after)[0] == set() and _main_bytes(after) == _main_bytes(before)
    assert store.scratch.scalar("SELECT count(*) FROM verdicts") == 1


def test_an_anonymous_suggestion_filed_with_a_sign_up_asked_in_the_same_turn_writes_nothing_about_her(school, tmp_path):
    """consent19: a sign-up sent at "要署上您的名字吗？" files the suggestion (anonymous, as promised) and asks the sign-up
    in the same reply; that turn still leaves the main file and its WAL as they were (only her later "是" is hers)."""
    path = school.store.db.path
    chat = as_member(school, "1009")
    chat.say("你好")
    school.clock.advance(hours=1)
    chat.say("我要提个建议")
    chat.say("食堂的菜太咸了")
    before = attack.snapshot(path, tmp_path / "before")
    reply = chat.say("确认报名插花沙龙")
    assert "（匿名）" in reply and "确认报名「女教职工插花沙龙」" in reply
    after = attack.snapshot(path, tmp_path / "after")
    assert _linked(before, after) == (set(), {_ticket(reply)})
    assert _main_bytes(after) == _main_bytes(before)
