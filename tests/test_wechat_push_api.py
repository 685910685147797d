"""公众号 客服消息 pushes against a local fake of the WeChat API (127.0.0.1 only), which records every
request and checks it against the documented format."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

from bot.channels.wechat_mp import WeChatCustomPush
from tests.helpers import run_in_threads


class FakeWeChatAPI:
    def __init__(self):
        self.requests: list[dict] = []
        self.send_errcodes: list[int] = []
        self.tokens_issued = 0
        self.token_delay = 0.0  # seconds: a slow token server
        self.token_started = threading.Event()
        app = Flask("fake-wechat")

        @app.post("/cgi-bin/stable_token")
        def stable_token():
            body = request.get_json()
            self.requests.append({"path": "stable_token", "body": body})
            assert body["grant_type"] == "client_credential" and body["appid"] and body["secret"]
            assert isinstance(body["force_refresh"], bool)
            self.token_started.set()
            time.sleep(self.token_delay)
            self.tokens_issued += 1
            return jsonify(access_token=f"TOKEN{self.tokens_issued}", expires_in=7200)

        @app.post("/cgi-bin/message/custom/send")
        def custom_send():
            body = json.loads(request.get_data(as_text=True))
            self.requests.append({"path": "custom_send", "token": request.args.get("access_token"), "body": body})
            assert request.content_type.startswith("application/json")
            assert set(body) == {"touser", "msgtype", "text"} and body["msgtype"] == "text"
            assert set(body["text"]) == {"content"}
            code = self.send_errcodes.pop(0) if self.send_errcodes else 0
            if code == 0 and request.args.get("access_token") != f"TOKEN{self.tokens_issued}":
                code = 40001
            return jsonify(errcode=code, errmsg="ok" if code == 0 else "error")

        @app.post("/cgi-bin/message/template/send")
        def template_send():
            body = json.loads(request.get_data(as_text=True))
            self.requests.append({"path": "template_send", "token": request.args.get("access_token"), "body": body})
            assert set(body) == {"touser", "template_id", "data"} and body["touser"] and body["template_id"]
            for key, field in body["data"].items():  # 2023 rules: short fields, no first/remark, no colours
                assert set(field) == {"value"} and key not in ("first", "remark")
                if key.startswith("thing"):
                    assert 0 < len(field["value"]) <= 20
                if key.startswith("time"):
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", field["value"])
            code = self.send_errcodes.pop(0) if self.send_errcodes else 0
            return jsonify(errcode=code, errmsg="ok" if code == 0 else "error", msgid=200163835 + len(self.requests))

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sends(self):
        return [r for r in self.requests if r["path"] == "custom_send"]


@pytest.fixture
def api():
    fake = FakeWeChatAPI()
    yield fake
    fake.server.shutdown()


@pytest.fixture
def push(api, store, clock):
    return WeChatCustomPush("wxapp", "secret", store, clock, api.base)


def test_sends_text_in_the_documented_format_and_caches_the_token(api, push):
    assert push.push("oUser1", "张三老师，生日快乐！").status == "sent"
    assert push.push("oUser2", "你好").status == "sent"
    assert api.tokens_issued == 1  # cached in the database, shared by every process
    assert [s["body"] for s in api.sends()] == [
        {"touser": "oUser1", "msgtype": "text", "text": {"content": "张三老师，生日快乐！"}},
        {"touser": "oUser2", "msgtype": "text", "text": {"content": "你好"}}]
    assert all(s["token"] == "TOKEN1" for s in api.sends())


def test_token_is_refreshed_when_expired_or_rejected(api, push, clock):
    push.push("o1", "a")
    clock.advance(hours=2)
    push.push("o1", "b")
    assert api.tokens_issued == 2
    api.send_errcodes = [40001]  # token invalidated elsewhere
    assert push.push("o1", "c").status == "sent"
    assert api.tokens_issued == 3
    assert [r["body"]["force_refresh"] for r in api.requests if r["path"] == "stable_token"] == [False, False, True]


def test_platform_refusals_are_said_plainly(api, push):
    api.send_errcodes = [45015]
    result = push.push("o1", "x")
    assert result.status == "skipped" and "48小时窗口已过" in result.reason
    api.send_errcodes = [48001]
    result = push.push("o1", "x")
    assert result.status == "skipped" and "公众号无推送权限" in result.reason
    api.send_errcodes = [45047]
    result = push.push("o1", "x")
    assert result.status == "failed" and result.retryable


def test_the_sender_delivers_through_the_api_for_a_service_account(api, tmp_path, clock):
    from bot.app import Bot
    from bot.push import Sender
    from tests.conftest import make_config

    bot = Bot(make_config(tmp_path, wechat={"account_type": "service", "app_secret": "s", "api_base": api.base}), clock)
    member = bot.store.members.add(staff_no="1", name="甲")
    bot.store.bindings.bind("wechat", "oA", member.id)
    bot.store.channel_users.seen("wechat", "oA")  # wrote within 48 hours
    bot.store.outbox.enqueue("promotion", member.id, "候补转正")
    report = Sender(bot.store, clock, bot.config, bot.transports()).drain()
    assert report.sent == 1 and api.sends()[0]["body"]["touser"] == "oA"
    clock.advance(hours=49)
    bot.store.outbox.enqueue("promotion", member.id, "又一条")
    Sender(bot.store, clock, bot.config, bot.transports()).drain()
    row = bot.store.outbox.list()[-1]
    assert row["status"] == "skipped" and row["reason"].startswith("48小时窗口已过")
    assert len(api.sends()) == 1


def test_a_slow_token_server_does_not_block_webhook_writes(api, tmp_path, clock):
    """The token fetch used to run inside BEGIN IMMEDIATE: every webhook write waited for it, up to
    WeChat's 5-second deadline. Now a webhook finishes while the fetch is still under way."""
    from bot.app import create_app
    from tests.conftest import make_config
    from tests.helpers import WeChatClient

    app = create_app(make_config(tmp_path, wechat={"account_type": "service", "app_secret": "s",
                                                   "api_base": api.base}), clock)
    bot = app.extensions["unionbot"]
    api.token_delay = 2.0
    errors = []

    def fetch():
        try:
            bot.transports()["wechat"].access_token()
        except Exception as exc:
            errors.append(exc)

    fetcher = threading.Thread(target=fetch)
    fetcher.start()
    assert api.token_started.wait(5)
    wechat = WeChatClient(app.test_client(), "plaintext", clock)
    started = time.monotonic()
    reply = wechat.say("oTeacher", "你好")  # claims the inbox, records the user: database writes
    elapsed = time.monotonic() - started
    fetcher.join()
    assert errors == [] and "您好" in reply
    assert elapsed < 1.0, f"webhook waited {elapsed:.2f}s for the token fetch"


def test_two_processes_refresh_the_token_once(api, store, clock):
    from storage import Store

    api.token_delay = 0.5
    pushes = [WeChatCustomPush("wxapp", "secret", Store.open(store.db.path, clock), clock, api.base) for _ in range(2)]
    tokens = []
    assert run_in_threads(lambda p: tokens.append(p.access_token()), pushes) == []
    assert tokens == ["TOKEN1", "TOKEN1"] and api.tokens_issued == 1


def test_a_worker_that_looked_just_before_another_stored_the_token_does_not_fetch_again(store, clock):
    """The interleaving a fresh-clone CI run once hit: worker B reads "no token", worker A stores one
    and drops its lease, B takes the free lease. B must re-read the cache, not fetch a second token
    (each fetch invalidates the other worker's token on the platform)."""
    from bot.channels.tokens import TokenCache

    fetched = []

    def fetch(force):
        fetched.append(force)
        return f"T{len(fetched)}", 7200

    a = TokenCache(store, clock, "k", fetch)
    b = TokenCache(store, clock, "k", fetch)
    real_cached, stale_reads = b._cached, [None]
    b._cached = lambda: stale_reads.pop() if stale_reads else real_cached()  # B's first look is from before A
    assert a.get() == "T1"
    assert b.get() == "T1" and fetched == [False]


def test_notices_a_teacher_triggered_go_as_templates_on_a_verified_service_account(api, tmp_path, clock):
    """Outside the 48-hour window a promotion or a suggestion answer still arrives as a 模板消息 when a
    template is configured; a greeting nobody asked for never goes as a template; without a template
    the row says why it was skipped."""
    from bot.app import Bot
    from bot.push import Sender
    from tests.conftest import make_config

    wechat = {"account_type": "verified_service", "app_secret": "s", "api_base": api.base,
              "template_id_promotion": "TPL-PROMO", "template_id_suggestion_reply": "TPL-REPLY"}
    bot = Bot(make_config(tmp_path, wechat=wechat), clock)
    member = bot.store.members.add(staff_no="1001", name="甲")
    bot.store.bindings.bind("wechat", "oA", member.id)
    bot.store.channel_users.seen("wechat", "oA")
    clock.advance(hours=72)  # she has not written for three days
    bot.store.outbox.enqueue("promotion", member.id, "甲老师，您已从候补转为报名成功：「教职工拔河比赛」9月20日 15:00，操场。")
    bot.store.outbox.enqueue("greeting", member.id, "甲老师，生日快乐！")
    bot.store.outbox.enqueue("checkup_notice", member.id, "体检通知")  # no template configured for it
    Sender(bot.store, clock, bot.config, bot.transports()).drain()
    rows = {r["kind"]: r for r in bot.store.outbox.list()}
    assert rows["promotion"]["status"] == "sent" and rows["promotion"]["channel"] == "wechat"
    assert rows["greeting"]["status"] == "skipped" and rows["greeting"]["reason"].startswith("48小时窗口已过")
    assert rows["checkup_notice"]["status"] == "skipped"
    sent = [r for r in api.requests if r["path"] == "template_send"]
    assert len(sent) == 1 and sent[0]["body"]["template_id"] == "TPL-PROMO" and sent[0]["body"]["touser"] == "oA"
    assert sent[0]["body"]["data"]["thing1"]["value"] == "候补转为报名成功"
    assert sent[0]["body"]["data"]["thing3"]["value"].startswith("甲老师")
    assert api.sends() == []  # no 客服消息 was tried outside the window


def test_template_refusals_are_said_plainly(api, store, clock):
    section = {"account_type": "verified_service", "template_id_promotion": "TPL"}
    push = WeChatCustomPush("wxapp", "secret", store, clock, api.base, section=section)
    api.send_errcodes = [43004]
    assert push.push("o1", "x", kind="promotion").reason.startswith("用户已取消关注")
    api.send_errcodes = [40037, 45015]  # a wrong template id: the 客服消息 is tried, and says both
    result = push.push("o1", "x", kind="promotion")
    assert result.status == "skipped" and "模板 id 无效" in result.reason
    section["account_type"] = "service"  # not verified: never a template
    assert push.push("o1", "x", kind="promotion").status == "sent" and api.sends()[-1]["body"]["touser"] == "o1"
