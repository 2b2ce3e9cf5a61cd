"""Use cases of the meetings queue (issue 14), called through ``Journal``: importing a
calendar export, the queue matched against the journal as it is now, the quick-entry
form that logs a meeting, assigning an unknown address to an account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from reljournal.core.errors import RelJournalError, ValidationError
from reljournal.core.meetings.matching import Directory, KnownPerson
from reljournal.core.meetings.queue import (
    DISMISSED,
    QUEUED,
    ImportCounts,
    QueuedMeeting,
    match_queue,
)
from reljournal.core.meetings.records import ShouldCancel
from reljournal.core.model import GROUP_CUSTOMER, GROUP_INTERNAL, Stakeholder
from reljournal.core.records import Change
from reljournal.journal.entry_form import EntryForm
from reljournal.journal.undo import Step
from reljournal.store import accounts, meetings, people

DEFAULT_DAYS = 60
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass
class CalendarImport:
    counts: ImportCounts
    me: list[str]
    since: dt.date
    until: dt.date


def clean_addresses(addresses: list[str]) -> list[str]:
    out: list[str] = []
    for address in addresses:
        text = address.strip().lower()
        if text.startswith("mailto:"):
            text = text[7:]
        if "@" not in text or " " in text or text.startswith("@") or text.endswith("@"):
            raise ValidationError(f'"{address}" is not an email address.')
        if text not in out:
            out.append(text)
    return out


def default_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The 60 days up to today."""
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def import_calendar(
    db: Database,
    data: bytes,
    me: list[str] | None,
    since: dt.date | None,
    until: dt.date | None,
    *,
    today: dt.date | None = None,
    should_cancel: ShouldCancel | None = None,
) -> CalendarImport:
    """Read a calendar export and bring the queue in line with it (all or nothing)."""
    addresses = clean_addresses(me) if me else meetings.remembered_me(db)
    if not addresses:
        raise ValidationError(
            "Say which addresses are yours (--me EMAIL): they are remembered afterwards."
        )
    first, last = default_window(today or dt.date.today())
    since = since or (first if until is None else until - dt.timedelta(days=DEFAULT_DAYS - 1))
    until = until or max(last, since)
    if since > until:
        raise ValidationError("The window's first day (--since) is after its last (--until).")
    for day in (since, until):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(
                f"{day.isoformat()} is outside the years a calendar window can cover "
                f"({FIRST_YEAR}–{LAST_YEAR})."
            )
    # the parsing libraries load here, not when the app or another command starts
    from reljournal.core.meetings.occurrences import expand_meetings
    from reljournal.core.meetings.reading import parse_calendar

    source = parse_calendar(data, (since, until))
    expansion = expand_meetings(source, addresses, since, until, should_cancel=should_cancel)
    with db.atomic():
        counts = meetings.replace_meetings(db, expansion)
        if me:
            meetings.remember_me(db, addresses)
    return CalendarImport(counts, addresses, since, until)


def directory(db: Database) -> Directory:
    known = [KnownPerson(*row) for row in meetings.known_people(db)]
    return Directory.build(known, meetings.remembered_me(db))


def queue(db: Database) -> list[QueuedMeeting]:
    names = dict(accounts.account_names(db))
    return match_queue(meetings.list_meetings(db), directory(db), names)


def queued_meeting(db: Database, meeting_id: int) -> QueuedMeeting:
    names = dict(accounts.account_names(db))
    stored = meetings.get_meeting(db, meeting_id)
    return match_queue([stored], directory(db), names)[0]


def form_for_meeting(db: Database, meeting_id: int) -> EntryForm:
    """The quick entry filled in from a queued meeting: account, attendees as people,
    date and time (local), minutes, kind meeting, the event's title."""
    meeting = queued_meeting(db, meeting_id)
    groups = {row[0]: row[3] for row in meetings.known_people(db)}
    team = (
        meeting.account is None
        and not meeting.unmatched
        and all(groups.get(pid) != GROUP_CUSTOMER for pid, _ in meeting.people)
    )
    return EntryForm(
        at=meeting.start.astimezone().replace(tzinfo=None, second=0, microsecond=0),
        account_text=meeting.account or "",
        team=team,
        kind="meeting",
        minutes=meeting.minutes,
        people=[pid for pid, _ in meeting.people],
        title=meeting.title,
        meeting_id=meeting.id,
    )


def assign_address(db: Database, email: str, account_id: int | None, name: str = "") -> int:
    """Add the owner of an unknown address to an account (``None``: the internal team),
    so that every meeting with that address matches them. Returns the person's id."""
    address = clean_addresses([email])[0]
    accounts.get_account(db, account_id) if account_id is not None else None
    label = " ".join(name.split()) or _name_from_address(address)
    group = GROUP_CUSTOMER if account_id is not None else GROUP_INTERNAL
    with db.atomic():
        person_id = people.add_stakeholder(
            db, Stakeholder(name=label, group=group, account_id=account_id, email=address)
        )
        if not meetings.set_person_email(db, person_id, address):
            raise ValidationError(
                f"{label} is already in the journal with another address; give another name."
            )
    return person_id


def _name_from_address(address: str) -> str:
    local = address.split("@", 1)[0]
    words = [w for w in local.replace("_", ".").replace("-", ".").split(".") if w]
    return " ".join(w.capitalize() for w in words) or address


@dataclass
class FeedOutcome:
    """What refreshing the subscription did: the import (of the fresh copy, or of the
    last good one when the fetch failed), and the problem if there was one."""

    result: CalendarImport | None
    fresh: bool
    problem: str = ""


def apply_feed(
    db: Database, data: bytes | None, problem: str = "", *, today: dt.date | None = None
) -> FeedOutcome:
    """Import a freshly fetched copy of the subscribed calendar and keep it as the last
    good copy; without one (offline, or a bad copy), import the last good copy, so that
    meetings of the past days still arrive."""
    if data is not None:
        try:
            with db.atomic():
                result = import_calendar(db, data, None, None, None, today=today)
                meetings.save_feed_copy(db, data)
            return FeedOutcome(result, True)
        except RelJournalError as exc:
            problem = exc.message
    _url, body, _at = meetings.feed(db)
    if body is None:
        return FeedOutcome(None, False, problem)
    try:
        return FeedOutcome(import_calendar(db, body, None, None, None, today=today), False, problem)
    except RelJournalError as exc:
        return FeedOutcome(None, False, problem or exc.message)


# --- undo ---------------------------------------------------------------------------------
def dismissed_step(meeting_id: int, title: str) -> Step:
    """Undo puts a dismissed meeting back on the list."""

    def undo(db: Database) -> Change:
        meetings.set_meeting_state(db, meeting_id, QUEUED)
        return Change(created=True)

    def redo(db: Database) -> Change:
        meetings.set_meeting_state(db, meeting_id, DISMISSED)
        return Change(deleted=True)

    return Step("dismiss_meeting", " ".join(title.split())[:40], undo, redo)


def logged_step(step: Step, meeting_id: int, entry_id: int) -> Step:
    """Undoing the entry that logged a meeting puts the meeting back on the list."""

    def undo(db: Database) -> Change:
        with db.atomic():
            change = step.undo(db)
            meetings.set_meeting_state(db, meeting_id, QUEUED)
        return change

    def redo(db: Database) -> Change:
        with db.atomic():
            change = step.redo(db)
            meetings.mark_logged(db, meeting_id, next(iter(change.entries), entry_id))
        return change

    return Step(step.kind, step.detail, undo, redo)
