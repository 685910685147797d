"""The message right after a withdrawal (handlers/signup.py `_cancel` leaves a note): a change of mind
takes it back ("唉 算了 我不退了，还去"), the same request again or a plain yes is told it is done ("麻烦
帮我取消一下", "嗯 确认"), anything else is a new message."""

from __future__ import annotations

import re

from bot.engine import Context, Done, PassOn
from bot.nlu import normalize
from bot.registry import Flow, registry
from handlers.activities import wording as say
from handlers.activities.mind import names_other_than
from handlers.activities.notices import short
from handlers.signup import ASKED, JUST_CANCELLED, UNDO_RE, _undo

OTHER_REQUEST = re.compile(r"报名|建议|体检|投票|推送|绑定|[?？吗]")
PLAIN_YES = re.compile(r"^(嗯+|好的?|是的?|对的?|行|ok|确认|确定)([\s,，。!！~]*(确认|确定|好的?|是的?|对|了))*[\s,，。!！~]*$")


def after_cancel(ctx: Context, text: str):
    said = normalize(text)
    if ctx.member is None or names_other_than(text, ctx.data["activity_id"], ctx.store.activities.upcoming()):
        return PassOn()  # "读书会我还去的": about another
    if ((ASKED.search(said) and not re.search(r"[?？吗]", said)) or PLAIN_YES.match(said)) \
            and not UNDO_RE.search(said):  # "麻烦帮我取消一下", "嗯 确认": it is done already
        activity = ctx.store.activities.get(ctx.data["activity_id"])
        return Done(say.ALREADY_CANCELLED.format(title=activity.title, short=short(activity)))
    if OTHER_REQUEST.search(said):
        return PassOn()
    return _undo(ctx, just_now=ctx.data["activity_id"]) or PassOn()


registry.flow(Flow(JUST_CANCELLED, {"after": after_cancel}, free_text=frozenset({"after"}), label="取消报名"))
