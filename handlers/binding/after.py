"""A request that needed binding first ("我是新老师 想报名数学组趣味运动会" → "这项服务需要先绑定身份…") waits in a
note (bot.steps AFTER_BINDING, kept by the router). A binding message next takes it along: the binding is done,
then the request (the router's queue: at once when the binding succeeds there and then, else when the guided
binding ends). Anything else drops it: the teacher has moved on. Its words stay in the conversation state only."""

from __future__ import annotations

import re

from bot.engine import Context, PassOn
from bot.nlu import normalize
from bot.registry import Flow, registry
from bot.several import QUEUE
from bot.steps import AFTER_BINDING
from handlers.binding.intro import intro_name
from handlers.binding.slots import extract

BINDING_WORDS = re.compile(r"绑定|绑一下|认证|工号|职工号|尾号|后四位|后4位|绑定码")


def binding_message(ctx: Context, text: str) -> bool:
    """Does the message go about binding ("绑定 1003 李娜", "工号1003 李娜 尾号6688", "我是李娜", "好 绑定")?"""
    norm = normalize(text)
    slots = extract(norm)
    return bool(BINDING_WORDS.search(norm) or slots.get("staff_no") or slots.get("code") or intro_name(text))


def _after(ctx: Context, text: str):
    if not binding_message(ctx, text):
        ctx.data.pop(QUEUE, None)  # "体检什么时候", "算了": she has moved on
    return PassOn()


registry.flow(Flow(AFTER_BINDING, {"after": _after}, free_text=frozenset({"after"}), label="绑定"))
