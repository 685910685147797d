"""What in an anonymous suggestion's own words says who sent it, taken out before it is stored (issue 19: 匿名就是匿名).

A signature at its very start or end is left out already (handlers/suggestions/asked.py `unsigned`); this is what she
writes in the middle ("我陈玉珍建议：…", "…老陈我腿脚不好", "…我是退休组陈玉珍，电话13900002005"). Each of these is
replaced by HIDDEN, in any suggestion, proposal or complaint stored anonymously (filed so, or changed to it):

- her full name, also with spaces between its characters, in traditional characters, or in pinyin ("chenyuzhen");
- her phone number, also with spaces or dashes, or in Chinese digits; and any mainland mobile number (11 digits);
- her 工号 said as hers ("工号2005", "我2005", "我的职工号是2005"); any 工号 or 职工号 with its number (a roster key);
- 老/小 and her surname right beside 我 ("老陈我", "我老陈"), her given name after 我叫/我是 ("我叫玉珍");
- what an attacker reading the row would look for next (attack review, anon22): a contact she calls her own ("我的微信号
  chen_yz60", "我电话0571-88001234"), a phone's last digits ("手机尾号2005"), her birth date as the roster has it, and any
  identity card number (its check digit verified: an order number is kept).

Other people's names stay ("建议表扬张伟老师"), and so do numbers that are no phone ("3号楼", "2026年"). Her name is
looked for as a literal in a plain reading of the text (one character for each of hers, with its spaces left out and
its characters simplified), never as a pattern made of her name: handlers/suggestions/namepatterns.py says why."""

from __future__ import annotations

import re
import unicodedata

from bot.normalize import DIGIT_OF, _opencc  # (the one converter the process keeps: normalize's)

HIDDEN = "（已隐去）"
# told to her with the receipt, only when something was taken out
NOTE = "\n为保护匿名，您在内容里写的姓名、电话、工号已隐去；但所在组别、亲身经历等细节仍可能让人猜到是您。"

# what a plain reading leaves out between the characters of a name or a number ("陈 玉 珍", "139-0000-2005")
_SKIPPED = frozenset(" \t\u3000\u00a0-‐‑‒–—―·・•._\u200b\u200c\u200d\ufeff*＊/／\\|｜、~～")
# and any symbol, emoji, mark or format character ("陈🌸玉🌸珍", "陈❤️玉❤️珍": attack22)
_SKIPPED_KINDS = ("S", "M", "Cf")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_DIGITS = re.compile(r"[0-9]+")
# a 工号 with its number ("工号2005", "职工号：2005"), and a number she calls herself ("我2005", "我是2005号"): hers when it is
# her 工号 ("我2005年入职" is a year)
_STAFF_NO = re.compile(r"(?:我的?|本人的?)?教?职?工号(?:是|为|:|：)?(?=[0-9])")
_SELF_NO = re.compile(r"(?:我|本人)(?:是|就是)?(?=[0-9])")
_NOT_SELF = re.compile(r"[年届级月日岁元块个名位]")
# a contact she calls her own ("我的微信号是chen_yz60", "我电话0571-88001234", "本人邮箱chen@163.com"), a phone's last digits
# ("手机尾号2005"), an identity card number (any: it names one person)
_OWN_CONTACT = re.compile(r"(?:我|本人)的?(?:微信号?|vx|wx|qq号?|邮箱|email|e-?mail|手机号?码?|电话号?码?|联系方式)(?:是|为|:|：)?"
                          r"[a-z0-9_@.+]{5,}")
_LAST_DIGITS = re.compile(r"(?:手机|电话|号码)号?码?的?(?:尾号|尾数|末尾|(?:最)?[后末]4位)(?:数字)?(?:是|为|:|：)?(?=[0-9])")
_ID_CARD = re.compile(r"[1-9][0-9]{16}[0-9x]")
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木")


def _simplified(text: str) -> str:
    """The text in simplified characters, one for each of its own (its own where a phrase would change the length)."""
    whole = _opencc().convert(text)
    return whole if len(whole) == len(text) else "".join(c if len(c := _opencc().convert(ch)) == 1 else ch for ch in text)


def plain_reading(text: str) -> tuple[str, list[int]]:
    """(the text read plainly: simplified, half-width, lower-case, Chinese digits as digits, without spaces or dashes;
    for each of its characters, where it is in `text`)."""
    chars, where = [], []
    for i, ch in enumerate(_simplified(text)):
        if ch in _SKIPPED or ch.isspace() or unicodedata.category(ch).startswith(_SKIPPED_KINDS):
            continue
        plain = unicodedata.normalize("NFKC", ch).lower()
        if not plain.isascii() and (bare := unicodedata.normalize("NFKD", plain)[:1]).isascii() and bare.isalpha():
            plain = bare  # ("Chén Yùzhēn": pinyin with its tones)
        chars.append(DIGIT_OF.get(ch, plain if len(plain) == 1 else ch))
        where.append(i)
    return "".join(chars), where


def _edge(view: str, where: list[int], k: int, kind) -> bool:
    """Whether position `k` of the plain reading is an edge of a word of `kind` (digits, latin letters): the text's
    end, another kind of character, or spaces or a dash between in her own text ("电话13900002005 3号楼")."""
    return k in (0, len(view)) or not (kind(view[k - 1]) and kind(view[k])) or where[k] - where[k - 1] > 1


def _found(view: str, where: list[int], said: str, kind=str.isdigit):
    """The spans in `view` where `said` is, not run on into more of its kind (digits, latin letters)."""
    at = view.find(said) if said else -1
    while at >= 0:
        end = at + len(said)
        if _edge(view, where, at, kind) and _edge(view, where, end, kind):
            yield at, end
        at = view.find(said, at + 1)


def _mobiles(view: str, where: list[int]):
    """The spans of 11-digit mainland mobile numbers, each a number of its own (with its spaces or dashes)."""
    for run in _DIGITS.finditer(view):
        for at in range(run.start(), run.end() - 10):
            if _edge(view, where, at, str.isdigit) and _edge(view, where, at + 11, str.isdigit) \
                    and _MOBILE.fullmatch(view, at, at + 11):
                yield at, at + 11


def _latin(ch: str) -> bool:
    return "a" <= ch <= "z"


def _pinyin(name: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    sounds = lazy_pinyin(name)  # (never remembered: a memory of the names read here would list who filed anonymously)
    if len(sounds) < 2 or not all(s.isalpha() and s.isascii() for s in sounds):
        return ()
    cut = 2 if name[:2] in _COMPOUND else 1
    return ("".join(sounds), "".join(sounds[cut:] + sounds[:cut]))  # "chenyuzhen", "yuzhenchen"


def _surname(name: str) -> str:
    return name[:2] if name[:2] in _COMPOUND and len(name) > 2 else name[:1]


def _never(ch: str) -> bool:
    return False


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _id_checked(number: str) -> bool:
    """Whether an 18-character number is an identity card's: its last character checks the others (GB 11643)."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(number[:17]))
    return "10x98765432"[total % 11] == number[17]


def _birth_dates(birth: str) -> list[str]:
    """Her birth date ("1960-10-10") as a plain reading writes it: "19601010", "1960年10月10", "1960年10月10日"…"""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", birth or "")
    if not found:
        return []
    y, m, d = found.groups()
    return [y + m + d, f"{y}/{m}/{d}", *{f"{y}年{mm}月{dd}{end}" for mm in (m, str(int(m))) for dd in (d, str(int(d)))
                                         for end in ("日", "号", "")}]


def _spans(view: str, where: list[int], name: str, spoken: str, phone: str, staff_no: str,
           birth: str = "") -> list[tuple[int, int]]:
    spans = list(_mobiles(view, where))
    spans += [m.span() for m in _OWN_CONTACT.finditer(view)]
    spans += [(m.start(), _number_end(view, where, m.end())) for m in _LAST_DIGITS.finditer(view)]
    spans += [m.span() for m in _ID_CARD.finditer(view) if _edge(view, where, m.start(), str.isdigit)
              and _edge(view, where, m.end(), _ascii_alnum) and _id_checked(m.group())]
    for said in _birth_dates(birth):
        spans += _found(view, where, said)
    if name and len(name) >= 2:
        spans += _found(view, where, name, _never)
        for sound in _pinyin(spoken):
            spans += _found(view, where, sound, _latin)
        surname = _surname(name)
        given = name[len(surname):]
        for a, b in _found(view, where, given, _never) if len(given) >= 2 else ():  # "我叫玉珍", "我是玉珍"
            if view[max(0, a - 2):a] in ("我是", "我叫", "本人"):
                spans.append((a, b))
        for said in ("老" + surname, "小" + surname, surname + "老师"):  # "老陈我", "我老陈", "我是老陈", "陈老师我"
            for a, b in _found(view, where, said, _never):
                if view[b:b + 1] == "我" or view[max(0, a - 1):a] == "我" or view[max(0, a - 2):a] == "我是":
                    spans.append((a, b))
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", phone or ""))
    if len(digits) >= 7:
        spans += _found(view, where, digits[-11:])
        spans += _found(view, where, "86" + digits[-11:])  # ("8613900002005": the country code run on)
    for m in _STAFF_NO.finditer(view):
        spans.append((m.start(), _number_end(view, where, m.end())))
    for m in _SELF_NO.finditer(view) if staff_no else ():
        end = _number_end(view, where, m.end())
        if view[m.end():end] == staff_no and not _NOT_SELF.match(view, end):
            spans.append((m.start(), end + (view[end:end + 1] == "号")))
    return spans


def _number_end(view: str, where: list[int], at: int) -> int:
    """Where the number that starts at `at` of the plain reading ends (at its own spaces, or at a letter)."""
    end = at + 1
    while not _edge(view, where, end, str.isdigit):
        end += 1
    return end


def redacted(content: str, name: str | None, phone: str = "", staff_no: str = "", birth: str = "") -> tuple[str, bool]:
    """(an anonymous suggestion's words with what says who sent it replaced by HIDDEN, whether anything was)."""
    view, where = plain_reading(content)
    spans = sorted(_spans(view, where, plain_reading(name or "")[0], _simplified(name or ""), phone, staff_no, birth))  # ("张三": "张3" as her text reads)
    if not spans:
        return content, False
    merged: list[list[int]] = []
    for a, b in spans:
        start, end = where[a], where[b - 1] + 1
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out += [content[last:start], HIDDEN]
        last = end
    return "".join(out) + content[last:], True


def redacted_for(content: str, member, said_name: str | None = None) -> tuple[str, bool]:
    """redacted() for the sender: a bound member, or an unbound teacher by the name she gave with her opener."""
    if member is None:
        return redacted(content, said_name)
    return redacted(content, member.name, member.phone or "", member.staff_no or "", member.birth_date or "")


def anonymized(content: str, member, said_name: str | None = None) -> tuple[str, bool]:
    """An anonymous suggestion's words as stored: without a signature at its start or end (asked.unsigned), and with
    what else in them says who sent it hidden; and whether anything was hidden (she is told)."""
    from handlers.suggestions.asked import unsigned

    return redacted_for(unsigned(content, member), member, said_name)
