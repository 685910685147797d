"""The words and spellings normalisation rewrites (bot/normalize.py reads them): dialect words and
particles, typos of shape and sound on the key words, net slang and pinyin initials, and emoji (English is read in bot/english.py). Plain tables, kept apart from the code that applies them."""

from __future__ import annotations

import re

DIALECT = [
    # net slang: 尊嘟 (真的), 栓Q (thank you)
    ("尊嘟", "真的"), ("栓q", "谢谢"),
    # Cantonese
    ("係咪", "是不是"), ("系咪", "是不是"), ("係", "是"), ("系呀", "是呀"), ("系啊", "是啊"), ("系嘅", "是的"),
    ("系唔系", "是不是"), ("喺", "在"), ("边度", "哪里"), ("邊度", "哪里"),
    ("点样", "怎样"), ("點樣", "怎样"), ("点解", "为什么"), ("乜嘢", "什么"), ("咩", "什么"), ("入咗院", "住院了"), ("入咗医院", "进了医院"), ("琴日", "昨天"), ("寻日", "昨天"),
    ("琴晚", "昨晚"), ("咗", "了"),
    ("冇", "没有"), ("嘅", "的"), ("唔系", "不是"), ("唔係", "不是"), ("都系", "都是"), ("唔好", "不要"), ("唔使", "不用"), ("唔驶", "不用"), ("唔洗", "不用"), ("唔该", "请"), ("唔該", "请"), ("畀", "给"), ("唔", "不"), ("佢", "他"), ("啲", "些"),
    ("嚟", "来"), ("睇", "看"), ("俾", "给"), ("揾", "找"), ("而家", "现在"), ("几时", "什么时候"),
    ("饭堂", "食堂"), ("仲有", "还有"), ("成日", "总是"), ("喇", "了"), ("咁", "这么"),
    ("有冇人覆", "有没有人回复"), ("过身", "去世"), ("過身", "去世"), ("冇人覆", "没人回复"), ("带埋", "带上"), ("帶埋", "带上"), ("老婆仔女", "老婆孩子"), ("仔女", "孩子"),
    # Wu (Shanghai)
    ("阿拉", "我们"), ("侬", "你"), ("哪能", "怎么"), ("撤脱", "撤掉"), ("覅", "不要"), ("辰光", "时候"),
    ("今朝", "今天"), ("明朝", "明天"), ("晓得伐", "知道吗"), ("搿只", "这个"), ("搿个", "这个"), ("搿", "这"),
    ("忒", "太"), ("好好叫", "好好"),
    # Sichuanese, Hunan, Hubei, Northeastern
    ("啥子", "什么"), ("要得", "好的"), ("莫得", "没有"), ("得行", "可以"), ("咋个", "怎么"), ("巴适", "好"),
    ("昨儿个", "昨天"), ("昨儿", "昨天"), ("今儿个", "今天"), ("今儿", "今天"), ("明儿个", "明天"), ("明儿", "明天"),
    ("前儿个", "前天"), ("咋整", "怎么办"), ("嘎哈", "干什么"), ("干哈", "干什么"), ("咋", "怎么"),
    # Northern (甭 = 不用), Shandong, Shanxi, Minnan
    ("甭", "不用"), ("俺们", "我们"), ("夜儿个", "昨天"), ("夜个", "昨天"), ("昨暝", "昨晚"), ("破病", "生病"),
    ("啥玩意", "什么"), ("瞅瞅", "看看"), ("瞅", "看"), ("信儿", "消息"), ("回话", "回复"),
    # Hunan, Jiangxi (Gan), Hakka, Guizhou, Yunnan, Shanxi, Tianjin, Shandong, Wu again
    ("么子", "什么"), ("么个", "什么"), ("冇得", "没有"), ("承蒙你", "谢谢你"), ("承蒙", "谢谢"),
    ("搞哪样", "干什么"), ("整哪样", "干什么"), ("做哪样", "干什么"), ("哪样", "什么"), ("哪点", "哪里"),
    ("哪哈儿", "什么时候"), ("板扎", "好"), ("甚时候", "什么时候"), ("做甚", "干什么"), ("干甚", "干什么"),
    ("嘛时候", "什么时候"), ("嘛事", "什么事"), ("夜来", "昨天"), ("俺", "我"),
    ("啥辰光", "什么时候"), ("勿要", "不要"), ("阿是", "是不是"), ("老早", "早就"),
    # role-play as an emperor or a consort (a meme): 朕/本宫/臣妾 say 我, the rest is courtly wording
    ("本宫", "我"), ("臣妾", "我"), ("哀家", "我"), ("寡人", "我"), ("朕", "我"), ("万岁爷", "你"), ("皇上", "你"),
    ("平身吧", ""), ("平身", ""), ("钦此", ""), ("生辰", "生日"), ("贺词", "祝福"), ("呈上来", "发给我"), ("速速", ""),
    # English put word for word through a machine translator: "sign up for" as 签名向上为, "sign me up" as 签我向上
    ("签名向上为", "报名"), ("签约向上为", "报名"), ("签字向上为", "报名"), ("标志向上为", "报名"), ("注册向上为", "报名"),
    ("签名向上", "报名"), ("签约向上", "报名"), ("签字向上", "报名"), ("标志向上", "报名"), ("注册向上", "报名"),
    ("签我向上", "给我报名"), ("谢谢你为你的帮助", "谢谢"), ("感谢你为你的帮助", "谢谢"),
]
# words that are dialect only in some places: Hakka 涯 (我) but not 生涯/天涯; 恁 (你) before a verb
DIALECT_RE = [(re.compile(r"(?<![生天])涯(?=[报的有上要想去在都还是])"), "我"),
              # a yes-no question asked as "A不A" is no refusal: "拔河我报不报得" → 能报吗, "参不参加得" → 能参加吗
              (re.compile(r"(报|去|参)不\1(名|加)?得"), r"能\1\2吗"),
              (re.compile(r"能不能(?=参加|去|报|来)"), "能否"),  # "我能不能参加" asks, it refuses nothing (不能参加)
              # Wu: 伐 ends a question, 好 before a verb is "can" ("还好报名伐" → 还能报名吗)
              (re.compile(r"(?<=[\u4e00-\u9fff])伐(?=$|[，,。！!？?\s])"), "吗"),
              (re.compile(r"(?<=[还也])好(?=报|去|参加|带)"), "能"),
              (re.compile(r"勿(?=报|去|参加|来)"), "不"),  # Wu: "先勿报" → 先不报
              (re.compile(r"昨个(?!人)"), "昨天"),  # northern 昨个 (昨天): "夜里头，昨个"
              (re.compile(r"有([\u4e00-\u9fff]{1,4})无(?=[？?。!！\s]*$)"), r"有\1没"),
              # "还去不去" asks whether it goes ahead, it does not withdraw: "下雨还去不去" → 下雨还去吗
              (re.compile(r"还(去|办|搞|比|举行|进行)不\1(?!呢)"), r"还\1吗"),
              # Cantonese 係 (是), written 系 once simplified, after 唔係 puts a name right: "唔係刘洋 係冯浩"
              (re.compile(r"(不是[^\s，,。]{1,6}[\s，,。]{1,2})系(?![里统列])(?=[\u4e00-\u9fff])"), r"\1是"),
              # Cantonese "bb" is a baby only as a word of its own, never inside a code: "绑定码 N377SKBB"
              (re.compile(r"(?<![0-9a-z])bb(?![0-9a-z])"), "宝宝"),
              # the bot called by a pet name is no baby: "工会宝宝晚安" (but "生宝宝", "王老师的宝宝")
              (re.compile(r"(?<=工会|助手)(宝宝|宝贝)"), "")]
# typos of shape (handwriting and 五笔 input put a neighbour of the character) on the key words
SHAPE_TYPOS = [("投拆", "投诉"), ("极名", "报名"), ("拫名", "报名"), ("报民", "报名"), ("体捡", "体检"), ("候朴", "候补"),
               ("邦定", "绑定"), ("帮定", "绑定"),
               ("自已", "自己"), ("侯补", "候补"), ("等侯", "等候")]  # 五笔: 己/已, 侯/候
# 火星文, the "Martian" script of chat (after OpenCC): look-alike or sound-alike characters and bopomofo for the plain
# ones ("莪報ㄋ啥??" → 我报了啥??); only characters no teacher writes for themselves
MARTIAN = {"莪": "我", "硪": "我", "伱": "你", "沵": "你", "妳": "你", "ㄋ": "了", "ㄌ": "了", "ㄉ": "的", "旳": "的",
           "湜": "是", "昰": "是", "僦": "就", "鉯": "以", "噵": "道", "倁": "知", "蒶": "给", "徦": "假", "ㄚ": "啊",
           "吖": "啊", "菿": "到", "莋": "做", "侢": "再", "呮": "只", "兲": "天", "夶": "大", "ㄇ": "吗"}
# whole syllables in bopomofo, tone mark or not, before the single letters above: "ㄅㄠˋ名" (报名), "可以ㄇㄚ˙" (吗)
# (the light tone "˙" is " \u0307" once NFKC has read it)
BOPOMOFO = [("ㄅㄠˋ", "报"), ("ㄅㄠ", "报"), ("ㄇㄚ \u0307", "吗"), ("ㄇㄚ", "吗"), ("ㄉㄜ \u0307", "的"), ("ㄌㄜ \u0307", "了")]
SHAPE_TYPOS += BOPOMOFO + list(MARTIAN.items())
# 报 typed as its homophone before a measure word: "帮我抱个拔河", "我也抱一个" (not "抱孩子")
SOUND_TYPOS = [(re.compile(r"(帮我|给我|帮忙|我要|我想|顺便|再|也|就)抱(?=个|一个|上)"), r"\1报")]
# pinyin initials, net slang and emoji teachers type for the bot's words; whole latin words only, never
# inside a binding code or ticket ("QX26PJ8U")
SLANG = [(re.compile(r"(?<![0-9a-z])bm(?![0-9a-z])"), "报名"), (re.compile(r"(?<![0-9a-z])qx(?![0-9a-z])"), "取消"),
         (re.compile(r"(?<![0-9a-z])bd(?![0-9a-z])"), "绑定"), (re.compile(r"(?<![0-9a-z])td(?![0-9a-z])"), "退订"),
         (re.compile(r"(?<![0-9a-z])hd(?![0-9a-z])"), "活动"), (re.compile(r"(?<![0-9a-z])tj(?![0-9a-z])"), "体检"),
         (re.compile(r"(?<![0-9a-z])zsbd(?![0-9a-z])\s*"), ""),  # 字数补丁: filler that says nothing
         (re.compile(r"(?<![0-9a-z])(yyds|nb|666+)(?![a-z0-9])"), "太棒了"), (re.compile(r"(?<![0-9a-z])xswl(?![0-9a-z])"), "笑死了")]
EMOJI = {"🏓": "乒乓球", "🏸": "羽毛球", "🏀": "篮球", "⚽": "足球", "🎤": "卡拉ok", "🎙": "卡拉ok", "📚": "读书会",
         "📖": "读书会", "💍": "结婚", "👶": "宝宝", "💐": "插花", "🌸": "插花", "⛰": "登山", "🏔": "登山", "🧗": "登山", "🥾": "登山", "🏥": "医院", "🩺": "体检",
         "🙏": "谢谢", "👍": "好", "👌": "好", "🎂": "生日", "💒": "结婚", "🕯": "去世", "❓": "?", "❔": "?"}

# WeChat's panel faces arrive as text codes ("[捂脸]", "[OK]", "[强]"): the ones that say yes read as 好,
# the rest are no words at all (a "[OK]" is never 卡拉OK, a "[爱心]" never 爱心 as a word)
WECHAT_FACES = ("微笑|撇嘴|色|发呆|得意|流泪|害羞|闭嘴|睡|大哭|尴尬|发怒|调皮|呲牙|惊讶|难过|酷|冷汗|抓狂|吐|偷笑|愉快|白眼|傲慢|"
                "困|惊恐|流汗|憨笑|悠闲|奋斗|咒骂|疑问|嘘|晕|衰|骷髅|敲打|再见|擦汗|抠鼻|鼓掌|坏笑|左哼哼|右哼哼|哈欠|鄙视|委屈|"
                "快哭了|阴险|亲亲|可怜|菜刀|西瓜|啤酒|咖啡|猪头|玫瑰|凋谢|嘴唇|爱心|心碎|蛋糕|炸弹|便便|月亮|太阳|拥抱|强|弱|"
                "握手|胜利|抱拳|勾引|拳头|ok|跳跳|发抖|怄火|转圈|嘿哈|捂脸|奸笑|机智|皱眉|耶|吃瓜|加油|汗|天啊|emm|社会社会|"
                "旺柴|好的|打脸|哇|翻白眼|666|让我看看|叹气|苦涩|裂开|合十|红包|福|烟花|爆竹|礼物|庆祝|囧|笑脸|生病|破涕为笑|"
                "吐舌|脸红|恐惧|失望|无语|嘿嘿|奸笑|强壮|失望")
FACES_SAYING_YES = {"ok": "好", "强": "好", "好的": "好", "胜利": "好", "耶": "好", "握手": "好"}
