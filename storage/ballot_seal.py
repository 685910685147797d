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

The row's key is derived from the poll and the receipt (`ballot_key`), since the receipt is how a voter
finds her ballot again. Whoever holds the files can compute it for a guess as the server does, so its
cost is what stands between a copy of the scratch file and every waiting ballot's receipt (and with it
the power to change that ballot, from any account, before the poll closes). See KDF below.
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

# The row key of a waiting ballot, by version (the version is the prefix of the poll's `ballot_salt`;
# a poll without one was made before scrypt18 and keeps sha256, see ballot_key).
# Receipts (storage/polls.py new_receipt): 8 characters of 31, at least one letter and one digit:
#   31⁸ − 23⁸ − 8⁸ = 774,563,274,944 ≈ 7.7×10¹¹ receipts.
# sha256 (before): 10⁶ guesses a second on one core in Python, ~2×10⁷ in C → all of them in 9 days, or
# 11 hours; a graphics card does ~10¹⁰ a second: 80 seconds.
# "s1", scrypt N = 2¹³, r = 8, p = 1: 128·r·N = 8 MiB of memory a guess, 18 ms of one core of this
# machine (AMD EPYC, measured with the machine otherwise idle; 20–40 ms under the other helpers' load):
# one vote pays it once, well under 50 ms; a check or a change pays it once per poll with ballots waiting.
# An attacker pays it per guess: 7.7×10¹¹ × 0.018 s = 1.4×10¹⁰ s ≈ 440 years of one core per poll (half
# that, on average, for one receipt). A graphics card is bound by memory traffic (≥ 16 MiB written and
# read a guess): at 1 TB/s at most ~6×10⁴ guesses a second, ≥ 150 days a poll, while a ballot can be
# changed only until its poll closes (a few days: one card finds a given receipt in 3 days with a chance
# of ~2%). The salt (16 random bytes, kept with the poll) makes each sweep serve one poll only: no table
# of every receipt's key, and no sweep of one poll reused for the next.
KDF = {"s1": (2 ** 13, 8, 1)}
KDF_NOW = "s1"


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


def new_salt() -> str:
    """A poll's `ballot_salt`: the row-key version of the day and 16 random bytes (hex)."""
    return f"{KDF_NOW}:{os.urandom(16).hex()}"


def ballot_key(poll_id: int, receipt: str, salt: str | None = None) -> str:
    """The scratch-file row key of the ballot with this receipt: scrypt with the poll's salt (KDF above);
    sha256, as before scrypt18, for a poll made before it (no salt: its waiting ballots keep their rows)."""
    text = f"ballot\x00{poll_id}\x00{receipt.upper()}".encode()
    if salt is None:
        return hashlib.sha256(text).hexdigest()[:32]
    version, _, raw = salt.partition(":")
    n, r, p = KDF[version]
    return hashlib.scrypt(text, salt=bytes.fromhex(raw), n=n, r=r, p=p, maxmem=256 * r * n, dklen=16).hex()


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
