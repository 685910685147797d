"""Consent to be named on a suggestion, as teachers say it ("写我名字", "署我名" / "不用署名", "唔好写我个名")."""

from __future__ import annotations

import re

from bot.nlu import normalize

# Consent to be named: only a clear ask counts ("署名", "实名", "写我名字", "留我名字", "不要匿名"); a
# negation ("不用署名", "不要写名字", "不留名") or "匿名" is anonymous; anything else is unclear.
NAMED = (r"(实名|署名|具名|署上?我?的?名|落款|签名|写(上|下)?(我的?|我个)?名字?|留(下|个)?(我的?|我个)?名字?|留名|"
         r"报(上)?我的?名字|用我的?名字)")
NEGATION = (r"(不用|不使|不要|不必|无需|没必要|没有必要|用不着|不想|不愿意?|不需要|不敢|害怕|怕|不能|不可以|不希望|拒绝|不同意|"
            r"不太想|不打算|别|勿|免|不)(再|要)?(给我)?")
# a name refused after the word: "实名就算了", "署名就不必了", "实名不太好吧", "签名就不签了"
REFUSED_AFTER = r".{0,4}?(算了|不必|免了|不好|不了|不要|不用|不签|不写|不行|不太好|就不|没必要|别)"
_NAMED_RE = re.compile(NAMED)
_NEGATED_NAMED_RE = re.compile(NEGATION + NAMED)
_REFUSED_NAMED_RE = re.compile(NAMED + REFUSED_AFTER)
_ANON_RE = re.compile(r"匿名|无名|不具名")
_NEGATED_ANON_RE = re.compile(r"(?<!要)(不用|不要|不必|无需|不想|别|不)(再)?匿名")
# a question about signing is not a request to sign: "实名会被报复吗？", "要不要匿名？", "什么是实名"
_QUESTION_RE = re.compile(r"[?？吗呢]|什么|啥|区别|要不要|能不能|能不|会不会|行不行|可不可以|是否|有用|怎么|为什么|不知道")


def sign_choice(text: str) -> bool | None:
    """True: the teacher clearly asked to sign (be named). False: asked for anonymity, or refused
    a name. None: said nothing clear either way, or asked a question about it (callers treat both
    as anonymous). Consent is never guessed toward disclosure."""
    t = re.sub(r"\s+", "", normalize(text))  # "唔好写我个名" → "不要写我个名"
    if _QUESTION_RE.search(t):
        return None
    negated_named = [m.span() for m in _NEGATED_NAMED_RE.finditer(t)] + [
        m.span() for m in _REFUSED_NAMED_RE.finditer(t)]
    named = [m for m in _NAMED_RE.finditer(t)
             if not any(a <= m.start() and m.end() <= b for a, b in negated_named)]
    negated_anon = [m.span() for m in _NEGATED_ANON_RE.finditer(t)]
    anon = [m for m in _ANON_RE.finditer(t) if not any(a <= m.start() and m.end() <= b for a, b in negated_anon)]
    wants_name = bool(named) or bool(negated_anon)
    wants_anon = bool(anon) or bool(negated_named)
    if wants_name and not wants_anon:
        return True
    if wants_anon and not wants_name:
        return False
    return None
