"""Features. Each module registers its intents, flows, events and CLI commands with bot.registry.

Adding a feature is adding a module here (and its tests): `load_all()` imports every module.
"""

from __future__ import annotations

import importlib
import pkgutil

from bot.registry import Registry, registry


def load_all() -> Registry:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return registry
