"""Platform channels. Only modules here import platform SDKs (wechatpy, dingtalk-stream)."""
