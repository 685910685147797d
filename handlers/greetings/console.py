"""The greetings' part of the console: who has a birthday today (a dashboard tile)."""

from __future__ import annotations

import datetime as dt

from bot.console.kit import Pages
from bot.registry import registry
from handlers.greetings import birthday_members

registry.console(Pages(__name__))  # no pages of its own: its templates (the tile)
registry.push_kind("greeting", "节日/生日祝福")
registry.push_kind("birthday_list", "生日名单（委员）")
registry.push_kind("group_greeting", "群祝福")


@registry.dashboard_tile("birthdays", "console/tile_birthdays.html", order=10)
def _birthdays(s, day: dt.date) -> dict:
    return {"birthdays": [m for m in birthday_members(s, day) if m.active]}
