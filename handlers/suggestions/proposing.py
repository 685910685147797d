"""A proposal asked as a question ("体检能不能加个骨密度检查嘛", "是否可以考虑给女老师体检加个乳腺检查",
"为什么不把登山活动安排在周末呢") or wished for ("望增加骨密度检查"): a change asked of the checkup, an activity or the canteen for everyone is
a suggestion, claimed by the feature (the classifier's features stay as they were). A question about
joining ("体检能不能带家属", "登山能不能带孩子", "我能不能加一个名额") or one's own turn ("体检可以改期吗")
stays a question."""

from __future__ import annotations

import re

from bot.nlu import normalize

# the asking: "能不能", "可不可以", "能否", "是否可以考虑", "为什么不", "咋不"
_ASKED = r"(能不能|能不|可不可以|可以不可以|能否|可否|是否(可以|能|能够)?(考虑)?|可以考虑|为什么不|为啥不|为甚不|咋不|怎么不|干嘛不)"
# a change to the thing itself, for everyone: "加个", "增加", "多安排一天", "改到周六", "安排在周末", "开到七点"
_CHANGE = (r"(给[^，,。？?\s]{1,8})?(把[^，,。？?\s]{1,8})?((?<!参)加(?!入|班|油|我)|增加|添|添加|增设|增开|加装|多(加|安排|开|做|组织|办|设|放|给|划)|换成|换个|换本|换一|换到|换掉|改成|改为|"
           r"划|搞|安排|补|装(个|一个|些|上)|修(一下|好|修)|搭设|搭建|搭(个|一个|几个|些|上)|(准)?备(些|点|上|好|足)|设置|"
           r"改到|改在|挪到|放到|安排在|放在|调到|调整|延长|开到|开放|组织|开设|设(个|一个|立)|少(安排|放)|提供|配(个|备)|"
           # a room or a thing made for everyone: "弄一间母婴室", "建个哺乳室", "腾出一间空屋子"
           r"(弄|建|腾出?|隔出?)(个|一个|一间|间|几间|一处|一块|块|一台|台|些|点))")
PROPOSAL = re.compile(_ASKED + r"[^，,。？?!！]{0,12}?" + _CHANGE)
# or wished for, as an older teacher writes it: "望增加骨密度检查", "恳请工会考虑…增设", "盼明年能加上", "体检宜增加"
_WISHED = r"((?<![看探失希盼期渴观仰声威名])望|希望|盼望?|期望|期盼|恳请|恳求|敬请|呼吁|(?<![便适事合])宜)"
WISHED = re.compile(_WISHED + r"[^，,。？?!！]{0,12}?" + _CHANGE)
# or begun like a yes ("可以在食堂多开个窗口吗", "能给办公室装个空调吗"): a question that asks for the change
BEGUN_AS_YES = re.compile(r"^(请问)?(可以|能|能够)(?!不)[^，,。？?!！]{2,12}?" + _CHANGE + r"[^，,。!！]*([吗么嘛]|[？?])")
# or wished for as a pity ("要是食堂能便宜点就好了", "如果图书馆周末也开就好了"): about the school's things, or a change
_PITY = re.compile(r"^(要是|如果|假如|若是|倘若|真希望)[^，,。？?!！]{2,24}(就好了|就更好了|该多好|多好)")
_THINGS = re.compile(r"食堂|饭堂|饭菜|菜价|伙食|早餐|午餐|饮水机|打印|网速|停车|车位|厕所|卫生间|空调|暖气|电梯|澡堂|浴室|"
                     r"校车|班车|图书馆|体育馆|操场|办公室|活动室|工会|学校|福利|体检|活动")
# or offered as a counsellor's stratagem: "亮有一策，献于工会", "臣有一计", "献上一策", "此策若行" (a counsel to the union)
OFFERED = re.compile(r"(献|进|呈)(上|于[^，,。]{0,4})?(一|此|良|妙|小)?(策|计)(?!划)|有一(策|计|言)(?!划)|此(策|计)若(行|成|用|被采纳)|献策|献计")
# one's own part in it, not a change for everyone: joining, bringing someone, one's own day or slot
_OWN = re.compile(r"(?<![们家])我(?!们)|本人|报(?!告|道|纸|销)|带(家属|孩子|小孩|家人|爱人|老公|老婆|娃|朋友)|报名|名额|候补|补报|请假|改期|换(个)?时间|"
                  r"单独|提前走|晚点到|不去|去不了")


# care news with a question about the union's visit ("郭涛老师的母亲前天去世了，工会是否安排慰问？"): no proposal
NEWS = re.compile(r"慰问|看望|探望|去世|过世|病逝|住院|手术|结婚|生了|生孩子|走了")
# nor help asked for one colleague ("他不肯自己说，替他报一下，看工会能不能给申请个困难补助"): more of the care news told
# about him, not a change for everyone ("能不能提高困难补助的标准", "给困难老师们多发点补助" still propose)
_AID = re.compile(r"补助|救助|帮扶|补贴|慰问金|困难")
_ONE_PERSON = re.compile(r"(?<![其吉])(他|她)(?![们人])")


def proposes(text: str) -> bool:
    """Whether the message asks for a change for everyone, as a question: a proposal."""
    t = normalize(text)
    if OFFERED.search(t) and not NEWS.search(t):
        return True
    found = PROPOSAL.search(t) or WISHED.search(t) or BEGUN_AS_YES.search(t)
    if found is None and (pity := _PITY.search(t)) and _THINGS.search(pity.group()) and not NEWS.search(t):
        return not _OWN.search(pity.group())
    if found is None or NEWS.search(t) or (_AID.search(t) and _ONE_PERSON.search(t)):
        return False
    clause = re.split(r"[，,。；;！!？?\s]", t[:found.end()])[-1] + re.split(r"[，,。；;！!？?\s]", t[found.end():])[0]
    return not _OWN.search(clause)  # (a cancellation asked is left to the classifier: it may be her sign-up)
