"""Consent to be named on a suggestion, as teachers say it ("写我名字", "署我名" / "不用署名", "唔好写我个名")."""

from __future__ import annotations

import functools
import re

from bot.answers import unwrapped
from bot.idioms import unnegated
from bot.nlu import normalize, words_version
from handlers.suggestions.leftout import without_other_refusals
from handlers.suggestions.namepatterns import authored_by, group_only, name_said, signs_as
from handlers.suggestions.rejections import DISOWNED, rejections_read

# Consent to be named: only a clear ask counts ("署名", "实名", "写我名字", "留我名字", "不要匿名"); a
# negation ("不用署名", "不要写名字", "不留名") or "匿名" is anonymous; anything else is unclear.
NAMED = (r"(实名|署名|具名|署上?(我|她|他)?的?名字?|落款|签名|写(上|下)?(我的?|我个|她的?|他的?|阿拉的?|俺的?|咱的?|我们的?|朕的?|老夫的?|在下的?)?名字?|"
         r"留(下|个)?(我的?|我个)?名字?|留名|报(上)?我的?名字|用(我|她|他)的?名字|挂(上)?(我的?)?名字?|"
         r"名字(可以|就|你|直接)?(写|署|挂|留)(上|下)?(?!不)|(以|用)(我|本人|我个人|个人|我本人)的?名义|署(上)?本人|本人署名)")
NEGATION = (r"(禁止|严禁|不准|不许|不得|不用|不使|不要|不必|无需|无须|不需|毋需|毋须|不方便|不便|不好意思|没必要|没有必要|用不着|不想|不愿意?|不需要|不敢|害怕|(?<!不)怕|不能|不可以|不希望|拒绝|不同意|"
            r"不太想|不打算|别|勿|免|莫|甭|不)(再|要)?(给我)?")
# a name refused after the word: "实名就算了", "署名就不必了", "实名不太好吧", "签名就不签了"
REFUSED_AFTER = r"(?:(?!匿名|实名|署名|具名).){0,4}?(算了|不必|免了|不方便|不便|[:：]?(否|无$)|不好(?!意思)|不了|不要|不用|不签|不写|不行|不太好|就不|没必要|别|不敢|找死|送死|自投罗网)(?!再?匿名)"  # ("署名就成，甭匿名": the refusal is of anonymity)
_NAMED_RE = re.compile(NAMED)
_NEGATED_NAMED_RE = re.compile(NEGATION + NAMED)
# ("署名吧，匿名就不必了": the gap holds no other choice, whose refusal it is)
_REFUSED_NAMED_RE = re.compile(NAMED + REFUSED_AFTER)
# the name refused before its verb: "名字就别写了", "名字不用署"
_NAME_NOT_WRITTEN_RE = re.compile(r"名字?(就|也|还是|你)?(千万)?(别|不要|不用|不必|甭|莫|不)(写|署|挂|留|签|报)")
# anonymity asked for in plain words: "别让人知道是我", "不想让领导知道是谁提的"
_ANON_RE = re.compile(r"匿名|无名|不具名|(别|不要|不想|不愿意?|莫|甭|不能)(让|叫|被)?(人|别人|领导|他们|大家|任何人|谁|学校|校长|同事)?"
                      r"(知道|晓得|看出|认出|发现|查到)(是我|我是谁|是谁)")
# anonymity refused after the word ("署名吧，匿名就不必了"): it no longer asks for anonymity, nor by itself for a
# name ("匿名就算了" alone stays unclear: the safe direction)
_REFUSED_ANON_RE = re.compile(r"匿名(就|的话|嘛)(算了|不必了?|免了|不用了|不要了|没必要了?|不了)(?=$|[，,。.!！~；;])")
_NEGATED_ANON_RE = re.compile(r"(?<!要)(不用|不要|不必|无需|不想|别|甭|嫑|莫|不)(再)?(申请|要求|选择?|走)?匿名")  # "甭匿名", "不申请匿名"
# a question about signing is not a request to sign: "实名会被报复吗？", "要不要匿名？", "什么是实名"
_TAG_QUESTION = re.compile(r"(?<=[^不太别])(没关系|没事|可以|行|没问题|也行|也可以|好)(的)?吧[?？]*$")
# any doubt beside a name leaves it unclear (anonymous): "实名怕被报复", "署名不合适", "非实名", "取消署名"
_DOUBT_RE = re.compile(r"(?<!不)怕|(?<![不作做说干])敢(?![作做说干]敢)|担心|(就|会|有|惹|招)麻烦|顾虑|风险|吓|报复|穿小鞋|不妥|不合适|方便|不便|算|免|非|取消|撤|去掉|删|不是|不太|"
                       r"不(?!怕|敢|好意思|要紧|介意|用担心|碍事|妨)|没底|别|勿|甭|咪|冇|否|无(?!所谓|妨|碍)|拒绝|犹豫|考虑|再说|"
                       r"[✗✘❌×]|(?<![a-z])x(?![a-z])|"
                       # a name supposed, denied as said, or someone else's: "要是实名的话", "谁说要实名了", "同事说要实名"
                       r"(如果|要是|假如|假设|万一|倘若|若是)[^，,。]{0,6}(实名|署名|具名|名字)|(实名|署名|具名|名字)[^，,。]{0,4}的话|没说|谁说|个(头|鬼|屁|毛)|"
                       r"(他|她|别人|人家|大家|同事|领导|你们|老公|老婆|爱人|媳妇|对象|家里|校长|主任)[^，,。]{0,3}(说|讲|让|叫|觉得|认为|建议|要求)|让我|叫我|"
                       # a story of what befell those who were named is no consent: "上次实名的老师被约谈了", "实名的都没好下场"
                       r"(实名|署名|具名|留名|写名字|写了名字)(提|反映|举报|投诉|写|发|说|提意见|提建议)?(过|了)?的(人|老师|同事|同志|都|全|几|下场|后果|结果|家伙)|"
                       r"被[^，,。！!]{0,4}(约谈|找|批|整|处分|处理|针对|记恨|盯上|点名|训|骂|秋后算账|调岗|调走|扣|谈话|开除)|约谈|"
                       r"没(有)?(什么|啥)?好(下场|果子吃|结果)|下场|倒霉|遭殃|吃(了)?亏|秋后算账|挨(了)?(批|骂|整|训)",
                       re.IGNORECASE)
_QUESTION_RE = re.compile(r"[?？吗呢]|怎样|咋|如何|啥样|(?<!没)什么|(?<!没)啥|区别|要不要|能不能|能不|会不会|行不行|可不可以|是不是|是否|有用|怎么|为什么|不知道")


# the teacher changing her mind inside one answer: "匿名好了 啊不对 还是写我名字吧", "实名吧，算了，改成匿名"
_CHANGED_MIND = re.compile(r"((?:啊|哦|呃|噢)?不对(?!外|劲|称|口|付|头)|说错了?|打错了?|算了|还是|改成|改为|换成|改主意了?|想了想|哦不|呃不|不不|(?:啊|哦|呃|噢)不是)")
# 还是 right after one choice offers the other, it changes no mind: "匿名还是实名都行", "匿名 还是写实名他们会知道是我"
# ("匿名好还是实名好": a choice and how good it is, then 还是, asks which: attack review 17)
_EITHER_OR = re.compile(r"(匿名|实名|署名|具名|名字|记名)(好|更好|比较好|好些|好点|合适|更合适|比较合适|稳妥|保险)?$")
_REFUSING = re.compile(r"(匿名|实名|署名|具名|名字)(就|的话)$")
# what a change of mind to a name may say besides the name: "还是写我名字好了 实名啦", not "还是那样 署名的话领导会找我"
_ONLY_ASKS = re.compile(r"([,，。.!！~…]|愿意|乐意|同意|好了|就好|都是|就行|即可|也行|也可以|可以|没事|没关系|那就|直接|麻烦|提交|处理|反映|[吧啦了啊呀哈嗯的那就还是我用写上提要请好])*")


# no fear said about a name is no doubt: "实名吧，没啥怕的", "没什么好担心的" ("实名怕被报复" still doubts)
# ("冇得么事怕的", "没啥不能说的", "额不怕", "不会就好 那实名吧": no doubt either)
# ("我宋健怕啥", "怕什么", "有啥好怕": a fear asked back, none had)
_FEARLESS = re.compile(r"((没|没有|冇|有啥|有什么)得?(啥|什么|么事|么子|啥子)?(好|可)?(怕|担心|顾虑|不能说|不好说|见不得人)的?|"
                       r"(我|额|俺)?(还|又)?(怕|担心|顾虑)(个)?(啥|什么|甚|么子|啥子|谁)|"
                       r"(我|额|俺)?(不怕|不在乎|无所谓|不再?(躲|藏|躲躲藏藏|藏着掖着))|(不会|没有|没事|没影响|不影响)(就|那就)?(好|行)(了|的)?)"
                       r"(了|嘛|啊|呀|哈|额)?(?=$|[,，。.!！~]|那|就|还是|实名|署名|写|匿名)")
# the certain form of a rhetorical yes: the name alone, its question mark, then only no fear ("实名？怕啥", "署名?有啥好怕的",
# "写我名字？怕什么呀"); "实名怕啥？" (which may ask what there is to fear) and "实名？为啥" stay unclear
_RHETORICAL = re.compile(r"^(?P<name>" + NAMED + r")(?:吧|呗|呀|啊)?[?？]+(?P<rest>.+)$")
# a dialect's words for a name refused or given: "嫑写额名字" (Shaanxi), "莫写我名字"
_DIALECT = [(re.compile(r"嫑|莫(?=写|署|留|挂|报|用)"), "不要"), (re.compile(r"(?<=[写署留用挂报])额|额(?=的?个?名)"), "我")]


# the closing wishes of a letter or a host's lines: "让我们共同期待精彩的比赛", "预祝活动圆满成功" (an aside only
# while it wishes nothing feared: "让我们共同期待秋后算账", "祝我不被穿小鞋一切顺利" doubt the name: attack review 25)
_WISH = r"让我们(一起|共同|一同)?(期待|拭目以待|携手|迎接|预祝|祝愿?)[^，,。!！？?]*|(预祝|祝愿?)[^，,。!！？?]{0,16}(成功|顺利|愉快|精彩|快乐|圆满)"
_WISH_HEAD = re.compile(r"^让我们|^(预祝|祝愿?)")


# a clause that gives no fear as her reason to be named: "又没说什么见不得人的", "身正不怕影子斜", "光明正大的",
# "我说的都是实话", "有啥不敢说的", "我又不怕得罪人" (a clause of its own: "实名怕被报复" still doubts)
_ASIDE = re.compile(
    r"(我|额|俺)?(又|也|反正|本来就)?(没|没有|冇|不是)(说|写|讲|做|干|提|反映)?(什么|啥|啥子|么子|么事)?(见不得人|亏心|不能说|不好说|不可告人|坏话)的?(事|话)?"
    r"|(有)?(什么|啥|啥子)(不敢说|不能说|好怕|可怕|见不得人|好藏|好瞒)的?"
    r"|身正不怕影子斜|光明正大的?|问心无愧|坦坦荡荡的?|行得正坐得直|对事不对人"
    # pride in one's own name, as the set phrase says it, its speaker named first: "俺老孙行不更名坐不改姓", "本人行不改名"
    r"|(大丈夫|男子汉|老娘|老子|本人|我)?(老[\u4e00-\u9fff])?(行不(更|改)名坐不改姓|行不(更|改)名|坐不改姓)"
    # the closing wishes of a letter or a host's lines: "让我们共同期待精彩的比赛", "预祝活动圆满成功"
    r"|" + _WISH +
    r"|(我)?(说|提|反映|写)的(都是|是|全是)(实话|事实|实情|真话|真的|实际情况)"
    r"|(我|额|俺)?(又|也|才|可)?不怕(得罪人|被报复|穿小鞋|领导知道|别人知道|人知道|谁知道)"
    r"|(这|这个|这事|此事|这件事)(是|关系到|事关|涉及|属于)(学生|师生|大家的?)?(安全|人身安全|大事|正事|公事|正经事)(问题|的事|隐患)?"
    r"|(反正|本来|其实)(大家|别人|领导|他们|谁)?(都|也)?(知道|晓得|猜得到|猜得出|认得出)(是我|我)的?")
_ASIDE_END = r"(啊|嘛|呀|哈|的|了|呢|啦)*"


def without_asides(text: str) -> str:
    """The answer without its clauses that only give no fear as a reason ("算了 还是实名吧 又没说什么见不得人的"
    → "算了 还是实名吧"); the whole answer when nothing else is left."""
    parts = re.split(r"([\s,，。.!！~；;]+)", text.strip())
    kept = "".join(p for p in parts if not _aside(normalize(p)))
    return kept.strip(" ,，。.!！~；;") or text


def _aside(clause: str) -> bool:
    if not re.fullmatch(f"(?:{_ASIDE.pattern}){_ASIDE_END}", clause):
        return False
    wish = re.fullmatch(f"(?:{_WISH}){_ASIDE_END}", clause)
    return not (wish and re.search(_DOUBT_RE.pattern + "|匿名", _WISH_HEAD.sub("", clause), re.IGNORECASE))


# a fear given as the reason for anonymity: "怕领导找我谈话hhh", "免得别人以为我身体有什么情况" (set apart only to
# see that a change of mind to anonymous says nothing else; it is never taken out before a name is read)
_FEAR_REASON = re.compile(r"^(emm+|嗯+)?((实名|署名|写名字|留名)(的话)?)?(怕|害怕|担心|免得|省得|以免|不然|要不然|不想让)")
# a message that is nothing but a name asked for: "实名吧", "实名就实名" (just after an anonymous receipt, the
# question's late answer; a bare "匿名" after a signed one changes nothing by itself: it is asked whether to,
# handlers/suggestions/again.py, tests/test_attack10.py)
BARE_CHOICE = re.compile(r"^(那就?|就|嗯)?(实名|署名)(就(实名|署名))?(吧|嘛|啦|了|呗|就行|好了|哈|呀)*[。.!！~]*$")


# a late answer that starts by asking for a name: "实名 就写我名字", "就写我名字吧" (only_changes_to_named still
# checks that it says nothing else)
NAMED_FIRST = re.compile(r"^(那就?|就|嗯|好)?(" + NAMED + ")")


def without_reasons(text: str) -> str:
    """The answer without its asides and its clauses that give a fear as the reason ("还是匿名吧 怕领导找我谈话")."""
    parts = re.split(r"([\s,，。.!！~；;]+)", without_asides(text).strip())
    kept = "".join(p for p in parts if not _FEAR_REASON.match(normalize(p).strip()))
    return kept.strip(" ,，。.!！~；;") or text


def changed_to(said: str, whole: bool | None) -> bool | None:
    """The choice of a change of mind: the whole message's, or anonymous when only its reason left it unclear
    ("想了想还是匿名吧，免得别人以为我身体有什么情况"); never a name that the whole message did not ask for."""
    return whole if whole is not None else (False if answer_to_sign(said) is False else None)


def sign_choice(text: str) -> bool | None:
    """True: the teacher clearly asked to sign (be named). False: asked for anonymity, or refused
    a name. None: said nothing clear either way, or asked a question about it (callers treat both
    as anonymous). Consent is never guessed toward disclosure. After a change of mind, the clear
    choice that follows it wins (a name only when nothing but the ask follows); otherwise the whole
    answer is read."""
    t = re.sub(r"\s+", "", normalize(unnegated(without_asides(without_other_refusals(text)))))  # "唔好写我个名" → "不要写我个名"
    for said, meant in _DIALECT:  # ("当仁不让，署我的名": the 成语 is no doubt, bot/idioms.py)
        t = said.sub(meant, t)
    t = rejections_read(t)  # "实名提交，检讨书哪有匿名的" → "实名提交，检讨书不匿名。"
    rhetorical = _RHETORICAL.match(t)  # "实名？怕啥": the name asked back, the fear laughed off: a name
    if rhetorical and not _FEARLESS.sub("", rhetorical["rest"]).strip("。.!！~"):
        t = rhetorical["name"]
    t = _FEARLESS.sub("", t) or t
    turns = [m for m in _CHANGED_MIND.finditer(t) if not (m.group() == "还是" and _EITHER_OR.search(t[:m.start()]))
             and not (m.group() == "算了" and _REFUSING.search(t[:m.start()]))]  # "匿名就算了": a refusal, no turn
    if turns and turns[-1].start() == 0 and t[turns[-1].end():]:  # "算了 实名吧": the mind changed before it
        t = t[turns[-1].end():].lstrip(",，。.!！~")
    elif turns:
        rest = t[turns[-1].end():].lstrip(",，。.!！~")
        after = _choice(rest)
        if after is False or (after is True and _ONLY_ASKS.fullmatch(_NEGATED_ANON_RE.sub("", _NAMED_RE.sub("", rest)))):
            return after
        whole = _choice(t)
        return None if whole is True else whole  # "实名 说错了", "实名 改主意了": the name taken back
    return _choice(t)


# what a change of mind may say around it: "想了想 这也没啥 还是写我名字吧 实名"
_MIND_WORDS = re.compile(r"这也?没啥|没啥|也?没什么|无所谓|不怕|想想|算了|哦不|呃不|不不|啊|等一?下|等等|等会儿?|稍等|哎呀|哎|诶")


def only_changes_to_named(text: str) -> bool:
    """Whether a message says nothing but a change of mind to being named ("算了 还是实名吧"), not
    something else about names ("评优投票还是实名吧", "建议实名制选举")."""
    t = re.sub(r"\s+", "", normalize(without_asides(text)))
    t = _FEARLESS.sub("", t) or t
    left = _MIND_WORDS.sub("", _NEGATED_ANON_RE.sub("", _NAMED_RE.sub("", _CHANGED_MIND.sub("", t))))
    return bool(_ONLY_ASKS.fullmatch(left))


def _choice(t: str) -> bool | None:
    *asked, after = re.split(r"[?？]", t)
    if asked and after.strip("。.！!~"):  # "要写名字吗？那写吧": the words after the question answer it
        t = after
    t = _TAG_QUESTION.sub("", t) or t  # "写我名字没关系吧？" asks nothing: it says yes
    if _QUESTION_RE.search(t):
        return None
    negated_named = [m.span() for m in _NEGATED_NAMED_RE.finditer(t)] + [
        m.span() for m in _REFUSED_NAMED_RE.finditer(t)] + [m.span() for m in _NAME_NOT_WRITTEN_RE.finditer(t)]
    named = [m for m in _NAMED_RE.finditer(t)
             if not any(a <= m.start() and m.end() <= b for a, b in negated_named)]
    negated_anon = [m.span() for m in _NEGATED_ANON_RE.finditer(t)]
    refused_anon = [m.span() for m in _REFUSED_ANON_RE.finditer(t)]
    anon = [m for m in _ANON_RE.finditer(t)
            if not any(a <= m.start() and m.end() <= b for a, b in negated_anon + refused_anon)]
    wants_name = bool(named) or bool(negated_anon)
    wants_anon = bool(anon) or bool(negated_named)
    if wants_name and not wants_anon:
        rest = "".join(ch for i, ch in enumerate(t) if not any(a <= i < b for a, b in negated_anon + refused_anon))
        return None if _DOUBT_RE.search(rest) else True
    if wants_anon and not wants_name:
        return False
    return None


# "那写吧", "写上吧", "署上": to "要署上您的名字吗？" the verb itself is the ask (a bare "好" is not)
_WRITE_IT_RE = re.compile(r"(那|那就|就|你|没事|没关系|放心|直接)?(写|署|签|留)(上|下)?(吧|呗|啊|呀|好了)?")
# a suggestion that ends by saying how to send it: "…，写我名字", "… 署我的名", "… 匿名就行", "…，实名提"
_TAIL_RE = re.compile(r"(请|就|帮我|麻烦|我要?就?|我)?(" + NEGATION + r")?(" + NAMED + r"|匿名|不具名)(提交?|反映|发|处理)?")
_TAIL_END = re.compile(r"(吧|就行|就好|就可以|即可|哈|啊|呀|了|谢谢)+$")


# the answer typed by sound, on its own ("实明", "署明", "逆名"): what it sounds like is what was meant
_BY_SOUND = {"shiming": True, "shuming": True, "niming": False}


def _by_sound(text: str) -> bool | None:
    t = re.sub(r"[吧啊呀哈了的]+$", "", re.sub(r"[\s。.!！~，,]+", "", normalize(text)))
    if t in _BY_SOUND:  # "shiming", typed in pinyin and sent before the characters were picked
        return _BY_SOUND[t]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2}", t):  # "署名×", "实名X": the mark is part of the answer
        return None
    from pypinyin import lazy_pinyin

    return _BY_SOUND.get("".join(lazy_pinyin(t)))


def without_own_name(text: str, member) -> str:
    """The answer without the sender's own name signed to it ("实名就实名 张三提的", "实名 我韩冬提的"):
    her own name says no more than her choice does (it is never read as consent on its own)."""
    if member is None or len(member.name) < 2:
        return text
    return _without_name(text, member.name)


_WRITTEN_OUT = re.compile(r"(写|署|签|落|挂|留|填)(上|下)?(我的?|本人)?\x00(老师)?(这|那)?([两三四几]个字|的?名字|之名|大名)")


def _written_out(found: re.Match) -> str:
    said = found.string
    before = re.split(r"[，,。.！!？?；;\n]", said[:found.start()])[-1]
    if re.search(r"[禁不别勿莫谁]|上次|你们|要是|如果|假如|万一", before) or DISOWNED.search(said[found.end():]):
        return found.group()
    return "写我名字"


def _without_name(text: str, name: str) -> str:  # not remembered: a memory of texts beside their senders' names
    # would link an anonymous suggestion to its sender in a worker's memory (attack review 12)
    if name not in text:  # (nothing to take out: no pattern made, as re's cache of 512 is too small for
        return text.strip() or text  # a school's names, each teacher's first message compiled one)
    # her name written out to be put to it ("写上陈玉珍三个字", "此策署上张伟之名"): the ask it is, as if in words
    # (her name stands in as one mark, so the pattern is compiled once, not once a name: perf23)
    # (only as her own ask: nothing forbidding it in its clause, nothing taking it back after it: "禁止写上陈玉珍三个字",
    # "写上陈玉珍三个字就等于找死", "你们上次写上陈玉珍三个字，害我被约谈" are no consent: attack review 21)
    text = _WRITTEN_OUT.sub(_written_out, text.replace(name, "\x00")).replace("\x00", name)
    return name_said(name).sub(" ", text).strip() or text


def her_answer(text: str, ctx) -> bool | None:
    """answer_to_sign of what the sender said, her own name taken out; unclear (None) when it names anyone
    else on the roster ("署名张伟", "实名就实名 张伟提的"): another's name is never her consent. Read inside what
    wraps it, as every answer is (bot/answers.py: "匿名（划掉）实名", "答：实名")."""
    text = unwrapped(text)
    others = [name for name in ctx.store.members.active_names_in(text) if ctx.member is None or name != ctx.member.name]
    if not others and signed_by_self(text, ctx.member):  # "张伟提的": her name put to it, as a signature
        return True
    return None if others else answer_to_sign(without_own_name(text, ctx.member))


def signed_by_self(text: str, member) -> bool:
    """An answer that is her own name put to the suggestion as its author ("张伟提的", "我张伟写的", "落款张伟");
    her name alone ("张伟") is asked again (tests/test_conversations_round12_conv17.py)."""
    if member is None or len(member.name) < 2 or member.name not in text:
        return False
    t = re.sub(r"[\s。.!！~，,]+", "", normalize(text))
    return authored_by(t, member.name)


def answer_to_sign(text: str) -> bool | None:
    """The answer to "要署上您的名字吗？": sign_choice, the verb on its own ("那写吧"), or a word typed by
    its sound ("实明")."""
    choice = sign_choice(text)
    if choice is None:
        choice = _by_sound(text)
    if choice is None:
        t = re.split(r"[?？]", re.sub(r"\s+", "", normalize(text)))[-1].strip("。.！!~")
        if _WRITE_IT_RE.fullmatch(re.sub(r"(.{2,}?)\1+$", r"\1", t)):  # "写吧写吧"
            return True
    return choice


def _signature(clause: str, member) -> bool:
    """A clause that only signs it, after the choice: her group ("退休组", "数学组的"), her own name, or both
    ("数学组赵敏"): handlers/suggestions/namepatterns.py."""
    c = re.sub(r"\s+", "", normalize(clause))
    return bool(c) and (group_only(c) or (member is not None and len(member.name) >= 2 and signs_as(c, member.name)))


def trailing_choice(text: str, member=None) -> tuple[str, bool | None]:
    """(the suggestion without its last clause, the choice) when that clause only says how to send it
    ("建议食堂增加早餐窗口，写我名字"); else (text, None). A clause that says more ("留名字太麻烦") is
    part of the suggestion. The clauses after it that only sign it as `member` ("…署我的名字，赵淑芬，退休组") are
    left out with it: her name is said by the choice, never kept in the suggestion's words."""
    text = re.sub(r"[（(【\[]([^）)】\]]{1,10})[）)】\]]\s*$", r"，\1", text.strip())  # "…（署名）"
    parts = re.split(r"([，,。；;！!：:\s]+)", text.strip())  # ("…这封信署我的名字：行政后勤组彭亮")
    while parts and not parts[-1].strip():
        parts = parts[:-2] if len(parts) >= 2 else []
    signed = parts
    while len(signed) >= 3 and _signature(signed[-1], member):
        signed = signed[:-2]
    if signed is not parts and len(signed) >= 3:
        rest, choice = trailing_choice("".join(signed))
        if choice is not None:
            return rest, choice
    if len(parts) < 3:
        return text, None
    last = _TAIL_END.sub("", re.sub(r"^(这封信|此信|本信|这条建议|本建议|此建议|这个建议)|\s+", "", normalize(parts[-1])))
    if not last or len(last) > 8 or not _TAIL_RE.fullmatch(last):
        return text, None
    choice = sign_choice(last)
    return ("".join(parts[:-2]).strip(), choice) if choice is not None else (text, None)


# before the suggestion, how to send it: "算了没什么好怕的 用我名字提 办公室空调坏了一个月了没人修"
_CLAUSES = re.compile(r"([，,。；;！!：:\s]+)")


def _filler(text: str) -> bool:
    """Whether words before a choice say nothing but a change of mind ("算了没什么好怕的", "想了想 那")."""
    t = _MIND_WORDS.sub("", _CHANGED_MIND.sub("", _FEARLESS.sub("", re.sub(r"[\s，,。.！!~]+", "", normalize(text)))))
    return not re.sub(r"[那就我吧好嗯行呀啦了]", "", t)


_SAID_FIRST = re.compile(r"^(那就|那么|那|就|还是|好吧|行吧|好的?|行|嗯+)+")


def leading_choice(text: str) -> tuple[str, bool | None]:
    """(the suggestion after its first clauses, the choice) when one of them only says how to send it and
    any before it only change a mind ("用我名字提 办公室空调坏了", "匿名：食堂太咸"); else (text, None)."""
    parts = _CLAUSES.split(text.strip())
    words = parts[0::2]
    for k, word in enumerate(words[:3]):
        clause = _TAIL_END.sub("", _SAID_FIRST.sub("", re.sub(r"\s+", "", normalize(word))))
        choice = sign_choice(clause) if clause and len(clause) <= 10 and _TAIL_RE.fullmatch(clause) else None
        rest = "".join(parts[2 * k + 2:]).strip()
        if choice is not None and len(rest) >= 4:
            return rest, choice
        if not _filler(word):
            break
    return text, None


# a question about who will know, not a suggestion: "提意见的话 会不会让领导知道是我啊", "匿名真的查不到吗"
_PRIVACY_RE = re.compile(
    r"(知道|看到|看得到|看得见|查到|查得到|查出|发现|认出|晓得|猜到|追查|暴露|泄露)[^，,。！!]{0,6}"
    r"(是我|是谁|我是谁|谁提|谁发|谁写|谁说|谁反映|我的?名字|我的?身份|名字|身份)"
    r"|(匿名|实名|署名)[^，,。！!]{0,8}(区别|什么意思|啥意思|真的|安全|保密|靠谱|可靠|有什么不同|有啥不同)"
    r"|(会不会|会|能不能|能)[^，,。！!]{0,6}(被|让)[^，,。！!]{0,8}(知道|发现|查到|看到|认出)"
    # what signing may bring: "实名的话会不会被领导约谈", "实名会影响我评职称吗"
    r"|(实名|署名|写名字|写我名字)(的话)?[^，,。！!]{0,4}(会不会|会|有没有|影响|约谈|找我|报复|穿小鞋|麻烦|后果)")
_ASKING = re.compile(r"[?？吗呢么嘛]|会不会|能不能|是不是|有没有|怎么|[啊呀]$")
PRIVACY_ANSWER = ("匿名提交不记录您的任何身份信息：工会和学校领导都看不到、也查不到是谁提的，答复凭编号查看。"
                  "实名提交会署上您的名字，工会可以直接答复您。意见、建议、投诉、教代会提案都可以提。")


_ABOUT_SUGGESTING = re.compile(r"意见|建议|投诉|反映|提案|匿名|实名|署名|吐槽")


_EITHER_CHOICE = re.compile(r"(匿名|实名|署名)[^，,。.!！]{0,4}还是")


def asks_about_signing(text: str) -> bool:
    """Whether a short message asks something about signing ("匿名是不是没人理", "还是实名好还是匿名好"), and is
    no suggestion labelled as one ("建议：评优投票能不能实名？")."""
    t = re.sub(r"\s+", "", normalize(text))
    return len(t) <= 24 and bool(_ABOUT_SIGNING.search(t)) and bool(
        _QUESTION_RE.search(t) or _EITHER_CHOICE.search(t)) and not _LABELLED.match(t)


_LABELLED = re.compile(r"(我的|我有个|提个|再提个|另外)?(建议|意见|提案|投诉|反映|反馈)(一下|一条|如下)?[:：]")


_ABOUT_SIGNING = re.compile(r"实名|匿名|署名|具名|留名|写名字|写我名字")


def asks_privacy(text: str, about_suggesting: bool = False) -> bool:
    """Whether a short message asks who would know that she sent it, or what anonymous means (and, with
    `about_suggesting`, says it is about sending a suggestion: "提意见的话领导会知道是我吗")."""
    return _asks_privacy(text, about_suggesting, words_version())


@functools.lru_cache(maxsize=4096)  # run on every message by the suggestion's claims; words_version: normalize's
def _asks_privacy(text: str, about_suggesting: bool, _words: int) -> bool:
    t = re.sub(r"\s+", "", normalize(text))
    return len(t) <= 40 and bool(_PRIVACY_RE.search(t)) and bool(_ASKING.search(t)) and \
        (not about_suggesting or bool(_ABOUT_SUGGESTING.search(t)))
