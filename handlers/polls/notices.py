"""Telling a poll's eligible members about it, through the outbox, with the same routing as activity
announcements (handlers/activities/announce.py `broadcast`: a member who cannot be reached gets a
skipped row saying why).

- `announce_poll`: the poll to every member its audience allows (kind `poll_announcement`), once per
  member whatever is run again.
- `remind`: the eligible members who have not voted yet (kind `poll_reminder`), once per member and
  reminder round (a round is a day: run it twice the same day and nobody hears twice). Whether someone
  voted is not secret (`poll_voters`); how they voted is, and a reminder reads nothing else: it never
  touches the ballots.
"""

from __future__ import annotations

import json
import secrets

from bot.registry import registry
from handlers.activities.announce import Announced, broadcast
from storage.activities import audience_label
from storage.polls import PollError, poll_audience_allows

registry.push_kind("poll_announcement", "投票通知")
registry.push_kind("poll_reminder", "投票提醒")

ANNOUNCE = ("【工会投票】{title}\n投票时间：{opens} 至 {closes}\n投票范围：{audience}，共 {n} 题，无记名投票。\n"
            "回复“{words}”即可参加；投票后会收到收据码，截止前可凭收据码修改。")
REMIND = ("【投票提醒】“{title}”将于 {closes} 截止，您还没有投票。回复“投票”即可参加"
          "（无记名投票：系统只记录您是否投过票，不记录您的选择）。")


def audience_name(audience: str) -> str:
    return "教代会代表" if audience == "delegates" else audience_label(audience)


def eligible(store, poll: dict) -> list:
    return [m for m in store.members.all_active() if poll_audience_allows(poll["audience"], m)]


def announce_poll(bot, poll_id: int) -> Announced:
    poll = bot.store.polls.get(poll_id)
    if poll is None:
        raise PollError(f"没有编号为 {poll_id} 的投票")
    if poll["status"] not in ("未开始", "进行中"):
        raise PollError("投票已经截止，不能再通知")
    text = ANNOUNCE.format(title=poll["title"], opens=poll["opens_at"], closes=poll["closes_at"], words=words(poll),
                           audience=audience_name(poll["audience"]), n=len(poll["questions"]))
    return broadcast(bot, eligible(bot.store, poll), text, kind="poll_announcement", occasion=f"poll:{poll_id}",
                     key=lambda m: f"poll_announcement|{poll_id}|{m.id}", label="投票通知",
                     payload=lambda m: button_payload(poll, m.id))


def words(poll: dict) -> str:
    """What a teacher replies to vote in this poll (handlers/polls `named_poll` finds it by its title)."""
    return f"投票 {poll['title']}"


def button_payload(poll: dict, member_id: int) -> str:
    """A channel with buttons shows the announcement with 去投票 (bot/push.py `payload_of`, type button):
    企业微信 a card whose button calls back `vote:<id>` (handlers/polls/tap.py; task_id unique per
    member), 钉钉 a card whose button sends `words` for the teacher. The same for every member but the
    task_id, which is random: nothing in it names a ballot."""
    return json.dumps({
        "type": "button", "desc": "工会投票通知", "title": poll["title"], "button": "去投票", "key": f"vote:{poll['id']}",
        "words": words(poll), "rows": [["开始", poll["opens_at"]], ["截止", poll["closes_at"]],
                                       ["范围", audience_name(poll["audience"])], ["题数", f"共 {len(poll['questions'])} 题，无记名"]],
        "task_id": f"vote-{poll['id']}-{member_id}-{secrets.token_hex(4)}"}, ensure_ascii=False)


def remind(bot, poll_id: int) -> Announced:
    store = bot.store
    poll = store.polls.get(poll_id)
    if poll is None:
        raise PollError(f"没有编号为 {poll_id} 的投票")
    if poll["status"] != "进行中":
        raise PollError("只能提醒进行中的投票")
    voted = store.polls.voters(poll_id)
    members = [m for m in eligible(store, poll) if m.id not in voted]
    day = bot.clock.today().isoformat()
    text = REMIND.format(title=poll["title"], closes=poll["closes_at"])
    return broadcast(bot, members, text, kind="poll_reminder", occasion=f"poll:{poll_id}",
                     key=lambda m: f"poll_reminder|{poll_id}|{day}|{m.id}", label="投票提醒")
