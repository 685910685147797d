"""Who has no open conversation, known without reading the scratch file (issue 23, eighth round).

Most messages come from a teacher with no conversation open (a question, a greeting): reading her row
in the scratch file found nothing, at the price of the writers' lock and SQLite's shared lock on every
message. Each worker now remembers the rows it found missing, and the claims mapping (storage/claims.py,
shared by every process of this machine) holds a token per bucket of conversation keys, in its header
page, that changes whenever a conversation in that bucket is written:

- A writer puts a fresh random token in the row's bucket while it holds the scratch file's writers'
  lock, before its commit (`changing`, from storage/conversations.py's writes).
- A reader takes the token under that same lock, then reads the row; a missing row is remembered
  with that token (`note`). A remembered absence counts (`known`) only while the bucket's token is the
  same: no conversation of that bucket was written since the read. A write whose lock came after the
  read changed the token; one whose lock came before it was committed before the read saw nothing.
  So a conversation another worker created is never missed, whoever creates it next.
- A token of zero (a new mapping's header, or one cut and mended) is never trusted: the reader makes
  one, under the lock, before reading.
- Only while this machine's mapping is the installation's only one (storage/claims_home.py): another
  host's writers cannot change our tokens, so while one is named, and whenever the names change,
  what was remembered is forgotten and every message reads its row. Without a mapping
  (UNIONBOT_CLAIMS=file), every message reads its row, as before; such a process, whose writes change no
  token, names itself in the home file at its first claim (storage/inbox.py), so the others stop trusting.
- The tokens are touched without the mapping's lock: a file cut short is mended first (`_whole`).

The same tokens vouch for a row this process read or wrote (issue 23, fifteenth round): a row read
after taking its bucket's token, or written under the lock that moved it (remembered only once the
commit is done), is the row while the token stays the same, so a teacher's next message needs no read.
For that, deletes move the token too (an absence survives a delete, a kept row must not); the hourly
purge of expired rows does not need to: a kept row is used only while it has not expired, and the
purge deletes only expired rows. The kept rows are what the file holds (sealed payloads, in memory).

The tokens are random: a copy of the mapping shows which buckets (of a keyed hash nobody can compute
without the in-memory process key) had a conversation written between two copies, as two copies of the
scratch file show which rows changed; no count, no time, no order.
"""

from __future__ import annotations

import os
import secrets
import struct

from storage.claims import HEADER

TOKENS_AT = 1024  # the header page's bytes from here on (the claims' header uses the first 20)
BUCKETS = (HEADER - TOKENS_AT) // 8  # 384 tokens of 8 bytes
REMEMBER = 50_000  # rows remembered missing, per process (then forgotten all at once)
KEEP_ROWS = 2048  # conversation rows kept, per process (about 8 KB each, sealed; then forgotten all at once)


class Absences:
    """The rows this process found missing, valid while their bucket's token stays the same."""

    def __init__(self, inbox) -> None:
        self.inbox = inbox  # storage/inbox.py InboxRepo: its mapping, and whether that is the only one
        self._known: dict[str, int] = {}
        self._rows: dict[str, tuple[int, dict]] = {}  # key → (token, row): rows read or written, kept
        self._home: object = None  # the inbox's home record when the remembered rows were read

    @staticmethod
    def _whole(table):
        """`table`, its file's length back first if it was cut short: the tokens are read and written
        without the mapping's lock (taking it inside a scratch transaction would turn the lock order
        round), and touching a page past the file's end is a SIGBUS. What was cut reads as zero tokens,
        never trusted; mending is idempotent (the same length, the same header), so no lock is needed."""
        if table.path is not None and os.fstat(table._fd).st_size < table._size():
            table._mend()
        return table

    @staticmethod
    def _at(key: str) -> int:
        return TOKENS_AT + (int(key[:8], 16) % BUCKETS) * 8

    def _usable(self):
        """The mapping, when remembered rows may be trusted (else None, and they are forgotten)."""
        table, home = self.inbox.table, self.inbox._home
        if table is None or home is None or not home[1]:
            self._forget()
            return None
        table = self._whole(table)
        if home is not self._home:  # the names in the home file changed: a host may have come and gone
            self._forget()
            self._home = home
        return table

    def _forget(self) -> None:
        if self._known:
            self._known.clear()
        if self._rows:
            self._rows.clear()

    def known(self, key: str) -> bool:
        """Whether the row of `key` is known to be missing (no read needed)."""
        return self.recall(key) == (True, None)

    def recall(self, key: str) -> tuple[bool, dict | None]:
        """(True, the row or None when missing) when this process knows the row of `key` as it is now
        (no write to its bucket since it was read or written here); else (False, None): read it."""
        token, row = self._known.get(key), None
        if token is None:
            kept = self._rows.get(key)
            if kept is None:
                return False, None
            token, row = kept
        table = self._usable()
        if table is not None and struct.unpack_from("<Q", table.mm, self._at(key))[0] == token:
            return True, row
        self._known.pop(key, None)
        self._rows.pop(key, None)
        return False, None

    def token(self, key: str) -> int:
        """The bucket's token, made when it has none (call under the scratch writers' lock, before the read)."""
        table = self._usable()
        if table is None:
            return 0
        at = self._at(key)
        token = struct.unpack_from("<Q", table.mm, at)[0]
        if not token:
            token = self._fresh(table, at)
        return token

    def note(self, key: str, token: int, row: dict | None = None) -> None:
        """The row of `key` was `row` (None: missing) when read after `token` was taken, or when written
        by the commit that put `token` in its bucket (call after that commit)."""
        if token and self._usable() is not None:
            if row is None:
                self._rows.pop(key, None)
                if len(self._known) >= REMEMBER:
                    self._known.clear()
                self._known[key] = token
            else:
                self._known.pop(key, None)
                if len(self._rows) >= KEEP_ROWS:
                    self._rows.clear()
                self._rows[key] = (token, row)

    def changing(self, key: str) -> int:
        """A conversation of this key is being written or deleted (call under the scratch writers' lock,
        before the commit): every process's remembered row or absence in its bucket stops counting. The
        new token (0 without a mapping), for `note` once the commit is done."""
        self._known.pop(key, None)
        self._rows.pop(key, None)
        table = self.inbox.table
        if table is None:
            return 0
        return self._fresh(self._whole(table), self._at(key))

    @staticmethod
    def _fresh(table, at: int) -> int:
        token = int.from_bytes(secrets.token_bytes(8), "little") or 1
        table.mm[at:at + 8] = struct.pack("<Q", token)
        return token
