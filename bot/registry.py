"""Where features declare what they do: intents (with their keyword tables), flows, events, CLI
commands, scheduled duties, console pages and dashboard tiles.

A feature module registers itself at import time:

    from bot.registry import registry

    @registry.intent("greeting", keywords={"你好": 3}, menu=None)
    def greet(ctx): ...

The framework never imports a feature: `load_plugins("handlers")` (the `[bot] plugins` setting)
imports the plugin package by name and calls its `load_all()`, which imports every module in it, so
adding a feature is one package (or one module) in handlers/.
"""

from __future__ import annotations

import importlib
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
    # (ctx) → True when this intent takes the message whatever the classifier says: what only the
    # feature can tell (an unbound teacher introducing herself by a name on the roster wants to bind)
    claims: Callable[..., bool] | None = None
    private: bool = False  # every turn it answers writes nothing about the user (bot.steps.Turn)


@dataclass
class Flow:
    """A conversation as a table: step name → function(ctx, text) returning the next Step."""

    name: str
    steps: dict[str, Callable[..., Any]]
    max_retries: int = 3
    give_up: str = "没能理解您的回复，本次操作已结束。需要时请重新发起，或回复“帮助”查看用法。"
    sensitive: bool = False  # a mark only: no message text is logged for any flow (tests/test_anonymity.py)
    free_text: frozenset[str] = frozenset()  # steps whose answer is any text: never a digression
    label: str = ""  # what the teacher was doing, for "刚才的{label}还没完成"
    # (ctx with the flow's data, text) → True when the open step takes this message even though it reads
    # as a new request ("改做卡拉OK，登山不去了" while a sign-up for 登山 waits for its yes)
    keeps: Callable[..., bool] | None = None
    # (ctx with the flow's data, text) → (answer, rest) when the message asks about what the step waits for
    # ("家属能去吗" at a sign-up's yes): answered, the step stays open and the rest of the message answers it
    answers: Callable[..., Any] | None = None
    # (ctx with the flow's data, text) → True when a free-text step may be left for a clear request of another
    # feature ("帮我报名拔河比赛" where a suggestion's words were asked): never its text
    leaves: Callable[..., bool] | None = None
    # free-text steps whose answer is a few words (a name, what happened): a request joined after it ("张伟，另外匿名投诉
    # 一下食堂太贵" to "哪位老师？") is a request of its own, done when the flow ends (bot/openstep.py)
    short_answers: frozenset[str] = frozenset()
    # every message that comes while this flow is open writes nothing about the user (bot.steps.Turn): a
    # suggestion's draft and its question to sign, whatever the message turns out to be
    private: bool = False


@dataclass
class Tile:
    name: str
    template: str
    context: Callable[..., dict]
    order: int = 100
    wide: bool = False


@dataclass
class NavItem:
    label: str
    endpoint: str
    match: str
    order: int = 100
    admin: bool = False


class Registry:
    def __init__(self) -> None:
        self.intents: dict[str, Intent] = {}
        self.flows: dict[str, Flow] = {}
        self.events: dict[str, Callable[..., Any]] = {}
        self.cli_commands: list[Callable[..., Any]] = []
        self.jobs: list[Callable[..., Any]] = []
        self.chores: list[Callable[..., Any]] = []
        self.console_pages: list[Any] = []  # bot.console.kit.Pages: routes on the console blueprint
        self.tiles: list[Tile] = []
        self.nav: list[NavItem] = []
        self.push_kinds: dict[str, str] = {}
        self.services: dict[str, Callable[..., Any]] = {}
        self.cli_errors: dict[type, str] = {}
        # (ctx, classification) → an intent name or None: a second reading, in the context of the previous
        # turn, of a message the classifier could not place (bot/engine.py `_reread`)
        self.rereaders: list[Callable[..., str | None]] = []

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
        claims: Callable[..., bool] | None = None,
        private: bool = False,
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
                claims=claims,
                private=private,
            )
            return fn

        return register

    def reread(self, fn):
        """Register fn(ctx, classification) → intent name or None (see `rereaders`)."""
        self.rereaders.append(fn)
        return fn

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

    def console(self, pages):
        """Register a feature's console pages (a bot.console.kit.Pages): the console shell adds its
        routes to the console blueprint (endpoints stay `console.<view>`) and its templates folder."""
        self.console_pages.append(pages)
        return pages

    def page(self, label: str, endpoint: str, *, match: str = "", order: int = 100, admin: bool = False) -> None:
        """A link in the console's top bar: `match` is a part of the endpoint names that light it up."""
        self.nav.append(NavItem(label, endpoint, match or endpoint.rpartition(".")[2], order, admin))

    def dashboard_tile(self, name: str, template: str, *, order: int = 100, wide: bool = False):
        """Register fn(store, today) -> dict: a card on the console's first page, rendered with `template`
        (wide tiles come after the cards, full width)."""
        def register(fn):
            self.tiles.append(Tile(name, template, fn, order, wide))
            return fn

        return register

    def push_kind(self, kind: str, label: str) -> None:
        """The console's name for an outbox kind the feature writes."""
        self.push_kinds[kind] = label

    def service(self, name: str):
        """Register factory(bot) -> object, made once per Bot on first use (`bot.service(name)`)."""
        def register(fn):
            self.services[name] = fn
            return fn

        return register

    def cli_error(self, exc_type: type, label: str) -> None:
        """An exception a command may raise that the CLI reports as `label: message`, exit code 2."""
        self.cli_errors[exc_type] = label

    def error_label(self, exc: BaseException) -> str | None:
        return next((label for t, label in self.cli_errors.items() if isinstance(exc, t)), None)

    def navigation(self) -> list[NavItem]:
        return sorted(self.nav, key=lambda n: (n.order, n.label))

    def dashboard(self) -> list[Tile]:
        return sorted(self.tiles, key=lambda t: (t.order, t.name))

    def menu(self) -> list[str]:
        items = sorted((i for i in self.intents.values() if i.menu), key=lambda i: (i.menu_order, i.name))
        return [i.menu for i in items]


registry = Registry()


def load_plugins(package: str = "handlers") -> Registry:
    """Import the plugin package by name and let it load its modules (`package.load_all()`): the
    framework knows its features only by this string, never by an import statement."""
    return importlib.import_module(package).load_all()
