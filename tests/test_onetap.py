"""One tap to sign up, per platform, and delivery receipts (issue 20), against the local fake platform
servers (each checks the documented request format): the women-only 女教职工插花沙龙 announced across
公众号 / 企业微信 / 钉钉; a tap on the 企业微信 card through /wecom (signed, encrypted XML) signing up,
waitlisting, refused after the deadline, the card updated each time; the 钉钉 button; the 公众号
template message and its TEMPLATESENDJOBFINISH receipt in the push log."""

from __future__ import annotations

import itertools
import json
from urllib.parse import unquote

import pytest

from bot import demo
from bot.app import create_app
from bot.channels.base import cdata
from bot.console import hash_password
from bot.push import SKIP_UNBOUND, Sender
from handlers.activities.announce import SKIP_OPTED_OUT, announce
from tests.conftest import make_config
from tests.test_console import ADMIN_PW, login, text
from tests.test_dingtalk import APP_KEY, APP_SECRET, ROBOT, DingTalkHTTP, FakeDingTalk
from tests.test_wechat_push_api import FakeWeChatAPI
from tests.test_wecom import AES, CORP, TOKEN, FakeWeComAPI, WeComClient

WECOM_USERS = {"1003": "lina", "1005": "chenjing", "1007": "zhaomin", "1001": "zhangwei"}  # 1001 is a man
DING_USERS = {"2002": "ding2002"}
WECHAT_USERS = {"1002": "o-1002"}
OPTED_OUT = "1011"


@pytest.fixture
def platforms():
    wechat, wecom, ding = FakeWeChatAPI(), FakeWeComAPI().start(), FakeDingTalk().start()
    yield wechat, wecom, ding
    wechat.server.shutdown()
    wecom.stop()
    ding.stop()


@pytest.fixture
def school(tmp_path, clock, platforms):
    """The demo school on all three platforms: 公众号 a verified 服务号 with the announcement template,
    企业微信 and 钉钉 (HTTP mode) with push credentials; only the members below are bound."""
    wechat, wecom, ding = platforms
    config = make_config(
        tmp_path,
        wechat={"account_type": "verified_service", "app_secret": "s", "api_base": wechat.base,
                "template_id_announcement": "TPL-ANNOUNCE"},
        wecom={"enabled": True, "corp_id": CORP, "agent_id": "1000002", "token": TOKEN, "encoding_aes_key": AES,
               "secret": "wecom-secret", "api_base": wecom.base},
        dingtalk={"enabled": True, "mode": "http", "app_key": APP_KEY, "app_secret": APP_SECRET, "robot_code": ROBOT,
                  "api_base": ding.base, "oapi_base": ding.base})
    app = create_app(config, clock)
    app.testing = True
    bot = app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    for member in bot.store.members.all():
        bot.store.bindings.unbind_member(member.id)
    for channel, users in (("wecom", WECOM_USERS), ("dingtalk", DING_USERS), ("wechat", WECHAT_USERS)):
        for staff_no, user in users.items():
            bot.store.bindings.bind(channel, user, bot.store.members.by_staff_no(staff_no).id)
    bot.store.members.set_announce_opt_out(bot.store.members.by_staff_no(OPTED_OUT).id, True)
    app.wechat, app.wecom, app.ding = platforms
    return app


def flower(bot):
    return next(a for a in bot.store.activities.all() if a.title == "女教职工插花沙龙")


def announced(bot) -> dict:
    """The announcement and its sending: staff_no → outbox row."""
    announce(bot, flower(bot))
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    return {r["staff_no"]: r for r in bot.store.outbox.list() if r["kind"] == "announcement"}


def test_the_flower_salon_reaches_exactly_the_women_once_across_the_three_platforms(school):
    bot = school.extensions["unionbot"]
    rows = announced(bot)
    women = {m.staff_no for m in bot.store.members.all_active() if m.gender == "女"}
    assert set(rows) == women and "1001" not in rows  # exactly the women: the man on 企业微信 is not told
    sent = {s for s, r in rows.items() if r["status"] == "sent"}
    assert sent == {"1003", "1005", "1007", "2002", "1002"}
    assert rows[OPTED_OUT]["status"] == "skipped" and rows[OPTED_OUT]["reason"] == SKIP_OPTED_OUT
    assert all(r["reason"] == SKIP_UNBOUND for s, r in rows.items() if s not in sent | {OPTED_OUT})

    cards = [r["body"] for r in school.wecom.to("/cgi-bin/message/send")]
    assert sorted(c["touser"] for c in cards) == ["chenjing", "lina", "zhaomin"]  # once each, never zhangwei
    card = next(c for c in cards if c["touser"] == "lina")["template_card"]
    assert card["card_type"] == "button_interaction" and card["main_title"]["title"] == "女教职工插花沙龙"
    assert card["button_list"] == [{"text": "报名", "style": 1, "key": f"signup:{flower(bot).id}"}]
    assert {r["keyname"]: r["value"] for r in card["horizontal_content_list"]}["地点"] == "工会活动室"
    assert len(school.wecom.task_ids) == 3  # a task_id per announcement and member

    robot = school.ding.to("/v1.0/robot/oToMessages/batchSend")
    assert [r["body"]["userIds"] for r in robot] == [["ding2002"]]
    templates = [r for r in school.wechat.requests if r["path"] == "template_send"]
    assert [t["body"]["touser"] for t in templates] == ["o-1002"]

    again = announce(bot, flower(bot))  # announcing again tells nobody twice
    Sender(bot.store, bot.clock, bot.config, bot.transports()).drain()
    assert again.written == 0 and len(school.wecom.to("/cgi-bin/message/send")) == 3
    assert len(school.ding.to("/v1.0/robot/oToMessages/batchSend")) == 1


# ---- 企业微信: the tap ------------------------------------------------------------------------------------------

_created = itertools.count(1)


def card_event_xml(user: str, key: str, task: str, code: str, created: int) -> str:
    """模板卡片事件推送 (button_interaction), as 企业微信 sends it inside Encrypt."""
    return (f"<xml><ToUserName>{cdata(CORP)}</ToUserName><FromUserName>{cdata(user)}</FromUserName>"
            f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[template_card_event]]></Event><EventKey>{cdata(key)}</EventKey>"
            f"<TaskId>{cdata(task)}</TaskId><CardType><![CDATA[button_interaction]]></CardType>"
            f"<ResponseCode>{cdata(code)}</ResponseCode><AgentID>1000002</AgentID></xml>")


class Tapper:
    def __init__(self, app) -> None:
        self.app, self.bot = app, app.extensions["unionbot"]
        self.client = WeComClient(app, self.bot.clock)
        cards = [r["body"] for r in app.wecom.to("/cgi-bin/message/send") if r["body"]["msgtype"] == "template_card"]
        self.cards = {c["touser"]: c["template_card"] for c in cards}

    def tap(self, user: str, created: int | None = None, code: str | None = None):
        card = self.cards[user]
        if code is None:
            code = f"rc-{user}-{next(_created)}"
            self.app.wecom.response_codes[code] = user  # what 企业微信 hands out with the tap
        created = created or self.bot.clock.timestamp()
        xml = card_event_xml(user, card["button_list"][0]["key"], card["task_id"], code, created)
        resp = self.client.post(xml)
        assert resp.status_code == 200 and resp.get_data(as_text=True) == ""  # the card shows the outcome
        return code

    def updates(self) -> list[tuple[str, str]]:
        return [(r["body"]["userids"][0], r["body"]["button"]["replace_name"])
                for r in self.app.wecom.to("/cgi-bin/message/update_template_card")]

    def status(self, staff_no: str) -> str | None:
        member = self.bot.store.members.by_staff_no(staff_no)
        row = self.bot.store.signups.get(flower(self.bot).id, member.id)
        return row["status"] if row else None


def test_a_tap_on_the_wecom_card_signs_up_waitlists_and_refuses_after_the_deadline(school):
    bot = school.extensions["unionbot"]
    announced(bot)
    bot.store.activities.update(flower(bot).id, capacity=1)
    taps = Tapper(school)

    first = bot.clock.timestamp()
    code = taps.tap("lina", created=first)
    assert taps.status("1003") == "confirmed" and taps.updates() == [("lina", "已报名")]
    update = school.wecom.to("/cgi-bin/message/update_template_card")[0]["body"]
    assert update["response_code"] == code and update["agentid"] == 1000002
    row = next(r for r in bot.store.outbox.list() if r["kind"] == "card_update")
    assert row["status"] == "sent" and row["text"].startswith("报名成功！「女教职工插花沙龙」")

    taps.client.post(card_event_xml("lina", f"signup:{flower(bot).id}", taps.cards["lina"]["task_id"], code, first))
    assert len(taps.updates()) == 1  # 企业微信's retry of the same event: no second effect
    taps.tap("lina")  # a double tap: still one sign-up, the card says so again
    assert taps.updates()[-1] == ("lina", "已报名")
    assert bot.store.db.scalar("SELECT count(*) FROM signups WHERE activity_id = ?", (flower(bot).id,)) == 1

    taps.tap("chenjing")  # full: the second member is waitlisted
    assert taps.status("1005") == "waitlisted" and taps.updates()[-1] == ("chenjing", "已进入候补（第1位）")

    bot.clock.advance(days=21)  # past 09-21 17:00
    taps.tap("zhaomin")
    assert taps.status("1007") is None and taps.updates()[-1] == ("zhaomin", "已截止")
    assert [r["status"] for r in bot.store.outbox.list() if r["kind"] == "card_update"] == ["sent"] * 4


def test_two_different_taps_in_the_same_second_are_two_events(school):
    bot = school.extensions["unionbot"]
    announced(bot)
    other = next(a for a in bot.store.activities.all() if a.title == "教师读书会")
    taps = Tapper(school)
    now = bot.clock.timestamp()
    taps.tap("lina", created=now)
    taps.cards["lina"] = {**taps.cards["lina"], "button_list": [{"text": "报名", "key": f"signup:{other.id}"}]}
    taps.tap("lina", created=now)  # another card's button, the same second
    member = bot.store.members.by_staff_no("1003")
    assert bot.store.signups.get(flower(bot).id, member.id)["status"] == "confirmed"
    assert bot.store.signups.get(other.id, member.id)["status"] == "confirmed"


def test_a_tap_by_a_man_or_an_unbound_user_is_answered_on_the_card(school):
    bot = school.extensions["unionbot"]
    announced(bot)
    taps = Tapper(school)
    taps.cards["zhangwei"] = taps.cards["lina"]  # a forwarded card
    taps.cards["stranger"] = taps.cards["lina"]
    taps.tap("zhangwei")
    taps.tap("stranger")
    assert taps.updates() == [("zhangwei", "不在报名范围"), ("stranger", "请先绑定")]
    assert bot.store.db.scalar("SELECT count(*) FROM signups WHERE activity_id = ?", (flower(bot).id,)) == 0


# ---- 钉钉: the button sends the words -------------------------------------------------------------------------


def test_the_dingtalk_button_sends_the_sign_up_words_for_the_teacher(school):
    bot = school.extensions["unionbot"]
    announced(bot)
    body = school.ding.to("/v1.0/robot/oToMessages/batchSend")[0]["body"]
    assert body["msgKey"] == "sampleActionCard" and body["robotCode"] == ROBOT
    card = json.loads(body["msgParam"])
    assert card["singleTitle"] == "报名" and "工会活动室" in card["text"] and "女教职工插花沙龙" in card["title"]
    prefix = "dtmd://dingtalkclient/sendMessage?content="
    assert card["singleURL"].startswith(prefix)
    words = unquote(card["singleURL"][len(prefix):])
    assert words == "报名女教职工插花沙龙"

    ding = DingTalkHTTP(school, school.ding, bot.clock)  # what the tap sends: the teacher's own message
    assert ding.say("ding2002", words).startswith("确认报名「女教职工插花沙龙」吗？")
    assert ding.say("ding2002", "是").startswith("报名成功！「女教职工插花沙龙」")
    row = next(r for r in bot.store.outbox.list() if r["staff_no"] == "2002" and r["kind"] == "announcement")
    assert row["receipt"] == "已送达" and row["platform_msg_id"] == "pq1"  # what batchSend answered


# ---- 公众号: the template message and its receipt ---------------------------------------------------------------


def finish_event_xml(user: str, msg_id: str, status: str, created: int) -> str:
    """事件推送 after a 模板消息 (模板消息接口): TEMPLATESENDJOBFINISH with MsgID and Status."""
    return (f"<xml><ToUserName>{cdata('gh_union')}</ToUserName><FromUserName>{cdata(user)}</FromUserName>"
            f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>{msg_id}</MsgID>"
            f"<Status>{cdata(status)}</Status></xml>")


def test_the_template_message_names_the_words_and_its_receipt_reaches_the_push_log(school):
    from tests.helpers import WeChatClient

    bot = school.extensions["unionbot"]
    rows = announced(bot)
    send = next(r for r in school.wechat.requests if r["path"] == "template_send")["body"]
    assert send["template_id"] == "TPL-ANNOUNCE"
    assert send["data"] == {"thing1": {"value": "女教职工插花沙龙"}, "time2": {"value": "2026-09-26 15:00"},
                            "thing3": {"value": "回复：报名女教职工插花沙龙"}}
    row = rows["1002"]
    assert row["status"] == "sent" and row["platform_msg_id"] and row["receipt"] == "等待送达回执"

    wechat = WeChatClient(school.test_client(), "plaintext", bot.clock)

    def post(xml: str) -> str:
        return wechat.reply_content(wechat.post_xml(xml))

    now = bot.clock.timestamp()
    assert post(finish_event_xml("o-someone", row["platform_msg_id"], "success", now)) == ""  # not that user's
    assert bot.store.outbox.get(row["id"])["receipt"] == "等待送达回执"
    assert post(finish_event_xml("o-1002", row["platform_msg_id"], "failed:user block", now)) == ""
    assert bot.store.outbox.get(row["id"])["receipt"] == "用户拒收"
    post(finish_event_xml("o-1002", row["platform_msg_id"], "success", now + 1))
    assert bot.store.outbox.get(row["id"])["receipt"] == "已送达"

    bot.store.admin_users.add("chair", hash_password(ADMIN_PW), "管理员", "1002")
    console = school.test_client()
    assert login(console).status_code == 302
    page = text(console.get("/admin/pushes"))
    assert "送达回执" in page and "已送达" in page


def test_an_events_identity_names_its_key_card_and_response_code():
    from bot.channels.base import parse_xml, xml_message
    from bot.clock import FrozenClock

    def msg_id(key: str, code: str = "rc") -> str:
        xml = parse_xml(card_event_xml("lina", key, "task-1", code, 1790000000))
        return xml_message(xml, "wecom", FrozenClock("2026-09-01 09:00").tz).msg_id

    assert msg_id("signup:7") == msg_id("signup:7")  # 企业微信's retry: one event
    assert msg_id("signup:7") != msg_id("signup:8")  # two buttons in the same second: two
    assert msg_id("signup:7") != msg_id("signup:7", "rc-2")  # two taps in the same second: two


def test_a_refused_card_goes_as_text_and_a_failed_card_update_says_why(school):
    bot = school.extensions["unionbot"]
    school.wecom.send_errcodes = [40058]  # e.g. an app without a callback URL cannot send button cards
    rows = announced(bot)
    sends = [r["body"] for r in school.wecom.to("/cgi-bin/message/send")]
    assert [s["msgtype"] for s in sends][:2] == ["template_card", "text"]
    assert "回复“报名女教职工插花沙龙”即可报名" in sends[1]["text"]["content"]
    assert all(rows[s]["status"] == "sent" for s in ("1003", "1005", "1007"))

    taps = Tapper(school)
    taps.tap("lina")
    taps.tap("lina", code="rc-expired")  # a code 企业微信 no longer honours (72 hours, used): refused
    updates = [r for r in bot.store.outbox.list() if r["kind"] == "card_update"]
    assert [r["status"] for r in updates] == ["sent", "failed"]
    assert updates[1]["reason"] == "企业微信卡片更新错误 errcode 40003"
