"""News that did not happen to anyone the union cares for (attack review 27): before, each of these told the
committee of a real illness, death or wedding —

- a question about the union's rule, put as an "if" ("如果我住院了，工会有什么慰问吗", "要是王芳老师住院了，工会会去
  看望吗"): filed as her own (or the colleague's) illness;
- a pet's death or birth ("我家的猫昨天去世了", "我养的狗走了"): filed as a death in her own family;
- a story on the screen or in a book ("电视剧里张伟老师的爸爸去世了，哭死我了");
- news called off or only just escaped ("王芳老师的婚礼取消了" got 新婚快乐, "王芳老师差点住院").

Each clause that carries news is judged on its own: a message is left unfiled only when no clause tells real news
("王芳老师住院了，要是需要手术，工会能帮忙吗" and "如果方便的话帮我登记一下：王芳老师住院了" are still news).
"""

from __future__ import annotations

import re

from handlers.care.kinds import DENIED, RELATION, classify_event

CLAUSES = re.compile(r"[，,。.！!；;？?：:\s~～…]+")
# an "if" over the news itself, said at the clause's start with the news right after it ("如果我住院了", "请问要是老人去世了");
# never an "if" about something else beside news said plainly ("如果可以的话帮我登记一下王芳老师住院了": voice input, no commas).
# (A closing 的话 is left alone: as often a topic marker as an "if" — "我下个月结婚的话，…" is news.)
IF = re.compile(r"^(请问|问一下|想问问?|那|就是)?(如果|要是|假如|假设|假若|倘若|假使|若是|如若|万一|一旦)")


def _if_said(clause: str) -> bool:
    lead = IF.search(clause)
    return bool(lead and classify_event(clause[lead.end():lead.end() + 10]))


# an animal of hers, the news its own (never "被狗咬伤", "遛狗摔了", "熊猫血"); "小猫小狗" as pets, not as a nickname
PET = re.compile(r"(?<!熊)(猫咪?|狗狗?|宠物|仓鼠|兔子|鹦鹉|金鱼|乌龟|八哥|小鸟|荷兰猪|龙猫)")
PET_HURT_HER = re.compile(r"咬|抓|挠|被|遛|绊|吓|扑|撞|过敏")
# a story: a series, a film, a novel, a game, a show
STORY = re.compile(r"电视剧|连续剧|短剧|(电视|剧|电影|小说|书|游戏|动画|动漫|综艺|戏|故事)(里|中|上)|剧情|男主|女主|主角")
# news called off ("婚礼取消了", "婚事黄了", "手术不做了") or only just escaped ("差点住院", "险些骨折", "幸好没住院")
CALLED_OFF = re.compile(r"(婚礼|婚宴|喜酒|婚事|酒席|婚|手术|退休)[^，,。]{0,4}(取消|黄了|吹了|不办了|不做了|不结了|泡汤|作罢|搞不成|办不成)")
ESCAPED = re.compile(r"差点|差一点|险些|幸好没|还好没|幸亏没|好在没|没想到没")
NOT_THIS_ONE = re.compile(r"^(其实|那个)?(并|也)?不是(说)?")  # "不是王芳老师住院，是她学生住院了"
# a guest at someone else's feast or funeral ("张伟老师昨天去参加婚礼了", "她去吃喜酒了"), not a kin's ("去参加她父亲的追悼会")
GUEST = re.compile(r"(去|参加|出席|吃|喝|赶|随)(了|完|个)?[^，,。]{0,6}?(婚礼|喜酒|婚宴|喜宴|满月酒|追悼会|葬礼|告别仪式)")
KIN_OF = re.compile(r"(他|她|我|自己|其)(的|家)?" + RELATION)
# someone outside the family the union cares for: "她学生结婚了", "是她同桌住院了", "我朋友的爸爸去世了" (never "我同学张伟住院了":
# a colleague named after the word; nor 男朋友/女朋友)
OUTSIDER = re.compile(r"(?:她|他|我|我们|你|其|的|个|位)(?:班)?(?:的)?(学生|同桌|同学|朋友|邻居|闺蜜|室友|网友|家长)"
                      r"(?![\u4e00-\u9fa5]{0,3}老师)")  # ("带学生去社会实践…摔下来了": her own fall)

ASKED_RULE = ("这是在问工会的慰问规定吧？还没有谁真的出事，所以我没有登记为关怀信息。具体标准请咨询工会委员；如果真有老师住院、"
              "家中有丧事、结婚生子等，直接告诉我是谁、什么事就行。")
PETS = ("听起来是家里的小动物，关怀登记（五必访）只为老师本人和家人，这次没有登记。以后老师或家人有喜事或难事（结婚、生育、住院、"
        "退休等），直接告诉我就行。")
NOT_SO = ("明白，听起来这件事并没有真的发生在哪位老师或家人身上，所以没有登记为关怀信息。如果确有老师住院、家中有丧事、结婚生子等，"
          "直接告诉我是谁、什么事就行。")


def _why_unreal(clause: str, names: list[str]) -> str | None:
    if _if_said(clause):
        return "if"
    if PET.search(clause) and not PET_HURT_HER.search(clause):
        return "pet"
    if DENIED.search(clause) or NOT_THIS_ONE.match(clause):
        return "another's"  # ("王芳老师没住院，是她同桌住院了": whose the news is not)
    if STORY.search(clause) or CALLED_OFF.search(clause) or ESCAPED.search(clause):
        return "not so"
    if _as_guest(clause) and not classify_event(GUEST.sub("", clause)):
        return "not so"  # ("她吃完喜酒回来就住院了": her stay is news)
    outsider = OUTSIDER.search(clause)
    if outsider and not any(n in clause[outsider.end():] for n in names):
        return "another's"
    return None


def unreal_news(norm: str, names: list[str] = ()) -> str | None:
    """What to answer when every clause that tells news tells none that happened to someone of ours (`names`: the
    members named in the message); else None."""
    told = [c for c in CLAUSES.split(norm) if c and classify_event(c)]
    whys = [_why_unreal(c, list(names)) for c in told]
    if not told or None in whys:
        return None
    if classify_event("，".join(c for c in CLAUSES.split(norm) if c and c not in told)):
        return None  # news the other clauses tell together ("她爸爸，昨天，走了")
    return ASKED_RULE if "if" in whys else PETS if "pet" in whys else NOT_SO


def real_part(text: str, names: list[str] = ()) -> str:
    """The message without its clauses that tell news of no one of ours, for finding whose the news is ("我儿子还没结婚，
    女儿下个月结婚": the daughter's; "王芳老师没住院，张伟老师住院了": 张伟's); the whole text when none or all are such."""
    from bot.nlu import normalize

    clauses = [c for c in CLAUSES.split(text) if c]
    kept = [c for c in clauses if not (classify_event(normalize(c)) and _why_unreal(normalize(c), list(names)) == "another's")]
    if any(re.search(r"(她|他)(的|家)?" + RELATION, c) for c in kept):  # "…，是她爸爸住院了": the one named is hers
        return text
    return "，".join(kept) if kept and len(kept) < len(clauses) and any(classify_event(normalize(c)) for c in kept) else text


def kind_beside_feast(norm: str) -> str:
    """The news's kind once a feast she was only a guest at is left out ("我爸…去参加同事的婚礼，回来摔了一跤骨折了": an
    injury, never a wedding); "" when nothing else is told."""
    return classify_event(GUEST.sub("，", norm)) if _as_guest(norm) else ""


def _as_guest(text: str) -> bool:
    """A feast or funeral she (or they) only attended: no kin of the guest's is its owner ("去参加他父亲的追悼会")."""
    return any(not KIN_OF.search(m.group(0)) and not HOST.search(text[:m.start()]) for m in GUEST.finditer(text))


HOST = re.compile(r"(请|邀请|叫)[^，,。！!]{0,6}$")  # "郭涛老师周六请大家喝喜酒": the host's own feast
