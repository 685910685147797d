"""The app factory: create_app(config, clock=..., channels=...) wires storage, router and channels."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import shutil
import sqlite3
import threading
import time

from flask import Flask, Response, jsonify, request
from werkzeug.routing import IntegerConverter, Rule

from bot import __version__
from bot.channels import fastpath
from bot.channels.wechat_mp import WeChatMPChannel
from bot.clock import Clock
from bot.config import Config
from bot.dispatch import Dispatcher
from bot.engine import Router
from bot.messages import StillHandling
from bot.registry import load_plugins
from storage import Store

log = logging.getLogger(__name__)


class Bot:
    """Everything a process needs: config, clock, store, router, dispatcher, channels."""

    def __init__(self, config: Config, clock: Clock | None = None, store: Store | None = None,
                 channels: dict | None = None) -> None:
        self.config = config
        self.clock = clock or Clock(config.get("bot", "timezone"))
        self.store = store or Store.open(config.database_path(), self.clock)
        self.registry = load_plugins(config.get("bot", "plugins"))
        self.services: dict = {"bot": self}
        self.router = Router(self.store, self.clock, config, self.registry, self.services)
        self.dispatch = Dispatcher(self.store, self.router)
        self.channels = channels if channels is not None else default_channels(config, self.clock)
        self._transports: dict | None = None

    def transports(self) -> dict:
        """Push transports by channel name (what the outbox sender delivers through)."""
        if self._transports is None:
            self._transports = build_transports(self)
        return self._transports

    def housekeeping(self) -> dict[str, int]:
        """Every minute, in every process: purge what must not linger (storage), then the features'
        chores (e.g. the suggestion quota's key is replaced at midnight)."""
        window = dt.timedelta(seconds=2 * self.replay_window_s())
        done = self.store.housekeeping(window)
        for chore in self.registry.chores:
            chore(self)
        return done

    def replay_window_s(self) -> int:
        """How long a signed request stays acceptable on the most lenient enabled channel (seen
        requests are kept twice that, so a signature stays bound to its first body)."""
        from bot.channels.dingtalk import MAX_SKEW_S

        windows = [self.config.get("wechat", "max_clock_skew_seconds")]
        if self.config.get("wecom", "enabled"):
            windows.append(self.config.get("wecom", "max_clock_skew_seconds"))
        if self.config.get("dingtalk", "enabled") and self.config.get("dingtalk", "mode") == "http":
            windows.append(MAX_SKEW_S)
        return max(windows)

    def start_housekeeping(self, every_s: float = 60.0) -> threading.Thread:
        """A daemon thread running housekeeping() every minute (serve starts one)."""
        def loop():
            while True:
                try:
                    self.housekeeping()
                except Exception as exc:
                    log.error("housekeeping failed: %s", type(exc).__name__)
                time.sleep(every_s)

        thread = threading.Thread(target=loop, name="housekeeping", daemon=True)
        thread.start()
        return thread

    def service(self, name: str):
        """What a feature registered with `registry.service(name)`, made on first use, kept per Bot."""
        key = f"service:{name}"
        if key not in self.services:
            self.services[key] = self.registry.services[name](self)
        return self.services[key]

    def calendar(self):
        """The festival calendar (the greetings feature provides it)."""
        return self.service("calendar")


def build_transports(bot: Bot) -> dict:
    config, transports = bot.config, {}
    wechat = config.section("wechat")
    if wechat["enabled"] and wechat["push"] == "simulator":
        from bot.channels.simulator import SimulatorPush

        transports["wechat"] = SimulatorPush(bot.store)
    elif wechat["enabled"] and wechat["push"] == "api" and wechat["app_id"] and wechat["app_secret"]:
        from bot.channels.wechat_mp import WeChatCustomPush

        transports["wechat"] = WeChatCustomPush(wechat["app_id"], wechat["app_secret"], bot.store, bot.clock,
                                                wechat["api_base"], section=wechat)
    wecom = config.section("wecom")
    if wecom["enabled"] and wecom["secret"]:
        from bot.channels.wecom import WeComPush

        transports["wecom"] = WeComPush(wecom["corp_id"], wecom["secret"], wecom["agent_id"], bot.store, bot.clock,
                                        wecom["api_base"])
    if wecom["enabled"] and wecom["group_webhook"]:
        from bot.channels.wecom import WeComGroupRobot

        transports["wecom_robot"] = WeComGroupRobot(wecom["group_webhook"])
    dingtalk = config.section("dingtalk")
    if dingtalk["enabled"] and (dingtalk["robot_code"] or dingtalk["agent_id"]):
        from bot.channels.dingtalk import DingTalkPush

        transports["dingtalk"] = DingTalkPush(dingtalk, bot.store, bot.clock)
    if dingtalk["enabled"] and dingtalk["group_webhook"]:
        from bot.channels.dingtalk import DingTalkGroupRobot

        transports["dingtalk_robot"] = DingTalkGroupRobot(dingtalk["group_webhook"], dingtalk["group_secret"], bot.clock)
    return transports


def default_channels(config: Config, clock: Clock) -> dict:
    """The inbound channels the configuration enables (each registers its own webhook routes)."""
    channels = {}
    if config.get("wechat", "enabled"):
        channels["wechat"] = WeChatMPChannel.from_config(config.section("wechat"), clock)
    if config.get("wecom", "enabled"):
        from bot.channels.wecom import WeComChannel

        channels["wecom"] = WeComChannel.from_config(config.section("wecom"), clock)
    if config.get("dingtalk", "enabled"):
        from bot.channels.dingtalk import DingTalkChannel

        channels["dingtalk"] = DingTalkChannel.from_config(config.section("dingtalk"), clock)
    return channels


def session_secret(database_path: str) -> str:
    """The console's session-signing key when `[admin] secret_key` is empty: random, made on first
    start in a file beside the database (mode 0600), shared by every worker and kept across restarts.
    Not in the database, so a copy or backup of it cannot sign a console session."""
    if database_path == ":memory:":
        return secrets.token_urlsafe(32)
    path = database_path + "-console.key"
    try:
        with open(path, encoding="ascii") as fh:
            key = fh.read().strip()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_urlsafe(32) + "\n")
    try:
        os.link(tmp, path)  # atomic: when two workers start at once, the first one's key wins
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    with open(path, encoding="ascii") as fh:
        return fh.read().strip()


MIN_FREE_BYTES = 16 * 1024 * 1024  # less free space than this beside the database: /healthz says so
BUSY_TEXT = "系统繁忙或存储空间不足，暂时无法处理，请稍后再试。"


def database_health(store) -> str:
    """'ok', or what is wrong: 'disk full' (almost no free space beside the database), 'locked' (another
    writer held it for 2 s), 'unavailable'. A real write (one constant kv row), on its own connection so
    it waits for SQLite's lock at most 2 s and never for the workers' queue."""
    if not store.healthy():
        return "unavailable"
    path = store.db.path
    if path == ":memory:":
        return "ok"
    try:
        if shutil.disk_usage(os.path.dirname(os.path.abspath(path))).free < MIN_FREE_BYTES:
            return "disk full"
        conn = sqlite3.connect(path, timeout=2.0, isolation_level=None)
        try:
            conn.execute("INSERT INTO kv (key, value) VALUES ('healthz-probe', 'ok') "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        text = str(exc)
        return "locked" if "locked" in text or "busy" in text else "disk full" if "full" in text else "unavailable"
    except (sqlite3.Error, OSError):
        return "unavailable"
    return "ok"


def still_handling(exc: StillHandling):
    """A retry while the first delivery is still being handled: 503, so the platform tries again."""
    return Response("still handling this message", status=503, mimetype="text/plain", headers={"Retry-After": "5"})


class BoundedInt(IntegerConverter):
    """`<int:…>` in URLs, at most 18 digits: a larger id is simply not found (404), instead of an
    OverflowError from SQLite (a 500)."""

    regex = r"\d{1,18}"


class LazyRule(Rule):
    """A URL rule whose two URL builders (Python functions werkzeug writes and compiles for each rule,
    for url_for) are made the first time a URL is built from it instead of when it is added: the
    console's 54 rules took 30–80 ms of each worker's start, before its first answer, and a webhook
    never builds a URL. The functions are werkzeug's own, so the URLs are the same."""

    def _compile_builder(self, append_unknown: bool = True):
        make = super()._compile_builder
        name = "_build_unknown" if append_unknown else "_build"

        def build(rule: Rule, *args, **kwargs):
            made = make(append_unknown).__get__(rule, None)
            setattr(rule, name, made)  # from now on, werkzeug's function itself
            return made(*args, **kwargs)

        return build


def database_trouble(exc: sqlite3.OperationalError):
    """A locked database, a full disk, an I/O error during a request: 503 and one log line (SQLite's
    message, the method and the path; never a traceback, which could carry what the user sent)."""
    from flask import request

    log.error("database unavailable (%s) during %s %s", str(exc)[:80], request.method, request.path)
    return Response(BUSY_TEXT, status=503, mimetype="text/plain", headers={"Retry-After": "30"})


def create_app(config: Config, clock: Clock | None = None, channels: dict | None = None,
               store: Store | None = None) -> Flask:
    bot = Bot(config, clock, store, channels)
    app = Flask(__name__)
    app.url_rule_class = LazyRule
    app.url_map.converters["int"] = BoundedInt  # before any route is added
    app.config["MAX_CONTENT_LENGTH"] = 8 * 1024 * 1024  # console uploads; webhooks check MAX_BODY themselves
    # never derived from a platform token: that one is typed into the platform's back office
    app.config["SECRET_KEY"] = config.get("admin", "secret_key") or session_secret(bot.store.db.path)
    app.extensions["unionbot"] = bot
    paths = fastpath.install(app)  # a webhook's plain POST without Flask around it (in front of Flask only)
    proxies = config.get("server", "trusted_proxies")
    if proxies:  # the client's address (login lockout, sessions) and scheme from the proxies we trust
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.get("/healthz")
    def healthz():
        database = database_health(bot.store)
        ok = database == "ok"
        body = {"status": "ok" if ok else "degraded", "version": __version__,
                "database": database, "channels": sorted(bot.channels)}
        return jsonify(body), 200 if ok else 503

    app.register_error_handler(sqlite3.OperationalError, database_trouble)
    app.register_error_handler(StillHandling, still_handling)

    for channel in bot.channels.values():
        channel.register(app, bot)  # each channel owns its webhook routes

    if config.get("admin", "enabled"):
        from bot import console

        console.init_app(app)

    if config.get("simulator", "enabled"):
        from bot.channels import simulator

        simulator.register(app, bot)

    @app.errorhandler(413)
    def too_large(_exc):
        if request.path == "/admin" or request.path.startswith("/admin/"):  # an officer's upload: say it in Chinese
            return Response("上传的文件过大（超过 8 MB）。名册文件最大 5 MB，请删减后重新上传。", status=413,
                            mimetype="text/plain")
        return Response("request body too large", status=413, mimetype="text/plain")

    paths.seal()
    return app
