"""Issues 21 and 22 attacked before they are called done: the 去投票 button and "投票 <标题>" (a retried
or forwarded tap, a recurring title), the automatic poll reminder (who is told, how often, across two
workers), the 提前提醒 switch in the console by each role, and a 提案 after 不予立案 through the CLI's
other commands. Each test is the attack; what it must not achieve is asserted."""
# ruff: noqa: F811  (fixtures imported from tests/test_onetap.py)

from __future__ import annotations

import datetime as dt

import pytest

from bot import demo
from bot.app import Bot
from bot.console import hash_password
from bot.push import Sender
from bot.scheduler import run_day
from handlers.polls.notices import announce_poll
from storage.polls import RATING
from tests.conftest import as_member, make_config
from tests.helpers import count_poll
from tests.test_console import COMMITTEE_PW, login, post, text
from tests.test_onetap import Tapper, card_event_xml, platforms, school  # noqa: F401 (fixtures)
from tests.test_polls import motion_poll, rating_poll
from tests.test_polls_notices import ballots_state, rows
from tests.test_proposals import cli_proposal

VIEWER_PW = "chakan-pass-789"


def bot_of(app):
    return app.extensions["unionbot"]


# ---- "投票 <标题>" and the 去投票 button ---------------------------------------------------------------


def test_the_words_of_this_years_announcement_pick_this_years_poll_not_last_years(tmp_path, clock):
    """A 民主测评 comes back every year under the same title: the words the announcement, the 钉钉
    button and the 公众号 text give ("投票 <标题>") must open the poll that is running, not tell the
    teacher that last year's one is closed."""
    bot = Bot(make_config(tmp_path), clock)
    demo.seed(bot.store, clock)
    last = bot.store.polls.create("中层干部民主测评", [("对张伟的测评", RATING)], "2026-09-02 17:00")
    bot.store.polls.close(last["id"])
    this = bot.store.polls.create("中层干部民主测评", [("对王芳的测评", RATING)], "2026-09-05 17:00")
    assert as_member(bot, "1003").say("投票 中层干部民主测评").startswith("【中层干部民主测评】共 1 题，2026-09-05 17:00 截止")
    nxt = bot.store.polls.create("中层干部民主测评", [("对陈静的测评", RATING)], "2026-10-05 17:00",
                                 opens_at="2026-10-01 08:00")  # announced early: not yet open, the running one wins
    assert as_member(bot, "1005").say("投票 中层干部民主测评").startswith("【中层干部民主测评】共 1 题，2026-09-05 17:00")
    bot.store.polls.close(this["id"])
    assert as_member(bot, "1006").say("投票 中层干部民主测评").startswith("“中层干部民主测评”还没有开始，2026-10-01 08:00")
    assert nxt["id"] > this["id"]


def test_a_retried_tap_does_not_throw_away_the_answers_already_given(school):
    """企业微信 retries an event it thinks was not answered; the voter has meanwhile answered two of the
    four questions. The retry must not start the ballot over (nor cast anything)."""
    bot = bot_of(school)
    poll = rating_poll(bot)
    announce_poll(bot, poll["id"])
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    taps = Tapper(school)
    code = taps.tap("lina")
    assert taps.client.say("lina", "1 2").startswith("已记下前 2 题")
    before = ballots_state(bot)
    taps.client.post(card_event_xml("lina", f"vote:{poll['id']}", taps.cards["lina"]["task_id"], code,
                                    bot.clock.timestamp()))
    assert taps.client.say("lina", "3 4").startswith("请核对您的选择：\n第1题 对张伟的测评：优秀\n第2题 对王芳的测评：称职")
    assert ballots_state(bot) == before


def test_a_forwarded_card_tapped_by_someone_who_left_starts_nothing(school):
    bot = bot_of(school)
    poll = rating_poll(bot)
    announce_poll(bot, poll["id"])
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    zhaomin = bot.store.members.by_staff_no("1007")
    bot.store.db.execute("UPDATE members SET status = '离职' WHERE id = ?", (zhaomin.id,))
    taps = Tapper(school)
    before = ballots_state(bot)
    taps.tap("zhaomin")
    assert taps.updates()[-1][0] == "zhaomin" and taps.updates()[-1][1] in ("不在投票范围", "请先绑定")
    assert not taps.client.say("zhaomin", "1 1 1 1").startswith("请核对")  # no vote conversation was opened
    assert ballots_state(bot) == before


def test_a_suggestion_that_names_a_poll_stays_a_suggestion(tmp_path, clock):
    bot = Bot(make_config(tmp_path), clock)
    demo.seed(bot.store, clock)
    rating_poll(bot)
    chat = as_member(bot, "1003")
    assert "署上您的名字" in chat.say("建议：投票 2026年中层干部民主测评 的结果公示时间再长一点")
    chat2 = as_member(bot, "1005")
    chat2.say("我要提建议")
    assert "署上您的名字" in chat2.say("投票 2026年中层干部民主测评 的流程太复杂，希望简化")


# ---- the automatic reminder ---------------------------------------------------------------------------


def _sim(tmp_path, clock, name="sim.db") -> Bot:
    config = make_config(tmp_path, wechat={"push": "simulator"})
    return Bot(config, clock)


def test_the_reminder_skips_those_who_left_the_ineligible_and_runs_once_across_two_workers(tmp_path, clock):
    one = _sim(tmp_path, clock)
    demo.seed(one.store, clock)
    two = _sim(tmp_path, clock)  # a second worker on the same files
    for member in one.store.members.all():
        one.store.bindings.unbind_member(member.id)
    poll = motion_poll(one)  # delegates 1003, 1006, 1009, 1011
    store = one.store
    store.db.execute("UPDATE members SET delegate = 1 WHERE staff_no = '3001'")  # 离职 in the demo
    for staff_no in ("1003", "1006", "1004", "3001"):  # 1004 is no delegate; 1009, 1011 unbound
        store.bindings.bind("wechat", f"o-{staff_no}", store.members.by_staff_no(staff_no).id)
    as_member(one, "1003").say("投票")
    as_member(one, "1003").say("1")
    assert "收据码" in as_member(one, "1003").say("确认")
    clock.set("2026-09-02 08:00")
    run_day(one, dt.date(2026, 9, 2))
    run_day(two, dt.date(2026, 9, 2))
    told = rows(one, "poll_reminder")
    assert sorted(r["staff_no"] for r in told) == ["1006", "1009", "1011"]  # never 1003 (voted), 1004, 3001
    assert {r["staff_no"]: r["status"] for r in told} == {"1006": "sent", "1009": "skipped", "1011": "skipped"}
    assert poll["id"] and len(told) == len({r["dedup_key"] for r in told})


# ---- the console: 提前提醒 by role, and an old form -----------------------------------------------------


def test_a_read_only_account_cannot_switch_the_reminder_and_a_closed_poll_refuses_it(school):
    bot = bot_of(school)
    poll = rating_poll(bot)
    bot.store.admin_users.add("zhuxi", hash_password(VIEWER_PW), "查看")
    bot.store.admin_users.add("wei", hash_password(COMMITTEE_PW), "工会委员", "1001")
    viewer, committee = school.test_client(), school.test_client()
    assert login(viewer, "zhuxi", VIEWER_PW).status_code == 302
    assert login(committee, "wei", COMMITTEE_PW).status_code == 302
    path = f"/admin/polls/{poll['id']}/autoremind"
    assert post(viewer, path, {"on": "0"}).status_code == 403
    assert bot.store.polls.get(poll["id"])["remind"] == 1
    assert "关闭提前提醒" not in text(viewer.get(f"/admin/polls/{poll['id']}"))
    assert post(committee, path, {"on": "2"}).status_code == 400
    assert post(committee, path, {"on": "0"}).status_code == 302
    assert bot.store.polls.get(poll["id"])["remind"] == 0
    bot.store.polls.close(poll["id"])
    audit = len(bot.store.audit.recent())
    resp = post(committee, path, {"on": "1"}, follow_redirects=True)  # an old page, the poll closed since
    assert resp.status_code == 200 and "投票已结束，无需提醒" in text(resp)
    assert bot.store.polls.get(poll["id"])["remind"] == 0 and len(bot.store.audit.recent()) == audit
    assert post(committee, "/admin/polls/999/autoremind", {"on": "1"}).status_code == 404


# ---- a 提案 after 不予立案 ----------------------------------------------------------------------------------


def test_reply_with_the_current_status_cannot_answer_a_proposal_past_its_steps(tmp_path, capsys, monkeypatch):
    """`suggestions reply --status <the status it has>` passed the guard (no change of status) and wrote
    an answer — and told the proposer 已答复 — on a 提案 that is 不予立案 (final) or still 交办."""
    from bot.__main__ import main

    store, ticket, base = cli_proposal(tmp_path, monkeypatch)
    assert main(["suggestions", "step", ticket, "不予立案", "--note", "不属职权", *base]) == 0
    pushes = len(store.outbox.list())
    with pytest.raises(SystemExit, match="提案已不予立案，这是最终结果"):
        main(["suggestions", "reply", ticket, "--text", "其实可以办", "--status", "不予立案", *base])
    row = store.suggestions.by_ticket(ticket)
    assert (row["status"], row["reply"]) == ("不予立案", "") and len(store.outbox.list()) == pushes

    other = store.suggestions.add("提案", "增设教职工子女课后托管班", store.members.by_staff_no("1006").id)
    assert main(["suggestions", "step", other, "立案", *base]) == 0
    assert main(["suggestions", "step", other, "交办", "--department", "后勤处", "--due", "2026-12-30", *base]) == 0
    with pytest.raises(SystemExit, match="提案请按步骤办理"):
        main(["suggestions", "reply", other, "--text", "已答复", "--status", "已交办", *base])
    row = store.suggestions.by_ticket(other)
    assert (row["status"], row["reply"]) == ("已交办", "")
    assert [s["step"] for s in store.proposals.steps(other)] == ["征集", "立案", "交办"]


def test_asking_for_the_result_after_the_poll_s_words_is_not_a_vote_and_a_future_poll_tells_no_outsider(tmp_path, clock):
    bot = Bot(make_config(tmp_path), clock)
    demo.seed(bot.store, clock)
    poll = rating_poll(bot)
    count_poll(bot.store, poll)
    for staff_no, words in (("1003", "投票 计票结果"), ("1004", "去投票 计票结果")):
        assert as_member(bot, staff_no).say(words).startswith("【2026年中层干部民主测评】已结束。"), words
    later = bot.store.polls.create("教代会表决：校服采购方案", [("是否同意", ["赞成", "反对", "弃权"])],
                                   "2026-10-05 17:00", opens_at="2026-10-01 08:00", audience="delegates")
    reply = as_member(bot, "1004").say("投票 教代会表决：校服采购方案")  # no delegate
    assert "您不在本次投票范围内" in reply and later["opens_at"] not in reply


def test_a_log_reader_sees_the_tap_but_never_the_choices_or_the_receipt(school, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    bot = bot_of(school)
    poll = rating_poll(bot)
    announce_poll(bot, poll["id"])
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    taps = Tapper(school)
    taps.tap("lina")
    taps.client.say("lina", "4 3")
    taps.client.say("lina", "2 1")
    done = taps.client.say("lina", "确认")
    receipt = done.split("收据码：")[1][:8]
    bot.store.polls.close(poll["id"])
    logged = caplog.text
    assert receipt not in logged
    for record in caplog.records:
        line = record.getMessage()
        assert not any(word in line for word in ("不称职", "基本称职", "4 3", "2 1")), line
    tapped = [r for r in bot.store.outbox.list() if r["kind"] == "tap_reply"]
    assert len(tapped) == 1 and "不称职" not in tapped[0]["text"].split("\n")[0]
    assert receipt not in "".join(str(v) for r in bot.store.outbox.list() for v in r.values())


def test_a_committee_member_cannot_unbind_a_teacher_by_marking_her_left_and_back(school):
    """解除绑定 is the 管理员's alone; 办理离职 removes every binding too. A 工会委员 who marks a teacher
    离职 and at once back 在职 (by the two pages, or by the 状态 field of her form) would leave her
    unbound, ready for whoever knows her proof: bringing someone back is the 管理员's, like unbinding."""
    bot = bot_of(school)
    bot.store.admin_users.add("wei", hash_password(COMMITTEE_PW), "工会委员", "1001")
    committee = school.test_client()
    assert login(committee, "wei", COMMITTEE_PW).status_code == 302
    for staff_no, how in (("1003", "pages"), ("1005", "form")):
        member = bot.store.members.by_staff_no(staff_no)
        assert bot.store.bindings.for_member(member.id)
        assert post(committee, f"/admin/members/{member.id}/leave", {"confirm": "yes"}).status_code == 302
        assert not bot.store.bindings.for_member(member.id)
        if how == "pages":
            assert "恢复在职<" not in text(committee.get(f"/admin/members/{member.id}")).split("在职状态")[1].split("绑定状态")[0]
            assert committee.get(f"/admin/members/{member.id}/restore").status_code == 403
            resp = post(committee, f"/admin/members/{member.id}/restore", {"confirm": "yes"})
        else:
            resp = post(committee, f"/admin/members/{member.id}", {"姓名": member.name, "状态": "在职"})
            assert "只有管理员可以恢复在职" in text(resp)
        assert resp.status_code == 403
        assert bot.store.members.get(member.id).status == "离职"  # still out: nobody can bind as her


def test_a_held_activity_cannot_be_moved_ahead_to_be_cancelled_after_all(tmp_path, clock):
    """A held activity is neither closed nor cancelled; moving its start into the future first (the
    edit form) would make it 'not begun' and cancellable — telling those who came it did not happen."""
    from bot.app import create_app
    from tests.test_console import ADMIN_PW

    app = create_app(make_config(tmp_path), clock)
    app.testing = True
    bot = bot_of(app)
    demo.seed(bot.store, clock)
    bot.store.admin_users.add("wei", hash_password(COMMITTEE_PW), "工会委员", "1001")
    committee = app.test_client()
    assert login(committee, "wei", COMMITTEE_PW).status_code == 302 and ADMIN_PW
    s = bot.store
    held = s.activities.add("暑期教工游泳", "2026-08-30 09:00", "游泳馆", 20, ends_at="2026-08-30 11:00")
    s.signups.signup(held.id, s.members.by_staff_no("1003"))
    fields = {"title": held.title, "starts_at": "2026-09-20 09:00", "ends_at": "2026-09-20 11:00", "place": "游泳馆",
              "capacity": "20", "audience": "all"}
    resp = post(committee, f"/admin/activities/{held.id}", fields)
    assert resp.status_code == 400 and "已经开始或已举行" in text(resp)
    assert s.activities.get(held.id).starts_at == "2026-08-30 09:00"
    post(committee, f"/admin/activities/{held.id}/cancel", {"confirm": "1"})
    assert s.activities.get(held.id).status != "cancelled"
    assert not [r for r in s.outbox.list() if r["kind"] in ("activity_cancelled", "activity_changed")]
    fields["starts_at"], fields["ends_at"], fields["place"] = "2026-08-30 09:00", "2026-08-30 11:30", "游泳馆东池"
    assert post(committee, f"/admin/activities/{held.id}", fields).status_code == 302  # other corrections stay
    assert s.activities.get(held.id).ends_at == "2026-08-30 11:30"


def test_a_title_with_a_code_in_it_is_a_poll_named_not_a_wrong_receipt(tmp_path, clock):
    """A title may carry a code that reads like a receipt (8 letters and digits): the announcement's
    words must open that poll, not count as a wrong receipt (five of those pause the account)."""
    bot = Bot(make_config(tmp_path), clock)
    demo.seed(bot.store, clock)
    bot.store.polls.create("校服采购项目 XF23AB56 表决", [("是否同意", ["赞成", "反对", "弃权"])], "2026-09-05 17:00")
    chat = as_member(bot, "1003")
    for _ in range(6):
        assert chat.say("投票 校服采购项目 XF23AB56 表决").startswith("【校服采购项目 XF23AB56 表决】共 1 题")
        chat.say("取消")


def test_the_database_files_link_no_tapped_ballot_to_its_voter(school, tmp_path):
    """The four 企业微信 teachers vote through the 去投票 button (each tap leaves a tap_reply row with its
    time and the member beside it, and a card update); copies of every file are taken along the way
    and after closing. tests/attack.py looks for each receipt near a name or platform id, in WAL frame
    order, row order and time."""
    import os
    import random

    from tests import attack

    bot = bot_of(school)
    poll = rating_poll(bot)
    announce_poll(bot, poll["id"])
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    taps = Tapper(school)
    rng = random.Random(2026)
    users = {"lina": "1003", "chenjing": "1005", "zhaomin": "1007", "zhangwei": "1001"}
    scripts = {u: ["tap", " ".join(str(rng.randint(1, 4)) for _ in range(4)), "确认"] for u in users}
    order = [u for u in users for _ in range(3)]
    rng.shuffle(order)
    cursor, truth = dict.fromkeys(users, 0), {}
    copier = attack.Copier(bot, tmp_path)
    for n, user in enumerate(order):
        step = scripts[user][cursor[user]]
        cursor[user] += 1
        bot.clock.advance(seconds=rng.randint(2, 8))
        if step == "tap":
            taps.tap(user)
        else:
            reply = taps.client.say(user, step)
            if "收据码：" in reply:
                truth[reply.split("收据码：")[1][:8]] = bot.store.members.by_staff_no(users[user]).id
        copier.after(n)
        copier.take(f"snap-each-{n}")
    bot.clock.advance(hours=60)
    bot.housekeeping()
    bot.store.polls.count(poll["id"], poll["counting_key"])
    final = copier.take("snap-final")
    assert len(truth) == 4 and bot.store.polls.get(poll["id"])["closed"] == 1
    main = os.path.basename(bot.store.db.path)
    conn = attack._open_copy(final, main)
    teachers = attack.roster(conn)
    ballots = [{"id": i, "ticket": r, "content": r} for i, r in conn.execute("SELECT id, receipt FROM poll_ballots")]
    conn.close()
    assert {b["ticket"] for b in ballots} == set(truth)
    guesses = {"text": attack.by_text(copier.folders, teachers, ballots),
               "wal_order": attack.by_wal_order(copier.folders, teachers, ballots),
               "row_order": attack.by_row_order(copier.folders, teachers, ballots, main),
               "time": attack.by_time(copier.folders, teachers, ballots, main)}
    right = attack.score(guesses, truth)
    for name, guessed in guesses.items():  # every ballot put on one teacher (the closing's frames after
        informative = len(set(guessed.values())) > 1  # the last named one) is right once and tells nothing
        assert right[name] == 0 if informative else right[name] <= 1, (name, guessed, truth)
