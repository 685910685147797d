"""A library's parts without the rest of it.

A package's `__init__` often imports all of the package, so that `import wechatpy.crypto` also
imports wechatpy's API clients, payment, OAuth, and with them requests and urllib3: some 170 modules
(0.1–0.3 s of each start) for the three small modules the webhooks use (the signature check, the
AES envelope, their exceptions). `defer_init(name)` puts the package in place with its `__init__`
not run yet, so that importing one of its modules runs that module only; the first time anything
asks the package itself for a name it does not have yet (`from wechatpy import WeChatClient`), its
`__init__` runs then, once, and everything is as if it had been imported whole.
"""

from __future__ import annotations

import importlib.util
import sys
import threading

_lock = threading.RLock()


def defer_init(name: str) -> None:
    """Register package `name` with its `__init__` deferred (nothing happens if it is imported already
    or is not a package)."""
    with _lock:
        if name in sys.modules:
            return
        spec = importlib.util.find_spec(name)
        if spec is None or spec.submodule_search_locations is None or spec.loader is None:
            return
        module = importlib.util.module_from_spec(spec)
        running: list = []  # the thread running the __init__, while it runs

        def __getattr__(attr: str):
            # Another thread asking while the __init__ runs waits for it here (the hook stays in place
            # until the __init__ has run: were it removed first, that thread would find the name missing);
            # the thread running it, asking for a name not made yet, gets AttributeError as in any
            # import. An __init__ that fails leaves the hook in place: the next ask runs it again, as
            # a failed import is tried again.
            with _lock:
                if running:  # (only the thread running the __init__ can be here meanwhile: the lock)
                    if attr in module.__dict__:
                        return module.__dict__[attr]
                    raise AttributeError(f"partially initialised module {name!r} has no attribute {attr!r}")
                if module.__dict__.get("__getattr__") is __getattr__:
                    running.append(threading.get_ident())
                    try:
                        spec.loader.exec_module(module)
                    finally:
                        running.clear()
                    if module.__dict__.get("__getattr__") is __getattr__:
                        del module.__dict__["__getattr__"]
            return getattr(module, attr)

        module.__getattr__ = __getattr__
        sys.modules[name] = module
