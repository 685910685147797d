"""Test helpers: chat scripts and real WeChat requests through the Flask test client."""

from __future__ import annotations

import itertools
import threading

from bot.channels.wechat_mp import WeChatMPChannel, event_xml, text_message_xml
from bot.messages import IncomingMessage

ACCOUNT = "gh_test_account"
TOKEN = "test-token"
APP_ID = "wxtest0123456789"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def run_in_threads(target, items) -> list[Exception]:
    """Run target(item) for each item on its own thread; return the exceptions they raised (a thread's
    exception would otherwise vanish and the test pass)."""
    errors: list[Exception] = []

    def run(item):
        try:
            target(item)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


class Chat:
    """A chat script: `chat.say("帮助")` returns the bot's reply text, as the user would see it."""

    _ids = itertools.count(1)

    def __init__(self, bot, user: str = "u-test", channel: str = "test") -> None:
        self.bot = bot
        self.user = user
        self.channel = channel
        self.transcript: list[tuple[str, str]] = []

    def say(self, text: str) -> str:
        msg = IncomingMessage(self.channel, f"m{next(self._ids)}", self.user, text, received_at=self.bot.clock.now())
        reply = self.bot.dispatch(msg)
        self.transcript.append((text, reply))
        return reply

    def as_(self, user: str) -> Chat:
        return Chat(self.bot, user, self.channel)


class WeChatClient:
    """Sends what WeChat would send to /wechat in a given mode and returns the reply as the user sees it."""

    _ids = itertools.count(10_000_000)
    _nonces = itertools.count(1)

    def __init__(self, client, mode: str, clock, token: str = TOKEN) -> None:
        self.client = client
        self.mode = mode
        self.clock = clock
        self.channel = WeChatMPChannel(token, APP_ID, AES_KEY, mode, clock)

    def post_xml(self, xml: str, *, encrypted: bool | None = None, args_override: dict | None = None):
        encrypted = self.mode != "plaintext" if encrypted is None else encrypted
        timestamp, nonce = str(self.clock.timestamp()), f"n{next(self._nonces)}"  # WeChat sends a fresh nonce
        args, body = self.channel.build_request(xml, timestamp, nonce, encrypted)
        args.update(args_override or {})
        return self.client.post("/wechat", query_string=args, data=body.encode("utf-8"), content_type="text/xml")

    def reply_content(self, resp) -> str:
        body = resp.get_data(as_text=True)
        assert resp.status_code == 200, (resp.status_code, body)
        if body == "success":
            return ""
        if self.mode != "plaintext":
            assert "<Encrypt>" in body, "reply must be encrypted when the request was"
            body = self.channel.decrypt_reply(body)
        return self.channel._parse_xml(body)["Content"]

    def text(self, user: str, content: str, msg_id: str | None = None):
        msg_id = msg_id or str(next(self._ids))
        return self.post_xml(text_message_xml(user, ACCOUNT, content, msg_id, self.clock.timestamp()))

    def say(self, user: str, content: str, msg_id: str | None = None) -> str:
        return self.reply_content(self.text(user, content, msg_id))

    def event(self, user: str, event: str):
        return self.post_xml(event_xml(user, ACCOUNT, event, self.clock.timestamp()))


def release(store) -> int:
    """The day's release of suggestions from the tray, now (production: after midnight)."""
    return store.suggestions.release(before="9999-12-31")


def standard_script(say, store) -> None:
    """The conversation every channel must carry the same way: bind (with the phone's last four
    digits), sign up, 我的报名, an anonymous suggestion that stores no sender. `say(user, text)`
    returns the reply the teacher sees on that channel."""
    assert say("zhangsan", "绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"
    assert say("zhangsan", "1024").startswith("绑定成功！张三老师")
    assert say("zhangsan", "报名拔河").startswith("确认报名「教职工拔河比赛」吗？")
    assert say("zhangsan", "是").startswith("报名成功！「教职工拔河比赛」")
    assert "教职工拔河比赛 — 已报名" in say("zhangsan", "我的报名")
    reply = say("zhangsan", "匿名反馈一下：三楼厕所经常没水")
    assert reply.startswith("已收到您的建议（匿名），编号 ")
    assert release(store) == 1
    assert store.db.scalar("SELECT member_id FROM suggestions") is None


def database_before(path, migration: str):
    """A database file migrated up to (not including) `migration`, as an older install left it; returns
    (database, the names from `migration` on, which `migrate` must then apply)."""
    from storage.db import Database
    from storage.migrations import MIGRATIONS

    db = Database(str(path))
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    names = [n for n, _ in MIGRATIONS]
    mine = names.index(migration)
    for name, apply in MIGRATIONS[:mine]:
        with db.transaction():
            apply(db)
            db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
    return db, names[mine:]


def count_poll(store, poll: dict) -> dict:
    """Close a poll now and count it with its 计票密钥 (the code `create` returned once), as the
    committee does in two steps: the poll as counted."""
    store.polls.close(poll["id"])
    return store.polls.count(poll["id"], poll["counting_key"])
