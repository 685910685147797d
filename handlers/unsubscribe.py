"""unsubscribe: "别再推送了" stops greetings for this member; "恢复推送" undoes it.
Notices for activities they signed up to still come. "别发活动通知了" / "恢复活动通知" do the same for
announcements of new activities (handlers/activities/announce.py)."""

from __future__ import annotations

import re

from bot.answers import is_no, is_yes
from bot.engine import Ask, Context, Done, PassOn
from bot.forms import chosen_only
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST

STOPPED = "好的，{name}老师，以后不再给您推送生日和节日祝福。已报名活动和体检的通知仍会照常发送。想恢复时回复“恢复推送”。"
RESUMED = "已恢复推送，{name}老师，生日和节日祝福会照常送达。"
ALREADY_STOPPED = "您已经关闭了祝福推送，生日和节日祝福都不会再发。想恢复时回复“恢复推送”。"
# the other kind asked off right after one was ("节日的也一起关了吧", "过节的那些也别发了"): one switch holds both
BOTH_OFF = "好的，节日祝福也一并关了：生日和节日祝福以后都不再给您推送。想恢复时回复“恢复推送”。"
ALREADY_ON = "您的祝福推送一直开着。不想收到时回复“别再推送了”。"
RESUME_WORDS = ("恢复推送", "重新推送", "开启推送", "打开推送", "继续推送", "恢复祝福", "接收推送")
# turning greetings back on in everyday words: "还是发吧", "把祝福打开", "重新打开", "又想收了"
# (a bare 又 or 还是 asks for nothing: "看到就想起又老一岁", "又不是小孩子了")
RESUME_RE = re.compile(r"(恢复|开启|打开|开起|开回|打开来)|(重新|再次|继续|还是|接着)(想)?(开|打开|发|推|收|接收|要|吧|开起)|"
                       r"又(想)?(开|打开|发|推|收|接收|开起)|"
                       r"(祝福|推送|消息|通知).{0,4}(打开|开起|开启|恢复|照发|发吧|要的)|想(收|要)(祝福|推送)|"
                       r"(现在|又|还是)想要|想要(回来|了)|"
                       r"再(给我|帮我|给|帮)?(开|打开|发)|(给我|帮我)(开|打开)|开(开(?!心)|一下|上|起来|回来)")
ANNOUNCE_STOPPED = "好的，{name}老师，以后不再给您发新活动的通知。已报名活动的变动和取消仍会告诉您。想恢复时回复“恢复活动通知”。"
ANNOUNCE_RESUMED = "已恢复活动通知，{name}老师，有新活动会告诉您。"
ANNOUNCE_WORDS = ("活动通知", "活动推送", "活动消息")
STOP_RE = re.compile(r"(别|不要|不用|不必|无需|不需要|甭|停止|取消|关闭|关掉|关了|不想|不再|退订|免打扰|屏蔽|拒收)")
PAST_STOP = re.compile(r"(误|之前|上次|刚才|以前|不小心|手滑)(说|让你们|叫你们|跟你们说)?(给)?$")  # "之前误关了": what was done, not what is wanted
TELLS_WHICH = re.compile(r"(掉|了)?的")  # "关了的那个祝福", "取消的生日祝福": the 关 names a thing, it asks for nothing


def _real_stops(norm: str, kept: list[tuple[int, int]]) -> list[int]:
    """Where a stop is asked for: not one that tells the past ("之前误关了", "以前关了的那个"), nor one inside an on
    or a stop said no to (`kept`)."""
    return [m.start() for m in STOP_RE.finditer(norm) if not PAST_STOP.search(norm[:m.start()])
            and not TELLS_WHICH.match(norm, m.end()) and not any(a <= m.start() < b for a, b in kept)]
# turning them off, said no to: "别退订了", "不用关", "不要取消推送", "我才不会关掉呢", "我不想关掉祝福" (an on, and no stop)
UNSTOP_RE = re.compile(r"(别|不要|不用|不必|甭|用不着|才不会?|偏不|可不会?|才舍不得|舍不得|不想|不会|不打算|没打算|不准备)(再)?(帮我|给我)?(退订|关掉|关闭|关了|关(?![心注系怀照])|取消|停(?!下))|"
                       r"不(退订|关闭|关掉)了")  # (not "别关心我了")


def _negated(norm: str, at: int) -> bool:
    """Is the on at `at` said no to ("别发", "不用恢复", "不用重新打开")?"""
    return bool(STOP_RE.search(norm[max(0, at - 2):at]) or re.search(r"(不用|不要|别|不必|无需|不需要|用不着|甭)(再|重新|再次)?$", norm[:at]))


LATER_RE = re.compile(r"(以后|过段时间|过阵子|回头|改天|将来|等.{0,6})(有?需要|想|要)?(的话|时|了)?再?$|想恢复时$")  # "以后(需要)再打开": not now
# an on put off by what follows it: "以后需要再开我再说", "开不开回头再说" (a matter left for later, no ask now)
PUT_OFF_AFTER = re.compile(r"[^，,。.!！？?；;]{0,4}?(我|咱|咱们|的时候|时|了)?再说")


def _later(norm: str, m: re.Match) -> bool:
    return bool(LATER_RE.search(norm[:m.start()]) or PUT_OFF_AFTER.match(norm, m.end()))


def wants_on(norm: str) -> bool:
    """Turning greetings back on? The last thing said decides: "上次让你们别发，不是真不要，还是帮我重新
    打开吧" and "之前关了，现在想开回来" are on; "恢复推送那个就算了，别发了" is off."""
    if any(w in norm for w in RESUME_WORDS):
        last_on = max(norm.rindex(w) for w in RESUME_WORDS if w in norm)
    else:
        ons = [m for m in RESUME_RE.finditer(norm) if not _later(norm, m)
               and not _negated(norm, m.start())]  # "不用恢复", "不用重新打开"
        ons += [m for m in UNSTOP_RE.finditer(norm) if ons]  # "还是开着吧 别退订了" (alone it may be no answer)
        if not ons:
            return False
        last_on = max(m.start() for m in ons)
    stops = _real_stops(norm, [(m.start(), m.end()) for m in UNSTOP_RE.finditer(norm)])
    negated_stop = re.search(r"不是真?的?(不要|不想|别)", norm)
    return not stops or stops[-1] < last_on or (negated_stop is not None and negated_stop.start() <= stops[-1])


@registry.intent(
    "unsubscribe",
    keywords={"推送": 3, "祝福": 1.5, "恢复": 2, "生日祝福": 2.5, "节日祝福": 2.5, "关掉": 1.5, "打开": 1, "重新打开": 2, "别再发": 3, "不要发": 3, "别发了": 3, "退订": 4, "免打扰": 3, "不想收到": 3, "不想收": 3,
              "不要再发": 3, "恢复推送": 4, "打扰": 1.5, "别给我发": 3, "祝福消息": 1.5, "关闭通知": 3,
              "活动通知": 2, "问候": 1.5, "节日问候": 3, "生日问候": 3, "不想再收": 3},
    patterns=[(r"(别|不要|不用|停止|取消|关闭|不想).{0,4}(推送|发消息|发祝福|提醒|打扰)", 2),
              # "我老婆说工会的生日短信太频繁，让我关了"
              # (asked now, not told of: "之前把生日祝福关了，现在想打开" is no stop)
              (r"^(?!.*(恢复|打开|开启|重新|开着|还是|已经|之前|以前))(?=.*(让|叫|帮|给)我).*(生日|节日)的?(短信|消息|祝福|问候|提醒)"
               r"[^。]{0,14}(关了|关掉|关闭|停了|退订)(吧|呗)?(?=$|[，,。!！~])", 3),
              (r"(别|不要|不用|不想|不再)(再)?(收|接收|发|给我发).{0,4}(问候|祝福)", 4),
              (r"(别|不要|不用|停止|关闭|关掉|不想|退订|恢复|重新|打开|开启).{0,4}活动(通知|推送|消息)", 4),
              # a time said with the stop asks for other hours, not for none: "晚上十点以后别发活动通知" (a suggestion)
              (r"(晚上|半夜|深夜|夜里|[0-9]+点(以后|之后|后)|白天).{0,12}(别|不要|不)(再)?(在)?(发|推)|"
               r"(别|不要)(再)?(在)?(晚上|半夜|深夜|夜里)", -8)],
    menu="关闭/恢复祝福推送：别再推送了 / 恢复推送",
    menu_order=10,
    words=["别再推送", "恢复推送", "退订", "免打扰"],
    claims=lambda ctx: ctx.member is not None and sighs(ctx.norm),
)
def unsubscribe(ctx: Context) -> str | Ask:
    member = ctx.member
    if member is None:
        return BIND_FIRST
    norm = chosen_only(ctx.norm)  # "生日祝福：■关闭 □开启": what is ticked is what is asked
    both = _each(norm)
    if both is not None:
        return _both(ctx, *both)
    if sighs(norm):  # "…你便发一句'生日快乐'来，我看了反倒添了几分伤感": asked, never turned off unasked
        return Ask(OFFER.format(name=member.name), "offer", flow=OFFERED)
    resume = wants_on(norm) or changed_mind(norm)  # "生日祝福不用关", "祝福别关": no stop, so kept on
    held = None if resume else held_back(ctx, norm)
    if held is not None:  # asked, another's wish, or other hours (attack27): nothing is switched
        return held
    if any(w in norm for w in ANNOUNCE_WORDS):
        ctx.store.members.set_announce_opt_out(member.id, not resume)
        return (ANNOUNCE_RESUMED if resume else ANNOUNCE_STOPPED).format(name=member.name)
    if resume:
        if not member.push_opt_out:
            return Ask(ALREADY_ON, "after", flow=JUST_RESUMED)
        ctx.store.members.set_opt_out(member.id, False)
        return Ask(RESUMED.format(name=member.name), "after", flow=JUST_RESUMED)
    return _stop(ctx)


# (attack27) what turned them off unasked: a question ("你们以后不发祝福了吗？", "活动通知是不是以后都不发了？"), another
# teacher's wish ("王芳老师说她不想收生日祝福了"), other hours or another form ("就是别发太早", "节日祝福别半夜发")
ASKED_ONLY = re.compile(r"([吗嘛么]|是不是|是否|会不会)[？?。.!！\s]*$|[？?][。.!！\s]*$")
REQUESTED = re.compile(r"能不能|能否|可以|可不可以|可否|帮我|给我|麻烦|请|怎么|如何|咋|好吗|行吗|行不|好不好|成吗|吧[？?]|"
                       r"(能|好)(关|停|退订|取消)|(关|停|退订)[^，,。]{0,3}(吗|么|嘛|伐)")  # "…能关吗", "好关脱伐"
THEIRS = re.compile(r"(说|讲|觉得|嫌)(她|他)(自己)?(也|就|都)?(不想|不要|不用|别|不愿意?|不需要|不爱)")
MANNER = re.compile(r"(太|那么|这么|这样)(早|晚|长|啰嗦|啰唆)(?!不过来)|(半夜|深夜|凌晨|大清早|一大早|早上[0-9一二三四五六七]点|上课时间?)"
                    r"|(早|晚)(点|一点|些)(发|推)")
OFF_SAID = re.compile(r"关了|关掉|关闭|关上|退订|停掉|停了|不想收|不要再?收|全关|都别发|都不要")
STATE = "目前{state}。{how}"
HOW = {"greetings": "不想收到时回复“别再推送了”，想恢复时回复“恢复推送”。",
       "announce": "不想收到时回复“别发活动通知了”，想恢复时回复“恢复活动通知”。"}
THEIRS_ONLY = "每位老师的推送只能由本人关闭或恢复，我没有改动您的设置。请那位老师自己给我发“别再推送了”就行。"
MANNER_ONLY = ("推送的时间和内容由工会统一安排，我没有帮您关闭。想提意见可以直接发“建议：……”；如果确实不想再收到，"
               "回复“别再推送了”。")


def held_back(ctx: Context, norm: str) -> str | None:
    """The answer that switches nothing, when the stop is only asked about, is another's, or asks for other hours."""
    member = ctx.member
    if THEIRS.search(norm):
        return THEIRS_ONLY
    if MANNER.search(norm) and not OFF_SAID.search(norm):  # ("生日短信太频繁，让我关了": off all the same)
        return MANNER_ONLY
    if not ASKED_ONLY.search(norm) or REQUESTED.search(norm):
        return None
    if any(w in norm for w in ANNOUNCE_WORDS):
        state = "新活动的通知已关闭" if member.announce_opt_out else "新活动的通知照常发给您"
        return STATE.format(state=state, how=HOW["announce"])
    state = "生日和节日祝福已关闭" if member.push_opt_out else "生日和节日祝福照常发给您"
    return STATE.format(state=state, how=HOW["greetings"])


def _stop(ctx: Context) -> str | Ask:
    member = ctx.member
    if member.push_opt_out:
        return ALREADY_STOPPED
    ctx.store.members.set_opt_out(member.id, True)
    return Ask(STOPPED.format(name=member.name), "after", flow=JUST_STOPPED)


# a sigh about the greetings, nothing asked ("每逢生辰，你便发一句'生日快乐'来，我看了反倒添了几分伤感——又老了一岁"): she is
# asked whether to turn them off (not when they were missed: "生日没收到祝福，挺失落的"; not care news: classify_event)
GREETING_SAID = re.compile(r"生日快乐|节日快乐|祝福|问候|贺卡|生日短信|节日短信")
FELT = re.compile(r"伤感|难过|心酸|扎心|添堵|添了[^，,。]{0,3}(堵|愁|烦)|心烦|烦人|厌烦|没意思|有什么可乐|有啥可乐|有什么好乐|"
                  r"老了一岁|老一岁|不想看|不爱看|没必要|多余|形式主义|走过场|敷衍|不喜欢")
OFFER = ("明白了，{name}老师。不想再收到生日和节日祝福的话，我可以帮您关掉（已报名活动和体检的通知照常发送）。"
         "要关掉吗？回复“是”关掉，回复“不用”照常发送。")
KEPT_ON = "好的，祝福照常发送。不想收到时回复“别再推送了”。"
OFFERED = "~greetings_offer"  # a note: turning greetings off was offered
SUGGESTED = re.compile(r"建议|意见|希望|改进|改成|改一下|反映|投诉|吐槽|能不能|可不可以")


def sighs(norm: str) -> bool:
    from handlers.care.kinds import classify_event

    return bool(GREETING_SAID.search(norm) and FELT.search(norm)) and not MISSED_RE.search(norm) \
        and not STOP_RE.search(norm) and not wants_on(norm) and not classify_event(norm) and not re.search(r"[?？吗]$", norm) \
        and not SUGGESTED.search(norm)  # "生日祝福太敷衍了，建议写得走心一点": how to write them, a suggestion


def _after_offer(ctx: Context, text: str):
    """The answer to "要关掉吗？": a yes or a stop turns them off, a no or an on keeps them."""
    norm = ctx.norm
    if ctx.member is None or NOT_ABOUT_IT.search(norm):
        return PassOn()
    if wants_on(norm) or changed_mind(norm) or is_no(text):
        return Done(KEPT_ON)
    if is_yes(text) or _real_stops(norm, [(m.start(), m.end()) for m in UNSTOP_RE.finditer(norm)]):
        result = _stop(ctx)
        return result if isinstance(result, Ask) else Done(result)
    return PassOn()


registry.flow(Flow(OFFERED, {"offer": _after_offer}, free_text=frozenset({"offer"}), label="关闭推送"))


GREETING_WORD = re.compile(r"(?:我的|把|给我的?)?(?:生日|节日|节假日)?(?:的)?(?:祝福|问候)")
ANNOUNCE_WORD = re.compile(r"(?:我的|把|给我的?)?(?:新)?(?:" + "|".join(ANNOUNCE_WORDS) + ")")
ANNOUNCE_KEPT = "新活动的通知照常发给您。"
GREETINGS_KEPT = "生日和节日祝福照常送达。"


def _each(norm: str) -> tuple[bool, bool] | None:
    """Activity notices and greetings each said something of ("别退订我的活动通知，节日祝福关了吧", "活动通知照发，
    生日祝福不用了"): whether each is wanted on, read in its own part (a "别…" part is kept), or None."""
    greeting, announce = GREETING_WORD.search(norm), ANNOUNCE_WORD.search(norm)
    if greeting is None or announce is None:
        return None
    cut = max(greeting.start(), announce.start())
    first, second = norm[:cut], norm[cut:]
    parts = (second, first) if greeting.start() > announce.start() else (first, second)

    def on(part: str) -> bool:
        return wants_on(part) or bool(UNSTOP_RE.search(part) or KEEP_ON_RE.search(part))

    return on(parts[0]), on(parts[1])


def _both(ctx: Context, greetings_on: bool, announce_on: bool) -> str:
    member = ctx.member
    ctx.store.members.set_opt_out(member.id, not greetings_on)
    ctx.store.members.set_announce_opt_out(member.id, not announce_on)
    if greetings_on and announce_on:
        return RESUMED.format(name=member.name) + ANNOUNCE_KEPT
    if not greetings_on and not announce_on:
        return STOPPED.format(name=member.name) + "\n" + ANNOUNCE_STOPPED.format(name=member.name)
    if not greetings_on:
        return STOPPED.format(name=member.name) + ANNOUNCE_KEPT
    return ANNOUNCE_STOPPED.format(name=member.name) + GREETINGS_KEPT


JUST_STOPPED = "~greetings_off"  # a note (storage/conversations.py): greetings just turned off
# said right after turning them off, these turn them back on: "算了 还是开着吧", "想想还是留着吧"
KEEP_ON_RE = re.compile(r"(还是|就|先)?(开着|留着|保留|(别|不|不用)关(?![心注系怀照])|照发|发吧|接着发)|不关了|关错了|"
                        r"还是(要|收)(吧|的|着)?(?![\u4e00-\u9fff])")  # (not "还是要谢谢你们")
OTHER_KIND = re.compile(r"节日|过节|节假日|逢年过节|生日|都|也|全")
NOT_ABOUT_IT = re.compile(r"报名|活动|建议|体检|投票|绑定|取消|住院|[?？吗]")
# … or ask for them in so many words: a bare "还是", "又", "继续", "再次" is thanks or chat here
# ("好的谢谢，继续加油", "再次感谢", "收到，还是你们贴心"), not a change of mind
ASKED_ON_RE = re.compile(r"恢复|打开|开启|开起|开回|(重新|再次|继续|接着|还是|又)(开|发|推|收|接收)|(祝福|推送|问候).{0,4}(照发|发吧|要的)|"
                         r"想(收|要)(祝福|推送)")


def changed_mind(norm: str) -> bool:
    """Greetings wanted back right after turning them off: a keep or an ask, not said no to before it
    ("还是别发吧") or after it ("留着吧，算了还是别发了")."""
    ons = [m for r in (KEEP_ON_RE, ASKED_ON_RE, UNSTOP_RE) for m in r.finditer(norm)]
    ons += [re.search(re.escape(w), norm) for w in RESUME_WORDS if w in norm]
    ons = [m for m in ons if not _negated(norm, m.start()) and not _later(norm, m)]  # "以后再打开"
    if not ons:
        return False
    last_on = max(m.start() for m in ons)
    stops = _real_stops(norm, [(m.start(), m.end()) for m in ons])
    return not stops or stops[-1] < last_on


CONFIRMED_STOP = re.compile(r"^(好的?|对|是的?|嗯+)?[,，\s]*(确认|确定)(关闭|关掉|关了|关|不要了|不收了)?(吧|了|的)?[。.!！]*$")  # "确认关闭"
# a yes with the stop said again, whatever calm word follows: "是，关了。倒也清净。", "对，关了，也好。", "嗯，关掉吧，清净些。"
YES_STOPPED = re.compile(r"^(好的?|对的?|是的?|嗯+|行|没错)[,，\s]*(关了|关掉|关吧|关闭)(吧|了|罢)?(?:$|[。.!！,，\s])(?!.*(节日|过节|节假日|生日|都|全|一起|一并))")


def _after_stop(ctx: Context, text: str):
    """The message right after greetings were turned off: a change of mind turns them back on."""
    norm = ctx.norm
    if ctx.member is None or NOT_ABOUT_IT.search(norm):
        return PassOn()
    if not changed_mind(norm):
        if YES_STOPPED.match(norm):
            return Done(ALREADY_STOPPED)
        if OTHER_KIND.search(norm) and _real_stops(norm, []):
            return Done(BOTH_OFF)
        return Done(ALREADY_STOPPED) if CONFIRMED_STOP.match(norm) else PassOn()
    ctx.store.members.set_opt_out(ctx.member.id, False)
    return Done(RESUMED.format(name=ctx.member.name))


registry.flow(Flow(JUST_STOPPED, {"after": _after_stop}, free_text=frozenset({"after"}), label="关闭推送"))

JUST_RESUMED = "~greetings_on"  # a note: greetings just turned (or found) on
MISSED = "{name}老师，让您过生日时没收到工会的祝福，真是抱歉！现在祝福已经开着，今年生日和节日的祝福都会准时送到您这里。"
# a sad word about greetings that did not come: "去年生日一条都么收到，心里还空落落的", "啥祝福也没收到，挺失落的"
MISSED_RE = re.compile(r"(生日|祝福|节日|问候|短信).{0,8}(没|么|莫|冇|未)(有)?(收到|收着|接到|见到)|(没|么|莫|冇)(人)?(记得|祝福)|"
                       r"空落落|失落|难过|伤心|委屈|冷清|心寒|寒心")  # (not "工资还没收到")


def _after_resume(ctx: Context, text: str):
    """The message right after greetings were turned on: missing last year's wishes is answered kindly."""
    if ctx.member is None or NOT_ABOUT_IT.search(ctx.norm) or not MISSED_RE.search(ctx.norm):
        return PassOn()
    return Done(MISSED.format(name=ctx.member.name))


registry.flow(Flow(JUST_RESUMED, {"after": _after_resume}, free_text=frozenset({"after"}), label="恢复推送"))


# greetings turned off in a thank-you ("工会的同志们辛苦了，…以后节日的祝福短信就不用给我发了，谢谢"): the classifier
# hears the thanks; the request is read again (bot/engine.py `_reread`)
STOP_ASKED = re.compile(r"(祝福|问候|贺卡|短信).{0,8}(不用|别|不要|不必|甭)(再)?(给我)?(发|推)|"
                        r"(不用|别|不要|不必|甭)(再)?(给我)?(发|推送?)(这些|那些)?.{0,4}(祝福|问候)")


@registry.reread
def _stop_asked(ctx: Context, result) -> str | None:
    norm = ctx.norm
    return "unsubscribe" if ctx.member is not None and (STOP_ASKED.search(norm) or (
        ctx.member.push_opt_out and wants_on(norm) and re.search(r"祝福|推送|问候", norm))) else None
