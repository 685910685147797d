"""A chair runs an activity's sign-up list in a real browser (headless Chromium, as in
tests/test_console_browser.py): a teacher signs up "+1 家属" in WeChat, the chair adds a walk-in and a
member, marks attendance, removes someone after the confirmation page, exports the sheet to print
and reads it back; then the page at phone width (390 px). Screenshots go where the console's browser
tests save theirs (tests/output/console/), named signups-*.png."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.test_console_browser import SHOTS, browser_page, go, live_server

PASSWORD = "weiyuan-pass-2026"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("signups"), "wei", "工会委员", PASSWORD, "1001") as served:
        yield served


@pytest.fixture(scope="module")
def page(live):
    yield from browser_page(SHOTS, "signups-*.png")


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"signups-{name}.png"), full_page=True)


def test_a_chair_runs_the_sign_up_list(live, page, tmp_path):
    base, bot, wechat = live
    activity = bot.store.activities.add("中秋亲子游园", "2026-09-20 09:00", "植物园", 4, kind="出游",
                                        ends_at="2026-09-20 11:30", allow_companions=True, max_companions=2)
    bot.store.bindings.bind("wechat", "o-lina", bot.store.members.by_staff_no("1003").id)
    assert wechat.say("o-lina", "报名中秋亲子游园 +1 家属").startswith("确认报名「中秋亲子游园」（共 2 人）吗？")
    assert wechat.say("o-lina", "是").startswith("报名成功！")

    page.goto(base + f"/admin/activities/{activity.id}")
    page.fill("#username", "wei")
    page.fill("#password", PASSWORD)
    go(page, "button[type=submit]")
    assert "李娜" in page.locator("#signups").inner_text()

    page.fill("#guest_name", "王大爷")  # a walk-in: not in the roster
    go(page, "text=添加现场报名")
    assert "王大爷（现场报名）已加入报名名单" in page.content()
    page.fill("#q", "周婷")
    go(page, "#q", press="Enter")
    go(page, "text=添加周婷")
    assert "周婷（1009）已加入报名名单，已通知本人。" in page.content()
    assert bot.store.activities.confirmed_count(activity.id) == 4

    page.check("input[aria-label=王大爷到场]")
    go(page, "text=保存签到")
    assert "已保存签到（1 处改动）" in page.content() and "已签到 1 份" in page.content()
    go(page, "text=全部到场")
    assert "已将 2 位标记为到场" in page.content()

    with page.expect_navigation():
        page.locator("#signups tr", has_text="周婷").locator("text=移出").click()
    assert "确定把周婷移出「中秋亲子游园」的报名名单吗？" in page.content()
    shot(page, "remove-confirm")
    go(page, "text=确定移出")
    assert "已将周婷移出名单" in page.content()

    with page.expect_download() as download:
        page.click("text=Excel")
    path = tmp_path / "sheet.xlsx"
    download.value.save_as(path)
    sheet = list(load_workbook(path)["报名名单"].values)
    assert sheet[0][0] == "中秋亲子游园" and sheet[2][-1] == "签名"
    assert [(r[2], r[4], r[5]) for r in sheet[3:]] == [("李娜", 2, "✓"), ("王大爷", 1, "✓")]
    shot(page, "activity")

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(base + f"/admin/activities/{activity.id}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # the table scrolls inside itself, the page does not
    shot(page, "activity-phone")
    assert (SHOTS / "signups-activity-phone.png").stat().st_size > 10_000
