"""钉钉 (DingTalk) enterprise internal robot: Stream mode (a websocket the bot opens, no public URL
needed), HTTP mode (`POST /dingtalk`), pushes to one person (robot one-to-one, falling back to
工作通知) and the custom group robot.

Official docs:
- Stream mode:                     https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
- 机器人接收消息 (HTTP callbacks):  https://open.dingtalk.com/document/orgapp/receive-message
- 批量发送人与机器人会话中机器人消息: https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches
- 工作通知 asyncsend_v2:            https://open.dingtalk.com/document/orgapp/asynchronous-sending-of-enterprise-session-messages
- 获取企业内部应用的 accessToken:    https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app
- 自定义机器人安全设置 (加签):        https://open.dingtalk.com/document/robots/customize-robot-security-settings

Signatures: base64(HmacSHA256(secret, timestamp + "\\n" + secret)), timestamp in milliseconds. An HTTP
callback carries it in the `timestamp` and `sign` headers (the secret is the app secret). It does not
cover the body, so whoever saw one request's headers could, for an hour, post anything as anyone:
a signed header pair is bound to the first body it came with, and another body is accepted under
it only within SAME_SIGN_GRACE_S of its timestamp (two real messages in one millisecond). Stream
mode has no such weakness and is the default.

Stream mode is built on the dingtalk-stream SDK's frame types; the connection loop is our own,
because the SDK's (0.24.3) cannot be stopped, never notices a silent socket, and probes 8.8.8.8 for
its local address. Here: every frame is acknowledged at once, the message is handled on a worker
thread (a slow database never delays an ACK or a ping), redeliveries are deduplicated on msgId,
a socket silent for `ping_every` seconds is probed and replaced when it does not answer, and
`stop()` (SIGTERM) ends the loop cleanly.

The package: wire.py (signatures, the inbound message, reply bodies), callback.py (the channel and
HTTP mode's webhook), stream.py (the Stream-mode client), push.py (pushes and the group robot).
"""

from __future__ import annotations

from bot.channels.dingtalk.callback import DingTalkChannel
from bot.channels.dingtalk.push import DingTalkGroupRobot, DingTalkPush
from bot.channels.dingtalk.stream import DingTalkStream
from bot.channels.dingtalk.wire import (
    BOT_TOPIC,
    GROUP_NOTE,
    MAX_SKEW_S,
    NAME,
    NOT_IN_ORG,
    ROBOT,
    Inbound,
    allowed_webhook,
    epoch_ms,
    inbound,
    sign,
    signed_webhook,
    text_body,
)

__all__ = ["BOT_TOPIC", "GROUP_NOTE", "MAX_SKEW_S", "NAME", "NOT_IN_ORG", "ROBOT", "DingTalkChannel",
           "DingTalkGroupRobot", "DingTalkPush", "DingTalkStream", "Inbound", "allowed_webhook", "epoch_ms",
           "inbound", "sign", "signed_webhook", "text_body"]
