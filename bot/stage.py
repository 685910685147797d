"""Stage directions in brackets (issue 19): "（搓手）那个……登山，能带家属是吧", "（认真脸）确认，我们三个人",
"(小声) 体检要空腹吗". A teacher acting out her message is not saying those words: a bracket holding only a
gesture, a face or a tone of voice is left out (bot/normalize.py `canonical`, after NFKC has made the brackets
"(…)"). A bracket that says something ("（两个人）", "（那个周日我值班）", "（手机尾号8019）") stays. "（划掉）" is no
direction but a correction: the words before it are struck (bot/several.py and bot/normalize.py read it as
"哦不对").
"""

from __future__ import annotations

import re

_HOW = r"(?:默默|默默地|轻轻|轻轻地|悄悄|悄悄地|偷偷|偷偷地|小小声|再次|又|继续|赶紧|连忙|使劲|疯狂|一脸)?"
_GESTURE = (r"搓搓?手|摊手|挥手|举手|拍手|握手|背手|抱手|双手合十|合十|挠挠?头|摸摸?头|低头|点点?头|摇摇?头|抱头|扶额|托腮|"
            r"叉腰|耸肩|耸耸肩|鞠躬|鞠个躬|抱拳|作揖|跺脚|鼓掌|敲黑板|敲桌子?|拍桌子?|擦汗|抹汗|抹泪|流泪|掉眼泪|叹气|叹口气|"
            r"深呼吸|吸气|清嗓子|清清嗓子|咳+|咳嗽|嘿嘿|哈哈+|嘻嘻|呵呵|[苦傻偷憨坏假干陪冷]?笑|哭|捂脸|捂嘴|小声(说|点|bb|逼逼|嘀咕)?|"
            r"大声|嘀咕|沉思|思考|想了想|认真|严肃|害羞|脸红|尴尬|紧张|激动|骄傲|得意|委屈|无奈|狗头|手动狗头|doge|划重点|"
            r"推眼镜|扶眼镜|眨眼|翻白眼|望天|掰手指|数手指|搓搓|期待|星星眼|举爪|[^()]{1,3}脸")
STAGE = re.compile(rf"\s*\(\s*{_HOW}(?:{_GESTURE})(?:地|一下|一下下|着|中|ing)?\s*\)\s*")
# what strikes out the words before it, as a correction does
STRUCK = r"[(（]\s*(?:划掉|删掉|划去|删去|涂掉|删除线|误|x)\s*[)）]"
_STRUCK = re.compile(STRUCK)
_CLAUSE = re.compile(r"[，,。.！!？?；;、\s]+")


def standing(text: str) -> str:
    """The words a teacher left standing around her strike marks (attack review 15): after the last mark when
    something follows it ("确认（划掉）不确认" answers 不确认); else, when the mark ends the message ("拔河我不去了（划掉）"),
    the clause it ends is struck and what came before stays ("" when nothing did). The text as it was without a mark."""
    marks = list(_STRUCK.finditer(text))
    if not marks:
        return text
    after = text[marks[-1].end():].strip(" ,，。.!！~～")
    if after:
        return after
    before = _CLAUSE.split(text[:marks[-1].start()].strip(" ,，。.!！~～"))
    return "，".join(before[:-1]).strip(" ,，")


# a face drawn in symbols (颜文字): "(｀・ω・´)ゞ", "(ง •̀_•́)ง", "(๑•̀ㅂ•́)و✧", "(^_^)": a bracket with no word or digit inside
KAOMOJI = re.compile(r"[ง٩ヽ\\╮]?\([^()\u4e00-\u9fff0-9a-z]{1,16}\)[ゞงو۶ﾉノ✧☆/╭]*")


def unstaged(text: str) -> str:
    """The message without its stage directions and faces (the text as it was when nothing is left)."""
    if "(" not in text:
        return text
    left = KAOMOJI.sub(" ", STAGE.sub(" ", text)).strip()
    return left if left else text


# a clause that points elsewhere for the details, no part of the request: "…，原因详见上周排的值班表（那个周日我值班）",
# "…，具体见组里通知", "理由参见附件"
REFERENCE = re.compile(r"[，,。；;！!\s]+[^，,。；;！!?？\s]{0,6}(?:详见|参见|请见|请参阅|参阅|具体见|详情见|原因见|理由见)"
                       r"[^。；;！!?？]*$")


def unreferenced(text: str) -> str:
    """The message without a last clause that only says where the details are (as it was when that is all)."""
    left = REFERENCE.sub("", text) if "见" in text or "参阅" in text else text
    return left if len(left.strip()) >= 2 else text


# markdown pasted from a note or typed out of habit: `inline code`, ```a block```, **bold**, __bold__, "# " headings
# and "- " bullets at a line's start. WeChat shows them as they are; the teacher means the words inside.
_MARKDOWN = re.compile(r"`{1,3}|\*\*|(?<![0-9a-z])__|__(?![0-9a-z])|^\s{0,3}(?:#{1,6}|[-*+]|>)\s+", re.MULTILINE)


# ~~struck out~~ (markdown's strikethrough, as a note app copies it): the words are struck, as "（划掉）" strikes
# them, never said ("~~拔河不去了~~" withdrew her, attack review 17); "好呀~~", "报名拔河~~" are a tone, no mark
_STRIKETHROUGH = re.compile(r"(?:^|(?<=[\s，,。.!！?？:：;；、]))~~(?=[^\s~])([^~\n]{1,60}?)(?<=[^\s~])~~(?=$|[\s，,。.!！?？:：;；、])")
# struck by a strikethrough generator's combining strokes ("8̶0̶9̶1̶ 8019"): struck the same way, the strokes gone
_STROKED = re.compile(r"(?:[^\s\u0335\u0336\u0338][\u0335\u0336\u0338]+)+")


def unmarked(text: str) -> str:
    """The message without its markdown marks ("**是**" → "是", "数学组`王建军`老师…" → "数学组王建军老师…");
    words struck through are followed by "（划掉）" ("~~报名拔河~~ 报名登山" → "报名拔河（划掉） 报名登山", "8̶0̶9̶1̶" too)."""
    if "~~" in text:
        text = _STRIKETHROUGH.sub(r"\1（划掉）", text)
    if "\u0336" in text or "\u0335" in text or "\u0338" in text:
        text = _STROKED.sub(lambda m: re.sub("[\u0335\u0336\u0338]", "", m.group(0)) + "（划掉）", text)
    if "`" not in text and "*" not in text and "_" not in text and "#" not in text and "-" not in text:
        return text
    left = _MARKDOWN.sub("", text).strip()
    return left if left else text


# the bot's question quoted back before the answer: "「是否确认报名」是的，满了的话排候补也可以", "“是否确认报名乒乓球
# 友谊赛”——确认，上车了" (a dash or an arrow after it, as a reply is set off)
QUOTED_ASK = re.compile(r"^\s*[「“\"『]([^」”\"』]{1,30})[」”\"』][\s:：,，\-—–~～>→]*(?=\S)")


def quoted_answer(text: str) -> str | None:
    """The answer after a quoted question of the bot ("「是否确认报名」是的" → "是的"), or None."""
    m = QUOTED_ASK.match(text)
    return text[m.end():] if m and re.search(r"是否|吗|确认|确定|要不要|报名", m.group(1)) else None


# a true-or-false question answered in its blank, as an exam paper has it ("二、判断题：确认报名（ 对 ）", "报名拔河 (√)")
_JUDGED = re.compile(r"^(?P<stmt>.*?)[(（]\s*(?P<mark>对|错|√|✓|✔|×|✗|✘|t|f|true|false)\s*[)）][\s。.!！~～]*$")
_TRUE_MARKS = {"对", "√", "✓", "✔", "t", "true"}


def judged(text: str) -> str:
    """The statement a teacher marked true ("二、判断题：确认报名（ 对 ）" → "确认报名"), said as a no when she marked it
    false ("确认报名（×）" → "不确认报名"); the text as it was when it is no such statement."""
    found = _JUDGED.match(text.strip().lower())
    stmt = re.split(r"[:：]", found.group("stmt"))[-1].strip(" ,，。.") if found else ""
    if not stmt:
        return text
    return stmt if found.group("mark") in _TRUE_MARKS else "不" + stmt
