"""Suggestion box chat scripts, and what "anonymous" guarantees."""

from __future__ import annotations

import logging
import re

from handlers.suggestions import reply_to
from storage.suggestions import TICKET_ALPHABET
from tests.conftest import as_member
from tests.helpers import Chat, release

TICKET = re.compile(rf"编号 ([{TICKET_ALPHABET}]{{6}})")


def ticket_of(reply: str) -> str:
    return TICKET.search(reply).group(1)


def test_anonymous_with_content_in_one_message(school):
    chat = as_member(school, "1003")
    reply = chat.say("匿名反馈一下：三楼厕所经常没水")
    assert reply.startswith("已收到您的建议（匿名），编号 ")
    assert "送达前想改为署名，请回复“改为实名 " in reply and "请记下编号" in reply
    assert school.store.suggestions.by_ticket(ticket_of(reply)) is None  # in the tray until the day's release
    assert release(school.store) == 1
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
    release(school.store)
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
    assert school.store.conversations.count() == 0
    # and the logs carry neither the text nor the user
    assert "校长办公会" not in caplog.text and "u-1003" not in caplog.text


def test_named_suggestion_and_my_suggestions(school):
    chat = as_member(school, "1003")
    assert chat.say("我有个提案") == "请直接写下您的提案内容（一条消息即可）。回复“取消”可退出。"
    assert chat.say("太短") == "内容太短了，请多写几个字说明情况；或回复“取消”。"
    assert chat.say("增设教职工子女课后托管班").startswith("要署上您的名字吗？")
    reply = chat.say("实名")
    assert reply.startswith("已收到您的提案（实名），编号 ")
    mine = chat.say("我的建议")
    assert ticket_of(reply) in mine and "状态：已收到" in mine and "今晚统一送达工会" in mine
    release(school.store)
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
    release(school.store)
    assert "状态：已收到" in Chat(school, "anyone").say(f"查询建议 {ticket}")
    reply_to(school.store, ticket, "已列入明年预算，暑假安装。")
    status = Chat(school, "anyone").say(f"查询建议 {ticket.lower()}")
    assert "状态：已答复" in status and "工会答复：已列入明年预算，暑假安装。" in status
    assert school.store.db.scalar("SELECT count(*) FROM outbox") == 0  # anonymous: nobody to push to


def test_reply_to_named_suggestion_is_pushed_to_author(school):
    chat = as_member(school, "1003")
    chat.say("建议食堂增加早餐品种")
    ticket = ticket_of(chat.say("实名"))
    release(school.store)
    reply_to(school.store, ticket, "下周起增加包子和豆浆。")
    rows = school.store.outbox.for_member(school.store.members.by_staff_no("1003").id)
    assert len(rows) == 1 and rows[0]["kind"] == "suggestion_reply"
    assert "下周起增加包子和豆浆" in rows[0]["text"] and ticket in rows[0]["text"]


def test_status_transitions(school):
    ticket = ticket_of(as_member(school, "1003").say("匿名建议：推行弹性坐班"))
    store = school.store
    release(store)
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
    assert chat.say("长" * 2000).startswith("要署上您的名字吗？")


# ---- consent: signed only on a clear ask (issue 17, finding 0) ----------------------------------------

NAMED_ANSWERS = ["实名", "署名", "写我名字", "留我名字", "就写我的名字吧没关系", "可以署名", "实名提交", "不要匿名",
                 "写上我的名字", "署名吧"]
ANONYMOUS_ANSWERS = ["不用署名", "不署名", "不要写名字", "不留名", "不要实名", "别写我名字", "不用留名字", "匿名",
                     "匿名吧，不用写名字", "不想实名", "无需署名", "名字就不写了吧"]
UNCLEAR_ANSWERS = ["是", "好的", "嗯", "随便", "你看着办", "都行", "不知道", "行吧"]


def _answer_sign(school, answer: str, n: int) -> tuple[str, dict]:
    school.clock.advance(days=1)  # the daily limit is 5
    chat = as_member(school, "1003")
    chat.say("我要提建议")
    assert chat.say(f"第{n}个建议：食堂的菜价应该公示").startswith("要署上您的名字吗？")
    reply = chat.say(answer)
    return reply, school.store.suggestions.in_tray(ticket_of(reply))


def test_a_clear_ask_for_a_name_signs_the_suggestion(school):
    for n, answer in enumerate(NAMED_ANSWERS):
        reply, row = _answer_sign(school, answer, n)
        assert reply.startswith("已收到您的建议（实名）"), answer
        assert row["member_id"] == school.store.members.by_staff_no("1003").id, answer
        assert f"改为匿名 {row['ticket']}" in reply


def test_a_refusal_or_anything_unclear_is_anonymous(school):
    for n, answer in enumerate(ANONYMOUS_ANSWERS + UNCLEAR_ANSWERS):
        reply, row = _answer_sign(school, answer, n)
        assert reply.startswith("已收到您的建议（匿名）"), answer
        assert row["member_id"] is None, answer
        assert f"改为实名 {row['ticket']}" in reply  # and how to change it before the committee reads it


REFUSALS_AND_QUESTIONS = [
    "不敢实名", "不敢署名", "害怕实名", "实名就算了", "署名就不必了", "实名就免了", "实名不太好吧", "绝对不能实名", "不能实名",
    "不可以实名", "没有必要实名", "不希望实名", "拒绝实名", "我拒绝署名", "不同意实名", "实名？不了", "写我名字？算了吧",
    "签名就不签了", "实名制？不要", "怕被领导知道，实名不了", "实名会被报复吗？", "什么是实名", "实名有什么区别", "实名吗",
    "署名有什么用", "我不知道要不要匿名", "要不要匿名？", "能不匿名吗", "不匿名行不行"]


def test_refusals_and_questions_are_never_a_yes_to_a_name():
    """The attack on the consent parser: every refusal or question stays anonymous."""
    from handlers.suggestions import sign_choice

    assert [a for a in REFUSALS_AND_QUESTIONS if sign_choice(a) is True] == []


def test_a_suggestion_that_starts_with_a_consent_word_is_asked_and_kept_whole(school):
    chat = as_member(school, "1003")
    from handlers.suggestions import extract_content

    assert extract_content("实名认证系统老是出错") == "实名认证系统老是出错"
    for text in ["实名制考勤太麻烦了，建议取消", "署名权的问题：我的论文被别人署名了，希望工会出面"]:
        assert chat.say(text).startswith("要署上您的名字吗？"), text
        ticket = ticket_of(chat.say("匿名"))
        assert school.store.suggestions.in_tray(ticket)["content"] == text


def test_sign_choice_reads_negations():
    from handlers.suggestions import sign_choice

    assert [sign_choice(a) for a in NAMED_ANSWERS] == [True] * len(NAMED_ANSWERS)
    assert [sign_choice(a) for a in ANONYMOUS_ANSWERS[:-1]] == [False] * (len(ANONYMOUS_ANSWERS) - 1)
    assert sign_choice("名字就不写了吧") is False  # the name refused before its verb (consent19)
    assert [sign_choice(a) for a in UNCLEAR_ANSWERS] == [None] * len(UNCLEAR_ANSWERS)
    assert sign_choice("实名也行匿名也行") is None


def test_the_suggestion_text_itself_is_never_read_as_consent(school):
    chat = as_member(school, "1003")
    reply = chat.say("反映一下：建议取消每天的签名考勤，留名字太麻烦")
    assert reply.startswith("要署上您的名字吗？")
    assert chat.say("好").startswith("已收到您的建议（匿名）")
    assert as_member(school, "1003").say("实名反映：食堂的饭菜太咸").startswith("已收到您的建议（实名）")


def test_changing_one_s_mind_before_the_release(school):
    chat = as_member(school, "1003")
    ticket = ticket_of(chat.say("匿名建议：图书馆周末开放"))
    assert chat.say(f"改为实名 {ticket}").startswith(f"已改为实名：编号 {ticket}")
    assert school.store.suggestions.in_tray(ticket)["member_id"] == school.store.members.by_staff_no("1003").id
    # someone else holding the ticket can neither rename nor claim it, and learns nothing from the answer
    other = as_member(school, "1004")
    refused = f"没有找到您今天提交的编号 {ticket}，无法更改。只能在提交当天、用提交时的账号更改。"
    assert other.say(f"改为匿名 {ticket}") == refused and other.say(f"改为实名 {ticket}") == refused
    assert other.say("改为实名 ZZZZ22") == refused.replace(ticket, "ZZZZ22")
    assert chat.say(f"改成匿名 {ticket}").startswith(f"已改为匿名：编号 {ticket}")
    assert school.store.suggestions.in_tray(ticket)["member_id"] is None
    release(school.store)
    assert chat.say(f"改为实名 {ticket}").startswith(f"编号 {ticket} 已送达工会，不能再更改")
    assert school.store.suggestions.by_ticket(ticket)["member_id"] is None


def test_receipts_have_the_same_size_signed_or_not(school):
    chat = as_member(school, "1003")
    anonymous = chat.say("匿名建议：走廊的灯太暗了")
    signed = chat.say("实名建议：走廊的灯太暗了")
    assert len(anonymous.encode()) == len(signed.encode())


def test_the_day_s_release_shuffles_and_numbers_at_random(school):
    chat = as_member(school, "1003")
    tickets = [ticket_of(chat.say(f"匿名建议：第{i}条关于食堂的建议")) for i in range(5)]
    school.housekeeping()
    assert school.store.suggestions.tray_count() == 5  # the day is not over
    school.clock.advance(days=1)
    school.housekeeping()
    assert school.store.suggestions.tray_count() == 0
    rows = school.store.db.query("SELECT id, ticket FROM suggestions")
    assert {r["ticket"] for r in rows} == set(tickets)
    assert min(r["id"] for r in rows) > 1000  # not 1, 2, 3…: ids are random, not the order they came in
