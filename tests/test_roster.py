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
    assert import_roster(store, path) == (4, 0)
    m = store.members.by_staff_no("2001")
    assert (m.name, m.birth_date, m.birth_calendar, m.status) == ("王建国", "1956-09-09", "农历", "退休")
    assert store.members.by_staff_no("1026").birth_leap == 1
    assert import_roster(store, path) == (0, 4)  # re-import updates


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
    assert rows[0] == HEADERS and rows[1][:2] == ["1024", "张三"]
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
    assert proc.returncode == 1 and "第 2 行：性别“Y”无效" in proc.stdout and "没有做任何修改" in proc.stdout
    assert _cli(tmp_path, "members", "import", write_csv(tmp_path / "r.csv", GOOD)).stdout.strip() == "导入完成：新增 4 人，更新 0 人。"
    added = _cli(tmp_path, "activities", "add", "--title", "拔河比赛", "--starts-at", "2030-09-10 15:30",
                 "--capacity", "20", "--deadline", "2030-09-07 17:00", "--place", "操场")
    assert added.stdout.strip() == "已添加活动 #1：拔河比赛", added.stderr
    bad_date = _cli(tmp_path, "activities", "add", "--title", "x", "--starts-at", "next week")
    assert bad_date.returncode != 0 and "YYYY-MM-DD HH:MM" in bad_date.stderr
    assert '"title": "拔河比赛"' in _cli(tmp_path, "activities", "list").stdout
    out = tmp_path / "s.xlsx"
    assert _cli(tmp_path, "signups", "export", "1", str(out)).returncode == 0
    assert [c.value for c in load_workbook(out).active[1]] == ["序号", "工号", "姓名", "工会小组", "手机", "状态", "报名时间"]
    assert "没有编号为 9 的活动" in _cli(tmp_path, "signups", "export", "9", str(out)).stderr
