"""What handlers and flow steps return (Ask, Retry, Done, PassOn) and the Context handed to them.
bot.engine re-exports them: handlers import them from there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.clock import Clock
from bot.config import Config
from bot.messages import IncomingMessage, Reply
from bot.nlu import normalize
from bot.registry import Registry
from storage import Member, Store
from storage.conversations import NOTE

BIND_FIRST = "这项服务需要先绑定身份。请回复“绑定 工号 姓名”，例如“绑定 1024 张三”。"
# a note kept after BIND_FIRST: the request waits in its data (QUEUE) for the binding, in the conversation state
# only (an anonymous suggestion's words included: nothing else records them); the binding feature owns its step
AFTER_BINDING = NOTE + "unbound"
# a note kept after "我替我妈发的" alone (bot/opening.py): the typist's words (data TYPIST_WORDS) go with the next message,
# which is the account holder's; the care feature owns its step (her news is the holder's own)
TYPED_FOR = NOTE + "typist"
TYPIST_WORDS = "typist"
# the name an unbound teacher gave with her request ("行政后勤组杜建平，给工会提个建议"), kept in its flow's data: a
# binding begun at its question (bot/aside.py) takes it, as if said again; it proves nothing (the proof is asked)
SAID_NAME = "_said_name"

# ---- what handlers and flow steps return -------------------------------------------------------


@dataclass
class Ask:
    """Ask a question and wait: the conversation continues at `step` (of `flow`, default: current)."""

    text: str
    step: str
    flow: str | None = None
    data: dict | None = None  # start data when a handler starts a flow


@dataclass
class Retry:
    """The answer was not understood: say so and stay on the same step (bounded)."""

    text: str


@dataclass
class Done:
    """The conversation is over."""

    text: str | list[str] = ""


@dataclass
class PassOn:
    """The message is no answer to this step: the conversation ends and the message is understood
    as a new one (a note kept open for a follow-up, such as "~care", uses this)."""


Result = Ask | Retry | Done | PassOn | Reply | str | list


# ---- the context ---------------------------------------------------------------------------------


@dataclass
class Turn:
    """One incoming message while it is answered, shared by every Context made for it. `private`: a
    feature said the turn belongs to something anonymous (a suggestion's opening, its draft, the question
    whether to sign, the filing; a ticket looked up): the framework then writes nothing about the user for
    this turn (bot/engine.py `handle`), so that two copies of the files taken either side of it show a
    suggestion arriving and no teacher active. Set with `Context.keep_private()`, or for every turn of a
    flow or an intent with `Flow(private=True)` / `registry.intent(..., private=True)`."""

    private: bool = False


@dataclass
class Context:
    msg: IncomingMessage
    store: Store
    clock: Clock
    config: Config
    registry: Registry
    services: dict[str, Any] = field(default_factory=dict)
    slots: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # the open flow's data (persisted)
    _member: Member | bool | None = False
    turn: Turn = field(default_factory=Turn)

    @property
    def member(self) -> Member | None:
        """The bound member, or None for a user who has not bound yet."""
        if self._member is False:
            self._member = self.store.bindings.member_for(self.msg.channel, self.msg.user_id)
        return self._member

    def forget_member(self) -> None:
        self._member = False

    def keep_private(self) -> None:
        """This turn writes nothing about its user (see Turn): for whatever an anonymous item's turn does."""
        self.turn.private = True

    @property
    def text(self) -> str:
        return self.msg.text.strip()

    @property
    def norm(self) -> str:
        return normalize(self.msg.text)

    def service(self, name: str) -> Any:
        return self.services[name]
