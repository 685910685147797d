"""A colleague's name with a brother or sister word right after it and no 的 ("我们语文组王芳姐姐去世了", "张伟哥哥住院了"):
the news may be her sibling's, or hers with 姐姐 said as a friendly address. Told to the committee as 王芳's own death,
it was wrong half the time (left26): she is asked once ("是王芳老师本人，还是王芳老师的姐姐？") and her answer is what is
filed. A word her gender rules out as an address ("张伟姐姐": 张伟 is a man) is plainly the sibling; 姐 or 哥 alone that
fits her ("彭亮哥住院了") is how colleagues call her, when the roster has her — but a death is asked ("王芳姐走了"); a
title before a relative ("王芳姐姐的母亲") is an address too."""

from __future__ import annotations

import re

from bot.engine import Ask, Retry
from bot.nlu import normalize
from handlers.care.kinds import RELATION

# the sibling word right after the name ("王芳姐姐", "王芳老师姐姐", "张伟弟弟"; not "王芳姐夫", "王芳姐妹们")
BARE_SIBLING = re.compile(r"(?:老师)?(?P<sib>姐姐|哥哥|弟弟|妹妹|姐|哥|弟|妹)(?![夫子们儿妹弟姐哥])")
# an address, never a relative, for her gender: 姐 or 哥 alone that fits her
_ADDRESS = {"女": ("姐",), "男": ("哥",)}
# a word her gender cannot be called by: her sibling, nobody asked ("张伟姐姐" is his sister)
_NOT_HERS = {"女": ("哥", "弟"), "男": ("姐", "妹")}
ASK_WHICH = "是{name}老师本人，还是{name}老师的{sib}？"


def sibling_word(name: str, gender: str, after: str, death: bool = False) -> tuple[str | None, bool]:
    """(the sibling word said right after `name`, whether it can only be the sibling): (None, False) when there is none
    or it reads as an address — a relative after it ("王芳姐姐的母亲") or 姐/哥 alone that fits her ("彭亮哥住院了"), unless
    the news is a death (`death`: "王芳姐走了" is asked — a death is never told of a member on a guess)."""
    m = BARE_SIBLING.match(after)
    if not m or re.match(r"(他|她)?的?(家)?" + RELATION, after[m.end():]):
        return None, False
    sib = m["sib"]
    if sib[0] in _NOT_HERS.get(gender, ()):
        return sib, True
    if sib in _ADDRESS.get(gender, ()) and not death:
        return None, False
    return sib, False


def either_of(text: str, subject: str, roster: list, kind: str = "") -> tuple[str, str] | None:
    """(the member's name, her sibling word) when the news names a member (`subject`, as find_subject read it) with a
    sibling word after her name that may be either; None when it is plainly one of them."""
    member = next((m for m in roster if m.name == subject), None)
    norm = normalize(text)
    if member is None or member.name not in norm:
        return None
    for at in [m.start() for m in re.finditer(re.escape(member.name), norm)]:
        sib, only = sibling_word(member.name, member.gender or "", norm[at + len(member.name):], kind == "丧事")
        if sib and not only:
            return member.name, sib if len(sib) == 2 else sib * 2  # ("王芳姐走了": her 姐姐)
    return None


def ask_which(data: dict) -> Ask:
    name, sib = data["either"]
    return Ask(ASK_WHICH.format(name=name, sib=sib), "which")


# her answer: the sibling ("她姐姐", "是王芳老师的姐姐", "后者", "亲姐姐"), or the member herself ("本人", "是王芳老师",
# "她自己", "前者"); what she says is not ("不是她姐姐，是她本人") is left out first
_NOT = re.compile(r"(不是|并非|而不是)[^，,。；;！!\s是]*")
# (attack26: a bare "是"/"是的" names neither: asked again)
_HERSELF = re.compile(r"本人|自己|本身|前者|第一个|(^|是|就是)(她|他)(了|啊|呀|哈)?$|老师$|^(是|就是)?(她|他)(啊|呀|的)?$")


def step_which(ctx, text: str, next_step):
    """The answer to ASK_WHICH: the subject set to the one she names, and the report goes on; asked again otherwise."""
    name, sib = ctx.data["either"]
    norm = _NOT.sub(" ", normalize(text).strip(" ，,。.!！~～"))
    sibling = re.search(r"(的|她|他|亲|是|^)" + sib[0] + r"|后者|第二个|" + sib[0] + r"{2}", norm)
    herself = _HERSELF.search(norm) or (name in norm and not sibling)
    if sibling and not _HERSELF.search(norm):
        ctx.data["subject"] = f"{name}的{sib}"
    elif herself and not sibling:  # (both said: "姐姐，王芳本人没事" is asked again, never filed as her own death)
        ctx.data["subject"] = name
        ctx.data["subject"] = name
    else:
        return Retry(ASK_WHICH.format(name=name, sib=sib))
    ctx.data.pop("either", None)
    return next_step(ctx, text)
