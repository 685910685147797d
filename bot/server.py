"""Serving: gunicorn, the same way for `make run` and for production.

- The master loads what is slow and read-only (the imports, the intent model, the union's words in
  jieba's dictionary, the tables that normalise a message) and migrates the database once, then forks the workers, so each worker answers at once and
  shares those pages. No database connection crosses the fork: each worker opens its own.
- Each worker runs housekeeping, and stands by for the duties that must run once per installation:
  the scheduler (when `[schedule] in_process`) and the 钉钉 Stream client (Stream mode). A lease in
  the database decides who runs them; when its holder dies, another worker takes over once the
  lease expires (3 minutes). A separate `python -m bot scheduler` or `python -m bot dingtalk`
  process takes part in the same leases, so any mix of processes runs each duty once.
- Access logs carry the path only, never the query string (WeChat puts the user's openid there).
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading

from storage.leases import Lease

log = logging.getLogger("unionbot")
STREAM_LEASE = "dingtalk-stream-lock"
STREAM_TTL = dt.timedelta(minutes=3)
# the address, the method, the path and the status: no sizes and no durations, which would tell a
# suggestion's receipt from other replies (see the threat model)
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s'


def banner(config, host: str, port: int) -> list[str]:
    base = f"http://{host}:{port}"
    lines = [f"{config.get('bot', 'name')} 已启动 (serving) {base}",
             f"  健康检查 healthz:   {base}/healthz"]
    if config.get("wechat", "enabled"):
        lines.append(f"  公众号 webhook:     {base}/wechat   (mode: {config.get('wechat', 'mode')})")
    if config.get("wecom", "enabled"):
        lines.append(f"  企业微信 webhook:   {base}/wecom")
    if config.get("dingtalk", "enabled"):
        if config.get("dingtalk", "mode") == "http":
            lines.append(f"  钉钉 webhook:       {base}/dingtalk   (HTTP 模式)")
        else:
            lines.append("  钉钉 Stream 模式:   由一个工作进程连接钉钉（无需公网地址）")
    if config.get("admin", "enabled"):
        lines.append(f"  管理后台 console:   {base}/admin/")
    if config.get("simulator", "enabled"):
        lines.append(f"  模拟器 simulator:   {base}/simulator")
    if config.get("schedule", "in_process"):
        lines.append(f"  调度器 scheduler:   由一个工作进程运行，每天 {config.get('schedule', 'send_time')} 发送")
    workers, threads = config.get("server", "workers"), config.get("server", "threads")
    lines.append(f"  gunicorn:           {workers} 个工作进程 × {threads} 线程")
    return lines


class Duties:
    """What a serving process runs beside its requests: housekeeping, and, under leases, the
    scheduler and the Stream client. `check()` runs every `every_s` on a daemon thread."""

    def __init__(self, bot, *, scheduler: bool | None = None, stream: bool = True, every_s: float = 30.0) -> None:
        self.bot, self.every_s = bot, every_s
        self.run_scheduler = bot.config.get("schedule", "in_process") if scheduler is None else scheduler
        self.run_stream = stream
        self.scheduler = None
        self.scheduler_lock = None
        self.stream_lease: Lease | None = None
        self.stream = None
        self._stop = threading.Event()
        self._checking = threading.Lock()  # stop() waits for a check under way: no lease taken after it

    def start(self) -> threading.Thread:
        self.bot.start_housekeeping()
        thread = threading.Thread(target=self._loop, name="duties", daemon=True)
        thread.start()
        # what the first answer does not need is made a little after start: the time parser (about a
        # second to load), the console's login check for unknown accounts (a scrypt hash)
        warmer = threading.Timer(3.0, warm, (self.bot.config,))
        warmer.daemon = True
        warmer.start()
        return thread

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception as exc:  # the database busy or gone for a moment: try again later
                log.error("duties: %s", type(exc).__name__)
            self._stop.wait(self.every_s)

    def check(self) -> None:
        with self._checking:
            if not self._stop.is_set():
                self._check()

    def _check(self) -> None:
        bot = self.bot
        if self.run_scheduler:
            if self.scheduler is not None and not self.scheduler.running:
                self.scheduler = None  # it stopped itself: the lease went to someone else
            if self.scheduler is None:
                from bot.scheduler import build_scheduler, catch_up

                scheduler, lock = build_scheduler(bot, blocking=False)
                if scheduler is not None:
                    self.scheduler, self.scheduler_lock = scheduler, lock
                    scheduler.start()
                    log.info("scheduler: running in this worker (%s)", lock.owner)
                    catch_up(bot)
        channel = bot.channels.get("dingtalk")
        if self.run_stream and channel is not None and channel.mode == "stream":
            if self.stream_lease is None:
                self.stream_lease = Lease(bot.store, bot.clock, STREAM_LEASE, STREAM_TTL)
            held = self.stream_lease.acquire()
            if held and self.stream is None:
                channel.start_background(bot)
                self.stream = channel.stream
                log.info("dingtalk stream: running in this worker (%s)", self.stream_lease.owner)
            elif not held and self.stream is not None:
                self.stream.stop()
                self.stream = None

    def stop(self) -> None:
        """Leaves no lease behind: a check under way finishes first (it may be taking the scheduler's),
        and the scheduler's jobs (its lease renewal among them) end before the lease is given back."""
        self._stop.set()
        with self._checking:
            if self.scheduler is not None:
                self.scheduler.shutdown(wait=True)
                self.scheduler_lock.release()
            if self.stream is not None:
                self.stream.stop()
                self.stream_lease.release()


def warm(config) -> None:
    from bot import recache
    from bot.when import warm as parser

    parser()
    if config.get("admin", "enabled"):
        from bot.console.shell import dummy_hash

        dummy_hash()
    recache.save()  # the regular expressions of the first answers and of this warm-up, when any was new


def prepare(config) -> None:
    """In the master, before forking: migrate once, load the slow read-only things, close the DB."""
    from bot.clock import Clock
    from bot.nlu import Classifier
    from bot.registry import load_plugins
    from storage import Store
    from storage.scratch import process_key

    process_key()  # the scratch file's sealing key: made here, so every forked worker shares it
    store = Store.open(config.database_path(), Clock(config.get("bot", "timezone")))
    store.db.close()
    store.scratch.close()
    Classifier(load_plugins(config.get("bot", "plugins")))  # jieba + the intent model, cached per process
    import bot.app  # noqa: F401  (the web app's imports, wechatpy's among them: once here, not in each worker)

    if calls_platforms(config):
        import requests  # noqa: F401  (what the pushes call the platforms with: here, not at each worker's first push)
    from bot.normalize import canonical

    canonical("預熱一下抱名")  # the traditional → simplified tables and the characters' sounds (bot/sounds.py)
    from bot import recache

    recache.save()  # the regular expressions compiled so far, for the next start (when any was new)
    settle(collect=False)


def calls_platforms(config) -> bool:
    """Whether this configuration calls a platform's API (the push transports of bot/app.py
    build_transports, the 钉钉 Stream client), which needs requests; the webhooks alone do not."""
    wechat = config.section("wechat")
    return bool((wechat["enabled"] and wechat["push"] == "api" and wechat["app_id"] and wechat["app_secret"])
                or config.get("wecom", "enabled") or config.get("dingtalk", "enabled"))


def settle(collect: bool = True) -> None:
    """Move everything made so far out of the garbage collector's sight (gc.freeze): in the master,
    the imports, jieba and the model (about 330,000 objects, a full collection walked them all in
    about a second on a busy machine, and touching them copied the shared pages into each worker);
    in a worker, the app it has just built. Collections then look at what requests make.

    The master freezes without collecting first (`collect=False`): with the collector off since
    start, all it has made is in the youngest generation, so even the cheapest collection walks it
    all (0.1–0.3 s before the workers could start), to free about 760 objects left over by imports
    (classes and functions, about 100 KB), which stay frozen instead. prepare() closes its database
    connections itself, so no connection waits for a collection to be closed before the fork."""
    if collect:
        gc.collect()
    gc.freeze()
    gc.enable()  # (`python -m bot` starts with it off: bot/__main__.py)


def options(config, host: str, port: int) -> dict:
    server = config.section("server")
    threads = server["threads"]
    opts = {
        "bind": f"{host}:{port}",
        "workers": server["workers"],
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": server["timeout"],
        "graceful_timeout": 10,
        "keepalive": 5,
        "loglevel": config.get("bot", "log_level").lower(),
        "errorlog": "-",
        "accesslog": "-" if server["access_log"] else None,
        "access_log_format": ACCESS_LOG_FORMAT,
        "proc_name": "unionbot",
        "limit_request_line": 8190,
        "control_socket_disable": True,  # gunicorn 27 would otherwise open a socket under $HOME
    }
    return opts


def serve(config, host: str, port: int) -> None:
    from gunicorn.app.base import BaseApplication

    from bot.app import create_app

    prepare(config)

    def when_ready(server) -> None:
        print("\n".join(banner(config, host, port)), flush=True)

    def post_worker_init(worker) -> None:
        from bot import recache

        recache.save()  # and those the app added (werkzeug's URL rules…), when any was new
        settle()
        bot = worker.wsgi.extensions["unionbot"]
        worker.unionbot_duties = Duties(bot)
        worker.unionbot_duties.start()

    def worker_exit(server, worker) -> None:
        duties = getattr(worker, "unionbot_duties", None)
        if duties is not None:
            duties.stop()

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in options(config, host, port).items():
                self.cfg.set(key, value)
            self.cfg.set("when_ready", when_ready)
            self.cfg.set("post_worker_init", post_worker_init)
            self.cfg.set("worker_exit", worker_exit)

        def load(self):
            return create_app(config)  # in each worker, after the fork

    Application().run()
