"""Attack on delivery claims in a shared mapping (issue 23, seventh round; storage/claims.py, storage/inbox.py):
real processes killed at each write of a claim, two hosts sharing the data directory but not /dev/shm,
a mapping deleted while workers run, planted and damaged files, and what a copy shows."""

from __future__ import annotations

import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import textwrap

import pytest

from bot.clock import FrozenClock
from storage import Store
from storage import claims as claims_module
from storage.claims import CLAIM_SLOT, HEADER, MAGIC, ClaimTable, claims_path, remove_for
from storage.leases import process_owner

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:41")


def _run(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120)


PRELUDE = """
    import os, signal, sys
    from bot.clock import FrozenClock
    from storage import claims as claims_module
    if os.environ.get("SHM"):
        claims_module.SHM_DIR = os.environ["SHM"]
    from storage import Store
    from storage.claims import ClaimTable
    from storage.leases import process_owner
    store = Store.open(os.environ["DB"], FrozenClock("2026-09-01 09:41"))
    inbox = store.inbox
"""


# ---- a worker killed (SIGKILL) at each write of a claim ---------------------------------------------------

KILLER = PRELUDE + """
    class Killer:
        # the mapping, killed with SIGKILL right after its n-th write: what a worker killed there leaves
        def __init__(self, mm, n):
            self.mm, self.n = mm, n
        def __getitem__(self, i):
            return self.mm[i]
        def __setitem__(self, i, v):
            self.mm[i] = v
            self.n -= 1
            if self.n == 0:
                os.kill(os.getpid(), signal.SIGKILL)

    method, n = os.environ["METHOD"], int(os.environ["N"])
    writer = {"claim": "put_claim", "take_over": "set_owner", "finish": "finish", "release": "free"}[method]
    original = getattr(ClaimTable, writer)
    def killed_after_n_writes(self, *a):
        self.mm = Killer(self.mm, n)
        original(self, *a)
    setattr(ClaimTable, writer, killed_after_n_writes)
    if method == "claim":
        inbox.claim("wechat", "k1", process_owner())
    else:
        assert inbox.claim("wechat", "k1", process_owner())
        if method == "take_over":
            inbox.table.mm[inbox.table.find("wechat", "k1")[0] + 75] ^= 1  # a torn owner: this retry takes over
            inbox.claim("wechat", "k1", process_owner() + "b")
        elif method == "finish":
            inbox.finish("wechat", "k1", b"sealed reply")
        elif method == "release":
            inbox.release("wechat", "k1")
    print("not killed")
"""


@pytest.mark.parametrize("method,n", [("claim", 1), ("claim", 2), ("take_over", 1), ("finish", 1), ("finish", 2),
                                      ("finish", 3), ("release", 1), ("release", 2)])
def test_a_worker_killed_at_each_write_of_a_claim_leaves_the_retry_answered_once(tmp_path, clock, method, n):
    """SIGKILL right after each write to the slot: the platform's retry is either handled (the claim is
    new or taken over, exactly once) or answered from the slot; it never waits for a dead worker."""
    db = str(tmp_path / "a.db")
    store = Store.open(db, clock)
    out = _run(KILLER, {"DB": db, "METHOD": method, "N": str(n)})
    assert out.returncode == -signal.SIGKILL, out.stderr
    inbox = store.inbox
    retry = inbox.claim("wechat", "k1", process_owner())
    row = inbox.get("wechat", "k1")
    if retry:
        assert row["status"] == "processing" and row["owner"] == process_owner()
        assert inbox.claim("wechat", "k1", process_owner() + "x") is False  # and no second one
    else:
        assert row is not None and row["status"] == "done", (method, n, row)  # answered, not waiting forever
    remove_for(db)


# ---- two hosts (or containers) sharing the data directory but not /dev/shm -------------------------------

HOST = PRELUDE + """
    for word in sys.argv[1:]:
        claimed = inbox.claim("wechat", word, process_owner())
        print(claimed)
        if claimed:
            inbox.finish("wechat", word, b"answered")
"""


def _host(db: str, shm: str, *keys: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(HOST), *keys], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "DB": db, "SHM": shm}, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_two_hosts_sharing_the_data_directory_but_not_dev_shm_answer_a_retry_once(tmp_path, clock, monkeypatch):
    """`docker compose up --scale app=2`: each container has its own /dev/shm. A retry that the load
    balancer sends to the other container must find the first one's claim."""
    shm_a, shm_b = tmp_path / "shm-a", tmp_path / "shm-b"
    shm_a.mkdir(), shm_b.mkdir()
    monkeypatch.setattr(claims_module, "SHM_DIR", str(shm_a))
    db = str(tmp_path / "a.db")
    a = Store.open(db, clock)  # host A's worker
    assert a.inbox.claim("wechat", "before", process_owner())
    assert _host(db, str(shm_b), "m1") == ["True"]  # host B's worker handles m1
    assert a.inbox.claim("wechat", "m1", process_owner()) is False  # host A gets m1's retry: already handled
    assert a.inbox.claim("wechat", "m2", process_owner()) is True
    a.inbox.finish("wechat", "m2", b"answered")
    assert _host(db, str(shm_b), "m2", "m3") == ["False", "True"]  # host B gets m2's retry; m3 is new
    assert a.inbox.claim("wechat", "m3", process_owner()) is False


def test_a_worker_started_after_the_mapping_was_deleted_does_not_answer_twice(tmp_path, clock):
    """The mapping deleted while workers run (a cleaner, RemoveIPC): a worker started afterwards makes a
    new one; the running workers' claims and its own must still meet."""
    db = str(tmp_path / "a.db")
    a = Store.open(db, clock)
    assert a.inbox.claim("wechat", "before", process_owner())
    os.unlink(claims_path(db))
    assert _host(db, "", "m1") == ["True"]
    assert a.inbox.claim("wechat", "m1", process_owner()) is False
    assert a.inbox.claim("wechat", "m2", process_owner()) is True
    a.inbox.finish("wechat", "m2", b"answered")
    assert _host(db, "", "m2") == ["False"]
    remove_for(db)


def test_one_host_keeps_its_claims_in_the_mapping(tmp_path, clock):
    """The guard costs nothing on one host: its workers claim in the mapping, not the scratch file."""
    db = str(tmp_path / "a.db")
    a = Store.open(db, clock)
    assert a.inbox.claim("wechat", "m0", process_owner())
    assert _host(db, "", "m1", "m0") == ["True", "False"]
    assert a.inbox.claim("wechat", "m2", process_owner())
    a.inbox.purge()
    assert a.inbox.file.count() == 0 and a.inbox.count() == 3
    home = db + "-scratch-claims-home"
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o600
    text = open(home).read()
    assert text.count("\n") == 1 and int(text.split("\t")[1]) % 10 == 0  # one mapping, no time finer than 10 min
    remove_for(db)


# ---- planted and damaged files ------------------------------------------------------------------------------


def test_a_mapping_whose_header_says_no_slots_is_made_anew_not_a_crash(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(claims_module, "SHM_DIR", str(tmp_path))
    db = str(tmp_path / "a.db")
    where = claims_path(db)
    with open(where, "wb") as f:
        f.write(MAGIC + struct.pack("<III", 0, 0, 0) + bytes(HEADER - 20))
    os.chmod(where, 0o600)
    store = Store.open(db, clock)
    assert store.inbox.claim("wechat", "k", process_owner()) is True
    assert store.inbox.claim("wechat", "k", process_owner() + "x") is False


def test_a_slot_with_an_unknown_state_does_not_hold_its_message_forever(tmp_path, clock):
    """A damaged state byte (9) on a message's slot: the retry handles the message rather than wait."""
    store = Store.open(":memory:", clock)
    inbox = store.inbox
    assert inbox.claim("wechat", "k", process_owner())
    t = inbox.table
    off, _ = t.find("wechat", "k")
    t.mm[off] = 9
    assert inbox.claim("wechat", "k", process_owner() + "x") is True
    inbox.finish("wechat", "k", b"r")
    assert inbox.get("wechat", "k")["status"] == "done"


def test_another_users_or_a_linked_file_in_dev_shm_is_never_used(tmp_path, clock, monkeypatch):
    monkeypatch.delenv("UNIONBOT_CLAIMS_SHM", raising=False)  # the tests' own setting: this test is about /dev/shm
    monkeypatch.setattr(claims_module, "SHM_DIR", str(tmp_path / "shm"))
    (tmp_path / "shm").mkdir()
    db = str(tmp_path / "a.db")
    target = tmp_path / "elsewhere"
    target.write_bytes(b"")
    os.symlink(target, claims_path(db))
    store = Store.open(db, clock)
    assert store.inbox.table.path == db + "-claims" and target.read_bytes() == b""
    os.unlink(claims_path(db))
    os.mkfifo(claims_path(db), 0o666)
    store2 = Store.open(db, clock)
    assert store2.inbox.table.path == db + "-claims"  # a FIFO is not a mapping (and opening it does not hang)
    remove_for(db)


def test_after_purge_no_slot_keeps_a_byte_of_a_killed_claim(tmp_path, clock):
    """Killed after the body, before the state byte: the slot's body (key, hour, owner's host and pid)
    would stay in an empty slot that purge never looks at."""
    db = str(tmp_path / "a.db")
    store = Store.open(db, clock)
    out = _run(KILLER, {"DB": db, "METHOD": "claim", "N": "1"})
    assert out.returncode == -signal.SIGKILL
    clock.advance(hours=3)
    store.inbox.purge()
    t = store.inbox.table
    assert bytes(t.mm[HEADER:HEADER + t.claims * CLAIM_SLOT]).count(0) == t.claims * CLAIM_SLOT
    assert socket.gethostname().encode() not in bytes(t.mm[:])
    remove_for(db)


def test_a_claim_table_of_another_size_is_read_as_made(tmp_path):
    path = str(tmp_path / "c")
    ClaimTable(path, 64)
    assert ClaimTable(path, 4096).claims == 64


def test_a_mapping_deleted_before_a_workers_first_claim_is_no_crash(tmp_path, clock):
    """The lock was taken on the path, opened anew at the first claim: deleted by then, every claim of
    that worker failed (a 500 to each message); replaced by then, its lock guarded another file."""
    db = str(tmp_path / "a.db")
    store = Store.open(db, clock)
    os.unlink(claims_path(db))
    assert store.inbox.claim("wechat", "k", process_owner()) is True
    assert store.inbox.claim("wechat", "k", process_owner() + "x") is False
    pid = os.fork()
    if pid == 0:  # a forked child locks the same file, by its own descriptor
        os._exit(0 if store.inbox.claim("wechat", "k", process_owner()) is False else 1)
    assert os.waitpid(pid, 0)[1] == 0
    remove_for(db)


def test_a_mapping_truncated_while_workers_run_is_no_sigbus(tmp_path):
    """The file cut short under a running worker (an operator's `: >`, a full tmpfs remount): touching
    the pages past its end killed the worker with SIGBUS on every message."""
    db = str(tmp_path / "a.db")
    out = _run(PRELUDE + """
    from storage.claims import claims_path
    print(inbox.claim("wechat", "a", process_owner()))
    os.truncate(claims_path(os.environ["DB"]), 100)
    print(inbox.claim("wechat", "b", process_owner()), inbox.claim("wechat", "b", process_owner() + "x"))
    inbox.purge()
    """, {"DB": db})
    assert out.returncode == 0, (out.returncode, out.stderr[-500:])
    assert out.stdout.split() == ["True", "True", "False"]
    remove_for(db)


def test_the_mappings_times_say_when_it_was_opened_not_when_a_message_came(tmp_path, clock):
    """A page's first write in a process sets the file's mtime and ctime (to the nanosecond): the
    /dev/shm listing told when the last delivery (an anonymous suggestion's) was claimed."""
    db = str(tmp_path / "a.db")
    store = Store.open(db, clock)
    where = claims_path(db)
    os.utime(where, (1_000_000_000, 1_000_000_000))
    before = os.stat(where)
    for n in range(40):
        assert store.inbox.claim("wechat", f"m{n}", process_owner())
        store.inbox.finish("wechat", f"m{n}", b"sealed")
        assert store.inbox.first_body(f"req-{n}", "ab" * 32)
    after = os.stat(where)
    assert (after.st_mtime_ns, after.st_ctime_ns) == (before.st_mtime_ns, before.st_ctime_ns)
    remove_for(db)


def test_two_workers_claiming_the_same_deliveries_at_once_handle_each_once(tmp_path, clock):
    """Two processes race on the same 300 deliveries (a retry landing on the other worker while the
    first is claiming): every delivery is claimed by exactly one of them. Both start claiming together
    and both stay alive until both are done: a claim whose owner has died is taken over by design (a
    killed worker loses no message), so a first process that finished and exited before the second
    began, as happens on a loaded machine, is no race."""
    db = str(tmp_path / "a.db")
    Store.open(db, clock)
    code = textwrap.dedent(PRELUDE + """
    import time
    gate = os.environ["GATE"]
    open(os.path.join(gate, f"ready-{os.getpid()}"), "w").close()
    deadline = time.monotonic() + 60  # (the other never came: fail, never hang)
    while sum(name.startswith("ready-") for name in os.listdir(gate)) < 2:
        if time.monotonic() > deadline:
            sys.exit("the other worker never started")
        time.sleep(0.005)
    won = [k for k in range(300) if inbox.claim("wechat", f"race{k}", process_owner())]
    print(" ".join(map(str, won)), flush=True)
    while not os.path.exists(os.path.join(gate, "release")) and time.monotonic() < deadline + 60:
        time.sleep(0.005)
    """)
    gate = tmp_path / "gate"
    gate.mkdir()
    env = {**os.environ, "DB": db, "GATE": str(gate)}
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, env=env) for _ in range(2)]
    try:
        won = [p.stdout.readline().split() for p in procs]
    finally:
        (gate / "release").touch()
    for p in procs:
        p.communicate(timeout=120)
    assert all(p.returncode == 0 for p in procs)
    assert sorted(map(int, won[0] + won[1])) == list(range(300))
    remove_for(db)
