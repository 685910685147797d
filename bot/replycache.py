"""A repeated read-only question answered again without the router (issue 23, eleventh round).

"最近有什么活动" asked by fifty teachers in the same minute gets fifty identical answers, and each one ran
every feature's claims hook, the classifier's cached reading and the handler. Here the router keeps the
replies of a message that (a) answers no open question (no conversation, none expired), (b) ran exactly
one intent from CACHEABLE, (c) wrote nothing (neither database, no conversation saved or cleared, no
keyed per-user hash computed: a suggestion's tray is found that way), (d) gave no sensitive reply; and
answers the same text on the same channel in the same minute with them, until the main database changes.

What else the answer may depend on is who asks: while the replies are first computed, the member is a
WatchedMember that notes which fields were read, and a later asker gets them only when those fields are
equal (the activity list reads her audience: active, gender, status, group). Her own name is read by the
suggestion hook that takes it out of the text ("实名就实名 张三提的"): an asker whose name shares no
character with the words, and whom the replies do not name (neither her name nor "王老师"), is alike in
it to any other such asker (the name can match nothing in what she wrote and is in nothing answered);
anyone else needs the same name. An answer that names its asker otherwise must not be CACHEABLE.

Kept: the text, the minute, the audience fields and replies, never who asked (no user id, no member id
unless a handler read it, and then only beside the replies it gave: a question, not a suggestion, since
nothing written and nothing sensitive is kept). Per process, at most ENTRIES texts, dropped when the main
database changes (`Database.version`, one look per message inside `one_look`).
"""

from __future__ import annotations

import threading

from bot.messages import IncomingMessage, Reply
from bot.nlu import normalize
from storage.members import MEMBER_COLUMNS, Member
from storage.versions import stamp, still

CACHEABLE = frozenset({"activity_query", "greeting", "checkup_query"})  # answers that only read (see the tests)
ENTRIES = 512
VARIANTS = 64  # askers unlike in what was read (a text's answer per audience): more, and the text starts over
FIELDS = frozenset(MEMBER_COLUMNS) | {"active", "is_committee"}
NAME_UNSEEN = "\x00name unseen"  # the value kept for a name the words and the replies do not hold (`_unseen`)
TITLES = ("老师", "主任", "同志", "姐", "哥")


class WatchedMember(Member):
    """A copy of the asker that remembers which of its attributes were read."""

    __slots__ = ("_read",)

    def __getattribute__(self, name: str):
        object.__getattribute__(self, "_read").add(name)
        return object.__getattribute__(self, name)


def _fields(member: Member) -> tuple:
    return tuple(object.__getattribute__(member, f) for f in MEMBER_COLUMNS)


def watched(member: Member) -> WatchedMember:
    copy = WatchedMember(*_fields(member))
    object.__setattr__(copy, "_read", set())
    return copy


def read_fields(member: WatchedMember) -> set[str]:
    return object.__getattribute__(member, "_read")


def reply_key(msg: IncomingMessage, now) -> tuple:
    return msg.channel, msg.chat_id, msg.text, (now.year, now.month, now.day, now.hour, now.minute)


class ReplyCache:
    def __init__(self) -> None:
        self._kept: tuple = (None, {})  # (the main database's version, key → [(needs, seen, replies)])
        # replies whose reads named only versioned tables (storage/versions.py): key → (stamp, [(needs,
        # seen, replies)]), good while those tables' counters are (a sign-up, another worker's last use)
        self._tabled: dict[tuple, list] = {}

    def get(self, version, key: tuple, member: Member | None, versions=None) -> list[Reply] | None:
        """`versions`: a function giving the versioned tables' counters now (looked at only when a
        reply kept by them is there for this key)."""
        kept_version, entries = self._kept
        if kept_version == version:
            found = _pick(entries.get(key, ()), member)
            if found is not None:
                return found
        tabled = self._tabled.get(key)
        if tabled is not None and versions is not None and still(tabled[0], versions()):
            return _pick(tabled[1], member)
        return None

    def carry(self, before, after) -> None:
        """Kept replies stay good across a write they cannot depend on (the asker's hourly last use)."""
        if self._kept[0] == before:
            self._kept = (after, self._kept[1])

    def keep(self, version, key: tuple, member: WatchedMember | None, replies: list[Reply],
             stamped: tuple | None = None) -> None:
        """`stamped`: the counters of the versioned tables the replies were read from (else they are
        good until anything in the main database changes)."""
        if member is None:
            needs, seen = None, (frozenset(), "")
        else:
            read = set(read_fields(member))
            if not read <= FIELDS:  # a method, the class, a copy's fields as a whole…: not told apart
                return
            seen = (frozenset(key[2] + normalize(key[2])), "".join(r.text for r in replies))
            needs = tuple(sorted(
                (f, NAME_UNSEEN if f == "name" and _unseen(object.__getattribute__(member, f), seen)
                 else object.__getattribute__(member, f))
                for f in read))
        if stamped is not None:
            kept = self._tabled.get(key)
            if kept is None or kept[0] != stamped or len(kept[1]) >= VARIANTS:  # (older counters: gone)
                if len(self._tabled) >= ENTRIES:
                    self._tabled.clear()
                kept = self._tabled[key] = (stamped, [])
            kept[1].append((needs, seen, tuple(replies)))
            return
        kept_version, entries = self._kept
        if kept_version != version:
            entries = {}
            self._kept = (version, entries)
        elif len(entries) >= ENTRIES:
            entries.clear()
        variants = entries.setdefault(key, [])
        if len(variants) >= VARIANTS:
            variants.clear()
        variants.append((needs, seen, tuple(replies)))


def _pick(variants, member: Member | None) -> list[Reply] | None:
    for needs, seen, replies in variants:
        if needs is None:
            if member is None:
                return list(replies)
        elif member is not None and _alike(member, needs, seen):
            return list(replies)
    return None


def _unseen(name: str, seen: tuple[frozenset, str]) -> bool:
    """The asker's name can have made no difference: no character of it is in the words (the hooks
    that read it look for it in them), and the replies hold neither the name nor its surname with a
    title ("王老师"), as an answer that names her would."""
    words, replies = seen
    return words.isdisjoint(name) and name not in replies and not any(name[:1] + t in replies for t in TITLES)


def _alike(member: Member, needs: tuple, seen: tuple[frozenset, str]) -> bool:
    for field, value in needs:
        mine = getattr(member, field)
        if value is NAME_UNSEEN:
            if not _unseen(mine, seen):
                return False
        elif mine != value:
            return False
    return True


class KeptReplies:
    """The router's side (mixed into bot.engine.Router): `_fresh_kept` in place of `_fresh` for a message
    that answers no open question; `_watching` for the contexts made while a reply is first computed."""

    def _init_kept(self) -> None:
        self._kept_here = threading.local()  # .cache: this thread's ReplyCache (see `_replies`)
        self._watch = threading.local()  # .member (WatchedMember | None), .ran (intents run) while computing

    @property
    def _replies(self) -> ReplyCache:
        """The replies kept by this thread: a version is its own connection's (each thread has its own,
        with its own data_version and total_changes), and another thread's numbers can equal one from
        before a change (a new connection starts where an old one stood)."""
        cache = getattr(self._kept_here, "cache", None)
        if cache is None:
            cache = self._kept_here.cache = ReplyCache()
        return cache

    def _seen_kept(self, channel: str, user_id: str) -> None:
        """channel_users.seen, whose hourly write of the asker's last use no kept reply read (CACHEABLE's
        answers never look at it): what was kept before it stays good after it."""
        db = self.store.db
        written = db.conn.total_changes
        self.store.channel_users.seen(channel, user_id)
        if db.conn.total_changes != written:
            after = db.version()
            self._replies.carry((after[0], written), after)

    def _fresh_kept(self, ctx, fresh) -> list[Reply]:
        from storage.scratch import keyed

        store = self.store
        db = store.db
        version, key, member = db.version(), reply_key(ctx.msg, self.clock.now()), ctx.member
        replies = self._replies.get(version, key, member, lambda: db.table_versions(version))
        if replies is not None:
            return replies
        versions = db.table_versions(version)  # (before the replies read: a commit between makes them old)
        watch = self._watch
        watch.member = None if member is None else watched(member)
        watch.ran = []
        ctx._member = watch.member
        before = store.scratch.conn.total_changes, keyed.calls
        try:
            with db.reading() as read:
                replies = fresh(ctx)
            ran, asker = watch.ran, watch.member
        finally:
            watch.member = watch.ran = None
        if ran and len(ran) == 1 and ran[0] in CACHEABLE and db.version() == version \
                and (store.scratch.conn.total_changes, keyed.calls) == before and not store.conversations.changing() \
                and not any(r.sensitive for r in replies):
            self._replies.keep(version, key, asker, replies, stamp(read, versions))
        return replies

    def _watching(self, msg: IncomingMessage) -> WatchedMember | bool:
        """The member for a context made now: while a reply is first worked out, the watched asker if she
        is still the one bound (a binding in this very message makes another: looked up as usual, and
        its write keeps nothing); else False (looked up as usual)."""
        member = self._watch.member if getattr(self._watch, "ran", None) is not None else None
        if member is None:
            return False
        now = self.store.bindings.member_for(msg.channel, msg.user_id)
        return member if now is not None and _fields(now) == _fields(member) else False

    def _ran(self, name: str) -> None:
        self._watch.last = name  # (bot/several.py _once: was the message understood at all?)
        ran = getattr(self._watch, "ran", None)
        if ran is not None:
            ran.append(name)
