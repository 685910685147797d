"""Ticket codes as teachers write them: read aloud, typed with the input method on, looked up."""

from __future__ import annotations

import re

from storage.suggestions import TICKET_ALPHABET

# a code read aloud or typed with the input method on: "五F五DJB" is 5F5DJB (the alphabet has no 0 or 1)
_SPOKEN = "零〇一幺二两三四五六七八九"
_SPOKEN_DIGIT = str.maketrans(_SPOKEN, "00112234567" + "89")
_SPOKEN_CODE_RE = re.compile(rf"(?<![0-9A-Z{_SPOKEN}])([0-9A-Z{_SPOKEN}]{{6}})(?![0-9A-Z{_SPOKEN}])")


# "查询 7DBB3A", "查一下 bb23ka": a code looked up, whatever its letters read as ("BB" is 宝宝 to the classifier)
LOOKUP_RE = re.compile(rf"(查询|查|查一下|查下|查看)(建议|提案|投诉|意见)?(编号)?[:：]?(?=[A-Z{TICKET_ALPHABET}]*[2-9])"
                       rf"[{TICKET_ALPHABET}]{{6}}[。.!！]?", re.IGNORECASE)


def ticket_text(text: str) -> str:
    """The text upper-cased, with a six-character run that mixes latin letters and spoken digits
    written as the code it is."""
    upper = text.upper()
    return _SPOKEN_CODE_RE.sub(
        lambda m: m.group(1).translate(_SPOKEN_DIGIT)
        if re.search("[A-Z]", m.group(1)) and re.search(f"[{_SPOKEN}]", m.group(1)) else m.group(1), upper)
