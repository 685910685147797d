"""Configuration: tomllib file, UNIONBOT_<SECTION>_<KEY> overrides, one clear line on a bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, build_config, load_config

ROOT = Path(__file__).resolve().parents[1]


def test_example_and_demo_configs_load():
    assert load_config(ROOT / "config.example.toml", environ={}).get("wechat", "mode") == "plaintext"
    demo = load_config(ROOT / "config.demo.toml", environ={})
    assert demo.get("simulator", "enabled") is True and demo.get("wechat", "mode") == "safe"


def test_simulator_is_off_in_the_example():
    assert load_config(ROOT / "config.example.toml", environ={}).get("simulator", "enabled") is False


def test_env_overrides_win(tmp_path):
    env = {"UNIONBOT_WECHAT_TOKEN": "from-env", "UNIONBOT_WECHAT_APP_ID": "wxenv", "UNIONBOT_BOT_CONVERSATION_MINUTES": "15",
           "UNIONBOT_SIMULATOR_ENABLED": "yes", "UNIONBOT_WECHAT_PUSH": "simulator",
           "UNIONBOT_SCHEDULE_NOTICE_DAYS_BEFORE": "3,1", "OTHER": "x"}
    config = load_config(ROOT / "config.example.toml", environ=env)
    assert config.get("wechat", "token") == "from-env"
    assert config.get("wechat", "app_id") == "wxenv"
    assert config.get("bot", "conversation_minutes") == 15
    assert config.get("simulator", "enabled") is True
    assert config.get("schedule", "notice_days_before") == [3, 1]


@pytest.mark.parametrize(
    ("data", "env", "expected"),
    [
        ({"wechat": {"token": "t"}, "dingtalk": {"enabled": True, "app_key": "k"}}, {},
         "[dingtalk] app_secret 不能为空"),
        ({"wechat": {"token": "t"}, "dingtalk": {"enabled": True, "app_key": "k", "app_secret": "s", "mode": "ws"}},
         {}, "[dingtalk] mode"),
        ({"wechat": {"token": ""}}, {}, "[wechat] token 不能为空"),
        ({"wechat": {"token": "t", "encoding_aes_key": "short"}}, {}, "[wechat] encoding_aes_key: 必须是 43 个字符"),
        ({"wechat": {"token": "t", "mode": "secret"}}, {}, "[wechat] mode: 只能是"),
        ({"wechat": {"token": "t", "mode": "safe"}}, {}, "需要 encoding_aes_key 和 app_id"),
        ({"bot": {"timezone": "Mars/Base"}, "wechat": {"token": "t"}}, {}, "[bot] timezone: 未知时区"),
        ({"bot": {"conversation_minutes": "ten"}, "wechat": {"token": "t"}}, {}, "[bot] conversation_minutes: 类型应为"),
        ({"wechat": {"token": "t"}, "schedule": {"send_time": "25:00"}}, {}, "[schedule] send_time"),
        ({"wechat": {"token": "t"}, "wechaat": {}}, {}, "未知配置段 (unknown section) [wechaat]"),
        ({"wechat": {"token": "t", "tokn": "x"}}, {}, "[wechat] 未知配置项 (unknown key) tokn"),
        ({"wechat": {"token": "t"}}, {"UNIONBOT_BOT_CONVERSATION_MINUTES": "abc"}, "UNIONBOT_BOT_CONVERSATION_MINUTES"),
        ({"wechat": {"token": "t"}}, {"UNIONBOT_SIMULATOR_ENABLED": "maybe"}, "UNIONBOT_SIMULATOR_ENABLED"),
    ],
)
def test_invalid_values_name_key_and_file(data, env, expected):
    with pytest.raises(ConfigError) as err:
        build_config(data, "my.toml", env)
    message = str(err.value)
    assert expected in message
    assert "\n" not in message


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[bot\nname = ", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml: TOML"):
        load_config(bad)


def test_cli_reports_config_error_in_one_line_without_traceback(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text('[wechat]\ntoken = "t"\nencoding_aes_key = "too-short"\n', "utf-8")
    proc = subprocess.run([sys.executable, "-m", "bot", "--config", str(bad), "init-db"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "encoding_aes_key" in lines[0] and "config.toml" in lines[0]
    assert "Traceback" not in proc.stderr
