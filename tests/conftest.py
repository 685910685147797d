"""Fixtures: a fresh file database per test, a frozen clock, the app, and chat helpers."""

from __future__ import annotations

import os

import pytest

from bot.app import Bot, create_app
from bot.clock import FrozenClock
from bot.config import build_config
from tests.helpers import AES_KEY, APP_ID, TOKEN, Chat, WeChatClient

# the delivery claims' shared mapping (storage/claims.py): small in tests (its space is reserved when made)
os.environ.setdefault("UNIONBOT_CLAIM_SLOTS", "1024")
# … and beside each test's database, not in /dev/shm, so that it goes with the test's directory (a test of
# the /dev/shm place unsets this; the autouse fixture below removes what such a test leaves there)
os.environ.setdefault("UNIONBOT_CLAIMS_SHM", "/nonexistent-in-tests")


@pytest.fixture(autouse=True)
def _claims_mappings_removed(request):
    """A test's databases leave their claims' mapping in /dev/shm: removed with the test (only those of
    this test's own directory: other test runs on the machine keep theirs)."""
    yield
    from storage.claims import remove_under
    from storage.descriptors import close_under, forget_locks_under

    funcargs = getattr(request.node, "funcargs", None) or {}
    tmp = funcargs.get("tmp_path")
    if tmp is not None:
        remove_under(str(tmp))
    # and the descriptors its schools held (a claims table, two write locks each): thousands of tests would else
    # run the process out of descriptors (EMFILE at about 20,000)
    close_under(str(tmp) if tmp is not None else None)
    forget_locks_under(str(tmp) if tmp is not None else None)


def make_config(tmp_path, **sections):
    data = {
        "bot": {"database": str(tmp_path / "test.db"), "school": "测试学校"},
        "wechat": {"token": TOKEN, "app_id": APP_ID, "encoding_aes_key": AES_KEY, "mode": "plaintext"},
        "admin": {"secret_key": "test-secret"},
    }
    for section, values in sections.items():
        data.setdefault(section, {}).update(values)
    return build_config(data, "test.toml")


@pytest.fixture
def clock():
    return FrozenClock("2026-09-01 09:00")


@pytest.fixture
def config(tmp_path):
    return make_config(tmp_path)


@pytest.fixture
def bot(config, clock):
    return Bot(config, clock)


@pytest.fixture
def store(bot):
    return bot.store


@pytest.fixture
def chat(bot):
    return Chat(bot)


def make_member(store, staff_no="1024", name="张三", **fields):
    return store.members.add(staff_no=staff_no, name=name, **fields)


@pytest.fixture
def member(store):
    return make_member(store, gender="男", birth_date="1990-06-01", phone="13900001024", group_name="数学组")


@pytest.fixture
def bound_chat(bot, member):
    bot.store.bindings.bind("test", "u-test", member.id)
    return Chat(bot)


def wechat_app(tmp_path, clock, mode):
    config = make_config(tmp_path, wechat={"mode": mode})
    app = create_app(config, clock)
    app.testing = True
    return app


@pytest.fixture(params=["plaintext", "compatible", "safe"])
def wechat(request, tmp_path, clock):
    """A WeChat client for each of the three modes."""
    app = wechat_app(tmp_path, clock, request.param)
    client = WeChatClient(app.test_client(), request.param, clock)
    client.app = app
    return client


@pytest.fixture
def plain_wechat(tmp_path, clock):
    app = wechat_app(tmp_path, clock, "plaintext")
    client = WeChatClient(app.test_client(), "plaintext", clock)
    client.app = app
    return client


@pytest.fixture
def school(bot):
    """The demo school at the frozen clock (2026-09-01 09:00): members, activities, checkups."""
    from bot import demo

    demo.seed(bot.store, bot.clock)
    return bot


def as_member(bot, staff_no: str) -> Chat:
    """A chat as the demo member with this 工号 (bound on the test channel)."""
    member = bot.store.members.by_staff_no(staff_no)
    user = f"u-{staff_no}"
    bot.store.bindings.bind("test", user, member.id)
    return Chat(bot, user)
