"""Words of withdrawing that withdraw nothing (issue 19, leave22): her sign-up stays, and she is told so.

- asked how ("怎么撤回登山的报名？", "取消报名怎么操作", "登山的报名在哪里撤"): answered how, nothing done;
- someone else's wish that she refused ("张伟让我来撤回登山的报名，我没答应", "我老公劝我把登山退了，我不听"): kept;
  someone else's wish she has not said yes to ("张伟让我来撤回登山的报名") is asked first, never done at once.

(A withdrawal denied, "不是来撤回登山的报名的", is a keep: handlers/activities/keep.py KEEP_RE.)
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context
from handlers.activities import match_activities
from handlers.activities import wording as say
from handlers.activities.notices import short

_VERB = r"(?:撤回|撤销|撤掉|撤|取消|退掉|退出|退(?!休))"
# how it is done, asked: "怎么撤回…", "如何取消报名", "取消报名怎么弄", "在哪里退", "撤回报名的方法"
HOW = re.compile(rf"(?:怎么|怎样|如何|咋|咋样)(?:样)?(?:才能|才可以|可以|能|来|去|才)?{_VERB}|"
                 rf"{_VERB}(?:报名)?[^，,。！!；;]{{0,10}}?(?:要|该|得)?(?:怎么|如何|咋)(?:弄|办|操作|搞|做|撤|取消|退|处理)|"
                 rf"(?:在哪里?|在哪儿|去哪里?|从哪里?)(?:可以|能)?{_VERB}|{_VERB}报名的(?:方法|步骤|流程|办法|入口)")
# … unless she asks for it to be done all the same ("怎么退？直接帮我退了吧")
DONE_ALL_THE_SAME = re.compile(rf"(?:帮我|给我|替我|直接)(?:把[^，,。]{{0,8}})?{_VERB}")
# someone else asks her to withdraw: "张伟让我来撤回…", "我老公劝我把登山退了", "组长叫我退掉拔河"
WISHED = re.compile(rf"(?<![我需想还只])(?:让|叫|要|劝|喊|催|逼)我(?:来|去|赶紧|把)?[^，,。！!；;]{{0,12}}?{_VERB}")
# … and her refusal said after it: "我没答应", "我不同意", "我拒绝了", "我偏不", "没理他"
REFUSED = re.compile(r"(?:我)?(?:没|没有|不|才不|并没有?)(?:答应|同意|听|干|理他|理她|搭理|想退|想撤|想取消|会退|会撤)|拒绝|偏不|才不")
# withdrawal words denied, mocked, on a condition, asked about, or another's deed (attack22): "谁说我要撤回登山的报名了？",
# "撤回登山报名才怪", "取消登山？想得美", "要是下雨的话就取消登山", "如果我取消登山会怎样", "我同事取消了登山的报名",
# "我老公想让我取消登山，我才不听": never done at once, she is asked first
DOUBTED = re.compile(rf"谁说|才怪|想得美|你个头|个屁|不可能|要是|如果|假如|万一|的话|会怎(?:样|么样)|"
                     rf"(?<![帮替给为叫让])(?:同事|老公|老婆|先生|丈夫|爱人|朋友|别人|人家|[他她])(?:已经|都|也|刚)?{_VERB}|"
                     rf"让我[^。！!；;]{{0,16}}(?:不听|没答应|不同意|才不|偏不)")
# a yes at a sign-up's confirmation taken back in the same breath (attack22): "是不可能的", "确认我没空", "确认不去",
# "行吧……不行", "下次吧，确认": never signed up, asked again
TAKEN_BACK = re.compile(r"^(?:是|好|行|对)的?(?:是|那是)?(?:不可能|不会)|(?:确认|确定)(?:一下)?(?:我|本人)?(?:没空|没时间|不去|"
                        r"不参加|不报|去不了|参加不了|有事)|(?:确认|是|好|行|可以)(?:吧|的|啊)?[….。，,！!\s~]+(?:不行|不去|不报|"
                        r"算了|不要)[了吧啊。！!]*$|下次(?:吧|再说|再报|再去)[，,。！!\s]*(?:确认|是|好|行)")

HOW_ONE = "您「{title}」的报名还在，没有取消。想取消时，直接发“取消报名{short}”就行，我会马上为您办理。"
HOW_MANY = "您的报名都还在，没有取消。想取消哪一个，直接发“取消报名+活动名”（例如“取消报名{short}”）就行。"
REFUSED_KEPT = "好的，您没有答应，「{titles}」的报名保持不变。"


def how_asked(norm: str) -> bool:
    return bool(HOW.search(norm)) and not DONE_ALL_THE_SAME.search(norm)


def taken_back(text: str) -> bool:
    return bool(TAKEN_BACK.search(text.strip()))


# (attack27) a yes put right at once ("是……不对，我那天有课", "好的，等等，我那天好像有课", "确认。啊不对不对，那天要出差"), and a
# question that opens with 是 ("是不是要穿运动鞋", "是几点集合来着", "是否每个组都要去"): no yes, either of them
YES_UNDONE = re.compile(r"^(?:是|好|行|对|嗯|确认|确定|可以|没问题)(?:的|吧|啊|呀)?[….。，,！!\s~]*(?:啊|哦|噢|诶|哎|呃|额)?[，,\s]*"
                        r"(?:不对|等等|等一下|等下|等会儿?|且慢|慢着|不不|错了|说错了|搞错了)")
ASKS_BY_YES = re.compile(r"^(?:是不是|是否)(?![^？?]*[：:☑√●✓✔■])|^是(?![的啊呀哒滴嘞吧啦])[^，,。！!\s]{0,10}?(?:几|什么|哪|多少|谁|啥|吗|么|呢|来着|怎么|[?？])")


def yes_undone(text: str) -> bool:
    return bool(YES_UNDONE.search(text.strip()))


def asks_by_yes(text: str) -> bool:
    return bool(ASKS_BY_YES.search(text.strip()))


# the decision reversed in its last words ("还是报上吧，想了想还是不报了", "还是参加吧 唉算了不去了", "还是去吧…算了"):
# the last words decide, a no, whatever the model reads of the whole ("…他就不去了", "不用带家属" decide nothing)
LAST_NO = re.compile(r"^(?:唉|哎|嗯|呃|额|想了想|再想想|又想了想|那|我)*(?:还是)?(?:算了|(?:还是|先|就)?不(?:报|去|参加)了?)+"
                     r"[了吧啊呀哈]*$")


def reversed_last(text: str) -> bool:
    said = [c for c in re.split(r"[，,。.！!；;\s~～…]+", text.strip()) if c]
    return len(said) > 1 and bool(LAST_NO.match(said[-1]))


def someone_elses_wish(norm: str) -> bool:
    return bool(WISHED.search(norm))


def unmeant(ctx: Context) -> bool:
    """For the cancel_signup claim (handlers/activities/withdraw.py): words that withdraw nothing at once."""
    return how_asked(ctx.norm) or someone_elses_wish(ctx.norm) or bool(DOUBTED.search(ctx.norm))


def withdraws_nothing(ctx: Context, mine: list):
    """The answer to withdrawal words that withdraw nothing, or None when they may withdraw."""
    norm = ctx.norm
    if not mine:
        return None
    named = match_activities(ctx.text, mine)
    one = (named or mine)[0] if len(named) == 1 or len(mine) == 1 else None  # the one sign-up meant
    if how_asked(norm):
        if one is not None:
            return HOW_ONE.format(title=one.title, short=short(one))
        return HOW_MANY.format(short=short(named[0] if named else mine[0]))
    wish = WISHED.search(norm)
    if wish is None:
        if DOUBTED.search(norm) and (len(named) == 1 or len(mine) == 1):
            one = named[0] if named else mine[0]
            return Ask(say.CANCEL_REASON.format(title=one.title), "confirm", flow="cancel_signup",
                       data={"activity_id": one.id})
        return None
    if DONE_ALL_THE_SAME.search(norm[wish.end():]) and not REFUSED.search(norm[wish.end():]):
        return None  # "老公让我把登山退了，那就帮我退吧": her own order all the same
    if REFUSED.search(norm[wish.end():]):
        return REFUSED_KEPT.format(titles="」「".join(a.title for a in (named or mine)))
    if one is not None:  # her own yes first
        return Ask(say.CANCEL_REASON.format(title=one.title), "confirm", flow="cancel_signup", data={"activity_id": one.id})
    return None


# (attack27) a sign-up denied ("谁说我要报拔河了", "我哪有说要报登山", "我可没说要报乒乓球") or left for later ("拔河到时候再说吧",
# "登山回头再说", "卡拉OK我再考虑考虑"): before, she was asked to confirm it, or "您是想：1. 查询活动 2. 报名活动？" — where a
# "是" signed her up at once. Nothing is asked; she is told how to sign up when she wants to.
DENIED_WISH = re.compile(r"谁说(?:我|俺|额)?(?:要|想)?(?:报|参加|去)|(?:哪有|哪里有|什么时候|啥时候|几时|又没|可没|并没有?|没有?)(?:说|讲)过?(?:我)?"
                         r"(?:要|想)?(?:报|参加|去)")
LATER_ONLY = re.compile(r"(?:到时候?|回头|以后|改天|过(?:几|两)天|下周|明天|再)再?(?:说|定|决定|看看?)(?!一遍|一次|一下)|再说(?!一遍|一次|一下)|"
                        r"再考虑|考虑考虑|再想想|看情况|先放一?放")
# (a clause that signs beside it: "报名拔河，其他的到时候再说", "我再想想…… 算了还是报吧", "后面那个报了 前面那个再想想")
SIGN_VERB = re.compile(r"报名|报上|报了|报吧|报(?:一|了)?个|(?:要|想|给我|帮我|还是|就|我)报|参加|确认")
NOT_SIGNED = "好的，没有为您报名。想参加时直接发“报名 + 活动名”（例如“报名拔河”）就行。"


def not_asked_to_sign(norm: str) -> bool:
    """Sign-up words denied, or every clause that names a sign-up left for later."""
    if DENIED_WISH.search(norm):
        return True
    clauses = [c for c in re.split(r"[，,。.！!；;？?\s~～…]+", norm) if c]
    return any(LATER_ONLY.search(c) for c in clauses) and not any(
        SIGN_VERB.search(c) for c in clauses if not LATER_ONLY.search(c))
