"""Sign-ups, cancellations and greetings as whole conversations, round 7 (issue 19): a cancellation
that keeps what the teacher said to keep, a hedge about the activity just shown and its taking back,
a question about joining answered (and the next message signing up), two activities asked about
together then "都报了吧", greetings turned back on with "别退订了", a second request after thanks, and
a message the classifier cannot place read in the context of the turn before. Each case in several
wordings, our own. The demo school's frozen clock: Tuesday 2026-09-01 09:00."""

from __future__ import annotations

import pytest

from tests.conftest import as_member
from tests.test_whole_messages import status


def greetings_off(school, staff_no: str) -> bool:
    return bool(school.store.members.by_staff_no(staff_no).push_opt_out)


def signed_up(school, staff_no: str, *titles: str) -> None:
    member = school.store.members.by_staff_no(staff_no)
    for title in titles:
        row = school.store.db.one("SELECT id FROM activities WHERE title = ?", (title,))
        school.store.signups.signup(row["id"], member)


# ---- a cancellation never takes the activity said to be kept -------------------------------------------


@pytest.mark.parametrize("said", [
    "登山那个帮我退了吧 趣味运动会留着",
    "登山退了运动会留着",
    "趣味运动会不变，登山取消",
    "退登山 运动会保留",
    "登山不去了，运动会还去",
    "运动会照常 登山帮我取消掉",
    "那个爬山的退了吧 数学组趣味运动会还是要去的",
])
def test_cancel_one_keep_the_other(school, said):
    signed_up(school, "1029", "数学组趣味运动会", "秋季登山活动")
    chat = as_member(school, "1029")
    assert "秋季登山活动 — 已报名" in chat.say("查一下我报了啥")
    assert chat.say(said) == "已为您取消「秋季登山活动」的报名。"
    assert status(school, "1029", "秋季登山活动") == "cancelled"
    assert status(school, "1029", "数学组趣味运动会") == "confirmed"
    assert chat.say("嗯 确认").startswith("「秋季登山活动」的报名已经为您取消了。")


def test_the_other_way_round_keeps_the_outing(school):
    signed_up(school, "1029", "数学组趣味运动会", "秋季登山活动")
    chat = as_member(school, "1029")
    assert chat.say("运动会退了 登山留着") == "已为您取消「数学组趣味运动会」的报名。"
    assert status(school, "1029", "秋季登山活动") == "confirmed"


def test_a_keep_alone_cancels_nothing_and_an_unnamed_cancel_asks_about_the_other(school):
    signed_up(school, "1029", "数学组趣味运动会", "秋季登山活动")
    chat = as_member(school, "1029")
    assert chat.say("取消报名，运动会保留") == "要取消「秋季登山活动」的报名吗？回复“是”确认。"
    assert chat.say("是").startswith("已为您取消「秋季登山活动」")
    assert status(school, "1029", "数学组趣味运动会") == "confirmed"
    assert chat.say("运动会留着") == "好的，「数学组趣味运动会」的报名保持不变。"
    assert status(school, "1029", "数学组趣味运动会") == "confirmed"


# ---- a hedge about the activity just shown, then taken back ---------------------------------------------


@pytest.mark.parametrize("hedge", ["那先不报了 我再想想", "先不报 考虑一下", "我再想想吧", "暂时不报了哈", "嗯 再考虑考虑"])
def test_a_hedge_after_a_question_then_still_yes(school, hedge):
    chat = as_member(school, "1018")
    assert "乒乓球友谊赛" in chat.say("乒乓球友谊赛是单打还是双打")
    assert chat.say(hedge) == "好的，先不报「乒乓球友谊赛」。改主意的话回复“还是报吧”，我就为您报上。"
    assert status(school, "1018", "乒乓球友谊赛") is None
    assert chat.say("想好了 还是报吧 乒乓球那个").startswith("报名成功！「乒乓球友谊赛」")
    assert status(school, "1018", "乒乓球友谊赛") == "confirmed"


@pytest.mark.parametrize("said", ["想好了 还是报吧 乒乓球那个", "乒乓球那个还是给我报了吧", "那就报吧"])
def test_a_yes_to_the_activity_just_shown_without_a_hedge_is_confirmed_first(school, said):
    chat = as_member(school, "1018")
    chat.say("乒乓球友谊赛是单打还是双打")
    assert chat.say(said).startswith("确认报名「乒乓球友谊赛」吗？")
    assert chat.say("是").startswith("报名成功！")


# ---- a question about joining, answered; the next message signs up ---------------------------------------


@pytest.mark.parametrize("asked", [
    "您好，我是退休的李秀兰老师，今年七十三了，老伴前年走了，孩子们都在外地工作，平时一个人在家。"
    "听说工会重阳节要开敬老座谈会，想问问我能不能参加？",
    "请问重阳敬老座谈会我可以参加吗",
    "重阳那个座谈会，我们退休的能去不",
    "麻烦问一下，敬老座谈会有我们退休老师的份吗？",
])
def test_a_retired_teacher_asks_whether_she_may_join_then_signs_up(school, asked):
    chat = as_member(school, "2002")
    answer = chat.say(asked)
    assert "重阳敬老座谈会" in answer and "老干部活动室" in answer
    assert "您可以报名「重阳敬老座谈会」" in answer
    assert chat.say("那麻烦您帮我报个名，给您添麻烦了，谢谢谢谢").startswith("确认报名「重阳敬老座谈会」吗？")
    assert chat.say("是的，确认，谢谢您").startswith("报名成功！「重阳敬老座谈会」")


def test_asking_whether_one_may_join_what_one_joined_already_says_so(school):
    signed_up(school, "1018", "教职工拔河比赛")
    chat = as_member(school, "1018")
    assert "您已经报名了「教职工拔河比赛」" in chat.say("拔河比赛我还能参加吗？")


# ---- two activities asked about together, then both ---------------------------------------------------------


@pytest.mark.parametrize("both", ["不冲突的话就都报了吧", "那两个都报上", "都给我报了吧"])
def test_two_asked_about_together_then_both(school, both):
    chat = as_member(school, "1009")
    answer = chat.say("羽毛球联谊赛和乒乓球友谊赛我都想打 时间冲突吗")
    assert "这两个活动时间不冲突" in answer
    assert chat.say(both).startswith("确认报名以下 2 个活动吗？")
    chat.say("是 都确认")
    assert status(school, "1009", "羽毛球联谊赛") == "confirmed"
    assert status(school, "1009", "乒乓球友谊赛") == "confirmed"


def test_two_that_overlap_are_said_to(school):
    school.store.activities.add("教职工篮球赛", "2026-09-13 16:30", "篮球场", 20, "2026-09-10 17:00", kind="篮球")
    chat = as_member(school, "1009")
    answer = chat.say("篮球赛和乒乓球友谊赛会不会撞？")
    assert "注意：" in answer and "时间重叠" in answer


# ---- greetings back on, said in a sentence ----------------------------------------------------------------


@pytest.mark.parametrize("back", ["算了 还是开着吧 别退订了", "想了想还是别关了", "不用关了 还是照常发吧", "算了算了 不退订了"])
def test_greetings_turned_off_then_kept(school, back):
    chat = as_member(school, "1023")
    assert chat.say("节日祝福帮我退订").startswith("好的，郑秀英老师，以后不再给您推送")
    assert chat.say(back).startswith("已恢复推送")
    assert not greetings_off(school, "1023")


def test_greetings_off_said_again_stays_off(school):
    chat = as_member(school, "1023")
    chat.say("节日祝福帮我退订")
    chat.say("别再发了")
    assert greetings_off(school, "1023")


# ---- a second request after thanks ----------------------------------------------------------------------


@pytest.mark.parametrize("then", [
    "好的，谢谢。另外生日祝福以后就不用发了，年纪大了不过生日了，谢谢你们",
    "嗯嗯 谢谢 另外节日祝福别给我发了",
    "收到，谢谢！顺便把生日祝福关了吧",
])
def test_a_checkup_answer_then_thanks_and_greetings_off(school, then):
    chat = as_member(school, "2008")
    assert "教职工年度体检" in chat.say("工会的同志们，提前祝大家教师节快乐！我是退休老教师周志明，想问问退休了体检还有我们的份吗？")
    assert "不再给您推送" in chat.say(then)
    assert greetings_off(school, "2008")


@pytest.mark.parametrize("then", ["行 那顺便帮我抱个拔河", "好 那顺便帮我报个拔河", "嗯 顺便给我抱一个拔河", "行 那另外帮我报个拔河"])
def test_a_checkup_answer_then_a_sign_up_by_the_way(school, then):
    chat = as_member(school, "1022")
    assert "教职工年度体检" in chat.say("体捡是哪天啊 要空肚子不")
    assert chat.say(then).startswith("确认报名「教职工拔河比赛」吗？")
    assert chat.say("是").startswith("报名成功！")


# ---- answering the question the bot asked, in other words ---------------------------------------------------


def test_a_change_of_mind_while_a_confirmation_waits_names_the_other_among_reasons(school):
    chat = as_member(school, "1018")
    assert chat.say("报名卡拉OK").startswith("确认报名「卡拉OK歌唱比赛」")
    assert chat.say("等一下 我还是不报卡拉OK了 我唱歌跑调 帮我换成读书会吧").startswith("确认报名「教师读书会」吗？")
    assert chat.say("嗯 读书会").startswith("报名成功！「教师读书会」")
    assert status(school, "1018", "卡拉OK歌唱比赛") is None


def test_which_one_answered_by_saying_it_again(school):
    chat = as_member(school, "2007")
    chat.say("你好 我奶奶让我问问 每次过节都收到消息她看不懂 能不能别给她发了")
    chat.say("奶奶是赵淑芬 退休的 对 以后都不用发了")
    assert greetings_off(school, "2007")


# ---- "can I still sign up?" answered with an offer; a yes takes it up --------------------------------------


@pytest.mark.parametrize("yes", ["嗯嗯确认", "是", "好的 报吧", "行 要报"])
def test_a_yes_to_the_offer_after_can_i_still_sign_up(school, yes):
    chat = as_member(school, "1003")
    answer = chat.say("拨河比赛还能极名吗？")
    assert answer.endswith("您可以报名「教职工拔河比赛」，要为您报名吗？回复“是”为您报上。")
    assert chat.say(yes).startswith("报名成功！「教职工拔河比赛」")


@pytest.mark.parametrize("thanks", ["好的谢谢", "知道了", "好 我再想想"])
def test_thanks_after_the_offer_signs_nobody_up(school, thanks):
    chat = as_member(school, "1003")
    chat.say("拔河比赛还能报名吗")
    chat.say(thanks)
    assert status(school, "1003", "教职工拔河比赛") is None


def test_someone_elses_question_about_joining_is_not_taken_for_her_own(school):
    chat = as_member(school, "1001")
    assert "您可以报名" not in chat.say("王老师住院了，她还能参加拔河吗")


# ---- one sign-up changed for another ----------------------------------------------------------------------


@pytest.mark.parametrize("said", ["把拔河换成登山", "拔河改成登山吧", "帮我把拔河那个换到秋季登山", "拔河调成登山可以吗"])
def test_a_sign_up_changed_for_another(school, said):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    assert chat.say(said).startswith("要把「教职工拔河比赛」换成「秋季登山活动」吗？")
    reply = chat.say("是")
    assert reply.startswith("报名成功！「秋季登山活动」") and reply.endswith("已取消「教职工拔河比赛」的报名。")
    assert status(school, "1029", "教职工拔河比赛") == "cancelled"
    assert status(school, "1029", "秋季登山活动") == "confirmed"


def test_a_change_to_a_full_activity_keeps_the_old_place(school):
    signed_up(school, "1001", "羽毛球联谊赛")
    signed_up(school, "1002", "羽毛球联谊赛")
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    chat.say("把拔河换成羽毛球")
    assert "候补" in chat.say("是")
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert status(school, "1029", "羽毛球联谊赛") == "waitlisted"


def test_a_change_said_no_to_keeps_everything(school):
    signed_up(school, "1029", "教职工拔河比赛")
    chat = as_member(school, "1029")
    chat.say("把拔河换成登山")
    assert chat.say("不换了") == "好的，报名保持不变。"
    assert status(school, "1029", "教职工拔河比赛") == "confirmed"
    assert status(school, "1029", "秋季登山活动") is None


# ---- pointing at the list of her sign-ups by number ----------------------------------------------------------


@pytest.mark.parametrize("said, gone", [("第二个帮我退了", "秋季登山活动"), ("最后一个不去了", "秋季登山活动"),
                                        ("第1个取消掉", "数学组趣味运动会")])
def test_cancel_by_number_after_the_list(school, said, gone):
    signed_up(school, "1029", "数学组趣味运动会", "秋季登山活动")
    chat = as_member(school, "1029")
    chat.say("我报了哪些")
    assert chat.say(said) == f"已为您取消「{gone}」的报名。"


# ---- two activities each named by a word of its own ------------------------------------------------------------


def test_two_named_by_their_own_words_are_both_answered_and_both_signed_up(school):
    chat = as_member(school, "2002")
    answer = chat.say("先问问，重阳座谈会和插花沙龙我都能参加不")
    assert "1. 重阳敬老座谈会" in answer and "2. 女教职工插花沙龙" in answer
    assert "您可以报名「重阳敬老座谈会」「女教职工插花沙龙」" in answer
    assert chat.say("那两个都帮我报上").startswith("确认报名以下 2 个活动吗？")
    chat.say("对的，都确认")
    assert status(school, "2002", "重阳敬老座谈会") == "confirmed"
    assert status(school, "2002", "女教职工插花沙龙") == "confirmed"


# ---- set 10: names typed as near homophones, pinyin, lists one a line, "也", a size put right, a bare 取消 ----


@pytest.mark.parametrize("said, titles", [
    ("登上活动和读书汇都想参加", ("秋季登山活动", "教师读书会")),
    ("羽毛求和乒乓求都报", ("羽毛球联谊赛", "乒乓球友谊赛")),
    ("拨河跟登上都想去", ("教职工拔河比赛", "秋季登山活动")),
])
def test_near_homophones_of_two_names_are_both_confirmed(school, said, titles):
    chat = as_member(school, "1018")
    answer = chat.say(said)
    assert answer.startswith("确认报名以下 2 个活动吗？") and all(t in answer for t in titles)
    chat.say("两个都报 就我一个人 不带家属")
    assert all(status(school, "1018", t) == "confirmed" for t in titles)


@pytest.mark.parametrize("said, yes, title", [
    ("wo xiang baoming 卡拉OK 比赛", "shi de 确认", "卡拉OK歌唱比赛"),
    ("baoming 拔河", "shide", "教职工拔河比赛"),
    ("bao ming 读书会", "queren", "教师读书会"),
])
def test_pinyin_for_the_key_words(school, said, yes, title):
    chat = as_member(school, "1026")
    assert chat.say(said).startswith(f"确认报名「{title}」")
    assert chat.say(yes).startswith("报名成功！")


def test_a_cancellation_in_pinyin(school):
    signed_up(school, "1021", "秋季登山活动")
    chat = as_member(school, "1021")
    assert chat.say("quxiao wo de 登山 baoming") == "已为您取消「秋季登山活动」的报名。"
    assert chat.say("shi de quxiao").startswith("「秋季登山活动」的报名已经为您取消了")


@pytest.mark.parametrize("listed", [
    "想报名以下活动：\n1. 数学组趣味运动会\n2. 女教职工插花沙龙\n3. 教职工拔河比赛",
    "报名以下活动\n1、数学组趣味运动会\n2、女教职工插花沙龙\n3、教职工拔河比赛",
    "我要报这几个：\n数学组趣味运动会\n女教职工插花沙龙\n教职工拔河比赛",
])
def test_a_list_one_a_line_is_confirmed_together(school, listed):
    chat = as_member(school, "1007")
    assert chat.say(listed).startswith("确认报名以下 3 个活动吗？")
    chat.say("以上三项全部确认")
    for title in ("数学组趣味运动会", "女教职工插花沙龙", "教职工拔河比赛"):
        assert status(school, "1007", title) == "confirmed"


def test_all_of_a_list_just_shown(school):
    chat = as_member(school, "1009")
    chat.say("羽毛球和乒乓球什么时候")
    assert chat.say("以上两项全部确认").startswith("确认报名以下 2 个活动吗？")


@pytest.mark.parametrize("said", ["那给我报一个，登山我也想去，和老伴两个人", "行 这个报上 另外登山也帮我报一个"])
def test_the_one_shown_and_another_too(school, said):
    chat = as_member(school, "2002")
    chat.say("插花沙龙退休的也能参加吗")
    answer = chat.say(said)
    assert "1. 女教职工插花沙龙" in answer and "2. 秋季登山活动" in answer
    chat.say("都确认")
    assert status(school, "2002", "女教职工插花沙龙") == "confirmed"
    assert status(school, "2002", "秋季登山活动") == "confirmed"


@pytest.mark.parametrize("fix", ["不对 孩子那天要上课 就我们2个人", "说错了 就我们两个", "不是 我和老婆2个人"])
def test_a_party_size_put_right_at_the_confirmation_is_no_no(school, fix):
    chat = as_member(school, "1024")
    chat.say("登山报名 我和老婆孩子 3个人")
    assert "家属不能同去" in chat.say(fix)
    assert chat.say("确认").startswith("报名成功！「秋季登山活动」")


def test_a_bare_cancel_with_sign_ups_asks_which(school):
    signed_up(school, "1021", "教职工拔河比赛", "乒乓球友谊赛")
    chat = as_member(school, "1021")
    assert chat.say("取消").startswith("您报名了以下活动，要取消哪一个？")
    assert chat.say("乒乓球") == "已为您取消「乒乓球友谊赛」的报名。"
    assert status(school, "1021", "教职工拔河比赛") == "confirmed"


def test_a_bare_cancel_with_one_sign_up_asks_first(school):
    signed_up(school, "1021", "教职工拔河比赛")
    chat = as_member(school, "1021")
    assert chat.say("取消") == "要取消「教职工拔河比赛」的报名吗？回复“是”确认。"
    assert status(school, "1021", "教职工拔河比赛") == "confirmed"


def test_a_question_about_a_colleague_then_ones_own_then_cancel(school):
    signed_up(school, "1023", "教职工拔河比赛")
    chat = as_member(school, "1023")
    chat.say("帮我查查彭亮报没报拔河")
    chat.say("那我自己呢 我是不是也在拔河名单里")
    assert chat.say("行 那我不去了 帮我取消拔河") == "已为您取消「教职工拔河比赛」的报名。"


# ---- both withdrawn at once; a hedge about one clause is no sign-up for it ----------------------------------


@pytest.mark.parametrize("said", ["拔河和登山都不去了", "两个都帮我取消吧", "全部取消"])
def test_both_withdrawn_at_once(school, said):
    signed_up(school, "1018", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1018")
    reply = chat.say(said)
    assert "已为您取消「教职工拔河比赛」的报名。" in reply and "已为您取消「秋季登山活动」的报名。" in reply


def test_which_one_answered_with_both(school):
    signed_up(school, "1018", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1018")
    chat.say("取消报名")
    chat.say("都取消")
    assert status(school, "1018", "教职工拔河比赛") == status(school, "1018", "秋季登山活动") == "cancelled"


def test_an_unnamed_all_alone_withdraws_nothing_unasked(school):
    signed_up(school, "1018", "教职工拔河比赛", "秋季登山活动")
    chat = as_member(school, "1018")
    assert chat.say("我都不想去了").startswith("您报名了以下活动，要取消哪一个？")


@pytest.mark.parametrize("said", ["先帮我报读书会，拔河的话我再想想", "拔河先不报 读书会帮我报上", "读书会报一个 拔河考虑一下"])
def test_a_hedged_clause_is_no_sign_up_for_it(school, said):
    chat = as_member(school, "1018")
    assert chat.say(said).startswith("确认报名「教师读书会」吗？")
