"""A poll's counting key (计票密钥) and the sealed ballots (storage/polls.py).

When a poll is created the server makes a secret of 16 random bytes; the poll's X25519 key pair is
derived from it (HKDF), the public key is stored with the poll and the secret is shown to the officer
once, as a code of 32 letters and digits in groups of four (base32: the secret and a 4-byte check, so
a mistyped code is caught before anything is tried). The secret is stored nowhere: no file holds what
opens the ballots until someone types it at counting.

A ballot (its choices and its receipt) is sealed to the poll's public key, the way Helios and its kin
do it: an ephemeral X25519 key, HKDF-SHA256 of the shared secret, AES-GCM, the text padded to one size
per poll. The row holds the ephemeral public key, the nonce and the ciphertext; nothing in it says what
was chosen, and only the counting key opens it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SECRET_BYTES = 16
CHECK_BYTES = 4
PAD = 256


class BadKey(ValueError):
    """A counting key that is mistyped (its check fails) or not this poll's."""


def _check(secret: bytes) -> bytes:
    return hashlib.sha256(b"counting key\x00" + secret).digest()[:CHECK_BYTES]


def _private(secret: bytes) -> X25519PrivateKey:
    seed = HKDF(hashes.SHA256(), 32, salt=None, info=b"poll counting key").derive(secret)
    return X25519PrivateKey.from_private_bytes(seed)


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def new_key() -> tuple[str, str]:
    """(the code shown to the officer once, the public key stored with the poll, hex)."""
    secret = os.urandom(SECRET_BYTES)
    text = base64.b32encode(secret + _check(secret)).decode()
    code = "-".join(text[i:i + 4] for i in range(0, len(text), 4))
    return code, _raw(_private(secret).public_key()).hex()


def open_key(code: str, public_hex: str) -> X25519PrivateKey:
    """The private key a typed code stands for; BadKey (a Chinese sentence) when it is mistyped or
    belongs to another poll. Spaces, dashes and case do not matter; 0, 1 and 8 read as O, I and B."""
    text = re.sub(r"[^A-Za-z0-9]", "", code or "").upper().translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(text) if len(text) == 32 else b""
    except ValueError:
        raw = b""
    if len(raw) != SECRET_BYTES + CHECK_BYTES or _check(raw[:SECRET_BYTES]) != raw[SECRET_BYTES:]:
        raise BadKey("计票密钥有误（校验不符）：请核对是否抄错，应为 8 组、每组 4 个字母或数字。未计票。")
    private = _private(raw[:SECRET_BYTES])
    if _raw(private.public_key()).hex() != public_hex:
        raise BadKey("这不是本次投票的计票密钥（新建投票时只显示一次的那一串）。未计票。")
    return private


def _cipher(shared: bytes, ephemeral: bytes, public: bytes) -> AESGCM:
    key = HKDF(hashes.SHA256(), 32, salt=None, info=b"ballot seal\x00" + ephemeral + public).derive(shared)
    return AESGCM(key)


def size_for(questions: list[dict]) -> int:
    """The one padded size of a poll's ballots: room for the longest choices and a receipt."""
    longest = sum(len(str(len(q["options"]))) + 4 for q in questions) + 64
    return -(-longest // PAD) * PAD


def seal(public_hex: str, size: int, bound: str, receipt: str, choices: str) -> bytes:
    """The ballot sealed to the poll's public key; `bound` (the row's key) is authenticated with it,
    so a sealed ballot cannot be moved to another row."""
    public = bytes.fromhex(public_hex)
    ephemeral = X25519PrivateKey.generate()
    eph = _raw(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    body = json.dumps({"r": receipt, "c": choices}).encode()
    if len(body) + 4 > size:
        raise ValueError("ballot larger than its poll's sealed size")
    plain = struct.pack(">I", len(body)) + body + bytes(size - 4 - len(body))
    nonce = os.urandom(12)
    return eph + nonce + _cipher(shared, eph, public).encrypt(nonce, plain, bound.encode())


def unseal(private: X25519PrivateKey, blob: bytes, bound: str) -> dict:
    """{"receipt", "choices"} of a sealed ballot; ValueError when it does not open."""
    eph, nonce, body = blob[:32], blob[32:44], blob[44:]
    public = _raw(private.public_key())
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph))
    try:
        plain = _cipher(shared, eph, public).decrypt(nonce, body, bound.encode())
    except InvalidTag:
        raise ValueError("a sealed ballot that does not open with this key") from None
    (length,) = struct.unpack(">I", plain[:4])
    data = json.loads(plain[4:4 + length])
    return {"receipt": data["r"], "choices": data["c"]}
