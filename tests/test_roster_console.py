"""The roster a chair can't get wrong (issue 21), through the Flask test client: the template with its
drop-downs, the import page's allowed values, the preview of what each row becomes, 离职 and back,
the member list's filters, and printed one-time binding codes used in chat through /wechat."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from handlers.binding import USER_TRIES_PER_HOUR
from tests import test_console as console_tests
from tests.helpers import WeChatClient
from tests.test_console import csrf, post, text

# the console tests' fixtures: an app with the demo school, a 管理员 and a 工会委员 logged in
app, bot, school, admin, committee = (console_tests.app, console_tests.bot, console_tests.school, console_tests.admin,
                                      console_tests.committee)

LISTS = {"性别": '"男,女"', "生日历法": '"公历,农历"', "闰月": '"否,是"', "状态": '"在职,退休,离职"',
         "角色": '"会员,工会委员,管理员"', "教代会代表": '"否,是"'}


def download_template(client):
    resp = client.get("/admin/members/template")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(resp.data))


def upload(client, data: bytes, name: str = "名册.xlsx"):
    return client.post("/admin/members/import", data={"csrf_token": csrf(client, "/admin/members/import"),
                                                      "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def confirm(client, page: str):
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    return post(client, "/admin/members/import/confirm", {"token": token}, follow_redirects=True)


def saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---- the template and the import page (the 管理员's: roster import is hers) ----------------------------------------------------------------


def test_the_template_has_the_headers_an_example_and_drop_downs_for_the_allowed_values(admin, school):
    wb = download_template(admin)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers == ["工号", "姓名", "性别", "出生日期", "生日历法", "闰月", "手机", "工会小组", "状态", "角色", "教代会代表"]
    example = dict(zip(headers, [c.value for c in ws[2]], strict=True))
    assert example["工号"] == "示例" and example["出生日期"] == "1986-11-02" and example["工会小组"] in school.store.members.groups()
    column = {h: ws.cell(row=1, column=i + 1).column_letter for i, h in enumerate(headers)}
    found = {}
    for dv in ws.data_validations.dataValidation:
        for h, letter in column.items():
            if str(dv.sqref) == f"{letter}2:{letter}5001":
                found[h] = dv
    for h, formula in LISTS.items():
        assert found[h].type == "list" and found[h].formula1 == formula, h
        assert found[h].showErrorMessage and found[h].error.startswith("请从下拉列表中选择")
    groups = found["工会小组"]
    assert groups.type == "list" and not groups.showErrorMessage  # a new group may still be typed
    sheet, cells = groups.formula1.split("!")
    listed = [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]
    assert listed == school.store.members.groups() and "退休组" in listed
    assert found["出生日期"].prompt.startswith("可不填。农历生日请填农历的年、月、日")
    assert ws.column_dimensions[column["工号"]].number_format == "@"  # leading zeros stay
    # the importer reads the first sheet, and the untouched template adds nobody
    resp = upload(admin, saved(wb))
    assert resp.status_code == 200 and "新增 0 人，更新 0 人" in text(resp) and "示例行" in text(resp)


def test_the_import_page_lists_each_columns_allowed_values_in_words(admin, school):
    page = text(admin.get("/admin/members/import"))
    assert "下载名册模板" in page and "/admin/members/template" in page
    for words in ("男、女", "公历、农历", "在职、退休、离职", "会员、工会委员、管理员", "3 到 10 位数字", "11 位手机号",
                  "语文组、", "生在闰月的选“是”", "不填为“会员”"):
        assert words in page, words


def test_a_filled_template_previews_what_each_row_becomes_then_imports(admin, school):
    wb = download_template(admin)
    ws = wb.worksheets[0]
    ws.append(["4101", "欧阳明", "男", dt.date(1986, 11, 2), "公历", "否", "13800004101", "数学组", "在职", "会员", "否"])
    ws.append(["4102", "司马静", "女", "2020-04-08", "农历", "是", "", "新成立组", "在职", "工会委员", "是"])
    ws.append(["4103", "上官云", "女", "1975-08-15", "农历", "", "", "退休组", "退休", "", ""])
    ws.append(["1001", "张伟", "", "", "", "", "", "教研组", "", "", ""])
    ws.append(["1024", "张三", "", "", "", "", "", "", "", "", ""])  # as on file: counted, not listed
    resp = upload(admin, saved(wb))
    page = text(resp)
    assert resp.status_code == 200 and "新增 3 人，更新 1 人，未变 1 人。" in page
    rows = {m[0]: m[1] for m in re.findall(r"<tr><td[^>]*>第 (\d+) 行</td>(.*?)</tr>", page, re.S)}
    assert sorted(rows) == ["3", "4", "5", "6"]  # the example row (2) is skipped, the unchanged row 7 not listed
    assert "公历 1986-11-02" in rows["3"] and "新会员" in rows["3"]
    assert "农历 2020 年闰四月初八（闰月）" in rows["4"] and "工会委员" in rows["4"] and "新成立组" in rows["4"]
    assert "农历 1975 年八月十五" in rows["5"] and "退休" in rows["5"] and "会员" in rows["5"]
    assert "修改" in rows["6"] and "工会小组：" in rows["6"] and "→ 教研组" in rows["6"]
    assert "另有 1 人与名册中一致" in page
    assert school.store.members.by_staff_no("4101") is None  # a preview writes nothing
    assert "导入完成" in text(confirm(admin, page))
    second = school.store.members.by_staff_no("4102")
    assert (second.birth_calendar, second.birth_leap, second.role, second.delegate) == ("农历", 1, "工会委员", 1)
    assert school.store.members.by_staff_no("4101").birth_date == "1986-11-02"
    assert school.store.members.by_staff_no("1001").group_name == "教研组"


def test_a_bad_row_is_named_and_the_same_limits_hold(admin, school):
    wb = download_template(admin)
    wb.worksheets[0].append(["4201", "错性别", "男的", "1990-02-30", "公历", "否", "", "", "在职", "会员", "否"])
    resp = upload(admin, saved(wb))
    page = text(resp)
    assert resp.status_code == 400 and "第 3 行" in page and "性别“男的”无效" in page and "没有导入任何数据" in page
    assert "男、女" in page  # the allowed values are on the page that reports the error
    assert upload(admin, b"MZ", "x.exe").status_code == 400
    assert school.store.members.by_staff_no("4201") is None


def test_leaving_by_import_is_flagged_in_the_preview(admin, school):
    csv = "工号,姓名,状态\n1005,陈静,离职\n".encode("utf-8-sig")
    page = text(upload(admin, csv, "离职.csv"))
    assert "状态由“在职”改为“离职”（将解除其绑定，不再收到推送，也不能报名）" in page
    confirm(admin, page)
    member = school.store.members.by_staff_no("1005")
    assert member.status == "离职" and school.store.bindings.for_member(member.id) == []


# ---- 离职 and back ----------------------------------------------------------------------------------


def test_leaving_is_confirmed_then_stops_pushes_sign_ups_and_binding_and_is_undone(app, committee, admin, school, clock):
    from bot.push import Sender
    from handlers.activities.announce import announce

    s = school.store
    member = s.members.by_staff_no("1010")
    wechat = WeChatClient(app.test_client(), "plaintext", clock)
    assert wechat.say("o-1010", "绑定 1010 吴刚") == "为确认身份，请回复您登记手机号的后四位。"
    assert wechat.say("o-1010", "1010").startswith("绑定成功")
    s.outbox.enqueue("test", member.id, "一条还没发的消息", occasion="before-leaving")
    page = text(committee.get(f"/admin/members/{member.id}/leave"))
    waiting = len([r for r in s.outbox.for_member(member.id) if r["status"] == "pending"])  # + the note to sim-1010
    assert "确认办理离职" in page and "目前 2 个" in page and f"尚未发出的推送 {waiting} 条" in page
    assert s.members.get(member.id).status == "在职"  # the page alone changes nothing
    post(committee, f"/admin/members/{member.id}/leave", {})  # not confirmed: nothing either
    assert s.members.get(member.id).status == "在职"
    resp = post(committee, f"/admin/members/{member.id}/leave", {"confirm": "yes"}, follow_redirects=True)
    assert "已为 吴刚 办理离职" in text(resp) and "恢复在职" in text(resp)
    assert s.members.get(member.id).status == "离职"
    assert s.bindings.for_member(member.id) == []  # every platform
    assert {(r["status"], r["reason"]) for r in s.outbox.for_member(member.id)} == {("skipped", "会员已离职")}
    activity = s.activities.add("离职后的活动", "2026-09-20 10:00")
    announce(school, activity)
    assert not [r for r in s.outbox.for_member(member.id) if r["kind"] == "announcement"]
    Sender(s, clock, school.config, school.transports()).drain()
    assert not [r for r in s.outbox.for_member(member.id) if r["status"] == "sent"]
    assert "请回复“绑定 工号 姓名”" in wechat.say("o-1010", "报名拔河")  # no longer 吴刚
    assert "无法绑定" in wechat.say("o-1010", "绑定 1010 吴刚")
    assert s.members.get(member.id) is not None  # the record stays
    assert s.audit.recent()[0]["action"] == "办理离职"
    # and back, by the 管理员 (tests/test_attack3.py)
    assert "确认恢复在职" in text(admin.get(f"/admin/members/{member.id}/restore"))
    post(admin, f"/admin/members/{member.id}/restore", {"confirm": "yes"})
    assert s.members.get(member.id).status == "在职"
    assert wechat.say("o-1010", "绑定 1010 吴刚") == "为确认身份，请回复您登记手机号的后四位。"
    assert wechat.say("o-1010", "1010").startswith("绑定成功")
    assert wechat.say("o-1010", "报名拔河").startswith("确认报名「教职工拔河比赛」吗？")


def test_the_member_form_offers_no_silent_leaving(committee, school):
    member = school.store.members.by_staff_no("1010")
    page = text(committee.get(f"/admin/members/{member.id}"))
    assert "<option >离职</option>" not in page and "<option>离职</option>" not in page and "办理离职" in page
    lunar = school.store.members.by_staff_no("1007")  # 赵敏: 农历, 闰月
    seen = text(committee.get(f"/admin/members/{lunar.id}"))  # a 工会委员: the month and day, never the year
    assert "农历 闰4月30日" in seen and "1987" not in seen
    left = school.store.members.by_staff_no("3001")
    assert "恢复在职请联系管理员办理" in text(committee.get(f"/admin/members/{left.id}"))  # the 管理员 does it
    assert committee.get(f"/admin/members/{left.id}/leave").status_code == 302  # already left: nothing to do


# ---- filters -----------------------------------------------------------------------------------------


def test_member_filters_unbound_group_and_status_with_counts(committee, school):
    s = school.store
    for staff_no in ("1018", "1024"):  # unbind two of 数学组
        s.bindings.unbind_member(s.members.by_staff_no(staff_no).id)
    page = text(committee.get("/admin/members?bound=no"))
    # 钱多多 (离职, never bound) and the two
    assert "会员名册（3 人，共 39 人）" in page and "高峰" in page and "张三" in page and "钱多多" in page
    assert "张伟" not in page
    assert "未绑定（3）" in page and "已绑定（36）" in page
    page = text(committee.get("/admin/members?bound=no&group=数学组"))
    assert "会员名册（2 人" in page and "钱多多" not in page
    assert "数学组（2）" in page and "语文组（1）" in page  # each group: how many with the other filters kept
    page = text(committee.get("/admin/members?status=退休"))
    assert "会员名册（8 人" in page and "王建国" in page and "张伟" not in page and "退休（8）" in page
    page = text(committee.get("/admin/members"))
    assert "其中未绑定" in page and "bound=no" in page
    assert committee.get("/admin/members?status=x&bound=maybe").status_code == 200  # unknown values: ignored
    home = text(committee.get("/admin/"))
    assert "尚未绑定的会员 <span class=\"big\">2</span>" in home and "在职 2 人，退休 0 人" in home  # 钱多多 left
    assert "bound=no&amp;status=在职" in home.replace("%E5%9C%A8%E8%81%8C", "在职")


# ---- binding codes ----------------------------------------------------------------------------------


def _no_phone(school, *staff_nos):
    for staff_no in staff_nos:
        school.store.db.execute("UPDATE members SET phone = '' WHERE staff_no = ?", (staff_no,))
        school.store.bindings.unbind_member(school.store.members.by_staff_no(staff_no).id)


def _print_codes(client, school, *staff_nos, **extra):
    ids = [str(school.store.members.by_staff_no(n).id) for n in staff_nos]
    resp = post(client, "/admin/members/codes", {"member": ids, "days": "14", **extra})
    page = text(resp)
    return resp, dict(re.findall(r"<strong>(\S+)</strong> 老师.*?<p class=\"code\">([0-9A-Z]{8})</p>", page, re.S))


def test_printed_codes_bind_once_by_chat_and_guessing_is_limited(app, admin, committee, school, clock):
    _no_phone(school, "1011", "1012")
    page = text(admin.get("/admin/members/codes?who=nophone"))
    assert "共 2 人" in page and "徐丽" in page and "孙强" in page and "张伟" not in page
    assert committee.get("/admin/members/codes").status_code == 403  # codes are the admin's
    assert post(committee, "/admin/members/codes", {"member": ["1"]}).status_code == 403
    resp, codes = _print_codes(admin, school, "1011", "1012")
    page = text(resp)
    assert resp.status_code == 200 and set(codes) == {"徐丽", "孙强"} and "只显示这一次" in page
    assert "@media print" in page and "<script" not in page
    stored = school.store.db.query("SELECT code_hash, code_key FROM bind_codes")
    assert len(stored) == 2 and not any(c in str(stored) for c in codes.values())  # hashes only
    assert school.store.audit.recent()[0]["action"] == "生成绑定码"
    wechat = WeChatClient(app.test_client(), "plaintext", clock)
    assert wechat.say("o-xuli", f"绑定码 {codes['徐丽']}").startswith("绑定成功！徐丽老师")
    assert wechat.say("o-other", f"绑定码 {codes['徐丽']}").startswith("绑定码不对或已失效")  # used once
    # the guided flow takes the code where it asks for the 工号
    assert wechat.say("o-zq", "绑定").startswith("请回复您的工号")
    assert wechat.say("o-zq", codes["孙强"].lower()).startswith("绑定成功！孙强老师")
    # wrong codes count against the account like any failed binding try
    for _ in range(USER_TRIES_PER_HOUR - 1):
        assert wechat.say("o-guess", "绑定码 ABCD2345").startswith("绑定码不对或已失效")
    assert wechat.say("o-guess", "绑定码 ABCD2345").startswith("尝试次数过多")
    clock.advance(minutes=61)
    assert wechat.say("o-guess", "绑定码 ABCD2345").startswith("绑定码不对或已失效")


def test_codes_are_regenerated_only_when_asked_and_the_old_one_dies(app, admin, school, clock):
    _no_phone(school, "1011")
    _, first = _print_codes(admin, school, "1011")
    _, again = _print_codes(admin, school, "1011")  # already has one: kept, nothing printed
    assert again == {} and "请勾选会员" in text(admin.get("/admin/members/codes"))
    assert "有效至 2026-09-15 09:00" in text(admin.get("/admin/members/codes"))
    _, second = _print_codes(admin, school, "1011", replace="yes")
    assert second["徐丽"] != first["徐丽"]
    wechat = WeChatClient(app.test_client(), "plaintext", clock)
    assert wechat.say("o-1", f"绑定码 {first['徐丽']}").startswith("绑定码不对或已失效")
    clock.advance(days=15)  # 14 days chosen
    assert wechat.say("o-2", f"绑定码 {second['徐丽']}").startswith("绑定码不对或已失效")


def test_a_member_who_left_gets_no_code_and_loses_hers(app, admin, committee, school, clock):
    _no_phone(school, "1011")
    _, codes = _print_codes(admin, school, "1011")
    member = school.store.members.by_staff_no("1011")
    post(committee, f"/admin/members/{member.id}/leave", {"confirm": "yes"})
    wechat = WeChatClient(app.test_client(), "plaintext", clock)
    assert wechat.say("o-1", f"绑定码 {codes['徐丽']}").startswith("绑定码不对或已失效")
    assert "徐丽" not in text(admin.get("/admin/members/codes"))
    assert _print_codes(admin, school, "1011")[1] == {}


@pytest.mark.parametrize("days", ["", "9999", "abc"])
def test_odd_form_values_are_not_a_500(admin, school, days):
    _no_phone(school, "1011")
    resp = post(admin, "/admin/members/codes", {"member": ["x", "99999999999", str(school.store.members.by_staff_no("1011").id)],
                                                "days": days})
    assert resp.status_code == 200 and "2026-09-08 09:00 前有效" in text(resp)  # the shortest, 7 days
