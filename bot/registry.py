"""Where handlers declare what they do: intents (with their keyword tables), flows and events.

A handler module registers itself at import time:

    from bot.registry import registry

    @registry.intent("greeting", keywords={"你好": 3}, menu=None)
    def greet(ctx): ...

`handlers.load_all()` imports every module in handlers/, so adding a feature is one module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Intent:
    name: str
    handle: Callable[..., Any]
    keywords: dict[str, float] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern, float]] = field(default_factory=list)
    negatives: dict[str, float] = field(default_factory=dict)
    menu: str | None = None  # one line of the help menu, or None to stay out of it
    menu_order: int = 100
    slots: Callable[[str], dict] | None = None
    words: list[str] = field(default_factory=list)  # extra words for jieba's dictionary
    public: bool = True  # unbound users may use it


@dataclass
class Flow:
    """A conversation as a table: step name → function(ctx, text) returning the next Step."""

    name: str
    steps: dict[str, Callable[..., Any]]
    max_retries: int = 3
    give_up: str = "没能理解您的回复，本次操作已结束。需要时请重新发起，或回复“帮助”查看用法。"
    sensitive: bool = False  # its messages are never logged with a user id (suggestion box)
    free_text: frozenset[str] = frozenset()  # steps whose answer is any text: never a digression
    label: str = ""  # what the teacher was doing, for "刚才的{label}还没完成"


class Registry:
    def __init__(self) -> None:
        self.intents: dict[str, Intent] = {}
        self.flows: dict[str, Flow] = {}
        self.events: dict[str, Callable[..., Any]] = {}
        self.cli_commands: list[Callable[..., Any]] = []
        self.jobs: list[Callable[..., Any]] = []
        self.chores: list[Callable[..., Any]] = []

    def intent(
        self,
        name: str,
        *,
        keywords: dict[str, float] | None = None,
        patterns: list[tuple[str, float]] | None = None,
        negatives: dict[str, float] | None = None,
        menu: str | None = None,
        menu_order: int = 100,
        slots: Callable[[str], dict] | None = None,
        words: list[str] | None = None,
    ):
        def register(fn):
            if name in self.intents:
                raise ValueError(f"intent {name!r} registered twice")
            self.intents[name] = Intent(
                name=name,
                handle=fn,
                keywords=dict(keywords or {}),
                patterns=[(re.compile(p), w) for p, w in (patterns or [])],
                negatives=dict(negatives or {}),
                menu=menu,
                menu_order=menu_order,
                slots=slots,
                words=list(words or []),
            )
            return fn

        return register

    def flow(self, flow: Flow) -> Flow:
        if flow.name in self.flows:
            raise ValueError(f"flow {flow.name!r} registered twice")
        self.flows[flow.name] = flow
        return flow

    def event(self, kind: str):
        def register(fn):
            self.events[kind] = fn
            return fn

        return register

    def cli(self, fn):
        """Register fn(subparsers) that adds CLI commands; the module owning the feature owns its commands."""
        self.cli_commands.append(fn)
        return fn

    def planner(self, fn):
        """Register fn(day: bot.scheduler.Day) -> list[Planned]: what a feature sends on a given day."""
        self.jobs.append(fn)
        return fn

    def chore(self, fn):
        """Register fn(bot): housekeeping run every minute in each process (see Bot.housekeeping)."""
        self.chores.append(fn)
        return fn

    def menu(self) -> list[str]:
        items = sorted((i for i in self.intents.values() if i.menu), key=lambda i: (i.menu_order, i.name))
        return [i.menu for i in items]


registry = Registry()
