"""The day of a care report's news, as teachers say it: "昨日", "前天晚上", "8.30", "这个月底退休", a day
put right inside one answer ("前天住进去的 哦不对 是大前天")."""

from __future__ import annotations

import re

from bot.nlu import normalize
from handlers.care.kinds import classify_event

# times that name no single day ("下个月", "最近", "月底"): kept as words
NOT_THAT_DAY = re.compile(r"不是[^，,。；;！!]{1,8}?[，,。；;！!\s]*(?=(而)?是)")
DENIED_DAY = re.compile(r"不是\s*(?:[0-9]{1,2}月)?[0-9]{1,2}[号日]")
VAGUE_WHEN = re.compile(r"(下个?月|上个?月|这个?月|月底|月初|最近|前几天|这几天|前阵子|年底|过几天|(?:这|本)?个?学期(?:末|底|结束)|期末|"
                        r"下学期|(?:寒|暑)假(?:前|后)?|放假前)")


SHORT_DAYS = [("今早", "今天早上"), ("今晨", "今天早上"), ("昨早", "昨天早上"), ("昨夜", "昨天晚上"), ("刚刚", "今天"),
              ("刚才", "今天")]
ALONE_DAY = re.compile(r"(?<![\u4e00-\u9fa5])(昨|今|前)(?![\u4e00-\u9fa5])")  # "郭涛 昨 车祸 住院": 昨天, as jotted
GREETING_CLAUSE = re.compile(r"[^，,。；;！!]*(快乐|将至|将到|来临|佳节|安康|团圆|问好|提前祝|祝大家|祝各位)[^，,。；;！!]*")
# the day she heard it, or the day of a riddle about her joy ("今儿才听说，…母亲没了", "今天听说他昨天去世了", "今天刚得知",
# "你猜我今天为什么这么开心？"): not the day of the news
# … or the day she tells it ("今天跟大家说个事，我下个月结婚", "今儿跟工会报个喜", "今天正式告诉大家"): the telling's, not the news's
HEARD_DAY = re.compile(r"(今天|今儿个?|今日|刚刚|刚才)(?=[^，,。；;！!？?]{0,4}?(听说|知道|得知|听到|获悉|收到消息|看到消息|"
                       r"为什么(这么|那么)?(开心|高兴|激动)|(跟|和|给|向)(大家|你们|各位|工会|您|你|组里|同事们?)|告诉|宣布|官宣|"
                       r"报个?喜|说(个|件|一下|一声)))")
# ("3.6公斤", "7.2斤", "3.5万", "2.5个小时": an amount with its unit, no day)
# (nor a version, a chapter or a score: "v3.2 更新说明", "第3.2节", "版本 3.2", "3.2版", "打了3.2分")
DOTTED_DAY = re.compile(r"(?<![0-9a-z.第])(?<!版本\s)(?<!版本)(1[0-2]|[1-9])\.([12][0-9]|3[01]|0?[1-9])(?![0-9.])"
                        r"(?!\s*(公斤|千克|斤|两|克|kg|g(?![a-z])|磅|米|厘米|公分|cm|mm|公里|km|度|℃|°|万|千|百|亿|元|块|岁|个|小时|"
                        r"分钟|分(?!娩)|倍|%|升|毫升|ml|l(?![a-z])|版|章|节(?!日|假)|条|款|级|星))")


# a day put right inside one answer: "前天住进去的 哦不对 是大前天", "周三吧 啊不是 周二", "8月28号 哦不 29号"
SELF_CORRECTED = re.compile(r"(?:[哦噢喔啊呃额诶哎]\s*)?(?:不对(?!外|劲|称|口|付|头)+|不不+|说错了?|讲错了?|记错了?|搞错了?|打错了?|弄错了?|口误|"
                            r"更正一下|纠正一下)|[哦噢喔啊呃额诶哎]\s*不是?|应该是|准确(?:地|的)?说|确切(?:地|的)?说")


def _corrected_part(norm: str, now) -> str:
    """The words after the last correction when they name a day: the day said last is the one meant."""
    from bot.when import dates_in

    marks = list(SELF_CORRECTED.finditer(norm))
    if marks and marks[-1].start() > 0 and dates_in(norm[:marks[-1].start()], now) and dates_in(norm[marks[-1].end():], now):
        return norm[marks[-1].end():]
    return norm


# (conv39) a day glossed by its date in brackets, as a report writes it: "昨天（8月31日）晚上九点左右" (the date is the day;
# the words after the bracket are its time of day)
GLOSSED_DAY = re.compile(r"(?:大?[前昨今明后]天|(?:上|下|这|本)?个?(?:周|星期|礼拜)[一二三四五六日天])\s*\(\s*([0-9]{1,2}月[0-9]{1,2}[日号])\s*\)")
SAID_TWICE = re.compile(r"(大?[前昨今明后]天)[\s,，。]*(?=\1)")
# a week day said with its month and day ("上周五8月28日晚上", "下周五9月11日", "上礼拜五，8月28号"): the month and day is the day
# when the two agree on the week day or fall in the same week; otherwise neither is chosen (the words kept, no date), so
# past news is never dated ahead by a slip (left27)
WEEKDAY_THEN_DATE = re.compile(r"(?:上上|下下|上|下|这|本)?个?(?:周|星期|礼拜)[一二三四五六日天][\s,，]*"
                               r"(?=(?:1[0-2]|[1-9])月(?:[12][0-9]|3[01]|0?[1-9])[号日])")
MONTH_DAY = re.compile(r"(?:1[0-2]|[1-9])月(?:[12][0-9]|3[01]|0?[1-9])[号日]")


def _week_and_date(norm: str, now) -> tuple[str, str]:
    """(the text with each week day that agrees with the month and day after it left out; the words of a pair that
    disagree, or '')."""
    from bot.when import dates_in

    for found in reversed(list(WEEKDAY_THEN_DATE.finditer(norm))):
        week, date = dates_in(found.group(0).strip(" ,，"), now), dates_in(MONTH_DAY.match(norm, found.end()).group(0), now)
        if not week or not date:
            continue
        week_day, day = week[0][1], date[0][1]
        if week_day.weekday() == day.weekday() or week_day.isocalendar()[:2] == day.isocalendar()[:2]:
            norm = norm[:found.start()] + norm[found.end():]
        else:
            return norm, found.group(0).strip(" ,，") + MONTH_DAY.match(norm, found.end()).group(0)
    return norm, ""


WEEKDAY_THEN_DAY = re.compile(r"(上|下|这|本)?个?(周|星期|礼拜)[一二三四五六日天][\s,，]*(?=[0-9]{1,2}[号日])")
FESTIVAL_DAY = re.compile(r"周末|节|国庆|中秋|春节|元旦|五一|端午|清明|重阳|除夕|元宵|过年|七夕|圣诞|平安夜")
PAST_KINDS = ("生病住院", "丧事")  # news of what has happened: "30号走的" said on the 1st is last month's 30th
BARE_WEEKDAY = re.compile(r"(周|星期|礼拜)[一二三四五六日天]")
STILL_TO_COME = re.compile(r"要|将|准备|打算|计划|安排|预约|(?<![工读动议宴晚])会(?!诊)|明天|后天|下(个|周|礼拜|星期)")
DAY_ONLY = re.compile(r"[0-9]{1,2}[号日]")
# told as done, whatever the news: "礼拜天凌晨生的", "周六已经办完酒了", "28号走了" (the day is behind us)
# ("周六办的酒" is when the feast is: a day still to come, as "周六办酒")
HAPPENED = re.compile(r"已经|(?<![为除])了|[\u4e00-\u9fa5]的$|(生|走|住|办(?!的(?:喜|满月)?酒)|摆(?!的(?:喜|满月)?酒)|领|摔|跌|做|动|进|结|送|查|去|出)的.{0,2}$")
# a grade, never a lunar day: "初二年级组长", "高一（3）班", "初三的学生"
GRADE = re.compile(r"(初|高)[一二三](?=\s*(年级|级部|级|[（(]|[0-9一二三四五六七八九十]{1,2}班|班|的?学生|组))")
YEARS_SPENT = re.compile(r"了[0-9一二两三四五六七八九十几]+多?年")
AS_NOW = re.compile(r"现在|目前|如今|眼下|这会")
# a day that only points back to the one named before it ("昨天打球把跟腱弄断了，当天就住院了", "前天摔了 当晚送的医院",
# "上周五摔倒 晚上就进了医院"): no day of its own (alone, "当天"/"晚上" would read as today)
SAME_DAY = re.compile(r"(当天|当日|同一天|同天|同日|那天|那日|当晚|当夜)?(早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|晚|夜)?")
CLAUSE_END = re.compile(r"[，,。；;！!？?\s]")


def clause_of(norm: str, words: str) -> str:
    """The clause of the text that holds the words."""
    at = norm.find(words)
    if at < 0:
        return ""
    start = max((m.end() for m in CLAUSE_END.finditer(norm, 0, at)), default=0)
    end = next((m.start() for m in CLAUSE_END.finditer(norm, at + len(words))), len(norm))
    return norm[start:end]


def _told_as_done(norm: str, words: str, told: str) -> bool:
    """The clause naming the day tells of something done ("礼拜天凌晨生的", "30号已经办了"), nothing still to come."""
    clause = clause_of(norm, words)  # ("周六就结婚了", "礼拜天快生了", "周日马上办酒了": soon, not done)
    soon = re.search(r"(?<!已经)就.{0,6}了|快|马上", clause) and "已经" not in clause
    return bool(HAPPENED.search(clause)) and not soon and not STILL_TO_COME.search(clause + normalize(told))


def _last_month(day):
    import datetime as dt

    first = day.replace(day=1) - dt.timedelta(days=1)
    try:
        return first.replace(day=day.day)
    except ValueError:
        return day


# a day said in words after a month in digits, as one says it aloud ("九月十九办酒席" → 9月十九): the calendar's day (the
# parser would take it for a lunar one unless 农历 says so); a day from which something holds is that day ("10月1日起退休")
_CN_DAYS = {"十": 10, **{f"十{c}": 11 + i for i, c in enumerate("一二三四五六七八九")}, "二十": 20,
            **{f"二十{c}": 21 + i for i, c in enumerate("一二三四五六七八九")}, "三十": 30, "三十一": 31}
SAID_DAY = re.compile(r"(?<!农历)(?<!阴历)(?<!老历)(?<![0-9])((?:1[0-2]|[1-9])月)(三十一|[二三]?十[一二三四五六七八九]?)"
                      r"(?![0-9一二三四五六七八九十日号个天次周几多来上中下]|左(?!右))")  # ("9月二十左右": about that day)
# ("…开始我就退休了"; "上周一开始的", "前天开始疼的": the day it began)
FROM_DAY = re.compile(r"(?:(?<=[0-9][日号])|(?<=[周期拜][一二三四五六日天])|(?<=[前昨今]天))(?:起|开始)"
                      r"(?=(我|本人|俺)?(正式|就|便|办理|退)|的|疼|痛|犯|发作|$|[，,。！!\s])")


# a day in a field of its own that names the news ("【生效时间】昨天下午", "住院时间：上周五", "发生日期: 8月30日"): the
# day of the news, whatever other digits the message holds (a bare "时间：" may be anything's: read with the rest) — and
# never when the note was posted or the visit made ("发布时间：今天 08:40", "家访时间：9月1日") when the news has a day
LABELLED_DAY = re.compile(r"(?:【(?P<boxed>[^】\n]{0,6})(?:时间|日期)】|(?:^|(?<=[\n，,；;。\s]))(?P<said>[^\n，,；;。:：\s【】]{0,6})"
                          r"(?:时间|日期)\s*[:：])\s*(?P<day>[^\n【]{1,30})")
# … nor when the union or the writer did something about it ("家访时间：9月1日", "探望时间", "记录时间")
NOT_THE_NEWS_DAY = re.compile(r"发布|发送|发出|填报|填表|填写|提交|报送|上报|申请|记录|登记|打印|制表|落款|更新|截止|报名|访|探望|看望|慰问|会议")


NEWS_DAY_LABEL = re.compile(r"生效|发生|事发|出事|住院|入院|手术|去世|逝世|过世|病逝|结婚|婚礼|婚期|出生|分娩|退休|受伤|变更")


def _labelled_day(norm: str) -> tuple[str, str]:
    """(the words in the field that gives the news's day, or ''; the text without the fields that give another day)."""
    said, others = "", norm
    for m in LABELLED_DAY.finditer(norm):
        if NOT_THE_NEWS_DAY.search(m["boxed"] or m["said"] or ""):
            others = others.replace(m.group(0), " ")
        elif not said and NEWS_DAY_LABEL.search(m["boxed"] or m["said"] or ""):
            said = m["day"]
    return said, others


def find_date(text: str, now, kind: str = "", told: str = "", terms: tuple[str, ...] = ()) -> tuple[str, str]:
    """(the words, the ISO date) of the first day named in the text; ('下个月', '') for a time that
    names no single day; or ('', '')."""
    field, others = _labelled_day(normalize(text))
    for part in (field, others):  # the news's own field first, then the text without the posting's or the visit's day
        if part.strip() and part.strip() != normalize(text).strip():
            said = find_date(part, now, kind or classify_event(normalize(text)), told or text, terms)
            if said[0]:
                return said
    norm = NOT_THAT_DAY.sub("", GLOSSED_DAY.sub(r"\1", normalize(text)))  # "不是昨天，是前天晚上": the day it is
    norm = DENIED_DAY.sub("", norm)  # "改在国庆节 不是19号": never the day denied
    norm = YEARS_SPENT.sub("了", norm)  # "在学校干了32年": how long, not the year 2032
    norm = GRADE.sub("年级", norm)  # "我是初二年级组长": a grade, not the second of a lunar month
    norm = GREETING_CLAUSE.sub("", norm)  # "中秋将至，先祝大家节日快乐": a wish, not the day of the news
    norm = HEARD_DAY.sub("", norm)
    for short, said in SHORT_DAYS:
        norm = norm.replace(short, said)
    norm = ALONE_DAY.sub(r"\1天", norm)
    norm = DOTTED_DAY.sub(r"\1月\2日", norm)  # "8.30" (a date in a care report, not an amount)
    norm = SAID_DAY.sub(lambda m: f"{m.group(1)}{_CN_DAYS[m.group(2)]}日", norm)  # "九月十九办酒席"
    norm = FROM_DAY.sub("", norm)  # "10月1日起正式退休": that day
    retiring = (kind or classify_event(norm)) == "退休"  # one retires at the month's end: "月底退休" names the day
    if retiring:
        norm = re.sub(r"(?<![上下这本个0-9月])月底", "本月底", norm)
    norm = re.sub(r"(?<=[一两几])下(?=\s*下个?(周|星期|礼拜|月))", "下，", norm)  # "报一下 下周二" is no 下下周二
    norm = _corrected_part(norm, now)
    norm = SAID_TWICE.sub("", norm)  # "是前天 前天晚上": the day said again, finer
    norm, unsure = _week_and_date(norm, now)  # "上周五8月28日晚上": the month and day, when the week day agrees
    if unsure:  # "上周五9月28日": which was meant is not guessed
        return unsure, ""
    norm = WEEKDAY_THEN_DAY.sub("", norm)  # "下礼拜六12号办酒": the day's number is the day
    found, school_day = _days(norm, now, kind, told, terms)
    found = found[:1] + [f for f in found[1:] if not SAME_DAY.fullmatch(f[0])]  # "昨天…，当天就住院了": that day
    if len(found) > 1 and SAME_DAY.fullmatch(found[0][0]):  # "夜里头，昨个": a time of day first, the day after it
        found = found[1:]
    if len(found) > 1:  # "这个周末结婚，周六中午摆酒": the day named over the weekend
        # ("国庆节办喜事 10月3号摆酒", "这周六9月5号" too: one day over a span)
        found = [f for f in found if not FESTIVAL_DAY.search(f[0]) and f[1] == f[2]] or found
        event = kind or classify_event(norm)  # "昨天疼得下不了床，今天上午送到医院住院了": the day the news happened
        found = [f for f in found if event and not AS_NOW.match(f[0])  # ("现在在医院做手术": how things are)
                 and classify_event(clause_of(norm, f[0])) == event] or found
    if found:
        words, day = found[0][0], found[0][1]
        if (found[0][2] - day).days > 7 and not words.endswith("月底"):  # "今年上半年", "去年": no single day
            return words, ""
        if words.endswith("月底"):  # "这个月底退休": the month's last day; "月底结婚" names no day yet
            if not retiring:
                return words, ""
            day = found[0][2]
        past = (kind or classify_event(norm)) in PAST_KINDS or _told_as_done(norm, words, told)
        if past and DAY_ONLY.fullmatch(words) and day > now.date():
            day = _last_month(day)
        elif past and BARE_WEEKDAY.match(words) and day > now.date() \
                and not STILL_TO_COME.search(norm + normalize(told)):  # "礼拜天住的院" said on a Tuesday: the one just past
            import datetime as dt

            day -= dt.timedelta(days=7)
        return words, day.isoformat()
    vague = VAGUE_WHEN.search(norm)
    return (vague.group(1), "") if vague else (school_day, "")


# a school day, by the term's start in the school calendar ([[term]] in the calendar file); with none there its
# words are kept and no date is guessed (alone, "前一天"/"当天" would read as days before or on today)
TERM_DAY = re.compile(r"开学(前|后)?的?(一天|第一天|头一天|前一天|后一天|那天|当天|前夕|前后|第一周|头一周)?")
TERM_OFFSET = {"前一天": -1, "前夕": -1, "后一天": 1, "第一天": 0, "头一天": 0, "那天": 0, "当天": 0, None: 0}
PAST_TOLD = re.compile(r"已经|那会儿?|的时候")


def terms_of(ctx) -> tuple[str, ...]:
    """The term starts in the school calendar the bot is configured with."""
    from bot.when import term_starts

    return term_starts(ctx.config.get("schedule", "calendar_file") or "")


def _term_day(term: re.Match, today, terms: tuple[str, ...]):
    """The day a school day names ("开学第一天", "开学前一天"), or None (no term start known, or a span)."""
    import datetime as dt

    from bot.when import term_start

    when, which = term.group(1), term.group(2)
    offset = TERM_OFFSET.get(f"{when}{which}" if when and which == "一天" else which)
    start = term_start(today, terms)
    if start is None or offset is None or (when and which not in ("一天", None)) or (when and not which):
        return None
    return start + dt.timedelta(days=offset)


def _days(norm: str, now, kind: str, told: str, terms: tuple[str, ...] = ()) -> tuple[list, str]:
    """(words, first day, last day) of the days the text names, in order — festivals by their date (the next
    one for news still to come, the last for news told as past, else the nearer: "教师节那天我要去…做胆囊切除",
    "明年春节"); and the words of a school day, which name no date."""
    from bot.when import dates_in, festival_days

    ahead = True if STILL_TO_COME.search(norm + normalize(told)) else (False if PAST_TOLD.search(norm) else None)
    named = [(at, words, day) for at, words, day in festival_days(norm, now.date(), ahead)]
    term = TERM_DAY.search(norm)
    masked = norm
    for at, words in [(at, words) for at, words, _ in named] + ([(term.start(), term.group(0))] if term else []):
        masked = masked[:at] + "\u3000" * len(words) + masked[at + len(words):]
    found = [(masked.find(words), (words, first, last)) for words, first, last in dates_in(masked, now)]
    found += [(at, (words, day, day)) for at, words, day in named]
    school = _term_day(term, now.date(), terms) if term else None
    if school is not None:
        found.append((term.start(), (term.group(0), school, school)))
    return [f for _, f in sorted(found, key=lambda f: f[0])], (term.group(0) if term else "")
