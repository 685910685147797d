"""Private turns: a message that belongs to something anonymous writes nothing about its sender.

The one write the router makes about every teacher is her platform user's last message
(channel_users.last_inbound_at, storage/members.py: the hour, for the 48-hour window in which a
公众号 may still push to her). Made in the same second as an anonymous suggestion enters the tray, it
was the link: two copies of the data folder taken either side of the message showed one teacher
active and one new suggestion (tests/test_attack19.py). So a feature marks such a turn private
(bot.steps.Turn: `ctx.keep_private()`, `Flow(private=True)`, `registry.intent(..., private=True)`)
and the router makes the write after the turn is answered, and only when the turn is not private.
Nothing is put off to a later batch: a batch of the hour's users lands in the main WAL beside the
night's release of the suggestions, which the text attack then reads (tests/test_anonymity_attack.py).

What skipping it costs: her last message may then be older on file than it is. The window is
estimated from her previous ordinary message, which errs on the safe side (a push that could have
gone is skipped and reported, never one sent outside the window), and her next ordinary message
brings the hour up to date. A teacher whose only messages are anonymous suggestions is one the bot
should not be seen to know was there.
"""

from __future__ import annotations

import threading

from bot.messages import IncomingMessage, Reply
from bot.steps import Context, Turn

WRITES_LAST_USE = ("text", "event:click")  # what a teacher says or taps (an event of the platform's: no)


class PrivateTurns:
    """The router's side (mixed into bot.engine.Router)."""

    def _init_turns(self) -> None:
        self._turns = threading.local()  # .now: the Turn of the message this thread is answering

    def _turn(self) -> Turn:
        """The turn being answered (every Context made while it is shares it); a fresh one outside a turn."""
        turn = getattr(self._turns, "now", None)
        return turn if turn is not None else Turn()

    def _answering(self, msg: IncomingMessage, answer) -> list[Reply]:
        """`answer(msg)`'s replies; then the user's last use written, unless the turn was private."""
        turn = self._turns.now = Turn()
        try:
            replies = answer(msg)
        finally:
            self._turns.now = None
        if msg.kind in WRITES_LAST_USE and not turn.private:
            self._seen_kept(msg.channel, msg.user_id)  # (bot/replycache.py: kept replies stay good)
        return replies

    def _in_private_flow(self, flow: str | None) -> None:
        """A message that comes while a private flow is open (its draft, its question, "？", "继续" to it) is private."""
        found = self.registry.flows.get(flow) if flow else None
        if found is not None and found.private:
            self._turn().private = True  # (the Turn every Context of this message shares)

    def _private_options(self, ctx: Context, options) -> None:
        """"您是想：1. 提建议 2. …？": the opening of what may be a suggestion is private too."""
        if any(getattr(self.registry.intents.get(name), "private", False) for name in options):
            ctx.keep_private()
