"""Forms teachers fill in by hand (issue 19): boxes and ticks, numbered lines, 报 or 不报 after each line.

    报名勾选如下（■=报，□=不报）：         Ⅰ. 拔河 报            【设置】
    □ 教职工拔河比赛                        Ⅱ. 乒乓 报            生日祝福：■关闭 □开启
    ■ 乒乓球友谊赛                          Ⅲ. 卡拉OK 不报        节日祝福：■关闭 □开启

`form(norm)` reads such a message (canonical text, bot/normalize.py) as its lines, each a label and its
options, every option chosen or not: a filled box or a tick is chosen (■☑✅✔√✓●), an empty box or a
cross is not (□☐×✗✘❌╳○); a mark stands before the words it marks or after them ("拔河√ 乒乓√"), and on a
form of several lines a closing 报/不报 (要/不要, 去/不去, 参加/不参加) marks its line. A heading ("报名勾选如下："),
the legend ("■=报，□=不报") and a closing thanks are no options. None when the message is not such a form.
What the options are (activities, a setting) is for the feature to say. `chosen_only(norm)` is the text with
the options not chosen left out and the marks gone ("生日祝福：关闭"), for a feature that reads words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YES = "■☑✅✔√✓●◉▣"
NO = "□☐×✗✘❌╳○◯"
MARKS = YES + NO
_MARK = re.compile(f"[{MARKS}]")
# "（■=报，□=不报）", "■为报名 □为不报", "打勾的报": what the marks mean, said once
LEGEND = re.compile(rf"[(（]\s*(?:[{MARKS}]\s*(?:=|为|代表|表示|:|：|是)[^()（）]*)[)）]|"
                    rf"[{MARKS}]\s*(?:=|为|代表|表示|是)\s*[^\s,，;；、)）{MARKS}]*[\s,，;；、]*")
# a line's number: "Ⅰ." (read "i."), "1、", "(2)", "a)", "一、", "第一项：", "- ", "• "
# a mind map's branch: "├─ ", "└── ", "│ ├─ "
BULLET = re.compile(r"^\s*(?:[(（]?(?:[0-9]{1,2}|[ivx]{1,4}|[a-h]|[一二三四五六七八九十]{1,2})[)）.、．:：]|"
                    r"第[一二三四五六七八九十0-9]{1,2}(?:项|个|条|题)?[.、:：]?|[│┃\s]*[├└┣┗╠╚][─━═-]*|[-*•·▪◆◇>]+)\s*")
TREE = re.compile(r"^\s*[│┃\s]*[├└┣┗╠╚]", re.MULTILINE)
# the words that open a form: "报名勾选如下：", "【设置】", "我的选择:", "请帮我报以下几项"
HEADING = re.compile(r"如下|以下|下面|勾选|打勾|打钩|打√|选择|选项|报名表|报名单|清单|回执|问卷|答卷|调查表|^【[^】]*】$|[:：]$")
# a field of who fills it in, on a 回执 or a sign-up slip: "姓名：李秀兰（退休组）", "部门：语文组" (no option)
FIELD = re.compile(r"^(?:您的|你的|本人|所在)?(姓名|名字|部门|组别|所在组|科组|教研组|工号|电话|手机|联系电话|日期|填表日期|签名|单位)[:：][^\n]{1,24}$")
# an option that is only a yes or a no to its label ("是否参加重阳敬老座谈会：☑参加 ☐不参加")
ANSWER_OPTION = re.compile(r"^(不|否)?(参加|报名|报|去|是)$")
# a questionnaire's question before its options ("第3题 您想参加的活动（单选）：")
QUESTION = re.compile(r"[(（](?:单选|多选|可多选|必填)[^)）]*[)）]\s*[:：]?$|(?:活动|项目)\s*[:：]$")
THANKS = re.compile(r"^(谢谢|多谢|感谢|辛苦了?|麻烦了?|麻烦你们?了?|就这些|以上)[^\n]{0,10}$")
# a line marked in words: "拔河 报", "卡拉ok：不报", "登山 不去"
SAID = re.compile(r"^(.+?)[\s:：,，-]*(不报名?|不去|不参加|不要|放弃|报名?|去|参加|要)[。.!！]?$")
# a line marked with an arrow, a remark after the word: "插花沙龙（9/26）→ 报", "登山 → 报，带老伴1人", "卡拉OK → 不报（五音不全）"
ARROWED = re.compile(r"^(.+?)\s*(?:→|->|=>|⇒)\s*(不报名?|不去|不参加|不要|放弃|报名?|去|参加|要)(?:[(（][^)）]*[)）]|[,，;；][^\n]{0,16})?[。.!！]?$")


# words after a bullet that ask or call off, not an option ticked ("● 拔河比赛几点开始？", "√ 拔河不去了"): no form
SAYS_MORE = re.compile(r"[?？吗]|几[点号时个]|什么|哪|怎么|多少|能不能|可不可以|要不要|不去|不参加|不报|去不了|参加不了|取消|"
                       r"退(?!休)|撤")


@dataclass
class Line:
    label: str  # the words before the options ("生日祝福:"), "" for a line that is one option
    options: list[tuple[str, bool]]  # (the words, chosen)


def _marked(line: str) -> Line | None:
    """A line with box or tick marks: options after marks ("□ 拔河 ■ 乒乓", "生日祝福：■关闭 □开启") or before
    them ("拔河√ 乒乓√ 卡拉ok×")."""
    marks = list(_MARK.finditer(line))
    if not marks:
        return None
    words = [w.strip(" ,，、;；.。") for w in _MARK.split(line)]
    if words[-1]:  # something after the last mark: each mark stands before its words
        label, options = words[0], [(w, m.group(0) in YES) for m, w in zip(marks, words[1:], strict=True)]
        if label and not re.search(r"[:：]$", label):  # "拔河√ 乒乓": the last one unmarked
            return None
    else:
        label, options = "", [(w, m.group(0) in YES) for m, w in zip(marks, words[:-1], strict=True)]
    if not options or any(not w or (SAYS_MORE.search(w) and not (label and ANSWER_OPTION.match(w))) for w, _ in options):
        return None
    return Line(label.rstrip(":： "), options)


# a no said before the closing word: "拔河 不想去", "乒乓 别报", "登山 没空去", "卡拉ok：不太想参加" (attack review 15)
NOT_BEFORE = re.compile(r"[\s:：,，-]*(?:不|别|没|甭|未|无法|暂不|先不)[^\s:：,，-]{0,3}$")


def _said(line: str) -> Line | None:
    m = SAID.match(line) or ARROWED.match(line)
    if m is None or _MARK.search(line):
        return None
    label, chosen = m.group(1).strip(" →->=⇒"), not m.group(2).startswith(("不", "放弃"))
    refused = NOT_BEFORE.search(label)
    if refused and refused.start() > 0:
        label, chosen = label[:refused.start()].strip(), False
    return Line("", [(label, chosen)])


# what a legend says a mark means: "■=报", "□=不报", "○为不参加" (attack review 15: "（□=报，■=不报）" turns them round)
MEANS = re.compile(rf"([{MARKS}])\s*(?:=|为|代表|表示|:|：|是)\s*(不|否|放弃)?(?:报|参加|去|要|选)")


def _turned_round(text: str) -> bool:
    """A legend whose every mark means the opposite of its look (an empty box for 报, a filled one for 不报)."""
    said = [(m.group(1) in YES, m.group(2) is None) for legend in LEGEND.finditer(text) for m in MEANS.finditer(legend.group(0))]
    return bool(said) and all(filled != positive for filled, positive in said)


# a Markdown task list's boxes: "- [x] 拔河", "[ ] 乒乓" (read as ☑ and ☐)
TASK_BOX = re.compile(r"\[\s*([x✓√v])\s*\]|\[\s+\]", re.IGNORECASE)


def form(norm: str) -> list[Line] | None:
    """The lines of options of a form (see the module's doc), or None when the message is none."""
    text = TASK_BOX.sub(lambda m: "☑" if m.group(1) else "☐", norm.replace("\ufe0f", ""))
    if not _MARK.search(text) and text.count("\n") < 1:
        return None
    lines = _form(text)
    if lines and _turned_round(text):
        lines = [Line(line.label, [(words, not chosen) for words, chosen in line.options]) for line in lines]
    return lines


def _form(text: str) -> list[Line] | None:
    text = LEGEND.sub(" ", text)
    raw = [BULLET.sub("", line).strip() for line in re.split(r"\n|[;；]", text)]
    raw = [line for line in raw if line.strip(" ,，。.")]
    tree = bool(TREE.search(text))  # the first line of a mind map is its root ("九月安排")
    lines: list[Line] = []
    for i, line in enumerate(raw):
        found = _marked(line) or (_said(line) if len(raw) >= 2 else None)
        if found is not None:
            lines.append(found)
        elif (i == 0 and (HEADING.search(line) or tree)) or FIELD.match(line) or (not lines and QUESTION.search(line)):
            continue
        elif i == len(raw) - 1 and lines and THANKS.match(line):
            continue
        else:
            return None
    said_only = all(not _MARK.search(line) for line in raw)
    if not lines or (said_only and len(lines) < 2):
        return None
    return lines


SWITCH = {"开": "开启", "关": "关闭", "on": "开启", "off": "关闭"}  # a switch's one-word options, said in full


def chosen_only(norm: str) -> str:
    """The text of a form with only what was chosen, no marks: "生日祝福：■关闭 □开启" → "生日祝福:关闭"
    (the text as it was when it is no form)."""
    lines = form(norm)
    if lines is None:
        return norm
    return "\n".join((line.label + ":" if line.label else "") + "、".join(SWITCH.get(w, w) for w, chosen in line.options if chosen)
                     for line in lines)


# a yes or a no written as a ticked option ("第4题 是否确认提交：● 是", "☑确认 ☐取消"): the word ticked is the answer
_TICKED = re.compile(rf"[{YES}]\s*([^\s{MARKS},，;；。.!！:：]{{1,4}})")
_ANSWER_WORD = re.compile(r"^(?:不|否|是|对|确认|确定|同意|不同意|参加|不参加|报名|不报名|提交|好|要|不要)$")


def ticked_answer(text: str) -> str | None:
    """The one yes-or-no word a message ticks, as an answer to a question ("● 是" → "是"); None when it ticks
    none, several, or an option that is no yes or no (an activity's name is the form's, not an answer)."""
    ticked = _TICKED.findall(text.replace("\ufe0f", ""))
    return ticked[0] if len(ticked) == 1 and _ANSWER_WORD.match(ticked[0]) else None
