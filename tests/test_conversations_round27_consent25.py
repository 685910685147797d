"""Tuning set 41's suggestion misses (consent25): the choice to sign read through the words teachers put around it,
and a suggestion told beside a story. Chat scripts at the demo school's frozen clock, each verbatim case and others in
other words; the stored suggestion is checked (its words, and whether it is signed). The safe direction stays
anonymous: a name only when she clearly asked for it.

- A set phrase of pride in one's name (行不更名，坐不改姓) holds a 不 but refuses nothing: "把我的名字写上" beside it signs.
- "建议人：英语组周婷" puts her name to it; closing wishes after the ask ("让我们共同期待精彩的比赛！", "祝活动圆满成功")
  say nothing about the choice ("学校让我们实名" is still someone else's say).
- "能不能弄一间母婴室？" is a suggestion even when its reason tells of colleagues back from 产假.
- After care news of a colleague's hardship, "替他报一下，看工会能不能给申请个困难补助" is more of that news: no suggestion,
  no "要署上您的名字吗？"."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_conversations_round19_conv32a import care
from tests.test_conversations_round23_consent19 import ASK_SIGN, _filed, _member_id

SIGNED = "已收到您的建议（实名）"
ANONYMOUS = "已收到您的建议（匿名）"

WATER = "俺老孙有一事启奏：咱教学楼每层就一个烧水壶，课间渴得嗓子冒烟还得排队。建议工会跟学校说说，每层装一台直饮水机。"
KIDS = "接下来是一个节目建议：卡拉OK歌唱比赛能不能在中场加一个教职工子女表演环节？孩子们唱首歌、弹个琴，老师们也更愿意带家人来看。"


# ---- a clear ask for her name signs, whatever is said around it ---------------------------------------------------


@pytest.mark.parametrize("staff_no, suggestion, answer, words", [
    # zu08: the idiom is pride in her name, no refusal of it
    ("1016", WATER, "署名！俺老孙行不更名坐不改姓，理化生组郭涛，把我的名字写上。", "直饮水"),
    ("1016", WATER, "实名！我老郭行不更名，坐不改姓，写上我的名字。", "直饮水"),
    ("1016", WATER, "本人行不改名坐不改姓，署我的名字", "直饮水"),
    ("1016", WATER, "俺老孙行不更名坐不改姓，实名提交！", "直饮水"),
    # zu43: her name put to it as its author, the ask, then closing wishes
    ("1009", KIDS, "建议人：英语组周婷，请把我的名字署上，谢谢！让我们共同期待精彩的比赛！", "子女"),
    ("1009", KIDS, "请署上我的名字。让我们一起期待孩子们的精彩表演！", "子女"),
    ("1009", KIDS, "写我名字就行，让我们拭目以待！", "子女"),
    ("1009", KIDS, "提议人：英语组周婷", "子女"),
    ("1009", KIDS, "建议人：周婷老师", "子女"),
])
def test_a_clear_ask_to_sign_among_other_words_is_filed_signed(school, staff_no, suggestion, answer, words):
    reply, row = _filed(school, staff_no, suggestion, answer)
    assert reply.startswith(SIGNED), (answer, reply)
    assert words in row["content"] and row["member_id"] == _member_id(school, staff_no), row


@pytest.mark.parametrize("answer", [
    "行不更名坐不改姓",  # pride alone asks for nothing: asked to sign, it stays as promised
    "学校让我们实名，那就署名吧",  # someone else's say
    "让我想想，实名吧",
    "建议人：英语组王芳，署名",  # another teacher's name is never her consent
    "署名就不必了，让我们共同期待精彩的比赛！",
    "名字就别写了，让我们一起期待吧",
])
def test_what_is_not_her_own_clear_ask_stays_anonymous(school, answer):
    reply, row = _filed(school, "1009", KIDS, answer)
    assert reply.startswith(ANONYMOUS), (answer, reply)
    assert "子女" in row["content"] and row["member_id"] is None, row


# ---- a suggestion told beside a story of 产假 is a suggestion ------------------------------------------------------


@pytest.mark.parametrize("suggestion, answer, words", [
    ("我们工会小助手真是全校最靠谱的存在！有个想法想跟你说：学校里能不能弄一间母婴室？几个刚休完产假的老师背奶只能躲在厕所或者器材室，太难了。",
     "名字就别写了，匿名吧，你这么懂事，一定能保护好我的小秘密～", "母婴室"),
    ("有个想法：学校能不能建一间哺乳室？好几个休完产假回来的老师只能在车里吸奶。", "匿名", "哺乳室"),
    ("学校可不可以腾出一间空屋子做母婴室？刚休完产假的女老师们背奶都没个地方。", "匿名吧", "母婴室"),
    ("咱们学校能不能弄个母婴室啊，产假回来的老师太不容易了", "不用署名", "母婴室"),
])
def test_a_suggestion_whose_reason_tells_of_maternity_leave_is_a_suggestion(school, suggestion, answer, words):
    """tuned set 41 zu19: read as care news (产假) and asked "请问是哪位老师？"."""
    reply, row = _filed(school, "1017", suggestion, answer)
    assert reply.startswith(ANONYMOUS), (answer, reply)
    assert words in row["content"] and row["member_id"] is None, row
    assert care(school) == [], care(school)


@pytest.mark.parametrize("news", ["语文组王芳老师休产假了", "英语组李娜下周开始休产假"])
def test_maternity_leave_told_alone_is_still_care_news(school, news):
    reply = as_member(school, "1017").say(news)
    assert ASK_SIGN not in reply and school.store.suggestions.tray_count() == 0, reply


# ---- help asked for the colleague of the care news just told is more of it ------------------------------------------

HUANG = "咱们后勤的打工人里，黄勇最近是真难。他爱人查出尿毒症，每周透析三次，孩子还在上初中，一个人的工资撑全家。"
NOTED = "好的，已补充到刚才的报告里"


@pytest.mark.parametrize("then", [
    "他嘴硬不肯自己说，我们组几个牛马看不下去了，替他报一下，看工会能不能给申请个困难补助。",
    "他不肯自己开口，我帮他说一声，工会能不能给他申请个补助",
    "她自己不好意思提，我们几个同事替她反映一下，看工会能不能给申请个困难补助。",
    "他自己不好意思开口，麻烦工会看看能不能帮他申请个救助。",
])
def test_help_asked_for_the_colleague_just_reported_is_added_to_the_report(school, then):
    """tuned set 41 zu26: taken as a new suggestion ("要署上您的名字吗？"); the care news itself is kept as it was read."""
    chat = as_member(school, "1014")
    chat.say(HUANG)
    reply = chat.say(then)
    assert reply.startswith(NOTED), chat.transcript
    assert school.store.suggestions.tray_count() == 0 and len(care(school)) == 1, chat.transcript


def test_help_asked_for_one_colleague_in_the_news_itself_is_care_news_not_a_suggestion(school):
    chat = as_member(school, "1014")
    reply = chat.say("黄勇他爱人病了，家里太困难了，他不肯自己说，看工会能不能给他申请个困难补助")
    assert ASK_SIGN not in reply and school.store.suggestions.tray_count() == 0, chat.transcript
    assert care(school) == [("黄勇", "困难", "")], chat.transcript


@pytest.mark.parametrize("then", ["困难补助标准太低了，建议提高", "能不能提高困难补助的标准？现在的太低了"])
def test_a_proposal_about_aid_for_everyone_after_care_news_is_still_a_suggestion(school, then):
    """Never pasted into the committee's notice under the report, under the reporter's name."""
    chat = as_member(school, "1014")
    chat.say(HUANG)
    assert chat.say(then).startswith(ASK_SIGN), chat.transcript
