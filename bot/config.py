"""Configuration: a TOML file (tomllib) overridden by UNIONBOT_<SECTION>_<KEY> variables.

Every key has a default and a validator here, so a wrong value stops start-up with one line
that names the key and the file, never a traceback.
"""

from __future__ import annotations

import base64
import os
import tomllib
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXAMPLE_FILE = "config.example.toml"
ENV_PREFIX = "UNIONBOT_"


class ConfigError(Exception):
    """A missing or invalid configuration value; str() is the one line shown to the admin."""


def _aes_key(value: str) -> str:
    if value == "":
        return value
    if len(value) != 43:
        raise ValueError("必须是 43 个字符 (must be 43 characters)")
    try:
        key = base64.b64decode(value + "=", validate=True)
    except ValueError as exc:
        raise ValueError("不是合法的 Base64 (not valid base64)") from exc
    if len(key) != 32:
        raise ValueError("解码后必须是 32 字节 (must decode to 32 bytes)")
    return value


def _timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"未知时区 (unknown time zone) {value!r}") from exc
    return value


def _one_of(*choices: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"只能是 (must be one of) {', '.join(choices)}")
        return value

    return check


def _hhmm(value: str) -> str:
    parts = value.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError("格式应为 HH:MM (format HH:MM)")
    h, m = int(parts[0]), int(parts[1])
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError("时间超出范围 (time out of range)")
    return f"{h:02d}:{m:02d}"


def _positive(value: int) -> int:
    if value <= 0:
        raise ValueError("必须大于 0 (must be > 0)")
    return value


def _non_negative(value: int) -> int:
    if value < 0:
        raise ValueError("不能为负数 (must be >= 0)")
    return value


def _menu_buttons(value: list) -> list:
    """The bottom menu (bot/menu.py): "名称=intent" (a click), "名称=https://…" (a link), "组/名称=…" (in
    the sub-menu 组). The platforms' limits: 3 top-level buttons, 5 in a sub-menu."""
    from bot.menu import parse_buttons

    if not all(isinstance(v, str) for v in value):
        raise ValueError("必须是字符串列表 (must be a list of strings)")
    parse_buttons(value)
    return value


def _int_list(value: list) -> list:
    if not all(isinstance(v, int) and v >= 0 for v in value):
        raise ValueError("必须是非负整数列表 (must be a list of non-negative integers)")
    return value


@dataclass(frozen=True)
class Key:
    default: Any
    check: Callable[[Any], Any] | None = None
    required: bool = False  # must be non-empty when its section is enabled


# The whole schema. Sections and keys not listed here are reported as unknown.
SCHEMA: dict[str, dict[str, Key]] = {
    "bot": {
        "name": Key("工会小助手"),
        "school": Key("示范学校"),
        "timezone": Key("Asia/Shanghai", _timezone),
        "database": Key("data/unionbot.db"),
        "admin_contacts": Key("工会办公室"),
        "conversation_minutes": Key(10, _positive),
        "log_level": Key("INFO", _one_of("DEBUG", "INFO", "WARNING", "ERROR")),
        "plugins": Key("handlers"),  # the features' package, imported by name (bot.registry.load_plugins)
    },
    "wechat": {
        "enabled": Key(True),
        "token": Key("", required=True),
        "app_id": Key(""),
        "app_secret": Key(""),
        "encoding_aes_key": Key("", _aes_key),
        "mode": Key("plaintext", _one_of("plaintext", "compatible", "safe")),
        "account_type": Key("subscription", _one_of("subscription", "service", "verified_service")),
        "push": Key("api", _one_of("api", "simulator", "none")),
        "api_base": Key("https://api.weixin.qq.com"),
        "max_clock_skew_seconds": Key(300, _positive),
        "template_id_promotion": Key(""),
        "template_id_suggestion_reply": Key(""),
        "template_id_checkup": Key(""),
        "template_id_announcement": Key(""),
    },
    "wecom": {
        "enabled": Key(False),
        "corp_id": Key("", required=True),
        "agent_id": Key("", required=True),
        "secret": Key(""),
        "token": Key("", required=True),
        "encoding_aes_key": Key("", _aes_key, required=True),
        "api_base": Key("https://qyapi.weixin.qq.com"),
        "group_webhook": Key(""),
        "max_clock_skew_seconds": Key(300, _positive),
    },
    "dingtalk": {
        "enabled": Key(False),
        "mode": Key("stream", _one_of("stream", "http")),
        "app_key": Key("", required=True),
        "app_secret": Key("", required=True),
        "robot_code": Key(""),
        "agent_id": Key(""),
        "api_base": Key("https://api.dingtalk.com"),
        "oapi_base": Key("https://oapi.dingtalk.com"),
        "group_webhook": Key(""),
        "group_secret": Key(""),
    },
    "schedule": {
        "send_time": Key("08:00", _hhmm),
        "notice_days_before": Key([7, 1], _int_list),
        "notice_avoid_holidays": Key(True),
        "birthday_grace_days": Key(0, _non_negative),
        "calendar_file": Key(""),
        "in_process": Key(False),
    },
    "admin": {
        "enabled": Key(True),
        "password": Key(""),  # unused: accounts are created with `python -m bot admin create-user`
        "secure_cookies": Key(False),
        "require_phone_last4": Key(True),
        "secret_key": Key(""),
        "suggestions_per_day": Key(5, _positive),
    },
    "simulator": {
        "enabled": Key(False),
    },
    "menu": {
        "buttons": Key(["活动/近期活动=activity_query", "活动/我的报名=my_signups", "建议/提建议=suggestion",
                        "建议/查进度=suggestion_status", "帮助=help"], _menu_buttons),
    },
    "server": {
        "workers": Key(2, _positive),
        "threads": Key(1, _positive),
        "timeout": Key(30, _positive),
        "trusted_proxies": Key(0, _non_negative),
        "access_log": Key(True),
    },
}


@dataclass
class Config:
    """Validated configuration: `config.section("wechat")["token"]` or `config.get("wechat", "token")`."""

    values: dict[str, dict[str, Any]]
    source: str = EXAMPLE_FILE
    base_dir: Path = field(default_factory=Path.cwd)

    def section(self, name: str) -> dict[str, Any]:
        return self.values[name]

    def get(self, section: str, key: str) -> Any:
        return self.values[section][key]

    def is_demo(self) -> bool:
        """A demo configuration: the simulator on (which needs `[wechat] push = "simulator"`): anyone can
        speak as any user there, and the demo's published passwords and keys are allowed."""
        return bool(self.values["simulator"]["enabled"])

    def database_path(self) -> str:
        path = self.get("bot", "database")
        if path == ":memory:" or os.path.isabs(path):
            return path
        return str(self.base_dir / path)


def _coerce_env(raw: str, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{where}: 应为 true/false (expected true/false), 得到 {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{where}: 应为整数 (expected an integer), 得到 {raw!r}") from None
    if isinstance(default, list) and default and isinstance(default[0], str):
        return [x.strip() for x in raw.split(";") if x.strip()]  # e.g. "活动/近期活动=activity_query;帮助=help"
    if isinstance(default, list):
        try:
            return [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise ConfigError(f"{where}: 应为逗号分隔的整数 (expected e.g. 7,1)") from None
    return raw


# Values published in this repository: whoever knows them can forge a platform's signature.
PUBLIC_SECRETS = {
    "change-me-to-a-random-token": "config.example.toml",
    "demo-token": "config.demo.toml",
    "dW5pb25ib3QtZGVtby1rZXktbm90LWZvci1wcm9kISE": "config.demo.toml",
}
# What signs or decrypts a platform's requests, per section (checked when the section is enabled).
SIGNING_KEYS = {"wechat": ("token", "encoding_aes_key"), "wecom": ("token", "encoding_aes_key"),
                "dingtalk": ("app_secret",)}


def check_serving(config: Config) -> None:
    """For the commands that face the platforms (serve, scheduler, dingtalk): refuse a published or
    blank signing secret, unless this is the demo. One line naming the key and its variable."""
    if config.is_demo():
        return
    for section, keys in SIGNING_KEYS.items():
        if not config.get(section, "enabled"):
            continue
        for key in keys:
            value = config.get(section, key)
            var = f"{ENV_PREFIX}{section.upper()}_{key.upper()}"
            if value in PUBLIC_SECRETS:
                problem = f"仍是公开的示例值（{PUBLIC_SECRETS[value]}），任何人都能伪造签名 (is the published example value)"
            elif key == "token" and not value.strip():
                problem = "为空 (is empty)"
            else:
                continue
            raise ConfigError(f"{config.source}: [{section}] {key} {problem}：请在配置文件设置 [{section}] {key} "
                              f"或环境变量 {var}（一串随机字符，与平台后台填写的一致）")


def _env_overrides(environ: Mapping[str, str]) -> dict[tuple[str, str], str]:
    found = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        rest = name[len(ENV_PREFIX) :].lower()
        section, _, key = rest.partition("_")
        if section in SCHEMA and key in SCHEMA[section]:
            found[(section, key)] = raw
    return found


def default_config_file(base_dir: Path | None = None) -> Path:
    base = base_dir or Path.cwd()
    own = base / "config.toml"
    return own if own.exists() else base / EXAMPLE_FILE


def load_config(
    path: str | os.PathLike | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Config:
    """Load, override and validate. Raises ConfigError with one readable line."""
    environ = os.environ if environ is None else environ
    file = Path(path) if path else default_config_file()
    try:
        with open(file, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在 (config file not found): {file}") from None
    except IsADirectoryError:  # docker compose makes a directory of a bind-mounted file that does not exist
        raise ConfigError(f"配置文件是一个目录 (config path is a directory): {file}：请删除该目录，"
                          "从 config.example.toml 复制一份 config.toml 再启动") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: TOML 语法错误 (syntax error): {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: 不是 UTF-8 文本 (not UTF-8)") from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 (cannot read config file) {file}: {exc.strerror}") from None
    return build_config(data, str(file), environ, overrides, base_dir=file.resolve().parent)


def build_config(
    data: Mapping[str, Any],
    source: str = "<dict>",
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    base_dir: Path | None = None,
) -> Config:
    environ = {} if environ is None else environ
    for section, body in data.items():
        if section not in SCHEMA:
            raise ConfigError(f"{source}: 未知配置段 (unknown section) [{section}]")
        if not isinstance(body, dict):
            raise ConfigError(f"{source}: [{section}] 应为一个配置段 (must be a table)")
        for key in body:
            if key not in SCHEMA[section]:
                raise ConfigError(f"{source}: [{section}] 未知配置项 (unknown key) {key}")

    env = _env_overrides(environ)
    values: dict[str, dict[str, Any]] = {}
    for section, keys in SCHEMA.items():
        values[section] = {}
        for key, spec in keys.items():
            where = f"{source}: [{section}] {key}"
            value = data.get(section, {}).get(key, spec.default)
            if (section, key) in env:
                where = f"环境变量 {ENV_PREFIX}{section.upper()}_{key.upper()}"
                value = _coerce_env(env[(section, key)], spec.default, where)
            if overrides and key in overrides.get(section, {}):
                value = overrides[section][key]
            expected = type(spec.default)
            if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
                raise ConfigError(f"{where}: 类型应为 (expected) {expected.__name__}, 得到 {value!r}")
            if spec.check:
                try:
                    value = spec.check(value)
                except ValueError as exc:
                    raise ConfigError(f"{where}: {exc}") from None
            values[section][key] = value

    for section, keys in SCHEMA.items():
        if not values[section].get("enabled", True):
            continue
        for key, spec in keys.items():
            if spec.required and values[section][key] in ("", None):
                raise ConfigError(f"{source}: [{section}] {key} 不能为空 (is required)")
    if values["simulator"]["enabled"]:
        if not values["wechat"]["enabled"]:
            raise ConfigError(f"{source}: [simulator] enabled 需要 [wechat] enabled = true（模拟器通过公众号接口对话）")
        if values["wechat"]["push"] != "simulator":
            raise ConfigError(
                f"{source}: [simulator] 只用于演示：它能以任何用户的身份发消息，需要 [wechat] push = \"simulator\" "
                "(the simulator can speak as any user: demo configurations only)")
    wc = values["wechat"]
    if wc["enabled"] and wc["mode"] != "plaintext" and not (wc["encoding_aes_key"] and wc["app_id"]):
        raise ConfigError(
            f"{source}: [wechat] mode = {wc['mode']!r} 需要 encoding_aes_key 和 app_id (needs encoding_aes_key and app_id)"
        )
    return Config(values=values, source=source, base_dir=base_dir or Path.cwd())
