"""Intent quality on the labelled set, and the slots `classify` reports."""

from __future__ import annotations

import pytest

import handlers
from bot.nlu import Classifier
from tests import eval_intents


@pytest.fixture(scope="module")
def classifier():
    return Classifier(handlers.load_all())


def test_labelled_set_is_large_and_covers_every_intent():
    rows = eval_intents.load()
    assert len(rows) >= 300
    intents = {i for _, i in rows}
    assert intents == {"help", "greeting", "bind", "activity_query", "signup", "cancel_signup", "my_signups",
                       "suggestion", "suggestion_status", "checkup_query", "care_report", "unsubscribe", "unknown"}


def test_accuracy_meets_the_aim(classifier):
    result = eval_intents.evaluate(classifier)
    assert result["overall"] >= 0.95, result["misses"]
    low = {k: v for k, v in result["per"].items() if v < 0.90}
    assert not low, (low, result["misses"])


@pytest.mark.parametrize(("text", "intent"), [
    ("拔河我不去了", "cancel_signup"),  # negation is cancel, not sign-up
    ("不报了", "cancel_signup"),
    ("报名拔河", "signup"),
    ("体建什么时候", "checkup_query"),  # typo
    ("我要报羽毛求", "signup"),  # typo
    ("别再推送了", "unsubscribe"),
])
def test_tricky_messages(classifier, text, intent):
    assert classifier.classify(text).intent == intent


def test_slots(classifier):
    assert classifier.classify("绑定 1024 张三").slots == {"staff_no": "1024", "name": "张三"}
    assert classifier.classify("我是张伟，工号2033").slots == {"staff_no": "2033", "name": "张伟"}
    assert classifier.classify("查询建议 k7p2q9").slots["ticket"] == "K7P2Q9"
    assert classifier.classify("报名乒乓").slots == {"activity": "乒乓"}
    assert classifier.classify("我想去唱K歌").slots == {"activity": "卡拉ok"}
    assert classifier.classify("王老师住院了").slots["kind"] == "生病住院"


def test_classification_output_shape(classifier):
    out = classifier.classify("最近有什么活动").as_json()
    assert set(out) == {"text", "intent", "confidence", "slots"}
    assert 0 < out["confidence"] <= 1
