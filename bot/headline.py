"""A message written as a news item about oneself (issue 19): "【快讯】理化生组杨磊老师今日宣布出战乒乓球友谊赛",
"【追踪】杨老师本人表示：确认参赛，球拍自带", "【后续】当事人韩冬表示：可以署名"; or as a review is answered: "终审意见：确认报名插花沙龙，无需修改".

A news tag in brackets at the start ("【快讯】", "[后续]", "#热议#") is how the item is headed, not what is said: it is
left out. A speaker put before the words, when the speaker is the sender herself ("本人表示：", "当事人表示：", her own
name or her surname with 老师, "当事人韩冬表示："), is left out too: the words after it are her own answer. Anyone
else's words ("王老师表示：可以署名") stay as they are, reported (never the sender's own answer).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NEWS = (r"快讯|追踪|后续|热议|独家|最新|最新消息|最新进展|突发|重磅|速报|头条|爆料|跟进|更新|现场|简讯|热点|关注|聚焦|官宣|"
         r"特讯|号外|动态|通报|深度|评论|时评|社评|观察|直击|连线|报道|专访")
TAG = re.compile(rf"^\s*(?:(?:[【\[［]\s*(?:{_NEWS})\s*[】\]］]|#\s*(?:{_NEWS})\s*#)\s*[:：]?\s*)+")
# who speaks, the verb of a news report, then a colon or a comma: "杨老师本人表示：", "当事人韩冬回应称，"
SAYS = re.compile(r"^\s*(?:[\u4e00-\u9fff]{1,5}组的?)?(?P<who>(?:当事人|本人|我本人)?[\u4e00-\u9fff]{0,4}?)(?:老师|同志)?(?:本人)?"
                  r"(?:今日|今天|日前|近日|刚刚|随后|再次)?(?:回应|对此)?(?:表示|称|回应|透露|坦言|强调|声明|说道|指出|确认道)"
                  r"\s*[:：，,]\s*(?=\S)")
_CHEAP = re.compile(r"[【\[［#]|表示|回应|透露|坦言|强调|声明|说道|指出|称|意见|结论|批示")
# a verdict's heading before the verdict itself, as a review is answered: "终审意见：确认报名插花沙龙，无需修改",
# "评审结论：同意", "审批意见：实名" (only a reviewer's heading, and only before a yes, a no or a choice: "评审意见：
# 选题新颖…" and "意见：实名制考勤太麻烦" stay as they are)
VERDICT = re.compile(r"^\s*(?:终审|初审|复审|评审|审核|审批|审阅|最终|处理|批复|评议)(?:意见|结论|批示)\s*[:：]\s*"
                     r"(?=(?:同意|不同意|确认|确定|通过|是的?(?:[，,。.！!\s]|$)|好的?(?:[，,。.！!\s]|$)|可以|没问题|实名(?!制)|匿名|署名(?!权)|不署名))")


def unheadlined(text: str, name: Callable[[], str | None]) -> str:
    """The message without its news tag and without the speaker put before her own words; `name` gives the
    sender's name (or None when unknown) and is called only when a speaker is there."""
    if not _CHEAP.search(text):
        return text
    left = TAG.sub("", text, count=1).strip() or text
    left = VERDICT.sub("", left, count=1).strip() or left
    said = SAYS.match(left)
    if said and _is_sender(said.group("who"), name()):
        left = left[said.end():].strip() or left
    return left


def _is_sender(who: str, name: str | None) -> bool:
    bare = re.sub(r"^(当事人|我本人|本人)", "", who)
    if not bare:
        return who != ""
    return bool(name) and len(name) >= 2 and bare in (name, name[:1])
