"""What a binding message gives: 工号, 姓名, the phone's last four, a committee code ("绑定 1024 张三",
"工号：8019；姓名：何秀英；手机号后四位：8019", "是8036 不是8063")."""

from __future__ import annotations

import re

from bot.nlu import normalize
from bot.stage import STRUCK
from handlers._common import STAFF_NO_RE

NAME_RE = r"([\u4e00-\u9fa5·]{2,5}?)"
BIND_PATTERNS = [
    re.compile(r"绑定\s*[:：]?\s*(?:工号)?\s*([0-9]{3,10})\s*[,，、 ]*\s*" + NAME_RE + r"(?:老师)?$"),
    re.compile(r"绑定\s*[:：]?\s*" + NAME_RE + r"(?:老师)?\s*[,，、 ]*\s*(?:工号)?\s*([0-9]{3,10})$"),
    re.compile(r"我是\s*" + NAME_RE + r"(?:老师)?\s*[,，、 ]*\s*工号(?:是)?\s*[:：]?\s*([0-9]{3,10})"),
    re.compile(r"工号(?:是)?\s*[:：]?\s*([0-9]{3,10})\s*[,，、 ]*\s*(?:我是|我叫|姓名|名字)?(?:是|叫)?\s*[:：]?\s*" + NAME_RE
               + r"(?:老师)?$"),
]


CODE_RE = re.compile(r"绑定码\s*(?:是|为)?\s*[:：]?\s*([0-9a-z]{8})(?![0-9a-z])")
# where the flow asks for the 工号: a letter and a digit at least (not a 工号, not a name in pinyin)
ALONE_CODE_RE = re.compile(r"(?:绑定码\s*(?:是|为)?\s*[:：]?\s*)?(?=[0-9]*[a-z])(?=[a-z]*[0-9])([0-9a-z]{8})")
LAST4_RE = re.compile(r"(手机|电话|尾号|后四位|后4位|末四位|末4位)[^0-9]{0,8}(?<![0-9])([0-9]{4})(?![0-9])")


# the 工号 said again as it should be, no phone's last four: "8019，打反了，是8019", "8091 应该是8019"
RESAID = re.compile(r"(是|应该是|改为|改成|→|->)\s*[0-9]{3,10}\s*[。.!！]?$")
NOT_A_NAME = re.compile(r"绑定|认证|验证|帮我|帮忙|麻烦|^(工会|身份|一下|账号|帐号|信息|微信|本人|我的|工号|是[吧吗嘛啊不]|吧|吗|嘛|啊|呢|哈|好的|好[吧啊了])|[了吧吗呢嘛啊哈呀]$")
# "是8036 不是8063", "8091打错了 应该是8019", "~~8091~~ 8019" (struck: "8091（划掉） 8019", bot/stage.py):
# the other number
NOT_THIS = re.compile(r"(不是|而不是|并非)\s*[0-9]{3,10}|[0-9]{3,10}(?=\s*(是|那个)?(打错|写错|输错|错了|不对))|"
                      r"[0-9]{3,10}\s*" + STRUCK)
# the phone's last four said to be the 工号: "手机后四位也是这四个数", "尾号和工号相同", at the question "跟工号一样"
SAME = (r"(?:(?:也是|就是|也用|同样是|一样是)(?:工号|这四个数字?|这4个数字?|这几个数字?|这几位|这个数|这串数字?|它)"
        r"|(?:跟|和|同|与)?工号(?:一样|相同|一致)|(?:也)?一样|相同)")
SAME_AS_STAFF_NO = re.compile(r"(手机|电话|尾号|后四位|后4位|末四位|末4位)[^0-9，,。]{0,6}?" + SAME + "的?")
SAME_ALONE = re.compile(r"^[^0-9]{0,10}?" + SAME + r"[的啊呀吧哈]*$")


def extract(text: str) -> dict:
    slots: dict = {}
    compact = NOT_THIS.sub("", normalize(text))
    proof = LAST4_RE.search(compact)
    same = SAME_AS_STAFF_NO.search(compact) if proof is None else None
    if proof:
        slots["last4"] = proof.group(2)
        compact = compact[:proof.start()] + compact[proof.end():]
    elif same:  # the last four are the 工号's, once it is read
        compact = (compact[:same.start()] + compact[same.end():]).strip(" ,，。")
    slots = _same_as(_extract(compact, slots), same)
    return slots


def _same_as(slots: dict, same) -> dict:
    if same and slots.get("staff_no") and len(slots["staff_no"]) == 4 and "last4" not in slots:
        return {**slots, "last4": slots["staff_no"]}
    return slots


def _extract(compact: str, slots: dict) -> dict:
    for pattern in BIND_PATTERNS:
        m = pattern.search(compact)
        if m:
            a, b = m.group(1), m.group(2)
            staff_no, name = (a, b) if a.isdigit() else (b, a)
            if NOT_A_NAME.search(name):  # "绑定工会 工号8019": what is bound, not who
                continue
            return {**slots, "staff_no": staff_no, "name": name}
    code = CODE_RE.search(compact)
    if code:
        return {"code": code.group(1).upper()}
    numbers = STAFF_NO_RE.findall(compact)
    if numbers:
        slots["staff_no"] = numbers[0]
    if len(numbers) >= 2 and "last4" not in slots and len(numbers[-1]) == 4 \
            and not RESAID.search(compact):  # "绑定 8036 杜建平 8036": 工号, 姓名, 尾号
        slots["last4"] = numbers[-1]
    if "解绑" in compact or "解除绑定" in compact:
        slots["action"] = "unbind"
    return slots


def put_right(norm: str, said: str, missing: list[str]) -> re.Match | None:
    """The 工号 in an answer given after "没有找到工号 8091" (`norm`: the answer without the numbers it says are
    wrong; `said`: as sent): a number not found already is never read again while another is there ("8091 8019，打反了，
    是8019", "8091→8019", "8091 8019 打错了"); the first one otherwise."""
    numbers = list(STAFF_NO_RE.finditer(norm))
    return next((m for m in [*numbers, *STAFF_NO_RE.finditer(said)] if m.group(1) not in missing),
                numbers[0] if numbers else None)


def heard_last4(text: str, staff_no: str, missing: list[str]) -> str | None:
    """The phone's last four in an answer of the guided binding: said as such ("尾号8019"), or a last number beside
    the 工号 ("8036 杜建平 8036"); never a 工号 not found before or the 工号 put right ("是8019，刚才的8091写反了",
    "8091→8019")."""
    slots = extract(text)
    said = LAST4_RE.search(NOT_THIS.sub("", normalize(text)))
    last4 = slots.get("last4") if said or slots.get("staff_no") == staff_no else None
    return None if last4 in missing else last4


def with_the_name(norm: str, staff_no: str, phone: str | None) -> str | None:
    """Four digits said with the name where the 工号 is known ("王建军 6688"): the phone's last four; the
    工号 said again ("王建军 1031") is one only when it is them (a repetition is never a failed try)."""
    fours = re.findall(r"(?<![0-9])[0-9]{4}(?![0-9])", re.sub(r"(工号|职工号)\s*(是|为)?\s*[:：]?\s*[0-9]+", "", norm))
    if not fours:
        return None
    if fours[-1] != staff_no:
        return fours[-1]
    return fours[-1] if phone and phone[-4:] == fours[-1] else None


# where the phone's last four were asked, the 工号 said to be wrong: "工号打错了 是8036", "不好意思，工号写错了，应该是8036",
# "正确的工号是8036" (never the last four: "尾号是8036")
STAFF_NO_WRONG = re.compile(r"(工号|职工号)[^0-9，,。]{0,4}?(打错|写错|输错|填错|弄错|搞错|错了|不对|有误)|"
                            r"(工号|职工号)\s*(应该|应当|其实|实际上?)\s*(是|为)|(正确|准确|真正)的?(工号|职工号)")


def staff_no_put_right(text: str) -> str | None:
    """The 工号 put right in an answer to the phone's last four: the new one, "" when it is only said to be wrong, None
    when the answer says nothing of the kind."""
    norm = normalize(text)
    if not STAFF_NO_WRONG.search(norm) or LAST4_RE.search(NOT_THIS.sub("", norm)):
        return None
    return extract(text).get("staff_no", "")
