"""Words said beside the chat while an activity is under discussion (issue 19): a question to the husband or
the child next to her ("老公你17号那天调休没", "闺女 你周日下午有课没"), or their answer relayed ("哦 他说能去",
"她说没有"). They are not for the bot: the activity just shown stays under discussion ("那给我报上 带老公和闺女
一共三个人" next signs up for it), and the reply only says that the bot waits for her word."""

from __future__ import annotations

import datetime as dt
import re

from bot.engine import Context
from bot.registry import registry
from handlers.activities import SHOWN, shown_before
from storage.conversations import Conversation

FAMILY = (r"(老公|老婆|媳妇儿?|亲爱的|宝贝|闺女|女儿|儿子|孩子|娃|老伴|老爸|老妈|爸|妈|孩子他爸|孩子他妈|娃他爸|娃他妈|"
          r"老头子?|老太婆|爱人)")
# called by name, then asked with 你 a few words on: "老公你17号那天调休没", "老婆 17号你要上班不"
ADDRESSED = re.compile(rf"^{FAMILY}[,，\s]*[^，,。！!]{{0,8}}?你(?!们?(好|帮|给|看|说))")
# their answer, relayed: "哦 他说能去", "她说请得了假", "嗯 老公说行"
RELAYED = re.compile(rf"^(哦|噢|喔|嗯|好|行|诶)*[,，\s]*(他|她|{FAMILY[1:-1]})(说|讲|回)")
# what the bot is asked to do, relayed or not, is no aside: "他说报上", "她说给她取消"
ASKS_THE_BOT = re.compile(r"报|取消|退|撤|确认|小助手|工会")
RELAYED_QUESTION = re.compile(r"[?？吗]|几点|什么时候|啥时候|哪里|在哪|多少|能不能|可不可以")  # "她说几点集合": asked


def overheard(ctx: Context) -> bool:
    norm = ctx.norm.strip()
    if ctx.member is None or len(norm) > 24 or ASKS_THE_BOT.search(norm) or not (
            ADDRESSED.match(norm) or (RELAYED.match(norm) and not RELAYED_QUESTION.search(norm))):
        return False
    return bool(shown_before(ctx))


WAITING = "好的，您先和家人商量，「{title}」定了直接告诉我，例如“给我报上”{party}。"
WAITING_MANY = "好的，您先和家人商量，定了直接告诉我报哪个（{titles}）。"


@registry.intent("overheard", claims=overheard)
def aside(ctx: Context) -> str:
    conv = ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id)  # the note of what was shown, kept
    ttl = dt.timedelta(minutes=ctx.config.get("bot", "conversation_minutes"))
    ctx.store.conversations.save(Conversation(ctx.msg.channel, ctx.msg.user_id, SHOWN, "", dict(conv.data)), ttl)
    shown = shown_before(ctx)
    if len(shown) > 1:
        return WAITING_MANY.format(titles="、".join(f"「{a.title}」" for a in shown))
    party = "，带家属请说一共几个人" if shown[0].allow_companions else ""
    return WAITING.format(title=shown[0].title, party=party)
