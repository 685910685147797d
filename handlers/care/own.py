"""Whose care news it is when the words leave it to the reader: her own news told far from 我 or without
it ("我昨天下午带班大扫除从凳子上摔下来", "下周一要住院做手术 跟工会说一声"), her parent in the words of a
formal notice ("家母于今日凌晨仙逝"), a colleague's own words passed on in quotes ("小唐让我转达：“我父亲…”")."""

from __future__ import annotations

import re

from bot.when import FESTIVAL_WORDS
from handlers._common import latin_name
from handlers.care.kinds import NEW_IN_FAMILY, RELATION, classify_event
from handlers.care.names import TITLE, nicknamed

# a clause that opens with 我 and tells her own news, however far the news is from it ("我下周一（7号）要做个
# 甲状腺的小手术", "我昨天下午带班大扫除从凳子上摔下来"); not when it names anyone else or says what she did for them
OWN_CLAUSE = re.compile(r"^(?:我(?!们)|本人)(?!.*(?:" + RELATION[1:-1] + r"|" + TITLE[1:-1] +
                        r"|同事|朋友|学生|听说|替|帮|代|陪|看望|去看|探望|告诉|通知|照顾|[他她它]))")
# her parent in the words of a formal notice: "家母", "家父", "先父", "家严", "家慈" (not "老家父母", "首先父亲")
FORMAL_KIN = re.compile(r"(?<![老回在娘婆住离想首])[家先](父|母|严|慈)(?![亲母父])")
# the speaker before a quote and the quoted words: "小唐让我帮她转达：“我父亲上周六去世了”", "何雪说：「我下周二结婚」"
QUOTE = re.compile(r"^(?P<before>[^“\x22「『]{1,30}?)[:：,，]?\s*[“\x22「『](?P<said>[^”\x22」』]+)")
SPEECH = re.compile(r"(?:(?:让|叫|托|请|要|拜托)我|说|讲|转达|转告|带话|带个话|告诉|原话)")
# news with nobody named that can only be her own: what she files (报备), a baby ("当爸爸了！！", "家里多了个小家伙"), what she is
# to undergo on a day ("下周一要住院做手术 跟工会说一声", "跟工会报备一下 9月10号住院做个小手术"); "有个同事要结婚了" is not hers
UNSAID_SELF = re.compile(r"报备|勿念|勿挂念?|不必挂念|别挂念|莫挂念|"  # ("…已无大碍，勿念": as a letter home ends)
                         r"(?:^|(?<=[，,。！!\s我俺咱]))(?:" + NEW_IN_FAMILY + r")|"
                         r"^(当|做)(上)?(爸爸|妈妈|爸|妈|爷爷|奶奶|外公|外婆|姥姥|姥爷)(了|啦|$|[,，。!！\s])|((下|这|本)个?(周|星期|礼拜|月)|明天|后天|[0-9]{1,2}[号日]|过(几|两)天|月底|月初|周末)[^，,。\s]{0,6}?"
                         r"(要|得|准备|打算|将要?|需要)去?(住院|做.{0,8}?手术|开刀|动.{0,3}手术)|"
                         # a couple's own wedding, told as "we": "我们要结婚啦", "我们俩准备结婚了", "我们下个月办婚礼"
                         # (not "我们组王芳和张伟要结婚了": a name or a group after 我们)
                         r"(?<![\u4e00-\u9fa5])我们(俩|两个|两人|两口子)?(终于|也|就|马上|快|要|将|准备|打算|决定|下个?月|明年|今年|年底|"
                         r"这个?月|国庆|春节|元旦|五一|([0-9]{1,2}月)?[0-9]{1,2}[号日]|(下|这)个?(周|星期|礼拜)[一二三四五六日天])*(结婚|领证|办婚礼|办喜事|摆喜酒|办酒|成家)")
# how the bot is addressed, naming nobody: "小同志，…", "小伙子 你好，…"
VOCATIVE = re.compile(r"^(小同志|同志|小伙子?|小姑娘|姑娘|小朋友|小同学|小助手|小美女|小帅哥)(你好|您好)?[，,。.!！~\s]+")
# 我 as it is said: 额/俺 in the north-west and north (at the start), and, at the start of any clause, a gamer's
# "本号" (this account), a bookish "鄙人", a playful "本宝宝"/"本姑娘"
_ME_FIRST = re.compile(r"^(额|俺)(?!们)")
_ME_SAID = re.compile(r"(^|[，,。；;！!：:\s])(本号|鄙人|本尊|本宝宝|本姑娘|本小姐|本少爷|本帅|小弟我|小女子)")


def as_me(norm: str) -> str:
    return _ME_SAID.sub(r"\1我", _ME_FIRST.sub("我", norm))


# a relative said bare at the start, no 我: her own ("媳妇昨晚生了"); not 孩子/家人/老人, who may be anyone's
OWN_KIN = re.compile(r"^(?:家里|家中|屋里)?的?(?!孩子|家属|家人|老人)" + RELATION + r"(?![们家])")
SOMEONE = re.compile(r"[他她]|有(一?[个位])?人|有一?[个位]|同事|朋友|学生|家长|谁|人家|" + TITLE[1:-1])


# more of the news with nobody named, sent when asked who it is: its kind, its day, the baby, how it went,
# or only that it is told ("闺女 六斤八两 母女平安", "甲状腺结节手术 问题不大 跟工会说一声", "嗯嗯 就是报个喜")
MORE_NEWS = re.compile(r"平安|[0-9一二两三四五六七八九十]斤|闺女|儿子|女儿|千金|男孩|女孩|问题不大|没什么大事|老毛病|"
                       r"报(个|一下)?(喜|备|信)|跟(工会|你们|组织)(说|讲|报)|说一声|告诉(工会|你们)")


def tells_more(answer: str, now) -> bool:
    """An answer to "请问是哪位老师？" that tells more of the news, and names nobody: the news is hers."""
    from handlers.care.dates import find_date

    if SOMEONE.search(answer):
        return False
    return bool(MORE_NEWS.search(answer) or classify_event(answer) or find_date(answer, now)[1])


# ("重阳节那天我办婚礼", "开学前一天我要住院", "9月8号我手术": a festival, a school day or a date first too)
LEADING_TIME = re.compile(r"^((这|下|本)个?(月|周|星期|礼拜)[一二三四五六日天底初]?|月底|年底|月初|明年|明天|后天|今天|昨天|前天|"
                          r"([0-9]{1,2}月)?[0-9]{1,2}[号日]|" + FESTIVAL_WORDS.pattern + r"|开学[前后]?的?(一天|第一天|前一天|那天|当天)?)"
                          r"(那天|当天|那日)?")


def own_clause(clause: str, roster: list, reporter) -> bool:
    """Her own illness, wedding, birth or retirement told in a clause of its own, nobody else named in it."""
    # ("月底我就退了", "下周一我要住院": the time first)
    return bool(OWN_CLAUSE.match(re.sub(r"^(也就是|就是|也是|是)", "", LEADING_TIME.sub("", clause)))) and classify_event(clause) in ("生病住院", "结婚", "生育", "退休") \
        and nicknamed(clause, roster, reporter) is None


def formal_parent(norm: str) -> str:
    """"父亲"/"母亲" when the message names her parent as a notice does, else ""."""
    m = FORMAL_KIN.search(norm)
    return ("父亲" if m.group(1) in "父严" else "母亲") if m else ""


# … or her illness told to the union ("向工会汇报一下 明天住院做阑尾手术"; "家里出事了 跟工会说一下" is asked who)
TOLD_UNION = re.compile(r"(跟|向|给|和|对)(工会|组织|你们)(说|讲|汇报|报告|知会|报)|特此告知|(请|让)工会知悉|告知工会")


def unsaid_self(norm: str) -> bool:
    """(and not when a name in pinyin the roster does not know is said: "zhang wei dong was hospitalized")"""
    return bool(UNSAID_SELF.search(norm) or (TOLD_UNION.search(norm) and classify_event(norm) == "生病住院")) \
        and not SOMEONE.search(norm) and not latin_name(norm)


def quoted_parts(norm: str) -> tuple[str, str] | None:
    """(the words naming the speaker, what she said) when news is passed on in her own first-person words."""
    m = QUOTE.match(norm)
    if not m or not SPEECH.search(m.group("before")) or not re.search(r"我(?!们)", m.group("said")):
        return None
    return SPEECH.split(m.group("before"))[0], m.group("said")


# between "我" and the news: a few words, never a relative's ("我母亲下周手术" is not about me)
SELF_RE = re.compile(r"^(我(?!们)|本人|我自己)(下个?月|下周|最近|昨天|今天|刚|要|已经|在|于|因|也)?"
                     r"(?:(?!父|母|爸|妈|爱人|老公|老婆|儿|女儿|孩|家人|家属|家里人|家里的?老|公公|婆婆|岳|丈|奶|爷|外婆|外公|老人|伴|同事|朋友).){0,6}"
                     r"(结婚|婚假|产假|陪产假|住院|生|手术|病|办酒|领证|怀孕|当(爸爸|妈妈)|摔|骨折|晕倒|昏倒|输液|受伤|进医院|添丁|添了|喜得|抱恙|身体不适|"
                     r"多了(?:个|一个|一位|位)(?:小|新)|"
                     r"(就要?|将要?|要|正式|马上|即将)(退休(?!的|老|教|职|人|干|同|党|会)|退了|退啦))")
# what may stand between "我" and her news without making it someone else's: a day, a reason
# ("我上周四因为腰椎间盘突出住院了", "我9月30号就正式退休了"); a day from which it holds may come first
# ("11月1号开始我就退休了")
SELF_ASIDE = re.compile(r"^(?:从)?(?:(?:[0-9]{1,2}月[0-9]{1,2}[号日]|[0-9]{1,2}[号日]|下个?月(?:初|底)?|明年)(?:起|开始)?)?我(?:(?:上|下|这)个?(?:周|星期|礼拜)[一二三四五六日天]|[昨前今明]天|[0-9]{1,2}月[0-9]{1,2}[号日]|[0-9]{1,2}[号日])?"
                        r"(?:(?:因为|由于|因)[^，,。；;！!他她的父母爸妈儿女孩家伴公婆岳丈奶爷]{1,10}?(?=住院|手术|开刀|骨折|进医院|病倒))?")
SELF_ABOUT_RE = re.compile(r"(?<!我)我(?!们)(自己|本人)?.{0,8}?(结婚|住院|生了|要生|手术|生病|办酒|领证|怀孕|摔|骨折)")
MY_RELATIVE = re.compile(r"(?<![他她你])(?:我(?!们)|本人|额|俺)(?:自己)?(?:的|家|家里的?)?" + RELATION + r"(?!们)")
# the news said to be the reporter's own before it is told: "我自己的情况跟工会报一下 下周二要做膝盖手术"
SELF_LEAD = re.compile(r"(^|[，,。.！!；;\s])((我自己|我本人|本人)(?!的?(家|朋友|同事))|"  # at the start of a clause too
                       r"我家里?(出了?|遇到了?)(点|些|个|一些)?(事|状况|变故|困难)(?=[了咧啦]?[，,。！!；;\s]+(?![^，,。\s]{0,4}工会)\S{2,}))")  # "我家里出了点事 老公下岗了": hers
# the reporter saying it is her: "…，就是我 上周五在家摔了一跤", "说的是我自己"
SELF_SAID = re.compile(r"(就是|是|其实是|说的是)(我自己|我本人|我)(?=$|[,，。.!！\s]|自己|本人)")
# what the reporter did for someone else: "是我自己开车送去的", "我本人去看过了", "我自己陪他去的医院"
HELPED = re.compile(r"^.{0,6}?(送|看望|去看|看过|陪|发现|知道|开车|告诉|听说|通知|照顾|联系|代|帮)")


def said_self(norm: str) -> bool:
    """"我自己…"/"就是我" said as the one the news is about, not as the one who helped."""
    return any(not HELPED.match(norm[m.end():]) for m in (*SELF_LEAD.finditer(norm), *SELF_SAID.finditer(norm)))


# a joke, no news: a thing "says" she should be in hospital, and she laughs ("今天早上上体重秤，它说我该住院了😂",
# "手环说我睡眠不足该住院了哈哈"); "…结果一语成谶" is news come true, and no joke
JOKE_SPEAKER = re.compile(r"(体重秤|电子秤|体脂秤|秤|手环|手表|镜子|计步器|它)(说|告诉我|提醒我|提示我?|显示我?)"
                          r"[^，,。！!？?]{0,10}(住院|进医院|去医院|看医生|没救|抢救|送医)")
LAUGHED = re.compile(r"😂|🤣|😆|😄|😁|😅|哈哈|呵呵|嘿嘿|\[(捂脸|破涕为笑|笑哭|偷笑|奸笑|呲牙)\]|笑死|lol", re.IGNORECASE)
CAME_TRUE = re.compile(r"一语成谶|结果真|真的(住|进)了|没想到真")
JOKED = "哈哈，{who}，它说了可不算😄 注意身体！如果真有住院、生病等情况要告诉工会，直接说就行。"


def joking(text: str) -> bool:
    """A thing's word about her health, laughed at: a joke (nothing is filed)."""
    return bool(JOKE_SPEAKER.search(text) and LAUGHED.search(text) and not CAME_TRUE.search(text))


# a mishap said as a likeness, no news: "插出来像车祸现场", "字写得跟车祸现场似的", "简直是大型车祸现场" (a 翻车 of her own making)
LIKENESS = re.compile(r"(像|跟|和|如|似|好比|简直|犹如|堪比|宛如|活像|仿佛|堪称|妥妥的?)(是|个|一个)?(大型)?(车祸|事故|灾难)现场|"
                      r"(车祸|事故|灾难)现场(似的|一样|一般|既视感)")
LIKENED = "哈哈，只是打个比方吧😄 放轻松！如果真有住院、生病等情况要告诉工会，直接说就行。"


def likened(norm: str) -> bool:
    """A mishap only likened to: nothing happened to anyone (nothing is filed)."""
    return bool(LIKENESS.search(norm))
