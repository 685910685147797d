"""The roster: `members import FILE [--dry-run]` / `members export FILE` in .csv or .xlsx (openpyxl),
and the binding actions `members code|bindings|unbind` (handlers/roster/bindings_cli.py).

Columns (first row, Chinese headers): 工号, 姓名, 性别, 出生日期, 生日历法, 闰月, 手机, 工会小组, 状态, 角色,
optionally 教代会代表 (是/否: who votes in the delegates' polls), and optionally 企业微信账号, 钉钉账号 (platform userids: the member is reachable there from the import on).
Import never destroys: a column the file does not carry, or a blank cell, leaves the stored value
alone (a new member gets the defaults); a change of 状态 (to 离职 or back) happens only where the
file says so, and the summary lists it on its own line. Every row is checked first; any error is
reported with its row number and nothing is imported. `--dry-run` prints the summary and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass, field

from bot.cli import command, group
from bot.registry import registry
from bot.spreadsheet import TableError, read_table, write_table
from handlers.roster.bindings_cli import add_member_commands
from handlers.roster.leaving import member_left
from storage.members import ROSTER_FIELDS

HEADERS = list(ROSTER_FIELDS)
# Optional: the member's platform userid. The platform vouches for it (its own directory), so the
# member is bound from the day of import and recognised on first message, without a bind step.
ACCOUNT_COLUMNS = {"企业微信账号": "wecom", "钉钉账号": "dingtalk"}
# Optional flags, 是/否: 教代会代表 (who votes in a poll for the delegates, handlers/polls).
FLAG_COLUMNS = {"教代会代表": "delegate"}
ALL_HEADERS = HEADERS + list(FLAG_COLUMNS) + list(ACCOUNT_COLUMNS)
REQUIRED = ["工号", "姓名"]
# the allowed values, in the order a person reads them (errors, the form, the template's drop-downs)
CHOICES = {"性别": ["男", "女"], "生日历法": ["公历", "农历"], "闰月": ["否", "是"], "教代会代表": ["否", "是"],
           "状态": ["在职", "退休", "离职"], "角色": ["会员", "工会委员", "管理员"]}
DEFAULTS = {"生日历法": "公历", "闰月": "否", "教代会代表": "否", "状态": "在职", "角色": "会员"}
EXAMPLE_MARK = "示例"  # the 工号 of the template's example row (handlers/roster/template.py): skipped
STAFF_NO_FORMAT = re.compile(r"[0-9]{3,10}")  # what binding accepts (handlers/_common.STAFF_NO_RE)
# Who can reach a member: the phone's last four digits prove a binding, a platform account binds at once.
# Changing them is an identity act: only a 管理员 does it (console), every change is audited (phones
# masked) and the member's existing accounts are told.
IDENTITY_FIELDS = ("手机", *ACCOUNT_COLUMNS)
IDENTITY_WORDS = {"手机": "手机号", "企业微信账号": "企业微信账号", "钉钉账号": "钉钉账号"}
IDENTITY_NOTICE = ("【安全提醒】{name}老师，您在工会小助手登记的{fields}已被工会修改。"
                   "如非本人要求，请立即联系{contact}。")
NOTICE_CHANNELS = ("wecom", "dingtalk", "wechat")
DEFAULT_CONTACT = "工会办公室"


class RosterError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def read_rows(path: str, name: str | None = None) -> list[list[str]]:
    """The file's rows within the limits of bot/spreadsheet.py; `name` is what messages call the file."""
    try:
        return read_table(path, name)
    except TableError as exc:
        raise RosterError([str(exc)]) from None


def _check_date(value: str, lunar: bool, leap: bool) -> str:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value)
    if not m:
        raise ValueError("出生日期格式应为 YYYY-MM-DD")
    y, mo, d = (int(g) for g in m.groups())
    if lunar:
        from lunar_python import LunarYear

        if not (1 <= mo <= 12 and 1 <= d <= 30):
            raise ValueError("农历日期超出范围")
        if leap and LunarYear.fromYear(y).getLeapMonth() != mo:
            raise ValueError(f"农历 {y} 年没有闰{mo}月")
    else:
        try:
            dt.date(y, mo, d)
        except ValueError:
            raise ValueError(f"出生日期格式无效：{value} 不是真实存在的公历日期") from None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _clean(value: str) -> str:
    """Full-width digits and letters folded (NFKC) for the coded columns; text trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def _bad_text(value: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in value) or value.startswith(("=", "+", "@"))


def member_row(member, store=None) -> dict[str, str]:
    """A stored member as roster cells (with the platform accounts when a store is given)."""
    row = {"工号": member.staff_no, "姓名": member.name, "性别": member.gender, "出生日期": member.birth_date,
           "生日历法": member.birth_calendar, "闰月": "是" if member.birth_leap else "否", "手机": member.phone,
           "工会小组": member.group_name, "状态": member.status, "角色": member.role,
           "教代会代表": "是" if member.delegate else "否"}
    if store is not None:
        for h, channel in ACCOUNT_COLUMNS.items():
            row[h] = store.bindings.user_on(channel, member.id) or ""
    return row


def mask(field_name: str, value: str) -> str:
    """A phone as its last four digits (…0575) for the audit log; accounts as they are."""
    if field_name == "手机" and value:
        return "…" + value[-4:]
    return value


@dataclass
class IdentityChange:
    """One member's phone or platform account changed by the plan (`taken`: an account the file gives
    to another member, which this member loses)."""

    member_id: int
    staff_no: str
    name: str
    field: str
    old: str
    new: str
    row: int
    taken: bool = False


@dataclass
class ImportPlan:
    """What an import does: members added, fields changed per member, members left as they were, and
    the identity changes among them (phones and platform accounts)."""

    added: list[dict[str, str]] = field(default_factory=list)
    updated: list[tuple[dict[str, str], dict[str, tuple[str, str]]]] = field(default_factory=list)
    unchanged: int = 0
    identity: list[IdentityChange] = field(default_factory=list)
    row_of: dict[str, int] = field(default_factory=dict)  # 工号 → its row in the file
    example_skipped: bool = False

    def identity_lines(self) -> list[str]:
        """What needs a 管理员: per row and member, the fields; and each account taken from someone."""
        own: dict[tuple[int, str, str], list[str]] = {}
        taken = []
        for c in self.identity:
            if c.taken:
                taken.append(f"第 {c.row} 行：{c.field}“{c.old}”现属于 {c.staff_no} {c.name}")
            else:
                own.setdefault((c.row, c.staff_no, c.name), []).append(c.field)
        return [f"第 {row} 行 {staff_no} {name}：{'、'.join(fields)}" for (row, staff_no, name), fields in own.items()] + taken

    def summary(self) -> list[str]:
        lines = [f"新增 {len(self.added)} 人，更新 {len(self.updated)} 人，未变 {self.unchanged} 人。"]
        for row in self.added:
            lines.append(f"  新增 {row['工号']} {row['姓名']}")
        for row, changes in self.updated:
            parts = "；".join(f"{h}：{old or '（空）'} → {new}" for h, (old, new) in changes.items())
            lines.append(f"  更新 {row['工号']} {row['姓名']}：{parts}")
        moves = [(row, changes["状态"]) for row, changes in self.updated if "状态" in changes]
        for row, (old, new) in moves:
            if "离职" in (old, new):
                effect = "（将解除其绑定，不再收到推送，也不能报名）" if new == "离职" else ""
                lines.append(f"  注意：{row['工号']} {row['姓名']} 状态由“{old}”改为“{new}”{effect}")
        for c in self.identity:
            lines.append(f"  注意：{c.staff_no} {c.name} 的{c.field}将被修改（只有管理员可以导入；本人现有的账号会收到提醒）")
        return lines


def plan_import(store, rows: list[list[str]]) -> ImportPlan:
    """Validate every row against the file and the stored roster; raise RosterError listing all
    problems with their row numbers. Nothing is written."""
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise RosterError(["文件是空的"])
    header = [_clean(h) for h in rows[0]]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise RosterError([f"第 1 行缺少列：{'、'.join(missing)}（表头应为：{', '.join(HEADERS)}）"])
    unknown = [h for h in header if h and h not in ALL_HEADERS]
    errors = [f"第 1 行有未知列：{'、'.join(unknown)}"] if unknown else []
    repeated = sorted({h for h in header if h in ALL_HEADERS and header.count(h) > 1})
    if repeated:
        errors.append(f"第 1 行列名重复：{'、'.join(repeated)}")
    index = {h: i for i, h in enumerate(header) if h in ALL_HEADERS}
    plan, seen, rows_of = ImportPlan(), {}, {}
    for n, row in enumerate(rows[1:], start=2):
        given = {h: (row[i] if i < len(row) else "").strip() for h, i in index.items()}
        given = {h: (_clean(v) if h != "姓名" and h != "工会小组" else v) for h, v in given.items() if v}
        if given.get("工号") == EXAMPLE_MARK:  # the template's example row
            plan.example_skipped = True
            continue
        problems = [f"{h}不能为空" for h in REQUIRED if not given.get(h)]
        staff_no = given.get("工号", "")
        if staff_no and not STAFF_NO_FORMAT.fullmatch(staff_no):
            problems.append(f"工号“{staff_no[:20]!s}”应为 3 到 10 位数字")
        for h in ("姓名", "工会小组"):
            if h in given and (_bad_text(given[h]) or len(given[h]) > 30):
                problems.append(f"{h}含有不允许的字符或过长")
        for h in ACCOUNT_COLUMNS:
            if h in given and not re.fullmatch(r"[A-Za-z0-9_.@-]{1,64}", given[h]):
                problems.append(f"{h}“{given[h][:20]}”应为平台的 userid（字母、数字、_ . @ -）")
        for h, allowed in CHOICES.items():
            if h in given and given[h] not in allowed:
                problems.append(f"{h}“{given[h]}”无效（应为 {'、'.join(allowed)} 之一）")
        if staff_no in seen:
            problems.append(f"工号 {staff_no} 与第 {seen[staff_no]} 行重复")
        seen[staff_no] = n
        if "手机" in given and not re.fullmatch(r"1\d{10}", given["手机"]):
            problems.append(f"手机“{given['手机']}”应为 11 位数字（以 1 开头）")
        existing = store.members.by_staff_no(staff_no) if staff_no and not problems else None
        stored = member_row(existing, store) if existing else {h: DEFAULTS.get(h, "") for h in ALL_HEADERS}
        merged = {**stored, **given}
        if "出生日期" in given or (merged["出生日期"] and ("生日历法" in given or "闰月" in given)):
            try:
                merged["出生日期"] = _check_date(merged["出生日期"], merged["生日历法"] == "农历", merged["闰月"] == "是")
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            errors.append(f"第 {n} 行：" + "；".join(problems))
            continue
        rows_of[staff_no] = n
        if existing is None:
            plan.added.append(merged)
            continue
        changes = {h: (stored[h], merged[h]) for h in ALL_HEADERS if merged[h] != stored[h]}
        if changes:
            plan.updated.append((merged, changes))
        else:
            plan.unchanged += 1
    if errors:
        raise RosterError(errors)
    plan.identity = _identity_changes(store, plan, rows_of)
    plan.row_of = rows_of
    return plan


def _identity_changes(store, plan: ImportPlan, rows_of: dict[str, int]) -> list[IdentityChange]:
    found = []
    for cells, changes in plan.updated:
        member = store.members.by_staff_no(cells["工号"])
        found += [IdentityChange(member.id, member.staff_no, member.name, h, *changes[h], rows_of[member.staff_no])
                  for h in IDENTITY_FIELDS if h in changes]
    given = [(cells, set(ACCOUNT_COLUMNS)) for cells in plan.added] + [(c, set(ch)) for c, ch in plan.updated]
    for cells, columns in given:  # an account the file gives away is taken from the member who has it
        for h, channel in ACCOUNT_COLUMNS.items():
            owner = store.bindings.member_for(channel, cells[h]) if h in columns and cells.get(h) else None
            if owner is not None and owner.staff_no != cells["工号"]:
                found.append(IdentityChange(owner.id, owner.staff_no, owner.name, h, cells[h], "",
                                            rows_of[cells["工号"]], taken=True))
    return found


def _fields(cells: dict[str, str]) -> dict:
    """Roster cells → member columns (the account columns are bindings, not member columns)."""
    fields = {ROSTER_FIELDS[h]: (int(v == "是") if h == "闰月" else v) for h, v in cells.items() if h in ROSTER_FIELDS}
    return fields | {FLAG_COLUMNS[h]: int(v == "是") for h, v in cells.items() if h in FLAG_COLUMNS}


def _bind_accounts(store, staff_no: str, cells: dict[str, str]) -> None:
    member = store.members.by_staff_no(staff_no)
    for h, channel in ACCOUNT_COLUMNS.items():
        if cells.get(h):
            store.bindings.bind(channel, cells[h], member.id)


def import_roster(store, path: str, dry_run: bool = False, *, actor: str = "命令行",
                  contact: str = DEFAULT_CONTACT) -> ImportPlan:
    """All or nothing; with dry_run, nothing at all. Returns what was (or would be) done."""
    plan = plan_import(store, read_rows(path))
    if not dry_run:
        apply_plan(store, plan, actor=actor, contact=contact)
    return plan


def apply_plan(store, plan: ImportPlan, *, actor: str, contact: str = DEFAULT_CONTACT) -> None:
    """Write a checked plan in one transaction (the console plans, shows the preview, then applies).
    Each identity change is audited under `actor` (phones masked), and each member concerned is told
    on the accounts they had before the change."""
    with store.transaction():
        reach = {c.member_id: [b for b in store.bindings.for_member(c.member_id) if b["channel"] in NOTICE_CHANNELS]
                 for c in plan.identity}
        for cells in plan.added:
            store.members.upsert(**_fields(cells))
            _bind_accounts(store, cells["工号"], cells)
        for cells, changes in plan.updated:  # only the fields that change
            changed = {h: new for h, (_, new) in changes.items()}
            store.members.upsert(staff_no=cells["工号"], **_fields(changed))
            _bind_accounts(store, cells["工号"], changed)
        leaving = [c for c in plan.added if c["状态"] == "离职"]
        leaving += [c for c, changes in plan.updated if changes.get("状态", ("", ""))[1] == "离职"]
        for cells in leaving:  # as the console's 办理离职: no bindings, codes or pending pushes left
            member_left(store, store.members.by_staff_no(cells["工号"]).id)
        _tell_identity_changes(store, plan.identity, reach, actor, contact)


def _tell_identity_changes(store, changes: list[IdentityChange], reach: dict[int, list[dict]], actor: str,
                           contact: str) -> None:
    import secrets

    for c in changes:
        store.audit.add(actor, "修改身份信息", c.staff_no,
                        {"姓名": c.name, "字段": c.field, "原": mask(c.field, c.old), "新": mask(c.field, c.new)})
    for member_id, accounts in reach.items():
        mine = [c for c in changes if c.member_id == member_id]
        text = IDENTITY_NOTICE.format(name=mine[0].name, contact=contact,
                                      fields="、".join(dict.fromkeys(IDENTITY_WORDS[c.field] for c in mine)))
        for b in accounts:
            store.outbox.enqueue("identity_change", member_id, text, occasion="identity", channel=b["channel"],
                                 target=b["user_id"],
                                 dedup_key=f"identity_change|{member_id}|{b['channel']}|{b['user_id']}|{secrets.token_hex(6)}")


def export_rows(store) -> list[list[str]]:
    return [ALL_HEADERS] + [list(member_row(m, store).values()) for m in store.members.all()]


def export_roster(store, path: str) -> int:
    try:
        return write_table(path, ALL_HEADERS, export_rows(store)[1:], title="会员名册")
    except TableError as exc:
        raise RosterError([str(exc)]) from None


def _cmd_import(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    try:
        plan = import_roster(bot.store, args.file, dry_run=args.dry_run,
                             contact=bot.config.get("bot", "admin_contacts") or DEFAULT_CONTACT)
    except RosterError as exc:
        print(f"导入失败，没有做任何修改。请修正以下 {len(exc.errors)} 处问题后重试：", file=sys.stderr)
        for line in exc.errors:
            print(f"  {line}", file=sys.stderr)
        return 1
    head = "试运行（没有写入任何数据）：" if args.dry_run else "导入完成："
    lines = plan.summary()
    print(head + lines[0])
    for line in lines[1:]:
        print(line)
    return 0


def _cmd_export(args) -> int:
    from bot.cli import make_bot

    bot = make_bot(args)
    try:
        n = export_roster(bot.store, args.file)
    except RosterError as exc:
        raise SystemExit(str(exc)) from None
    print(f"已导出 {n} 名会员到 {args.file}")
    return 0


@registry.cli
def _cli(sub) -> None:
    inner = group(sub, "members", "the roster (import, export) and bindings (code, bindings, unbind)")
    im = command(inner, "import", "import or update members from .csv or .xlsx (all or nothing)", _cmd_import)
    im.add_argument("file", help="roster file: .csv (UTF-8 or GBK) or .xlsx")
    im.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    ex = command(inner, "export", "export all members to .csv or .xlsx", _cmd_export)
    ex.add_argument("file", help="output file: .csv or .xlsx")
    add_member_commands(inner)
