"""Rejections of a choice in the teacher's own words, read as the plain ones before consent is read
(handlers/suggestions/consent.py): "不用藏着掖着", "检讨书哪有匿名的", "申请书哪有不署名的道理", and the question quoted back."""

from __future__ import annotations

import re

# a rejection in the teacher's own words, read as the plain one: of hiding or of anonymity ("不用藏着掖着", "检讨书
# 哪有匿名的", "匿名干什么", normalized "匿名干" → "不匿名"), or of a name ("哪有实名的道理" → "不实名"); a rhetorical question swallows its
# question mark only beside other words ("哪有匿名的？" alone may ask where it is: unclear, anonymous)
_HIDING = re.compile(r"(不用|不必|用不着|没必要|何必|不需要|犯不着|无需|无须|别|甭|莫)(再)?(藏着掖着|藏藏掖掖|遮遮掩掩|躲躲藏藏|"
                     r"偷偷摸摸|藏头露尾|藏起来|(躲|藏)(在)?匿名(的)?(后面|背后|后头|里面?|底下)|藏)(的|了|啦)?|(藏|躲)(什么|啥)(藏|躲)?")
_REJECTED = {word: re.compile(rf"((哪有|哪里有|哪儿有|哪能|谁还?)(用|要)?{word}的?(道理|说法)?|{word}(干什么|干嘛|干啥|干(?![\u4e00-\u9fff])|做什么|做啥|图啥|"
                              rf"有什么用|有啥用|个(啥|什么|头|鬼|屁))|何必(要)?{word})(呢|呀|啊|嘛)?[?？]*")
             for word in ("匿名", "实名")}
# the same choice refused twice, as a rhetorical question ("申请书哪有不署名的道理", "哪有提建议不署名的", "哪能不写名字"): the
# choice itself
_NOT_REFUSED = re.compile(r"(哪有|哪里有|哪儿有|哪能|岂有|岂能|怎么能|怎能|哪有人|谁会)[^，,。！!？?不]{0,6}?(不|不去)(?P<word>实名|署名|具名|留名|签名|写名字|写上名字|"
                          r"写我的?名字|匿名)的?(道理|说法|事)?(呢|呀|啊|嘛)?[?？]*")
# what takes back a figure of speech said before it: "…，但我就是那个例外", "…，他们都这么说", "…就等于找死"
DISOWNED = re.compile(r"但|可是|可惜|不过|然而|例外|他们|她们|大家|别人|人家|都这么|都说|劝|骗|玩笑|[不没别勿莫禁]|"
                      r"等于|找死|自投|罗网|害|约谈|的人|如果|要是|除非")
# the question quoted back before the answer ("匿名实名问一下，…", "问我匿名还是实名——"): no choice of its own
_BOTH = r"(匿名|实名|署名)(还是|或者?|或是|/|、|和|与)?(匿名|实名|署名)(的事|的问题|之问)?"
_QUESTION_ECHOED = re.compile(rf"(你|您|工会)?问(我)?{_BOTH}|{_BOTH}(问一下|问一问|问我|问题|要问|之问)")


def rejections_read(t: str) -> str:
    """The answer with its rejections said plainly (see _HIDING, _REJECTED, _NOT_REFUSED), without the question
    quoted back (_QUESTION_ECHOED)."""
    t = _HIDING.sub("不匿名", t)
    echoed = _QUESTION_ECHOED.search(t)
    if echoed and (t[:echoed.start()] + t[echoed.end():]).strip("，,。.!！~；;—-… "):
        t = t[:echoed.start()] + t[echoed.end():]
    found = _NOT_REFUSED.search(t)  # (its question mark swallowed only beside other words, as _REJECTED's)
    if found and ((t[:found.start()] + t[found.end():]).strip("，,。.!！~；; ") or not re.search(r"[?？]", found.group())):
        # disowned after it ("哪有不署名的道理，但我就是那个例外", "…，他们都这么说"): no choice of hers (attack review 21)
        disowned = DISOWNED.search(t[found.end():])
        t = _NOT_REFUSED.sub(lambda m: "" if disowned else ("匿名" if m["word"] == "匿名" else "实名") + "。", t)
    for word, rejected in _REJECTED.items():
        found = rejected.search(t)
        beside = found is not None and (t[:found.start()] + t[found.end():]).strip("，,。.!！~；; ")
        if found and (beside or not re.search(r"[?？]", found.group())):
            t = rejected.sub(f"不{word}。", t)
    return t
