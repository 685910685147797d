"""signup / cancel_signup / my_signups, and the CLI `signups export`.

Sign-up: find the named activity (several → numbered choice; none → the open list), confirm,
then one of: confirmed, waitlisted with position, already, deadline passed, not in the audience,
activity cancelled. A party size said with it ("我和爱人两个人", "+1 家属", "带孩子一共三个") counts
against the places where the activity allows companions; where it does not, the teacher is told so
and signed up alone only after saying yes. Cancelling frees the places and promotes the waitlist
(storage/signups.py), who are told through the outbox.
"""

from __future__ import annotations

import dataclasses
import re

from bot.answers import exclaimed, holds, undecided
from bot.engine import Ask, Context, Done, Retry
from bot.nlu import normalize
from bot.outside import AWAY_NOTED, away_news
from bot.registry import Flow, registry
from bot.several import QUEUE
from handlers._common import (
    BIND_FIRST,
    confirms,
    is_no,
    is_yes,
    numbered,
    quoted_answer,
    said_last,
)
from handlers.activities import (
    NONE_UPCOMING,
    describe,
    extract_slots,
    label,
    list_text,
    match_activities,
    narrow_by_when_or_where,
    offered_before,
    said_when_shown,
    shown_before,
    visible_upcoming,
)
from handlers.activities import many as lists
from handlers.activities import wording as say
from handlers.activities.added import added, asked_besides, keeps_answer
from handlers.activities.asked import accepts
from handlers.activities.askedback import asked_back
from handlers.activities.besides import signs_besides, withdrawal_words, withdrawn_besides
from handlers.activities.confirming import CORRECTS, _party_said, _to_confirm
from handlers.activities.declines import cannot_come
from handlers.activities.focus import accepted, confirms_focus, own_confirmation
from handlers.activities.joining import joins_in_few_words, puts_me_down
from handlers.activities.kinds import of_kind
from handlers.activities.likeness import noted
from handlers.activities.listpick import ordinal_picks, points_to_sign, unlisted_picks
from handlers.activities.many import all_shown, several_named, wants_all, with_shown
from handlers.activities.mind import (
    another_named,
    declined_offer,
    hesitant,
    on_condition,
    only_this_named,
    puts_off,
    same_day_again,
    same_day_named,
    thanked,
    unwanted_signup,
    wanted_text,
    yes_about_it,
)
from handlers.activities.notices import short
from handlers.activities.nowait import NO_WAITLIST, full_for_her, refused_waitlist
from handlers.activities.others import for_someone_else, for_someone_else_waiting, only_sender
from handlers.activities.otherwise import second_choice
from handlers.activities.outcome import (
    JUST_CANCELLED,
    _cancel,
    _undo,
    party_in,
    sign_up,
)
from handlers.activities.ownwords import (
    asks_then_wishes,
    dated_one,
    signs_in_own_words,
    signs_up_by_day,
    unknown_named,
)
from handlers.activities.pointed import ordinal_pick
from handlers.activities.relayed import answer_of, relayed
from handlers.activities.reread import lists_who_goes
from handlers.activities.switch import swapped_in
from handlers.activities.ticks import NONE_TICKED, sheet, ticked
from handlers.activities.together import (
    _all_said,
    _confirm_many,
    _step_choose,
    _step_confirm_many,
    _yes_with_them,
)
from handlers.activities.unmeant import (
    NOT_SIGNED,
    asks_by_yes,
    not_asked_to_sign,
    reversed_last,
    taken_back,
    yes_undone,
)
from handlers.activities.waiting import answer_about_waiting
from handlers.activities.wished import signs_by_field, wished
from handlers.activities.withdraw import (
    asks_to_leave,
    calls_off_named,
    calls_off_unsigned,
    leaves_besides,
    withdraw,
)


@registry.intent(
    "signup",
    keywords={"报名": 3, "参加": 2, "报个名": 3, "算我一个": 3, "我要去": 2, "想去": 1.5, "加我": 1.5,
              "我也去": 2, "我去": 1, "报一个": 2, "帮我报": 3, "能报": 1, "想参加": 2, "要参加": 2, "我报": 2,
              "参赛": 2, "登记": 1},
    patterns=[(r"^报(名)?\s*\S{1,10}$", 1.5), (r"(我要|我想|帮我)报\S", 2.5),
              (r"(^|[，,。.!！\s])(想|要)报(下|一下)(?!销|告|道|到|纸|警|账|案|了)", 2.5),  # "刚把娃哄睡…想报下登山"
              (r"(有的话|有就|还有的话|要是有|有名额就|有位置就).{0,4}(报|算我|加我)", 4),  # "还有名额没 有的话报上"
              (r"(改|再|另|换)报(个|一个)?(?!告|销|到|道|纸|账|了)[\u4e00-\u9fff]", 3),  # "乒乓球取消 改报拔河"
              (r"(帮|给)我(和|跟|带|还有)[^，,。]{1,6}报", 3),  # "帮我和我老公报个登山"
              (r"(带|和|跟)(上)?(孩子|老公|爱人|老婆|家属|女儿|儿子|家人|对象)(一起)?(去|参加|报)", 3),
              (r"^[「“\"『][^」”\"』]{0,20}报名[^」”\"』]{0,8}[」”\"』][\s:：,，]*(是|对|确认|确定|嗯|好|要|行|可以)", 9),  # "「是否确认报名」是的"
              (r"(^想|^要|我想|我要|想要)(带|和|跟)(上)?我?(家)?(的)?(孩子|老公|爱人|老婆|家属|女儿|儿子|家人|对象)", 2),
              (r"(不撤了|不撤销了|不取消了|不退了|撤回(刚才的)?取消|恢复(我的)?报名|(取消|退|撤)(错|说错)了)", 9),
              # signing up again after a withdrawal: "之前取消的拔河 我想重新报", "刚退的登山能再报回来吗"
              (r"(取消|退|撤)[了掉]?的.{0,10}(重新|再)(报|参加|登记)|重新(报|报名|报上|参加)", 4), (r"(拔河|乒乓|羽毛|卡拉|k歌|读书会|登山|秋游|插花)\s*(我要|报|参加|算我)", 2)],
    negatives={"不去": 5, "不报": 5, "取消": 4, "去不了": 5, "不参加": 5, "退出": 4, "我的报名": 5, "报了哪些": 5,
               "报了什么": 5, "什么时候": 1.5, "几点": 1, "截止": 1, "报名情况": 5, "不能参加": 5, "参加不了": 5, "去不成": 5,
               "退掉": 4, "撤销": 4, "查": 2, "不想": 4, "来不了": 5, "有事": 2, "成功了吗": 5, "报上了吗": 5, "几个": 3},
    menu="报名活动：报名拔河 / 我要参加乒乓球赛",
    menu_order=3,
    slots=extract_slots,
    words=["报个名", "算我一个", "我要去", "帮我报", "想参加"],
    # "想登记一下读书会", "中间那个吧" after a list, "报名下周四的活动", "乒乓球还有位置么 额想报"
    claims=lambda ctx: signs_in_own_words(ctx) or points_to_sign(ctx) or signs_up_by_day(ctx) or asks_then_wishes(ctx)
    or (ctx.member is not None and bool(ticked(ctx))) or swapped_in(ctx) or lists.torn_among(ctx)
    or joins_in_few_words(ctx) or lists_who_goes(ctx) or confirms_focus(ctx) or signs_by_field(ctx)
    or refused_waitlist(ctx) is not None,  # "羽毛球满了排候补也不行": on that condition (nowait.py)  # "颁奖词念完了，确认报名" (focus.py)  # "拔河√ 乒乓√", "读书会和拔河不知道报哪个", "卡拉OK比赛 安排上"
)
def signup(ctx: Context):
    step = noted(ctx.norm, _signup(ctx), lambda: visible_upcoming(ctx))  # "名额最少的那个": which was taken, said
    if isinstance(step, Ask) and step.flow == "signup" and step.data is not None and relayed(ctx, ctx.text):
        step.data["relayed"] = True  # "我姥爷说报登山": "他说确认" will be his answer
    listed = [a.id for a in shown_before(ctx)]
    if isinstance(step, Ask) and step.step == "confirm" and step.data and step.data.get("activity_id") in listed \
            and len(listed) > 1:  # one of the list just shown asked: "两场都报" then means them all
        step.data["listed"] = listed
    return step


def _signup(ctx: Context):
    if ctx.member is None:
        return BIND_FIRST
    undone = _undo(ctx)
    if undone:
        return undone
    if for_someone_else(ctx, ctx.text) and not relayed(ctx, ctx.text):  # "帮我同事报个羽毛球": only the sender signs up
        return only_sender(ctx, ctx.text)
    if not_asked_to_sign(ctx.norm):  # "谁说我要报拔河了", "拔河到时候再说吧": nothing to confirm (attack27)
        return NOT_SIGNED
    unwaiting = refused_waitlist(ctx)
    if unwaiting is not None:  # "羽毛球满了的话别给我排候补": full, nothing done; else asked, and never waitlisted
        ctx.data = {**ctx.data, NO_WAITLIST: True}
        full = full_for_her(ctx, unwaiting, party_in(ctx.text, unwaiting) or 1)
        step = Done(full) if full is not None else _to_confirm(ctx, unwaiting, party_in(ctx.text, unwaiting))
        if isinstance(step, Ask) and step.data is not None:
            step.data[NO_WAITLIST] = True
        return step
    if unwanted_signup(ctx) or leaves_besides(ctx):
        return cancel_signup(ctx)  # "乒乓球那个甭给我报了" once signed up for it; "报个读书会 登山能取消不": both, in turn
    gone = withdrawn_besides(ctx)
    if gone is not None:  # "退了拔河 报个读书会": the withdrawal done, then the sign-up asked
        activity, rest = gone
        done = _cancel(ctx, activity)
        step = signup(dataclasses.replace(ctx, msg=dataclasses.replace(ctx.msg, text=rest)))
        if isinstance(step, (Ask, Done)):
            step.text = done.text + "\n\n" + step.text
            return step
        return done.text + "\n\n" + step
    marked = sheet(ctx) or wished(ctx)  # "拔河√ 乒乓√ 卡拉OK×", "求职意向：乒乓球友谊赛、拔河": those, confirmed together
    if marked:
        return lists.with_parties(_confirm_many(ctx, marked[0]), lists.sheet_parties(ctx.text, marked[0])) if marked[0] \
            else NONE_TICKED
    branched = second_choice(ctx, signup)  # "能的话我报一个，不能就帮我报拔河": the other one if the first is closed
    if branched is not None:
        return branched
    upcoming = visible_upcoming(ctx)
    every = ctx.store.activities.upcoming(include_cancelled=True)
    wanted = wanted_text(ctx.text)  # "读书会帮我报一个，拔河就不去了": not the 拔河
    named = match_activities(wanted, every, upcoming)
    open_ids = {a.id for a in upcoming}
    listed = shown_before(ctx)  # picked by the places she saw: one closed since moves no other ("第一个" is not the 2nd)
    shown = [a for a in listed if a.id in open_ids]  # (words of the list's own: "我唱歌不行")
    picks = ordinal_picks(ctx.norm, listed) if {a.id for a in named} <= {a.id for a in shown} else []  # (closed: said so)
    picks = picks or unlisted_picks(ctx, named, listed, upcoming)  # "报1" after "有什么活动"; "读书会、卡拉OK，前面那个"
    if len(picks) == 1:  # "刚才说的第一个 帮我报一下 我带我爱人 两个人": that one of the list just shown
        return _to_confirm(ctx, picks[0], party_in(ctx.text, picks[0]))
    if picks:  # "前两个报名", "第二个不要了 另外两个报上"
        return _confirm_many(ctx, picks)
    many = several_named(wanted, every) or lists.labelled(wanted, every) or all_shown(ctx, wanted)  # "那两个都帮我报上": the ones just asked about
    if many:  # "拔河和登山都给我报上" ("在这三个里纠结：…": which one, asked)
        return lists.one_of(ctx, many) or _yes_with_them(ctx, _confirm_many(ctx, many))
    both = with_shown(wanted, named, [a for a in shown_before(ctx) if a.id in {u.id for u in upcoming}])
    if both or len(named) == 1:
        return _confirm_many(ctx, both, both[1] if (party_in(ctx.text, both[1]) or 1) > 1 else None) if both else \
            _to_confirm(ctx, named[0], party_in(ctx.text, named[0]))
    if len(named) > 1:
        visible = narrow_by_when_or_where(ctx.text, [a for a in named if a in upcoming] or named)
        if len(visible) == 1:
            return _to_confirm(ctx, visible[0], party_in(ctx.text, visible[0]))
        return Ask(say.CHOOSE.format(items=numbered([label(a, visible) for a in visible])), "choose", flow="signup",
                   data={"candidates": [a.id for a in visible], "said": ctx.text})
    if not upcoming:
        return NONE_UPCOMING
    pointed = [a for a in listed if a.id in open_ids]  # "羽毛球还能报吗" … "那帮我报一个"
    pick = ordinal_pick(ctx.norm, listed)  # "那就最后那个" after three were listed: that one
    pointed = [pick] if pick is not None else pointed
    answer = quoted_answer(ctx.text)  # "「是否确认报名」是的，满了排候补也可以" right after it was shown: a yes
    if len(pointed) == 1 and answer and is_yes(answer) and (party_in(ctx.text, pointed[0]) or 1) == 1:
        return Done(sign_up(ctx, pointed[0])[1])
    if len(pointed) == 1 and offered_before(ctx) and accepts(ctx.text) and (party_in(ctx.text, pointed[0]) or 1) == 1:
        return Done(sign_up(ctx, pointed[0])[1])  # "要为您报名吗？" "嗯嗯确认" (with family: confirmed with them)
    if len(pointed) == 1 and (confirms(ctx.text) or own_confirmation(ctx.text)):  # "确认报名" right after it was shown: she said it (with the family
        party = party_in(ctx.text, pointed[0]) or party_in(said_when_shown(ctx), pointed[0]) or 1  # told then; where
        if party <= pointed[0].max_party or not pointed[0].allow_companions:  # none may come, the answer said so)
            return Done(sign_up(ctx, pointed[0], party if pointed[0].allow_companions else 1)[1])
        return _to_confirm(ctx, pointed[0], party)  # (a family too big for it: how many may come, asked first)
    if len(pointed) == 1:  # "我想带我老公和儿子一起": the party too
        return _to_confirm(ctx, pointed[0], party_in(ctx.text, pointed[0]))
    if pointed and wants_all(ctx.text, len(pointed)):  # "不冲突的话就都报了吧" after two were shown
        return _confirm_many(ctx, pointed)
    if pointed:
        return Ask(say.CHOOSE.format(items=numbered([label(a, pointed) for a in pointed])), "choose", flow="signup",
                   data={"candidates": [a.id for a in pointed]})
    kind = of_kind(ctx.norm, upcoming)  # "报名球类比赛": those of the kind (乒乓球, 羽毛球), which one asked
    if len(kind) > 1:
        return Ask(say.CHOOSE.format(items=numbered([label(a, kind) for a in kind])), "choose", flow="signup",
                   data={"candidates": [a.id for a in kind], "said": ctx.text})
    dated = dated_one(ctx, upcoming)  # "就是9月6号那个 帮我登记", "报名下周四的活动": named by its day alone
    if len(dated) == 1:
        return _to_confirm(ctx, dated[0], party_in(ctx.text, dated[0]))
    if away_news(ctx.norm):  # "我在省城参加骨干教师培训，8号晚上回学校": news, nothing to sign
        return Done(AWAY_NOTED.format(name=ctx.member.name))
    items, name = numbered([describe(ctx, a) for a in upcoming]), unknown_named(ctx)  # ("报名亲子游园会": said by name)
    return Ask(say.NOT_HELD.format(name=name, items=items) if name else say.PICK_FROM_OPEN.format(items=items), "choose",
               flow="signup", data={"candidates": [a.id for a in upcoming], "said": ctx.text})


GOING = re.compile(r"^(我)?(去|参加|来)[!！。.~～吧啦的]*$")  # to "确认报名…吗？" only: going is the yes


def _step_confirm(ctx: Context, text: str):
    text = quoted_answer(text) or text  # "「是否确认报名」是的": the answer after the question quoted back
    text = answer_of(text) if ctx.data.get("relayed") else text  # "他说确认", for him
    activity = ctx.store.activities.get(ctx.data["activity_id"])
    party = ctx.data.get("party", 1)
    colleague = for_someone_else_waiting(ctx, text, "confirm")
    if colleague is not None:  # "对了 羽毛球也给他报上一个": not added to hers
        return colleague
    more = added(ctx, text)
    if more:  # "对了 羽毛球也给咱报上一个": both, confirmed together ("… 三个都确认": and signed up)
        return _all_said(ctx, _confirm_many(ctx, [activity, *more]), text)
    other_asked = asked_besides(ctx, text)
    if other_asked is not None:  # "确认报名，另外我想问下登山还有名额没": signed up, and the other one shown
        return Done(sign_up(ctx, activity, party)[1] + "\n\n" + list_text(ctx, [other_asked], "另外，您问的活动："))
    before = ctx.store.activities.get(ctx.data["before"]) if ctx.data.get("before") else None
    together = [before, activity] if before is not None else [
        a for a in map(ctx.store.activities.get, ctx.data.get("listed", [])) if a]  # (the list shown before it was asked)
    if together and (wants_all if before else lists.all_signed)(text, len(together)) and not is_no(text):  # "插花" … "读书会" … "两个都": both meant;
        return _all_said(ctx, lists.with_parties(_confirm_many(ctx, together), {activity: party}), text)  # "两场都报"
    other = another_named(ctx, text)
    if other is not None:  # the other one is meant: confirmed afresh (the first remembered, for "两个都")
        step = _to_confirm(ctx, other, party_in(text, other))
        if isinstance(step, Ask) and step.step == "confirm" and party == 1 and not ctx.data.get("alone"):
            step.data["before"] = activity.id
        return step
    if same_day_named(ctx, text, activity):  # "周日那个" (乒乓球 is on Sunday): that one, the yes still asked
        return same_day_again(ctx, activity)
    if taken_back(text):  # "是不可能的", "确认我没空", "行吧……不行": no yes (unmeant.py), asked again
        return Retry(say.CONFIRM_AGAIN.format(title=activity.title))
    if cannot_come(text) or reversed_last(text):  # "请假条 …不能参加，特此请假。此致 敬礼"; "还是报吧，想了想还是不报了": a no
        return declined_offer(activity)
    if yes_undone(text) and party_in(text, activity) is None:  # "是……不对，我那天有课": no yes (attack27), asked again
        return Retry(say.CONFIRM_AGAIN.format(title=activity.title))
    if asks_by_yes(text):  # "是不是要穿运动鞋": a question, answered about it, and the yes asked again
        return answer_about_waiting(ctx, text + "？", "confirm") or Retry(say.CONFIRM_AGAIN.format(title=activity.title))
    if holds(text) or exclaimed(text):  # "我看看": she is still looking (the question stays open); "我去！": surprise
        return Retry(say.CONFIRM_HELD.format(title=activity.title) if holds(text) else say.CONFIRM_AGAIN.format(
            title=activity.title))
    if yes_about_it(text, activity) or only_this_named(text, activity) or accepted(text):  # "乒乓球不要 就羽毛球"; "成交！"
        return Done(sign_up(ctx, activity, party)[1])
    if puts_me_down(text) and not hesitant(text):  # "鼓起勇气了！麻烦帮我报上，谢谢老师": her request is her yes
        return Done(sign_up(ctx, activity, party)[1])
    asked = None if is_yes(text) and not hesitant(text) else answer_about_waiting(ctx, text, "confirm")
    if asked is not None:  # "家属能去吗", "几点打完啊": answered, and asked again
        return asked
    said = party_in(text, activity)  # "不对 孩子那天要上课 就我们2个人": the size put right, not a no
    if said is not None and (not is_no(text) or CORRECTS.match(normalize(text))) and not hesitant(text):
        return _party_said(ctx, activity, party, said, text)
    if (is_yes(text) or thanked(text) or GOING.match(normalize(text))) and not hesitant(text):
        return Done(sign_up(ctx, activity, party)[1])  # ("不去（划掉）去！": going, at a sign-up, is its yes)
    if undecided(text):  # "我再想想", "等我问问家里再说": not signed up, and not told she refused
        return declined_offer(activity, undecided=True)
    if is_no(text) or puts_off(ctx, text):  # "哎 等一下 我17号好像有课 先不报了"
        return declined_offer(activity)
    if said_last(text):  # "单打 就额一个 确认": a word about it first, the yes last
        return Done(sign_up(ctx, activity, party)[1])
    if on_condition(text):  # "要是没课的话——确认。": whether to sign up now, asked in other words
        ctx.data["asked_again"] = True
        return Retry(say.CONFIRM_IF.format(title=activity.title, short=short(activity)))
    if ctx.data.get("asked_again"):  # once more, in other words
        return Retry(say.CONFIRM_AGAIN.format(title=activity.title))
    ctx.data["asked_again"] = True
    return Retry("请回复“是”确认报名，或回复“否”放弃。")


registry.flow(Flow("signup", {"choose": _step_choose, "confirm": _step_confirm, "confirm_many": _step_confirm_many},
                   label="报名", keeps=keeps_answer, answers=asked_back))


# ---- cancel ------------------------------------------------------------------------------------


@registry.intent(
    "cancel_signup",
    keywords={"不去了": 5, "不报了": 5, "取消报名": 5, "去不了": 5, "不参加": 4, "退出": 2, "不能参加": 5,
              "参加不了": 5, "来不了": 5, "去不成": 5, "退掉": 3, "撤销报名": 5, "不想去": 4, "不想参加": 5, "有事去不": 5,
              "取消": 2.5, "退报": 4, "不去": 3, "不报": 3},
    patterns=[(r"取消.{0,8}(报名|拔河|乒乓|羽毛|卡拉|k歌|读书|登山|秋游|插花|比赛|活动)", 3),
              (r"(?<![0-9a-z+])-\s*1(?![0-9])|减(一|1(?![0-9]))(?!下|点|些)", 6),  # "拔河 -1": the chat group's way to withdraw
              (r"^(我)?(想|要|帮我|给我)退(掉)?(一个|个|一项|一场)", 4)],  # "我想退一个": which one, asked next
    negatives={"推送": 6, "提醒": 3, "绑定": 4},
    menu="取消报名：拔河我不去了 / 取消乒乓球",
    menu_order=4,
    slots=extract_slots,
    words=["不去了", "不报了", "去不了", "参加不了", "来不了", "取消报名"],
    # "家里老人病了 运动会就不参加了": her sign-up called off, the news only its reason; "拔河能退吗": asked whether to
    claims=lambda ctx: calls_off_named(ctx) or asks_to_leave(ctx) or calls_off_unsigned(ctx),
)
def cancel_signup(ctx: Context):
    other = signs_besides(ctx, -1) if ctx.member is not None else None
    if other is not None:  # "拔河能取消不 报个乒乓": the withdrawal judged by its own words (a question is asked)
        own, _ = withdrawal_words(ctx.norm)
        result = withdraw(dataclasses.replace(ctx, msg=dataclasses.replace(ctx.msg, text=own)))
    else:
        result = withdraw(ctx)
    done = result.text if isinstance(result, Ask) and result.flow == JUST_CANCELLED else None
    declined = not_hers(ctx, own, other) if other is not None else []
    if declined and not (isinstance(result, Ask) and result.flow in (JUST_CANCELLED, "cancel_signup")):
        step = _to_confirm(ctx, other, party_in(ctx.text, other))  # "读书会我还是不报了…插花那个我想报": the one
        step.text = say.NOT_THIS.format(title=declined[0].title) + "\n\n" + step.text  # declined is none of hers
        return step
    if other is not None and done is None and isinstance(result, Ask):  # "登山能取消不 报个读书会": the sign-up
        step = _to_confirm(ctx, other)  # asked first, the withdrawal's own words next (asked, never done unasked)
        if isinstance(step, Ask) and step.data is not None:
            step.data = {**step.data, QUEUE: [own]}
            return step
        return result
    other = signs_besides(ctx, result.data["activity_id"]) if done and other is not None else None
    if other is None:
        return result
    step = _to_confirm(ctx, other)  # "qx 拔河 bm 乒乓", "登山取消 然后报乒乓球": withdrawn, and the other asked
    step.text = done + "\n\n" + step.text
    return step


def not_hers(ctx: Context, words: str, other) -> list:
    """The one activity the words decline that she is not signed up for (nothing to withdraw), or []."""
    mine = {r["activity_id"] for r in ctx.store.signups.for_member(ctx.member.id)}
    named = match_activities(words, [a for a in visible_upcoming(ctx) if a.id != other.id])
    return named if len(named) == 1 and named[0].id not in mine else []
