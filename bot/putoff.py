"""A confirmation put off, not given (attack26): later, still to be done ("等我确认一下", "稍后确认", "这个还需要确认",
"以上信息还未确认"), or once it is done, then ("确认以后再说", "确认了再告诉你", "以上信息确认无误后再提交"): bot/answers.py
asks again rather than reading a yes."""

from __future__ import annotations

import re

# … or when she is back somewhere ("我回家确认下课表", "我回去确认一下", "我回来再报", left27)
BACK = r"回(?:去|家|来|校|办公室|宿舍)"
PUT_OFF = re.compile(r"(稍后|稍候|回头|等我|等等|等会儿?|待会儿?|晚点|晚些|过会儿?|过两天|明天|改天|有待|尚待|还待|待|还未|尚未|未|"
                     r"还需要?|还得|还要|需要|" + BACK + r")[^，,。！!？?;；]{0,3}(确认|确定)|" + BACK +
                     r"[^，,。！!？?;；]{0,6}?再(说|报|定|决定|确认|回复)|"
                     r"(确认|确定)[^，,。！!？?;；什哪啥]{0,8}?((之|以|过)?后|完|好了?|了|过)再|"
                     r"(确认|确定)[^，,。！!？?;；什哪啥]{0,8}?再(说|报|提交|定|告诉|回复|答复|联系|决定)")


def put_off(text: str) -> bool:
    """A sentence that puts the confirmation off ("稍后确认", "确认了再告诉你"); not one asked back ("还要确认？难道我还能
    反悔不成，确认": a rhetorical question, answered)."""
    return any(PUT_OFF.search(s) for s in re.split(r"(?<=[，,。.！!？?;；\n])", text) if not s.rstrip().endswith(("？", "?")))
