"""Changes of mind inside one sign-up (issue 19): the activity said no to in the same message is not
the one meant ("行，登山给我报上，卡拉OK就算了"), another activity named while a confirmation waits
replaces it ("啊不对，是卡拉OK，不是乒乓球"), and a yes said next to the activity's name still is a yes
("嗯 卡拉OK 确认")."""

from __future__ import annotations

import functools
import re

from bot.confirmed import unasked, unsafe
from bot.engine import Ask, Context
from bot.nlu import normalize, words_version
from handlers._common import DECIDED, DELIBERATED, fmt_dt, is_yes
from handlers.activities import (
    DAY_RE,
    SYNONYMS,
    WEEKDAY_RE,
    activity_terms,
    match_activities,
    shown_before,
    visible_upcoming,
)
from handlers.activities import wording as say
from handlers.activities.listpick import ordinal_picks
from handlers.activities.ownwords import on_the_day
from handlers.activities.waiting import CHANGE_WORD, asks_about_waiting, confirm_again, picks_one
from storage.activities import Activity

DECLINED_NOTE = "~declined"  # a note (storage/conversations.py): the activity just said no to, for "还是报吧"
# a clause saying no to an activity: "拔河就算了", "不是乒乓球", "登山唔去喇" (唔 → 不)
# … or leaves it for later ("乒乓球睇下先" → 看下先, "卡拉OK再看看")
REFUSED_CLAUSE = re.compile(r"不是|不去|不报|不要|不参加|不想|算了|不用|不了|别报|放弃|再想想|再考虑|考虑一下|以后再说|先不|"
                            r"不(追|凑热闹|凑这个热闹|掺和|跟)了|"  # "拔河、登山这回都不凑热闹了", "…这次先不追了"
                            r"看下先|看一下先|看看再说|再看看|待定|没想好")
_CLAUSES = re.compile(r"[，,。.！!？?；;\s~～…]+")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(normalize(text)) if c]


# a plan given up, told as the story before the request: "我本来想报那个登山活动，后来一看是周四…帮我报读书会吧"
ABANDONED = re.compile(r"^(我)?(本来|原本|原来|起先|一开始|之前)(是)?(想|打算|准备|要)(报|参加|去)")


# … only when the request after it is plainly hers: "本来想报拔河，结果同事非要帮我报乒乓球，我才不要", "本来想报拔河的，帮我报
# 乒乓球？算了还是拔河吧" ask which one, as before (attack review 25)
NOT_HER_REQUEST = re.compile(r"还是|同事|老公|老婆|爱人|对象|别人|人家|他们|她们|(他|她)(说|非要|让|叫|替)|非要|没同意|不同意|才不")


def wanted_text(text: str) -> str:
    """The message without its clauses that say no to something ("行，登山给我报上，卡拉OK就算了" →
    "行，登山给我报上") and, when another clause names an activity, without a plan given up ("我本来想报那个登山活动，
    …帮我报读书会吧"); the whole message when every clause does."""
    clauses = _clauses(text)
    kept = [c for c in clauses if not REFUSED_CLAUSE.search(c)]
    plans = [c for c in kept if ABANDONED.search(c)] if not NOT_HER_REQUEST.search(normalize(text)) else []
    if plans and any(activity_terms(c) for c in kept if c not in plans):
        kept = [c for c in kept if c not in plans]
    return "，".join(kept) if kept and len(kept) < len(clauses) else text  # (nothing refused: the words as written)


# another request about the activity named, not a change of mind: "帮我把读书会退了", "登山还有名额吗"
# ("改做卡拉OK得唔得？" asks to change: a question with a change word still is one)
OTHER_ASK = re.compile(r"取消|退(了|掉|出|报)|撤")
OTHER_QUESTION = re.compile(r"[?？吗呢]|几点|几号|周几|星期几|来着|什么时候|哪天|哪里|在哪|名额|多少")
THAT_DAY = re.compile(r"^(是|就|要|报|不是.{0,6})?(\d{1,2}月)?\d{1,2}(号|日)(的)?(那个|那场|那一个|这个)")


def another_named(ctx: Context, text: str) -> Activity | None:
    """Another activity named while the confirmation of ctx.data["activity_id"] waits, or None."""
    said = normalize(text)
    if "activity_id" not in ctx.data or OTHER_ASK.search(said) or (
            OTHER_QUESTION.search(said) and not CHANGE_WORD.search(said)):
        return None
    kept = [c for c in _clauses(text)
            if not REFUSED_CLAUSE.search(c) and not (len(c) <= 4 and is_yes(c) and not activity_terms(c))]
    if not kept:  # "OK" is a yes, not 卡拉OK; "是羽毛球" names one
        return None
    named = match_activities("，".join(kept), ctx.store.activities.upcoming())
    if not named and THAT_DAY.search(said):  # "13号那个" while another waits: the one on that day
        named = on_the_day(said, visible_upcoming(ctx))
    if len(named) > 1 and CHANGE_WORD.search(said):  # "我唱歌跑调 帮我换成读书会吧" (卡拉OK waiting): the other
        named = [a for a in named if a.id != ctx.data["activity_id"]]
    if len(named) == 1 and named[0].id != ctx.data["activity_id"]:
        return named[0]
    return None


def same_day_named(ctx: Context, text: str, activity: Activity) -> bool:
    """"周日那个", "17号那个" while the one on that day waits for its yes: it is the one meant (the yes still to
    come); nothing besides the day and "那个" is said."""
    norm = normalize(text)
    if not (DAY_RE.search(norm) or WEEKDAY_RE.search(norm)) or on_the_day(norm, [activity]) != [activity]:
        return False
    rest = WEEKDAY_RE.sub("", DAY_RE.sub("", norm))
    return bool(THAT_ONE.match(re.sub(r"^(这|本|这个)(周|星期|礼拜)?|[\s，,。.]", "", rest)))


def same_day_again(ctx: Context, activity: Activity) -> Ask:
    return Ask(say.SAME_DAY.format(when=fmt_dt(activity.start), title=activity.title) + confirm_again([activity]),
               "confirm", flow="signup", data=dict(ctx.data))


# one of the activities waiting together, kept: "只报插花 读书会不去了", "不 只报登山", "卡拉OK不要了 只报拔河"
ONLY = re.compile(r"(只|就)(报|要|去|参加|报名)?([^，,。！!？?\s]{2,})")


def some_of(ctx: Context, text: str) -> list[Activity]:
    """The activities of a waiting confirmation of several (ctx.data["activity_ids"]) that the answer
    keeps, when it keeps some and not all; else []."""
    waiting = [a for a in map(ctx.store.activities.get, ctx.data.get("activity_ids") or []) if a is not None]
    if len(waiting) < 2 or re.search(r"[?？吗]", normalize(text)):
        return []
    pieces = [m.group(3) for m in ONLY.finditer(normalize(text))]
    placed = [] if pieces else ordinal_picks(normalize(text), waiting)  # "后面那个报了 前面那个再想想"
    if 0 < len(placed) < len(waiting):
        return placed
    wanted = wanted_text(text)
    source = "，".join(pieces) if pieces else (wanted if wanted != text else "")
    kept = [a for a in waiting if source and match_activities(source, [a])]
    return kept if 0 < len(kept) < len(waiting) else []


def names_another(ctx: Context, text: str) -> bool:
    """For the router: such a message answers the confirmation, even when it reads as a new request
    ("改做卡拉OK", or "哎 等一下 我17号好像有课 先不报了": a no, not a cancellation)."""
    return another_named(ctx, text) is not None or bool(some_of(ctx, text)) or picks_one(ctx, text) \
        or asks_about_waiting(ctx, text) or ("activity_id" in ctx.data and (
        puts_off(ctx, text) or normalize(text).strip(" .。!！~") == "算了"))  # (its no, with "还是报吧" kept for after)


# a sign-up put off in a sentence: "等一下 我17号好像有课 先不报了", "还是算了吧", "那我不去了"
PUT_OFF = re.compile(r"(先|暂)不(报|去|参加)|暂缓|不报了|不去了|不参加了|(还是|那就?)算了|先算了|暂时不(报|去)|改天再说|再考虑")

SUPPOSED = re.compile(r"要是|如果|万一|假如|假设|若是|的话|除非")  # "要是下雨就不去了": only if, no no yet


def puts_off(ctx: Context, text: str) -> bool:
    """A no to the waiting confirmation said in a sentence, about no other activity, with no yes before it."""
    norm = normalize(text)
    if not PUT_OFF.search(norm) or re.search(r"[?？吗]", norm) or is_yes(text) or SUPPOSED.search(norm):
        return False
    named = match_activities(norm, ctx.store.activities.upcoming())
    return not named or [a.id for a in named] == [ctx.data.get("activity_id")]


def names_other_than(text: str, activity_id: int, activities: list[Activity]) -> bool:
    """Does the message name an activity besides this one ("读书会我还去的" after 登山 was cancelled)?"""
    others = [a for a in activities if a.id != activity_id]
    return any(match_activities(c, others) for c in _clauses(text))


def yes_about_it(text: str, activity: Activity) -> bool:
    """"嗯 卡拉OK 确认": a yes once the clauses naming the activity itself are left aside."""
    clauses = _clauses(text)
    rest = [c for c in clauses if not match_activities(c, [activity])]
    return bool(rest) and len(rest) < len(clauses) and is_yes("，".join(rest))


# what is left of a clause naming the activity once its name is taken out, when the clause says "that one"
# ("就羽毛球", "是羽毛球", "要羽毛球吧", "羽毛球就行")
THAT_ONE = re.compile(r"^(就|就是|是|只|只要|只报|要|报|还是|对|对的|嗯)?(这个|那个|这场|那场)?(吧|了|的|啊|呀|哈|就行|就好|就可以|没错)*$")
_NAME_WORDS = re.compile(r"比赛|活动|联谊赛|友谊赛|联谊|友谊|沙龙|教职工|教师|女教职工")


def only_this_named(text: str, activity: Activity) -> bool:
    """"乒乓球不要 就羽毛球" while 羽毛球 waits for its yes: the clauses not saying no name this activity
    and nothing else — a yes, said by naming it (a question is not)."""
    if re.search(r"[?？吗么呢]", normalize(text)):
        return False
    kept = [c for c in _clauses(text) if not REFUSED_CLAUSE.search(c)]
    if not kept or not all(match_activities(c, [activity]) for c in kept):
        return False
    own = normalize(activity.title + activity.kind)
    for clause in kept:
        rest = clause.replace(normalize(activity.title), "")
        for word in sorted(SYNONYMS, key=len, reverse=True):
            if SYNONYMS[word] in own:
                rest = rest.replace(word, "")
        rest = _NAME_WORDS.sub("", rest)
        if not THAT_ONE.match(rest):
            return False
    return True


# thanks said to a question the teacher asked for ("麻烦帮我取消一下" … "要取消…吗？" … "谢谢您"): a yes
THANKS = re.compile(r"^(好的?|嗯)?[，,\s]*(谢谢|多谢|感谢|麻烦|辛苦)(你|您|啦|了|哈|啊|呀|小助手|工会)*[!！。.~～\s]*$")


def thanked(text: str) -> bool:
    return bool(THANKS.match(normalize(text).strip()))


# a party size or a yes said with a doubt or a question is not a yes: "一个人的话就算了", "我一个人去没意思",
# "只有我一个人啊，那我再想想", "好的谢谢我考虑一下", "一个人？"
# the chat closed, not the yes doubted: "确认，两个都报。要上课了先不说了", "好的 报吧 不多说了 开会去"
SIGN_OFF = re.compile(r"(先|就|我)?不(多|跟你|和你)?(说|聊|打扰|唠)了")
HESITANT = re.compile(r"吗|算了|不(太|想|去|报|要|参加|了)|没意思|无聊|尴尬|再想|想想|考虑|(?<![别不用])犹豫|纠结|先不|放弃|"
                      # (yes21) not decided yet, or a reason not to go said after the yes: "确认报名？我还没想好",
                      # "确认。不过那天可能有课", "那天可能有课，确认"
                      r"没想好|还没定|没决定|(不过|但是|可是|只是|可能|也许|说不定|估计)[^，,。!！]{0,6}(有课|有事|有会|没空|没时间|"
                      r"去不了|来不了|赶不上|来不及|值班|监考|出差)")  # ("本人确认放弃";
# "确认报名别犹豫": no hesitation)
# a reminder to those going, not a doubt about going: "上车不要掉队", "大家别迟到", "千万不要忘了带水"
REMINDER = re.compile(r"(千万|可)?(不要|别|不能|不许)(掉队|迟到|走散|走丢|乱跑|落下|忘了|忘记)")
# who else is not coming, not a doubt about her own yes: "行，确认。老伴不去，就我一个", "好 确认 家里人不去"
OTHERS_STAY = re.compile(r"(?<![和跟与同])(我)?(老伴|爱人|老公|老婆|媳妇|对象|孩子|儿子|女儿|娃|家里人|家人|家属|其他人)(们)?"
                         r"[^，,。！!？?\s吗]{0,4}?(就|也|都|这次)?"
                         r"(不|没空|没法|去不了|来不了)(去|来|参加|跟着|同去|一起)?(了)?")


# a question about the day itself, not about the yes: what to bring, when and where, the cost, the meal
ABOUT_THE_DAY = re.compile(r"带|几点|集合|在哪|哪里|地点|时间|交钱|费用|收费|钱|吃饭|晚饭|午饭|饭|穿|准备|结束|打完|多久|停车|坐车|"
                           r"怎么去|几号|物事|东西")


# a question after the yes that only asks to be reassured ("是的，这样可以吗？", "是，我要报的，没问题吧？",
# "还是报吧，现在报还来得及吗？"): answered by doing it, so not a hesitation
REASSURE = re.compile(r"[，,。.！!\s~～…]*((这样|这么|那样)?(写|报|说|弄|填)?(就)?(可以|行|对|好|ok|妥|没问题|没错|成)(了)?(吗|吧|么|嘛|不|伐|没)|"
                      r"(应该|这样|那样)?没(有)?(问题|毛病|错)(吧|吗|嘛|伐)|对(吧|不对|伐)|是吧|好(吗|不好|伐)|(可以|行)不(可以|行)|"
                      r"(现在)?(报名?|去)?(还)?(来得及|赶得上|能报|可以报|报得上|能赶上)(吗|吧|不|么|嘛|伐|没)?)[?？\s。.！!~]*$")


def without_reassurance(text: str) -> str:
    """The message without a last clause asking only to be reassured; the message itself when it is all that."""
    norm = normalize(text)
    cut = REASSURE.sub("", norm)
    return cut if cut.strip() and cut != norm and is_yes(cut) else text


def hesitant(text: str) -> bool:
    """Judged on what follows the last question ("要自己准备歌吗？那报吧" answers its own question). A yes
    said first and a question about the day after it is a yes ("好的，确认。请问需要带什么东西吗？").
    The text's alone: remembered per process (read twice at a confirmation's answer: speed26), with normalize's
    words' version (bot/nlu.py)."""
    return _hesitant(text, words_version())


@functools.lru_cache(maxsize=4096)
def _hesitant(text: str, _words: int) -> bool:
    text = without_reassurance(unasked(text))  # ("确认！难道我看起来像是在开玩笑吗？": a rhetorical question asks nothing)
    after = re.split(r"[?？]", normalize(text))[-1].strip("。.！!~ ")
    if DECIDED.search(after) and is_yes(text):  # "算了 还是报吧": the hesitation is over
        return False
    if (not after or "吗" in after) and asks_after_yes(text):
        return False
    return not after or bool(HESITANT.search(re.sub(DELIBERATED, "", OTHERS_STAY.sub("", SIGN_OFF.sub("", REMINDER.sub("", after))))))


def asks_after_yes(text: str) -> bool:
    """"好额 是 要带啥物事伐", "好的，确认报名。顺便请问几点集合？": a clear yes, then only a question about the day."""
    clauses = _clauses(text)
    ask = next((i for i, c in enumerate(clauses) if re.search(r"[?？吗呢]|请问|问一?下", c) or ABOUT_THE_DAY.search(c)), None)
    if not ask or not is_yes("，".join(clauses[:ask])) or HESITANT.search("".join(clauses[:ask])):
        return False
    question = "".join(clauses[ask:])
    return bool(ABOUT_THE_DAY.search(question)) and not re.search(
        r"再想|考虑|算了|不(去|报|要|参加)|一个人|确定|真的|孩子|老公|爱人|老婆|家属|女儿|儿子|家人|娃|老伴|对象|朋友", question)


def not_now_offer(ctx: Context, mine: list[Activity]):
    """"算了伐 先勿报" about the one activity just shown (no other named): "还是报吧" next signs her up."""
    shown = shown_before(ctx)
    if (len(shown) != 1 or shown[0].id in {a.id for a in mine} or match_activities(ctx.text, mine)
            or names_other_than(ctx.text, shown[0].id, ctx.store.activities.upcoming())):  # "拔河先不报了"
        return None
    return Ask(say.OFFER.format(title=shown[0].title), "after", flow=DECLINED_NOTE, data={"activity_id": shown[0].id})


def declined_offer(activity: Activity, undecided: bool = False):
    """No to the confirmation; "还是报吧" right after takes it back (handlers/activities/declined.py). Not yet
    decided ("我再想想"): not signed up either, and told the door stays open."""
    text = say.UNDECIDED.format(title=activity.title) if undecided else say.DECLINED
    return Ask(text, "after", flow=DECLINED_NOTE, data={"activity_id": activity.id, "undecided": undecided})


# "乒乓球那个甭给我报了" (甭 → 不用) about an activity she is signed up for: a withdrawal, not a sign-up
UNWANTED = re.compile(r"(不用|不要|别|不)(再)?(给我|帮我|替我)?报(名)?了|不(去|参加)了")


def unwanted_signup(ctx: Context) -> bool:
    if ctx.member is None or not UNWANTED.search(ctx.norm) or re.search(r"[?？吗]", ctx.norm):
        return False
    named = match_activities(ctx.norm, ctx.store.activities.upcoming())
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    return bool(named) and all(a.id in mine for a in named)


# a condition only she knows, said with her yes (signup22): "要是没课的话——确认。", "如果那天不下雨，就确认", "有空的话确认"
# (not the waitlist accepted nor a full activity: "如果满了排候补也行，确认报名" is a yes, bot/confirmed.py)
IF_SAID = re.compile(r"如果|要是|假如|假设|万一|只要|若是|倘若|如若|(?<![说讲过])的话")


def on_condition(text: str) -> bool:
    """A yes said on a condition of her own: not a yes yet (she is asked whether to sign up now)."""
    return bool(IF_SAID.search(unsafe(normalize(text))))
