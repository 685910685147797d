"""The term report (issue 21): term_figures counted exactly over a seeded term, the console page
(numbers, inline SVG, no English on it), the spreadsheet and `python -m bot report`."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from openpyxl import load_workbook

from bot.__main__ import main
from handlers.report.figures import term_figures, term_of
from tests.test_console import admin, app, bot, committee, school, text  # noqa: F401 (fixtures)

TERM = (dt.date(2026, 8, 20), dt.date(2027, 1, 31))


def _activity(store, title):
    return next(a for a in store.activities.all() if a.title == title)


def seed_term(bot) -> None:
    """On the demo school (clock 2026-09-01): sign-ups on two activities, three suggestions answered
    after 2 and 6 days or not at all, three care reports on 09-10, five pushes on 09-01 and one before
    the term."""
    s = bot.store
    member = s.members.by_staff_no
    badminton, reading = _activity(s, "羽毛球联谊赛"), _activity(s, "教师读书会")  # 2 places; 20 places
    for staff_no in ("1005", "1006", "1007"):  # two confirmed, 1007 waitlisted
        s.signups.signup(badminton.id, member(staff_no))
    for staff_no in ("1003", "2002", "1001", "1005"):
        s.signups.signup(reading.id, member(staff_no))
    s.signups.cancel(reading.id, member("1001").id)
    a = s.suggestions.add("建议", "食堂增加晚餐", member("1003").id)
    b = s.suggestions.add("提案", "教师体检增加项目", None)
    s.suggestions.add("投诉", "停车位不够", member("1006").id)
    old = s.suggestions.add("建议", "上学期的建议", None)
    s.db.execute("UPDATE suggestions SET created_on = '2026-06-01' WHERE ticket = ?", (old,))
    bot.clock.advance(days=2)
    s.suggestions.update(a, status="已答复", reply="已与食堂商定")
    bot.clock.advance(days=4)
    for action, fields in (("立案", {}), ("交办", {"department": "校医室", "due_on": "2026-09-30"}),
                           ("答复", {"note": "已增加"}), ("落实", {"note": "已增加"}), ("办结", {})):
        s.proposals.advance(b, action, **fields)  # a proposal moves by its steps only
    bot.clock.set("2026-09-10 10:00")
    ids = [s.care.add(member("1003").id, "王老师", "住院", "生病住院", "昨天"),
           s.care.add(member("1003").id, "李老师", "手术", "生病住院", "不清楚"),
           s.care.add(member("1006").id, "周婷（本人）", "下月结婚", "结婚", "下个月")]
    s.care.mark_visited(ids[0], "已探望", "chair")
    bot.clock.set("2026-09-01 09:05")  # back, so the console's logged-in sessions stay fresh
    for i, (kind, status, reason) in enumerate([("greeting", "sent", ""), ("greeting", "sent", ""),
                                                ("greeting", "skipped", "未绑定"),
                                                ("announcement", "failed", "接口错误"),
                                                ("care", "skipped", "wecom 未配置推送")]):
        s.outbox.enqueue(kind, member("1003").id, "文本", dedup_key=f"t{i}", status=status, reason=reason)
    s.outbox.enqueue("greeting", member("1003").id, "文本", dedup_key="old", send_on=dt.date(2026, 7, 1),
                     status="sent")


def test_terms_run_from_august_20_to_january_31_and_february_1_to_august_19():
    assert term_of(dt.date(2026, 9, 1)) == TERM
    assert term_of(dt.date(2027, 1, 31)) == TERM
    assert term_of(dt.date(2026, 8, 20)) == TERM
    assert term_of(dt.date(2026, 8, 19)) == (dt.date(2026, 2, 1), dt.date(2026, 8, 19))
    assert term_of(dt.date(2027, 2, 1)) == (dt.date(2027, 2, 1), dt.date(2027, 8, 19))


def test_term_figures_count_the_whole_term_exactly(school):
    seed_term(school)
    f = term_figures(school.store, *TERM)
    assert f["period"] == {"from": "2026-08-20", "to": "2027-01-31", "name": "2026年秋季学期"}
    a = f["activities"]
    assert a["held"] == 9 and a["upcoming"] == 9 and a["total"] == {"confirmed": 5, "waitlisted": 1, "cancelled": 1}
    by_title = {r["title"]: r for r in a["list"]}
    assert {k: by_title["羽毛球联谊赛"][k] for k in ("confirmed", "waitlisted", "cancelled")} == \
        {"confirmed": 2, "waitlisted": 1, "cancelled": 0}
    assert {k: by_title["教师读书会"][k] for k in ("confirmed", "waitlisted", "cancelled")} == \
        {"confirmed": 3, "waitlisted": 0, "cancelled": 1}
    p = f["participation"]
    assert (p["participants"], p["members"]) == (4, 38)  # 1005 in two activities counts once; 离职 left out
    assert p["women"] == {"label": "女教职工", "members": 19, "participants": 3, "share": 15.8}
    assert p["retired"] == {"label": "退休教职工", "members": 8, "participants": 1, "share": 12.5}
    groups = {g["label"]: g["participants"] for g in p["by_group"]}
    assert groups == {"体艺组": 0, "数学组": 0, "理化生组": 1, "英语组": 1, "行政后勤组": 0, "语文组": 1, "退休组": 1}
    s = f["suggestions"]
    assert s["total"] == 3 and s["by_kind"] == {"建议": 1, "提案": 1, "投诉": 1}
    assert s["by_status"] == {"已收到": 1, "已立案": 0, "不予立案": 0, "转为建议": 0, "已交办": 0, "已答复": 1,
                              "已落实": 0, "已办结": 1}
    assert s["by_kind_status"]["提案"]["已办结"] == 1
    assert (s["answered"], s["answered_share"], s["median_days_to_reply"]) == (2, 66.7, 4)
    c = f["care"]
    assert (c["total"], c["visited"]) == (3, 1)
    assert c["by_kind"]["生病住院"] == {"reported": 2, "visited": 1}
    assert c["by_kind"]["结婚"] == {"reported": 1, "visited": 0}
    o = f["pushes"]
    assert o["total"] == 5 and o["by_status"] == {"sent": 2, "skipped": 2, "failed": 1, "pending": 0}
    assert o["by_kind"]["节日/生日祝福"] == {"sent": 2, "skipped": 1, "failed": 0, "pending": 0}
    assert o["by_kind"]["活动通知"]["failed"] == 1
    assert o["skip_reasons"] == {"企业微信 未配置推送": 1, "未绑定": 1}


def test_a_shorter_period_counts_only_its_days(school):
    seed_term(school)
    f = term_figures(school.store, dt.date(2026, 9, 1), dt.date(2026, 9, 5))
    assert [r["title"] for r in f["activities"]["list"]] == ["羽毛球联谊赛"]
    assert f["participation"]["participants"] == 2 and f["care"]["total"] == 0
    assert f["suggestions"]["total"] == 3 and f["pushes"]["total"] == 5
    assert f["period"]["name"] == "2026-09-01 至 2026-09-05"


# the page's own words are Chinese: ASCII letters only in what people typed (titles) and the numbers
ALLOWED = re.compile(r"卡拉OK")


def _main_text(page: str) -> str:
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<style.*?</style>", "", body, flags=re.S)
    return ALLOWED.sub("", re.sub(r"<[^>]+>", " ", body))


def test_the_report_page_shows_the_figures_with_charts_for_admin_and_committee(admin, committee, school):
    seed_term(school)
    for client in (admin, committee):
        page = text(client.get("/admin/report"))
        assert "学期报告：2026年秋季学期" in page and 'href="/admin/report"' in page
        assert page.count("<svg") == 5 and "<script" not in page and "羽毛球联谊赛 候补：1</title>" in page
        assert "期间举办活动 <b>9</b> 项" in page and "报名成功 <b>5</b> 人次" in page
        assert "答复率 66.7%" in page and "中位数为 <b>4</b> 天" in page
        assert "已探望慰问 <b>1</b> 件" in page and "企业微信 未配置推送 1 条" in page
        leftover = re.findall(r"[A-Za-z]+", _main_text(page))
        assert leftover == [], leftover
    page = text(admin.get("/admin/report?from=2026-09-01&to=2026-09-05"))
    assert "2026-09-01 至 2026-09-05" in page and "期间举办活动 <b>1</b> 项" in page
    assert "<h1>学期报告：2026年秋季学期" in text(admin.get("/admin/report?from=garbage"))


def test_the_report_exports_a_spreadsheet_with_a_title_row_per_section(admin, school):
    seed_term(school)
    resp = admin.get("/admin/report.xlsx?from=2026-08-20&to=2027-01-31")
    assert resp.status_code == 200 and "spreadsheetml" in resp.mimetype
    book = load_workbook(io.BytesIO(resp.data))
    assert book.sheetnames == ["活动", "参与", "建议提案", "关怀", "推送"]
    for sheet in book.worksheets:
        assert "2026-08-20 至 2027-01-31" in sheet["A1"].value
    rows = list(book["活动"].iter_rows(values_only=True))
    assert rows[1] == ("日期", "活动", "已报名", "候补", "已取消", "人数（含家属）", "签到", "状态")
    assert rows[2] == ("2026-09-04", "羽毛球联谊赛", 2, 1, 0, 2, None, "尚未举行")
    assert rows[-1][:5] == ("合计", "9 项活动", 5, 1, 1)


def test_the_cli_prints_the_figures_as_json_and_writes_the_spreadsheet(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", str(tmp_path / "cli.db"))
    out = tmp_path / "report.xlsx"
    code = main(["report", "--from", "2026-09-01", "--to", "2026-09-30", "--xlsx", str(out),
                 "--config", "config.demo.toml"])
    assert code == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["period"]["from"] == "2026-09-01" and figures["activities"]["held"] == 0
    assert load_workbook(out).sheetnames[0] == "活动"
    with pytest.raises(SystemExit, match="YYYY-MM-DD"):
        main(["report", "--from", "2026/09/01", "--config", "config.demo.toml"])


def test_the_report_counts_people_with_companions_and_who_came(bot, school, admin):
    """Sign-ups count people (a teacher with her husband is two), and an activity already held shows
    how many checked in (签到): the 工作总结's "参加人数" and "到场率"."""
    s = bot.store
    reading = _activity(s, "教师读书会")  # 2026-09-06 16:30, 20 places
    s.db.execute("UPDATE activities SET allow_companions = 1, max_companions = 2 WHERE id = ?", (reading.id,))
    member = s.members.by_staff_no
    s.signups.signup(reading.id, member("1003"), 2)
    s.signups.signup(reading.id, member("1005"))
    s.signups.signup(reading.id, member("1006"))
    bot.clock.set("2026-09-06 16:40")
    came = [r for r in s.signups.for_activity(reading.id) if r["staff_no"] in ("1003", "1005")]
    for row in came:
        s.signups.check_in(row["id"])
    bot.clock.set("2026-09-20 10:00")
    f = term_figures(s, *TERM)["activities"]
    row = next(r for r in f["list"] if r["title"] == "教师读书会")
    assert (row["confirmed"], row["people"], row["attended"]) == (3, 4, 3)
    assert (f["people"], f["attended"], f["attendance_share"]) == (4, 3, 75.0)
    from tests.test_console import login

    assert login(admin).status_code == 302  # two weeks later: a new session
    page = text(admin.get("/admin/report"))
    words = re.sub(r"<[^>]+>", "", page)
    assert "连家属共 4 人" in words and "已举行的活动签到 3 人，到场率 75.0%" in words

