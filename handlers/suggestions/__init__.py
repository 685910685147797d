"""suggestion / suggestion_status: the suggestion box, proposals (教代会提案) and complaints.

Anonymous means anonymous: the row holds no member or platform id and only the date; it waits in
the tray (storage/suggestions.py) until the day's release; nothing is logged with the text; the
reply kept for a retry is sealed like every kept reply (bot/dispatch.py); the daily limit is
counted in this process's memory only (a keyed hash with a random key replaced at midnight).
Proposals (提案) also go through the congress's steps: handlers/suggestions/proposals.py.
CLI for the committee: handlers/suggestions/commands.py.
"""

from __future__ import annotations

import functools
import re

from bot.engine import Ask, Context, Done, Retry
from bot.messages import Reply
from bot.nlu import normalize, words_version
from bot.registry import Flow, registry
from bot.several import QUEUE, TOAST
from bot.spaced import unspaced_lines
from bot.steps import SAID_NAME
from handlers._common import BIND_FIRST
from handlers.suggestions import again, asked, complaints, proposals, redact
from handlers.suggestions.consent import (
    BARE_CHOICE,
    NAMED_FIRST,
    PRIVACY_ANSWER,
    asks_about_signing,
    asks_privacy,
    changed_to,
    her_answer,
    leading_choice,
    only_changes_to_named,
    sign_choice,
    trailing_choice,
    without_own_name,
    without_reasons,
)
from handlers.suggestions.howto import (
    ADDED,
    HOW_ANSWER,
    NO_SUBSTANCE,
    SIGN_ASKED,
    adds_to_it,
    another_request,
    asks_how,
    labelled_or_how,
    more_after,
    news_not_suggestion,
    request_after,
    signup_at_choice,
)
from handlers.suggestions.opener import announces_only, claims_opener, who_said, without_opener
from handlers.suggestions.quota import DailyQuota
from handlers.suggestions.replies import reply_to as reply_to  # (the console and the CLI import it here)
from handlers.suggestions.resigning import RESIGN_RE, SIGN_NEEDS_BIND, resign
from handlers.suggestions.resigning import sender as _sender
from handlers.suggestions.retracted import retracted_name
from handlers.suggestions.tickets import LOOKUP_RE, ticket_text
from storage.scratch import keyed
from storage.suggestions import TICKET_ALPHABET

TICKET_RE = re.compile(rf"(?<![0-9a-z])([{TICKET_ALPHABET}]{{6}})(?![0-9a-z])", re.IGNORECASE)
LEAD_RE = re.compile(
    r"^(我(想|要|有)?(个|一个|一条|条|点)?|想|要|有(个|一个|一条|条)?|帮我|给工会|向工会|跟工会|对工会)*"
    # 匿名/实名/署名 is a lead only before a verb or a mark ("实名反映：…"), never the content's own
    # first word ("实名制考勤太麻烦了", "署名权的问题")
    r"((匿名|实名|署名)(?=(地|的)?(提|反馈|反映|投诉|吐槽|说|建议|提案|意见|一下|[：:，,。\s])))?"
    r"(地)?(的)?(提(?!案)(个|一个|一条|条|点)?|反馈|反映|投诉|吐槽|说)?(一下|一个|一条|下)?"
    r"(建议|提案|意见|投诉|反馈|问题|情况)?(一下)?(：|:|，|,|。|\s)*"
)
ANNOUNCING = re.compile(r"提|反馈|反映|投诉|吐槽|说|建议|意见|问题|情况|匿名|实名|署名|帮我|工会|[：:，,。\s]")
ASK_CONTENT = "请直接写下您的{kind}内容（一条消息即可）。回复“取消”可退出。"
ASK_SIGN = ("要署上您的名字吗？回复“实名”署名（工会可直接答复您）；回复“匿名”则不记录您的任何身份信息。"
            "回复其他内容也按匿名提交。")
ASK_FIRST = "\n请直接写下您的意见，并说明用实名还是匿名（例如“匿名：三楼厕所经常没水”）。回复“取消”可退出。"
# The two receipts have the same length (a response's size must not say which it was).
RECEIVED = ("已收到您的{kind}（{how}），编号 {ticket}。\n当天的意见今晚统一送达工会，工会会认真研究并答复，件件有回音。"
            "随时回复“查询建议 {ticket}”查看进展。\n{change}")
CHANGE = {
    True: "送达前想改为署名，请回复“改为实名 {ticket}”。请记下编号：匿名提交的编号无法找回。",
    False: "送达前想改为匿名，请回复“改为匿名 {ticket}”。答复会推送给您，也可查“我的建议”。",
}
IN_TRAY = "\n已收到，今晚统一送达工会（当天的意见一起送达，以保护匿名）。"
LIMIT = "您今天已提交 {n} 条意见，感谢您的热心！明天还可以继续提交。如有急事请联系{contact}。"
NOT_FOUND = "没有找到编号为 {ticket} 的建议，请核对编号（6 位字母和数字）。"
ASK_TICKET = "请回复建议编号（6 位字母和数字，例如 K7P2Q9）。已绑定的老师也可以回复“我的建议”查看实名提交的建议。"
STATUS_TEXT = "{kind} {ticket}（{created}提交）\n状态：{status}{reply}"
MINE_NONE = "您还没有实名提交过建议。匿名提交的建议请用编号查询：查询建议 编号。"
TOO_LONG = "内容有 {n} 字，超过了 {limit} 字的上限。请精简后重新发送，或分成几条提交。"
MAX_CHARS = 2000


def quota(ctx: Context) -> DailyQuota:
    return ctx.services.setdefault("suggestion_quota", DailyQuota())


@registry.chore
def _rotate_quota_at_midnight(bot) -> None:
    bot.services.setdefault("suggestion_quota", DailyQuota()).rotate(bot.clock.today().isoformat())


def detect_kind(text: str) -> str:
    if "提案" in text:
        return "提案"
    if "投诉" in text:
        return "投诉"
    return "建议"


def extract_content(text: str) -> str:
    """The suggestion's own words: without the lead ("匿名反馈一下："), nor an opener before them ("阿拉想提个意见伐，…",
    "语文组陈静，给工会提个建议：…": handlers/suggestions/opener.py); "" when nothing but the opener was said."""
    if announces_only(text):
        return ""
    text = without_opener(text)
    lead = LEAD_RE.match(text.strip())  # only a lead that announces ("我想提个意见：…"): "要求食堂…", "有人在…" are hers
    body = text.strip()[lead.end():].strip() if lead and ANNOUNCING.search(lead.group()) else text.strip()
    return "" if NO_SUBSTANCE.fullmatch(normalize(body)) else body


def extract_slots(text: str) -> dict:
    m = TICKET_RE.search(ticket_text(text))
    slots = {}
    if m and any(ch.isdigit() for ch in m.group(1)):
        slots["ticket"] = m.group(1).upper()
    choice = sign_choice(text)
    if choice is not None:
        slots["anonymous"] = not choice
    return slots


def _submit(ctx: Context, kind: str, content: str, anonymous: bool):
    ctx.keep_private()  # the turn that files it writes nothing about her, whatever flow led here (bot/privateturn.py)
    who = f"{ctx.msg.channel}:{ctx.msg.user_id}"
    limit = ctx.config.get("admin", "suggestions_per_day")
    if not quota(ctx).take(who, ctx.clock.today().isoformat(), limit):
        return Done(Reply(LIMIT.format(n=limit, contact=ctx.config.get("bot", "admin_contacts")), sensitive=True))
    member_id = None if anonymous else ctx.member.id
    content, hidden = unspaced_lines(content), False  # (spaced); anonymous: nothing in it says who (redact.py)
    if anonymous:
        content, hidden = redact.anonymized(content, ctx.member, _said_name(ctx).get(SAID_NAME))
    delivery = keyed("tray", ctx.msg.channel, ctx.msg.user_id, ctx.msg.msg_id)
    ticket = ctx.store.suggestions.submit(kind, content, member_id, delivery, _sender(ctx))
    text = RECEIVED.format(kind=kind, how="匿名" if anonymous else "实名", ticket=ticket,
                           change=CHANGE[anonymous].format(ticket=ticket)) + (redact.NOTE if hidden else "")
    return Done(Reply(text, sensitive=True))


def _said_name(ctx: Context) -> dict:
    """Who an unbound teacher said she is with her opener ("行政后勤组杜建平，给工会提个建议"), kept for a binding begun
    at the question to sign (bot/aside.py); never part of the suggestion, gone when it is filed."""
    said = (ctx.data or {}).get(SAID_NAME) or (who_said(ctx.msg.text) if ctx.member is None else None)
    return {SAID_NAME: said} if said and ctx.member is None else {}


def _next(ctx: Context, kind: str, content: str, anonymous: bool | None):
    if anonymous is None:
        return Ask(ASK_SIGN, "sign", flow="suggestion",
                   data={"kind": kind, "content": content, SIGN_ASKED: True, **_said_name(ctx)})
    if not anonymous and ctx.member is None:
        return Ask(SIGN_NEEDS_BIND, "sign", flow="suggestion", data={"kind": kind, "content": content, **_said_name(ctx)})
    return _submit(ctx, kind, content, anonymous)


@registry.intent(
    "suggestion",
    keywords={"建议": 3, "提案": 3, "投诉": 3, "反馈": 2.5, "意见": 2.5, "反映": 2.5, "吐槽": 2.5, "提议": 2.5,
              "匿名": 2, "意见箱": 3, "建议箱": 3, "希望工会": 2, "希望学校": 2, "希望": 1.5, "能不能": 0.5, "太差": 1,
              "没水": 1, "坏了": 1, "太吵": 1, "不合理": 1.5, "没纸": 1.5, "没人修": 1.5, "没人管": 1.5, "报修": 1},
    patterns=[(r"^(我)?(再|还|又|另外再?)?(想|要|有)?(个|一个|一条)?(提|反馈|反映|投诉)", 1.5),  # "再提一条，…" (r"(想|要|给工会|跟工会)提(个|一个|一条|点)?(意见|建议)", 2),
              # "我的建议：一、取消…；二、…": everything after the lead is the suggestion's words, never a command
              (r"^(我的|我有个|我有一个|提个|提一个|几点|几条|一点)?(建议|提案|意见|投诉)(如下)?[:：]", 12),
              (TOAST, -6)],  # a toast ("我提议，为插花沙龙，干杯！": bot/several.py)
    negatives={"查询建议": 6, "我的建议": 6, "建议进度": 6, "回复了吗": 4, "答复了吗": 4, "处理得怎么样": 4,
               "进展": 3, "查一下": 2, "结果": 3, "处理了吗": 4, "了吗": 1, "怎么查": 3},
    menu="提建议 / 教代会提案 / 投诉：匿名反馈一下：三楼厕所经常没水",
    menu_order=6,
    slots=extract_slots,
    words=["提建议", "意见箱", "建议箱", "提个建议"],
    claims=lambda ctx: asks_privacy(ctx.msg.text, about_suggesting=True) or bool(_changed_mind(ctx)) or labelled_or_how(ctx.msg.text)
    or complaints.complains(ctx.msg.text) or complaints.demands(ctx.msg.text) or claims_opener(ctx.msg.text)
    or again.asks_after_receipt(ctx, asks_about_signing(ctx.msg.text), _sender),
    private=True,  # every turn of a suggestion (its opening, draft, question, filing) writes nothing about her
)
def suggestion(ctx: Context):
    ticket = extract_slots(ctx.text).get("ticket")
    if ticket and RESIGN_RE.search(ctx.text):
        return resign(ctx, ticket)
    mine = _changed_mind(ctx)
    if mine:  # "算了 还是匿名吧" just after sending one: that one, found by the sender's keyed hash
        choice, tickets = mine
        if len(tickets) > 1:
            return Reply(WHICH_ONE.format(how="匿名" if choice is False else "实名"), sensitive=True)
        return resign(ctx, tickets[0], to_anonymous=choice is False)
    asked = asks_about_signing(ctx.text)  # "匿名是不是没人理" after a receipt: answered, nothing filed or changed
    if asked and (asked := again.asked_after(ctx, _sender(ctx), asked, PRIVACY_ANSWER)) is not None:
        return asked
    kind = detect_kind(ctx.text)
    offered = again.offer(ctx, kind, _sender(ctx))  # a bare "匿名" just after a signed receipt: change it?
    if offered is not None:
        return offered
    if asks_privacy(ctx.text):  # "会不会让领导知道是我啊": answered first, the suggestion asked for next
        return Ask(PRIVACY_ANSWER + ASK_FIRST, "content", flow="suggestion", data={"kind": kind, "anonymous": None})
    if asks_how(ctx.text):  # "在哪里可以做意见反馈": answered, the feedback itself asked for next
        return Ask(HOW_ANSWER.format(kind=kind), "content", flow="suggestion",
                   data={"kind": kind, "anonymous": False if sign_choice(ctx.text) is False else None})
    content = extract_content(ctx.text)
    # only the words before the suggestion say how to submit it ("实名反映：…"): the suggestion's own
    # text ("建议取消签名考勤") is never read as consent to be named
    lead = ctx.text.strip()[: max(0, len(ctx.text.strip()) - len(content))]
    content, choice = retracted_name(content, sign_choice(lead))  # "我想实名建议……算了，匿名吧：…" (attack27)
    if choice is None:
        content, choice = trailing_choice(content, ctx.member)
    if choice is None:
        content, choice = leading_choice(content)
    anonymous = None if choice is None else not choice
    if choice is None and complaints.complains(ctx.text):  # "饮水机可脏了": offered to be passed on
        return complaints.offer(kind, content)
    if len(content) > MAX_CHARS:
        return TOO_LONG.format(n=len(content), limit=MAX_CHARS)
    if len(content) < 4:
        return Ask(ASK_CONTENT.format(kind=kind), "content", flow="suggestion",
                   data={"kind": kind, "anonymous": anonymous, **_said_name(ctx)})
    return _next(ctx, kind, content, anonymous)


def _step_content(ctx: Context, text: str):
    if (aside := asked.aside(ctx, text, news_not_suggestion)) is not None:  # care news, a binding, only who she is
        return aside  # ("我爱人上个月查出来尿毒症…", "绑定 1017 何雪", "我是何雪"), or taken back ("算了，不说了")
    if asks_privacy(text):
        return Ask(PRIVACY_ANSWER + ASK_FIRST, "content")
    if announces_only(text):  # "就是想提个意见哈": still to come
        return Retry(ASK_CONTENT.format(kind=ctx.data["kind"]))
    text = without_opener(text)  # "有个建议，食堂…": the words after the opener
    text, choice = leading_choice(text)
    if choice is None:
        text, choice = trailing_choice(text, ctx.member)
    if choice is not None:  # "算了 用我名字提 办公室空调坏了一个月了": said with the suggestion
        ctx.data["anonymous"] = not choice
    if len(text.strip()) < 4:
        return Retry("内容太短了，请多写几个字说明情况；或回复“取消”。")
    if len(text.strip()) > MAX_CHARS:
        return Retry(TOO_LONG.format(n=len(text.strip()), limit=MAX_CHARS))
    return _next(ctx, ctx.data["kind"], text.strip(), ctx.data.get("anonymous"))


def _step_sign(ctx: Context, text: str):
    """Signed only on a clear ask; a refusal, "匿名" or anything unclear submits anonymously (the
    receipt says which it was and how to change it before the day's release)."""
    if asks_privacy(text):  # "匿名的话领导真的查不到吗": answered; unclear, so sent anonymously (the receipt says how to sign)
        done = _submit(ctx, ctx.data["kind"], ctx.data["content"], anonymous=True)
        done.text = Reply(PRIVACY_ANSWER + "\n\n" + done.text.text, sensitive=True)
        return done
    unanswered = again.not_an_answer(ctx, text, ASK_SIGN, extract_content)  # sent twice, or only who she is
    if unanswered is not None:
        return unanswered
    lead, other = request_after(text)  # "实名 对了拔河帮我报一下": the choice now, the other request next
    if other and her_answer(lead, ctx) is not None:
        ctx.data[QUEUE] = [other, *ctx.data.get(QUEUE, [])]
        text = lead
    elif (joined := signup_at_choice(ctx, text)) is not None:  # "确认报名插花沙龙": no answer but a sign-up: the
        ctx.data[QUEUE] = [joined[1], *ctx.data.get(QUEUE, [])]  # suggestion filed as the question promised
        text = joined[0]  # (anonymous, unless a name was asked for before it), then the sign-up asked
    lead, more = more_after(text)  # "匿名吧 另外图书馆也延长一下开放时间": the choice, and more of it (never dropped)
    if more and her_answer(lead, ctx) is not None and len(ctx.data["content"]) + len(more) < MAX_CHARS:
        ctx.data["content"] += "\n" + more.strip()
        text = lead
    if (choice := her_answer(text, ctx)) is True:
        if ctx.member is None:
            return Retry(SIGN_NEEDS_BIND)
        return _submit(ctx, ctx.data["kind"], ctx.data["content"], anonymous=False)
    if choice is None and adds_to_it(text) and len(ctx.data["content"]) + len(text) < MAX_CHARS:
        ctx.data["content"] += "\n" + text.strip()  # more of it ("图书馆周末能不能开放…"): never dropped, and
        if not ctx.data.get("added"):  # the choice asked once more (after that, sent anonymously as promised)
            ctx.data["added"] = True
            return Ask(ADDED.format(kind=ctx.data["kind"]) + ASK_SIGN, "sign")
    return _submit(ctx, ctx.data["kind"], ctx.data["content"], anonymous=True)


# sensitive: its text must not be logged next to a user id
def _step_offer(ctx: Context, text: str):
    return again.step_offer(ctx, text, _sender(ctx), resign, _step_content)


def _step_complaint(ctx: Context, text: str):
    return complaints.step(ctx, text, _next)


registry.flow(Flow("suggestion", {"content": _step_content, "sign": _step_sign, "offer": _step_offer,
                                  "complaint": _step_complaint}, sensitive=True, private=True,
                   free_text=frozenset({"content", "sign", "offer"}), label="建议", leaves=another_request,
                   keeps=complaints.keeps))


def _status_text(row: dict) -> Reply:
    """The status of one suggestion; sensitive when anonymous (who asks about a ticket is who wrote it)."""
    if row.get("day"):  # still in the tray
        text = STATUS_TEXT.format(kind=row["kind"], ticket=row["ticket"], created=row["day"], status="已收到",
                                  reply=IN_TRAY)
        return Reply(text, sensitive=True)
    reply = f"\n工会答复：{row['reply']}" if row["reply"] else "\n工会正在研究，答复后您可以在这里看到。"
    text = STATUS_TEXT.format(kind=row["kind"], ticket=row["ticket"], created=row["created_on"],
                              status=row["status"], reply=reply)
    return Reply(text, sensitive=bool(row["anonymous"]))


@registry.intent(
    "suggestion_status",
    keywords={"查询建议": 5, "我的建议": 5, "建议进度": 5, "回复了吗": 3, "答复了吗": 3, "处理得怎么样": 3,
              "进展": 2, "查建议": 5, "提案进度": 5, "我的提案": 5, "查询提案": 5, "投诉结果": 4, "处理结果": 3,
              "有回音": 3, "有答复": 3, "有结果": 3, "处理了吗": 3, "怎么查": 3},
    patterns=[(rf"^(?=.*[2-9])[{TICKET_ALPHABET.lower()}]{{6}}$", 3), (TICKET_RE.pattern.lower(), 0.5),
              (r"(建议|提案|投诉|反馈).{0,6}(怎么样了|处理了吗|有结果|进展|回复)", 3)],
    menu="查建议进度：查询建议 K7P2Q9 / 我的建议",
    claims=lambda ctx: bool(LOOKUP_RE.fullmatch(ticket_text(re.sub(r"\s+", "", ctx.msg.text)))),
    menu_order=7,
    slots=extract_slots,
    words=["查询建议", "我的建议", "建议进度", "我的提案"],
    private=True,  # a ticket looked up by its sender leaves no trace of her beside it
)
def suggestion_status(ctx: Context):
    ticket = (ctx.slots or extract_slots(ctx.text)).get("ticket")
    if ticket and RESIGN_RE.search(ctx.text):
        return resign(ctx, ticket)
    if ticket:
        return _lookup(ctx, ticket)
    if "我的" in ctx.text:
        if ctx.member is None:
            return BIND_FIRST
        rows = ctx.store.suggestions.for_member(ctx.member.id)
        if not rows:
            return MINE_NONE
        return Reply("\n\n".join(_mine_text(ctx, r) for r in rows[:5]))
    return Ask(ASK_TICKET, "ticket", flow="suggestion_status", data={})


def _lookup(ctx: Context, ticket: str):
    row = ctx.store.suggestions.by_ticket(ticket) or ctx.store.suggestions.in_tray(ticket)
    if row and row["kind"] == "提案" and not row.get("day"):
        return proposals.status_reply(ctx, row)  # the congress's steps; once answered, the satisfaction asked
    return _status_text(row) if row else Reply(NOT_FOUND.format(ticket=ticket), sensitive=True)


def _mine_text(ctx: Context, row: dict) -> str:
    if row["kind"] == "提案" and not row.get("day"):
        return proposals.status_text(ctx.store, row)
    return _status_text(row).text


# a change of mind about signing, said after the suggestion was sent: "算了算了 还是匿名 不想出头"
CHANGED_MIND = re.compile(r"还是|改成|改为|换成|算了|想了想|想想|不对|改主意|反悔|那就?(?=实名|署名|写我|用我|留我)")
OTHERS_SAY = re.compile(r"他|她|别人|人家|大家|同事|领导|们|(?<!我)(说|觉得|认为|讲)(?!错)")
WHICH_ONE = "您今天提交了不止一条，请回复“改为{how} 编号”说明改哪一条。"


def _changed_mind(ctx: Context) -> tuple[bool, list[str]] | None:
    """(the new choice, the tickets the sender has in today's tray) when the message only says she
    changed her mind about signing; nothing is stored to find them (the tray keeps the keyed hash)."""
    if ctx.member is None:
        return None
    said = _said_as_change(without_own_name(ctx.msg.text, ctx.member), words_version())  # "算了 实名就实名 张三提的"
    if said is None:
        return None
    norm = normalize(said)
    choice = changed_to(said, her_answer(ctx.msg.text, ctx))
    if choice is None or (choice and (OTHERS_SAY.search(norm) or not only_changes_to_named(said))):
        # "老王说还是实名好", "评优投票还是实名吧": not her own change to a name
        return None
    tickets = ctx.store.suggestions.sent_by(_sender(ctx))
    return (choice, tickets) if tickets else None


@functools.lru_cache(maxsize=4096)  # asked by the suggestion's claims on every message that answers nothing open (issue
def _said_as_change(text: str, _words: int) -> str | None:  # 23, round 19); the words' version: normalize's (bot/nlu.py)
    """The words of a message that may say a change of mind about signing, without the reasons given for it
    ("…又没说什么见不得人的"), or None when it cannot: the text's alone (her own name is out of it already, and never
    in what is remembered here: attack review 12). A bare "实名吧" just after the receipt is her choice too."""
    said = without_reasons(text)
    norm = normalize(said)
    if len(norm) > 30 or len(extract_content(said)) > 20 or \
            not (CHANGED_MIND.search(norm) or BARE_CHOICE.match(norm) or NAMED_FIRST.match(re.sub(r"\s+", "", norm))):
        return None
    return said


def _step_ticket(ctx: Context, text: str):
    ticket = extract_slots(text).get("ticket")
    if not ticket:
        return Retry("编号是 6 位字母和数字，例如 K7P2Q9。请再试一次，或回复“取消”。")
    if RESIGN_RE.search(text):
        return Done(resign(ctx, ticket))
    found = _lookup(ctx, ticket)
    return found if isinstance(found, Ask) else Done(found)


registry.flow(Flow("suggestion_status", {"ticket": _step_ticket}, label="建议查询", private=True))
