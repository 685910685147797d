"""vote / vote_result: polls in chat (民主测评, 教代会表决). Secret ballot: see storage/polls.py.

"投票" (or 测评, 表决) walks the voter through the questions (several answers in one message: "1 1 2 1"),
shows the choices back, and on "确认" records the ballot and answers with a receipt code. The
receipt is the only proof of a ballot: "修改投票 收据码" replaces it until the poll closes, and after
closing "投票结果 收据码" tells whether it was counted. Replies that show choices or a receipt are
sensitive; the conversation that holds the choices is sealed like every conversation.
CLI for the committee: handlers/polls/commands.py.
"""

from __future__ import annotations

import re

from bot.engine import Ask, Context, Done, Retry
from bot.messages import Reply
from bot.registry import Flow, registry
from handlers._common import BIND_FIRST
from handlers.polls import guard
from handlers.polls.notices import audience_name
from storage.polls import RECEIPT_LENGTH, PollError, poll_audience_allows
from storage.suggestions import TICKET_ALPHABET

RECEIPT_RE = re.compile(rf"(?<![0-9a-z])([{TICKET_ALPHABET}]{{{RECEIPT_LENGTH}}})(?![0-9a-z])", re.IGNORECASE)
NONE_OPEN = "目前没有进行中的投票。"
JUST_CLOSED = "“{title}”已于 {closes} 截止投票。结果公布后可回复“投票结果”查看。"
NOT_YET = "“{title}”还没有开始，{opens} 开始投票。届时回复“投票”即可参加。"
NOT_ELIGIBLE = "“{title}”的投票范围是{audience}，您不在本次投票范围内，无需投票。感谢您的关注！"
ALREADY = ("您已经在“{title}”中投过票了，每人一票。截止前如需修改，请回复“修改投票 收据码”"
           "（投票后收到的 8 位收据码）。")
CHOOSE = "现在有 {n} 项投票：{items}。请回复编号选择。"
INTRO = ("【{title}】共 {n} 题，{closes} 截止。请按顺序回复每题选项的编号，可以一次回复多题，用空格隔开"
         "（例如“{example}”）；回复“取消”放弃，不会记录。\n{questions}")
MORE = "已记下前 {k} 题。请继续回复第 {next} 题起的编号：\n{questions}"
NOT_UNDERSTOOD = "没看懂“{token}”。第 {k} 题请回复 1–{top} 的编号（或选项文字），多题用空格隔开；回复“取消”放弃。"
TOO_MANY = "您回复了 {got} 个答案，但只剩 {left} 题。请重新回复第 {next} 题起的编号。"
CONFIRM = "请核对您的选择：\n{lines}\n回复“确认”提交；回复“重选”重新选择；回复“取消”放弃（不会记录）。"
CONFIRM_AGAIN = "请回复“确认”提交，或“重选”重新选择，或“取消”放弃。"
VOTED = ("投票成功！您的收据码：{receipt}\n请记下它：它是修改选票和核对计票的唯一凭证，系统不记录收据码属于谁，"
         "丢失无法找回。\n截止（{closes}）前可回复“修改投票 {receipt}”重新选择；结果公布后回复“投票结果 {receipt}”"
         "核对您的选票是否计入。")
CHANGED = ("已修改。收据码仍是 {receipt}。截止（{closes}）前还可以再改；结果公布后回复“投票结果 {receipt}”核对是否计入。")
LATE = "“{title}”已经截止，选票不能再修改了。"
NO_BALLOT = "没有找到收据码 {receipt} 对应的选票。请核对收据码（8 位字母和数字）；只能修改进行中的投票。"
RESULT_NONE = "还没有已公布的投票结果。"
RESULT_NOT_YOURS = "没有您可以查看的投票结果：投票结果只向该次投票范围内的会员公布。"
COUNTED = "收据码 {receipt} 的选票已计入“{title}”的结果。"
WAITING = "收据码 {receipt} 的选票已收到，“{title}”截止后统一计票。"
NOT_COUNTED = "没有找到收据码 {receipt} 的选票。请核对收据码；如确认投过票却未计入，请联系{contact}。"
WITHHELD = "【{title}】已结束。参与 {ballots} 人，未达到公布结果所需的 {needed} 人，按规定不公布结果。"
YES = {"确认", "确定", "是", "是的", "对", "好", "好的", "提交", "确认提交", "ok", "OK", "没问题", "可以"}
AGAIN = {"重选", "重投", "重新选", "重新选择", "不对", "否", "改", "重来"}


def receipt_in(text: str) -> str | None:
    for m in RECEIPT_RE.finditer(text.upper()):
        code = m.group(1)
        if any(ch.isdigit() for ch in code) and any(ch.isalpha() for ch in code):
            return code
    return None


def _slots(text: str) -> dict:
    receipt = receipt_in(text)
    return {"receipt": receipt} if receipt else {}


def _question_lines(poll: dict, start: int) -> str:
    lines = []
    for i, q in enumerate(poll["questions"][start:], start + 1):
        options = " ".join(f"{n}.{o}" for n, o in enumerate(q["options"], 1))
        lines.append(f"第{i}题 {q['text']}：{options}")
    return "\n".join(lines)


def _intro(poll: dict, receipt: str | None = None) -> Ask:
    example = " ".join("1" for _ in poll["questions"][:4])
    text = INTRO.format(title=poll["title"], n=len(poll["questions"]), closes=poll["closes_at"], example=example,
                        questions=_question_lines(poll, 0))
    return Ask(text, "answers", flow="vote", data={"poll": poll["id"], "choices": [], "receipt": receipt})


def parse_answers(text: str, questions: list[dict]) -> tuple[list[int], str | None]:
    """The option numbers in `text` for `questions` in order: numbers ("1 1 2 1", "1121" when every
    answer is one digit) or option texts ("优秀 称职"). Returns (answers, the first token not
    understood)."""
    tokens = [t for t in re.split(r"[\s,，、;；/.。]+", text.strip()) if t]
    if len(tokens) == 1 and tokens[0].isdigit() and len(tokens[0]) > 1:
        tokens = list(tokens[0])  # "1121"
    answers: list[int] = []
    for token in tokens:
        q = questions[len(answers)] if len(answers) < len(questions) else questions[-1]
        if token.isdigit() and 1 <= int(token) <= len(q["options"]):
            answers.append(int(token))
        elif token in q["options"]:
            answers.append(q["options"].index(token) + 1)
        else:
            return answers, token
    return answers, None


def _poll(ctx: Context) -> dict | None:
    poll = ctx.store.polls.get(ctx.data["poll"])
    return poll if poll and poll["status"] == "进行中" else None


def _step_answers(ctx: Context, text: str):
    poll = _poll(ctx)
    if poll is None:
        return Done(NONE_OPEN)
    done = list(ctx.data.get("choices") or [])
    left = poll["questions"][len(done):]
    answers, bad = parse_answers(text, left)
    if bad is not None:
        k = len(done) + len(answers) + 1
        q = poll["questions"][min(k, len(poll["questions"])) - 1]
        return Retry(NOT_UNDERSTOOD.format(token=bad[:10], k=k, top=len(q["options"])))
    if len(answers) > len(left):
        return Retry(TOO_MANY.format(got=len(answers), left=len(left), next=len(done) + 1))
    done += answers
    data = {**ctx.data, "choices": done}
    if len(done) < len(poll["questions"]):
        return Ask(MORE.format(k=len(done), next=len(done) + 1, questions=_question_lines(poll, len(done))),
                   "answers", data=data)
    lines = "\n".join(f"第{i}题 {q['text']}：{q['options'][c - 1]}"
                      for i, (q, c) in enumerate(zip(poll["questions"], done, strict=True), 1))
    return Ask(CONFIRM.format(lines=lines), "confirm", data=data)


def _step_confirm(ctx: Context, text: str):
    word = text.strip().rstrip("。！!")
    if word in AGAIN:
        poll = _poll(ctx)
        return _intro(poll, ctx.data.get("receipt")) if poll else Done(NONE_OPEN)
    if word not in YES:
        return Retry(CONFIRM_AGAIN)
    poll = _poll(ctx)
    if poll is None:
        return Done(NONE_OPEN)
    polls = ctx.store.polls
    receipt = ctx.data.get("receipt")
    try:
        if receipt:
            if not polls.replace(poll["id"], receipt, ctx.data["choices"]):
                return Done(Reply(LATE.format(title=poll["title"]), sensitive=True))
            return Done(Reply(CHANGED.format(receipt=receipt, closes=poll["closes_at"]), sensitive=True))
        if ctx.member is None:
            return Done(BIND_FIRST)
        receipt = polls.cast(poll["id"], ctx.member.id, ctx.data["choices"])
    except PollError:
        return Done(NONE_OPEN)
    if receipt is None:
        return Done(ALREADY.format(title=poll["title"]))
    return Done(Reply(VOTED.format(receipt=receipt, closes=poll["closes_at"]), sensitive=True))


def _step_choose(ctx: Context, text: str):
    ids = ctx.data["polls"]
    t = text.strip()
    if not t.isdigit() or not 1 <= int(t) <= len(ids):
        return Retry(f"请回复 1–{len(ids)} 的编号选择投票，或回复“取消”。")
    poll = ctx.store.polls.get(ids[int(t) - 1])
    if poll is None or poll["status"] != "进行中":
        return Done(NONE_OPEN)
    return _intro(poll)


# sensitive: the choices must never be logged next to a user id
registry.flow(Flow("vote", {"choose": _step_choose, "answers": _step_answers, "confirm": _step_confirm},
                   sensitive=True, free_text=frozenset({"answers", "confirm"}), label="投票"))


def _change(ctx: Context, receipt: str):
    polls = ctx.store.polls
    if guard.locked(ctx):  # too many wrong receipts from this account: no more tries for now
        return guard.too_many()
    ballot = polls.ballot(receipt)
    if ballot is None:
        counted = polls.counted(receipt)
        if counted is not None:
            return Reply(LATE.format(title=polls.get(counted["poll_id"])["title"]), sensitive=True)
        return guard.failed(ctx, Reply(NO_BALLOT.format(receipt=receipt), sensitive=True))
    poll = polls.get(ballot["poll_id"])
    if poll["status"] != "进行中":
        return Reply(LATE.format(title=poll["title"]), sensitive=True)
    return _intro(poll, receipt)


@registry.intent(
    "vote",
    keywords={"投票": 4, "测评": 4, "表决": 4, "民主测评": 5, "修改投票": 5, "改投": 4, "选票": 3, "我要投票": 5,
              "评议": 3},
    # (a shopper's review of an activity is no 民主测评: "本期测评两款", "测评结论：两款都回购", "值得入手", "种草")
    negatives={"投票结果": 6, "测评结果": 6, "表决结果": 6, "结果": 3, "计票": 3, "核对": 2, "两款": 4, "这款": 4, "本款": 4,
               "回购": 4, "入手": 4, "种草": 4, "拔草": 4, "下单": 4, "活动测评": 4},
    patterns=[(r"^(去|我要)?投票(?!\s*(计票)?结果)\s*\S", 6)],  # "投票 <标题>": the words of a poll's announcement and 钉钉 button
    menu="投票 / 民主测评：投票（截止前可凭收据码修改）",
    menu_order=8,
    slots=_slots,
    words=["投票", "测评", "民主测评", "表决", "修改投票", "收据码"],
)
def vote(ctx: Context):
    polls = ctx.store.polls
    polls.close_due()
    receipt = (ctx.slots or _slots(ctx.text)).get("receipt")
    named = named_poll(ctx)
    if receipt and (named is None or receipt not in polls.get(named)["title"].upper()):  # a code in a title: no receipt
        return _change(ctx, receipt)
    return begin(ctx, named)[1]


def named_poll(ctx: Context) -> int | None:
    """The poll whose title the message names ("投票 教代会表决：…", the words of a poll's announcement
    and of its 钉钉 button), the longest title first; None when it names none. A title comes back (a
    民主测评 every year): of the polls so named the running one, else the next, else the newest."""
    said = re.sub(r"\s+", "", ctx.text)
    named = [p for p in ctx.store.polls.list() if re.sub(r"\s+", "", p["title"]) in said]
    rank = {"进行中": 2, "未开始": 1}
    return max(named, key=lambda p: (len(p["title"]), rank.get(p["status"], 0), p["id"]))["id"] if named else None


def begin(ctx: Context, poll_id: int | None = None) -> tuple[str, object]:
    """Start voting, as "投票" does: (outcome, reply). With `poll_id` (a title named, a 去投票 button
    tapped: handlers/polls/tap.py) that poll; else the member's open polls. Outcomes: bind, none,
    not_open, closed, not_eligible, already, choose, started."""
    polls = ctx.store.polls
    if ctx.member is None:
        return "bind", BIND_FIRST
    poll = polls.get(poll_id) if poll_id is not None else None
    if poll is not None:
        if poll["status"] != "进行中" and poll["status"] != "未开始":
            return "closed", JUST_CLOSED.format(title=poll["title"], closes=poll["closes_at"])
        if not poll_audience_allows(poll["audience"], ctx.member):  # before 未开始: no opening time for them
            return "not_eligible", NOT_ELIGIBLE.format(title=poll["title"], audience=audience_name(poll["audience"]))
        if poll["status"] == "未开始":
            return "not_open", NOT_YET.format(title=poll["title"], opens=poll["opens_at"])
        if polls.has_voted(poll["id"], ctx.member.id):
            return "already", ALREADY.format(title=poll["title"])
        return "started", _intro(poll)
    mine, others = polls.open_for(ctx.member)
    if not mine:
        if others:
            p = others[0]
            return "not_eligible", NOT_ELIGIBLE.format(title=p["title"], audience=audience_name(p["audience"]))
        closed = [p for p in polls.list() if p["status"] in ("已结束", "待计票", "已截止")]  # counted or not yet
        if closed:
            return "closed", JUST_CLOSED.format(title=closed[-1]["title"], closes=closed[-1]["closes_at"])
        return "none", NONE_OPEN
    todo = [p for p in mine if not polls.has_voted(p["id"], ctx.member.id)]
    if not todo:
        return "already", ALREADY.format(title=mine[0]["title"])
    if len(todo) > 1:
        items = "；".join(f"{i}. {p['title']}" for i, p in enumerate(todo, 1))
        return "choose", Ask(CHOOSE.format(n=len(todo), items=items), "choose", flow="vote",
                             data={"polls": [p["id"] for p in todo]})
    return "started", _intro(todo[0])


def result_text(result: dict) -> str:
    if result["withheld"]:
        return WITHHELD.format(title=result["title"], ballots=result["ballots"], needed=result["needed"])
    lines = [f"【{result['title']}】投票结果（应投 {result['eligible']} 人，实投 {result['ballots']} 人）"]
    for i, q in enumerate(result["questions"], 1):
        counts = "，".join(f"{option} {n}" for option, n in q["counts"].items())
        lines.append(f"第{i}题 {q['question']}：{counts}")
    lines.append(f"计入 {len(result['receipts'])} 张选票。回复“投票结果 收据码”核对您的选票是否计入。")
    return "\n".join(lines)


@registry.intent(
    "vote_result",
    keywords={"投票结果": 6, "测评结果": 6, "表决结果": 6, "计票": 4, "核对选票": 5, "票数": 4},
    menu=None,
    slots=_slots,
    words=["投票结果", "测评结果", "表决结果", "计票"],
)
def vote_result(ctx: Context):
    polls = ctx.store.polls
    polls.close_due()
    receipt = (ctx.slots or _slots(ctx.text)).get("receipt")
    if receipt:
        if guard.locked(ctx):
            return guard.too_many()
        counted = polls.counted(receipt)
        if counted is not None:
            return Reply(COUNTED.format(receipt=receipt, title=polls.get(counted["poll_id"])["title"]), sensitive=True)
        waiting = polls.ballot(receipt)
        if waiting is not None:
            return Reply(WAITING.format(receipt=receipt, title=polls.get(waiting["poll_id"])["title"]), sensitive=True)
        return guard.failed(ctx, Reply(NOT_COUNTED.format(receipt=receipt, contact=ctx.config.get("bot", "admin_contacts")),
                                       sensitive=True))
    if ctx.member is None:
        return BIND_FIRST
    closed = [p for p in polls.list() if p["closed"]]
    if not closed:
        return RESULT_NONE
    mine = [p for p in closed if poll_audience_allows(p["audience"], ctx.member)]  # a result is for its voters
    if not mine:
        return RESULT_NOT_YOURS
    return "\n\n".join(result_text(polls.results(p["id"])) for p in mine[-3:][::-1])


@registry.chore
def _close_due(bot) -> None:
    bot.store.polls.close_due()
