"""Which mapping holds an installation's delivery claims (storage/claims.py).

The mapping lives in this machine's /dev/shm. Two hosts or containers sharing the data directory but
not /dev/shm (`docker compose up --scale app=2`, a second machine on the volume), or a worker started
after the mapping was deleted, would each claim in a mapping of their own and handle a platform's
retry a second time. So every process that claims names its mapping in `<scratch file>-claims-home`
(the host, its boot and the mapping file's device and inode, with the ten minutes it was last seen in),
beside the scratch file and 0600, from its first claim and then from housekeeping. While two mappings
are named there, every process claims in the scratch file (still looking in its mapping first for what
it claimed there), as with UNIONBOT_CLAIMS=file; a mapping not seen for STALE_MIN (its processes
stopped: a restart, a reboot) is forgotten. The file holds no time finer than ten minutes; its own
times are those of housekeeping and of a process's first claim.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import time

PERIOD_MIN, STALE_MIN = 10, 20


def _boot() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            return f.read().strip()
    except OSError:
        return ""


def home_name(table) -> str:
    return f"{socket.gethostname()}|{_boot()}|{table.ident}"


def marker_path(scratch_path: str) -> str:
    return scratch_path + "-claims-home"


def stamp(scratch_path: str) -> tuple | None:
    """What changes when the file is written (one stat per claim)."""
    try:
        st = os.stat(marker_path(scratch_path))
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_ctime_ns


def alone(scratch_path: str, table, touch: bool = True) -> bool:
    """True while this process's mapping is the only one named (it may claim there); False when claims
    must go to the scratch file (another mapping is in use, or this cannot be told). `touch`: name this
    mapping as seen now (a first claim, housekeeping; not a claim's re-look after another's write)."""
    mine = home_name(table)
    try:
        fd = os.open(marker_path(scratch_path), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_uid != os.getuid():
            return False
        period = int(time.time() // 60) // PERIOD_MIN * PERIOD_MIN
        named = {}
        for line in os.pread(fd, 65536, 0).decode(errors="replace").splitlines():
            name, _, seen = line.rpartition("\t")
            if name and seen.isdigit() and int(seen) >= period - STALE_MIN:
                named[name] = int(seen)
        if touch:
            named[mine] = period
        text = "".join(f"{name}\t{seen}\n" for name, seen in sorted(named.items())).encode()
        if text != os.pread(fd, 65536, 0):
            os.ftruncate(fd, 0)
            os.pwrite(fd, text, 0)
            os.utime(fd, (period * 60, period * 60))
        return set(named) <= {mine}
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
