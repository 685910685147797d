"""A poll's announcement with a platform button (issue 22), against the local fake platform servers:
企业微信 a 按钮交互型 card whose 去投票 tap (signed, encrypted XML through /wecom) starts the vote
conversation for that poll — the first question comes back, the voter still chooses — and the card
says what happened; 钉钉 an ActionCard whose button sends "投票 <标题>"; 公众号 the text naming those
words. Nothing in the rows or the cards joins a ballot to its voter."""
# ruff: noqa: F811  (fixtures imported from tests/test_onetap.py)

from __future__ import annotations

import json
from urllib.parse import unquote

from bot.push import Sender
from handlers.polls.notices import announce_poll
from tests.helpers import WeChatClient
from tests.test_dingtalk import DingTalkHTTP
from tests.test_onetap import Tapper, card_event_xml, platforms, school  # noqa: F401 (fixtures)
from tests.test_polls import RECEIPT, rating_poll
from tests.test_polls_notices import ballots_state

WORDS = "投票 2026年中层干部民主测评"


def bot_of(app):
    return app.extensions["unionbot"]


def announced(app) -> dict:
    bot = bot_of(app)
    poll = rating_poll(bot)
    WeChatClient(app.test_client(), "plaintext", bot.clock).say("o-1002", "你好")  # within the 48 hours
    report = announce_poll(bot, poll["id"])
    assert report.written >= 6
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    return poll


def test_the_announcement_shows_a_button_on_each_platform(school):
    bot = bot_of(school)
    poll = announced(school)
    cards = {r["body"]["touser"]: r["body"]["template_card"] for r in school.wecom.to("/cgi-bin/message/send")
             if r["body"]["msgtype"] == "template_card"}
    assert sorted(cards) == ["chenjing", "lina", "zhangwei", "zhaomin"]  # everyone on 企业微信: audience all
    card = cards["lina"]
    assert card["card_type"] == "button_interaction" and card["main_title"] == {"title": "2026年中层干部民主测评",
                                                                                "desc": "工会投票通知"}
    assert card["button_list"] == [{"text": "去投票", "style": 1, "key": f"vote:{poll['id']}"}]
    rows = {r["keyname"]: r["value"] for r in card["horizontal_content_list"]}
    assert rows["截止"] == "2026-09-03 17:00" and rows["题数"] == "共 4 题，无记名"
    assert f"回复“{WORDS}”" in card["sub_title_text"]
    assert len({c["task_id"] for c in cards.values()}) == 4  # a task_id per member, never reused

    body = school.ding.to("/v1.0/robot/oToMessages/batchSend")[0]["body"]
    ding = json.loads(body["msgParam"])
    assert body["msgKey"] == "sampleActionCard" and ding["singleTitle"] == "去投票"
    prefix = "dtmd://dingtalkclient/sendMessage?content="
    assert unquote(ding["singleURL"][len(prefix):]) == WORDS
    chat = DingTalkHTTP(school, school.ding, bot.clock)  # the tap sends the words as the teacher
    assert chat.say("ding2002", WORDS).startswith("【2026年中层干部民主测评】共 4 题，2026-09-03 17:00 截止。")

    custom = [r["body"] for r in school.wechat.requests if r["path"] == "custom_send"]
    assert [c["touser"] for c in custom] == ["o-1002"] and f"回复“{WORDS}”即可参加" in custom[0]["text"]["content"]
    wechat = WeChatClient(school.test_client(), "plaintext", bot.clock)
    assert wechat.say("o-1002", WORDS).startswith("【2026年中层干部民主测评】共 4 题")


def test_a_tap_starts_the_vote_for_that_poll_and_the_voter_still_chooses(school):
    bot = bot_of(school)
    poll = announced(school)
    other = bot.store.polls.create("工会经费使用意见", [("是否同意", ["赞成", "反对", "弃权"])], "2026-09-05 17:00")
    before = ballots_state(bot)
    taps = Tapper(school)
    code = taps.tap("lina")
    sends = [r["body"] for r in school.wecom.to("/cgi-bin/message/send") if r["body"]["msgtype"] == "text"]
    assert sends[-1]["touser"] == "lina"
    assert sends[-1]["text"]["content"].startswith("【2026年中层干部民主测评】共 4 题")  # that poll, not the other
    assert taps.updates() == [("lina", "请在对话中作答")]
    assert ballots_state(bot) == before  # one tap casts nothing

    # 企业微信's retry of the same event: no second question, no second update
    taps.client.post(card_event_xml("lina", f"vote:{poll['id']}", taps.cards["lina"]["task_id"], code,
                                    bot.clock.timestamp()))
    assert len(taps.updates()) == 1
    assert len([s for s in school.wecom.to("/cgi-bin/message/send") if s["body"]["msgtype"] == "text"]) == len(sends)

    confirm = taps.client.say("lina", "1 2 1 1")
    assert confirm.startswith("请核对您的选择：\n第1题 对张伟的测评：优秀\n第2题 对王芳的测评：称职")
    done = taps.client.say("lina", "确认")
    receipt = RECEIPT.search(done).group(1)
    lina = bot.store.members.by_staff_no("1003")
    assert bot.store.polls.has_voted(poll["id"], lina.id) and not bot.store.polls.has_voted(other["id"], lina.id)

    taps.tap("lina")  # again: already voted, said on the card and in the chat
    assert taps.updates()[-1] == ("lina", "已投过票")
    taps.cards["stranger"] = taps.cards["lina"]  # a forwarded card
    taps.tap("stranger")
    assert taps.updates()[-1] == ("stranger", "请先绑定")
    bot.store.polls.close(poll["id"])
    taps.tap("chenjing")
    assert taps.updates()[-1] == ("chenjing", "投票已截止")

    # nothing in the outbox (texts, keys, payloads) carries the receipt; no row is sensitive
    for row in bot.store.outbox.list():
        assert receipt not in row["text"] + row["dedup_key"] + (row.get("payload") or "")
    replies = [r for r in bot.store.outbox.list() if r["kind"] == "tap_reply"]
    assert [r["status"] for r in replies] == ["sent"] * 4


def test_a_tap_for_a_poll_that_is_not_for_this_member_says_so(school):
    bot = bot_of(school)
    bot.store.db.execute("UPDATE members SET delegate = 1 WHERE staff_no = '1003'")
    poll = bot.store.polls.create("教代会表决：绩效工资分配方案", [("是否同意", ["赞成", "反对", "弃权"])],
                                  "2026-09-03 17:00", audience="delegates")
    announce_poll(bot, poll["id"])
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    taps = Tapper(school)
    taps.cards["zhaomin"] = taps.cards["lina"]  # forwarded to someone who is not a delegate
    taps.tap("zhaomin")
    assert taps.updates() == [("zhaomin", "不在投票范围")]
    text = next(r for r in bot.store.outbox.list() if r["kind"] == "tap_reply")["text"]
    assert text.startswith("“教代会表决：绩效工资分配方案”的投票范围是教代会代表，您不在本次投票范围内")
