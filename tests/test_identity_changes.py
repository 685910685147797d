"""Who can reach a teacher (issue 17, finding 8). A member's phone (its last four digits prove a binding)
and platform accounts (企业微信账号, 钉钉账号 bind at once) are identity: only a 管理员 changes them, by import
or by the form; every change is in the audit log with the member, the field and old → new (phones
masked), and the member's existing accounts are told through the outbox."""
# ruff: noqa: F811  (the console's fixtures, imported from tests/test_console.py)

from __future__ import annotations

import io
import json
import re

import pytest

from tests.test_console import admin, app, bot, committee, csrf, post, school, text  # noqa: F401  (fixtures)


def upload(client, body: str, filename: str = "名册.csv"):
    return client.post("/admin/members/import", data={
        "csrf_token": csrf(client, "/admin/members/import"),
        "file": (io.BytesIO(body.encode("utf-8-sig")), filename)}, content_type="multipart/form-data")


def confirm(client, page: str):
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    return post(client, "/admin/members/import/confirm", {"token": token}, follow_redirects=True)


def identity_entries(store) -> list[dict]:
    return [dict(e, detail=json.loads(e["detail"])) for e in store.audit.recent() if e["action"] == "修改身份信息"]


def notices(store, member) -> list[dict]:
    return [r for r in store.outbox.for_member(member.id) if r["kind"] == "identity_change"]


# ---- a 工会委员 cannot change them -------------------------------------------------------------------


@pytest.mark.parametrize("body", ["工号,姓名,手机,工会小组\n1001,张伟,13811112222,语文组\n1003,李娜,,英语组\n",
                                  "工号,姓名,企业微信账号\n1001,张伟,attacker01\n",
                                  "工号,姓名,钉钉账号\n4001,假老师,zhangwei\n"])
def test_a_committee_member_cannot_import_the_roster_at_all(committee, school, body):
    """The roster's import (and its export with phones) belongs to the 管理员 (issue 21, roles)."""
    before = school.store.members.by_staff_no("1001")
    count = school.store.members.count()
    resp = upload(committee, body)
    assert resp.status_code == 403 and "仅限管理员" in text(resp) and 'name="token"' not in text(resp)
    after = school.store.members.by_staff_no("1001")
    assert (after.phone, after.group_name) == (before.phone, before.group_name)
    assert school.store.members.count() == count
    assert school.store.bindings.member_for("wecom", "attacker01") is None


def test_a_committee_member_cannot_change_a_phone_in_the_form(committee, school):
    m = school.store.members.by_staff_no("1003")
    page = text(committee.get(f"/admin/members/{m.id}"))
    assert "已登记" in page and "…" + m.phone[-4:] not in page and m.phone not in page and 'name="手机"' not in page
    resp = post(committee, f"/admin/members/{m.id}", {"姓名": m.name, "手机": "13811112222", "工会小组": "英语组"})
    assert resp.status_code == 403 and "只有管理员" in text(resp)
    assert school.store.members.get(m.id).phone == m.phone and school.store.members.get(m.id).group_name == m.group_name
    resp = post(committee, f"/admin/members/{m.id}", {"姓名": m.name, "工会小组": "英语组"})
    assert resp.status_code == 302 and school.store.members.get(m.id).group_name == "英语组"
    assert school.store.members.get(m.id).phone == m.phone  # left out of the form: kept, not cleared


# ---- a 管理员 can, and it is recorded and told ------------------------------------------------------------


def test_an_admins_phone_change_by_import_is_audited_masked_and_told_to_the_existing_accounts(admin, school):
    m = school.store.members.by_staff_no("1001")
    resp = upload(admin, "工号,姓名,手机\n1001,张伟,13811110575\n")
    assert resp.status_code == 200
    confirm(admin, text(resp))
    assert school.store.members.get(m.id).phone == "13811110575"
    [entry] = identity_entries(school.store)
    assert entry["username"] == "chair" and entry["target"] == "1001"
    assert entry["detail"] == {"姓名": "张伟", "字段": "手机", "原": "…1001", "新": "…0575"}
    assert "13811110575" not in json.dumps(entry, ensure_ascii=False)
    told = notices(school.store, m)
    accounts = {(b["channel"], b["user_id"]) for b in school.store.bindings.for_member(m.id)
                if b["channel"] in ("wechat", "wecom", "dingtalk")}
    assert {(r["channel"], r["target"]) for r in told} == accounts and accounts
    assert all("如非本人" in r["text"] and "手机号" in r["text"] and "0575" not in r["text"] for r in told)


def test_an_admins_account_change_tells_the_old_account(admin, school):
    m = school.store.members.by_staff_no("1001")
    school.store.bindings.bind("wecom", "zhangwei-old", m.id)
    resp = upload(admin, "工号,姓名,企业微信账号\n1001,张伟,zhangwei-new\n")
    confirm(admin, text(resp))
    assert school.store.bindings.user_on("wecom", m.id) == "zhangwei-new"
    [entry] = identity_entries(school.store)
    assert entry["detail"] == {"姓名": "张伟", "字段": "企业微信账号", "原": "zhangwei-old", "新": "zhangwei-new"}
    assert ("wecom", "zhangwei-old") in {(r["channel"], r["target"]) for r in notices(school.store, m)}
    assert "zhangwei-new" not in {r["target"] for r in notices(school.store, m)}


def test_an_account_moved_from_another_member_is_recorded_for_that_member_too(admin, school):
    owner, other = school.store.members.by_staff_no("1001"), school.store.members.by_staff_no("1003")
    school.store.bindings.bind("wecom", "zhangwei", owner.id)
    confirm(admin, text(upload(admin, "工号,姓名,企业微信账号\n1003,李娜,zhangwei\n")))
    fields = {(e["target"], e["detail"]["原"], e["detail"]["新"]) for e in identity_entries(school.store)}
    assert fields == {("1003", "", "zhangwei"), ("1001", "zhangwei", "")}
    assert ("wecom", "zhangwei") in {(r["channel"], r["target"]) for r in notices(school.store, owner)}
    assert notices(school.store, other)  # 1003's own accounts (demo: 公众号) are told as well


def test_an_admins_phone_change_in_the_form_is_audited_and_told(admin, school):
    m = school.store.members.by_staff_no("1003")
    resp = post(admin, f"/admin/members/{m.id}", {"姓名": m.name, "手机": "13800001234"})
    assert resp.status_code == 302
    [entry] = identity_entries(school.store)
    assert entry["detail"] == {"姓名": m.name, "字段": "手机", "原": "…1003", "新": "…1234"}
    assert notices(school.store, m)


def test_the_cli_import_is_audited_and_told(tmp_path, bot):
    from bot import demo
    from handlers.roster import import_roster

    demo.seed(bot.store, bot.clock)
    path = tmp_path / "r.csv"
    path.write_text("工号,姓名,手机,钉钉账号\n1001,张伟,13811110575,dd1001\n", encoding="utf-8")
    import_roster(bot.store, str(path))
    m = bot.store.members.by_staff_no("1001")
    entries = identity_entries(bot.store)
    assert {(e["username"], e["detail"]["字段"], e["detail"]["新"]) for e in entries} == {
        ("命令行", "手机", "…0575"), ("命令行", "钉钉账号", "dd1001")}
    assert notices(bot.store, m) and all(r["target"] != "dd1001" for r in notices(bot.store, m))


def test_an_import_without_identity_changes_writes_no_identity_entries(admin, school):
    confirm(admin, text(upload(admin, "工号,姓名,工会小组\n1001,张伟,教研组\n")))
    assert identity_entries(school.store) == [] and not notices(school.store, school.store.members.by_staff_no("1001"))
