"""Inbound channels and push transports, one module (or package) per platform."""

from bot.imports import defer_init

# The webhooks use wechatpy's signature check and AES envelope only (wechat_mp.py, wecom.py): its
# package __init__s, which import all of wechatpy and requests with it, run only if something asks
# for more (bot/imports.py).
defer_init("wechatpy")
defer_init("wechatpy.enterprise")

# How the console and the push plan name a channel or transport.
CHANNEL_NAMES = {"wechat": "公众号", "wecom": "企业微信", "dingtalk": "钉钉", "simulator": "模拟器",
                 "wecom_robot": "企业微信群机器人", "dingtalk_robot": "钉钉群机器人",
                 "cli": "命令行（测试用）", "test": "测试渠道"}
