"""Real processes for the production tests and the benchmarks: `python -m bot serve` under gunicorn,
and 公众号 requests over real HTTP (signed the way WeChat signs them)."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "process-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(tmp_path: Path, *, workers: int = 2, threads: int = 1, in_process: bool = False,
                 extra: str = "") -> Path:
    """A plaintext-mode 公众号 installation in tmp_path (no simulator, no pushes)."""
    conf = tmp_path / "unionbot.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "unionbot.db"}"\nschool = "测试学校"\nlog_level = "INFO"\n'
                    f'[wechat]\ntoken = "{TOKEN}"\nmode = "plaintext"\npush = "none"\n'
                    f'[admin]\nsecret_key = "process-test"\n'
                    f'[schedule]\nin_process = {str(in_process).lower()}\n'
                    f'[server]\nworkers = {workers}\nthreads = {threads}\n{extra}', encoding="utf-8")
    return conf


class Server:
    """`python -m bot --config CONF serve` on a free port, stopped with SIGTERM."""

    def __init__(self, conf: Path, port: int | None = None, env: dict | None = None) -> None:
        self.port = port or free_port()
        self.log = open(conf.parent / f"serve-{self.port}.log", "w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "--config", str(conf), "serve", "--port", str(self.port)], cwd=ROOT,
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until /healthz answered 200."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited {self.proc.returncode}:\n{self.output()}")
            with contextlib.suppress(OSError):
                status, _ = get(self.port, "/healthz")
                if status == 200:
                    return time.monotonic() - start
            time.sleep(0.05)
        raise TimeoutError(self.output())

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return Path(self.log.name).read_text(encoding="utf-8")

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def text_xml(user: str, content: str, msg_id: str, ts: int) -> str:
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>")


def signed_text(user: str, content: str, msg_id: str, token: str = TOKEN) -> tuple[str, bytes]:
    """(path with query, body) of a plaintext-mode text message, as WeChat signs it."""
    ts, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
    signature = hashlib.sha1("".join(sorted([token, ts, nonce])).encode()).hexdigest()
    return (f"/wechat?signature={signature}&timestamp={ts}&nonce={nonce}&openid={user}",
            text_xml(user, escape(content), msg_id, int(ts)).encode("utf-8"))


def post(port: int, path: str, body: bytes) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "text/xml"})
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def reply_content(body: str) -> str:
    """The text the teacher sees ("" for WeChat's `success`)."""
    found = re.search(r"<Content><!\[CDATA\[(.*?)\]\]></Content>", body, re.S)
    return found.group(1) if found else ""
