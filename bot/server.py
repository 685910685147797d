"""Serving: werkzeug's threaded server for a school-sized load, with access logs that never carry
query strings (WeChat puts the user's openid there)."""

from __future__ import annotations

import logging

from werkzeug.serving import WSGIRequestHandler, run_simple

log = logging.getLogger("unionbot")


class QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:
        path = self.path.split("?", 1)[0]
        log.info('%s "%s %s" %s', self.address_string(), self.command, path, code)


def serve(app, config, host: str, port: int) -> None:
    base = f"http://{host}:{port}"
    print(f"{config.get('bot', 'name')} 已启动 (serving) {base}")
    print(f"  健康检查 healthz:   {base}/healthz")
    if "wechat" in app.extensions["unionbot"].channels:
        print(f"  公众号 webhook:     {base}/wechat   (mode: {config.get('wechat', 'mode')})")
    if "wecom" in app.extensions["unionbot"].channels:
        print(f"  企业微信 webhook:   {base}/wecom")
    dingtalk = app.extensions["unionbot"].channels.get("dingtalk")
    if dingtalk is not None and dingtalk.mode == "http":
        print(f"  钉钉 webhook:       {base}/dingtalk   (HTTP 模式)")
    elif dingtalk is not None:
        print("  钉钉 Stream 模式:   进程内连接钉钉（无需公网地址）")
    if config.get("admin", "enabled") and "console" in app.blueprints:
        print(f"  管理后台 console:   {base}/admin/")
    if config.get("simulator", "enabled"):
        print(f"  模拟器 simulator:   {base}/simulator")
    bot = app.extensions["unionbot"]
    bot.start_background()
    if config.get("schedule", "in_process"):
        import threading

        from bot.scheduler import build_scheduler, catch_up

        scheduler, lock = build_scheduler(bot, blocking=False)
        if scheduler is None:
            print(f"  调度器 scheduler:   另一个调度器正在运行（{lock.holder()}），本进程不发送推送")
        else:
            threading.Thread(target=catch_up, args=(bot,), daemon=True).start()
            scheduler.start()
            print(f"  调度器 scheduler:   进程内运行，每天 {config.get('schedule', 'send_time')} 发送")
    run_simple(host, port, app, threaded=True, request_handler=QuietRequestHandler)
