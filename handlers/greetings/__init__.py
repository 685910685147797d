"""Birthday and festival greetings, planned per day (the scheduler writes them to the outbox).

Rules (also in the README):
- 公历 birthdays on their month/day; 2/29 → 2/28 in common years.
- 农历 birthdays are computed per lunar year: a leap-month (闰月) birthday is celebrated in that leap
  month when the lunar year has it, else in the regular month; day 30 in a 29-day month → the
  month's last day. So a lunar birthday falls 0, 1 or 2 times in one Gregorian year.
- Several occasions (and a birthday) on one day → one merged message per person.
- Members who opted out get no greetings; members who left (离职) get nothing.
- The 工会委员 get one list of today's birthdays.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lunar_python import LunarYear

from bot.push import Planned
from bot.registry import registry
from storage import Member
from storage.activities import valid_audience
from storage.members import MEMBER_SELECT

DEFAULT_CALENDAR = Path(__file__).resolve().parents[2] / "bot" / "data" / "occasions.toml"
BIRTHDAY_WISH = "生日快乐！愿您健康平安、万事顺意。"
SIGNATURE = "\n——{school}工会"
# The date goes in every greeting: 钉钉 drops a second message with identical content to one person
# on one day, and a greeting that says which day it is for reads right when it arrives late.
DATED_SIGNATURE = "\n——{school}工会 {month}月{day}日"
GROUP_BIRTHDAYS = "今天是{names}老师的生日，祝生日快乐！🎂"
GROUP_OCCASION = "今天是{name}，{wish}"
BIRTHDAY_LIST = "【今日生日】{date}共 {n} 位会员过生日：\n{names}\n祝福已自动发送{skipped}。"


class CalendarError(Exception):
    """The occasions file is wrong; str() names the file and the occasion."""


@dataclass(frozen=True)
class Occasion:
    id: str
    name: str
    audience: str
    wish: str
    solar: tuple[int, int] | None = None
    lunar: tuple[int, int] | None = None
    enabled: bool = True

    def falls_on(self, day: dt.date) -> bool:
        if self.solar:
            return (day.month, day.day) == self.solar
        _, month, d, _ = to_lunar(day)
        return (month, d) == self.lunar


def _month_day(value: str, where: str, lunar: bool) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in value.split("-"))
        if lunar:
            if not (1 <= month <= 12 and 1 <= day <= 30):
                raise ValueError
        else:
            dt.date(2024, month, day)
    except ValueError:
        raise CalendarError(f"{where}: 日期 {value!r} 无效（格式 MM-DD）") from None
    return month, day


def load_calendar(path: str | Path = "") -> list[Occasion]:
    file = Path(path) if path else DEFAULT_CALENDAR
    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except FileNotFoundError:
        raise CalendarError(f"节日日历文件不存在: {file}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CalendarError(f"{file}: TOML 语法错误: {exc}") from None
    occasions, seen = [], set()
    for i, raw in enumerate(data.get("occasion", []), 1):
        where = f"{file} 第 {i} 个 occasion（{raw.get('name', raw.get('id', '?'))}）"
        for key in ("id", "name", "wish"):
            if not str(raw.get(key, "")).strip():
                raise CalendarError(f"{where}: 缺少 {key}")
        if raw["id"] in seen:
            raise CalendarError(f"{where}: id {raw['id']!r} 重复")
        seen.add(raw["id"])
        if bool(raw.get("solar")) == bool(raw.get("lunar")):
            raise CalendarError(f"{where}: solar 和 lunar 必须二选一")
        audience = raw.get("audience", "all")
        if not valid_audience(audience):
            raise CalendarError(f"{where}: audience {audience!r} 无效")
        occasions.append(Occasion(
            id=raw["id"], name=raw["name"], audience=audience, wish=raw["wish"].strip(),
            solar=_month_day(raw["solar"], where, False) if raw.get("solar") else None,
            lunar=_month_day(raw["lunar"], where, True) if raw.get("lunar") else None,
            enabled=bool(raw.get("enabled", True))))
    return occasions


registry.cli_error(CalendarError, "节日日历错误 (calendar error)")
registry.service("calendar")(lambda bot: load_calendar(bot.config.get("schedule", "calendar_file")))


# ---- birthdays ----------------------------------------------------------------------------------


def solar_birthday_keys(day: dt.date) -> list[str]:
    """'MM-DD' of 公历 birthdays celebrated on `day` (2/29 ones on 2/28 in common years)."""
    keys = [f"{day.month:02d}-{day.day:02d}"]
    if day.month == 2 and day.day == 28 and not _is_leap_year(day.year):
        keys.append("02-29")
    return keys


def _is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


JULIAN_EPOCH = dt.date(2000, 1, 1).toordinal() - 2451545  # Julian day 2451545 is 2000-01-01 (noon)


@lru_cache(maxsize=512)
def _months_of(lunar_year: int) -> tuple[tuple[int, int, int, int], ...]:
    """(first day ordinal, lunar year, month (negative: leap), length) of each month of one lunar year,
    computed once by lunar-python (which is slow per call: it works out the solar terms)."""
    return tuple((int(m.getFirstJulianDay()) + JULIAN_EPOCH, m.getYear(), m.getMonth(), m.getDayCount())
                 for m in LunarYear.fromYear(lunar_year).getMonths())


def to_lunar(day: dt.date) -> tuple[int, int, int, int]:
    """(lunar year, month (negative: leap month), day, month length) for a Gregorian date."""
    ordinal = day.toordinal()
    for year in (day.year, day.year - 1, day.year + 1):
        for first, lunar_year, month, length in _months_of(year):
            if first <= ordinal < first + length:
                return lunar_year, month, ordinal - first + 1, length
    raise ValueError(f"no lunar date for {day}")


@lru_cache(maxsize=512)
def leap_month_of(lunar_year: int) -> int:
    return LunarYear.fromYear(lunar_year).getLeapMonth()


@lru_cache(maxsize=4096)
def lunar_birthday_keys(day: dt.date) -> tuple[tuple[str, int], ...]:
    """('MM-DD', leap flag) of 农历 birthdays celebrated on `day`."""
    year, month, d, length = to_lunar(day)
    days = [d] + ([30] if d == length == 29 else [])  # day 30 → the last day of a 29-day month
    m = abs(month)
    keys = []
    if month < 0:  # in a leap month: the leap-month birthdays
        keys += [(f"{m:02d}-{x:02d}", 1) for x in days]
    else:
        keys += [(f"{m:02d}-{x:02d}", 0) for x in days]
        if leap_month_of(year) != m:  # no leap month this year: leap birthdays here
            keys += [(f"{m:02d}-{x:02d}", 1) for x in days]
    return tuple(keys)


def birthday_members(store, day: dt.date) -> list[Member]:
    """Members (not 离职) whose birthday is celebrated on `day`; an indexed lookup, not a scan."""
    solar = solar_birthday_keys(day)
    lunar = lunar_birthday_keys(day)
    marks = ",".join("?" * len(solar))
    clauses = [f"(birth_calendar = '公历' AND substr(birth_date, 6) IN ({marks}))"]
    params: list = list(solar)
    for key, leap in lunar:
        clauses.append("(birth_calendar = '农历' AND substr(birth_date, 6) = ? AND birth_leap = ?)")
        params += [key, leap]
    rows = store.db.execute(
        f"SELECT {MEMBER_SELECT} FROM members WHERE status != '离职' AND birth_date != '' AND ({' OR '.join(clauses)}) "
        "ORDER BY staff_no", params)
    return [Member(*row) for row in rows]  # MEMBER_SELECT lists the fields in order


# ---- the planner ----------------------------------------------------------------------------------


def occasions_on(calendar: list[Occasion], day: dt.date) -> list[Occasion]:
    return [o for o in calendar if o.enabled and o.falls_on(day)]


def greeting_text(member: Member, wishes: list[str], school: str, day: dt.date) -> str:
    return f"{member.name}老师，" + "".join(wishes) + DATED_SIGNATURE.format(school=school, month=day.month, day=day.day)


def _audience_members(store, audience: str) -> list[Member]:
    where = {"female": "AND gender = '女'", "retired": "AND status = '退休'", "in_service": "AND status = '在职'"}
    sql = f"SELECT {MEMBER_SELECT} FROM members WHERE status IN ('在职', '退休') "
    params: list = []
    if audience.startswith("group:"):
        sql += "AND group_name = ?"
        params.append(audience[6:])
    else:
        sql += where.get(audience, "")
    return [Member(*row) for row in store.db.execute(sql, params)]  # fields in MEMBER_SELECT order


def recipients(day) -> tuple[dict[int, tuple[Member, list[str], list[str]]], list[Member]]:
    """Who is greeted on `day` and for what: {member id: (member, wishes, occasion names)}, and the
    members whose birthday it is. (The selection the scale benchmark measures.)"""
    today = occasions_on(day.calendar, day.date)
    wishes: dict[int, tuple[Member, list[str], list[str]]] = {}
    for occasion in today:
        for member in _audience_members(day.store, occasion.audience):  # SQL applies the audience
            entry = wishes.setdefault(member.id, (member, [], []))
            entry[1].append(occasion.wish)
            entry[2].append(occasion.name)
    birthdays = birthday_members(day.store, day.date)
    for member in birthdays:
        entry = wishes.setdefault(member.id, (member, [], []))
        entry[1].insert(0, BIRTHDAY_WISH)
        entry[2].insert(0, "生日")
    return wishes, birthdays


@registry.planner
def plan_greetings(day) -> list[Planned]:
    wishes, birthdays = recipients(day)
    school = day.config.get("bot", "school")
    send_at, date_key = day.send_time, day.date.isoformat()
    planned = []
    for member, member_wishes, names in sorted(wishes.values(), key=lambda e: e[0].staff_no):
        if member.push_opt_out:
            continue
        planned.append(Planned(
            kind="greeting", occasion="+".join(names), member=member,
            text=greeting_text(member, member_wishes, school, day.date), send_on=day.date, send_at=send_at,
            dedup_key=f"greeting|{member.id}||{date_key}"))
    if birthdays:
        names = "、".join(f"{m.name}（{m.group_name or m.staff_no}{'，农历' if m.birth_calendar == '农历' else ''}）"
                         for m in birthdays)
        opted = [m.name for m in birthdays if m.push_opt_out]
        skipped = f"（{'、'.join(opted)} 已关闭推送，未发送）" if opted else ""
        text = BIRTHDAY_LIST.format(date=f"{day.date.month}月{day.date.day}日", n=len(birthdays), names=names,
                                    skipped=skipped)
        for officer in day.store.members.committee():
            planned.append(Planned(
                kind="birthday_list", occasion="生日名单", member=officer, text=text, send_on=day.date,
                send_at=day.send_time, dedup_key=f"birthday_list|{officer.id}||{day.date.isoformat()}"))
    return planned


def group_greeting_text(day) -> str:
    """One day's greetings for a staff group, merged into one message: the occasions for groups of
    staff (not those for one 工会小组), then the birthdays of those who did not opt out."""
    wishes, birthdays = [], []
    for occasion in occasions_on(day.calendar, day.date):
        if not occasion.audience.startswith("group:"):
            wishes.append(GROUP_OCCASION.format(name=occasion.name, wish=occasion.wish))
    named = [m.name for m in birthdays_of(day) if not m.push_opt_out]
    if named:
        birthdays.append(GROUP_BIRTHDAYS.format(names="、".join(named)))
    if not wishes and not birthdays:
        return ""
    return "\n".join(wishes + birthdays) + DATED_SIGNATURE.format(
        school=day.config.get("bot", "school"), month=day.date.month, day=day.date.day)


def birthdays_of(day) -> list[Member]:
    return sorted(birthday_members(day.store, day.date), key=lambda m: m.staff_no)


@registry.planner
def plan_group_greetings(day) -> list[Planned]:
    """A staff group's robot (企业微信 or 钉钉, when configured) gets the day's merged greeting once."""
    robots = [name for name, transport in day.bot.transports().items() if getattr(transport, "group", False)]
    text = group_greeting_text(day) if robots else ""
    if not text:
        return []
    return [Planned(kind="group_greeting", occasion="群祝福", member=None, text=text, send_on=day.date,
                    send_at=day.send_time, dedup_key=f"group_greeting|{robot}||{day.date.isoformat()}",
                    channel=robot, target="group") for robot in sorted(robots)]
