"""bind: link a platform user to a roster member ("绑定 1024 张三", "我是张伟，工号2033", or guided).

工号 and 姓名 are semi-public in a school, so they only say *who* someone claims to be. The proof is
something the member controls: the last four digits of the phone on file (`[admin]
require_phone_last4`, on by default), or a one-time code the committee issues
(`python -m bot members code 工号`, or printed from the console: handlers/roster/codes.py) for
members without a phone. A member already bound on this
channel is never re-bound without proof, whatever the setting. A member has one account per
channel: when a proven binding moves, the previous account is told.

Limits, so that guessing does not pay and nobody can lock a member out:
- every failed try (a wrong name or a wrong proof) counts against the account: 5 an hour, then
  that account is paused for the hour;
- only a wrong *proof* (last four or code) counts against the member, since a name proves nothing:
  strangers typing a member's 工号 with wrong names cannot pause her. After 5 wrong proofs in an
  hour or 10 in a day, from whatever accounts, the phone check of that member is paused (10,000
  possible last fours must not get unlimited guesses from fresh accounts) and the member is told.
  The committee's one-time code still works while it is paused (8 characters from 31, used once:
  not guessable), and the reply tells the member to ask for one. So an attacker without the proof
  can at most make the member fetch a code; he can never freeze her out.
A code also works on its own: "绑定码 K7P2Q9MX" (or the code where the guided flow asks for the 工号)
binds whoever's code it is, once; each wrong code counts against the account as above, and after
CODE_GUESSES_PER_HOUR wrong codes from all accounts together, codes on their own are paused for the
hour (the way through "绑定 工号 姓名" and then the code stays open, so nobody is locked out).
"解绑" removes the link. The committee lists and removes bindings from the CLI (`members bindings`,
`members unbind`, in handlers/roster/bindings_cli.py).
"""

from __future__ import annotations

import datetime as dt
import hmac
import re

from bot.engine import Ask, Context, Done, Retry
from bot.nlu import normalize
from bot.registry import Flow, registry
from bot.several import QUEUE
from handlers._common import in_chinese
from handlers.binding.after import KEPT, keeps, waiting  # (and the note kept after "先绑定身份")
from handlers.binding.codes import code_hash, code_key
from handlers.binding.intro import (
    claims,
    intro_name,
    other_request,
    rest_of_intro,
    roster_name,
    said_name,
    said_name_shape,
)
from handlers.binding.limits import (
    USER_TRIES_PER_HOUR as USER_TRIES_PER_HOUR,  # tests and the roster console read it here
)
from handlers.binding.limits import (
    _contact,
    _count,
    _fail,
    _locked,
    _paused,
    _phone_paused,
    _too_many,
    _user_key,
)
from handlers.binding.slots import (
    ALONE_CODE_RE,
    LAST4_RE,
    NOT_THIS,
    SAME_ALONE,
    extract,
    heard_last4,
    put_right,
    staff_no_put_right,
    with_the_name,
)

CODE_GUESSES_PER_HOUR = 50  # wrong codes sent on their own, from all accounts together
CHANNEL_LABELS = {"wechat": "微信", "wecom": "企业微信", "dingtalk": "钉钉"}

ASK_STAFF_NO = "请回复您的工号（例如 1024）。回复“取消”可随时退出。"
ASK_NAME = "请回复您的姓名。"
ASK_STAFF_NO_TOO = "好的，请再回复您的工号（例如 1024）。回复“取消”可随时退出。"  # the name came first: kept
# an unbound teacher who only said who she is ("您好，我是行政后勤组的何秀英，刚学会用微信，不知道怎么弄")
INTRODUCED = "您好，{name}老师！先绑定一下身份，就可以报名活动、提建议、查体检安排了。请回复您的工号（例如 1024）。回复“取消”可随时退出。"
GOT_LAST4 = "好的，手机尾号记下了。"
# 工号 and 姓名 do not match: what was right stays, the other is asked again (a mistyped 工号 is the usual case)
WRONG_EITHER = ("工号和姓名对不上。如果是工号打错了，请直接回复正确的工号；如果是姓名写错了，请回复您的姓名；或回复“取消”。"
                "如有疑问请联系{contact}。")
# words where the phone's last four were asked ("是的 报拔河"): no try at the proof, asked again plainly
ASK_PHONE_AGAIN = "还差最后一步：请回复您登记手机号的后四位（4 个数字，例如“尾号 1234”）。记不清的话，可以联系{contact}领取绑定码。"
ASK_CODE_AGAIN = "还差最后一步：请回复工会发给您的 8 位绑定码（字母和数字）。还没有的话，请联系{contact}领取。"
ASK_PHONE = "为确认身份，请回复您登记手机号的后四位。"
ASK_CODE = "为确认身份，请回复工会发给您的 8 位绑定码。"
ASK_PHONE_OR_CODE = "为确认身份，请回复您登记手机号的后四位，或工会发给您的 8 位绑定码。"
NEED_CODE = ("为保护会员信息，绑定{name}老师的身份需要工会发放的一次性绑定码（系统里没有登记手机号）。"
             "请联系{contact}领取绑定码，然后再发送“绑定 工号 姓名”。")
BOUND = "绑定成功！{name}老师（工号 {staff_no}），现在可以报名活动、提建议、查体检安排了。回复“帮助”查看全部功能。"
ALREADY = "您已绑定为 {name}老师（工号 {staff_no}）。如需更换，请先回复“解绑”。"
NO_SUCH = "没有找到工号 {staff_no}，请核对后回复正确的工号；或回复“取消”。"
MISMATCH = "工号和姓名对不上，请核对后重试（例如“绑定 1024 张三”）。如有疑问请联系{contact}。"
NOT_ACTIVE = "工号 {staff_no} 当前不是在职或退休状态，无法绑定。如有疑问请联系{contact}。"
PROOF_MISMATCH = "验证没有通过，请核对后重试；或回复“取消”。"
CODE_WRONG = "绑定码不对或已失效（每个绑定码只能用一次）。请核对后重试，或联系{contact}重新领取。"
CODE_PAUSED = ("为保护会员信息，单独发送绑定码的方式暂停使用（多次尝试未通过）。请发送“绑定 工号 姓名”，"
               "再按提示回复您的绑定码。")
UNBOUND = "已解除绑定。需要时回复“绑定 工号 姓名”重新绑定。"
NOT_BOUND = "您还没有绑定身份。回复“绑定 工号 姓名”即可绑定，例如“绑定 1024 张三”。"
MOVED = ("【安全提醒】您的工会身份（{name}，工号 {staff_no}）已在另一个{platform}账号上绑定，本账号已解除绑定。"
         "如非本人操作，请立即联系{contact}。")

# where the name is asked, a yes or "me" names nobody
NO_NAME = re.compile(r"^(对|是|嗯|好的?|行|没错|就是|我|本人|自己|确认|没问题|可以)")

# ---- proof -------------------------------------------------------------------------------------------


def _with_code(ctx: Context, code: str) -> Done:
    """A code sent on its own: bind its member, once; a wrong one counts like any failed try."""
    key = "bind-code-any"
    if _locked(ctx):
        return _too_many(ctx)
    if _count(ctx, key, dt.timedelta(hours=1)) >= CODE_GUESSES_PER_HOUR:
        return Done(CODE_PAUSED)
    with ctx.store.transaction():  # found and used at once: two accounts with one code, one wins
        member_id = ctx.store.bindings.member_for_code(code_key(code))
        member = ctx.store.members.get(member_id) if member_id else None
        if member is not None and member.active:
            return _bind(ctx, member.id)
        ctx.store.db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", (key, ctx.clock.now().isoformat()))
        result = _fail(ctx, CODE_WRONG.format(contact=_contact(ctx)))
    return result if isinstance(result, Done) else Done(result)


def _proof_needed(ctx: Context, member) -> str | None:
    """'phone', 'code', 'phone_or_code', or None when 工号 and 姓名 are enough."""
    has_code = ctx.store.bindings.code_hash(member.id) is not None
    owner = ctx.store.bindings.user_on(ctx.msg.channel, member.id)
    taken = owner is not None and owner != ctx.msg.user_id
    phone_ok = bool(member.phone)
    if ctx.config.get("admin", "require_phone_last4") or taken:
        if phone_ok:
            return "phone_or_code" if has_code else "phone"
        return "code"
    return "code" if has_code else None


def _verify(ctx: Context, staff_no: str, name: str):
    """Check the pair; bind, ask for the proof, or explain."""
    member = ctx.store.members.by_staff_no(staff_no)
    if _locked(ctx):
        return _too_many(ctx)
    if member is None or member.name != name.removesuffix("老师"):  # counts for this account only
        return _fail(ctx, MISMATCH.format(contact=_contact(ctx)))
    if not member.active:  # what waited for the binding ("报名拔河" before it) is dropped: it cannot be done
        ctx.data.pop(QUEUE, None)
        return Done(NOT_ACTIVE.format(staff_no=staff_no, contact=_contact(ctx)))
    proof = _proof_needed(ctx, member)
    if proof is None:
        return _bind(ctx, member.id)
    if "phone" in proof and _phone_paused(ctx, member.id):  # the committee's code still works
        if ctx.store.bindings.code_hash(member.id) is None:
            return _paused(ctx, member)
        proof = "code"
    if proof == "code" and ctx.store.bindings.code_hash(member.id) is None:
        return Done(NEED_CODE.format(name=member.name, contact=_contact(ctx)))
    ask = {"phone": ASK_PHONE, "code": ASK_CODE, "phone_or_code": ASK_PHONE_OR_CODE}[proof]
    return Ask(ask, "proof", flow="bind", data={"member_id": member.id, "proof": proof})


def _bind(ctx: Context, member_id: int) -> Done:
    previous = ctx.store.bindings.bind(ctx.msg.channel, ctx.msg.user_id, member_id)
    ctx.store.bindings.use_code(member_id)
    ctx.store.db.execute("DELETE FROM attempts WHERE key = ?", (_user_key(ctx),))
    member = ctx.store.members.get(member_id)
    if previous:
        ctx.store.outbox.enqueue(
            "binding_moved", member_id,
            MOVED.format(name=member.name, staff_no=member.staff_no, contact=_contact(ctx),
                         platform=CHANNEL_LABELS.get(ctx.msg.channel, "")),
            occasion="binding", channel=ctx.msg.channel, target=previous,
            dedup_key=f"binding_moved|{ctx.msg.channel}|{previous}|{ctx.clock.now().isoformat()}")
    return Done(BOUND.format(name=member.name, staff_no=member.staff_no))


@registry.intent(
    "bind",
    keywords={"绑定": 3, "工号": 2.5, "认证": 1.5, "验证身份": 2, "身份": 1, "解绑": 3, "解除绑定": 3, "实名认证": 2},
    patterns=[(r"^我是.{1,5}[，, ]*工号", 3), (r"^(绑定|工号)\s*[0-9]{3,}", 3), (r"我叫.{1,4}[，, ]*工号", 3),
              # an introduction with the group and nothing else: "我系王建军，数学组的"
              (r"^(我是|我叫|我系|本人|鄙人)[\u4e00-\u9fa5]{2,3}[,， ]*[\u4e00-\u9fa5]{1,6}(组|处|室)(的|嘅)?[。.!！]?$", 3),
              (r"[0-9]{3,10}\s*(这个工号|号)?(是|对应的?是?)\s*(谁|哪位|哪个)", -6)],  # "工号8036是谁啊": nobody binds
    negatives={"推送": 2},
    menu="绑定身份：绑定 1024 张三",
    menu_order=1,
    slots=extract,
    words=["解绑", "解除绑定"],
    claims=claims,
)
def bind(ctx: Context):
    result = _bind_request(ctx)
    rest = rest_of_intro(ctx.text)
    rest = "我" + rest if re.match(r"(想|要)报", rest) else rest  # "我是王建军 想报趣味运动会": her own sign-up
    if isinstance(result, Ask) and rest and other_request(rest):  # "我是刘洋，想报名拔河": after the binding
        result.data = {**(result.data or {}), QUEUE: [rest]}
        result.text += "\n" + KEPT.format(what=rest if len(rest) <= 20 else rest[:19] + "…")
    return result


def _bind_request(ctx: Context):
    slots = ctx.slots or extract(ctx.norm)
    current = ctx.member
    if slots.get("action") == "unbind":
        if current is None:
            return NOT_BOUND
        ctx.store.bindings.unbind(ctx.msg.channel, ctx.msg.user_id)
        return UNBOUND
    if current is not None:
        return ALREADY.format(name=current.name, staff_no=current.staff_no)
    if _locked(ctx):
        return _too_many(ctx).text
    if slots.get("code"):
        return _with_code(ctx, slots["code"])
    slots = {**slots, **_from_roster(ctx, slots)}
    if slots.get("staff_no") and ctx.store.members.by_staff_no(slots["staff_no"]) is None:
        return Ask(NO_SUCH.format(staff_no=slots["staff_no"]), "staff_no", flow="bind", data={
            "name": slots.get("name") or roster_name(ctx, ctx.text), "last4": slots.get("last4"), "missing": [slots["staff_no"]]})
    if slots.get("staff_no") and slots.get("name"):
        result = _verify(ctx, slots["staff_no"], slots["name"])
        return _with_proof(ctx, _mismatched(ctx, result, slots["staff_no"], slots["name"], slots.get("last4")),
                           slots.get("last4"))
    if slots.get("staff_no"):
        return Ask(ASK_NAME, "name", flow="bind", data={"staff_no": slots["staff_no"], "last4": slots.get("last4")})
    text = LAST4_RE.sub("", ctx.norm).strip(" ,，。、") if slots.get("last4") else ctx.text  # "手机尾号8019，何秀英"
    shaped, name = said_name_shape(ctx, text)
    spoken = intro_name(text)  # "您好，我是行政后勤组的何秀英…": by its shape, never by the roster
    name = name or said_name(ctx, text) or spoken or (roster_name(ctx, text) if shaped else None)  # kept; proves nothing
    ask = ASK_STAFF_NO_TOO if shaped or spoken else ASK_STAFF_NO
    if spoken and not re.search(r"绑定|绑一下|认证|身份|工号", ctx.norm):  # she only said who she is
        ask = INTRODUCED.format(name=spoken)
    data = {"name": name} if name else {}
    return Ask(ask, "staff_no", flow="bind", data={**data, "last4": slots["last4"]} if slots.get("last4") else data)


def _from_roster(ctx: Context, slots: dict) -> dict:
    """Everything a teacher gave in one message, however it was worded ("我是行政后勤组的何秀英，工号8019",
    "工号1024，名字张三"): the name on file for that 工号 when the message contains it."""
    if slots.get("staff_no"):
        member = ctx.store.members.by_staff_no(slots["staff_no"])
        if member is not None and member.name in in_chinese(ctx.norm, [member]):  # (or in pinyin: "xu li")
            return {"name": member.name}
    return {}


def _mismatched(ctx: Context, result, staff_no: str, name: str, last4: str | None):
    """After "工号和姓名对不上" (not paused): both kept and either asked again ("我是王建军 工号1013" →
    "打错了 是1031", "绑定 1018 高锋" → "写错了，高峰"). The same words and the same step whether or not
    the name is on the roster: a stranger sending names with a real 工号 must not learn who is on it."""
    if not isinstance(result, str):
        return result
    if ctx.store.members.by_staff_no(staff_no) is None and roster_name(ctx, name.removesuffix("老师")) is None:
        return Done(result)
    return Ask(WRONG_EITHER.format(contact=_contact(ctx)), "name", flow="bind",
               data={"staff_no": staff_no, "name": name.removesuffix("老师"), "last4": last4})


def _with_proof(ctx: Context, result, last4: str | None):
    """When the phone's last four came in the same message, check them at once."""
    if last4 and isinstance(result, Ask) and result.step == "proof":
        ctx.data = dict(result.data)
        checked = _step_proof(ctx, last4)
        if isinstance(checked, Retry):
            return Ask(checked.text, "proof", flow="bind", data=ctx.data)
        return checked
    return result


def _step_staff_no(ctx: Context, text: str):
    norm = NOT_THIS.sub("", normalize(text))
    last4 = LAST4_RE.search(norm)  # "手机尾号1031": the answer to the next question, kept
    if last4:
        ctx.data["last4"] = last4.group(2)
        norm = norm[:last4.start()] + norm[last4.end():]
    said = LAST4_RE.sub("", normalize(text))  # ("8091 8019，打反了" after "没有找到工号 8091": 8019)
    m = put_right(norm, said, ctx.data.get("missing", []))
    code = ALONE_CODE_RE.fullmatch(normalize(text).replace(" ", ""))
    if code:  # the committee's code instead of the 工号
        return _with_code(ctx, code.group(1).upper())
    if not m:
        shaped, name = said_name_shape(ctx, text)
        spoken = intro_name(text)
        if shaped or spoken:  # "杜建平" where the 工号 was asked: kept, and the 工号 asked again
            name = name or said_name(ctx, text) or spoken
            if name:
                ctx.data["name"] = name
            return Ask(ASK_STAFF_NO_TOO, "staff_no")
        if last4:
            return Ask(GOT_LAST4 + ASK_STAFF_NO, "staff_no")
        return Retry("工号应该是一串数字，例如 1024。请再试一次，或回复“取消”。")
    ctx.data["staff_no"] = m.group(1)
    slots = extract(text)
    ctx.data["last4"] = heard_last4(text, m.group(1), ctx.data.get("missing", [])) or ctx.data.get("last4")
    member = ctx.store.members.by_staff_no(m.group(1))
    if member is None:  # "8063 杜建平": the name kept while the 工号 is put right
        ctx.data["name"] = slots.get("name") or roster_name(ctx, text) or ctx.data.get("name")
        ctx.data["missing"] = [*ctx.data.get("missing", []), m.group(1)]
        return Ask(NO_SUCH.format(staff_no=m.group(1)), "staff_no")
    if member.name in normalize(text) or ctx.data.get("name"):
        return _step_name(ctx, text)  # "工号8036，杜建平", or the name given before: checked at once
    return Ask(ASK_NAME, "name")


def _step_name(ctx: Context, text: str):
    norm = normalize(text)
    slots = extract(text)
    if (slots.get("staff_no") and slots["staff_no"] != ctx.data["staff_no"]  # "打错了，是8036"
            and ctx.store.members.by_staff_no(slots["staff_no"]) is not None):  # not "张三…一二三的三"
        ctx.data["staff_no"] = slots["staff_no"]
    member = ctx.store.members.by_staff_no(ctx.data["staff_no"])
    if heard := heard_last4(text, ctx.data["staff_no"], ctx.data.get("missing", [])):
        ctx.data["last4"] = heard
    elif member is not None and not ctx.data.get("last4") and member.name in norm:
        ctx.data["last4"] = with_the_name(norm, ctx.data["staff_no"], member.phone)
    if member is not None and (member.name in in_chinese(norm, [member]) or ctx.data.get("name") == member.name):
        name = member.name  # "我叫何秀英，手机尾号8019", "张三，弓长张"
    elif slots.get("name"):  # "绑定 1024 李四" said again
        name = slots["name"]
    else:
        name = re.sub(r"^(我是|我叫|姓名[:：]?|名字[:：]?)", "", norm).removesuffix("老师")
        name = re.split(r"[,，。 ]", name)[0]
    if NO_NAME.match(name):  # "对的，就是我本人，给我登记绑上吧", "是我本人": a yes, no name (and no failed try)
        name = ctx.data.get("name") or ""
    if not re.fullmatch(r"[\u4e00-\u9fa5·]{2,6}", name) and ctx.data.get("name"):  # another 工号 for the name given
        name = ctx.data["name"]
    if not re.fullmatch(r"[\u4e00-\u9fa5·]{2,6}", name):
        if slots.get("last4"):  # "手机尾号1031" where the name was asked
            return Ask(GOT_LAST4 + ASK_NAME, "name")
        return Retry("请回复您的中文姓名，例如“张三”。")
    result = _verify(ctx, ctx.data["staff_no"], name)
    last4 = ctx.data.get("last4")
    return _with_proof(ctx, _mismatched(ctx, result, ctx.data["staff_no"], name, last4), last4)


def _step_proof(ctx: Context, text: str):
    member = ctx.store.members.get(ctx.data["member_id"])
    if member is None:
        return Done(MISMATCH.format(contact=_contact(ctx)))
    if _locked(ctx):
        return _too_many(ctx)
    if (staff_no := staff_no_put_right(text)) is not None:  # "工号打错了 是8036": the 工号 step again, the name kept
        ctx.data = {"name": member.name, **({QUEUE: ctx.data[QUEUE]} if ctx.data.get(QUEUE) else {})}  # (no proof tried)
        return _step_staff_no(ctx, text) if staff_no else Ask(ASK_STAFF_NO_TOO, "staff_no")
    answer = NOT_THIS.sub("", normalize(text).replace(" ", ""))  # "打错了 尾号是8019 不是8091"
    proof = ctx.data.get("proof", "phone")
    if "phone" in proof and len(member.staff_no) == 4 and SAME_ALONE.match(answer):  # "跟工号一样"
        answer = member.staff_no
    if not re.search(r"[0-9]", answer):  # "是的 报拔河": no try at the proof; a request in it waits
        return _not_a_proof(ctx, text, proof)
    fours = re.findall(r"(?<![0-9])[0-9]{4}(?![0-9])", answer)  # "手机后四位是八零三六" → 8036
    digits = fours[-1] if len(fours) >= 1 else re.sub(r"\D", "", answer)
    if "code" in proof:  # a code may be written with words around it: "绑定码是 K7P2Q9MX"
        code = re.search(r"(?<![0-9a-z])[0-9a-z]{8}(?![0-9a-z])", answer)
        answer = code.group(0) if code else answer
    with ctx.store.transaction():  # check and count at once: workers answering together share the cap
        stored = ctx.store.bindings.code_hash(member.id) if "code" in proof else None
        if stored and hmac.compare_digest(stored, code_hash(member.id, answer)):
            return _bind(ctx, member.id)
        if "phone" in proof and member.phone and len(digits) == 4:
            if _phone_paused(ctx, member.id):  # paused since this account was asked: not checked now
                return _paused(ctx, member)
            if hmac.compare_digest(member.phone[-4:], digits):
                return _bind(ctx, member.id)
        result = _fail(ctx, PROOF_MISMATCH, member)
    return result if isinstance(result, Done) else Retry(PROOF_MISMATCH)


def _not_a_proof(ctx: Context, text: str, proof: str) -> Retry:
    ask = (ASK_CODE_AGAIN if proof == "code" else ASK_PHONE_AGAIN).format(contact=_contact(ctx))
    rest = re.sub(r"^(是的?|对的?|好的?|嗯+|行|可以|没问题|ok)[,，。.!！ ]*", "", normalize(text).strip())
    if rest and other_request(rest):
        ctx.data[QUEUE] = [*ctx.data.get(QUEUE, []), rest]
        ask += "\n" + KEPT.format(what=rest if len(rest) <= 20 else rest[:19] + "…")
    return Retry(ask)


registry.push_kind("binding_alert", "绑定安全提醒")
registry.push_kind("binding_moved", "账号换绑提醒")
registry.flow(Flow("bind", {step: waiting(step, read) for step, read in  # a request that needs binding waits with it
                           (("staff_no", _step_staff_no), ("name", _step_name), ("proof", _step_proof))},
                   label="绑定", keeps=keeps))
