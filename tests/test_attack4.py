"""Attack review of d955ec9..79836c1: the reply kept for a retry compressed and sealed to one size,
the scratch file's compaction, one data_version look per message, and the notes kept for the next
message (~cancelled, ~greetings_off). Each test failed before its fix."""

from __future__ import annotations

import collections

from bot.dispatch import NOT_KEPT
from bot.messages import IncomingMessage
from handlers.suggestions import reply_to
from storage.polls import RATING
from storage.scratch import SEALED_REPLY, delivery_key, seal_reply, unseal
from tests.conftest import as_member
from tests.helpers import Chat
from tests.test_whole_messages import status

# ---- greetings turned off: only a change of mind turns them back on ---------------------------------


def _opted_out(school, staff_no: str = "1004") -> bool:
    return bool(school.store.members.by_staff_no(staff_no).push_opt_out)


def test_a_thank_you_after_turning_greetings_off_leaves_them_off(school):
    """The ~greetings_off note read any "还是", "又", "继续", "再次" as turning greetings back on: the
    teacher's thanks undid what she had just asked for."""
    for thanks in ("好的谢谢，继续加油", "再次感谢", "又麻烦你们了", "收到，还是你们贴心", "那还是别发吧",
                   "谢谢，那我重新想想", "收到，还是要谢谢你们"):
        chat = as_member(school, "1004")
        school.store.members.set_opt_out(school.store.members.by_staff_no("1004").id, False)
        assert chat.say("不要给我发节日祝福了").startswith("好的，刘洋老师，以后不再给您推送")
        assert not chat.say(thanks).startswith("已恢复推送"), thanks
        assert _opted_out(school), thanks


def test_a_change_of_mind_right_after_still_turns_greetings_back_on(school):
    for again in ("哎呀 想想还是留着吧 也不烦", "算了还是开着吧", "关错了", "还是恢复推送吧", "算了还是打开吧 挺好的",
                  "想想还是要吧"):
        chat = as_member(school, "1004")
        chat.say("不要给我发节日祝福了")
        assert chat.say(again).startswith("已恢复推送"), again
        assert not _opted_out(school), again


# ---- a withdrawal: only a change of mind takes it back, and only that one ----------------------------


def _signed_up(chat, name: str) -> None:
    assert chat.say(f"报名{name}").startswith("确认报名")
    assert chat.say("是").startswith("报名成功")


def test_words_after_a_withdrawal_that_do_not_take_it_back(school):
    """"下次还参加" (next time), "先别管了" (never mind), "保留意见" (I keep my opinion) restored the
    place the teacher had just given up."""
    for words in ("好的谢谢，下次还参加", "算了先别管了", "行吧，保留意见", "嗯嗯 谢谢 以后还去"):
        chat = as_member(school, "1004")
        _signed_up(chat, "拔河")
        assert chat.say("拔河取消吧").startswith("已为您取消")
        assert not chat.say(words).startswith("好的，已为您恢复"), words
        assert status(school, "1004", "教职工拔河比赛") == "cancelled", words
        chat.say("取消")  # whatever the words started ("保留意见" reads as a suggestion) ends here


def test_keeping_right_after_a_withdrawal_restores_that_one_not_a_committee_removal(school):
    """The note names the activity withdrawn from; the member's latest cancellation (here the
    committee's removal from another list a moment later) was restored instead."""
    chat = as_member(school, "1004")
    _signed_up(chat, "拔河")
    _signed_up(chat, "读书会")
    assert chat.say("拔河取消吧").startswith("已为您取消")
    school.clock.advance(seconds=30)
    member = school.store.members.by_staff_no("1004")
    reading = next(a for a in school.store.activities.upcoming() if a.title == "教师读书会")
    school.store.signups.remove(school.store.signups.get(reading.id, member.id)["id"])  # 移出报名 on the console
    school.clock.advance(seconds=30)
    assert chat.say("唉 我不退了，留着吧").startswith("好的，已为您恢复「教职工拔河比赛」")
    assert status(school, "1004", "教职工拔河比赛") == "confirmed"
    assert status(school, "1004", "教师读书会") == "cancelled"


def test_a_question_or_a_doubt_about_cancelling_is_no_cancellation(school):
    """"确认" or "确定" in a cancellation skipped its confirmation, even in a question or a doubt: the
    place went to the waitlist (who were told) before the teacher could say no."""
    chat = as_member(school, "1004")
    _signed_up(chat, "读书会")
    for said in ("取消报名需要确认吗？", "如果我取消了，确定还能再报吗？", "我不确定要不要取消报名", "还不确定，可能要取消"):
        chat.say(said)
        assert status(school, "1004", "教师读书会") == "confirmed", said
        chat.say("取消")
    assert chat.say("那就取消吧，确认取消").startswith("已为您取消「教师读书会」")


def test_another_request_about_another_activity_while_a_sign_up_waits_is_not_swallowed(school):
    """While "确认报名「教职工拔河比赛」吗？" waited, "帮我把读书会退了" was read as choosing 读书会 instead
    ("您已经报名了…，无需重复报名": the withdrawal lost) and "登山还有名额吗" as signing up for 登山."""
    chat = as_member(school, "1004")
    _signed_up(chat, "读书会")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    assert chat.say("帮我把读书会退了").startswith("已为您取消「教师读书会」")
    assert status(school, "1004", "教师读书会") == "cancelled"
    chat.say("取消")
    assert chat.say("报名拔河").startswith("确认报名「教职工拔河比赛」")
    assert not chat.say("登山还有名额吗").startswith("确认报名「秋季登山活动」")


# ---- binding: a stranger learns nothing about the roster from names ------------------------------------


def test_a_stranger_sending_names_gets_one_answer_on_the_roster_or_not(school):
    """"好的，请再回复您的工号" came only for a name on the roster ("请回复您的工号" / "工号应该是一串数字"
    otherwise): anyone following the account could check names one by one, no attempt counted."""
    on_roster = school.store.members.by_staff_no("1004").name
    answers = {}
    for name in (on_roster, "张无忌"):
        chat = Chat(school, f"u-stranger-{name}")
        first = chat.say(f"绑定{name}")
        chat.say("取消")
        chat.say("我想绑定身份")
        answers[name] = (first, chat.say(name))
    assert answers[on_roster] == answers["张无忌"]


# ---- a secret ballot: the kept confirmation does not say how it was filled in ---------------------------

NAMES = ["张伟秀", "王丽杰", "李杰萍", "赵平梅", "刘玲月", "陈洁军", "杨环平", "黄芳春", "周强雪", "吴娟静", "徐刚明", "孙芬玲", "胡梅云", "朱雪娜", "高娜艳", "林磊玉", "何涛洁", "郭华香", "马燕磊", "罗琳霞", "梁荣彩", "宋秀环", "郑军敏", "谢明涛", "韩玉娥", "唐彩素", "冯素芳", "于爱勇", "董英华", "萧洋凤", "程超爱", "曹萍强", "袁春兰"]  # 33 people: all-优秀 compresses into the usual size, a mixed ballot not


def _kept_sizes(school) -> collections.Counter:
    school.dispatch.flush()  # a reply that changed nothing waits in memory for the next claim
    return collections.Counter(len(r["reply"]) for r in school.store.inbox.rows() if r["reply"] is not None)


def test_a_long_ballots_confirmation_is_kept_at_one_size_whatever_was_chosen(school):
    """The reply "请核对您的选择：…" lists the choices; compressed, all-优秀 packs smaller than a mixed
    ballot, so its sealed size (in the scratch file with the hour) said which kind of ballot it was."""
    school.store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in NAMES], "2026-09-03 12:00")
    sizes = {}
    for staff_no, answers in (("1004", "1" * len(NAMES)), ("1005", "1234" * 8 + "1")):
        chat = as_member(school, staff_no)
        assert chat.say("投票").startswith("【2026年中层干部民主测评】")
        before = _kept_sizes(school)
        assert chat.say(" ".join(answers)).startswith("请核对您的选择：")
        sizes[staff_no] = list((_kept_sizes(school) - before).elements())
        assert chat.say("确认").startswith("投票成功")
    assert sizes["1004"] == sizes["1005"]


def test_a_retry_of_that_confirmation_gets_a_short_note_and_a_receipt_is_still_kept(school):
    school.store.polls.create("2026年中层干部民主测评", [(f"对{n}的测评", RATING) for n in NAMES], "2026-09-03 12:00")
    chat = as_member(school, "1006")
    chat.say("投票")
    answers = IncomingMessage("test", "retry-1", chat.user, " ".join("1234" * 8 + "1"), received_at=school.clock.now())
    assert school.dispatch(answers).startswith("请核对您的选择：\n第1题 对张伟秀的测评：优秀")
    assert school.dispatch(answers) == NOT_KEPT  # the platform's retry: the choices are not kept
    yes = IncomingMessage("test", "retry-2", chat.user, "确认", received_at=school.clock.now())
    first = school.dispatch(yes)
    assert first.startswith("投票成功！您的收据码：") and school.dispatch(yes) == first  # the receipt is


ANSWER = ("感谢您的建议。经工会与后勤处、图书馆、安保处三方协商，图书馆自下学期起试行周末开放：周六上午八点半至十一点半、"
          "下午两点至五点，周日暂不开放。开放期间由各教研组轮流派一名教师值班，值班计入工作量，每次折算两课时；安保处"
          "增派一名保安巡查三楼阅览室。借还书仍须刷教工卡，期刊阅览区不外借。试行一个月后，工会将通过问卷了解使用情况，"
          "再决定是否延长到周日或寒暑假。如您愿意参与值班或有其他想法，欢迎在教代会小组讨论时提出，也可以继续通过本号反映。")


def test_an_anonymous_tickets_status_is_kept_at_one_size_however_long_the_answer(school):
    """Who asks about an anonymous ticket wrote it: the kept reply's size (with the hour) must not say
    which ticket it was by the length of the committee's public answer."""
    short = school.store.suggestions.add("建议", "食堂晚饭多开一个窗口", None)
    long = school.store.suggestions.add("建议", "图书馆周末开放", None)
    reply_to(school.store, short, "已转后勤处。")
    reply_to(school.store, long, ANSWER)
    sizes = []
    for ticket in (short, long):
        chat = as_member(school, "1007")
        before = _kept_sizes(school)
        assert ticket in chat.say(f"查询建议 {ticket}")
        sizes.append(list((_kept_sizes(school) - before).elements()))
    assert sizes[0] == sizes[1]


def test_a_receipt_beside_a_long_answer_is_kept_alone_and_a_long_sensitive_reply_not_at_all():
    key = delivery_key("wechat", "ob-1", "77")
    receipt = "投票成功！您的收据码：K7P2Q9XA\n请记下它。"
    beside = ANSWER + "、".join(NAMES) + ANSWER[::-1]  # does not compress into the one size
    kept = seal_reply(receipt + "\n\n" + beside, key, (receipt, NOT_KEPT))
    assert len(kept) == SEALED_REPLY and unseal(kept, key) == receipt
    assert unseal(seal_reply(beside, key, (beside, NOT_KEPT)), key) == NOT_KEPT
