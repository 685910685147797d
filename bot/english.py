"""English as teachers write it, read as the Chinese the rest of the bot understands.

English teachers write whole turns in English ("Could you check which activities I have registered for so
far?", "Yes, I confirm", "Put my name on it", "on the 10th"). Rather than teach every handler English, the
canonical spelling of a message (bot/normalize.py) carries its English phrases over into the Chinese a
teacher would have written: what is asked ("which activities have I registered for" → 我报了哪些活动), what
is told ("was hospitalized" → 住院了), who ("my colleague" → 同事, "my father" → 我父亲), when ("next Monday"
→ 下周一, "on the 10th" → 10号, "September 13th" → 9月13号), the activities by their English names ("table
tennis" → 乒乓球, "tug-of-war" → 拔河), and the short answers to the bot's questions (yes / no thanks /
anonymous / put my name on it / it's for me). When a message is mostly English, the words that carry no
meaning once the phrases are read ("could you please", "I'd like to", "the") are dropped; any other word
(a name in pinyin: "Song Jian") is kept as it was.

Plain tables of (pattern, Chinese), tried in order on lower-case text (longer phrases first); a pattern's
words match only as whole latin words, never inside a code ("K7P2Q9") or 卡拉OK.
"""

from __future__ import annotations

import re

from bot.firstchars import first_chars_of, substituted

_L = r"(?<![0-9a-z])"  # a latin word starts here
_R = r"(?![0-9a-z])"   # … and ends here
WEEKDAYS = {"monday": "一", "tuesday": "二", "wednesday": "三", "thursday": "四", "friday": "五", "saturday": "六",
            "sunday": "日", "mon": "一", "tue": "二", "tues": "二", "wed": "三", "thu": "四", "thur": "四", "thurs": "四",
            "fri": "五", "sat": "六", "sun": "日"}
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
          "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = "(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# the activities and the union's words by their English names
NAMES = [
    (r"table[- ]tennis|ping[- ]?pong", "乒乓球"), (r"tug[- ]of[- ]war|tug[- ]war", "拔河"),
    (r"karaoke( singing)?( contest| competition)?|ktv", "卡拉ok"), (r"badminton", "羽毛球"),
    (r"(autumn |fall )?(hike|hiking|mountain climbing|climbing)( trip| event| activity| outing)?", "登山"),
    (r"(reading|book) (club|group|circle)", "读书会"), (r"flower[- ]arranging( salon| class| workshop)?|ikebana", "插花"),
    (r"(fun )?(sports day|sports meet(ing)?|fun games)", "趣味运动会"),
    (r"double ninth( festival)?( tea| forum| seminar)?|seniors'? (tea|forum)", "重阳座谈会"),
    (r"(staff |annual |medical |health )*(health ?check[- ]?ups?|check[- ]?ups?|medical exam(ination)?|physical exam(ination)?)",
     "体检"),
    (r"friendly( match| game)?|tournament|contest|competition", "比赛"),
    (r"(birthday and festival|festival and birthday|birthday|festival|holiday) (greetings?|wishes|messages)", r"祝福"),
    (r"greetings? messages?|greetings", "祝福"),
    (r"wechat( account)?", "微信"), (r"union membership|membership|union member account|union account", "会员"),
    (r"(staff|employee|work|job) (number|no\.?|id|code)", "工号"),
    (r"(phone|mobile)('s)? (last (4|four)|last (4|four) digits)|last (4|four) digits( of (my )?(phone|mobile)( number)?)?|"
     r"last (4|four)( of (my )?(phone|mobile))?", "手机后四位"),
    (r"ticket( number| code)?|reference( number| code)?", "编号"),
]
# who: the teacher, a colleague, family
PEOPLE = [
    (r"my colleague|a colleague|colleague", "同事"), (r"family members?|my family|relatives", "家属"),
    (r"(my )?(father|dad)", "我父亲"), (r"(my )?(mother|mom|mum)", "我母亲"), (r"(my )?(wife|husband|spouse)", "我爱人"),
    (r"(my )?(son)", "我儿子"), (r"(my )?(daughter)", "我女儿"), (r"(my )?(kids?|children|child)", "孩子"),
    (r"(father|mother)[- ]in[- ]law", "公婆"),
]
# what happened (care news); "I" before it is the teacher herself ("because I had surgery": 我做了手术)
NEWS = [
    (r"i('m|'ve| am| was| have| got| have been| fell| will be| just)*(?= (hospitali|admitted|taken to|in (the )?hospital|"
     r"sick|ill|had (a |an )?(surgery|operation)|surgery|an operation|operation|broke|married|getting married|had a baby|gave birth))", "我"),
    (r"(was |is |got |has been |had been |been )?(hospitali[sz]ed|admitted to (the )?hospital|taken to (the )?hospital|in (the )?hospital)",
     "住院了"),
    (r"(has |have )?(passed away|died)", "去世了"), (r"(is |are |got |has got |have )?(married|getting married)", "结婚了"),
    (r"(had a baby|gave birth|has a new baby|new baby)", "生了宝宝"), (r"(had |has |having )?(an )?(surgery|operation)", "做了手术"),
    (r"car accident|traffic accident", "车祸"), (r"broke (his |her |my )?(leg|arm|foot)", "骨折了"),
    (r"(is |was |got |fell )?(sick|ill)", "生病了"), (r"(is |am |will be )?retir(e|ing|ed)", "退休"),
]
# the requests themselves
ASKS = [
    # her own sign-up confirmed ("Yes, I confirm my registration"), or a question before confirming (conv21 × english)
    (r"((yes|yeah|yep)[, ]+)?(i )?(confirm(ed)?|am confirming) my (registration|sign-?up|booking)", "是的,确认报名"),
    (r"before (i )?confirm(ing)?( it)?[ ,—-]*|(one|a) question first[: ,—-]*", "确认之前问一下 "),
    (r"singles or doubles", "单打还是双打"), (r"(my own |a |the )?(racket|racquet|paddle|bat)s?", "球拍"),
    (r"what time does it (start|begin)", "几点开始"), (r"(do i )?need to bring", "要带"),
    (r"someone|somebody|a colleague", "有位同事"),
    # a colleague who only helps is not the one the news is about ("Chen Jing is covering my classes", care3 × english)
    (r"(is |has been |was |will be )?(covering|substituting|subbing|filling in|standing in)( for)? (me|my (classes|lessons))|"
     r"(is |has been |was )?taking over my (classes|lessons)", "帮我代课"),
    (r"(is |has been |was |will be )?(covering|substituting|subbing|filling in|standing in)( for)? (her|him|their|his (classes|lessons)|her (classes|lessons))|"
     r"(is |has been |was )?taking over (his|her) (classes|lessons)", "帮她代课"),
    (r"(is |has been |was )?(taking care of|looking after|caring for) (her|him|them)", "在照顾她"),
    # a withdrawal, then one's sign-ups, before the sign-up words ("withdraw my registration", "which activities I
    # have registered for")
    (r"withdraw my (registration|sign-?up)( for)?|cancel my (registration|sign-?up)( for)?|"
     r"take (me|my name) off( the list)?( for| of)?|remove (me|my name) from|"
     r"(i )?(can't|cannot|can not|won't be able to) (make it|go|come|attend)( to)?", "取消报名"),
    (r"cancel( my)?|withdraw( from)?|drop out( of)?", "取消"),
    (r"which (activities|events) (have i|i have|i've|am i|i am|i'm|did i)( already)? (registered|signed up|sign(ed)? up|register(ed)?)( for)?( so far)?|"
     r"what (have i|did i|i've|i have)( already)? (registered|signed up|sign up|register)( for)?( so far)?|"
     r"(check |show |list )?(me )?my (registrations?|sign-?ups?|bookings?)( so far)?", "我报了哪些活动"),
    (r"am i (on|in) the (list|waitlist|waiting list)( for)?", "我在名单上吗"),
    (r"(did|has) my (registration|sign-?up)( for)? (go through|work|succeed)", "我报上了吗"),
    (r"waiting list|wait-?list", "候补"),
    (r"(i('d| would) like to |i want to |i'd love to |please )?(sign me up|sign up|count me in|register( me)?|join|take part in|participate in|enrol+( me)?)( for| in)?",
     "报名"),
    (r"(please )?(stop|don't|do not) (sending|send)( me)?|stop", "别再发"),
    (r"(i )?(don't|do not) want(?!( to)? ?(cancel|withdraw|stop|unsubscrib|turn|drop|take|remove|quit|lose|miss|give up|be anonym|取消|别再|关掉|报名))"
     r"( to)?( receive| get)?( any ?more)?",
     "不想收"), (r"(receive|get) (the )?祝福 again", "恢复祝福推送"),
    (r"how (can|do) i (bind|link|connect)|how to (bind|link|connect)", "怎么绑定"),
    (r"what information (do you need|is needed)|what do (you|i) need", "需要什么信息"),
    (r"new (teacher|colleague|staff)|newcomer", "新来的老师"), (r"name(?=[\u4e00-\u9fff])", "姓名"), (r"unsubscrib(e|ing)( from)?", "别再推送了"),
    (r"(turn|switch|put) ([^ ]+ ){0,2}back on|resume", "恢复推送"),
    (r"(turn|switch) ([^ ]+ ){0,2}off|(?<=[\u4e00-\u9fff] )off", "关掉"),
    (r"(link|bind|connect|associate) my (微信|account)( to| with)?( my)?|(link|bind|connect)( my account)?", "绑定"),
    (r"my name is|i am called|i'm called", "我叫"),
    (r"(i('d| would) like to |i want to |i'd love to )?(let|tell|inform) (the union|you)( know)?( that)?|(fyi|for your information|just so you know)",
     "跟工会说一下"),
    (r"跟工会说一下 (some |a piece of )?(good |sad |bad )?(news|something)", "跟工会说个事"),
    (r"(what('s| is) the )?status of my (suggestion|proposal|complaint)|my (suggestion|proposal)'?s? (status|progress)|"
     r"(has|have|did) (anyone|the union|you) (replied|answered|responded)( to)? my (suggestion|proposal)", "我的建议进度"),
    (r"(i('d| would) like to |i want to |i'd love to |may i |can i |let me )?(suggest|propose|recommend)( that)?|"
     r"(make|give|offer|have) (a |one )?(suggestion|proposal)|my suggestion is( that)?|i have a suggestion|(a |one )?suggestion( for the union)?|i propose( that)?|"
     r"it would be (nice|great|good) if|why not|could the union|can the union|the union should", "建议"),
    (r"complain(t)?( about)?", "投诉"), (r"(organi[sz]e|hold|arrange|set up) (a |an )?", "组织"),
    (r"(any )?updates?( on)?|status( of)?|(has|have) (it|my suggestion) been (answered|handled|read)|reply( to)?", "进度"),
    (r"what (can|could) (this assistant|you|u|this bot|the bot|it) do|what (this assistant|you|this bot|the bot|it) (can|could) do|"
     r"what can i do( with (this|it|this bot|you)| here)?|what do you do|how (do i|to|can i) use (this|you|it)|"
     r"(show me )?(the )?(instructions|features)|how does (this|it) work", "你能做什么"), (r"((show|send|give) me )?(the )?menu|(?<![a-z] )help( me)?(?! (with|to|you|us|the))", "帮助"),
    (r"(what('s| is) on|(are there )?any (activities|events)|what (activities|events)( are there)?)", "有什么活动"),
    (r"activit(y|ies)|events?", "活动"), (r"open to|can (i |we )?bring|may (i |we )?bring", "可以带"),
    (r"what time do we (meet|gather|leave|start)|meeting time", "几点集合"), (r"meeting (point|place)", "在哪集合"),
    (r"what should i bring|what do i need to bring|what to bring", "要带什么"), (r"(do i need to |should i )?fast(ing)?", "空腹"),
    (r"what time|(at )?which time", "几点"), (r"when( is| does| will)?", "什么时候"), (r"where( is| do| does| will)?", "在哪"),
    (r"how many (places|spots|seats) (are )?left|(any|still) (places|spots|seats)( left)?", "还有名额吗"),
    (r"how to|how (can|do) i", "怎么"),
]
# greetings and answers to the bot's questions
ANSWERS = [
    (r"^(sorry,? )?(what do you mean|what does (that|this|it) mean|(i )?(don't|do not) (understand|get it)|pardon( me)?|sorry,? what)"
     r"(?=[?？!.。\s]*$)", "啥意思"),  # (alone: "I don't understand how to…" asks for help)
    (r"good (morning|afternoon|evening)|good night|hi there|hello there|hi|hello|hey", "你好"),
    (r"(no,? thanks|no thank you|no thx|never ?mind|nvm|nah|nope|not now|maybe later|forget it)", "算了"),
    (r"(just )?(wanted|want) to say thank(s| you)|thank you( so much| very much)?|thanks( a lot)?|thx|many thanks", "谢谢"),
    (r"have a (nice|good|great) (day|weekend|holiday)", "祝你愉快"),
    (r"(not sure|unsure)", "不确定"),
    (r"(keep it |stay |make it |post it |file it )?anonymous(ly)?|(don't|do not) (put|use|include|write) my name( on it)?|without my name|no name",
     "匿名"),
    (r"(please )?(put|use|sign|write|include|add) (it with )?my name( on it| on the suggestion)?|sign (it )?with my name|with my name|"
     r"(you can |please )?(use|put) my (real )?name|not anonymous(ly)?|my real name|signed", "写我名字"),
    (r"(it's|it is|that's|that is) (for )?(me|myself)|(for )?myself|for me", "我本人"),
    (r"(yes|yeah|yep|yup)[, ]+(i )?confirm(ed)?|(i )?confirm(ed)?|(yes|yeah|yep|yup)[, ]+please", "是的,确认"),
    (r"(?<!not )(?<!n't )((both|all) )?confirm(ed|s)?( (both|all|them))?", "确认"),
    (r"(that's|that is) (right|correct)|correct|exactly", "对"),
    (r"(no problem|no prob|no worries|np|sure thing|of course|go ahead|sounds good|alright|all right|sure)", "没问题"),
    (r"(yes|yeah|yep|yup)", "是的"),
    (r"(wait,? )?no,? wait|wait,? no|actually,? no|no,? i mean|sorry,? i mean", "不对,"),  # "实名 wait no 匿名吧"
    (r"^no(?=[\s,.!]*$|[,.!] )", "不"), (r"(?<=[\u4e00-\u9fff] )and(?= [\u4e00-\u9fff])", "和"),
    (r"send", "发"),
]
# when: days and dates
DATES = [
    (rf"next {_WEEKDAY}", lambda m: "下周" + WEEKDAYS[m.group(1)]), (rf"this {_WEEKDAY}", lambda m: "这周" + WEEKDAYS[m.group(1)]),
    (rf"last {_WEEKDAY}", lambda m: "上周" + WEEKDAYS[m.group(1)]),
    (rf"(on )?{_MONTH} (the )?{_DAY}", lambda m: f"{MONTHS[m.group(2)]}月{m.group(4)}号"),
    (rf"(on )?(the )?{_DAY} (of )?{_MONTH}", lambda m: f"{MONTHS[m.group(5)]}月{m.group(3)}号"),
    (rf"(on |in )?(?!may){_MONTH}", lambda m: f"{MONTHS[m.group(2)]}月"), (r"in may", "5月"),
    (rf"(on )?the {_DAY}", lambda m: f"{m.group(2)}号"), (rf"on {_DAY}(?=\s|$|[,.!?])", lambda m: f"{m.group(1)}号"),
    (rf"(on )?{_WEEKDAY}", lambda m: "周" + WEEKDAYS[m.group(2)]),
    (r"the day before yesterday", "前天"), (r"the day after tomorrow", "后天"), (r"last night", "昨晚"),
    (r"yesterday", "昨天"), (r"today", "今天"), (r"tonight", "今晚"), (r"tomorrow", "明天"), (r"this morning", "今天早上"),
    (r"next week", "下周"), (r"this week", "这周"), (r"last week", "上周"), (r"next month", "下个月"), (r"this month", "这个月"),
    (r"at (\d{1,2})(:\d\d)? ?pm", lambda m: f"下午{m.group(1)}点"), (r"at (\d{1,2})(:\d\d)? ?am", lambda m: f"上午{m.group(1)}点"),
]
# words that say nothing once the phrases are read (dropped only from a message mostly in English)
FILLER = (r"could you( please)?|can you( please)?|would you( please)?|please|pls|plz|kindly|i('d| would) like to|i want to|i wanted to|"
          r"i('d| would) love to|i'd|i'm|i am|i|me|my|mine|we|us|our|you|your|it|its|it's|is|are|was|were|be|been|am|do|does|did|"
          r"have|has|had|the|a|an|to|for|of|on|in|at|with|and|or|so far|so|that|this|these|those|just|also|too|really|very|"
          r"some|any|up|about|after|because|as|by|from|into|know|let|check|see|tell|which|what|who|will|would|can|could|"
          r"should|shall|may|might|must|there|here|now|then|already|yet|all|both|staff|union|assistant|for union members|"
          r"members?|please\.|ok(?=\s|$)|okay|well|oh|dear|sir|madam|team|again|still|one|thing|way")

_SPACE_BETWEEN = re.compile(r"(?<=[\u4e00-\u9fff0-9,.?!。])\s+(?=[\u4e00-\u9fff0-9,.?!。])|(?<=[\u4e00-\u9fff])\s+(?=[0-9])")


def _compiled(table):
    return [(re.compile(_L + "(?:" + pattern + ")" + _R), plain) for pattern, plain in table]


# longer, more particular phrases first: dates, names of things and people, news, requests, then answers
_RULES = _compiled(DATES + NAMES + PEOPLE + NEWS + ASKS + ANSWERS)
# each with the characters its matches can begin with: a message with a latin word tried only the rules that could
# match it (all ~160 of them were tried before, the costliest step of reading a message with "ok" or "ktv" in it)
_FIRST_RULES = [(first, pattern, plain) for first, (pattern, plain) in
                zip(first_chars_of([p for p, _ in _RULES]), _RULES, strict=True)]
_FILLER = re.compile(r"(?<![0-9a-z'\u4e00-\u9fff])(?:" + FILLER + r")(?![0-9a-z'])")
_WORD = re.compile(r"[a-z][a-z'-]*")
# a question to answer yes or no: "can i…?", "is it…?" (Chinese asks it with 吗)
_ASKS_IF = re.compile(r"^(can|could|may|is|are|do|does|did|will|has|have|am|should)\b[^?]*\?\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# what calls for the tables at all: a latin word of three letters or more, or a short answer ("no", "hi", "np")
_ANY = re.compile(r"[a-z]{3,}|(?<![0-9a-z])(no|hi|np|ok)(?![0-9a-z])")


# a phrase said no to ("don't use my real name", "not anonymous", "I won't withdraw", "I'm not going to unsubscribe"):
# the English no before the phrase's Chinese, with the few words that may stand between, read as the Chinese no
_NOT = re.compile(_L + r"(?:don't|do not|dont|never|not|without|won't|will not|no need to|rather not)"
                  r"(?:\s+(?:be|to|it|please|really|ever|want|wanna|going|gonna|need|have|keep|stay|make|use|put|include|"
                  r"write|give|show|sign|with|the|any|my|me|plan|planning|intend|intending|like|anyone|them))*\s*"
                  r"(写我名字|匿名|取消报名|取消|别再发|别再推送了|关掉|报名|是的,确认|确认)")
SAID_NO = {"写我名字": "匿名", "匿名": "写我名字", "取消报名": "不要取消报名", "取消": "不要取消", "别再发": "别停发",
           "别再推送了": "别退订", "关掉": "别关掉", "报名": "不报名", "是的,确认": "不确认", "确认": "不确认"}
# a cancel whose object is something of hers the bot does not know ("cancel my other plans and join the hike"):
# no withdrawal (the union's things are in Chinese by now; her spot, place or booking is one)
_CANCELS_OTHER = re.compile(r"取消(?=\s+(?:(?:my|the|our|all|other|a|an|some|of)\s+)*+"
                            r"(?!(?:spot|place|seat|booking|registration|entry|name|it|that|this|one|them|me|for|from)(?![a-z]))[a-z]{3,})")


def mostly_english(text: str) -> bool:
    """Three latin words or more, and more of them than Chinese characters."""
    words = len(_WORD.findall(text))
    return words >= 3 and words > len(_CJK.findall(text))


def chinese(text: str) -> str:
    """The message with its English phrases in Chinese (lower-case text; see the module's doc): "i'd like to
    sign up for the table tennis friendly match on september 13th, please." → "报名乒乓球比赛9月13号"."""
    if not _ANY.search(text):
        return text
    whole = mostly_english(text)
    text = text.replace("’", "'")
    asks_if = whole and _ASKS_IF.search(text) is not None
    text = substituted(_FIRST_RULES, text)
    text = _NOT.sub(lambda m: SAID_NO[m.group(1)], text)
    if whole:  # (in a mostly Chinese message a latin word after 取消 is one of ours: "取消 ktv", a name in pinyin)
        text = _CANCELS_OTHER.sub("cancel", text)
    if whole:
        text = _FILLER.sub(" ", text)
        text = re.sub(r"\s*([,.?!;:])(?:\s*[,.?!;:])*", r"\1", text)  # marks left without their words
        text = re.sub(r"(?<![0-9a-z])\.(?![0-9a-z])|(?<=[\u4e00-\u9fff])\.(?=\s|$)", "。", text)
        text = re.sub(r"^[\s,.?!;:。—-]+|(?<=[,?!;。])[\s,.?!;。—-]+", "", text)
        text = _SPACE_BETWEEN.sub("", re.sub(r"\s{2,}", " ", text).strip())
        if asks_if and not re.search(r"哪|什么|几|怎么|谁|吗", text):  # "can i bring my daughter?" → …吗?
            text = re.sub(r"\?$", "吗?", text)
    return text
