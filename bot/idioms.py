"""Set phrases (成语) that say "gladly" though they hold a negation: "却之不恭，确认", "当仁不让，署我的名",
"义不容辞", "求之不得", "二话不说". A refusal or a doubt is looked for by its 不/没 (handlers/_common.py yes_no,
handlers/suggestions/consent.py): such a phrase is read as what it means before that, a yes on its own ("却之不恭")
and no word at all beside an answer ("义不容辞，但那天有课" is no yes)."""

from __future__ import annotations

import re

EAGER = (r"却之不恭|当仁不让|义不容辞|在所不辞|万死不辞|求之不得|毫不犹豫|二话不说|不在话下|迫不及待|责无旁贷|义无反顾|"
         r"舍我其谁|何乐而不为|何乐不为|不见不散|不胜荣幸|荣幸之至|乐意之至|不亦乐乎|一言为定|说一不二")
_EAGER = re.compile(EAGER)
_ALONE = re.compile(r"[\s，,。.！!~～…、;；]*(?:(?:" + EAGER + r")[\s，,。.！!~～…、;；]*)+(?:啊|呀|哈|嘛|了|啦)*[\s。.！!~～]*")


def unnegated(text: str) -> str:
    """The message with such phrases read: "好" when it says nothing else, else without them."""
    if not _EAGER.search(text):
        return text
    if _ALONE.fullmatch(text):
        return "好"
    return _EAGER.sub("", text)
