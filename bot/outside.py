"""What uses the union's words but is not the union's business, and thanks that ask for nothing (issue 19).

- Not the union's: the pupils' or the class's matters ("帮我报一下学生的春游", "学生的体检报告什么时候出", "我家孩子问
  我们学校春游什么时候报名"), the district's or the city's ("我想报名参加区里的教学比武"), other offices' ("我要取消明天
  下午的家长会", "体检自费加的项目，发票能报销吗", "请假怎么弄", "事由：调课"). A sign-up, a withdrawal or a question
  about the checkup needs a union activity (or nothing named), so such a message is no sign-up: it is `unknown`,
  and the answer says plainly whose it is (`outside_kind`). A union activity named beside it ("学生要期中考试，
  拔河去不了") keeps the message the union's.
- Thanks and praise that mention the checkup or an activity ("体检安排得很周到，点个赞", "刚在医院体检完，顺便跟你们说声
  谢谢", "早上好！今天是体检第一天，祝大家指标都正常") ask nothing: a greeting, not a question.

bot/nlu.py applies both after the model (as it does the 工号 aside); what names a union activity is read
through the registry (the activity intent's slots), never by importing a feature."""

from __future__ import annotations

import re

# whose business it is, by what the message is about: (kind, pattern)
_PUPILS = (r"(?:学生们?|孩子们|我们班|咱们?班|班里|班上|全班|本班|班级)(?:的|要|们)?[^，,。！!？?]{0,8}?"
           r"(?:春游|秋游|体检|比赛|合唱|运动会|报名|报告|研学|夏令营)|"
           # a child's own school ("我家孩子问我们学校春游什么时候报名"), not a child brought along
           r"(?:我家孩子|我家娃|我儿子|我女儿|孩子)(?:问|说|的)?[^，,。！!？?]{0,8}?(?:学校|春游|研学|夏令营|班里|班上)"
           r"(?:的)?(?:春游|秋游|研学|夏令营|运动会|活动|比赛)?")
_REGION = r"(?:区里|市里|县里|省里|区级|市级|省级|教育局|教研室|全区|全市)(?:的|组织的|举办的)?[^，,。！!？?]{0,6}?(?:比赛|比武|评比|赛课|活动|培训|报名)|教学比武|优质课|赛课"
_OFFICE = r"家长会|调课|换课|(?:请假|请个假)(?:怎么|找谁|流程|手续|要找|去哪|需要|的话)|(?:怎么|找谁|如何|去哪)请假|请假条|报销|发票"
# a room or a hall borrowed or booked ("能帮我借一下学术报告厅吗", "会议室怎么预约"): the school office's, even where a union
# activity is held (the 卡拉OK contest in the 学术报告厅 is no answer to it)
_HALLS = r"(?:学术)?报告厅|会议室|多功能厅|大礼堂|礼堂|阶梯教室|录播室|机房|场地|体育馆|舞蹈室|音乐教室"
_ROOMS = (rf"(?:借|借用|预约|预定|预订|租|租用|申请|订)(?:一下|下|个|一个|用)?[^，,。！!？?]{{0,6}}?(?:{_HALLS})|"
          rf"(?:{_HALLS})[^，,。！!？?]{{0,8}}?(?:借|借用|预约|预定|预订|租用|申请使用|怎么订)")
KINDS = [("pupils", re.compile(_PUPILS)), ("region", re.compile(_REGION)), ("office", re.compile(_OFFICE)),
         ("rooms", re.compile(_ROOMS))]
WHOM = {
    "pupils": "学生和班级的活动、体检请联系学校教务处或德育处（班主任群里通常也有通知）",
    "region": "区里、市里的比赛和教学评比，请问教务处或所在教研组",
    "office": "请假、调课和家长会请找教务处或年级组，报销请问学校财务室",
    "rooms": "借用或预约学术报告厅、会议室等场地，请联系学校办公室（总务处）",
}
NOT_OURS = "这件事不归工会管，我这里办不了：{whom}。\n工会小助手能办的是：工会活动报名、体检安排、建议提案、关爱报告等，回复“帮助”查看。"
_CLAUSES = re.compile(r"[，,。.！!？?；;\n]+")
_REQUEST = re.compile(r"报|取消|退|撤|借|预约|预定|预订|[?？吗]|什么时候|几号|哪|怎么|找谁|能不能|可以|帮|弄|办|出")
# the outside matter as the reason she cannot come ("要陪孩子去市里比赛", "得带学生去区里比赛 去不了")
_BECAUSE = re.compile(r"(要|得|需要|因为|陪|带)(?!取消|报|退)[^，,。！!？?]*$")
_ABSENT = re.compile(r"去不了|参加不了|来不了|走不开|去不成|没空|没时间|赶不上|抽不开")
# the teachers' own checkup named beside them
_OURS = re.compile(r"(工会|教职工|老师|我们|我)的?(体检|活动)|"
                   # the teachers as the ones it weighs on: "学生的运动会能不能别占老师午休" (attack review 15)
                   r"(老师|教师|教职工|我们)们?的?(午休|休息|周末|假期|负担|权益|待遇|加班|工作量|身体)|占用?(老师|教师|教职工|我们)")
# what a message about another office may still be: a suggestion to the union ("建议家长会别放周五")
_SUGGESTS = re.compile(r"建议|希望|提案|意见|投诉|呼吁")
OVERRIDDEN = {"signup", "cancel_signup", "checkup_query", "activity_query", "my_signups", "suggestion"}


def outside_kind(norm: str, names_union_activity=None) -> str | None:
    """"pupils", "region", "office" or "rooms" when the message's request is not the union's; None otherwise.
    `names_union_activity(text)`: does the rest of the message (the outside words taken out) name one?
    The outside words must be what is asked about: in a clause that asks or requests, or in a message of one
    clause ("是那天要带学生去区里比赛。帮我退了" gives a reason: the withdrawal is of her own sign-up)."""
    clauses = [c for c in _CLAUSES.split(norm) if c.strip()]
    for kind, pattern in KINDS:
        found = pattern.search(norm)
        if found and _ABSENT.search(norm) and _BECAUSE.search(norm[max(0, found.start() - 10):found.start()]):
            continue  # "17号要陪孩子去市里比赛 去不了了": why she cannot come to the union's, not a request of its own
        if found and (len(clauses) < 2 or any(pattern.search(c) and _REQUEST.search(c) for c in clauses)):
            rest = pattern.sub(" ", norm)
            if (names_union_activity is not None and names_union_activity(rest)) or _OURS.search(rest):
                return None  # "学生要期中考试，拔河去不了", "…工会体检能改天吗": the union's after all
            return kind
    return None


def not_ours_answer(norm: str) -> str | None:
    kind = outside_kind(norm)
    return NOT_OURS.format(whom=WHOM[kind]) if kind else None


def overridden(norm: str, intent: str, names_union_activity=None) -> str | None:
    """The intent a not-the-union's message or a thanks really has, or None to keep the model's."""
    if intent in OVERRIDDEN and not (intent == "suggestion" and _SUGGESTS.search(norm)) \
            and outside_kind(norm, names_union_activity):
        return "unknown"
    if intent in ("checkup_query", "activity_query", "suggestion", "help", "unknown") and only_thanks(norm):
        return "greeting"
    return None


# thanks, praise or good wishes …
_THANKS = re.compile(r"谢谢|谢啦|谢了|谢(?=$|[,，。.!！~～\s])|多谢|感谢|点个?赞|好评|辛苦(了|啦|你们)|周到|贴心|态度(特别|非常|很|挺|真)?好|"
                     r"祝(大家|各位|你们|您)|棒棒|给力")
# … that ask or tell nothing else: no question, no request, no complaint, no news
_ASKS = re.compile(r"[?？吗么]|怎么|什么|啥|哪|几[号点时个]|多少|能不能|可不可以|可以|请问|帮我|麻烦|报名|报个|取消|退|"
                   r"建议|希望|投诉|另外|但是|不过|就是太|问一?下|想问|住院|去世|走了|生了|结婚|病了|摔|不好|太差|太慢|没人")


def only_thanks(norm: str) -> bool:
    return len(norm) >= 8 and bool(_THANKS.search(norm)) and not _ASKS.search(norm)


# ---- news of being away (left17) --------------------------------------------------------------------------
# "我在省城参加骨干教师培训，8号晚上回学校", "人在外地参加进修学习，下周一回校": read as a sign-up for the word 参加 or
# as nothing; no activity of ours is named and none is asked for, so nothing is signed and the whole list is not
# shown: she is answered as one tells the union where she is (handlers/signup.py, handlers/help.py)
# away for work of her own: a training, a meeting, a study trip, a business trip
AWAY = re.compile(r"(在|去|到)[^，,。！!？?]{0,8}(参加|开会|培训|学习|进修|研修|出差|监考|阅卷|支教|挂职)|"
                  r"参加[^，,。！!？?]{0,10}(培训|进修|研修|学习班|会议|年会|论坛|教研|阅卷|比赛评审)|出差")
# … and no sign-up asked for ("…回来后帮我报个拔河" is one)
ASKS_SIGN = re.compile(r"报名|报个|报一个|帮我报|给我报|想报|要报|算我|报上")
AWAY_NOTED = ("收到，{name}老师，您在外辛苦了！回来后有需要随时找我：报名活动回复“报名 + 活动名”，"
              "看最近的活动回复“最近有什么活动”。")


def away_news(norm: str) -> bool:
    """News of being away for work of her own, with no sign-up asked for."""
    return bool(AWAY.search(norm)) and not ASKS_SIGN.search(norm)
