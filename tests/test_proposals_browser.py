"""A proposal's console page in a real browser (headless Chromium, as tests/test_console_browser.py):
a teacher proposes and a colleague seconds through signed /wechat requests, the officer takes it
through 立案 and 交办 with the buttons and answers it; the page at a phone's width (390 px) does not
scroll sideways. Screenshots go to tests/output/proposals/."""
# ruff: noqa: F811  (the live server fixture, imported from tests/test_console_browser.py)

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import release
from tests.test_console_browser import PASSWORD, browser_page, go, live  # noqa: F401 (fixture)

SHOTS = Path(__file__).parent / "output" / "proposals"


@pytest.fixture(scope="module")
def page():
    yield from browser_page(SHOTS)


def press(page, action: str) -> None:
    go(page, f"form:has(input[name=action][value={action}]) button[type=submit]")


def test_a_proposal_through_its_steps_in_the_browser_and_on_a_phone(live, page):
    base, bot, wechat = live
    for staff_no, user in (("1003", "o-lina"), ("1006", "o-yanglei"), ("1009", "o-zhouting")):
        bot.store.bindings.bind("wechat", user, bot.store.members.by_staff_no(staff_no).id)
    reply = wechat.say("o-lina", "实名提案：增设教职工子女课后托管班，解决双职工子女放学后无人照看的问题")
    ticket = re.search(r"编号 ([A-Z0-9]{6})", reply).group(1)
    release(bot.store)
    assert "目前共 1 人附议" in wechat.say("o-yanglei", f"附议 {ticket}")
    assert "目前共 2 人附议" in wechat.say("o-zhouting", f"附议 {ticket}")

    page.goto(base + "/admin/login")
    page.fill("#username", "chair")
    page.fill("#password", PASSWORD)
    go(page, "button[type=submit]")
    page.goto(base + "/admin/suggestions")
    assert "附议 2 人" in page.locator("tr", has_text=ticket).inner_text()
    go(page, f"text={ticket}")
    assert "附议（2 人）" in page.content() and "杨磊" in page.content() and "周婷" in page.content()
    press(page, "立案")
    assert f"提案 {ticket} 已立案" in page.locator(".flash").inner_text()
    page.fill("#department", "总务处")
    page.fill("#due_on", "2026-09-20")
    press(page, "交办")
    assert "已交办" in page.content() and "总务处，2026-09-20 前答复" in page.locator(".steps").inner_text()
    page.fill("#answer", "下学期起在教学楼一楼开设托管班，每周一至周四。")
    page.screenshot(path=str(SHOTS / "01-proposal.png"), full_page=True)
    press(page, "答复")
    assert "感谢您的评价（满意）" in wechat.say("o-lina", "满意")
    page.reload()
    assert "<strong>满意</strong>" in page.content()
    steps = page.locator(".steps li").all_inner_texts()
    assert [re.match(r"(\d{4}-\d{2}-\d{2})\s*(..)", s).groups() for s in steps] == [
        ("2026-09-01", "征集"), ("2026-09-01", "立案"), ("2026-09-01", "交办"), ("2026-09-01", "答复")]

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # nothing sticks out sideways on a phone
    assert page.locator("form:has(input[name=action][value=落实]) button").is_visible()
    page.screenshot(path=str(SHOTS / "02-proposal-phone.png"), full_page=True)
    assert (SHOTS / "02-proposal-phone.png").stat().st_size > 10_000
