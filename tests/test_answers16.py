"""The answers teachers give to the bot's questions (issue 19, answers16), as one table.

The bot asks: 确认报名…吗？ / 要帮您取消…吗？ / 要署上您的名字吗？ / 请问是哪位老师？ / 大概是什么时候？ / 请回复您的工号.
Blind sets kept failing on the answers, each in new words. Each row below is one answer to one question, run
through /wechat (signed XML) in a fresh demo school at the frozen clock (Tuesday 2026-09-01 09:00): the question is
asked by the bot, the answer is given, and what is stored is checked.

Rows marked "tuned NN xx" are answers teachers gave in tests/data/conversations_tunedNN.json (harvested with the
bot's question in front of them); the others are our own, in the styles those sets used: dialects, 公文, slang,
emoji, code, marking words, ride-hailing, exam answers, crossed-out corrections.

What each kind must do:
- yes (sign-up): signed up. no: not signed up. undecided ("再想想"): not signed up, and not told she refused.
- yes (withdrawal): withdrawn. no / undecided: still signed up.
- anonymous: the suggestion is stored with no sender. signed: with hers.
- a name (哪位老师): the report is about that colleague. a date (什么时候): the report keeps that day.
- a number (工号): the binding goes on with that 工号 (the name is asked next, or the phone's last digits).
- unclear: asked once more, in other words; nothing done, her words not dropped.
"""

from __future__ import annotations

import pytest

from bot.app import create_app
from bot.clock import FrozenClock
from bot.demo import seed
from tests.conftest import make_config
from tests.helpers import WeChatClient

TUG, PINGPONG = "教职工拔河比赛", "乒乓球友谊赛"
ASKS_CONFIRM, ASKS_CANCEL, ASKS_SIGN = "确认报名", "要帮您取消", "要署上您的名字吗？"
ASKS_WHO, ASKS_WHEN, ASKS_STAFF_NO = "请问是哪位老师？", "大概是什么时候？", "请回复您的工号"
TEACHER = "oAnswers16"  # 张伟 (1001), 语文组


@pytest.fixture
def school(tmp_path):
    clock = FrozenClock("2026-09-01 09:00")
    app = create_app(make_config(tmp_path), clock)
    app.testing = True
    store = app.extensions["unionbot"].store
    seed(store, clock)
    store.members.upsert(staff_no="1031", name="王建军", gender="男", group_name="数学组", phone="13900001031")
    return WeChatClient(app.test_client(), "plaintext", clock), store


def bound(school, staff_no: str = "1001"):
    _, store = school
    store.bindings.bind("wechat", TEACHER, store.members.by_staff_no(staff_no).id)
    return store.members.by_staff_no(staff_no)


def status(store, member, title: str) -> str | None:
    row = store.db.one("SELECT s.status FROM signups s JOIN activities a ON a.id = s.activity_id "
                       "WHERE a.title = ? AND s.member_id = ?", (title, member.id))
    return row["status"] if row else None


# ---- 确认报名「教职工拔河比赛」吗？ -----------------------------------------------------------------------------

SIGNUP_YES = [
    # harvested: answers teachers gave to this question in the tuned sets
    "嗯嗯 冲", "要得", "行，整吧", "係呀，確認", "嗯 可以 可以的", "OK", "好滴", "好的，候补也行", "确认无误，谢谢。",
    "對der 確認～", "shi de 确认", "是的亲 确认哦~", "[强]确认", "是嘞 莫搞错了哈", "确认确认hhh", "是～确认～啦啦啦～",
    "是 确认 没跑儿", "那个…是的确认哈", "系 确认 冇问题", "好哒 确认✅", "么麻达 报上", "👌", "美得很 就这么弄",
    "冇得问题 报上", "[OK]", "[强][强]", "中", "嗯呢 报撒", "係呀 唔該", "确认报名，特此回复。", "同意，请予确认。", "「是」",
    "妥了 报吧", "得嘞，报上吧您呐", "queren", "∵信息无误 ∴确认报名。证毕", "准了。确认报名，退下吧～", "おk、确认です",
    "确认下单，不减仓", "=TRUE", "批：可", "确认，落子无悔", "是的噻", "尊嘟 确认 栓Q", "- [x] 确认", "确 认", "好ㄉ，确认",
    "照的，确认", "对着哩，确认", "确认，over", "嗯…还是报吧", "算了还是报吧", "哎 还是报吧 额想通咧",
    "我再想想…… 算了还是报吧",
    "确认！裁判鸣哨，报名有效，全场沸腾",  # tuned32 zj01
    "是的，确认报名，李秀兰",  # tuned32 zj06
    "立定！向右看齐！报名确认！",  # tuned32 zj07
    "却之不恭，确认",  # tuned31 zi08
    "是", "好的", "确认", "嗯嗯", "可以",
    # dialects
    "中嘞，报上", "要得要得", "得嘞您呐", "系啊，帮我报埋", "整起走", "没得问题", "阔以阔以", "好嘅",
    # 公文
    "收到，确认参加，特此回复。", "经研究，同意报名。", "本人已知悉，确认参加",
    # slang and emoji
    "必须的必", "冲冲冲", "安排上了", "👌👌", "✅ 确认", "妥妥的", "ok的",
    # code
    "confirm = True", "return True", "- [x] 确认报名",
    # marking words
    "阅，可", "批：准", "✓ 同意",
    # ride-hailing
    "师傅走吧，确认上车", "确认下单",
    # exam answers
    "答：是", "判断题：√", "（ √ ）确认报名",
    # crossed out, the last word stands
    "不去（划掉）去！", "~~再想想~~ 确认", "否（划掉）是",
]

SIGNUP_NO = [
    # harvested
    "算了，我五音不全，还是不报了", "🙅", "算咧 嫑报了", "算了 不搞了 那天冇得时间", "不了", "算咧", "不", "不用了，谢谢。",
    "不去了", "嗯那个先不报吧", "算啦 唔報喇", "算了 莫得时间 不去了", "嗯…要不…还是算了吧…不去了", "算了嘛", "不…先不报",
    "暂不报名。", "覅了覅了 阿拉唱得不好", "no thanks 不去了", "回复“否”", "覅报了", "甭了甭了，我这破锣嗓子不成",
    "【否】 那天晚上要家访", "先不了", "不了嘛", "先不抱了", "想了想还是算了吧 我五音不全", "no", "我再想想吧 先不报",
    # our own
    "不了不了，谢谢", "否", "算了", "不报了",
    # dialects
    "不得行哦", "唔去喇", "莫报了", "不中", "算球了", "拉倒吧", "甭报了",
    # 公文
    "经研究，不予参加。", "本人因故不能参加，特此说明。",
    # slang and emoji
    "❌", "🙅 不了", "pass", "nope", "no thanks",
    # code
    "confirm = False", "return False", "=FALSE",
    # marking words
    "批：不同意", "驳回", "阅，否",
    # ride-hailing
    "师傅我不坐了", "取消订单",
    # exam answers
    "答：否", "判断题：×", "（ × ）",
    # crossed out
    "是（划掉）不去了", "~~确认~~ 不报了", "确认（划掉）不确认",
    "那天有课去不了", "还是算了吧",
]

SIGNUP_UNDECIDED = [
    "我再想想", "再想想", "嗯…我想想…", "嗯…等一下…我再想想……", "再想想吧", "不好意思我再考虑考虑",  # harvested
    "我再想想吧，周末可能要带孩子",
    "容我三思", "让我考虑考虑", "回头再说", "还没定", "等我问问家里再说", "看情况吧", "待定", "先放一放",
    "纠结中🤔", "我想想哈", "再议", "拟暂缓，待研究后再定", "稍后回复", "晚点答复你", "等等看", "TBD", "pending",
    "我考虑下", "等我看下课表", "不急，过两天定", "犹豫ing", "容我想想", "这个嘛…再说吧", "让我琢磨琢磨",
    "我得跟老公商量一下", "还拿不准", "让我看看再说",
]


def asked_to_confirm(school):
    wx, store = school
    member = bound(school)
    assert ASKS_CONFIRM in wx.say(TEACHER, "报名拔河")
    return wx, store, member


@pytest.mark.parametrize("answer", SIGNUP_YES)
def test_a_yes_to_the_sign_up_signs_her_up(school, answer):
    wx, store, member = asked_to_confirm(school)
    reply = wx.say(TEACHER, answer)
    assert status(store, member, TUG) in ("confirmed", "waitlisted"), reply


@pytest.mark.parametrize("answer", SIGNUP_NO)
def test_a_no_to_the_sign_up_signs_nobody_up(school, answer):
    wx, store, member = asked_to_confirm(school)
    reply = wx.say(TEACHER, answer)
    assert status(store, member, TUG) is None, reply
    assert "报名成功" not in reply


@pytest.mark.parametrize("answer", SIGNUP_UNDECIDED)
def test_a_doubt_at_the_sign_up_signs_nobody_up_and_leaves_the_door_open(school, answer):
    wx, store, member = asked_to_confirm(school)
    reply = wx.say(TEACHER, answer)
    assert status(store, member, TUG) is None, reply
    assert "报名成功" not in reply and "已放弃" not in reply, reply  # not a refusal: she may still come


# ---- 要帮您取消「乒乓球友谊赛」的报名吗？ -----------------------------------------------------------------------

CANCEL_YES = [
    # harvested
    "要得 确认", "是 取消", "确认取消", "是", "yes", "对，撤了吧您呐", "不是 我是要取消我自己的报名", "是的 取消", "取消吧",
    "确认", "是的 取消吧 谢谢谢谢", "嗯 帮我撤了吧", "对 取消吧", "嗯，退掉", "是的，确认取消", "嗯，撤销，谢谢",
    "麻烦您帮我取消一下，真是不好意思", "Yes, cancel 🙏", "对，确定退掉，不要了",
    # our own
    "对", "是的", "嗯嗯 退了吧",
    "退退退", "得嘞，撤了", "系啊，唔去喇", "要得，取消", "中，退了吧", "是滴", "ok 取消", "嗯 不去了",
    "取消吧，谢谢", "是的，不去了", "对的对的", "经研究，同意撤销报名。", "✅", "True", "确认退单", "师傅，取消订单",
    "答：是", "√", "保留（划掉）取消", "~~保留~~ 取消吧", "批：同意",
]

CANCEL_NO = [
    "还是不退了 到时候去唱两首🎤", "好吧那我还是去",  # harvested
    "不取消", "不用，我还去", "还是去吧", "别取消了", "算了我还去", "保留", "先留着", "不了，照常参加", "否",
    "❌", "False", "莫取消", "唔使取消", "不中，俺还去", "驳回", "答：否", "×", "取消（划掉）不取消",
    "我再想想", "等下，我再看看", "还是保留吧", "no", "不退了", "照去不误", "事情推了，还去",
]


def asked_to_cancel(school):
    wx, store = school
    member = bound(school)
    row = store.db.one("SELECT id FROM activities WHERE title = ?", (PINGPONG,))
    store.signups.signup(store.activities.get(row["id"]).id, member)
    assert ASKS_CANCEL in wx.say(TEACHER, "乒乓球那天我有事")
    return wx, store, member


@pytest.mark.parametrize("answer", CANCEL_YES)
def test_a_yes_to_the_withdrawal_withdraws_her(school, answer):
    wx, store, member = asked_to_cancel(school)
    reply = wx.say(TEACHER, answer)
    assert status(store, member, PINGPONG) not in ("confirmed", "waitlisted"), reply


@pytest.mark.parametrize("answer", CANCEL_NO)
def test_a_no_or_a_doubt_at_the_withdrawal_keeps_her_place(school, answer):
    wx, store, member = asked_to_cancel(school)
    reply = wx.say(TEACHER, answer)
    assert status(store, member, PINGPONG) == "confirmed", reply


# ---- 要署上您的名字吗？ ---------------------------------------------------------------------------------------

ANONYMOUS = [
    # harvested
    "不用署名", "匿名吧", "不留名哈", "唔使寫我個名", "名字就算了吧，怕麻烦", "嗯 不用 不用写名字", "匿名就行",
    "莫写我名字 不想惹麻烦", "匿名 别让领导知道是我说的", "先匿名吧", "匿名就好惹 不用寫我名字", "莫写我名字 匿名就得了",
    "别写我名字哈", "不用写我的名字 谢谢", "嫑写额名字", "别写我名字 保密哈", "嗯不要署名吧就匿名", "嗯…还是匿名吧…",
    "唔好寫我名 匿名", "匿民", "保密哈 不想让人知道是我", "嗯…还是不写名字了吧…", "覅写阿拉名字", "「匿名」", "niming",
    "《匿名》", "甭写我名儿", "逆名吧", "我选择匿名提交", "都行吧，随便",
    # our own
    "匿名", "不署名", "不用",
    "别写我名字", "唔好写我个名", "莫写名字", "不要实名", "悄悄的就行", "保密", "不留名", "🤐", "🙈匿名",
    "anonymous", "name = None", "署名（划掉）匿名", "~~实名~~ 匿名", "答：匿名", "选B：匿名", "无名氏就好",
    "不用留名", "低调处理，不署名", "甭署名", "不具名", "匿名提交，谢谢", "就当是群众反映的", "嫑写额名字",
]

SIGNED = [
    # harvested
    "就写我的名字吧没关系", "写我名字，张伟", "署名：数学组张伟", "OK 写我名字吧", "可以署名", "实名，张伟", "实名提交", "实名吧",
    "实名，署我的名字", "实名吧 写我名字", "署名提交。", "实名!!", "實名吧", "实名吧 没啥不能说的", "请署上我的名字，谢谢。",
    "实名实名写我名字就行", "写额名字 额不怕", "可以留名 张伟提的", "不用匿名 实名就行", "落款写我 张伟", "我不怕 实名",
    "實名 唔該", "写我名字就行 谢谢谢谢", "实名好了 阿拉无所谓额", "署名就成，甭匿名", "【实名】", "shiming",
    "我选择实名提交", "实名 反正大家都知道是我",
    # our own
    "实名", "署名", "写我名字", "当仁不让，署我的名",
    "写上我的名字吧", "可以署名", "署我名", "用我的名字", "实名吧，不怕", "中，写俺名字", "写我个名啦", "署名要得",
    "落款本人", "以本人名义提交", "具名", "✍️ 实名", "匿名（划掉）实名", "~~匿名~~ 实名", "答：实名", "选A：署名",
    "挂我名字", "留名", "署上吧", "写我名字没问题", "没啥怕的，实名", "实名制提交", "署名，文责自负",
]


def asked_to_sign(school):
    wx, store = school
    member = bound(school)
    assert wx.say(TEACHER, "我想提个建议，食堂的菜太咸了").startswith(ASKS_SIGN)
    return wx, store, member


def stored_sender(store) -> list:
    rows = store.scratch.query("SELECT content, member_id FROM tray") + store.db.query(
        "SELECT content, member_id FROM suggestions")
    return [r["member_id"] for r in rows if "食堂" in r["content"]]


@pytest.mark.parametrize("answer", ANONYMOUS)
def test_an_anonymous_answer_stores_no_sender(school, answer):
    wx, store, _member = asked_to_sign(school)
    reply = wx.say(TEACHER, answer)
    assert stored_sender(store) == [None], reply


@pytest.mark.parametrize("answer", SIGNED)
def test_a_signed_answer_stores_her_name(school, answer):
    wx, store, member = asked_to_sign(school)
    reply = wx.say(TEACHER, answer)
    assert stored_sender(store) == [member.id], reply


# ---- 请问是哪位老师？ -----------------------------------------------------------------------------------------

WHO = [
    ("王建军", "王建军"), ("数学组王建军老师", "王建军"), ("王建军老师", "王建军"), ("额", "本人"), ("我", "本人"),  # harvested
    ("英语组罗斌", "罗斌"), ("理化生组的唐宁", "唐宁"), ("后勤的朱军", "朱军"), ("罗斌 英语组的", "罗斌"),
    ("是数学组的曹雪梅老师", "曹雪梅"), ("理化生组 杨磊", "杨磊"), ("张伟 不对不对 是赵敏", "赵敏"), ("孙强，我们数学组的", "孙强"),
    ("英文組嘅胡靜怡", "胡静怡"), ("小谢 语文组谢婷婷", "谢婷婷"),
    ("是王建军老师", "王建军"), ("王建军，数学组的", "王建军"), ("数学组的王建军呀", "王建军"), ("是我们组王建军", "王建军"),
    ("王建军 👨‍🏫", "王建军"), ("就是王建军啦", "王建军"), ("系王建军啊", "王建军"), ("@王建军", "王建军"),
    ("name: 王建军", "王建军"), ("答：王建军", "王建军"), ("李明（划掉）王建军", "王建军"), ("~~李明~~ 王建军", "王建军"),
    ("俺们组的王建军", "王建军"), ("王建军同志", "王建军"), ("「王建军」", "王建军"), ("数学组 王建军", "王建军"),
    ("王建军老师（数学组）", "王建军"), ("是王建军老师，他胃出血", "王建军"), ("我", "本人"), ("就是我本人", "本人"),
    ("我自己", "本人"), ("本人", "本人"), ("鄙人", "本人"), ("额自己", "本人"),
]


@pytest.mark.parametrize("answer,who", WHO)
def test_a_name_at_who_files_the_report_about_that_teacher(school, answer, who):
    wx, store = school
    bound(school)
    assert ASKS_WHO in wx.say(TEACHER, "同事生病住院了")
    reply = wx.say(TEACHER, answer)
    if ASKS_WHEN in reply:
        reply = wx.say(TEACHER, "昨天")
    rows = store.db.query("SELECT subject FROM care_reports")
    assert len(rows) == 1 and who in rows[0]["subject"], (reply, rows)


# ---- 大概是什么时候？ ------------------------------------------------------------------------------------------

WHEN = [
    ("昨天下午住进去的", "2026-08-31"), ("8月30日入院的", "2026-08-30"), ("是上周五，八月二十八日。", "2026-08-28"),  # harvested
    ("前天后晌住进去的", "2026-08-30"), ("嗯…好像是…前天晚上", "2026-08-30"), ("上個禮拜五", "2026-08-28"),
    ("琴日晚上", "2026-08-31"), ("系8月30日，特此说明。", "2026-08-30"), ("昨天 哦说错了 是前天", "2026-08-30"),
    ("yesterday 昨天下午", "2026-08-31"), ("last Friday 上周五", "2026-08-28"), ("昨儿个夜里", "2026-08-31"),
    ("【昨天】", "2026-08-31"), ("zuotian 昨天", "2026-08-31"), ("不是昨天，是前天晚上走的", "2026-08-30"),
    ("8.29生的", "2026-08-29"), ("八月三十一号晚上", "2026-08-31"), ("大前天住进去的嘛", "2026-08-29"),
    ("己经住了三天了 上周六进去的", "2026-08-29"), ("不清楚 听说是这几天 麻烦你了", ""),
    ("昨天", "2026-08-31"), ("前天", "2026-08-30"), ("8.30", "2026-08-30"),
    ("上周五", "2026-08-28"), ("8月30号", "2026-08-30"), ("八月三十日", "2026-08-30"), ("今天早上", "2026-09-01"),
    ("昨儿个", "2026-08-31"), ("琴日", "2026-08-31"), ("上个礼拜五", "2026-08-28"), ("2026-08-30", "2026-08-30"),
    ("2026/8/30", "2026-08-30"), ("答：昨天", "2026-08-31"), ("前天（划掉）昨天", "2026-08-31"), ("大前天", "2026-08-29"),
    ("昨晚", "2026-08-31"), ("上周六", "2026-08-29"), ("昨日", "2026-08-31"), ("昨天下午", "2026-08-31"),
    ("8月31日", "2026-08-31"), ("date: 2026-08-30", "2026-08-30"), ("就昨天的事", "2026-08-31"),
    ("夜里头，昨个", "2026-08-31"), ("~~前天~~ 昨天", "2026-08-31"), ("8/31", "2026-08-31"), ("昨天 🏥", "2026-08-31"),
    ("不清楚", ""), ("记不得了", ""),
]


@pytest.mark.parametrize("answer,day", WHEN)
def test_a_day_at_when_is_kept_with_the_report(school, answer, day):
    wx, store = school
    bound(school)
    assert ASKS_WHO in wx.say(TEACHER, "同事生病住院了")
    assert ASKS_WHEN in wx.say(TEACHER, "王建军")
    reply = wx.say(TEACHER, answer)
    rows = store.db.query("SELECT when_text FROM care_reports")
    assert len(rows) == 1 and day in rows[0]["when_text"], (reply, rows)


# ---- 请回复您的工号 ---------------------------------------------------------------------------------------------

STAFF_NO = [
    # the tuned sets' shapes (their 工号 were 1031, 8019, 8036; here 张伟's)
    "工号 1 0 0 1", "工号幺零零幺", "工号一零零一", "嗯工号是一零零一", "工号一〇〇一", "我工号是1001哈", "壹零零壹",
    "gonghao 1001", "工号系一零零一", "额工号1001嘛", "1001嘛", "工号：1001", "工号是1001", "工號1001",
    "1001", "工号1001",
    "我的工号是1001", "１００１", "1 0 0 1", "一零零一", "工号：1001，谢谢", "NO.1001", "#1001", "`1001`",
    "staff_no=1001", "答：1001", "1002（划掉）1001", "~~1002~~ 1001", "1001哈", "1001 👍", "是1001", "工号 1001",
    "幺零零幺", "职工号1001", "1001。", "【1001】", "工号系1001", "俺工号1001", "工号为1001，请查收",
]


@pytest.mark.parametrize("answer", STAFF_NO)
def test_a_number_at_the_staff_number_goes_on_with_it(school, answer):
    wx, _store = school
    assert ASKS_STAFF_NO in wx.say(TEACHER, "绑定")
    reply = wx.say(TEACHER, answer)
    if "姓名" in reply:
        reply = wx.say(TEACHER, "张伟")
    assert "后四位" in reply or "绑定成功" in reply, reply


# ---- unclear: asked once more, in other words; nothing done, nothing dropped ------------------------------------

UNCLEAR = ["嗯……", "那个", "🤔", "emmm", "这个嘛", "呃", "嗯 这个嘛", "啊？", "…", "hmm", "（沉思）", "😶", "嗯嗯嗯那个",
           "怎么说呢", "这"]


@pytest.mark.parametrize("answer", UNCLEAR)
def test_an_unclear_answer_is_asked_again_and_the_question_stays_open(school, answer):
    wx, store, member = asked_to_confirm(school)
    reply = wx.say(TEACHER, answer)
    assert status(store, member, TUG) is None, reply
    assert "报名" in reply and ("是" in reply or "吗" in reply), reply  # the question again, however worded
    assert "报名成功" in wx.say(TEACHER, "是")  # still open: her yes next is read as its answer


@pytest.mark.parametrize("then", ["确认报名", "那确认吧", "想好了 报吧"])
def test_once_she_has_thought_it_over_her_yes_signs_her_up(school, then):
    wx, store, member = asked_to_confirm(school)
    assert "慢慢考虑" in wx.say(TEACHER, "我再想想")
    reply = wx.say(TEACHER, then)
    assert status(store, member, TUG) == "confirmed", reply


@pytest.mark.parametrize("struck", ["是（划掉）", "确认（删掉）", "~~报名~~"])
def test_an_answer_struck_out_whole_is_no_answer(school, struck):
    wx, store, member = asked_to_confirm(school)
    reply = wx.say(TEACHER, struck)
    assert status(store, member, TUG) is None, reply
