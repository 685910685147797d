"""The chair's roster work in a real browser (headless Chromium, as tests/test_console_browser.py):
download the template from the import page, fill it with openpyxl, import, fix the row the page
names, import again; filter the unbound; 办理离职; print binding codes. Phone-width (390 px)
screenshots of the import page and the member list are saved under tests/output/roster/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests import test_console_browser as browser_tests
from tests.test_console_browser import PASSWORD, browser_page, go

SHOTS = Path(__file__).parent / "output" / "roster"
PHONE = {"width": 390, "height": 844}
live = browser_tests.live  # the app on a real socket, with the demo school and the chair's account


@pytest.fixture(scope="module")
def page(live):
    yield from browser_page(SHOTS)


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fits_a_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # tables scroll inside themselves, the page does not


def test_1_template_import_fix_and_import_again(live, page, tmp_path):
    base, bot, _ = live
    page.goto(base + "/admin/members/import")
    page.fill("#username", "chair")
    page.fill("#password", PASSWORD)
    go(page, "button[type=submit]")
    assert page.url == base + "/admin/members/import"
    columns = page.locator("#columns").inner_text()
    assert "在职、退休、离职" in columns and "会员、工会委员、管理员" in columns
    with page.expect_download() as download:
        page.click("#template")
    template = tmp_path / "模板.xlsx"
    download.value.save_as(template)
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]][:3] == ["工号", "姓名", "性别"] and ws["A2"].value == "示例"
    assert {dv.formula1 for dv in ws.data_validations.dataValidation} >= {'"男,女"', '"在职,退休,离职"'}
    ws.append(["6001", "诸葛青", "女", "1979-08-15", "农历", "否", "13800006001", "语文组", "在职", "会员", "否"])
    ws.append(["6002", "慕容白", "男的", dt.date(1990, 2, 3), "公历", "否", "13800006002", "数学组", "在职", "会员", "否"])
    filled = tmp_path / "名册.xlsx"
    wb.save(filled)
    page.set_input_files("#file", str(filled))
    go(page, "text=上传并预览")
    errors = page.locator(".errors").inner_text()
    assert "第 4 行" in errors and "性别“男的”无效" in errors and "没有导入任何数据" in page.content()
    assert bot.store.members.by_staff_no("6001") is None
    page.set_viewport_size(PHONE)
    fits_a_phone(page)
    shot(page, "import-error-phone")
    page.set_viewport_size({"width": 1200, "height": 900})
    ws["C4"] = "男"  # the row the page named, fixed
    wb.save(filled)
    page.set_input_files("#file", str(filled))
    go(page, "text=上传并预览")
    preview = page.locator("#preview").inner_text()
    assert "新增 2 人" in page.content() and "农历 1979 年八月十五" in preview and "公历 1990-02-03" in preview
    page.set_viewport_size(PHONE)
    fits_a_phone(page)
    shot(page, "import-preview-phone")
    go(page, "text=确认导入")
    assert "导入完成：新增 2 人" in page.content()
    assert bot.store.members.by_staff_no("6002").gender == "男"
    page.set_viewport_size({"width": 1200, "height": 900})


def test_2_the_unbound_filter_and_the_member_list_on_a_phone(live, page):
    base, _, _ = live
    page.goto(base + "/admin/members")
    page.select_option("#bound", "no")
    go(page, "text=查找")
    listed = page.locator("table").inner_text()
    assert "诸葛青" in listed and "慕容白" in listed and "张伟" not in listed
    assert re.search(r"会员名册（3 人，共 \d+ 人）", page.content())  # the two new, and 钱多多 who left
    page.set_viewport_size(PHONE)
    fits_a_phone(page)
    shot(page, "members-unbound-phone")
    page.set_viewport_size({"width": 1200, "height": 900})


def test_3_leaving_asks_first(live, page):
    base, bot, _ = live
    page.goto(base + "/admin/members?q=诸葛青")
    go(page, "text=诸葛青")
    go(page, "text=办理离职")
    assert "确认后" in page.content()
    shot(page, "member-leave-confirm")
    go(page, "text=确认办理离职")
    assert "已为 诸葛青 办理离职" in page.content()
    assert bot.store.members.by_staff_no("6001").status == "离职"


def test_4_binding_codes_print_without_javascript(live, page):
    base, _, wechat = live
    page.goto(base + "/admin/members/codes")
    assert "慕容白" in page.locator("#codes").inner_text() and "诸葛青" not in page.content()  # she left
    page.select_option("#days", "14")
    go(page, "text=生成并打印")
    code = page.locator(".slip .code").first.inner_text()
    assert re.fullmatch(r"[0-9A-Z]{8}", code)
    shot(page, "codes-print")
    page.emulate_media(media="print")
    assert not page.locator("header").is_visible() and page.locator(".slip").first.is_visible()
    shot(page, "codes-as-printed")
    page.emulate_media(media="screen")
    assert wechat.say("o-murong", f"绑定码 {code}").startswith("绑定成功！慕容白老师")
    assert len(list(SHOTS.glob("*.png"))) == 6
