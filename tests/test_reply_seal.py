"""The reply kept for a platform's retry (storage/scratch.py `seal_reply`): compressed and sealed to one
size for nearly every reply, so the activity list's row stays in its page (no overflow page per
message), a copy cannot tell a greeting from the activity list, and a retry still reads the exact
text; and one message's cached reads look for other processes' commits once (storage/db.py `one_look`)."""

from __future__ import annotations

import secrets
import sqlite3

from bot.clock import FrozenClock
from storage import Store
from storage.scratch import PAD, REPLY_SIZE, delivery_key, seal, seal_reply, unseal

ACTIVITIES = "最近的活动：\n" + "".join(
    f"{i}. 🏸 教工羽毛球友谊赛（第{i}场） 12月{i + 3}日 周六 14:00 体育馆 还有{i + 2}个名额，回复“报名羽毛球”\n"
    for i in range(1, 9))
SEALED = 12 + 16  # nonce and tag


def test_every_usual_reply_is_sealed_to_one_size_and_reads_back_exactly():
    key = delivery_key("wechat", "ob-1", "1001")
    assert len(ACTIVITIES.encode()) > 900  # this list spilled into an overflow page before
    for text in ("你好！", "帮助：回复“活动”查看最近的活动。", ACTIVITIES):
        blob = seal_reply(text, key)
        assert len(blob) == REPLY_SIZE + SEALED
        assert unseal(blob, key) == text
        assert unseal(blob, delivery_key("wechat", "ob-1", "1002")) is None  # only its delivery reads it


def test_a_reply_that_does_not_compress_is_padded_as_before_and_reads_back():
    key = delivery_key("wechat", "ob-1", "1003")
    text = "".join(chr(0x4E00 + secrets.randbelow(20000)) for _ in range(900))  # 2,700 bytes, random
    blob = seal_reply(text, key)
    assert len(blob) - SEALED > REPLY_SIZE and (len(blob) - SEALED) % PAD == 0
    assert unseal(blob, key) == text
    assert unseal(seal(text, key), key) == text  # what was sealed before this still reads


def test_the_activity_lists_delivery_record_takes_no_overflow_page(tmp_path):
    store = Store.open(str(tmp_path / "a.db"), FrozenClock())
    with store.scratch.transaction():
        for _ in range(300):
            msg = secrets.token_hex(16)
            store.inbox.file.claim("wechat", msg)
            store.inbox.file.finish("wechat", msg, seal_reply(ACTIVITIES, delivery_key("wechat", msg)))
    conn = sqlite3.connect(store.scratch.path)
    kinds = {r[0] for r in conn.execute("SELECT pagetype FROM dbstat WHERE name = 'inbox'")}
    conn.close()
    assert "leaf" in kinds and "overflow" not in kinds


def test_one_message_looks_for_other_processes_commits_once(tmp_path):
    path = str(tmp_path / "a.db")
    store = Store.open(path, FrozenClock())
    reads = []

    def count():
        reads.append(1)
        return store.db.scalar("SELECT count(*) FROM members")

    other = Store.open(path, FrozenClock())  # another process's connection
    with store.db.one_look():
        assert store.db.cached("n", count) == 0
        other.members.add(staff_no="9001", name="别处")
        assert store.db.cached("n", count) == 0 and len(reads) == 1  # as if it landed after the message
        store.members.add(staff_no="9002", name="本处")  # this connection's own write: seen at once
        assert store.db.cached("n", count) == 2 and len(reads) == 2
    other.members.add(staff_no="9003", name="又一处")
    assert store.db.cached("n", count) == 3  # outside a message: every read looks
