"""Attacks on the features merged on 2026-12-01 (proposals, one-tap sign-up, printed binding codes,
console roles, several requests in one message). Each test is a finding: it fails while the hole is
open and says in its name what should hold."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import re

import pytest

from bot.console import hash_password
from tests.helpers import WeChatClient
from tests.test_console import app, bot, csrf, login, post, school, text  # noqa: F401  (fixtures)

VIEWER_PW = "chakan-pass-789"


def _viewer(app, school):
    school.store.admin_users.add("zhuxi", hash_password(VIEWER_PW), "查看")
    client = app.test_client()
    assert login(client, "zhuxi", VIEWER_PW).status_code == 302
    return client


# ---- 1. a 查看 account reads the binding proof off the member page ------------------------------------


def test_a_viewer_account_cannot_read_the_phone_digits_that_prove_a_binding(app, school, clock):
    """The member page shows a 工会委员 or 查看 account "…" + the phone's last four, and the last four
    are exactly what "绑定 工号 姓名" asks as proof (require_phone_last4, on by default). So anyone with
    the read-only console account binds as any colleague on a fresh 公众号 account: votes in her name
    in secret ballots, reads her sign-ups, rates her proposals."""
    s = school.store
    victim = s.members.by_staff_no("1004")  # 刘洋, has a phone on file
    s.bindings.unbind_member(victim.id)
    viewer = _viewer(app, school)
    page = text(viewer.get(f"/admin/members/{victim.id}"))
    shown = re.findall(r"…([0-9]{4})", page)
    wechat = WeChatClient(app.test_client(), "plaintext", clock)
    assert wechat.say("o-attacker", f"绑定 {victim.staff_no} {victim.name}").startswith("为确认身份")
    answer = wechat.say("o-attacker", shown[0]) if shown else ""
    assert not answer.startswith("绑定成功"), "the read-only console account just bound as 刘洋 in chat"


# ---- 5. several requests in one message: a suggestion's words run as commands -----------------------


def _signed_up_teacher(school):
    from tests.helpers import Chat

    s = school.store
    teacher = s.members.by_staff_no("1005")
    s.bindings.bind("test", "u-1005", teacher.id)
    chat = Chat(school, "u-1005")
    assert chat.say("报名乒乓球友谊赛").startswith("确认报名「乒乓球友谊赛」")
    assert chat.say("是").startswith("报名成功")
    return chat, teacher


def _status(school, teacher, title):
    rows = school.store.db.query("SELECT s.status FROM signups s JOIN activities a ON a.id = s.activity_id "
                                 "WHERE s.member_id = ? AND a.title = ?", (teacher.id, title))
    return rows[0]["status"] if rows else ""


@pytest.mark.parametrize("suggestion", [
    "我的建议：一、取消乒乓球友谊赛，场地太挤；二、报名羽毛球联谊赛改成线上",
    "我的建议：取消乒乓球友谊赛，场地太挤，羽毛球联谊赛改成线上",
], ids=["as-a-list", "in-one-sentence"])
def test_a_suggestion_that_names_an_activity_does_not_cancel_the_teachers_sign_up(school, suggestion):
    """A teacher writes her suggestion in one message. bot/several.py cuts it into "requests" and runs
    "取消乒乓球友谊赛" as a command: her sign-up is cancelled, a new sign-up is offered, and the
    suggestion itself is never taken (nothing reaches the tray). In one sentence the classifier alone
    reads the whole message as 取消报名 (cancel_signup 5.5 over suggestion_status 5.0) and cancels at once."""
    chat, teacher = _signed_up_teacher(school)
    reply = chat.say(suggestion)
    assert _status(school, teacher, "乒乓球友谊赛") == "confirmed", reply
    assert "已为您取消" not in reply


# ---- 4. console roles: the proposal's step and 公示 buttons ------------------------------------------


def _proposal(school, staff_no, words):
    from tests.conftest import as_member
    from tests.helpers import release
    from tests.test_suggestions import ticket_of

    ticket = ticket_of(as_member(school, staff_no).say(words))
    release(school.store)
    return ticket


def test_the_committee_can_take_a_proposals_steps_and_a_viewer_cannot(app, school):
    """console.proposal_step and console.proposal_public carry no role rule (bot/console/kit.Pages.post
    without roles=): the shell refuses them to everyone, the 管理员 and 工会委员 included, so no
    proposal can move past 征集 from the console after the merge."""
    from tests.test_console import COMMITTEE_PW

    ticket = _proposal(school, "1003", "实名提案：增设教职工子女课后托管班")
    committee = app.test_client()
    assert login(committee, "wei", COMMITTEE_PW).status_code == 302
    resp = post(committee, f"/admin/suggestions/{ticket}/step", {"action": "立案"})
    assert resp.status_code == 302, text(resp)[:300]
    assert school.store.suggestions.by_ticket(ticket)["status"] == "已立案"
    resp = post(committee, f"/admin/suggestions/{ticket}/public", {"public": "1"})
    assert resp.status_code == 302
    viewer = _viewer(app, school)
    assert post(viewer, f"/admin/suggestions/{ticket}/step", {"action": "交办", "department": "总务处",
                                                               "due_on": "2026-09-20"}).status_code == 403
    assert school.store.suggestions.by_ticket(ticket)["status"] == "已立案"


# ---- 1. an anonymous proposer's satisfaction, seen the moment it is given ---------------------------


def test_an_anonymous_proposers_rating_is_not_on_the_console_before_the_nights_release(app, school):
    """The answer waits in the scratch file "until the day's release" so that nobody can put it next to
    the moment its sender wrote (channel_users.last_inbound_at in the main file, the officer's own
    view of who was chatting). But the proposal page reads ProposalsRepo.satisfaction(), which looks
    into the scratch file's `verdicts`: an officer refreshing the page sees it appear within the
    minute, and the reply even promises "今晚随当天的意见一起送达工会"."""
    from handlers.suggestions.proposals import take_step
    from tests.helpers import Chat
    from tests.test_console import COMMITTEE_PW

    s = school.store
    ticket = _proposal(school, "1003", "匿名提案：推行弹性坐班制度")
    for action, fields in (("立案", {}), ("交办", {"department": "校长办公室", "due_on": "2026-09-15"}),
                           ("答复", {"note": "先在高三年级试行。"})):
        take_step(s, ticket, action, **fields)
    committee = app.test_client()
    assert login(committee, "wei", COMMITTEE_PW).status_code == 302
    before = text(committee.get(f"/admin/suggestions/{ticket}"))
    proposer = Chat(school, "u-anon")
    assert proposer.say(f"查询建议 {ticket}").endswith("回复“取消”暂不评价）。")
    assert proposer.say("不满意").startswith("感谢您的评价（不满意），已记录，今晚")
    after = text(committee.get(f"/admin/suggestions/{ticket}"))
    assert "尚未评价" in before
    assert "<strong>不满意</strong>" not in after and "尚未评价" in after, "the rating shows at once on the console"


def test_a_request_after_a_question_that_names_an_activity_is_done_not_dropped(school):
    """The question writes the "~shown" note (remember_shown); bot/several.py's _then takes that note for
    an open conversation, parks "帮我报名乒乓球友谊赛" in its data and promises "办完这件就接着办" —
    but a note is no question that ends, so the sign-up is never offered and silently lost."""
    from tests.helpers import Chat

    s = school.store
    teacher = s.members.by_staff_no("1005")
    s.bindings.bind("test", "u-1005", teacher.id)
    chat = Chat(school, "u-1005")
    reply = chat.say("羽毛球联谊赛什么时候？另外帮我报名乒乓球友谊赛")
    assert "羽毛球联谊赛" in reply
    later = chat.say("好的")
    assert "确认报名「乒乓球友谊赛」" in reply + later, (reply, later)


def test_a_committee_account_cannot_make_a_teacher_a_manager_who_then_gets_the_admins_mail(app, school):
    """The member form lets a 工会委员 change 角色 (it is not among PRIVATE_FIELDS): she can make any
    teacher 管理员 or 工会委员 on the roster, and members.committee() then sends that teacher the
    colleagues' care reports (住院, 去世, 生育) and the system's 管理员 warnings in chat. Who is
    committee is an identity act like the phone: 管理员 only."""
    from tests.test_console import COMMITTEE_PW

    s = school.store
    teacher = s.members.by_staff_no("1003")  # 李娜, a 会员
    committee = app.test_client()
    assert login(committee, "wei", COMMITTEE_PW).status_code == 302
    post(committee, f"/admin/members/{teacher.id}", {"姓名": teacher.name, "性别": teacher.gender, "工会小组":
                                                     teacher.group_name, "状态": teacher.status, "角色": "管理员"})
    assert s.members.get(teacher.id).role == "会员"
    assert teacher.id not in {m.id for m in s.members.committee()}
