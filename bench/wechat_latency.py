"""Latency of /wechat over real HTTP on 127.0.0.1: signed plaintext vs safe (AES) mode, same run."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests
from werkzeug.serving import make_server

from bot.app import create_app
from bot.channels.wechat_mp import WeChatMPChannel, text_message_xml
from bot.config import build_config
from bot.server import QuietRequestHandler

TOKEN, APP_ID, KEY = "bench-token", "wxbench000000000", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def _server(mode: str, db: Path):
    config = build_config({"bot": {"database": str(db)},
                           "wechat": {"token": TOKEN, "app_id": APP_ID, "encoding_aes_key": KEY, "mode": mode}})
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _measure(mode: str, port: int, n: int) -> list[float]:
    channel = WeChatMPChannel(TOKEN, APP_ID, KEY, mode)
    session = requests.Session()
    times = []
    for i in range(n):
        xml = text_message_xml("oBench", "gh_bench", "你好" if i % 2 else "帮助", str(10**9 + i), int(time.time()))
        args, body = channel.build_request(xml, str(int(time.time())), f"n{i}", encrypted=mode != "plaintext")
        start = time.perf_counter()
        resp = session.post(f"http://127.0.0.1:{port}/wechat", params=args, data=body.encode())
        times.append((time.perf_counter() - start) * 1000)
        assert resp.status_code == 200 and "<xml>" in resp.text
    return times


def run(n: int = 300) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        servers = {mode: _server(mode, Path(tmp) / f"{mode}.db") for mode in ("plaintext", "safe")}
        for mode, server in servers.items():
            _measure(mode, server.server_port, 20)  # warm-up
        results = {mode: [] for mode in servers}
        for _ in range(3):  # interleave so noise hits both alike
            for mode, server in servers.items():
                results[mode] += _measure(mode, server.server_port, n // 3)
        for server in servers.values():
            server.shutdown()
    base = statistics.median(results["plaintext"])
    for mode, times in results.items():
        times.sort()
        med = statistics.median(times)
        print(f"  /wechat {mode:9s} n={len(times)} median {med:6.2f} ms  p95 {times[int(len(times) * .95)]:6.2f} ms"
              f"  ratio {med / base:4.2f}")
