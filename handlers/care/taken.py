"""A care report taken back while its questions are asked (attack review 17): "算了，不用登记了", "搞错了，没这回事",
"讲错咗，唔使理", "唔係喎，冇呢回事" at "大概是什么时候？" or "请问是哪位老师？" end the report; nothing is filed and
nobody on the committee is told (each was filed, or asked who, as if it were the answer)."""

from __future__ import annotations

import re

from bot.engine import Done
from bot.messages import Reply
from bot.nlu import normalize

TAKEN_BACK = re.compile(
    r"(不用|不要|别|甭|唔使|唔好|毋须|无须|无需|没必要|不必)(再)?(帮我|给我)?(登记|记录|记|上报|报|转告|告诉工会|通知工会|"
    r"麻烦工会|理|管)(了|啦|喇|咗|嘞|哈|啊)*(?=$|[，,。.!！\s])"  # (the clause ends there: "不用登记吗？" asks, "别告诉别人" is no)
    r"|(没|冇|没有)(这|呢|那)(回|件)事|没(这|那)事|是假的|谣言|虚惊一场"
    r"|(说|讲|搞|弄|记)错[^，,。.!！]{0,3}[，,。.!！\s]*(没|冇|没有)事了?")  # ("昨天，现在没事了" is news)
NOT_FILED = "好的，这条没有登记，也没有转告工会委员。如有需要，随时再告诉我。"


def unless_taken_back(steps: dict) -> dict:
    """The care flow's steps, each ending the report unfiled when her answer takes it back."""
    def guarded(step):
        def run(ctx, text: str):
            if TAKEN_BACK.search(normalize(text)):
                return Done(Reply(NOT_FILED))
            return step(ctx, text)
        return run
    return {name: guarded(step) for name, step in steps.items()}
