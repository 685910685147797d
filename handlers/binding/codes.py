"""The one-time binding codes the union hands out (a slip per member): only their hashes are stored, the code
alone finds its member when sent on its own."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3

CODE_DAYS = 7
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def code_hash(member_id: int, code: str) -> str:
    return hashlib.sha256(f"unionbot-bind-code|{member_id}|{code.strip().upper()}".encode()).hexdigest()


def code_key(code: str) -> str:
    """The hash of the code alone: what finds the member when the code is sent on its own."""
    return hashlib.sha256(f"unionbot-bind-code-key|{code.strip().upper()}".encode()).hexdigest()


def issue_code(store, member_id: int, clock, days: int = CODE_DAYS) -> str:
    """A fresh one-time code for the member (replacing any earlier one), valid `days` days; only its
    hashes are stored. Always a letter and a digit (never read as a 工号 or a name), never one another
    member holds."""
    expires = (clock.now() + dt.timedelta(days=days)).isoformat(timespec="seconds")
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if code.isdigit() or code.isalpha():
            continue
        try:
            store.bindings.issue_code(member_id, code_hash(member_id, code), expires, code_key(code))
        except sqlite3.IntegrityError:  # the same code is out for someone else: draw again
            continue
        return code
