"""Upload one roster file to the console's import page, in a process of its own, and print one JSON line:
the status, the page's text, the seconds the request took and how much this process's peak memory grew.

    python tests/upload_probe.py WORK_DIR FILE

Used by tests/test_uploads.py: a file that makes the worker grow without end takes this process down
(it is limited to 2.5 GB), not pytest."""

from __future__ import annotations

import io
import json
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "probe-pass-123"


def csrf(client, path="/admin/members/import") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def console_client(folder: Path):
    """A demo school with one 管理员 logged in, as the Flask test client."""
    from bot import demo
    from bot.app import create_app
    from bot.clock import FrozenClock
    from bot.console import hash_password
    from tests.conftest import make_config

    folder.mkdir(parents=True, exist_ok=True)
    app = create_app(make_config(folder), FrozenClock("2026-09-01 09:00"))
    app.testing = True
    bot = app.extensions["unionbot"]
    demo.seed(bot.store, bot.clock)
    bot.store.admin_users.add("chair", hash_password(PASSWORD), "管理员", "1002")
    client = app.test_client()
    resp = client.post("/admin/login", data={"username": "chair", "password": PASSWORD,
                                             "csrf_token": csrf(client, "/admin/login")})
    assert resp.status_code == 302, resp.status_code
    return client


def upload(client, data: bytes, filename: str):
    return client.post("/admin/members/import", data={"csrf_token": csrf(client), "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    sys.path.insert(0, str(ROOT))
    limit = int(2.5 * 1024 ** 3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    folder, path = Path(sys.argv[1]), Path(sys.argv[2])
    client = console_client(folder)
    upload(client, "工号,姓名\n1024,张三\n".encode(), "warm.csv")  # imports and caches warmed, like a worker
    data = path.read_bytes()
    before = peak_mb()
    start = time.perf_counter()
    resp = upload(client, data, path.name)
    seconds = time.perf_counter() - start
    print(json.dumps({"status": resp.status_code, "body": resp.get_data(as_text=True), "seconds": round(seconds, 3),
                      "grew_mb": round(peak_mb() - before, 1),
                      "children_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
