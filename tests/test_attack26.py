"""Attack review 26: what left26, conv39 (integ28) and speed26 let through before they land. Chat scripts through
/wechat at the demo school's frozen clock (Tuesday 2026-09-01 09:00; 1006 is a teacher with no sign-ups).

- At "确认报名「…」吗？" a confirmation put off was read as given: "等我确认一下", "稍后确认", "这个还需要确认",
  "确认以后再说", "以上信息确认无误后再提交" signed her up at once (any few words before 确认 made it a yes, and 确认 first
  was a yes whatever came after it); conv39's form's end ("以上…确认") made "以上信息还未确认", "以上内容尚待确认",
  "以上内容稍后确认" sign too. Put off, it is asked again (or left for later): nothing is signed.
- conv39's new sign-up words asked a NO or a question to confirm a sign-up ("不申请上拔河了", "申请上拔河？算了不申请了",
  "出一张乒乓球的票多少钱？"), so that her "是" (yes, not applying; yes, how much) signed her up. A refusal or a question
  with them is no sign-up."""

from __future__ import annotations

import pytest

from bot import demo
from bot.app import create_app
from tests.conftest import make_config
from tests.helpers import WeChatClient
from tests.test_conversations_round23_yes19 import PING, TUG
from tests.test_conversations_round24_many20 import school as many20_school

ASK_TUG = "确认报名「教职工拔河比赛」吗？"
SIGNED = "报名成功"

# the demo school behind /wechat, a teacher not bound yet too (tests/test_conversations_round24_many20.py's fixture)
school = many20_school


# ---- a confirmation put off is no confirmation ---------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    # said before 确认: later, by someone, still to be done
    "等我确认一下",
    "稍后确认",
    "我回头确认",
    "这个还需要确认",
    "明天再确认",
    # said after it: once confirmed, then
    "确认以后再说",
    "确认后再报",
    "确认了再告诉你",
    "先确认时间再报",
    "以上信息确认无误后再提交，我先看看",
    # a form's end that is not done yet (conv39's 以上…确认)
    "以上信息还未确认",
    "以上内容尚待确认",
    "以上信息有待确认",
    "以上内容稍后确认",
])
def test_a_confirmation_put_off_signs_nothing_and_is_asked_again(school, answer):
    assert school.say("1006", "报名拔河").startswith(ASK_TUG)
    reply = school.say("1006", answer)
    assert SIGNED not in reply and reply.strip(), reply
    assert school.status("1006", TUG) is None  # (asked again, or left for later: "确认以后再说")


@pytest.mark.parametrize("answer", ["确认", "确认报名", "好的，确认。唱什么歌到时候再说", "以上所填信息确认提交", "上述信息确认无误",
                                    "那就先确认报名吧", "已确认"])
def test_a_confirmation_given_now_still_signs(school, answer):
    assert school.say("1006", "报名拔河").startswith(ASK_TUG)
    assert SIGNED in school.say("1006", answer)
    assert school.status("1006", TUG) == "confirmed"


# ---- conv39's sign-up words: a refusal or a question with them is no sign-up ----------------------------------------------


@pytest.mark.parametrize("message, title", [
    ("不申请上拔河了", TUG),
    ("申请上拔河？算了不申请了", TUG),
    ("拔河比赛我就不申请加入了", TUG),
    ("出一张乒乓球的票多少钱？", PING),
    ("出一张乒乓球友谊赛的票要什么手续", PING),
    ("乒乓球的票不用给我出一张了", PING),
])
def test_a_no_or_a_question_in_an_application_or_a_ticket_never_asks_to_sign(school, message, title):
    reply = school.say("1006", message)
    assert not reply.startswith("确认报名"), reply
    school.say("1006", "是")
    assert school.status("1006", title) is None


@pytest.mark.parametrize("message, title", [
    ("申请上拔河比赛这条产线", TUG),
    ("申请加入拔河比赛", TUG),
    ("给我出一张乒乓球友谊赛的票", PING),
    ("麻烦出张乒乓球的票，13号那趟", PING),
])
def test_an_application_or_a_ticket_still_asks_to_confirm(school, message, title):
    assert school.say("1006", message).startswith(f"确认报名「{title}」")


# ---- speed26's per-process caches: two workers on one database file ----------------------------------------------------
# (guards for when speed26 lands: its kept upcoming list, her kept sign-ups and the kept sign-up rows must see what another
# worker process did, and the clock moving past a deadline)

BADMINTON, KARAOKE = "羽毛球联谊赛", "卡拉OK歌唱比赛"


class Workers:
    """Two workers (two apps, each with its own connections) on one database file, the demo school seeded once."""

    def __init__(self, tmp_path, clock):
        self.apps = [create_app(make_config(tmp_path), clock) for _ in range(2)]
        self.stores = [app.extensions["unionbot"].store for app in self.apps]
        demo.seed(self.stores[0], clock)
        self.clients = [WeChatClient(app.test_client(), "plaintext", clock) for app in self.apps]
        self.clock = clock

    def say(self, worker: int, staff_no: str, text: str) -> str:
        store = self.stores[worker]
        store.bindings.bind("wechat", f"o-{staff_no}", store.members.by_staff_no(staff_no).id)
        self.clock.advance(seconds=20)
        return self.clients[worker].say(f"o-{staff_no}", text)

    def status(self, staff_no: str, title: str) -> str | None:
        store = self.stores[0]
        row = store.db.one("SELECT s.status FROM signups s JOIN activities a ON a.id = s.activity_id JOIN members m "
                           "ON m.id = s.member_id WHERE a.title = ? AND m.staff_no = ?", (title, staff_no))
        return row["status"] if row else None

    def flush(self):
        for app in self.apps:
            app.extensions["unionbot"].dispatch.flush()


@pytest.fixture
def workers(tmp_path, clock):
    made = Workers(tmp_path, clock)
    yield made
    made.flush()


def test_places_taken_by_another_worker_meanwhile_put_her_on_the_waitlist(workers):
    assert workers.say(0, "1006", "报名羽毛球").startswith(f"确认报名「{BADMINTON}」")  # (worker 0: its two places free)
    for staff_no in ("1001", "1002"):  # its two places taken through worker 1
        workers.say(1, staff_no, "报名羽毛球")
        assert SIGNED in workers.say(1, staff_no, "是")
    reply = workers.say(0, "1006", "是")
    assert SIGNED not in reply and "候补" in reply, reply
    assert workers.status("1006", BADMINTON) == "waitlisted"


def test_a_withdrawal_through_another_worker_is_seen_by_the_first(workers):
    workers.say(0, "1006", "报名拔河")
    assert SIGNED in workers.say(0, "1006", "是")
    assert TUG in workers.say(0, "1006", "我报了哪些活动")
    workers.say(1, "1006", "取消报名拔河")
    workers.say(1, "1006", "是")
    assert workers.status("1006", TUG) == "cancelled"
    assert TUG not in workers.say(0, "1006", "我报了哪些活动")
    assert workers.say(0, "1006", "报名拔河").startswith(ASK_TUG)  # (not "已报名，无需重复报名")


def test_an_activity_cancelled_by_another_process_is_not_offered(workers):
    assert workers.say(0, "1006", "报名卡拉OK").startswith(f"确认报名「{KARAOKE}」")
    workers.say(0, "1006", "否")
    workers.stores[1].db.execute("UPDATE activities SET status = 'cancelled' WHERE title = ?", (KARAOKE,))
    reply = workers.say(0, "1006", "报名卡拉OK")
    assert not reply.startswith("确认报名"), reply
    workers.say(0, "1006", "是")
    assert workers.status("1006", KARAOKE) is None


def test_the_clock_past_a_deadline_closes_the_sign_up_however_recently_listed(workers):
    assert BADMINTON in workers.say(0, "1006", "最近有什么活动")
    workers.clock.advance(days=2, hours=3, minutes=1)  # (羽毛球联谊赛's sign-up closes 9月3日 12:00)
    reply = workers.say(0, "1006", "报名羽毛球")
    assert not reply.startswith("确认报名"), reply
    workers.say(0, "1006", "是")
    assert workers.status("1006", BADMINTON) is None


# ---- left26: "是王芳老师本人，还是王芳老师的姐姐？" answered with both, or a bare yes --------------------------------------
# (a death is never told of a member on a guess: "姐姐，王芳本人没事" filed 王芳's own death, for 本人 was in it; "是的" did too)

ASK_WHICH = "是王芳老师本人，还是王芳老师的姐姐？"


def _care_subjects(school) -> list[str]:
    return [r["subject"] for r in school.store.db.query("SELECT subject FROM care_reports ORDER BY id")]


@pytest.mark.parametrize("answer", ["姐姐，王芳本人没事", "是她姐姐，她自己还在上班呢", "她姐姐走了，王芳老师自己挺难过的",
                                    "姐姐。本人好好的"])
def test_the_sister_named_while_she_herself_is_said_fine_never_files_her_death(school, answer):
    assert school.say("1025", "我们语文组王芳姐姐去世了") == ASK_WHICH
    school.say("1025", answer)
    school.say("1025", "昨天")
    assert "王芳" not in _care_subjects(school), _care_subjects(school)


@pytest.mark.parametrize("answer", ["是", "是的", "对"])
def test_a_bare_yes_to_either_or_is_asked_again(school, answer):
    assert school.say("1025", "王芳姐姐昨天走了") == ASK_WHICH
    assert school.say("1025", answer) == ASK_WHICH
    assert _care_subjects(school) == []


# ---- conv39: "什么人退休九月底？行政后勤朱军师傅哟" — the who-question answered with a denial names nobody ----------------------


@pytest.mark.parametrize("news", ["什么人退休九月底？不是朱军师傅", "谁退休九月底？反正不是朱军", "什么人退休九月底？没听说朱军要退"])
def test_a_who_question_answered_with_a_denial_files_no_retirement(school, news):
    school.say("1025", news)
    assert not [s for s in _care_subjects(school) if "朱军" in s], _care_subjects(school)


def test_a_who_question_she_answers_herself_still_names_the_retiree(school):
    school.say("1025", "什么人退休九月底？行政后勤朱军师傅哟")
    assert _care_subjects(school) == ["朱军"]


# ---- conv39's "步入婚姻的殿堂": the news said not to be so is no news ---------------------------------------------------------


@pytest.mark.parametrize("said", ["我才不要步入婚姻的殿堂", "我还没步入婚姻的殿堂呢", "我不想走进婚姻的殿堂", "我才不要结婚"])
def test_a_wedding_said_not_to_be_so_is_never_told_to_the_committee(school, said):
    reply = school.say("1025", said)
    school.say("1025", "不清楚")  # (the answer to "大概是什么时候？" filed it)
    assert _care_subjects(school) == [], reply
    assert "新婚快乐" not in reply


@pytest.mark.parametrize("news", ["我下个月步入婚姻的殿堂", "我儿子还没结婚，女儿下个月结婚"])
def test_a_wedding_said_beside_a_denial_is_still_news(school, news):
    school.say("1025", news)
    school.say("1025", "不清楚")
    assert _care_subjects(school), news


@pytest.mark.parametrize("said", ["谁说朱军要退休了？没这回事", "谁要退休了？朱军？", "谁说王芳老师住院了？她好好的"])
def test_news_only_asked_or_denied_in_a_who_question_is_never_filed(school, said):
    school.say("1025", said)
    school.say("1025", "不清楚")
    assert _care_subjects(school) == [], _care_subjects(school)


# ---- left26's "…报不了了" with nothing to cancel: another activity asked beside it is still signed ---------------------------


@pytest.mark.parametrize("said", ["读书会给我报上，拔河去不了了", "报名读书会，乒乓球我报不了了", "读书会我报一个，登山参加不了了"])
def test_a_sign_up_asked_beside_one_called_off_is_still_asked_to_confirm(school, said):
    reply = school.say("1006", said)
    assert reply.startswith("确认报名「教师读书会」"), reply
