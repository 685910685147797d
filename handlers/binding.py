"""bind: link a platform user to a roster member ("绑定 1024 张三", "我是张伟，工号2033", or guided).

Checked against the roster (and the phone's last four digits when [admin] require_phone_last4).
Five wrong tries in an hour → a pause. "解绑" removes the link.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.engine import Ask, Context, Done, Retry
from bot.registry import Flow, registry
from handlers._common import STAFF_NO_RE

MAX_TRIES = 5
ASK_STAFF_NO = "请回复您的工号（例如 1024）。回复“取消”可随时退出。"
ASK_NAME = "请回复您的姓名。"
ASK_PHONE = "为确认身份，请回复您登记手机号的后四位。"
BOUND = "绑定成功！{name}老师（工号 {staff_no}），现在可以报名活动、提建议、查体检安排了。回复“帮助”查看全部功能。"
ALREADY = "您已绑定为 {name}老师（工号 {staff_no}）。如需更换，请先回复“解绑”。"
MISMATCH = "工号和姓名对不上，请核对后重试（例如“绑定 1024 张三”）。如有疑问请联系{contact}。"
NOT_ACTIVE = "工号 {staff_no} 当前不是在职或退休状态，无法绑定。如有疑问请联系{contact}。"
PHONE_MISMATCH = "手机号后四位不对，请核对后重试。"
TOO_MANY = "尝试次数过多，为保护会员信息，请一小时后再试，或联系{contact}核对身份。"
UNBOUND = "已解除绑定。需要时回复“绑定 工号 姓名”重新绑定。"
NOT_BOUND = "您还没有绑定身份。回复“绑定 工号 姓名”即可绑定，例如“绑定 1024 张三”。"

NAME_RE = r"([\u4e00-\u9fa5·]{2,5}?)"
BIND_PATTERNS = [
    re.compile(r"绑定\s*[:：]?\s*(?:工号)?\s*([0-9]{3,10})\s*[,，、 ]*\s*" + NAME_RE + r"(?:老师)?$"),
    re.compile(r"绑定\s*[:：]?\s*" + NAME_RE + r"(?:老师)?\s*[,，、 ]*\s*(?:工号)?\s*([0-9]{3,10})$"),
    re.compile(r"我是\s*" + NAME_RE + r"(?:老师)?\s*[,，、 ]*\s*工号(?:是)?\s*[:：]?\s*([0-9]{3,10})"),
    re.compile(r"工号(?:是)?\s*[:：]?\s*([0-9]{3,10})\s*[,，、 ]*\s*(?:我是|姓名)?\s*[:：]?\s*" + NAME_RE + r"(?:老师)?$"),
]


def extract(text: str) -> dict:
    slots: dict = {}
    compact = text.strip()
    for pattern in BIND_PATTERNS:
        m = pattern.search(compact)
        if m:
            a, b = m.group(1), m.group(2)
            staff_no, name = (a, b) if a.isdigit() else (b, a)
            return {"staff_no": staff_no, "name": name}
    m = STAFF_NO_RE.search(compact)
    if m:
        slots["staff_no"] = m.group(1)
    if "解绑" in compact or "解除绑定" in compact:
        slots["action"] = "unbind"
    return slots


def _contact(ctx: Context) -> str:
    return ctx.config.get("bot", "admin_contacts")


def _attempt_key(ctx: Context) -> str:
    return f"bind:{ctx.msg.channel}:{ctx.msg.user_id}"


def _locked(ctx: Context) -> bool:
    since = (ctx.clock.now() - dt.timedelta(hours=1)).isoformat()
    count = ctx.store.db.scalar("SELECT count(*) FROM attempts WHERE key = ? AND at > ?", (_attempt_key(ctx), since))
    return count >= MAX_TRIES


def _fail(ctx: Context, message: str):
    ctx.store.db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", (_attempt_key(ctx), ctx.clock.now().isoformat()))
    if _locked(ctx):
        return Done(TOO_MANY.format(contact=_contact(ctx)))
    return message


def _verify(ctx: Context, staff_no: str, name: str):
    """Check the pair; bind, ask for the phone, or explain."""
    if _locked(ctx):
        return Done(TOO_MANY.format(contact=_contact(ctx)))
    member = ctx.store.members.by_staff_no(staff_no)
    if member is None or member.name != name.removesuffix("老师"):
        return _fail(ctx, MISMATCH.format(contact=_contact(ctx)))
    if not member.active:
        return Done(NOT_ACTIVE.format(staff_no=staff_no, contact=_contact(ctx)))
    if ctx.config.get("admin", "require_phone_last4") and member.phone:
        return Ask(ASK_PHONE, "phone", flow="bind", data={"member_id": member.id})
    return _bind(ctx, member.id)


def _bind(ctx: Context, member_id: int) -> Done:
    ctx.store.bindings.bind(ctx.msg.channel, ctx.msg.user_id, member_id)
    ctx.store.db.execute("DELETE FROM attempts WHERE key = ?", (_attempt_key(ctx),))
    member = ctx.store.members.get(member_id)
    return Done(BOUND.format(name=member.name, staff_no=member.staff_no))


@registry.intent(
    "bind",
    keywords={"绑定": 3, "工号": 2.5, "认证": 1.5, "验证身份": 2, "身份": 1, "解绑": 3, "解除绑定": 3, "实名认证": 2},
    patterns=[(r"^我是.{1,5}[，, ]*工号", 3), (r"^(绑定|工号)\s*[0-9]{3,}", 3), (r"我叫.{1,4}[，, ]*工号", 3)],
    negatives={"推送": 2},
    menu="绑定身份：绑定 1024 张三",
    menu_order=1,
    slots=extract,
    words=["解绑", "解除绑定"],
)
def bind(ctx: Context):
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
        return TOO_MANY.format(contact=_contact(ctx))
    if slots.get("staff_no") and slots.get("name"):
        return _verify(ctx, slots["staff_no"], slots["name"])
    if slots.get("staff_no"):
        return Ask(ASK_NAME, "name", flow="bind", data={"staff_no": slots["staff_no"]})
    return Ask(ASK_STAFF_NO, "staff_no", flow="bind", data={})


def _step_staff_no(ctx: Context, text: str):
    m = STAFF_NO_RE.search(text)
    if not m:
        return Retry("工号应该是一串数字，例如 1024。请再试一次，或回复“取消”。")
    ctx.data["staff_no"] = m.group(1)
    return Ask(ASK_NAME, "name")


def _step_name(ctx: Context, text: str):
    name = re.sub(r"^(我是|我叫|姓名[:：]?)", "", text.strip()).removesuffix("老师")
    if not re.fullmatch(r"[\u4e00-\u9fa5·]{2,6}", name):
        return Retry("请回复您的中文姓名，例如“张三”。")
    result = _verify(ctx, ctx.data["staff_no"], name)
    if isinstance(result, str):  # mismatch but not locked: end; they can start again
        return Done(result)
    return result


def _step_phone(ctx: Context, text: str):
    member = ctx.store.members.get(ctx.data["member_id"])
    digits = re.sub(r"\D", "", text)
    if member and len(digits) == 4 and member.phone.endswith(digits):
        return _bind(ctx, member.id)
    result = _fail(ctx, PHONE_MISMATCH)
    return result if isinstance(result, Done) else Retry(PHONE_MISMATCH)


registry.flow(Flow("bind", {"staff_no": _step_staff_no, "name": _step_name, "phone": _step_phone}))
