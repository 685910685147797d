"""Plain Chinese for what the console shows: dates (the year only when it is not this year), channel
and push-kind names, the reasons a push was not sent, and the settings explained in words. Every
template uses these filters, so a page never shows a code, a config key or a library name."""

from __future__ import annotations

import datetime as dt
import re

from bot.channels import CHANNEL_NAMES

WEEKDAYS = "一二三四五六日"
# the channels' codes as they may appear inside a stored reason ("wecom 接口超时"), longest first
_CHANNEL_CODE = re.compile(r"\b(" + "|".join(sorted(CHANNEL_NAMES, key=len, reverse=True)) + r")\b")
_REASON_WORDS = [(re.compile(r"errcode\s*"), "错误码 "), (re.compile(r"（[A-Za-z_.]*(Error|Exception|Timeout)\w*）"), ""),
                 (re.compile(r"access_?token|accessToken|stable_token|gettoken"), "接口凭证"),
                 (re.compile(r"robot_code 或 agent_id"), "机器人编号或应用编号"), (re.compile(r"app_secret"), "应用密钥"),
                 (re.compile(r"sessionWebhook"), "会话回复地址")]


def parse_when(value) -> dt.date | dt.datetime | None:
    """A date or a datetime from what the database holds ("2026-09-10", "2026-09-10 15:30",
    "2026-09-10T15:30:00"), or None for anything else."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace(" ", "T")[:19])
    except ValueError:
        return None


def when(value, today: dt.date, weekday: bool = False, time: bool = True) -> str:
    """"9月10日 15:30" this year, "2027年1月5日 15:30" another year (every date in the console)."""
    parsed = parse_when(value)
    if parsed is None:
        return str(value or "—")
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    text = f"{day.month}月{day.day}日" if day.year == today.year else f"{day.year}年{day.month}月{day.day}日"
    if weekday:
        text += f"（周{WEEKDAYS[day.weekday()]}）"
    if time and isinstance(parsed, dt.datetime):
        text += f" {parsed:%H:%M}"
    return text


def audience_name(audience: str) -> str:
    """Who an activity, checkup or poll is for, in words (a poll may be for the 教代会代表)."""
    from storage.activities import audience_label

    return "教代会代表" if audience == "delegates" else audience_label(audience or "all")


def channel_name(code: str) -> str:
    return CHANNEL_NAMES.get(code, "其他渠道" if code else "—")


def plain_reason(reason: str) -> str:
    """A stored skip or failure reason in words: channel codes named, no error classes, no API jargon
    (rows written before the reasons were all Chinese are shown the same way)."""
    if not reason:
        return ""
    text = _CHANNEL_CODE.sub(lambda m: CHANNEL_NAMES[m.group(1)], reason)
    for pattern, words in _REASON_WORDS:
        text = pattern.sub(words, text)
    return text.replace("  ", " ").strip()


# Reasons a resend cannot fix: the member is not reachable that way until a person changes something.
LASTING = ("未绑定", "取消关注", "无推送权限", "未配置", "关闭", "退订", "离职", "48小时窗口", "没有可用的推送渠道")


def resend_helps(row: dict, bound: bool) -> bool:
    """重发 only where it can help: a failure (not a skip) for a passing reason, to a member who is
    bound somewhere (or a group robot's message)."""
    if row.get("status") != "failed":
        return False
    if any(word in (row.get("reason") or "") for word in LASTING):
        return False
    return bound or row.get("member_id") is None


# What a failed or skipped push needs from a person, by the words in its reason.
ADVICE = [
    ("未绑定", "请这位老师在公众号、企业微信或钉钉里回复“绑定”，按提示完成绑定。"),
    ("取消关注", "这位老师已取消关注公众号：请提醒他重新关注，或改用企业微信、钉钉。"),
    ("无推送权限", "未认证的订阅号不能主动发消息：请学校认证为服务号，或启用企业微信、钉钉。"),
    ("48小时窗口", "公众号只能在老师 48 小时内发过消息后回复他：请启用企业微信或钉钉，或申请模板消息。"),
    ("未配置", "这个渠道的发送设置不完整：请系统管理员补全配置文件后重启服务。"),
    ("凭证", "平台拒绝了本系统的登录：请系统管理员核对配置文件里的应用编号和密钥。"),
    ("超时", "平台暂时连不上：系统会自动重试；一直失败请检查服务器的网络。"),
    ("连接失败", "平台暂时连不上：系统会自动重试；一直失败请检查服务器的网络和防火墙。"),
    ("发送中断", "发送时程序被中断，消息可能已经送达：请先向老师核实，再决定是否重发。"),
]


def advice(reason: str) -> str:
    for word, text in ADVICE:
        if word in reason:
            return text
    return "请查看推送记录里的原因；需要时请联系系统管理员。"


# ---- settings, in words ---------------------------------------------------------------------------

WECHAT_MODES = {"plaintext": "明文模式（未加密，仅适合测试）", "compatible": "兼容模式（明文和加密都收）",
                "safe": "安全模式（加密）"}
DINGTALK_MODES = {"stream": "长连接模式（无需公网地址）", "http": "回调模式（钉钉调用本服务器的网址）"}
ACCOUNT_TYPES = {"subscription": "订阅号（不能主动发消息）", "service": "服务号"}


def channel_mode(name: str, mode: str) -> str:
    if name == "wechat":
        return WECHAT_MODES.get(mode, "标准模式")
    if name == "dingtalk":
        return DINGTALK_MODES.get(mode, "标准模式")
    return "加密回调" if name == "wecom" else "—"
