"""Suggestion box chat scripts, and what "anonymous" guarantees."""

from __future__ import annotations

import logging
import re

from handlers.suggestions import reply_to
from storage.suggestions import TICKET_ALPHABET
from tests.conftest import as_member
from tests.helpers import Chat

TICKET = re.compile(rf"编号 ([{TICKET_ALPHABET}]{{6}})")


def ticket_of(reply: str) -> str:
    return TICKET.search(reply).group(1)


def test_anonymous_with_content_in_one_message(school):
    chat = as_member(school, "1003")
    reply = chat.say("匿名反馈一下：三楼厕所经常没水")
    assert reply.startswith("已收到您的建议（匿名），编号 ")
    assert "匿名提交无法找回编号，请记下它。" in reply
    row = school.store.suggestions.by_ticket(ticket_of(reply))
    assert row["content"] == "三楼厕所经常没水"
    assert row["anonymous"] == 1 and row["member_id"] is None


def test_anonymous_leaves_no_trace_of_the_sender(school, caplog):
    caplog.set_level(logging.DEBUG)
    chat = as_member(school, "1003")
    chat.say("我要提建议")
    chat.say("校长办公会应该公开纪要")
    reply = chat.say("匿名")
    ticket = ticket_of(reply)
    db = school.store.db
    row = db.one("SELECT * FROM suggestions WHERE ticket = ?", (ticket,))
    assert row["member_id"] is None and len(row["created_on"]) == 10  # a date, no time of day
    # nothing in the database ties the text or ticket to the user
    for table in db.db.table_names():
        if table == "suggestions":
            continue
        for r in db.query(f"SELECT * FROM {table}"):
            blob = " ".join(str(v) for v in r.values())
            if "校长办公会" in blob or ticket in blob:
                assert "u-1003" not in blob and "1003" not in blob, (table, r)
    assert db.scalar("SELECT count(*) FROM conversations") == 0
    # and the logs carry neither the text nor the user
    assert "校长办公会" not in caplog.text and "u-1003" not in caplog.text


def test_named_suggestion_and_my_suggestions(school):
    chat = as_member(school, "1003")
    assert chat.say("我有个提案") == "请直接写下您的提案内容（一条消息即可）。回复“取消”可退出。"
    assert chat.say("太短") == "内容太短了，请多写几个字说明情况；或回复“取消”。"
    assert chat.say("增设教职工子女课后托管班").startswith("是否署名提交？")
    reply = chat.say("实名")
    assert reply.startswith("已收到您的提案（实名），编号 ")
    row = school.store.suggestions.by_ticket(ticket_of(reply))
    assert row["member_id"] == school.store.members.by_staff_no("1003").id
    mine = chat.say("我的建议")
    assert ticket_of(reply) in mine and "状态：已收到" in mine


def test_unbound_can_suggest_anonymously_but_not_named(school):
    chat = Chat(school, "guest")
    chat.say("建议操场晚上开灯")
    assert chat.say("实名").startswith("实名提交需要先绑定身份")
    assert chat.say("匿名").startswith("已收到您的建议（匿名）")


def test_complaint_kind(school):
    assert as_member(school, "1003").say("匿名投诉：食堂饭菜太咸").startswith("已收到您的投诉（匿名）")


def test_status_by_ticket_and_committee_reply(school):
    chat = as_member(school, "1003")
    ticket = ticket_of(chat.say("匿名建议：教师休息室需要空调"))
    assert "状态：已收到" in Chat(school, "anyone").say(f"查询建议 {ticket}")
    reply_to(school.store, ticket, "已列入明年预算，暑假安装。")
    status = Chat(school, "anyone").say(f"查询建议 {ticket.lower()}")
    assert "状态：已答复" in status and "工会答复：已列入明年预算，暑假安装。" in status
    assert school.store.db.scalar("SELECT count(*) FROM outbox") == 0  # anonymous: nobody to push to


def test_reply_to_named_suggestion_is_pushed_to_author(school):
    chat = as_member(school, "1003")
    chat.say("建议食堂增加早餐品种")
    ticket = ticket_of(chat.say("实名"))
    reply_to(school.store, ticket, "下周起增加包子和豆浆。")
    rows = school.store.outbox.for_member(school.store.members.by_staff_no("1003").id)
    assert len(rows) == 1 and rows[0]["kind"] == "suggestion_reply"
    assert "下周起增加包子和豆浆" in rows[0]["text"] and ticket in rows[0]["text"]


def test_status_transitions(school):
    ticket = ticket_of(as_member(school, "1003").say("匿名提案：推行弹性坐班"))
    store = school.store
    assert store.suggestions.update(ticket, status="已立案")["status"] == "已立案"
    try:
        store.suggestions.update(ticket, status="已收到")
        raise AssertionError("went backwards")
    except ValueError as exc:
        assert "不能从“已立案”改为“已收到”" in str(exc)
    assert store.suggestions.update(ticket, status="已办结", public=True)["public"] == 1


def test_unknown_ticket_and_asking_for_one(school):
    chat = Chat(school, "guest")
    assert chat.say("查询建议 ZZZZ22") == "没有找到编号为 ZZZZ22 的建议，请核对编号（6 位字母和数字）。"
    assert chat.say("建议进度").startswith("请回复建议编号")
    assert chat.say("不知道") .startswith("编号是 6 位字母和数字")


def test_daily_limit_without_linking(school):
    chat = as_member(school, "1003")
    for i in range(5):
        assert chat.say(f"匿名建议：第{i}条建议内容").startswith("已收到")
    assert chat.say("匿名建议：第六条建议内容").startswith("您今天已提交 5 条意见")
    assert Chat(school, "someone-else").say("匿名建议：别人的建议").startswith("已收到")
    school.clock.advance(days=1)
    assert chat.say("匿名建议：第二天的建议").startswith("已收到")


def test_my_suggestions_when_none_are_signed(school):
    chat = as_member(school, "1003")
    chat.say("匿名建议：操场需要更多长椅")
    assert chat.say("我的建议") == "您还没有实名提交过建议。匿名提交的建议请用编号查询：查询建议 编号。"


def test_very_long_first_message_is_refused_politely(school):
    chat = as_member(school, "1003")
    reply = chat.say("匿名建议：" + "很长" * 1500)
    assert reply == "内容有 3000 字，超过了 2000 字的上限。请精简后重新发送，或分成几条提交。"
    assert school.store.db.scalar("SELECT count(*) FROM suggestions") == 0
    chat.say("我要提建议")
    assert chat.say("长" * 2001).startswith("内容有 2001 字")  # the guided step too
    assert chat.say("长" * 2000).startswith("是否署名提交？")
