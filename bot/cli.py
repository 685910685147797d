"""Helpers for CLI commands that feature modules register (`@registry.cli`)."""

from __future__ import annotations

import argparse


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
