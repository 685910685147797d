"""A sign-up relayed for a family member who owns the account (issue 19): a grandchild types for a retired
teacher — "我姥爷说报登山", "她说报上面那个 登山她爬不动了" — and then relays the yes: "他说确认", "她说给她报上".
Someone else's yes is not the teacher's own (attack10: "他说报上" at her own confirmation is asked again), but
where the request itself was relayed, the relayed yes is the account holder's answer like the request was.

Whose words are the account holder's: family types for a retired teacher, so there a relative's frame ("我姥爷说",
"她想") is the holder's; on a working teacher's own phone "我妈说她不去拔河了" is her mother's, unless the sender
said she types for the holder ("我替我老婆发的", "帮我妈打字": attack review 16)."""

from __future__ import annotations

import re

from bot.aroundname import AroundName
from bot.engine import Context
from bot.nlu import normalize
from bot.relay import RELATIVE, TYPIST, holder_as_spouse

__all__ = ["KIN", "RELATIVE", "TYPES", "answer_of", "relayed", "typed_for", "typed_for_another"]
REQUEST_RELAYED = re.compile(rf"(我的?({RELATIVE})|^(他|她)|(?<=[，,。.！!\s])({RELATIVE}))[^，,。\s]{{0,3}}(说|让|问|叫|想|要)|"
                             rf"替我的?({RELATIVE})")  # ("…让我帮他打字。爷爷说：他是退休组的王建国，想参加…")
SPOUSE_RELAYED = re.compile(r"我的?(老公|丈夫|先生|老婆|媳妇儿?|妻子|太太)[^，,。\s]{0,3}(说|让|问|叫|想|要)")
ANSWER_RELAYED = re.compile(rf"^(我的?({RELATIVE})|他|她|老人家)(说|讲)(了)?[:：,，\s]*")
# … or after what the typist says first: "我把你的回复念给爷爷听了，爷爷说：对对对，…报上！"
ANSWER_RELAYED_LATER = re.compile(rf"(?<=[，,。.！!\s])(我的?({RELATIVE})|{RELATIVE}|老人家)(说|讲)(了)?[:：,，\s]*")
# who types, said: "我替我妈发的", "帮我外婆打字", "代发", "用我老婆的微信发的"
TYPES = r"打字|代发|替.{0,4}发|帮.{0,6}(?:发的|发消息)|用.{0,6}(?:手机|微信|号)发"
# family whose words a teacher may pass on (none of them a member by being family)
KIN = rf"{RELATIVE}|老人家?|老公|老婆|爱人|媳妇儿?|对象|孩子|闺女|女儿|儿子|娃|老妈|老爸|家里人|家属"


# whom she types for, as she says it: "替王芳发的", "帮我同事发消息", "用王老师的微信发的"
_TYPED_WHOM = re.compile(r"(?:替|帮|代|用)(?P<whom>[^，,。；;！!？?\s]{0,6}?)(?:的?(?:手机|微信|号))?(?:发|打字)")
# a sender who says she is another teacher, named: "我是王芳，…", "这里是数学组的张伟", "她是退休的赵淑芬用我手机…"
_SHE_IS = AroundName(r"(?:我是|我叫|我系|本人是?|这里是)(?:[\u4e00-\u9fff]{1,6}?组的?)?|[他她]是[^，,。；;！!？?\s]{0,8}?",
                     r"(?:老师)?(?=$|[，,。.！!？?\s:：~]|用|借|拿)")
_ANOTHER = re.compile(r"同事|朋友|别人|同学|领导|[\u4e00-\u9fff]{1,2}(?:老师|主任|组长|校长)")


def typed_for_another(ctx: Context, norm: str) -> bool:
    """Does the sender say she types for someone who is not the account's holder: a colleague, a teacher named
    other than the holder ("我替王芳发的", "替我同事发的"), or is she another teacher herself ("我是王芳，用何雪的手机
    发的"; attack review 18)? That one has her own phone to ask with: her words are nobody's request here."""
    own = ctx.member.name if ctx.member is not None else ""
    for name in ctx.store.members.active_names_in(norm):  # (she, or whom she types for, is another teacher:
        if name != own and _SHE_IS.search(norm, name):  # "我是王芳，用何雪的手机发的", "她是退休的赵淑芬"
            return True
    for found in _TYPED_WHOM.finditer(norm):
        whom = found.group("whom")
        if any(name != own for name in ctx.store.members.active_names_in(whom)):
            return True
        named = _ANOTHER.search(whom)
        if named and not (own and re.sub(r"(老师|主任|组长|校长)$", "", named.group()) in own):
            return True
    return False


def typed_for(ctx: Context, norm: str) -> bool:
    """Are a relative's words here the account holder's own: the sender said she types for the holder (the news
    step of handlers/care/about.py passes her words on with what follows), or a relative frames it on a retired
    teacher's account? Never when she says she types for someone else (a colleague: typed_for_another)."""
    if typed_for_another(ctx, norm):
        return False
    if TYPIST.search(norm) or re.search(TYPES, norm):
        return True
    if ctx.member is not None and holder_as_spouse(norm, ctx.member.gender):  # "我老公说…" on his own phone: his words
        return True
    return ctx.member is not None and ctx.member.status == "退休" and re.search(RELATIVE, norm) is not None


def relayed(ctx: Context, text: str) -> bool:
    """Was the sign-up asked for on the holder's behalf, in their words ("我奶奶说…", "她说报…"): on a retired
    teacher's account, or where the sender said she types for the holder?"""
    norm = normalize(text)
    if ctx.member is not None and holder_as_spouse(norm, ctx.member.gender) and SPOUSE_RELAYED.search(norm):
        return True  # "我老公说给他报个登山" on his own phone: his wife types his request
    return bool(REQUEST_RELAYED.search(norm)) and (
        typed_for(ctx, norm) or (ctx.member is not None and ctx.member.status == "退休"))


def answer_of(text: str) -> str:
    """The relayed answer without its "她说": "她说确认" → "确认" (the text as it was otherwise)."""
    norm = normalize(text)
    found = ANSWER_RELAYED.match(norm) or ANSWER_RELAYED_LATER.search(norm)
    return norm[found.end():] if found and norm[found.end():].strip() else text
