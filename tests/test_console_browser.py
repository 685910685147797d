"""The console in a real browser: headless Chromium from Debian's `chromium` package, driven by
Playwright for Python with `executable_path` (nothing downloads a browser). The app runs on a real
socket on 127.0.0.1; teachers talk to it through signed /wechat requests, as WeChat would.

A screenshot of every page is saved under tests/output/console/. These tests are never skipped:
`make test` installs chromium first (see the Makefile), and a machine without it fails here.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
import requests
from openpyxl import Workbook
from werkzeug.serving import make_server

from bot.app import create_app
from bot.console import hash_password
from tests.conftest import make_config
from tests.helpers import WeChatClient, release

SHOTS = Path(__file__).parent / "output" / "console"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "chair-pass-2026"


def chromium_path() -> str:
    path = os.environ.get("UNIONBOT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Debian's chromium is needed for the console's browser tests: `make test` installs it "
                    "(apt-get install chromium), or set UNIONBOT_CHROMIUM to a Chromium binary.")
    return path


class LiveClient:
    """What WeChatClient needs from a Flask test client, over a real socket."""

    def __init__(self, base: str) -> None:
        self.base = base

    def post(self, path, query_string, data, content_type):
        resp = requests.post(self.base + path, params=query_string, data=data,
                             headers={"Content-Type": content_type}, timeout=10)
        return _Resp(resp)


class _Resp:
    def __init__(self, resp) -> None:
        self.status_code = resp.status_code
        self._text = resp.text

    def get_data(self, as_text: bool = False):
        return self._text


@contextlib.contextmanager
def live_server(folder, username: str, role: str, password: str, staff_no: str, seed: bool = True):
    """The demo school (an empty one with seed=False) served on a real socket on 127.0.0.1, with one
    console account: (base URL, the bot, a WeChat client talking to it)."""
    from bot import demo
    from bot.clock import FrozenClock

    clock = FrozenClock("2026-09-01 09:00")
    app = create_app(make_config(folder), clock)
    bot = app.extensions["unionbot"]
    if seed:
        demo.seed(bot.store, clock)
    bot.store.admin_users.add(username, hash_password(password), role, staff_no)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        yield base, bot, WeChatClient(LiveClient(base), "plaintext", clock)
    finally:
        server.shutdown()


def go(page, selector: str, press: str = "") -> None:
    """Click (or press a key in) what sends a form or follows a link, and wait for the next page: read
    at once, page.content() can be the empty document between two pages when the machine is busy."""
    with page.expect_navigation():
        if press:
            page.press(selector, press)
        else:
            page.click(selector)


def browser_page(shots: Path, old_shots: str = "*.png"):
    """A desktop-sized Chromium page (downloads allowed); the screenshots in `shots` matching `old_shots`
    from an earlier run removed. A generator: `yield from browser_page(...)` in a fixture."""
    from playwright.sync_api import sync_playwright

    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob(old_shots):
        old.unlink()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN", accept_downloads=True)
        yield context.new_page()
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("live"), "chair", "管理员", PASSWORD, "1002") as served:
        yield served


@pytest.fixture(scope="module")
def page(live):
    yield from browser_page(SHOTS, "[0-9]*.png")




shots: list[str] = []


def shot(page, name: str) -> None:
    path = SHOTS / f"{len(shots) + 1:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shots.append(path.name)


def test_1_log_in(live, page):
    base, _, _ = live
    page.goto(base + "/admin/members")
    assert "/admin/login" in page.url  # asked to log in first
    shot(page, "login")
    page.fill("#username", "chair")
    page.fill("#password", "wrong-password-1")
    go(page, "button[type=submit]")
    assert page.locator(".errors").inner_text().startswith("用户名或密码不正确")
    page.fill("#password", PASSWORD)
    go(page, "button[type=submit]")
    assert page.url == base + "/admin/members"  # back where the officer wanted to go
    go(page, "text=首页")
    assert "今天过生日" in page.content() and "周婷" in page.content()
    shot(page, "dashboard")


def test_2_import_a_roster_file(live, page, tmp_path):
    base, bot, _ = live
    wb = Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "性别", "出生日期", "生日历法", "闰月", "手机", "工会小组", "状态", "角色"])
    ws.append(["5001", "欧阳明", "男", "1991-05-06", "公历", "否", "13800005001", "数学组", "在职", "会员"])
    ws.append(["5002", "司马静", "女", "1988-08-20", "农历", "否", "13800005002", "语文组", "在职", "会员"])
    roster = tmp_path / "新学期名册.xlsx"
    wb.save(roster)
    page.goto(base + "/admin/members/import")
    page.set_input_files("#file", str(roster))
    go(page, "text=上传并预览")
    assert "新增 2 人" in page.content() and "尚未写入" in page.content()
    assert bot.store.members.by_staff_no("5001") is None
    shot(page, "members-import-preview")
    go(page, "text=确认导入")
    assert "导入完成" in page.content()
    assert bot.store.members.by_staff_no("5002").name == "司马静"
    page.fill("#q", "欧阳")
    go(page, "text=查找")
    assert "欧阳明" in page.content() and "未绑定" in page.content()
    shot(page, "members")
    go(page, "text=欧阳明")
    shot(page, "member-edit")


def test_3_create_an_activity_and_see_a_wechat_sign_up_appear(live, page):
    base, bot, wechat = live
    page.goto(base + "/admin/activities/new")
    page.fill("#title", "教工羽毛球团体赛")
    page.fill("#starts_at", "2026-09-18T15:30")
    page.fill("#place", "体育馆")
    page.fill("#capacity", "12")
    shot(page, "activity-new")
    go(page, "text=创建")
    assert "已创建活动" in page.content()
    member = bot.store.members.by_staff_no("5001")
    bot.store.bindings.bind("wechat", "o-ouyang", member.id)
    reply = wechat.say("o-ouyang", "报名教工羽毛球团体赛")
    if "确认" in reply or "是否" in reply:
        reply = wechat.say("o-ouyang", "是")
    assert "报名成功" in reply, reply
    page.reload()
    assert page.locator("#signups").inner_text().count("欧阳明") == 1
    assert "已报名" in page.locator("#signups").inner_text()
    shot(page, "activity")
    page.goto(base + "/admin/activities")
    assert "教工羽毛球团体赛" in page.content()
    shot(page, "activities")


def test_4_reply_to_a_suggestion(live, page):
    base, bot, wechat = live
    member = bot.store.members.by_staff_no("5002")
    bot.store.bindings.bind("wechat", "o-sima", member.id)
    reply = wechat.say("o-sima", "匿名建议：教师休息室能不能装个饮水机")
    ticket = re.search(r"编号 ([A-Z0-9]{6})", reply).group(1)
    release(bot.store)  # the day's release (after midnight)
    page.goto(base + "/admin/suggestions")
    row = page.locator("tr", has_text=ticket).inner_text()
    assert "匿名" in row and "司马静" not in page.content()
    shot(page, "suggestions")
    go(page, f"text={ticket}")
    page.fill("#reply", "已安排后勤下周安装。")
    page.select_option("#status", "已答复")
    page.check("input[name=public]")
    shot(page, "suggestion")
    go(page, "text=保存")
    assert "已答复" in page.content()
    assert "已安排后勤下周安装" in wechat.say("o-sima", f"查询 {ticket}")
    page.goto(base + "/admin/suggestions/public")
    assert "已安排后勤下周安装" in page.content()
    shot(page, "suggestions-public")


def test_5_every_other_page(live, page):
    base, bot, _ = live
    bot.store.care.add(bot.store.members.by_staff_no("1003").id, "王老师", "住院", "illness", "昨天")
    for path, name, must in [
        ("/admin/care", "care", "王老师"),
        ("/admin/pushes", "pushes", "未来 60 天"),
        ("/admin/checkups", "checkups", "添加体检"),
        ("/admin/settings", "settings", "定时发送"),
        ("/admin/users", "users", "chair"),
        ("/admin/audit", "audit", "答复了建议"),
        ("/admin/account", "account", "修改密码"),
    ]:
        page.goto(base + path)
        assert must in page.content(), path
        shot(page, name)
    page.goto(base + "/admin/care")
    page.fill("input[name=note]", "工会主席带水果探望")
    go(page, "text=登记已探望")
    assert "已登记" in page.content()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(base + "/admin/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # no sideways scrolling on a phone: the tables scroll inside themselves
    assert "定时发送程序没有在运行" in page.content()  # the admin's warnings, in words, with what to do
    shot(page, "dashboard-phone")
    bot.store.outbox.enqueue("announcement", bot.store.members.by_staff_no("1003").id,
                             "【活动通知】秋季登山活动开始报名了：9月17日早上8点学校南门集合，包车往返，请穿运动鞋。"
                             "回复“报名 秋季登山”即可报名。", occasion="phone", status="failed",
                             reason="wecom 接口超时，稍后自动重试", channel="wecom", target="x")
    page.goto(base + "/admin/pushes")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    assert page.locator("h2").first.inner_text() == "推送记录"  # the log first, the plan after it
    full = page.locator("details .full").first
    assert not full.is_visible()
    page.locator("details summary").first.click()  # the whole message, without JavaScript
    assert full.is_visible() and "包车往返" in full.inner_text()
    assert "企业微信 接口超时" in page.content() and "重发" in page.content()
    shot(page, "pushes-phone")
    go(page, "text=退出")
    assert "/admin/login" in page.url
    assert len(list(SHOTS.glob("[0-9]*.png"))) == len(shots) >= 17
