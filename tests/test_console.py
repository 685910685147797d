"""The committee's console (/admin) through the Flask test client: access, CSRF, lockout, roles,
the audit log, and each page's weekly work. Browser tests are in tests/test_console_browser.py."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from bot.app import create_app
from bot.console import hash_password
from tests.conftest import make_config
from tests.helpers import Chat, release

ADMIN_PW = "admin-pass-123"
COMMITTEE_PW = "weiyuan-pass-456"


@pytest.fixture
def app(tmp_path, clock):
    app = create_app(make_config(tmp_path), clock)
    app.testing = True
    return app


@pytest.fixture
def bot(app):
    return app.extensions["unionbot"]


@pytest.fixture
def school(bot):
    from bot import demo

    demo.seed(bot.store, bot.clock)
    bot.store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员", "1002")
    bot.store.admin_users.add("wei", hash_password(COMMITTEE_PW), "工会委员", "1001")
    return bot


def csrf(client, path="/admin/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client, username="chair", password=ADMIN_PW):
    return client.post("/admin/login", data={"username": username, "password": password,
                                             "csrf_token": csrf(client)})


@pytest.fixture
def admin(app, school):
    client = app.test_client()
    assert login(client).status_code == 302
    return client


@pytest.fixture
def committee(app, school):
    client = app.test_client()
    assert login(client, "wei", COMMITTEE_PW).status_code == 302
    return client


def post(client, path, data=None, **kw):
    data = dict(data or {})
    data["csrf_token"] = csrf(client, "/admin/")
    return client.post(path, data=data, **kw)


def text(resp) -> str:
    return resp.get_data(as_text=True)


# ---- access ---------------------------------------------------------------------------------------


def test_with_no_account_admin_says_how_to_create_one_and_shows_nothing_else(app, bot):
    from bot import demo

    demo.seed(bot.store, bot.clock)
    client = app.test_client()
    page = client.get("/admin/")
    assert page.status_code == 200 and "admin create-user" in text(page)
    for path in ("/admin/members", "/admin/login", "/admin/suggestions"):
        resp = client.get(path)
        assert resp.status_code == 403 and "admin create-user" in text(resp)
        assert "张伟" not in text(resp) and "1001" not in text(resp)


def admin_routes(app):
    """Every /admin URL from the app's url_map (a new page cannot be forgotten), with its parameters filled."""
    values = {"ticket": None, "action": "close", "key": "backup"}  # any other parameter is a number: 1
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method, {k: values.get(k, 1) for k in rule.arguments}


def test_every_admin_route_refuses_an_anonymous_request_without_revealing_data(app, school):
    chat = Chat(school, "u-1003")
    school.store.bindings.bind("test", "u-1003", school.store.members.by_staff_no("1003").id)
    chat.say("匿名建议：食堂的菜太咸了")
    chat.say("是")
    release(school.store)
    ticket = school.store.suggestions.list()[0]["ticket"]
    client = app.test_client()
    routes = list(admin_routes(app))
    assert len(routes) >= 30
    checked = 0
    for rule, method, args in routes:
        if rule.endpoint == "console.login":
            continue
        url = rule.build({k: (ticket if k == "ticket" else v) for k, v in args.items()})[1]
        resp = client.open(url, method=method, data={"reply": "x", "title": "y"})
        body = text(resp)
        assert resp.status_code in (302, 401), (method, url, resp.status_code)
        if resp.status_code == 302:
            assert resp.headers["Location"].startswith("/admin/login"), url
        for secret in ("张伟", "王芳", "1003", "食堂的菜太咸", ticket, "拔河"):
            assert secret not in body.replace(url, ""), (url, secret)
        checked += 1
    assert checked == len(routes) - 2  # login's GET and POST are open
    assert len(school.store.suggestions.list()) == 1 and school.store.suggestions.list()[0]["reply"] == ""


def test_login_sets_a_httponly_samesite_cookie_and_logout_ends_the_session(app, school):
    client = app.test_client()
    resp = login(client)
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert resp.headers["Location"] == "/admin/"
    assert "今天是" in text(client.get("/admin/"))
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"
    assert client.get("/admin/logout").status_code == 405  # logout is a POST with a CSRF token
    post(client, "/admin/logout")
    assert client.get("/admin/").status_code == 302


def test_passwords_are_stored_as_slow_hashes(school):
    row = school.store.admin_users.by_username("chair")
    assert row["password_hash"].startswith("scrypt:") and ADMIN_PW not in row["password_hash"]


def test_every_form_needs_its_csrf_token(admin, school):
    resp = admin.post("/admin/activities/new", data={"title": "偷偷建的活动", "starts_at": "2026-10-01T09:00"})
    assert resp.status_code == 400 and "安全校验未通过" in text(resp)
    assert not [a for a in school.store.activities.all() if a.title == "偷偷建的活动"]
    fresh = admin.application.test_client()
    resp = fresh.post("/admin/login", data={"username": "chair", "password": ADMIN_PW})
    assert resp.status_code == 400


def test_a_next_parameter_never_leads_off_the_console(app, school):
    client = app.test_client()
    resp = client.post("/admin/login?next=//evil.example/x", data={
        "username": "chair", "password": ADMIN_PW, "csrf_token": csrf(client)})
    assert resp.headers["Location"] == "/admin/"


def test_repeated_failures_lock_the_account_for_a_while(app, school, clock):
    client = app.test_client()
    for _ in range(4):
        resp = login(client, "chair", "wrong-password-1")
        assert resp.status_code == 401 and "用户名或密码不正确" in text(resp)
    resp = login(client, "chair", "wrong-password-1")
    assert resp.status_code == 429 and "次数过多" in text(resp)
    resp = login(client, "chair", ADMIN_PW)  # even the right password, while locked
    assert resp.status_code == 429 and client.get("/admin/").status_code == 302
    other = app.test_client()  # another account from the same address is not locked by these five
    assert login(other, "wei", COMMITTEE_PW).status_code == 302
    clock.advance(minutes=16)
    assert login(client, "chair", ADMIN_PW).status_code == 302


@pytest.mark.parametrize("trusted_proxies", [0, 1])
def test_the_address_lockout_trusts_x_forwarded_for_only_behind_a_configured_proxy(tmp_path, clock, trusted_proxies):
    """Without [server] trusted_proxies a guesser cannot dodge the per-address count with a forged
    X-Forwarded-For; behind one proxy each officer is counted by their own address, not the proxy's."""
    app = create_app(make_config(tmp_path, server={"trusted_proxies": trusted_proxies}), clock)
    store = app.extensions["unionbot"].store
    store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员", "1002")
    client = app.test_client()
    env = {"REMOTE_ADDR": "10.0.0.9"}
    token = csrf(client)
    client.post("/admin/login", data={"username": "chair", "password": "wrong-1", "csrf_token": token},
                headers={"X-Forwarded-For": "203.0.113.7"}, environ_base=env)
    keys = {r["key"] for r in store.db.query("SELECT key FROM attempts WHERE key LIKE 'console-ip:%'")}
    assert keys == ({"console-ip:203.0.113.7"} if trusted_proxies else {"console-ip:10.0.0.9"})


def test_an_unknown_username_gets_the_same_answer_as_a_wrong_password(app, school):
    client = app.test_client()
    a, b = login(client, "nobody", "whatever-1"), login(client, "chair", "whatever-1")
    assert a.status_code == b.status_code == 401
    assert "用户名或密码不正确" in text(a) and "用户名或密码不正确" in text(b)


def test_a_committee_member_cannot_reach_users_settings_or_the_audit_log(committee):
    for path in ("/admin/users", "/admin/settings", "/admin/audit"):
        resp = committee.get(path)
        assert resp.status_code == 403 and "仅限管理员" in text(resp)
    resp = post(committee, "/admin/users", {"username": "evil", "password": "evil-pass-1", "role": "管理员"})
    assert resp.status_code == 403
    assert "账号" not in text(committee.get("/admin/")).split("<main>")[0].split("体检")[1]  # not in the menu
    assert committee.get("/admin/members").status_code == 200


def test_a_new_password_ends_the_accounts_open_sessions(app, admin, school):
    other = app.test_client()
    assert login(other, "wei", COMMITTEE_PW).status_code == 302
    wei = school.store.admin_users.by_username("wei")
    post(admin, f"/admin/users/{wei['id']}", {"action": "password", "password": "new-pass-789"})
    assert other.get("/admin/").status_code == 302
    assert login(other, "wei", "new-pass-789").status_code == 302


def test_the_last_admin_cannot_be_disabled(admin, school):
    chair = school.store.admin_users.by_username("chair")
    resp = post(admin, f"/admin/users/{chair['id']}", {"action": "disable"}, follow_redirects=True)
    assert "至少要保留一个" in text(resp)
    assert not school.store.admin_users.by_username("chair")["disabled"]


# ---- members --------------------------------------------------------------------------------------


def test_members_are_searched_and_filtered_by_group_with_binding_status(admin, school):
    school.store.bindings.bind("wechat", "o-zhangwei", school.store.members.by_staff_no("1001").id)
    page = text(admin.get("/admin/members?q=张伟"))
    assert "1001" in page and "公众号" in page and "王芳" not in page
    page = text(admin.get("/admin/members?group=退休组"))
    assert "王建国" in page and "张伟" not in page
    assert "没有符合条件" in text(admin.get("/admin/members?q=%25"))  # a LIKE wildcard is just a character


def roster_csv(*rows: str) -> bytes:
    return ("工号,姓名,性别,工会小组\n" + "\n".join(rows) + "\n").encode("utf-8-sig")


def test_roster_import_shows_row_errors_and_writes_nothing(admin, school):
    before = school.store.members.count()
    resp = admin.post("/admin/members/import", data={
        "csrf_token": csrf(admin, "/admin/members/import"),
        "file": (io.BytesIO(roster_csv("4001,新老师,女,数学组", "12,短工号,男,数学组", "4001,重复,男,")), "名册.csv")},
        content_type="multipart/form-data")
    page = text(resp)
    assert resp.status_code == 400 and "没有导入任何数据" in page
    assert "第 3 行" in page and "第 4 行" in page and "重复" in page
    assert school.store.members.count() == before


def test_roster_import_previews_then_writes_on_confirmation(admin, school):
    before = school.store.members.count()
    resp = admin.post("/admin/members/import", data={
        "csrf_token": csrf(admin, "/admin/members/import"),
        "file": (io.BytesIO(roster_csv("4001,新老师,女,数学组", "1001,张伟,男,教研组")), "名册.csv")},
        content_type="multipart/form-data")
    page = text(resp)
    assert resp.status_code == 200 and "尚未写入" in page and "新增 1 人，更新 1 人" in page
    assert "工会小组：数学组 → 教研组" in page
    assert school.store.members.count() == before  # a preview writes nothing
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    resp = post(admin, "/admin/members/import/confirm", {"token": token}, follow_redirects=True)
    assert "导入完成" in text(resp)
    assert school.store.members.by_staff_no("4001").name == "新老师"
    assert school.store.members.by_staff_no("1001").group_name == "教研组"
    assert school.store.audit.recent()[0]["action"] == "导入名册"
    resp = post(admin, "/admin/members/import/confirm", {"token": token}, follow_redirects=True)
    assert "预览已过期" in text(resp)  # a preview is used once


def test_roster_import_refuses_other_files(admin):
    resp = admin.post("/admin/members/import", data={
        "csrf_token": csrf(admin, "/admin/members/import"), "file": (io.BytesIO(b"MZ\x90\x00"), "virus.exe")},
        content_type="multipart/form-data")
    assert resp.status_code == 400 and ".xlsx 或 .csv" in text(resp)


def test_members_export_is_a_roster_file_that_imports_back(admin, school):
    resp = admin.get("/admin/members/export?format=xlsx")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(resp.data)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("工号", "姓名", "性别") and len(rows) == school.store.members.count() + 1


def test_editing_a_member_uses_the_roster_rules_and_is_audited(admin, school):
    m = school.store.members.by_staff_no("1003")
    resp = post(admin, f"/admin/members/{m.id}", {"姓名": "李娜", "手机": "123"})
    assert resp.status_code == 200 and "11 位数字" in text(resp)
    resp = post(admin, f"/admin/members/{m.id}", {"姓名": "李娜", "手机": "13800001003", "工会小组": "英语组",
                                                   "状态": "在职", "角色": "会员", "性别": "女"})
    assert resp.status_code == 302
    assert school.store.members.get(m.id).phone == "13800001003"
    entry = school.store.audit.recent()[0]
    assert entry["username"] == "chair" and entry["action"] == "修改会员" and entry["target"] == "1003"



def test_marking_a_delegate_in_the_console(admin, school):
    m = school.store.members.by_staff_no("1004")
    assert "教代会代表" in text(admin.get(f"/admin/members/{m.id}"))
    resp = post(admin, f"/admin/members/{m.id}", {"姓名": "刘洋", "手机": "13900001004", "工会小组": "体艺组",
                                                   "教代会代表": "是"})
    assert resp.status_code == 302 and school.store.members.get(m.id).delegate == 1
    assert school.store.audit.recent()[0]["action"] == "修改会员"

# ---- activities -----------------------------------------------------------------------------------


def test_an_activity_made_in_the_console_takes_sign_ups_in_chat(admin, school):
    resp = post(admin, "/admin/activities/new", {"title": "冬季长跑", "starts_at": "2026-09-20T15:00",
                                                 "place": "操场", "capacity": "1", "audience": "all"})
    assert resp.status_code == 302
    activity = next(a for a in school.store.activities.all() if a.title == "冬季长跑")
    for staff_no in ("1003", "1009"):
        school.store.bindings.bind("test", f"u-{staff_no}", school.store.members.by_staff_no(staff_no).id)
        chat = Chat(school, f"u-{staff_no}")
        chat.say("报名冬季长跑")
        chat.say("是")
    page = text(admin.get(f"/admin/activities/{activity.id}"))
    assert "李娜" in page and "周婷" in page and "候补" in page
    export = admin.get(f"/admin/activities/{activity.id}/signups?format=xlsx")
    book = load_workbook(io.BytesIO(export.data))
    confirmed, waiting = list(book["报名名单"].values), list(book["候补名单"].values)
    assert confirmed[2][:3] == ("序号", "工号", "姓名") and confirmed[3][1:3] == ("1003", "李娜") and len(confirmed) == 4
    assert waiting[3][1:3] == ("1009", "周婷")  # the waitlist on its own sheet


def test_activity_form_errors_are_shown_and_nothing_is_made(admin, school):
    before = len(school.store.activities.all())
    resp = post(admin, "/admin/activities/new", {"title": "", "starts_at": "明天", "capacity": "-3",
                                                 "deadline": "2026-10-02T09:00"})
    page = text(resp)
    assert resp.status_code == 400 and "请填写活动名称" in page and "开始时间请写成" in page and "名额应为正整数" in page
    assert len(school.store.activities.all()) == before


def test_cancelling_an_activity_notifies_everyone_signed_up_through_the_outbox(admin, school):
    activity = school.store.activities.upcoming()[0]
    members = [school.store.members.by_staff_no(s) for s in ("1003", "1009")]
    for m in members:
        school.store.signups.signup(activity.id, m)
    asked = post(admin, f"/admin/activities/{activity.id}/cancel", {"reason": "天气原因"})
    assert asked.status_code == 200 and "确认取消活动" in text(asked) and 'value="天气原因"' in text(asked)
    assert school.store.activities.get(activity.id).status != "cancelled"  # asked first, nothing done
    resp = post(admin, f"/admin/activities/{activity.id}/cancel", {"reason": "天气原因", "confirm": "1"},
                follow_redirects=True)
    assert "将通知已报名和候补的 2 位老师" in text(resp)
    rows = [r for r in school.store.outbox.list() if r["kind"] == "activity_cancelled"]
    assert sorted(r["member_id"] for r in rows) == sorted(m.id for m in members)
    assert all(activity.title in r["text"] and "天气原因" in r["text"] for r in rows)
    assert school.store.activities.get(activity.id).status == "cancelled"
    post(admin, f"/admin/activities/{activity.id}/cancel", {"confirm": "1"})  # twice: nobody is told twice
    assert len([r for r in school.store.outbox.list() if r["kind"] == "activity_cancelled"]) == 2
    assert school.store.audit.recent()[0]["action"] == "取消活动"


def test_closing_sign_ups_keeps_the_activity(admin, school):
    activity = school.store.activities.upcoming()[0]
    asked = post(admin, f"/admin/activities/{activity.id}/close")
    assert "确认截止报名" in text(asked) and school.store.activities.get(activity.id).deadline != "2026-09-01 09:00"
    post(admin, f"/admin/activities/{activity.id}/close", {"confirm": "1"})
    after = school.store.activities.get(activity.id)
    assert after.status == "open" and after.deadline == "2026-09-01 09:00"
    chat = Chat(school, "u-1003")
    school.store.bindings.bind("test", "u-1003", school.store.members.by_staff_no("1003").id)
    assert "截止" in chat.say(f"报名{activity.title}") + chat.say("1")


def test_an_activity_already_held_is_neither_closed_nor_cancelled(admin, school):
    """Cancelling it would tell those who came that it did not take place, and drop it from the term report."""
    s = school.store
    held = s.activities.add("暑期教工游泳", "2026-08-30 09:00", "游泳馆", 20, ends_at="2026-08-30 11:00")
    s.signups.signup(held.id, s.members.by_staff_no("1003"))
    page = text(admin.get(f"/admin/activities/{held.id}"))
    assert "不能再截止报名或取消" in page and "取消活动并通知报名者" not in page and "立即截止报名" not in page
    for action in ("cancel", "close"):
        resp = post(admin, f"/admin/activities/{held.id}/{action}", {"confirm": "1"}, follow_redirects=True)
        assert "「暑期教工游泳」已经开始或已举行，不能再截止报名或取消。" in text(resp)
    after = s.activities.get(held.id)
    assert after.status != "cancelled" and after.deadline is None
    assert not [r for r in s.outbox.list() if r["kind"] == "activity_cancelled"]


# ---- suggestions ----------------------------------------------------------------------------------


def submit(school, staff_no: str, content: str, anonymous: bool) -> str:
    user = f"u-{staff_no}"
    school.store.bindings.bind("test", user, school.store.members.by_staff_no(staff_no).id)
    chat = Chat(school, user)
    reply = chat.say(f"{'匿名' if anonymous else ''}建议：{content}")
    if "要署上您的名字吗" in reply:
        chat.say("匿名" if anonymous else "实名")
    release(school.store)
    return re.search(r"编号 ([A-Z0-9]{6})", chat.transcript[-1][1]).group(1)


def test_an_anonymous_suggestion_shows_no_sender_and_no_time_of_day(admin, school, clock):
    clock.advance(hours=5, minutes=17)
    assert login(admin).status_code == 302  # the morning's session has been idle too long
    ticket = submit(school, "1003", "办公室的打印机总卡纸", anonymous=True)
    page = text(admin.get("/admin/suggestions"))
    row = re.search(rf"<tr><td><a[^>]*>{ticket}</a>.*?</tr>", page, re.S).group(0)
    assert "匿名" in row and "李娜" not in page and "1003" not in row
    assert "9月1日" in row and not re.search(r"\d{1,2}:\d{2}", row)
    detail = text(admin.get(f"/admin/suggestions/{ticket}"))
    assert "李娜" not in detail and "14:17" not in detail and "提交人：匿名" in detail


def test_replying_to_an_anonymous_suggestion_reaches_the_sender_by_ticket_and_audits_no_sender(admin, school):
    ticket = submit(school, "1003", "建议多组织户外活动", anonymous=True)
    resp = post(admin, f"/admin/suggestions/{ticket}", {"reply": "下月安排徒步。", "status": "已答复", "public": "1"},
                follow_redirects=True)
    assert "凭编号查询" in text(resp)
    chat = Chat(school, "u-9999")
    assert "下月安排徒步" in chat.say(f"查询 {ticket}")
    entry = school.store.audit.recent()[0]
    assert entry["action"] == "答复建议" and entry["target"] == ticket
    for leak in ("李娜", "1003", str(school.store.members.by_staff_no("1003").id) + ","):
        assert leak not in entry["detail"]
    public = text(admin.get("/admin/suggestions/public"))
    assert ticket in public and "下月安排徒步" in public and "李娜" not in public
    assert not [r for r in school.store.outbox.list() if r["kind"] == "suggestion_reply"]


def test_a_named_suggestion_shows_its_author_and_the_reply_is_pushed(admin, school):
    ticket = submit(school, "1009", "体育馆晚上开放", anonymous=False)
    assert "周婷（1009）" in text(admin.get("/admin/suggestions"))
    post(admin, f"/admin/suggestions/{ticket}", {"reply": "已与后勤商定，周三晚开放。", "status": "已答复"})
    rows = [r for r in school.store.outbox.list() if r["kind"] == "suggestion_reply"]
    assert len(rows) == 1 and "周三晚开放" in rows[0]["text"]


def test_suggestion_status_moves_only_forward(admin, school):
    ticket = submit(school, "1009", "增加停车位", anonymous=False)
    post(admin, f"/admin/suggestions/{ticket}", {"status": "已办结"})
    resp = post(admin, f"/admin/suggestions/{ticket}", {"status": "已收到"})
    assert resp.status_code == 400 and "不能从" in text(resp)
    assert school.store.suggestions.by_ticket(ticket)["status"] == "已办结"
    filtered = text(admin.get("/admin/suggestions?status=已办结"))
    assert ticket in filtered


# ---- care, checkups, pushes, settings -------------------------------------------------------------


def test_care_reports_are_marked_visited_with_a_note(admin, school):
    report_id = school.store.care.add(school.store.members.by_staff_no("1003").id, "王老师", "住院", "illness", "昨天")
    assert "王老师" in text(admin.get("/admin/"))
    post(admin, f"/admin/care/{report_id}/visited", {"note": "工会主席带水果探望"})
    report = school.store.care.get(report_id)
    assert report["status"] == "已探望" and report["visit_note"] == "工会主席带水果探望" and report["visited_by"] == "chair"
    assert "工会主席带水果探望" in text(admin.get("/admin/care"))


def test_a_checkup_added_in_the_console_is_answered_and_noticed(admin, school):
    resp = post(admin, "/admin/checkups", {"title": "2026年秋季体检", "start_date": "2026-09-20", "end_date": "2026-09-18"})
    assert resp.status_code == 400 and "结束日期不能早于" in text(resp)
    resp = post(admin, "/admin/checkups", {"title": "2026年秋季体检", "start_date": "2026-09-20",
                                           "end_date": "2026-09-21", "place": "市一医院", "notes": "空腹"})
    assert resp.status_code == 302
    page = text(admin.get("/admin/pushes"))
    assert "体检通知" in page and "2026年秋季体检·7天前" in page  # in the 60-day plan
    assert "9月11日（周五）" in page  # 7 days before is a Sunday: the Friday before


def test_the_pushes_page_plans_60_days_and_a_failed_push_can_be_resent(admin, school):
    page = text(admin.get("/admin/pushes"))
    assert "周婷" in page  # the demo's birthday today
    member = school.store.members.by_staff_no("1003")
    school.store.outbox.enqueue("greeting", member.id, "祝福", occasion="教师节", status="failed", reason="接口超时")
    row_id = school.store.outbox.list(status="failed")[0]["id"]
    assert "接口超时" in text(admin.get("/admin/pushes?status=failed"))
    resp = post(admin, f"/admin/pushes/{row_id}/resend", follow_redirects=True)
    assert "重发结果" in text(resp)
    row = school.store.outbox.get(row_id)
    assert row["status"] == "skipped" and row["attempts"] == 1  # not bound anywhere: said so, not lost
    sent = school.store.outbox.enqueue("greeting", member.id, "已发", occasion="x", status="sent")
    assert sent
    sent_id = school.store.outbox.list(status="sent")[0]["id"]
    post(admin, f"/admin/pushes/{sent_id}/resend")
    assert school.store.outbox.get(sent_id)["attempts"] == 0  # a sent message is never sent again


def test_send_test_to_me_goes_to_the_officers_own_member(admin, school):
    resp = post(admin, "/admin/pushes/test", follow_redirects=True)
    assert "测试消息" in text(resp)
    rows = [r for r in school.store.outbox.list() if r["kind"] == "test"]
    assert len(rows) == 1 and rows[0]["member_id"] == school.store.members.by_staff_no("1002").id


def test_settings_show_channels_and_the_schedulers_last_run(admin, school):
    from bot.scheduler import run_day

    page = text(admin.get("/admin/settings"))
    assert "公众号" in page and "尚未运行" in page
    run_day(school, school.clock.today())
    page = text(admin.get("/admin/settings"))
    assert "上次运行" in page and "9月1日" in page and "尚未运行" not in page


def test_every_change_is_in_the_audit_log_the_admin_reads(admin, school):
    post(admin, "/admin/activities/new", {"title": "读书分享会", "starts_at": "2026-09-25T16:00"})
    post(admin, "/admin/users", {"username": "newbie", "password": "newbie-pass-1", "role": "工会委员"})
    page = text(admin.get("/admin/audit"))
    assert "新建了活动「读书分享会」" in page and "新建了后台账号 newbie" in page and "chair" in page


# ---- command line ---------------------------------------------------------------------------------


def test_admin_create_user_reads_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    from bot.__main__ import main

    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[bot]\ndatabase = "{tmp_path / "x.db"}"\n[wechat]\ntoken = "t"\n[admin]\nsecret_key = "k"\n', "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(SystemExit) as exc:
        main(["--config", str(cfg), "admin", "create-user", "chair", "--role", "管理员"])
    assert "至少 8 位" in str(exc.value)
    monkeypatch.setattr("sys.stdin", io.StringIO("a-good-pass-1\n"))
    assert main(["--config", str(cfg), "admin", "create-user", "chair", "--role", "管理员"]) == 0
    assert "已创建后台账号 chair" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--config", str(cfg), "admin", "create-user", "chair"])


def test_the_demo_login_exists_only_in_a_demo_configuration(tmp_path, capsys):
    from bot.__main__ import main

    real = tmp_path / "real.toml"
    real.write_text(f'[bot]\ndatabase = "{tmp_path / "r.db"}"\n[wechat]\ntoken = "t"\n', "utf-8")
    assert main(["--config", str(real), "seed-demo"]) == 0
    assert "demo console login" not in capsys.readouterr().out
    demo = tmp_path / "demo.toml"
    demo.write_text(f'[bot]\ndatabase = "{tmp_path / "d.db"}"\n[wechat]\ntoken = "t"\npush = "simulator"\n[simulator]\nenabled = true\n', "utf-8")
    assert main(["--config", str(demo), "seed-demo"]) == 0
    assert "admin / demo-admin-2026" in capsys.readouterr().out


def test_dates_in_the_console_follow_the_clock(admin, school, clock):
    clock.advance(days=1)
    assert login(admin).status_code == 302  # yesterday's session is over
    assert (dt.date(2026, 9, 2)).strftime("%Y年%m月%d日") in text(admin.get("/admin/"))


def test_an_export_that_cannot_be_written_is_a_clear_page_not_a_500(admin, monkeypatch):
    from bot.console import kit
    from bot.spreadsheet import TableError

    def broken(*_a, **_k):
        raise TableError("无法写入：磁盘已满")

    monkeypatch.setattr(kit, "write_table", broken)
    resp = admin.get("/admin/members/export?format=xlsx")
    assert resp.status_code == 503 and "磁盘已满" in text(resp)


def test_an_id_too_large_for_the_database_is_a_404_not_a_500(admin):
    """The attack: /admin/activities/99999999999999999999 raised OverflowError in SQLite (a 500)."""
    for path in ("/admin/activities/99999999999999999999", "/admin/members/123456789012345678901",
                 "/admin/activities/99999999999999999999/signups"):
        assert admin.get(path).status_code == 404, path
    assert admin.post("/admin/care/99999999999999999999/visited").status_code in (400, 404)
