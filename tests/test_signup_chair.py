"""Sign-ups as a chair runs them, through the Flask test client (issue 21): add a member or a walk-in,
remove someone after a confirmation (the waitlist moves, everyone concerned is told through the
outbox), party sizes against the places, 签到 in the console and by "签到" over the WeChat protocol in
and out of the activity's hours (frozen clock), and the print-ready export read back with openpyxl."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.helpers import WeChatClient
from tests.test_console import admin, app, bot, committee, post, school, text  # noqa: F401 (fixtures)


@pytest.fixture
def outing(school):  # noqa: F811
    """Four places, one companion each allowed, on Saturday 2026-09-12 09:00-12:00."""
    return school.store.activities.add("秋季亲子游园", "2026-09-12 09:00", "植物园", 4, None, kind="出游",
                                       ends_at="2026-09-12 12:00", allow_companions=True, max_companions=2)


def member(school, staff_no):  # noqa: F811
    return school.store.members.by_staff_no(staff_no)


def rows(school, activity):  # noqa: F811
    return {r["name"]: r for r in school.store.signups.for_activity(activity.id)}


def outbox(school, kind):  # noqa: F811
    return [r for r in school.store.outbox.list() if r["kind"] == kind]


def add(client, activity, **data):
    return post(client, f"/admin/activities/{activity.id}/signups/add", data, follow_redirects=True)


def test_the_activity_page_finds_members_by_name_or_staff_no_to_add(committee, school, outing):  # noqa: F811
    page = text(committee.get(f"/admin/activities/{outing.id}?q=李娜"))
    assert "添加李娜" in page and "1003" in page
    page = text(committee.get(f"/admin/activities/{outing.id}?q=1009"))
    assert "添加周婷" in page
    assert "名册中没有找到" in text(committee.get(f"/admin/activities/{outing.id}?q=不存在的人"))
    phone = school.store.members.by_staff_no("1003").phone
    assert "添加李娜" not in text(committee.get(f"/admin/activities/{outing.id}?q={phone[-6:]}"))  # not by phone


def test_a_committee_member_adds_a_member_who_is_told(committee, school, outing):  # noqa: F811
    li = member(school, "1003")
    page = text(add(committee, outing, member_id=li.id, party="2"))
    assert "李娜（1003）已加入报名名单，已通知本人。" in page
    assert rows(school, outing)["李娜"]["status"] == "confirmed" and rows(school, outing)["李娜"]["party"] == 2
    [notice] = outbox(school, "signup_by_committee")
    assert notice["member_id"] == li.id and "工会已为您报名「秋季亲子游园」（共 2 人）" in notice["text"]
    assert "已在报名名单中" in text(add(committee, outing, member_id=li.id))  # twice: nothing changes
    assert len(outbox(school, "signup_by_committee")) == 1
    assert school.store.audit.recent()[0]["action"] == "添加报名"


def test_a_walk_in_is_added_by_name_only_and_counts_against_the_places(admin, school, outing):  # noqa: F811
    page = text(add(admin, outing, guest_name="李小龙（家属）", party="3"))
    assert "李小龙（家属）（现场报名）已加入报名名单。" in page
    row = rows(school, outing)["李小龙（家属）"]
    assert row["member_id"] is None and row["staff_no"] == "" and row["party"] == 3
    assert school.store.activities.confirmed_count(outing.id) == 3
    assert school.store.db.scalar("SELECT count(*) FROM outbox") == 0  # nobody to tell
    page = text(add(admin, outing, member_id=member(school, "1003").id, party="2"))
    assert "名额不足，已登记候补（候补第 1 位）" in page  # 3 + 2 > 4
    assert "请填写现场报名者的姓名" in text(add(admin, outing, guest_name=""))
    assert "最多带 2 位家属" in text(add(admin, outing, guest_name="王五", party="4"))
    assert "王五" not in rows(school, outing)


def test_where_companions_are_not_allowed_the_console_says_so(admin, school):  # noqa: F811
    plain = school.store.activities.add("教工篮球赛", "2026-09-15 16:00", "篮球场", 10)
    page = text(add(admin, plain, guest_name="赵六", party="2"))
    assert "这个活动不接受携带家属，只能本人报名" in page and "赵六" not in rows(school, plain)


def test_removing_asks_first_then_promotes_the_waitlist_and_tells_everyone(admin, school, outing):  # noqa: F811
    first, second, third = (member(school, s) for s in ("1003", "1009", "1010"))
    school.store.signups.signup(outing.id, first, 3)
    school.store.signups.signup(outing.id, second, 2)  # 3 + 2 > 4: waitlisted
    school.store.signups.signup(outing.id, third, 1)  # fits, but behind 周婷 in line: waitlisted too
    assert rows(school, outing)["吴刚"]["status"] == "waitlisted"
    signup_id = rows(school, outing)["李娜"]["id"]
    ask = post(admin, f"/admin/activities/{outing.id}/signups/{signup_id}/remove")
    assert ask.status_code == 200 and "确定把李娜移出「秋季亲子游园」的报名名单吗？" in text(ask)
    assert rows(school, outing)["李娜"]["status"] == "confirmed"  # nothing happened yet
    page = text(post(admin, f"/admin/activities/{outing.id}/signups/{signup_id}/remove", {"confirm": "1"},
                     follow_redirects=True))
    assert "已将李娜移出名单。候补的周婷、吴刚已转为正式报名，将通知 3 位老师。" in page
    after = rows(school, outing)
    assert after["李娜"]["status"] == "cancelled" and after["周婷"]["status"] == after["吴刚"]["status"] == "confirmed"
    [removed] = outbox(school, "signup_removed")
    assert removed["member_id"] == first.id and "已将您从「秋季亲子游园」" in removed["text"]
    assert sorted(r["member_id"] for r in outbox(school, "promotion")) == sorted([second.id, third.id])
    again = post(admin, f"/admin/activities/{outing.id}/signups/{signup_id}/remove", {"confirm": "1"},
                 follow_redirects=True)
    assert "已不在名单中" in text(again) and len(outbox(school, "signup_removed")) == 1


def test_promotion_keeps_the_order_a_party_too_big_waits_and_nobody_passes_it(school, outing):  # noqa: F811
    a, b, c = (member(school, s) for s in ("1003", "1009", "1010"))
    school.store.signups.signup(outing.id, a, 2)
    school.store.signups.add(outing.id, guest_name="现场甲", party=2)
    school.store.signups.signup(outing.id, b, 3)  # waitlisted first
    school.store.signups.signup(outing.id, c, 1)  # waitlisted second
    _, promoted = school.store.signups.cancel(outing.id, a.id)  # 2 places free: 周婷's 3 do not fit
    assert promoted == [] and rows(school, outing)["吴刚"]["status"] == "waitlisted"
    walk_in = rows(school, outing)["现场甲"]["id"]
    _, promoted = school.store.signups.remove(walk_in)
    assert promoted == [b.id, c.id]  # 4 free: 周婷's party of 3, then 吴刚


def test_a_smaller_party_in_the_console_frees_places_a_bigger_one_needs_them(admin, school, outing):  # noqa: F811
    school.store.signups.signup(outing.id, member(school, "1003"), 3)
    school.store.signups.signup(outing.id, member(school, "1009"), 2)  # waitlisted
    li = rows(school, outing)["李娜"]["id"]
    page = text(post(admin, f"/admin/activities/{outing.id}/signups/{li}/party", {"party": "2"}, follow_redirects=True))
    assert "李娜的报名人数已改为 2 人。空出的名额已递补 1 位候补老师。" in page
    assert rows(school, outing)["周婷"]["status"] == "confirmed"
    page = text(post(admin, f"/admin/activities/{outing.id}/signups/{li}/party", {"party": "3"}, follow_redirects=True))
    assert "剩余名额不够，李娜的人数没有改动" in page and rows(school, outing)["李娜"]["party"] == 2


def test_attendance_is_ticked_per_row_or_all_at_once(admin, school, outing):  # noqa: F811
    for staff_no in ("1003", "1009", "1010"):
        school.store.signups.signup(outing.id, member(school, staff_no))
    ids = {name: r["id"] for name, r in rows(school, outing).items()}
    shown = list(ids.values())
    page = text(post(admin, f"/admin/activities/{outing.id}/attendance",
                     {"shown": shown, "present": [ids["李娜"]]}, follow_redirects=True))
    assert "已保存签到（1 处改动）" in page and "已签到 1 份" in page
    assert rows(school, outing)["李娜"]["attended_at"] == "2026-09-01 09:00"
    # 周婷 checks in by chat meanwhile; the chair's page (from before) unticks 李娜 only
    school.store.signups.set_attended(outing.id, {ids["周婷"]: True})
    post(admin, f"/admin/activities/{outing.id}/attendance", {"shown": shown, "was": [ids["李娜"]], "present": []})
    after = rows(school, outing)
    assert after["李娜"]["attended_at"] is None and after["周婷"]["attended_at"] is not None
    page = text(post(admin, f"/admin/activities/{outing.id}/attendance", {"all": "1"}, follow_redirects=True))
    assert "已将 2 位标记为到场" in page
    assert all(r["attended_at"] for r in rows(school, outing).values())


def test_a_malformed_request_is_a_4xx_never_a_500(admin, school, outing):  # noqa: F811
    assert post(admin, f"/admin/activities/{outing.id}/signups/999999/remove").status_code == 404
    assert post(admin, "/admin/activities/999999/signups/add", {"guest_name": "x"}).status_code == 404
    assert "人数应为正整数" in text(add(admin, outing, guest_name="某人", party="两"))
    resp = post(admin, f"/admin/activities/{outing.id}/attendance", {"shown": ["x", "1" * 30], "present": ["-1"]})
    assert resp.status_code == 302


# ---- 签到 by chat, over the WeChat protocol -----------------------------------------------------------


@pytest.fixture
def wechat(app, school):  # noqa: F811
    client = WeChatClient(app.test_client(), "plaintext", school.clock)
    for staff_no in ("1003", "1009", "1010"):
        school.store.bindings.bind("wechat", f"o-{staff_no}", member(school, staff_no).id)
    return client


def test_checkin_by_chat_only_confirmed_and_only_during_the_hours(wechat, school, outing):  # noqa: F811
    school.store.signups.signup(outing.id, member(school, "1003"), 2)
    school.store.signups.add(outing.id, member(school, "1010"), party=3)  # waitlisted: 2 + 3 > 4
    school.clock.set("2026-09-12 07:30")
    assert wechat.say("o-1003", "签到") == ("「秋季亲子游园」的签到时间是 9月12日（周六）08:00 到 12:00，现在还不能签到。"
                                         "到时回复“签到”即可。")
    school.clock.set("2026-09-12 08:05")
    assert wechat.say("o-1003", "签到") == "签到成功！「秋季亲子游园」（共 2 人）\n签到时间 08:05。欢迎参加，祝活动愉快！"
    assert rows(school, outing)["李娜"]["attended_at"] == "2026-09-12 08:05"
    school.clock.set("2026-09-12 10:00")
    assert wechat.say("o-1003", "签到") == "您已经签到过了：「秋季亲子游园」，签到时间 08:05。"
    assert wechat.say("o-1010", "签到").startswith("您在「秋季亲子游园」的候补名单中，还没有转为正式报名")
    assert wechat.say("o-1009", "签到") == "您没有报名「秋季亲子游园」，不能签到。如需参加，请联系现场的工会老师登记。"
    assert rows(school, outing)["吴刚"]["attended_at"] is None
    school.clock.set("2026-09-12 12:30")
    assert wechat.say("o-1003", "签到") == "「秋季亲子游园」的签到已于 12:00 结束。如您当时在场，请联系工会老师补记。"


def test_without_an_end_checkin_closes_four_hours_after_the_start(wechat, school):  # noqa: F811
    talk = school.store.activities.add("读书分享会", "2026-09-03 15:00", "图书馆", None)
    for staff_no in ("1003", "1009"):
        school.store.signups.signup(talk.id, member(school, staff_no))
    school.clock.set("2026-09-03 19:00")
    assert wechat.say("o-1009", "签到").startswith("签到成功！「读书分享会」")
    school.clock.set("2026-09-03 19:01")
    assert wechat.say("o-1003", "签到") == "「读书分享会」的签到已于 19:00 结束。如您当时在场，请联系工会老师补记。"
    assert wechat.say("o-1010", "签到").startswith("现在没有您报名的活动可以签到")


# ---- the print-ready export -------------------------------------------------------------------------


def test_the_export_prints_the_confirmed_with_a_signature_column_and_the_waitlist_apart(admin, school, outing):  # noqa: F811
    school.store.signups.signup(outing.id, member(school, "1003"), 2)
    school.store.signups.add(outing.id, guest_name="=HYPERLINK(\"http://x\")", party=1)
    school.store.signups.signup(outing.id, member(school, "1009"), 3)  # waitlisted
    school.store.signups.signup(outing.id, member(school, "1010"))
    school.store.signups.cancel(outing.id, member(school, "1010").id)  # cancelled: nowhere
    school.store.signups.set_attended(outing.id, {rows(school, outing)["李娜"]["id"]: True})
    resp = admin.get(f"/admin/activities/{outing.id}/signups?format=xlsx")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(resp.data))
    assert book.sheetnames == ["报名名单", "候补名单"]
    first = book["报名名单"]
    title, when, headers, *body = list(first.values)
    assert title[0] == "秋季亲子游园" and "A1:G1" in {str(r) for r in first.merged_cells.ranges}
    assert when[0].startswith("时间：9月12日（周六）09:00 至 12:00　地点：植物园") and "共 3 人（含家属 1 人）" in when[0]
    assert headers == ("序号", "工号", "姓名", "工会小组", "人数", "签到", "签名")
    assert [r[:6] for r in body] == [(1, "1003", "李娜", "英语组", 2, "✓"), (2, "现场报名", "=HYPERLINK(\"http://x\")", None, 1, None)]
    assert first["C5"].data_type == "s" and first["C5"].quotePrefix  # a name is never a formula
    assert first.column_dimensions["G"].width >= 20 and first.column_dimensions["C"].width >= 10
    assert first.print_title_rows == "$3:$3" and first.page_setup.fitToWidth == 1
    waiting = list(book["候补名单"].values)
    assert waiting[2][:5] == ("候补顺序", "工号", "姓名", "工会小组", "人数") and waiting[3][:5] == (1, "1009", "周婷", "英语组", 3)
    assert len(waiting) == 4 and "吴刚" not in str(list(first.values)) + str(waiting)
    csv = admin.get(f"/admin/activities/{outing.id}/signups?format=csv").data.decode("utf-8-sig")
    assert "李娜" in csv and "周婷" in csv and "吴刚" not in csv and "'=HYPERLINK" in csv


def test_the_activity_form_sets_companions_and_an_end(admin, school):  # noqa: F811
    resp = post(admin, "/admin/activities/new", {"title": "亲子运动会", "starts_at": "2026-09-26T09:00",
                                                 "ends_at": "2026-09-26T11:00", "capacity": "30", "audience": "all",
                                                 "allow_companions": "1", "max_companions": "2"})
    assert resp.status_code == 302
    made = next(a for a in school.store.activities.all() if a.title == "亲子运动会")
    assert (made.allow_companions, made.max_companions, made.ends_at, made.max_party) == (1, 2, "2026-09-26 11:00", 3)
    assert "可带家属（每人最多 2 位，占名额）" in text(admin.get(f"/admin/activities/{made.id}"))
    bad = post(admin, f"/admin/activities/{made.id}", {"title": "亲子运动会", "starts_at": "2026-09-26T09:00",
                                                       "ends_at": "2026-09-26T08:00", "audience": "all",
                                                       "allow_companions": "1", "max_companions": "20"})
    assert bad.status_code == 400 and "结束时间应晚于开始时间" in text(bad) and "家属人数应为 1 到 9" in text(bad)
    post(admin, f"/admin/activities/{made.id}", {"title": "亲子运动会", "starts_at": "2026-09-26T09:00",
                                                 "capacity": "30", "audience": "all"})  # the box unticked
    assert school.store.activities.get(made.id).allow_companions == 0
