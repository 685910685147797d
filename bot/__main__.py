"""Command line: `python -m bot COMMAND` (see DESIGN.md for the contract)."""

from __future__ import annotations

import gc

if __name__ == "__main__":
    # No collections while the imports and the intent model load: some 300,000 objects that all live on,
    # which each collection walked again (0.2–0.3 s of a start). main() turns it back on; serve does once
    # its master has loaded everything (bot/server.py settle).
    gc.disable()
    from bot import recache

    recache.install()  # the regular expressions compiled at the last start, made again at once (bot/recache.py)

import argparse
import datetime as dt
import json
import logging
import re
import sys

from bot.cli import command, group, load, make_bot
from bot.config import ConfigError, check_serving, load_config
from bot.registry import load_plugins, registry
from storage import StorageError


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    load_plugins(_plugins(argv))
    parser = argparse.ArgumentParser(prog="python -m bot", description="工会小助手 — school trade union chatbot")
    parser.add_argument("--config", help="config file (default: config.toml if present, else config.example.toml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = command(sub, "serve", "run the webhook server (+ simulator and in-process scheduler when enabled)", cmd_serve)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    command(sub, "init-db", "create or migrate the database schema", cmd_init_db)
    p = command(sub, "seed-demo", "fill a demo school: members, activities, a checkup", cmd_seed_demo)
    p.add_argument("--if-empty", action="store_true", help="only when the database has no members yet")
    p = command(sub, "chat", "talk to the bot in the terminal (reads stdin lines when piped)", cmd_chat)
    p.add_argument("--user", default="cli-user", help="platform user id to chat as (default cli-user)")
    p = command(sub, "classify", "print the intent of each TEXT as one JSON object per line", cmd_classify)
    p.add_argument("text", nargs="+", help="message text(s)")
    command(sub, "dingtalk", "run the 钉钉 Stream-mode client (no public URL needed; SIGTERM stops it)", cmd_dingtalk)
    command(sub, "scheduler", "run the push scheduler (one per installation; a second one refuses)", cmd_scheduler)

    inner = group(sub, "schedule", "preview or run the day's duties (greetings, notices)")
    p = command(inner, "preview", "what would be pushed, to whom, when (JSON lines)", cmd_schedule_preview)
    p.add_argument("--date", default=None, help="first day, YYYY-MM-DD (default today)")
    p.add_argument("--days", type=int, default=1, help="number of days (default 1)")
    p = command(inner, "run", "do one day's duties now: write the outbox, then send", cmd_schedule_run)
    p.add_argument("--date", default=None, help="the day, YYYY-MM-DD (default today)")

    inner = group(sub, "outbox", "inspect the outbox")
    p = command(inner, "list", "JSON lines: kind, occasion, member, channel, status, reason, receipt", cmd_outbox_list)
    p.add_argument("--date", default=None, help="only messages of this day, YYYY-MM-DD")
    p.add_argument("--status", default=None, help="pending, sending, sent, failed or skipped")

    p = command(sub, "healthcheck", "exit 0 when the server's /healthz answers ok (the Docker HEALTHCHECK)",
                cmd_healthcheck)
    p.add_argument("--url", default="http://127.0.0.1:8000/healthz", help="default http://127.0.0.1:8000/healthz")
    p.add_argument("--timeout", type=float, default=3.0, help="seconds (default 3)")
    p = command(sub, "backup", "write a consistent copy of the database to FILE", cmd_backup)
    p.add_argument("file", help="backup file to create")

    inner = group(sub, "admin", "console accounts")
    p = command(inner, "create-user", "create a console account (asks for the password; reads it from stdin when piped)",
                cmd_admin_create_user)
    p.add_argument("username", help="login name (letters, digits, _ or .)")
    p.add_argument("--role", default="查看", help="查看 (read-only, the default), 工会委员 or 管理员")
    p.add_argument("--staff-no", default="", help="the officer's own 工号 (for 'send test to me')")

    for add in registry.cli_commands:
        add(sub)
    return parser


def _plugins(argv: list[str] | None) -> str:
    """The features' package (`[bot] plugins`) before the parser exists: the features add commands.
    A configuration that does not load is reported later, by the command that needs it."""
    config_file = None
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--config" and i + 1 < len(args):
            config_file = args[i + 1]
        elif arg.startswith("--config="):
            config_file = arg.partition("=")[2]
    try:
        return load_config(config_file).get("bot", "plugins")
    except Exception:
        return "handlers"


def cmd_serve(args) -> int:
    from bot.server import serve

    config = load(args)
    check_serving(config)  # no public token, nothing that lets anyone sign a request
    serve(config, args.host, args.port)
    return 0


def cmd_init_db(args) -> int:
    bot = make_bot(args)
    print(f"数据库已就绪 (database ready): {bot.config.database_path()}")
    return 0


def cmd_seed_demo(args) -> int:
    from bot import demo

    bot = make_bot(args)
    if bot.config.get("admin", "enabled"):
        _demo_console_login(bot)
    if args.if_empty and bot.store.members.count() > 0:
        print(f"数据库已有 {bot.store.members.count()} 名会员，跳过演示数据 (already seeded)")
        return 0
    summary = demo.seed(bot.store, bot.clock)
    print("演示学校已创建 (demo school created): " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    return 0


def _demo_console_login(bot) -> None:
    """The demo's console accounts, made only for a demo configuration (simulator on) and only when no
    account exists: a known password never reaches a real school's database."""
    from bot.console import hash_password
    from bot.demo import CONSOLE_ACCOUNTS

    if not bot.config.is_demo():
        return
    if bot.store.admin_users.count() == 0:
        for username, password, role, staff_no in CONSOLE_ACCOUNTS:
            bot.store.admin_users.add(username, hash_password(password), role, staff_no)
    from werkzeug.security import check_password_hash

    for username, password, role, _ in CONSOLE_ACCOUNTS:
        row = bot.store.admin_users.by_username(username)
        if row and check_password_hash(row["password_hash"], password):
            print(f"管理后台演示账号 (demo console login): {username} / {password}（{role}）")


def cmd_admin_create_user(args) -> int:
    import getpass

    from bot.console import hash_password, password_problem
    from storage.console import ROLES

    if args.role not in ROLES:
        raise SystemExit(f"--role 应为：{'、'.join(ROLES)}")
    if not re.fullmatch(r"[A-Za-z0-9_.]{2,40}", args.username):
        raise SystemExit("用户名请用 2 到 40 个字母、数字、_ 或 .")
    bot = make_bot(args)
    if bot.store.admin_users.by_username(args.username):
        raise SystemExit(f"账号 {args.username} 已存在")
    if args.staff_no and bot.store.members.by_staff_no(args.staff_no) is None:
        raise SystemExit(f"没有工号为 {args.staff_no} 的会员")
    if sys.stdin.isatty():
        password = getpass.getpass("密码 (password): ")
        if getpass.getpass("再输一次 (again): ") != password:
            raise SystemExit("两次输入的密码不一致")
    else:  # piped: the first line (so the password never appears in the process list)
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise SystemExit(problem)
    bot.store.admin_users.add(args.username, hash_password(password), args.role, args.staff_no or "")
    bot.store.audit.add("(命令行)", "新建账号", args.username, {"角色": args.role, "工号": args.staff_no or ""})
    print(f"已创建后台账号 {args.username}（{args.role}），登录地址 /admin/")
    if not any(u["role"] == "管理员" and not u["disabled"] for u in bot.store.admin_users.all()):
        print("注意：还没有管理员账号。请再用 --role 管理员 创建一个，才能在后台管理账号和设置。")
    return 0


def cmd_chat(args) -> int:
    import itertools
    import uuid

    from bot.messages import IncomingMessage

    bot = make_bot(args)
    interactive = sys.stdin.isatty()
    session = uuid.uuid4().hex[:8]
    if interactive:
        print(f"和{bot.config.get('bot', 'name')}聊天（用户 {args.user}），Ctrl-D 退出。")
    for n in itertools.count(1):
        try:
            line = input("你> " if interactive else "")
        except EOFError:
            break
        if not line.strip():
            continue
        msg = IncomingMessage("cli", f"cli-{session}-{n}", args.user, line, received_at=bot.clock.now())
        reply = bot.dispatch(msg)
        print(("助手> " if interactive else "") + (reply or "（无回复）"))
        if not interactive:
            print()
        sys.stdout.flush()
    return 0


def _date(value: str | None, bot) -> dt.date:
    if not value:
        return bot.clock.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"--date 格式应为 YYYY-MM-DD，得到 {value!r}") from None


def cmd_schedule_preview(args) -> int:
    from bot.scheduler import plan

    bot = make_bot(args)
    first = _date(args.date, bot)
    if not 1 <= args.days <= 366:
        raise SystemExit("--days 应在 1 到 366 之间")
    warnings: list[str] = []
    for i in range(args.days):
        for planned in plan(bot, first + dt.timedelta(days=i), warnings):
            print(json.dumps(planned.as_json(), ensure_ascii=False))
    for text in warnings:
        print(f"提醒: {text}", file=sys.stderr)
    return 0


def cmd_schedule_run(args) -> int:
    from bot.scheduler import run_day

    bot = make_bot(args)
    result = run_day(bot, _date(args.date, bot))
    r = result.report
    print(f"{result.date}: 计划 {result.planned} 条，新写入 {result.written} 条；发送成功 {r.sent}，失败 {r.failed}，"
          f"跳过 {r.skipped}，稍后重试 {r.deferred}")
    if r.failed:
        print(f"有 {r.failed} 条发送失败，原因见 python -m bot outbox list --status failed", file=sys.stderr)
        return 1
    return 0


def cmd_outbox_list(args) -> int:
    bot = make_bot(args)
    for row in bot.store.outbox.list(args.date, args.status):
        print(json.dumps({"id": row["id"], "date": row["send_on"], "kind": row["kind"], "occasion": row["occasion"],
                          "member": row["staff_no"], "channel": row["channel"] or None, "status": row["status"],
                          "reason": row["reason"] or None, "receipt": row["receipt"] or None,
                          "attempts": row["attempts"], "text": row["text"]},
                         ensure_ascii=False))
    return 0


def cmd_scheduler(args) -> int:
    from bot.scheduler import build_scheduler, catch_up

    bot = make_bot(args, serving=True)
    scheduler, lock = build_scheduler(bot, blocking=True)
    if scheduler is None:
        print(f"另一个调度器正在运行（{lock.holder()}），本进程不执行任务。", file=sys.stderr)
        return 1
    import signal

    # SIGTERM (docker stop; as PID 1 Python would otherwise ignore it) ends the scheduler cleanly
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    for result in catch_up(bot):
        print(f"补发 {result.date}: 新写入 {result.written}，发送 {result.report.sent}")
    print(f"调度器已启动：每天 {bot.config.get('schedule', 'send_time')} 发送祝福和通知（Ctrl-C 退出）")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        lock.release()
    return 0


def cmd_dingtalk(args) -> int:
    import signal
    import threading

    from bot.server import Duties

    bot = make_bot(args, serving=True)
    section = bot.config.section("dingtalk")
    if not section["enabled"] or section["mode"] != "stream":
        print("钉钉 Stream 模式未启用：需要 [dingtalk] enabled = true 和 mode = \"stream\"", file=sys.stderr)
        return 2
    stopped = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopped.set())
    duties = Duties(bot, scheduler=False)
    duties.start()
    print("钉钉 Stream 客户端已启动：一个安装只连一次（租约），serve 的工作进程已连接时本进程待命"
          "（SIGTERM 或 Ctrl-C 退出）", flush=True)
    stopped.wait()
    duties.stop()
    print("钉钉 Stream 客户端已停止", flush=True)
    return 0


def cmd_healthcheck(args) -> int:
    """No config, no database: only asks the running server (standard library only, starts fast)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(args.url, timeout=args.timeout) as resp:
            body = json.loads(resp.read().decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError) as exc:
        print(f"不健康 (unhealthy): {type(exc).__name__}", file=sys.stderr)
        return 1
    print(f"健康 (healthy): {body.get('status')}, database {body.get('database')}")
    return 0 if body.get("status") == "ok" else 1


def cmd_backup(args) -> int:
    import contextlib
    import os
    import sqlite3

    bot = make_bot(args)
    with contextlib.suppress(FileNotFoundError):
        os.chmod(args.file, 0o600)
    fd = os.open(args.file, os.O_WRONLY | os.O_CREAT, 0o600)  # a backup holds what the database holds
    os.close(fd)
    target = sqlite3.connect(args.file)
    with target:
        bot.store.db.conn.backup(target)
    target.close()
    bot.store.alerts.backed_up()  # the console's dashboard stops reminding
    print(f"已备份到 {args.file}")
    return 0


def cmd_classify(args) -> int:
    from bot.nlu import Classifier

    classifier = Classifier(registry)
    for text in args.text:
        print(json.dumps(classifier.classify(text).as_json(), ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command != "serve":
        gc.enable()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        return args.func(args) or 0
    except ConfigError as exc:
        print(f"配置错误 (configuration error): {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"数据库错误 (database error): {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # what a feature declared a user's mistake (e.g. a broken festival calendar)
        label = registry.error_label(exc)
        if label is None:
            raise
        print(f"{label}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
