"""What kind of news a care report (五必访) is: families of words as teachers say them, in plain speech
and in dialect ("把腿给摔折了", "娶媳妇儿", "这个月底到点退休", "老父亲昨儿个没了")."""

from __future__ import annotations

import functools
import re

from handlers._common import FORESEEN

KINDS = {  # in this order: a hardship or a death is the news even when an illness is mentioned too
    "丧事": ["去世", "走了", "过世", "病故", "病逝", "逝世", "离世", "丧事", "追悼", "不在了", "仙逝", "去了天堂", "辞世",
           "殁了", "殁", "后事", "白事", "丧偶", "丧妻", "丧夫"],
    "困难": ["困难", "家里出事", "遇到难处", "火灾", "失业", "下岗", "挺难", "很难", "难处", "帮帮她", "帮帮他", "揭不开锅",
           "还不起", "遭灾"],
    # getting married, however it is said: "娶媳妇儿", "嫁人", "办喜事", "摆酒", "领证"
    "结婚": ["结婚", "婚礼", "办酒", "喜酒", "领证", "娶媳妇", "娶老婆", "娶亲", "娶了", "嫁人", "出嫁", "嫁了", "办喜事",
           "摆酒", "喜宴", "婚宴", "新婚", "大婚", "成家了"],
    "生育": ["生孩子", "生了", "生啦", "宝宝", "生宝宝", "分娩", "产假", "添了", "当爸爸", "当妈妈", "二胎", "三胎", "生小孩", "生娃",
           "母子平安", "母女平安", "千金", "喜得", "生了个", "顺产", "剖腹产", "坐月子", "满月"],
    "生病住院": ["住院", "生病", "病了", "手术", "开刀", "骨折", "病倒", "看病", "病重", "受伤", "摔伤", "icu", "急诊",
             "病危", "中风", "摔断", "心梗", "脑梗", "化疗", "石膏", "送医院", "送医", "进医院", "进了医院", "入院", "住进医院",
             "进icu", "抢救", "晕倒", "昏倒", "昏迷", "输液", "打点滴", "挂水", "吊水", "救护车", "车祸", "缝针", "脑震荡",
             "脱臼", "韧带", "透析", "尿毒症"],
}
RELATION = (r"(之父|之母|之妻|之夫|老父亲|老母亲|老爷子|老太太|父亲|母亲|爸爸|妈妈|老爸|老妈|老娘|老爹|娘|爹|老人|爸|妈|爱人|那口子|老公|老婆|丈夫|妻子|媳妇|孩子|女儿|儿子|老伴|"
            r"公公|婆婆|岳父|岳母|老丈人|丈母娘|家属|家人|奶奶|爷爷|外婆|外公)")

# "老父亲昨儿个没了": 没了 means a death only after a person
DIED_RE = re.compile(RELATION + r".{0,6}(没了|老了|走了|走咧|没咧|走啦|没啦|(?<![要想先会得该就能])走$)|(老人|老爷子|老太太)(家)?(走了|走$|没了|过身)")


# a birth told as a new one in the family: "我家新增一名小队员", "家里多了个小家伙", "家庭新成员报到", "小生命降临"
# ("大家又多了一位新朋友", "家长群新增一名新成员" are no family's)
NEW_IN_FAMILY = (r"(?<![大国专作玩商买卖东店厂行])家(?!长|访|委|务|具|电)(里|中|庭)?[^，,。！!？?]{0,3}?(又|喜)?(新增|新添|添|多|迎来|喜提)了?(一|1)?[名位个枚口只]?(小|新)(成员|队员|家伙|"
                 r"朋友|宝贝|生命|公主|王子|棉袄|萌娃|公民|战士|人儿)|家庭新成员|小生命(诞生|降临|来了|报到)")


# news said gently, in old or bookish words, or in a gamer's: read by classify_event only (not keywords of the intent:
# the classifier's features stay as they were); such a message is claimed by the feature (handlers/care/news.py)
GENTLE = {
    # as a notice (讣告) or an old colleague says it: "前天晚上驾鹤西去了", "与世长辞", "撒手人寰"
    "丧事": r"驾鹤(西去|西归|仙去|西游)|与世长辞|撒手人寰|溘然长逝|长眠于|作古|归西|故去了|谢世|离开了我们|永远地?离开了(我们|大家)|"
          r"抢救无效|没(能|有)?抢救过来|寿终正寝|安详地走了",
    # "本人要小登科了", "喜结连理", "步入婚姻殿堂", "洞房花烛", "要当新郎官了", "请大家吃喜糖"
    "结婚": r"小登科|喜结连理|(步入|走进|迈入|踏入)?婚姻的?殿堂|洞房花烛|成亲|拜堂|当新(郎|娘)|做新(郎|娘)|(吃|发)喜糖",
    # "前天卸货了，母女平安", "弄璋之喜", "升级当爹了", "喜提小棉袄"; a new one in the family (NEW_IN_FAMILY)
    "生育": r"卸货了|弄(璋|瓦)之喜|当(爹|妈)了|升级当(爸|妈|爹|娘)|喜提(千金|公子|小棉袄|小公主|小王子|二宝|大胖)|" + NEW_IN_FAMILY,
    # "本号即将满级退服", "下个月就告老还乡了", "解甲归田"
    "退休": r"退服|告老还乡|解甲归田|功成身退|光荣退役",
}
GENTLE_RE = re.compile("|".join(GENTLE.values()))


# news the union visits for too, told apart only once the kinds above are not the news ("我是退休的李秀兰，
# 上周五住院了" is an illness); not words that make a message a care report on their own
LATER_KINDS = {"退休": ["退休", "荣退", "荣休", "退下来", "最后一天班", "最后一天上班", "最后一班岗", "最后一个工作日", "欢送"]}
# who someone is, not news: "退休的王建国老师", "我是退休教师张桂芝", "退休老同志" ("退休的事", "退休手续" are news)
RETIRED_ONE = re.compile(r"(已经?|早已|早就)?退休(了的|的(?!事|手续|时间|日子|时候|那天|消息)|老?(教师|老师|教工|职工|人员|干部|同志|党员|会员))")
# retirement news about someone, a pattern of the intent ("朱军师傅这个月底退休", "老张下个月就光荣退休了",
# "王老师年龄到点了 月底退"): a time or a "soon" before it; "退休教师能报名吗" is no news
RETIRE_NEWS = (r"(就要?|将要?|要|快要?|马上|即将|正式|光荣|月底|年底|[0-9][号日]|下个?月|这个?月|下周|明年|今年|到点了?|到龄了?)"
               r"[^，,。？?\s]{0,3}(退休|荣退|荣休|退下来)(?![的老教职人干同党会金证手工报吗吧])|最后一天(上)?班|最后一班岗")

# a hardship at home hinted at, without saying what ("家里最近有点难", "最近家里日子不太好过", "家里经济上有点紧张"):
# not a kind of its own (classify_event does not read it) — the care flow asks what happened (handlers/care)
HINTED_HARDSHIP = re.compile(r"家(里|中|庭|境|里头|里面)?[^，,。？?！!]{0,8}?(日子|经济|手头|条件|生活)?上?"
                             r"((有点|有些|比较|挺|很|太|特别|实在|越来越)?(难(?![找受懂说办看吃听闻])|紧张|紧巴|拮据|困难|难熬)"
                             r"|(不太|不大|不|没那么)(好过|宽裕|容易))")
# an illness that leaves the home short of money is a hardship (one hard on the family otherwise is still an illness)
# ("透析，每周三次，钱花得厉害", "医药费一个月好几千", "花了十几万", "借了不少钱", "想申请补助": the money is the news)
SHORT_OF_MONEY = re.compile(r"(经济|手头|钱|费用|开销|负担)[^，,。？?！!]{0,6}(撑不住|顶不住|扛不住|吃不消|紧张|紧巴|困难|拮据|不够)|入不敷出"
                            r"|钱(花|用)得?(厉害|太多|太快|精光|差不多了|没了)|花(了|掉)(好多|很多|不少|大把|[0-9一二两三四五六七八九十几]+(万|千))(块)?钱?"
                            r"|(医药|治疗|住院|透析|手术|化疗)费[^，,。？?！!]{0,6}(贵|高|多|负担|付不起|交不起|好几|[0-9]+万|几万|上万)"
                            r"|借(了)?(不少|好多|很多)?钱|欠(了)?(不少|好多|一屁股)?债|看不起病|(申请|要|想要|领)(困难|医疗|大病)?(补助|救助)"
                            # one wage keeps the household: "一个人的工资撑全家", "家里就靠他一个人的工资", "全家就指望他一份工资"
                            r"|(一个人|一份|那点|单)的?(死)?(工资|收入|薪水)[^，,。？?！!]{0,4}(撑|养|扛|顶|供|维持)"
                            r"|(全家|一家人?|一家老小|家里|一大家子)[^，,。？?！!]{0,4}(靠|指望|指着|仰仗)[^，,。？?！!]{0,8}(工资|收入|薪水|挣钱|赚钱|养家)")
NOT_HARDSHIP = re.compile(r"家(长|访|务|具|电|政|常|乡)|作业|题|考试|报名|活动|[?？吗]$")


def hints_hardship(norm: str) -> bool:
    """A hardship at home hinted at, short and with no kind of news said."""
    return len(norm) <= 30 and bool(HINTED_HARDSHIP.search(norm)) and not NOT_HARDSHIP.search(norm) \
        and not classify_event(norm)


# a wedding word for a feast that is a baby's: "孩子满月摆酒"
FEAST_ONLY = ("办酒", "摆酒", "喜酒")
# the feast said with words between: "周六办的酒", "摆了十桌酒", "办过喜酒", "摆的酒席" (read as 办酒: a baby's by 满月)
FEAST_SAID = re.compile(r"(办|摆)(了|的|过|咗|完|个)?([0-9]+|[几两三四五六七八九十]+)?桌?(喜|满月)?酒(?!精|店|吧|驾|瓶|水|量)")


# someone moved, fetched or taken away is no death: "高峰老师这学期末就调走了", "被借调走了", "被接走了" (attack review 16)
MOVED_AWAY = re.compile(r"(调|借调|搬|接|带|开|拉|叫|请|赶|撵|溜|跑|挖)走(了|啦|咧)?")
# a feeling added is no birth: "反倒添了几分伤感", "又添了几分愁绪", "给我添了不少堵" ("添了个大胖小子" is one)
FEELING_ADDED = re.compile(r"添了(几分|一分|一丝|一些|些许?|不少|许多|好多|很多|一点|点|堵|乱|麻烦|烦恼|负担|压力|心事)")


@functools.lru_cache(maxsize=4096)  # the text's alone, read two or three times a message by the care, suggestion and
def classify_event(text: str) -> str:  # activity features' claims (issue 23, round 19)
    text = FEELING_ADDED.sub("", MOVED_AWAY.sub("", RETIRED_ONE.sub("", text)))
    gentle = [kind for kind, said in GENTLE.items() if re.search(said, text)] if GENTLE_RE.search(text) else []
    for kind, words in (KINDS | LATER_KINDS).items():
        found = [w for w in words if w in text] + (["办酒"] if kind == "结婚" and FEAST_SAID.search(text) else []) \
            + ([kind] if kind in gentle else [])
        if kind == "结婚" and found and set(found) <= set(FEAST_ONLY) and re.search("满月|百天|百日|周岁", text):
            continue
        if found:  # an illness that leaves the home short ("查出来尿毒症…家里经济确实有点撑不住了"): a hardship
            return "困难" if kind == "生病住院" and (SHORT_OF_MONEY.search(text) or HINTED_HARDSHIP.search(text)) else kind
    if DIED_RE.search(text):
        return "丧事"
    if HOSPITAL_RE.search(text) or INJURY_RE.search(text) or FELL_RE.search(text) or TREATED_RE.search(text):
        return "生病住院"
    if BORN_RE.search(text):
        return "生育"
    if RETIRE_SOON_RE.search(text):
        return "退休"
    return ""


# her retirement said as leaving ("我这个月底就要退了", "干不动了 月底就退了", "她干到这学期末就退了"): a time or
# age before 退了, never a withdrawal from a sign-up ("拔河我要退了" names no time); claimed by the feature (handlers/care/news.py)
RETIRE_SOON = (r"(这个?月底|月底|年底|下个?月|明年|到点了?|到龄了?|干不动了?|岁数到了?|年纪到了?|(?:这|本|下)个?学期(?:末|底|结束)?|"
               r"期末|干到[^，,。？?\s]{1,8}?)(?:我|俺|额|她|他)?"
               r"(就要?|将要?|要|快要?)?退(了|啦)")
RETIRE_SOON_RE = re.compile(RETIRE_SOON)


# … or told by what the body no longer does ("右手…连粉笔都握不住", "腰疼得下不了床", "腿抬不起来"): an illness as well
BODY_FAILS = (r"(手|腕|胳膊|臂|腿|脚|腰|膝|肩|脖子|颈)[^。！!？?]{0,20}?(握不住|拿不住|握不了|抬不起来?|举不起来?|动不了|使不上劲|"
              r"下不了床|下不来床|站不起来|直不起来|弯不下)")
# read by classify_event only (not patterns of the intent: the classifier's features stay as they were):
# in hospital or treated, said as teachers say it ("前儿个住的院", "住咗院", "做的心脏支架", "心脏搭桥", "胆结石")
# ("身体抱恙", "动了个刀子", "动刀子了", "阑尾", "在市中医院住着", "做胆囊切除", "甲状腺结节…尽快切掉", "微创");
# an illness by its name or its treatment ("腱鞘炎", "肩周炎", "颈椎病", "腰肌劳损", "在医院做针灸"; not "炎热", "消炎药")
TREATED_RE = re.compile(r"(弄|搞)(伤|断|折|骨折)|切除|切掉|摘除|摘掉|割掉|微创|抱恙|身体不适|住(的|了|咗)院|动(了个?|过)?刀子?|阑尾|医院住着|入(了|咗)院|支架|搭桥|结石|阑尾炎|肺炎|心口痛|心脏不(好|舒服|得劲)|腰椎|腰间盘|骨裂|中暑|"
                        r"(?<=[\u4e00-\u9fa5])(?<!消)炎(?![热夏黄帝凉])|颈椎病|心脏病|糖尿病|劳损|痛风|疱疹|肿瘤|癌|针灸|理疗|康复治疗|" + BODY_FAILS)
# a birth in dialect and by its baby: "我家添丁了", "唐宁生啦" (read as "唐宁生"), "昨天生咯", "生勒", "是个男娃娃", "生了个囡儿"
BORN_RE = re.compile(r"添丁|(?<![发出产学先医卫])生(咯|勒|嘞|哒|咧|喽|啦)|(?<![发出产学先医卫陌花人一终余平众长考])生$|是个(男|女)(孩|娃|宝|儿)|(男|女)娃娃|囡儿")


# a fall, a sprain, a break, a cut or a burn: "上周五摔的", "从凳子上摔下来", "脚崴了", "把腿给摔折了", "手烫伤了", "缝了五针",
# "打了石膏", "扭到腰" (also a pattern of the intent)
INJURY = (r"(摔|跌|绊|滑)(了一?跤|了一下|倒|伤|断|骨折|的|折)|(?<!手机)(?<!杯子)(摔|跌)了?下来|(扭|崴|闪)(伤|了|到)|"
          r"(磕|撞|碰|砸|压|烫|烧|割|划|咬|拉|摔|踢|夹)(伤|断|折|破|裂)|骨裂|卧床|确诊|医院住了|在医院住|"
          r"缝了?[0-9几一二两三四五六七八九十]*针|打了?石膏|上了?夹板|被车撞|出了?车祸")
INJURY_RE = re.compile(INJURY)
# "于昨日住进市第一人民医院心内科": the hospital's name between the verb and 医院; "送市一院了": a hospital by its short name
HOSPITAL_RE = re.compile(r"(住进|送进|送到|送往|进了|转到|转入|住在)[^，。,；;！!？?]{0,14}(医院|病房|icu|重症)|"
                         r"(?<![发运输传护])送(进|到|去|往)?了?(市|县|区|省)?(第?[一二三四五六七八九0-9]|人民|中心|中医|妇幼|附属)院")
# a person fell ("老高摔了", "王老师跌倒了", "我妈摔了"): a phone or a cup that fell is no news
# … or the sender herself, with only when or where before it ("我前天摔了", "我昨天在楼梯上跌倒了"; not "我手机摔了")
_SELF_FELL = (r"^我(?:[前昨今]天|前几天|上周.?|上礼拜.?|今早|早上|昨晚|刚才|刚刚|下午|上午)?(?:晚上|早上|下午|上午)?"
              r"(?:在[^，,。！!？?\s]{1,6}?[上里边])?(?:不小心)?(?:摔了|跌了|摔倒了?|跌倒了?|绊倒了?)")
FELL_RE = re.compile(r"(老师|主任|^(小|老)[\u4e00-\u9fa5]|" + RELATION + r")[^，,。！!？?]{0,4}(摔了|跌了|摔倒|跌倒|绊倒)|" + _SELF_FELL)
# the same said as the whole message, a pattern of the intent ("老高摔了", "我妈摔倒了")
FELL = (r"^[^，,。！!？?\s]{0,4}?(老师|主任|(小|老)[\u4e00-\u9fa5]|" + RELATION + r")[^，,。！!？?\s]{0,3}"
        r"(摔了|跌了|摔倒了?|跌倒了?|绊倒了?)[啊呀哦嘞]?[。.!！~]*$|" + _SELF_FELL + r"[啊呀哦嘞]?[。.!！~]*$")


# the news put right, not the person: "唔係住院 係出院" (normalized "不是住院 是出院"), "不是生病 是做了个手术"
NEWS_PUT_RIGHT = re.compile(r"不是(?P<old>[^，,。；;！!\s]{1,6}?)[，,。；;！!\s]*(?:而|其实|应该)?是(?P<new>[^，,。；;！!\s]{1,8})")
# news after an illness that no kind names: out of hospital, better
RECOVERED = re.compile(r"出院|回家|康复|好了|好转|痊愈|没事了")


def news_put_right(data: dict, norm: str) -> bool:
    """Put the care report's news right when the answer corrects what happened, not who ("不是住院 是出院"): the
    words kept with the news, its kind the new one when it has one; False when the correction is of a person."""
    m = NEWS_PUT_RIGHT.search(norm)
    if m is None or re.search(r"的|老师|[他她我]", m["old"] + m["new"]):
        return False
    if not (classify_event(m["old"]) or classify_event(m["new"]) or RECOVERED.search(m["new"])):
        return False
    data["event"] = (data.get("event", "") + "；" + norm)[:300]
    data["kind"] = classify_event(m["new"]) or data.get("kind")
    return True


def foreseen_only(norm: str) -> bool:
    """A harm only foreseen ("我以我的老花镜起誓，总有一天会有人摔断腿的。", "迟早有人要摔跤"): once the clauses that
    foresee it are left out, no news is left (never "我爸住院了，万一要手术怎么办": his stay is news)."""
    clauses = [c for c in re.split(r"[，,。.！!；;？?\s~～…]+", norm) if c]
    return any(FORESEEN.search(c) for c in clauses) and not classify_event(
        "，".join(c for c in clauses if not FORESEEN.search(c)))


# (attack26) the news said not to be so, hers or anyone's: "我才不要结婚", "我还没步入婚姻的殿堂呢", "我不想走进婚姻的殿堂" (conv39's
# 殿堂 made these a wedding, and "不清楚" at the date's question told the committee 新婚快乐)
DENIED = re.compile(r"(才不|不要|不想|不打算|没打算|不准备|不会|不愿意?|还没有?|并没有?|没有?)(要|想|会|打算)?(步入|走进|迈入|踏入)?"
                    r"(结婚|婚姻的?殿堂|办婚礼|退休|住院|生(孩子|娃|宝宝|二胎|二宝))")


def denied_only(norm: str) -> bool:
    """Whether the only news a message tells is said not to be so ("我才不要结婚"; not "我儿子还没结婚，女儿下个月结婚")."""
    return bool(DENIED.search(norm)) and not classify_event(DENIED.sub("，", norm))
