"""Occasions and birthdays as data: a frozen clock walks every day of 2026 and 2027; lunar birthdays
are cross-checked against a second library (lunardate)."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from handlers.greetings import (
    CalendarError,
    load_calendar,
    lunar_birthday_keys,
    occasions_on,
    solar_birthday_keys,
)
from tests.conftest import make_member

# True dates, from the official calendars (lunar festivals looked up independently of our code).
TRUE_DATES = {
    2026: {"元旦": "01-01", "三八妇女节": "03-08", "五一劳动节": "05-01", "教师节": "09-10", "国庆节": "10-01",
           "春节": "02-17", "元宵节": "03-03", "中秋节": "09-25", "重阳节": "10-18"},
    2027: {"元旦": "01-01", "三八妇女节": "03-08", "五一劳动节": "05-01", "教师节": "09-10", "国庆节": "10-01",
           "春节": "02-06", "元宵节": "02-20", "中秋节": "09-15", "重阳节": "10-08"},
}


def days_of(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_day_of_the_year_finds_each_occasion_on_its_true_date(year):
    calendar = load_calendar()
    found: dict[str, list[str]] = {}
    for day in days_of(year):
        for occasion in occasions_on(calendar, day):
            found.setdefault(occasion.name, []).append(day.strftime("%m-%d"))
    assert found == {name: [date] for name, date in TRUE_DATES[year].items()}


def test_2022_mid_autumn_on_teachers_day_is_one_merged_day():
    assert {o.name for o in occasions_on(load_calendar(), dt.date(2022, 9, 10))} == {"中秋节", "教师节"}


def test_calendar_file_can_add_disable_and_reword(tmp_path):
    f = tmp_path / "cal.toml"
    f.write_text('[[occasion]]\nid = "a"\nname = "校庆"\nsolar = "11-18"\nwish = "校庆快乐！"\n'
                 '[[occasion]]\nid = "b"\nname = "元旦"\nsolar = "01-01"\nwish = "x"\nenabled = false\n', "utf-8")
    cal = load_calendar(f)
    assert [o.name for o in occasions_on(cal, dt.date(2026, 11, 18))] == ["校庆"]
    assert occasions_on(cal, dt.date(2026, 1, 1)) == []


@pytest.mark.parametrize(("body", "message"), [
    ('[[occasion]]\nid = "a"\nname = "x"\nwish = "y"\n', "solar 和 lunar 必须二选一"),
    ('[[occasion]]\nid = "a"\nname = "x"\nsolar = "02-30"\nwish = "y"\n', "日期 '02-30' 无效"),
    ('[[occasion]]\nid = "a"\nname = "x"\nsolar = "01-01"\nwish = "y"\naudience = "men"\n', "audience 'men' 无效"),
    ('[[occasion]]\nname = "x"\nsolar = "01-01"\nwish = "y"\n', "缺少 id"),
    ("[[occasion\n", "TOML 语法错误"),
])
def test_bad_calendar_files_are_reported(tmp_path, body, message):
    f = tmp_path / "bad.toml"
    f.write_text(body, "utf-8")
    with pytest.raises(CalendarError, match=message):
        load_calendar(f)


# ---- birthday rules -------------------------------------------------------------------------------


def test_feb_29_birthday_on_feb_28_in_common_years():
    assert "02-29" in solar_birthday_keys(dt.date(2027, 2, 28))
    assert "02-29" not in solar_birthday_keys(dt.date(2028, 2, 28))
    assert solar_birthday_keys(dt.date(2028, 2, 29)) == ["02-29"]


def test_leap_month_birthday_rules():
    # 2023 has 闰二月: a 闰二月初一 birthday is on 2023-03-22 (闰二月初一), a plain 二月初一 on 2023-02-20
    assert ("02-01", 1) in lunar_birthday_keys(dt.date(2023, 3, 22))
    assert ("02-01", 0) not in lunar_birthday_keys(dt.date(2023, 3, 22))
    assert ("02-01", 0) in lunar_birthday_keys(dt.date(2023, 2, 20))
    assert ("02-01", 1) not in lunar_birthday_keys(dt.date(2023, 2, 20))
    # 2024 has no 闰二月: the leap-month birthday is kept in the regular month
    assert ("02-01", 1) in lunar_birthday_keys(dt.date(2024, 3, 10))


def test_day_30_in_a_29_day_month_is_the_last_day():
    # 2026 二月 has 29 days: 二月三十 birthdays on 二月廿九, 2026-04-16
    keys = lunar_birthday_keys(dt.date(2026, 4, 16))
    assert ("02-29", 0) in keys and ("02-30", 0) in keys
    assert ("02-30", 0) not in lunar_birthday_keys(dt.date(2026, 4, 15))


def lunardate_solar(year, month, day, leap):
    """Where a lunar birthday falls in lunar year `year`, computed with lunardate by our stated rules."""
    from lunardate import LunarDate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if leap:
            try:
                LunarDate(year, month, 1, True).toSolarDate()
            except ValueError:
                leap = False  # no such leap month this year: the regular month
        for d in (day, 29) if day == 30 else (day,):
            try:
                return LunarDate(year, month, d, leap).toSolarDate()
            except ValueError:
                continue
    raise AssertionError((year, month, day, leap))


def test_lunar_birthdays_cross_checked_with_lunardate_2000_to_2099():
    """Every lunar month/day, leap or not, every lunar year 2000-2099 (lunardate stops before 2100): the day
    lunardate gives is a day our rule celebrates that birthday, and our rule celebrates it on no other."""
    checked = 0
    seen: dict[tuple[int, str, int], list[dt.date]] = {}
    day = dt.date(2000, 2, 5)  # 2000 正月初一
    end = dt.date(2100, 2, 9)  # lunar 2099 ends 2100-02-08
    from handlers.greetings import to_lunar

    while day < end:
        lunar_year = to_lunar(day)[0]
        for key, leap in lunar_birthday_keys(day):
            seen.setdefault((lunar_year, key, leap), []).append(day)
        day += dt.timedelta(days=1)
    for year in range(2000, 2100):
        for month in range(1, 13):
            for d in range(1, 31):
                for leap in (0, 1):
                    if year == 2057 and month in (8, 9):
                        checked += 1
                        continue  # the libraries' one disagreement: see the test below
                    expected = lunardate_solar(year, month, d, leap)
                    assert seen.get((year, f"{month:02d}-{d:02d}", leap)) == [expected], (year, month, d, leap)
                    checked += 1
    assert checked == 100 * 12 * 30 * 2


def test_lunar_birthday_can_fall_twice_or_never_in_a_gregorian_year(store):
    # 冬月二十: 2026-01-08 (lunar 2025) and 2026-12-28 (lunar 2026, lunardate agrees); none in 2025
    from handlers.greetings import birthday_members

    member = make_member(store, staff_no="1", name="甲", birth_date="1980-11-20", birth_calendar="农历")
    assert [d for d in days_of(2026) if member in birthday_members(store, d)] == [dt.date(2026, 1, 8),
                                                                                   dt.date(2026, 12, 28)]
    assert [d for d in days_of(2025) if member in birthday_members(store, d)] == []


def test_the_libraries_disagree_only_on_lunar_2057_month_nine():
    """lunar-python and lunardate agree on every day 2000-2099 except one month boundary: the new moon
    of 2057-09-28 falls at about midnight Beijing time, so lunar-python starts 九月 a day later. We
    follow lunar-python; this test pins the disagreement so any other one fails loudly."""
    from lunardate import LunarDate

    from handlers.greetings import to_lunar

    differ = []
    day = dt.date(2000, 1, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        while day < dt.date(2100, 1, 1):
            year, month, d, _ = to_lunar(day)
            b = LunarDate.fromSolarDate(day.year, day.month, day.day)
            if (year, abs(month), d, month < 0) != (b.year, b.month, b.day, bool(b.isLeapMonth)):
                differ.append(day)
            day += dt.timedelta(days=1)
    assert differ == [dt.date(2057, 9, 28) + dt.timedelta(days=i) for i in range(30)]


def test_cached_month_table_matches_lunar_pythons_own_conversion():
    """to_lunar reads lunar-python's month table once per lunar year; it must agree with lunar-python's
    per-date conversion (sampled: the 1st, 15th and 28th of every month, 2000-2100)."""
    from lunar_python import Solar

    from handlers.greetings import to_lunar

    for year in range(2000, 2101):
        for month in range(1, 13):
            for d in (1, 15, 28):
                lunar = Solar.fromYmd(year, month, d).getLunar()
                assert to_lunar(dt.date(year, month, d))[:3] == (lunar.getYear(), lunar.getMonth(), lunar.getDay())
