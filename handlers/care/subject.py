"""Who a care report is about (split off handlers/care/__init__.py, leave22): a roster name anywhere in the message,
with the group as a tie-breaker; quoted words in the first person; her own family; a title or a nickname."""

from __future__ import annotations

import re
from types import SimpleNamespace

from bot.nlu import normalize
from bot.normalize import MENTION
from handlers._common import in_chinese, latin_name
from handlers.care.dates import NOT_THAT_DAY, SELF_CORRECTED
from handlers.care.either import sibling_word
from handlers.care.kinds import RELATION
from handlers.care.names import DESCRIBED, EPITHET, SIGNED, SUBJECT_RE, by_surname, helpers_out
from handlers.care.own import (
    MY_RELATIVE,
    OWN_KIN,
    SELF_ABOUT_RE,
    SELF_ASIDE,
    SELF_RE,
    VOCATIVE,
    as_me,
    formal_parent,
    own_clause,
    quoted_parts,
    said_self,
)

# a brother or sister after the name, said as theirs ("王芳的姐姐", "王芳她哥哥"; "王芳姐姐" may be 王芳 herself, called
# 姐姐): the news is the sibling's (it told the committee 王芳 had died: attack review 25)
SIBLING_AFTER = re.compile(r"(老师|主任|校长|同志|书记|师傅|老前辈|前辈)?((他|她)的?|的)(亲|家)?"
                           r"(?P<sib>姐姐|哥哥|弟弟|妹妹|姐夫|妹夫|嫂子|弟媳|姐|哥|弟|妹)(?![子们儿])")


def find_subject(text: str, roster: list | None = None, reporter=None) -> tuple[str, int | None]:
    """(who the news is about, their member id when the roster says so unambiguously). Roster names
    are looked for anywhere in the message ("特此告知工会：数学组王建军老师因心脏不适…"), with the group
    as a tie-breaker; otherwise a title or a nickname ("王老师", "小李", "老钱的母亲"); "我…结婚" is 本人."""
    norm = NOT_THAT_DAY.sub("", MENTION.sub("", normalize(text)))  # "不是林晓燕 是谢婷婷": the one it is
    norm = VOCATIVE.sub("", norm)  # "小同志，跟你们说一声，我…": the bot addressed, nobody named
    norm = in_chinese(norm, roster or [])  # "my colleague Song Jian": 宋健 (handlers/_common.py)
    norm = SIGNED.sub(" ", helpers_out(norm, roster or []))  # "课已经请陈静老师帮忙代了", "发布人：郑秀英": not the one
    marks = list(SELF_CORRECTED.finditer(norm))
    if marks and marks[-1].start() > 0:  # "张伟 不对不对 是赵敏": the one said last, when it names someone
        said_last = find_subject(norm[marks[-1].end():], roster, reporter)
        if said_last[0] and said_last[0] != "本人":
            return said_last
    relation = None
    for member in sorted(roster or [], key=lambda m: -len(m.name)):
        if len(member.name) >= 2 and member.name in norm and (reporter is None or member.id != reporter.id) \
                and not _only_denied(member.name, norm):
            same = [m for m in roster if m.name == member.name]
            if len(same) > 1:
                same = [m for m in same if m.group_name and m.group_name in norm] or same
            if len(same) == 1:
                after = norm[norm.index(member.name) + len(member.name):]
                # ("王芳姐姐的母亲", "冯浩师傅他爸": a title of respect between the name and the relative)
                rel = re.match(r"(老师|主任|校长|同志|书记|师傅|老前辈|前辈|大姐|大哥|姐姐|哥哥|姐|哥|阿姨)?(他|她)?的?(家)?" + RELATION, after)
                relation = rel.group(4) if rel else None
                sibling = None if rel else SIBLING_AFTER.match(after)  # "王芳的姐姐去世了": her sister, never 王芳
                relation = relation or (sibling["sib"] if sibling else None)
                bare, only = (None, False) if rel or sibling else sibling_word(member.name, member.gender or "", after)
                relation = relation or (bare if only else None)  # "张伟姐姐住院了": he is no 姐姐, it is his sister
                return (f"{member.name}的{relation}" if relation else member.name), (None if relation else member.id)
    quoted = _quoted(norm, roster or [], reporter)  # "小唐让我转达：“我父亲上周六去世了”": 我 is 小唐
    if quoted is not None:
        return quoted
    parent = formal_parent(norm)  # "家母于今日凌晨仙逝", "先父昨日病逝": the member's own parent
    if parent and not MY_RELATIVE.search(norm):
        return f"{reporter.name if reporter is not None else '本人'}的{parent}", None
    mine = MY_RELATIVE.search(norm)  # "我爸下个月做个小手术", "我父亲前天去世了": the member's family
    if mine and reporter is not None and norm[mine.end():].lstrip(" ，,").startswith(reporter.name):
        return "本人", None  # "我外婆赵淑芬 前儿个住的院": typed for the account's holder, who is the one
    if mine:
        return f"{reporter.name if reporter is not None else '本人'}的{mine.group(1)}", None
    bare = OWN_KIN.match(norm)  # "媳妇昨晚生了", "老婆前天生了": nobody else named, her own family
    if bare and not SUBJECT_RE.search(norm):
        return f"{reporter.name if reporter is not None else '本人'}的{bare.group(1)}", None
    norm = as_me(norm)  # "额今儿个早上骑车摔了", "报告，本号即将满级退服": 我 as it is said (handlers/care/own.py)
    if latin_name(norm) and "我" not in norm:  # "zhang wei dong was hospitalized": someone the roster does not know
        return "", None
    clauses = [c for c in re.split(r"[，,。；;！!：:\s]+", norm) if c]  # "跟工会说一声 我要退休了": a clause of its own
    if any(SELF_RE.search(SELF_ASIDE.sub("我", c)) for c in [norm, *clauses[1:]]) or said_self(norm) or (
            any(own_clause(c, roster or [], reporter) for c in clauses)) or (
            reporter is not None and reporter.name in norm):
        return "本人", None
    for m in sorted(SUBJECT_RE.finditer(norm), key=lambda m: bool(DESCRIBED.match(m.group(2)))):
        if m.group(2) and not re.search(r"[个位些]|^(是|我|您|你|有)", m.group(2)):  # "有个老师" names nobody
            known = by_surname(m, norm, roster or [], reporter)
            if known is not None:
                relation = m.group(4)  # groups: 1 where, 2 who (3 its title), 4 a relative
                return (f"{known.name}的{relation}" if relation else known.name), (None if relation else known.id)
            return EPITHET.sub("", m.group(0))[:30], None
    if SELF_ABOUT_RE.search(norm):
        return "本人", None
    return "", None


def _quoted(norm: str, roster: list, reporter) -> tuple[str, int | None] | None:
    """Quoted words in the first person are the speaker's: (who, member id) or None when nothing is quoted so."""
    parts = quoted_parts(norm)
    if parts is None:
        return None
    speaker, speaker_id = find_subject(parts[0], roster, reporter)
    if not speaker or speaker.startswith("本人") or re.search(RELATION + "$", speaker):  # a relative speaks for herself
        return None
    as_member = next((p for p in roster if p.id == speaker_id), None) or SimpleNamespace(name=speaker, id=None)
    said, said_id = find_subject(parts[1], roster, as_member)
    if not said or said == "本人":
        return speaker, speaker_id
    return (speaker + said[2:], None) if said.startswith("本人的") else (said, said_id)


def _only_denied(name: str, norm: str) -> bool:
    """"…住院的是梁红老师 不是郭涛": a name said only after 不是 is the one it is not."""
    return all(norm[max(0, i - 2):i] == "不是" for i in (m.start() for m in re.finditer(re.escape(name), norm)))
