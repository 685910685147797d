"""Sign-ups said in another trade's words, and terse date-place-报 messages, read as the 报名 they mean
(issue 19). One step of the canonical spelling (bot/normalize.py), a pure function of the text.

Teachers who shop online write a sign-up as an order and its yes as paying: "下单拔河，一份", "加购物车：秋季
登山活动、卡拉OK歌唱比赛", "羽毛球联谊赛 立即购买", "锁定名额：重阳座谈会", "预约登山 2大1小", "占个坑 插花", then
"确认下单", "确认结算", "提交订单". A word of ordering, booking, reserving or grabbing (下单/拍下/购买/加购/加入
购物车/结算/预约/预订/订/锁定/占个坑/抢) means 报名 when its object is a union activity: the words that only
shops use (下单, 购物车, 立即购买 …) wherever the message names one, the everyday ones (预约, 订, 买, 抢, 锁定)
only right before it. Booking a court or a room ("抢个羽毛球场地 周六上午 自己打", "0915 3楼会议室 订") is not
the union's activity and keeps its words; "预约体检" stays the checkup's.

Teachers who write almost nothing send a date, a time, a place and "报": "0909 1530 小操场 报", "0910 1530
操场 也报". A date written as four digits starting with 0 ("0909") or as month.day ("9.21") is the date it is
(9月9日, 9月21日; a 工号 said with 绑/工号/尾号 keeps its digits), four digits after it the time ("1530" →
15:30), and a 报 standing alone at the end the 报名 it is short for. A 接龙 line ("接龙 3. 周婷 拔河") is the
chat group's sign-up sheet.
"""

from __future__ import annotations

import re

# a union activity, as a sign-up's object: its kind, or a title ending like one (活动/比赛/晚会/沙龙 …);
# never a court, a hall or a room booked for oneself ("羽毛球场地", "会议室")
_KIND = (r"(?:拔河|乒乓球?|羽毛球|卡拉ok|k歌|读书会|登山|爬山|秋游|春游|插花|座谈|敬老|重阳|运动会|联谊|沙龙|讲座|观影|"
         r"徒步|健步走|篮球|排球|足球|瑜伽|书法|摄影|跳绳)")
_TITLE = (r"[^\s,，。:：;；、!！?？()]{0,10}?(?:活动|比赛|(?<![决初复])赛|(?:大|晚|座谈|联谊|运动|读书|茶话|分享|交流|游园|演唱|"
          r"音乐|舞|年)会|沙龙|讲座)")
ACTIVITY = re.compile(rf"(?:{_KIND}|{_TITLE})(?!场|馆|拍|鞋|服|议|室|员|费|票|计|球[拍桌台场馆]|设备|用品|的?(?:大巴|巴士|班车|车|盒饭|午饭|午餐|便当))")
# a character every match of ACTIVITY holds (拔河 its 河, 乒乓 its 乒, 卡拉ok its k, a title its 动/赛/会/龙/座…): the search,
# which tries a title's ten characters from every character of the text, only where one is
_ACTIVITY_CHARS = frozenset("河乒球k会山游花谈老阳谊龙座影步伽法绳动赛")
# words only a shop uses: a sign-up wherever the message names an activity
SHOP = re.compile(r"(?:(?:立即|马上|一键|直接)(?:购买|抢购|下单|预约)|下单|下个单|拍下|加入购物车|加进购物车|放进购物车|"
                  r"加购物车|加购|锁定名额|锁个名额|锁名额|抢名额|抢个名额|占个坑|占坑|占个名额|(?:报名)?接龙)(?:一下|一个|一份)?")
# everyday words of booking: a sign-up only right before the activity ("预约登山", "订个插花沙龙的位置"), and a takeaway's
# order ("老板，来一份秋季登山活动")
_ELSE = r"[^\s,，。]{0,4}?(?:室|场地|厅|馆|房间|大巴|车|票|座位|体检|饭|餐|便当|外卖|奶茶|咖啡|蛋糕|水果)"  # a room, a seat, the checkup, a meal: booked for itself
# (not done already, "王芳锁定了插花的名额", nor of something else first: "订会议室开读书会", "预约体检和登山那天错开")
BOOK = re.compile(rf"(?:(?:来|点)(?:一|两|三)?份|预约|预订|预定|(?<![修装签制拟审退])订(?!阅|单|餐|饭|票|房|正)|抢(?!答|救|险|修)|锁定|锁(?!定)|占(?!用|据|了))(?!了|过)"
                  rf"(?:一下|一个|个|一份|上)?[\s:：]*(?!{_ELSE})"
                  rf"(?=(?:(?!体检|[和跟与及])[^\s,，。]){{0,4}}?{ACTIVITY.pattern})")
# … or right after it, at the end of a clause: "插花沙龙也帮我预约一下", "登山帮我订一个"
BOOKED_AFTER = re.compile(rf"({ACTIVITY.pattern}[^\s,，。]{{0,6}}?)(?:预约|预订|预定|订|锁定)(?=一下|一个|个|上|吧|$|[\s,，。!！])(?!(?:一下|一个|个|上)?{_ELSE})")
# a yes said as paying for the order: "确认下单", "确认结算，两个都要", "提交订单", "去结算"
PAID = re.compile(r"(?:^|(?<=[\s,，。!！]))(?:确认|确定)(?:下单|结算|付款|支付|购买|锁定|预约|预订|订单)|^(?:提交订单|去结算|立即结算|结算|"
                  r"去付款|立即支付|付款|支付)(?=$|[\s,，。!！])")
# an order called off: "登山我这膝盖就不锁了", "拔河不下单了"
UNORDERED = re.compile(r"不(?:下单|买|购买|锁定?|预约|预订|订|抢)(?=了|啦|吧|$|[\s,，。!！])")
# an activity and the family coming, said compactly and nothing asked: "登山 2大1小", "登山 一家四口全去", "拔河 我+1"
FAMILY = re.compile(r"[0-9一两二三四五]\s*大\s*[0-9一两二三四五]\s*小|一家[0-9三四五六]口|(?:^|[\s,，])我\s*\+\s*[0-9一两二三]")
# (or asked for in words already: "登山算我一家四口")
ASKED = re.compile(r"[?？吗么嘛]|能不能|可不可以|可以|能否|行不行|几|多少|怎么|什么|哪|报|参加|算我|不去|取消")
BIND_BOOKED = re.compile(r"预约(?=绑定)")  # "预约绑定：8019 何秀英"

# terse messages: a date of four digits from 0 ("0909"), month.day ("9.21"), the time after it ("1530")
_DATE4 = re.compile(r"(?<![0-9a-z.:：\-])0([1-9])([0-3][0-9])(?![0-9a-z])")
# (never a version or a chapter: "v3.2 更新说明", "第3.2节", "版本 3.2")
_DOTTED = re.compile(r"(?<![0-9a-z.:：\-第])(?<!版本\s)(?<!版本)(1[0-2]|[1-9])\.([0-3]?[0-9])(?![0-9.])(?=$|\s|号|日|那|的|这|,|，)")
_TIME4 = re.compile(r"(?<=日)(\s*)([01][0-9]|2[0-3])([0-5][0-9])(?![0-9])")
_OWN_NUMBER = re.compile(r"绑|工号|尾号|手机|电话|学号|编号")
# … said with a sign of a day meant: 报, a question of when or where, a place, "那个", another group of digits
_DAY_MEANT = re.compile(r"报|去|参加|几|哪|在|活动|集合|时间|开始|点|那|这|订|约|[场馆厅室楼门堂园]|[0-9]|" + ACTIVITY.pattern)
_DIGITS = re.compile(r"(?<![0-9])(?:0[1-9][0-3][0-9]|(?:1[0-2]|[1-9])\.[0-3]?[0-9])(?![0-9])")
# a 报 standing alone at the end of a one-line message: "0909 小操场 数学组那个 报", "也报"
_BARE_BAO = re.compile(r"(?:(?<=\s)|^)(也|都|就)?报$")
_WHO_ASKED = re.compile(r"谁|哪些人|哪几个|几个人|多少人|有人")  # "拔河 还有谁 报": who else goes, asked
_ANY = re.compile(r"份|单|购|买|约|订|定|锁|抢|占|算|付|拍|坑|车|接龙|[0-9]\.?[0-9]|报$|大|口|\+")


def _day(month: str, day: str) -> str | None:
    m, d = int(month), int(day)
    return f"{m}月{d}日" if 1 <= m <= 12 and 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31) else None


def dated(text: str) -> str:
    """Dates and times written as bare digits, in words the date readers know: "0909 1530 小操场" → "9月9日 15:30 小操场";
    never a number said with no sign of a day around it ("0917 刘敏", "0917": a 工号 starting with 0)."""
    if _OWN_NUMBER.search(text) or not _DAY_MEANT.search(_DIGITS.sub(" ", text)):
        return text
    text = _DATE4.sub(lambda m: _day(m.group(1), m.group(2)) or m.group(0), text)
    text = _DOTTED.sub(lambda m: _day(m.group(1), m.group(2)) or m.group(0), text)
    return _TIME4.sub(lambda m: f"{m.group(1)}{int(m.group(2))}:{m.group(3)}", text) if "日" in text else text


# between the activity and an order called off, only who and when ("拔河我就不下单了"): "登山那天的午饭我不订了",
# "登山的纪念T恤我不买了" call off a lunch or a shirt, never the sign-up (attack review 16: they withdrew her)
_GAP = re.compile(r"[\s,，:：]*(?:我|俺|咱|额|就|也|都|先|还是|这次|暂时|今年|还|再|那个|这个)*")


def _of_the_activity(before: str) -> bool:
    named = list(ACTIVITY.finditer(before))
    return bool(named) and _GAP.fullmatch(before[named[-1].end():]) is not None


def ordered(text: str) -> str:
    """The message with its words of ordering and booking read as 报名 (see the module's doc)."""
    if not _ANY.search(text):
        return text
    text = dated(text)
    text = BIND_BOOKED.sub("", text)
    text = PAID.sub("确认", text)
    if not _ACTIVITY_CHARS.isdisjoint(text) and ACTIVITY.search(text):
        text = UNORDERED.sub(lambda m: "不报" if _of_the_activity(text[:m.start()]) else m.group(0), text)
        text = SHOP.sub("报名", text)
        text = BOOKED_AFTER.sub(r"\1报名", BOOK.sub("报名", text))
        if FAMILY.search(text) and not ASKED.search(text):
            text = "报名" + text
    if "\n" not in text and _BARE_BAO.search(text) and len(text) > 2 and not _WHO_ASKED.search(text):
        text = _BARE_BAO.sub(lambda m: (m.group(1) or "") + "报名", text)
    return text
