"""Options a teacher labels herself and then picks by the label (issue 19): "甲、署名 乙、匿名——我选甲，署名",
"A.读书会 B.卡拉OK，选B", or a list in one message ("在这三个里纠结：甲、读书会 乙、卡拉OK 丙、羽毛球") picked in the
next ("算了就乙吧").

Her list is no part of what she says: the pick stands for the option she gave it ("我选甲" → "我选署名"), and the
list itself is left out (both of its options named side by side would read as neither). Labels are 甲乙丙丁戊 or the
letters A–E, in order from the first; a pick is a label after a verb of choosing (选/就/要/定/挑/报/确认) that is not
the start of a word ("乙方", "B超", "丙肝").
"""

from __future__ import annotations

import re

_LABEL = r"[甲乙丙丁戊]|[a-eA-E]"
_MARK = r"(?:\s*[、.．:：)）]\s*|\s+)"
ITEM = re.compile(rf"(?:^|(?<=[\s，,。；;：:、—\-~～]))(?<![（(]\s)(?P<label>{_LABEL}){_MARK}(?P<option>[^\s，,。；;、—\-~～]{{1,20}}?)"
                  rf"(?=\s|[，,。；;、—\-~～]|$|(?:{_LABEL}){_MARK})")
PICK = re.compile(rf"(?P<verb>选择?|就|要|定|挑|报|确认|确定|是)(?:了|个)?\s*(?P<label>{_LABEL})"
                  r"(?=$|[吧了啦呀哈的项\s，,。！!~～]|[这那]个|选项)")
# the answer written in an exam's blank, the list after it: "要报名的活动是（ C ） A. 乒乓球 B. 卡拉OK C. 运动会"
BLANK = re.compile(rf"[（(]\s*(?P<label>{_LABEL})\s*[)）]")
BARE = re.compile(rf"^\s*(?:选|就|要)?\s*(?P<label>{_LABEL})\s*(?:吧|呀|啊|项|选项|这个|那个)?[。.!！~～]*\s*$")
# … and, beside her own list, a label standing as a clause of its own: "甲、匿名 乙、署名。甲吧，不对，乙"
CLAUSE = re.compile(rf"(?:^|(?<=[\s，,。；;！!~～]))(?P<verb>)(?P<label>{_LABEL})(?=\s*(?:吧|呀|啊|项|选项|这个|那个)?\s*(?:$|[，,。；;！!~～]))")
_ORDER = ("甲乙丙丁戊", "abcde")
_ANY_LABEL = re.compile(r"[甲乙丙丁戊a-eA-E]")


def options_in(text: str) -> dict[str, str]:
    """{label: option} of the list a message holds: at least two labels, in order from the first ("甲、乙", "A. B.")."""
    items = [(m.group("label").lower(), m.group("option")) for m in ITEM.finditer(text)]
    labels = [label for label, _ in items]
    for order in _ORDER:
        if len(labels) >= 2 and "".join(labels) == order[:len(labels)]:
            return dict(items)
    return {}


def picked(text: str, earlier: str = "") -> str:
    """The message with her labelled list left out and her pick said as the option it labels ("甲、署名 乙、匿名——
    我选甲，署名" → "我选署名，署名"); the list may be in `earlier`, a message of hers before this one. The message as
    it was when it picks nothing of a list."""
    if not _ANY_LABEL.search(text):
        return text
    here = options_in(text)
    options = here or options_in(earlier)
    if not options:
        return text
    bare = BARE.match(text)
    if bare and not here and bare.group("label").lower() in options:  # "乙", "B吧": the label alone
        return options[bare.group("label").lower()]
    rest = ITEM.sub(" ", text) if here else text
    picks = (PICK, CLAUSE) if here else (PICK,)
    found = any(m.group("label").lower() in options for p in picks for m in p.finditer(rest))
    blank = [m for m in BLANK.finditer(rest) if m.group("label").lower() in options] if here else []
    if not found and len(blank) == 1:  # (an exam's blank holds the pick only beside its own list)
        return (rest[:blank[0].start()] + options[blank[0].group("label").lower()] + rest[blank[0].end():]).strip()
    if not found:
        return text
    said = rest
    for p in picks:
        said = p.sub(lambda m: m.group("verb") + options[m.group("label").lower()]
                     if m.group("label").lower() in options else m.group(0), said)
    said = re.sub(r"\s{2,}", " ", said)
    return re.sub(r"^[\s，,。；;：:、—\-~～]+", "", said).strip() or text
