"""Questions written as a quiz (issue 19): "判断题：退休教师可以参加秋季登山（ ）对还是错", "请选择你能做的事：A.查活动
B.报名 C.提建议 D.以上都是？", "填空题：乒乓球比赛在___号举行". The frame (the quiz's name, the blank, the options,
"对还是错") is no part of what is asked: what is left is the question, for the classifier (bot/normalize.py
`focus`). A question, whatever its options name: "B.报名" is no sign-up.
"""

from __future__ import annotations

import re

# the quiz's name said first: "判断题：", "选择题:", "单选", "请选择", "考考你："
LEAD = re.compile(r"^(?:(?:小|随堂)?(?:判断|选择|单选|多选|填空|问答|简答|抢答|竞猜)题?|请(?:选择|判断|回答|作答)|考考你|小测验|测一测|"
                  r"猜一猜)[:：,，\s]*")
# the blank to fill: "（ ）", "(  )", "___", "____号"
BLANK = re.compile(r"\(\s*\)|_{2,}|＿{2,}")
# lettered options, two or more: "a.查活动 b.报名 c.提建议 d.以上都是"
OPTIONS = re.compile(r"(?:^|[\s:：,，;；?？])(?:[a-f]|[①-⑥])\s*[.、．:：)）]\s*[^\s;；]+(?:(?:\s+|[;；])(?:[a-f]|[①-⑥])\s*[.、．:：)）]\s*[^\s;；]+)+\s*[?？]?\s*$")
# what each match of OPTIONS holds, sought first (a search of OPTIONS itself tries its alternatives at every character);
# BLANK needs "(" or a run of underscores, TRUE_FALSE one of 对/正确/√
_OPTION = re.compile(r"(?:[a-f]|[①-⑥])\s*[.、．:：)）]")
# asking true or false: "对还是错", "对不对", "是否正确", "√还是×"
TRUE_FALSE = re.compile(r"[,，\s]*(?:对还是错|是对是错|对不对|对吗|是否正确|正确吗|正确还是错误|√还是×|判断对错)[?？]?\s*$")


def unquizzed(text: str) -> str:
    """The question of a quiz without its frame; the text as it was when it is no quiz (no quiz's name, blank,
    options or "对还是错" together with one of the others)."""
    lead = LEAD.match(text)
    framed = [bool(lead), ("(" in text or "__" in text or "＿＿" in text) and bool(BLANK.search(text)),
              bool(_OPTION.search(text)) and bool(OPTIONS.search(text)),
              ("对" in text or "正确" in text or "√" in text) and bool(TRUE_FALSE.search(text))]
    if sum(framed) < 2 and not (lead and lead.end() < len(text)):
        return text
    question = text[lead.end():] if lead else text
    true_false = (lead is not None and "判断" in lead.group(0)) or bool(re.search(r"\(\s*\)\s*[?？]?\s*$", question))
    question = OPTIONS.sub("", question)
    question = TRUE_FALSE.sub("吗", question)
    question = BLANK.sub("几" if re.search(r"_{2,}\s*[号点月日]", question) else "", question).strip(" :：,，")
    if len(question) < 2:
        return text
    return question if re.search(r"[?？吗呢]$", question) else question + ("吗" if true_false else "?")
