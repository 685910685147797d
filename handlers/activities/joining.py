"""A wish to join one named open activity, in whatever style it is written (issue 19, signup17).

Teachers write a sign-up as a diary line ("…看到周日有读书会，好久没好好读书了，决定去。"), a headline ("号外！英语组
李娜正式加入拔河大军"), a letter ("此番登山之行，望能同往"), a toast ("祝拔河圆满成功，我也来出一份力！"), a boast
("拔河必须有我"), a plan ("唱歌比赛在报告厅，我打算试试"). The classifier, trained on plainer words, is unsure
of them or reads nothing at all; the router then answered with the help menu, a greeting or "您是想：1. … 2. …？",
and her next "没错" was lost. Read instead: a sentence that names exactly one open activity and holds a joining
word (or that the classifier already leans to a sign-up for), with no refusal, doubt or question in the clauses
that carry them, and no one else's name on it, is a sign-up — which is only asked: "确认报名「…」吗？" comes
first, so a wrong reading costs one question and never a sign-up.

Her own name counts as 我 ("读书会迎来新成员李娜"). Not read as joining: "能参加吗" (a question, answered as one),
"读书会我想去，可惜那天有课" (a 但/可惜 after it), "去年参加过" (done, not wished), "她想报登山" (someone else),
"登山我考虑一下" (no joining word, nothing leaning).
"""

from __future__ import annotations

import functools
import re

from bot.engine import Context
from bot.idioms import unnegated
from bot.nlu import normalize
from handlers.activities import match_activities, visible_upcoming

# joining as people write it: the union's words, then a plan, a boast, a toast, a headline, a letter, a game
JOIN = re.compile(
    r"报名|报上|报个|报一个|参加|参与|参赛|加入|入伙|入队|归队|算(上)?我|加(上)?我|记(上)?我|写上我|带上我|有我|少不了我|"
    r"(我|咱|俺|本人)(也|就|肯定|一定|必须|决定|打算|准备)?(要|想|得|会)?(回)?(去|来|报)(?![年过了告道销纸警账案说讲问]|报告|报道)|报我|"
    r"(决定|打算|准备|计划|争取|一定|肯定|必须)(要)?(去|来|报|参|试|上)|试(试|一试|一下)|凑(个|一个|凑)?(热闹|数|一个|一份)|"
    r"奉陪|同往|同去|随行|前往|赴约|出席|捧场|出一份力|出份力|尽一份力|献(唱|丑|艺)|露(一|两)手|亮(个)?相|"
    r"安排上|占(个|一个)?(坑|位|名额)|留(个|一个)(位|名额|座)|预(定|订|约)|上车|走起|冲(鸭|呀|啊|了|!|！|$)|整起|搞起|"
    r"出战|参战|应战|上场|上阵|出征|新成员|一员|报到|登记|名字(写|记|填|加)上")
# what undoes it in the same clause: a refusal, a doubt, a condition, a question, a withdrawal, a thing done
REFUSE = re.compile(r"[不没别甭莫勿未否]|取消|退(?!休|下来)|撤|算了|考虑|想想|再说|犹豫|纠结|看看情况|改天|下次|以后再|可惜|遗憾|"
                    r"如果|要是|假如|万一|的话|[?？吗么呢]|什么|啥|怎么|咋|几|哪|多少|谁|问|请教|去年|上次|以前|过(?!来)|"
                    r"(报|参加|去|登记|报名|加入)了(?!吧)|之前|早就|能否|可否")
# a withdrawal anywhere in the message: "我之前登记了乒乓球比赛 想撤销"
WITHDRAW = re.compile(r"取消|撤|退(?!休|下来)|不去了|不参加了|不报了")
# what undoes it in a clause that only names the activity ("好久没静下心读书了" is no refusal of the 读书会)
NAY = re.compile(r"不(去|来|参加|报|想|要|能|行|了)|(去|参加|来|报)不|没(空|时间)|取消|退(?!休|下来)|撤|考虑|犹豫|[?？吗]")
# a turn after the wish: "读书会我想去，可惜那天有课", "…决定去，就是怕赶不上"
BUT = re.compile(r"^(但|但是|可是|不过|只是|就是|可惜|然而|无奈)")
# someone else's wish or sign-up, or people in general
OTHERS = re.compile(r"[他她]|同事|别人|家长|学生|孩子们|大家都")
# another feature's business beside it: a suggestion, care news, a binding, the checkup
BUSINESS = re.compile(r"建议|意见|投诉|提案|反映|吐槽|住院|生病|去世|病逝|过世|走了|丧|结婚|婚礼|生了|退休|困难|绑定|工号|体检|请假")
ASKING = re.compile(r"[?？吗谁]|什么|哪|抢")  # a question anywhere in the sentence ("读书会 都有谁 报"), a race for seats
SENTENCES = re.compile(r"[。！!？?；;\n]+")
CLAUSES = re.compile(r"[，,、:：\s~～…]+")


def as_me(norm: str, name: str | None) -> str:
    """Her own name, or her surname as colleagues call her ("老朱", "小何", "何老师"), read as 我."""
    if not name or len(name) < 2 or (name[0].isalnum() and name[0] not in norm):  # (each way of naming her holds
        return norm  # her surname)
    return _naming_her(name).sub("我", norm)


@functools.lru_cache(maxsize=4096)
def _naming_her(name: str) -> re.Pattern:
    """Her name's pattern, compiled once per name: `re`'s own cache holds 512 patterns, so with more teachers
    than that each one's was compiled afresh (50 – 200 µs) at every message that reached it (issue 23, round 20)."""
    surname = name[0]
    return re.compile(rf"{re.escape(name)}(老师)?|[老小]{surname}(?!老师|主任)|{surname}老师")


def joins_named(ctx: Context, leaning: bool = False) -> bool:
    """Does the message ask, in any style, to join one open activity (`leaning`: the classifier's best guess was a
    sign-up, which then stands for the joining word)?"""
    if ctx.member is None:
        return False
    norm = unnegated(ctx.norm)  # ("义不容辞" is no refusal)
    norm = as_me(norm, ctx.member.name)
    if not leaning and not JOIN.search(norm):  # no joining word at all: the activities are not read (a reply kept for
        return False  # "今年体检什么时候" stays good after a colleague's sign-up)
    if BUSINESS.search(norm) or WITHDRAW.search(norm):  # no joining whatever the sentences say: the list is not read
        return False  # ("取消报名乒乓球" read it only to say no: speed26)
    sentences = [s for s in SENTENCES.split(norm) if s.strip()]
    if not any(_may_join(s, leaning) for s in sentences):  # none could be the one: the list is not read either
        return False  # ("我报名了哪些活动", "报名截止是哪天？": a question about signing up: speed27)
    upcoming = visible_upcoming(ctx)
    found = None
    for sentence in sentences:
        named = match_activities(sentence, upcoming)
        if len(named) != 1:
            continue
        if found is not None and named[0].id != found.id:
            return False  # two activities in two sentences: which is meant is asked by the usual reading
        if _joins(sentence, named[0], upcoming, leaning) and not ASKING.search(sentence):
            found = named[0]
        elif JOIN.search(sentence) or REFUSE.search(sentence):
            return False  # the one named is asked about or refused in its own sentence
    return found is not None and len(match_activities(norm, upcoming)) <= 1


def _may_join(sentence: str, leaning: bool) -> bool:
    """Could the sentence be the one that joins (`joins_named`'s loop)? Not when it asks anything, nor, without the
    classifier's leaning, when none of its clauses holds a joining word (`_joins` needs one): whatever the others say,
    no sentence then joins and the answer is no, which is said without reading the activities."""
    return not ASKING.search(sentence) and (leaning or any(JOIN.search(c) for c in CLAUSES.split(sentence) if c))


def joins_in_few_words(ctx: Context) -> bool:
    """"卡拉OK比赛 安排上", "读书会 奉陪到底": the name and a joining word and nothing else (the classifier reads
    the name alone and would list the activity): a sign-up, whatever the classifier says of it."""
    norm = ctx.norm.strip()
    return not SENTENCES.search(norm.rstrip("。！!")) and len([c for c in CLAUSES.split(norm) if c]) <= 3 \
        and joins_named(ctx)


def _joins(sentence: str, activity, upcoming: list, leaning: bool) -> bool:
    """The sentence names the activity and joins it: every clause holding a joining word is clear of any refusal, doubt
    or question, every clause naming it of a refusal or a question (of anything undoing it, with no joining word but
    the classifier's leaning), none has someone else before its joining word, and no turn ("可惜…") follows."""
    clauses = [c for c in CLAUSES.split(sentence) if c]
    carrying = [i for i, c in enumerate(clauses) if JOIN.search(c) or match_activities(c, upcoming)]
    joining = any(JOIN.search(clauses[i]) for i in carrying)
    if not carrying or not (leaning or joining):
        return False
    if any((REFUSE if JOIN.search(clauses[i]) or not joining else NAY).search(clauses[i]) for i in carrying):
        return False
    if any(OTHERS.search(clauses[i][:(JOIN.search(clauses[i]) or re.search("$", clauses[i])).start()]) for i in carrying):
        return False  # "同事王芳加入了…" ("我想回去看看老同事" is her own wish)
    return not any(BUT.match(c) for c in clauses[carrying[0] + 1:])


# asking to be put down, said to a confirmation among other words: "鼓起勇气了！麻烦帮我报上，谢谢老师", "不管你是不是张老师，
# 反正帮我报上，确认", "那帮老师把名字写上去", "请把语文组谢婷婷的名字写进报名表"
PUT_ME_DOWN = re.compile(r"(帮|给|替|把)(我|咱|俺|老师)(的名字)?(也)?(报上|报名|报一个|报个名|报了吧|登记上|写上|记上|填上|加上)|"
                         r"(把|将)?(我的)?名字(写|记|填|加)上|"
                         r"(把|将)[^，,。！!把将]{0,12}名字(写|记|填|加|登记)(进|到|入)[^，,。！!]{0,4}(报名表|名单|表里|表上)")
DOUBTING = re.compile(r"[?？吗]|不(要|用|报|去|参加|想|了)|别|甭|算了|再想|考虑|犹豫|如果|要是|万一|的话|同事|[他她]")


def puts_me_down(text: str) -> bool:
    """A request to be signed up among other words, with nothing refusing, doubting or asking, or for someone else."""
    norm = normalize(text)
    return bool(PUT_ME_DOWN.search(norm)) and not DOUBTING.search(norm)

