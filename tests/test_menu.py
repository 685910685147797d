"""The bottom menu: `menu show` prints the platform's JSON, `menu push` posts it (local fakes of
both APIs), and a CLICK through /wechat (all three modes) and /wecom (encrypted) runs its intent."""

from __future__ import annotations

import json

import pytest
from flask import jsonify, request

from bot import demo
from bot.__main__ import main
from bot.app import create_app
from bot.channels.base import cdata
from bot.menu import menu_json, parse_buttons
from tests.conftest import make_config
from tests.fakes import FakePlatform
from tests.helpers import ACCOUNT, APP_ID, TOKEN
from tests.test_wecom import CORP, WeComClient, wecom_config

DEFAULT = {"button": [
    {"name": "活动", "sub_button": [{"type": "click", "name": "近期活动", "key": "activity_query"},
                                   {"type": "click", "name": "我的报名", "key": "my_signups"}]},
    {"name": "建议", "sub_button": [{"type": "click", "name": "提建议", "key": "suggestion"},
                                   {"type": "click", "name": "查进度", "key": "suggestion_status"}]},
    {"type": "click", "name": "帮助", "key": "help"}]}


def click_xml(user: str, account: str, key: str, created: int, event: str = "CLICK") -> str:
    return (f"<xml><ToUserName>{cdata(account)}</ToUserName><FromUserName>{cdata(user)}</FromUserName>"
            f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event>{cdata(event)}</Event><EventKey>{cdata(key)}</EventKey></xml>")


def write_config(tmp_path, text: str = "") -> str:
    path = tmp_path / "menu.toml"
    path.write_text(f'[bot]\ndatabase = "{tmp_path / "m.db"}"\n[wechat]\ntoken = "{TOKEN}"\n' + text, "utf-8")
    return str(path)


# ---- the JSON ----------------------------------------------------------------------------------------


def test_menu_show_prints_the_default_menu_for_both_platforms(tmp_path, capsys):
    conf = write_config(tmp_path)
    for channel in ("wechat", "wecom"):
        assert main(["menu", "show", "--config", conf, "--channel", channel]) == 0
        assert json.loads(capsys.readouterr().out) == DEFAULT


def test_menu_from_config_with_a_link(tmp_path, capsys):
    conf = write_config(tmp_path, '[menu]\nbuttons = ["看活动=activity_query", "公示=public_notice", '
                                  '"更多/工会主页=https://example.edu.cn/union", "更多/帮助=help"]\n')
    assert main(["menu", "show", "--config", conf]) == 0
    assert json.loads(capsys.readouterr().out)["button"] == [
        {"type": "click", "name": "看活动", "key": "activity_query"},
        {"type": "click", "name": "公示", "key": "public_notice"},
        {"name": "更多", "sub_button": [{"type": "view", "name": "工会主页", "url": "https://example.edu.cn/union"},
                                       {"type": "click", "name": "帮助", "key": "help"}]}]


def test_an_unknown_intent_or_too_many_buttons_is_refused_with_one_line(tmp_path, capsys):
    conf = write_config(tmp_path, '[menu]\nbuttons = ["乱写=no_such_intent"]\n')
    assert main(["menu", "show", "--config", conf]) == 2
    assert "no_such_intent" in capsys.readouterr().err
    conf = write_config(tmp_path, '[menu]\nbuttons = ["a=help", "b=help", "c=help", "d=help"]\n')
    assert main(["menu", "show", "--config", conf]) == 2
    assert "一级菜单最多 3 个" in capsys.readouterr().err
    with pytest.raises(ValueError, match="子菜单"):
        parse_buttons([f"组/项{i}=help" for i in range(6)])
    with pytest.raises(ValueError, match="太长"):
        parse_buttons(["这个名字实在是太长了=help"])
    assert menu_json(["帮助=help"]) == {"button": [{"type": "click", "name": "帮助", "key": "help"}]}


# ---- menu push against local fakes -------------------------------------------------------------------


class FakeMenuAPI(FakePlatform):
    """Both platforms' token and menu endpoints: records the menu it was given."""

    def __init__(self, errcode: int = 0) -> None:
        super().__init__("fake-menu")
        self.errcode = errcode

        @self.app.post("/cgi-bin/stable_token")
        def stable_token():
            return jsonify(access_token="MPTOKEN", expires_in=7200)

        @self.app.get("/cgi-bin/gettoken")
        def gettoken():
            assert request.args["corpid"] == CORP
            return jsonify(errcode=0, access_token="WTOKEN", expires_in=7200)

        @self.app.post("/cgi-bin/menu/create")
        def create():
            body = json.loads(request.get_data(as_text=True))
            assert request.content_type.startswith("application/json") and body["button"]
            return jsonify(errcode=self.errcode, errmsg="ok" if self.errcode == 0 else "error")


@pytest.fixture
def api():
    fake = FakeMenuAPI().start()
    yield fake
    fake.stop()


def test_menu_push_posts_the_json_to_both_platforms(tmp_path, api, capsys):
    conf = write_config(tmp_path, f'app_id = "{APP_ID}"\napp_secret = "s"\napi_base = "{api.base}"\n'
                                  f'[wecom]\nenabled = true\ncorp_id = "{CORP}"\nagent_id = "1000002"\nsecret = "ws"\n'
                                  f'token = "wt"\nencoding_aes_key = "{"a" * 43}"\napi_base = "{api.base}"\n')
    assert main(["menu", "push", "--config", conf]) == 0
    out = capsys.readouterr().out
    assert "wechat: 菜单已更新" in out and "wecom: 菜单已更新" in out
    posted = api.to("/cgi-bin/menu/create")
    assert [p["args"] for p in posted] == [{"access_token": "MPTOKEN"}, {"access_token": "WTOKEN", "agentid": "1000002"}]
    assert all(p["body"] == DEFAULT for p in posted)
    assert main(["menu", "push", "--config", conf, "--channel", "wecom"]) == 0
    assert len(api.to("/cgi-bin/menu/create")) == 3


def test_menu_push_says_why_it_failed(tmp_path, api, capsys):
    api.errcode = 48001
    conf = write_config(tmp_path, f'app_id = "{APP_ID}"\napp_secret = "s"\napi_base = "{api.base}"\n')
    assert main(["menu", "push", "--config", conf, "--channel", "wechat"]) == 2
    assert "未认证订阅号" in capsys.readouterr().err
    conf = write_config(tmp_path)  # no app_secret: nothing is called
    assert main(["menu", "push", "--config", conf]) == 2
    assert "没有可以推送菜单的渠道" in capsys.readouterr().err


# ---- clicks through the webhooks ---------------------------------------------------------------------


def test_click_runs_its_intent_through_wechat_in_every_mode(wechat, clock):
    bot = wechat.app.extensions["unionbot"]
    demo.seed(bot.store, clock)

    def click(user, key, event="CLICK"):
        clock.advance(seconds=1)  # events are deduped by sender + CreateTime
        return wechat.reply_content(wechat.post_xml(click_xml(user, ACCOUNT, key, clock.timestamp(), event)))

    assert "正在报名的工会活动" in click("u-menu", "activity_query")
    assert wechat.say("u-menu", "绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"
    assert wechat.say("u-menu", "1024").startswith("绑定成功！张三老师")
    assert click("u-menu", "my_signups").startswith("您目前没有报名任何活动")
    asked = click("u-menu", "suggestion")
    assert "请" in asked and bot.store.conversations.get("wechat", "u-menu").flow == "suggestion"
    assert "可以帮您" in click("u-menu", "help")
    assert "可以帮您" in click("u-menu", "no_such_key")  # unknown key: the help reply, never silence
    assert click("u-menu", "https://example.edu.cn", event="VIEW") == ""  # acknowledged: success


def test_a_retried_click_is_answered_once(plain_wechat, clock):
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    xml = click_xml("u-r", ACCOUNT, "suggestion", clock.timestamp())
    first = plain_wechat.reply_content(plain_wechat.post_xml(xml))
    again = plain_wechat.reply_content(plain_wechat.post_xml(xml))
    assert first and again == first
    assert bot.store.inbox.count() == 1


def test_click_mid_conversation_sets_the_question_aside(plain_wechat, clock):
    bot = plain_wechat.app.extensions["unionbot"]
    demo.seed(bot.store, clock)
    plain_wechat.say("u-a", "绑定 1024 张三")
    plain_wechat.say("u-a", "1024")
    assert plain_wechat.say("u-a", "报名拔河").startswith("确认报名")
    clock.advance(seconds=1)
    reply = plain_wechat.reply_content(plain_wechat.post_xml(click_xml("u-a", ACCOUNT, "activity_query",
                                                                       clock.timestamp())))
    assert "正在报名的工会活动" in reply and "回复“继续”接着办" in reply
    assert plain_wechat.say("u-a", "继续").startswith("好的，接着刚才的")


def test_click_through_wecom_is_encrypted_and_runs_its_intent(tmp_path, clock):
    app = create_app(wecom_config(tmp_path), clock)
    app.testing = True
    wecom = WeComClient(app, clock)
    demo.seed(wecom.bot.store, clock)
    from bot.channels.base import parse_xml

    def click(key, event="click"):
        clock.advance(seconds=1)
        resp = wecom.post(click_xml("zhangsan", CORP, key, clock.timestamp(), event))
        assert resp.status_code == 200
        body = resp.get_data(as_text=True)
        return parse_xml(wecom.channel.decrypt_reply(body))["Content"] if body else ""

    assert "正在报名的工会活动" in click("activity_query")
    assert "可以帮您" in click("whatever")
    assert click("https://example.edu.cn", event="view") == ""


def test_menu_config_from_the_environment(tmp_path):
    from bot.config import build_config

    config = build_config({"wechat": {"token": "t"}}, environ={"UNIONBOT_MENU_BUTTONS": "近期活动=activity_query;帮助=help"})
    assert config.get("menu", "buttons") == ["近期活动=activity_query", "帮助=help"]
    assert make_config(tmp_path).get("menu", "buttons")[0] == "活动/近期活动=activity_query"
