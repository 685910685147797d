"""The bottom menu of the 公众号 and the 企业微信 app, from `[menu] buttons` in the config.

A button is one string: "名称=intent" (a `click` button whose key is an intent name: a CLICK runs
that intent as if the teacher had typed the button's name), "名称=https://…" (a `view` button, a link),
and "组/名称=…" puts the button in the sub-menu called 组 (buttons of one group stay together, in
order). Both platforms take the same JSON (`{"button": [...]}`) and the same limits: at most 3
top-level buttons, at most 5 in a sub-menu, names up to 16 bytes (top level) or 40 bytes (sub-menu:
企业微信's limit, the 公众号 allows 60), keys up to 128 bytes.

This module imports nothing from the project: the config validates with it, the router reads the
buttons' words from it, and the `menu` command (handlers/menu.py) prints and pushes its JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TOP, MAX_SUB = 3, 5
TOP_NAME_BYTES, SUB_NAME_BYTES, KEY_BYTES, URL_BYTES = 16, 40, 128, 1024
CHANNELS = ("wechat", "wecom")


@dataclass(frozen=True)
class Button:
    group: str  # "" for a top-level button
    name: str
    key: str = ""  # an intent name (click)
    url: str = ""  # a link (view)

    def as_json(self) -> dict:
        if self.url:
            return {"type": "view", "name": self.name, "url": self.url}
        return {"type": "click", "name": self.name, "key": self.key}


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def parse_buttons(items: list[str]) -> list[Button]:
    """The buttons, in order; ValueError (one Chinese line) for anything the platforms would refuse."""
    buttons: list[Button] = []
    for item in items:
        label, sep, target = item.partition("=")
        group, _, name = label.strip().rpartition("/")
        group, name, target = group.strip(), name.strip(), target.strip()
        if not sep or not name or not target:
            raise ValueError(f"菜单项 {item!r} 应写成 “名称=意图名” 或 “名称=https://…”，可加 “组/” 前缀")
        limit = SUB_NAME_BYTES if group else TOP_NAME_BYTES
        if _bytes(name) > limit or _bytes(group) > TOP_NAME_BYTES:
            raise ValueError(f"菜单名称 {name!r} 太长（一级菜单最多 {TOP_NAME_BYTES} 字节，子菜单 {SUB_NAME_BYTES} 字节）")
        if target.startswith(("http://", "https://")):
            if _bytes(target) > URL_BYTES:
                raise ValueError(f"菜单链接太长（最多 {URL_BYTES} 字节）：{name}")
            buttons.append(Button(group, name, url=target))
        elif _bytes(target) > KEY_BYTES or not target.replace("_", "").isalnum():
            raise ValueError(f"菜单项 {name!r} 的意图名 {target!r} 无效（字母、数字、下划线，最多 {KEY_BYTES} 字节）")
        else:
            buttons.append(Button(group, name, key=target))
    tops = list(dict.fromkeys(b.group or f"\x00{i}" for i, b in enumerate(buttons)))
    if len(tops) > MAX_TOP:
        raise ValueError(f"一级菜单最多 {MAX_TOP} 个（现在 {len(tops)} 个）：多的请用 “组/名称” 放进子菜单")
    for group in {b.group for b in buttons if b.group}:
        if sum(b.group == group for b in buttons) > MAX_SUB:
            raise ValueError(f"子菜单「{group}」最多 {MAX_SUB} 项")
    return buttons


def menu_json(items: list[str], intents=None) -> dict:
    """The body of `POST /cgi-bin/menu/create` (公众号 and 企业微信 alike). With `intents` (names),
    a click key that names no intent is refused."""
    buttons = parse_buttons(items)
    if intents is not None:
        unknown = [b.key for b in buttons if b.key and b.key not in intents]
        if unknown:
            raise ValueError(f"菜单里的意图名不存在：{', '.join(unknown)}（可用：{', '.join(sorted(intents))}）")
    out: list[dict] = []
    groups: dict[str, dict] = {}
    for b in buttons:
        if not b.group:
            out.append(b.as_json())
        elif b.group in groups:
            groups[b.group]["sub_button"].append(b.as_json())
        else:
            groups[b.group] = {"name": b.group, "sub_button": [b.as_json()]}
            out.append(groups[b.group])
    return {"button": out}


def words_for(items: list[str], key: str) -> str:
    """What a CLICK on the button with this key stands for: the button's name (the teacher's words)."""
    try:
        buttons = parse_buttons(items)
    except ValueError:
        buttons = []
    return next((b.name for b in buttons if b.key == key), key)
