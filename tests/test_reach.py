"""Every teacher reached: with 公众号, 企业微信 and 钉钉 all configured (each against its local fake),
`python -m bot schedule run --date 2027-03-08` sends each woman exactly one 三八 greeting through the
channel she is on, seen by that channel's API; a second run sends nothing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.test_dingtalk import APP_KEY, APP_SECRET, ROBOT, FakeDingTalk
from tests.test_wechat_push_api import FakeWeChatAPI
from tests.test_wecom import AES, CORP, TOKEN, FakeWeComAPI

ROOT = Path(__file__).resolve().parents[1]
SANBA = "节日快乐！感谢您在三尺讲台"


def test_womens_day_reaches_each_woman_once_on_her_own_channel(tmp_path):
    wechat, wecom, dingtalk = FakeWeChatAPI(), FakeWeComAPI().start(), FakeDingTalk().start()
    try:
        db = tmp_path / "reach.db"
        conf = tmp_path / "reach.toml"
        conf.write_text(
            f'[bot]\ndatabase = "{db}"\n'
            f'[wechat]\ntoken = "t"\napp_id = "wxa"\napp_secret = "s"\naccount_type = "service"\napi_base = "{wechat.base}"\n'
            f'[wecom]\nenabled = true\ncorp_id = "{CORP}"\nagent_id = "1000002"\nsecret = "s"\ntoken = "{TOKEN}"\n'
            f'encoding_aes_key = "{AES}"\napi_base = "{wecom.base}"\n'
            f'[dingtalk]\nenabled = true\nmode = "http"\napp_key = "{APP_KEY}"\napp_secret = "{APP_SECRET}"\n'
            f'robot_code = "{ROBOT}"\napi_base = "{dingtalk.base}"\noapi_base = "{dingtalk.base}"\n', encoding="utf-8")

        def run(*args):
            proc = subprocess.run([sys.executable, "-m", "bot", "--config", str(conf), *args], cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 0, proc.stdout + proc.stderr
            return proc.stdout

        run("seed-demo")
        with sqlite3.connect(db) as con:
            names = dict(con.execute(
                "SELECT staff_no, name FROM members WHERE gender = '女' AND status IN ('在职', '退休')"))
        women = sorted(names)
        assert len(women) >= 6
        third = len(women) // 3
        on_wecom, on_dingtalk, on_wechat = women[:third], women[third:2 * third], women[2 * third:]
        roster = tmp_path / "accounts.csv"
        rows = [["工号", "姓名", "企业微信账号", "钉钉账号"]] + [[s, names[s], f"wx{s}", ""] for s in on_wecom] + \
            [[s, names[s], "", f"dd{s}"] for s in on_dingtalk]
        roster.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
        run("members", "import", str(roster))
        with sqlite3.connect(db) as con:  # the 公众号 women wrote the evening before (within 48 hours)
            marks = ",".join("?" * len(on_wechat))
            con.execute("INSERT OR REPLACE INTO channel_users (channel, user_id, subscribed, first_seen_at, "
                        "last_inbound_at) SELECT 'wechat', b.user_id, 1, '2027-03-07T20:00:00+08:00', "
                        "'2027-03-07T20:00:00+08:00' FROM bindings b JOIN members m ON m.id = b.member_id "
                        f"WHERE b.channel = 'wechat' AND m.staff_no IN ({marks})", on_wechat)

        run("schedule", "run", "--date", "2027-03-08")
        got_wecom = [s["body"]["touser"] for s in wecom.to("/cgi-bin/message/send") if SANBA in s["body"]["text"]["content"]]
        got_dingtalk = [s["body"]["userIds"][0] for s in dingtalk.to("/v1.0/robot/oToMessages/batchSend")
                        if SANBA in json.loads(s["body"]["msgParam"])["content"]]
        got_wechat = [s["body"]["touser"] for s in wechat.sends() if SANBA in s["body"]["text"]["content"]]
        assert sorted(got_wecom) == [f"wx{s}" for s in on_wecom]
        assert sorted(got_dingtalk) == [f"dd{s}" for s in on_dingtalk]
        assert sorted(got_wechat) == sorted(f"sim-{s}" for s in on_wechat)
        outbox = [json.loads(line) for line in run("outbox", "list", "--date", "2027-03-08").splitlines()]
        greetings = [r for r in outbox if r["kind"] == "greeting"]
        assert len(greetings) == len(women) and all(r["status"] == "sent" for r in greetings)
        assert {r["channel"] for r in greetings} == {"wechat", "wecom", "dingtalk"}

        calls = (len(wecom.requests), len(dingtalk.requests), len(wechat.requests))
        assert "新写入 0" in run("schedule", "run", "--date", "2027-03-08")
        assert (len(wecom.requests), len(dingtalk.requests), len(wechat.requests)) == calls
    finally:
        wechat.server.shutdown()
        wecom.stop()
        dingtalk.stop()
