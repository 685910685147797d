"""The demo simulator: a chat page that posts real signed (and, in safe mode, encrypted) WeChat XML
to /wechat, so it exercises exactly the code path a real 公众号 does. Enabled by the demo config only.

Only a demo configuration can turn it on (bot/config.py: it signs messages as any user it likes,
so it needs `[wechat] push = "simulator"`, which no real account uses). It is also a push channel for the demo: what the outbox sends to a simulated user (sim-<工号>)
appears on the page.
"""

from __future__ import annotations

import itertools
import re
import threading
import time

from flask import Flask, abort, jsonify, render_template, request

from bot.channels.base import PushResult
from bot.channels.wechat_mp import WeChatMPChannel, event_xml, text_message_xml
from bot.demo import SIM_PREFIX

USER_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_counter = itertools.count(int(time.time() * 1000) % 10**9 * 1000)
_lock = threading.Lock()


def next_msg_id() -> str:
    with _lock:
        return str(next(_counter))


class SimulatorPush:
    """Push transport for simulated users: stores the message for the page to show."""

    name = "simulator"

    def __init__(self, store) -> None:
        self.store = store

    def push(self, user_id: str, text: str, kind: str = "", payload: dict | None = None) -> PushResult:
        self.store.db.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?)",
            (f"sim-push:{user_id}:{time.time_ns()}", text),
        )
        return PushResult("sent")

    def received(self, user_id: str, after: str = "") -> list[dict]:
        """This user's pushes, exactly: a key range (':' is followed by ';'), no LIKE wildcards."""
        prefix = f"sim-push:{user_id}:"
        rows = self.store.db.query(
            "SELECT key, value FROM kv WHERE key > ? AND key < ? ORDER BY key",
            (max(after, prefix), f"sim-push:{user_id};"),
        )
        return [{"id": r["key"], "text": r["value"]} for r in rows]


def register(app: Flask, bot) -> None:
    channel: WeChatMPChannel = bot.channels["wechat"]
    pushes = SimulatorPush(bot.store)
    account = "gh_demo_union"

    def post(xml: str) -> str:
        timestamp, nonce = str(bot.clock.timestamp()), next_msg_id()[-9:]
        args, body = channel.build_request(xml, timestamp, nonce, encrypted=channel.mode != "plaintext")
        resp = app.test_client().post("/wechat", query_string=args, data=body.encode("utf-8"),
                                      content_type="text/xml")
        reply = resp.get_data(as_text=True)
        if resp.status_code != 200:
            return f"（/wechat 返回 HTTP {resp.status_code}: {reply}）"
        if reply == "success":
            return ""
        if "<Encrypt>" in reply:
            reply = channel.decrypt_reply(reply)
        return channel._parse_xml(reply).get("Content", "")

    @app.get("/simulator")
    def simulator_page():
        members = bot.store.db.query(
            "SELECT m.staff_no, m.name, m.group_name, m.status, m.role FROM members m "
            "JOIN bindings b ON b.member_id = m.id AND b.channel = 'wechat' AND b.user_id LIKE 'sim-%' "
            "ORDER BY m.staff_no"
        )
        return render_template("simulator.html", members=members, bot_name=bot.config.get("bot", "name"),
                               mode=channel.mode)

    @app.post("/simulator/send")
    def simulator_send():
        try:
            data = request.get_json(silent=True) or {}
        except RecursionError:  # deeply nested JSON: silent=True only covers ValueError
            abort(400)
        if not isinstance(data, dict):
            abort(400)
        user = str(data.get("user", "")).strip()
        text = str(data.get("text", ""))[:1000]
        event = str(data.get("event", ""))
        if not USER_RE.fullmatch(user) or not (text.strip() or event in ("subscribe", "unsubscribe")):
            abort(400)
        openid = user if user.startswith(SIM_PREFIX) else SIM_PREFIX + user
        if event:
            xml = event_xml(openid, account, event, bot.clock.timestamp())
        else:
            xml = text_message_xml(openid, account, text, next_msg_id(), bot.clock.timestamp())
        return jsonify({"reply": post(xml)})

    @app.get("/simulator/pushes")
    def simulator_pushes():
        user = request.args.get("user", "")
        if not USER_RE.fullmatch(user):
            abort(400)
        openid = user if user.startswith(SIM_PREFIX) else SIM_PREFIX + user
        return jsonify({"pushes": pushes.received(openid, request.args.get("after", ""))})
