"""Attack on the last session's merges (perf12's claims move, english, care3, the '？' at an open question) as a
careless or hostile teacher would: English that says no to what it names (no to her name on a suggestion, no to
a withdrawal or to turning greetings off) must not do the thing it refuses; a cancel of something that is not
hers ("cancel my other plans") withdraws nothing; a pinyin name that goes on past a member's ("Zhang Wei Dong")
is not that member, nor the sender; a colleague who covers her classes, said in English, is not the one the news
is about. Chat scripts at the demo school's frozen clock (Tuesday 2026-09-01 09:00)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from bot.clock import FrozenClock
from storage import Store
from storage.claims import ClaimTable, hour_of
from storage.inbox import InboxRepo
from tests.conftest import as_member
from tests.test_activity_conversations import greetings_off, signed_up

IDEA = "I suggest the union organize a monthly yoga class for staff"
ASK_WHO = "请问是哪位老师"


def tray(school) -> list[tuple[str, int | None]]:
    return [(r[0], r[1]) for r in school.store.scratch.conn.execute("SELECT content, member_id FROM tray")]


def care_rows(school) -> list[str]:
    return [r["subject"] for r in school.store.db.query("SELECT subject FROM care_reports")]


def status(school, staff_no: str, title: str) -> str | None:
    row = school.store.db.one("SELECT s.status FROM signups s JOIN activities a ON a.id = s.activity_id "
                              "JOIN members m ON m.id = s.member_id WHERE m.staff_no = ? AND a.title = ?", (staff_no, title))
    return row["status"] if row else None


# ---- her name said no to, in English, at the question of signing -------------------------------------------


@pytest.mark.parametrize("answer", [
    "Please don't use my real name",
    "without my real name",
    "never put my name on it",
    "don't sign with my name",
    "don't include my real name please",
    "not with my name",
])
def test_her_name_refused_in_english_keeps_the_suggestion_anonymous(school, answer):
    """(high) "Please don't use my real name" was read as "(use) my real name" = 写我名字: the suggestion went
    to the union signed with her name."""
    chat = as_member(school, "1003")
    assert "署上您的名字" in chat.say(IDEA)
    assert "（匿名）" in chat.say(answer), chat.transcript
    assert tray(school) == [(IDEA, None)]


@pytest.mark.parametrize("answer", ["not anonymous", "I'd rather not be anonymous", "No need to be anonymous", "Don't want to be anonymous",
                                    "please don't keep it anonymous"])
def test_anonymity_refused_in_english_signs_it(school, answer):
    """(medium) "not anonymous" was read as 匿名 (the word 'anonymous' was turned before the phrase that holds it)."""
    chat = as_member(school, "1003")
    chat.say(IDEA)
    assert "（实名）" in chat.say(answer), chat.transcript
    assert tray(school) == [(IDEA, school.store.members.by_staff_no("1003").id)]


@pytest.mark.parametrize("puzzled", ["？", "啥意思", "what do you mean?"])
def test_a_puzzled_answer_at_the_question_of_signing_loses_nothing_and_signs_nothing(school, puzzled):
    chat = as_member(school, "1003")
    chat.say("我有个建议 食堂晚上多开一个窗口")
    chat.say(puzzled)
    assert tray(school) == []  # asked again, nothing filed yet
    assert "（匿名）" in chat.say("匿名")
    assert tray(school) == [("食堂晚上多开一个窗口", None)]


# ---- a withdrawal said no to ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "I don't want to cancel my registration for the reading club",
    "I won't withdraw from the reading club",
    "please don't take me off the list for the reading club",
    "I'm not going to cancel the reading club, don't worry",
    "我不想取消读书会的报名",
    "我不会取消读书会的",
    "不要把我从读书会名单上取消",
])
def test_a_withdrawal_said_no_to_keeps_the_sign_up(school, text):
    """(high) each of these cancelled 教师读书会 at once: "won't"/"don't want to"/"not going to" were dropped, and
    in Chinese 不想/不会 before 取消, or 不要把我…取消, were no refusal."""
    signed_up(school, "1003", "教师读书会")
    chat = as_member(school, "1003")
    chat.say(text)
    assert status(school, "1003", "教师读书会") == "confirmed", chat.transcript
    assert not greetings_off(school, "1003")  # ("don't want to" was 不想收: her greetings were turned off instead)


@pytest.mark.parametrize("text, title", [
    ("I can't wait to cancel my other plans and join the reading club", "教师读书会"),
    ("I can't wait to cancel my other plans and join the hiking trip", "秋季登山活动"),
])
def test_cancelling_something_else_to_join_withdraws_nothing(school, text, title):
    """(high) "…cancel my other plans and join the hiking trip" cancelled her hiking sign-up (取消 … 报名登山)."""
    signed_up(school, "1003", title)
    chat = as_member(school, "1003")
    chat.say(text)
    assert status(school, "1003", title) == "confirmed", chat.transcript


@pytest.mark.parametrize("answer", ["I don't confirm", "not yet, don't confirm", "I won't confirm yet"])
def test_a_confirmation_said_no_to_in_english_signs_nobody_up(school, answer):
    """(high) "I don't confirm" at "确认报名「教师读书会」吗？" signed her up ("confirm" read as 是的,确认)."""
    chat = as_member(school, "1003")
    assert "确认报名" in chat.say("sign me up for the reading club")
    chat.say(answer)
    assert status(school, "1003", "教师读书会") is None, chat.transcript


def test_a_plain_english_withdrawal_still_withdraws(school):
    signed_up(school, "1003", "教师读书会")
    chat = as_member(school, "1003")
    chat.say("please cancel the reading club")
    assert status(school, "1003", "教师读书会") == "cancelled", chat.transcript


# ---- turning greetings off, said no to -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "I'm not going to unsubscribe",
    "I'm not unsubscribing from the birthday greetings, I like them",
    "don't stop sending me birthday greetings",
    "I don't want to stop the greetings",
    "我不想关掉祝福",
    "我不会退订的",
])
def test_a_stop_said_no_to_keeps_greetings_on(school, text):
    """(high) every one of these turned her birthday and festival greetings off."""
    chat = as_member(school, "1003")
    chat.say(text)
    assert not greetings_off(school, "1003"), chat.transcript


def test_a_plain_english_stop_still_stops(school):
    chat = as_member(school, "1003")
    chat.say("please stop sending me birthday greetings")
    assert greetings_off(school, "1003")


# ---- who the news is about, in English -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "I'd like to let the union know that Zhang Wei Dong was hospitalized yesterday",
    "FYI Zhang Wei Dong had surgery yesterday",
])
def test_a_pinyin_name_that_goes_on_past_a_members_is_not_that_member_nor_the_sender(school, text):
    """(high) "Zhang Wei Dong" (not on the roster) was filed as 张伟 ("zhang wei" the longest name found), and once
    that was not matched, as the sender's own news."""
    chat = as_member(school, "1003")
    assert ASK_WHO in chat.say(text), chat.transcript
    assert care_rows(school) == []


def test_a_pinyin_name_two_members_share_is_asked_about_not_filed_as_the_senders(school):
    """With 张伟 and 章伟 on the roster, "Zhang Wei" names neither for sure: asked, never the sender's own news."""
    school.store.members.add(staff_no="1099", name="章伟", gender="男", group_name="体艺组")
    chat = as_member(school, "1003")
    assert ASK_WHO in chat.say("FYI Zhang Wei was hospitalized yesterday"), chat.transcript
    assert care_rows(school) == []


def test_a_members_pinyin_name_is_still_that_member(school):
    chat = as_member(school, "1003")
    chat.say("I'd like to let the union know that Zhang Wei was hospitalized yesterday")
    assert care_rows(school) == ["张伟"]


@pytest.mark.parametrize("text", [
    "Just so you know, Chen Jing is covering my classes because I had surgery yesterday",
    "FYI Chen Jing is substituting for me, I was hospitalized yesterday",
])
def test_a_colleague_covering_her_classes_in_english_is_not_the_subject(school, text):
    """(high) "Chen Jing is covering my classes because I had surgery" was filed as 陈静's illness."""
    chat = as_member(school, "1003")
    chat.say(text)
    if "什么时候" in chat.transcript[-1][1]:
        chat.say("不清楚")
    assert care_rows(school) == ["李娜（本人）"], chat.transcript


def test_a_colleague_caring_for_the_ill_one_in_english_is_not_the_subject(school):
    chat = as_member(school, "1003")
    chat.say("FYI Wang Fang was hospitalized, Chen Jing is taking care of her")
    chat.say("不清楚")
    assert care_rows(school) == ["王芳"]


def test_the_spring_festival_told_in_late_december_is_next_years(school):
    school.clock.set("2026-12-28 09:00") if hasattr(school.clock, "set") else pytest.skip("no settable clock")
    chat = as_member(school, "1003")
    chat.say("跟工会报备一下 春节我要做手术")
    row = school.store.db.one("SELECT when_text FROM care_reports")
    assert row is not None and "2027-02-06" in row["when_text"], chat.transcript


# ---- the claims' move (perf12): a signed URL's record outlives the look in the file -------------------------


def test_a_moved_signed_url_record_is_looked_for_as_long_as_it_is_kept(tmp_path):
    """(low) with max_clock_skew_seconds raised past an hour, a signed-URL record moved to the scratch file outlived
    the two hours lookups look there: a leaked plaintext URL was then taken with another body (the defaults, 300 s
    and DingTalk's 3600 s, were covered)."""
    clock = FrozenClock("2026-09-01 09:41")
    store = Store.open(str(tmp_path / "a.db"), clock)
    inbox = InboxRepo(store.scratch, clock.now, ClaimTable(None, 8))
    body = hashlib.sha256(b"the first body").hexdigest()
    assert inbox.first_body("url-0", body)
    for i in range(1, 40):  # the mapping's sixteen records fill: url-0's record moves to the file
        inbox.first_body(f"url-{i}", hashlib.sha256(f"b{i}".encode()).hexdigest())
    window = 2 * 7200  # records kept twice a two-hour window (bot/app.py housekeeping)
    clock.advance(hours=3)
    inbox.purge_requests(dt.timedelta(seconds=window))  # (housekeeping, every minute)
    assert inbox.first_body("url-0", hashlib.sha256(b"another body").hexdigest()) is False
    assert inbox.first_body("url-0", body) is True  # its own body still passes
    clock.advance(hours=3)  # past the record's time: purged, and lookups no longer look in the file
    inbox.purge_requests(dt.timedelta(seconds=window))
    assert inbox.file.db.scalar("SELECT count(*) FROM seen_requests WHERE key >= 'm:' AND key < 'm;'") == 0
    clock.advance(hours=1)
    assert not inbox._spilled(hour_of(clock.now()))  # (no file lookups for ever after)


def test_moved_rows_are_purged_by_housekeeping_with_no_further_message(bot):
    """Moved claims and signed-URL records leave the scratch file on the hour's rules whether or not another
    message comes (housekeeping runs every minute in every process)."""
    bot.store.inbox.table = ClaimTable(None, 8)
    inbox = bot.store.inbox
    for i in range(40):
        assert inbox.claim("test", f"k{i}", "owner")
        inbox.finish("test", f"k{i}", b"sealed")
        inbox.first_body(f"url-{i}", hashlib.sha256(f"b{i}".encode()).hexdigest())
    assert inbox.file.count() > 0
    assert bot.store.scratch.scalar("SELECT count(*) FROM seen_requests WHERE key >= 'm:' AND key < 'm;'") > 0
    bot.clock.advance(hours=3)
    bot.housekeeping()
    assert inbox.file.count() == 0 and inbox.count() == 0
    assert bot.store.scratch.scalar("SELECT count(*) FROM seen_requests") == 0
