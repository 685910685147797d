"""Proposals (教代会提案) in chat (issue 22): a signed proposal from 征集 to 办结 with 附议 and the
proposer's satisfaction, an anonymous one followed by its ticket (steps with dates only, the
satisfaction waiting in the scratch file until the day's release), 不予立案 转为建议, and the
overdue flag in the 公示."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.suggestions.proposals import take_step
from storage.proposals import ProposalError
from tests.conftest import as_member
from tests.helpers import Chat, release
from tests.test_suggestions import ticket_of


def submit(bot, staff_no: str, words: str) -> str:
    reply = as_member(bot, staff_no).say(words)
    assert reply.startswith("已收到您的提案"), reply
    return ticket_of(reply)


def pushes(bot, staff_no: str) -> list[str]:
    member = bot.store.members.by_staff_no(staff_no)
    return [r["text"] for r in bot.store.outbox.for_member(member.id) if r["kind"] == "proposal_step"]


def test_a_signed_proposal_from_collection_to_closing_with_seconds_and_satisfaction(school):
    store = school.store
    ticket = submit(school, "1003", "实名提案：增设教职工子女课后托管班")  # 李娜
    # still in the tray: nobody can second it before the day's release
    yang = as_member(school, "1006")
    assert yang.say(f"附议 {ticket}") == f"提案 {ticket} 今晚送达工会后才能附议，请明天再试。"
    release(store)
    school.clock.advance(days=1)
    li = as_member(school, "1003")
    assert li.say(f"附议 {ticket}") == f"提案 {ticket} 是您自己提交的，不需要附议。"
    assert yang.say(f"附议 {ticket.lower()}") == f"已附议提案 {ticket}（增设教职工子女课后托管班）。目前共 1 人附议，感谢您的支持！"
    assert yang.say(f"附议 {ticket}") == f"您已经附议过提案 {ticket} 了，每人一次。"
    assert yang.say("附议") == "请回复“附议 编号”，例如“附议 K7P2Q9”（编号请向提案人询问）。"
    assert Chat(school, "guest").say(f"附议 {ticket}").startswith("这项服务需要先绑定身份")

    take_step(store, ticket, "立案")
    assert pushes(school, "1003")[-1] == f"李娜老师，您的提案（编号 {ticket}）已经立案。同事可回复“附议 {ticket}”附议。"
    assert as_member(school, "1009").say(f"附议 {ticket}").endswith("目前共 2 人附议，感谢您的支持！")  # 周婷

    school.clock.advance(days=1)
    take_step(store, ticket, "交办", department="总务处", due_on="2026-09-20")
    assert pushes(school, "1003")[-1].endswith("已交办：总务处，2026-09-20 前答复。")
    assert as_member(school, "1010").say(f"附议 {ticket}") == (
        f"提案 {ticket} 已进入“交办”阶段，附议只在征集和立案阶段进行。")
    assert li.say("满意") == "您目前没有待评价的提案答复。查询匿名提案请回复“查询建议 编号”。"
    assert li.say(f"满意 {ticket}") == f"提案 {ticket} 还没有答复，答复后再评价。"

    school.clock.advance(days=5)
    take_step(store, ticket, "答复", note="下学期起开设托管班，每周一至周四。")
    told = pushes(school, "1003")[-1]
    assert "有了答复：\n下学期起开设托管班，每周一至周四。" in told and f"“满意 {ticket}”" in told
    # only the proposer answers, and only once
    assert yang.say(f"不满意 {ticket}") == f"没有找到您提交的编号为 {ticket} 的提案，请核对编号。"
    assert li.say("基本满意") == "感谢您的评价（基本满意），已记录。"
    assert li.say(f"满意 {ticket}") == f"提案 {ticket} 已经评价过了（基本满意），每件提案只能评价一次。"
    assert store.suggestions.by_ticket(ticket)["satisfaction"] == "基本满意"

    take_step(store, ticket, "落实", note="已开班，32 名子女参加。")
    take_step(store, ticket, "办结")
    with pytest.raises(ProposalError, match="不能立案"):
        take_step(store, ticket, "立案")
    mine = li.say("我的建议")
    assert mine.splitlines()[:2] == [f"提案 {ticket}（2026-09-01提交）", "状态：已办结"]
    for line in ("2026-09-01 征集", "2026-09-02 立案", "2026-09-03 交办：总务处，2026-09-20 前答复",
                 "2026-09-08 答复：下学期起开设托管班，每周一至周四。", "2026-09-08 落实：已开班，32 名子女参加。",
                 "2026-09-08 办结", "附议：2 人", "您的评价：基本满意"):
        assert line in mine.splitlines(), line
    told = pushes(school, "1003")
    assert len(told) == 5 and [t.split("）", 1)[1][:4] for t in told] == ["已经立案", "已交办：", "有了答复", "落实情况", "已办结。"]


def test_an_anonymous_proposal_is_followed_by_its_ticket_and_rated_there(school):
    store = school.store
    ticket = submit(school, "1003", "匿名提案：推行弹性坐班制度")
    release(store)
    assert as_member(school, "1006").say(f"附议 {ticket}") == f"提案 {ticket} 是匿名提交的，匿名提案不能附议。"
    take_step(store, ticket, "立案")
    take_step(store, ticket, "交办", department="校长办公室", due_on="2026-09-15")
    assert store.outbox.list() == [] or all(r["kind"] != "proposal_step" for r in store.outbox.list())
    # whoever holds the ticket (the proposer) sees the steps, with dates only
    anyone = Chat(school, "u-elsewhere")
    status = anyone.say(f"查询建议 {ticket}")
    assert status.splitlines() == [f"提案 {ticket}（2026-09-01提交）", "状态：已交办", "进展：", "2026-09-01 征集",
                                   "2026-09-01 立案", "2026-09-01 交办：校长办公室，2026-09-15 前答复"]
    take_step(store, ticket, "答复", note="经研究，先在高三年级试行。")
    asked = anyone.say(f"查询建议 {ticket}")
    assert "2026-09-01 答复：经研究，先在高三年级试行。" in asked
    assert asked.endswith("您对答复满意吗？请回复：满意 / 基本满意 / 不满意（只能评价一次；回复“取消”暂不评价）。")
    assert anyone.say("还行吧") == "请回复“满意”“基本满意”或“不满意”；回复“取消”暂不评价。"
    assert anyone.say("不满意") == "感谢您的评价（不满意），已记录，今晚随当天的意见一起送达工会。"
    # the answer waits in the scratch file (no time, no sender) until the day's release
    row = store.suggestions.by_ticket(ticket)
    assert row["satisfaction"] == "" and store.scratch.query("SELECT * FROM verdicts") == [
        {"ticket": ticket, "answer": "不满意", "day": "2026-09-01"}]
    assert store.proposals.release() == 0  # the day is not over
    main_files = b"".join(Path(store.db.path + end).read_bytes() for end in ("", "-wal") if Path(store.db.path + end).exists())
    assert "不满意".encode() not in main_files  # neither the database nor its WAL holds it beside that message
    again = anyone.say(f"查询建议 {ticket}")
    assert "您的评价：不满意" in again and "您对答复满意吗" not in again
    assert anyone.say(f"满意 {ticket}") == f"提案 {ticket} 已经评价过了（不满意），每件提案只能评价一次。"
    school.clock.advance(days=1)
    school.housekeeping()
    assert store.suggestions.by_ticket(ticket)["satisfaction"] == "不满意"
    assert store.scratch.scalar("SELECT count(*) FROM verdicts") == 0
    steps = store.db.query("SELECT on_date FROM proposal_steps WHERE ticket = ?", (ticket,))
    assert steps and all(len(s["on_date"]) == 10 for s in steps)  # a date, never a time of day


def test_not_admitted_with_a_reason_or_turned_into_a_suggestion(school):
    store = school.store
    refused = submit(school, "1003", "实名提案：每周五下午放假")
    kept = submit(school, "1006", "实名提案：食堂增加夜宵窗口")
    release(store)
    with pytest.raises(ProposalError, match="理由"):
        take_step(store, refused, "不予立案")
    with pytest.raises(ProposalError, match="不能交办"):
        take_step(store, refused, "交办", department="总务处", due_on="2026-09-20")
    take_step(store, refused, "不予立案", note="不符合教育局作息规定。")
    assert pushes(school, "1003")[-1].endswith("经审查不予立案。理由：不符合教育局作息规定。")
    assert "2026-09-01 不予立案：不符合教育局作息规定。" in as_member(school, "1003").say(f"查询建议 {refused}")
    row = take_step(store, kept, "不予立案", note="属于后勤管理事项，按建议办理。", to_suggestion=True)
    assert row["kind"] == "建议" and row["status"] == "转为建议"
    assert pushes(school, "1006")[-1].endswith("将作为建议办理，答复后会告诉您。")
    assert as_member(school, "1009").say(f"附议 {kept}") == f"编号 {kept} 不是教代会提案，只有提案可以附议。"


def test_an_overdue_proposal_is_flagged_for_the_proposer_and_in_the_public_notice(school):
    store = school.store
    ticket = submit(school, "1003", "实名提案：教师办公室加装空调")
    release(store)
    take_step(store, ticket, "立案")
    take_step(store, ticket, "交办", department="总务处", due_on="2026-09-10")
    store.suggestions.update(ticket, public=True)
    school.clock.set("2026-09-10 18:00")
    notice = Chat(school, "anyone").say("看看公示")
    assert "状态：已交办\n" in notice + "\n" and "逾期" not in notice  # due today: not yet late
    school.clock.set("2026-09-11 08:00")
    notice = Chat(school, "anyone").say("看看公示")
    assert "【提案】教师办公室加装空调" in notice and "状态：已交办（已逾期）" in notice
    assert notice.splitlines()[-1] == "教代会提案办理情况：交办 1 件（其中逾期未答复 1 件）。"
    assert "状态：已交办（已逾期，工会正在督办）" in as_member(school, "1003").say(f"查询建议 {ticket}")
    take_step(store, ticket, "答复", note="国庆节前安装完毕。")
    notice = Chat(school, "anyone").say("看看公示")
    assert "逾期" not in notice and notice.splitlines()[-1] == "教代会提案办理情况：答复 1 件。"


def test_rating_words_are_their_own_intent(bot):
    classify = bot.router.classifier.classify
    for text in ("满意", "基本满意", "不满意", "非常满意", "满意 K7P2Q9", "不满意K7P2Q9"):
        assert classify(text).intent == "proposal_rating", text
    assert classify("附议 K7P2Q9").intent == "proposal_second"
    assert classify("我对食堂的饭菜很不满意，建议改进").intent == "suggestion"


def cli_proposal(tmp_path, monkeypatch) -> tuple:
    """The demo school in a database the CLI uses, and a signed 提案: (store, ticket, the CLI's options)."""
    from bot.__main__ import main
    from bot.clock import FrozenClock
    from storage import Store

    path = str(tmp_path / "cli.db")
    monkeypatch.setenv("UNIONBOT_BOT_DATABASE", path)
    base = ["--config", "config.demo.toml"]
    assert main(["seed-demo", *base]) == 0
    store = Store.open(path, FrozenClock())
    return store, store.suggestions.add("提案", "教师食堂增加素食窗口", store.members.by_staff_no("1003").id), base


def test_the_cli_takes_a_proposal_through_its_steps(tmp_path, capsys, monkeypatch):
    from bot.__main__ import main

    store, ticket, base = cli_proposal(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["suggestions", "step", ticket, "立案", *base]) == 0
    assert capsys.readouterr().out.strip() == f"{ticket} 已立案，状态：已立案"
    with pytest.raises(SystemExit, match="办理期限应为日期"):
        main(["suggestions", "step", ticket, "交办", "--department", "总务处", *base])
    with pytest.raises(SystemExit, match="是提案，请按步骤答复"):
        main(["suggestions", "reply", ticket, "--text", "好的", *base])
    assert main(["suggestions", "step", ticket, "交办", "--department", "总务处", "--due", "2099-01-01", *base]) == 0
    assert store.suggestions.by_ticket(ticket)["department"] == "总务处"
    assert [r["kind"] for r in store.outbox.list()].count("proposal_step") == 2
