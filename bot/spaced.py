"""Words typed a character at a time (issue 19): voice input or an elderly typist that puts a space between
every character ("孙 强 老 师 住 院 了", "建 议 退 休 老 师 体 检 加 一 项 骨 密 度", "手 机 尾 号 8 0 1 9")."""

from __future__ import annotations

import re

# voice input that puts a space between every word ("孙 强 老 师 住 院 了", "手 机 尾 号 8 0 1 9")
_SPACED_TOKEN = re.compile(r"\S+")
_SPACE_BETWEEN = re.compile(r"(?<=[\u4e00-\u9fff0-9])\s+(?=[\u4e00-\u9fff0-9])")


def unspaced(text: str) -> str:
    """The words of a message dictated word by word, run together again: only when most of its
    space-separated pieces are single characters (a message with spaces between phrases, or lines, keeps them)."""
    tokens = _SPACED_TOKEN.findall(text)
    singles = sum(1 for t in tokens if len(t) == 1 and ("\u4e00" <= t <= "\u9fff" or t.isdigit()))
    if len(tokens) < 2 or singles * 2 < len(tokens) or (len(tokens) == 2 and singles < 2) or "\n" in text.strip():
        return text
    return _SPACE_BETWEEN.sub("", text)


def unspaced_lines(text: str) -> str:
    """Each line of a text typed a character at a time run together again, in the teacher's own characters
    ("建 议 退 休 老 师 体 检 加 一 项 骨 密 度" is kept as "建议退休老师体检加一项骨密度")."""
    return "\n".join(unspaced(line) for line in text.split("\n")) if " " in text else text
