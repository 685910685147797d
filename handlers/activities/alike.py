"""An activity's word typed as a near homophone (issue 19): "登上活动" (登山), "读书汇" (读书会), "羽毛求赛".
A window of the message sounds like the word (pypinyin, via bot/normalize.py): every syllable the same
or one letter off with the same initial (shang/shan), at least one character itself the same, and at
most one syllable off. A grammatical particle is never the one off: "卡了" (ka le) is the printer stuck, not
卡拉 (ka la); a particle typed for a syllable of an activity's name is no slip anyone makes."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from bot.normalize import _sound

# particles and function words, which stand for themselves ("打印机卡了", "登的山"): never a near homophone; nor are
# the written language's prepositions and conjunctions ("此申请出于本人自愿": 出于 is no 出游, yes21)
_PARTICLES = frozenset("了着过的地得吗呢吧么嘛啊呀哦于与以之其而及乃亦")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def sounds_like(text: str, word: str) -> bool:
    """Does a stretch of `text` (canonical) sound like `word` without being it?"""
    n = len(word)
    if n < 2 or word in text:
        return False
    own = [_sound(c) for c in word]
    for i in range(len(text) - n + 1):
        window = text[i:i + n]
        if not all(_cjk(c) for c in window):
            continue
        same = sum(a == b for a, b in zip(window, word, strict=True))
        if not same:
            continue
        off = 0
        for ch, sound in zip(window, own, strict=True):
            heard = _sound(ch)
            if heard != sound:
                off += 1
                if ch in _PARTICLES or heard[:1] != sound[:1] or Levenshtein.distance(heard, sound) > 1:
                    off = n
                    break
        if off <= 1:
            return True
    return False
