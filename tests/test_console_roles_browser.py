"""Roles in a real browser (headless Chromium, as tests/test_console_browser.py): a 查看 account sees
the pages and no button that changes anything; a 工会委员 corrects a checkup on a phone-width screen
and deletes one through the confirmation page (no JavaScript involved). Screenshots are saved under
tests/output/console/roles/."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.console import hash_password
from tests.test_console_browser import CHROMIUM_FLAGS, chromium_path, go, live  # noqa: F401  (a fixture)

SHOTS = Path(__file__).parent / "output" / "console" / "roles"
PASSWORDS = {"zhuxi": "zhuxi-pass-2026", "wei": "wei-pass-2026"}


@pytest.fixture(scope="module")
def accounts(live):  # noqa: F811
    """The browser tests' live server (tests/test_console_browser.py, a fresh one for this module), with
    a 工会委员, a 查看 account and a care report."""
    base, bot, _ = live
    bot.store.admin_users.add("wei", hash_password(PASSWORDS["wei"]), "工会委员", "1001")
    bot.store.admin_users.add("zhuxi", hash_password(PASSWORDS["zhuxi"]), "查看")
    bot.store.care.add(bot.store.members.by_staff_no("1003").id, "王老师", "王老师住院了", "生病住院", "昨天")
    return base, bot


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def log_in(browser, base: str, username: str, width: int = 1200):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(base + "/admin/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    go(page, "button[type=submit]")
    assert page.url == base + "/admin/"
    return context, page


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_read_only_account_sees_the_pages_and_no_edit_buttons(accounts, browser):
    base, bot = accounts
    context, page = log_in(browser, base, "zhuxi")
    activity = bot.store.activities.upcoming()[0]
    member = bot.store.members.by_staff_no("1004")
    checkup = bot.store.checkups.all()[0]
    for path, must in [("/admin/checkups", checkup["title"]), (f"/admin/checkups/{checkup['id']}", checkup["place"]),
                       ("/admin/care", "王老师"), (f"/admin/activities/{activity.id}", activity.title),
                       (f"/admin/members/{member.id}", "已登记"), ("/admin/suggestions", "建议"),
                       ("/admin/pushes", "推送计划"), ("/admin/polls", "投票")]:
        page.goto(base + path)
        assert must in page.content(), path
        assert page.locator("#read-only").is_visible(), path
        buttons = [b.inner_text() for b in page.locator("main button:visible, main input[type=submit]:visible").all()]
        assert buttons == [] or all(b in ("查找", "筛选") for b in buttons), (path, buttons)  # search only
        assert page.locator("text=修改或删除").count() == 0 and page.locator("text=更正或删除").count() == 0
    page.goto(base + f"/admin/members/{member.id}")
    assert member.phone not in page.content() and "1988" not in page.content() and "农历 8月15日" in page.content()
    shot(page, "viewer-member")
    page.goto(base + "/admin/checkups")
    shot(page, "viewer-checkups")
    context.close()


def test_a_committee_member_edits_a_checkup_on_a_phone(accounts, browser):
    base, bot = accounts
    context, page = log_in(browser, base, "wei", width=390)
    checkup = bot.store.checkups.all()[0]
    page.goto(base + "/admin/checkups")
    with page.expect_navigation():
        page.locator("tr", has_text=checkup["title"]).locator("text=修改或删除").click()
    assert page.url == base + f"/admin/checkups/{checkup['id']}"
    page.fill("#place", "市第二人民医院体检中心")
    page.fill("#notes", "请空腹，带身份证和医保卡。")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # no sideways scrolling on a phone
    shot(page, "checkup-edit-phone")
    go(page, "text=保存修改")
    assert "已保存" in page.content() and "市第二人民医院体检中心" in page.content()
    assert bot.store.checkups.get(checkup["id"])["place"] == "市第二人民医院体检中心"
    assert bot.store.audit.recent()[0]["action"] == "修改体检"

    other = bot.store.checkups.all()[1]
    page.goto(base + f"/admin/checkups/{other['id']}")
    go(page, "text=删除这次体检…")
    assert "确认删除" in page.content() and bot.store.checkups.get(other["id"]) is not None
    shot(page, "checkup-delete-confirm-phone")
    go(page, "text=确认删除")
    assert "已删除体检" in page.content() and bot.store.checkups.get(other["id"]) is None

    page.goto(base + "/admin/care")
    go(page, "text=更正或删除")
    page.fill("#subject", "数学组王建军老师")
    shot(page, "care-edit-phone")
    go(page, "text=保存更正")
    assert "已更正关怀记录" in page.content() and "数学组王建军老师" in page.content()
    context.close()
