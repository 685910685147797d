"""The bottom menu's commands: `menu show [--channel wechat|wecom]` prints the JSON the platform
receives, `menu push [--channel …]` posts it (公众号: POST /cgi-bin/menu/create; 企业微信: the same
with `?agentid=`). The buttons come from `[menu] buttons` (bot/menu.py); a CLICK runs the intent its
key names (bot/engine.py)."""

from __future__ import annotations

import json
import sys

from bot.cli import command, group
from bot.menu import CHANNELS, menu_json
from bot.registry import registry

NO_RIGHT = {48001: "没有自定义菜单接口权限（未认证订阅号只能在公众平台后台 → 自定义菜单 手动设置同样的菜单）",
            60020: "服务器 IP 不在企业微信应用的“企业可信IP”中（errcode 60020）",
            301002: "agent_id 与 secret 不属于同一个应用（errcode 301002）"}


class MenuError(Exception):
    """The menu cannot be built or pushed (an unknown intent, no credentials, the platform refused)."""


registry.cli_error(MenuError, "菜单")


def build(config) -> dict:
    try:
        return menu_json(config.get("menu", "buttons"), set(registry.intents) - {"unknown"})
    except ValueError as exc:
        raise MenuError(f"{exc}（见配置 [menu] buttons）") from None


def push(bot, channel: str) -> str:
    """Post the menu to one channel; the line to print. MenuError when it is not in place."""
    body = build(bot.config)
    if not bot.config.get(channel, "enabled"):
        raise MenuError(f"[{channel}] 未启用")
    transport = bot.transports().get(channel)
    if transport is None or not hasattr(transport, "create_menu"):
        need = "app_id 和 app_secret（push = \"api\"）" if channel == "wechat" else "secret"
        raise MenuError(f"[{channel}] 缺少 {need}，不能调用菜单接口")
    code = transport.create_menu(body)
    if code != 0:
        raise MenuError(f"{channel} 拒绝了菜单：" + NO_RIGHT.get(code, f"errcode {code}"))
    return f"{channel}: 菜单已更新（{len(body['button'])} 个一级菜单）"


def _cmd_show(args) -> int:
    from bot.cli import load

    print(json.dumps(build(load(args)), ensure_ascii=False, indent=2))
    return 0


def _cmd_push(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    channels = [args.channel] if args.channel else [c for c in CHANNELS if c in bot.transports()
                                                   and hasattr(bot.transports()[c], "create_menu")]
    if not channels:
        raise MenuError("没有可以推送菜单的渠道：请配置 [wechat] app_id/app_secret 或 [wecom] secret")
    failed = 0
    for channel in channels:
        try:
            print(push(bot, channel))
        except MenuError as exc:
            print(f"菜单: {exc}", file=sys.stderr)
            failed += 1
    return 2 if failed else 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "menu", "the 公众号 / 企业微信 bottom menu (from [menu] buttons)")
    show = command(inner, "show", "print the menu JSON the platform receives", _cmd_show)
    show.add_argument("--channel", choices=CHANNELS, default="wechat", help="wechat (default) or wecom: the same JSON")
    p = command(inner, "push", "post the menu to the platform (every configured channel by default)", _cmd_push)
    p.add_argument("--channel", choices=CHANNELS, default=None, help="wechat or wecom (default: every configured one)")
