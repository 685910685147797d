"""A proposal's console page (提案) through the Flask test client: the next steps as buttons from 征集
to 办结, the 附议 with their names, the proposer's satisfaction, refusals with the reason, and the
overdue flag (frozen clock) in the list, the 公示 page and the term report."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import re

from tests.conftest import as_member
from tests.helpers import release
from tests.test_console import (  # noqa: F401 (fixtures)
    COMMITTEE_PW,
    admin,
    app,
    bot,
    committee,
    login,
    post,
    school,
    text,
)
from tests.test_suggestions import ticket_of


def proposal(school, staff_no: str, words: str) -> str:
    ticket = ticket_of(as_member(school, staff_no).say(words))
    release(school.store)
    return ticket


def buttons(page: str) -> list[str]:
    return re.findall(r'<button type="submit" class="[^"]*">([^<]+)</button>', page)


def step(client, ticket, action, **fields):
    return post(client, f"/admin/suggestions/{ticket}/step", {"action": action, **fields})


def test_a_proposal_taken_through_its_steps_with_buttons(committee, school):
    ticket = proposal(school, "1003", "实名提案：增设教职工子女课后托管班")
    as_member(school, "1006").say(f"附议 {ticket}")
    as_member(school, "1009").say(f"附议 {ticket}")
    page = text(committee.get(f"/admin/suggestions/{ticket}"))
    assert "提案人：李娜（1003）" in page and "当前：<strong>征集</strong>" in page
    assert buttons(page)[:2] == ["立案", "不予立案"]
    assert "附议（2 人）" in page and "杨磊（1006，2026-09-01）" in page and "周婷（1009，2026-09-01）" in page
    assert "附议 2 人" in text(committee.get("/admin/suggestions"))

    assert step(committee, ticket, "立案").status_code == 302
    page = text(committee.get(f"/admin/suggestions/{ticket}"))
    assert "已立案" in page and buttons(page)[0] == "交办"
    # a missing field is refused with the reason, and nothing moves
    resp = step(committee, ticket, "交办", department="总务处", due_on="下周")
    assert resp.status_code == 400 and "办理期限应为日期" in text(resp)
    resp = step(committee, ticket, "答复", note="提前答复")
    assert resp.status_code == 400 and "不能答复（可以：交办）" in text(resp)
    assert step(committee, ticket, "开会").status_code == 400
    assert school.store.suggestions.by_ticket(ticket)["status"] == "已立案"
    assert step(committee, ticket, "交办", department="总务处", due_on="2026-09-20").status_code == 302
    assert step(committee, ticket, "答复", note="下学期起开设托管班。").status_code == 302
    assert as_member(school, "1003").say("满意") == "感谢您的评价（满意），已记录。"
    page = text(committee.get(f"/admin/suggestions/{ticket}"))
    assert "提案人评价" in page and "<strong>满意</strong>" in page and buttons(page)[0] == "落实"
    assert step(committee, ticket, "落实", note="已开班。").status_code == 302
    assert step(committee, ticket, "办结").status_code == 302
    page = text(committee.get(f"/admin/suggestions/{ticket}"))
    plain = re.sub(r"<[^>]+>", "", page)
    for line in ("2026-09-01征集", "2026-09-01立案", "2026-09-01交办：总务处，2026-09-20 前答复",
                 "2026-09-01答复：下学期起开设托管班。", "2026-09-01落实：已开班。", "2026-09-01办结"):
        assert line in plain, line
    assert not re.search(r"\d{1,2}:\d{2}", page.split("办理进展")[1].split("附议")[0])  # dates only
    assert [e["action"] for e in school.store.audit.recent()[:5]] == ["提案办结", "提案落实", "提案答复", "提案交办",
                                                                      "提案立案"]
    kinds = [r["kind"] for r in school.store.outbox.list()]
    assert kinds.count("proposal_step") == 5
    # the generic form does not take a proposal around its steps
    resp = post(committee, f"/admin/suggestions/{ticket}", {"status": "已收到", "reply": "x"})
    assert resp.status_code == 400 and "提案请按步骤办理" in text(resp)


def test_an_anonymous_proposal_page_names_nobody_and_a_refusal_can_become_a_suggestion(admin, school):
    ticket = proposal(school, "1003", "匿名提案：取消周六补课")
    page = text(admin.get(f"/admin/suggestions/{ticket}"))
    assert "提案人：匿名" in page and "李娜" not in page and "匿名提案不能附议" in page
    resp = step(admin, ticket, "不予立案", note="")
    assert resp.status_code == 400 and "请写明不予立案的理由" in text(resp)
    assert step(admin, ticket, "不予立案", note="属学校教学安排，按建议转教务处。", to_suggestion="1").status_code == 302
    row = school.store.suggestions.by_ticket(ticket)
    assert (row["kind"], row["status"]) == ("建议", "转为建议")
    page = text(admin.get(f"/admin/suggestions/{ticket}"))  # now the ordinary suggestion page
    assert '<select id="status" name="status">' in page
    assert not [r for r in school.store.outbox.list() if r["kind"] == "proposal_step"]
    assert admin.get("/admin/suggestions/NOSUCH/step").status_code == 405
    assert step(admin, "NOSUCH", "立案").status_code == 404


def test_overdue_proposals_are_flagged_in_the_console_the_public_list_and_the_report(committee, school):
    late = proposal(school, "1003", "实名提案：教师办公室加装空调")
    ok = proposal(school, "1006", "实名提案：增加羽毛球场开放时间")
    for ticket, due in ((late, "2026-09-05"), (ok, "2026-09-30")):
        step(committee, ticket, "立案")
        step(committee, ticket, "交办", department="总务处", due_on=due)
        post(committee, f"/admin/suggestions/{ticket}/public", {"public": "1"})
    listing = text(committee.get("/admin/suggestions"))
    assert "已逾期" not in listing
    school.clock.set("2026-09-06 09:00")
    login(committee, "wei", COMMITTEE_PW)  # the session has been idle for days
    listing = text(committee.get("/admin/suggestions"))
    row = re.search(rf"<tr><td><a[^>]*>{late}</a>.*?</tr>", listing, re.S).group(0)
    assert "已逾期" in row and "已逾期" not in re.search(rf"<tr><td><a[^>]*>{ok}</a>.*?</tr>", listing, re.S).group(0)
    assert "已逾期：总务处应于 2026-09-05 前答复" in text(committee.get(f"/admin/suggestions/{late}"))
    public = text(committee.get("/admin/suggestions/public"))
    assert "教代会提案办理情况：交办 2 件" in public and "逾期未答复 1 件：" in public and late in public
    report = text(committee.get("/admin/report"))
    assert "提案 <b>2</b> 件：交办 2 件" in report and f"逾期未答复 1 件：</b>{late}" in report
    step(committee, late, "答复", note="十月前安装。")
    assert "已逾期" not in text(committee.get("/admin/suggestions"))
    assert "逾期未答复" not in text(committee.get("/admin/report"))
