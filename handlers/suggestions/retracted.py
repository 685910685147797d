"""A name asked for in the lead and taken back at once (attack review 27): "我想实名建议……算了，匿名吧：食堂增加素菜" was
filed under her name (the lead's 实名 read alone), with "……算了，匿名吧：" as its words. The words right after the lead
decide: anonymous when they ask for it ("算了，匿名吧：", "不对，还是匿名："), unclear (asked; anonymous by default)
when they only take the name back ("（算了还是不要了）：")."""

from __future__ import annotations

import re

from handlers.suggestions.consent import leading_choice

TAKEN_BACK = re.compile(r"^[\s…\.。，,、（(~～—\-]*(算了|不对|改成|改为|哦不|啊不|呃不|不不|想了想)")


def retracted_name(content: str, choice: bool | None) -> tuple[str, bool | None]:
    """(the content, the choice) once a name asked for in the lead and taken back after it is read."""
    if choice is not True:
        return content, choice
    rest, later = leading_choice(content)
    if later is False:
        return rest, False
    return (content, None) if TAKEN_BACK.match(content) else (content, choice)
