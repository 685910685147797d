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

from handlers.care.kinds import classify_event

CLAUSES = re.compile(r"[，,。.！!；;？?：:\s~～…]+")
# an "if": said at the clause's start ("如果我住院了", "请问要是老人去世了"), or closed by 的话 ("老师结婚的话")
IF = re.compile(r"^(请问|问一下|想问问?|那|就是)?(如果|要是|假如|假设|假若|倘若|假使|若是|如若|万一|一旦)|的话(?!题)")
# an animal of hers, the news its own (never "被狗咬伤", "遛狗摔了", "熊猫血"); "小猫小狗" as pets, not as a nickname
PET = re.compile(r"(?<!熊)(猫咪?|狗狗?|宠物|仓鼠|兔子|鹦鹉|金鱼|乌龟|八哥|小鸟|荷兰猪|龙猫)")
PET_HURT_HER = re.compile(r"咬|抓|挠|被|遛|绊|吓|扑|撞|过敏")
# a story: a series, a film, a novel, a game, a show
STORY = re.compile(r"电视剧|连续剧|短剧|(电视|剧|电影|小说|书|游戏|动画|动漫|综艺|戏|故事)(里|中|上)|剧情|男主|女主|主角")
# news called off ("婚礼取消了", "婚事黄了", "手术不做了") or only just escaped ("差点住院", "险些骨折", "幸好没住院")
CALLED_OFF = re.compile(r"(婚礼|婚宴|喜酒|婚事|酒席|婚|手术|退休)[^，,。]{0,4}(取消|黄了|吹了|不办了|不做了|不结了|泡汤|作罢|搞不成|办不成)")
ESCAPED = re.compile(r"差点|差一点|险些|幸好没|还好没|幸亏没|好在没|没想到没")

ASKED_RULE = ("这是在问工会的慰问规定吧？还没有谁真的出事，所以我没有登记为关怀信息。具体标准请咨询工会委员；如果真有老师住院、"
              "家中有丧事、结婚生子等，直接告诉我是谁、什么事就行。")
PETS = ("听起来是家里的小动物，关怀登记（五必访）只为老师本人和家人，这次没有登记。以后老师或家人有喜事或难事（结婚、生育、住院、"
        "退休等），直接告诉我就行。")
NOT_SO = ("明白，听起来这件事并没有真的发生在哪位老师或家人身上，所以没有登记为关怀信息。如果确有老师住院、家中有丧事、结婚生子等，"
          "直接告诉我是谁、什么事就行。")


def _why_unreal(clause: str) -> str | None:
    if IF.search(clause):
        return "if"
    if PET.search(clause) and not PET_HURT_HER.search(clause):
        return "pet"
    if STORY.search(clause) or CALLED_OFF.search(clause) or ESCAPED.search(clause):
        return "not so"
    return None


def unreal_news(norm: str) -> str | None:
    """What to answer when every clause that tells news tells none that happened to someone of ours; else None."""
    told = [c for c in CLAUSES.split(norm) if c and classify_event(c)]
    whys = [_why_unreal(c) for c in told]
    if not told or None in whys:
        return None
    if classify_event("，".join(c for c in CLAUSES.split(norm) if c and c not in told)):
        return None  # news the other clauses tell together ("她爸爸，昨天，走了")
    return ASKED_RULE if "if" in whys else PETS if "pet" in whys else NOT_SO
