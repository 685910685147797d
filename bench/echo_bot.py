"""The baseline: a bare Flask + wechatpy 公众号 bot that checks the signature, parses the message and
echoes its text. What any wechatpy tutorial builds; our bot is measured against it (bench/webhook.py).

    gunicorn bench.echo_bot:app    (TOKEN from UNIONBOT_BENCH_TOKEN)
"""

from __future__ import annotations

import os

from flask import Flask, abort, request
from wechatpy import parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

TOKEN = os.environ.get("UNIONBOT_BENCH_TOKEN", "bench-token")
app = Flask(__name__)


@app.route("/wechat", methods=["GET", "POST"])
def wechat():
    args = request.args
    try:
        check_signature(TOKEN, args.get("signature", ""), args.get("timestamp", ""), args.get("nonce", ""))
    except InvalidSignatureException:
        abort(403)
    if request.method == "GET":
        return args.get("echostr", "")
    msg = parse_message(request.data)
    if msg is None:
        abort(400)
    content = getattr(msg, "content", "") or "success"
    return TextReply(content=content, message=msg).render()


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
