"""Reading a message the way a teacher meant it, before anything tries to understand it.

Two steps, both pure functions of the text:

`canonical(text)`: one spelling for what teachers write many ways. Full-width to half-width and
invisible characters removed (NFKC); traditional to simplified characters (OpenCC); Cantonese, Wu,
Sichuanese and Northeastern words and particles to Mandarin (a short table of the common ones);
spoken numerals to digits where they are numbers ("工号八零三六" → 8036 by the digit run, "十二月" →
12月 through cn2an); input-method homophones of the bot's key words ("抱名" → 报名, "体捡" → 体检,
"后补" → 候补), found by comparing pinyin (pypinyin) and kept only where the original pair of
characters is not itself a word jieba knows; English phrases and whole English sentences ("sign me up
for table tennis", "yes, I confirm", "next Monday") in the Chinese the bot reads (bot/english.py).
Handlers' slots are read from this form too.

`focus(text)`: the part of a canonical message that says what the teacher wants, for classifying:
without @mentions, the words of a title in 《》, a quoted message ("「引用：…」回复："), a formal preamble ("尊敬的工会领导：您好！
现就…咨询如下："), a clause that says what the teacher does *not* want ("先不报，", "不是要取消，"),
and anything after "另外 / 顺便 / 还有" (a second request: `split_requests` returns it).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from bot import clauses, english, ordering
from bot.firstchars import first_chars_of
from bot.firstchars import substituted as _substituted
from bot.joiners import lead_in_only, split_requests
from bot.quiz import unquizzed
from bot.spaced import unspaced
from bot.spellings import (
    DIALECT,
    DIALECT_RE,
    EMOJI,
    FACES_SAYING_YES,
    SHAPE_TYPOS,
    SLANG,
    SOUND_TYPOS,
    WECHAT_FACES,
)
from bot.stage import STRUCK, unreferenced, unstaged

# a code or a word said letter by letter with spaces by voice input: "8 h 3 t z m" → "8h3tzm"; digits one by one: "8-0-1-9"
SPACED_LETTERS = re.compile(r"(?<![0-9a-z])[0-9a-z](?: [0-9a-z]){3,}(?![0-9a-z])|(?<![0-9-])[0-9](?:-[0-9]){3,}(?![0-9-])")
PARTICLES = re.compile(r"(?<=[\u4e00-\u9fff])(伐|噻|嘞|咯|咧|哒|哈|嘛|啦)(?=$|[，,。！!？?\s])")
KEYCAP = re.compile("([0-9#*])\ufe0f?\u20e3")


def plain_digits(text: str) -> str:
    """Digits typed as keycap emoji, as digits: "工号8️⃣0️⃣1️⃣9️⃣" → "工号8019", "🔟" → "10"."""
    if "\u20e3" in text or "\U0001f51f" in text:
        text = KEYCAP.sub(r"\1", text).replace("\U0001f51f", "10")
    return text


DIGITS = "零〇一二三四五六七八九"
DIGIT_OF = {**{c: str(i) for i, c in enumerate("零一二三四五六七八九")}, "〇": "0", "幺": "1", "两": "2",
            **{c: str(i + 1) for i, c in enumerate("壹贰叁肆伍陆柒捌玖")}}
DIGIT_RUN = re.compile(r"[零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]{3,}")
# (and in 大写 numerals, as a formal notice writes a day: "玖月叁拾日" → 9月30日)
COUNTED = re.compile(r"(?<![零〇一二三四五六七八九十百两壹贰叁肆伍陆柒捌玖拾])([一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾]{1,3})"
                     r"(?=(月|号|日|周年|岁|点钟|点半|位数))")
_COUNTED_AFTER = frozenset("月号日周岁点位")  # one of them follows every match of COUNTED
# words whose homophones input methods produce, and that matter for understanding
KEY_WORDS = ["报名", "绑定", "候补", "体检", "建议", "取消", "拔河", "活动", "投诉", "祝福", "住院", "提案", "退订",
             "查询", "工号", "插花", "登山", "结婚", "去世", "名额", "截止"]


@functools.cache
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


_KEY_SET = frozenset(KEY_WORDS)


@functools.cache
def _sounds() -> tuple[list[str], dict[str, str]]:
    """pypinyin's answers for the characters and the key words, kept in a file (bot/sounds.py)."""
    from bot import sounds

    return sounds.load(tuple(KEY_WORDS))


def _pinyin_keys() -> dict[str, str]:
    return _sounds()[1]


def _sound(ch: str) -> str:
    """lazy_pinyin(ch)[0]: read from the file for a Chinese character U+4E00–U+9FFF."""
    i = ord(ch) - 0x4E00
    chars = _sounds()[0]
    if 0 <= i < len(chars):
        return chars[i]
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


@functools.cache
def _openers() -> dict[str, frozenset[str]]:
    """{a character whose sound begins a key word's sound: the sounds that end it}: "抱" → {"ming"}
    (bao + ming), read once from the characters' sounds."""
    ends: dict[str, set[str]] = {}
    for key in _pinyin_keys():
        for cut in range(len(key) + 1):
            ends.setdefault(key[:cut], set()).add(key[cut:])
    sounds = _sounds()[0]
    return {chr(0x4E00 + i): frozenset(ends[sound]) for i, sound in enumerate(sounds) if sound in ends}


@functools.cache
def _opener_re() -> re.Pattern:
    """Where such a character stands before a Chinese character (found in C, not a loop in Python)."""
    return re.compile("[" + "".join(sorted(_openers())) + "](?=[\u4e00-\u9fff])")


def _sounds_like_a_key_word(text: str) -> bool:
    """Two adjacent Chinese characters, not themselves a key word, whose sounds together are a key
    word's: `_sound(a) + _sound(b) in keys`, looked at only where the first could begin one."""
    openers = _openers()
    for m in _opener_re().finditer(text):
        a, b = text[m.start()], text[m.start() + 1]
        if _sound(b) in openers[a] and a + b not in _KEY_SET:
            return True
    return False


NUMERALS = frozenset("零〇一二两三四五六七八九十")
# a family word before "and" is the family, never half of a key word: "孩子他爸和俩娃", "我爸和我妈" (not 拔河)
KIN = frozenset("爸爹妈娘哥姐弟妹爷奶叔姨舅姑婆公娃")
AND = frozenset("和跟与同及")


def _homophones(text: str) -> str:
    """Two adjacent characters that jieba could not make a word of (it splits what it does not
    know into single characters), sounding like a key word: that key word. "体/捡" → 体检; "去/小卖部"
    is left alone (the pair straddles a word)."""
    from bot import lexicon

    keys = _pinyin_keys()
    if not _sounds_like_a_key_word(text):
        return text  # no pair sounds like a key word: nothing for jieba to check (most messages)
    toks = lexicon.cut(text, hmm=False)
    out, i = [], 0
    while i < len(toks):
        a = toks[i]
        b = toks[i + 1] if i + 1 < len(toks) else ""
        # (a numeral is never the half of a key word: "读书会减一" is a count going down, not 建议; "我去市二院" is a trip; "去是" is 去世 by its sound ("我爸昨天去是了") unless asked: "能去是吧", "也能去是不是")
        if len(a) == 1 and len(b) == 1 and "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff" and b not in NUMERALS and not (a in KIN and b in AND) and a + b != "去市" and not (a + b == "去是" and (re.match("[吧吗不么嘛去啊]", "".join(toks[i + 2:i + 3])) or re.search("[能也都以]$", "".join(out[-1:])))):
            word = keys.get(_sound(a) + _sound(b))
            if word:
                out.append(word)
                i += 2
                continue
        out.append(a)
        i += 1
    return "".join(out)


def _numerals(text: str) -> str:
    text = DIGIT_RUN.sub(lambda m: "".join(DIGIT_OF[c] for c in m.group(0)), text)
    if not _COUNTED_AFTER.isdisjoint(text) and COUNTED.search(text):
        import cn2an

        def counted(m: re.Match) -> str:
            try:
                return str(cn2an.cn2an(m.group(1), "smart"))
            except (ValueError, KeyError):
                return m.group(1)

        text = COUNTED.sub(counted, text)
    return text


# the bot's key words and a few answers typed in pinyin: "quxiao wo de 登山 baoming", "shi de 确认"
PINYIN_ANSWERS = ["是的", "确认", "好的", "不去", "不要", "参加"]


@functools.cache
def _pinyin_words() -> tuple[re.Pattern, dict[str, str]]:
    words = sorted(KEY_WORDS + PINYIN_ANSWERS, key=len, reverse=True)
    spelt = {w: [_sound(c) for c in w] for w in words}
    pattern = re.compile(r"(?<![0-9a-z])(" + "|".join(r"\s?".join(spelt[w]) for w in words) + r")(?![0-9a-z])")
    return pattern, {"".join(spelt[w]): w for w in words}


def _pinyin(text: str) -> str:
    pattern, word_of = _pinyin_words()
    return pattern.sub(lambda m: word_of.get(re.sub(r"\s", "", m.group(0)), m.group(0)), text)


# Cheap tests that let a step be skipped where it could change nothing (the same result, less work): a
# dialect word present at all; the characters a rule's match must begin with (bot/firstchars.py).
_DIALECT_ANY = re.compile("|".join(re.escape(word) for word, _ in DIALECT))
_FIRSTS = first_chars_of([p for p, _ in DIALECT_RE + SOUND_TYPOS] + [PARTICLES])
_DIALECT_RE = [(first, pattern, plain) for first, (pattern, plain) in zip(_FIRSTS, DIALECT_RE, strict=False)]
_SOUND_TYPOS = [(first, pattern, plain) for first, (pattern, plain) in zip(_FIRSTS[len(DIALECT_RE):], SOUND_TYPOS, strict=False)]
_PARTICLES = [(_FIRSTS[-1], PARTICLES, "")]
# a character outside the blocks where Unicode has no format character (Cf: U+00AD, U+0600–0605, U+200B…):
# only then is each character's category looked up (tests/test_nlu_speed.py checks the blocks)
NO_FORMAT = ("\x00-\xac\xae-\u05ff\u0610-\u061b\u061d-\u06dc\u06de-\u070e\u0710-\u088f\u0892-\u08e1"
             "\u08e3-\u180d\u180f-\u200a\u2010-\u2029\u202f-\u205f\u2070-\ufefe\uff00-\ufff8")
_MAYBE_FORMAT = re.compile(f"[^{NO_FORMAT}]")
_WIDE = re.compile("[^\x00-\u2e80]")  # any(ord(ch) > 0x2e80 for ch in text)
_EMOJI_CHARS = frozenset(EMOJI)
_FACE = re.compile(rf"\[({WECHAT_FACES})\]")


# marks typed in runs ("!!", "！！", "~~", "。。。", "…") part a message's phrases; a filler said first ("那个…",
# "嗯…", "呃 ") is no part of what is said, at any step: "那个…是的确认哈" → "是的确认"
RUNS = re.compile(r"\s*(?:!{2,}|！{2,}|~{2,}|～{2,}|。{2,}|\.{3,}|…+)\s*")
CLOSING_PARTICLE = re.compile(r"(?<=\S)[哈啊呀啦哦噢嘛]+[\s!！~～。.]*$")
_RUN_MARKS = ("!!", "！！", "~~", "～～", "。。", "...", "…")  # what any match of RUNS holds
LEAD_FILLER = re.compile(r"^(?:(?:那个|这个|呃+|额+|唔+|哎|诶|em+)\s*(?:[,，.。、~!…]+\s*|\s+)|"
                         r"(?:嗯+|就是)\s*(?:\.{2,}|…+|。{2,}|~{2,})\s*)+(?=\S)")  # "嗯 读书会", "就是 这个" are yeses


def unhedged(text: str, particle: bool = True) -> str:
    """Runs of marks as one separator (none at the end), a filler said first and a particle said last
    dropped: "那个…2哈" → "2". What an open question's answer is read from; `canonical` keeps the particle
    (its own table drops "哈" and the like, never a question's "吗啊")."""
    text = LEAD_FILLER.sub("", text) if LEAD_FILLER.match(text) else text
    if any(run in text for run in _RUN_MARKS) and RUNS.search(text):
        text = RUNS.sub(",", text).strip(",")
    return CLOSING_PARTICLE.sub("", text) if particle and CLOSING_PARTICLE.search(text) else text


def canonical(text: str, orders: bool = True) -> str:
    """The one spelling of a message (the module's doc), lower-case, trimmed; orders=False: no bot/ordering.py."""
    text = unicodedata.normalize("NFKC", text)
    text = plain_digits(text)
    if _MAYBE_FORMAT.search(text) and any(unicodedata.category(ch) == "Cf" for ch in text):
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = unhedged(unstaged(text.strip().lower()), particle=False)  # ("（搓手）那个…": bot/stage.py)
    if not text:
        return text
    if "[" in text:  # "好的[OK]给我报一个": a face, never 卡拉OK
        text = _FACE.sub(lambda m: FACES_SAYING_YES.get(m.group(1), " "), text).strip()
    if _WIDE.search(text):
        if " " in text:
            text = unspaced(text)
        text = _opencc().convert(text)
        if _DIALECT_ANY.search(text):  # (none there: none made by the replacing either)
            for word, plain in DIALECT:
                if word in text:
                    text = text.replace(word, plain)
        text = _substituted(_DIALECT_RE, text)
        for typo, word in SHAPE_TYPOS:
            if typo in text:
                text = text.replace(typo, word)
        text = _substituted(_SOUND_TYPOS, text)
        text = _substituted(_PARTICLES, text)
        text = _numerals(text)
        text = _homophones(text)
    if not _EMOJI_CHARS.isdisjoint(text):
        text = "".join(EMOJI.get(ch, ch) for ch in text).replace("\ufe0f", "")
    if re.search(r"[a-z0-9] [a-z0-9] [a-z0-9] [a-z0-9]|[0-9]-[0-9]-[0-9]-[0-9]", text):
        text = SPACED_LETTERS.sub(lambda m: re.sub("[ -]", "", m.group(0)), text)
    if re.search(r"[a-z]{2,}", text):
        text = _pinyin(text)
    if re.search(r"[a-z]{2,}|666", text):
        for pattern, word in SLANG:
            text = pattern.sub(word, text)
    text = clauses.spoken(english.chinese(text))  # (bot/english.py; "登山登山登山", "我能不报吗，当然报": bot/clauses.py)
    return ordering.ordered(text) if orders else text  # (bot/ordering.py: "下单拔河" → 报名拔河; bot/nlu.py train)


MENTION = re.compile(r"@[^\s,，:：]{1,20}[\s,，:：]*")
# said around an answer to the bot's question, not the answer: "@工会小助手 是的 确认 谢谢🙏"
_CALLED = re.compile(r"(?:^|(?<=\s))@[^\s,，:：@]{1,20}[\s,，:：]*")
_CLOSING = re.compile(r"(?:[\s,，。.!！~～]*(?:谢谢(?:你|您|啦|了|哈|啊)?|多谢|感谢|thx|thanks|thank you|栓q|🙏)+)+[\s,，。.!！~～🙏]*$",
                      re.IGNORECASE)


def bare_answer(text: str) -> str:
    """An answer without the @mention that calls the bot and the thanks that close it ("@工会小助手 匿名
    谢谢🙏" → "匿名"); the text as it was when nothing else is left."""
    if "@" not in text and not _CLOSING.search(text):
        return text
    bare = _CLOSING.sub("", _CALLED.sub("", text)).strip()
    return bare or text


QUOTE = re.compile(r"^[「“\"『\[]?(引用|回复|转发)[^」”\"』\]]{0,200}[」”\"』\]][\s,，:：-]*(回复[:：]?)?\s*")
# what a forward says inside its quotes ("转发…：“何雪老师生了个千金”"); when the words after it only pass
# it on ("跟工会报一下", "麻烦转告工会"), the quoted news is what the teacher wants understood
QUOTED = re.compile(r"[“\"「『](?:(?:引用|转发)[:：]\s*)?([^”\"」』]{4,200})[”\"」』]")
RELAY = re.compile(r"^(麻烦|请|烦请|帮忙|帮我|你们?|您|那)*(跟|给|向|和|报给|转给|转发给|发给|告诉|通知|让)?(工会|组织|委员|领导|你们)?"
                   r"(报|说|登记|反映|转告|转达|知会|备案|汇报|通报|知道|知悉|了解|报备|记|看|关心|慰问)+(一下|一声|下|个备|上)?"
                   r"(给|到)?(工会|组织|委员|领导|你们)?(一下|一声)?[吧哈啊呀了哦呗]*$")
PREAMBLE = re.compile(
    r"^((尊敬的|亲爱的)[^：:，,！!]{0,12}[：:，,！!]\s*)?((您好|你好|领导好|老师好|各位好|早上好|上午好|下午好|晚上好|早安)[吗呀啊哈]?[！!，,。.\s]*)?"
    # ("这么晚打扰了，…", "大半夜的不好意思打扰一下": an apology for the hour, no wish to be left alone)
    r"((这么晚|这么早|这个点|大晚上的?|大半夜的?|深更半夜的?|半夜|深夜|一大早的?)(还)?(来)?(不好意思|冒昧)?(打扰|麻烦)(您|你)?(一下|了|啦)?[！!，,。.\s]+|"
    r"(不好意思|冒昧)?(打扰|麻烦)?(您|你)?(一下|了|啦)?[！!，,。.\s]+)?"
    r"(现就.{0,24}?(咨询|请示|报告|汇报|反映)如下[：:]\s*)?")
NEGATED = re.compile(
    r"(?<!还是)(?<!就)(不是要?|不是想|不是来|先不|暂时不|暂不|没说要|并不是要?|我没要|不)(再)?(报名|报|取消|退|绑定|绑|提建议|提|问活动|问)"
    r"[^，,。！!？?\s]{0,6}[，,。！!？?\s]+"
    r"|^(先别管|别管|先不管|不管)[^，,。！!？?\s]{1,8}[，,。！!？?\s]+"  # "先别管体检了，我就要报羽毛球"
    r"|^(报名|取消|绑定|体检|建议)的?事?(先不急|不急|先放一放|先等等)[了吧]?[，,。！!？?\s]+"  # "报名先不急，…"
    r"|[，,。！!\s]*(我)?(才不|偏不|可不|才舍不得|舍不得)(会|要)?(关|退订)[掉了上]?[呢的啦哦]*(?=$|[，,。！!~～\s])"  # "我才不关呢"
    # said last, as an afterthought: "我报了乒乓球吧？确认下 不是要取消" (never a question: "…不是要取消吗")
    r"|[，,。！!\s]*(?<!还是)(不是要?|不是想|并不是要?|没说要|我没要)(报名|报|取消|退|绑定|绑)[^，,。！!？?\s吗嘛呢]{0,6}[。！!\s]*$")
# a matter put off before the request: "体检的事先不管，我就要报羽毛球"
PUT_OFF = re.compile(r"[^，,。！!？?\s]{1,8}的事(情)?(先|暂时|就)?(不管|不说|放一放|放放|放着|以后再说|不急)(了|吧)?[，,。！!？?\s]+|"
                     r"^[^，,。！!？?\s]{0,4}(退|取消|撤)(了|掉)[^，,。！!？?\s]{0,8}(以后|之后)[，,\s]*")  # "退掉登山以后，…还剩哪些"
# a teacher correcting herself ("退登山 哦不对 是退拔河"): the words of the correction say nothing of what she
# wants (the verb is often only before them: "报乒乓球 哦不对 是羽毛球")
CORRECTION = re.compile(r"[，,。\s]*((哦|噢|呃|啊|哎)(不对|说错了|打错了|写错了)|说错了|打错了|写错了|" + STRUCK + ")"
                        r"[，,。！!\s]*(应该是|我是说|是(?!不是))?\s*")
# voice input or slow typing that puts a space between characters: "体 检 时间", "关联 我的 教工 信息"
SPACED = re.compile(r"^(?:[^\s]{1,2}|[0-9a-z]+)(?:\s+(?:[^\s]{1,2}|[0-9a-z]+)){2,}$")
# a book's or a song's title says what it is called, not what the teacher wants: "读书会那本《给教师的建议》还有位置不"
TITLE = re.compile(r"《[^《》]{1,30}》")


def focus(text: str, excused: bool = True) -> str:
    """The part of a canonical message that says what the teacher wants (see the module's doc). `excused`: an
    apology before a joiner is set aside too ("不好意思再问一下，…"); the training data is read without it, so
    the model stays the one trained before it (retrained on one line's other reading, unrelated margins tipped)."""
    core = MENTION.sub("", text) if "@" in text else text
    core = unquizzed(unreferenced(TITLE.sub("《》", core) if "《" in core else core))  # "…，原因详见值班表", "判断题：…": not asked
    if " " in core and SPACED.match(core.strip()):
        core = re.sub(r"\s+", "", core)
    unquoted = QUOTE.sub("", core).strip()
    quoted = QUOTED.search(core) if unquoted != core else None
    if quoted and (not unquoted or RELAY.match(unquoted.strip(" ,，。.!！~"))):
        unquoted = quoted.group(1) + "," + unquoted  # the forwarded news, then "跟工会报一下"
    core = unquoted or core
    stripped = PREAMBLE.sub("", core, count=1).strip()
    core = stripped if len(stripped) >= 2 else core
    corrected = CORRECTION.sub(" ", core, count=1).strip()
    core = corrected if len(corrected) >= 2 else core
    negated = PUT_OFF.sub("", NEGATED.sub("", core)).strip()
    core = negated if len(negated) >= 2 else core
    requests = split_requests(core)
    if len(requests) > 1 and lead_in_only(requests[0], excused) and len(requests[1]) >= 2:
        # "好的 顺便帮我报个插花沙龙", "国庆快乐！提前祝各位节日快乐。另外说个事 老王住院了", "不好意思再问一下，…"
        requests = requests[1:] if len(requests) > 2 else [requests[1], ""]  # the ok is no request
    if len(requests) > 1 and len(requests[0]) >= 2:
        core = requests[0]
    return core
