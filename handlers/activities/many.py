"""Several activities named in one sign-up ("拔河和登山都给我报上", "9/17登山、10/1重阳座谈会，两个都报",
"🏓和🎤都给我报上"): each piece of the list names one activity, and the teacher says she wants them all."""

from __future__ import annotations

import re

from bot.engine import Ask
from bot.lettered import options_in
from bot.nlu import normalize
from handlers._common import numbered, yes_no
from handlers.activities import (
    ALL_RE,
    describe,
    match_activities,
    several_named,
    shown_before,
    visible_upcoming,
)
from handlers.activities.notices import party_words
from handlers.activities.wording import ONE_OF

# torn between the ones she names, no wish for them all: "在这三个里纠结：甲、读书会 乙、卡拉OK 丙、羽毛球",
# "读书会和卡拉OK不知道报哪个", "拔河 登山 二选一"
TORN = re.compile(r"纠结|犹豫|拿不准|拿不定|举棋不定|选哪个|报哪个|去哪个|哪个好|选一个|挑一个|二选一|三选一|选不出|没想好|定不下来|"
                  r"只(能|想)报一个|报一个就(行|好|够)")


def labelled(text: str, activities: list) -> list:
    """The activities of a list she labelled herself ("甲 拔河 乙 登山", "A.读书会 B.卡拉OK"), each label's words
    naming one of them; else []."""
    found = [match_activities(option, activities) for option in options_in(text).values()]
    return [named[0] for named in found] if len(found) >= 2 and all(len(named) == 1 for named in found) else []


def torn_among(ctx) -> bool:
    """For the router: torn between open activities she names ("读书会和拔河不知道报哪个"): a sign-up, which one asked."""
    if ctx.member is None or not TORN.search(ctx.norm):
        return False
    upcoming = visible_upcoming(ctx)
    return len(several_named(ctx.msg.text, upcoming) or labelled(ctx.msg.text, upcoming)) >= 2


def one_of(ctx, named: list):
    """"Which one?" for several she is torn between (each with its day and place), or None when she is not."""
    norm = normalize(ctx.text)
    if not TORN.search(norm) or re.search(r"都(报|要|去|参加|想)|全部|全都|一起报|各报", norm):
        return None
    return Ask(ONE_OF.format(items=numbered([describe(ctx, a) for a in named])), "choose", flow="signup",
               data={"candidates": [a.id for a in named], "said": ctx.text})


def all_shown(ctx, text: str) -> list:
    """"那两个都帮我报上" after a question that named several: every one of them still open, when the
    message names none itself; else []."""
    open_ids = {a.id for a in visible_upcoming(ctx)}
    shown = [a for a in shown_before(ctx) if a.id in open_ids]
    if len(shown) == 1 and re.search(r"俩|两个|两项", normalize(text)):  # "卡拉OK" … "拔河" … "这俩都要"
        shown = [a for a in shown_before(ctx, earlier=True) if a.id in open_ids][-1:] + shown
    asking = [c for c in re.split(r"[，,。.！!；;\s]+", normalize(text)) if c and wants_all(c, len(shown))]
    if len(shown) < 2 or not asking or any(match_activities(c, shown) for c in asking):
        return []  # ("两个都报，登山就我一个": a word about one of them, said besides)
    return shown


NONE_OF = re.compile(r"(两个|俩|三个|全)?都(不|没|别|甭)(想|要|用)?(报|要|去|参加|考虑)?(了)?")


def takes_all(text: str, count: int | None = None) -> bool:
    """wants_all, said to a sign-up: "甲和丙都不报了", "两个都不要了", "都先不报", "两个都算了" refuse them, they take
    none (to a withdrawal, "都不去了" is all of them)."""
    return all_answer(text) is not False and wants_all(NONE_OF.sub("", normalize(text)), count)


# the words that say "all of them", taken off to read the answer they go with ("两个都算了" → "算了")
_ALL_OF = re.compile(r"(?:这|那)?(?:两个|俩|三个|两项|三项|几个)?(?:全都|全部|都|一起|统统|通通)|(?:这|那)?(?:两个|俩|三个|两项|三项)")
_DECLINE = re.compile(r"不(?:报|要|去|参加|考虑|用|了)|算了|先不|放(?:放|一放)|缓缓|再(?:想想|考虑|说|看看)|免了|别(?:报|去)|甭")
_PUT_OFF = re.compile(r"^(?:先|就)?(?:放放|放一放|缓缓|缓一缓|等等|等一等|再说)(?:吧|了)?$")


def all_answer(text: str) -> bool | None:
    """The answer said of every activity asked about at once: False for "都先不报", "两个都算了", "都不要了",
    "俩都先放放"; True for "都报", "两个都要"; None when it is not said of them all, or is no plain yes or no."""
    said = [c for c in re.split(r"[，,。.！!；;\s~～]+", normalize(text)) if ALL_RE.search(c)]
    if not said:  # (only the clause that says "all" answers: "算了 都要 pls" takes them, a shrug first)
        return None
    rest = _ALL_OF.sub("", said[0], count=1).strip("，,。.！!~～ ")
    if _PUT_OFF.match(rest):
        return False
    answer = yes_no(rest) if rest else None
    return None if answer is False and not _DECLINE.search(rest) else answer  # ("不冲突的话就都报了吧": a yes, on a condition)


def wants_all(text: str, count: int | None = None) -> bool:
    """"两个都报", "都要", "全部": the answer that takes every item of a short list (`count` items: "两个"
    takes a list of two; "都要" one of up to three)."""
    norm = normalize(text)
    if not ALL_RE.search(norm):
        return False
    said = 2 if re.search(r"两个|两项|俩", norm) else 3 if re.search(r"三个|三项", norm) else None
    return count is None or count == said or (said is None and count <= 3)


# all of them, signed: "两场都报", "两个都报", "都报上", "全都要" (not "都满了", "都行吗")
ALL_SIGNED = re.compile(r"都(要|报|参加|去|算我|给我报|帮我报|确认)|(两|俩|三)(个|场|项|样)?(都|全|一起)")


# … and nothing that takes it back, doubts it or asks: "俩都报不上就算了，确认羽毛球", "两场都报太累了，就这个",
# "两个都行" (either one), "两场都报？能吗" sign only the one asked, or ask (attack review 25)
_NOT_ALL = re.compile(r"不|没|别|甭|太|冲突|累|吗|[?？]|的话|如果|要是|只|就(这|那|报这|报那)|先报|算了|都(行|可以|好|成)")


def all_signed(text: str, count: int) -> bool:
    """At the confirmation of one of a list just shown (`count` items): all of them said to be signed, plainly."""
    norm = normalize(text)
    return takes_all(text, count) and bool(ALL_SIGNED.search(norm)) and not _NOT_ALL.search(norm)


# "那给我报一个，登山我也想去" right after 插花沙龙 was shown: that one, and 登山 too
ALSO_RE = re.compile(r"也|还有|另外|再|顺便")
POINTING = re.compile(r"报(一个|个|上|名)|报吧|算我|这个|那个")


def with_shown(text: str, named: list, shown: list) -> list:
    """The activity just shown and the one named, when the message signs up for the first without naming it
    ("那给我报一个") and adds the other with 也/还有; else []."""
    if len(named) != 1 or len(shown) != 1 or named[0].id == shown[0].id or not ALSO_RE.search(normalize(text)):
        return []
    pieces = [p for p in re.split(r"[，,。.！!；;\s]+", normalize(text)) if p]
    pointing = [p for p in pieces if POINTING.search(p) and not match_activities(p, named + shown)]
    return [shown[0], named[0]] if pointing else []


# the family each one takes, where she said it ("秋季登山（9/17）→ 报，带老伴1人"; "登山…家属一人" then "两个都确认"):
# in the confirmation's data, activity id → party size; each signed up with its own
PARTIES = "parties"


def with_parties(step, parties: dict):
    """The confirmation of several, with the party each one takes where it is more than one (said in its text)."""
    if not isinstance(step, Ask) or step.data is None or step.step != "confirm_many":
        return step
    sizes = {str(a.id): n for a, n in parties.items() if n > 1 and a.allow_companions and a.id in step.data["activity_ids"]
             and n <= a.max_party}
    if sizes:
        step.data[PARTIES] = sizes
        step.text = step.text.replace("\n回复“是”全部报名", "\n" + "；".join(
            f"「{a.title}」{party_words(sizes[str(a.id)])}" for a in parties if str(a.id) in sizes) + "\n回复“是”全部报名", 1)
    return step


def party_of(ctx, activity) -> int:
    """The party size one of several confirmed together is signed up with (1 unless she said her family)."""
    return int((ctx.data.get(PARTIES) or {}).get(str(activity.id), 1))


def sheet_parties(text: str, chosen: list) -> dict:
    """The party each activity chosen on a form takes, said on its own line ("→ 报，带老伴1人")."""
    from handlers.activities.outcome import party_in

    sizes = {}
    for line in normalize(text).split("\n"):
        named = match_activities(line, chosen) if len(line) >= 2 else []
        if len(named) == 1:
            sizes[named[0]] = party_in(line, named[0]) or 1
    return sizes


def shown_just_before(ctx, activity) -> dict:
    """The one other open activity the answer before this request showed ("重阳座谈会" listed, then "登山…报上"): kept
    with the confirmation as "before", so "两个都确认报名" takes both; {} when there is none."""
    open_ids = {a.id for a in visible_upcoming(ctx)}
    shown = [a for a in shown_before(ctx) if a.id in open_ids]
    return {"before": shown[0].id} if len(shown) == 1 and shown[0].id != activity.id else {}
