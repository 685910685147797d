"""Roles that fit a union (issue 21): 管理员, 工会委员 and a read-only 查看, enforced on the server for
every console route. The table below is the policy: a new page without a line here fails
`test_every_console_route_has_a_role_rule`, and one without a rule in its code is refused to everyone."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import io
import re

import pytest

from bot.console import hash_password
from tests.test_console import (  # noqa: F401  (fixtures)
    ADMIN_PW,
    COMMITTEE_PW,
    admin,
    admin_routes,
    app,
    bot,
    committee,
    csrf,
    login,
    post,
    school,
    text,
)

VIEWER_PW = "chakan-pass-789"
A, C, V = "管理员", "工会委员", "查看"
ALL, OFFICERS, ADMIN_ONLY, NOBODY = {A, C, V}, {A, C}, {A}, set()

# endpoint: (who may open it, who may send it a form). 查看 opens what a 工会委员 opens and sends nothing
# (but logging out and changing one's own password).
EXPECTED = {
    "console.dashboard": (ALL, NOBODY),
    "console.pushes": (ALL, NOBODY),
    "console.push_resend": (NOBODY, OFFICERS),
    "console.push_test": (NOBODY, OFFICERS),
    "console.settings": (ADMIN_ONLY, NOBODY),
    "console.users": (ADMIN_ONLY, ADMIN_ONLY),
    "console.user_update": (NOBODY, ADMIN_ONLY),
    "console.audit_log": (ADMIN_ONLY, NOBODY),
    "console.account": (ALL, ALL),
    "console.logout": (NOBODY, ALL),
    "console.members": (ALL, NOBODY),
    "console.member_edit": (ALL, OFFICERS),
    "console.member_unbind": (NOBODY, ADMIN_ONLY),
    "console.members_export": (ADMIN_ONLY, NOBODY),
    "console.members_import": (ADMIN_ONLY, ADMIN_ONLY),
    "console.members_import_confirm": (NOBODY, ADMIN_ONLY),
    "console.members_template": (ADMIN_ONLY, NOBODY),
    "console.members_codes": (ADMIN_ONLY, NOBODY),
    "console.members_codes_print": (NOBODY, ADMIN_ONLY),
    "console.member_leave": (OFFICERS, OFFICERS),
    "console.member_restore": (ADMIN_ONLY, ADMIN_ONLY),  # 离职 unbound her: back is unbinding (tests/test_attack3.py)
    "console.activities": (ALL, NOBODY),
    "console.activity_new": (ALL, OFFICERS),
    "console.activity": (ALL, OFFICERS),
    "console.activity_close": (NOBODY, OFFICERS),
    "console.activity_cancel": (NOBODY, OFFICERS),
    "console.activity_export": (ALL, NOBODY),
    "console.signup_add": (NOBODY, OFFICERS),
    "console.alert_dismiss": (NOBODY, ADMIN_ONLY),
    "console.signup_remove": (NOBODY, OFFICERS),
    "console.signup_party": (NOBODY, OFFICERS),
    "console.attendance": (NOBODY, OFFICERS),
    "console.suggestions": (ALL, NOBODY),
    "console.suggestions_public": (ALL, NOBODY),
    "console.suggestion": (ALL, OFFICERS),
    "console.proposal_step": (NOBODY, OFFICERS),
    "console.proposal_public": (NOBODY, OFFICERS),
    "console.care": (ALL, NOBODY),
    "console.care_visited": (NOBODY, OFFICERS),
    "console.care_edit": (ALL, OFFICERS),
    "console.care_delete": (NOBODY, OFFICERS),
    "console.checkups": (ALL, OFFICERS),
    "console.checkup_edit": (ALL, OFFICERS),
    "console.checkup_delete": (NOBODY, OFFICERS),
    "console.polls": (ALL, NOBODY),
    "console.poll_create": (NOBODY, OFFICERS),
    "console.poll": (ALL, NOBODY),
    "console.poll_action": (NOBODY, OFFICERS),
    "console.report": (ALL, NOBODY),
    "console.report_xlsx": (ALL, NOBODY),
}
PASSWORDS = {A: ADMIN_PW, C: COMMITTEE_PW, V: VIEWER_PW}
USERS = {A: "chair", C: "wei", V: "zhuxi"}


@pytest.fixture
def viewer(app, school):
    school.store.admin_users.add("zhuxi", hash_password(VIEWER_PW), V)
    client = app.test_client()
    assert login(client, "zhuxi", VIEWER_PW).status_code == 302
    return client


def client_for(app, school, role):
    if role == V and school.store.admin_users.by_username("zhuxi") is None:
        school.store.admin_users.add("zhuxi", hash_password(VIEWER_PW), V)
    client = app.test_client()
    assert login(client, USERS[role], PASSWORDS[role]).status_code == 302
    return client


def console_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("console.") and r.endpoint != "console.login"]


def test_every_console_route_has_a_role_rule(app):
    """A page added later without a line in EXPECTED (or without roles= in its code) fails here, by name."""
    for rule in console_rules(app):
        assert rule.endpoint in EXPECTED, f"{rule.endpoint} ({rule.rule}) has no role rule in this test's table"
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, "console_roles", None)
        assert declared is not None, f"{rule.endpoint}: roles= missing on its route (it is refused to everyone)"
        get, post_ = EXPECTED[rule.endpoint]
        if "GET" in rule.methods:
            assert set(declared["GET"]) == get, rule.endpoint
        if "POST" in rule.methods:
            assert set(declared["POST"]) == post_, rule.endpoint
    assert {r.endpoint for r in console_rules(app)} == set(EXPECTED)  # and no stale lines


@pytest.mark.parametrize("role", [A, C, V])
def test_every_route_and_every_post_answers_each_role_as_the_table_says(app, school, role):
    client = client_for(app, school, role)
    token = csrf(client, "/admin/account")
    checked = 0
    for rule, method, args in admin_routes(app):
        if rule.endpoint in ("console.login", "console.logout"):
            continue
        ticket = "NOSUCH"
        url = rule.build({k: (ticket if k == "ticket" else v) for k, v in args.items()})[1]
        allowed = EXPECTED[rule.endpoint][0 if method == "GET" else 1]
        resp = client.open(url, method=method, data={"csrf_token": token})
        if role in allowed:
            assert resp.status_code != 403, (role, method, url)
        else:
            page = text(resp)
            assert resp.status_code == 403, (role, method, url, resp.status_code)
            assert "没有权限" in page and ("查看" in page if role == V and method == "POST" else True), url
            words = re.sub(r"<[^>]+>", "", page.split("<main>")[1].split("</main>")[0])
            assert not re.search(r"[A-Za-z]{2,}", words), url  # in Chinese
        checked += 1
    assert checked >= 40


def test_a_read_only_account_changes_nothing_and_sees_no_buttons(app, school, viewer):
    activity = school.store.activities.upcoming()[0]
    before_audit = len(school.store.audit.recent())
    for path, data in [("/admin/activities/new", {"title": "偷建", "starts_at": "2026-10-01T09:00"}),
                       (f"/admin/activities/{activity.id}/cancel", {"confirm": "1"}),
                       (f"/admin/activities/{activity.id}/close", {"confirm": "1"}),
                       ("/admin/checkups", {"title": "偷建体检", "start_date": "2026-10-01", "end_date": "2026-10-01"}),
                       ("/admin/checkups/1/delete", {"confirm": "1"})]:
        resp = post(viewer, path, data)
        assert resp.status_code == 403 and "不能修改" in text(resp), path
    assert school.store.activities.get(activity.id).status == "open"
    assert school.store.checkups.get(1) is not None and len(school.store.checkups.all()) == 2
    assert len(school.store.audit.recent()) == before_audit
    member = school.store.members.by_staff_no("1003")
    for path in ("/admin/", "/admin/members", f"/admin/members/{member.id}", "/admin/activities",
                 f"/admin/activities/{activity.id}", "/admin/activities/new", "/admin/suggestions", "/admin/care",
                 "/admin/checkups", "/admin/checkups/1", "/admin/polls", "/admin/pushes", "/admin/report"):
        resp = viewer.get(path)
        page = text(resp)
        assert resp.status_code == 200, path
        forms = re.findall(r'<form[^>]*method="post"[^>]*>', page)
        assert all("logout" in f for f in forms), (path, forms)  # only the 退出 button posts
        assert "只能查看" in page or "不能修改" in page, path
    assert "账号" not in text(viewer.get("/admin/")).split("<main>")[0].split("体检")[1]


def test_a_view_without_a_role_rule_is_refused_to_everyone(app, school, admin, monkeypatch):
    def care():
        return "should not be shown"

    monkeypatch.setitem(app.view_functions, "console.care", care)
    resp = admin.get("/admin/care")
    assert resp.status_code == 403 and "还没有设定" in text(resp) and "should not" not in text(resp)


# ---- member pages without phones and full birthdays ------------------------------------------------


@pytest.mark.parametrize("role", [C, V])
def test_officers_see_whether_a_phone_is_on_file_and_the_birthdays_month_and_day(app, school, role):
    client = client_for(app, school, role)
    m = school.store.members.by_staff_no("1004")  # 刘洋, 农历 1988-08-15
    page = text(client.get(f"/admin/members/{m.id}"))
    assert "已登记" in page and "…" + m.phone[-4:] not in page  # the last four prove a binding: never shown to them
    assert "农历 8月15日" in page and "1988" not in page
    assert m.phone not in text(client.get("/admin/members"))
    found = text(client.get("/admin/members?q=" + m.phone[-6:]))  # a phone cannot be looked up either
    assert "刘洋" not in found
    assert client.get("/admin/members/export?format=xlsx").status_code == 403
    assert client.get("/admin/members/import").status_code == 403


def test_the_admin_sees_and_exports_phones_and_full_birthdays(admin, school):
    from openpyxl import load_workbook

    m = school.store.members.by_staff_no("1004")
    page = text(admin.get(f"/admin/members/{m.id}"))
    assert m.phone in page and "1988-08-15" in page
    assert "刘洋" in text(admin.get("/admin/members?q=" + m.phone[-6:]))
    rows = list(load_workbook(io.BytesIO(admin.get("/admin/members/export?format=xlsx").data)).active.values)
    assert any(m.phone in [str(c) for c in r] for r in rows)


def test_a_committee_member_cannot_send_a_birthday_they_cannot_see(committee, school):
    m = school.store.members.by_staff_no("1004")
    resp = post(committee, f"/admin/members/{m.id}", {"姓名": m.name, "出生日期": "1990-01-01", "工会小组": "体艺组"})
    assert resp.status_code == 403 and "出生日期" in text(resp)
    assert school.store.members.get(m.id).birth_date == "1988-08-15"


@pytest.mark.parametrize("role", [A, C, V])
def test_only_the_admin_unbinds_a_members_chat_account(app, school, role):
    """Unbinding lets the next person with her staff number, name and phone bind as her: 管理员 only,
    and the button is not shown to the others."""
    s = school.store
    m = s.members.by_staff_no("1003")
    s.bindings.bind("wechat", "o-lina", m.id)
    client = client_for(app, school, role)
    page = text(client.get(f"/admin/members/{m.id}"))
    assert ("解除绑定</button>" in page) == (role == A)
    resp = post(client, f"/admin/members/{m.id}/unbind", {"channel": "wechat"})
    if role == A:
        assert resp.status_code == 302 and "wechat" not in [b["channel"] for b in s.bindings.for_member(m.id)]
        assert "已解除 李娜 的" in text(client.get(f"/admin/members/{m.id}"))
    else:
        assert resp.status_code == 403 and "没有权限" in text(resp)
        assert "wechat" in [b["channel"] for b in s.bindings.for_member(m.id)]


# ---- accounts ---------------------------------------------------------------------------------------


def test_a_new_console_account_is_read_only_unless_the_admin_chooses(admin, school):
    page = text(admin.get("/admin/users"))
    assert re.search(r'<select id="role" name="role">\s*<option selected>查看</option>', page)
    resp = post(admin, "/admin/users", {"username": "zhuxi2", "password": "zhuxi-pass-1"})
    assert resp.status_code == 302
    assert school.store.admin_users.by_username("zhuxi2")["role"] == V
    post(admin, "/admin/users", {"username": "wei2", "password": "wei2-pass-1", "role": C})
    assert school.store.admin_users.by_username("wei2")["role"] == C
    resp = post(admin, "/admin/users", {"username": "x3", "password": "x3-pass-123", "role": "超级管理员"})
    assert resp.status_code == 400 and school.store.admin_users.by_username("x3") is None


def test_the_command_line_makes_read_only_accounts_by_default(tmp_path, monkeypatch, capsys):
    from bot.__main__ import main
    from bot.clock import FrozenClock
    from storage import Store

    cfg = tmp_path / "c.toml"
    db = tmp_path / "x.db"
    cfg.write_text(f'[bot]\ndatabase = "{db}"\n[wechat]\ntoken = "t"\n[admin]\nsecret_key = "k"\n', "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("a-good-pass-1\n"))
    assert main(["--config", str(cfg), "admin", "create-user", "zhuxi"]) == 0
    out = capsys.readouterr().out
    assert "（查看）" in out and "还没有管理员账号" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("a-good-pass-2\n"))
    assert main(["--config", str(cfg), "admin", "create-user", "chair", "--role", A]) == 0
    assert "还没有管理员账号" not in capsys.readouterr().out
    store = Store.open(str(db), FrozenClock("2026-09-01 09:00"))
    assert store.admin_users.by_username("zhuxi")["role"] == V


@pytest.mark.parametrize("role", [C, V])
def test_only_the_admin_creates_accounts_or_changes_roles(app, school, role):
    client = client_for(app, school, role)
    wei = school.store.admin_users.by_username("wei")
    assert post(client, "/admin/users", {"username": "evil", "password": "evil-pass-1", "role": A}).status_code == 403
    assert post(client, f"/admin/users/{wei['id']}", {"action": "role", "role": A}).status_code == 403
    assert school.store.admin_users.by_username("evil") is None
    assert school.store.admin_users.by_username("wei")["role"] == C


def test_the_last_admin_can_be_neither_demoted_nor_disabled(admin, school):
    chair = school.store.admin_users.by_username("chair")
    for data in ({"action": "role", "role": V}, {"action": "role", "role": C}, {"action": "disable", "confirm": "1"}):
        resp = post(admin, f"/admin/users/{chair['id']}", data, follow_redirects=True)
        assert "至少要保留一个" in text(resp)
    after = school.store.admin_users.by_username("chair")
    assert after["role"] == A and not after["disabled"]
    school.store.admin_users.add("chair2", hash_password("chair2-pass-1"), A)
    post(admin, f"/admin/users/{chair['id']}", {"action": "role", "role": C})
    assert school.store.admin_users.by_username("chair")["role"] == C  # another admin remains: allowed


def test_disabling_an_account_asks_first_and_then_ends_its_sessions(app, admin, school):
    other = app.test_client()
    assert login(other, "wei", COMMITTEE_PW).status_code == 302
    wei = school.store.admin_users.by_username("wei")
    asked = post(admin, f"/admin/users/{wei['id']}", {"action": "disable"})
    page = text(asked)
    assert asked.status_code == 200 and "停用账号 wei？" in page and "确认停用" in page and "不了，返回" in page
    assert not school.store.admin_users.by_username("wei")["disabled"] and other.get("/admin/").status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    assert fields["action"] == "disable" and fields["confirm"] == "1"
    admin.post(f"/admin/users/{wei['id']}", data={**fields, "csrf_token": token})
    assert school.store.admin_users.by_username("wei")["disabled"]
    assert other.get("/admin/").status_code == 302
    assert school.store.audit.recent()[0]["action"] == "停用账号"
