"""The app factory: create_app(config, clock=..., channels=...) wires storage, router and channels."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from flask import Flask, Response, jsonify, request

import handlers
from bot import __version__
from bot.channels.wechat_mp import WeChatMPChannel
from bot.clock import Clock
from bot.config import Config
from bot.dispatch import Dispatcher
from bot.engine import Router
from storage import Store

log = logging.getLogger(__name__)


class Bot:
    """Everything a process needs: config, clock, store, router, dispatcher, channels."""

    def __init__(self, config: Config, clock: Clock | None = None, store: Store | None = None,
                 channels: dict | None = None) -> None:
        self.config = config
        self.clock = clock or Clock(config.get("bot", "timezone"))
        self.store = store or Store.open(config.database_path(), self.clock)
        self.registry = handlers.load_all()
        self.services: dict = {"bot": self}
        self.router = Router(self.store, self.clock, config, self.registry, self.services)
        self.dispatch = Dispatcher(self.store, self.router)
        self.channels = channels if channels is not None else default_channels(config, self.clock)
        self._transports: dict | None = None
        self._calendar = None

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

    def calendar(self):
        if self._calendar is None:
            from handlers.greetings import load_calendar

            self._calendar = load_calendar(self.config.get("schedule", "calendar_file"))
        return self._calendar


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


def create_app(config: Config, clock: Clock | None = None, channels: dict | None = None,
               store: Store | None = None) -> Flask:
    bot = Bot(config, clock, store, channels)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 8 * 1024 * 1024  # console uploads; webhooks check MAX_BODY themselves
    app.config["SECRET_KEY"] = config.get("admin", "secret_key") or "unionbot-" + config.get("wechat", "token")
    app.extensions["unionbot"] = bot
    proxies = config.get("server", "trusted_proxies")
    if proxies:  # the client's address (login lockout, sessions) and scheme from the proxies we trust
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.get("/healthz")
    def healthz():
        ok = bot.store.healthy()
        body = {"status": "ok" if ok else "degraded", "version": __version__,
                "database": "ok" if ok else "unavailable", "channels": sorted(bot.channels)}
        return jsonify(body), 200 if ok else 503

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

    return app
