"""The baseline: a bare Flask + wechatpy 公众号 bot that checks the signature, parses the message and
echoes its text. What any wechatpy tutorial builds; our bot is measured against it (bench/webhook.py).
In safe mode (`encrypt_type=aes`) it decrypts and encrypts with wechatpy's WeChatCrypto.

    gunicorn bench.echo_bot:app    (TOKEN from UNIONBOT_BENCH_TOKEN; UNIONBOT_BENCH_AES_KEY and
                                    UNIONBOT_BENCH_APP_ID for safe mode)
"""

from __future__ import annotations

import os

from flask import Flask, abort, request
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

TOKEN = os.environ.get("UNIONBOT_BENCH_TOKEN", "bench-token")
AES_KEY = os.environ.get("UNIONBOT_BENCH_AES_KEY", "")
APP_ID = os.environ.get("UNIONBOT_BENCH_APP_ID", "")
crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID) if AES_KEY else None
app = Flask(__name__)


@app.route("/wechat", methods=["GET", "POST"])
def wechat():
    args = request.args
    timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
    try:
        check_signature(TOKEN, args.get("signature", ""), timestamp, nonce)
    except InvalidSignatureException:
        abort(403)
    if request.method == "GET":
        return args.get("echostr", "")
    aes = args.get("encrypt_type") == "aes"
    if aes:
        if crypto is None:
            abort(400)
        try:
            xml = crypto.decrypt_message(request.data, args.get("msg_signature", ""), timestamp, nonce)
        except (InvalidSignatureException, InvalidAppIdException):
            abort(403)
    else:
        xml = request.data
    msg = parse_message(xml)
    if msg is None:
        abort(400)
    content = getattr(msg, "content", "") or "success"
    reply = TextReply(content=content, message=msg).render()
    return crypto.encrypt_message(reply, nonce, timestamp) if aes else reply


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
