"""HMAC-SHA256, the same bytes as `hmac.digest(key, msg, "sha256")`, for the few keys a process holds.

Each message takes two or three keyed hashes of short inputs (its dedup key, its reply's sealing key, a
conversation's row key). Through OpenSSL 3, `hmac.digest` fetches the digest and sets up the key at every call:
~7.7 µs of CPU each (measured under the shared machine's load), ~2.7 µs this way, for a few dozen bytes. HMAC is
H((K ^ opad) || H((K ^ ipad) || msg)): the two padded-key states are made once per key (a key is the process key,
the installation's dedup secret, or both: a few, kept in a small bounded cache beside the keys already in memory)
and copied per message, with CPython's own SHA-256, which has no per-call fetch (issue 23, perf24)."""

from __future__ import annotations

import functools
import hmac

try:  # CPython's built-in SHA-256 (3.11: _sha256; 3.12 on: _sha2)
    from _sha256 import sha256 as _sha256
except ImportError:  # pragma: no cover - another Python
    try:
        from _sha2 import sha256 as _sha256
    except ImportError:
        _sha256 = None

BLOCK = 64  # SHA-256's block size


@functools.lru_cache(maxsize=8)
def _padded(key: bytes):
    """The inner and outer hash states with the key's pads hashed in (what every HMAC under `key` starts from)."""
    if len(key) > BLOCK:
        key = _sha256(key).digest()
    key = key.ljust(BLOCK, b"\x00")
    return _sha256(key.translate(hmac.trans_36)), _sha256(key.translate(hmac.trans_5C))


def hmac_sha256(key: bytes, msg: bytes) -> bytes:
    """`hmac.digest(key, msg, "sha256")`."""
    if _sha256 is None:  # pragma: no cover
        return hmac.digest(key, msg, "sha256")
    inner, outer = _padded(key)
    inner, outer = inner.copy(), outer.copy()
    inner.update(msg)
    outer.update(inner.digest())
    return outer.digest()
