"""What a teacher reads while signing up and cancelling (handlers/signup.py): the confirmation, its
outcomes and the answers about cancelling, in one place."""

from __future__ import annotations

from handlers._common import fmt_dt
from storage.activities import audience_label

CONFIRM = "确认报名「{title}」{party}吗？\n{details}\n回复“是”确认，回复“否”放弃。"
CONFIRMED = "报名成功！「{title}」{party}\n时间：{when}\n地点：{place}\n如需取消，回复“取消报名{short}”。"
WAITLISTED = "「{title}」名额已满，已为您登记候补，目前排第 {n} 位。有人取消时会按顺序递补，并第一时间通知您。"
WAITLISTED_PARTY = ("「{title}」剩余名额不够 {party} 人，已为您（共 {party} 人）登记候补，目前排第 {n} 位。"
                    "空出的名额够 {party} 人时会按顺序递补，并第一时间通知您。")
NO_COMPANIONS = ("「{title}」这次不接受携带家属，只能老师本人报名。\n要只为您本人报名吗？"
                 "回复“是”为您一人报名，回复“否”放弃。")
TOO_MANY = ("「{title}」每位老师最多可带 {k} 位家属（连您一共 {most} 人）。\n要按 {most} 人为您报名吗？"
            "回复“是”确认，回复“否”放弃。")
OUTCOMES = {
    "already_confirmed": "您已经报名了「{title}」，无需重复报名。回复“我的报名”可查看全部。",
    "already_waitlisted": "您已在「{title}」的候补名单中，目前排第 {n} 位。",
    "deadline": "「{title}」的报名已于 {deadline} 截止。如有特殊情况，请联系{contact}。",
    "audience": "「{title}」面向{audience}，这次不在您的参加范围内。回复“最近有什么活动”看看其他活动吧。",
    "cancelled": "「{title}」已取消，不再接受报名。",
    "started": "「{title}」已经开始或结束了，不能再报名。",
}
CONFIRM_MANY = "确认报名以下 {n} 个活动吗？\n{items}\n回复“是”全部报名，回复“否”放弃。"
CHOOSE = "找到几个相关的活动，请回复编号：\n{items}"
ONE_OF = "这几个活动您想报哪一个？请回复编号（都想报就回复“都报”）：\n{items}"
PICK_FROM_OPEN = "没有找到您说的活动。目前可以报名的有：\n{items}\n请回复编号报名。"
NOT_HELD = "没有找到名为「{name}」的活动。目前可以报名的有：\n{items}\n请回复编号报名。"
DECLINED = "好的，已放弃报名。"
UNDECIDED = "好的，先不为您报名，您慢慢考虑。想好了随时回复“报名{title}”（或“还是报吧”）。"
# asked again, in other words, when the answer to a confirmation was not clear
SAME_DAY = "对，就是{when}那场「{title}」。"
CONFIRM_HELD = "好的，您先看看，不着急。想报「{title}」就回复“是”，不报就回复“否”。"
CONFIRM_AGAIN = "要报名「{title}」吗？要报就回复“是”，不报就回复“否”。"
# a yes on a condition only she knows ("要是没课的话——确认。"): whether to sign up now, asked (signup22)
CONFIRM_IF = ("报名要现在定下来：现在就为您报名「{title}」吗？到时真有事，回复“取消报名{short}”就能取消。\n"
              "要报就回复“是”，不报就回复“否”。")
NOT_THIS = "好的，「{title}」不给您报。"  # declined beside a sign-up for another ("读书会我还是不报了…插花那个我想报")
CONFIRM_MANY_AGAIN = "要报名「{titles}」这 {n} 个活动吗？回复“是”全部报名，回复“否”放弃。"
ALONE_AGAIN = "「{title}」这次只限老师本人参加，家属不能同去。\n您本人还报名吗？回复“是”为您一人报名，回复“否”放弃。"
ALONE_NOTE = "\n（这次只限老师本人参加，家属不能同去。）"
ALONE_FOR = "「{title}」这次只限老师本人参加，家属不能同去。"
CANCEL_ASK = "要取消「{title}」的报名吗？回复“是”确认。"
CANCEL_REASON = "要帮您取消「{title}」的报名吗？回复“是”取消，回复“否”保留报名。"
CANCEL_AGAIN = "请回复“是”确认取消，或回复“否”保留报名。"
ALREADY_CANCELLED = "「{title}」的报名已经为您取消了。需要再报时回复“报名{short}”。"
CANCELLED_OK = "已为您取消「{title}」的报名。"
LEFT_WAITLIST = "已将您移出「{title}」的候补名单。"
NOTHING_TO_CANCEL = "您目前没有进行中的报名。"
NOT_SIGNED_NOTHING = "好的，知道了。您没有报名「{title}」，不用取消，也没有什么要办的。"  # ("拔河我去不了了", none signed)
CANCEL_WHICH = "您报名了以下活动，要取消哪一个？请回复编号：\n{items}"
NOT_SIGNED_FOR = "您没有报名「{title}」。回复“我的报名”查看已报名的活动。"
RESTORED = "好的，已为您恢复「{title}」的报名。\n{outcome}"
OFFER = "好的，先不报「{title}」。改主意的话回复“还是报吧”，我就为您报上。"  # a no to the activity just shown
KEPT = "好的，「{titles}」的报名保持不变。"
FULL_SO_OTHER = "「{title}」的名额已经报满了，按您说的改报另一个。"  # "羽毛球要是满了就报读书会"


def blocked_text(activity, outcome, contact: str) -> str:
    """Why a sign-up cannot happen (storage/signups.py `precheck`), or what came of it besides a place."""
    key = f"already_{outcome.signup_status}" if outcome.status == "already" else outcome.status
    return OUTCOMES[key].format(title=activity.title, n=outcome.position, audience=audience_label(activity.audience),
                                deadline=fmt_dt(activity.deadline_at) if activity.deadline_at else "", contact=contact)

# the rules, asked before deciding ("报了临时去不了会怎么样？扣不扣分", "候补的话会通知吗？有人退出会不会自动补上")
RULES = {
    "cancel": "报名后临时去不了，回复“取消报名{short}”就能取消，不扣分，也不影响以后报名；越早取消越好，空出的名额会按顺序递补给候补的老师。",
    "waitlist": "名额满了也可以报，会登记为候补，按报名先后排队；有人取消时自动按顺序递补，不用再报一次，递补上了会第一时间通知您。",
}
