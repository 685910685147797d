"""A local fake of a platform's HTTP API (127.0.0.1 only): records every request, checks it against
the documented format in the route, and answers with what the test scripts (including errors)."""

from __future__ import annotations

import json
import threading

from flask import Flask, request
from werkzeug.serving import make_server


class FakePlatform:
    def __init__(self, name: str = "fake") -> None:
        self.app = Flask(name)
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.server = None

        @self.app.before_request
        def record():
            body = request.get_data(as_text=True)
            try:
                parsed = json.loads(body) if body else None
            except ValueError:
                parsed = body
            with self.lock:
                self.requests.append({"path": request.path, "args": request.args.to_dict(),
                                      "headers": dict(request.headers), "body": parsed})

    def start(self) -> FakePlatform:
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()

    def to(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]
