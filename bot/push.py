"""Delivering the outbox: pick each member's channel, obey its rules and rate limits, retry with
backoff, and say in the row why something was not sent — never fail silently.

Rows are claimed one at a time (pending → sending) with an atomic UPDATE, so two senders never
send the same row; the row records its claimant. A row left in `sending` by a sender that died (its
process is gone from this machine, or the row is older than STALE_SENDING) may have been delivered:
- when its platform drops duplicates itself (企业微信's duplicate check, `duplicate_window_s` on the
  transport) and the claim is well inside that window, it is sent again: delivered exactly once;
- otherwise it is not re-sent blindly: it is marked failed with that reason for an operator to decide.

Rate limits are kept in the database (`Pacing`, table push_pacing), not in the sender: the daily
duties, the per-minute sender, a console resend or test and another process share one budget per
channel, per group robot and per 企业微信 member.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass, field

from bot.channels import CHANNEL_NAMES
from bot.channels.base import PushResult
from storage import Member, Store
from storage.leases import owner_alive, process_owner

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_MINUTES = [1, 5, 30, 120]
STALE_SENDING = dt.timedelta(minutes=10)
RESEND_MARGIN = dt.timedelta(minutes=30)  # resend an interrupted row only this far inside the platform's window
INTERRUPTED = "发送中断（可能已送达），未自动重发，请核实"
# Channel preference for pushes: 企业微信 can message anyone any time; 钉钉 next; 公众号 last (rules).
PREFERENCE = ["wecom", "dingtalk", "wechat"]

SKIP_UNBOUND = "未绑定"
SKIP_NO_RIGHT = "公众号无推送权限（未认证订阅号不能主动推送）"
SKIP_WINDOW = "48小时窗口已过（服务号客服消息只能在用户48小时内发过消息后发送）"
SKIP_UNSUBSCRIBED = "用户已取消关注"
SKIP_NO_CHANNEL = "没有可用的推送渠道"


@dataclass(slots=True)
class Planned:
    """One message a duty wants to send (what `schedule preview` prints, what `schedule run` writes)."""

    kind: str  # greeting / birthday_list / checkup_notice / group_greeting / ...
    occasion: str
    member: Member | None  # None: a message to a staff group (channel and target set by the planner)
    text: str
    send_on: dt.date
    send_at: dt.time
    dedup_key: str
    channel: str = ""
    target: str = ""
    skip_reason: str = ""

    def as_json(self) -> dict:
        return {"date": self.send_on.isoformat(), "time": self.send_at.strftime("%H:%M"), "kind": self.kind,
                "occasion": self.occasion, "member": self.member.staff_no if self.member else None,
                "name": self.member.name if self.member else self.target,
                "channel": self.channel or None, "skip": self.skip_reason or None, "text": self.text}


# per channel: (messages, seconds): never more than that in any window of that many seconds, as the
# platform counts them. Paced, not burst: one message every seconds/messages (plus PACING_MARGIN, for
# the jitter between our clock and the platform's). DingTalk robots: 20 a minute (muted 10 min beyond).
# 企业微信 allows 10,000 calls a minute per API; its real limits are per member (below).
RATE_LIMITS = {"dingtalk_robot": (20, 60), "wecom_robot": (20, 60), "dingtalk": (20, 60), "wecom": (100, 1),
               "wechat": (20, 1), "simulator": (100, 1)}
PACING_MARGIN = 1.02

# per recipient: [(messages, seconds)]. 企业微信 drops, silently, more than 30 a minute or 1,000 an hour
# from one app to one member.
PER_RECIPIENT = {"wecom": [(30, 60), (1000, 3600)]}

MICROSECOND = dt.timedelta(microseconds=1)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def limits_for(channel: str, target: str = "") -> list[tuple[str, int, int]]:
    """What a message on `channel` to `target` must fit in: (key, messages, window in microseconds),
    at most `messages` sends of `key` in any window that long.

    A channel (each group robot is a channel of its own) is paced: at most one message in any
    seconds × PACING_MARGIN / messages, hence never more than `messages` in any window of `seconds`.
    A recipient's limits (企业微信's per member) are exact sliding windows."""
    rate, per = RATE_LIMITS.get(channel, (10, 1))
    limits = [(f"channel:{channel}", 1, math.ceil(per * PACING_MARGIN * 1_000_000 / rate))]
    for count, seconds in PER_RECIPIENT.get(channel, []):
        limits.append((f"recipient:{channel}:{target}", count, seconds * 1_000_000))
    return limits


LONGEST_WINDOW_US = max(window for channel in {*RATE_LIMITS, *PER_RECIPIENT} for _, _, window in limits_for(channel))


class Pacing:
    """The rate limits of every sender in every process in one place, the `push_pacing` table: the
    daily duties, the per-minute sender, a console resend and a second process share one budget
    per channel, per group robot and per member (separate budgets per sender would add up: two
    senders, twice the limit).

    `take` decides in one write transaction (BEGIN IMMEDIATE: callers take turns, across threads and
    processes) and reads the time inside it: if every limit leaves room it records the send and
    answers 0, else it records nothing and answers the seconds until there is room."""

    def __init__(self, store: Store, clock) -> None:
        self.db, self.clock = store.db, clock
        self._pruned_at: int | None = None

    def take(self, channel: str, target: str = "") -> float:
        limits = limits_for(channel, target)
        with self.db.transaction():
            now = (self.clock.now() - EPOCH) // MICROSECOND
            wait = 0
            for key, count, window in limits:
                oldest_that_counts = self.db.scalar(  # the count-th most recent send still in the window
                    "SELECT at FROM push_pacing WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?",
                    (key, now - window, count - 1))
                if oldest_that_counts is not None:  # (a send stamped after now: the clock went back)
                    wait = max(wait, min(oldest_that_counts, now) + window - now)
            if wait:
                return wait / 1_000_000
            longest: dict[str, int] = {}
            for key, _, window in limits:
                longest[key] = max(window, longest.get(key, 0))
            for key, window in longest.items():
                self.db.execute("INSERT INTO push_pacing (key, at) VALUES (?, ?)", (key, now))
                self.db.execute("DELETE FROM push_pacing WHERE key = ? AND at <= ?", (key, now - window))
            if self._pruned_at is None or now - self._pruned_at > 60_000_000:  # keys no longer sent to
                self.db.execute("DELETE FROM push_pacing WHERE at <= ?", (now - LONGEST_WINDOW_US,))
                self._pruned_at = now
        return 0.0


def route(store: Store, config, member: Member, now: dt.datetime, transports: dict,
          bindings: list[dict] | None = None, kind: str = "") -> tuple[str, str, str]:
    """(channel, target, skip_reason) for pushing a message of `kind` to `member` now (bindings:
    prefetched, see for_push). A 公众号 template (verified 服务号, notices of the teacher's own doing)
    is not bound to the 48-hour window."""
    from bot.channels.wechat_mp import template_for

    if bindings is None:
        bindings = store.bindings.for_member(member.id)
    bindings = [b for b in bindings if b["channel"] in PREFERENCE]
    if not bindings:
        return "", "", SKIP_UNBOUND
    # the channel the member last wrote on first, then 企业微信, 钉钉, 公众号
    bindings.sort(key=lambda b: PREFERENCE.index(b["channel"]))
    bindings.sort(key=lambda b: b.get("last_inbound_at") or "", reverse=True)
    reasons = []
    for b in bindings:
        channel, user = b["channel"], b["user_id"]
        if channel == "wechat":
            if b.get("subscribed") == 0:
                reasons.append(SKIP_UNSUBSCRIBED)
                continue
            if config.get("wechat", "push") == "simulator":
                return channel, user, ""
            account = config.get("wechat", "account_type")
            if account == "subscription":
                reasons.append(SKIP_NO_RIGHT)
                continue
            if not template_for(config.section("wechat"), kind):
                last = b.get("last_inbound_at")
                if not last or now - dt.datetime.fromisoformat(last) > dt.timedelta(hours=48):
                    reasons.append(SKIP_WINDOW)
                    continue
        if channel not in transports:
            reasons.append(f"{CHANNEL_NAMES.get(channel, channel)} 未配置推送（缺少应用密钥等设置）")
            continue
        return channel, user, ""
    return "", "", "；".join(dict.fromkeys(reasons)) or SKIP_NO_CHANNEL


def payload_of(row: dict) -> dict:
    """The structured form of a row (outbox.payload, JSON) as the transport's `payload` argument:
    {"type": "signup", ...} an activity with a sign-up button (handlers/activities/announce.py),
    {"type": "card_update", ...} a tapped 企业微信 card's new button text. A transport sends what
    it can of it and falls back to the row's text; rows without one are plain text."""
    import json

    raw = row.get("payload") or ""
    if not raw:
        return {}
    try:
        payload = json.loads(raw)
    except ValueError:
        return {}
    return {"payload": payload} if isinstance(payload, dict) else {}


def network_reason(channel: str, exc: Exception) -> str:
    """What the outbox row says when a call to the platform raised (never the exception's text: it
    may carry a URL with a token)."""
    import requests

    from bot.channels.tokens import TokenError

    name = CHANNEL_NAMES.get(channel, channel)
    if isinstance(exc, TokenError):
        return f"{exc}，稍后自动重试"
    if isinstance(exc, requests.Timeout):
        return f"{name} 接口超时，稍后自动重试"
    if isinstance(exc, requests.ConnectionError):
        return f"{name} 接口连接失败（网络或防火墙），稍后自动重试"
    if isinstance(exc, ValueError):
        return f"{name} 接口返回了无法解析的内容，稍后自动重试"
    return f"{name} 推送出错（程序内部错误），稍后自动重试"


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    deferred: int = 0
    details: list = field(default_factory=list)


class Sender:
    MAX_INLINE_WAIT = 10.0  # seconds; a longer wait for a token defers the row instead

    def __init__(self, store: Store, clock, config, transports: dict, owner: str | None = None) -> None:
        self.owner = owner or process_owner()
        self.store = store
        self.clock = clock
        self.config = config
        self.transports = transports
        self.pacing = Pacing(store, clock)

    def recover_stale(self) -> int:
        """Rows whose sender died mid-send: sent again where the platform drops duplicates, else
        marked for an operator (see the module's docstring). The number recovered."""
        now = self.clock.now()
        cutoff = (now - STALE_SENDING).isoformat(timespec="seconds")
        recovered = 0
        for row in self.store.db.query("SELECT id, channel, claimed_by, next_attempt_at FROM outbox "
                                       "WHERE status = 'sending'"):
            if not (row["next_attempt_at"] < cutoff or owner_alive(row["claimed_by"]) is False):
                continue
            window = getattr(self.transports.get(row["channel"]), "duplicate_window_s", 0)
            claimed = dt.datetime.fromisoformat(row["next_attempt_at"])
            if window and now - claimed < dt.timedelta(seconds=window) - RESEND_MARGIN:
                status, reason = "pending", "发送中断，已重发（平台去重，不会重复送达）"
            else:
                status, reason = "failed", INTERRUPTED
            recovered += self.store.db.execute(
                "UPDATE outbox SET status = ?, reason = ? WHERE id = ? AND status = 'sending' AND claimed_by = ?",
                (status, reason, row["id"], row["claimed_by"])).rowcount
        return recovered

    def drain(self, send_on: dt.date | None = None, limit: int = 10_000) -> SendReport:
        """Send what is due (or, with send_on, everything of that day now)."""
        report = SendReport()
        self.recover_stale()
        now = self.clock.now().isoformat(timespec="seconds")
        if send_on:
            rows = self.store.db.query(
                "SELECT id FROM outbox WHERE status = 'pending' AND send_on = ? "
                "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
                (send_on.isoformat(), now, limit))
        else:
            rows = self.store.db.query(
                "SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ? "
                "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?", (now, now, limit))
        for row in rows:
            self._send_one(row["id"], report)
        return report

    def send_now(self, row_ids: list[int]) -> SendReport:
        """Send these pending rows at once (a console resend or test message)."""
        report = SendReport()
        for row_id in row_ids:
            self._send_one(row_id, report)
        return report

    def _claim(self, row_id: int) -> dict | None:
        now = self.clock.now().isoformat(timespec="seconds")
        claimed = self.store.db.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?, claimed_by = ? "
            "WHERE id = ? AND status = 'pending'", (now, self.owner, row_id)).rowcount
        return self.store.db.one("SELECT * FROM outbox WHERE id = ?", (row_id,)) if claimed else None

    def _finish(self, row_id: int, status: str, reason: str = "", retry_at: dt.datetime | None = None) -> None:
        now = self.clock.now().isoformat(timespec="seconds")
        self.store.db.execute(
            "UPDATE outbox SET status = ?, reason = ?, next_attempt_at = ?, sent_at = ? WHERE id = ?",
            (status, reason, retry_at.isoformat(timespec="seconds") if retry_at else None,
             now if status == "sent" else None, row_id))

    def _throttle(self, channel: str, target: str) -> float:
        """Wait (briefly, on the clock) for room under the channel's and the recipient's limits, shared
        with every other sender; the seconds still to wait if that would take longer than
        MAX_INLINE_WAIT (the row is then deferred)."""
        wait = self.pacing.take(channel, target)
        while 0 < wait <= self.MAX_INLINE_WAIT:
            self.clock.sleep(wait)
            wait = self.pacing.take(channel, target)
        return wait

    def _send_one(self, row_id: int, report: SendReport) -> None:
        row = self._claim(row_id)
        if row is None:
            return  # another sender has it
        channel, target = row["channel"], row["target"]
        if not channel:  # decided at send time for rows written without a route (promotions, replies)
            member = self.store.members.get(row["member_id"]) if row["member_id"] else None
            if member is None:
                self._finish(row_id, "skipped", SKIP_UNBOUND)
                report.skipped += 1
                return
            channel, target, reason = route(self.store, self.config, member, self.clock.now(), self.transports,
                                            kind=row["kind"])
            if reason:
                self._finish(row_id, "skipped", reason)
                report.skipped += 1
                return
            self.store.db.execute("UPDATE outbox SET channel = ?, target = ? WHERE id = ?", (channel, target, row_id))
        transport = self.transports.get(channel)
        if transport is None:
            self._finish(row_id, "skipped", f"{CHANNEL_NAMES.get(channel, channel)} 未配置推送")
            report.skipped += 1
            return
        wait = self._throttle(channel, target)
        if wait > 0:  # over the rate: give the row back, due again when a token is there
            self.store.db.execute(
                "UPDATE outbox SET status = 'pending', attempts = attempts - 1, next_attempt_at = ? WHERE id = ?",
                ((self.clock.now() + dt.timedelta(seconds=wait)).isoformat(timespec="seconds"), row_id))
            report.deferred += 1
            return
        try:
            result = transport.push(target, row["text"], kind=row["kind"], **payload_of(row))
        except Exception as exc:  # a network error or a transport bug: retry later
            result = PushResult("failed", network_reason(channel, exc), retryable=True)
        if result.msg_id or result.receipt:
            self.store.db.execute("UPDATE outbox SET platform_msg_id = ?, receipt = ? WHERE id = ?",
                                  (result.msg_id, result.receipt, row_id))
        if result.status == "sent":
            self._finish(row_id, "sent")
            report.sent += 1
        elif result.status == "skipped":
            self._finish(row_id, "skipped", result.reason)
            report.skipped += 1
        elif result.retryable and row["attempts"] < MAX_ATTEMPTS:
            delay = BACKOFF_MINUTES[min(row["attempts"] - 1, len(BACKOFF_MINUTES) - 1)]
            self.store.db.execute(
                "UPDATE outbox SET status = 'pending', reason = ?, next_attempt_at = ? WHERE id = ?",
                (result.reason, (self.clock.now() + dt.timedelta(minutes=delay)).isoformat(timespec="seconds"), row_id))
            report.deferred += 1
        else:
            self._finish(row_id, "failed", result.reason)
            report.failed += 1
