"""Binding chat scripts: who you are is proved, not claimed (工号 and 姓名 are semi-public)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.app import Bot
from handlers.binding import CODE_GUESSES_PER_HOUR, USER_TRIES_PER_HOUR
from handlers.binding.codes import issue_code
from tests.conftest import make_config
from tests.helpers import Chat

ROOT = Path(__file__).resolve().parents[1]
# demo phones end in the 工号: 1003 李娜 has 13900001003


def wechat(bot, user):
    """A chat on a channel where the demo school has bound nobody yet (it binds its simulator users on wechat)."""
    return Chat(bot, user, channel="wecom")


def test_bind_asks_for_the_phone_by_default(school, chat):
    assert chat.say("绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"
    assert chat.say("1024").startswith("绑定成功！张三老师（工号 1024）")
    assert chat.say("你好").startswith("您好，张三老师")


def test_bind_name_first_and_sentence_form(school):
    a, b = Chat(school, "a"), Chat(school, "b")
    assert a.say("我是张伟，工号1001") == "为确认身份，请回复您登记手机号的后四位。"
    assert a.say("1001").startswith("绑定成功！张伟老师")
    assert b.say("绑定 王芳 1002").startswith("为确认身份")
    assert b.say("手机尾号 1002").startswith("绑定成功！王芳老师")


def test_guided_flow_accepts_full_width_digits(school, chat):
    assert chat.say("绑定") == "请回复您的工号（例如 1024）。回复“取消”可随时退出。"
    assert chat.say("abc") == "工号应该是一串数字，例如 1024。请再试一次，或回复“取消”。"
    assert chat.say("１００３") == "请回复您的姓名。"
    assert chat.say("李娜") == "为确认身份，请回复您登记手机号的后四位。"
    assert chat.say("１００３").startswith("绑定成功！李娜老师")


def test_a_thief_with_staff_no_and_name_is_refused_and_the_owner_keeps_her_account(school):
    owner, thief = wechat(school, "o-lina"), wechat(school, "o-thief")
    owner.say("绑定 1003 李娜")
    assert owner.say("1003").startswith("绑定成功")
    assert thief.say("绑定 1003 李娜") == "为确认身份，请回复您登记手机号的后四位。"
    assert thief.say("0000") == "验证没有通过，请核对后重试；或回复“取消”。"
    # a clear other request sets the proof aside: it is answered as the unbound user he is, not as 李娜
    reply = thief.say("我的报名")
    assert "请回复“绑定 工号 姓名”" in reply and reply.endswith("（刚才的绑定还没完成，回复“继续”接着办。）")
    assert thief.say("继续") == "好的，接着刚才的：为确认身份，请回复您登记手机号的后四位。"
    assert thief.say("取消").startswith("已取消")
    assert "请回复“绑定 工号 姓名”" in thief.say("我的报名")  # not 李娜
    assert owner.say("我的报名").startswith("您目前没有报名任何活动")  # she is still 李娜 (bound, no sign-ups)
    assert school.store.bindings.user_on("wecom", school.store.members.by_staff_no("1003").id) == "o-lina"


def test_limits_hold_across_fresh_accounts_and_the_owner_is_told(school):
    lina = school.store.members.by_staff_no("1003")
    wechat(school, "o-lina").say("绑定 1003 李娜")
    wechat(school, "o-lina").say("1003")
    for i in range(5):  # five fresh openids, one wrong guess each
        thief = wechat(school, f"o-thief-{i}")
        thief.say("绑定 1003 李娜")
        reply = thief.say(f"{i:04d}")
    assert reply.startswith(PAUSED)
    # a sixth fresh account, even with the right digits, gets nowhere while her phone check is paused
    late = wechat(school, "o-thief-6")
    assert late.say("绑定 1003 李娜").startswith(PAUSED)
    alerts = [r for r in school.store.outbox.for_member(lina.id) if r["kind"] == "binding_alert"]
    assert len(alerts) == 1 and "有人多次尝试绑定您的工会身份（工号 1003）" in alerts[0]["text"]
    assert "领取一次性绑定码" in alerts[0]["text"]
    # the pause is per member: another teacher can still bind; after a day (10 tries) it lifts
    assert wechat(school, "o-other").say("绑定 1024 张三").startswith("为确认身份")
    school.clock.advance(hours=25)
    late.say("绑定 1003 李娜")
    assert late.say("1003").startswith("绑定成功")


ASK_PHONE = "为确认身份，请回复您登记手机号的后四位。"
ASK_CODE = "为确认身份，请回复工会发给您的 8 位绑定码。"
PAUSED = "为保护会员信息，工号 1003 的手机尾号验证已暂停（多次验证未通过）。"


def test_wrong_names_from_fresh_accounts_do_not_pause_the_member(school):
    """工号 and 姓名 are semi-public: someone with fresh accounts typing 李娜's 工号 with wrong names
    gets "对不上" each time (and each account its own pause), but 李娜 is not locked out."""
    lina = school.store.members.by_staff_no("1003")
    for i in range(12):
        assert wechat(school, f"o-prank-{i}").say("绑定 1003 王五").startswith("工号和姓名对不上"), i
    owner = wechat(school, "o-lina")
    assert owner.say("绑定 1003 李娜") == ASK_PHONE
    assert owner.say("1003").startswith("绑定成功！李娜老师")
    assert not [r for r in school.store.outbox.for_member(lina.id) if r["kind"] == "binding_alert"]


def test_wrong_last_four_from_fresh_accounts_are_still_capped(school):
    """10,000 possible last fours: all accounts together get 5 guesses an hour and 10 a day at one
    member; then her phone check is paused, even for the right digits."""
    lina = school.store.members.by_staff_no("1003")
    started = [wechat(school, f"o-guess-{i}") for i in range(8)]
    for c in started:  # all asked for the proof before any of them answers
        assert c.say("绑定 1003 李娜") == ASK_PHONE
    replies = [c.say(f"{i:04d}") for i, c in enumerate(started[:5])]
    assert replies[:4] == ["验证没有通过，请核对后重试；或回复“取消”。"] * 4 and replies[4].startswith(PAUSED)
    assert started[5].say("1003").startswith(PAUSED)  # asked before the pause: not checked now
    assert wechat(school, "o-guess-late").say("绑定 1003 李娜").startswith(PAUSED)
    school.clock.advance(minutes=61)
    for i in range(5):
        c = wechat(school, f"o-guess-2-{i}")
        assert c.say("绑定 1003 李娜") == ASK_PHONE
        c.say(f"{i + 5:04d}")
    school.clock.advance(minutes=61)  # the hour has passed, the day's ten have not
    assert wechat(school, "o-guess-3").say("绑定 1003 李娜").startswith(PAUSED)
    assert school.store.bindings.user_on("wecom", lina.id) is None
    alerts = [r for r in school.store.outbox.for_member(lina.id) if r["kind"] == "binding_alert"]
    assert alerts and "有人多次尝试绑定您的工会身份（工号 1003）" in alerts[0]["text"]
    school.clock.advance(hours=23)
    owner = wechat(school, "o-lina")
    assert owner.say("绑定 1003 李娜") == ASK_PHONE
    assert owner.say("1003").startswith("绑定成功！李娜老师")


def test_the_member_binds_with_the_committees_code_while_her_phone_check_is_paused(school):
    """Whoever paused her phone check, 李娜 gets in the same day: the reply tells her to ask the
    committee for a one-time code (`python -m bot members code 1003`), and the code always works;
    wrong codes from other accounts do not close that way in."""
    lina = school.store.members.by_staff_no("1003")
    for i in range(5):
        c = wechat(school, f"o-guess-{i}")
        c.say("绑定 1003 李娜")
        c.say(f"{i:04d}")
    owner = wechat(school, "o-lina")
    paused = owner.say("绑定 1003 李娜")
    assert paused.startswith(PAUSED) and "领取一次性绑定码" in paused
    code = issue_code(school.store, lina.id, school.clock)
    for i in range(8):
        c = wechat(school, f"o-code-{i}")
        assert c.say("绑定 1003 李娜") == ASK_CODE
        assert not c.say("AAAA2222").startswith("绑定成功")
    assert owner.say("绑定 1003 李娜") == ASK_CODE
    assert owner.say(code).startswith("绑定成功！李娜老师")
    assert school.store.bindings.user_on("wecom", lina.id) == "o-lina"


def test_ten_wrong_tries_a_day_per_member(school):
    for hour in range(2):
        for i in range(5):
            c = wechat(school, f"t-{hour}-{i}")
            c.say("绑定 1003 李娜")
            c.say("9999")
        school.clock.advance(minutes=61)
    # two hours of five tries each: the daily limit (10) now holds though the hourly one has reset
    c = wechat(school, "t-late")
    assert c.say("绑定 1003 李娜").startswith(PAUSED)


def test_proven_rebinding_moves_the_account_and_tells_the_old_one(school):
    old, new = wechat(school, "o-old-phone"), wechat(school, "o-new-phone")
    old.say("绑定 1003 李娜")
    old.say("1003")
    new.say("绑定 1003 李娜")
    assert new.say("1003").startswith("绑定成功！李娜老师")
    assert "请回复“绑定 工号 姓名”" in old.say("我的报名")  # the old account is no longer 李娜
    moved = [r for r in school.store.outbox.list() if r["kind"] == "binding_moved"]
    assert len(moved) == 1
    assert moved[0]["channel"] == "wecom" and moved[0]["target"] == "o-old-phone"
    assert moved[0]["text"].startswith("【安全提醒】您的工会身份（李娜，工号 1003）已在另一个企业微信账号上绑定")


def test_wrong_name_then_pause_after_five_tries_per_user(school, chat):
    for _ in range(4):
        assert chat.say("绑定 1024 李四").startswith("工号和姓名对不上")
    assert chat.say("绑定 1024 李四").startswith("尝试次数过多")
    assert chat.say("绑定 1024 张三").startswith("尝试次数过多")  # even the right pair during the pause
    school.clock.advance(minutes=61)
    assert chat.say("绑定 1024 张三").startswith("为确认身份")


def test_member_without_phone_needs_a_one_time_code(school, chat):
    school.store.db.execute("UPDATE members SET phone = '' WHERE staff_no = '1024'")
    assert chat.say("绑定 1024 张三").startswith("为保护会员信息，绑定张三老师的身份需要工会发放的一次性绑定码")
    code = issue_code(school.store, school.store.members.by_staff_no("1024").id, school.clock)
    assert chat.say("绑定 1024 张三") == "为确认身份，请回复工会发给您的 8 位绑定码。"
    assert chat.say("AAAA2222") == "验证没有通过，请核对后重试；或回复“取消”。"
    assert chat.say(code.lower()).startswith("绑定成功！张三老师")
    # one time only
    chat.say("解绑")
    assert chat.say("绑定 1024 张三").startswith("为保护会员信息")


def test_a_code_sent_on_its_own_binds_once(school):
    lina = school.store.members.by_staff_no("1003")
    code = issue_code(school.store, lina.id, school.clock)
    assert wechat(school, "o-lina").say(f"我的绑定码是：{code}").startswith("绑定成功！李娜老师")
    assert wechat(school, "o-lina").say(f"绑定码 {code}").startswith("您已绑定为 李娜老师")
    assert wechat(school, "o-copy").say(f"绑定码 {code}").startswith("绑定码不对或已失效")


def test_a_pinyin_name_where_the_staff_number_is_asked_is_not_taken_for_a_code(school):
    c = wechat(school, "o-pinyin")
    assert c.say("绑定").startswith("请回复您的工号")
    assert c.say("zhangsan").startswith("工号应该是一串数字")


def test_wrong_codes_on_their_own_are_capped_for_everyone_but_the_way_by_name_stays_open(school):
    lina = school.store.members.by_staff_no("1003")
    code = issue_code(school.store, lina.id, school.clock)
    for i in range(CODE_GUESSES_PER_HOUR // (USER_TRIES_PER_HOUR - 1) + 1):  # fresh accounts, under their own cap
        c = wechat(school, f"o-guess-{i}")
        for _ in range(USER_TRIES_PER_HOUR - 1):
            c.say("绑定码 ZZZZ2345")
    paused = wechat(school, "o-lina").say(f"绑定码 {code}")
    assert paused.startswith("为保护会员信息，单独发送绑定码的方式暂停使用")
    owner = wechat(school, "o-lina")
    assert owner.say("绑定 1003 李娜") == "为确认身份，请回复您登记手机号的后四位，或工会发给您的 8 位绑定码。"
    assert owner.say(code).startswith("绑定成功！李娜老师")
    school.clock.advance(minutes=61)
    assert wechat(school, "o-late").say("绑定码 ZZZZ2345").startswith("绑定码不对或已失效")


def test_code_expires_after_a_week(school, chat):
    school.store.db.execute("UPDATE members SET phone = '' WHERE staff_no = '1024'")
    issue_code(school.store, school.store.members.by_staff_no("1024").id, school.clock)
    school.clock.advance(days=8)
    assert chat.say("绑定 1024 张三").startswith("为保护会员信息")


def test_without_require_phone_first_bind_is_direct_but_a_second_user_must_prove(tmp_path, clock):
    from bot import demo

    bot = Bot(make_config(tmp_path, admin={"require_phone_last4": False}), clock)
    demo.seed(bot.store, clock)
    assert wechat(bot, "o1").say("绑定 1024 张三").startswith("绑定成功")
    assert wechat(bot, "o2").say("绑定 1024 张三") == "为确认身份，请回复您登记手机号的后四位。"


def test_member_who_left_cannot_bind(school, chat):
    assert "无法绑定" in chat.say("绑定 3001 钱多多")


def test_already_bound_and_unbind(school, chat):
    chat.say("绑定 1024 张三")
    chat.say("1024")
    assert chat.say("绑定 1001 张伟").startswith("您已绑定为 张三老师")
    assert chat.say("解绑").startswith("已解除绑定")
    assert chat.say("解绑").startswith("您还没有绑定身份")


def test_one_member_on_several_channels(school):
    for channel, user in (("wecom", "wx-user"), ("dingtalk", "dd-user")):
        c = Chat(school, user, channel=channel)
        c.say("绑定 1024 张三")
        assert c.say("1024").startswith("绑定成功")
    member = school.store.members.by_staff_no("1024")
    bound = {(b["channel"], b["user_id"]) for b in school.store.bindings.for_member(member.id)}
    assert {("wecom", "wx-user"), ("dingtalk", "dd-user"), ("wechat", "sim-1024")} <= bound
    assert not [r for r in school.store.outbox.list() if r["kind"] == "binding_moved"]  # other channels: no move


def test_unbound_users_are_asked_to_bind_for_personal_things(school, chat):
    hint = "请回复“绑定 工号 姓名”，例如“绑定 1024 张三”。"
    for text in ("报名拔河", "我的报名", "拔河我不去了", "王老师住院了", "别再推送了", "我的建议"):
        assert hint in chat.say(text), text
    assert "拔河" in chat.say("最近有什么活动")
    assert "体检" in chat.say("今年体检什么时候")


def _cli(config, *args):
    return subprocess.run([sys.executable, "-m", "bot", "--config", config, *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_code_list_and_unbind(tmp_path):
    conf = tmp_path / "c.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "c.db"}"\n[wechat]\ntoken = "t"\n', encoding="utf-8")
    assert _cli(str(conf), "seed-demo").returncode == 0
    listed = _cli(str(conf), "members", "bindings", "1003").stdout.splitlines()
    assert len(listed) == 2 and '"channel": "wechat"' in "".join(listed) and '"user_id": "sim-1003"' in "".join(listed)
    code = _cli(str(conf), "members", "code", "1003")
    assert code.returncode == 0 and "的一次性绑定码：" in code.stdout
    assert _cli(str(conf), "members", "unbind", "1003", "--channel", "wechat").stdout.strip() == \
        "已解除 李娜（工号 1003）的 1 个绑定"
    assert len(_cli(str(conf), "members", "bindings", "1003").stdout.splitlines()) == 1
    missing = _cli(str(conf), "members", "code", "9999")
    assert missing.returncode != 0 and "没有工号为 9999 的会员" in missing.stderr
