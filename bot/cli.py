"""The CLI frame that feature modules register commands with (`@registry.cli`): `command`/`group`
add subcommands, `make_bot(args)` gives a command the bot (config, store, clock) it works on, so no
feature imports the entry point (bot/__main__.py)."""

from __future__ import annotations

import argparse
import logging


def load(args):
    """The configuration named by --config (or the default file), with its log level applied."""
    from bot.config import load_config

    config = load_config(args.config)
    logging.getLogger().setLevel(config.get("bot", "log_level"))
    return config


def make_bot(args, *, serving: bool = False):
    """The bot a command works on; `serving` also refuses what must never serve (a published token)."""
    from bot.app import Bot
    from bot.config import check_serving

    config = load(args)
    if serving:
        check_serving(config)
    return Bot(config)


def command(sub, name: str, help: str, func) -> argparse.ArgumentParser:
    """Add a subcommand that, like every command, takes --config F."""
    parser = sub.add_parser(name, help=help)
    parser.add_argument("--config", default=argparse.SUPPRESS, help="config file")
    parser.set_defaults(func=func)
    return parser


def group(sub, name: str, help: str):
    """A command with actions (`members import`, `members export`): returns the actions' subparsers."""
    parser = sub.add_parser(name, help=help)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)
