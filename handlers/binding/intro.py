"""Who a teacher says she is, before she has bound: "您好，我是行政后勤组的何秀英，刚学会用微信，不知道怎么弄",
"你好，我是新来的，后勤的何秀英" (words about her in more than one piece),
"我系新嚟嘅数学老师王建军", "喂你好我是行政后勤组的杜建平我想绑定一下". An unbound teacher introducing
herself by a name on the roster wants to bind (the bind intent claims the message, whatever the
classifier says); the name is kept until the 工号 comes and proves nothing on its own. What else the
message asks for ("…我想报名拔河") waits until the binding is done."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.nlu import normalize

# a self-introduction; the name follows, perhaps after words about her ("行政后勤组的", "新来的数学老师")
CUE_RE = re.compile(r"(?:我是|我叫|我系|本人是?|鄙人|俺是|俺叫|(?<![\u4e00-\u9fa5])额(?:是|叫)|我姓名是|我的姓名是|我的名字是|我名字是|我的名字叫|我名字叫|"
                    # her name as a form's field, at the start of a clause: "我来办个登记。姓名何秀英，行政后勤组的", "名字叫何秀英"
                    r"(?<![\u4e00-\u9fa5])(?:姓名|名字)(?:是|叫|为)?)[:：]?")
# words between the cue and the name that make the name someone else's ("我是王建军的同事", "我是帮李娜问的")
SOMEONE_ELSE = re.compile(r"帮|替|代|给|和|跟|与|同事|朋友|家属|家长|爱人|学生|老婆|老公|妈|爸|儿子|女儿|孩子|领导")
# what may follow the name in an introduction: the end, a mark, or her next words ("…杜建平我想绑定一下")
AFTER_NAME = re.compile(r"(?:老师|本人)?(?:$|[,，。.!！~？?；; ]|工号|手机|电话|尾号|我|想|要|请|刚|不知道|不会|怎么|新来)")
# a self-introduction at the start, the name given where the 工号 was asked: "我叫林晓燕", "鄙人梁红，教务处的",
# "我系郭涛，体育组的" (Cantonese 係 → 系)
INTRO_RE = re.compile(r"^(?:我是|我叫|我系|本人|鄙人|俺是|俺叫|我姓名是|我的名字是|名字是?|姓名)[:：]?\s*([\u4e00-\u9fa5·]{2,4}?)"
                      r"(?:老师)?(?=$|[,，。 ]|[\u4e00-\u9fa5]{0,6}(?:组|处|室|科|办|部|的))")
# a request besides the introduction: kept (the conversation's queue) and done once she is bound
REQUEST_CUE = re.compile(r"^(再|也|顺便|那|就|帮我|给我|我要|我想|想|要)?报|报名|报个|报一下|帮我报|给我报|报上|参加|取消|不去|退掉|建议|意见|投诉|提案|体检|活动|投票|签到|推送|祝福|"
                         r"住院|去世|过世|结婚|生了|手术")

def introduced(ctx: Context, text: str):
    """The roster member a message introduces as its sender, or None. Only a name on the roster counts,
    right after "我是/我叫/本人…" and the words about her, and followed by nothing that makes it someone
    else's ("我是王建军老师的爱人")."""
    norm = normalize(text)
    cues = list(CUE_RE.finditer(norm))
    if not cues:
        return None
    roster = sorted(ctx.store.members.all_active(), key=lambda m: -len(m.name))
    for cue in cues:
        after = norm[cue.end():cue.end() + 24]
        for member in roster:
            at = after.find(member.name) if len(member.name) >= 2 else -1
            if at < 0:
                continue
            about = after[:at]
            if (len(about) <= 16 and not re.search(r"[^\u4e00-\u9fa5，,、 ]", about) and not SOMEONE_ELSE.search(about)
                    and AFTER_NAME.match(after[at + len(member.name):])):
                return member
    return None


# the common surnames: a self-introduction's name is told by its shape, never by the roster (a stranger
# sending "我是…" with names one by one must not learn who is on it)
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
            "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
            "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
            "苑迟邝")
INTRO_SHAPE = re.compile(
    "(?:" + CUE_RE.pattern + r")(?P<about>(?:[\u4e00-\u9fa5]{0,12}?(?:的|组|处|室|科|办|部|老师|组长|主任|干事|师傅)[，,、 ]?){1,3})?"
    r"(?P<name>[" + SURNAMES + r"](?!老师|老|小)[\u4e00-\u9fa5]{1,2})(?=" + AFTER_NAME.pattern + ")")


# (conv39) a newcomer not on the union's books yet, who gives her group and name without a "我是": "小的是新来跑堂打杂的，
# 行政后勤组何秀英，还没在咱这店里挂上号", "数学组新进王建军，尚未在工会名册上登记"
NEWCOMER = re.compile(r"新来|新进|新调来|新入职|刚入职|刚来|初来乍到|(还|尚)(没|未)[^，,。！!？?]{0,10}(登记|挂上?号|注册|绑定|名册|入册|建档|记上)")
GROUP_AND_NAME = re.compile(r"[\u4e00-\u9fa5]{1,6}?(?:组|处|室|科|办)(?:的)?(?:新进|新来|新调来|刚来)?(?:的)?(?:老师)?"
                            r"(?P<name>[" + SURNAMES + r"](?!老师|老|小)[\u4e00-\u9fa5]{1,2})(?=" + AFTER_NAME.pattern + ")")


def intro_name(text: str) -> str | None:
    """The name a self-introduction gives, by its shape alone: "您好，我是行政后勤组的何秀英，刚学会用微信" → 何秀英,
    "我系新嚟嘅数学老师王建军" → 王建军, "数学组新进王建军，尚未在工会名册上登记" → 王建军; None for "我是王建军的同事",
    "我是张老师", "我是退休老师"."""
    norm = normalize(text)
    for m in INTRO_SHAPE.finditer(norm):
        if not SOMEONE_ELSE.search(m.group("about") or ""):
            return m.group("name")
    newcomer = GROUP_AND_NAME.search(norm) if NEWCOMER.search(norm) else None
    about = re.split(r"[，,。！!；;\s]", norm[:newcomer.start("name")])[-1] if newcomer else ""  # (her own clause)
    return newcomer.group("name") if newcomer and not SOMEONE_ELSE.search(about) else None


def claims(ctx: Context) -> bool:
    """An unbound teacher who introduces herself by name wants to bind: told by the message's shape, the
    same for a name on the roster and one that is not."""
    if ctx.member is not None:  # bound already, asking to bind in any words ("对的，就是我本人，给我登记绑上吧"): told so
        return bool(BIND_AGAIN.search(ctx.norm)) and len(ctx.norm) <= 30 and not other_request(ctx.text)
    if gives_suggestion(ctx.text):
        return False
    # … or gives a 工号 while asking to bind in any words ("工号8036，这个要做甚才能绑上？")
    return ((CUE_RE.search(ctx.norm) or NEWCOMER.search(ctx.norm)) is not None and intro_name(ctx.text) is not None) or bool(
        STAFF_NO_SAID.search(ctx.norm) and BIND_ASKED.search(ctx.norm))


# a suggestion needs no binding (an anonymous one must not wait for it): "您好，我是行政后勤组的杜建平，想反映个问题" is
# asked what the problem is; her name is no part of it (handlers/suggestions/opener.py leaves it out)
SUGGESTING = re.compile(r"意见|建议|投诉|反映|反馈|提案|吐槽")


def gives_suggestion(text: str) -> bool:
    """Besides who she is, the message opens or gives a suggestion, and asks for no binding in words."""
    norm = normalize(text)
    intro = INTRO_SHAPE.search(norm)  # (unpunctuated: "…我是行政后勤组的杜建平我想给工会提个意见")
    rest = norm[intro.end():] if intro else rest_of_intro(text)
    return bool(SUGGESTING.search(rest)) and not BIND_ASKED.search(norm)


# … the message ending in it ("给我登记绑上吧", "帮我绑定一下"; not "绑好了的话，数学组那个运动会我也报一个")
BIND_AGAIN = re.compile(r"(?<!解)(绑上|绑定|绑一下)(吧|一下|了吗|好了吗|了没有?|没有?|啊|呀|哈)?[。.!！?？~\s]*$")
STAFF_NO_SAID = re.compile(r"(工号|职工号)(是|为|系)?[:：]?\s*[0-9]{3,10}")
BIND_ASKED = re.compile(r"绑|认证|验证身份")


def other_request(text: str) -> bool:
    """The message asks for something besides binding ("我是刘洋，想报名拔河")."""
    norm = re.sub(r"绑定|工号|手机|电话|尾号", "", normalize(text))
    return REQUEST_CUE.search(norm) is not None


def said_name(ctx: Context, text: str) -> str | None:
    """The name a teacher gave for herself ("我叫林晓燕", "鄙人梁红，教务处的", "您好，我是行政后勤组的何秀英",
    or a roster name on its own), kept until the 工号 comes: a slot given is never asked again."""
    norm = normalize(text)
    member = introduced(ctx, norm)
    if member is not None:
        return member.name
    intro = INTRO_RE.match(norm)
    if intro:
        return roster_name(ctx, norm) or intro.group(1)
    bare = re.split(r"[,，。 ]", norm)[0]
    return roster_name(ctx, bare)


def roster_name(ctx: Context, text: str) -> str | None:
    """A member's name in the message (kept while a mistyped 工号 is corrected: a slot given is never
    asked again). It proves nothing: the 工号 must still match it."""
    norm = normalize(text)
    names = ctx.store.members.active_names_in(norm)
    return max(names, key=len) if names else None


_BIND_WORDS = re.compile(r"(你好|您好|喂)|(我)?(要|想|需要)?(绑定|绑一下|认证)(一下)?(身份)?|(我的)?(工号|职工号)(是|为|系)?[:：]?\s*[0-9]{3,10}|"
                         r"(手机|电话|尾号|后四位|后4位)[^0-9]{0,8}[0-9]{4}")


def rest_of_intro(text: str) -> str:
    """What a binding message says besides who she is and her numbers ("我是刘洋，想报名拔河" → "想报名拔河")."""
    norm = _BIND_WORDS.sub(" ", normalize(text))
    norm = re.sub(CUE_RE.pattern + r"[^,，。.!！?？;； ]*", " ", norm)
    return re.sub(r"^[,，。.!！?？;；~ 然后再顺便另外还有]+|[,，。.!！?？;；~ ]+$", "", norm)


BIND_LEAD = re.compile(r"^(?:我(?:想|要)?)?(?:绑定|认证|验证)?(?:身份|一下)?")  # "绑定张伟" → "张伟"
GROUP_LEAD = re.compile(r"^[\u4e00-\u9fa5]{1,6}?(?:组|处|室|科)(?:的|嘅)?")  # her group before her name
GROUP_TAIL = re.compile(r"(?<=[\u4e00-\u9fa5])\s+(?:的)?[\u4e00-\u9fa5]{1,6}?(?:组|处|室|科)(?:的)?(?:老师)?$")
NAME_SHAPED = re.compile(r"(?!.*(?:绑定|认证|身份|工号))[\u4e00-\u9fa5·]{2,4}?(?:老师)?")


def said_name_shape(ctx: Context, text: str) -> tuple[bool, str | None]:
    """(whether the message reads as a name, the name kept): a teacher's own ("我叫林晓燕", "鄙人梁红，
    教务处的", or a roster name on its own), kept until the 工号 comes: a slot given is never asked
    again. It proves nothing. The answer goes by the message's shape, never by the roster: a stranger
    sending names one by one must not learn who is on it."""
    norm = normalize(text)
    intro = INTRO_RE.match(norm)
    if intro:
        return True, roster_name(ctx, norm) or intro.group(1)
    norm = GROUP_TAIL.sub("", norm)  # "王建军 数学组": her group after her name
    bare = re.split(r"[,，。]", BIND_LEAD.sub("", norm.replace(" ", "")))[0]  # "绑定 高峰" → "高峰"
    grouped = GROUP_LEAD.sub("", bare, count=1)  # "行政后勤组的何秀英" → "何秀英"
    bare = grouped if grouped != bare and NAME_SHAPED.fullmatch(grouped) else bare
    return NAME_SHAPED.fullmatch(bare) is not None, roster_name(ctx, bare)
