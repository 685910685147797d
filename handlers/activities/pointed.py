"""An activity pointed at by its place in the list just shown (issue 19): "第二个给我报上", "那就最后那个",
"后面那个我要报", "前面那个能带家属吗". The list is the one the bot has just shown (activities.shown_before),
which is in the order the teacher named them herself when she named several ("读书会、插花沙龙、登山这三个
分别是哪天" … "最后一个"), so her order and the bot's agree. "最后一个名额" is a place, not an activity."""

from __future__ import annotations

import re

from storage.activities import Activity

_NOT_AN_ACTIVITY = r"(?!(?:个|位)?(?:名额|位置|位子|机会|人|天|次|班|批|号))"
# … or its number in digits said with the sign-up ("报1", "确认报名1", "选2"): no 第 needed there ("报一个" is
# no place, "报6号" a day)
# a count of something else, never a place in the list: "第三杯，敬确认", "第二轮", "第4题", "第一次"
_OTHER_COUNT = r"(?![杯轮回章题页届期幕首遍段句步课节位名次])"
ORDINAL = re.compile(rf"第\s*(?P<n>[1-9一二三四五六七八九])\s*(?:个|项|条|场|一个)?{_OTHER_COUNT}{_NOT_AN_ACTIVITY}|"
                     rf"(?:(?<=报|选)|(?<=报名))\s*(?P<m>[1-9])(?![0-9])\s*(?:个|项)?{_NOT_AN_ACTIVITY}|"
                     rf"(?P<last>最后(?:面|边)?|末尾|最末)(?:的)?(?:一个|那个|这个|嗰个|𠮶个|一项|那项|一场|那场|个|项|场){_NOT_AN_ACTIVITY}|"
                     rf"(?P<later>后面|后边|后头|下面|下边)(?:的)?(?:那|这|嗰|𠮶)?(?:一)?(?:个|场|项){_NOT_AN_ACTIVITY}|"
                     rf"(?P<first>前面|前边|上面|上边|头)(?:的)?(?:那|这|嗰|𠮶)?(?:一)?(?:个|场|项){_NOT_AN_ACTIVITY}")
_NUMBER = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}


def ordinal_pick(norm: str, shown: list[Activity]) -> Activity | None:
    """The one of `shown` the (normalized) message points at by its place, or None. 后面那个 / 前面那个 are
    the last and the first only when two were shown (of three, "后面那个" does not say which)."""
    found = ORDINAL.search(norm) if shown else None
    return picked(found, shown) if found is not None else None


def picked(found: re.Match, shown: list[Activity]) -> Activity | None:
    """The one of `shown` a match of ORDINAL points at, or None."""
    if found.group("n") or found.group("m"):
        n = _NUMBER.get(found.group("n") or found.group("m")) or int(found.group("n") or found.group("m"))
        return shown[n - 1] if n <= len(shown) else None
    if found.group("last"):
        return shown[-1]
    if len(shown) != 2:
        return None
    return shown[-1] if found.group("later") else shown[0]


# one of the list pointed at by its day alone: "周五那个", "13号那个", "周日的" (not "下周五": another week)
BARE_DAY = re.compile(r"^(?:就是?|是|要)?(?:这个?|本)?(?:(?:(?P<month>[0-9]{1,2})月)?(?P<dom>[0-9]{1,2})[号日]|"
                      r"(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天]))的?(?:那个|那场|这个|这场|那一个|那一场)?[吧呢啊哈呀]?$")


def day_pick(norm: str, shown: list[Activity]) -> Activity | None:
    """The one of `shown` on the day a message of nothing but that day names, or None."""
    found = BARE_DAY.match(norm.strip(" ,，。.!！~")) if shown else None
    if found is None:
        return None
    if found.group("weekday"):
        wanted = "一二三四五六日".index(found.group("weekday").replace("天", "日"))
        fits = [a for a in shown if a.start.weekday() == wanted]
    else:
        month, dom = found.group("month"), int(found.group("dom"))
        fits = [a for a in shown if a.start.day == dom and (month is None or a.start.month == int(month))]
    return fits[0] if len(fits) == 1 else None
