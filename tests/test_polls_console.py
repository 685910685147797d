"""The polls' console pages: create, open, close, the result with its receipts; no tally before closing."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import re

from tests.conftest import as_member
from tests.test_console import admin, app, bot, committee, post, school, text  # noqa: F401 (fixtures)


def test_a_poll_made_and_closed_in_the_console(committee, school):
    resp = post(committee, "/admin/polls/new", {"title": "教代会表决：食堂承包方案", "questions": "是否同意食堂承包方案",
                                                "preset": "approval", "closes": "2026-09-02 17:00", "min_turnout": "3"})
    assert resp.status_code == 200 and "只显示这一次" in text(resp)  # the 计票密钥, shown once
    key = re.search(r"<code>([A-Z2-7-]+)</code>", text(resp)).group(1)
    poll = school.store.polls.list()[0]
    assert poll["questions"] == [{"text": "是否同意食堂承包方案", "options": ["赞成", "反对", "弃权"]}]
    assert school.store.audit.recent()[0]["action"] == "新建投票"
    receipts = []
    for staff_no, answer in (("1003", "1"), ("1006", "1"), ("1009", "2")):
        chat = as_member(school, staff_no)
        chat.say("投票")
        chat.say(answer)
        receipts.append(chat.say("确认").split("收据码：")[1][:8])
    page = text(committee.get(f"/admin/polls/{poll['id']}"))
    assert "已投票 3 人" in page and "投票结束前不计票" in page and receipts[0] not in page
    assert post(committee, f"/admin/polls/{poll['id']}/close").status_code == 302
    assert "实投" not in text(committee.get(f"/admin/polls/{poll['id']}"))  # closed, not counted
    assert post(committee, f"/admin/polls/{poll['id']}/count", {"counting_key": key}).status_code == 302
    page = text(committee.get(f"/admin/polls/{poll['id']}"))
    assert "实投 3 人" in page and all(r in page for r in receipts)
    assert "<td>2</td><td>1</td><td>0</td>" in page
    assert "教代会表决：食堂承包方案" in text(committee.get("/admin/polls"))


def test_a_bad_poll_form_is_refused_with_the_reason(admin, school):
    resp = post(admin, "/admin/polls/new", {"title": "测评", "questions": "对张伟的测评", "preset": "rating",
                                            "closes": "明天"})
    assert resp.status_code == 400 and "年-月-日 时:分" in text(resp)
    resp = post(admin, "/admin/polls/new", {"title": "测评", "questions": "对张伟的测评", "preset": "rating",
                                            "closes": "2026-09-02 17:00", "audience": "nobody"})
    assert resp.status_code == 400 and "未知的投票范围" in text(resp)
    assert school.store.polls.list() == []
