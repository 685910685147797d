"""Plain Chinese on every console page: a busy demo school (pushes sent, skipped and failed, a
suggestion, a care report, a poll, changes in the audit log), every registered GET page visited as
the 管理员 with real ids, and no ASCII word on screen outside a short allow-list. The walk reads the
app's url_map, so a page added later is covered without touching this file."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.console import hash_password
from tests.conftest import as_member
from tests.helpers import release
from tests.test_console import admin, app, bot, post, school, text  # noqa: F401 (fixtures)

# What may stay in Latin letters on a page, and why. Everything else is an English word, a config key
# or a library name that a union officer should not have to read.
ALLOWED_WORDS = {
    "OK",     # 卡拉OK: the activity's own name in Chinese
    "Excel",  # what officers call the spreadsheet they download and fill (the .xlsx file)
    "CSV",    # the other download format, named as the button offers it
    "AA",     # AA制 (everyone pays their share)
}
# Codes the bot hands out (suggestion tickets, ballot receipts: letters and digits, see
# storage/suggestions.TICKET_ALPHABET) and measures next to numbers (10 km, 5 kg, 3 MB): not words.
CODE = re.compile(r"^(?=[A-Z0-9]*[0-9])[A-Z0-9]{4,10}$|^[A-Z]{6,8}$")
UNITS = {"km", "kg", "cm", "mm", "KB", "MB", "GB", "am", "pm"}
# how a file's name ends (".xlsx", ".csv"), as the file picker shows it: only right after a dot
FILE_ENDINGS = {"xlsx", "csv"}
VISIBLE_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")  # read aloud or shown by the browser


class VisibleText(HTMLParser):
    """The words a person sees: text outside <script>/<style> (the <title> is the tab's name), plus
    the attributes a browser shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button") and dict(attrs).get("value"):
            self.parts.append(dict(attrs)["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def foreign_words(html: str, data_words: set[str] = frozenset()) -> set[str]:
    """The ASCII words on the page that are neither allowed, codes, units nor data (account names)."""
    words = set()
    seen = visible_text(html)
    for match in re.finditer(r"[A-Za-z0-9][A-Za-z0-9_.'/:-]*", seen):
        word = match.group().rstrip(".'-:/")
        if word in FILE_ENDINGS and seen[match.start() - 1:match.start()] == ".":
            continue
        if not re.search("[A-Za-z]", word):
            continue  # a number, a date, a time
        if word in ALLOWED_WORDS or word in UNITS or word in data_words or CODE.match(word):
            continue
        words.add(word)
    return words


def test_the_scanner_finds_english_and_spares_codes_and_markup():
    page = ('<html><head><title>推送 · 学校</title><style>body{color:red}</style><script>var ok = 1;</script></head>'
            '<body class="wide"><p title="care">卡拉OK 推送 cli 编号 K7M2QX 收据码 AB3D7F2K，下载 Excel</p>'
            '<input placeholder="例如 2026-09-01"><a href="/admin/pushes?status=failed">推送</a>'
            '<p>请上传 .xlsx 文件，不要 xlsx 格式</p></body></html>')
    assert foreign_words(page) == {"care", "cli", "xlsx"}


# ---- a busy school --------------------------------------------------------------------------------


def busy(school, admin):
    """The demo school after some weeks of use: every kind of row a page can show."""
    from bot.scheduler import run_day

    s = school.store
    chat = as_member(school, "1003")
    chat.say("匿名建议：食堂的菜太咸了")
    chat.say("是")
    release(s)
    chat = as_member(school, "1006")
    chat.say("建议：图书馆周末开放")
    chat.say("实名")
    chat.say("是")
    release(s)
    s.care.add(s.members.by_staff_no("1003").id, "王老师", "住院", "生病住院", "昨天")
    post(admin, "/admin/polls/new", {"title": "教代会表决：食堂承包方案", "questions": "是否同意食堂承包方案",
                                     "preset": "approval", "closes": "2026-09-08 17:00"})
    run_day(school, school.clock.today())
    member = s.members.by_staff_no("1004")
    s.outbox.enqueue("care", member.id, "王老师住院了，请委员探望。", occasion="care", status="failed",
                     channel="wecom", target="x", reason="wecom 接口超时，稍后自动重试")
    s.outbox.enqueue("test", None, "群消息", occasion="group", channel="cli", target="1004", status="sent")
    for i, reason in enumerate(("公众号接口错误 errcode 45009", "wecom 推送出错（TokenError），稍后自动重试",
                                "dingtalk 未配置推送（缺少 app_secret 等）", "钉钉 accessToken 40089")):
        s.outbox.enqueue("greeting", member.id, "祝福", occasion=f"old{i}", status="failed", reason=reason)
    assert post(admin, f"/admin/members/{member.id}", {"姓名": "刘洋", "手机": "13900005075", "工会小组": "数学组"}
                ).status_code == 302
    assert post(admin, "/admin/activities/new", {"title": "教师读书会", "starts_at": "2026-09-25T16:00",
                                                 "audience": "female"}).status_code == 302
    post(admin, "/admin/users", {"username": "lin", "password": "lin-pass-123", "role": "工会委员"})
    return school


# an argument's value: a table whose name starts with the argument's stem (activity_id → activities)
SPECIAL_ARGUMENTS = {"ticket": "SELECT ticket FROM suggestions ORDER BY id LIMIT 1",
                     "row_id": "SELECT id FROM outbox ORDER BY id LIMIT 1",
                     "user_id": "SELECT id FROM admin_users ORDER BY id LIMIT 1",
                     "report_id": "SELECT id FROM care_reports ORDER BY id LIMIT 1",
                     "signup_id": "SELECT COALESCE((SELECT id FROM signups ORDER BY id LIMIT 1), 1)",
                     "action": "SELECT 'close'", "key": "SELECT 'backup'"}


def argument_value(store, name: str):
    if name in SPECIAL_ARGUMENTS:
        return store.db.scalar(SPECIAL_ARGUMENTS[name])
    stem = name.removesuffix("_id")
    tables = [r["name"] for r in store.db.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in sorted(tables, key=len):
        if table.startswith(stem[:-1] if stem.endswith("y") else stem):
            return store.db.scalar(f"SELECT id FROM {table} ORDER BY id LIMIT 1")
    raise AssertionError(f"no demo value for the URL argument {name!r}: add it to SPECIAL_ARGUMENTS")


def console_pages(app, store):
    """Every GET page of the console, with real ids, and the filtered views of the long lists."""
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or "GET" not in rule.methods or rule.endpoint == "console.login":
            continue
        yield rule.build({k: argument_value(store, k) for k in rule.arguments})[1]
    for status in ("sent", "failed", "skipped", "pending"):
        yield f"/admin/pushes?status={status}"


def test_no_console_page_shows_an_english_word(admin, school):
    busy(school, admin)
    names = {u["username"] for u in school.store.admin_users.all()}
    found, seen = {}, 0
    for url in console_pages(admin.application, school.store):
        resp = admin.get(url, follow_redirects=True)  # "恢复在职" for someone still here: back to the member
        assert resp.status_code == 200, (url, resp.status_code)
        if not resp.mimetype.startswith("text/html"):
            continue  # a download (Excel, CSV)
        seen += 1
        words = foreign_words(text(resp), names)
        if words:
            found[url] = sorted(words)
    assert seen >= 20
    assert not found, "English on console pages:\n" + "\n".join(f"{url}: {words}" for url, words in found.items())


def test_no_answer_to_a_bad_form_shows_an_english_word(admin, school):
    """Every form posted empty and with nonsense: the answers (errors, flashed notes) in words, never a 500."""
    busy(school, admin)
    names = {u["username"] for u in school.store.admin_users.all()}
    found, posted = {}, 0
    nonsense = {"starts_at": "明天下午", "deadline": "下周", "closes": "明天", "opens": "后天", "start_date": "下周一",
                "end_date": "x", "capacity": "很多", "title": "测试", "status": "乱填", "role": "主席", "password": "1",
                "username": "测 试", "phone": "abc", "手机": "123", "出生日期": "去年", "format": "pdf"}
    for rule in admin.application.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or "POST" not in rule.methods or \
                rule.endpoint in ("console.login", "console.logout", "console.account"):
            continue
        url = rule.build({k: argument_value(school.store, k) for k in rule.arguments})[1]
        for data in ({}, nonsense):
            resp = post(admin, url, data, follow_redirects=True)
            assert resp.status_code < 500, (url, resp.status_code)
            posted += 1
            if resp.mimetype.startswith("text/html"):
                words = foreign_words(text(resp), names)
                if words:
                    found[url] = sorted(words)
    assert posted >= 20
    assert not found, "English in answers to forms:\n" + "\n".join(f"{url}: {words}" for url, words in found.items())


def test_a_wrong_address_in_the_console_is_answered_in_chinese(admin):
    for url, status, words in (("/admin/logout", 405, "只接受页面上按钮的提交"), ("/admin/no-such-page", 404, "没有这个页面"),
                               ("/admin/members/abc", 404, "没有这个页面")):
        resp = admin.get(url)
        assert resp.status_code == status and words in text(resp), url
        assert foreign_words(text(resp), {"chair"}) == set(), url
    assert "Not Found" in text(admin.get("/no-such-page"))  # outside the console: the framework's plain answer


def test_the_demo_password_outside_the_demo_is_refused_in_words(app, school):
    from bot.demo import CONSOLE_ACCOUNTS
    from tests.test_console import login

    username, password, role, staff_no = CONSOLE_ACCOUNTS[0]
    school.store.admin_users.add(username, hash_password(password), role, staff_no)
    resp = login(app.test_client(), username, password)
    assert resp.status_code == 401 and "演示账号的公开密码" in text(resp)
    assert foreign_words(text(resp), {username}) == set()


# ---- the audit log as sentences -------------------------------------------------------------------


def test_the_audit_log_reads_as_sentences_without_json(admin, school):
    busy(school, admin)
    page = visible_text(text(admin.get("/admin/audit")))
    assert "王芳（账号 chair） 把 刘洋（1004） 的手机从 …1004 改为 …5075" in page
    assert "王芳（账号 chair） 新建了活动「教师读书会」（时间：9月25日 16:00；对象：女教职工）" in page
    assert "修改了 刘洋（1004） 的资料（工会小组从 体艺组 改为 数学组；手机从 …1004 改为 …5075）" in page
    assert "新建了投票「教代会表决：食堂承包方案」（范围：全体会员；截止：9月8日 17:00；提前提醒：是）" in page
    assert "新建了后台账号 lin（角色：工会委员）" in page
    assert "{" not in page and '"' not in page and "starts_at" not in page


def audit_actions() -> set[str]:
    """Every action the code writes to the audit log (audit("…") and store.audit.add(who, "…"))."""
    from pathlib import Path

    root = Path(__file__).parent.parent
    actions = set()
    for path in [*root.glob("bot/**/*.py"), *root.glob("handlers/**/*.py")]:
        source = path.read_text(encoding="utf-8")
        actions |= set(re.findall(r'\baudit\(\s*"([^"]+)"', source))
        actions |= set(re.findall(r'audit\.add\([^,]+,\s*"([^"]+)"', source))
        for mapping in re.findall(r'\baudit\(\s*\{([^}]+)\}\[', source):  # audit({"disable": "停用账号", …}[action]
            actions |= set(re.findall(r':\s*"([^"]+)"', mapping))
    return actions


def test_every_kind_of_audit_entry_in_the_code_is_a_sentence(school):
    from bot.console.sentences import SENTENCES, Namer, sentence

    actions = audit_actions()
    assert {"修改会员", "修改身份信息", "新建活动", "停用账号", "重发推送", "处理系统提醒"} <= actions
    detail = '{"title": "读书会", "audience": "retired", "public": true, "渠道": "wecom", "原": "…0575", "新": "…5075"}'
    namer = Namer(school.store)
    for action in actions:
        for target in ("1003", "#7 教师读书会", "chair", ""):
            line = sentence({"username": "(命令行)", "action": action, "target": target, "detail": detail},
                            namer, school.clock.today())
            assert "{" not in line and '"' not in line and "audience" not in line, (action, line)
            assert foreign_words(f"<p>{line}</p>", {"chair"}) == set(), (action, line)
    known = actions & set(SENTENCES) | {"修改身份信息", "重发推送"}
    assert len(known) >= len(actions) - 3, actions - known  # a few may be new; most have their own words


# ---- dates ----------------------------------------------------------------------------------------


def test_dates_show_the_year_only_when_it_is_not_this_year():
    import datetime as dt

    from bot.console.words import when

    today = dt.date(2026, 9, 1)
    assert when("2026-09-10", today) == "9月10日"
    assert when("2026-09-10T15:30:00", today) == "9月10日 15:30"
    assert when("2027-01-05 08:00", today) == "2027年1月5日 08:00"
    assert when("2025-12-31", today, weekday=True) == "2025年12月31日（周三）"
    assert when("", today) == "—" and when("明天", today) == "明天"


def test_a_push_for_next_year_shows_its_year_on_the_push_page(admin, school):
    import datetime as dt

    member = school.store.members.by_staff_no("1003")
    school.store.outbox.enqueue("greeting", member.id, "新年快乐", occasion="元旦", send_on=dt.date(2027, 1, 1))
    page = visible_text(text(admin.get("/admin/pushes")))
    assert "2027年1月1日" in page and "2027-01-01" not in page


# ---- the push page --------------------------------------------------------------------------------


def rows_of(page: str) -> list[str]:
    log = page.split('<table class="log">')[1].split("</table>")[0]
    return log.split("<tr>")[2:]


def test_the_push_log_comes_first_paginated_with_the_message_in_words(admin, school):
    s = school.store
    member = s.members.by_staff_no("1003")
    for i in range(120):
        s.outbox.enqueue("announcement", member.id, f"第{i}条：" + "秋季登山活动报名开始了，" * 5, occasion=f"a{i}",
                         status="sent", channel="wecom", target="x")
    page = text(admin.get("/admin/pushes"))
    assert page.index("推送记录") < page.index("推送计划") < page.index("给我发一条测试消息")
    rows = rows_of(page)
    assert len(rows) == 50 and "第119条" in rows[0]  # newest first
    assert '<details><summary><span class="short">第119条：秋季登山活动报名开始了' in rows[0] and "…</span>" in rows[0]
    assert '<div class="full">第119条：' + "秋季登山活动报名开始了，" * 5 + "</div>" in rows[0]  # the whole message
    assert "活动通知" in rows[0] and "企业微信" in rows[0] and "李娜" in rows[0] and "已发送" in rows[0]
    assert "第 1 / 3 页" in page and "page=2" in page
    last = text(admin.get("/admin/pushes?page=3"))
    assert len(rows_of(last)) == 20 and "第0条" in rows_of(last)[-1]
    assert len(rows_of(text(admin.get("/admin/pushes?status=failed")))) == 1  # "还没有推送记录"


def test_resend_is_offered_only_where_it_can_help(admin, school):
    s = school.store
    bound = s.members.by_staff_no("1003")  # bound on 公众号 in the demo
    unbound = s.members.add(staff_no="4001", name="新来的")
    s.bindings.bind("wecom", "zhangsan", bound.id)
    cases = {"超时": (bound, "failed", "wecom 接口超时，稍后自动重试"),
             "未绑": (unbound, "failed", "wecom 接口超时，稍后自动重试"),
             "跳过": (bound, "skipped", "未绑定"),
             "退订": (bound, "failed", "用户已取消关注（errcode 43004）"),
             "未配": (bound, "failed", "钉钉未配置 robot_code 或 agent_id，无法推送")}
    for name, (member, status, reason) in cases.items():
        s.outbox.enqueue("greeting", member.id, name, occasion=name, status=status, reason=reason)
    rows = {r.split("<td>")[2][:2]: r for r in rows_of(text(admin.get("/admin/pushes")))}
    offered = {name for name, row in rows.items() if "重发" in row}
    assert offered == {"超时"}
    assert "企业微信 接口超时" in rows["超时"] and "错误码 43004" in rows["退订"]
    assert "机器人编号或应用编号" in rows["未配"]
    skipped = next(r for r in s.outbox.list(status="skipped") if r["text"] == "跳过")
    resp = post(admin, f"/admin/pushes/{skipped['id']}/resend", follow_redirects=True)
    assert "重发也送不到" in text(resp) and "绑定" in text(resp)
    assert s.outbox.get(skipped["id"])["status"] == "skipped" and s.outbox.get(skipped["id"])["attempts"] == 0
    assert not [a for a in s.audit.recent() if a["action"] == "重发推送"]


# ---- warnings on the dashboard --------------------------------------------------------------------


def test_a_scheduler_warning_is_on_the_dashboard_in_words_until_dismissed(admin, school):
    import datetime as dt

    from bot.scheduler import plan

    school.store.checkups.add("体检", "2027-03-15", "2027-03-15", "医院")
    for i in range(3):
        plan(school, dt.date(2027, 3, 5) + dt.timedelta(days=i))
    page = visible_text(text(admin.get("/admin/")))
    assert "节假日数据还没有 2027 年的放假安排" in page and "要做的：请系统管理员更新" in page
    assert "chinesecalendar" not in page
    resp = post(admin, "/admin/alerts/chinesecalendar-2027/dismiss", follow_redirects=True)
    assert "已处理这条提醒" in text(resp) and "2027 年的放假安排" not in text(resp)
    assert "处理了系统提醒（提醒：节假日数据还没有 2027 年" in visible_text(text(admin.get("/admin/audit")))


def test_the_dashboard_says_when_the_scheduler_is_not_running_and_no_backup_was_made(admin, school, tmp_path):
    from bot.scheduler import SchedulerLock

    page = visible_text(text(admin.get("/admin/")))
    assert "定时发送程序没有在运行" in page and "还没有备份过数据" in page
    lock = SchedulerLock(school.store, school.clock)
    assert lock.acquire()
    school.store.alerts.backed_up()
    page = visible_text(text(admin.get("/admin/")))
    assert "定时发送程序没有在运行" not in page and "备份" not in page
    school.clock.advance(days=9)
    assert login_again(admin) and "已经超过 7 天" in visible_text(text(admin.get("/admin/")))
    post(admin, "/admin/alerts/backup/dismiss")
    assert "已经超过 7 天" not in visible_text(text(admin.get("/admin/")))  # hidden for 30 days
    post(admin, "/admin/alerts/scheduler/dismiss")  # not dismissible: it goes when the scheduler runs
    assert "定时发送程序没有在运行" in visible_text(text(admin.get("/admin/")))


def login_again(client) -> bool:
    from tests.test_console import login

    return login(client).status_code == 302


def test_a_damaged_scratch_file_moved_aside_is_on_the_dashboard(admin, school):
    path = school.config.get("bot", "database")
    with open(path + "-scratch.damaged-1767000000", "wb") as fh:
        fh.write(b"x")
    page = visible_text(text(admin.get("/admin/")))
    assert "临时数据文件" in page and "损坏过 1 次" in page


def test_a_platform_refusing_the_bots_credentials_is_a_warning_that_clears_itself(school):
    from bot.channels.tokens import TokenCache, TokenError

    answers = [TokenError("企业微信拒绝发放接口凭证（错误码 40001）")]

    def fetch(force):
        if answers:
            raise answers.pop()
        return "T1", 7200

    cache = TokenCache(school.store, school.clock, "wecom-access-token", fetch)
    try:
        cache.get()
    except TokenError:
        pass
    alert = school.store.alerts.get("token:wecom-access-token")
    assert alert and "企业微信拒绝发放接口凭证（错误码 40001）" in alert["text"] and "应用编号和密钥" in alert["todo"]
    assert cache.get() == "T1"
    assert school.store.alerts.get("token:wecom-access-token") is None
