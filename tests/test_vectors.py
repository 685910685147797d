"""Published WeChat vectors (../shared/vectors/wechat.json) through the project's own code paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.channels.base import WebhookError
from bot.channels.wechat_mp import WeChatMPChannel, encrypt_payload, sign
from bot.clock import FrozenClock

VECTORS_FILE = Path(__file__).resolve().parents[2] / "shared" / "vectors" / "wechat.json"
LOCAL_COPY = Path(__file__).parent / "data" / "wechat_vectors.json"


def load_vectors(platform: str) -> list[dict]:
    path = VECTORS_FILE if VECTORS_FILE.exists() else LOCAL_COPY
    vectors = json.loads(path.read_text("utf-8"))["vectors"]
    return [v for v in vectors if v["platform"] == platform]


MP = {v["name"]: v for v in load_vectors("wechat_mp")}



def at(timestamp: str) -> FrozenClock:
    """A clock at the vector's own time: requests are only accepted within minutes of their timestamp."""
    import datetime as dt

    return FrozenClock(dt.datetime.fromtimestamp(int(timestamp), dt.UTC))

def test_every_mp_vector_is_covered():
    assert set(MP) == {"mp_decrypt_text", "mp_encrypt_fixed_random", "mp_plain_signature"}


def test_shared_vectors_match_local_copy():
    if not VECTORS_FILE.exists():
        pytest.skip("shared/ not beside the checkout")
    assert json.loads(VECTORS_FILE.read_text("utf-8")) == json.loads(LOCAL_COPY.read_text("utf-8"))


def test_mp_plain_signature():
    v = MP["mp_plain_signature"]
    assert sign(v["token"], v["timestamp"], v["nonce"]) == v["expected_signature"]
    channel = WeChatMPChannel(v["token"], clock=at(v["timestamp"]))
    args = {"signature": v["expected_signature"], "timestamp": v["timestamp"], "nonce": v["nonce"], "echostr": "ok"}
    assert channel.verify_url(args) == "ok"
    with pytest.raises(WebhookError) as err:
        channel.verify_url({**args, "signature": "0" * 40})
    assert err.value.status == 403


def test_mp_decrypt_text_through_channel_parse():
    v = MP["mp_decrypt_text"]
    channel = WeChatMPChannel(v["token"], v["app_id"], v["encoding_aes_key"], "safe", at(v["timestamp"]))
    args = {
        "timestamp": v["timestamp"], "nonce": v["nonce"], "encrypt_type": "aes", "msg_signature": v["msg_signature"],
        "signature": sign(v["token"], v["timestamp"], v["nonce"]),
    }
    body = f"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[{v['encrypt']}]]></Encrypt></xml>"
    parsed = channel.parse(args, body.encode())
    assert parsed.encrypted
    assert parsed.message.text == "abcdteT"
    assert parsed.message.user_id == "oyORnuP8q7ou2gfYjqLzSIWZf0rs"
    assert parsed.message.msg_id == "6054768590064713728"
    # and the raw decryption gives exactly the published plaintext
    assert channel.crypto.decrypt_message(
        {"Encrypt": v["encrypt"]}, v["msg_signature"], v["timestamp"], v["nonce"]) == v["expected_plaintext"]


def test_mp_decrypt_rejects_tampered_signature():
    v = MP["mp_decrypt_text"]
    channel = WeChatMPChannel(v["token"], v["app_id"], v["encoding_aes_key"], "safe", at(v["timestamp"]))
    args = {"timestamp": v["timestamp"], "nonce": v["nonce"], "encrypt_type": "aes",
            "msg_signature": "f" * 40, "signature": sign(v["token"], v["timestamp"], v["nonce"])}
    body = f"<xml><Encrypt><![CDATA[{v['encrypt']}]]></Encrypt></xml>"
    with pytest.raises(WebhookError) as err:
        channel.parse(args, body.encode())
    assert err.value.status == 403


def test_mp_encrypt_fixed_random():
    v = MP["mp_encrypt_fixed_random"]
    assert encrypt_payload(v["encoding_aes_key"], v["app_id"], v["plaintext"], v["random"]) == v["expected_encrypt"]


def test_encrypted_reply_round_trips_with_fixed_random():
    v = MP["mp_encrypt_fixed_random"]
    channel = WeChatMPChannel("tok", v["app_id"], v["encoding_aes_key"], "safe", at("1409735669"))
    xml = "<xml><ToUserName><![CDATA[u]]></ToUserName><FromUserName><![CDATA[gh]]></FromUserName>" \
          "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>"
    args, body = channel.build_request(xml, "1409735669", "n1", encrypted=True, random=v["random"])
    parsed = channel.parse(args, body.encode())
    reply = channel.render(parsed, "我是中文abcd123", nonce="n2", timestamp="1409735670", random=v["random"])
    assert channel._parse_xml(channel.decrypt_reply(reply))["Content"] == "我是中文abcd123"
    # deterministic with a fixed random part
    assert reply == channel.render(parsed, "我是中文abcd123", nonce="n2", timestamp="1409735670", random=v["random"])
