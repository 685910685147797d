"""Messages as teachers write them: several requests at once, a reply that points back, a change of
mind, names the roster knows, days said the way people say them, consent in everyday words.
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

from tests.conftest import as_member


def status(school, staff_no: str, title: str) -> str | None:
    member = school.store.members.by_staff_no(staff_no)
    row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
    signup = school.store.signups.get(row["id"], member.id)
    return signup["status"] if signup else None


def care_rows(school) -> list[dict]:
    return school.store.db.query("SELECT subject, event_kind, when_text FROM care_reports")


def sign_up(chat, what: str) -> None:
    assert chat.say(f"报名{what}").startswith("确认报名")
    assert chat.say("是").startswith(("报名成功", "「"))


# ---- several requests in one message -----------------------------------------------------------


def test_cancel_one_and_sign_up_for_another_in_one_message(school):
    chat = as_member(school, "1018")
    sign_up(chat, "乒乓球")
    reply = chat.say("取销乒乓球友谊赛，帮我抱名羽毛球联谊赛")
    assert "已为您取消「乒乓球友谊赛」的报名。" in reply and "确认报名「羽毛球联谊赛」吗？" in reply
    assert chat.say("对 确认").startswith("报名成功！「羽毛球联谊赛」")
    assert status(school, "1018", "乒乓球友谊赛") == "cancelled"
    assert status(school, "1018", "羽毛球联谊赛") == "confirmed"


def test_a_numbered_list_reports_the_news_and_signs_up(school):
    chat = as_member(school, "1006")
    reply = chat.say("有两件事报告：一、本组郭涛同志的父亲于8月29日病故；二、本人报名参加秋季登山活动。")
    assert reply.startswith("惊悉噩耗，深表哀悼。") and "确认报名「秋季登山活动」吗？" in reply
    assert care_rows(school) == [{"subject": "郭涛的父亲", "event_kind": "丧事", "when_text": "8月29日（2026-08-29）"}]
    assert chat.say("确认报名。").startswith("报名成功！「秋季登山活动」")


def test_the_second_action_waits_for_the_first_answer_then_runs(school):
    chat = as_member(school, "1003")
    reply = chat.say("报名教师读书会 + 生日祝福帮我关掉，谢谢")
    assert reply.startswith("确认报名「教师读书会」吗？") and "办完这件就接着办" in reply
    assert not school.store.members.by_staff_no("1003").push_opt_out  # not before its turn
    reply = chat.say("yes confirm")
    assert "报名成功！「教师读书会」" in reply and "以后不再给您推送生日和节日祝福" in reply
    assert school.store.members.by_staff_no("1003").push_opt_out


def test_a_question_after_a_request_is_answered_at_once(school):
    chat = as_member(school, "1001")
    reply = chat.say("帮我报名拔河，另外体检是哪天")
    assert reply.startswith("确认报名「教职工拔河比赛」吗？") and "市第一人民医院体检中心" in reply
    assert chat.say("是").startswith("报名成功！")


def test_the_answer_to_a_confirmation_is_not_taken_for_a_new_request(school):
    chat = as_member(school, "1007")
    chat.say("幫我報名數學組趣味運動會，仲有個建議：教學樓嘅Wi-Fi成日斷線，可唔可以搵人整下？")
    reply = chat.say("確認報名。")
    assert reply.startswith("报名成功！「数学组趣味运动会」") and "要署上您的名字吗？" in reply
    assert "匿名" in chat.say("唔好写我个名啦")
    assert school.store.scratch.query("SELECT content, member_id FROM tray") == [
        {"content": "教學樓嘅Wi-Fi成日斷線，可唔可以搵人整下？", "member_id": None}]  # (its label left out, as "建议：" is)


# ---- pointing back, changing one's mind --------------------------------------------------------------


def test_sign_up_for_what_was_just_asked_about(school):
    chat = as_member(school, "1004")
    assert chat.say("@工会小助手 羽毛球联谊赛还能报名吗").startswith("为您找到：\n1. 羽毛球联谊赛")
    assert chat.say("那帮我报一个").startswith("确认报名「羽毛球联谊赛」吗？")
    assert chat.say("好滴").startswith("报名成功！")


def test_a_general_list_is_not_remembered(school):
    chat = as_member(school, "1004")
    chat.say("最近有什么活动")
    assert chat.say("那帮我报一个").startswith("没有找到您说的活动。目前可以报名的有：")


def test_taking_a_cancellation_back(school):
    chat = as_member(school, "1010")
    sign_up(chat, "拔河")
    assert chat.say("拔河我不去了") == "已为您取消「教职工拔河比赛」的报名。"
    assert chat.say("算了还是不撤了").startswith("好的，已为您恢复「教职工拔河比赛」的报名。\n报名成功！")
    assert status(school, "1010", "教职工拔河比赛") == "confirmed"


def test_what_is_not_to_be_cancelled_is_kept(school):
    chat = as_member(school, "1013")
    sign_up(chat, "读书会")
    sign_up(chat, "登山")
    assert chat.say("对，取消秋季登山活动。读书会不是要取消哈，读书会我还去的") == "已为您取消「秋季登山活动」的报名。"
    assert status(school, "1013", "教师读书会") == "confirmed"


def test_a_clarifying_yes_means_the_action_and_confirms_it(school):
    chat = as_member(school, "1018")
    assert chat.say("数学组趣味运动会给俺整一个名额呗").startswith(("您是想：", "确认报名"))
    chat.say("嗯呐，整吧，确认")
    assert status(school, "1018", "数学组趣味运动会") == "confirmed"


def test_a_yes_with_nothing_waiting_says_so(school):
    chat = as_member(school, "1004")
    assert chat.say("对 就这周六").startswith("好的。现在没有等您确认的事项")


# ---- care: names the roster knows, days as people say them --------------------------------------------


def test_a_nickname_with_a_unique_surname_is_the_member(school):
    chat = as_member(school, "1001")
    assert chat.say("理化生组小徐老师住院了，昨天住进去的").startswith("谢谢您告诉工会，祝早日康复！")
    assert care_rows(school) == [{"subject": "徐丽", "event_kind": "生病住院", "when_text": "昨天（2026-08-31）"}]


def test_an_ambiguous_nickname_keeps_the_words(school):
    chat = as_member(school, "1006")
    chat.say("隔壁办公室的小李老师下周六结婚")
    assert care_rows(school)[0]["subject"] == "隔壁办公室的小李"


def test_someone_unnamed_is_asked_for_then_the_day(school):
    chat = as_member(school, "1006")
    assert chat.say("我们组有老师住院了 想跟工会说一声").startswith("请问是哪位老师？")
    assert chat.say("徐丽老师 体检查出来胆结石 住院做手术").startswith("大概是什么时候？")
    assert chat.say("八月三十号住进去的").startswith("谢谢您告诉工会，祝早日康复！")
    assert care_rows(school) == [{"subject": "徐丽", "event_kind": "生病住院", "when_text": "8月30号（2026-08-30）"}]


def test_not_that_day_but_this_one(school):
    chat = as_member(school, "1006")
    assert chat.say("跟工会报个事，我们组徐丽老师她婆婆走了").startswith("大概是什么时候？")
    assert chat.say("不是昨天，是前天晚上走的").startswith("惊悉噩耗")
    assert care_rows(school)[0]["when_text"] == "前天晚上（2026-08-30）"


def test_the_day_named_wins_over_the_weekend(school):
    chat = as_member(school, "1004")
    chat.say("刚哥（体艺组吴刚）这个周末结婚 周六中午摆酒")
    assert care_rows(school) == [{"subject": "吴刚", "event_kind": "结婚", "when_text": "周六中午（2026-09-05）"}]


def test_a_mention_is_not_a_colleague(school):
    chat = as_member(school, "1008")
    chat.say("@工会小助手 食堂的刘师傅昨晚脑梗送医院了，现在还在住院")
    assert care_rows(school)[0]["subject"] == "刘师傅"


# ---- binding, consent, greetings --------------------------------------------------------------------


def test_a_mistyped_staff_number_is_corrected_without_asking_again(school):
    from tests.helpers import Chat

    chat = Chat(school, "u-new-8036")
    school.store.members.upsert(staff_no="8036", name="杜建平", gender="男", group_name="行政后勤组",
                                phone="13900008036")
    assert chat.say("帮定一下 工号8063 杜建平 手机尾号8036").startswith("没有找到工号 8063")
    assert chat.say("不好意思工号打错了 是8036 不是8063").startswith("绑定成功！杜建平老师")


def test_a_name_spelled_out_and_digits_in_words(school):
    from tests.helpers import Chat

    chat = Chat(school, "u-new-1024")
    school.store.bindings.unbind_member(school.store.members.by_staff_no("1024").id)
    assert chat.say("你好我是新来的老师想绑定一下要怎么弄").startswith("请回复您的工号")
    assert chat.say("工号是1024") == "请回复您的姓名。"
    assert chat.say("张三弓长张一二三的三").startswith("为确认身份")
    assert chat.say("phone last 4 digits 是一零二四").startswith("绑定成功！张三老师")


def test_consent_in_everyday_words(school):
    chat = as_member(school, "1018")
    chat.say("建议工会下学期搞个剧本杀团建")
    assert "（实名）" in chat.say("署！署我名 冲冲冲")
    chat = as_member(school, "1003")
    chat.say("想提个建议，教学楼每层加部饮水机啦")
    assert "（匿名）" in chat.say("唔好写我个名啦，我唔敢实名㗎")
    chat = as_member(school, "1007")
    chat.say("我想投訴下飯堂，啲菜成日凍晒")
    assert "（匿名）" in chat.say("唔使寫我個名")


def test_a_suggestion_that_mentions_publishing_is_a_suggestion(school):
    chat = as_member(school, "1006")
    assert chat.say("@工会小助手 建议评优评先的评分细则提前公示，结果也公开透明一点").startswith("要署上您的名字吗？")


def test_greetings_turned_back_on_in_everyday_words(school):
    chat = as_member(school, "1006")
    school.store.members.set_opt_out(school.store.members.by_staff_no("1006").id, True)
    assert chat.say("上次让你们别发节日祝福，不是真不要哈，还是帮我重新打开吧").startswith("已恢复推送")
    school.store.members.set_opt_out(school.store.members.by_staff_no("1004").id, True)
    chat = as_member(school, "1004")
    assert chat.say("之前把生日祝福关了 现在想开回来 蹲一个生日祝福hhh").startswith("已恢复推送")
    assert chat.say("祝福消息先关掉吧，以后再打开").startswith("好的，刘洋老师，以后不再给您推送")
