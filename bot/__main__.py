"""Command line: `python -m bot COMMAND` (see DESIGN.md for the contract)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from bot.config import ConfigError, load_config
from bot.registry import registry


def build_parser() -> argparse.ArgumentParser:
    import handlers

    handlers.load_all()
    parser = argparse.ArgumentParser(prog="python -m bot", description="工会小助手 — school trade union chatbot")
    parser.add_argument("--config", help="config file (default: config.toml if present, else config.example.toml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("serve", help="run the webhook server (+ console, + simulator when enabled)")
    p.add_argument("--config", default=argparse.SUPPRESS, help="config file")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("init-db", help="create or migrate the database schema")
    p.add_argument("--config", default=argparse.SUPPRESS, help="config file")
    p.set_defaults(func=cmd_init_db)

    p = sub.add_parser("seed-demo", help="fill a demo school: members, activities, a checkup")
    p.add_argument("--config", default=argparse.SUPPRESS, help="config file")
    p.add_argument("--if-empty", action="store_true", help="only when the database has no members yet")
    p.set_defaults(func=cmd_seed_demo)

    p = sub.add_parser("chat", help="talk to the bot in the terminal (reads stdin lines when piped)")
    p.add_argument("--config", default=argparse.SUPPRESS, help="config file")
    p.add_argument("--user", default="cli-user", help="platform user id to chat as (default cli-user)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("classify", help="print the intent of each TEXT as one JSON object per line")
    p.add_argument("--config", default=argparse.SUPPRESS, help="config file")
    p.add_argument("text", nargs="+", help="message text(s)")
    p.set_defaults(func=cmd_classify)

    for add in registry.cli_commands:
        add(sub)
    return parser


def make_bot(args):
    from bot.app import Bot

    return Bot(load_config(args.config))


def cmd_serve(args) -> int:
    from bot.app import create_app
    from bot.server import serve

    config = load_config(args.config)
    app = create_app(config)
    serve(app, config, args.host, args.port)
    return 0


def cmd_init_db(args) -> int:
    bot = make_bot(args)
    print(f"数据库已就绪 (database ready): {bot.config.database_path()}")
    return 0


def cmd_seed_demo(args) -> int:
    from bot import demo

    bot = make_bot(args)
    if args.if_empty and bot.store.members.count() > 0:
        print(f"数据库已有 {bot.store.members.count()} 名会员，跳过演示数据 (already seeded)")
        return 0
    summary = demo.seed(bot.store, bot.clock)
    print("演示学校已创建 (demo school created): " + ", ".join(f"{k} {v}" for k, v in summary.items()))
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


def cmd_classify(args) -> int:
    from bot.nlu import Classifier

    classifier = Classifier(registry)
    for text in args.text:
        print(json.dumps(classifier.classify(text).as_json(), ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args) or 0
    except ConfigError as exc:
        print(f"配置错误 (configuration error): {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
