"""Serve bench/echo_bot.py under gunicorn with the options our `serve` uses (passed as JSON), so the
two bots differ only in the application."""

from __future__ import annotations

import json
import sys

from gunicorn.app.base import BaseApplication


class Echo(BaseApplication):
    def __init__(self, opts: dict) -> None:
        self.opts = opts
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.opts.items():
            self.cfg.set(key, value)

    def load(self):
        from bench.echo_bot import app

        return app


if __name__ == "__main__":
    Echo(json.loads(sys.argv[1])).run()
