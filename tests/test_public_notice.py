"""公示 in chat: "看看公示" lists what the committee published — content, reply and status, newest
answer first — and never who sent it."""

from __future__ import annotations

from handlers.suggestions import reply_to
from tests.conftest import as_member
from tests.helpers import Chat, release
from tests.test_suggestions import ticket_of


def test_nothing_published_yet(school):
    assert "还没有公示" in Chat(school, "anyone").say("看看公示")


def test_published_suggestions_newest_first_without_the_sender(school):
    zhang = as_member(school, "1003")  # 李娜
    signed = zhang.say("建议食堂增加早餐品种")
    signed = ticket_of(zhang.say("实名"))
    anonymous = ticket_of(as_member(school, "1005").say("匿名建议：教师休息室需要空调"))
    hidden = ticket_of(as_member(school, "1007").say("匿名建议：停车场晚上太黑了"))
    release(school.store)
    reply_to(school.store, signed, "下周起增加包子和豆浆。", public=True)
    school.clock.advance(days=1)
    reply_to(school.store, anonymous, "已列入明年预算，暑假安装。", status="已立案", public=True)
    reply_to(school.store, hidden, "已联系物业加装路灯。")  # answered, not published

    for words in ("看看公示", "建议答复", "公示"):
        reply = Chat(school, "u-someone-else").say(words)
        assert reply.startswith("工会公示（建议与答复，最新在前）："), (words, reply)
        lines = reply.splitlines()
        assert "【建议】教师休息室需要空调" in lines[1] and "早餐品种" in lines[4]  # newest answer first
        assert "状态：已立案（2026-09-02 答复）" in reply and "工会答复：已列入明年预算，暑假安装。" in reply
        assert "状态：已答复" in reply and "工会答复：下周起增加包子和豆浆。" in reply
        assert "停车场" not in reply and "路灯" not in reply
        for secret in ("李娜", "陈静", "1003", "1005", signed, anonymous, "实名", "匿名"):
            assert secret not in reply, secret


def test_public_notice_is_its_own_intent(bot):
    classify = bot.router.classifier.classify
    for text in ("看看公示", "建议答复", "公示", "查看公示", "公示栏"):
        assert classify(text).intent == "public_notice", text
    assert classify("我要提建议").intent == "suggestion"
    assert classify("查询建议 K7P2Q9").intent == "suggestion_status"


def test_asking_about_one_s_own_answer_is_still_suggestion_status(bot):
    classify = bot.router.classifier.classify
    for text in ("我的建议答复了吗", "建议答复了吗"):
        assert classify(text).intent == "suggestion_status", text
