"""Where one message holds several requests (split off bot/normalize.py, signup18): the joiners that start a new
one ("另外", "顺便问下", "再问一下", "一、…二、…", "+"), and the pieces before a joiner that ask nothing themselves
(an ok, a wish, an apology: "不好意思再问一下，…" is one request)."""

from __future__ import annotations

import re

# ("顺便也报一个" is no joiner: "读书会要是有空位的话顺便也报一个" is one sign-up)
# "还有" joins a second request only at a clause start and before one ("…，还有，…", "还有个事"), never
# "还有名额吗 / 还有位置吗"
ALSO = re.compile(r"[，,。；;！!？?\s]*(另外|顺便(?!也(?:帮我|给我|替我)?(?:报|参加|登记))问?一?下?|(?:(?<=[，,。；;！!？?\s])还有(?=[，,：:\s]|一?件事|一?个事|"
                  r"一?个问题|一点|就是|我想|想问))|再问一?下|同时问一?下)[，,：:\s]*")


def split_requests(text: str) -> list[str]:
    """A message's requests in order: "报名拔河，顺便问下几点集合" → ["报名拔河", "几点集合"]."""
    parts = [p.strip(" ，,。") for p in ALSO.split(text)]
    connectors = {m.group(1) for m in ALSO.finditer(text)}
    return [p for p in parts if p and p not in connectors]


# Where a message written as a list or with joiners holds several requests, in the teacher's own
# characters (the parts are handled as messages: a suggestion keeps its wording).
SEVERAL = re.compile(
    r"\s*(?:(?<![0-9])\s*\+(?![0-9])|"  # "报名读书会 + 关掉祝福" (not "+1 家属"; "；" separates fields too)
    r"(?:^|(?<=[\s，,。.：:；;！!？?]))(?:[一二三四五六七八九][、.．]|(?<![0-9])[1-9][、．)）]|[（(][1-9一二三四五][)）]|"
    r"第[一二三四五](?:件事?|点|个)?[，,：:、])|"  # "一、…二、…", "1、", "(1)", "第二，"
    r"[，,。.；;！!？?\s…]*(?:(?<![a-z])(?i:btw|by the way)(?![a-z])|另外|顺便(?!也(?:帮我|给我|替我)?(?:报|参加|登记))问?一?下?|顺带|再问一?下|同时问一?下|还有一件事|还有个事|另一件事|第二件事|"
    r"(?:仲有|还有|還有)一?[个個](?=建议|建議|事|问题|問題|意见|意見)|还有(?=[他她]还?(?:说|想)))[，,：:\s]*)\s*")


def requests_in(text: str) -> list[str]:
    """The teacher's text cut where a list or a joiner says a new request begins ("有两件事：一、…；二、…",
    "报名读书会 + 生日祝福帮我关掉", "…，另外…"). Whether each piece is a request is for the classifier."""
    return [p.strip(" ，,。.：:；;\n") for p in SEVERAL.split(text) if p and p.strip(" ，,。.：:；;\n")]


ACK = re.compile(r"^((好的?|好滴|好嘞|嗯+|哦+|噢|行|ok|okay|对|明白了?|知道了|收到|了解|谢谢(你|您|你们)?|多谢|感谢)[啊呀吧了哈啦]?"
                 r"[,，。.!！~～\s]*)+(那|那就|那么)?$")  # "好的,谢谢。另外…", "行 那顺便…": the ok is no request
# a greeting or a wish, no request: "国庆快乐！提前祝各位节日快乐", "各位好"
WISHES = re.compile(r"(各位|大家|工会的?同志们?|领导|老师们?)?(好|您好|你好|辛苦了)|[^，,。！!\s]{0,6}(快乐|安康|团圆|顺利|健康)|"
                    r"(提前|先)?(祝|恭祝|预祝)(各位|大家|您|你们|全体)?")




# an apology or a by-your-leave before the request, no request itself: "不好意思再问一下，…", "打扰了，另外…"
EXCUSED = re.compile(r"^((不好意思|抱歉|对不起|打扰(了|一下|您了|你了)?|冒昧|麻烦(您|你)?|请问)[啊呀哈哦了]*[,，。.!！~～\s]*)+$")


def lead_in_only(piece: str, excused: bool = True) -> bool:
    """A piece cut before a joiner that asks nothing itself: an ok ("好的"), a wish ("国庆快乐"), an apology
    ("不好意思"; not with `excused` False)."""
    return bool(ACK.match(piece) or (excused and EXCUSED.match(piece)) or not WISHES.sub("", piece).strip(" ,，。.!！~"))
