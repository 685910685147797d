"""What one anonymous suggestion costs beside the deliveries the scratch file holds (issue 23):
the scratch file is compacted after each suggestion (storage/scratch.py `compact`), and before the
third round that was a VACUUM of the whole file, whose cost grew with the hour's deliveries.

    python -m bench.suggestion_cost                 (0, 5,000 and 30,000 deliveries)
    python -m bench.suggestion_cost 30000 -n 20

For each size: a fresh school, that many delivery records with a sealed 1 KiB reply each (what the
hot question leaves), then n suggestions of about 1,200 bytes ("匿名建议：…", each text its own)
through the WSGI app, one at a time: the median and the worst time of a suggestion, and the
statements on the scratch connection for one of them. Run it from another tree's folder (with
this file's path) to measure that tree.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def build(workdir: Path):
    from bench.webhook import AES_KEY, APP_ID, TOKEN
    from bot.app import create_app
    from bot.config import load_config
    from bot.demo import seed

    conf = workdir / "cost.toml"
    conf.write_text(f'[bot]\ndatabase = "{workdir / "cost.db"}"\nschool = "基准学校"\nlog_level = "WARNING"\n'
                    f'[wechat]\ntoken = "{TOKEN}"\nmode = "plaintext"\npush = "none"\napp_id = "{APP_ID}"\n'
                    f'encoding_aes_key = "{AES_KEY}"\n'
                    f'[admin]\nsecret_key = "bench"\nsuggestions_per_day = 1000000\n[server]\naccess_log = false\n',
                    encoding="utf-8")
    app = create_app(load_config(conf))
    bot = app.extensions["unionbot"]
    seed(bot.store, bot.clock)
    member = bot.store.members.add(staff_no="69999", name="基准建议")
    bot.store.bindings.bind("wechat", "ob-suggest", member.id)
    return app, bot


def fill(store, n: int) -> None:
    from storage.scratch import delivery_key, seal

    with store.scratch.transaction():
        for _ in range(n):
            key = secrets.token_hex(16)
            store.inbox.claim("wechat", key)
            store.inbox.finish("wechat", key, seal("活" * 330, delivery_key("wechat", key)))


def measure(deliveries: int, n: int) -> tuple[float, float, int, int]:
    from tests.procs import signed_text

    workdir = Path(tempfile.mkdtemp(prefix="unionbot-cost-"))
    try:
        app, bot = build(workdir)
        fill(bot.store, deliveries)
        client = app.test_client()
        statements = []
        bot.store.scratch.conn.set_trace_callback(statements.append)
        times = []
        for i in range(n):
            text = f"匿名建议：第{i}条，" + "食堂排队太长，希望增加窗口并公开菜价，" * 20 + secrets.token_hex(4)
            path, body = signed_text("ob-suggest", text, str(10**9 + i), "bench-token")
            statements.clear()
            start = time.perf_counter()
            resp = client.post(path, data=body, headers={"Content-Type": "text/xml"})
            times.append(time.perf_counter() - start)
            assert resp.status_code == 200 and "编号".encode() in resp.data, resp.data[:300]
        bot.dispatch.flush()
        size = Path(bot.store.scratch.path).stat().st_size
        return statistics.median(times) * 1000, max(times) * 1000, len(statements), size
    finally:
        from storage.claims import remove_under

        remove_under(str(workdir))  # the claims' mappings in /dev/shm
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suggestion_cost")
    parser.add_argument("deliveries", nargs="*", type=int, default=[0, 5000, 30000])
    parser.add_argument("-n", type=int, default=15, help="suggestions per size")
    args = parser.parse_args(argv)
    print(f"{'deliveries':>10} {'median ms':>10} {'worst ms':>9} {'scratch stmts':>14} {'scratch MB':>11}")
    for d in args.deliveries:
        med, worst, stmts, size = measure(d, args.n)
        print(f"{d:>10,} {med:10.1f} {worst:9.1f} {stmts:>14} {size / 1e6:11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
