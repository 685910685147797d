"""Words typed for the account's holder (issue 19): a grandchild or a child types for a retired teacher whose
phone it is — "我姥爷说报登山", "我爷爷杨振华让我帮他报名", "还有她想报重阳座谈会", "我替我妈发的 她是后勤的何秀英".
The frame ("我姥爷说", "她想", "我替我妈发的") says who speaks, not what is asked: the classifier reads the rest,
which is the holder's own request ("报登山"), so it is no question about "我的报名" and no help menu."""

from __future__ import annotations

import re

RELATIVE = r"爷爷|奶奶|姥爷|姥姥|外公|外婆|妈妈?|爸爸?|母亲|父亲|婆婆|公公|老伴|家里老人"
_EDGE = r"(?:^|(?<=[\s，,。；;！!]))"
# "我姥爷说", "我爷爷杨振华让我帮他", "她想", "他说", "老人家说", "我妈让我给她": who speaks, before the request
SPEAKER = re.compile(rf"{_EDGE}(?:还有|另外|对了|哦对)?(?:我的?(?:{RELATIVE})[^，,。\s说让叫想要]{{0,3}}(?:说|讲|让我|叫我|想|要)|"
                     r"(?:他|她|老人家)(?:说|讲|想(?=报|参加|去)))(?:了)?(?:帮(?:他|她)|给(?:他|她))?[:：,，\s]*")
# "我替我妈发的", "我是替我姥姥发的", "帮我外婆打字": a clause saying only who types
# ("用我妈的微信发的", "拿我外婆手机打的字": the holder's phone, in the typist's hands)
TYPIST = re.compile(rf"{_EDGE}(?:这|这个|现在)?我?(?:是)?(?:(?:替|帮|代)我的?(?:{RELATIVE})|(?:用|拿|借)(?:的是)?我的?(?:{RELATIVE})的?(?:微信|手机|号|账号))"
                    r"(?:发的?|打的?字|代发|发消息|问的?|在发)[的了]?[，,。\s]*")
# the holder named by the typist as her spouse: "我老公说拔河就不去了吧" on a man's own phone is his wife typing for him
HOLDER_AS_SPOUSE = {"男": re.compile(r"我(?:的|家)?(?:老公|丈夫|先生|那口子)"), "女": re.compile(r"我(?:的|家)?(?:老婆|媳妇儿?|妻子|太太)")}


def holder_as_spouse(norm: str, gender: str | None) -> bool:
    """Does the sender call the account's holder her (his) spouse: only a wife says "我老公" on a man's phone."""
    spouse = HOLDER_AS_SPOUSE.get(gender or "")
    return spouse is not None and spouse.search(norm) is not None


def unrelayed(text: str) -> str:
    """The request without its relaying frame ("我姥爷说报登山" → "报登山"); the text itself when none."""
    bare = SPEAKER.sub("", TYPIST.sub(" ", text)).strip()
    return bare if len(bare) >= 2 else text
