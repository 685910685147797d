"""Whole conversations through /wechat (tests/eval_conversations.py): no set may fall below the
figure last committed (`make eval ARGS=--record`)."""

from __future__ import annotations

import pytest

from tests import eval_conversations, eval_intents


@pytest.mark.parametrize("path", eval_conversations.conversation_files(), ids=lambda p: p.stem)
def test_no_conversation_set_falls_below_its_committed_figure(path):
    recorded = eval_intents.recorded_conversations()
    assert path.stem in recorded, "a new conversation set needs its first figure recorded"
    result = eval_conversations.evaluate(path)
    missed = [(c["id"], f) for c, ok, f, _ in result["results"] if not ok]
    assert result["right"] >= recorded[path.stem], missed
