"""What is no suggestion although it is sent where one was asked for ("请直接写下您的建议内容", after an opener such as
"有个建议不知当讲不当讲"), and her own name put to an anonymous one (attack review 18):

- only who she is ("我是何雪", "工号1017", "我是体艺组的何雪"): noted, the content asked for again (it was filed as the
  suggestion's words, her name in an anonymous suggestion, and her real words the next message were taken for the
  choice to sign and lost);
- a binding ("绑定 1017 何雪"): done as the request it is, never the words of an anonymous suggestion;
- the suggestion taken back ("算了，不说了", "没事了 下次再说"): nothing is filed (any answer to the choice to
  sign filed "算了，不说了" as one);
- care news ("我爱人上个月查出来尿毒症…"): the care feature's.

An anonymous suggestion keeps no signature of hers ("食堂的菜太咸了 何雪", "…，体艺组何雪"): a clause at its start or
end that only says who the sender is, is left out (the choice to sign says whether she is named)."""

from __future__ import annotations

import re

from bot.engine import Context, Done, PassOn, Retry
from bot.messages import Reply
from bot.nlu import normalize
from bot.relay import TYPIST
from handlers.suggestions.again import BINDS, only_who
from handlers.suggestions.opener import _WHO

WHO_NOTED = ("好的。请直接写下您的{kind}内容（一条消息即可）；之后可以选择匿名，匿名时不会记录您的名字。"
             "回复“取消”可退出。")
TAKEN_BACK_REPLY = "好的，这次就不提交了。以后想提意见，随时告诉我。"
_SQUASH = re.compile(r"[\s,，。.！!~～；;、…:：]+")
_STAFF_NO = re.compile(r"(?:我的?)?(?:工号|职工号|编号)?(?:是|为)?\d{3,8}")
_BACK = r"算了|没事|不说了|不提了|不讲了|不用了|不用|不了|下次再说|以后再说|改天再说|先不说|先不提"
_TAKEN_BACK = re.compile(rf"(?:{_BACK}|还是|那|就|吧|啦|哈|了|呀|啊|谢谢|嗯|哦|我)+")


def only_who_said(text: str, member) -> bool:
    """Whether the message only says who the sender is (her name, group, 工号), bound or not."""
    t = normalize(text).strip()
    if only_who(text, member):
        return True
    rest = _SQUASH.sub("", _STAFF_NO.sub("", _WHO.sub(" ", t)))
    return t != rest and not rest


def taken_back(text: str) -> bool:
    t = _SQUASH.sub("", normalize(text))
    return bool(t) and bool(_TAKEN_BACK.fullmatch(t)) and bool(re.search(_BACK, t))


def aside(ctx: Context, text: str, news_not_suggestion):
    """The content step's reply to a message that is no suggestion's words, or None."""
    if news_not_suggestion(text) or BINDS.match(normalize(text)):  # care news, a binding: requests of their own
        return PassOn()
    if taken_back(text):
        return Done(Reply(TAKEN_BACK_REPLY))
    if only_who_said(text, ctx.member) or (TYPIST.search(normalize(text)) and not TYPIST.sub("", normalize(text)).strip()):
        return Retry(WHO_NOTED.format(kind=ctx.data["kind"]))  # (or who types it: "我替我妈发的")
    return None


_CUE = re.compile(r"^(?:我是|我叫|我系|本人是?|俺是|额是)")


def _signature(clause: str, member, last: bool = False) -> bool:
    """A clause that is her own name, her 工号, or a self-introduction ("我是体艺组何雪"): never another's name
    ("…，后勤组黄勇" may name whom it is about)."""
    t = normalize(clause).strip()
    group = getattr(member, "group_name", None) or "\0"
    if last and _SQUASH.sub("", t) in (group, group + "的"):  # "…，体艺组 何雪": her group, her name (at the start,
        return True  # "体艺组，器材太旧了" says what it is about)
    return bool(t) and (only_who(clause.replace(group, ""), member) or bool(_STAFF_NO.fullmatch(_SQUASH.sub("", t))) or (
        bool(_CUE.match(t)) and only_who_said(clause, member)))


def unsigned(content: str, member) -> str:
    """An anonymous suggestion's words without a clause at its start or end that only says who sent it (the words
    as they were when there is none)."""
    parts = re.split(r"([\s，,。.！!；;~～…:：—-]+)", content.strip())
    end = parts[-2] if len(parts) > 2 and not parts[-1] else ""  # ("…。何雪。")
    parts = parts[:-2] if end else parts
    kept = list(parts)
    while len(kept) > 2 and _signature(kept[-1], member, last=True):
        kept = kept[:-2]
    end = end if len(kept) == len(parts) else ""  # (its own end, when nothing was signed after it)
    while len(kept) > 2 and _signature(kept[0], member):
        kept = kept[2:]
    return ("".join(kept) + end).strip() if kept != parts else content
