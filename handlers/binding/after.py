"""A request that needed binding first ("我是新老师 想报名数学组趣味运动会" → "这项服务需要先绑定身份…") waits in a
note (bot.steps AFTER_BINDING, kept by the router). The next message is understood as usual and the request goes
along: done at once when the teacher is bound then, kept by the guided binding until it ends, dropped when she
has moved on (the router decides, bot.engine). While the guided binding waits, a request that needs binding too
("我们组黄勇老师昨天住院了") waits with it instead of setting the binding aside. Its words stay in the conversation
state only."""

from __future__ import annotations

import re

from bot.answers import yes_first
from bot.engine import Ask, Context, PassOn
from bot.nlu import normalize
from bot.opening import leads_in
from bot.registry import Flow, registry
from bot.several import QUEUE
from bot.steps import AFTER_BINDING
from handlers.binding.intro import SURNAMES, intro_name, other_request
from handlers.binding.slots import LAST4_RE, extract

KEPT = "（您说的“{what}”，绑定好后接着办。）"
# what cannot be done before binding: a sign-up, a suggestion signed, news of a colleague (not a question, not a
# cancellation of the binding itself)
NEEDS_BINDING = re.compile(r"报名|报个|帮我报|想报|要报|参加|建议|意见|投诉|提案|住院|去世|过世|走了|结婚|生了|手术|病了|生病|骨折")


def proof_then_request(ctx: Context, text: str) -> tuple[str, str] | None:
    """The phone's last four where they were asked, a request after them ("手机后四位2004。给我报上重阳座谈会"):
    (the proof, the request), the request done once the binding is; None for any other answer."""
    norm = normalize(text)
    proof = LAST4_RE.search(norm) if ctx.member is None and ctx.data.get("proof") else None
    rest = (norm[:proof.start()] + " " + norm[proof.end():]).strip(" ,，。.!！;；") if proof else ""
    return (proof.group(0), rest) if rest and other_request(rest) and not re.search(r"[0-9]{4}", rest) else None


STAFF_NO_SAID = re.compile(r"(工号|职工号|编号|尾号|后四位|(?<![a-z0-9])是)\s*[:：]?\s*[0-9]{3,10}(?![0-9])")


def waits(ctx: Context, text: str) -> bool:
    """Flow.keeps of the guided binding: a request that needs binding, said while it waits, stays with it."""
    norm = normalize(text)
    return proof_then_request(ctx, text) is not None or (ctx.member is None and NEEDS_BINDING.search(re.sub(r"绑定|工号|尾号|手机", "", norm)) is not None \
        and not re.search(r"[0-9]", norm) and len(norm) >= 5 and not yes_first(norm))  # "是 确认报名": no request


def keeps(ctx: Context, text: str) -> bool:
    """Flow.keeps of the guided binding: what `waits` keeps, and a number said as the 工号 or the phone's last digits ("不好意思
    工号打错了 是8036"), whatever else the words around it seem to ask: the step reads it, it is no digression."""
    return waits(ctx, text) or (ctx.member is None and STAFF_NO_SAID.search(normalize(text)) is not None)


def waiting(step: str, answer):
    """The step, unless the message is such a request: then it is kept and the same question asked again."""

    def read(ctx: Context, text: str):
        proved = proof_then_request(ctx, text)
        if proved is not None:  # the proof answered, the request after it done once bound (refused: it waits)
            ctx.data[QUEUE] = [*ctx.data.get(QUEUE, []), proved[1]]
            return answer(ctx, proved[0])
        if not waits(ctx, text):
            return answer(ctx, text)
        kept = [q for q in ctx.data.get(QUEUE, []) if not leads_in(q)]  # "想跟工会报个情况": now said
        ctx.data[QUEUE] = [*kept, text.strip()]
        what = text.strip() if len(text.strip()) <= 20 else text.strip()[:19] + "…"
        return Ask((ctx.data.get("_ask") or "").split("\n（")[0] + "\n" + KEPT.format(what=what), step)

    return read


def _after(ctx: Context, text: str):
    """"何秀英", "八零一九 是工号" after "先绑定身份": the binding begins (the request goes along with it)."""
    slots, norm = extract(text), normalize(text)
    named = re.fullmatch(r"(我是|我叫|俺是|额是)?[" + SURNAMES + r"][\u4e00-\u9fa5]{1,2}(老师)?", norm.strip(" ，,。.!！"))
    if ctx.member is None and (slots.get("staff_no") or slots.get("code") or named or intro_name(text)) \
            and not NEEDS_BINDING.search(norm):  # by the message's shape, never by the roster
        ctx.slots = slots
        return ctx.registry.intents["bind"].handle(ctx)
    return PassOn()


registry.flow(Flow(AFTER_BINDING, {"after": _after}, free_text=frozenset({"after"}), label="绑定"))
