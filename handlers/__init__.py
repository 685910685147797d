"""Features. Each registers its intents, flows, events, CLI commands, scheduled duties and console
pages with bot.registry at import time.

Adding a feature is adding a package (or one small module) here, with its tests: `load_all()` imports
every module, and every module of every subpackage (its console pages too). The framework reaches
this package only by name (`[bot] plugins`, through `bot.registry.load_plugins`).
"""

from __future__ import annotations

import importlib
import pkgutil

from bot.registry import Registry, registry


def _load(path, prefix: str) -> None:
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{prefix}{info.name}")
            if info.ispkg:
                _load(module.__path__, f"{module.__name__}.")


def load_all() -> Registry:
    _load(__path__, f"{__name__}.")
    return registry
