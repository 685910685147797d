"""Whole conversations, fifteenth round (issue 19, the misses the older tuned sets 17, 19, 20 and 21 still had): a
grandchild or child typing on a retired teacher's phone ("我姥爷说报登山", "他说确认", "我替我妈发的"), a request
sent with its own yes ("还有她想报重阳座谈会 确认", "本人报名乒乓球友谊赛，确认报名"), and news about the person
just named told together with another request ("他做了白内障手术 … 还有他说生日祝福以后别发了").
Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 拔河 Thu 9-10, 乒乓球 Sun 9-13, 登山
Thu 9-17, 卡拉OK Mon 9-21, 重阳座谈会 Thu 10-1 (retired only)); the wording of the variants is our own."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_activity_conversations import greetings_off
from tests.test_whole_messages import care_rows, status

HIKE, TUG, PINGPONG, KARAOKE, ELDERS = "秋季登山活动", "教职工拔河比赛", "乒乓球友谊赛", "卡拉OK歌唱比赛", "重阳敬老座谈会"
SIGNED = "报名成功"
HELP = "您可以这样说"


# ---- 1. typed for the account's holder: the frame says who speaks, the rest is the holder's request --------------


def test_a_grandchild_relays_the_hike_and_the_yes(school):
    chat = as_member(school, "2004")  # 刘德华, retired; his grandchild types
    asked = chat.say("我姥爷说报登山")
    assert asked.startswith("确认报名「秋季登山活动」"), asked  # no "您是想：…查看我的报名？"
    assert chat.say("他说确认").startswith(SIGNED)
    assert status(school, "2004", HIKE) == "confirmed"


@pytest.mark.parametrize("request_, yes", [
    ("我奶奶说想报卡拉OK", "她说好"),
    ("我外公让我帮他报个乒乓球", "他说确认"),
    ("我妈说给她报卡拉OK", "她说行"),
])
def test_other_relayed_requests_sign_up_the_holder(school, request_, yes):
    chat = as_member(school, "2005")
    title = KARAOKE if "卡拉" in request_ else PINGPONG
    asked = chat.say(request_)
    assert asked.startswith(f"确认报名「{title}」"), asked
    assert chat.say(yes).startswith(SIGNED)
    assert status(school, "2005", title) == "confirmed"


def test_a_relayed_word_about_a_colleague_is_not_the_holders_sign_up(school):
    chat = as_member(school, "1017")
    reply = chat.say("他要去拔河")  # a bare 他 doing something: no relayed request of hers
    assert SIGNED not in reply
    assert status(school, "1017", TUG) is None


@pytest.mark.parametrize("first", ["你好 我是替我姥姥发的", "我替我妈发的", "帮我外婆打字哈"])
def test_saying_who_types_is_a_lead_in_not_the_help_menu(school, first):
    chat = as_member(school, "2003")
    reply = chat.say(first)
    assert reply == "好的，您请说。", reply
    assert chat.say("她想报重阳的座谈会").startswith("确认报名「重阳敬老座谈会」")


def test_the_typed_for_grandmother_as_written(school):
    chat = as_member(school, "2003")  # 张桂芝
    assert chat.say("你好 我是替我姥姥发的") == "好的，您请说。"
    chat.say("她是退休老师张桂芝 想问问她能不能报那个重阳的座谈会")
    assert chat.say("她说给她报上 确认").startswith(SIGNED)
    assert status(school, "2003", ELDERS) == "confirmed"


# ---- 2. the yes said with the request -------------------------------------------------------------------


def test_greetings_off_then_a_request_with_its_yes_as_written(school):
    chat = as_member(school, "2005")  # 陈玉珍; her grandchild types
    assert "不再给您推送" in chat.say("我外婆陈玉珍说 以后别给她发节日祝福了")
    assert chat.say("还有她想报重阳座谈会 确认").startswith(SIGNED)
    assert greetings_off(school, "2005") and status(school, "2005", ELDERS) == "confirmed"


@pytest.mark.parametrize("said, title", [
    ("另，本人报名乒乓球友谊赛，确认报名", PINGPONG),
    ("报个卡拉OK 直接确认", KARAOKE),
    ("乒乓球给我报上，确定", PINGPONG),
])
def test_a_request_whose_last_clause_is_its_yes_signs_up_at_once(school, said, title):
    chat = as_member(school, "1017")
    assert chat.say(said).startswith(SIGNED)
    assert status(school, "1017", title) == "confirmed"


@pytest.mark.parametrize("said", ["报个卡拉OK 确认一下几点开始？", "卡拉OK 我还不确定", "确认报名了吗 卡拉OK"])
def test_a_question_or_a_doubt_is_no_yes(school, said):
    chat = as_member(school, "1017")
    chat.say(said)
    assert status(school, "1017", KARAOKE) is None


# ---- 3. news about the person just named, with a second request in the same message ------------------------


def test_the_sons_two_requests_as_written(school):
    chat = as_member(school, "2008")  # 周志明; his son types
    assert "周志明老师有什么情况" in chat.say("我是周志明的儿子 替我爸发的")
    reply = chat.say("他上个月底做了白内障手术 现在在家养着 还有他说生日祝福以后别发了")
    assert "祝早日康复" in reply and "不再给您推送" in reply, reply
    rows = care_rows(school)
    assert [(r["subject"], r["event_kind"]) for r in rows] == [("周志明（本人）", "生病住院")]
    assert greetings_off(school, "2008")


@pytest.mark.parametrize("news", [
    "她前天摔了一跤住院了 还有她说节日祝福别再发了",
    "她上周做了个手术 还有她想把生日祝福关了",
])
def test_other_news_with_greetings_off_after_the_holder_is_named(school, news):
    chat = as_member(school, "2007")  # 赵淑芬
    chat.say("我替我妈发的 她是退休的赵淑芬")
    reply = chat.say(news)
    assert "不再给您推送" in reply, reply
    assert [r["subject"] for r in care_rows(school)] == ["赵淑芬（本人）"]
    assert greetings_off(school, "2007")


# ---- 4. a name put to a suggestion: her own name as its author, a refusal of anonymity, pinyin ---------------


def signed_suggestion(school, words: str) -> bool | None:
    rows = school.store.scratch.query("SELECT content, member_id FROM tray") + school.store.db.query(
        "SELECT content, member_id FROM suggestions")  # (the day's tray, not yet sent on, and those sent)
    found = [row for row in rows if words in row["content"]]
    return None if not found else found[0]["member_id"] is not None


@pytest.mark.parametrize("staff_no, answer", [
    ("1001", "张伟提的"),  # as written (数学组张伟)
    ("1001", "我张伟写的"),
    ("1001", "落款：张伟"),
    ("1004", "署名就成，甭匿名"),  # as written (a Beijing teacher)
    ("1004", "实名 别匿名了"),
    ("1004", "写我名字，不要匿名"),
    ("1020", "shiming"),  # as written, pinyin sent before the characters were picked
    ("1020", "shuming"),
])
def test_her_name_put_to_the_suggestion_signs_it(school, staff_no, answer):
    chat = as_member(school, staff_no)
    chat.say("我想提建议")
    assert "要署上您的名字吗" in chat.say("建议教研活动时间固定在每周三下午第三节")
    assert "已收到您的建议（实名）" in chat.say(answer)
    assert signed_suggestion(school, "教研活动") is True


@pytest.mark.parametrize("answer", ["张伟", "署名就算了", "niming", "张伟提的？要写名字吗", "张伟不想署名"])
def test_her_bare_name_a_refusal_or_a_question_is_not_consent(school, answer):
    chat = as_member(school, "1001")
    chat.say("我想提建议")
    chat.say("建议教研活动时间固定在每周三下午第三节")
    chat.say(answer)
    chat.say("匿名")  # whatever was asked again, the answer stays anonymous
    assert signed_suggestion(school, "教研活动") is not True


# ---- 5. the person alone after a lead-in: herself or her family, then the news ------------------------------


@pytest.mark.parametrize("staff_no, lead, who, news, subject", [
    ("1020", "想跟工会报备个事", "我自己", "要住院做个小手术 下礼拜三", "本人"),  # as written (罗斌)
    ("2004", "跟工会说一声儿", "我自个儿", "前儿个在家摔了一跤，胳膊骨折了", "本人"),  # as written (a Beijing teacher)
    ("1013", "跟工会报个情况", "我爱人", "住院了 做心脏支架 前天", "的爱人"),  # as written
    ("1017", "有个事跟工会说一下", "我本人", "下周一做胆囊手术，要住院三天", "本人"),
    ("1017", "跟工会讲一声", "我家老人", "昨天夜里住进医院了", "的老人"),
    ("1013", "跟工会说个事儿", "我老公", "上礼拜五骑车摔了 腿骨折了", "的爱人"),  # (a spouse as "…的爱人": left15)
])
def test_the_person_said_alone_then_the_news(school, staff_no, lead, who, news, subject):
    chat = as_member(school, staff_no)
    assert chat.say(lead) == "好的，您请说。"
    asked = chat.say(who)
    assert "有什么情况要告诉工会" in asked, asked  # no "您是想：…查看我的报名？", no help menu
    assert "祝早日康复" in chat.say(news)
    rows = care_rows(school)
    assert len(rows) == 1 and subject in rows[0]["subject"] and rows[0]["event_kind"] == "生病住院", rows


def test_herself_alone_with_nothing_to_tell_after_it_is_no_report(school):
    chat = as_member(school, "1017")
    chat.say("我自己")
    reply = chat.say("报名拔河")  # another request: read as it is
    assert reply.startswith("确认报名「教职工拔河比赛」"), reply
    assert care_rows(school) == []


# ---- 6. binding: her group before her name, where the 工号 was asked ----------------------------------------


@pytest.mark.parametrize("name_said, staff_no", [
    ("行政后勤组的何秀英", None),  # as written (not on the demo school's roster: kept, the 工号 asked)
    ("行政后勤组的黄勇", "1008"),
    ("数学组孙强", "1012"),
    ("语文组的马兰", "1013"),
])
def test_her_group_and_name_where_the_staff_no_was_asked_are_kept(school, name_said, staff_no):
    from tests.helpers import Chat

    chat = Chat(school, "u-new-grouped")
    assert "工号" in chat.say("我想把微信和工会绑起来")
    asked = chat.say(name_said)
    assert asked.startswith("好的，请再回复您的工号"), asked  # not "工号应该是一串数字"
    if staff_no:
        member = school.store.members.by_staff_no(staff_no)
        assert chat.say(f"工号{staff_no} 尾号{member.phone[-4:]}").startswith("绑定成功")
        assert school.store.bindings.member_for("test", "u-new-grouped").staff_no == staff_no


# ---- 7. the choice to sign, then a request of another matter in the same answer -------------------------------


@pytest.mark.parametrize("answer, signed, title", [
    ("实名 对了拔河帮我报一下", True, TUG),  # as written (voice input, no punctuation)
    ("匿名吧，另外帮我报个乒乓球", False, PINGPONG),
    ("署名 顺便卡拉OK也给我报上", True, KARAOKE),
])
def test_the_choice_to_sign_then_a_sign_up(school, answer, signed, title):
    chat = as_member(school, "1009")
    assert "要署上您的名字吗" in chat.say("提个建议 学校操场晚上能不能开放给老师跑步")
    reply = chat.say(answer)
    assert ("已收到您的建议（实名）" if signed else "已收到您的建议（匿名）") in reply, reply
    assert f"确认报名「{title}」" in reply, reply  # the sign-up is not dropped
    assert chat.say("确认").startswith(SIGNED)
    assert signed_suggestion(school, "操场") is signed and status(school, "1009", title) == "confirmed"


def test_more_of_the_suggestion_after_the_choice_is_still_the_suggestions(school):
    chat = as_member(school, "1009")
    chat.say("提个建议 学校操场晚上能不能开放给老师跑步")
    reply = chat.say("匿名吧 另外图书馆周末也希望能开放")
    assert "已收到您的建议（匿名）" in reply and "确认报名" not in reply, reply


# ---- 8. the person put right in Cantonese; 五笔 typos of the key words --------------------------------------


@pytest.mark.parametrize("news, correction", [
    ("我哋组刘洋琴日住咗院", "唔係刘洋 係吴刚 我讲错咗"),  # as written, with a colleague on the demo roster
    ("我们组刘洋昨天住院了", "不是刘洋 是吴刚 我讲错了"),
    ("体艺组刘洋昨天住院了", "讲错咗，唔係刘洋，係吴刚"),
])
def test_the_colleague_put_right_after_the_report(school, news, correction):
    chat = as_member(school, "1017")
    assert "祝早日康复" in chat.say(news)
    assert "已更正为：吴刚" in chat.say(correction)
    assert [r["subject"] for r in care_rows(school)] == ["吴刚"]


def test_a_department_after_a_denial_is_not_put_right():
    from bot.nlu import normalize

    assert normalize("不是这个 系里的") == "不是这个 系里的"
    assert normalize("唔係刘洋 係冯浩") == "不是刘洋 是冯浩"


@pytest.mark.parametrize("typed, meant", [("帮我侯补乒乓球", "候补"), ("我自已去", "自己")])
def test_wubi_neighbours_of_the_key_words_are_read_as_meant(typed, meant):
    from bot.nlu import normalize

    assert meant in normalize(typed)


@pytest.mark.parametrize("news", [
    "我家里出了点事 老公下岗了 孩子还小 房带压力很大 日子有点难过",  # as written (typed one-handed: 房带)
    "我家出了点状况 爱人没了工作 家里开销很大 挺难的",
    "我家遇到些困难 老公失业半年了 两个孩子上学",
])
def test_her_households_hardship_is_hers(school, news):
    chat = as_member(school, "1017")
    assert chat.say("跟工会说一声") == "好的，您请说。"
    reply = chat.say(news)
    assert "请问是哪位老师" not in reply and "提供帮助" in reply, reply
    rows = care_rows(school)
    assert len(rows) == 1 and rows[0]["subject"].startswith("何雪") and rows[0]["event_kind"] == "困难", rows
