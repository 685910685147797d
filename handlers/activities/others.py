"""A sign-up asked for a colleague (issue 19): "对了 羽毛球也给他报上一个", "顺便帮王老师报个羽毛球", "帮我同事也报个
羽毛球". The bot signs up only the teacher who writes (a sign-up is hers, confirmed by her): the colleague is
told how to sign up, her own confirmation (if one waits) stays hers alone. Family coming along is another
thing (a party: "带我老公一起"), and so is a request typed for the account's holder by a grandchild ("爷爷说要
参加 麻烦帮他报名", relayed.py): a bare 他/她 may be the holder, so only "也给他报" (him as well as her), a
colleague, or a teacher named other than herself is someone else."""

from __future__ import annotations

import re

from bot.answers import says_confirmed
from bot.aroundname import AroundName
from bot.engine import Ask, Context
from bot.nlu import normalize
from handlers.activities.outcome import confirmed_in
from handlers.activities.relayed import KIN, typed_for, typed_for_another
from handlers.activities.waiting import confirm_again, waiting_for

COLLEAGUE = r"同事|朋友|别人|同学|领导"  # ("人家" is often the sender herself: "帮人家报一个嘛")
NAMED = r"(?P<name>[\u4e00-\u9fff]{1,2})(?:老师|主任|组长|校长)|(?P<nick>小(?![孩朋宝])[\u4e00-\u9fff]|老(?![公婆伴爸妈爷太娘头人师])[\u4e00-\u9fff])"
# a ticket booked for them, as a union outing is joined (conv39's words: handlers/activities/ownwords.py): "给我同事出一张
# 乒乓球的票", "帮王老师订张登山的票" (left27)
TICKET = r"(?:出|订|买|抢|开|留)(?:一|1|两|2)?张"
FOR_OTHER = re.compile(rf"(给|帮|替|为)(我的?|我们|咱们?)?([\u4e00-\u9fff]{{1,4}}组的?|办公室的?|隔壁的?)?(?P<who>{COLLEAGUE}|(?<!其)[他她](?!们家)|{NAMED})(们)?(?P<also>也|一起)?"
                       rf"(报|登记|参加|占个?位|{TICKET})")
# asked to do it for them: "托我", "让我帮她", "叫我给他" ("王老师让我也报个拔河", "领导叫我去报": told to sign up herself)
_ASKS_ME = r"托我|(?:让|叫|请)我(?=[^，,。；;！!\s]{0,3}?(?:帮|给|替|为))"
# a colleague's own wish, passed on: "我同事说她想报乒乓球", "小李让我帮她报一个", "王老师也想参加"
SAID_BY = re.compile(rf"(我的?|我们|咱们?)?([\u4e00-\u9fff]{{1,4}}组的?|办公室的?|隔壁的?)?(?P<who>{COLLEAGUE}|{NAMED})(们)?(也|还)?"
                     rf"((说|讲)[他她](也|还)?(想|要)|想|要|{_ASKS_ME})[^，,。；;！!\s]{{0,6}}?(报|登记|参加|占个?位)(?!了|过)")
ALSO_HIM = re.compile(r"也(给|帮|替|为)(?<!其)[他她]|(给|帮|替|为)[他她]也")
# a relative's words passed on, on a working teacher's own phone: "我妈说她想报插花", "孩子说她也要去"
_KIN_WORDS = (rf"(?:(?:我的?|我家的?|我们家的?|俺家?|咱家?)(?:{KIN})|(?:^|(?<=[，,。；;！!？?\s]))(?:还有|另外|对了|听)?(?:{KIN}))"
              r"(?:也|还|都)?(?:说|讲)(?:了)?[:：,，\s]*")
KIN_SAYS = re.compile(_KIN_WORDS + r"(?:[他她]们?|人家|自己)(?:也|还|都)?[^，,。；;！!？?\s我]{0,8}?(?:报|参加|去|登记)")

ONLY_SENDER = ("报名只能由老师本人办理，我不能替别人报名。可以把这条消息转给他/她，或请他/她自己给我发消息，"
               "例如“报名羽毛球”。")
FAMILY_ONLY_SENDER = ("报名只能由老师本人办理，我不能替别人报名，家人也不能单独报名。家人如果也是本校教职工，请他/她用自己的微信给我发消息；"
                      "想带家人一起去，可以在您自己报名时说明，例如“报名{short}，带家属1人”（活动允许带家属时）。")


def for_someone_else(ctx: Context, text: str) -> bool:
    """Does the message ask to sign up someone other than the sender (a colleague, "也给他", "王老师")?"""
    norm = normalize(text)
    if typed_for_another(ctx, norm):  # "我替王芳发的 她想报插花": typed for a colleague, who has her own phone
        return True
    if KIN_SAYS.search(norm) and not typed_for(ctx, norm):  # "我妈说她想报插花" on a working teacher's own phone
        return True  # (typed for the holder, "我替我妈发的 …": the holder's own wish; a colleague named is still not)
    return any(_someone_else(ctx, found, norm) for found in (FOR_OTHER.search(norm), SAID_BY.search(norm)) if found) \
        or _named_on_roster(ctx, norm)


# a colleague named bare, as on the roster: "帮王芳报插花", "给我们组张伟也报一个", "王芳让我帮她报一个" (the name
# right before the request, so a name that is also a word — "高峰", "马兰" — is read as a word elsewhere)
_FOR_NAME = AroundName(r"(?:给|帮|替|为)(?:我们|咱们?)?(?:[\u4e00-\u9fff]{1,4}组的?|办公室的?|隔壁的?)?",
                       r"(?:也|一起)?(?:报|登记|参加|占个?位|" + TICKET + ")")
_NAME_SAID = AroundName(r"(?:^|(?<=[，,。；;！!？?\s]))(?:我们|咱们?)?(?:[\u4e00-\u9fff]{1,4}组的?)?",
                        r"(?:也|还)?(?:(?:说|讲)[他她](?:也|还)?(?:想|要)|想|要|" + _ASKS_ME +
                        r")[^，,。；;！!\s]{0,6}?(?:报|登记|参加|占个?位)(?!了|过)")


def _named_on_roster(ctx: Context, norm: str) -> bool:
    own = ctx.member.name if ctx.member is not None else ""
    return any(said.search(norm, name) for name in ctx.store.members.active_names_in(norm)
               if name != own for said in (_FOR_NAME, _NAME_SAID))


def _someone_else(ctx: Context, found: re.Match, norm: str) -> bool:
    who = found.group("who")
    if re.fullmatch(COLLEAGUE, who):
        return True
    if who in "他她":  # a bare 他/她 may be the account's holder: someone else only "as well", or when a
        # colleague was named before ("跟王老师聊了半天插花的事，对了，帮她报个插花": attack review 15)
        return bool(found.group("also") or ALSO_HIM.search(norm) or _named_before(ctx, norm[:found.start()])
                    or _kin_before(ctx, norm[:found.start()], norm))
    own = ctx.member.name if ctx.member is not None else ""
    name = found.group("name") or found.group("nick")[1:]
    return not (own and (own.startswith(name) or own.endswith(name)))  # "帮王老师报" from 王建国 may be himself


# her family named before 他/她, on her own phone: "我老公说给他报个登山" (on his phone, his wife types: relayed.py)
# (a grandparent is left out: a grandchild typing for the holder says "我奶奶说想去插花，帮她报一个")
_KIN_BEFORE = re.compile(r"(?:我的?|我家的?|俺家?|咱家?)(?:妈妈?|爸爸?|母亲|父亲|婆婆|公公|老公|老婆|爱人|媳妇儿?|对象|孩子|闺女|"
                         r"女儿|儿子|娃|老妈|老爸|丈夫|先生|妻子|太太)")


def _kin_before(ctx: Context, before: str, norm: str) -> bool:
    return bool(_KIN_BEFORE.search(before)) and not typed_for(ctx, norm)


def only_sender(ctx: Context, text: str) -> str:
    """Why nobody was signed up for someone else: family is told how to come along on her own sign-up."""
    from handlers.activities import match_activities, visible_upcoming
    from handlers.activities.notices import short

    if not _KIN_BEFORE.search(normalize(text)) or typed_for(ctx, normalize(text)):
        return ONLY_SENDER
    named = match_activities(text, visible_upcoming(ctx))
    return FAMILY_ONLY_SENDER.format(short=short(named[0]) if len(named) == 1 else "登山")


# a colleague named in the words before: "王老师", "同事", or "小李" at a clause's start or after 跟/和/听 (not the
# 老 of "敬老座谈会")
_BEFORE = re.compile(rf"{COLLEAGUE}|" + NAMED.replace("|(?P<nick>", r"|(?:^|(?<=[，,。；;！!？?\s跟和给帮替听]))(?P<nick>"))


def _named_before(ctx: Context, before: str) -> bool:
    own = ctx.member.name if ctx.member is not None else ""
    for m in _BEFORE.finditer(before):
        if re.fullmatch(COLLEAGUE, m.group(0)):
            return True
        name = m.group("name") or m.group("nick")[1:]
        if not (own and (own.startswith(name) or own.endswith(name))):
            return True
    return any(name != own for name in ctx.store.members.active_names_in(before))


def for_someone_else_waiting(ctx: Context, text: str, step: str) -> Ask | None:
    """At her own confirmation: said how the colleague signs up, and her confirmation asked again, unchanged."""
    if ctx.data.get("relayed") or not for_someone_else(ctx, text):
        return None
    return Ask(ONLY_SENDER + "\n\n" + confirm_again(waiting_for(ctx)), step, flow="signup", data=dict(ctx.data))



# a withdrawal that is someone else's (attack review 15): "听说小李把拔河退了", "我们组王老师…，所以她拔河不去了",
# "隔壁老师让我帮她把拔河退了", "王芳说拔河要退": the sender's own sign-up is not hers to lose by it
_WITHDRAWS = r"(?:退|取消|撤|不去|去不了|不参加|参加不了|来不了|去不成)"
# a colleague on the roster named, then her withdrawal: "王芳说拔河不去了", "张伟把登山退了"
_NAMED_WITHDRAWS = AroundName(after=rf"(?:说|讲|把|也|还)?[^，,。；;！!？?\s我]{{0,8}}?{_WITHDRAWS}")
_OPENS = (r"(?:^|(?<=[，,。；;！!？?\s]))(?:还有|另外|对了|哦对了|然后)?(?:听说|据说|好像|刚才|所以|因为|那|结果)?(?:我的?|我们|咱们?)?"
          r"(?:[\u4e00-\u9fff]{1,4}组的?|隔壁办公室的?|办公室的?|隔壁的?)?")
_WHO = rf"{COLLEAGUE}|(?<!其)[他她](?!们家)|" + re.sub(r"\(\?P<\w+>", "(?:", NAMED).replace("头人师]", "头人师干年]")  # (老干部…)
THEIRS = re.compile(rf"{_OPENS}(?P<who>{_WHO})(?:们)?(?:也|还|都)?(?:说|讲|把|的)?[^，,。；;！!？?\s我]{{0,8}}?{_WITHDRAWS}|"
                    rf"(?:让|叫|托|请)我(?:帮|给|替)(?P<whom>{_WHO})")
# … or of a relative: "我妈说她不去拔河了", "孩子说不去了" (hers only when she types for the holder)
KIN_WITHDRAWS = re.compile(_KIN_WORDS + rf"[^，,。；;！!？?\s我]{{0,10}}?{_WITHDRAWS}")
# her own withdrawal beside it: "小李退了，那我也不去了"
MINE = re.compile(rf"我(?![帮给替跟们]|(?:的|家的?|们家的?)?(?:{KIN})(?:也|还|都)?(?:说|讲))(?:也|就|还是)?[^，,。；;！!？?\s他她]{{0,6}}?{_WITHDRAWS}")
KIN_WORDS_KEPT = ("这是您家里人说的话吧？取消报名只能由老师本人办理，所以我没有取消任何报名{kept}。如果是您自己不去了，"
                  "请回复“取消报名{short}”。")
ONLY_SENDER_CANCEL = ("取消报名只能由老师本人办理，我不能替别人取消，您自己的报名也没有动。可以请他/她自己给我发消息，"
                      "例如“取消报名拔河”。")


def withdrawal_of_someone_else(ctx: Context, text: str) -> bool:
    """Does the message tell of (or ask for) someone else's withdrawal, and not the sender's own?"""
    norm = normalize(text)
    if typed_for_another(ctx, norm):  # "我替王芳发的 她说…", "我是李秀兰，用赵淑芬的微信发的，我拔河不去了"
        return True
    if MINE.search(norm):
        return False
    typed = typed_for(ctx, norm)  # "我替我妈发的 她说拔河不去了": 她 is the holder (a colleague named is still not)
    if KIN_WITHDRAWS.search(norm) and not typed:  # "我妈说她不去拔河了": her mother's words, on her own phone
        return True
    own = ctx.member.name if ctx.member is not None else ""
    for found in THEIRS.finditer(norm):
        who = found.group("who") or found.group("whom")
        if (who in "他她" and not typed) or re.fullmatch(COLLEAGUE, who):
            return True
        if who in "他她":
            continue
        surname = re.sub(r"(老师|主任|组长|校长)$", "", who)
        surname = surname[1:] if re.fullmatch(r"[小老].", surname) else surname
        if not (own and (own.startswith(surname) or own.endswith(surname))):  # "王老师不去了" from 王芳: herself
            return True
    return any(name != own and _NAMED_WITHDRAWS.search(norm, name) for name in ctx.store.members.active_names_in(norm))


def names_anyone_else(ctx: Context, text: str) -> bool:
    """Does a request name anyone but the sender: a teacher on the roster ("帮王芳报插花"), a colleague, someone
    else by for_someone_else, or, on a working teacher's own phone (family types only for a retired one), a bare
    他/她 ("她想报插花")? Its yes said with it is then no yes of hers: the confirmation shows whose sign-up it is."""
    norm = normalize(text)
    own = ctx.member.name if ctx.member is not None else ""
    if any(name != own for name in ctx.store.members.active_names_in(norm)) or re.search(COLLEAGUE, norm):
        return True
    typed_for = ctx.member is not None and ctx.member.status == "退休"
    return for_someone_else(ctx, text) or (not typed_for and bool(re.search(r"(?<!其)[他她]", norm)))


def own_yes_in(ctx: Context) -> bool:
    """A sign-up asked for with its yes as the last clause ("本人报名乒乓球，确认"), or with an explicit confirmation of
    her own among its words ("…成交！确认报名乒乓球。", "【注意事项】确认报名，无需摇匀。"), for nobody but the sender."""
    if ctx.turn.private:  # the turn filed an anonymous suggestion: her sign-up is written on her "是", in a turn of its own
        return False
    said = after_settled(ctx.text)
    return (confirmed_in(said) or says_confirmed(said)) and not names_anyone_else(ctx, ctx.text)


# a short question about what is done already, then "那…": "绑好了吧？那第二件事：…给我报上，确认。", "搞定了吗？好，…"
SETTLED = re.compile(r"^[^？?，,。]{0,6}(了吧|了吗|了没有?|对吧|是吧|没错吧)[？?]+\s*(?=那|好|行|嗯|ok)", re.IGNORECASE)


# a hesitation ended before the request, a dare after it: "算了不纠结了，冲！…给我报上，确认。不试永远不知道。"
SHRUGGED = re.compile(r"^(算了|罢了|好吧)?[，,]?(不纠结了?|不犹豫了?|不磨叽了?|想通了|想好了|豁出去了?|拼了)[，,。！!~…\s]*")
DARED = re.compile(r"[，,。！!~\s]*(不试(试|一下|一试)?(永远|怎么|哪|咋|又怎么)(能|会)?不?知道|试(试|了|过)?才知道|试试又何妨|"
                   r"不试白不试|拼一把|人生(就)?要勇敢一次)[。！!~…]*$")


def after_settled(text: str) -> str:
    """The request after a settled question or a hesitation ended, put first, and before a dare said last (its own yes
    is read there); else the whole text."""
    said = normalize(text)
    found = SETTLED.match(said)
    said = SHRUGGED.sub("", said[found.end():] if found else said)
    return DARED.sub("", said) or text
