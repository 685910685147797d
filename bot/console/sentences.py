"""The audit log as sentences: "王芳 把 张伟 的手机从 …0575 改为 …5075", "张伟 新建了活动「教师读书会」".

Every entry is (account, action, target, detail): the detail is what the page stored, a JSON object
(or, in old rows, plain text). A sentence is made from the action's pattern, the target named (a 工号
becomes the member's name, "#12 标题" becomes 「标题」) and the detail's fields in words; an action
this module does not know yet (a feature added later) still reads as "王芳 做了什么：对象（字段：值）".
Raw JSON is never shown."""

from __future__ import annotations

import json
import re

from bot.console.words import audience_name, channel_name, parse_when, when

# the detail's keys as written by pages that stored field names (activities, checkups)
FIELDS = {"title": "名称", "kind": "类型", "starts_at": "时间", "place": "地点", "capacity": "名额",
          "deadline": "报名截止", "audience": "对象", "notes": "说明", "start_date": "开始日期",
          "end_date": "结束日期", "closes": "截止", "opens": "开始", "status": "状态", "public": "公示",
          "ends_at": "结束时间", "allow_companions": "可带家属", "max_companions": "每人最多带家属",
          "party": "人数", "guest_name": "现场报名", "department": "交办部门", "due": "办理期限"}
AUDIENCE_KEYS = {"audience", "对象", "范围"}
# the order fields are told in (others follow, as stored)
ORDER = [*FIELDS, "状态", "公示", "角色", "工号", "对象", "范围", "截止", "通知人数", "待发送", "未能送达", "原因", "结果", "备注"]

# action: (sentence, whose target). {who} the account's person, {target} the target named,
# {title} a "#12 标题" target's title. The detail's fields follow, unless the sentence uses them.
SENTENCES = {
    "新建活动": "{who} 新建了活动「{title}」",
    "修改活动": "{who} 修改了活动「{title}」",
    "截止报名": "{who} 立即截止了活动「{title}」的报名",
    "取消活动": "{who} 取消了活动「{title}」",
    "发布活动通知": "{who} 发布了活动「{title}」的通知",
    "新建体检": "{who} 新建了体检「{title}」",
    "登记探望": "{who} 登记了对「{title}」的探望",
    "新建投票": "{who} 新建了投票「{title}」",
    "开始投票": "{who} 开始了投票「{title}」",
    "结束投票": "{who} 结束了投票「{title}」",
    "计票": "{who} 用计票密钥为投票「{title}」计了票",
    "修改会员": "{who} 修改了 {target} 的资料",
    "解除绑定": "{who} 解除了 {target} 的绑定",
    "导入名册": "{who} 导入了名册",
    "答复建议": "{who} 答复了建议 {target}",
    "更新建议": "{who} 更新了建议 {target}",
    "重发推送": "{who} 重发了一条推送",
    "发送测试消息": "{who} 给 {target} 发了一条测试消息",
    "新建账号": "{who} 新建了后台账号 {target}",
    "重设密码": "{who} 重设了账号 {target} 的密码",
    "停用账号": "{who} 停用了账号 {target}",
    "启用账号": "{who} 启用了账号 {target}",
    "修改角色": "{who} 修改了账号 {target} 的角色",
    "关联工号": "{who} 为账号 {target} 关联了工号",
    "修改本人密码": "{who} 修改了自己的密码",
    "处理系统提醒": "{who} 处理了系统提醒",
    "修改体检": "{who} 修改了体检「{title}」",
    "删除体检": "{who} 删除了体检「{title}」",
    "更正关怀记录": "{who} 更正了关怀记录「{title}」",
    "删除关怀记录": "{who} 删除了关怀记录「{title}」",
    "添加报名": "{who} 为活动「{title}」添加了报名",
    "移出报名": "{who} 把一位报名者移出了活动「{title}」",
    "修改报名人数": "{who} 修改了活动「{title}」的报名人数",
    "签到": "{who} 登记了活动「{title}」的签到",
    "办理离职": "{who} 为 {target} 办理了离职",
    "恢复在职": "{who} 为 {target} 恢复了在职",
    "生成绑定码": "{who} 生成了一批一次性绑定码",
    "通知投票": "{who} 通知了投票「{title}」的参加范围",
    "提醒投票": "{who} 提醒了投票「{title}」尚未投票的会员",
    "开启提前提醒": "{who} 开启了投票「{title}」的提前提醒（截止前一天自动提醒尚未投票的会员）",
    "关闭提前提醒": "{who} 关闭了投票「{title}」的提前提醒",
    "修改本人密码：当前密码连续输错，账号锁定": "{who} 修改密码时连续输错当前密码，账号已锁定",
}
_TITLED = re.compile(r"^#(\d+)\s*(.*)$")


class Namer:
    """Names for accounts and 工号 (looked up once per page)."""

    def __init__(self, store) -> None:
        self.store = store
        self._accounts: dict[str, str] | None = None

    def who(self, username: str) -> str:
        if username in ("(命令行)", "（命令行）"):
            return "管理员（在服务器命令行）"
        if self._accounts is None:
            self._accounts = {}
            for row in self.store.admin_users.all():
                member = self.store.members.by_staff_no(row["staff_no"]) if row["staff_no"] else None
                self._accounts[row["username"]] = member.name if member else ""
        name = self._accounts.get(username)
        return f"{name}（账号 {username}）" if name else f"账号 {username}"

    def member(self, staff_no: str) -> str:
        member = self.store.members.by_staff_no(staff_no) if staff_no else None
        return f"{member.name}（{staff_no}）" if member else staff_no


def value_words(key: str, value, today) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "（空）"
    if isinstance(value, dict) and ("原" in value or "新" in value):
        return f"从 {value_words(key, value.get('原'), today)} 改为 {value_words(key, value.get('新'), today)}"
    if isinstance(value, list):
        return "、".join(value_words(key, v, today) for v in value)
    text = str(value)
    if key in AUDIENCE_KEYS:
        return audience_name(text)
    if key in ("渠道", "channel"):
        return channel_name(text) if text.isascii() else text
    if parse_when(text) is not None and re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return when(text, today)
    return text


def detail_words(detail, today, skip: tuple[str, ...] = ()) -> str:
    """The detail's fields as "名称：…；时间：…" (a field from → to as "手机从 …0575 改为 …5075")."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail) if detail.strip().startswith("{") else detail
        except ValueError:
            pass
    if isinstance(detail, str):
        return detail.strip()
    if not isinstance(detail, dict):
        return ""
    parts = []
    for key, value in sorted(detail.items(), key=lambda kv: ORDER.index(kv[0]) if kv[0] in ORDER else len(ORDER)):
        if key in skip or value in ("", None, {}, []):
            continue
        label = FIELDS.get(key, key)
        words = value_words(key, value, today)
        parts.append(f"{label}{words}" if words.startswith("从 ") else f"{label}：{words}")
    return "；".join(parts)


def sentence(row: dict, namer: Namer, today) -> str:
    """One audit entry as a sentence a chair reads without help."""
    action, target, detail = row["action"], row.get("target") or "", row.get("detail") or ""
    who = namer.who(row["username"])
    titled = _TITLED.match(target)
    title = titled.group(2) if titled else target
    named = namer.member(target) if re.fullmatch(r"\w{1,12}", target) and not target.isalpha() else target
    if action == "修改身份信息":
        fields = fields_of(detail)
        name = f"{fields.get('姓名', '')}（{target}）" if fields.get("姓名") else namer.member(target)
        return (f"{who} 把 {name} 的{fields.get('字段', '资料')}从 {fields.get('原') or '（空）'} "
                f"改为 {fields.get('新') or '（空）'}")
    if action == "重发推送":
        fields = fields_of(detail)
        whom = fields.get("对象", "")
        whom = namer.member(whom) if whom and not str(whom).isalpha() else channel_name(str(whom)) if whom else "—"
        return f"{who} 重发了给 {whom} 的推送，结果：{fields.get('结果', '—')}"
    if action == "导入名册" and fields_of(detail).keys() >= {"新增", "更新"}:
        fields = fields_of(detail)
        return (f"{who} 导入了名册：新增 {fields['新增']} 人，更新 {fields['更新']} 人"
                + (f"，{fields['未变']} 人没有变化" if fields.get("未变") else ""))
    pattern = SENTENCES.get(action)
    if pattern is None:  # an action added after this module: still a sentence, never JSON
        text = f"{who} {action}" + (f"：{title}" if title else "")
    else:
        text = pattern.format(who=who, target=named or "—", title=title or "—")
    words = detail_words(detail, today, skip=("title", "名称") if titled else ())
    return text + (f"（{words}）" if words else "")


def fields_of(detail) -> dict:
    try:
        value = json.loads(detail) if isinstance(detail, str) and detail else detail
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
