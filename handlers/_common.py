"""Helpers shared by feature modules (not a feature itself: modules starting with _ are not loaded)."""

from __future__ import annotations

import datetime as dt
import functools
import re

# the yes/no reader is bot/answers.py (answers16: bot/clarify.py shares it); feature packages read it from here
from bot.answers import COURTESY as COURTESY
from bot.answers import DECIDED as DECIDED
from bot.answers import DELIBERATED as DELIBERATED
from bot.answers import LEAD_IN as LEAD_IN
from bot.answers import _clauses as _clauses
from bot.answers import confirms as confirms
from bot.answers import is_no as is_no
from bot.answers import is_yes as is_yes
from bot.answers import said_last as said_last
from bot.answers import says_confirmed as says_confirmed
from bot.answers import yes_no as yes_no
from bot.engine import Context
from bot.stage import quoted_answer as quoted_answer  # (signup.py reads it from here)
from bot.steps import BIND_FIRST as BIND_FIRST  # (the router keeps the request it answers, bot.engine)

WEEKDAYS = "一二三四五六日"
YES = {"是", "是的", "确认", "确定", "好", "好的", "嗯", "对", "要", "可以", "y", "yes", "ok", "行", "没问题", "1"}
NO = {"否", "不", "不要", "不用", "算了", "n", "no", "不了", "先不", "2"}
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def fmt_dt(value: dt.datetime) -> str:
    return f"{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）{value:%H:%M}"


def fmt_date(value: dt.date) -> str:
    return f"{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）"



def parse_choice(text: str, count: int) -> int | None:
    """'2', '第2个', '第二个', '２' → 1-based index if within range."""
    t = text.strip().replace("第", "").replace("个", "").replace("号", "").replace("项", "")
    if t.isdecimal() and len(t) <= 6:  # not isdigit(): '²' is a digit that int() refuses
        n = int(t)
    elif t in CN_DIGITS:
        n = CN_DIGITS[t]
    else:
        return None
    return n if 1 <= n <= count else None


def numbered(items: list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def local_now(ctx: Context) -> dt.datetime:
    """Naive local time, for comparing with 'YYYY-MM-DD HH:MM' strings in the database."""
    return ctx.clock.now().replace(tzinfo=None)


STAFF_NO_RE = re.compile(r"(?<![0-9a-z])([0-9]{3,10})(?![0-9])")


_LATIN_RUN = re.compile(r"(?<![0-9a-z])[a-z]+(?:[ -][a-z]+){1,2}(?![0-9a-z])")


@functools.cache
def _sounds_of(name: str) -> frozenset[str]:
    """How a name is written in pinyin: "宋健" → {"songjian", "jiansong"} (surname first, or last as in
    English)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    return frozenset(("".join(syllables), "".join(syllables[1:] + syllables[:1])))


# a pinyin syllable (one that could go on a name: "Zhang Wei Dong" is not 张伟), not an English word of that shape
_SYLLABLE = re.compile(r"(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(a|o|e|i|u|v|ai|ei|ao|ou|an|en|ang|eng|ong|ia|ie|iao|iu|ian|in|iang|ing|"
                       r"iong|ua|uo|uai|ui|uan|un|uang|ue|ve)|a|o|e|ai|ei|ao|ou|an|en|ang|eng|er")
_ENGLISH_SHAPED = {"a", "an", "he", "she", "can", "man", "men", "die", "lie", "tie", "pie", "run", "long", "hang", "ban",
                   "fan", "pan", "sun", "pin", "ping", "bin", "hen", "gang", "bang", "sang", "ran", "bun", "fun", "gun",
                   "nun", "pun", "tan", "den", "pen", "ten", "zen", "yen", "dun", "huge", "me", "we", "ye", "e", "o"}


def _goes_on(word: str) -> bool:
    return _SYLLABLE.fullmatch(word) is not None and word not in _ENGLISH_SHAPED


def latin_name(norm: str) -> bool:
    """A name in pinyin the roster did not know ("zhang wei dong"): two or more syllables in a row."""
    return any(len(words) >= 2 and all(map(_goes_on, words))
               for words in (re.split(r"[ -]", m.group(0)) for m in _LATIN_RUN.finditer(norm)))


def in_chinese(norm: str, roster: list) -> str:
    """A member's name written in pinyin ("Song Jian", "xu li", "Li Xu") as the roster writes it ("宋健"),
    when exactly one active member is called so and the name does not go on in another syllable ("Zhang Wei Dong"
    is not 张伟); any other latin words are left as they are."""
    if not _LATIN_RUN.search(norm):
        return norm
    sounds: dict[str, set[str]] = {}
    for member in roster:
        for sound in _sounds_of(member.name):
            sounds.setdefault(sound, set()).add(member.name)

    def named(m: re.Match) -> str:
        words = re.split(r"[ -]", m.group(0))
        for start in range(len(words)):
            for end in range(len(words), start + 1, -1):  # the longest run of words that is one name
                fits = sounds.get("".join(words[start:end]), set())
                if len(fits) == 1 and not (end < len(words) and _goes_on(words[end])):
                    return " ".join([*words[:start], next(iter(fits)), *words[end:]])
        return m.group(0)

    return _LATIN_RUN.sub(named, norm)


# a harm foreseen ("总有一天会有人摔断腿的", "迟早要出事", "万一有人摔了"): nothing has happened to anyone, no care news;
# nor the complaint asked to be passed on ("请把这个意见转给管事的先生们") (handlers/suggestions/howto.py, handlers/care/kinds.py)
FORESEEN = re.compile(r"总有一天|迟早|早晚(会|要|得)|(会|要|得)有人|说不定(哪天|哪一天|什么时候)|哪天(会|要)|万一|(恐怕|怕是|只怕)(会|要)|"
                      r"出人命|(转给|转达|转交|反映给|交给|递给|报给|提交给|带给|捎给|传达给?)(学校|工会|领导|上面|管事|后勤|有关|相关|负责)")
