"""What is no answer to "要署上您的名字吗？" although it is sent there, and a bare "匿名" after a signed receipt.

- The suggestion itself sent again (a slow network, an impatient thumb) is asked again, never filed as
  "anything else is anonymous".
- A bound teacher sending only who she is ("我叫唐宁 工号1027", "唐宁") is asked once more in plain words
  (her own name is no consent on its own); said again, the promise of the question holds: anonymous.
- "匿名" on its own right after a signed receipt: the receipt was filed signed and can still be changed
  before the day's release, so she is asked whether to change it ("是" changes it, "否" keeps it, a new
  suggestion is taken as one, anonymous). Nothing is kept to find the ticket: her yes finds it in the tray
  by the sender's keyed hash, as "算了 还是匿名" does.
"""

from __future__ import annotations

import re

from bot.answers import yes_first
from bot.engine import Ask, Context, Done, Retry
from bot.messages import Reply
from bot.nlu import normalize

_SQUASH = re.compile(r"[\s,，。.！!~～；;、…]+")
ASKED_AGAIN = "这条{kind}已经收到了，不用再发。"
WHO_AGAIN = "您已绑定为{name}老师。这条{kind}要署上您的名字吗？回复“实名”署名；回复“匿名”则不留名。"
OFFER = ("您刚才的{kind}（编号 {ticket}）是实名提交的，今晚送达前还可以改。要改为匿名吗？回复“是”改为匿名，回复“否”保持实名；"
         "如果是要另提一条匿名意见，请直接写下内容。")
OFFER_MANY = "您今天实名提交了不止一条，请回复“改为匿名 编号”说明改哪一条；如果是要另提一条匿名意见，请直接写下内容。"
KEPT_NAMED = "好的，编号 {ticket} 仍为实名，今晚送达工会，答复会推送给您。"
KEPT_ALL = "好的，不做更改。"
ASK_YES_NO = "请回复“是”改为匿名，或回复“否”保持实名；要另提一条意见，请直接写下内容（至少几个字）。"

# a question about signing just after a receipt ("想了想，匿名是不是没人理", "还是实名好还是匿名好？") is answered: it
# opened a new suggestion whose words were the question, filed on the next word (attack review 17)
ASKED_ABOUT = ("\n您今天提交的意见不做更改，仍按提交时的方式送达。想改，请回复“改为实名 编号”或“改为匿名 编号”；"
               "要另提一条，请以“建议：”开头写下内容。")
BARE_ANON = re.compile(r"^(那就?|就|嗯|还是)?(匿名|不具名|不署名)(吧|嘛|啦|了|的|呗|就行|好了|哈|呀)*$")
_NO = re.compile(r"^(否|不|不用|不用了|不改|不改了|算了|不要|别改|保持|保持实名|还是实名|就实名|实名)(吧|啊|呀|的|了)*")
_KEEP = re.compile(r"(不|别|甭|莫)(要|用|必)?(改|匿名)|实名|署名")


def _wants_change(answer: str) -> bool:
    """A short yes to "要改为匿名吗？": "是的 改成匿名吧", "算了 还是匿名吧", "嗯" (not "不要改了", "行吧 保持实名")."""
    return len(answer) <= 10 and not _KEEP.search(answer) and \
        bool(yes_first(answer) or answer.startswith("改") or "匿名" in answer)


BINDS = re.compile(r"^\s*(我要|我想|请|帮我)?(绑定|重新绑定|换绑|改绑|解绑|解除绑定)")
_WHO_WORDS = re.compile(r"我叫|我是|我系|本人|鄙人|姓名|名字|叫|工号|职工号|是|为|老师|的|[:：]")


def _squashed(text: str) -> str:
    return _SQUASH.sub("", normalize(text))


def said_again(text: str, content: str, extract) -> bool:
    """Whether the message is the suggestion sent again (whatever its spaces and marks), lead included."""
    said = {_squashed(text), _squashed(extract(text) or "")}
    lines = {_squashed(line) for line in content.split("\n")}
    return any(len(s) >= 4 and s in lines for s in said)


def only_who(text: str, member) -> bool:
    """Whether the message says nothing but who the bound sender is: her name, her 工号, the words around them."""
    if member is None:
        return False
    t = _squashed(text).replace(member.name, "", 1) if member.name in _squashed(text) else None
    if t is None:
        return False
    t = t.replace(member.staff_no, "")
    return not _WHO_WORDS.sub("", t)


def not_an_answer(ctx: Context, text: str, ask_sign: str, extract):
    """The step's reply to a message sent at the choice to sign that answers nothing, or None."""
    kind = ctx.data["kind"]
    if said_again(text, ctx.data["content"], extract):
        return Ask(ASKED_AGAIN.format(kind=kind) + ask_sign, "sign")
    if (only_who(text, ctx.member) or (ctx.member is not None and BINDS.match(normalize(text)))) \
            and not ctx.data.get("who_asked"):  # "绑定 1009 周婷 0009" from a bound teacher: no answer either
        ctx.data["who_asked"] = True
        return Ask(WHO_AGAIN.format(name=ctx.member.name, kind=kind), "sign")
    return None


def signed_today(ctx: Context, sender: str) -> list[str]:
    """The sender's tickets in today's tray that are signed."""
    tray = ctx.store.suggestions
    return [t for t in tray.sent_by(sender) if (row := tray.in_tray(t)) and row["member_id"]]


def offer(ctx: Context, kind: str, sender: str):
    """A bare "匿名" from a teacher whose suggestion today is signed: asked whether to change it; None when
    she has none signed (the suggestion is asked for, as before)."""
    if ctx.member is None or not BARE_ANON.match(_squashed(ctx.text)):
        return None
    tickets = signed_today(ctx, sender)
    if not tickets:
        return None
    text = OFFER.format(kind=kind, ticket=tickets[0]) if len(tickets) == 1 else OFFER_MANY
    return Ask(text, "offer", flow="suggestion", data={"kind": kind, "anonymous": True})


def step_offer(ctx: Context, text: str, sender: str, resign, step_content):
    """The answer to the offer: yes changes the one signed today, no keeps it, anything longer is a new one."""
    answer = _squashed(text)
    tickets = signed_today(ctx, sender)
    if _wants_change(answer) and len(tickets) == 1:
        return Done(resign(ctx, tickets[0], to_anonymous=True))
    if len(answer) <= 10 and (_NO.match(answer) or _KEEP.search(answer)):
        return Done(Reply(KEPT_NAMED.format(ticket=tickets[0]) if len(tickets) == 1 else KEPT_ALL, sensitive=True))
    if len(answer) >= 4:
        return step_content(ctx, text)
    return Retry(ASK_YES_NO)


def asked_after(ctx: Context, sender: str, asked: bool, answer: str) -> Reply | None:
    """The answer to a question about signing (`asked`: consent.asks_about_signing, with no "建议：" before it) sent
    after a receipt of today: what signing means and how to change it; None when she sent nothing today."""
    if not asked or not ctx.store.suggestions.sent_by(sender):
        return None
    return Reply(answer + ASKED_ABOUT, sensitive=True)


def asks_after_receipt(ctx: Context, asked: bool, sender) -> bool:
    """A question about signing after a receipt of today ("匿名是不是就收不到答复了"), however unsure the classifier is
    between a suggestion and its status: the suggestion feature's to answer (`asked_after`), never a menu whose pick
    would file the question as a second suggestion. `sender`: the keyed hash's function, called only when asked."""
    return asked and bool(ctx.store.suggestions.sent_by(sender(ctx)))
