"""Whose care news it is when the words leave it to the reader: her own news told far from 我 or without
it ("我昨天下午带班大扫除从凳子上摔下来", "下周一要住院做手术 跟工会说一声"), her parent in the words of a
formal notice ("家母于今日凌晨仙逝"), a colleague's own words passed on in quotes ("小唐让我转达：“我父亲…”")."""

from __future__ import annotations

import re

from handlers.care.kinds import RELATION, classify_event
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
# news with nobody named that can only be her own: what she files (报备), what she is to undergo on a day
# ("下周一要住院做手术 跟工会说一声", "跟工会报备一下 9月10号住院做个小手术"); "有个同事要结婚了" is not hers
UNSAID_SELF = re.compile(r"报备|((下|这|本)个?(周|星期|礼拜|月)|明天|后天|[0-9]{1,2}[号日]|过(几|两)天|月底|月初|周末)[^，,。\s]{0,6}?"
                         r"(要|得|准备|打算|将要?|需要)去?(住院|做.{0,8}?手术|开刀|动.{0,3}手术)")
# how the bot is addressed, naming nobody: "小同志，…", "小伙子 你好，…"
VOCATIVE = re.compile(r"^(小同志|同志|小伙子?|小姑娘|姑娘|小朋友|小同学|小助手|小美女|小帅哥)(你好|您好)?[，,。.!！~\s]+")
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


LEADING_TIME = re.compile(r"^((这|下|本)个?(月|周|星期|礼拜)[一二三四五六日天底初]?|月底|年底|月初|明年|明天|后天|今天|昨天|前天)")


def own_clause(clause: str, roster: list, reporter) -> bool:
    """Her own illness, wedding, birth or retirement told in a clause of its own, nobody else named in it."""
    # ("月底我就退了", "下周一我要住院": the time first)
    return bool(OWN_CLAUSE.match(LEADING_TIME.sub("", clause))) and classify_event(clause) in ("生病住院", "结婚", "生育", "退休") \
        and nicknamed(clause, roster, reporter) is None


def formal_parent(norm: str) -> str:
    """"父亲"/"母亲" when the message names her parent as a notice does, else ""."""
    m = FORMAL_KIN.search(norm)
    return ("父亲" if m.group(1) in "父严" else "母亲") if m else ""


def unsaid_self(norm: str) -> bool:
    return bool(UNSAID_SELF.search(norm)) and not SOMEONE.search(norm)


def quoted_parts(norm: str) -> tuple[str, str] | None:
    """(the words naming the speaker, what she said) when news is passed on in her own first-person words."""
    m = QUOTE.match(norm)
    if not m or not SPEECH.search(m.group("before")) or not re.search(r"我(?!们)", m.group("said")):
        return None
    return SPEECH.split(m.group("before"))[0], m.group("said")
