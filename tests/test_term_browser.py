"""The chair's whole term in a real browser (headless Chromium, as tests/test_console_browser.py), on
a phone's width (390 px), with a frozen clock and a school that starts empty:

the 管理员 downloads the roster template, fills it with openpyxl (a woman, a retired teacher, a 农历
birthday and a row with a mistake), imports it, reads the error, fixes the row and imports again, and
makes a 工会委员 account; the 工会委员 creates two activities (one for women only), teachers sign up
in WeChat, she adds a walk-in and a member, the clock moves past the events, she marks attendance
(签到), downloads the sheet to print and reads it back, answers and publishes (公示) a suggestion
filed in WeChat; the 管理员 opens the term report and finds in the page's text the figures of what
happened here. Every page the walk visits is screenshotted under tests/output/term/ as NN-name.png
and checked for English words (the allow-list of tests/test_console_plain.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import release
from tests.test_console_browser import browser_page, go, live_server
from tests.test_console_plain import foreign_words

SHOTS = Path(__file__).parent / "output" / "term"
CHAIR_PW, WEI_PW = "chair-pass-2026", "weiyuan-pass-2026"
ACCOUNTS = {"chair", "wei"}  # account names shown in the header: data, not English
shots: list[str] = []


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("term"), "chair", "管理员", CHAIR_PW, "", seed=False) as served:
        yield served


@pytest.fixture(scope="module")
def page(live):
    for p in browser_page(SHOTS):
        p.set_viewport_size({"width": 390, "height": 844})  # the whole walk on a phone
        yield p


def shot(page, name: str) -> None:
    """A numbered full-page screenshot; the page neither scrolls sideways nor shows English words."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, (name, width)  # tables scroll inside themselves, the page does not
    assert not foreign_words(page.content(), ACCOUNTS), (name, foreign_words(page.content(), ACCOUNTS))
    path = SHOTS / f"{len(shots) + 1:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shots.append(path.name)


def log_in(page, base: str, username: str, password: str, path: str, screenshot: bool = False) -> None:
    page.goto(base + path)
    if screenshot:
        shot(page, "login")
    page.fill("#username", username)
    page.fill("#password", password)
    go(page, "button[type=submit]")
    assert page.url == base + path


def download(page, selector: str, path: Path) -> Path:
    with page.expect_download() as started:
        page.click(selector)
    started.value.save_as(path)
    return path


def flash(page) -> str:
    return " ".join(page.locator(".flash").all_inner_texts())


def test_the_chairs_term_from_an_empty_roster_to_the_term_report(live, page, tmp_path):
    base, bot, wechat = live
    clock, s = bot.clock, bot.store

    # ---- 管理员: the roster from the template, a mistake fixed ------------------------------------
    log_in(page, base, "chair", CHAIR_PW, "/admin/members/import", screenshot=True)
    shot(page, "import")
    filled = download(page, "#template", tmp_path / "名册.xlsx")
    wb = load_workbook(filled)
    ws = wb.worksheets[0]
    ws.append(["7001", "赵敏", "女", "1985-03-12", "公历", "否", "13800007001", "语文组", "在职", "会员", "否"])
    ws.append(["7002", "钱进", "男", "1958-06-01", "公历", "否", "13800007002", "退休组", "退休", "会员", "否"])
    ws.append(["7003", "孙悦", "女", "1990-08-15", "农历", "否", "13800007003", "数学组", "在职", "会员", "否"])
    ws.append(["7004", "李强", "男的", "1988-10-10", "公历", "否", "13800007004", "数学组", "在职", "会员", "否"])
    ws.append(["7005", "周明", "男", dt.date(1992, 1, 20), "公历", "否", "13800007005", "数学组", "在职", "会员", "否"])
    wb.save(filled)
    page.set_input_files("#file", str(filled))
    go(page, "text=上传并预览")
    errors = page.locator(".errors").inner_text()
    assert "第 6 行" in errors and "性别“男的”无效" in errors and "没有导入任何数据" in page.content()
    assert s.members.count() == 0
    shot(page, "import-error")
    ws["C6"] = "男"  # the row the page named
    wb.save(filled)
    page.set_input_files("#file", str(filled))
    go(page, "text=上传并预览")
    preview = page.locator("#preview").inner_text()
    assert "新增 5 人" in page.content() and "农历 1990 年八月十五" in preview and "退休" in preview
    shot(page, "import-preview")
    go(page, "text=确认导入")
    assert "导入完成：新增 5 人" in page.content() and s.members.count() == 5
    shot(page, "import-done")

    page.goto(base + "/admin/users")  # the 工会委员's account: new accounts start as 查看
    page.fill("#username", "wei")
    page.fill("#password", WEI_PW)
    page.select_option("#role", "工会委员")
    go(page, "form:has(#staff_no) button[type=submit]")
    assert "已创建账号 wei（工会委员）" in flash(page)
    assert "会员页只显示手机号是否已登记、不显示出生年份，不能解除绑定" in page.locator("main").inner_text()
    shot(page, "users")
    go(page, "header button:has-text('退出')")

    # ---- 工会委员: two activities, sign-ups in WeChat and in the console ---------------------------
    log_in(page, base, "wei", WEI_PW, "/admin/activities/new")
    activity_ids = {}
    for title, starts, ends, capacity, audience in (
            ("教工羽毛球赛", "2026-09-10T15:00", "2026-09-10T17:00", "4", "all"),
            ("女教工插花沙龙", "2026-09-12T14:00", "2026-09-12T16:00", "10", "female")):
        page.goto(base + "/admin/activities/new")
        page.fill("#title", title)
        page.fill("#starts_at", starts)
        page.fill("#ends_at", ends)
        page.fill("#place", "体育馆" if audience == "all" else "工会活动室")
        page.fill("#capacity", capacity)
        page.select_option("#audience", audience)
        if not activity_ids:
            shot(page, "activity-new")
        go(page, "text=创建")
        assert f"已创建活动「{title}」" in flash(page)
        activity_ids[title] = int(re.search(r"/activities/(\d+)$", page.url).group(1))
    badminton, flowers = activity_ids["教工羽毛球赛"], activity_ids["女教工插花沙龙"]
    assert s.activities.get(flowers).audience == "female"

    for staff_no, user in (("7001", "o-zhaomin"), ("7002", "o-qianjin"), ("7003", "o-sunyue"),
                           ("7004", "o-liqiang"), ("7005", "o-zhouming")):
        s.bindings.bind("wechat", user, s.members.by_staff_no(staff_no).id)
    for user in ("o-zhaomin", "o-qianjin", "o-zhouming"):
        assert wechat.say(user, "报名教工羽毛球赛").startswith("确认报名「教工羽毛球赛」")
        assert wechat.say(user, "是").startswith("报名成功！")
    assert wechat.say("o-zhaomin", "报名女教工插花沙龙").startswith("确认报名「女教工插花沙龙」")
    assert wechat.say("o-zhaomin", "是").startswith("报名成功！")

    page.goto(base + f"/admin/activities/{badminton}")
    page.fill("#guest_name", "王大爷")  # a walk-in, not in the roster: the fourth and last place
    go(page, "text=添加现场报名")
    assert "王大爷（现场报名）已加入报名名单" in page.content()
    assert wechat.say("o-liqiang", "报名教工羽毛球赛").startswith("确认报名「教工羽毛球赛」")
    assert "候补" in wechat.say("o-liqiang", "是")  # full: 李强 waits
    page.reload()
    assert "已报名 4 份，共 4 人（名额 4，剩余 0） · 候补 1 份" in page.locator("main").inner_text()
    shot(page, "activity-walk-in")
    page.goto(base + f"/admin/activities/{flowers}")
    page.fill("#q", "孙悦")
    go(page, "#q", press="Enter")
    go(page, "text=添加孙悦")
    assert "孙悦（7003）已加入报名名单，已通知本人。" in page.content()
    assert "女教职工" in page.locator("main p").first.inner_text()
    shot(page, "activity-women-only")

    # ---- a suggestion filed in WeChat, released that night ----------------------------------------
    reply = wechat.say("o-zhouming", "实名建议：食堂晚餐增加面食窗口")
    ticket = re.search(r"编号 ([A-Z0-9]{6})", reply).group(1)
    assert "匿名" in wechat.say("o-sunyue", "匿名建议：教师休息室添置微波炉")
    release(s)

    # ---- after the events: 签到, the sheet to print, the suggestion answered and published ----------
    clock.set("2026-09-13 09:00")  # twelve days later: the session has ended, she logs in again
    log_in(page, base, "wei", WEI_PW, f"/admin/activities/{badminton}")
    for name in ("赵敏", "钱进", "王大爷"):  # 周明 did not come
        page.check(f"input[aria-label={name}到场]")
    go(page, "text=保存签到")
    assert "已保存签到（3 处改动）" in page.content() and "已签到 3 份" in page.content()
    assert "活动已经开始或已举行，不能再截止报名或取消。" in page.content() and "取消活动并通知报名者" not in page.content()
    shot(page, "activity-attendance")
    book = load_workbook(download(page, "text=Excel", tmp_path / "报名表.xlsx"))
    rows = list(book["报名名单"].values)
    assert rows[0][0] == "教工羽毛球赛" and "体育馆" in rows[1][0]
    assert list(rows[2]) == ["序号", "工号", "姓名", "工会小组", "人数", "签到", "签名"]
    assert [(r[2], r[5], r[6]) for r in rows[3:] if r[0]] == [
        ("赵敏", "✓", None), ("钱进", "✓", None), ("周明", None, None), ("王大爷", "✓", None)]
    waiting = [r for r in list(book["候补名单"].values)[3:] if r[0]]
    assert [(r[0], r[2]) for r in waiting] == [(1, "李强")]

    page.goto(base + f"/admin/activities/{flowers}")
    go(page, "text=全部到场")
    assert "已将 2 位标记为到场" in page.content() and "已签到 2 份" in page.content()
    shot(page, "activity-women-attendance")

    page.goto(base + "/admin/suggestions")
    shot(page, "suggestions")
    go(page, f"text={ticket}")
    page.fill("#reply", "下月起食堂晚餐增设面食窗口。")
    page.select_option("#status", "已答复")
    page.check("input[name=public]")
    go(page, "main button[type=submit]")
    assert "已公示" in page.content() and "下月起食堂晚餐增设面食窗口" in page.content()
    shot(page, "suggestion-answered")
    page.goto(base + "/admin/suggestions/public")
    assert "下月起食堂晚餐增设面食窗口" in page.locator("main").inner_text()
    shot(page, "suggestions-public")
    go(page, "header button:has-text('退出')")

    # ---- 管理员: the term report, its figures read off the page -----------------------------------
    log_in(page, base, "chair", CHAIR_PW, "/admin/report")
    text = page.locator("main").inner_text()
    assert "学期报告：2026年秋季学期" in text
    words = re.sub(r"\s+", "", text)
    # two activities held; 赵敏, 钱进, 周明, 王大爷 + 赵敏, 孙悦 confirmed; 李强 waits; 5 of 6 came
    assert "期间举办活动2项，报名成功6人次（连家属共6人），候补1人次，取消报名0人次；已举行的活动签到5人，到场率83.3%。" in words
    # four of the five members took part; both women and the one retired teacher
    assert "期间共有4名会员至少参加一项活动（报名成功），占会员5人的80.0%；女教职工2人（共2人），退休教职工1人（共1人）。" in words
    # two suggestions received, one answered, twelve days after it was filed
    assert "期间收到2件（建议2件，提案0件，投诉0件），已答复或已办结1件，答复率50.0%；从提交到答复用时的中位数为12天。" in words
    table = page.locator("table").first.inner_text()
    assert re.search(r"教工羽毛球赛\s+4\s+1\s+0\s+4\s+3", table) and re.search(r"女教工插花沙龙\s+2\s+0\s+0\s+2\s+2", table)
    shot(page, "report")
    assert len(shots) == 15 and all((SHOTS / name).stat().st_size > 10_000 for name in shots)
