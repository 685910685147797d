"""Issue 23, perf24: a message's keyed hashes (its dedup key, its reply's sealing key, a conversation's row key) are
HMAC-SHA256 as before, byte for byte, without OpenSSL's per-call setup (storage/keyedhash.py): the padded key's hash
states are made once per key and copied per message. A retry still finds its reply, and a restart still cannot."""

from __future__ import annotations

import hmac
import os

import pytest

from bot.demo import seed
from storage import keyedhash
from storage.keyedhash import hmac_sha256


@pytest.mark.parametrize("size", [0, 1, 31, 32, 63, 64, 65, 200])
def test_the_keyed_hash_is_hmac_sha256_byte_for_byte(size):
    key = os.urandom(size)
    for msg in (b"", b"x", b"wechat\x00ob-12\x00100001", "回复\x00王芳".encode(), os.urandom(64), os.urandom(1000)):
        assert hmac_sha256(key, msg) == hmac.digest(key, msg, "sha256"), (size, msg)
        assert hmac_sha256(key, msg) == hmac.digest(key, msg, "sha256")  # (the kept states are copied, never changed)


def test_the_keys_kept_are_few():
    keyedhash._padded.cache_clear()
    for i in range(50):
        hmac_sha256(bytes([i]) * 32, b"m")
    assert keyedhash._padded.cache_info().currsize <= 8


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = hmac.digest
    monkeypatch.setattr(hmac, "digest", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    return calls


def test_a_message_and_its_retry_take_no_openssl_hmac(plain_wechat, counted):
    seed(plain_wechat.app.extensions["unionbot"].store, plain_wechat.clock)
    first = plain_wechat.text("o-perf24", "最近有什么活动", msg_id="424242")
    again = plain_wechat.text("o-perf24", "最近有什么活动", msg_id="424242")  # WeChat's retry: the reply kept for it
    assert first.status_code == again.status_code == 200
    assert plain_wechat.reply_content(first) == plain_wechat.reply_content(again)
    assert "活动" in plain_wechat.reply_content(first)
    assert counted == []
