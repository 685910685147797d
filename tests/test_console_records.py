"""Checkups and care records corrected and deleted in the console (issue 21): each change is in the
audit log as old → new, a deletion asks first on a second page, and a 查看 account can do neither."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import json

from tests.helpers import Chat
from tests.test_console import admin, app, bot, committee, post, school, text  # noqa: F401  (fixtures)


def audit_entry(store) -> dict:
    entry = store.audit.recent()[0]
    return dict(entry, detail=json.loads(entry["detail"]) if entry["detail"] else {})


def checkup_form(row: dict, **changes) -> dict:
    return {k: row[k] for k in ("title", "start_date", "end_date", "place", "audience", "notes")} | changes


# ---- checkups ---------------------------------------------------------------------------------------


def test_a_committee_member_corrects_a_checkup_and_teachers_are_told_the_new_place(committee, school):
    row = school.store.checkups.all()[0]
    page = text(committee.get("/admin/checkups"))
    assert f"/admin/checkups/{row['id']}" in page and "修改或删除" in page
    resp = post(committee, f"/admin/checkups/{row['id']}", checkup_form(row, place="市第二人民医院", notes="无需空腹"))
    assert resp.status_code == 302
    after = school.store.checkups.get(row["id"])
    assert after["place"] == "市第二人民医院" and after["notes"] == "无需空腹" and after["title"] == row["title"]
    entry = audit_entry(school.store)
    assert entry["username"] == "wei" and entry["action"] == "修改体检" and row["title"] in entry["target"]
    assert entry["detail"] == {"地点": f"{row['place']} → 市第二人民医院", "注意事项": f"{row['notes']} → 无需空腹"}
    member = school.store.members.by_staff_no("1003")
    school.store.bindings.bind("test", "u-1003", member.id)
    assert "市第二人民医院" in Chat(school, "u-1003").say("今年体检什么时候")


def test_a_checkup_correction_with_bad_dates_is_shown_and_changes_nothing(committee, school):
    row = school.store.checkups.all()[0]
    resp = post(committee, f"/admin/checkups/{row['id']}", checkup_form(row, start_date="2026-10-10",
                                                                        end_date="2026-10-01", title=""))
    page = text(resp)
    assert resp.status_code == 400 and "结束日期不能早于开始日期" in page and "请填写体检名称" in page
    assert school.store.checkups.get(row["id"]) == row
    assert committee.get("/admin/checkups/999999").status_code == 404


def test_deleting_a_checkup_asks_first_then_removes_it_and_its_pending_notices(committee, school):
    row = school.store.checkups.all()[0]
    member = school.store.members.by_staff_no("1003")
    school.store.outbox.enqueue("checkup_notice", member.id, "体检通知", occasion=row["title"],
                                dedup_key=f"checkup|{member.id}|{row['id']}:7|2026-09-01")
    asked = post(committee, f"/admin/checkups/{row['id']}/delete")
    assert asked.status_code == 200 and "确认删除" in text(asked) and row["title"] in text(asked)
    assert school.store.checkups.get(row["id"]) is not None  # nothing yet
    resp = post(committee, f"/admin/checkups/{row['id']}/delete", {"confirm": "1"}, follow_redirects=True)
    assert "已删除体检" in text(resp) and school.store.checkups.get(row["id"]) is None
    [notice] = [r for r in school.store.outbox.list() if r["kind"] == "checkup_notice"]
    assert notice["status"] == "skipped" and notice["reason"] == "体检已删除"
    entry = audit_entry(school.store)
    assert entry["action"] == "删除体检" and entry["detail"]["名称"] == row["title"] and entry["detail"]["取消的通知"] == 1


# ---- care records -----------------------------------------------------------------------------------


def report(school) -> int:
    return school.store.care.add(school.store.members.by_staff_no("1003").id, "王老师", "王老师住院了", "生病住院", "昨天")


def test_a_care_record_is_corrected_person_kind_date_and_notes_with_the_audit_log(committee, school):
    report_id = report(school)
    assert f"/admin/care/{report_id}" in text(committee.get("/admin/care"))
    resp = post(committee, f"/admin/care/{report_id}", {
        "subject": "数学组王建军老师的父亲", "event_kind": "丧事", "when_text": "9月26日", "event": "王老师父亲病故",
        "visit_note": ""})
    assert resp.status_code == 302
    after = school.store.care.get(report_id)
    assert (after["subject"], after["event_kind"], after["when_text"], after["event"]) == (
        "数学组王建军老师的父亲", "丧事", "9月26日", "王老师父亲病故")
    entry = audit_entry(school.store)
    assert entry["action"] == "更正关怀记录" and entry["username"] == "wei"
    assert entry["detail"]["对象"] == "王老师 → 数学组王建军老师的父亲" and entry["detail"]["类别"] == "生病住院 → 丧事"
    assert entry["detail"]["时间"] == "昨天 → 9月26日" and "探望备注" not in entry["detail"]


def test_a_care_correction_needs_a_person_and_a_known_kind(committee, school):
    report_id = report(school)
    resp = post(committee, f"/admin/care/{report_id}", {"subject": "", "event_kind": "中彩票", "event": "x"})
    assert resp.status_code == 400 and "请填写关怀对象" in text(resp) and "请选择类别" in text(resp)
    assert school.store.care.get(report_id)["subject"] == "王老师"


def test_deleting_a_care_record_asks_first_and_is_audited(admin, school):
    report_id = report(school)
    asked = post(admin, f"/admin/care/{report_id}/delete")
    assert asked.status_code == 200 and "删除关于王老师的关怀记录" in text(asked)
    assert school.store.care.get(report_id) is not None
    post(admin, f"/admin/care/{report_id}/delete", {"confirm": "1"})
    assert school.store.care.get(report_id) is None
    assert "王老师住院了" not in text(admin.get("/admin/care"))
    entry = audit_entry(school.store)
    assert entry["action"] == "删除关怀记录" and entry["detail"]["对象"] == "王老师" and entry["detail"]["状态"] == "待跟进"
    assert post(admin, f"/admin/care/{report_id}/delete", {"confirm": "1"}).status_code == 404


def test_marking_a_member_as_left_asks_first(committee, school):
    m = school.store.members.by_staff_no("1010")
    form = {"姓名": m.name, "工会小组": m.group_name, "状态": "离职"}
    asked = post(committee, f"/admin/members/{m.id}", form)
    assert asked.status_code == 200 and "确认离职" in text(asked) and school.store.members.get(m.id).status == "在职"
    post(committee, f"/admin/members/{m.id}", {**form, "confirm": "1"})
    assert school.store.members.get(m.id).status == "离职"
    assert school.store.audit.recent()[0]["action"] == "修改会员"
