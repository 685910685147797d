"""A 提案 moves only by its steps (issue 22): the suggestion page's generic status field, the CLI's
`suggestions status` and `suggestions reply --status` cannot close it early or move it around its
steps; 办结 comes only after 落实; 不予立案 is final (only 转为建议, taken with it, makes it a suggestion).
Every refusal says why in Chinese and changes nothing."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import pytest

from tests.test_console import app, bot, committee, post, school, text  # noqa: F401 (fixtures)
from tests.test_proposals import cli_proposal
from tests.test_proposals_console import proposal, step


def state(school, ticket: str) -> tuple:
    store = school.store
    return (store.suggestions.by_ticket(ticket), store.proposals.steps(ticket), len(store.audit.recent()),
            len(store.outbox.list()))


def test_the_generic_status_field_cannot_close_a_proposal_early(committee, school):
    ticket = proposal(school, "1003", "实名提案：教师食堂增加素食窗口")
    before = state(school, ticket)
    for form in ({"status": "已办结"}, {"status": "已答复", "reply": "好的"}, {"status": "已立案", "public": "1"}):
        resp = post(committee, f"/admin/suggestions/{ticket}", form)
        assert resp.status_code == 400, form
        assert "提案请按步骤办理，状态不能直接修改（现在处于“征集”，下一步可以：立案、不予立案）" in text(resp)
        assert state(school, ticket) == before
    assert step(committee, ticket, "立案").status_code == 302
    resp = step(committee, ticket, "办结")  # 办结 only after 落实
    assert resp.status_code == 400 and "提案现在处于“立案”，不能办结（可以：交办）" in text(resp)
    assert school.store.suggestions.by_ticket(ticket)["status"] == "已立案"
    resp = post(committee, f"/admin/suggestions/{ticket}", {"status": "已办结"})
    assert resp.status_code == 400 and "下一步可以：交办" in text(resp)
    assert school.store.suggestions.by_ticket(ticket)["status"] == "已立案"


def test_not_accepted_is_final(committee, school):
    ticket = proposal(school, "1003", "实名提案：周六不安排补课")
    assert step(committee, ticket, "不予立案", note="属教学安排，不属教代会职权").status_code == 302
    before = state(school, ticket)
    assert before[0]["status"] == "不予立案"
    final = "提案已不予立案，这是最终结果，不能再立案、交办、答复、落实或办结"
    for action, fields in (("立案", {}), ("不予立案", {"note": "再次"}), ("办结", {}),
                           ("交办", {"department": "教务处", "due_on": "2026-09-30"})):
        resp = step(committee, ticket, action, **fields)
        assert resp.status_code == 400 and final in text(resp), action
        assert state(school, ticket) == before
    for status in ("已立案", "已办结", "已收到"):
        resp = post(committee, f"/admin/suggestions/{ticket}", {"status": status, "reply": "改一下"})
        assert resp.status_code == 400 and final in text(resp)
        assert state(school, ticket) == before
    page = text(committee.get(f"/admin/suggestions/{ticket}"))
    assert "不予立案" in page and 'name="action" value="立案"' not in page


def test_the_cli_refuses_to_move_a_proposal_around_its_steps(tmp_path, capsys, monkeypatch):
    from bot.__main__ import main

    store, ticket, base = cli_proposal(tmp_path, monkeypatch)
    with pytest.raises(SystemExit, match=f"提案请按步骤办理.*下一步可以：立案、不予立案）；请用 suggestions step {ticket}"):
        main(["suggestions", "status", ticket, "已办结", *base])
    with pytest.raises(SystemExit, match="提案请按步骤办理"):
        main(["suggestions", "reply", ticket, "--text", "好的", "--status", "已答复", *base])
    assert main(["suggestions", "step", ticket, "不予立案", "--note", "不属职权", *base]) == 0
    with pytest.raises(SystemExit, match="提案已不予立案，这是最终结果"):
        main(["suggestions", "step", ticket, "立案", *base])
    with pytest.raises(SystemExit, match="提案已不予立案，这是最终结果"):
        main(["suggestions", "status", ticket, "已办结", *base])
    row = store.suggestions.by_ticket(ticket)
    assert (row["status"], row["reply"]) == ("不予立案", "")
