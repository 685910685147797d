"""How many people a teacher's sign-up is for, as teachers say it: "我和爱人两个人", "+1 家属",
"带孩子一共三个", "带两个孩子", "我们一家三口". None when the message says nothing about companions."""

from __future__ import annotations

import functools
import re

from bot.nlu import normalize, words_version

NUMBERS = {"一": 1, "两": 2, "俩": 2, "二": 2, "三": 3, "仨": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9, "十": 10}
N = r"([0-9]{1,2}|[一两俩二三仨四五六七八九十])"
# a total: "一共三个", "共3人", "两个人", "3位", "一家三口"
TOTAL = [re.compile(r"(?:一共|总共|共|合计|我们|一起)\s*" + N + r"\s*(?:个人|个|人|位|口)"),
         re.compile(r"(?<![第0-9])" + N + r"\s*(?:个人|口人|人|位)(?!员|数|次|制|组|赛|队|三足|接力|家属|家人)"),  # ("两位家属": besides her)
         re.compile(r"一家" + N + r"口"), re.compile(r"(?:我们|咱们|俺们|我俩|我仨)\s*([俩仨])"),
         # (signup22) the places she asks for: "秋季登山活动，三个名额。", "给我留三个位置", "报两个名额" (a clause of its
         # own or after a word of asking; never the places left: "还剩三个名额", "三个名额还有吗")
         re.compile(r"(?:^|[，,。.！!；;\s:：])(?:(?:我|我们|我家)?(?:要|报|留|占|订|申请|预留|来)(?:上)?|(?:给|帮)(?:我|我们|我家)"
                    r"(?:留|报|占|订)?(?:上)?)?" + N + r"\s*个?(?:名额|位置|位子|座位|席位)(?=$|[，,。.！!；;\s:：])")]
# companions counted as such: "家属3位", "家人两个" (besides her; a total said with 一共/共 comes first, and "我和家属三人",
# "老公孩子三个人" are totals)
FAMILY_N = re.compile(r"(?:家属|家人)\s*" + N + r"\s*(?:位|名|个)(?!人)")
# … and by 人, where nobody is joined to them in a total ("家属一人", "带老伴1人"; not "我和家属三人")
FAMILY_PEOPLE = re.compile(r"(?<![和跟与同])(?:家属|家人|(?<=带)(?:上)?(?:我的?|我家)?(?:老伴|爱人|老公|老婆|孩子|家属)儿?)\s*"
                           + N + r"\s*人")
# grown-ups and children, as a ticket is booked: "2大1小" (the teacher one of the grown-ups), "带1大1小" (besides her)
GROWN_AND_YOUNG = re.compile(r"(带|加|多带|再带|另|另外)?\s*" + N + r"\s*(?:个)?大(?:人)?\s*" + N + r"\s*(?:个)?小(?:孩|朋友)?")
# companions: "+1", "加一个", "带两个孩子", "多带一位"
PLUS = [re.compile(r"\+\s*" + N),
        re.compile(r"(?:加|带|多带|再带)\s*" + N + r"\s*(?:个|位|名)?\s*(?:家属|孩子|小孩|人|朋友|家人)")]
# a companion named without a number: "我和爱人", "带孩子", "家属一起"
COMPANIONS = ["爱人", "老公", "老婆", "妻子", "丈夫", "先生", "太太", "媳妇", "对象", "家属", "家人", "家里人", "孩子", "小孩",
              "女儿", "儿子", "闺女", "娃", "老伴", "婆娘", "孙子", "孙女", "外孙", "宝宝", "父亲", "母亲", "爸爸", "妈妈", "公公", "婆婆", "岳父", "岳母", "那口子", "另一半"]
# … with her: "我和爱人", "带孩子", and asked for too: "帮我老公也报一个", "我儿子也想去，帮我们报一下"
WITH = re.compile(r"和|跟|带|携|同|陪|加|\+|一起|(?:^|[，,。.！!；;\s:：])我[、,，]|还有(?:我|我家)?的?(?:" + "|".join(COMPANIONS) + ")|也(去|来|报|参加|想|要)|(帮|给|替)(我们|咱们|我家)|(帮|给|替)我的?("
                  + "|".join(COMPANIONS) + ")")
ALONE = re.compile(r"(?:就|只有?|仅)?我?(?:一个人|自己|本人|单独)")
# nobody else, as teachers say it: "就我一个 莫得家属" (莫得 → 没有), "不带家属", "只有我", "家属不去", "家属不带"
NOBODY_ELSE = re.compile(r"(?:没有|没|不带|不用带|不会带|无)(?:家属|家人|孩子|小孩|别人)|"
                         r"(?<![和跟与同])(?:" + "|".join(COMPANIONS) + r")们?(?:就|也|都|这次)?(?:不去|不来|不参加|去不了|来不了|不带|不用带|不跟)|"
                         r"(?:就|只有?|仅)我(?:一个|自己|本人)?(?![和跟带与])(?=$|[，,。！!\s]|就|了|吧|啊|哈)")


# what names a relative but no companion: the typist saying who she is ("我是王建国爷爷的孙子，帮他打字"), a form's
# "走访对象", "一家人" (the family as a whole, counted by what else is said)
NOT_COMPANION = re.compile(r"我是[^，,。:：]{0,8}?的?(孙子|孙女|外孙女?|儿子|女儿|闺女|孩子|老伴|爱人|老婆|老公)|"
                           r"(走访|服务|调查|研究|帮扶|教育|考核|评审|工作|慰问|采访)对象|一家人")
GENERIC = ("家属", "家人", "家里人")  # said beside a named one, the same people ("老伴陪我一起上，家属一个请记上")
# family counted without 带/加: "家属一个", "一个家属不多添" (not "两个家属都不去")
COUNTED = [re.compile(r"(?:家属|家人)\s*(?:就|共|一共|有)?\s*" + N + r"\s*(?:个|位|名)(?![^，,。]{0,3}[不没])"),
           re.compile(N + r"\s*(?:个|位|名)\s*(?:家属|家人)(?![^，,。]{0,3}[不没](?!多)|也|都)")]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text]


def parse_party(text: str) -> int | None:
    """The people the sign-up is for, the teacher included (1 to 99), or None if not said. The text's alone:
    remembered per process (read two or three times a sign-up turn: speed26), with normalize's words' version."""
    return _parse_party(text, words_version())


@functools.lru_cache(maxsize=4096)
def _parse_party(text: str, _words: int) -> int | None:
    norm = normalize(text)
    found = GROWN_AND_YOUNG.search(norm)
    if found and 1 <= _number(found.group(2)) + _number(found.group(3)) <= 98:
        return (1 if found.group(1) else 0) + _number(found.group(2)) + _number(found.group(3))
    for pattern in TOTAL:
        family = (FAMILY_N.search(norm) or FAMILY_PEOPLE.search(norm)) if pattern is TOTAL[1] else None
        if family is not None and 1 <= _number(family.group(1)) <= 98:
            return 1 + _number(family.group(1))  # "家属3位": three besides her (not "3位" in all)
        found = pattern.search(norm)
        if found and 1 <= _number(found.group(1)) <= 99:
            return _number(found.group(1))
    for pattern in PLUS + COUNTED:
        found = pattern.search(norm)
        if found and 1 <= _number(found.group(1)) <= 98:
            return 1 + _number(found.group(1))
    if NOBODY_ELSE.search(norm):
        return 1
    kin = NOT_COMPANION.sub(" ", norm)
    named = [word for word in COMPANIONS if word in kin]
    named = [word for word in named if word not in GENERIC] or named
    if named and WITH.search(kin):
        return 1 + len(named)
    if ALONE.search(norm):
        return 1
    return None


# what may stand beside who comes in an answer that says only that ("就我自己，体艺组的，不带家属哈")
_BESIDE = re.compile(r"[\s，,。.！!~、]+|[\u4e00-\u9fff]{1,4}组的?|[的吧啊哈呀了嗯呢]|就|这次|一个")


def only_who_comes(text: str) -> bool:
    """An answer that says she comes alone and nothing else ("就我自己，不带家属"); not "就我自己，登山还没想好"
    nor "就我本人 其中一个就够了" (attack review 16: those signed up for both activities)."""
    norm = normalize(text)
    return parse_party(text) == 1 and not _BESIDE.sub("", ALONE.sub("", NOBODY_ELSE.sub("", norm)))


# a family member's own question, passed on: "我家娃问登山他能不能一起去", "我女儿问插花沙龙她能不能跟我一起去"
FAMILY_ASKS = re.compile(r"(娃|孩子|小孩|女儿|儿子|闺女|老公|老婆|爱人|对象|家属|家人)[^，,。]{0,10}(能不能|可不可以|能否|可以|能)"
                         r"[^，,。]{0,4}(一起|跟我|跟着|同去)")
ASKS_COMPANIONS = re.compile(r"(带|携带|和|跟)(上)?(家属|家人|家里人|孩子|小孩|老公|老婆|爱人|对象|朋友)|(家属|家里人|家人)(能|可以)|"
                             + FAMILY_ASKS.pattern)


def companions_answer(text: str, activities: list) -> str:
    """"秋季登山可以带家属吗": the answer said in words, after the activities found."""
    if not ASKS_COMPANIONS.search(text):
        return ""
    lines = [f"「{a.title}」可以带家属，每位老师最多 {a.max_party - 1} 位（占名额）。" if a.allow_companions
             else f"「{a.title}」这次只限老师本人参加，不能带家属。" for a in activities[:3]]
    return "\n" + "\n".join(lines)
