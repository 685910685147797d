"""What the people running the bot must know, on the dashboard, in plain Chinese with what to do:

- warnings recorded as they happen (storage/alerts.py): the scheduler's (a year the holiday data does
  not know), a platform refusing the bot's credentials (cleared by itself when it accepts them again);
- what the dashboard can see for itself: the scheduler not running, a damaged scratch file that was
  moved aside, no recent backup (`python -m bot backup` records its time).

Before, these went only to the log or to the 管理员's WeChat. The push problems of the week have their
own tile (reasons grouped, each with what to do)."""

from __future__ import annotations

import datetime as dt
import glob
import os

from flask import flash, redirect, url_for

from bot.console.shell import admin_only, audit, bot, bp, store
from bot.console.words import when

BACKUP_DAYS = 8        # a weekly backup, with a day's grace
DISMISSED = "alert-dismissed:"
DISMISS_FOR = dt.timedelta(days=30)  # a dismissed backup reminder comes back after this


def current_alerts(b, day: dt.date) -> list[dict]:
    """Every warning to show now: {key, text, todo, since, dismissible}."""
    s, now = b.store, b.clock.now()
    alerts = [{**a, "since": when(a["first"], day), "dismissible": True} for a in s.alerts.active()]
    alerts += _scheduler(b, now)
    alerts += _scratch(b)
    alerts += _backup(b, now, day)
    dismissed = {r["key"][len(DISMISSED):]: r["value"] for r in
                 s.db.query("SELECT key, value FROM kv WHERE key LIKE ?", (DISMISSED + "%",))}
    return [a for a in alerts if not (a["dismissible"] and a["key"] in dismissed
                                      and dismissed[a["key"]] > now.isoformat(timespec="seconds"))]


def _scheduler(b, now: dt.datetime) -> list[dict]:
    from bot.scheduler import LOCK_KEY

    lock = b.store.db.one("SELECT expires_at FROM kv WHERE key = ?", (LOCK_KEY,))
    if lock and lock["expires_at"] > now.isoformat():
        return []
    return [{"key": "scheduler", "dismissible": False, "since": "",
             "text": "定时发送程序没有在运行：生日和节日祝福、体检通知、候补转正通知和失败消息的重试都不会自动进行。",
             "todo": "要做的：请系统管理员启动定时发送服务（或在网站服务的设置里让它随网站一起运行）；"
                     "启动后一两分钟，这条提醒会自动消失。"}]


def _scratch(b) -> list[dict]:
    path = b.config.get("bot", "database")
    if path == ":memory:":
        return []
    damaged = sorted(glob.glob(glob.escape(path) + "-scratch.damaged-*"))
    if not damaged:
        return []
    return [{"key": "scratch:" + os.path.basename(damaged[-1]), "dismissible": True, "since": "",
             "text": f"临时数据文件（对话进行到哪一步、匿名内容的暂存）损坏过 {len(damaged)} 次，已自动换成新文件；"
                     "当时正在进行的对话需要老师重新开始，已保存的会员、活动和建议不受影响。",
             "todo": "要做的：请系统管理员检查服务器磁盘和断电情况；数据文件旁被移开的损坏副本确认无用后可以删除。"
                     "点“知道了”隐藏这条提醒。"}]


def _backup(b, now: dt.datetime, day: dt.date) -> list[dict]:
    if b.config.is_demo() or b.config.get("bot", "database") == ":memory:":
        return []
    last = b.store.alerts.last_backup()
    if last and now - dt.datetime.fromisoformat(last) < dt.timedelta(days=BACKUP_DAYS):
        return []
    said = f"上次备份是 {when(last, day)}，已经超过 {BACKUP_DAYS - 1} 天。" if last else "还没有备份过数据。"
    return [{"key": "backup", "dismissible": True, "since": "",
             "text": said + "服务器的硬盘坏了或被误删时，会员名册、活动报名和建议记录都无法找回。",
             "todo": "要做的：请系统管理员用本系统的备份命令把数据复制到另一台机器或移动硬盘，最好每周自动备份一次"
                     "（做法见说明文档“备份”一节）。点“知道了”可隐藏 30 天。"}]


@bp.post("/alerts/<key>/dismiss")
@admin_only
def alert_dismiss(key: str):
    """知道了: a recorded warning is closed; a computed one is hidden (the backup reminder for 30 days)."""
    key = key[:120]
    known = {a["key"]: a for a in current_alerts(bot(), bot().clock.today())}
    if key not in known or not known[key]["dismissible"]:
        flash("这条提醒已经不在了，或者要等问题解决后才会消失。")
        return redirect(url_for("console.dashboard"))
    if not store().alerts.clear(key):
        until = (bot().clock.now() + (DISMISS_FOR if key == "backup" else dt.timedelta(days=3650)))
        store().db.execute("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           (DISMISSED + key, until.isoformat(timespec="seconds")))
    audit("处理系统提醒", key, {"提醒": known[key]["text"][:60]})
    flash("已处理这条提醒。")
    return redirect(url_for("console.dashboard"))
