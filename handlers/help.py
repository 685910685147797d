"""help / greeting / unknown, plus platform events (subscribe, media messages)."""

from __future__ import annotations

import re

from bot.engine import Context
from bot.outside import AWAY_NOTED, away_news, not_ours_answer
from bot.registry import registry
from handlers._common import yes_no

WELCOME = (
    "欢迎关注{bot}！我是{school}工会的小助手。\n"
    "第一步请绑定身份：回复“绑定 工号 姓名”，例如“绑定 1024 张三”。\n"
    "绑定后可以报名活动、提建议、查体检安排。回复“帮助”查看全部功能。"
)
GREETING = "您好，{who}！我是{bot}，有什么可以帮您？回复“帮助”查看我能做什么。"
THANKS = "不客气，{who}！有事随时找我。"
WISHED = "谢谢{who}的祝福！也祝您一切顺利，有事随时找我。"
CLOSED = "好的，{who}，您先忙。有需要随时找我。"
UNKNOWN = "抱歉，我没太明白您的意思。您可以这样说："
MEDIA = "收到啦！不过我目前只能看懂文字消息，请用文字告诉我您想做什么，回复“帮助”查看用法。"


def menu_text(ctx: Context) -> str:
    bot = ctx.config.get("bot", "name")
    lines = [f"{bot}可以帮您："]
    lines += [f"· {line}" for line in ctx.registry.menu()]
    lines.append("随时回复“取消”结束当前操作。")
    return "\n".join(lines)


def _who(ctx: Context) -> str:
    return f"{ctx.member.name}老师" if ctx.member else "老师"


@registry.intent(
    "help",
    keywords={"帮助": 3, "菜单": 3, "怎么用": 3, "怎么使用": 3, "功能": 2, "能做什么": 3, "使用说明": 3, "说明": 1,
              "教教我": 2, "不会用": 2},
    patterns=[(r"^(help|帮助|菜单|\?|？)$", 3), (r"(你|您)能(帮我)?(干|做)(啥|什么|些什么)", 3), (r"有什么功能", 3),
              (r"(你|您)(都)?会(些)?(什么|啥)", 3), (r"还能(干|做|帮)(点)?(别的|其他|啥|什么)|(别的|其他)(功能|本事)", 4)],
    words=["怎么用", "能做什么"],
    menu="查看本菜单：回复“帮助”",
    menu_order=999,
)
def show_help(ctx: Context) -> str:
    return menu_text(ctx)


# a polite close, with nothing open: "先不说了", "谢谢，那我重新想想", "好的 就先这样吧" (not a sign-up of nothing named,
# nor a greeting; at an open question the step reads it: "先不说了" at a sign-up is its no)
CLOSING = re.compile(r"^(那|那我|我|好|好的|嗯|嗯嗯|行|哦|噢|ok)*(就|先|还是|都)*(不说了|不聊了|这样(吧|了|哈)?|"
                     r"重新(想想|考虑(一下|考虑)?)|好好(想想|考虑(一下)?)|回头(再)?(说|聊)|下次(再)?(说|聊)|改天(再)?(说|聊)|聊到这)"
                     r"(吧|了|哈|啊|呀|哦|啦)*$")
THANKS_CLAUSE = re.compile(r"^(谢谢|多谢|感谢|谢了|谢谢你|谢谢您|辛苦了?|麻烦了|好的?|嗯+)(你|您|啦|了|哈|啊|呀|小助手|工会)*$")


def closes(ctx: Context) -> bool:
    """A polite close with nothing open: answered as one (the classifier hears "想" as a sign-up)."""
    clauses = [c for c in re.split(r"[，,。.！!~～\s…]+", ctx.norm) if c]
    said = [c for c in clauses if not THANKS_CLAUSE.match(c)]
    return len(said) == 1 and bool(CLOSING.match(said[0])) \
        and ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id) is None


@registry.intent(
    "greeting",
    claims=closes,
    keywords={"你好": 2, "您好": 2, "在吗": 2, "在不在": 2, "谢谢": 2, "多谢": 2, "感谢": 1.5, "早上好": 2,
              "下午好": 2, "晚上好": 2, "哈喽": 2, "嗨": 1.5, "hello": 2, "hi": 2, "辛苦了": 2},
    patterns=[(r"^(你好|您好|在吗|在么|hi|hello|嗨|哈喽|早|早安|老师好|大家好)[啊呀吗~！!。.]*$", 2), (r"^(谢谢|多谢|感谢)", 1)],
    words=["在吗", "在不在", "辛苦了"],
)
def greet(ctx: Context) -> str:
    bot = ctx.config.get("bot", "name")
    if closes(ctx):
        return CLOSED.format(who=_who(ctx))
    if any(w in ctx.norm for w in ("谢", "辛苦", "赞", "周到", "好评", "态度")):  # "体检安排得很周到，点个赞"
        return THANKS.format(who=_who(ctx))
    if "祝" in ctx.norm:  # "今天是体检第一天，祝大家指标都正常"
        return WISHED.format(who=_who(ctx))
    return GREETING.format(who=_who(ctx), bot=bot)


NOTED = "好的。现在没有等您确认的事项；需要办什么，直接告诉我就行（回复“帮助”查看我能做什么）。"
# a yes with a question or a change in it, and nothing open: said plainly, nothing agreed to ("可以改到周六吗", "批：可，撤")
NOTHING_OPEN = "现在没有等您回复的事项，也没有可以改或撤的操作。需要办什么，直接告诉我就行（回复“帮助”查看我能做什么）。"
ASKS_OR_ACTS = re.compile(r"[?？吗么呢]$|[?？]|改|撤|换|退|挪|推迟|提前")
# a yes and nothing else: "对，两个都确认", "好的 都确认了", "如上 确认"
BARE_YES = re.compile(r"^(?:对|是的?|好的?|嗯+|行|可以|ok|没问题|(?:这|那)?(?:[两三四几]个|全部|全)?都要|"
                      r"(?:(?:这|那)?[两三四几]个|全部|全都|都|如上|以上)*(?:确认|确定)(?:了|吧|啦|的|一下)?)$")


def yes_to_nothing(ctx: Context) -> bool:
    """A yes when nothing waits for one (after the sign-up was done: "对，两个都确认"): said so, never read
    as a suggestion or a greeting by the classifier's guess."""
    clauses = [c for c in re.split(r"[，,。.！!~～\s]+", ctx.norm) if c]
    return bool(clauses) and len(ctx.norm) <= 12 and all(BARE_YES.match(c) for c in clauses) \
        and ctx.store.conversations.get(ctx.msg.channel, ctx.msg.user_id) is None


@registry.intent("unknown", claims=yes_to_nothing)
def unknown(ctx: Context) -> str:
    if len(ctx.norm) <= 12 and not ctx.norm.isdigit() and yes_no(ctx.text) is not None:  # "对 就这周六" after it was done: nothing waits
        return NOTHING_OPEN if ASKS_OR_ACTS.search(ctx.norm) else NOTED  # "可以改到周六吗", "批：可，撤": no "好的" guessed
    if ctx.member is not None and away_news(ctx.norm):  # "人在外地参加进修学习，下周一回校": news, not a request
        return AWAY_NOTED.format(name=ctx.member.name)
    not_ours = not_ours_answer(ctx.norm)  # "帮我报一下学生的春游": whose it is, said plainly (bot/outside.py)
    if not_ours:
        return not_ours
    return UNKNOWN + "\n" + "\n".join(f"· {line}" for line in ctx.registry.menu())


@registry.event("event:subscribe")
def on_subscribe(ctx: Context) -> str:
    ctx.store.channel_users.set_subscribed(ctx.msg.channel, ctx.msg.user_id, True)
    if ctx.member:
        return f"欢迎回来，{ctx.member.name}老师！回复“帮助”查看我能做什么。"
    return WELCOME.format(bot=ctx.config.get("bot", "name"), school=ctx.config.get("bot", "school"))


@registry.event("event:unsubscribe")
def on_unsubscribe(ctx: Context) -> None:
    ctx.store.channel_users.set_subscribed(ctx.msg.channel, ctx.msg.user_id, False)
    return None  # nobody can read a reply after unsubscribing


for _kind in ("image", "voice", "video", "shortvideo", "location", "link", "file"):
    registry.event(_kind)(lambda ctx: MEDIA)
