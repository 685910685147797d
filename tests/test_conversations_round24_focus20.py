"""Tuning sets 37 and 38 (issue 19, focus20): a sign-up said over two turns, or with its confirmation already in it.

1. The activity in focus: her first message names one activity in a style not read as a request (颁奖词, 朗诵稿, 评书, a
   倒计时, a 导游's welcome) and the bot does not understand it; "确认报名！" or "请工会给我们这个团报名" next names none and
   means that one. 2. A confirmation she already wrote ("已确认 ✔ 帮我报上", "【注意事项】确认报名", "…成交！确认报名乒乓球")
   signs at once, with the details, and is not asked again."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status

SIGNED = "报名成功！"
NOT_UNDERSTOOD = "抱歉，我没太明白"


def unknown_first(chat, said: str, title: str) -> None:
    reply = chat.say(said)
    assert reply.startswith(NOT_UNDERSTOOD) or title in reply, reply
    assert SIGNED not in reply


# zo13, zo14, zo20, zl21: the first message not understood, the confirmation next names nothing
@pytest.mark.parametrize("staff_no, first, then, title", [
    ("1002", "距离教师读书会：还有 5 天\n距离我下定决心：0 秒\n——语文组 王芳", "倒计时归零，确认报名！", "教师读书会"),
    ("2002", "她，执教三十八年，粉笔灰染白了双鬓；她，退休不褪色，心里始终装着这所学校。她就是——退休教师李秀兰。"
             "今年十月一日的重阳敬老座谈会，她申请到场。", "颁奖词念完了，确认报名，谢谢你们。", "重阳敬老座谈会"),
    ("1005", "（深情地）秋天，是读书的季节——\n（停顿）九月六日，图书馆三楼，\n（渐强）我，语文组陈静，想走进教师读书会！",
     "（轻声）嗯，确认报名。（鞠躬，下场）", "教师读书会"),
    ("1007", "上回书说到，数学组赵敏老师暑假在家批了两个月的作业，腰酸背痛。这一回，且说她听闻9月9日下午小操场有一场数学组"
             "趣味运动会……", "赵老师把袖子一挽：报名！此事——确认无疑。", "数学组趣味运动会"),
    # in other words
    ("1006", "距离乒乓球友谊赛开赛：还有 12 天", "倒计时结束，已确认 ✔", "乒乓球友谊赛"),
    ("1004", "且说体艺组刘洋，听闻九月十日学校操场有一场教职工拔河比赛……", "刘老师一拍桌子：此事确认无疑！", "教职工拔河比赛"),
])
def test_a_confirmation_naming_nothing_signs_the_activity_her_last_message_named(school, staff_no, first, then, title):
    chat = as_member(school, staff_no)
    unknown_first(chat, first, title)
    reply = chat.say(then)
    assert reply.startswith(f"{SIGNED}「{title}」"), reply
    assert status(school, staff_no, title) == "confirmed"


# zl06: the party said with the request naming nothing, then the yes
def test_a_tour_group_signed_up_by_its_guide_takes_the_activity_in_focus_with_the_family(school):
    chat = as_member(school, "1017")
    unknown_first(chat, "各位游客朋友大家好，我是本次的导游小何，体艺组何雪。咱们这个团是9月17号秋季登山团，早上8点学校南门集合，"
                        "包车上山。", "秋季登山活动")
    asked = chat.say("本团成员：我本人，加家属三位——我爱人、我儿子（10岁）、我婆婆。请工会给我们这个团报名，一共四个人。")
    assert "「秋季登山活动」" in asked.split("\n")[0] and SIGNED not in asked, asked  # (the demo's: no family this time)
    assert SIGNED in chat.say("好的，信息无误，请大家跟紧我的小旗子，上车不要掉队！报吧。")
    assert status(school, "1017", "秋季登山活动") == "confirmed"


# a reminder to those going is no doubt about going; a doubt still is
@pytest.mark.parametrize("answer, signed", [("好的，大家别迟到，报吧", True), ("行，千万不要忘了带水，确认", True),
                                            ("好的，不要了", False), ("好吧，算了", False)])
def test_a_reminder_to_the_group_at_the_question_is_no_doubt(school, answer, signed):
    chat = as_member(school, "1004")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    assert (SIGNED in chat.say(answer)) is signed, chat.transcript[-1][1]


@pytest.mark.parametrize("then", ["请工会给我报名", "报吧，帮我报上"])
def test_a_request_naming_nothing_after_one_in_focus_asks_for_that_one(school, then):
    chat = as_member(school, "1002")
    unknown_first(chat, "距离教师读书会：还有 5 天", "教师读书会")
    assert chat.say(then).startswith("确认报名「教师读书会」"), chat.transcript[-1][1]


# the non-cases
def test_a_confirmation_with_nothing_in_focus_still_lists(school):
    chat = as_member(school, "1002")
    reply = chat.say("倒计时归零，确认报名！")
    assert SIGNED not in reply and "教师读书会" in reply, reply
    assert status(school, "1002", "教师读书会") is None


def test_two_in_focus_asks_which(school):
    chat = as_member(school, "1004")
    chat.say("距离教职工拔河比赛：还有 9 天；距离乒乓球友谊赛：还有 12 天")
    reply = chat.say("倒计时归零，确认报名！")
    assert SIGNED not in reply and "拔河" in reply and "乒乓球" in reply, reply
    assert status(school, "1004", "教职工拔河比赛") is None and status(school, "1004", "乒乓球友谊赛") is None


def test_a_question_about_the_one_in_focus_does_not_sign(school):
    chat = as_member(school, "1002")
    unknown_first(chat, "距离教师读书会：还有 5 天", "教师读书会")
    assert SIGNED not in chat.say("确认一下，我没报上吧？")
    assert status(school, "1002", "教师读书会") is None


def test_a_focus_older_than_the_conversation_is_not_used(school):
    chat = as_member(school, "1002")
    unknown_first(chat, "距离教师读书会：还有 5 天", "教师读书会")
    school.clock.advance(minutes=30)
    assert SIGNED not in chat.say("倒计时归零，确认报名！")
    assert status(school, "1002", "教师读书会") is None


def test_an_activity_she_cannot_join_is_refused_as_before(school):
    chat = as_member(school, "1004")  # 插花 is for women only
    chat.say("距离女教职工插花沙龙：还有 25 天")
    reply = chat.say("倒计时归零，确认报名！")
    assert SIGNED not in reply, reply
    assert status(school, "1004", "女教职工插花沙龙") is None


# zo05, zl07: her own confirmation after one was shown: signed at once, with the details
@pytest.mark.parametrize("staff_no, first, then, title", [
    ("1017", "群待办\n事项：报名女教职工插花沙龙（9月26日 15:00 工会活动室）\n负责人：体艺组 何雪\n状态：未完成",
     "状态更新：已确认 ✔ 帮我报上。", "女教职工插花沙龙"),
    ("1020", "【产品名称】罗斌（英语组，工号1020）\n【适用活动】乒乓球友谊赛\n【使用时间】2026年9月13日16:00\n【使用地点】体育馆二楼\n"
             "【功能主治】削球、搓球，偶尔扣杀\n【用法用量】请工会将本品报名一次", "【注意事项】确认报名，无需摇匀。", "乒乓球友谊赛"),
    ("1004", "教职工拔河比赛还有名额吗", "【备注】确认报名，不改了。", "教职工拔河比赛"),
])
def test_her_own_confirmation_after_one_was_shown_signs_at_once(school, staff_no, first, then, title):
    chat = as_member(school, staff_no)
    assert title in chat.say(first)
    reply = chat.say(then)
    assert reply.startswith(f"{SIGNED}「{title}」"), reply
    assert status(school, staff_no, title) == "confirmed"


# zo22, zl12: at the question, an answer that holds the confirmation among other words
@pytest.mark.parametrize("staff_no, ask, answer, title", [
    ("1011", "本年度“最想上场奖”，授予——徐丽！请为她报名9月4日的羽毛球联谊赛。", "获奖感言：满了也没关系，候补我也等，确认报名！",
     "羽毛球联谊赛"),
    ("1006", "报名教师读书会", "【结论】建议立即报名。作者确认：报名教师读书会。", "教师读书会"),
    ("1004", "报名拔河", "满了也无所谓，确认报名！", "教职工拔河比赛"),
])
def test_a_confirmation_among_other_words_at_the_question_signs(school, staff_no, ask, answer, title):
    chat = as_member(school, staff_no)
    assert chat.say(ask).startswith(f"确认报名「{title}」"), chat.transcript[-1][1]
    reply = chat.say(answer)
    assert SIGNED in reply, reply
    assert status(school, staff_no, title) in ("confirmed", "waitlist")


# zl22: at the question for one, the other named with her confirmation
def test_another_named_with_its_confirmation_at_the_question_signs_that_one(school):
    chat = as_member(school, "1028")
    assert chat.say("报名羽毛球").startswith("确认报名「羽毛球联谊赛」")
    reply = chat.say("拍品二号：9月13号乒乓球友谊赛，体艺组冯浩举牌，一锤定音，成交！确认报名乒乓球。")
    assert reply.startswith(f"{SIGNED}「乒乓球友谊赛」"), reply
    assert status(school, "1028", "乒乓球友谊赛") == "confirmed"
    assert status(school, "1028", "羽毛球联谊赛") is None


# zo06, zl05: an invitation accepted, an auction closed, after one was shown
@pytest.mark.parametrize("staff_no, first, then, title", [
    ("1020", "日程邀请\n主题：羽毛球联谊赛\n时间：2026年9月4日（周五）16:00\n地点：体育馆一楼\n参与人：罗斌（英语组，1020）\n"
             "请回复：接受 / 暂定 / 拒绝", "接受。听说快满了，排候补也行。", "羽毛球联谊赛"),
    ("1010", "各位各位！9月4号羽毛球联谊赛，名额只剩最后那么一两个！体艺组吴刚举牌——我要一个名额！",
     "还有没有人加价？没有？一次！两次！三次！成交！确认报名！", "羽毛球联谊赛"),
    ("1004", "乒乓球友谊赛还有名额吗", "成交！", "乒乓球友谊赛"),
])
def test_an_invitation_accepted_or_an_auction_closed_signs_the_one_in_focus(school, staff_no, first, then, title):
    chat = as_member(school, staff_no)
    first_reply = chat.say(first)
    assert title in first_reply and SIGNED not in first_reply, first_reply
    reply = chat.say(then)
    assert SIGNED in reply, reply
    assert status(school, staff_no, title) in ("confirmed", "waitlist")


@pytest.mark.parametrize("then", ["不接受", "暂定", "接受不了，那天有课"])
def test_an_invitation_not_accepted_signs_nothing(school, then):
    chat = as_member(school, "1020")
    chat.say("日程邀请\n主题：乒乓球友谊赛\n时间：2026年9月13日16:00\n请回复：接受 / 暂定 / 拒绝")
    assert SIGNED not in chat.say(then)
    assert status(school, "1020", "乒乓球友谊赛") is None
